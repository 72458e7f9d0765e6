package io.energylakehouse.cli;

import io.energylakehouse.etl.connector.Connectors;
import io.energylakehouse.etl.connector.MarketConnector;
import io.energylakehouse.etl.connector.MarketReport;
import io.energylakehouse.etl.jobs.ParseToCsv;
import io.energylakehouse.etl.raw.RejectedRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;

@Command(name = "parse",
        mixinStandardHelpOptions = true,
        description = {"Turns an operator file you downloaded into canonical rows: a CSV whose header is the canonical column names",
                "(those of curated.market_prices without lineage), one row per node and interval. Writes nothing to the lakehouse.",
                "A file that is not what it claims to be, or larger than etl.raw.max-payload-bytes (default 512MB), gives one error line",
                "and exit code 2. The file is read as a stream: memory does not grow with its size."},
        footer = {"", "Examples:",
                "  bin/lakehouse parse --market caiso --report prc_lmp \\",
                "      --file 20240310_20240310_PRC_LMP_DAM_20240309_13_05_12_v12.zip --out dam.csv",
                "  bin/lakehouse parse --market caiso --report prc_intvl_lmp --file rtm.zip --out rtm.csv"})
final class ParseCommand
        implements java.util.concurrent.Callable<Integer>
{
    @Mixin
    GlobalOptions global;

    @Option(names = "--market", required = true, paramLabel = "MARKET", description = "a market with a connector (bin/lakehouse markets lists them)")
    String market;

    @Option(names = "--report", required = true, paramLabel = "REPORT", description = "one of the market's reports, e.g. prc_lmp (day-ahead hourly) or prc_intvl_lmp (real-time 5-minute)")
    String report;

    @Option(names = "--file", required = true, paramLabel = "FILE", description = "the operator's file as downloaded (zip, CSV or JSON, as the report comes)")
    Path file;

    @Option(names = "--out", required = true, paramLabel = "FILE.csv", description = "Where to write the canonical CSV")
    Path out;

    @Override
    public Integer call()
    {
        MarketConnector connector = Connectors.require(market);
        MarketReport marketReport = connector.report(report);
        // Plain Java, no Spark and no lakehouse: a day of all nodes takes about a second.
        ParseToCsv.Result result = ParseToCsv.convert(connector, marketReport, file, out, global.payloadLimits());
        if (result.noData().isPresent()) {
            System.out.printf("%s: no data (%s) -> %s (header only)%n", file.getFileName(), result.noData().get(), out);
            return 0;
        }
        System.out.printf("%s: %s rows for %d %s -> %s%n", file.getFileName(), Console.count(result.rows()), result.locations(), result.locationLabel(), out);
        for (RejectedRecord rejected : result.rejectedLines()) {
            System.err.printf("rejected line %s: %s%n", rejected.lineNumber().map(String::valueOf).orElse("-"), rejected.reason());
        }
        result.rejectedRecords().forEach(reason -> System.err.println("rejected: " + reason));
        return 0;
    }
}
