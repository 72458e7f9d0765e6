package io.energylakehouse.etl.curate;

import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.table.CanonicalTables;
import io.energylakehouse.common.table.Lakehouse;
import io.energylakehouse.common.time.MarketTime;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;

/**
 * Does an operating day's partition of {@code curated.market_prices} hold the whole day: every hour ending
 * of the day in the market's time zone (23 on a spring-forward day, 25 on a fall-back day, else 24)? The
 * scheduled pipeline runs this between curating and publishing, so an incomplete day is never published
 * as if it were whole. Locations missing some intervals are counted (their gaps are in
 * {@code curated.data_quality}); a partition missing whole hours, or holding none, fails the check.
 */
public final class DayCompleteness
{
    private static final Logger log = LoggerFactory.getLogger(DayCompleteness.class);

    private final Lakehouse lakehouse;

    public DayCompleteness(Lakehouse lakehouse)
    {
        this.lakehouse = requireNonNull(lakehouse, "lakehouse is null");
    }

    /**
     * @param hoursSeen distinct hour-ending values in the partition
     * @param incompleteLocations locations holding fewer intervals than the day has (named in {@code examples})
     */
    public record Result(String market, String dataset, LocalDate operatingDate, int expectedHours, int hoursSeen, long locations,
            long incompleteLocations, List<String> examples)
    {
        public Result
        {
            requireNonNull(market, "market is null");
            requireNonNull(dataset, "dataset is null");
            requireNonNull(operatingDate, "operatingDate is null");
            examples = List.copyOf(examples);
        }

        public boolean complete()
        {
            return locations > 0 && hoursSeen == expectedHours;
        }

        /** Why the day is not complete, as the error a scheduler shows. */
        public String problem()
        {
            if (locations == 0) {
                return String.format("Cannot confirm %s %s for operating day %s: curated.market_prices holds no rows for it "
                        + "(was it ingested and curated? see curated.quarantine and raw.fetch_log)", market, dataset, operatingDate);
            }
            return String.format("Cannot confirm %s %s for operating day %s: the partition holds %d distinct hours where the day has %d "
                    + "in the market's time zone", market, dataset, operatingDate, hoursSeen, expectedHours);
        }
    }

    public Result check(String market, String dataset, LocalDate operatingDate, MarketTime time)
    {
        Dataset<Row> day = lakehouse.read(CanonicalTables.MARKET_PRICES)
                .where(col("market").equalTo(lit(market)).and(col("dataset").equalTo(lit(dataset))).and(col("operating_date").equalTo(lit(java.sql.Date.valueOf(operatingDate)))));
        int expectedHours = time.hoursInDay(operatingDate);
        Row overall = day.agg(countDistinct(col("hour_ending")), countDistinct(col("location_id"))).first();
        int hoursSeen = (int) overall.getLong(0);
        long locations = overall.getLong(1);
        List<String> examples = new ArrayList<>();
        long incomplete = 0;
        if (locations > 0) {
            // Every location should hold hours * (60 / interval length) distinct intervals; at most one row per location.
            List<Row> shortLocations = day.groupBy("location_id", "interval_minutes")
                    .agg(countDistinct(col("interval_start_utc")).as("intervals"))
                    .where(col("intervals").lt(lit(expectedHours).multiply(lit(60)).divide(col("interval_minutes"))))
                    .orderBy("location_id")
                    .collectAsList();
            incomplete = shortLocations.size();
            for (Row row : shortLocations.subList(0, Math.min(5, shortLocations.size()))) {
                examples.add(row.getString(0) + " (" + row.getLong(2) + " of " + expectedHours * 60 / row.getInt(1) + " intervals)");
            }
        }
        Result result = new Result(market, dataset, operatingDate, expectedHours, hoursSeen, locations, incomplete, examples);
        log.info("Stage check: {} {} {}: {} of {} hours, {} locations, {} incomplete", market, dataset, operatingDate, hoursSeen, expectedHours,
                locations, incomplete);
        return result;
    }

    /** Throws the problem of the first incomplete day as a data error. */
    public static void requireComplete(List<Result> results)
    {
        for (Result result : results) {
            if (!result.complete()) {
                throw LakehouseException.badData("%s", result.problem());
            }
        }
    }
}
