package io.energylakehouse.cli;

import io.energylakehouse.common.config.LakehouseConfig;
import io.energylakehouse.common.table.Lakehouse;
import io.energylakehouse.etl.connector.Connectors;
import io.energylakehouse.etl.connector.LiveFetch;
import io.energylakehouse.etl.connector.MarketConnector;
import io.energylakehouse.etl.connector.ReplayFiles;
import io.energylakehouse.etl.curate.CurateResult;
import io.energylakehouse.etl.jobs.DemoJob;
import io.energylakehouse.etl.jobs.PublishResult;
import io.energylakehouse.etl.publish.ExportResult;
import io.energylakehouse.etl.raw.Payload;
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
                "Runs the whole pipeline of every market with a sample generator (the six US ISOs, IESO, AESO, ENTSO-E, Nord Pool, JEPX, AEMO,",
                "EEX auctions, EIA's Henry Hub and storage, and the ECB rates; or those named with --market)",
                "on the lakehouse of the profile (default: local, no services), in one Spark session: generates SYNTHETIC files in",
                "each operator's format for a few days around both DST changes (or fetches real days with --live), lands them in the",
                "raw layer, curates curated.market_prices, publishes the hub datasets and prints one line per market (details in demo-report.txt).",
                "Running it again changes nothing."},
        footer = {"", "Examples:",
                "  bin/lakehouse demo",
                "  bin/lakehouse demo --market pjm",
                "  bin/lakehouse demo --market caiso --dates 2024-11-01..2024-11-05 --nodes 200",
                "  bin/lakehouse demo --market caiso --live --dates 2026-11-01..2026-11-02   (needs internet; ~2 min a day)",
                "  bin/lakehouse demo --input ~/Downloads/oasis/   (also land files you downloaded, each to its market)"})
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

    @Option(names = "--market", arity = "1..*", split = ",", paramLabel = "MARKET", description = "Markets to run: " + Markets.AVAILABLE + " (default: every market with a sample generator)")
    List<String> markets = List.of();

    @Option(names = "--nodes", paramLabel = "N", description = "Locations in each market's synthetic files, including its main hubs (default ${DEFAULT-VALUE})", defaultValue = "50")
    int nodes;

    @Option(names = "--input", arity = "1..*", paramLabel = "PATH", description = "Operator files or folders to land besides (or instead of) the synthetic ones; each file goes to the market whose report its name names")
    List<Path> input = List.of();

    @Option(names = "--force", description = "Curate and publish again even where nothing changed since the last run (same rows, new snapshots)")
    boolean force;

    @Option(names = "--live", description = "Fetch the dates from the operators of the markets instead of generating synthetic files (needs internet and their credentials)")
    boolean live;

    @Override
    public Integer call()
    {
        // Without --dates each market runs its own demo days (around its clock changes); with them, every market those days.
        java.util.Optional<List<LocalDate>> operatingDates = dates.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(Dates.parse("--dates", dates));
        // Before Spark starts: a wrong path or an unknown market is a one-line error at once.
        List<Path> inputFiles = ReplayFiles.list(input);
        // Publishers of reference data (the ECB's rates, EEX's auctions: no hub datasets) go first, so that the markets'
        // published prices are converted with rates already curated.
        List<MarketConnector> connectors = (markets.isEmpty()
                ? Connectors.all().stream().filter(connector -> connector.samples().isPresent())
                : markets.stream().map(Markets::connector).distinct())
                .sorted(java.util.Comparator.comparing((MarketConnector connector) -> connector.hubDatasets().isPresent()))
                .toList();
        Map<MarketConnector, List<Path>> inputs = inputsByMarket(inputFiles, connectors);
        LakehouseConfig config = global.lakehouseConfig();
        PrintStream out = System.out;
        String codes = String.join(", ", connectors.stream().map(connector -> connector.market().code()).toList());
        out.printf("Lakehouse demo: profile %s, catalog %s, warehouse %s%n", config.profile().configName(), config.catalogUri(), config.warehouse());
        String days = operatingDates.map(DemoCommand::describe).orElse("each market's days around its clock changes");
        out.println(live ? "Input: LIVE " + codes + " for " + days
                : "Input: SYNTHETIC sample files in each operator's format (not market data) of " + codes + " for " + days);
        long started = System.nanoTime();
        try (Lakehouse lakehouse = global.openLakehouse("lakehouse-demo")) {
            List<DemoJob.Options> options = new java.util.ArrayList<>();
            for (MarketConnector connector : connectors) {
                Iterator<Payload> livePayloads = Collections.emptyIterator();
                List<LocalDate> marketDates = operatingDates.orElse(connector.demoDates());
                if (live) {
                    LiveFetch fetch = connector.live(connector.reports(), marketDates.get(0), marketDates.get(marketDates.size() - 1), List.of(),
                            global.settings());
                    out.printf("Fetching %s%n", fetch.plan());
                    livePayloads = fetch.payloads();
                }
                Path samples = Path.of(config.home(), "samples", Markets.typed(connector) + "-synthetic");
                List<LocalDate> synthetic = live || connector.samples().isEmpty() ? List.of() : marketDates;
                options.add(new DemoJob.Options(connector, synthetic, nodes, samples, inputs.getOrDefault(connector, List.of()), livePayloads));
            }
            DemoJob job = new DemoJob(lakehouse);
            // The next market's files are generated and landed (its raw tables, the fetch log) while this one is curated and
            // published (the curated and published tables): one thread each, so the second core is not left to the JIT alone.
            java.util.concurrent.ExecutorService landing = java.util.concurrent.Executors.newSingleThreadExecutor(runnable -> {
                Thread thread = new Thread(runnable, "demo-landing");
                thread.setDaemon(true);
                return thread;
            });
            // One line per market here; each market's stages, datasets, hub prices and outputs in the report file.
            Path report = Path.of(config.home(), "demo-report.txt").toAbsolutePath();
            out.printf("%-9s %8s %10s %12s %6s %4s  %s%n", "market", "seconds", "days", "rows curated", "quar.", "dq", "main location: mean daily base price");
            try (PrintStream details = new PrintStream(java.nio.file.Files.newOutputStream(createParent(report)), true, java.nio.charset.StandardCharsets.UTF_8)) {
                details.printf("Lakehouse demo: profile %s, catalog %s, warehouse %s%n", config.profile().configName(), config.catalogUri(), config.warehouse());
                List<java.util.concurrent.Future<DemoJob.Landed>> landed = options.stream().map(market -> landing.submit(() -> job.land(market))).toList();
                for (int i = 0; i < options.size(); i++) {
                    DemoJob.Result result = job.finish(await(landed.get(i)), force);
                    out.println(summaryLine(connectors.get(i).market(), result));
                    print(details, config, connectors.get(i).market(), result);
                }
            }
            catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("Cannot write the demo report " + report + ": " + e.getMessage(), e);
            }
            finally {
                landing.shutdownNow();
            }
            out.printf("%nDetails per market (stages, datasets, intervals per day, hub prices, outputs): %s%n", report);
            out.printf("Catalog %s, warehouse %s, published %s%n", config.catalogUri(), config.warehouse(), config.publishedRoot());
        }
        out.printf("%nDemo of %s done in %s%n", codes, Console.seconds(java.time.Duration.ofNanos(System.nanoTime() - started)));
        out.println("Query it: bin/lakehouse sql \"SELECT market, location_id, operating_date, da_base_price_eur_per_mwh FROM published.hub_prices_daily ORDER BY 1, 2, 3\"");
        return 0;
    }

    private static Path createParent(Path file)
            throws java.io.IOException
    {
        java.nio.file.Files.createDirectories(file.toAbsolutePath().getParent());
        return file;
    }

    /**
     * One line of a market's run: its seconds (land, curate, publish), days, curated rows, quarantined rows,
     * data-quality issues, and the mean daily base price of its first published location (day-ahead, else real-time).
     */
    static String summaryLine(io.energylakehouse.common.market.Market market, DemoJob.Result result)
    {
        double seconds = result.stages().stream().mapToLong(stage -> stage.elapsed().toMillis()).sum() / 1000.0;
        // The days of its prices where it has prices (AEMO's price thresholds span effective dates since 1997), else of its records.
        String prices = io.energylakehouse.common.table.CanonicalTables.MARKET_PRICES.identifier();
        boolean hasPrices = result.curated().stream().anyMatch(curated -> curated.table().equals(prices));
        long days = hasPrices
                ? result.curated().stream().filter(curated -> curated.table().equals(prices)).flatMap(curated -> curated.intervalsPerDay().keySet().stream()).distinct().count()
                : result.curated().stream().flatMap(curated -> curated.operatingDates().stream()).distinct().count();
        long rows = result.curated().stream().mapToLong(CurateResult::rowsWritten).sum();
        long quarantined = result.curated().stream().mapToLong(CurateResult::quarantined).sum() + result.landing().rowsRejected();
        long issues = result.curated().stream().flatMap(curated -> curated.dataQualityIssues().values().stream()).mapToLong(Long::longValue).sum();
        boolean unchanged = result.curated().stream().allMatch(CurateResult::unchanged) && result.landing().payloadsNew() == 0;
        // Its reference hub, else its system price, else the first location published.
        String reference = market.referenceHub().map(io.energylakehouse.common.market.ReferenceHub::locationId).orElse("SYSTEM");
        String main = result.published().hubSummaries().stream()
                .sorted(java.util.Comparator.comparing((PublishResult.HubSummary hub) -> !hub.locationId().equals(reference)))
                .findFirst()
                .map(hub -> hub.locationId() + " " + (hub.daBasePerMwh() != null ? "DA " + Console.price(hub.daBasePerMwh()) : "RT " + Console.price(hub.rtBasePerMwh()))
                        + " " + market.priceLabel() + " over " + hub.days() + " days")
                .orElse(result.curated().stream().map(CurateResult::table).distinct().collect(Collectors.joining(", ")));
        return String.format(java.util.Locale.ROOT, "%-9s %8.1f %10d %12s %6d %4d  %s%s", market.code(), seconds, days, Console.count(rows), quarantined, issues, main,
                unchanged ? " (unchanged)" : "");
    }

    /** The landing's result, or its failure as thrown by the landing itself. */
    private static DemoJob.Landed await(java.util.concurrent.Future<DemoJob.Landed> landed)
    {
        try {
            return landed.get();
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Cannot finish the demo: interrupted while waiting for a market's landing", e);
        }
        catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw new IllegalStateException("Cannot land a market's files: " + e.getCause(), e.getCause());
        }
    }

    /** The input files by the market whose report each one's name names; a file no market claims, or one of a market not run, is a user error. */
    private static Map<MarketConnector, List<Path>> inputsByMarket(List<Path> files, List<MarketConnector> connectors)
    {
        Map<MarketConnector, List<Path>> inputs = new java.util.LinkedHashMap<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            MarketConnector owner = connectors.stream().filter(connector -> connector.reportOfFile(name).isPresent()).findFirst()
                    .or(() -> Connectors.all().stream().filter(connector -> connector.reportOfFile(name).isPresent()).findFirst())
                    .orElseThrow(() -> io.energylakehouse.common.LakehouseException.userError(
                            "Cannot tell which market's report %s holds: its name names none of their reports; land it with bin/lakehouse ingest --market M --report R --files %s",
                            file, file));
            if (!connectors.contains(owner)) {
                throw io.energylakehouse.common.LakehouseException.userError("Cannot land %s in this demo: it is a %s file and the demo runs %s; add --market %s",
                        file, owner.market().code(), connectors.stream().map(connector -> connector.market().code()).toList(), Markets.typed(owner));
            }
            inputs.computeIfAbsent(owner, ignored -> new java.util.ArrayList<>()).add(file);
        }
        return inputs;
    }

    private static String describe(List<LocalDate> dates)
    {
        return dates.size() + " days (" + dates.stream().map(LocalDate::toString).collect(Collectors.joining(", ")) + ")";
    }

    static void print(PrintStream out, LakehouseConfig config, io.energylakehouse.common.market.Market market, DemoJob.Result result)
    {
        out.println();
        out.printf("== %s (%s, %s) ==%n", market.code(), market.operator(), market.zone());
        out.println("Stages:");
        for (DemoJob.Stage stage : result.stages()) {
            out.printf("  %-9s %12s rows  %8s%n", stage.name(), Console.count(stage.rows()), Console.seconds(stage.elapsed()));
        }
        out.printf("Payloads: %d new, %d already landed; outcomes %s; %s rows parsed, %s rejected at parse time%n",
                result.landing().payloadsNew(), result.landing().payloadsAlreadyLanded(), result.landing().outcomes(),
                Console.count(result.landing().rowsParsed()), Console.count(result.landing().rowsRejected()));
        result.landing().messages().forEach(message -> out.println("  ! " + message));
        out.println();
        if (result.curated().stream().anyMatch(curated -> curated.table().equals(io.energylakehouse.common.table.CanonicalTables.MARKET_PRICES.identifier()))) {
            out.println("curated.market_prices:");
        }
        for (CurateResult curated : result.curated()) {
            if (!curated.table().equals(io.energylakehouse.common.table.CanonicalTables.MARKET_PRICES.identifier())) {
                out.printf("%s: %s rows written for %d days (%s), %d quarantined%s%n", curated.table(), Console.count(curated.rowsWritten()),
                        curated.operatingDates().size(), curated.dataset(), curated.quarantined(), curated.unchanged() ? " (unchanged: nothing written)" : "");
                continue;
            }
            String hours = new java.util.TreeMap<>(curated.intervalsPerDay()).entrySet().stream()
                    .map(entry -> entry.getKey() + "=" + entry.getValue())
                    .collect(Collectors.joining(" "));
            out.printf("  %-9s %d days, %d locations, %s rows, %d quarantined, data-quality issues %s%s%n", curated.dataset(), curated.intervalsPerDay().size(),
                    curated.locations(), Console.count(curated.rowsWritten()), curated.quarantined(), curated.dataQualityIssues(),
                    curated.unchanged() ? " (unchanged: nothing written)" : "");
            out.printf("            intervals per day: %s%n", hours);
        }
        PublishResult published = result.published();
        if (published.exports().isEmpty() && published.hubSummaries().isEmpty()) {
            out.println("Publishes no hub datasets (no energy prices): query the curated table above.");
        }
        else {
            if (published.unchanged()) {
                out.println("Published datasets unchanged: made from the current curated snapshot, nothing written");
            }
            out.println();
            if (market.peakBlock().isEmpty()) {
                out.printf("Hub prices, %s: mean of daily base averages over the days (no on-peak block settled for %s; data origin: %s)%n", market.priceLabel(),
                        market.code(), String.join(", ", published.origins()));
                out.printf("  %-18s %5s %11s %11s%n", "hub", "days", "DA base", "RT base");
                for (PublishResult.HubSummary hub : published.hubSummaries()) {
                    out.printf("  %-18s %5d %11s %11s%n", hub.locationId(), hub.days(), Console.price(hub.daBasePerMwh()), Console.price(hub.rtBasePerMwh()));
                }
            }
            else {
                out.printf("Hub prices, %s: mean of daily %s on-peak / off-peak averages over the days (data origin: %s)%n", market.priceLabel(),
                        market.peakBlock().get().name(), String.join(", ", published.origins()));
                out.printf("  %-18s %5s %11s %12s %11s %12s%n", "hub", "days", "DA on-peak", "DA off-peak", "RT on-peak", "RT off-peak");
                for (PublishResult.HubSummary hub : published.hubSummaries()) {
                    out.printf("  %-18s %5d %11s %12s %11s %12s%n", hub.locationId(), hub.days(), Console.price(hub.daOnPeakPerMwh()),
                            Console.price(hub.daOffPeakPerMwh()), Console.price(hub.rtOnPeakPerMwh()), Console.price(hub.rtOffPeakPerMwh()));
                }
            }
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
