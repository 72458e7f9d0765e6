package io.energylakehouse.etl.source.spp;

import io.energylakehouse.common.LakehouseException;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * The SPP Marketplace LMP files we ingest: their names at SPP (the file name prefix and the file-browser folder), the
 * dataset each feeds and the column that names a row's location.
 *
 * <p>{@code rtbm_lmp_sl} (one file per five-minute interval) and {@code rtbm_lmp_daily} (one file per operating day)
 * feed the same dataset: the daily file of a closed day is a later revision of the same keys.
 */
public enum SppReport
{
    DA_LMP_SL("da_lmp_sl", "DA-LMP-SL", "da-lmp-by-settlement-location", "day-ahead hourly LMPs by settlement location", "da_hourly", 60,
            SppColumn.SETTLEMENT_LOCATION, Span.DAY),
    DA_LMP_B("da_lmp_b", "DA-LMP-B", "da-lmp-by-bus", "day-ahead hourly LMPs by bus (pnode)", "da_hourly", 60, SppColumn.PNODE, Span.DAY),
    RTBM_LMP_SL("rtbm_lmp_sl", "RTBM-LMP-SL", "rtbm-lmp-by-location", "real-time balancing market five-minute LMPs by settlement location, one file "
            + "per interval", "rt_5min", 5, SppColumn.SETTLEMENT_LOCATION, Span.INTERVAL),
    RTBM_LMP_DAILY("rtbm_lmp_daily", "RTBM-LMP-DAILY-SL", "rtbm-lmp-by-location", "real-time balancing market five-minute LMPs by settlement "
            + "location, one file per operating day (supersedes the interval files)", "rt_5min", 5, SppColumn.SETTLEMENT_LOCATION, Span.DAY);

    /** What one file of the report covers. */
    public enum Span
    {
        /** One operating day (Central time). */
        DAY,
        /** One interval, named by its end. */
        INTERVAL
    }

    private final String reportName;
    private final String filePrefix;
    private final String folderId;
    private final String title;
    private final String dataset;
    private final int intervalMinutes;
    private final SppColumn locationColumn;
    private final Span span;

    SppReport(String reportName, String filePrefix, String folderId, String title, String dataset, int intervalMinutes, SppColumn locationColumn, Span span)
    {
        this.reportName = reportName;
        this.filePrefix = filePrefix;
        this.folderId = folderId;
        this.title = title;
        this.dataset = dataset;
        this.intervalMinutes = intervalMinutes;
        this.locationColumn = locationColumn;
        this.span = span;
    }

    /** Accepts {@code rtbm_lmp_sl}, {@code RTBM-LMP-SL}, {@code rtbm-lmp-daily}, {@code RTBM-LMP-DAILY-SL}. */
    public static SppReport fromName(String name)
    {
        String normalized = name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(values())
                .filter(report -> report.reportName.equals(normalized) || report.filePrefix.toLowerCase(Locale.ROOT).replace('-', '_').equals(normalized))
                .findFirst()
                .orElseThrow(() -> LakehouseException.userError("Cannot use SPP report '%s': known reports are %s", name,
                        Arrays.stream(values()).map(SppReport::reportName).toList()));
    }

    public String reportName()
    {
        return reportName;
    }

    /** The start of the report's file names, e.g. {@code RTBM-LMP-SL}: the operator's name of the report. */
    public String filePrefix()
    {
        return filePrefix;
    }

    /** The Marketplace file-browser folder id its files sit in. */
    public String folderId()
    {
        return folderId;
    }

    public String title()
    {
        return title;
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

    /** The column whose value is a row's location id: {@code Settlement Location} or {@code Pnode}. */
    public SppColumn locationColumn()
    {
        return locationColumn;
    }

    public Span span()
    {
        return span;
    }

    public String rawTableName()
    {
        return "spp_" + reportName;
    }
}
