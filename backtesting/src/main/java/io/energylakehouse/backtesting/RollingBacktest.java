package io.energylakehouse.backtesting;

import io.energylakehouse.common.series.DailyPanel;
import io.energylakehouse.models.lear.Lear;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static java.util.Objects.requireNonNull;

/**
 * Rolling-origin evaluation with daily recalibration: every day of the test period is forecast from what was
 * known on the day before (the models read the panel only up to their issue time), each day's models are
 * recalibrated on their own windows, and the days run in parallel: as Spark tasks over a broadcast panel, or
 * on a thread pool of the driver ({@link Executor#THREADS}, for comparison).
 * <p>
 * The run starts {@link ErrorQuantiles#minimumDays()} days before the test period so that the first test day
 * already has the past errors its quantiles are drawn from; metrics cover the test period only.
 */
public final class RollingBacktest
{
    private static final Logger log = LoggerFactory.getLogger(RollingBacktest.class);

    /** Where the per-day recalibrations run. */
    public enum Executor
    {
        SPARK, THREADS;

        public static Executor parse(String text)
        {
            for (Executor executor : values()) {
                if (executor.name().equalsIgnoreCase(text)) {
                    return executor;
                }
            }
            throw new IllegalArgumentException("Cannot run days on '" + text + "': use spark or threads");
        }
    }

    /** A model over a whole range of days at once (the boosted trees recalibrate on their own schedule). */
    @FunctionalInterface
    public interface RangeForecaster
    {
        Map<LocalDate, double[]> forecast(SparkSession spark, DailyPanel panel, LocalDate from, LocalDate toInclusive);
    }

    /**
     * @param testFrom first test day
     * @param testTo last test day (inclusive)
     * @param windows LEAR calibration windows in days
     */
    public record Spec(ForecastModel model, LocalDate testFrom, LocalDate testTo, List<Integer> windows, ErrorQuantiles quantiles, Executor executor,
            int parallelism)
            implements Serializable
    {
        public Spec
        {
            requireNonNull(model, "model is null");
            requireNonNull(testFrom, "testFrom is null");
            requireNonNull(testTo, "testTo is null");
            windows = List.copyOf(requireNonNull(windows, "windows is null"));
            requireNonNull(quantiles, "quantiles is null");
            requireNonNull(executor, "executor is null");
            if (testTo.isBefore(testFrom)) {
                throw new IllegalArgumentException("Cannot backtest from " + testFrom + " to " + testTo + ": the test period ends before it starts");
            }
            if (model.needsLear() && windows.isEmpty()) {
                throw new IllegalArgumentException("Cannot run LEAR without a calibration window");
            }
            if (parallelism < 1) {
                throw new IllegalArgumentException("Cannot run with parallelism " + parallelism);
            }
        }

        public LocalDate runFrom()
        {
            return testFrom.minusDays(quantiles.minimumDays());
        }
    }

    /** Every forecast day of the run (warm-up first), the quantiles of each, and the wall time. */
    public record Run(Spec spec, List<DayForecast> days, double[][][] quantiles, double wallSeconds)
    {
        public Run
        {
            requireNonNull(spec, "spec is null");
            days = List.copyOf(requireNonNull(days, "days is null"));
            requireNonNull(quantiles, "quantiles is null");
        }

        /** The days of the test period (warm-up left out), with their index into {@link #days()}. */
        public List<Integer> testDayIndexes()
        {
            List<Integer> indexes = new ArrayList<>();
            for (int d = 0; d < days.size(); d++) {
                if (!days.get(d).day().isBefore(spec.testFrom())) {
                    indexes.add(d);
                }
            }
            return indexes;
        }
    }

    private final RangeForecaster gbt;

    public RollingBacktest(RangeForecaster gbt)
    {
        this.gbt = requireNonNull(gbt, "gbt is null");
    }

