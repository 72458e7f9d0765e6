package io.energylakehouse.etl.source.epf;

import io.energylakehouse.common.series.DailyPanel;

import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * A panel read from the curated tables, and what it was read from.
 *
 * @param snapshotIds the Iceberg snapshot of each table read (identifier to snapshot id): reading them again
 *        with {@code VERSION AS OF} gives the same panel
 * @param filledCells cells made rather than read: a spring-forward day's missing clock hour (mean of its
 *        neighbours) and a fall-back day's repeated clock hour holding two intervals (their mean); the panel's own count
 * @param missingCells cells left NaN: no interval of the clock hour holds a value, over prices and every exogenous series
 */
public record PanelRead(DailyPanel panel, Map<String, Long> snapshotIds, int filledCells, int missingCells)
{
    public PanelRead
    {
        requireNonNull(panel, "panel is null");
        snapshotIds = Map.copyOf(requireNonNull(snapshotIds, "snapshotIds is null"));
    }
}
