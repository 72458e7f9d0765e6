package io.energylakehouse.etl.publish;

import io.energylakehouse.common.calendar.PeakBlock;
import io.energylakehouse.common.time.MarketTime;
import io.energylakehouse.etl.curate.MarketPrices;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Collection;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.date_trunc;
import static org.apache.spark.sql.functions.dayofweek;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.from_utc_timestamp;
import static org.apache.spark.sql.functions.hour;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.unix_seconds;
import static org.apache.spark.sql.functions.when;

/**
 * Hub price datasets derived from the latest revision of {@code curated.market_prices}. Pure transforms.
 *
 * <p>Every mean is rounded half-up to {@link #MEAN_SCALE} decimal places, so a published mean is a short decimal
 * (47.544553), never binary float noise (47.54455312500001); prices taken as they are keep the source's digits.
 * Every mean comes with how many intervals it was made from, how many the day or hour holds, and whether that is
 * all of them ({@code is_*_complete}): a day missing an hour is published flagged, never averaged silently.
 */
public final class HubPrices
{
    /** Decimal places of every published mean. */
    public static final int MEAN_SCALE = 6;

    private HubPrices() {}

    /**
     * Hourly prices of every location of the datasets, whatever its {@code location_type} (nodes, hubs, zones), with
     * that type in {@code location_type}: day-ahead rows as they are, real-time rows averaged per hour, side by side.
     * The rows of the published location type are the hub tables' ({@code HubDatasets.locationType()}); all of them are
     * what the basis to the reference hub ({@link CongestionAnalytics#basisToHubHourly}) is made of.
     *
     * @param peakClock the zone the peak block's clock hours are counted in (the market's own, except MISO's)
     * @param holidays the holidays to treat as off-peak over the data's date range
     * @param datasets the day-ahead and real-time datasets and their real-time interval length
     */
    public static Dataset<Row> hourlyOfEveryLocation(Dataset<Row> latestPrices, String market, MarketTime time, java.time.ZoneId peakClock, PeakBlock block,
            Collection<LocalDate> holidays, io.energylakehouse.etl.connector.HubDatasets datasets)
    {
        Dataset<Row> prices = latestPrices.where(col("market").equalTo(market));
        Dataset<Row> dayAhead = dayAheadHourly(prices, datasets);
        Column isRealTime = datasets.realTimeDataset().map(dataset -> col("dataset").equalTo(dataset)).orElse(lit(false));
        Dataset<Row> realTime = prices.where(isRealTime)
                .groupBy(col("location_id"), date_trunc("hour", col("interval_start_utc")).as("interval_start_utc"))
                .agg(mean(col("price_per_mwh")).as("rt_price_per_mwh"), count(lit(1)).as("rt_interval_count"), first("currency").as("rt_currency"),
                        max("location_type").as("rt_location_type"));
        Column intervalCount = coalesce(col("rt_interval_count"), lit(0L));
        // A market without a real-time dataset expects no real-time intervals (and is never complete in them).
        Column expectedCount = lit(datasets.realTimeDataset().isPresent() ? (long) (60 / datasets.realTimeIntervalMinutes()) : 0L);
        Column daCount = coalesce(col("da_interval_count"), lit(0L));
        Column daExpected = coalesce(col("da_expected_interval_count"), lit(datasets.expectedDayAheadIntervalsPerHour()));
        Dataset<Row> joined = dayAhead.join(realTime, new String[] {"location_id", "interval_start_utc"}, "full_outer")
                .withColumn("currency", coalesce(col("currency"), col("rt_currency")))
                .withColumn("location_type", coalesce(col("location_type"), col("rt_location_type")))
                .withColumn("da_interval_count", daCount)
                .withColumn("da_expected_interval_count", daExpected)
                .withColumn("is_da_complete", daCount.equalTo(daExpected).and(daExpected.gt(0)))
                .withColumn("rt_interval_count", intervalCount)
                .withColumn("rt_expected_interval_count", expectedCount)
                .withColumn("is_rt_complete", intervalCount.equalTo(expectedCount).and(expectedCount.gt(0)))
                .withColumn("market", lit(market))
                .withColumn("interval_end_utc", col("interval_start_utc").plus(expr("INTERVAL 1 HOUR")));
        return withOnPeak(MarketPrices.withOperatingTime(joined, time), peakClock, block, holidays);
    }

