package io.energylakehouse.cli;

import io.energylakehouse.common.config.LakehouseConfig;
import io.energylakehouse.common.table.Lakehouse;
import io.energylakehouse.etl.curate.CurateResult;
import io.energylakehouse.etl.jobs.DemoJob;
import io.energylakehouse.etl.jobs.PublishResult;
import io.energylakehouse.etl.publish.ExportResult;
import io.energylakehouse.etl.raw.Payload;
import io.energylakehouse.etl.source.caiso.CaisoConfig;
import io.energylakehouse.etl.source.caiso.OasisClient;
import io.energylakehouse.etl.source.caiso.OasisLiveSource;
import io.energylakehouse.etl.source.caiso.OasisReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

@Command(name = "demo",
        mixinStandardHelpOptions = true,
        description = {
                "Runs the whole CAISO pipeline on the lakehouse of the profile (default: local, no services):",
                "generates SYNTHETIC OASIS files for a few days around both DST changes (or fetches real days with --live),",
                "lands them in the raw layer, curates curated.market_prices, publishes the hub datasets and prints a summary.",
                "Running it again changes nothing."},
        footer = {"", "Examples:",
                "  bin/lakehouse demo",
                "  bin/lakehouse demo --dates 2024-11-01..2024-11-05 --nodes 200",
                "  bin/lakehouse demo --live --dates 2026-11-01..2026-11-02   (needs internet; ~2 min per day at OASIS's 5 s pace)",
                "  bin/lakehouse demo --input ~/Downloads/oasis/                (also land OASIS files you downloaded)"})
