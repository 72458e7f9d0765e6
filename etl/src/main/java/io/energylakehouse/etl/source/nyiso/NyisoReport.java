package io.energylakehouse.etl.source.nyiso;

import io.energylakehouse.common.LakehouseException;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The NYISO LBMP files we ingest: one daily CSV per report ({@code 20240701damlbmp_zone.csv}), under a MIS dataset
 * folder, and monthly zips of them ({@code 20240701damlbmp_zone_csv.zip}).
 *
 * @param fileStem the daily file's name after its date, e.g. {@code damlbmp_zone}: also our report name
 * @param misDataset the folder under {@code http://mis.nyiso.com/public/csv/}
 * @param intervalEnding whether a Time Stamp labels the interval's end (real-time five-minute) rather than its start
 */
public enum NyisoReport
{
    DAMLBMP_ZONE("damlbmp_zone", "damlbmp", "day-ahead zonal LBMP", "da_hourly", 60, false, "zone", "nyiso_damlbmp_zone"),
    DAMLBMP_GEN("damlbmp_gen", "damlbmp", "day-ahead generator LBMP", "da_hourly", 60, false, "node", "nyiso_damlbmp_gen"),
    REALTIME_ZONE("realtime_zone", "realtime", "real-time five-minute zonal LBMP", "rt_5min", 5, true, "zone", "nyiso_realtime_zone"),
    REALTIME_GEN("realtime_gen", "realtime", "real-time five-minute generator LBMP", "rt_5min", 5, true, "node", "nyiso_realtime_gen"),
    RTLBMP_ZONE("rtlbmp_zone", "rtlbmp", "hourly integrated real-time zonal LBMP", "rt_hourly", 60, false, "zone", "nyiso_rtlbmp_zone");

    private final String fileStem;
    private final String misDataset;
    private final String title;
    private final String dataset;
    private final int intervalMinutes;
    private final boolean intervalEnding;
    private final String locationType;
    private final String rawTableName;

    NyisoReport(String fileStem, String misDataset, String title, String dataset, int intervalMinutes, boolean intervalEnding, String locationType,
            String rawTableName)
    {
        this.fileStem = fileStem;
        this.misDataset = misDataset;
        this.title = title;
        this.dataset = dataset;
        this.intervalMinutes = intervalMinutes;
        this.intervalEnding = intervalEnding;
        this.locationType = locationType;
        this.rawTableName = rawTableName;
    }

    /** Accepts {@code damlbmp_zone} in any case, with {@code -} for {@code _}. */
    public static NyisoReport fromName(String name)
    {
        String normalized = name.strip().toLowerCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(values()).filter(report -> report.fileStem.equals(normalized)).findFirst()
                .orElseThrow(() -> LakehouseException.userError("Cannot use NYISO report '%s': known reports are %s", name,
                        String.join(", ", Arrays.stream(values()).map(NyisoReport::reportName).toList())));
    }

    /** The report whose file stem a file name holds right after its eight-digit date, if one of ours. */
    public static Optional<NyisoReport> ofStem(String stem)
    {
        return Arrays.stream(values()).filter(report -> report.fileStem.equals(stem)).findFirst();
    }

    /** Our name of the report, the daily file's stem: {@code damlbmp_zone}. */
    public String reportName()
    {
        return fileStem;
    }

    public String misDataset()
    {
        return misDataset;
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

    /** Whether a row's Time Stamp is the end of its interval (five-minute real time) rather than its start (hourly files). */
    public boolean intervalEnding()
    {
        return intervalEnding;
    }

    /** {@code zone} for {@code *_zone} files, {@code node} for generator files. */
    public String locationType()
    {
        return locationType;
    }

    public String rawTableName()
    {
        return rawTableName;
    }

    /** {@code damlbmp_zone (day-ahead zonal LBMP)}, for messages. */
    public String describe()
    {
        return fileStem + " (" + title + ")";
    }
}
