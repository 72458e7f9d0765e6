package io.energylakehouse.etl.maintenance;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/**
 * What {@link TableMaintenance#rollback} did to one table.
 *
 * @param table {@code namespace.table}
 * @param fromSnapshotId the snapshot that was current just before
 * @param toSnapshotId the snapshot that is current now
 * @param undoneSnapshotIds the snapshots between them that the table no longer reads, newest first; empty when
 *         {@code toSnapshotId} was current already (nothing changed, nothing recorded)
 * @param refsOnUndone tags and branches still pointing at an undone snapshot (a {@code published-*} tag means a
 *         published dataset was made from rows the table no longer has: publish again)
 * @param recordsBefore records in the table before, from the snapshot summary; empty when it does not say
 * @param recordsAfter records in the table after, from the snapshot summary; empty when it does not say
 * @param performedAtUtc when the rollback was committed
 * @param performedBy who asked for it (the operating-system user of {@code bin/lakehouse})
 * @param reason why, as the user gave it
 */
public record RollbackResult(
        String table,
        long fromSnapshotId,
        long toSnapshotId,
        List<Long> undoneSnapshotIds,
        List<String> refsOnUndone,
        OptionalLong recordsBefore,
        OptionalLong recordsAfter,
        Instant performedAtUtc,
        String performedBy,
        Optional<String> reason)
{
    public RollbackResult
    {
        requireNonNull(table, "table is null");
        undoneSnapshotIds = List.copyOf(undoneSnapshotIds);
        refsOnUndone = List.copyOf(refsOnUndone);
        requireNonNull(recordsBefore, "recordsBefore is null");
        requireNonNull(recordsAfter, "recordsAfter is null");
        requireNonNull(performedAtUtc, "performedAtUtc is null");
        requireNonNull(performedBy, "performedBy is null");
        requireNonNull(reason, "reason is null");
    }

    /** Whether the table changed: false when the snapshot asked for was current already. */
    public boolean changed()
    {
        return !undoneSnapshotIds.isEmpty();
    }
}
