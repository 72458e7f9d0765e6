package io.energylakehouse.etl.publish;

import io.energylakehouse.common.table.TableSpec;

import java.util.List;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

/** The datasets users download (and query), one table each in the {@code published} namespace. */
public final class PublishedTables
{
    private PublishedTables() {}

    /** The price columns of the hourly hub table that get EUR and USD twins ({@link CurrencyViews}). */
    public static final java.util.List<String> HOURLY_PRICES = java.util.List.of("da_price_per_mwh", "rt_price_per_mwh");
    /** The price columns of the daily hub table that get EUR and USD twins. */
    public static final java.util.List<String> DAILY_PRICES = java.util.List.of("da_base_price_per_mwh", "da_on_peak_price_per_mwh", "da_off_peak_price_per_mwh",
            "rt_base_price_per_mwh", "rt_on_peak_price_per_mwh", "rt_off_peak_price_per_mwh");

    public static final TableSpec HUB_PRICES_HOURLY = TableSpec.builder("published", "hub_prices_hourly",
                    "Hourly trading-hub prices: day-ahead LMP and components, and the hourly mean of real-time 5-minute LMPs (latest revisions)")
            .required("market", StringType, "Market operator code")
            .required("location_id", StringType, "Trading hub")
            .required("interval_start_utc", TimestampType, "Start of the delivery hour")
            .required("interval_end_utc", TimestampType, "End of the delivery hour")
            .required("operating_date", DateType, "Operating day in the market's time zone")
            .required("hour_ending", IntegerType, "Hour ending in elapsed hours: 1..23 on spring-forward days, 1..25 on fall-back days")
            .required("peak_block", StringType, "On-peak block of this market, e.g. 6x16 (WECC: HE 7-22 Mon-Sat, NERC holidays off-peak)")
            .required("is_on_peak", BooleanType, "Whether the hour is in the on-peak block")
            .optional("da_price_per_mwh", DoubleType, "Day-ahead LMP")
            .optional("da_energy_per_mwh", DoubleType, "Day-ahead energy component")
            .optional("da_congestion_per_mwh", DoubleType, "Day-ahead congestion component")
            .optional("da_loss_per_mwh", DoubleType, "Day-ahead loss component")
            .optional("da_ghg_per_mwh", DoubleType, "Day-ahead greenhouse-gas component")
            .optional("da_interval_count", LongType, "Day-ahead intervals behind the hour's price: 1 for an hourly price, the quarter hours averaged where the "
                    + "auction cleared quarter hours only (European day-ahead from 2025-10-01); 0 where there is none")
            .optional("da_expected_interval_count", LongType, "Day-ahead intervals the hour holds: 1 for hourly products, 4 for quarter hours; 0 for a "
                    + "market without a day-ahead dataset (AESO)")
            .optional("is_da_complete", BooleanType, "Whether the hour's day-ahead price was made from every interval of the hour")
            .optional("rt_price_per_mwh", DoubleType, "Mean of the hour's real-time 5-minute LMPs, rounded to 6 decimal places")
            .required("rt_interval_count", LongType, "Real-time intervals behind the mean (12 when complete)")
            .required("rt_expected_interval_count", LongType, "Real-time intervals the hour holds: 12 for 5-minute intervals; 0 for a market whose real-time "
                    + "prices are not published here (the European day-ahead zones)")
            .required("is_rt_complete", BooleanType, "Whether the real-time mean was made from every interval of the hour (rt_interval_count = "
                    + "rt_expected_interval_count > 0)")
            .required("currency", StringType, "ISO 4217 code of the prices above (the market's own)")
            .optional("fx_rate_date", DateType, "Date of the ECB reference rate the EUR and USD prices were converted with: the operating date's, else the "
                    + "last business day's before it (of the price's currency; of USD for EUR prices); null where curated.fx_rates holds none")
            .optional("fx_rule", StringType, "same_day or previous_business_day: how fx_rate_date was chosen")
            .optional("da_price_eur_per_mwh", DoubleType, "da_price_per_mwh in EUR (price / ECB units per EUR), rounded to 6 decimal places")
            .optional("rt_price_eur_per_mwh", DoubleType, "rt_price_per_mwh in EUR, rounded to 6 decimal places")
            .optional("da_price_usd_per_mwh", DoubleType, "da_price_per_mwh in USD (via EUR at the same rate date; as is for USD prices)")
            .optional("rt_price_usd_per_mwh", DoubleType, "rt_price_per_mwh in USD")
            .key("market", "location_id", "interval_start_utc")
            .partitionedBy("market")
            .build();

