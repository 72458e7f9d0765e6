package io.energylakehouse.etl.publish;

import io.energylakehouse.common.calendar.PeakBlock;
import io.energylakehouse.common.time.MarketTime;
import io.energylakehouse.etl.curate.MarketPrices;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Collection;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_trunc;
import static org.apache.spark.sql.functions.dayofweek;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.from_utc_timestamp;
import static org.apache.spark.sql.functions.hour;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/** Hub price datasets derived from the latest revision of {@code curated.market_prices}. Pure transforms. */
public final class HubPrices
{
    private HubPrices() {}

    /**
     * Hourly hub prices: day-ahead rows as they are, real-time 5-minute rows averaged per hour, side by side.
     *
     * @param holidays the holidays to treat as off-peak over the data's date range
     */
    public static Dataset<Row> hourly(Dataset<Row> latestPrices, String market, MarketTime time, PeakBlock block, Collection<LocalDate> holidays,
            String dayAheadDataset, String realTimeDataset)
    {
        Dataset<Row> hubs = latestPrices.where(col("market").equalTo(market).and(col("location_type").equalTo("hub")));
        Dataset<Row> dayAhead = hubs.where(col("dataset").equalTo(dayAheadDataset)).select(
                col("location_id"), col("interval_start_utc"), col("currency"),
                col("price_per_mwh").as("da_price_per_mwh"), col("energy_per_mwh").as("da_energy_per_mwh"),
                col("congestion_per_mwh").as("da_congestion_per_mwh"), col("loss_per_mwh").as("da_loss_per_mwh"),
                col("ghg_per_mwh").as("da_ghg_per_mwh"));
        Dataset<Row> realTime = hubs.where(col("dataset").equalTo(realTimeDataset))
                .groupBy(col("location_id"), date_trunc("hour", col("interval_start_utc")).as("interval_start_utc"))
                .agg(avg("price_per_mwh").as("rt_price_per_mwh"), count(lit(1)).as("rt_interval_count"), first("currency").as("rt_currency"));
        Dataset<Row> joined = dayAhead.join(realTime, new String[] {"location_id", "interval_start_utc"}, "full_outer")
                .withColumn("currency", coalesce(col("currency"), col("rt_currency")))
                .withColumn("rt_interval_count", coalesce(col("rt_interval_count"), lit(0L)))
                .withColumn("market", lit(market))
                .withColumn("interval_end_utc", col("interval_start_utc").plus(expr("INTERVAL 1 HOUR")));
        return withOnPeak(MarketPrices.withOperatingTime(joined, time), time, block, holidays);
    }

    /** Daily on-peak and off-peak means of {@link #hourly} rows. */
    public static Dataset<Row> daily(Dataset<Row> hourly)
    {
        Column onPeak = col("is_on_peak");
        Column hasDayAhead = col("da_price_per_mwh").isNotNull();
        return hourly.groupBy("market", "location_id", "operating_date", "peak_block")
                .agg(max(col("_is_peak_day")).as("is_peak_day"),
                        sum(when(onPeak.and(hasDayAhead), 1).otherwise(0)).cast("int").as("on_peak_hours"),
                        sum(when(not(onPeak).and(hasDayAhead), 1).otherwise(0)).cast("int").as("off_peak_hours"),
                        avg(when(onPeak, col("da_price_per_mwh"))).as("da_on_peak_price_per_mwh"),
                        avg(when(not(onPeak), col("da_price_per_mwh"))).as("da_off_peak_price_per_mwh"),
                        avg(when(onPeak, col("rt_price_per_mwh"))).as("rt_on_peak_price_per_mwh"),
                        avg(when(not(onPeak), col("rt_price_per_mwh"))).as("rt_off_peak_price_per_mwh"),
                        first("currency").as("currency"));
    }

    /**
     * Adds {@code peak_block}, {@code is_on_peak} and the helper {@code _is_peak_day}. The block is defined
     * on local clock hours, so the clock hour ending comes from local time, not from the elapsed hour ending.
     */
    public static Dataset<Row> withOnPeak(Dataset<Row> hours, MarketTime time, PeakBlock block, Collection<LocalDate> holidays)
    {
        Column clockHourEnding = hour(from_utc_timestamp(col("interval_start_utc"), time.zone().getId())).plus(1);
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
