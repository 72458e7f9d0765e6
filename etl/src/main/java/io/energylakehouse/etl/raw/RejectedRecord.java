package io.energylakehouse.etl.raw;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Something a parser refused: a line it could not read, or (with no line number) the whole payload.
 * It goes to {@code curated.quarantine} with its reason; the payload's bytes stay in the raw store.
 *
 * @param market the record's own market where a payload holds several and the line says which; empty means
 *        the parser's {@link PayloadParser#market()}
 */
public record RejectedRecord(
        Optional<Integer> lineNumber,
        Optional<String> record,
        String reason,
        Optional<String> locationId,
        Optional<Instant> intervalStartUtc,
        Optional<LocalDate> operatingDate,
        Optional<String> market)
{
    public RejectedRecord
    {
        requireNonNull(lineNumber, "lineNumber is null");
        requireNonNull(record, "record is null");
        requireNonNull(reason, "reason is null");
        requireNonNull(locationId, "locationId is null");
        requireNonNull(intervalStartUtc, "intervalStartUtc is null");
        requireNonNull(operatingDate, "operatingDate is null");
        requireNonNull(market, "market is null");
    }

    /** A record of a payload whose records all belong to the parser's market. */
    public RejectedRecord(Optional<Integer> lineNumber, Optional<String> record, String reason, Optional<String> locationId, Optional<Instant> intervalStartUtc,
            Optional<LocalDate> operatingDate)
    {
        this(lineNumber, record, reason, locationId, intervalStartUtc, operatingDate, Optional.empty());
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
