package io.energylakehouse.cli;

import io.energylakehouse.common.config.Settings;
import io.energylakehouse.common.table.Lakehouse;
import io.energylakehouse.etl.maintenance.MaintenanceOptions;
import io.energylakehouse.etl.maintenance.MaintenanceResult;
import io.energylakehouse.etl.maintenance.TableMaintenance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "maintain",
        mixinStandardHelpOptions = true,
        description = {"Iceberg maintenance of every table in the raw, curated, analytics and published namespaces: rewrites small",
                "data files, expires snapshots older than --snapshot-max-age (keeping the last --retain-last and every snapshot a",
                "published dataset was made from, which carries a published-<dataset>-<market> tag), and removes orphan files older",
                "than --orphan-min-age (at least an hour, so a job still writing keeps its files). The raw payload store is never touched."},
        footer = {"", "Examples:", "  bin/lakehouse maintain", "  bin/lakehouse maintain --snapshot-max-age 2d --table curated.market_prices"})
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
