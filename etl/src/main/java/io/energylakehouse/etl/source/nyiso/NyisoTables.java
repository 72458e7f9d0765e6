package io.energylakehouse.etl.source.nyiso;

import io.energylakehouse.common.table.TableSpec;
import io.energylakehouse.etl.raw.Landing;

import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

/** The raw tables of the NYISO connector, one per LBMP report: the operator's own fields, typed, plus lineage and the interval they mean in UTC. */
public final class NyisoTables
{
    private NyisoTables() {}

    private static final Map<NyisoReport, TableSpec> RAW_TABLES = buildRawTables();

    public static TableSpec rawTable(NyisoReport report)
    {
        return RAW_TABLES.get(report);
    }

    public static List<TableSpec> rawTables()
    {
        return List.copyOf(RAW_TABLES.values());
    }

    private static Map<NyisoReport, TableSpec> buildRawTables()
    {
        Map<NyisoReport, TableSpec> tables = new EnumMap<>(NyisoReport.class);
        Arrays.stream(NyisoReport.values()).forEach(report -> tables.put(report, rawLbmpTable(report)));
        return tables;
    }

    private static TableSpec rawLbmpTable(NyisoReport report)
    {
        String label = report.intervalEnding() ? "end" : "start";
        return TableSpec.builder("raw", report.rawTableName(), "NYISO " + report.describe() + " as published in the MIS daily CSV {yyyyMMdd}"
                        + report.reportName() + ".csv (alone or in the monthly zip): one row per PTID and " + report.intervalMinutes() + "-minute interval")
                .required("fetch_id", StringType, "raw.fetch_log row of the payload this line came from")
                .optional(Landing.LANDING_ID, StringType, Landing.LANDING_ID_DOC)
                .required("member", StringType, "The daily CSV the line is in: the file itself, or the member of a monthly zip")
                .required("line_number", IntegerType, "Line in the daily CSV (a leading blank line counts as line 1)")
                .required("interval_start_utc", TimestampType, "Start of the interval" + (report.intervalEnding() ? ": the Time Stamp (its end) minus "
                        + report.intervalMinutes() + " minutes" : ": the Time Stamp"))
                .required("interval_end_utc", TimestampType, "End of the interval: start plus " + report.intervalMinutes() + " minutes")
                .required("time_stamp", StringType, "Time Stamp as published, MM/DD/YYYY HH:MM:SS Eastern prevailing time, the interval's " + label
                        + "; on the fall-back day the first of a repeated time per PTID is EDT, the second EST")
                .optional("time_zone", StringType, "Time Zone (EDT or EST) where the file has the column; null otherwise")
                .required("name", StringType, "Name: the " + (report.locationType().equals("zone") ? "zone" : "generator") + " as NYISO spells it (N.Y.C., HUD VL)")
                .required("ptid", LongType, "PTID: NYISO's point id, the stable key of the location")
                .required("lbmp", DoubleType, "LBMP ($/MWHr)")
                .required("marginal_cost_losses", DoubleType, "Marginal Cost Losses ($/MWHr)")
                .required("marginal_cost_congestion", DoubleType, "Marginal Cost Congestion ($/MWHr) as NYISO publishes it: the opposite sign to the canonical "
                        + "congestion_per_mwh")
                .key("fetch_id", "member", "line_number")
                .partitionedBy("days(interval_start_utc)")
                .build();
    }
}
