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
 * layout ({@code Node,Type,Value,HE 1..HE 24}, rows LMP, MCC and MLC per node). The preliminary and final real-time
 * reports feed one dataset: the final prices are a later revision of the preliminary ones.
 *
 * @param reportName our name of the report and the file name's suffix at MISO, e.g. {@code da_expost_lmp}
 */
public enum MisoReport
{
    DA_EXPOST_LMP("da_expost_lmp", "day-ahead ex-post LMPs", "da_hourly", "miso_da_expost_lmp"),
    RT_LMP_PRELIM("rt_lmp_prelim", "real-time preliminary hourly LMPs (first publication, replaced by the final ones)", "rt_hourly", "miso_rt_lmp_prelim"),
    RT_LMP_FINAL("rt_lmp_final", "real-time final hourly LMPs", "rt_hourly", "miso_rt_lmp_final");

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
        return 60;
    }

    public Duration intervalLength()
    {
        return Duration.ofMinutes(intervalMinutes());
    }

    /** MISO's file name of the report for a market day: {@code 20240310_da_expost_lmp.csv}. */
    public String fileName(LocalDate marketDay)
    {
        return FILE_DATE.format(marketDay) + "_" + reportName + ".csv";
    }
}
