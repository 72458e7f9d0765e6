package io.energylakehouse.etl.raw;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.apache.spark.sql.functions.col;

/**
 * What readers of a raw table may use: the rows a landing committed. A landing writes its raw rows, then its
 * {@code raw.fetch_log} rows, both with its landing id; a raw row counts only where the log records its fetch id
 * with that landing id (null-safe, so rows and log rows from before landing ids existed still match). Rows of a run
 * that died before its fetch-log commit, or lost a race to land the same payload, are left out.
 */
public final class LandedRows
{
    private LandedRows() {}

    /**
     * The raw rows of committed fetches whose outcome is {@code parsed}, with the fetch's {@code published_at_utc};
     * without {@code landing_id}, which only decides what counts.
     */
    public static Dataset<Row> committed(Dataset<Row> raw, Dataset<Row> fetchLog)
    {
        require(raw, "raw", List.of("fetch_id", Landing.LANDING_ID));
        require(fetchLog, "fetchLog", List.of("fetch_id", Landing.LANDING_ID, "outcome", "published_at_utc"));
        Dataset<Row> fetches = fetchLog.where(col("outcome").equalTo(FetchOutcome.PARSED.code()))
                .select(col("fetch_id").as("_log_fetch_id"), col(Landing.LANDING_ID).as("_log_landing_id"), col("published_at_utc"));
        return raw.join(fetches, col("fetch_id").equalTo(col("_log_fetch_id")).and(col(Landing.LANDING_ID).eqNullSafe(col("_log_landing_id"))))
                .drop("_log_fetch_id", "_log_landing_id", Landing.LANDING_ID);
    }

    /** A fetch the log committed with outcome {@code parsed}: the landing that owns its raw rows, and its publication time. */
    public record CommittedFetch(String landingId, java.time.Instant publishedAtUtc)
    {
        /** Whether a raw row with this landing id is the committed one (null-safe, as {@link #committed} compares). */
        public boolean owns(String rowLandingId)
        {
            return java.util.Objects.equals(landingId, rowLandingId);
        }
    }

    /**
     * {@link #committed} for readers that hold raw rows on the driver: per fetch id, read straight from the fetch log's
     * files (one row per payload ever landed).
     */
    public static java.util.Map<String, CommittedFetch> committedFetches(io.energylakehouse.common.table.Lakehouse lakehouse)
    {
        java.util.Map<String, CommittedFetch> committed = new java.util.HashMap<>();
        for (org.apache.iceberg.data.Record fetch : lakehouse.scan(io.energylakehouse.common.table.CanonicalTables.FETCH_LOG,
                org.apache.iceberg.expressions.Expressions.equal("outcome", FetchOutcome.PARSED.code()), List.of("fetch_id", Landing.LANDING_ID, "published_at_utc"))) {
            committed.put((String) fetch.getField("fetch_id"), new CommittedFetch((String) fetch.getField(Landing.LANDING_ID),
                    io.energylakehouse.common.table.Lakehouse.instant(fetch.getField("published_at_utc"))));
        }
        return committed;
    }

    private static void require(Dataset<Row> input, String name, List<String> columns)
    {
        Set<String> available = Set.of(input.columns());
        List<String> missing = new ArrayList<>(columns.stream().filter(column -> !available.contains(column)).toList());
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("Cannot select committed raw rows: " + name + " lacks columns " + missing + " (has " + available + ")");
        }
    }
}
