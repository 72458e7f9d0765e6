package io.energylakehouse.etl.source.epf;

import io.energylakehouse.etl.curate.Columns;
import io.energylakehouse.etl.curate.Revisions;

import io.energylakehouse.etl.curate.MarketPrices;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.Arrays;
import java.util.List;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_compact;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.map_from_arrays;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

/**
 * Curation of series values: pure {@code Dataset -> Dataset} transforms from {@code raw.epf_series} (joined
 * with the fetch log's {@code published_at_utc}) to {@code curated.market_prices}, {@code curated.fundamentals},
 * {@code curated.quarantine} and {@code curated.data_quality} rows.
 */
public final class SeriesRows
{
    /** What identifies a fundamentals value, without the revision. */
    public static final List<String> FUNDAMENTALS_KEY_WITHOUT_REVISION = List.of("market", "series", "location_id", "interval_start_utc");
    /** What a fundamentals value says; a later file changing either is a new revision. */
    public static final List<String> FUNDAMENTALS_VALUE_COLUMNS = List.of("value", "unit");

    private static final String PRICE = Series.PRICE_PER_MWH.code();

    private SeriesRows() {}

    /**
     * Maps local clock hours to real intervals by joining the clock-hour table (one row per zone, local date and
     * clock hour: {@code time_zone, local_date, clock_hour, clock_kind, interval_start_utc, interval_end_utc,
     * hour_ending, transition}). Adds those columns, {@code interval_minutes} and {@code operating_date} (the
     * local date: an interval starting at local h:00 of day d belongs to day d).
     */
    public static Dataset<Row> withUtcInterval(Dataset<Row> raw, Dataset<Row> clockHours)
    {
        Columns.require(raw, "withUtcInterval", List.of("time_zone", "local_date", "clock_hour"));
        Columns.require(clockHours, "withUtcInterval", List.of("time_zone", "local_date", "clock_hour", "clock_kind", "interval_start_utc", "interval_end_utc",
                "hour_ending", "transition"));
        return raw.join(broadcast(clockHours), new String[] {"time_zone", "local_date", "clock_hour"}, "inner")
                .withColumn("interval_minutes", lit(SeriesSource.INTERVAL_MINUTES))
                .withColumn("operating_date", col("local_date"));
    }

    /** Values of lines whose local time does not exist in the zone (spring forward): the authors inserted them. */
    public static Column nonexistent()
    {
        return col("clock_kind").equalTo(ClockHours.Kind.NONEXISTENT.name());
    }

    /**
     * One quarantine row per line whose local time does not exist (stage curate): its values stay in raw; the
     * record is the line's values by column name, as JSON. Needs {@link #withUtcInterval}'s columns.
     */
    public static Dataset<Row> nonexistentLines(Dataset<Row> rows)
    {
        Columns.require(rows, "nonexistentLines", List.of("fetch_id", "line_number", "market", "format", "time_zone", "local_date", "clock_hour", "transition",
                "column_number", "column_name", "value", "series", "location_id"));
        Dataset<Row> lines = rows.where(nonexistent())
                .groupBy("fetch_id", "line_number", "market", "format", "time_zone", "local_date", "clock_hour", "transition")
                .agg(array_sort(collect_list(struct(col("column_number"), col("column_name"), col("value")))).as("_columns"),
                        max(when(col("series").equalTo(PRICE), col("location_id"))).as("location_id"));
        Column reason = concat(lit("local time "), col("local_date").cast("string"), lit(" "), format_string("%02d:00", col("clock_hour")),
                lit(" does not exist in "), col("time_zone"), lit(" ("), col("transition"),
                lit("): the dataset's authors inserted this row to give every day 24 lines; it stays in raw and is not curated"));
        return quarantine(lines
                .withColumn("dataset", lit(SeriesSource.DATASET))
                .withColumn("operating_date", col("local_date"))
                .withColumn("interval_start_utc", lit(null).cast("timestamp"))
                .withColumn("reason", reason)
                .withColumn("record", to_json(map_from_arrays(col("_columns").getField("column_name"), col("_columns").getField("value")))));
    }