    public static final TableSpec HUB_PRICES_DAILY = TableSpec.builder("published", "hub_prices_daily",
                    "Daily on-peak and off-peak average prices of trading hubs (simple mean of hourly prices)")
            .required("market", StringType, "Market operator code")
            .required("location_id", StringType, "Trading hub")
            .required("operating_date", DateType, "Operating day in the market's time zone")
            .required("peak_block", StringType, "On-peak block, e.g. 6x16")
            .required("is_peak_day", BooleanType, "Whether the day has on-peak hours (not a Sunday or NERC holiday in 6x16)")
            .required("on_peak_hours", IntegerType, "Hours in the on-peak block with a day-ahead price")
            .required("off_peak_hours", IntegerType, "Other hours of the day with a day-ahead price (23 or 25 on DST days when all off-peak)")
            .required("hours_in_day", IntegerType, "Hours of the operating day in the market's time zone: 23 on a spring-forward day, 25 on a fall-back day, else 24")
            .required("da_interval_count", IntegerType, "Day-ahead intervals behind the day-ahead means: hours with an hourly price plus the quarter hours "
                    + "of hours priced in quarter hours (hours_in_day when every hour has an hourly price; 92/96/100 for a day of quarter hours)")
            .optional("da_expected_interval_count", IntegerType, "Day-ahead intervals the day holds: hours_in_day for hourly products, 4 x hours_in_day "
                    + "for quarter hours; 0 for a market without a day-ahead dataset")
            .required("is_da_complete", BooleanType, "Whether the day-ahead means were made from every interval of the day (da_interval_count = "
                    + "da_expected_interval_count > 0)")
            .required("rt_interval_count", LongType, "Real-time intervals behind the real-time means")
            .required("rt_expected_interval_count", LongType, "Real-time intervals the day holds: 12 per hour for 5-minute intervals (288 on a 24-hour day)")
            .required("is_rt_complete", BooleanType, "Whether the real-time means were made from every interval of the day (rt_interval_count = rt_expected_interval_count)")
            .optional("da_base_price_per_mwh", DoubleType, "Mean day-ahead price over all hours of the day (base load), rounded to 6 decimal places")
            .optional("da_on_peak_price_per_mwh", DoubleType, "Mean day-ahead LMP over on-peak hours, rounded to 6 decimal places; null on days without any")
            .optional("da_off_peak_price_per_mwh", DoubleType, "Mean day-ahead LMP over off-peak hours, rounded to 6 decimal places")
            .optional("rt_base_price_per_mwh", DoubleType, "Mean of the hourly real-time means over all hours of the day, rounded to 6 decimal places")
            .optional("rt_on_peak_price_per_mwh", DoubleType, "Mean of the hourly real-time means over on-peak hours, rounded to 6 decimal places")
            .optional("rt_off_peak_price_per_mwh", DoubleType, "Mean of the hourly real-time means over off-peak hours, rounded to 6 decimal places")
            .required("currency", StringType, "ISO 4217 code of the prices above (the market's own)")
            .optional("fx_rate_date", DateType, "Date of the ECB reference rate the EUR and USD means were converted with: the operating date's, else the "
                    + "last business day's before it (of the price's currency; of USD for EUR prices); null where curated.fx_rates holds none")
            .optional("fx_rule", StringType, "same_day or previous_business_day: how fx_rate_date was chosen")
            .optional("da_base_price_eur_per_mwh", DoubleType, "da_base_price_per_mwh in EUR, converted at fx_rate_date")
            .optional("da_base_price_usd_per_mwh", DoubleType, "da_base_price_per_mwh in USD, converted at fx_rate_date")
            .optional("da_on_peak_price_eur_per_mwh", DoubleType, "da_on_peak_price_per_mwh in EUR, converted at fx_rate_date")
            .optional("da_on_peak_price_usd_per_mwh", DoubleType, "da_on_peak_price_per_mwh in USD, converted at fx_rate_date")
            .optional("da_off_peak_price_eur_per_mwh", DoubleType, "da_off_peak_price_per_mwh in EUR, converted at fx_rate_date")
            .optional("da_off_peak_price_usd_per_mwh", DoubleType, "da_off_peak_price_per_mwh in USD, converted at fx_rate_date")
            .optional("rt_base_price_eur_per_mwh", DoubleType, "rt_base_price_per_mwh in EUR, converted at fx_rate_date")
            .optional("rt_base_price_usd_per_mwh", DoubleType, "rt_base_price_per_mwh in USD, converted at fx_rate_date")
            .optional("rt_on_peak_price_eur_per_mwh", DoubleType, "rt_on_peak_price_per_mwh in EUR, converted at fx_rate_date")
            .optional("rt_on_peak_price_usd_per_mwh", DoubleType, "rt_on_peak_price_per_mwh in USD, converted at fx_rate_date")
            .optional("rt_off_peak_price_eur_per_mwh", DoubleType, "rt_off_peak_price_per_mwh in EUR, converted at fx_rate_date")
            .optional("rt_off_peak_price_usd_per_mwh", DoubleType, "rt_off_peak_price_per_mwh in USD, converted at fx_rate_date")
            .key("market", "location_id", "operating_date")
            .partitionedBy("market")
            .build();

