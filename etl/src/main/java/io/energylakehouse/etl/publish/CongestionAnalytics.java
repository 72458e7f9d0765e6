package io.energylakehouse.etl.publish;

import io.energylakehouse.etl.connector.HubDatasets;
import io.energylakehouse.etl.curate.Columns;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.when;

/**
 * Congestion and spread datasets derived from the latest revisions of {@code curated.market_prices} and from
 * {@link HubPrices#hourlyOfEveryLocation} rows, next to the hub tables. Pure {@code Dataset -> Dataset} transforms: the driver path
 * applies them to local relations, the Spark path to the curated table, so both publish the same rows.
 *
 * <p>Means are {@link HubPrices#mean} (rounded half-up to {@link HubPrices#MEAN_SCALE} places); a difference of two
 * prices is taken as decimals and rounded the same way, so a spread is 0.976544, never 0.9765440000000012. Nothing is
 * published where an input is missing: no congestion component, no zero rows; no hub price, no basis.
 */
public final class CongestionAnalytics
{
    /** Locations per operating day and market run in {@code published.congestion_top_nodes_daily}. */
    public static final int TOP_NODES = 20;
    /** {@code market_run} of the rows of the connector's day-ahead dataset. */
    public static final String DAY_AHEAD = HubDatasets.DAY_AHEAD;
    /** {@code market_run} of the rows of the connector's real-time dataset. */
    public static final String REAL_TIME = HubDatasets.REAL_TIME;

    private CongestionAnalytics() {}

    /**
     * Per operating day and market run (the day-ahead and real-time datasets of {@code datasets}), the {@link #TOP_NODES}
     * locations of any type with the largest mean absolute congestion component over the day's intervals, ranked 1..20
     * ({@code congestion_rank}; ties broken by {@code location_id}), with the mean congestion, the maximum absolute
     * congestion and the intervals behind them. Intervals without a congestion component are left out, so a market
     * whose prices carry none (ERCOT's settlement point prices) gets no rows.
     */
    public static Dataset<Row> topCongestedNodesDaily(Dataset<Row> latestPrices, String market, HubDatasets datasets)
    {
        Columns.require(latestPrices, "topCongestedNodesDaily", "market", "dataset", "location_id", "location_type", "operating_date", "congestion_per_mwh",
                "currency");
        Column congestion = col("congestion_per_mwh");
        Dataset<Row> perDay = latestPrices
                .where(col("market").equalTo(market).and(col("dataset").isin((Object[]) datasets.names())).and(congestion.isNotNull()))
                .withColumn("market_run", runOf(datasets))
                .groupBy("market", "operating_date", "market_run", "dataset", "location_id")
                .agg(max("location_type").as("location_type"),
                        HubPrices.mean(congestion).as("mean_congestion_per_mwh"),
                        HubPrices.mean(abs(congestion)).as("mean_abs_congestion_per_mwh"),
                        max(abs(congestion)).as("max_abs_congestion_per_mwh"),
                        count(lit(1)).as("interval_count"),
                        max("currency").as("currency"));
        // Ranked on the published (rounded) mean, so the order can be checked from the published columns alone.
        return perDay
                .withColumn("congestion_rank", row_number().over(Window.partitionBy("operating_date", "market_run")
                        .orderBy(col("mean_abs_congestion_per_mwh").desc(), col("location_id").asc())))
                .where(col("congestion_rank").leq(TOP_NODES));
    }

    /**
     * Day-ahead minus real-time per hub and hour, from {@link HubPrices#hourlyOfEveryLocation} rows: the hours with both prices (the
     * real-time one the hour's mean, with its interval counts and {@code is_rt_complete}).
     */
    public static Dataset<Row> dartSpreadsHourly(Dataset<Row> hubHourly)
    {
        Columns.require(hubHourly, "dartSpreadsHourly", "market", "location_id", "interval_start_utc", "da_price_per_mwh", "rt_price_per_mwh",
                "rt_interval_count", "is_rt_complete");
        return hubHourly.where(col("da_price_per_mwh").isNotNull().and(col("rt_price_per_mwh").isNotNull()))
                .withColumn("dart_spread_per_mwh", difference(col("da_price_per_mwh"), col("rt_price_per_mwh")));
    }

    /**
     * Each location's hourly prices minus the reference hub's, day-ahead and real-time, from
     * {@link HubPrices#hourlyOfEveryLocation} rows: the hours in which the hub has a price and the location has one of
     * the same run. The hub's own rows are published too, with basis 0. {@code is_rt_complete} holds when both
     * real-time means were made from every interval of the hour.
     */
    public static Dataset<Row> basisToHubHourly(Dataset<Row> locationHourly, String hubLocationId)
    {
        Columns.require(locationHourly, "basisToHubHourly", "location_id", "interval_start_utc", "da_price_per_mwh", "rt_price_per_mwh", "rt_interval_count",
                "is_rt_complete");
        Dataset<Row> hub = locationHourly.where(col("location_id").equalTo(hubLocationId)).select(
                col("interval_start_utc"),
                col("da_price_per_mwh").as("da_hub_price_per_mwh"),
                col("rt_price_per_mwh").as("rt_hub_price_per_mwh"),
                col("rt_interval_count").as("rt_hub_interval_count"),
                col("is_rt_complete").as("_is_hub_rt_complete"));
        return locationHourly.join(hub, "interval_start_utc")
                .withColumn("hub_location_id", lit(hubLocationId))
                .withColumn("da_basis_per_mwh", difference(col("da_price_per_mwh"), col("da_hub_price_per_mwh")))
                .withColumn("rt_basis_per_mwh", difference(col("rt_price_per_mwh"), col("rt_hub_price_per_mwh")))
                .withColumn("is_rt_complete", col("is_rt_complete").and(col("_is_hub_rt_complete")))
                .where(col("da_basis_per_mwh").isNotNull().or(col("rt_basis_per_mwh").isNotNull()))
                .drop("_is_hub_rt_complete");
    }

