package io.energylakehouse.etl.curate;

import io.energylakehouse.common.time.MarketTime;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.List;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_compact;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.from_utc_timestamp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.to_utc_timestamp;
import static org.apache.spark.sql.functions.unix_seconds;
import static org.apache.spark.sql.functions.when;

/**
 * Market-independent transforms of {@code curated.market_prices} rows. Pure {@code Dataset -> Dataset};
 * every market's curation calls these after its own source-specific shaping.
 */
public final class MarketPrices
{
    public static final List<String> KEY_WITHOUT_REVISION = List.of("market", "dataset", "location_id", "interval_start_utc");
    public static final List<String> PRICE_COLUMNS = List.of("price_per_mwh", "energy_per_mwh", "congestion_per_mwh", "loss_per_mwh", "ghg_per_mwh");
    public static final List<String> COMPONENT_COLUMNS = PRICE_COLUMNS.subList(1, PRICE_COLUMNS.size());

    /** Flag raised when the total differs from the sum of its non-null components beyond the tolerance. */
    public static final String TOTAL_MISMATCH = "total_mismatch";
    /** dq flag of a row whose energy component the source does not publish: derived as total - congestion - loss. */
    public static final String ENERGY_DERIVED = "energy_derived";
    /** Flag raised when a payload repeated a record with identical values (collapsed to one). */
    public static final String DUPLICATE_ROWS_COLLAPSED = "duplicate_rows_collapsed";

    private MarketPrices() {}

    /** Local midnight starting an operating date, as an instant. */
    public static Column dayStartUtc(Column operatingDate, MarketTime time)
    {
        return to_utc_timestamp(operatingDate.cast("timestamp"), time.zone().getId());
    }

    /**
     * Adds {@code operating_date} (the local calendar day of the interval start) and {@code hour_ending}
     * (elapsed hours since local midnight, plus one: 1..23 on a spring-forward day, 1..25 on a fall-back day).
     */
    public static Dataset<Row> withOperatingTime(Dataset<Row> prices, MarketTime time)
    {
        Columns.require(prices, "withOperatingTime", "interval_start_utc");
        Dataset<Row> dated = prices.withColumn("operating_date", to_date(from_utc_timestamp(col("interval_start_utc"), time.zone().getId())));
        Column elapsedSeconds = unix_seconds(col("interval_start_utc")).minus(unix_seconds(dayStartUtc(col("operating_date"), time)));
        return dated.withColumn("hour_ending", floor(elapsedSeconds.divide(3600)).plus(1).cast("int"));
    }

    /**
     * Numbers the revisions of each key: the values a key had in each payload, ordered by publication, are
     * revision 1, 2, ...; a later payload repeating the previous values unchanged is not a new revision and is
     * dropped here (its raw rows stay in the raw table). Needs the key, the price columns,
     * {@code published_at_utc} and {@code fetch_id}.
     */
    public static Dataset<Row> withRevisions(Dataset<Row> prices)
    {
        return Revisions.number(prices, KEY_WITHOUT_REVISION, PRICE_COLUMNS);
    }

    /**
     * Sets {@code dq_flags}: {@link #TOTAL_MISMATCH} when |total - sum of non-null components| exceeds
     * {@code tolerance} (only when at least one component is present), and
     * {@link #DUPLICATE_ROWS_COLLAPSED} when the optional boolean column {@code _has_duplicates} says so.
     */
    public static Dataset<Row> withDqFlags(Dataset<Row> prices, double tolerance)
    {
        Columns.require(prices, "withDqFlags", "price_per_mwh", "energy_per_mwh", "congestion_per_mwh", "loss_per_mwh", "ghg_per_mwh");
        Column anyComponent = lit(false);
        Column componentSum = lit(0.0);
        for (String component : COMPONENT_COLUMNS) {
            anyComponent = anyComponent.or(col(component).isNotNull());
            componentSum = componentSum.plus(coalesce(col(component), lit(0.0)));
        }
        Column mismatch = anyComponent.and(abs(col("price_per_mwh").minus(componentSum)).gt(tolerance));
        Column duplicates = List.of(prices.columns()).contains("_has_duplicates") ? col("_has_duplicates") : lit(false);
        return prices.withColumn("dq_flags", array_compact(array(
                when(mismatch, lit(TOTAL_MISMATCH)),
                when(duplicates, lit(DUPLICATE_ROWS_COLLAPSED)))));
    }

