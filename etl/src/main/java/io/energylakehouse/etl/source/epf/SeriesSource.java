package io.energylakehouse.etl.source.epf;

/**
 * Hourly price-forecasting series files as a source: the CSV layouts of the epftoolbox benchmark datasets
 * (Lago et al. 2021) and of deepforkit's ENTSO-E extracts, one market area per file: a local timestamp, the
 * day-ahead price and day-ahead forecasts (and, in deepforkit, the actual load). See {@link SeriesFormat}.
 */
public final class SeriesSource
{
    private SeriesSource() {}

    /** Connector name in {@code raw.fetch_log} and {@code curated.quarantine}. */
    public static final String SOURCE = "epf-series-csv";
    /** The canonical dataset of the prices in {@code curated.market_prices}. */
    public static final String DATASET = "da_hourly";
    /** Every interval of these files is one hour. */
    public static final int INTERVAL_MINUTES = 60;

    /**
     * Flag of the row of a fall-back day's repeated clock hour: the file holds one value for the two real
     * intervals of that hour; it is curated on the first (summer-time) interval and the second is missing
     * ({@code missing_intervals} in {@code curated.data_quality}). Where we could check, the value is the mean
     * of the two intervals (README-series.md).
     */
    public static final String REPEATED_HOUR_SINGLE_VALUE = "repeated_hour_single_value";

    /** The data-quality check this source writes. */
    public static final String MISSING_INTERVALS = "missing_intervals";
}
