package io.energylakehouse.cli;

import io.energylakehouse.backtesting.BacktestReport;
import io.energylakehouse.backtesting.DieboldMariano;
import io.energylakehouse.backtesting.ErrorQuantiles;
import io.energylakehouse.backtesting.ForecastFiles;
import io.energylakehouse.backtesting.ForecastMetrics;
import io.energylakehouse.backtesting.ForecastModel;
import io.energylakehouse.backtesting.ForecastStore;
import io.energylakehouse.backtesting.RollingBacktest;
import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.series.DailyPanel;
import io.energylakehouse.common.table.Lakehouse;
import io.energylakehouse.etl.jobs.SeriesImport;
import io.energylakehouse.etl.jobs.SeriesImportResult;
import io.energylakehouse.etl.source.epf.PanelRead;
import io.energylakehouse.etl.source.epf.PanelReader;
import io.energylakehouse.etl.source.epf.SeriesDataset;
import io.energylakehouse.etl.source.epf.SeriesFiles;
import io.energylakehouse.etl.source.epf.SeriesFormat;
import io.energylakehouse.models.gbt.GbtForecaster;
import io.energylakehouse.models.gbt.GbtParameters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

@Command(name = "backtest",
        mixinStandardHelpOptions = true,
        description = {"Rolling-origin backtests of day-ahead price forecasts with daily recalibration, measured as the epftoolbox",
                "benchmark (Lago et al. 2021) measures them, and the Diebold-Mariano test between two forecast sets."},
        subcommands = {BacktestCommand.Run.class, BacktestCommand.Compare.class})
final class BacktestCommand
{
    @Command(name = "run",
            mixinStandardHelpOptions = true,
            description = {"Imports an hourly series file through raw -> curated (as ingest-series does), reads it back as the models'",
                    "24-hour panel, forecasts every day of the test period from what was known the day before (recalibrating daily),",
                    "and writes DIR/metrics.json (mae, rmae, smape, rmse, naive, ...) and DIR/forecasts.csv. The run is recorded in",
                    "analytics.model_registry and its forecasts in analytics.forecasts.",
                    "",
                    "Models: naive (weekly: the same hour on D-7), lear (epftoolbox's LEAR, mean over --windows), gbt (spark-mllib",
                    "gradient-boosted trees, one model for the 24 hours, refitted every --gbt-recalibration-days) and ensemble (mean of",
                    "lear and gbt). Quantiles 5/10/50/90/95 come from each hour's errors over the last --quantile-lookback-days days;",
                    "the run starts --quantile-warmup-days before the test period so that the first test day has them."},
            footer = {"", "Examples:",
                    "  bin/lakehouse backtest run --file ../shared/data/epf/datasets/NP.csv --format epftoolbox --model lear \\",
                    "      --test-from 2016-12-27 --test-to 2018-12-24 --out var/backtests/NP-lear",
                    "  bin/lakehouse backtest run --file DE_LU.csv --format deepforkit --model ensemble \\",
                    "      --test-from 2022-07-01 --test-to 2023-06-30 --out var/backtests/DE_LU"})
    static final class Run
            implements Callable<Integer>, SparkJob
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

        @Option(names = "--zone", paramLabel = "ZONE", description = "Time zone of the file's local timestamps (default: the name's)")
        String zone;

        @Option(names = "--currency", paramLabel = "CODE", description = "ISO 4217 currency of the prices (default: the name's)")
        String currency;

        @Option(names = "--model", required = true, paramLabel = "MODEL", description = "naive, lear, gbt or ensemble")
        String model;

        @Option(names = "--test-from", required = true, paramLabel = "DATE", description = "First delivery day of the test period")
        LocalDate testFrom;

        @Option(names = "--test-to", required = true, paramLabel = "DATE", description = "Last delivery day of the test period (inclusive)")
        LocalDate testTo;

        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for metrics.json and forecasts.csv")
        Path out;

        @Option(names = "--windows", defaultValue = "56,84,1092,1456", split = ",", paramLabel = "DAYS",
                description = "LEAR calibration windows in days (default ${DEFAULT-VALUE}, the benchmark's)")
        List<Integer> windows;

        @Option(names = "--executor", defaultValue = "spark", paramLabel = "spark|threads",
                description = "Where the days' recalibrations run: Spark tasks (default) or driver threads")
        String executor;

        @Option(names = "--parallelism", paramLabel = "N", description = "Threads for --executor threads (default: the cores)")
        Integer parallelism;

        @Option(names = "--quantile-warmup-days", defaultValue = "28", paramLabel = "DAYS", description = "Past days of errors the first quantiles need (default ${DEFAULT-VALUE})")
        int warmupDays;

        @Option(names = "--quantile-lookback-days", defaultValue = "182", paramLabel = "DAYS", description = "Past days of errors the quantiles use (default ${DEFAULT-VALUE})")
        int lookbackDays;

