package io.energylakehouse.cli;

import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.table.Lakehouse;
import io.energylakehouse.etl.jobs.SeriesImport;
import io.energylakehouse.etl.jobs.SeriesImportResult;
import io.energylakehouse.etl.raw.RejectedPayload;
import io.energylakehouse.etl.source.epf.SeriesDataset;
import io.energylakehouse.etl.source.epf.SeriesFiles;
import io.energylakehouse.etl.source.epf.SeriesFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Collectors;

@Command(name = "ingest-series",
        mixinStandardHelpOptions = true,
        description = {"Imports one hourly series file of the epftoolbox or deepforkit layout: the",
                "day-ahead price into curated.market_prices (dataset da_hourly) and the other",
                "columns (load, generation, wind, solar forecasts; deepforkit's actual load)",
                "into curated.fundamentals. The file lands in raw.epf_series (bytes kept, the",
                "file in raw.fetch_log, bad lines in curated.quarantine with line number and",
                "reason). Local clock hours become UTC intervals in the dataset's zone: the",
                "inserted line of a spring-forward day is quarantined, a fall-back day's one",
                "line for the repeated hour is its first interval (flagged; the second is a",
                "missing_intervals result in curated.data_quality). The same file again changes",
                "nothing; a changed file of the dataset is its next revision.",
                "",
                "Dataset names with defaults (zone, market, location, currency):",
                "  epftoolbox: NP, PJM, BE, FR, DE; deepforkit: DE_LU, NL, FR, ES, DK_1, SE_3,",
                "  PL (PL's prices change currency inside the file: they are not curated).",
                "Any other name needs --zone and --currency. README-series.md has the mapping."},
        footer = {"", "Examples:",
                "  bin/lakehouse ingest-series --file NP.csv --format epftoolbox",
                "  bin/lakehouse ingest-series --file DE_LU.csv --format deepforkit",
                "  bin/lakehouse ingest-series --file AT.csv --format epftoolbox --name AT --zone Europe/Vienna --currency EUR",
                "  bin/lakehouse sql \"SELECT * FROM curated.fundamentals WHERE market = 'NORDPOOL' LIMIT 24\""})
final class IngestSeriesCommand
        implements java.util.concurrent.Callable<Integer>, SparkJob
{
    @Mixin
    GlobalOptions global;

    @Override
    public GlobalOptions global()
    {
        return global;
    }

    @Option(names = "--file", required = true, paramLabel = "FILE", description = "The series file (CSV)")
    Path file;

    @Option(names = "--format", required = true, paramLabel = "FORMAT", description = "epftoolbox or deepforkit")
    String format;

    @Option(names = "--name", paramLabel = "NAME", description = "Dataset name, e.g. NP or DE_LU (default: the file name without .csv)")
    String name;

    @Option(names = "--zone", paramLabel = "ZONE", description = "Time zone of the file's local timestamps, e.g. Europe/Oslo (default: the name's)")
    String zone;

    @Option(names = "--currency", paramLabel = "CODE", description = "ISO 4217 currency of the prices (default: the name's)")
    String currency;

    @Override
    public Integer call()
    {
        // Before Spark starts: a wrong path, format, name or zone is a one-line error at once.
        SeriesFiles.check(file);
        SeriesFormat seriesFormat = SeriesFormat.fromCode(format)
                .orElseThrow(() -> LakehouseException.userError("Cannot import %s: format '%s' is not one of %s", file, format, SeriesFormat.codes()));
        String datasetName = name != null ? name : file.getFileName().toString().replaceFirst("(?i)\\.csv$", "");
        SeriesDataset dataset = SeriesDataset.resolve(seriesFormat, datasetName, Optional.ofNullable(zone), Optional.ofNullable(currency));
        System.out.printf("Importing %s as %s dataset %s: prices to %s/%s (%s), local times in %s, currency %s%n", file, seriesFormat.code(), dataset.name(),
                dataset.market(), dataset.locationId(), dataset.locationType(), dataset.zone(),
                dataset.currency().orElseGet(() -> "none, prices not curated: " + dataset.priceRefusal().orElseThrow()));
        try (Lakehouse lakehouse = global.openLakehouse("lakehouse-ingest-series")) {
            SeriesImportResult result = new SeriesImport(lakehouse, global.payloadLimits()).load(file, dataset);
            System.out.printf("Payload: %s; outcomes %s%n", result.landing().payloadsNew() > 0 ? "new" : "landed before", result.landing().outcomes());
            System.out.printf("Rows: %s values landed in raw.epf_series, %s records quarantined%n", Console.count(result.rowsLanded()),
                    Console.count(result.rowsQuarantined()));
            System.out.printf("Local days: %s%n", Console.count(result.curation().localDates().size()));
            System.out.printf("curated.market_prices: %s rows, curated.fundamentals: %s rows on these days (%s written by this run, %s later revisions)%n",
                    Console.count(result.curation().priceRows()), Console.count(result.curation().fundamentalRows()),
                    Console.count(result.curation().rowsWritten()), Console.count(result.curation().laterRevisions()));
            System.out.printf("curated.data_quality: %s missing_intervals results%n", Console.count(result.curation().missingIntervals()));
            System.out.printf("Snapshots: %s%n", result.snapshotIds());
            result.landing().messages().forEach(message -> System.out.println("  ! " + message));
            if (result.rowsQuarantined() > 0) {
                System.out.println("Quarantined: bin/lakehouse sql \"SELECT stage, line_number, reason, record FROM curated.quarantine "
                        + "WHERE source = 'epf-series-csv' ORDER BY fetch_id, line_number\"");
            }
            if (!result.rejectedPayloads().isEmpty()) {
                throw LakehouseException.badData("Cannot ingest %s: %s; quarantined in curated.quarantine", file,
                        result.rejectedPayloads().stream().map(RejectedPayload::describe).collect(Collectors.joining("; ")));
            }
        }
        return 0;
    }
}
