package io.energylakehouse.etl.source.settlements;

import io.energylakehouse.etl.curate.Columns;
import io.energylakehouse.etl.curate.MarketPrices;
import io.energylakehouse.etl.curate.Revisions;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_compact;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

/**
 * Curation of settlement rows: pure {@code Dataset -> Dataset} transforms from {@code raw.futures_settlements}
 * (joined with the fetch log's {@code published_at_utc}) to {@code curated.commodity_prices} rows.
 */
public final class SettlementPrices
{
    /** What identifies a settlement, without the revision. */
    public static final List<String> KEY_WITHOUT_REVISION = List.of("market", "contract_code", "profile", "trade_date");
    /** What a settlement says; a later file that changes any of these is a new revision. */
    public static final List<String> VALUE_COLUMNS = List.of("delivery_start", "delivery_end", "settlement_price", "currency", "unit", "exchange");
    private static final List<String> KEY_AND_VALUES = plus(KEY_WITHOUT_REVISION, VALUE_COLUMNS.toArray(String[]::new));

    private SettlementPrices() {}

    /**
     * One row per file and key. Lines of one file that repeat a key with the same values are collapsed
     * ({@code lines_in_file} counts them); lines that disagree get a {@code reason} and their values as JSON in
     * {@code record}, for quarantine. The parser already rejects disagreeing lines; this keeps the rule for any
     * raw row, however it got there. Needs the key, the values, {@code fetch_id}, {@code published_at_utc} and
     * {@code line_number}.
     */
    public static Dataset<Row> collapseDuplicates(Dataset<Row> raw)
    {
        Columns.require(raw, "collapseDuplicates", plus(KEY_AND_VALUES, "fetch_id", "published_at_utc", "line_number"));
        List<Column> grouping = new ArrayList<>(List.of(col("fetch_id"), col("published_at_utc")));
        KEY_WITHOUT_REVISION.forEach(column -> grouping.add(col(column)));
        Column values = struct(VALUE_COLUMNS.stream().map(column -> col(column)).toArray(Column[]::new));
        Dataset<Row> grouped = raw.groupBy(grouping.toArray(Column[]::new))
                .agg(count(lit(1)).as("lines_in_file"), min(col("line_number")).as("line_number"), collect_set(values).as("_values"));
        Dataset<Row> shaped = grouped;
        for (String column : VALUE_COLUMNS) {
            shaped = shaped.withColumn(column, col("_values").getItem(0).getField(column));
        }
        Column disagree = size(col("_values")).gt(1);
        return shaped
                .withColumn("reason", when(disagree, concat(lit("lines of one file hold key ("),
                        concat_ws(", ", KEY_WITHOUT_REVISION.stream().map(column -> col(column).cast("string")).toArray(Column[]::new)),
                        lit(") with different values"))))
                .withColumn("record", when(disagree, to_json(col("_values"))))
                .drop("_values");
    }

    /**
     * Numbers the revisions of each key: the values a key had in each file, ordered by publication, are
     * revision 1, 2, ...; a later file repeating the previous values unchanged is not a new revision and is
     * dropped here (its lines stay in the raw table). Needs the key, the values, {@code published_at_utc} and
     * {@code fetch_id}.
     */
    public static Dataset<Row> withRevisions(Dataset<Row> settlements)
    {
        return Revisions.number(settlements, KEY_WITHOUT_REVISION, VALUE_COLUMNS);
    }

    /** Sets {@code dq_flags}: {@link MarketPrices#DUPLICATE_ROWS_COLLAPSED} when the file repeated the line ({@code lines_in_file} > 1). */
    public static Dataset<Row> withDqFlags(Dataset<Row> settlements)
    {
        Columns.require(settlements, "withDqFlags", List.of("lines_in_file"));
        return settlements.withColumn("dq_flags", array_compact(array(
                when(col("lines_in_file").gt(1), lit(MarketPrices.DUPLICATE_ROWS_COLLAPSED)))));
    }

    /** Shapes rows with a {@code reason} as {@code curated.quarantine} rows of the curate stage. */
    public static Dataset<Row> asQuarantine(Dataset<Row> rejected)
    {
        Columns.require(rejected, "asQuarantine", plus(KEY_WITHOUT_REVISION, "fetch_id", "line_number", "reason", "record"));
        Column id = substring(sha2(concat_ws("|", col("fetch_id"), lit("curate"), col("line_number").cast("string"), col("reason")), 256), 1, 32);
        return rejected.select(
                id.as("quarantine_id"),
                col("market"),
                lit(SettlementSource.DATASET).as("dataset"),
                lit("curate").as("stage"),
                lit(SettlementSource.SOURCE).as("source"),
                lit(SettlementSource.REPORT).as("report"),
                col("fetch_id"),
                col("trade_date").as("operating_date"),
                lit(null).cast("string").as("location_id"),
                lit(null).cast("timestamp").as("interval_start_utc"),
                col("line_number"),
                col("reason"),
                col("record"));
    }

    private static List<String> plus(List<String> columns, String... more)
    {
        List<String> all = new ArrayList<>(columns);
        all.addAll(List.of(more));
        return all;
    }
}
