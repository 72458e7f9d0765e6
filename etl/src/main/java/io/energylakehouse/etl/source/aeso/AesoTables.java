package io.energylakehouse.etl.source.aeso;

import io.energylakehouse.common.table.TableSpec;
import io.energylakehouse.etl.raw.Landing;

import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

/**
 * The raw tables of the AESO connector, one per report, fed alike by the API's JSON and the legacy ETS CSV: the
 * operator's own fields, typed, plus lineage and the interval in UTC.
 */
public final class AesoTables
{
    private AesoTables() {}

    public static final TableSpec RAW_POOL_PRICE = TableSpec.builder("raw", AesoReport.POOL_PRICE.rawTableName(),
                    "AESO pool price as published: the API's Pool Price Report or the legacy ETS Historical Pool Price CSV; one row per hour listed")
            .required("fetch_id", StringType, "raw.fetch_log row of the payload this row came from")
            .optional(Landing.LANDING_ID, StringType, Landing.LANDING_ID_DOC)
            .required("line_number", IntegerType, "Position of the row: its index in the JSON list (from 1), or its line in the CSV")
            .required("interval_start_utc", TimestampType, "begin_datetime_utc (API), or the hour ending of Date (HE) in Mountain prevailing time (CSV)")
            .required("interval_end_utc", TimestampType, "interval_start_utc plus one hour")
            .optional("local_time", StringType, "The time as published in Mountain prevailing time: begin_datetime_mpt (API) or Date (HE) with the "
                    + "fall-back day's 02* (CSV); checked against the instant, never used for it")
            .optional("pool_price", DoubleType, "pool_price (API) or Price ($) (CSV), CAD per MWh; null for an hour not settled yet (never 0)")
            .optional("forecast_pool_price", DoubleType, "forecast_pool_price, CAD per MWh (API only)")
            .optional("rolling_30day_avg", DoubleType, "rolling_30day_avg (API) or 30Ravg ($) (CSV), CAD per MWh")
            .optional("ail_demand_mw", DoubleType, "AIL Demand (MW), Alberta internal load (CSV only)")
            .key("fetch_id", "line_number")
            .partitionedBy("days(interval_start_utc)")
            .build();

    public static final TableSpec RAW_SYSTEM_MARGINAL_PRICE = TableSpec.builder("raw", AesoReport.SYSTEM_MARGINAL_PRICE.rawTableName(),
                    "AESO system marginal price as published: the API's System Marginal Price Report or the legacy ETS Historical System Marginal "
                            + "Price CSV; one row per SMP interval (irregular, minute resolution)")
            .required("fetch_id", StringType, "raw.fetch_log row of the payload this row came from")
            .optional(Landing.LANDING_ID, StringType, Landing.LANDING_ID_DOC)
            .required("line_number", IntegerType, "Position of the row: its index in the JSON list (from 1), or its line in the CSV")
            .required("interval_start_utc", TimestampType, "begin_datetime_utc (API), or Time on the day of Date (HE) in Mountain prevailing time (CSV)")
            .optional("interval_end_utc", TimestampType, "end_datetime_utc (API), or the start of the next SMP in the CSV (it gives no end); null "
                    + "for the last SMP of a CSV, whose end the file does not say")
            .optional("local_time", StringType, "The start as published in Mountain prevailing time: begin_datetime_mpt (API) or Date (HE) and "
                    + "Time (CSV), with the fall-back day's *; checked against the instant")
            .optional("local_end_time", StringType, "end_datetime_mpt as published (API only)")
            .required("system_marginal_price", DoubleType, "system_marginal_price (API) or Price ($) (CSV), CAD per MWh")
            .optional("volume_mw", DoubleType, "volume (API) or Volume (MW) (CSV): the dispatched volume at that price, MW")
            .key("fetch_id", "line_number")
            .partitionedBy("days(interval_start_utc)")
            .build();

    public static TableSpec rawTable(AesoReport report)
    {
        return switch (report) {
            case POOL_PRICE -> RAW_POOL_PRICE;
            case SYSTEM_MARGINAL_PRICE -> RAW_SYSTEM_MARGINAL_PRICE;
        };
    }
}