    /**
     * The day-ahead price of every location and hour: the hourly dataset's row as it is (one interval); for an hour it lacks,
     * the mean of the sub-hourly dataset's intervals of that hour (prices and components alike), with how many there were
     * and how many the hour holds.
     */
    private static Dataset<Row> dayAheadHourly(Dataset<Row> prices, io.energylakehouse.etl.connector.HubDatasets datasets)
    {
        Column isHourly = datasets.dayAheadDataset().map(dataset -> col("dataset").equalTo(dataset)).orElse(lit(false));
        Dataset<Row> hourly = prices.where(isHourly).select(
                col("location_id"), col("location_type"), col("interval_start_utc"), col("currency"),
                col("price_per_mwh").as("da_price_per_mwh"), col("energy_per_mwh").as("da_energy_per_mwh"),
                col("congestion_per_mwh").as("da_congestion_per_mwh"), col("loss_per_mwh").as("da_loss_per_mwh"),
                col("ghg_per_mwh").as("da_ghg_per_mwh"), lit(1L).as("da_interval_count"), lit(1L).as("da_expected_interval_count"));
        if (datasets.dayAheadSubHourlyDataset().isEmpty()) {
            return hourly;
        }
        Dataset<Row> subHourly = prices.where(col("dataset").equalTo(datasets.dayAheadSubHourlyDataset().get()))
                .groupBy(col("location_id"), date_trunc("hour", col("interval_start_utc")).as("interval_start_utc"))
                .agg(max("location_type").as("location_type"), first("currency").as("currency"),
                        mean(col("price_per_mwh")).as("da_price_per_mwh"), mean(col("energy_per_mwh")).as("da_energy_per_mwh"),
                        mean(col("congestion_per_mwh")).as("da_congestion_per_mwh"), mean(col("loss_per_mwh")).as("da_loss_per_mwh"),
                        mean(col("ghg_per_mwh")).as("da_ghg_per_mwh"), count(lit(1)).as("da_interval_count"))
                .withColumn("da_expected_interval_count", lit((long) (60 / datasets.dayAheadSubHourlyMinutes())))
                .join(hourly.select("location_id", "interval_start_utc"), new String[] {"location_id", "interval_start_utc"}, "left_anti");
        return hourly.unionByName(subHourly);
    }

