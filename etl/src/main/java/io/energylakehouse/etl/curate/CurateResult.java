package io.energylakehouse.etl.curate;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * What one curation run wrote for one dataset.
 *
 * @param rowsWritten rows now in the run's partitions of {@code curated.market_prices} (all revisions)
 * @param locations the most locations on any one of the days
 * @param intervalsPerDay distinct intervals per operating date (24 hourly on a normal day, 23 or 25 on DST days)
 * @param quarantined rows this run sent to {@code curated.quarantine}
 * @param dataQualityIssues rows in {@code curated.data_quality} for the run's days, per check
 * @param unchanged true when the days' inputs were those their last curation read, so nothing was written
 * @param table the canonical table curated: {@code curated.market_prices}, or another a report feeds (fx_rates, spot_prices, fundamentals)
 */
public record CurateResult(
        String table,
        String market,
        String dataset,
        List<LocalDate> operatingDates,
        long rowsWritten,
        long locations,
        Map<LocalDate, Long> intervalsPerDay,
        long quarantined,
        Map<String, Long> dataQualityIssues,
        boolean unchanged)
{
    public CurateResult
    {
        requireNonNull(table, "table is null");
        requireNonNull(market, "market is null");
        requireNonNull(dataset, "dataset is null");
        operatingDates = List.copyOf(operatingDates);
        intervalsPerDay = Map.copyOf(intervalsPerDay);
        dataQualityIssues = Map.copyOf(dataQualityIssues);
    }

    /** The result of curating the days now. */
    public static CurateResult written(String market, String dataset, Map<LocalDate, CurationInputs.DaySummary> days)
    {
        return of(market, dataset, days, false);
    }

    /** The result of a run that found every day's inputs unchanged: what the days' last curation recorded. */
    public static CurateResult unchanged(String market, String dataset, Map<LocalDate, CurationInputs.DaySummary> days)
    {
        return of(market, dataset, days, true);
    }

    private static CurateResult of(String market, String dataset, Map<LocalDate, CurationInputs.DaySummary> days, boolean unchanged)
    {
        java.util.Map<LocalDate, Long> intervals = new java.util.TreeMap<>();
        java.util.Map<String, Long> issues = new java.util.TreeMap<>();
        long rows = 0;
        long locations = 0;
        long quarantined = 0;
        for (Map.Entry<LocalDate, CurationInputs.DaySummary> day : days.entrySet()) {
            CurationInputs.DaySummary summary = day.getValue();
            if (summary.intervals() > 0) {
                intervals.put(day.getKey(), summary.intervals());
            }
            rows += summary.rows();
            locations = Math.max(locations, summary.locations());
            quarantined += summary.quarantined();
            summary.issues().forEach((check, count) -> issues.merge(check, count, Long::sum));
        }
        return new CurateResult(io.energylakehouse.common.table.CanonicalTables.MARKET_PRICES.identifier(), market, dataset, List.copyOf(days.keySet()), rows, locations, intervals, quarantined, issues, unchanged);
    }
}
