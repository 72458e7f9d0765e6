package io.energylakehouse.cli;

import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.table.Lakehouse;
import io.energylakehouse.etl.connector.LiveFetch;
import io.energylakehouse.etl.connector.MarketConnector;
import io.energylakehouse.etl.connector.MarketReport;
import io.energylakehouse.etl.connector.ReplayFiles;
import io.energylakehouse.etl.jobs.MarketPipeline;
import io.energylakehouse.etl.raw.LandingResult;
import io.energylakehouse.etl.raw.Payload;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;

@Command(name = "ingest",
        mixinStandardHelpOptions = true,
        description = {"Lands operator payloads in the raw layer: bytes kept as received (content-addressed), records in raw.<source>_<report>,",
                "every payload in raw.fetch_log, rejected records in curated.quarantine. Identical bytes again are a no-op.",
                "A payload rejected whole (corrupt, not the report it claims) is kept and quarantined, and the command exits 2."},
        footer = {"", "Examples:",
                "  bin/lakehouse ingest --market caiso --files ~/Downloads/20240310_20240310_PRC_LMP_DAM_20240309_13_05_12_v12.zip",
                "  bin/lakehouse ingest --market caiso --files recorded/ --report prc_intvl_lmp",
                "  bin/lakehouse ingest --market caiso --files recorded/ --report prc_lmp --run-date 2024-03-10  (that day's files)",
                "  bin/lakehouse ingest --market caiso --live --start 2026-11-19 --end 2026-11-20 --report prc_lmp",
                "  bin/lakehouse ingest --market pjm --files ~/Downloads/da_hrl_lmps_2024-03-10.json",
                "  bin/lakehouse ingest --market ercot --files ~/Downloads/ercot/ --report dam_spp"})
