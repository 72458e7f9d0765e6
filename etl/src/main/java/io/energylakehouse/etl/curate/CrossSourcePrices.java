package io.energylakehouse.etl.curate;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * The data-quality check of one price published by two sources: Nord Pool's day-ahead price of a delivery area and
 * ENTSO-E's A44 price of the same bidding zone are the same auction result, so where both give one for an interval
 * they must agree. One {@code curated.data_quality} row ({@value #CHECK}) per market, dataset, operating day and
 * location where some interval differs by more than the tolerance: {@code expected_count} the intervals both give,
 * {@code observed_count} those that agree, the first difference in {@code detail}. Rows only for problems found, as
 * every check of that table.
 */
public final class CrossSourcePrices
{
    public static final String CHECK = "cross_source_price_mismatch";

    private CrossSourcePrices() {}

    /**
     * Two sources of one price.
     *
     * @param locations the first market's location ids to the second's (e.g. Nord Pool {@code SE3} to ENTSO-E {@code SE_3})
     * @param datasets the first market's datasets to the second's holding the same product ({@code da_15min} to {@code da_15min})
     * @param tolerance the largest difference in currency per MWh taken as agreement (the sources round alike: 0.005)
     */
    public record Pairing(String market, String otherMarket, Map<String, String> locations, Map<String, String> datasets, double tolerance)
    {
        public Pairing
        {
            requireNonNull(market, "market is null");
            requireNonNull(otherMarket, "otherMarket is null");
            locations = Map.copyOf(locations);
            datasets = Map.copyOf(datasets);
        }
    }

    /**
     * The check's rows (columns of {@code curated.data_quality}) over the latest revisions of both markets' prices
     * (one frame holding both, e.g. {@code curated.market_prices} read for the dates); rows in another currency are not
     * compared (Nord Pool's local-currency prices).
     */
    public static Dataset<Row> mismatches(Dataset<Row> latestPrices, Pairing pairing)
    {
        Columns.require(latestPrices, "CrossSourcePrices.mismatches", "market", "dataset", "location_id", "interval_start_utc", "operating_date", "price_per_mwh",
                "currency");
        SparkSession spark = latestPrices.sparkSession();
        Dataset<Row> pairs = spark.createDataFrame(pairRows(pairing), new StructType()
                .add("dataset", DataTypes.StringType, false).add("location_id", DataTypes.StringType, false)
                .add("other_dataset", DataTypes.StringType, false).add("other_location_id", DataTypes.StringType, false));
        Dataset<Row> first = latestPrices.where(col("market").equalTo(pairing.market()))
                .join(pairs, new String[] {"dataset", "location_id"})
                .select(col("dataset"), col("location_id"), col("other_dataset"), col("other_location_id"), col("interval_start_utc"),
                        col("operating_date"), col("currency"), col("price_per_mwh"));
        Dataset<Row> other = latestPrices.where(col("market").equalTo(pairing.otherMarket()))
                .select(col("dataset").as("other_dataset"), col("location_id").as("other_location_id"), col("interval_start_utc"),
                        col("currency").as("other_currency"), col("price_per_mwh").as("other_price_per_mwh"));
        Column differs = abs(col("price_per_mwh").minus(col("other_price_per_mwh"))).gt(pairing.tolerance());
        return first.join(other, new String[] {"other_dataset", "other_location_id", "interval_start_utc"})
                .where(col("currency").equalTo(col("other_currency")))
                .groupBy("dataset", "location_id", "operating_date", "other_location_id")
                .agg(count(lit(1)).as("expected_count"),
                        sum(when(differs, 0L).otherwise(1L)).as("observed_count"),
                        min_by(format_string("%s %s differs at %s: %s here, %s there", lit(pairing.otherMarket()), col("other_location_id"),
                                col("interval_start_utc").cast("string"), col("price_per_mwh").cast("string"), col("other_price_per_mwh").cast("string")),
                                when(differs, col("interval_start_utc"))).as("first_difference"))
                .where(col("observed_count").lt(col("expected_count")))
                .select(lit(pairing.market()).as("market"), col("dataset"), col("operating_date"), lit(CHECK).as("check_name"), col("location_id"),
                        col("expected_count"), col("observed_count"),
                        concat(col("first_difference"), lit(" (tolerance " + pairing.tolerance() + ")")).as("detail"));
    }

    private static List<Row> pairRows(Pairing pairing)
    {
        List<Row> rows = new ArrayList<>();
        pairing.datasets().forEach((dataset, otherDataset) -> pairing.locations().forEach((location, otherLocation) ->
                rows.add(RowFactory.create(dataset, location, otherDataset, otherLocation))));
        return rows;
    }

    /**
     * Runs the check of a pairing on the operating days and makes {@code curated.data_quality} hold exactly its rows for
     * them (of the pairing's first market): the check's earlier rows of those days are replaced, and nothing is committed
     * when they are already what it finds.
     *
     * @return the rows it found: one per location and day with a difference
     */
    public static long record(io.energylakehouse.common.table.Lakehouse lakehouse, Pairing pairing, List<java.time.LocalDate> dates)
    {
        io.energylakehouse.common.table.TableSpec quality = io.energylakehouse.common.table.CanonicalTables.DATA_QUALITY;
        lakehouse.ensure(quality);
        Column days = col("operating_date").isin(dates.toArray());
        Dataset<Row> latest = MarketPrices.latestRevision(lakehouse.read(io.energylakehouse.common.table.CanonicalTables.MARKET_PRICES)
                .where(col("market").isin(pairing.market(), pairing.otherMarket()).and(days)));
        List<Row> found = quality.conform(mismatches(latest, pairing)).collectAsList();
        Column mine = col("market").equalTo(pairing.market()).and(col("check_name").equalTo(CHECK)).and(days);
        List<Row> recorded = lakehouse.read(quality).where(mine).collectAsList();
        if (new java.util.HashSet<>(found).equals(new java.util.HashSet<>(recorded))) {
            return found.size();
        }
        String where = "market = '" + pairing.market() + "' AND check_name = '" + CHECK + "' AND operating_date IN ("
                + String.join(", ", dates.stream().map(date -> "DATE '" + date + "'").toList()) + ")";
        if (!recorded.isEmpty()) {
            lakehouse.spark().sql("DELETE FROM " + quality.identifier() + " WHERE " + where);
        }
        if (!found.isEmpty()) {
            lakehouse.appendRows(quality, found);
        }
        return found.size();
    }

}