    /**
     * Sets {@code reason} on values that are not curated although their time exists: a 0 in a series where 0
     * means a gap ({@link Series#zeroMeansMissing()}), and prices without a currency ({@code priceRefusal} says
     * why). Empty values are missing, not rejected: they are dropped here. Needs {@link #withUtcInterval}'s columns.
     */
    public static Dataset<Row> withReason(Dataset<Row> rows, String priceRefusal)
    {
        Columns.require(rows, "withReason", List.of("series", "value", "currency", "column_name", "dataset_name"));
        List<String> zeroMeansMissing = Arrays.stream(Series.values()).filter(Series::zeroMeansMissing).map(Series::code).toList();
        Column zero = col("series").isin(zeroMeansMissing.toArray()).and(col("value").equalTo(0.0));
        Column noCurrency = col("series").equalTo(PRICE).and(col("currency").isNull());
        return rows.where(not(nonexistent()).and(col("value").isNotNull()))
                .withColumn("reason", when(zero, concat(col("series"), lit(" is 0 in column '"), col("column_name"),
                                lit("': an area's total load or generation is never 0 MW, the file writes 0 for a gap; treated as missing, not curated")))
                        .when(noCurrency, concat(lit("prices of dataset "), col("dataset_name"), lit(" have no currency: "), lit(priceRefusal))));
    }

    /** Values with a {@code reason} as quarantine rows of the curate stage, one per value. */
    public static Dataset<Row> rejectedValues(Dataset<Row> rejected)
    {
        Columns.require(rejected, "rejectedValues", List.of("fetch_id", "line_number", "market", "format", "series", "location_id", "operating_date",
                "interval_start_utc", "local_date", "clock_hour", "column_name", "value", "reason"));
        return quarantine(rejected
                .withColumn("dataset", when(col("series").equalTo(PRICE), lit(SeriesSource.DATASET)).otherwise(col("series")))
                .withColumn("record", to_json(struct(
                        concat(col("local_date").cast("string"), lit(" "), format_string("%02d:00", col("clock_hour"))).as("local_time"),
                        col("column_name").as("column"), col("value")))));
    }

    private static Dataset<Row> quarantine(Dataset<Row> rows)
    {
        Column id = substring(sha2(concat_ws("|", col("fetch_id"), lit("curate"), col("line_number").cast("string"), col("reason")), 256), 1, 32);
        return rows.select(
                id.as("quarantine_id"),
                col("market"),
                col("dataset"),
                lit("curate").as("stage"),
                lit(SeriesSource.SOURCE).as("source"),
                upper(col("format")).as("report"),
                col("fetch_id"),
                col("operating_date"),
                col("location_id"),
                col("interval_start_utc"),
                col("line_number"),
                col("reason"),
                col("record"));
    }

    /**
     * Price values as {@code curated.market_prices} rows: revisions numbered over every file holding the key,
     * flagged {@link SeriesSource#REPEATED_HOUR_SINGLE_VALUE} on a fall-back day's repeated hour. Needs accepted
     * values (no reason) with {@code published_at_utc}.
     */
    public static Dataset<Row> prices(Dataset<Row> accepted)
    {
        Columns.require(accepted, "prices", List.of("market", "location_id", "location_type", "interval_start_utc", "interval_end_utc", "interval_minutes",
                "operating_date", "hour_ending", "value", "currency", "published_at_utc", "fetch_id", "clock_kind", "series"));
        Dataset<Row> prices = accepted.where(col("series").equalTo(PRICE)).select(
                col("market"),
                lit(SeriesSource.DATASET).as("dataset"),
                col("location_id"),
                col("location_type"),
                col("interval_start_utc"),
                col("interval_end_utc"),
                col("interval_minutes"),
                col("operating_date"),
                col("hour_ending"),
                col("value").as("price_per_mwh"),
                lit(null).cast("double").as("energy_per_mwh"),
                lit(null).cast("double").as("congestion_per_mwh"),
                lit(null).cast("double").as("loss_per_mwh"),
                lit(null).cast("double").as("ghg_per_mwh"),
                col("currency"),
                col("published_at_utc"),
                col("fetch_id"),
                col("clock_kind"));
        return withDqFlags(MarketPrices.withRevisions(prices));
    }

