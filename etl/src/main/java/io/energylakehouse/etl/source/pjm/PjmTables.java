package io.energylakehouse.etl.source.pjm;

import io.energylakehouse.common.table.TableSpec;
import io.energylakehouse.etl.raw.Landing;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

/** The raw tables of the PJM Data Miner 2 connector: one per LMP feed, the operator's own fields, typed, plus lineage. */
public final class PjmTables
{
    private PjmTables() {}

    public static final TableSpec RAW_DA_HRL_LMPS = rawLmpTable(PjmReport.DA_HRL_LMPS);
    public static final TableSpec RAW_RT_HRL_LMPS = rawLmpTable(PjmReport.RT_HRL_LMPS);
    public static final TableSpec RAW_RT_FIVEMIN_HRL_LMPS = rawLmpTable(PjmReport.RT_FIVEMIN_HRL_LMPS);
    public static final TableSpec RAW_RT_UNVERIFIED_FIVEMIN_LMPS = rawLmpTable(PjmReport.RT_UNVERIFIED_FIVEMIN_LMPS);

    public static TableSpec rawTable(PjmReport report)
    {
        return switch (report) {
            case DA_HRL_LMPS -> RAW_DA_HRL_LMPS;
            case RT_HRL_LMPS -> RAW_RT_HRL_LMPS;
            case RT_FIVEMIN_HRL_LMPS -> RAW_RT_FIVEMIN_HRL_LMPS;
            case RT_UNVERIFIED_FIVEMIN_LMPS -> RAW_RT_UNVERIFIED_FIVEMIN_LMPS;
        };
    }

    private static TableSpec rawLmpTable(PjmReport report)
    {
        return TableSpec.builder("raw", report.rawTableName(),
                        "PJM Data Miner 2 " + report.feed() + " as published: one row per item of a page (pnode, interval and version)")
                .required("fetch_id", StringType, "raw.fetch_log row of the page this item came from")
                .optional(Landing.LANDING_ID, StringType, Landing.LANDING_ID_DOC)
                .required("item_number", IntegerType, "Position of the item in the page's items array, from 1")
                .required("interval_start_utc", TimestampType, "datetime_beginning_utc: interval start, UTC")
                .optional("datetime_beginning_ept", StringType,
                        "datetime_beginning_ept as published: Eastern prevailing wall time, repeated on the fall-back day; never used for instants")
                .required("pnode_id", LongType, "pnode_id")
                .optional("pnode_name", StringType, "pnode_name, e.g. WESTERN HUB")
                .optional("type", StringType, "type: pnode type, e.g. HUB, ZONE, AGGREGATE, LOAD, GEN, EHV, INTERFACE")
                .optional("zone", StringType, "zone: transmission zone of the pnode")
                .optional("voltage", StringType, "voltage")
                .optional("equipment", StringType, "equipment")
                .required(report.totalField(), DoubleType, report.totalField() + ": total LMP in USD per MWh")
                .optional(report.energyField(), DoubleType, report.hasEnergyColumn()
                        ? report.energyField() + ": system energy price in USD per MWh"
                        : "always null: " + report.feed() + " publishes no system energy price")
                .optional(report.congestionField(), DoubleType, report.congestionField() + ": congestion price in USD per MWh")
                .optional(report.lossField(), DoubleType, report.lossField() + ": marginal loss price in USD per MWh")
                .optional("row_is_current", BooleanType, "row_is_current: whether this is the latest version of the pnode's interval")
                .optional("version_nbr", IntegerType, "version_nbr: version of the pnode's interval, from 1")
                .optional("occ_check", StringType, "occ_check as published (rt_unverified_fivemin_lmps only)")
                .optional("ref_caseid_used_multi_interval", StringType, "ref_caseid_used_multi_interval as published (rt_unverified_fivemin_lmps only)")
                .required("is_verified", BooleanType, "false for rt_unverified_fivemin_lmps (first, unverified real-time prices, replaced later), "
                        + "true for the settlement-verified real-time feeds and for day-ahead prices")
                .key("fetch_id", "item_number")
                .partitionedBy("days(interval_start_utc)")
                .build();
    }
}
