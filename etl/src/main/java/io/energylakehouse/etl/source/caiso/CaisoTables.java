package io.energylakehouse.etl.source.caiso;

import io.energylakehouse.common.table.TableSpec;
import io.energylakehouse.etl.raw.Landing;

import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

/** The raw tables of the CAISO OASIS connector: the operator's own fields, typed, plus lineage. */
public final class CaisoTables
{
    private CaisoTables() {}

    public static final TableSpec RAW_PRC_LMP = rawLmpTable(OasisReport.PRC_LMP);
    public static final TableSpec RAW_PRC_INTVL_LMP = rawLmpTable(OasisReport.PRC_INTVL_LMP);

    public static TableSpec rawTable(OasisReport report)
    {
        return switch (report) {
            case PRC_LMP -> RAW_PRC_LMP;
            case PRC_INTVL_LMP -> RAW_PRC_INTVL_LMP;
        };
    }

    private static TableSpec rawLmpTable(OasisReport report)
    {
        return TableSpec.builder("raw", report.rawTableName(),
                        "CAISO OASIS " + report.queryName() + " (" + report.marketRunId() + ") as published: one row per interval, node and LMP_TYPE")
                .required("fetch_id", StringType, "raw.fetch_log row of the payload this line came from")
                .optional(Landing.LANDING_ID, StringType, Landing.LANDING_ID_DOC)
                .required("line_number", IntegerType, "Line in the CSV member (header is line 1)")
                .required("interval_start_utc", TimestampType, "INTERVALSTARTTIME_GMT")
                .required("interval_end_utc", TimestampType, "INTERVALENDTIME_GMT")
                .optional("opr_dt", DateType, "OPR_DT: operating date, Pacific prevailing time")
                .optional("opr_hr", IntegerType, "OPR_HR: hour ending 1..24(25), Pacific prevailing time")
                .optional("opr_interval", IntegerType, "OPR_INTERVAL: 0 for hourly rows, 1..12 inside the hour for 5-minute rows")
                .optional("node_id_xml", StringType, "NODE_ID_XML")
                .optional("node_id", StringType, "NODE_ID")
                .required("node", StringType, "NODE: pricing node name")
                .optional("market_run_id", StringType, "MARKET_RUN_ID: DAM or RTM")
                .required("lmp_type", StringType, "LMP_TYPE: LMP, MCE (energy), MCC (congestion), MCL (loss), MGHG (greenhouse gas)")
                .optional("xml_data_item", StringType, "XML_DATA_ITEM, e.g. LMP_PRC, LMP_CONG_PRC")
                .optional("pnode_resmrid", StringType, "PNODE_RESMRID")
                .optional("grp_type", StringType, "GRP_TYPE, e.g. ALL_APNODES")
                .optional("pos", DoubleType, "POS")
                .optional(report.valueColumn().toLowerCase(java.util.Locale.ROOT), DoubleType, report.valueColumn() + ": price in USD per MWh")
                .optional("group_number", IntegerType, "GROUP: chunk number within the file")
                .key("fetch_id", "line_number")
                .partitionedBy("days(interval_start_utc)")
                .build();
    }
}
