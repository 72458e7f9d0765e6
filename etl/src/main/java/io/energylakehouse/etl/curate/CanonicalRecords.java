package io.energylakehouse.etl.curate;

import io.energylakehouse.common.table.TableSpec;
import org.apache.spark.sql.Row;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * What a connector's curation step makes of one payload's raw records for a canonical table other than
 * {@code curated.market_prices} ({@code curated.fx_rates}, {@code curated.spot_prices}, {@code curated.fundamentals}):
 * rows in the order of {@code table}'s columns with {@code revision} null (the shared curation numbers revisions across
 * payloads with {@link Revisions#number}) and the records it refused, each with its reason.
 */
public record CanonicalRecords(TableSpec table, List<Row> rows, List<CanonicalPrices.Rejected> rejected)
{
    public CanonicalRecords
    {
        requireNonNull(table, "table is null");
        rows = List.copyOf(requireNonNull(rows, "rows is null"));
        rejected = List.copyOf(requireNonNull(rejected, "rejected is null"));
    }
}
