package io.energylakehouse.etl.curate;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * What one curation run wrote for one dataset.
 *
 * @param rowsWritten rows now in the run's partitions of {@code curated.market_prices} (all revisions)
 * @param intervalsPerDay distinct intervals per operating date (24 hourly on a normal day, 23 or 25 on DST days)
 * @param quarantined rows this run sent to {@code curated.quarantine}
 * @param dataQualityIssues rows in {@code curated.data_quality} for the run's days, per check
 */
public record CurateResult(
        String market,
        String dataset,
        List<LocalDate> operatingDates,
        long rowsWritten,
        long locations,
        Map<LocalDate, Long> intervalsPerDay,
        long quarantined,
        Map<String, Long> dataQualityIssues)
{
    public CurateResult
    {
        requireNonNull(market, "market is null");
        requireNonNull(dataset, "dataset is null");
        operatingDates = List.copyOf(operatingDates);
        intervalsPerDay = Map.copyOf(intervalsPerDay);
        dataQualityIssues = Map.copyOf(dataQualityIssues);
    }
}
