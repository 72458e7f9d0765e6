package io.energylakehouse.etl.source.caiso;

import io.energylakehouse.etl.curate.MarketPrices;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

/**
 * CAISO-specific curation: OASIS files are long (one row per node, interval and LMP_TYPE); curated prices
 * are wide (one row per node and interval with the total and each component).
 */
public final class CaisoPrices
{
    /** LMP_TYPE to canonical column. MGHG exists only in files of the greenhouse-gas era. */
    static final Map<String, String> COMPONENTS = new LinkedHashMap<>();

    static {
        COMPONENTS.put("LMP", "price_per_mwh");
        COMPONENTS.put("MCE", "energy_per_mwh");
        COMPONENTS.put("MCC", "congestion_per_mwh");
        COMPONENTS.put("MCL", "loss_per_mwh");
        COMPONENTS.put("MGHG", "ghg_per_mwh");
    }

    private CaisoPrices() {}

    /**
     * Pivots raw rows (with the price in {@code value} and {@code published_at_utc} joined from the fetch
     * log) to one row per payload, node and interval. Several rows of one LMP_TYPE for the same node and
     * interval in one payload either agree (collapsed, flagged {@code _has_duplicates}) or disagree (the
     * row gets a {@code reason} and goes to quarantine). A row with no LMP total gets a reason too.
     */
    public static Dataset<Row> pivotLmpTypes(Dataset<Row> raw)
    {
        List<Column> aggregates = new ArrayList<>();
        for (String type : COMPONENTS.keySet()) {
            Column ofType = col("lmp_type").equalTo(type);
            aggregates.add(min(when(ofType, col("value"))).as("_min_" + type));
            aggregates.add(max(when(ofType, col("value"))).as("_max_" + type));
            aggregates.add(count(when(ofType, lit(1))).as("_rows_" + type));
            aggregates.add(count(when(ofType, col("value"))).as("_values_" + type));
        }
        Dataset<Row> grouped = raw
                .groupBy(col("fetch_id"), col("published_at_utc"), col("node"), col("interval_start_utc"), col("interval_end_utc"))
                .agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new));

        List<Column> conflicts = new ArrayList<>();
        Column hasDuplicates = lit(false);
        for (String type : COMPONENTS.keySet()) {
            Column rows = col("_rows_" + type);
            Column disagree = rows.gt(1).and(col("_min_" + type).notEqual(col("_max_" + type))
                    .or(col("_values_" + type).notEqual(rows).and(col("_values_" + type).gt(0))));
            conflicts.add(when(disagree, concat(lit(type + ": "), rows.cast("string"), lit(" rows disagree ("),
                    coalesce(col("_min_" + type).cast("string"), lit("null")), lit(" vs "),
                    coalesce(col("_max_" + type).cast("string"), lit("null")), lit(")"))));
            hasDuplicates = hasDuplicates.or(rows.gt(1));
        }
        Column duplicateConflict = concat_ws("; ", conflicts.toArray(Column[]::new));
        Column reason = when(duplicateConflict.notEqual(lit("")), concat(lit("duplicate rows for one node and interval disagree: "), duplicateConflict))
                .when(col("_values_LMP").equalTo(0), lit("no LMP total for this node and interval (components only)"));

        List<Column> recordFields = new ArrayList<>();
        COMPONENTS.keySet().forEach(type -> {
            recordFields.add(col("_min_" + type).as("min_" + type));
            recordFields.add(col("_max_" + type).as("max_" + type));
            recordFields.add(col("_rows_" + type).as("rows_" + type));
        });

        Dataset<Row> pivoted = grouped
                .withColumn("reason", reason)
                .withColumn("record", to_json(struct(recordFields.toArray(Column[]::new))))
                .withColumn("_has_duplicates", hasDuplicates)
                .withColumnRenamed("node", "location_id");
        for (Map.Entry<String, String> component : COMPONENTS.entrySet()) {
            pivoted = pivoted.withColumn(component.getValue(), col("_max_" + component.getKey()));
        }
        return pivoted;
    }

    /** Adds CAISO's constants and location types: market, dataset, currency, interval length, hub/zone/node. */
    public static Dataset<Row> withMarketColumns(Dataset<Row> prices, OasisReport report)
    {
        Column locationType = when(col("location_id").isin(CaisoMarket.TRADING_HUBS.toArray()), lit("hub"))
                .when(col("location_id").startsWith(CaisoMarket.ZONE_PREFIX), lit("zone"))
                .otherwise(lit("node"));
        return prices
                .withColumn("market", lit(CaisoMarket.MARKET))
                .withColumn("dataset", lit(report.dataset()))
                .withColumn("currency", lit(CaisoMarket.CURRENCY))
                .withColumn("interval_minutes", lit(report.intervalMinutes()))
                .withColumn("location_type", locationType);
    }

    /** Raw rows of a report with its price column named {@code value}, the shape {@link #pivotLmpTypes} reads. */
    public static Dataset<Row> withValueColumn(Dataset<Row> raw, OasisReport report)
    {
        return raw.withColumnRenamed(report.valueColumn().toLowerCase(java.util.Locale.ROOT), "value");
    }

    static
    {
        // The component columns must be the canonical ones, in the canonical order.
        if (!List.copyOf(COMPONENTS.values()).equals(MarketPrices.PRICE_COLUMNS)) {
            throw new IllegalStateException("CAISO components do not match curated.market_prices: " + COMPONENTS.values());
        }
    }
}
