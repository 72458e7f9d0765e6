package io.energylakehouse.etl.maintenance;

import io.energylakehouse.common.LakehouseException;

import java.time.Duration;

import static java.util.Objects.requireNonNull;

/**
 * What {@link TableMaintenance} does to every table.
 *
 * @param snapshotMaxAge snapshots older than this are expired (tagged snapshots and the last {@code retainLast} stay)
 * @param retainLast snapshots of the main branch kept whatever their age; at least 1
 * @param orphanMinAge files not referenced by a table's metadata are deleted only when older than this: a younger one
 *         may belong to a write still in progress. At least {@link #MIN_ORPHAN_AGE} unless {@code allowShortOrphanAge}
 * @param targetFileSizeBytes size the small-file rewrite aims for
 * @param rewriteDataFiles whether to rewrite small data files into larger ones
 * @param removeOrphans whether to delete orphan files under the table locations
 * @param allowShortOrphanAge accept an {@code orphanMinAge} under one hour: only when no one else writes (tests)
 */
public record MaintenanceOptions(
        Duration snapshotMaxAge,
        int retainLast,
        Duration orphanMinAge,
        long targetFileSizeBytes,
        boolean rewriteDataFiles,
        boolean removeOrphans,
        boolean allowShortOrphanAge)
{
    public static final Duration DEFAULT_SNAPSHOT_MAX_AGE = Duration.ofDays(7);
    public static final int DEFAULT_RETAIN_LAST = 5;
    public static final Duration DEFAULT_ORPHAN_MIN_AGE = Duration.ofDays(3);
    public static final Duration MIN_ORPHAN_AGE = Duration.ofHours(1);
    public static final long DEFAULT_TARGET_FILE_SIZE_BYTES = 128L * 1024 * 1024;

    public MaintenanceOptions
    {
        requireNonNull(snapshotMaxAge, "snapshotMaxAge is null");
        requireNonNull(orphanMinAge, "orphanMinAge is null");
        if (snapshotMaxAge.isNegative()) {
            throw LakehouseException.userError("Cannot expire snapshots older than %s: the age is negative", snapshotMaxAge);
        }
        if (retainLast < 1) {
            throw LakehouseException.userError("Cannot expire snapshots retaining the last %d: retain at least 1, the current snapshot", retainLast);
        }
        if (targetFileSizeBytes < 1) {
            throw LakehouseException.userError("Cannot rewrite data files to a target size of %d bytes: need at least 1", targetFileSizeBytes);
        }
        if (orphanMinAge.isNegative()) {
            throw LakehouseException.userError("Cannot remove orphan files older than %s: the age is negative", orphanMinAge);
        }
        if (removeOrphans && !allowShortOrphanAge && orphanMinAge.compareTo(MIN_ORPHAN_AGE) < 0) {
            throw LakehouseException.userError("Cannot remove orphan files younger than %s (asked for %s): the files of a write still in progress "
                    + "are not in the table's metadata yet, and deleting them would corrupt that write; use at least %s", MIN_ORPHAN_AGE, orphanMinAge, MIN_ORPHAN_AGE);
        }
    }

    /** Expire snapshots older than 7 days keeping the last 5, rewrite small files to 128 MB, remove orphans older than 3 days. */
    public static MaintenanceOptions defaults()
    {
        return new MaintenanceOptions(DEFAULT_SNAPSHOT_MAX_AGE, DEFAULT_RETAIN_LAST, DEFAULT_ORPHAN_MIN_AGE, DEFAULT_TARGET_FILE_SIZE_BYTES,
                true /* rewriteDataFiles */, true /* removeOrphans */, false /* allowShortOrphanAge */);
    }

    public MaintenanceOptions withSnapshotMaxAge(Duration snapshotMaxAge)
    {
        return new MaintenanceOptions(snapshotMaxAge, retainLast, orphanMinAge, targetFileSizeBytes, rewriteDataFiles, removeOrphans, allowShortOrphanAge);
    }

    public MaintenanceOptions withRetainLast(int retainLast)
    {
        return new MaintenanceOptions(snapshotMaxAge, retainLast, orphanMinAge, targetFileSizeBytes, rewriteDataFiles, removeOrphans, allowShortOrphanAge);
    }

    public MaintenanceOptions withOrphanMinAge(Duration orphanMinAge)
    {
        return new MaintenanceOptions(snapshotMaxAge, retainLast, orphanMinAge, targetFileSizeBytes, rewriteDataFiles, removeOrphans, allowShortOrphanAge);
    }

    /** An orphan age under one hour is accepted from here on: only where nothing else writes to the tables. */
    public MaintenanceOptions withShortOrphanAgeAllowed()
    {
        return new MaintenanceOptions(snapshotMaxAge, retainLast, orphanMinAge, targetFileSizeBytes, rewriteDataFiles, removeOrphans, true);
    }

    public MaintenanceOptions withTargetFileSizeBytes(long targetFileSizeBytes)
    {
        return new MaintenanceOptions(snapshotMaxAge, retainLast, orphanMinAge, targetFileSizeBytes, rewriteDataFiles, removeOrphans, allowShortOrphanAge);
    }

    public MaintenanceOptions withoutRewrite()
    {
        return new MaintenanceOptions(snapshotMaxAge, retainLast, orphanMinAge, targetFileSizeBytes, false, removeOrphans, allowShortOrphanAge);
    }

    public MaintenanceOptions withoutOrphanRemoval()
    {
        return new MaintenanceOptions(snapshotMaxAge, retainLast, orphanMinAge, targetFileSizeBytes, rewriteDataFiles, false, allowShortOrphanAge);
    }
}