        @Option(names = "--gbt-recalibration-days", paramLabel = "DAYS", description = "Refit the boosted trees every DAYS days (default: " + GbtParameters.DEFAULT_RECALIBRATION_DAYS + ")")
        Integer gbtRecalibrationDays;

        @Option(names = "--gbt-training-days", paramLabel = "DAYS", description = "Training window of the boosted trees (default: " + GbtParameters.DEFAULT_TRAINING_DAYS + ")")
        Integer gbtTrainingDays;

        @Option(names = "--gbt-trees", paramLabel = "N", description = "Boosting iterations (trees) of each fit (default: " + GbtParameters.DEFAULT_MAX_ITER + ")")
        Integer gbtTrees;

        @Option(names = "--gbt-depth", paramLabel = "N", description = "Depth of each tree (default: " + GbtParameters.DEFAULT_MAX_DEPTH + ")")
        Integer gbtDepth;

        @Option(names = "--issue-time", defaultValue = "10:00", paramLabel = "HH:MM", description = "Local time on D-1 the forecast for D is issued (default ${DEFAULT-VALUE})")
        String issueTime;

        @Override
        public Integer call()
        {
            SeriesFiles.check(file);
            SeriesFormat seriesFormat = SeriesFormat.fromCode(format)
                    .orElseThrow(() -> LakehouseException.userError("Cannot backtest %s: format '%s' is not one of %s", file, format, SeriesFormat.codes()));
            String datasetName = name != null ? name : file.getFileName().toString().replaceFirst("(?i)\\.csv$", "");
            SeriesDataset dataset = SeriesDataset.resolve(seriesFormat, datasetName, Optional.ofNullable(zone), Optional.ofNullable(currency));
            if (dataset.currency().isEmpty()) {
                throw LakehouseException.badData("Cannot backtest %s: its prices are not curated: %s", dataset.name(), dataset.priceRefusal().orElseThrow());
            }
            RollingBacktest.Spec spec;
            GbtParameters gbtParameters = GbtParameters.defaults();
            LocalTime issue;
            try {
                ForecastModel forecastModel = ForecastModel.parse(model);
                int threads = parallelism != null ? parallelism : Runtime.getRuntime().availableProcessors();
                spec = new RollingBacktest.Spec(forecastModel, testFrom, testTo, windows,
                        new ErrorQuantiles(ErrorQuantiles.DEFAULT_LEVELS, lookbackDays, warmupDays), RollingBacktest.Executor.parse(executor), threads);
                if (gbtRecalibrationDays != null) {
                    gbtParameters = gbtParameters.withRecalibrationDays(gbtRecalibrationDays);
                }
                if (gbtTrainingDays != null) {
                    gbtParameters = gbtParameters.withTrainingDays(gbtTrainingDays);
                }
                if (gbtTrees != null || gbtDepth != null) {
                    gbtParameters = gbtParameters.withTrees(gbtTrees != null ? gbtTrees : gbtParameters.maxIter(), gbtDepth != null ? gbtDepth : gbtParameters.maxDepth(),
                            gbtParameters.stepSize());
                }
                issue = LocalTime.parse(issueTime);
            }
            catch (IllegalArgumentException | DateTimeException e) {
                throw LakehouseException.userError("%s", e.getMessage());
            }
            GbtForecaster trees = new GbtForecaster(gbtParameters);
            RollingBacktest backtest = new RollingBacktest((spark, panel, from, toInclusive) -> trees.forecast(spark, panel, from, toInclusive.plusDays(1)));
            try (Lakehouse lakehouse = global.openLakehouse("lakehouse-backtest")) {
                SeriesImportResult imported = new SeriesImport(lakehouse, global.payloadLimits()).load(file, dataset);
                System.out.printf("Imported %s (%s): %s values in raw, %s curated rows written, %s quarantined%n", file, dataset.name(),
                        Console.count(imported.rowsLanded()), Console.count(imported.curation().rowsWritten()), Console.count(imported.rowsQuarantined()));
                PanelRead read = new PanelReader(lakehouse).imported(dataset).execute();
                DailyPanel panel = read.panel();
                System.out.printf("Panel %s: %s..%s, %d days, exogenous %s; %d cells filled on DST days, %d missing; snapshots %s%n", panel.name(),
                        panel.firstDay(), panel.endDay().minusDays(1), panel.days(), panel.exogenousNames(), read.filledCells(), read.missingCells(), read.snapshotIds());
                RollingBacktest.Run run;
                try {
                    run = backtest.run(lakehouse.spark(), panel, spec);
                }
                catch (IllegalArgumentException e) {
                    throw LakehouseException.userError("%s", e.getMessage());
                }
                BacktestReport report = BacktestReport.of(run, dataset.name(), dataset.zone(), issue);
                report.write(out);
                String runId = new ForecastStore(lakehouse).save(report, new ForecastStore.Inputs(read.snapshotIds(), dataset.currency().orElseThrow()),
                        spec.model().needsGbt() ? gbtParameters.toString() : "", out.toAbsolutePath().toString());
                ForecastMetrics.Summary point = report.point();
                System.out.printf(Locale.ROOT, "%s %s %s..%s (%d days): MAE %.3f  rMAE %.3f  sMAPE %.2f %%  RMSE %.3f  (rMAE vs %s)%n", dataset.name(),
                        spec.model().code(), spec.testFrom(), spec.testTo(), report.testDays(), point.mae(), point.rmae(), point.smapePercent(), point.rmse(),
                        point.naive());
                report.members().forEach((member, summary) -> System.out.printf(Locale.ROOT, "  %-12s MAE %.3f  rMAE %.3f%n", member, summary.mae(), summary.rmae()));
                report.coverage().forEach((interval, covered) -> System.out.printf(Locale.ROOT, "  coverage %s: %.3f%n", interval, covered));
                System.out.printf(Locale.ROOT, "Wall time %.1f s (%s). Wrote %s and %s; run %s in analytics.model_registry%n", run.wallSeconds(),
                        spec.executor().name().toLowerCase(Locale.ROOT), out.resolve("metrics.json"), out.resolve("forecasts.csv"), runId);
            }
            return 0;
        }
    }

    // No mixinStandardHelpOptions: picocli leaves out all of its -h, --help, -V, --version when the command has an
    // option of those names (here --version, the DM test's), and --help then asked for --a and --b.
    @Command(name = "compare",
            description = {"The one-sided Diebold-Mariano test between two hourly forecast sets on the whole days they share (epftoolbox's",
                    "DM test): H0 is that A is not less accurate than B; a small p-value says B is significantly more accurate. Both",
                    "directions are printed. A set is a backtest folder or forecasts.csv (column forecast_price unless named), or an",
                    "epftoolbox forecasts file with a column named after a colon."},
            footer = {"", "Examples:",
                    "  bin/lakehouse backtest compare --a var/backtests/NP-lear --b var/backtests/NP-ensemble",
                    "  bin/lakehouse backtest compare --a var/backtests/NP-lear \\",
                    "      --b '../shared/data/epf/forecasts/Forecasts_NP_DNN_LEAR_ensembles.csv:LEAR Ensemble' --version univariate"})
    static final class Compare
            implements Callable<Integer>
    {
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
        boolean help;

        @Option(names = "--a", required = true, paramLabel = "SET", description = "First forecast set: DIR, FILE.csv or FILE.csv:COLUMN")
        String first;

        @Option(names = "--b", required = true, paramLabel = "SET", description = "Second forecast set")
        String second;

        @Option(names = "--norm", defaultValue = "1", paramLabel = "1|2", description = "Loss: 1 absolute (default), 2 squared errors")
        int norm;

        @Option(names = "--version", defaultValue = "multivariate", paramLabel = "multivariate|univariate",
                description = "One test on daily mean loss differentials (default) or one per hour")
        String version;

        @Override
        public Integer call()
        {
            ForecastFiles.Aligned aligned;
            DieboldMariano.Version dmVersion;
            try {
                dmVersion = DieboldMariano.Version.parse(version);
                ForecastFiles.ForecastSet a = ForecastFiles.read(first);
                ForecastFiles.ForecastSet b = ForecastFiles.read(second);
                aligned = ForecastFiles.align(a, b);
                System.out.printf(Locale.ROOT, "A: %s%nB: %s%n%d whole days, %s .. %s%n", a.label(), b.label(), aligned.days(), aligned.from(), aligned.to());
            }
            catch (IllegalArgumentException e) {
                throw LakehouseException.userError("%s", e.getMessage());
            }
            System.out.printf(Locale.ROOT, "MAE  A %.3f  B %.3f%n", ForecastMetrics.mae(aligned.real(), aligned.first()), ForecastMetrics.mae(aligned.real(), aligned.second()));
            DieboldMariano.Result bBetter = DieboldMariano.test(aligned.real(), aligned.first(), aligned.second(), norm, dmVersion, 24);
            DieboldMariano.Result aBetter = DieboldMariano.test(aligned.real(), aligned.second(), aligned.first(), norm, dmVersion, 24);
            print("H1: B more accurate than A", bBetter);
            print("H1: A more accurate than B", aBetter);
            return 0;
        }

        private static void print(String hypothesis, DieboldMariano.Result result)
        {
            List<String> values = new ArrayList<>();
            for (int i = 0; i < result.pValues().length; i++) {
                values.add(String.format(Locale.ROOT, "%s%.4f (DM %.2f)", result.pValues().length > 1 ? "h" + i + " " : "", result.pValues()[i], result.statistics()[i]));
            }
            System.out.printf("%s, %s, norm %d: p = %s%n", hypothesis, result.version().name().toLowerCase(Locale.ROOT), result.norm(), String.join(", ", values));
        }
    }

    private BacktestCommand() {}
}
