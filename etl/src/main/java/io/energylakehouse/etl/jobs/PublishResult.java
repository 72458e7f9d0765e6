package io.energylakehouse.etl.jobs;

import io.energylakehouse.etl.publish.ExportResult;

import java.util.List;

/**
 * @param hubSummaries per hub: mean daily on-peak and off-peak day-ahead (and real-time) prices over the published days
 * @param unchanged true when the last publication was still current, so nothing was written
 */
public record PublishResult(List<ExportResult> exports, long curatedSnapshotId, List<String> origins, List<HubSummary> hubSummaries, boolean unchanged)
{
    public PublishResult
    {
        exports = List.copyOf(exports);
        origins = List.copyOf(origins);
        hubSummaries = List.copyOf(hubSummaries);
    }

    public record HubSummary(String locationId, long days, Double daOnPeakPerMwh, Double daOffPeakPerMwh, Double rtOnPeakPerMwh, Double rtOffPeakPerMwh) {}
}
