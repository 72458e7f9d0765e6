package io.energylakehouse.cli;

import io.energylakehouse.common.table.Lakehouse;
import io.energylakehouse.etl.connector.MarketConnector;
import io.energylakehouse.etl.jobs.MarketPipeline;
import io.energylakehouse.etl.jobs.PublishResult;
import io.energylakehouse.etl.publish.ExportResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "publish",
        mixinStandardHelpOptions = true,
        description = {"Publishes the hub datasets from the latest revisions in curated.market_prices: published.hub_prices_hourly and",
                "published.hub_prices_daily (6x16 on-peak / off-peak), each exported as Parquet, gzipped CSV and a Delta table with a",
                "manifest.json (schema, rows, sha256 per file, source Iceberg snapshot ids)."},
        footer = {"", "Examples:", "  bin/lakehouse publish --market caiso", "  bin/lakehouse publish --market ercot"})
final class PublishCommand
        implements java.util.concurrent.Callable<Integer>, SparkJob
{
    @Mixin
    GlobalOptions global;

    @Override
    public GlobalOptions global()
    {
        return global;
    }

    @Option(names = "--market", required = true, paramLabel = "MARKET", description = "Market: " + Markets.AVAILABLE)
    String market;

    @Option(names = "--force", description = "Publish again even when the last publication was made from the current curated snapshot (same rows, new snapshots and files)")
    boolean force;

    @Override
    public Integer call()
    {
        MarketConnector connector = Markets.connector(market);
        if (connector.hubDatasets().isEmpty()) {
            // A publisher of no energy prices: nothing to publish, and no reason to start Spark.
            System.out.printf("%s publishes nothing: it has no hub datasets (its reports feed %s, read them there)%n", connector.market().code(),
                    String.join(", ", connector.reports().stream().map(report -> report.outputs().get(0).canonicalTable().identifier()).distinct().toList()));
            return 0;
        }
        try (Lakehouse lakehouse = global.openLakehouse("lakehouse-publish-" + Markets.typed(connector))) {
            PublishResult result = new MarketPipeline(lakehouse, connector).publish(force);
            if (result.unchanged()) {
                System.out.println("unchanged: the published datasets were made from the current curated snapshot; nothing written");
            }
            for (ExportResult export : result.exports()) {
                System.out.printf("%s: %s rows, files %s, manifest %s%n", export.dataset(), Console.count(export.rows()),
                        export.files().stream().map(file -> file.path()).toList(), export.manifestPath());
            }
            System.out.printf("Made from curated.market_prices snapshot %d; data origin %s%n", result.curatedSnapshotId(), result.origins());
            if (!result.partialDays().isEmpty()) {
                System.out.printf("%d hub days published from fewer intervals than the day holds, flagged is_da_complete / is_rt_complete = false: %s%n",
                        result.partialDays().size(), result.partialDays());
            }
        }
        return 0;
    }
}
