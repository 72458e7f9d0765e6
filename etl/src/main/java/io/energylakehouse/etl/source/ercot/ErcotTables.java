package io.energylakehouse.etl.source.ercot;

import io.energylakehouse.common.table.TableSpec;
import io.energylakehouse.etl.raw.Landing;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

/** The raw tables of the ERCOT connector: the operator's own fields, typed, plus lineage and the interval they mean in UTC. */
public final class ErcotTables
{
    private ErcotTables() {}

    public static final TableSpec RAW_DAM_SPP = rawSppTable(ErcotReport.DAM_SPP);
    public static final TableSpec RAW_RT_SPP = rawSppTable(ErcotReport.RT_SPP);

    public static TableSpec rawTable(ErcotReport report)
    {
        return switch (report) {
            case DAM_SPP -> RAW_DAM_SPP;
            case RT_SPP -> RAW_RT_SPP;
        };
    }

    private static TableSpec rawSppTable(ErcotReport report)
    {
        TableSpec.Builder builder = TableSpec.builder("raw", report.rawTableName(),
                        "ERCOT " + report.describe() + " as published (MIS CSV or public API JSON): one row per settlement point and "
                                + (report.hasIntervals() ? "15-minute interval" : "hour"))
                .required("fetch_id", StringType, "raw.fetch_log row of the payload this line came from")
                .optional(Landing.LANDING_ID, StringType, Landing.LANDING_ID_DOC)
                .required("line_number", IntegerType, "Line in the CSV (header is line 1), or row of the API page's data (first row is 1)")
                .required("interval_start_utc", TimestampType, "Start of the interval: the delivery date and hour in Central prevailing time, the DSTFlag "
                        + "choosing the repeated hour")
                .required("interval_end_utc", TimestampType, "End of the interval: start plus " + report.intervalMinutes() + " minutes")
                .required("delivery_date", DateType, "DeliveryDate: Central prevailing time");
        if (report.hasIntervals()) {
            builder.required("delivery_hour", IntegerType, "DeliveryHour: hour ending 1..24 (25 where a file numbers the fall-back day's hours)")
                    .required("delivery_interval", IntegerType, "DeliveryInterval: quarter hour 1..4 inside the hour");
        }
        else {
            builder.required("hour_ending", IntegerType, "HourEnding: '01:00'..'24:00' as 1..24 (25 where a file numbers the fall-back day's hours)");
        }
        builder.required("settlement_point", StringType, report.hasIntervals() ? "SettlementPointName" : "SettlementPoint");
        if (report.hasIntervals()) {
            builder.optional("settlement_point_type", StringType, "SettlementPointType: HU, SH, AH hubs; LZ, LZ_DC, LZEW, LZ_DCEW load zones; RN, PCCRN, LCCRN, "
                    + "PUN resource nodes");
        }
        return builder
                .required("settlement_point_price", DoubleType, "SettlementPointPrice: USD per MWh")
                .optional("dst_flag", BooleanType, "DSTFlag: true (Y) on the repeated hour of the fall-back day, the second (standard time) one; null where "
                        + "the file has no flag")
                .key("fetch_id", "line_number")
                .partitionedBy("days(interval_start_utc)")
                .build();
    }
}
