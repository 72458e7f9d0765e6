package io.energylakehouse.etl.raw;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Something a parser refused: a line it could not read, or (with no line number) the whole payload.
 * It goes to {@code curated.quarantine} with its reason; the payload's bytes stay in the raw store.
 */
public record RejectedRecord(
        Optional<Integer> lineNumber,
        Optional<String> record,
        String reason,
        Optional<String> locationId,
        Optional<Instant> intervalStartUtc,
        Optional<LocalDate> operatingDate)
{
    public RejectedRecord
    {
        requireNonNull(lineNumber, "lineNumber is null");
        requireNonNull(record, "record is null");
        requireNonNull(reason, "reason is null");
        requireNonNull(locationId, "locationId is null");
        requireNonNull(intervalStartUtc, "intervalStartUtc is null");
        requireNonNull(operatingDate, "operatingDate is null");
    }

    public static RejectedRecord line(int lineNumber, String line, String reason)
    {
        return new RejectedRecord(Optional.of(lineNumber), Optional.of(line), reason, Optional.empty(), Optional.empty(), Optional.empty());
    }

    public static RejectedRecord wholePayload(String reason)
    {
        return new RejectedRecord(Optional.empty(), Optional.empty(), reason, Optional.empty(), Optional.empty(), Optional.empty());
    }
}