    public static final TableSpec CONGESTION_TOP_NODES_DAILY = TableSpec.builder("published", "congestion_top_nodes_daily",
                    "Per operating day and market run, the 20 pricing locations with the largest mean absolute congestion component (latest revisions); "
                            + "no rows for a market whose prices carry no congestion component (ERCOT)")
            .required("market", StringType, "Market operator code")
            .required("operating_date", DateType, "Operating day in the market's time zone")
            .required("market_run", StringType, "day_ahead or real_time")
            .required("congestion_rank", IntegerType, "1..20 by mean_abs_congestion_per_mwh, largest first; ties broken by location_id")
            .required("location_id", StringType, "Pricing location (node, hub or zone)")
            .required("location_type", StringType, "node, hub or zone, as in curated.market_prices")
            .required("dataset", StringType, "The curated dataset the intervals come from, e.g. da_hourly, rt_5min")
            .required("mean_congestion_per_mwh", DoubleType, "Mean congestion component over the day's intervals, rounded to 6 decimal places")
            .required("mean_abs_congestion_per_mwh", DoubleType, "Mean absolute congestion component over the day's intervals, rounded to 6 decimal places")
            .required("max_abs_congestion_per_mwh", DoubleType, "Largest absolute congestion component of the day's intervals")
            .required("interval_count", LongType, "Intervals of the day with a congestion component behind the means")
            .required("currency", StringType, "ISO 4217 code")
            .key("market", "operating_date", "market_run", "congestion_rank")
            .partitionedBy("market")
            .build();

