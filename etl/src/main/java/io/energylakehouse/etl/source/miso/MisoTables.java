package io.energylakehouse.etl.source.miso;

import io.energylakehouse.common.table.TableSpec;
import io.energylakehouse.etl.raw.Landing;

import java.util.List;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

/**
 * The raw tables of the MISO connector: one per market report, the operator's fields typed, one row per node and hour
 * ending (the file's three rows per node, LMP, MCC and MLC, side by side), plus lineage and the interval in UTC.
 */
public final class MisoTables
{
    private MisoTables() {}

    public static final TableSpec RAW_DA_EXPOST_LMP = rawLmpTable(MisoReport.DA_EXPOST_LMP);
    public static final TableSpec RAW_RT_LMP_PRELIM = rawLmpTable(MisoReport.RT_LMP_PRELIM);
    public static final TableSpec RAW_RT_LMP_FINAL = rawLmpTable(MisoReport.RT_LMP_FINAL);

    public static final TableSpec RAW_RT_5MIN_LMP = TableSpec.builder("raw", MisoReport.RT_5MIN_LMP.rawTableName(),
                    "MISO weekly five-minute LMP zip ({yyyyMMdd}_5MIN_LMP.zip) as published: one row per line of its CSV (node and five-minute interval)")
            .required("fetch_id", StringType, "raw.fetch_log row of the payload this line came from")
            .optional(Landing.LANDING_ID, StringType, Landing.LANDING_ID_DOC)
            .required("line_number", IntegerType, "Line in the zip's CSV (the first line of the member is 1)")
            .required("interval_start_utc", TimestampType, "Start of the five minutes: MKTHOUR_EST read at UTC-05:00 all year")
            .required("mkthour_est", StringType, "MKTHOUR_EST as published: interval start, Eastern Standard Time")
            .required("node", StringType, "PNODENAME (or the file's node column), e.g. INDIANA.HUB")
            .required("lmp", DoubleType, "LMP: USD per MWh")
            .required("con_lmp", DoubleType, "CON_LMP: congestion component, USD per MWh")
            .required("loss_lmp", DoubleType, "LOSS_LMP: loss component, USD per MWh")
            .key("fetch_id", "line_number")
            .partitionedBy("days(interval_start_utc)")
            .build();

    /**
     * Every MISO raw table. Both parsers name them all, so that landing any MISO payload creates them all and curating a
     * dataset none of whose reports has landed yet (the weekly five-minute zip, which has no sample generator) reads an
     * empty table rather than a missing one.
     */
    public static final List<TableSpec> ALL = List.of(RAW_DA_EXPOST_LMP, RAW_RT_LMP_PRELIM, RAW_RT_LMP_FINAL, RAW_RT_5MIN_LMP);

    public static TableSpec rawTable(MisoReport report)
    {
        return switch (report) {
            case DA_EXPOST_LMP -> RAW_DA_EXPOST_LMP;
            case RT_LMP_PRELIM -> RAW_RT_LMP_PRELIM;
            case RT_LMP_FINAL -> RAW_RT_LMP_FINAL;
            case RT_5MIN_LMP -> RAW_RT_5MIN_LMP;
        };
    }

    private static TableSpec rawLmpTable(MisoReport report)
    {
        return TableSpec.builder("raw", report.rawTableName(),
                        "MISO market report " + report.reportName() + " (" + report.title() + ") as published: one row per node and hour ending, "
                                + "the file's LMP, MCC and MLC rows side by side")
                .required("fetch_id", StringType, "raw.fetch_log row of the payload this row came from")
                .optional(Landing.LANDING_ID, StringType, Landing.LANDING_ID_DOC)
                .required("line_number", IntegerType, "Line of the node's LMP row in the CSV (the first line of the file is 1)")
                .required("interval_start_utc", TimestampType, "Start of the hour: market day + (hour ending - 1) h in EST (UTC-05:00 all year)")
                .required("market_day", DateType, "Market day of the file (its date line and name), Eastern Standard Time")
                .required("hour_ending", IntegerType, "HE n column: hour ending 1..24, EST")
                .required("node", StringType, "Node, e.g. INDIANA.HUB")
                .required("node_type", StringType, "Type as published: Hub, Loadzone, Interface, Gennode, ...")
                .required("lmp", DoubleType, "Value LMP row: locational marginal price, USD per MWh")
                .required("mcc", DoubleType, "Value MCC row: marginal congestion component, USD per MWh")
                .required("mlc", DoubleType, "Value MLC row: marginal loss component, USD per MWh")
                .required("has_duplicate_rows", BooleanType, "Whether the file repeated one of the node's rows with the same values (collapsed)")
                .key("fetch_id", "node", "hour_ending")
                .partitionedBy("days(interval_start_utc)")
                .build();
    }
}
