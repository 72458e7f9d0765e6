package io.energylakehouse.etl.maintenance;

import io.energylakehouse.common.LakehouseException;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** What {@link TableMaintenance} did, one entry per table in the order they were maintained. */
public record MaintenanceResult(List<TableResult> tables)
{
    public MaintenanceResult
    {
        tables = List.copyOf(tables);
    }

    public TableResult table(String identifier)
    {
        return tables.stream().filter(table -> table.table().equals(identifier)).findFirst()
                .orElseThrow(() -> LakehouseException.userError("Cannot find table %s in the maintenance result: maintained were %s", identifier,
                        tables.stream().map(TableResult::table).toList()));
    }

    public long expiredSnapshots()
    {
        return tables.stream().mapToLong(TableResult::expiredSnapshots).sum();
    }

    public long rewrittenDataFiles()
    {
        return tables.stream().mapToLong(TableResult::rewrittenDataFiles).sum();
    }

    public long orphanFilesRemoved()
    {
        return tables.stream().mapToLong(TableResult::orphanFilesRemoved).sum();
    }

    /**
     * One table's maintenance.
     *
     * @param table {@code namespace.table}
     * @param snapshotsBefore snapshots when maintenance started
     * @param snapshotsAfter snapshots when it ended (the rewrite adds one, expiry removes)
     * @param expiredSnapshots snapshots expiry removed
     * @param tagsKept the table's tags after expiry, each checked to resolve to a snapshot
     * @param dataFilesBefore data files of the current snapshot before the rewrite
     * @param dataFilesAfter data files of the current snapshot after the rewrite
     * @param rewrittenDataFiles data files the rewrite replaced
     * @param addedDataFiles data files the rewrite wrote in their place
     * @param filesDeletedByExpiry data, manifest and manifest-list files no longer reachable after expiry, deleted
     * @param orphanFilesRemoved files under the table location that no metadata referenced, deleted
     */
    public record TableResult(
            String table,
            int snapshotsBefore,
            int snapshotsAfter,
            int expiredSnapshots,
            List<String> tagsKept,
            long dataFilesBefore,
            long dataFilesAfter,
            int rewrittenDataFiles,
            int addedDataFiles,
            long filesDeletedByExpiry,
            long orphanFilesRemoved)
    {
        public TableResult
        {
            requireNonNull(table, "table is null");
            tagsKept = List.copyOf(tagsKept);
        }
    }
}
