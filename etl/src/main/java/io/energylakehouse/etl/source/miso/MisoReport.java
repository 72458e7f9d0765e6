package io.energylakehouse.etl.source.miso;

import io.energylakehouse.common.LakehouseException;

import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The MISO market reports we ingest: hourly LMP CSVs named {@code {yyyyMMdd}_{report}.csv}, all in the same wide
 * layout ({@code Node,Type,Value,HE 1..HE 24}, rows LMP, MCC and MLC per node), and the weekly five-minute zip. The
 * preliminary and final real-time hourly reports feed one dataset: the final prices are a later revision of the
 * preliminary ones. Our report names are the hourly files' suffixes at MISO ({@code da_expost_lmp}).
 */
public enum MisoReport
{
    DA_EXPOST_LMP("da_expost_lmp", "day-ahead ex-post LMPs", "da_hourly", "miso_da_expost_lmp"),
    RT_LMP_PRELIM("rt_lmp_prelim", "real-time preliminary hourly LMPs (first publication, replaced by the final ones)", "rt_hourly", "miso_rt_lmp_prelim"),
    RT_LMP_FINAL("rt_lmp_final", "real-time final hourly LMPs", "rt_hourly", "miso_rt_lmp_final"),
    /** The weekly zip of final real-time five-minute LMPs, {@code {yyyyMMdd}_5MIN_LMP.zip}, dated the Monday two weeks after the week it holds. */
    RT_5MIN_LMP("rt_5min_lmp", "real-time final five-minute LMPs (weekly zip)", "rt_5min", "miso_rt_5min_lmp");

    private static final DateTimeFormatter FILE_DATE = DateTimeFormatter.ofPattern("uuuuMMdd");

    private final String reportName;
    private final String title;
    private final String dataset;
    private final String rawTableName;

    MisoReport(String reportName, String title, String dataset, String rawTableName)
    {
        this.reportName = reportName;
        this.title = title;
        this.dataset = dataset;
        this.rawTableName = rawTableName;
    }

    /** Accepts {@code da_expost_lmp}, {@code DA-EXPOST-LMP}. */
    public static MisoReport fromName(String name)
    {
        return find(name).orElseThrow(() -> LakehouseException.userError("Cannot use MISO report '%s': known reports are %s", name,
                String.join(", ", Arrays.stream(values()).map(MisoReport::reportName).toList())));
    }

    public static Optional<MisoReport> find(String name)
    {
        String normalized = name.strip().toLowerCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(values()).filter(report -> report.reportName.equals(normalized)).findFirst();
    }

    public String reportName()
    {
        return reportName;
    }

    public String title()
    {
        return title;
    }

    public String dataset()
    {
        return dataset;
    }

    public String rawTableName()
    {
        return rawTableName;
    }

    public int intervalMinutes()
    {
        return this == RT_5MIN_LMP ? 5 : 60;
    }

    /** Whether the report is the weekly five-minute zip rather than a daily hourly CSV. */
    public boolean isFiveMinute()
    {
        return this == RT_5MIN_LMP;
    }

    /** The report's part of MISO's file names, lower case: {@code da_expost_lmp}, {@code 5min_lmp}. */
    public String fileStem()
    {
        return isFiveMinute() ? "5min_lmp" : reportName;
    }

    public Duration intervalLength()
    {
        return Duration.ofMinutes(intervalMinutes());
    }

    /** MISO's file names of the report: {@code {yyyyMMdd}_da_expost_lmp.csv}, {@code {yyyyMMdd}_5MIN_LMP.zip}. */
    public String fileNamePattern()
    {
        return "{yyyyMMdd}" + (isFiveMinute() ? "_5MIN_LMP.zip" : "_" + reportName + ".csv");
    }

    /** MISO's file name of the report for a file date: {@code 20240310_da_expost_lmp.csv}, {@code 20240318_5MIN_LMP.zip}. */
    public String fileName(LocalDate fileDate)
    {
        return FILE_DATE.format(fileDate) + (isFiveMinute() ? "_5MIN_LMP.zip" : "_" + reportName + ".csv");
    }

    /**
     * The date of the file holding a market day: the day itself for the daily reports; for the weekly five-minute zip the
     * Monday two weeks after the Monday of the day's week (the zip of 2024-10-14 holds 2024-09-30..2024-10-06).
     */
    public LocalDate fileDate(LocalDate marketDay)
    {
        if (!isFiveMinute()) {
            return marketDay;
        }
        return marketDay.minusDays(marketDay.getDayOfWeek().getValue() - 1L).plusWeeks(2);
    }
}
