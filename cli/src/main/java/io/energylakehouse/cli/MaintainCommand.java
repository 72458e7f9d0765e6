package io.energylakehouse.cli;

import io.energylakehouse.common.config.Settings;
import io.energylakehouse.common.table.Lakehouse;
import io.energylakehouse.etl.maintenance.MaintenanceLog;
import io.energylakehouse.etl.maintenance.MaintenanceOptions;
import io.energylakehouse.etl.maintenance.MaintenanceResult;
import io.energylakehouse.etl.maintenance.RollbackResult;
import io.energylakehouse.etl.maintenance.TableMaintenance;
import io.energylakehouse.etl.maintenance.TableSnapshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "maintain",
        mixinStandardHelpOptions = true,
        description = {"Iceberg maintenance of every table in the raw, curated, analytics and published namespaces: rewrites small",
                "data files, expires snapshots older than --snapshot-max-age (keeping the last --retain-last and every snapshot a",
                "published dataset was made from, which carries a published-<dataset>-<market> tag), and removes orphan files older",
                "than --orphan-min-age (at least an hour, so a job still writing keeps its files). The raw payload store is never touched.",
                "'maintain snapshots' lists a table's snapshots and 'maintain rollback' makes an earlier one current again (undoing a bad",
                "landing or rows deleted by mistake), recorded in raw.maintenance_log."},
        footer = {"", "Examples:", "  bin/lakehouse maintain", "  bin/lakehouse maintain --snapshot-max-age 2d --table curated.market_prices",
                "  bin/lakehouse maintain snapshots --table curated.market_prices",
                "  bin/lakehouse maintain rollback --table curated.market_prices --to-snapshot 4871992043358126453 \\",
                "      --reason \"bad landing of 2024-08-01\""},
        subcommands = {MaintainCommand.Snapshots.class, MaintainCommand.Rollback.class})
