package io.energylakehouse.etl.publish;

import java.util.List;

/** What publishing one dataset wrote: its files, the Delta table, the manifest, and the snapshots it came from. */
public record ExportResult(String dataset, long rows, List<PublishedFile> files, String deltaPath, String manifestPath, long publishedSnapshotId)
{
    public ExportResult
    {
        files = List.copyOf(files);
    }
}
