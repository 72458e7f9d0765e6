package io.energylakehouse.etl.curate;

import java.time.Instant;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * What a connector's curation step makes of one payload's raw records, in plain Java: canonical price rows (no
 * revision yet: {@link PriceRows#withRevisions} numbers them across payloads) and the records it refused, each
 * with its reason and the record as JSON for the quarantine.
 */
public record CanonicalPrices(List<PriceRow> rows, List<Rejected> rejected)
{
    public CanonicalPrices
    {
        rows = List.copyOf(requireNonNull(rows, "rows is null"));
        rejected = List.copyOf(requireNonNull(rejected, "rejected is null"));
    }

    /** A record refused for a key (location and interval start, either null where the record lacks it). */
    public record Rejected(String locationId, Instant intervalStartUtc, String reason, String record)
    {
        public Rejected
        {
            requireNonNull(reason, "reason is null");
        }
    }
}
