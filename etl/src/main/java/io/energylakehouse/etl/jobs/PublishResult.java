package io.energylakehouse.etl.jobs;

import io.energylakehouse.etl.publish.ExportResult;

import java.util.List;

/**
 * @param hubSummaries per hub: mean daily on-peak and off-peak day-ahead (and real-time) prices over the published days
 * @param partialDays hub days whose published means were made from fewer intervals than the day holds (flagged
 * {@code is_da_complete} / {@code is_rt_complete} false in {@code published.hub_prices_daily})
 * @param unchanged true when the last publication was still current, so nothing was written
 */
public record PublishResult(List<ExportResult> exports, long curatedSnapshotId, List<String> origins, List<HubSummary> hubSummaries,
        List<PartialDay> partialDays, boolean unchanged)
{
    public PublishResult
    {
        exports = List.copyOf(exports);
        origins = List.copyOf(origins);
        hubSummaries = List.copyOf(hubSummaries);
        partialDays = List.copyOf(partialDays);
    }

    /** What publishing a connector without hub datasets gives: nothing published, no curated snapshot read (id 0). */
    public static PublishResult nothing()
    {
        return new PublishResult(List.of(), 0, List.of(), List.of(), List.of(), true);
    }

    /** Whether nothing was published because the connector has no hub datasets (a publisher of no energy prices). */
    public boolean isNothingToPublish()
    {
        return exports.isEmpty() && curatedSnapshotId == 0 && unchanged;
    }

    /** A hub day published with some but not all of its intervals, e.g. 23 of 24 day-ahead hours. */
    public record PartialDay(String locationId, java.time.LocalDate operatingDate, int hoursInDay, int dayAheadIntervals, long realTimeIntervals,
            long expectedRealTimeIntervals)
    {
        @Override
        public String toString()
        {
            return locationId + " " + operatingDate + " (day-ahead " + dayAheadIntervals + " of " + hoursInDay + " hours, real-time "
                    + realTimeIntervals + " of " + expectedRealTimeIntervals + " intervals)";
        }
    }

    public record HubSummary(String locationId, long days, Double daOnPeakPerMwh, Double daOffPeakPerMwh, Double rtOnPeakPerMwh, Double rtOffPeakPerMwh,
            Double daBasePerMwh, Double rtBasePerMwh) {}
}