    public static final TableSpec DART_SPREADS_HOURLY = TableSpec.builder("published", "dart_spreads_hourly",
                    "Hourly day-ahead minus real-time spread of the trading hubs of the hub tables (real time: the hour's mean), hours with both prices")
            .required("market", StringType, "Market operator code")
            .required("location_id", StringType, "Trading hub (zone for NYISO), as in published.hub_prices_hourly")
            .required("interval_start_utc", TimestampType, "Start of the delivery hour")
            .required("interval_end_utc", TimestampType, "End of the delivery hour")
            .required("operating_date", DateType, "Operating day in the market's time zone")
            .required("hour_ending", IntegerType, "Hour ending in elapsed hours: 1..23 on spring-forward days, 1..25 on fall-back days")
            .required("peak_block", StringType, "On-peak block of this market, e.g. 6x16")
            .required("is_on_peak", BooleanType, "Whether the hour is in the on-peak block")
            .required("da_price_per_mwh", DoubleType, "Day-ahead LMP")
            .required("rt_price_per_mwh", DoubleType, "Mean of the hour's real-time LMPs, rounded to 6 decimal places")
            .required("dart_spread_per_mwh", DoubleType, "da_price_per_mwh - rt_price_per_mwh, rounded to 6 decimal places")
            .required("rt_interval_count", LongType, "Real-time intervals behind the mean")
            .required("rt_expected_interval_count", LongType, "Real-time intervals the hour holds: 12 for 5-minute intervals")
            .required("is_rt_complete", BooleanType, "Whether the real-time mean was made from every interval of the hour")
            .required("currency", StringType, "ISO 4217 code of the prices above (the market's own)")
            .key("market", "location_id", "interval_start_utc")
            .partitionedBy("market")
            .build();

    public static final TableSpec BASIS_TO_HUB_HOURLY = TableSpec.builder("published", "basis_to_hub_hourly",
                    "Hourly price of every location minus its market's reference hub (Market.referenceHub), day-ahead and real-time (real time: the hour's mean); "
                            + "the hub's own rows have basis 0")
            .required("market", StringType, "Market operator code")
            .required("location_id", StringType, "Pricing location (node, hub or zone)")
            .required("hub_location_id", StringType, "The market's reference hub, e.g. TH_SP15_GEN-APND, 51288, HB_NORTH")
            .required("interval_start_utc", TimestampType, "Start of the delivery hour")
            .required("interval_end_utc", TimestampType, "End of the delivery hour")
            .required("operating_date", DateType, "Operating day in the market's time zone")
            .required("hour_ending", IntegerType, "Hour ending in elapsed hours: 1..23 on spring-forward days, 1..25 on fall-back days")
            .required("peak_block", StringType, "On-peak block of this market, e.g. 6x16")
            .required("is_on_peak", BooleanType, "Whether the hour is in the on-peak block")
            .optional("da_price_per_mwh", DoubleType, "Day-ahead LMP of the location")
            .optional("da_hub_price_per_mwh", DoubleType, "Day-ahead LMP of the reference hub")
            .optional("da_basis_per_mwh", DoubleType, "da_price_per_mwh - da_hub_price_per_mwh, rounded to 6 decimal places; null when either is")
            .optional("rt_price_per_mwh", DoubleType, "Mean of the hour's real-time LMPs of the location, rounded to 6 decimal places")
            .optional("rt_hub_price_per_mwh", DoubleType, "Mean of the hour's real-time LMPs of the reference hub, rounded to 6 decimal places")
            .optional("rt_basis_per_mwh", DoubleType, "rt_price_per_mwh - rt_hub_price_per_mwh, rounded to 6 decimal places; null when either is")
            .required("rt_interval_count", LongType, "Real-time intervals behind the location's mean")
            .required("rt_hub_interval_count", LongType, "Real-time intervals behind the hub's mean")
            .required("is_rt_complete", BooleanType, "Whether both real-time means were made from every interval of the hour")
            .required("currency", StringType, "ISO 4217 code of the prices above (the market's own)")
            .key("market", "location_id", "interval_start_utc")
            .partitionedBy("market")
            .build();

    public static List<TableSpec> all()
    {
        return List.of(HUB_PRICES_HOURLY, HUB_PRICES_DAILY, CONGESTION_TOP_NODES_DAILY, DART_SPREADS_HOURLY, BASIS_TO_HUB_HOURLY);
    }
}
