package io.energylakehouse.cli;

import io.energylakehouse.etl.jobs.DemoJob;
import io.energylakehouse.etl.source.caiso.SyntheticOasis;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

@Command(name = "samples",
        mixinStandardHelpOptions = true,
        description = {"Writes SYNTHETIC sample files in the exact format of CAISO OASIS downloads (PRC_LMP DAM, one zip per day;",
                "PRC_INTVL_LMP RTM, one zip per hour) with made-up prices, to replay through 'ingest --files' or the Airflow DAGs",
                "(LAKEHOUSE_REPLAY_DIR) where there is no internet. They are not market data: node names start with SYN_ and the",
                "folder holds a README saying so. The same dates, nodes and seed give the same bytes."},
        footer = {"", "Example:", "  bin/lakehouse samples --market caiso --dates 2024-03-04..2024-03-10 --nodes 20 --out var/replay/caiso"})
final class SamplesCommand
        implements java.util.concurrent.Callable<Integer>
{
    @Option(names = "--market", required = true, paramLabel = "MARKET", description = "available: caiso")
    String market;

    @Option(names = "--dates", required = true, arity = "1..*", split = " ", paramLabel = "DATES", description = "Operating dates, e.g. 2024-03-04..2024-03-10")
    List<String> dates;

    @Option(names = "--nodes", defaultValue = "20", paramLabel = "N", description = "Nodes, including the 3 trading hubs and 4 DLAPs (default ${DEFAULT-VALUE})")
    int nodes;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write the files to")
    Path out;

    @Override
    public Integer call()
    {
        Markets.requireCaiso(market);
        List<LocalDate> operatingDates = Dates.parse("--dates", dates);
        List<Path> files = new SyntheticOasis(DemoJob.SAMPLE_SEED).write(out, operatingDates, SyntheticOasis.nodes(nodes));
        System.out.printf("Wrote %d SYNTHETIC OASIS files for %d days and %d nodes to %s%n", files.size(), operatingDates.size(), nodes, out);
        return 0;
    }
}
