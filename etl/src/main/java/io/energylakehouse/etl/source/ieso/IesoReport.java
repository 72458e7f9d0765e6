package io.energylakehouse.etl.source.ieso;

import io.energylakehouse.common.LakehouseException;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;

/**
 * The IESO public reports we ingest: their names at IESO (the report directory on reports-public.ieso.ca, which is also
 * the stem of its file names, {@code PUB_{directory}_{yyyyMMdd}[HH][_vN].{csv|xml}}), the layout of their files, the
 * dataset each feeds, and the operating days IESO prices with them.
 *
 * <p>Market renewal (2025-05-01) replaced HOEP with the day-ahead and real-time LMPs and the Ontario zonal price; HOEP
 * feeds its own dataset {@code rt_hourly} so that no dataset and location get prices from two reports.
 */
public enum IesoReport
{
    DA_HOURLY_ENERGY_LMP("da_hourly_energy_lmp", "DAHourlyEnergyLMP", "day-ahead hourly energy LMPs by pricing location", Layout.LMP_CSV, Span.DAY,
            "da_hourly", 60, Era.MARKET_RENEWAL),
    RT_ENERGY_LMP("rt_energy_lmp", "RealtimeEnergyLMP", "real-time five-minute energy LMPs by pricing location, one file per delivery hour",
            Layout.LMP_CSV, Span.HOUR, "rt_5min", 5, Era.MARKET_RENEWAL),
    DA_ONTARIO_ZONAL_PRICE("da_ontario_zonal_price", "DAHourlyOntarioZonalPrice", "day-ahead hourly Ontario zonal price", Layout.ZONAL_XML, Span.DAY,
            "da_hourly", 60, Era.MARKET_RENEWAL),
    RT_ONTARIO_ZONAL_PRICE("rt_ontario_zonal_price", "RealtimeOntarioZonalPrice", "real-time five-minute Ontario zonal price, one file per delivery hour",
            Layout.ZONAL_XML, Span.HOUR, "rt_5min", 5, Era.MARKET_RENEWAL),
    HOEP("hoep", "DispUnconsHOEP", "Hourly Ontario Energy Price (dispatch unconstrained), before market renewal", Layout.HOEP_CSV, Span.DAY,
            "rt_hourly", 60, Era.BEFORE_RENEWAL);

    /** How a report's files are written. */
    public enum Layout
    {
        /** CSV: a {@code CREATED AT ... FOR ...} line, then {@code Delivery Hour,[Interval,]Pricing Location,LMP,Energy Loss Price,Energy Congestion Price}. */
        LMP_CSV("csv"),
        /** XML in the {@code http://www.ieso.ca/schema} namespace: {@code Document/DocHeader/CreatedAt}, {@code Document/DocBody/...}. */
        ZONAL_XML("xml"),
        /**
         * CSV: preamble lines, then {@code hour ending,HOEP,...} rows; or the same report as XML
         * ({@code IMODocument/IMODocBody/Date}, {@code HOEPs/HOEP{Hour, Price, DataSource}}).
         */
        HOEP_CSV("csv");

        private final String extension;

        Layout(String extension)
        {
            this.extension = extension;
        }

        public String extension()
        {
            return extension;
        }
    }

    /** What one file of the report covers. */
    public enum Span
    {
        /** One delivery day (EST). */
        DAY,
        /** One delivery hour, named by its hour ending ({@code _2025050210} is hour ending 10). */
        HOUR
    }

    /** The operating days a report prices. */
    public enum Era
    {
        /** From 2025-05-01. */
        MARKET_RENEWAL,
        /** Before 2025-05-01. */
        BEFORE_RENEWAL;

        public boolean covers(LocalDate operatingDate)
        {
            return this == MARKET_RENEWAL ? !operatingDate.isBefore(IesoMarket.MARKET_RENEWAL) : operatingDate.isBefore(IesoMarket.MARKET_RENEWAL);
        }

        public String describe()
        {
            return this == MARKET_RENEWAL ? "from market renewal (" + IesoMarket.MARKET_RENEWAL + ")" : "before market renewal (" + IesoMarket.MARKET_RENEWAL + ")";
        }
    }

    private final String reportName;
    private final String directory;
    private final String title;
    private final Layout layout;
    private final Span span;
    private final String dataset;
    private final int intervalMinutes;
    private final Era era;

    IesoReport(String reportName, String directory, String title, Layout layout, Span span, String dataset, int intervalMinutes, Era era)
    {
        this.reportName = reportName;
        this.directory = directory;
        this.title = title;
        this.layout = layout;
        this.span = span;
        this.dataset = dataset;
        this.intervalMinutes = intervalMinutes;
        this.era = era;
    }

    /** Accepts {@code rt_ontario_zonal_price}, {@code RealtimeOntarioZonalPrice}, {@code rt-ontario-zonal-price}, any case. */
    public static IesoReport fromName(String name)
    {
        String normalized = name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(values())
                .filter(report -> report.reportName.equals(normalized) || report.directory.toLowerCase(Locale.ROOT).equals(normalized))
                .findFirst()
                .orElseThrow(() -> LakehouseException.userError("Cannot use IESO report '%s': known reports are %s", name,
                        Arrays.stream(values()).map(IesoReport::reportName).toList()));
    }

    public String reportName()
    {
        return reportName;
    }

    /** IESO's name of the report: its directory under {@code /public/} and the stem of its file names. */
    public String directory()
    {
        return directory;
    }

    public String title()
    {
        return title;
    }

    public Layout layout()
    {
        return layout;
    }

    public Span span()
    {
        return span;
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

    public Era era()
    {
        return era;
    }

    /** Whether IESO publishes the report with this file extension: HOEP also as XML ({@code PUB_DispUnconsHOEP_20240310.xml}). */
    public boolean accepts(String extension)
    {
        return layout.extension().equalsIgnoreCase(extension) || (this == HOEP && "xml".equalsIgnoreCase(extension));
    }

    /** Whether a row carries a five-minute interval index (1..12) within its delivery hour. */
    public boolean hasInterval()
    {
        return intervalMinutes == 5;
    }

    /** Whether the rows are the one Ontario-wide price (location {@link IesoMarket#ONTARIO}, a zone) rather than pricing locations (nodes). */
    public boolean isOntarioWide()
    {
        return layout != Layout.LMP_CSV;
    }

    public String rawTableName()
    {
        return "ieso_" + reportName;
    }
}
