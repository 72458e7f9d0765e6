package io.energylakehouse.etl.source.nordpool;

import io.energylakehouse.common.LakehouseException;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The Nord Pool reports we ingest. One for now: the data portal's day-ahead prices per delivery area
 * ({@code DayAheadPrices}), which feed hourly rows before 2025-10-01 and quarter-hourly rows from then on.
 *
 * <p>Datasets and currencies: {@code curated.market_prices} keys rows on (market, dataset, location, interval start,
 * revision) with one currency per row, and Nord Pool quotes one auction result in EUR and, converted at its own rate, in
 * NOK, SEK, DKK, PLN, BGN or RON. EUR prices (the cleared prices) go to {@code da_hourly} / {@code da_15min}; a payload asked in a
 * local currency goes to datasets named for it ({@code da_hourly_sek}, {@code da_15min_nok}), so the two series never
 * share a key and neither is lost. A payload in a currency not listed here lands raw and its rows are refused for
 * curation with the reason.
 */
public enum NordPoolReport
{
    DAY_AHEAD_PRICES("day_ahead_prices", "DayAheadPrices", "day-ahead auction prices per delivery area (data portal)");

    /** Currencies curated besides EUR, each to datasets suffixed with its lower-case code. */
    public static final List<String> LOCAL_CURRENCIES = List.of("NOK", "SEK", "DKK", "PLN", "BGN", "RON");
    public static final String HOURLY_DATASET = "da_hourly";
    public static final String QUARTER_HOURLY_DATASET = "da_15min";

    private final String reportName;
    private final String requestName;
    private final String title;

    NordPoolReport(String reportName, String requestName, String title)
    {
        this.reportName = reportName;
        this.requestName = requestName;
        this.title = title;
    }

    /** Accepts {@code day_ahead_prices}, {@code day-ahead-prices} and the endpoint's name {@code DayAheadPrices}. */
    public static NordPoolReport fromName(String name)
    {
        String normalized = name.strip().toLowerCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(values())
                .filter(report -> report.reportName.equals(normalized) || report.requestName.toLowerCase(Locale.ROOT).equals(normalized))
                .findFirst()
                .orElseThrow(() -> LakehouseException.userError("Cannot use Nord Pool report '%s': known reports are %s", name,
                        Arrays.stream(values()).map(NordPoolReport::reportName).toList()));
    }

    public String reportName()
    {
        return reportName;
    }

    /** The data portal's endpoint name. */
    public String requestName()
    {
        return requestName;
    }

    public String title()
    {
        return title;
    }

    public String rawTableName()
    {
        return "nordpool_" + reportName;
    }

    /**
     * The dataset of a price in {@code currency} over {@code intervalMinutes}: {@code da_hourly}, {@code da_15min}, or
     * the same suffixed with a local currency ({@code da_15min_sek}); empty for another length or currency.
     */
    public static Optional<String> dataset(int intervalMinutes, String currency)
    {
        String base = switch (intervalMinutes) {
            case 60 -> HOURLY_DATASET;
            case 15 -> QUARTER_HOURLY_DATASET;
            default -> null;
        };
        if (base == null || currency == null) {
            return Optional.empty();
        }
        String upper = currency.strip().toUpperCase(Locale.ROOT);
        if (upper.equals(NordPoolMarket.BASE_CURRENCY)) {
            return Optional.of(base);
        }
        return LOCAL_CURRENCIES.contains(upper) ? Optional.of(base + "_" + upper.toLowerCase(Locale.ROOT)) : Optional.empty();
    }

    /** Every dataset the report can feed with its interval length: EUR first, then each local currency. */
    public static List<DatasetLength> datasets()
    {
        List<DatasetLength> datasets = new java.util.ArrayList<>();
        for (String currency : java.util.stream.Stream.concat(java.util.stream.Stream.of(NordPoolMarket.BASE_CURRENCY), LOCAL_CURRENCIES.stream()).toList()) {
            datasets.add(new DatasetLength(dataset(60, currency).orElseThrow(), 60));
            datasets.add(new DatasetLength(dataset(15, currency).orElseThrow(), 15));
        }
        return List.copyOf(datasets);
    }

    /** A dataset and the length of its intervals. */
    public record DatasetLength(String dataset, int intervalMinutes) {}
}
