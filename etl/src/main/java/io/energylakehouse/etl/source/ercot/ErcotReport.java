package io.energylakehouse.etl.source.ercot;

import io.energylakehouse.common.LakehouseException;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The ERCOT settlement point price reports we ingest, with their names at ERCOT (EMIL id, MIS report type id,
 * the code in MIS document names, the public API endpoint) and the dataset they feed.
 *
 * @param emilId ERCOT's data product id, e.g. NP4-190-CD
 * @param reportTypeId the MIS {@code reportTypeId}, also the number in MIS document names ({@code cdr.00012331...})
 * @param documentCode the report's code in MIS document names, e.g. {@code DAMSPNP4190}
 * @param apiEndpoint the public API's path under {@code /api/public-reports}
 * @param intervalMinutes 60 for hourly rows, 15 for rows with a DeliveryInterval
 */
public enum ErcotReport
{
    DAM_SPP("dam_spp", "NP4-190-CD", "DAM settlement point prices", 12331, "DAMSPNP4190", "/np4-190-cd/dam_stlmnt_pnt_prices", "da_hourly", 60,
            "ercot_dam_spp"),
    RT_SPP("rt_spp", "NP6-905-CD", "real-time settlement point prices (15 min)", 12301, "SPPHLZNP6905", "/np6-905-cd/spp_node_zone_hub", "rt_15min", 15,
            "ercot_rt_spp");

    private final String reportName;
    private final String emilId;
    private final String title;
    private final int reportTypeId;
    private final String documentCode;
    private final String apiEndpoint;
    private final String dataset;
    private final int intervalMinutes;
    private final String rawTableName;

    ErcotReport(String reportName, String emilId, String title, int reportTypeId, String documentCode, String apiEndpoint, String dataset, int intervalMinutes,
            String rawTableName)
    {
        this.reportName = reportName;
        this.emilId = emilId;
        this.title = title;
        this.reportTypeId = reportTypeId;
        this.documentCode = documentCode;
        this.apiEndpoint = apiEndpoint;
        this.dataset = dataset;
        this.intervalMinutes = intervalMinutes;
        this.rawTableName = rawTableName;
    }

    /** Accepts {@code dam_spp}, {@code DAM-SPP}, {@code NP4-190-CD}, {@code np4-190}. */
    public static ErcotReport fromName(String name)
    {
        String normalized = name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(values())
                .filter(report -> report.reportName.equals(normalized) || report.emilId.toLowerCase(Locale.ROOT).replace('-', '_').startsWith(normalized)
                        && normalized.length() >= 7)
                .findFirst()
                .orElseThrow(() -> LakehouseException.userError("Cannot use ERCOT report '%s': known reports are dam_spp (NP4-190-CD) and rt_spp (NP6-905-CD)",
                        name));
    }

    /** The report whose MIS report type id is {@code id}, if it is one of ours. */
    public static Optional<ErcotReport> ofReportTypeId(int id)
    {
        return Arrays.stream(values()).filter(report -> report.reportTypeId == id).findFirst();
    }

    /** Our name of the report, e.g. {@code dam_spp}: the payload's report. */
    public String reportName()
    {
        return reportName;
    }

    public String emilId()
    {
        return emilId;
    }

    /** {@code NP4-190}: the EMIL id without its suffix, as ERCOT writes it in document codes. */
    public String shortEmilId()
    {
        return emilId.substring(0, emilId.lastIndexOf('-'));
    }

    public String title()
    {
        return title;
    }

    public int reportTypeId()
    {
        return reportTypeId;
    }

    public String documentCode()
    {
        return documentCode;
    }

    public String apiEndpoint()
    {
        return apiEndpoint;
    }

    public String dataset()
    {
        return dataset;
    }

    public int intervalMinutes()
    {
        return intervalMinutes;
    }

    public Duration intervalLength()
    {
        return Duration.ofMinutes(intervalMinutes);
    }

    /** Whether rows carry a DeliveryInterval (1..4) inside their hour. */
    public boolean hasIntervals()
    {
        return intervalMinutes < 60;
    }

    public String rawTableName()
    {
        return rawTableName;
    }

    /** {@code NP4-190-CD (DAM settlement point prices)}, for messages. */
    public String describe()
    {
        return emilId + " (" + title + ")";
    }
}
