package io.energylakehouse.cli;

import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.table.Lakehouse;
import io.energylakehouse.etl.jobs.SettlementsPipeline;
import io.energylakehouse.etl.jobs.SettlementsResult;
import io.energylakehouse.etl.raw.RejectedPayload;
import io.energylakehouse.etl.source.settlements.SettlementFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

@Command(name = "ingest-settlements",
        mixinStandardHelpOptions = true,
        description = {"Loads exchange futures settlement files (CSV) into curated.commodity_prices:",
                "lands them in raw.futures_settlements (bytes kept, each file in raw.fetch_log,",
                "bad lines in curated.quarantine with line number and reason), then curates",
                "their trade dates. A later file that changes a settlement is its next revision;",
                "the same files again change nothing. A file rejected whole (no header with the",
                "required columns) is kept and quarantined, the rest is loaded, and the command",
                "exits 2.",
                "",
                "Layout (README.md, 'Loading futures settlements'): a header row naming",
                "  trade_date, market, contract_code, profile (base|peak|offpeak),",
                "  delivery_start, delivery_end (exclusive), settlement_price, currency, unit",
                "and optionally exchange, in any order and case; other columns are ignored;",
                "dates yyyy-MM-dd."},
        footer = {"", "Examples:",
                "  bin/lakehouse ingest-settlements --files ~/settlements/     (its .csv files)",
                "  bin/lakehouse ingest-settlements --files eex_20240603.csv pjm_20240603.csv",
                "  bin/lakehouse sql \"SELECT * FROM curated.commodity_prices WHERE market = 'PJM'\""})
final class IngestSettlementsCommand
        implements java.util.concurrent.Callable<Integer>, SparkJob
{
    @Mixin
    GlobalOptions global;

    @Override
    public GlobalOptions global()
    {
        return global;
    }

    @Option(names = "--files", required = true, arity = "1..*", paramLabel = "PATH", description = "Settlement files, or folders whose .csv files to load")
    List<Path> files = List.of();

    @Override
    public Integer call()
    {
        // Before Spark starts: a wrong path is a one-line error at once.
        List<Path> listed = SettlementFiles.list(files);
        System.out.printf("Loading %d settlement files%n", listed.size());
        try (Lakehouse lakehouse = global.openLakehouse("lakehouse-ingest-settlements")) {
            SettlementsResult result = new SettlementsPipeline(lakehouse, global.payloadLimits()).load(listed);
            System.out.printf("Payloads: %d new, %d already landed; outcomes %s%n", result.landing().payloadsNew(), result.landing().payloadsAlreadyLanded(),
                    result.landing().outcomes());
            System.out.printf("Rows: %s landed in raw.futures_settlements, %s rejected to curated.quarantine%n", Console.count(result.rowsLanded()),
                    Console.count(result.rowsRejected()));
            System.out.printf("Trade dates: %s%n", result.curation().tradeDates());
            System.out.printf("curated.commodity_prices: %s rows on these trade dates (%s written by this run, %s later revisions)%n",
                    Console.count(result.rowsCurated()), Console.count(result.curation().rowsWritten()), Console.count(result.curation().laterRevisions()));
            result.landing().messages().forEach(message -> System.out.println("  ! " + message));
            if (result.rowsRejected() > 0) {
                System.out.println("Rejected lines: bin/lakehouse sql \"SELECT market, line_number, reason, record FROM curated.quarantine "
                        + "WHERE source = 'settlements-csv' ORDER BY fetch_id, line_number\"");
            }
            if (!result.rejectedPayloads().isEmpty()) {
                // Everything readable is committed and curated; the rejected bytes stay in the raw store and their reason
                // in curated.quarantine. A scheduler must see the failure, and a rerun with the same file fails again.
                throw LakehouseException.badData("Cannot ingest %d of %d settlement files: %s; quarantined in curated.quarantine, the rest is loaded",
                        result.rejectedPayloads().size(), result.payloads(),
                        result.rejectedPayloads().stream().map(RejectedPayload::describe).collect(Collectors.joining("; ")));
            }
        }
        return 0;
    }
}
