package io.energylakehouse.etl.source.aemo;

import io.energylakehouse.common.table.TableSpec;
import io.energylakehouse.etl.raw.Landing;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.DecimalType;

import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

/**
 * The raw tables of the AEMO connector: one per report, each row one {@code D} row of an MMS C/I/D file as published,
 * its columns found by the name its {@code I} row gives them (never by position), the ones curation reads typed and
 * every field, typed or not, kept as text in {@code fields_json}. DISPATCHPRICE and TRADINGPRICE rows share one layout
 * (the {@code dispatch_price}, {@code trading_price} and {@code daily} reports), told apart by {@code mms_table}.
 */
public final class AemoTables
{
    private AemoTables() {}

    /** Exact decimals as MMS writes them; a value with more than 20 integer digits is refused by the parser. */
    public static final DecimalType PRICE_TYPE = DataTypes.createDecimalType(38, 18);
    /** The largest number of integer digits {@link #PRICE_TYPE} holds. */
    public static final int MAX_INTEGER_DIGITS = PRICE_TYPE.precision() - PRICE_TYPE.scale();

    /** A decimal in one form whatever its scale ({@code 67.58327} read from a file or as {@code 67.583270000000000000} from the raw table). */
    static java.math.BigDecimal canonical(java.math.BigDecimal value)
    {
        if (value == null) {
            return null;
        }
        java.math.BigDecimal stripped = value.stripTrailingZeros();
        return stripped.scale() < 0 ? stripped.setScale(0) : stripped;
    }

    /** A decimal as the raw table stores it: exactly {@link #PRICE_TYPE}'s scale (the parser rounded longer ones). */
    static java.math.BigDecimal rawValue(java.math.BigDecimal value)
    {
        return value == null ? null : value.setScale(PRICE_TYPE.scale(), java.math.RoundingMode.HALF_EVEN);
    }

    private static TableSpec priceTable(AemoReport report, String description)
    {
        TableSpec.Builder builder = TableSpec.builder("raw", report.rawTableName(), description)
                .required("fetch_id", StringType, "raw.fetch_log row of the payload this row came from")
                .optional(Landing.LANDING_ID, StringType, Landing.LANDING_ID_DOC)
                .required("member", StringType, "The CSV the row is in: the zip's member, or the payload itself when it is not zipped")
                .required("line_number", IntegerType, "Line of the D row in its member, from 1")
                .required("mms_table", StringType, "The MMS table of the row's I row: DISPATCHPRICE or TRADINGPRICE")
                .required("table_version", IntegerType, "The table version of the row's I row (DISPATCHPRICE 1..5, TRADINGPRICE 2 or 3): it decides the columns")
                .required("settlement_date", StringType, "SETTLEMENTDATE as published: the END of the interval, NEM time (AEST, UTC+10 all year)")
                .required("interval_start_utc", TimestampType, "interval_end_utc less the interval: 5 minutes (DISPATCHPRICE; TRADINGPRICE from "
                        + "2021-10-01, five-minute settlement), 30 minutes (TRADINGPRICE intervals ending up to 2021-10-01 00:00 NEM time)")
                .required("interval_end_utc", TimestampType, "SETTLEMENTDATE read at UTC+10")
                .required("region_id", StringType, "REGIONID, e.g. NSW1")
                .optional("run_no", IntegerType, "RUNNO")
                .optional("intervention", IntegerType, "INTERVENTION: 0 the pricing run, 1 the intervention run (both kept here; curation prices 0 only); "
                        + "null where the table has no such column (TRADINGPRICE v2)")
                .optional("period_id", IntegerType, "PERIODID (TRADINGPRICE: 1..48 before 2021-10-01, 1..288 since)")
                .optional("dispatch_interval", StringType, "DISPATCHINTERVAL as published (DISPATCHPRICE), e.g. 20180331241")
                .optional("rrp", PRICE_TYPE, "RRP, the regional reference price, AUD per MWh");
        for (FcasService service : FcasService.values()) {
            builder.optional(service.rawColumn(), PRICE_TYPE, service.column() + ", the " + service.service() + " FCAS price, AUD per MW per hour; null where "
                    + "the table version has no such column");
        }
        return builder
                .optional("price_status", StringType, "PRICE_STATUS as published, e.g. FIRM, NOT FIRM")
                .optional("last_changed", StringType, "LASTCHANGED as published, NEM time")
                .required("fields_json", StringType, "Every field of the D row as published, as a JSON object from the I row's column names to text")
                .key("fetch_id", "member", "line_number")
                .partitionedBy("days(interval_start_utc)")
                .build();
    }

    public static final TableSpec RAW_DISPATCH_PRICE = priceTable(AemoReport.DISPATCH_PRICE,
            "AEMO DISPATCHPRICE rows as published in the MMS monthly archive or the five-minute DispatchIS reports: both INTERVENTION runs");
    public static final TableSpec RAW_TRADING_PRICE = priceTable(AemoReport.TRADING_PRICE,
            "AEMO TRADINGPRICE rows as published: 30-minute trading intervals before 2021-10-01, five-minute since (equal to the dispatch price)");
    public static final TableSpec RAW_DAILY = priceTable(AemoReport.DAILY,
            "AEMO PUBLIC_DAILY report: the DISPATCHPRICE and TRADINGPRICE rows it holds (its other tables are ignored, counted in the log)");

    public static final TableSpec RAW_PRICE_THRESHOLDS = TableSpec.builder("raw", AemoReport.PRICE_THRESHOLDS.rawTableName(),
                    "AEMO MARKET_PRICE_THRESHOLDS rows as published: the market price cap (VOLL), floor and administered price threshold by effective date")
            .required("fetch_id", StringType, "raw.fetch_log row of the payload this row came from")
            .optional(Landing.LANDING_ID, StringType, Landing.LANDING_ID_DOC)
            .required("member", StringType, "The CSV the row is in: the zip's member, or the payload itself when it is not zipped")
            .required("line_number", IntegerType, "Line of the D row in its member, from 1")
            .required("table_version", IntegerType, "The table version of the row's I row")
            .required("effective_date", DateType, "EFFECTIVEDATE: the NEM day from which the thresholds hold")
            .optional("version_no", IntegerType, "VERSIONNO: the latest version of an effective date is the one in force")
            .optional("voll", PRICE_TYPE, "VOLL: the market price cap, AUD per MWh")
            .optional("market_price_floor", PRICE_TYPE, "MARKETPRICEFLOOR, AUD per MWh")
            .optional("administered_price_threshold", PRICE_TYPE, "ADMINISTERED_PRICE_THRESHOLD (the cumulative price threshold), AUD")
            .optional("last_changed", StringType, "LASTCHANGED as published, NEM time")
            .required("fields_json", StringType, "Every field of the D row as published, as a JSON object from the I row's column names to text")
            .key("fetch_id", "member", "line_number")
            .build();

    public static TableSpec rawTable(AemoReport report)
    {
        return switch (report) {
            case DISPATCH_PRICE -> RAW_DISPATCH_PRICE;
            case TRADING_PRICE -> RAW_TRADING_PRICE;
            case DAILY -> RAW_DAILY;
            case PRICE_THRESHOLDS -> RAW_PRICE_THRESHOLDS;
        };
    }
}
