package io.energylakehouse.etl.source.nordpool;

import io.energylakehouse.common.table.TableSpec;
import io.energylakehouse.etl.raw.Landing;

import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

/** The raw table of the Nord Pool connector: one row per area and delivery interval of a payload, typed, with lineage. */
public final class NordPoolTables
{
    private NordPoolTables() {}

    public static final TableSpec RAW_DAY_AHEAD_PRICES = TableSpec.builder("raw", NordPoolReport.DAY_AHEAD_PRICES.rawTableName(),
                    "Nord Pool day-ahead prices as published by the data portal (DayAheadPrices) or the licensed API (Auction/Prices/ByAreas): "
                            + "one row per delivery area and interval, in the currency asked for")
            .required("fetch_id", StringType, "raw.fetch_log row of the payload this price came from")
            .optional(Landing.LANDING_ID, StringType, Landing.LANDING_ID_DOC)
            .required("entry_number", IntegerType, "Position of the price in the payload, 1-based over every area")
            .required("delivery_area", StringType, "deliveryArea (or the entryPerArea key) as published: SE3, NO1, DK1, FI, SYS, GER, DE-LU...")
            .optional("delivery_date_cet", DateType, "deliveryDateCET: the CET/CEST delivery day the payload is for")
            .required("interval_start_utc", TimestampType, "deliveryStart: interval start, UTC as published (Z)")
            .required("interval_end_utc", TimestampType, "deliveryEnd: interval end, UTC as published (Z)")
            .required("price", DoubleType, "price (or the area's entryPerArea value) in currency per MWh")
            .required("currency", StringType, "currency the payload was asked in: EUR, NOK, SEK, DKK, PLN...")
            .optional("market", StringType, "market: DayAhead")
            .optional("exchange_rate", DoubleType, "exchangeRate: Nord Pool's EUR to currency rate of the auction (not the ECB reference rate)")
            .optional("status", StringType, "The area's result state: Final or Preliminary")
            .optional("updated_at", TimestampType, "updatedAt: when Nord Pool last updated the result, UTC")
            .optional("version", IntegerType, "version of the result (data portal only)")
            .key("fetch_id", "entry_number")
            .partitionedBy("days(interval_start_utc)")
            .build();
}
