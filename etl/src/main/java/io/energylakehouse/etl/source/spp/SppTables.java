package io.energylakehouse.etl.source.spp;

import io.energylakehouse.common.table.TableSpec;
import io.energylakehouse.etl.raw.Landing;

import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

/** The raw tables of the SPP Marketplace connector: one per LMP report, the operator's own columns, typed, plus lineage and the interval in UTC. */
public final class SppTables
{
    private SppTables() {}

    public static final TableSpec RAW_DA_LMP_SL = rawLmpTable(SppReport.DA_LMP_SL);
    public static final TableSpec RAW_DA_LMP_B = rawLmpTable(SppReport.DA_LMP_B);
    public static final TableSpec RAW_RTBM_LMP_SL = rawLmpTable(SppReport.RTBM_LMP_SL);
    public static final TableSpec RAW_RTBM_LMP_DAILY = rawLmpTable(SppReport.RTBM_LMP_DAILY);

    public static TableSpec rawTable(SppReport report)
    {
        return switch (report) {
            case DA_LMP_SL -> RAW_DA_LMP_SL;
            case DA_LMP_B -> RAW_DA_LMP_B;
            case RTBM_LMP_SL -> RAW_RTBM_LMP_SL;
            case RTBM_LMP_DAILY -> RAW_RTBM_LMP_DAILY;
        };
    }

    private static TableSpec rawLmpTable(SppReport report)
    {
        TableSpec.Builder builder = TableSpec.builder("raw", report.rawTableName(),
                        "SPP Marketplace " + report.filePrefix() + " files as published: " + report.title() + "; one row per line")
                .required("fetch_id", StringType, "raw.fetch_log row of the file this line came from")
                .optional(Landing.LANDING_ID, StringType, Landing.LANDING_ID_DOC)
                .required("line_number", IntegerType, "Line in the CSV (the header is line 1)")
                .required("interval_start_utc", TimestampType, "GMTIntervalEnd minus " + report.intervalMinutes() + " minutes")
                .required("interval_end_utc", TimestampType, "GMTIntervalEnd: interval end, UTC")
                .optional("interval", StringType, "Interval as published: the interval end in Central prevailing wall time, repeated on the fall-back day; "
                        + "checked against GMTIntervalEnd, never used for instants");
        if (report.locationColumn() == SppColumn.SETTLEMENT_LOCATION) {
            builder.required("settlement_location", StringType, "Settlement Location, e.g. SPPNORTH_HUB");
            builder.optional("pnode", StringType, "Pnode: the settlement location's pricing node");
        }
        else {
            builder.optional("settlement_location", StringType, "Settlement Location, where the file has the column");
            builder.required("pnode", StringType, "Pnode: the bus's pricing node");
        }
        return builder
                .required("lmp", DoubleType, "LMP: locational marginal price, USD per MWh")
                .optional("mlc", DoubleType, "MLC: marginal loss component, USD per MWh")
                .optional("mcc", DoubleType, "MCC: marginal congestion component, USD per MWh")
                .optional("mec", DoubleType, "MEC: marginal energy component, USD per MWh")
                .optional("baa", StringType, "BAA: balancing authority area (SPP east, SWPW west) in files since SPP's RTO West launch (2026-04-01); "
                        + "null in earlier files")
                .key("fetch_id", "line_number")
                .partitionedBy("days(interval_start_utc)")
                .build();
    }
}
