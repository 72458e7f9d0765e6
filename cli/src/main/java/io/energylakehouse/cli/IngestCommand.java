package io.energylakehouse.cli;

import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.table.Lakehouse;
import io.energylakehouse.etl.jobs.CaisoPipeline;
import io.energylakehouse.etl.raw.LandingResult;
import io.energylakehouse.etl.raw.Payload;
import io.energylakehouse.etl.source.caiso.CaisoConfig;
import io.energylakehouse.etl.source.caiso.CaisoFiles;
import io.energylakehouse.etl.source.caiso.OasisClient;
import io.energylakehouse.etl.source.caiso.OasisLiveSource;
import io.energylakehouse.etl.source.caiso.OasisReport;
import io.energylakehouse.etl.source.caiso.OasisRequest;
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
                "  bin/lakehouse ingest --market caiso --live --start 2026-11-19 --end 2026-11-20 --report prc_lmp"})
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

    @Option(names = "--market", required = true, paramLabel = "MARKET", description = "Market to ingest; available: caiso")
    String market;

    @Option(names = "--files", arity = "1..*", paramLabel = "PATH", description = "OASIS files or folders to replay")
    List<Path> files = List.of();

    @Option(names = "--report", arity = "1..*", paramLabel = "REPORT", description = "prc_lmp or prc_intvl_lmp (default: from each file's OASIS name; for --live: both)")
    List<String> reports = List.of();

    @Option(names = "--live", description = "Fetch from CAISO OASIS (needs internet)")
    boolean live;

    @Option(names = {"--start", "--run-date"}, paramLabel = "DATE", description = "First operating date to fetch (--live), or to replay (--files: only files whose OASIS name covers the dates)")
    LocalDate start;

    @Option(names = "--end", paramLabel = "DATE", description = "Last operating date (default: the start)")
    LocalDate end;

    @Option(names = "--nodes", split = ",", paramLabel = "NODE", description = "Fetch only these nodes (--live; default: all nodes)")
    List<String> nodes = List.of();

    @Override
    public Integer call()
    {
        Markets.requireCaiso(market);
        if (live == !files.isEmpty()) {
            throw LakehouseException.userError("Cannot ingest: give either --files or --live (with --start)");
        }
        if (end != null && start == null) {
            throw LakehouseException.userError("Cannot ingest up to --end %s: give the first date with --start", end);
        }
        List<OasisReport> named = reports.stream().map(OasisReport::fromName).toList();
        Iterator<Payload> payloads;
        if (live) {
            if (start == null) {
                throw LakehouseException.userError("Cannot ingest live: --start is required");
            }
            CaisoConfig caisoConfig = global.caisoConfig();
            List<OasisRequest> requests = OasisLiveSource.plan(named.isEmpty() ? List.of(OasisReport.PRC_LMP, OasisReport.PRC_INTVL_LMP) : named,
                    start, end == null ? start : end, nodes, LocalDate.now(java.time.ZoneOffset.UTC), caisoConfig.retentionMonths());
            System.out.printf("Fetching %d OASIS requests, at least %s apart%n", requests.size(), caisoConfig.requestPause());
            payloads = OasisLiveSource.payloads(new OasisClient(caisoConfig), requests);
        }
        else {
            if (named.size() > 1) {
                throw LakehouseException.userError("Cannot replay files as %d reports at once: name one --report or none", named.size());
            }
            List<Path> listed = CaisoFiles.list(files);
            if (listed.isEmpty()) {
                throw LakehouseException.userError("Cannot ingest: no files under %s (README and hidden files are skipped)", describe(files));
            }
            List<Path> selected = start == null ? listed : CaisoFiles.select(listed, start, end == null ? start : end, named);
            if (selected.isEmpty()) {
                throw LakehouseException.userError("Cannot ingest: none of the %d files under %s covers %s%s", listed.size(), describe(files),
                        start, end == null || end.equals(start) ? "" : ".." + end);
            }
            System.out.printf("Replaying %d of %d files%n", selected.size(), listed.size());
            payloads = CaisoFiles.payloads(selected, named.stream().findFirst(), Payload.Origin.REPLAY);
        }
        try (Lakehouse lakehouse = global.openLakehouse("lakehouse-ingest-caiso")) {
            LandingResult result = new CaisoPipeline(lakehouse, global.payloadLimits()).land(payloads);
            System.out.printf("Payloads: %d new, %d already landed; outcomes %s%n", result.payloadsNew(), result.payloadsAlreadyLanded(), result.outcomes());
            System.out.printf("Rows: %s parsed into raw tables, %s rejected to curated.quarantine%n", Console.count(result.rowsParsed()), Console.count(result.rowsRejected()));
            System.out.printf("Operating dates: %s%n", result.operatingDates().stream().sorted().toList());
            result.messages().forEach(message -> System.out.println("  ! " + message));
            if (!result.rejectedPayloads().isEmpty()) {
                // Everything readable is committed; the rejected bytes stay in the raw store and their reason in
                // curated.quarantine. A scheduler must see the failure, and a rerun with the same file fails again.
                throw LakehouseException.badData("Cannot ingest %d of %d payloads: %s; quarantined in curated.quarantine, the rest is landed",
                        result.rejectedPayloads().size(), result.payloadsNew() + result.payloadsAlreadyLanded(),
                        result.rejectedPayloads().stream().map(rejected -> rejected.describe()).collect(java.util.stream.Collectors.joining("; ")));
            }
            System.out.println("Next: bin/lakehouse curate --market caiso --start <first date> --end <last date>");
        }
        return 0;
    }

    private static String describe(List<Path> paths)
    {
        return paths.stream().map(Path::toString).collect(java.util.stream.Collectors.joining(", "));
    }
}
