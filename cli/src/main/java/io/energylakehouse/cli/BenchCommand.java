package io.energylakehouse.cli;

import io.energylakehouse.common.config.LakehouseConfig;
import io.energylakehouse.common.config.Settings;
import io.energylakehouse.common.spark.LakehouseSpark;
import io.energylakehouse.common.table.Lakehouse;
import io.energylakehouse.etl.jobs.IngestBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

@Command(name = "bench",
        mixinStandardHelpOptions = true,
        description = {"Benchmarks: 'bench curves' times a five-year hourly forward curve from 40 contracts (median of --runs).",
                "'bench ingest' generates N days of day-ahead and real-time 5-minute OASIS files for M nodes and runs",
                "parse -> raw -> curated on a fresh lakehouse under --home (default var/bench), printing rows, elapsed and rows per",
                "second per stage. It measures; it asserts nothing."},
        footer = {"", "Examples:", "  bin/lakehouse bench ingest --days 7 --nodes 1700", "  bin/lakehouse bench curves --runs 5"})
final class BenchCommand
        implements java.util.concurrent.Callable<Integer>
{
    @Parameters(index = "0", paramLabel = "WHAT", description = "ingest or curves")
    String what;

    @Option(names = "--days", defaultValue = "2", paramLabel = "N", description = "Operating days (default ${DEFAULT-VALUE})")
    int days;

    @Option(names = "--nodes", defaultValue = "200", paramLabel = "M", description = "Nodes, including the 3 hubs (default ${DEFAULT-VALUE})")
    int nodes;

    @Option(names = "--start", defaultValue = "2024-07-01", paramLabel = "DATE", description = "First operating day (default ${DEFAULT-VALUE})")
    LocalDate start;

    @Option(names = "--runs", defaultValue = "5", paramLabel = "N", description = "curves: timed runs after one warm-up (default ${DEFAULT-VALUE})")
    int runs;

    @Option(names = "--home", defaultValue = "var/bench", paramLabel = "DIR", description = "Scratch lakehouse, wiped first (default ${DEFAULT-VALUE})")
    Path home;

    @Override
    public Integer call()
            throws IOException
    {
        if ("curves".equals(what)) {
            System.out.printf("Benchmark curves: PJM, 2027-2031 hourly, 40 contracts, %d runs, %d cores, max heap %d MiB%n", runs,
                    Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
            System.out.print(io.energylakehouse.curves.CurveBenchmark.format(io.energylakehouse.curves.CurveBenchmark.run(Math.max(1, runs))));
            return 0;
        }
        if (!"ingest".equals(what)) {
            throw io.energylakehouse.common.LakehouseException.userError("Cannot run benchmark '%s': available: ingest, curves", what);
        }
        delete(home);
        LakehouseConfig config = LakehouseConfig.from(Settings.of(Map.of(LakehouseConfig.HOME, home.toString())));
        System.out.printf("Benchmark ingest: %d days x %d nodes, DAM hourly + RTM 5-minute, lakehouse %s, Spark %s, %d cores, max heap %d MiB%n",
                days, nodes, config.home(), config.sparkMaster(), Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().maxMemory() >> 20);
        IngestBenchmark.Result result;
        try (Lakehouse lakehouse = new Lakehouse(config, LakehouseSpark.session(config, "lakehouse-bench"))) {
            result = new IngestBenchmark(lakehouse).run(start, days, nodes, home.resolve("samples"));
        }
        System.out.printf("%n%d files generated%n", result.files());
        System.out.printf("%-20s %14s %14s %10s %14s%n", "stage", "input rows", "output rows", "elapsed", "rows/s");
        for (IngestBenchmark.Stage stage : result.stages()) {
            System.out.printf(Locale.ROOT, "%-20s %14s %14s %10s %14s%n", stage.name(), Console.count(stage.inputRows()), Console.count(stage.outputRows()),
                    Console.seconds(stage.elapsed()), stage.inputRows() == 0 ? "-" : Console.count((long) stage.rowsPerSecond()));
        }
        return 0;
    }

    private static void delete(Path folder)
            throws IOException
    {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