final class DemoCommand
        implements java.util.concurrent.Callable<Integer>, SparkJob
{
    @Mixin
    GlobalOptions global;

    @Override
    public GlobalOptions global()
    {
        return global;
    }

    @Option(names = "--dates", arity = "1..*", split = " ", paramLabel = "DATES", description = "Operating dates, e.g. 2024-03-09..2024-03-11,2024-11-02..2024-11-04 (the default)")
    List<String> dates = List.of();

    @Option(names = "--nodes", paramLabel = "N", description = "Nodes in the synthetic files, including the 3 trading hubs (default ${DEFAULT-VALUE})", defaultValue = "50")
    int nodes;

    @Option(names = "--input", arity = "1..*", paramLabel = "PATH", description = "OASIS files or folders to land besides (or instead of) the synthetic ones")
    List<Path> input = List.of();

    @Option(names = "--force", description = "Curate and publish again even where nothing changed since the last run (same rows, new snapshots)")
    boolean force;

    @Option(names = "--live", description = "Fetch the dates from CAISO OASIS instead of generating synthetic files (needs internet)")
    boolean live;

    @Override
    public Integer call()
    {
        List<LocalDate> operatingDates = dates.isEmpty() ? DemoJob.DEFAULT_DATES : Dates.parse("--dates", dates);
        // Before Spark starts: a wrong path is a one-line error at once.
        io.energylakehouse.etl.source.caiso.CaisoFiles.list(input);
        LakehouseConfig config = global.lakehouseConfig();
        PrintStream out = System.out;
        out.printf("Lakehouse demo: profile %s, catalog %s, warehouse %s%n", config.profile().configName(), config.catalogUri(), config.warehouse());
        out.println(live ? "Input: LIVE CAISO OASIS for " + describe(operatingDates) : "Input: SYNTHETIC sample files in OASIS format (not market data) for " + describe(operatingDates));
        try (Lakehouse lakehouse = global.openLakehouse("lakehouse-demo")) {
            Iterator<Payload> livePayloads = Collections.emptyIterator();
            if (live) {
                CaisoConfig caisoConfig = global.caisoConfig();
                List<io.energylakehouse.etl.source.caiso.OasisRequest> requests = OasisLiveSource.plan(List.of(OasisReport.PRC_LMP, OasisReport.PRC_INTVL_LMP),
                        operatingDates.get(0), operatingDates.get(operatingDates.size() - 1), List.of(), LocalDate.now(java.time.ZoneOffset.UTC),
                        caisoConfig.retentionMonths());
                out.printf("Fetching %d OASIS requests, at least %s apart%n", requests.size(), caisoConfig.requestPause());
                livePayloads = OasisLiveSource.payloads(new OasisClient(caisoConfig), requests);
            }
            Path samples = Path.of(config.home(), "samples", "caiso-synthetic");
            DemoJob.Result result = new DemoJob(lakehouse).run(new DemoJob.Options(live ? List.of() : operatingDates, nodes, samples, input, livePayloads), force);
            print(out, config, result);
        }
        return 0;
    }

    private static String describe(List<LocalDate> dates)
    {
        return dates.size() + " days (" + dates.stream().map(LocalDate::toString).collect(Collectors.joining(", ")) + ")";
    }

    static void print(PrintStream out, LakehouseConfig config, DemoJob.Result result)
    {
        out.println();
        out.println("Stages:");
        for (DemoJob.Stage stage : result.stages()) {
            out.printf("  %-9s %12s rows  %8s%n", stage.name(), Console.count(stage.rows()), Console.seconds(stage.elapsed()));
        }
        out.printf("Payloads: %d new, %d already landed; outcomes %s; %s rows parsed, %s rejected at parse time%n",
                result.landing().payloadsNew(), result.landing().payloadsAlreadyLanded(), result.landing().outcomes(),
                Console.count(result.landing().rowsParsed()), Console.count(result.landing().rowsRejected()));
        result.landing().messages().forEach(message -> out.println("  ! " + message));
        out.println();
        out.println("curated.market_prices:");
        for (CurateResult curated : result.curated()) {
            String hours = new java.util.TreeMap<>(curated.intervalsPerDay()).entrySet().stream()
                    .map(entry -> entry.getKey() + "=" + entry.getValue())
                    .collect(Collectors.joining(" "));
            out.printf("  %-9s %d days, %d nodes, %s rows, %d quarantined, data-quality issues %s%s%n", curated.dataset(), curated.operatingDates().size(),
                    curated.locations(), Console.count(curated.rowsWritten()), curated.quarantined(), curated.dataQualityIssues(),
                    curated.unchanged() ? " (unchanged: nothing written)" : "");
            out.printf("            intervals per day: %s%n", hours);
        }
        PublishResult published = result.published();
        if (published.unchanged()) {
            out.println("Published datasets unchanged: made from the current curated snapshot, nothing written");
        }
        out.println();
        out.printf("Hub prices, USD/MWh: mean of daily %s averages over the days (data origin: %s)%n", "6x16 on-peak / off-peak", String.join(", ", published.origins()));
        out.printf("  %-18s %5s %11s %12s %11s %12s%n", "hub", "days", "DA on-peak", "DA off-peak", "RT on-peak", "RT off-peak");
        for (PublishResult.HubSummary hub : published.hubSummaries()) {
            out.printf("  %-18s %5d %11s %12s %11s %12s%n", hub.locationId(), hub.days(), Console.price(hub.daOnPeakPerMwh()), Console.price(hub.daOffPeakPerMwh()),
                    Console.price(hub.rtOnPeakPerMwh()), Console.price(hub.rtOffPeakPerMwh()));
        }
        if (!published.partialDays().isEmpty()) {
            out.printf("  ! %d hub days averaged from fewer intervals than the day holds (is_da_complete / is_rt_complete = false): %s%n",
                    published.partialDays().size(), published.partialDays());
        }
        out.println();
        out.println("Outputs:");
        out.printf("  catalog    %s (Iceberg, catalog name '%s')%n", config.catalogUri(), config.catalogName());
        out.printf("  warehouse  %s%n", config.warehouse());
        out.printf("  raw store  %s%n", config.rawStore());
        result.sampleFolder().ifPresent(folder -> out.printf("  samples    %s (SYNTHETIC)%n", folder));
        for (ExportResult export : published.exports()) {
            Map<String, String> files = export.files().stream().collect(Collectors.toMap(file -> file.format(), file -> file.path()));
            out.printf("  published  %s: %s rows -> %s, %s, delta/, manifest.json in %s%n", export.dataset(), Console.count(export.rows()),
                    files.get("parquet"), files.get("csv.gz"), export.manifestPath().replace("/manifest.json", "").replace("file:", ""));
        }
        out.println();
        out.println("Query it: bin/lakehouse sql \"SELECT operating_date, location_id, da_on_peak_price_per_mwh FROM published.hub_prices_daily ORDER BY 1, 2\"");
    }
}