final class MaintainCommand
        implements java.util.concurrent.Callable<Integer>, SparkJob
{
    @Mixin
    GlobalOptions global;

    @Override
    public GlobalOptions global()
    {
        return global;
    }

    @Option(names = "--snapshot-max-age", defaultValue = "7d", paramLabel = "AGE", description = "Expire snapshots older than this (default ${DEFAULT-VALUE}; e.g. 36h, 7d)")
    String snapshotMaxAge;

    @Option(names = "--retain-last", defaultValue = "5", paramLabel = "N", description = "Always keep the last N snapshots of each table (default ${DEFAULT-VALUE})")
    int retainLast;

    @Option(names = "--orphan-min-age", defaultValue = "3d", paramLabel = "AGE", description = "Remove unreferenced files older than this (default ${DEFAULT-VALUE}, at least 1h)")
    String orphanMinAge;

    @Option(names = "--no-rewrite", description = "Do not rewrite small files")
    boolean noRewrite;

    @Option(names = "--no-orphans", description = "Do not remove orphan files")
    boolean noOrphans;

    @Option(names = "--table", paramLabel = "NS.TABLE", description = "Only this table (default: every table)")
    String table;

    @Override
    public Integer call()
    {
        MaintenanceOptions options = MaintenanceOptions.defaults()
                .withSnapshotMaxAge(age("--snapshot-max-age", snapshotMaxAge))
                .withRetainLast(retainLast)
                .withOrphanMinAge(age("--orphan-min-age", orphanMinAge));
        if (noRewrite) {
            options = options.withoutRewrite();
        }
        if (noOrphans) {
            options = options.withoutOrphanRemoval();
        }
        try (Lakehouse lakehouse = global.openLakehouse("lakehouse-maintain")) {
            TableMaintenance maintenance = new TableMaintenance(lakehouse, options);
            java.util.List<MaintenanceResult.TableResult> results = table == null ? maintenance.execute().tables() : java.util.List.of(maintenance.maintain(table));
            System.out.printf("%-32s %9s %8s %13s %9s %8s  %s%n", "table", "snapshots", "expired", "data files", "rewritten", "orphans", "tags kept");
            for (MaintenanceResult.TableResult result : results) {
                System.out.printf("%-32s %4d->%-4d %8d %6d->%-6d %9d %8d  %s%n", result.table(), result.snapshotsBefore(), result.snapshotsAfter(),
                        result.expiredSnapshots(), result.dataFilesBefore(), result.dataFilesAfter(), result.rewrittenDataFiles(),
                        result.orphanFilesRemoved(), result.tagsKept().isEmpty() ? "-" : String.join(", ", result.tagsKept()));
            }
        }
        return 0;
    }

    @Command(name = "snapshots",
            mixinStandardHelpOptions = true,
            description = {"Lists a table's Iceberg snapshots, oldest first: id, when committed (UTC), operation, records added, deleted and in",
                    "the table, parent, where it stands (current; ancestor: the table can be rolled back to it; off-main: undone by a",
                    "rollback or on another branch) and the branches and tags on it (main, published-<dataset>-<market>)."},
            footer = {"", "Examples:", "  bin/lakehouse maintain snapshots --table curated.market_prices"})
    static final class Snapshots
            implements java.util.concurrent.Callable<Integer>, SparkJob
    {
        @Mixin
        GlobalOptions global;

        @Option(names = "--table", required = true, paramLabel = "NS.TABLE", description = "The table, e.g. curated.market_prices")
        String table;

        @Override
        public GlobalOptions global()
        {
            return global;
        }

        @Override
        public Integer call()
        {
            try (Lakehouse lakehouse = global.openLakehouse("lakehouse-maintain-snapshots")) {
                java.util.List<TableSnapshot> snapshots = new TableMaintenance(lakehouse, MaintenanceOptions.defaults()).snapshots(table);
                printSnapshots(System.out, table, snapshots);
            }
            return 0;
        }
    }

    static void printSnapshots(java.io.PrintStream out, String table, java.util.List<TableSnapshot> snapshots)
    {
        if (snapshots.isEmpty()) {
            out.printf("%s has no snapshots: it was never written%n", table);
            return;
        }
        String format = "%-20s %-20s %-9s %9s %9s %9s %-20s %-9s %s%n";
        out.printf(format, "snapshot_id", "committed_at_utc", "operation", "added", "deleted", "records", "parent_id", "state", "refs");
        for (TableSnapshot snapshot : snapshots) {
            out.printf(format, snapshot.snapshotId(), java.time.format.DateTimeFormatter.ISO_INSTANT.format(snapshot.committedAtUtc().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)),
                    snapshot.operation(), count(snapshot.addedRecords()), count(snapshot.deletedRecords()), count(snapshot.totalRecords()),
                    snapshot.parentId().isPresent() ? Long.toString(snapshot.parentId().getAsLong()) : "-", snapshot.lineage().label(),
                    snapshot.refs().isEmpty() ? "-" : String.join(", ", snapshot.refs()));
        }
    }

    private static String count(java.util.OptionalLong value)
    {
        return value.isPresent() ? Long.toString(value.getAsLong()) : "-";
    }

    @Command(name = "rollback",
            mixinStandardHelpOptions = true,
            description = {"Makes an earlier snapshot of a table its current one again (Iceberg's rollback: one metadata commit, no file is",
                    "written or deleted; the undone snapshots stay until 'maintain' expires them). Only an ancestor of the current snapshot",
                    "is accepted ('maintain snapshots' marks them). Recorded in raw.maintenance_log (who, when, from, to, what was undone)",
                    "and in the log. A landing touches the source's raw table, raw.fetch_log and curated.quarantine: roll back each,",
                    "then curate and publish the days again."},
            footer = {"", "Examples:",
                    "  bin/lakehouse maintain rollback --table curated.market_prices --to-snapshot 4871992043358126453",
                    "  bin/lakehouse maintain rollback --table curated.market_prices --to-snapshot 4871992043358126453 \\",
                    "      --reason \"rows of 2024-08-01 deleted by mistake\""})
    static final class Rollback
            implements java.util.concurrent.Callable<Integer>, SparkJob
    {
        @Mixin
        GlobalOptions global;

        @Option(names = "--table", required = true, paramLabel = "NS.TABLE", description = "The table, e.g. curated.market_prices")
        String table;

        @Option(names = "--to-snapshot", required = true, paramLabel = "SNAPSHOT_ID", description = "The snapshot to make current again (an id 'maintain snapshots' lists)")
        long snapshotId;

        @Option(names = "--reason", paramLabel = "TEXT", description = "Why, recorded with the rollback")
        String reason;

        @Override
        public GlobalOptions global()
        {
            return global;
        }

        @Override
        public Integer call()
        {
            try (Lakehouse lakehouse = global.openLakehouse("lakehouse-maintain-rollback")) {
                RollbackResult result = new TableMaintenance(lakehouse, MaintenanceOptions.defaults())
                        .rollback(table, snapshotId, System.getProperty("user.name", "unknown"), java.util.Optional.ofNullable(reason).map(String::strip).filter(text -> !text.isEmpty()));
                if (!result.changed()) {
                    System.out.printf("%s: snapshot %d is current already; nothing changed%n", result.table(), result.toSnapshotId());
                    return 0;
                }
                System.out.printf("%s: rolled back to snapshot %d (was %d), records %s -> %s; %d snapshot%s undone: %s%n", result.table(), result.toSnapshotId(),
                        result.fromSnapshotId(), count(result.recordsBefore()), count(result.recordsAfter()), result.undoneSnapshotIds().size(),
                        result.undoneSnapshotIds().size() == 1 ? "" : "s", result.undoneSnapshotIds().stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(", ")));
                if (!result.refsOnUndone().isEmpty()) {
                    System.out.printf("note: %s still point%s at an undone snapshot: publish again to move %s%n", String.join(", ", result.refsOnUndone()),
                            result.refsOnUndone().size() == 1 ? "s" : "", result.refsOnUndone().size() == 1 ? "it" : "them");
                }
                System.out.printf("recorded in %s%n", MaintenanceLog.SPEC.identifier());
            }
            return 0;
        }
    }

    private static java.time.Duration age(String option, String value)
    {
        try {
            return Settings.parseDuration(value);
        }
        catch (RuntimeException e) {
            throw io.energylakehouse.common.LakehouseException.userError("Cannot read %s '%s': use a duration like 36h or 7d", option, value);
        }
    }
}
