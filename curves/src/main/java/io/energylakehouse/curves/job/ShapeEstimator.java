package io.energylakehouse.curves.job;

import io.energylakehouse.curves.ShapeProfile;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_trunc;
import static org.apache.spark.sql.functions.from_utc_timestamp;
import static org.apache.spark.sql.functions.hour;
import static org.apache.spark.sql.functions.lit;

/**
 * Estimates a day-of-week by hour-of-day shape prior from a market's curated day-ahead prices: each hour's
 * price over its week's mean (which removes the level and its drift), averaged per (day of week, local
 * clock hour), normalised to mean one. Weeks whose mean is not clearly positive are left out (a ratio to a
 * mean near zero says nothing about shape). Only prices delivered before the as-of date are used.
 */
public final class ShapeEstimator
{
    /** Weeks averaging below this (currency per MWh) are left out of the ratios. */
    private static final double MIN_WEEKLY_MEAN = 1.0;
    private static final double MIN_FACTOR = 0.05;

    private ShapeEstimator() {}

    /** The shape, or empty when the history has no usable week (then the caller fits without a prior). */
    public static Optional<ShapeProfile> estimate(Dataset<Row> marketPrices, String market, ZoneId zone, LocalDate asOf, int lookbackDays)
    {
        Dataset<Row> hours = marketPrices
                .filter(col("market").equalTo(market)
                        .and(col("dataset").equalTo("da_hourly"))
                        .and(col("operating_date").lt(lit(asOf)))
                        .and(col("operating_date").geq(lit(asOf.minusDays(lookbackDays)))))
                .withColumn("local_start", from_utc_timestamp(col("interval_start_utc"), zone.getId()))
                .withColumn("week", date_trunc("week", col("local_start")));
        Dataset<Row> latest = hours
                .withColumn("latest_revision", org.apache.spark.sql.functions.max("revision").over(Window.partitionBy("location_id", "interval_start_utc")))
                .filter(col("revision").equalTo(col("latest_revision")));
        Dataset<Row> ratios = latest
                .withColumn("week_mean", avg("price_per_mwh").over(Window.partitionBy("location_id", "week")))
                .filter(col("week_mean").geq(MIN_WEEKLY_MEAN))
                .withColumn("ratio", col("price_per_mwh").divide(col("week_mean")))
                // Spark's dayofweek is 1 = Sunday .. 7 = Saturday; ISO is 1 = Monday .. 7 = Sunday
                .withColumn("iso_day", org.apache.spark.sql.functions.expr("((dayofweek(local_start) + 5) % 7) + 1"))
                .withColumn("hour_ending", hour(col("local_start")).plus(1));
        List<Row> cells = ratios.groupBy("iso_day", "hour_ending").agg(avg("ratio").as("factor"), count(lit(1)).as("hours")).collectAsList();
        if (cells.isEmpty()) {
            return Optional.empty();
        }
        double[][] factors = new double[7][24];
        boolean[][] seen = new boolean[7][24];
        for (Row cell : cells) {
            int day = cell.getInt(0) - 1;
            int hourEnding = cell.getInt(1);
            factors[day][hourEnding - 1] = cell.getDouble(2);
            seen[day][hourEnding - 1] = true;
        }
        fillGaps(factors, seen);
        double sum = 0;
        for (double[] day : factors) {
            for (double factor : day) {
                sum += factor;
            }
        }
        double mean = sum / (7 * 24);
        for (double[] day : factors) {
            for (int hour = 0; hour < 24; hour++) {
                day[hour] = Math.max(MIN_FACTOR, day[hour] / mean);
            }
        }
        return Optional.of(new ShapeProfile(factors, ShapeProfile.Mode.MULTIPLY));
    }

    /** A day of the week without history takes the mean hourly shape of the days that have it; a missing hour its day's mean. */
    private static void fillGaps(double[][] factors, boolean[][] seen)
    {
        double[] hourly = new double[24];
        int[] hourlyCount = new int[24];
        for (int day = 0; day < 7; day++) {
            for (int hour = 0; hour < 24; hour++) {
                if (seen[day][hour]) {
                    hourly[hour] += factors[day][hour];
                    hourlyCount[hour]++;
                }
            }
        }
        double overall = 0;
        int overallCount = 0;
        for (int hour = 0; hour < 24; hour++) {
            if (hourlyCount[hour] > 0) {
                hourly[hour] /= hourlyCount[hour];
                overall += hourly[hour];
                overallCount++;
            }
        }
        double fallback = overallCount > 0 ? overall / overallCount : 1.0;
        for (int day = 0; day < 7; day++) {
            for (int hour = 0; hour < 24; hour++) {
                if (!seen[day][hour]) {
                    factors[day][hour] = hourlyCount[hour] > 0 ? hourly[hour] : fallback;
                }
            }
        }
    }
}