    /** The latest revision of every key: what users see by default. */
    public static Dataset<Row> latestRevision(Dataset<Row> prices)
    {
        return Revisions.latest(prices, KEY_WITHOUT_REVISION);
    }

    /**
     * Data-quality results per location and operating day: {@code missing_intervals} where fewer distinct
     * intervals arrived than the local day holds (23, 24 or 25 hours' worth), and {@code total_mismatch}
     * where some rows carry that flag. Rows only for problems found. Expects the latest revision.
     */
    public static Dataset<Row> dataQualityResults(Dataset<Row> prices, MarketTime time)
    {
        Columns.require(prices, "dataQualityResults", "market", "dataset", "location_id", "operating_date", "interval_start_utc", "interval_minutes", "dq_flags");
        Column dayStart = dayStartUtc(col("operating_date"), time);
        Column dayEnd = dayStartUtc(org.apache.spark.sql.functions.date_add(col("operating_date"), 1), time);
        Dataset<Row> perDay = prices.groupBy("market", "dataset", "location_id", "operating_date")
                .agg(countDistinct(col("interval_start_utc")).as("observed_count"),
                        max(col("interval_minutes")).as("interval_minutes"),
                        sum(when(org.apache.spark.sql.functions.array_contains(col("dq_flags"), TOTAL_MISMATCH), 1).otherwise(0)).cast("long").as("mismatch_count"),
                        min(col("interval_start_utc")).as("first_interval_utc"))
                .withColumn("expected_count", unix_seconds(dayEnd).minus(unix_seconds(dayStart)).divide(col("interval_minutes").multiply(60)).cast("long"));
        Dataset<Row> missing = perDay.where(col("observed_count").lt(col("expected_count")))
                .select(col("market"), col("dataset"), col("operating_date"), lit("missing_intervals").as("check_name"), col("location_id"),
                        col("expected_count"), col("observed_count"),
                        concat(col("expected_count").minus(col("observed_count")).cast("string"), lit(" of "), col("expected_count").cast("string"),
                                lit(" intervals missing")).as("detail"));
        Dataset<Row> mismatched = perDay.where(col("mismatch_count").gt(0))
                .select(col("market"), col("dataset"), col("operating_date"), lit(TOTAL_MISMATCH).as("check_name"), col("location_id"),
                        lit(0L).as("expected_count"), col("mismatch_count").as("observed_count"),
                        lit("intervals whose total differs from the sum of its components").as("detail"));
        return missing.unionByName(mismatched);
    }

    /**
     * Shapes rejected price rows as {@code curated.quarantine} rows. Needs {@code reason} and {@code record}
     * (the grouped values as JSON) besides the usual lineage columns.
     */
    public static Dataset<Row> asQuarantine(Dataset<Row> rejected, String source, String report)
    {
        Columns.require(rejected, "asQuarantine", "market", "dataset", "fetch_id", "operating_date", "location_id", "interval_start_utc", "reason", "record");
        Column id = substring(sha2(concat_ws("|", col("fetch_id"), lit("curate"), col("location_id"),
                date_format(col("interval_start_utc"), "yyyy-MM-dd'T'HH:mm:ss'Z'"), col("reason")), 256), 1, 32);
        return rejected.select(
                id.as("quarantine_id"),
                col("market"),
                col("dataset"),
                lit("curate").as("stage"),
                lit(source).as("source"),
                lit(report).as("report"),
                col("fetch_id"),
                col("operating_date"),
                col("location_id"),
                col("interval_start_utc"),
                lit(null).cast("int").as("line_number"),
                col("reason"),
                col("record"));
    }
}