final class IngestCommand
        implements java.util.concurrent.Callable<Integer>, SparkJob
{
    @Mixin
    GlobalOptions global;

    @Override
    public GlobalOptions global()
    {
        return global;
    }

    @Option(names = "--market", required = true, paramLabel = "MARKET", description = "Market to ingest: " + Markets.AVAILABLE)
    String market;

    @Option(names = "--files", arity = "1..*", paramLabel = "PATH", description = "The operator's files or folders to replay")
    List<Path> files = List.of();

    @Option(names = "--report", arity = "1..*", paramLabel = "REPORT",
            description = "e.g. prc_lmp (CAISO), da_hrl_lmps (PJM), dam_spp (ERCOT), da_expost_lmp (MISO), damlbmp_zone (NYISO), da_lmp_sl (SPP); default: from each file's name; for --live: all of the market's")
    List<String> reports = List.of();

    @Option(names = "--live", description = "Fetch from the operator (needs internet, and the market's credentials where it has some)")
    boolean live;

    @Option(names = {"--start", "--run-date"}, paramLabel = "DATE", description = "First operating date to fetch (--live), or to replay (--files: only files whose name covers the dates)")
    LocalDate start;

    @Option(names = "--end", paramLabel = "DATE", description = "Last operating date (default: the start)")
    LocalDate end;

    @Option(names = "--nodes", split = ",", paramLabel = "NODE", description = "Fetch only these locations (--live; default: all)")
    List<String> nodes = List.of();

    @Override
    public Integer call()
    {
        MarketConnector connector = Markets.connector(market);
        String code = Markets.typed(connector);
        if (live == !files.isEmpty()) {
            throw LakehouseException.userError("Cannot ingest: give either --files or --live (with --start)");
        }
        if (end != null && start == null) {
            throw LakehouseException.userError("Cannot ingest up to --end %s: give the first date with --start", end);
        }
        List<MarketReport> named = reports.stream().map(connector::report).distinct().toList();
        Iterator<Payload> payloads;
        if (live) {
            if (start == null) {
                throw LakehouseException.userError("Cannot ingest live: --start is required");
            }
            LiveFetch fetch = connector.live(named.isEmpty() ? connector.reports() : named, start, end == null ? start : end, nodes, global.settings());
            System.out.printf("Fetching %s%n", fetch.plan());
            payloads = fetch.payloads();
        }
        else {
            List<Path> listed = ReplayFiles.list(files);
            if (named.size() > 1) {
                // Several reports: each file's name says which it holds, and only files of those reports are replayed.
                listed = listed.stream().filter(file -> connector.reportOfFile(file.getFileName().toString()).map(named::contains).orElse(true)).toList();
            }
            if (listed.isEmpty()) {
                throw LakehouseException.userError("Cannot ingest: no files under %s (README and hidden files are skipped)", describe(files));
            }
            List<Path> selected = start == null ? listed : connector.select(listed, start, end == null ? start : end, named);
            if (selected.isEmpty()) {
                throw LakehouseException.userError("Cannot ingest: none of the %d files under %s covers %s%s", listed.size(), describe(files),
                        start, end == null || end.equals(start) ? "" : ".." + end);
            }
            System.out.printf("Replaying %d of %d files%n", selected.size(), listed.size());
            payloads = ReplayFiles.payloads(connector, selected, named.size() == 1 ? named.stream().findFirst() : java.util.Optional.empty(), Payload.Origin.REPLAY);
        }
        try (Lakehouse lakehouse = global.openLakehouse("lakehouse-ingest-" + code)) {
            LandingResult result = new MarketPipeline(lakehouse, connector, global.payloadLimits()).land(payloads);
            System.out.printf("Payloads: %d new, %d already landed; outcomes %s%n", result.payloadsNew(), result.payloadsAlreadyLanded(), result.outcomes());
            System.out.printf("Rows: %s parsed into raw tables, %s rejected to curated.quarantine%n", Console.count(result.rowsParsed()), Console.count(result.rowsRejected()));
            List<MarketReport> curatedHere = (named.isEmpty() ? connector.reports() : named).stream()
                    .filter(report -> !report.outputs().get(0).canonicalTable().equals(io.energylakehouse.common.table.CanonicalTables.MARKET_PRICES)).toList();
            List<LocalDate> landedDates = result.operatingDates().stream().sorted().toList();
            System.out.printf("Operating dates: %s%n", curatedHere.isEmpty() ? landedDates : CurateCommand.describeDates(landedDates));
            result.messages().forEach(message -> System.out.println("  ! " + message));
            if (!curatedHere.isEmpty()) {
                // A report feeding a table other than market_prices (fx_rates, spot_prices, fundamentals) is curated with its
                // landing: the shared record curation writes only rows that are new or changed, so a rerun writes nothing.
                if (!landedDates.isEmpty()) {
                    MarketPipeline pipeline = new MarketPipeline(lakehouse, connector, global.payloadLimits());
                    java.util.Set<String> done = new java.util.HashSet<>();
                    for (MarketReport report : curatedHere) {
                        if (done.add(report.outputs().get(0).canonicalTable().identifier() + "|" + report.outputs().get(0).dataset())) {
                            CurateCommand.print(pipeline.curateRecords(report, landedDates));
                        }
                    }
                }
            }
            if (!result.rejectedPayloads().isEmpty()) {
                // Everything readable is committed; the rejected bytes stay in the raw store and their reason in
                // curated.quarantine. A scheduler must see the failure, and a rerun with the same file fails again.
                throw LakehouseException.badData("Cannot ingest %d of %d payloads: %s; quarantined in curated.quarantine, the rest is landed",
                        result.rejectedPayloads().size(), result.payloadsNew() + result.payloadsAlreadyLanded(),
                        result.rejectedPayloads().stream().map(rejected -> rejected.describe()).collect(java.util.stream.Collectors.joining("; ")));
            }
            if (curatedHere.isEmpty()) {
                System.out.printf("Next: bin/lakehouse curate --market %s --start <first date> --end <last date>%n", code);
            }
        }
        return 0;
    }

    private static String describe(List<Path> paths)
    {
        return paths.stream().map(Path::toString).collect(java.util.stream.Collectors.joining(", "));
    }
}