    /**
     * Exogenous values as {@code curated.fundamentals} rows: revisions numbered over every file holding the key,
     * {@code issued_at_utc} null (neither layout says when a forecast was made), flags as for prices.
     */
    public static Dataset<Row> fundamentals(Dataset<Row> accepted)
    {
        Columns.require(accepted, "fundamentals", List.of("market", "series", "location_id", "interval_start_utc", "interval_end_utc", "interval_minutes",
                "operating_date", "hour_ending", "value", "unit", "published_at_utc", "fetch_id", "clock_kind"));
        Dataset<Row> values = accepted.where(col("series").notEqual(PRICE)).select(
                col("market"),
                col("series"),
                col("location_id"),
                col("interval_start_utc"),
                col("interval_end_utc"),
                col("interval_minutes"),
                col("operating_date"),
                col("hour_ending"),
                col("value"),
                col("unit"),
                lit(null).cast("timestamp").as("issued_at_utc"),
                col("published_at_utc"),
                col("fetch_id"),
                col("clock_kind"));
        return withDqFlags(withRevisions(values, FUNDAMENTALS_KEY_WITHOUT_REVISION, FUNDAMENTALS_VALUE_COLUMNS));
    }

    /**
     * Numbers the revisions of each key: the values a key had in each file, ordered by publication, are revision
     * 1, 2, ...; a later file repeating the previous values is not a new revision and is dropped here (its rows
     * stay in raw).
     */
    static Dataset<Row> withRevisions(Dataset<Row> rows, List<String> keyWithoutRevision, List<String> valueColumns)
    {
        return Revisions.number(rows, keyWithoutRevision, valueColumns);
    }

    private static Dataset<Row> withDqFlags(Dataset<Row> rows)
    {
        return rows.withColumn("dq_flags", array_compact(array(
                        when(col("clock_kind").equalTo(ClockHours.Kind.REPEATED.name()), lit(SeriesSource.REPEATED_HOUR_SINGLE_VALUE)))))
                .drop("clock_kind");
    }

    /**
     * {@code missing_intervals} results per dataset (the price's {@code da_hourly} or the fundamentals series),
     * location and day: where fewer of the day's real intervals (23, 24 or 25 hours' worth, the rows of
     * {@code intervals}: {@code operating_date, interval_start_utc}) hold a value than the day has. Expects the
     * latest revision, with the dataset in column {@code dataset}; rows only for days with a gap.
     */
    public static Dataset<Row> missingIntervals(Dataset<Row> latest, Dataset<Row> intervals)
    {
        Columns.require(latest, "missingIntervals", List.of("market", "dataset", "location_id", "interval_start_utc"));
        Columns.require(intervals, "missingIntervals", List.of("operating_date", "interval_start_utc"));
        Dataset<Row> present = latest.select("market", "dataset", "location_id", "interval_start_utc").distinct();
        Dataset<Row> expected = present.select("market", "dataset", "location_id").distinct().crossJoin(broadcast(intervals));
        Dataset<Row> perDay = broadcast(intervals).groupBy("operating_date").agg(count(lit(1)).as("expected_count"));
        return expected.join(present, new String[] {"market", "dataset", "location_id", "interval_start_utc"}, "left_anti")
                .groupBy("market", "dataset", "location_id", "operating_date")
                .agg(count(lit(1)).as("missing_count"), min(col("interval_start_utc")).as("first_missing"))
                .join(perDay, "operating_date")
                .select(col("market"), col("dataset"), col("operating_date"), lit(SeriesSource.MISSING_INTERVALS).as("check_name"), col("location_id"),
                        col("expected_count"), col("expected_count").minus(col("missing_count")).as("observed_count"),
                        concat(col("missing_count").cast("string"), lit(" of "), col("expected_count").cast("string"),
                                lit(" intervals missing, the first starting "), date_format(col("first_missing"), "yyyy-MM-dd'T'HH:mm'Z'")).as("detail"));
    }

    /** The latest revision of every key, with the dataset or series in column {@code dataset}. */
    public static Dataset<Row> latestRevision(Dataset<Row> rows, String datasetColumn)
    {
        return Revisions.latest(rows, List.of("market", datasetColumn, "location_id", "interval_start_utc")).withColumn("dataset", col(datasetColumn));
    }
}
