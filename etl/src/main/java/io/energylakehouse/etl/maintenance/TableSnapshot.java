package io.energylakehouse.etl.maintenance;

import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/**
 * One Iceberg snapshot of a table, as {@code bin/lakehouse maintain snapshots} lists it.
 *
 * @param snapshotId Iceberg's id of the snapshot
 * @param committedAtUtc when it was committed
 * @param operation Iceberg's operation: append, overwrite, delete or replace (a rewrite of files)
 * @param parentId the snapshot it was made on; empty for the first
 * @param addedRecords records the commit added, from the snapshot summary; empty when the summary does not say
 * @param deletedRecords records the commit removed, from the snapshot summary; empty when the summary does not say
 * @param totalRecords records in the table at this snapshot, from the snapshot summary; empty when it does not say
 * @param lineage where it stands against the table's current snapshot
 * @param refs the branches and tags pointing at it ({@code main}, {@code published-*}), sorted
 */
public record TableSnapshot(
        long snapshotId,
        Instant committedAtUtc,
        String operation,
        OptionalLong parentId,
        OptionalLong addedRecords,
        OptionalLong deletedRecords,
        OptionalLong totalRecords,
        Lineage lineage,
        List<String> refs)
{
    /** Where a snapshot stands against the table's current one. */
    public enum Lineage
    {
        /** The table's current snapshot. */
        CURRENT,
        /** An ancestor of the current snapshot: a table can be rolled back to it. */
        ANCESTOR,
        /** Not in the current snapshot's history: undone by a rollback, or on another branch. */
        OFF_MAIN;

        public String label()
        {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    public TableSnapshot
    {
        requireNonNull(committedAtUtc, "committedAtUtc is null");
        requireNonNull(operation, "operation is null");
        requireNonNull(parentId, "parentId is null");
        requireNonNull(addedRecords, "addedRecords is null");
        requireNonNull(deletedRecords, "deletedRecords is null");
        requireNonNull(totalRecords, "totalRecords is null");
        requireNonNull(lineage, "lineage is null");
        refs = List.copyOf(refs);
    }
}
