package io.energylakehouse.cli;

import io.energylakehouse.etl.jobs.DemoJob;
import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.etl.connector.Connectors;
import io.energylakehouse.etl.connector.MarketConnector;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

@Command(name = "samples",
        mixinStandardHelpOptions = true,
        description = {"Writes SYNTHETIC sample files in the exact format of the operator's downloads (CAISO OASIS zips, PJM Data Miner 2",
                "JSON pages, ERCOT MIS zips, MISO market-report CSVs, NYISO MIS CSVs, SPP Marketplace CSVs) with made-up prices, to replay through 'ingest --files' or the Airflow DAGs",
                "(LAKEHOUSE_REPLAY_DIR) where there is no internet. They are not market data: the folder holds a README saying so.",
                "The same market, dates, locations and seed give the same bytes."},
        footer = {"", "Examples:", "  bin/lakehouse samples --market caiso --dates 2024-03-04..2024-03-10 --nodes 20 --out var/replay/caiso",
                "  bin/lakehouse samples --market pjm --dates 2024-11-03 --nodes 50 --out var/replay/pjm"})
final class SamplesCommand
        implements java.util.concurrent.Callable<Integer>
{
    @Option(names = "--market", required = true, paramLabel = "MARKET", description = "a market with a sample generator: caiso, pjm, ercot, miso, nyiso, spp, ieso, aeso, entsoe, nordpool, eex, ecb")
    String market;

    @Option(names = "--dates", required = true, arity = "1..*", split = " ", paramLabel = "DATES", description = "Operating dates, e.g. 2024-03-04..2024-03-10")
    List<String> dates;

    @Option(names = "--nodes", defaultValue = "20", paramLabel = "N", description = "Locations, the market's main hubs and zones among them (default ${DEFAULT-VALUE})")
    int nodes;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to write the files to")
    Path out;

    @Override
    public Integer call()
    {
        MarketConnector connector = Connectors.require(market);
        MarketConnector.SampleWriter writer = connector.samples().orElseThrow(() -> LakehouseException.userError(
                "Cannot write samples of market '%s': it has no sample generator", market));
        List<LocalDate> operatingDates = Dates.parse("--dates", dates);
        List<Path> files = writer.write(out, operatingDates, nodes, DemoJob.SAMPLE_SEED);
        System.out.printf("Wrote %d SYNTHETIC %s files for %d days and %d locations to %s%n", files.size(), connector.market().code(), operatingDates.size(), nodes, out);
        return 0;
    }
}