    /**
     * Per dataset of the market runs that has rows: its latest rows ({@code price_rows}), those with a congestion
     * component ({@code congestion_rows}) and those of the reference hub ({@code reference_hub_rows}); what the notices
     * of the analytics datasets are made of ({@link #notices}, through {@link Coverage#of}).
     */
    public static Dataset<Row> coverage(Dataset<Row> latestPrices, String market, HubDatasets datasets, Optional<String> hubLocationId)
    {
        Columns.require(latestPrices, "coverage", "market", "dataset", "location_id", "congestion_per_mwh");
        Column isHub = hubLocationId.map(hub -> col("location_id").equalTo(hub)).orElse(lit(false));
        return latestPrices.where(col("market").equalTo(market).and(col("dataset").isin((Object[]) datasets.names())))
                .groupBy("dataset")
                .agg(count(lit(1)).as("price_rows"), count(col("congestion_per_mwh")).as("congestion_rows"),
                        count(when(isHub, lit(1))).as("reference_hub_rows"));
    }

    /** Rows of one dataset of the market's latest prices: all, those with a congestion component, those of the reference hub. */
    public record Coverage(String dataset, long priceRows, long congestionRows, long referenceHubRows)
    {
        public Coverage
        {
            java.util.Objects.requireNonNull(dataset, "dataset is null");
        }

        /** A row of {@link #coverage(Dataset, String, HubDatasets, Optional)}. */
        public static Coverage of(Row row)
        {
            return new Coverage(row.getAs("dataset"), row.<Long>getAs("price_rows"), row.<Long>getAs("congestion_rows"), row.<Long>getAs("reference_hub_rows"));
        }
    }

    /** {@link #coverage(Dataset, String, HubDatasets, Optional)} of rows the driver holds: the same counts without a Spark job. */
    public static List<Coverage> coverage(java.util.Collection<io.energylakehouse.etl.curate.PriceRow> latestPrices, String market, HubDatasets datasets,
            Optional<String> hubLocationId)
    {
        List<Coverage> coverage = new ArrayList<>();
        for (String dataset : datasets.runs().keySet()) {
            long prices = 0;
            long congestion = 0;
            long hub = 0;
            for (io.energylakehouse.etl.curate.PriceRow row : latestPrices) {
                if (row.market().equals(market) && row.dataset().equals(dataset)) {
                    prices++;
                    congestion += row.congestionPerMwh() == null ? 0 : 1;
                    hub += hubLocationId.map(row.locationId()::equals).orElse(false) ? 1 : 0;
                }
            }
            if (prices > 0) {
                coverage.add(new Coverage(dataset, prices, congestion, hub));
            }
        }
        return coverage;
    }

    /** What the market's rows of the analytics datasets lack and why, for their manifests; empty lists where nothing. */
    public record Notices(List<String> topNodes, List<String> basis)
    {
        public Notices
        {
            topNodes = List.copyOf(topNodes);
            basis = List.copyOf(basis);
        }
    }

    /**
     * The notices of the coverage: a market run whose prices carry no congestion component (or that has no prices), so
     * the top nodes lack its rows; a reference hub that is missing or has no prices, so the basis has no rows.
     */
    public static Notices notices(String market, HubDatasets datasets, Optional<String> hubLocationId, List<Coverage> coverage)
    {
        List<String> topNodes = new ArrayList<>();
        List<String> basis = new ArrayList<>();
        long hubRows = 0;
        for (Map.Entry<String, String> entry : datasets.runs().entrySet()) {
            String dataset = entry.getKey();
            String run = entry.getValue();
            Coverage counts = coverage.stream().filter(covered -> covered.dataset().equals(dataset)).findFirst().orElse(new Coverage(dataset, 0, 0, 0));
            hubRows += counts.referenceHubRows();
            if (counts.priceRows() == 0) {
                topNodes.add(String.format("No %s rows: curated.market_prices holds no %s %s prices.", run, market, dataset));
            }
            else if (counts.congestionRows() == 0) {
                topNodes.add(String.format("No %s rows: %s's %s prices carry no congestion component (congestion_per_mwh is null in all %d latest rows); "
                        + "nothing is published for them rather than zeros.", run, market, dataset, counts.priceRows()));
            }
        }
        if (hubLocationId.isEmpty()) {
            basis.add(String.format("No rows: %s has no reference hub in the market registry.", market));
        }
        else if (hubRows == 0) {
            basis.add(String.format("No rows: %s's reference hub %s has no %s prices in curated.market_prices.", market, hubLocationId.get(),
                    String.join(" or ", datasets.runs().keySet())));
        }
        return new Notices(topNodes, basis);
    }

    /** The market run of a row by its dataset. */
    private static Column runOf(HubDatasets datasets)
    {
        Column run = lit(null).cast(DataTypes.StringType);
        for (Map.Entry<String, String> entry : datasets.runs().entrySet()) {
            run = when(col("dataset").equalTo(entry.getKey()), lit(entry.getValue())).otherwise(run);
        }
        return run;
    }

    /** {@code minuend - subtrahend} as decimals, rounded half-up to {@link HubPrices#MEAN_SCALE} places; null when either is. */
    public static Column difference(Column minuend, Column subtrahend)
    {
        org.apache.spark.sql.types.DecimalType decimal = DataTypes.createDecimalType(28, HubPrices.SUM_SCALE);
        return round(minuend.cast(decimal).minus(subtrahend.cast(decimal)), HubPrices.MEAN_SCALE).cast(DataTypes.DoubleType);
    }
}
