package io.energylakehouse.models.gbt;

import io.energylakehouse.common.series.DailyPanel;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Not a test: measures the GBT on the Nord Pool dataset, run by hand with the test classpath, for example
 * <pre>
 * mvn -o -q -pl models test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * cd models &amp;&amp; java -Xmx3g ${lakehouse.jvm.flags of the parent pom} -Dlakehouse.shared-dir=../../shared \
 *     -cp target/test-classes:target/classes:$(cat /tmp/cp.txt) io.energylakehouse.models.gbt.GbtBenchmark backtest
 * </pre>
 * <pre>
 * GbtBenchmark fit-times 1456 100x5 200x5 ...         one fit on the 1456 days before 2016-12-27 per maxIter x maxDepth
 * GbtBenchmark backtest [from to-exclusive] [k=v ...]  the epftoolbox test period; k = recalibration-days, max-iter,
 *                                                     max-depth, step-size, subsampling-rate, training-days, seed, out
 * </pre>
 */
public final class GbtBenchmark
{
    private GbtBenchmark() {}

    public static void main(String[] args)
    {
        if (args.length == 0) {
            throw new IllegalArgumentException("Cannot run GBT benchmark: give fit-times or backtest");
        }
        DailyPanel panel = EpfPanels.nordPool();
        SparkSession spark = EpfPanels.spark("gbt-benchmark");
        try {
            switch (args[0]) {
                case "fit-times" -> fitTimes(spark, panel, args);
                case "backtest" -> backtest(spark, panel, args);
                default -> throw new IllegalArgumentException("Cannot run GBT benchmark: unknown mode " + args[0]);
            }
        }
        finally {
            spark.stop();
        }
    }

    private static void fitTimes(SparkSession spark, DailyPanel panel, String[] args)
    {
        int trainingDays = Integer.parseInt(args[1]);
        // a first small fit warms up the JVM and Spark, so that the timed fits measure the fit alone
        new GbtForecaster(GbtParameters.defaults().withTrainingDays(trainingDays).withTrees(5, 3, 0.1)).calibrate(spark, panel, EpfPanels.TEST_FROM);
        for (int i = 2; i < args.length; i++) {
            String[] trees = args[i].split("x");
            GbtParameters parameters = GbtParameters.defaults().withTrainingDays(trainingDays).withTrees(Integer.parseInt(trees[0]), Integer.parseInt(trees[1]), 0.1);
            GbtCalibration calibration = new GbtForecaster(parameters).calibrate(spark, panel, EpfPanels.TEST_FROM);
            System.out.printf(Locale.ROOT, "fit %s: %d rows, %.1f s (load average %s)%n", args[i], calibration.trainingRows(),
                    calibration.fitTime().toNanos() / 1e9, loadAverage());
        }
    }

    private static void backtest(SparkSession spark, DailyPanel panel, String[] args)
    {
        LocalDate from = EpfPanels.TEST_FROM;
        LocalDate to = EpfPanels.TEST_TO;
        GbtParameters parameters = GbtParameters.defaults();
        Path out = null;
        List<String> dates = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String[] pair = args[i].split("=", 2);
            if (pair.length == 1) {
                dates.add(args[i]);
                continue;
            }
            GbtParameters current = parameters;
            parameters = switch (pair[0]) {
                case "recalibration-days" -> current.withRecalibrationDays(Integer.parseInt(pair[1]));
                case "training-days" -> current.withTrainingDays(Integer.parseInt(pair[1]));
                case "max-iter" -> current.withTrees(Integer.parseInt(pair[1]), current.maxDepth(), current.stepSize());
                case "max-depth" -> current.withTrees(current.maxIter(), Integer.parseInt(pair[1]), current.stepSize());
                case "step-size" -> current.withTrees(current.maxIter(), current.maxDepth(), Double.parseDouble(pair[1]));
                case "subsampling-rate" -> current.withSubsamplingRate(Double.parseDouble(pair[1]));
                case "seed" -> current.withSeed(Long.parseLong(pair[1]));
                case "out" -> current;
                default -> throw new IllegalArgumentException("Cannot run GBT backtest: unknown option " + pair[0]);
            };
            if (pair[0].equals("out")) {
                out = Path.of(pair[1]);
            }
        }
        if (dates.size() == 2) {
            from = LocalDate.parse(dates.get(0));
            to = LocalDate.parse(dates.get(1));
        }
        long started = System.nanoTime();
        Map<LocalDate, double[]> forecasts = new GbtForecaster(parameters).forecast(spark, panel, from, to);
        double seconds = (System.nanoTime() - started) / 1e9;
        List<LocalDate> days = new ArrayList<>(forecasts.keySet());
        double mae = EpfPanels.mae(panel, days, forecasts::get);
        double weekly = EpfPanels.mae(panel, days, day -> EpfPanels.weeklyNaive(panel, day));
        double naive = EpfPanels.mae(panel, days, day -> EpfPanels.epftoolboxNaive(panel, day));
        System.out.printf(Locale.ROOT, "backtest %s %s..%s (%d days): MAE %.3f, rMAE %.3f, weekly naive MAE %.3f, epftoolbox naive MAE %.3f, wall %.1f s (load average %s)%n",
                parameters, from, to.minusDays(1), days.size(), mae, mae / naive, weekly, naive, seconds, loadAverage());
        if (out != null) {
            write(out, panel, forecasts);
        }
    }

    /** The machine's 1, 5 and 15 minute load averages: other work on the machine slows a fit down. */
    private static String loadAverage()
    {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        }
        catch (IOException e) {
            return "unknown";
        }
    }

    private static void write(Path out, DailyPanel panel, Map<LocalDate, double[]> forecasts)
    {
        StringBuilder csv = new StringBuilder("date,hour,price,forecast\n");
        forecasts.forEach((day, forecast) -> {
            for (int hour = 0; hour < DailyPanel.HOURS; hour++) {
                csv.append(day).append(',').append(hour).append(',').append(panel.price(panel.dayIndex(day), hour)).append(',').append(forecast[hour]).append('\n');
            }
        });
        try {
            Files.writeString(out, csv);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot write GBT forecasts to " + out, e);
        }
    }
}
