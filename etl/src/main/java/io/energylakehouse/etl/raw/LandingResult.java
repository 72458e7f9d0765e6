package io.energylakehouse.etl.raw;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * What a landing run did.
 *
 * @param payloadsNew payloads landed for the first time (their bytes were new for their request key)
 * @param payloadsAlreadyLanded identical bytes seen before: nothing was written for them
 * @param outcomes new payloads per outcome (parsed, no_data, operator_error, rejected)
 * @param operatingDates every operating date the payloads (new or already landed) hold records for
 * @param rejectedPayloads payloads of the input rejected whole, new or landed before (bytes kept, reason quarantined)
 */
public record LandingResult(
        int payloadsNew,
        int payloadsAlreadyLanded,
        Map<FetchOutcome, Integer> outcomes,
        long rowsParsed,
        long rowsRejected,
        Set<LocalDate> operatingDates,
        List<String> messages,
        List<RejectedPayload> rejectedPayloads)
{
    public LandingResult
    {
        outcomes = Map.copyOf(requireNonNull(outcomes, "outcomes is null"));
        operatingDates = Set.copyOf(requireNonNull(operatingDates, "operatingDates is null"));
        messages = List.copyOf(requireNonNull(messages, "messages is null"));
        rejectedPayloads = List.copyOf(requireNonNull(rejectedPayloads, "rejectedPayloads is null"));
    }

    public int outcome(FetchOutcome outcome)
    {
        return outcomes.getOrDefault(outcome, 0);
    }
}