    /**
     * Daily on-peak and off-peak means of {@link #hourlyOfEveryLocation} rows (of one location type), with the day's length in the market's time zone
     * and the intervals behind the means: day-ahead hours (complete when they are the day's hours) and
     * real-time intervals (complete when every hour holds all of its own).
     */
    public static Dataset<Row> daily(Dataset<Row> hourly, MarketTime time)
    {
        Column onPeak = col("is_on_peak");
        Column hasDayAhead = col("da_price_per_mwh").isNotNull();
        // A market without a settled block (PeakBlock.BASE_ONLY) has neither on- nor off-peak means.
        Column hasBlock = col("peak_block").notEqual(lit(io.energylakehouse.common.calendar.PeakBlock.BASE_ONLY.name()));
        Column hoursInDay = floor(unix_seconds(MarketPrices.dayStartUtc(date_add(col("operating_date"), 1), time))
                .minus(unix_seconds(MarketPrices.dayStartUtc(col("operating_date"), time))).divide(3600)).cast("int");
        return hourly.groupBy("market", "location_id", "operating_date", "peak_block")
                .agg(max(col("_is_peak_day")).as("is_peak_day"),
                        sum(when(onPeak.and(hasDayAhead), 1).otherwise(0)).cast("int").as("on_peak_hours"),
                        sum(when(not(onPeak).and(hasDayAhead), 1).otherwise(0)).cast("int").as("off_peak_hours"),
                        sum(when(hasDayAhead, col("da_interval_count")).otherwise(0L)).cast("int").as("da_interval_count"),
                        max(col("da_expected_interval_count")).as("_da_expected_per_hour"),
                        sum(col("rt_interval_count")).cast("long").as("rt_interval_count"),
                        max(col("rt_expected_interval_count")).as("_rt_expected_per_hour"),
                        mean(col("da_price_per_mwh")).as("da_base_price_per_mwh"),
                        mean(when(onPeak, col("da_price_per_mwh"))).as("da_on_peak_price_per_mwh"),
                        mean(when(not(onPeak).and(hasBlock), col("da_price_per_mwh"))).as("da_off_peak_price_per_mwh"),
                        mean(col("rt_price_per_mwh")).as("rt_base_price_per_mwh"),
                        mean(when(onPeak, col("rt_price_per_mwh"))).as("rt_on_peak_price_per_mwh"),
                        mean(when(not(onPeak).and(hasBlock), col("rt_price_per_mwh"))).as("rt_off_peak_price_per_mwh"),
                        first("currency").as("currency"))
                .withColumn("hours_in_day", hoursInDay)
                .withColumn("da_expected_interval_count", col("hours_in_day").multiply(col("_da_expected_per_hour")).cast("int"))
                .withColumn("is_da_complete", col("da_interval_count").equalTo(col("da_expected_interval_count")).and(col("da_expected_interval_count").gt(0)))
                .withColumn("rt_expected_interval_count", col("hours_in_day").cast("long").multiply(col("_rt_expected_per_hour")))
                .withColumn("is_rt_complete", col("rt_interval_count").equalTo(col("rt_expected_interval_count")).and(col("rt_expected_interval_count").gt(0)))
                .drop("_da_expected_per_hour", "_rt_expected_per_hour");
    }

    /**
     * The mean of a price column, rounded half-up to {@link #MEAN_SCALE} decimal places. Summed as decimals (each price
     * to {@link #SUM_SCALE} places), so the sum is exact and the mean the same whatever order Spark's partitions add up
     * in: a double sum can land either side of a rounding boundary (46.70401 or 46.704011) from one run to the next.
     */
    public static Column mean(Column prices)
    {
        return round(avg(prices.cast(DataTypes.createDecimalType(28, SUM_SCALE))), MEAN_SCALE).cast(DataTypes.DoubleType);
    }

    /** Decimal places each price is summed with by {@link #mean}: beyond any operator's published precision. */
    static final int SUM_SCALE = 10;

    /**
     * Adds {@code peak_block}, {@code is_on_peak} and the helper {@code _is_peak_day}. The block is defined
     * on local clock hours of {@code peakClock}, so the clock hour ending comes from that clock's local time, not from
     * the elapsed hour ending (nor from the market's own clock where the contracts count another: MISO).
     */
    public static Dataset<Row> withOnPeak(Dataset<Row> hours, java.time.ZoneId peakClock, PeakBlock block, Collection<LocalDate> holidays)
    {
        Column clockHourEnding = hour(from_utc_timestamp(col("interval_start_utc"), peakClock.getId())).plus(1);
        Column peakWeekday = lit(false);
        for (DayOfWeek day : block.days()) {
            // Spark's dayofweek: 1 = Sunday .. 7 = Saturday.
            peakWeekday = peakWeekday.or(dayofweek(col("operating_date")).equalTo(day.getValue() % 7 + 1));
        }
        Column peakDay = holidays.isEmpty() ? peakWeekday : peakWeekday.and(not(col("operating_date").isin(holidays.toArray())));
        return hours
                .withColumn("peak_block", lit(block.name()))
                .withColumn("_is_peak_day", peakDay)
                .withColumn("is_on_peak", peakDay.and(clockHourEnding.between(block.firstHourEnding(), block.lastHourEnding())));
    }
}
