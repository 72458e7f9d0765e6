package io.energylakehouse.etl.publish;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What publishing one dataset wrote: its files, the Delta table, the manifest, and the snapshots it came from.
 *
 * @param sourceSnapshots the manifest's {@code source_snapshots}: Iceberg snapshot id per table, the published table first
 */
public record ExportResult(String dataset, long rows, List<PublishedFile> files, String deltaPath, String manifestPath, long publishedSnapshotId,
        Map<String, Long> sourceSnapshots)
{
    public ExportResult
    {
        files = List.copyOf(files);
        sourceSnapshots = Collections.unmodifiableMap(new LinkedHashMap<>(sourceSnapshots));
    }
}