    public Run run(SparkSession spark, DailyPanel panel, Spec spec)
    {
        requireNonNull(panel, "panel is null");
        LocalDate from = spec.runFrom();
        if (!panel.contains(from.minusDays(8)) || !panel.contains(spec.testTo())) {
            throw new IllegalArgumentException("Cannot backtest " + spec.testFrom() + ".." + spec.testTo() + " on " + panel + ": the run needs "
                    + from.minusDays(8) + ".." + spec.testTo() + " (" + spec.quantiles().minimumDays() + " warm-up days for the quantiles and 8 days of lags)");
        }
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate day = from; !day.isAfter(spec.testTo()); day = day.plusDays(1)) {
            days.add(day);
        }
        long started = System.nanoTime();
        Map<LocalDate, Map<String, double[]>> members = new HashMap<>();
        for (LocalDate day : days) {
            members.put(day, new LinkedHashMap<>());
        }
        Map<LocalDate, Double> seconds = new HashMap<>();
        if (spec.model() == ForecastModel.NAIVE) {
            for (LocalDate day : days) {
                members.get(day).put("naive_weekly", panel.dayPrices(panel.dayIndex(day.minusDays(7))));
            }
        }
        if (spec.model().needsLear()) {
            List<DayForecast> lear = spec.executor() == Executor.SPARK
                    ? learOnSpark(spark, panel, days, spec.windows(), spec.parallelism())
                    : learOnThreads(panel, days, spec.windows(), spec.parallelism());
            for (DayForecast forecast : lear) {
                members.get(forecast.day()).putAll(forecast.members());
                seconds.put(forecast.day(), forecast.seconds());
            }
            log.info("LEAR: {} days x {} windows recalibrated on {} in {} s", days.size(), spec.windows().size(), spec.executor(),
                    String.format("%.1f", (System.nanoTime() - started) / 1e9));
        }
        if (spec.model().needsGbt()) {
            long gbtStarted = System.nanoTime();
            Map<LocalDate, double[]> boosted = gbt.forecast(spark, panel, from, spec.testTo());
            for (LocalDate day : days) {
                double[] prices = boosted.get(day);
                if (prices == null) {
                    throw new IllegalStateException("Cannot combine forecasts: the boosted model returned no forecast for " + day);
                }
                members.get(day).put("gbt", prices);
            }
            log.info("GBT: {} days in {} s", days.size(), String.format("%.1f", (System.nanoTime() - gbtStarted) / 1e9));
        }
        List<DayForecast> forecasts = new ArrayList<>();
        for (LocalDate day : days) {
            Map<String, double[]> dayMembers = members.get(day);
            double[] point = combine(spec.model(), dayMembers);
            forecasts.add(new DayForecast(day, panel.dayPrices(panel.dayIndex(day)), point, dayMembers, seconds.getOrDefault(day, 0.0)));
        }
        double[][][] quantiles = spec.quantiles().quantiles(forecasts);
        double wall = (System.nanoTime() - started) / 1e9;
        log.info("Backtest {} of {}: {} test days ({} warm-up) in {} s", spec.model().code(), panel.name(), days.size() - spec.quantiles().minimumDays(),
                spec.quantiles().minimumDays(), String.format("%.1f", wall));
        return new Run(spec, forecasts, quantiles, wall);
    }

    /** LEAR ensemble = mean of the windows; the ensemble model = mean of the LEAR ensemble and the trees. */
    static double[] combine(ForecastModel model, Map<String, double[]> members)
    {
        double[] point = new double[24];
        switch (model) {
            case NAIVE -> point = members.get("naive_weekly").clone();
            case GBT -> point = members.get("gbt").clone();
            case LEAR -> point = learEnsemble(members);
            case ENSEMBLE -> {
                double[] lear = learEnsemble(members);
                double[] trees = members.get("gbt");
                for (int h = 0; h < 24; h++) {
                    point[h] = (lear[h] + trees[h]) / 2.0;
                }
            }
        }
        return point;
    }

    static double[] learEnsemble(Map<String, double[]> members)
    {
        double[] mean = new double[24];
        int count = 0;
        for (Map.Entry<String, double[]> member : members.entrySet()) {
            if (member.getKey().startsWith("lear_")) {
                for (int h = 0; h < 24; h++) {
                    mean[h] += member.getValue()[h];
                }
                count++;
            }
        }
        for (int h = 0; h < 24; h++) {
            mean[h] /= count;
        }
        return mean;
    }

    /** Every window of one day: a Spark task (or a thread) each. */
    static DayForecast learDay(DailyPanel panel, LocalDate day, List<Integer> windows)
    {
        long started = System.nanoTime();
        Map<String, double[]> members = new LinkedHashMap<>();
        for (int window : windows) {
            members.put("lear_" + window, Lear.forecast(panel, day, window).prices());
        }
        double[] actual = panel.dayPrices(panel.dayIndex(day));
        return new DayForecast(day, actual, learEnsemble(members), members, (System.nanoTime() - started) / 1e9);
    }

    private static List<DayForecast> learOnSpark(SparkSession spark, DailyPanel panel, List<LocalDate> days, List<Integer> windows, int parallelism)
    {
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        Broadcast<DailyPanel> shared = context.broadcast(panel);
        List<Integer> windowList = List.copyOf(windows);
        try {
            // One task per day: a day is seconds of work, so scheduling costs nothing and the cores stay balanced.
            return context.parallelize(days, Math.max(parallelism, days.size()))
                    .map(day -> learDay(shared.value(), day, windowList))
                    .collect();
        }
        finally {
            shared.destroy();
        }
    }

    private static List<DayForecast> learOnThreads(DailyPanel panel, List<LocalDate> days, List<Integer> windows, int parallelism)
    {
        ExecutorService pool = Executors.newFixedThreadPool(parallelism);
        try {
            List<Future<DayForecast>> futures = new ArrayList<>();
            for (LocalDate day : days) {
                futures.add(pool.submit(() -> learDay(panel, day, windows)));
            }
            List<DayForecast> result = new ArrayList<>();
            for (Future<DayForecast> future : futures) {
                result.add(future.get());
            }
            return result;
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Cannot finish the backtest: interrupted", e);
        }
        catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        }
        finally {
            pool.shutdownNow();
        }
    }
}
