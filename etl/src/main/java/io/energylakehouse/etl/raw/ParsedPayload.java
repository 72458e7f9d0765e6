package io.energylakehouse.etl.raw;

import io.energylakehouse.common.table.TableSpec;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * What a source's parser made of one payload: records for its raw table, rejected lines, and what the
 * operator said about itself (errors, generation time, the window the content covers).
 *
 * @param dataset the canonical dataset these records feed, for quarantine rows
 * @param contentKey the request key the content itself shows (report, run, window), used for replayed files
 * @param publishedAtUtc when the operator generated the payload, if it says so
 */
public record ParsedPayload(
        FetchOutcome outcome,
        String dataset,
        TableSpec rawTable,
        List<? extends RawRecord> records,
        List<RejectedRecord> rejected,
        Optional<String> operatorErrorCode,
        Optional<String> detail,
        Optional<String> contentKey,
        Optional<Instant> publishedAtUtc,
        Set<LocalDate> operatingDates)
{
    public ParsedPayload
    {
        requireNonNull(outcome, "outcome is null");
        requireNonNull(dataset, "dataset is null");
        requireNonNull(rawTable, "rawTable is null");
        records = List.copyOf(requireNonNull(records, "records is null"));
        rejected = List.copyOf(requireNonNull(rejected, "rejected is null"));
        requireNonNull(operatorErrorCode, "operatorErrorCode is null");
        requireNonNull(detail, "detail is null");
        requireNonNull(contentKey, "contentKey is null");
        requireNonNull(publishedAtUtc, "publishedAtUtc is null");
        operatingDates = Set.copyOf(new TreeSet<>(requireNonNull(operatingDates, "operatingDates is null")));
    }

    public static ParsedPayload rejected(String dataset, TableSpec rawTable, String reason)
    {
        return new ParsedPayload(FetchOutcome.REJECTED, dataset, rawTable, List.of(), List.of(RejectedRecord.wholePayload(reason)),
                Optional.empty(), Optional.of(reason), Optional.empty(), Optional.empty(), Set.of());
    }

    public static ParsedPayload operatorAnswer(FetchOutcome outcome, String dataset, TableSpec rawTable, String code, String description)
    {
        return new ParsedPayload(outcome, dataset, rawTable, List.of(), List.of(), Optional.of(code), Optional.of(description),
                Optional.empty(), Optional.empty(), Set.of());
    }
}
