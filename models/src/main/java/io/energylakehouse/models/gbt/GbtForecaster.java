package io.energylakehouse.models.gbt;

import io.energylakehouse.common.ErrorCode;
import io.energylakehouse.common.FileErrors;
import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.series.DailyPanel;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.regression.GBTRegressionModel;
import org.apache.spark.ml.regression.GBTRegressor;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * Day-ahead price forecasts from one Spark gradient-boosted tree model for all 24 hours (long format: a training
 * row per (day, hour), the hour a feature; see {@link GbtFeatures}).
 * <p>
 * Point in time: the forecast of day D is issued on D-1 before the auction. It reads prices of days up to D-1 and
 * exogenous forecasts of days up to D, and comes from a model trained only on target days before D. Models are
 * refitted every {@link GbtParameters#recalibrationDays()} test days; a refit on day R trains on the target days
 * [R - {@link GbtParameters#trainingDays()}, R) (those of them with {@link GbtFeatures#HISTORY_DAYS} days of history
 * in the panel) and forecasts R and the days after it up to the next refit. The target and the price features go
 * through the epftoolbox asinh transform fitted on the training days' prices, and are taken relative to the D-1 level
 * ({@link GbtFeatures#level}); forecasts add the level back and are transformed back.
 */
public final class GbtForecaster
{
    private static final Logger log = LoggerFactory.getLogger(GbtForecaster.class);

    private static final String LABEL = "label";
    private static final String FEATURES = "features";
    private static final int ROWS_PER_PARTITION = 100_000;
    private static final int CHECKPOINT_INTERVAL = 10;

    private final GbtParameters parameters;

    public GbtForecaster(GbtParameters parameters)
    {
        this.parameters = requireNonNull(parameters, "parameters is null");
    }

    public GbtParameters parameters()
    {
        return parameters;
    }

    /**
     * Forecasts the test days [{@code testFrom}, {@code testTo}) (end exclusive, as {@link DailyPanel#slice}), refitting
     * on {@code testFrom} and every {@code recalibrationDays} after it.
     *
     * @return 24 forecasts per test day, in day order; the arrays are the caller's
     */
    public Map<LocalDate, double[]> forecast(SparkSession spark, DailyPanel panel, LocalDate testFrom, LocalDate testTo)
    {
        requireNonNull(spark, "spark is null");
        requireNonNull(panel, "panel is null");
        requireNonNull(testFrom, "testFrom is null");
        requireNonNull(testTo, "testTo is null");
        if (!testFrom.isBefore(testTo)) {
            throw LakehouseException.userError("Cannot forecast %s: the test period %s..%s (end exclusive) is empty", panel.name(), testFrom, testTo);
        }
        if (testTo.isAfter(panel.endDay())) {
            throw LakehouseException.userError("Cannot forecast %s up to %s (exclusive): the panel ends on %s", panel.name(), testTo, panel.endDay().minusDays(1));
        }
        long started = System.nanoTime();
        Map<LocalDate, double[]> forecasts = new LinkedHashMap<>();
        int fits = 0;
        for (LocalDate refit = testFrom; refit.isBefore(testTo); refit = refit.plusDays(parameters.recalibrationDays())) {
            GbtCalibration calibration = calibrate(spark, panel, refit);
            fits++;
            LocalDate until = refit.plusDays(parameters.recalibrationDays());
            for (LocalDate day = refit; day.isBefore(until) && day.isBefore(testTo); day = day.plusDays(1)) {
                forecasts.put(day, calibration.forecast(panel, day));
            }
        }
        log.info("Forecast {} {}..{}: {} days with {} GBT fits in {} s", panel.name(), testFrom, testTo.minusDays(1), forecasts.size(), fits,
                String.format("%.1f", (System.nanoTime() - started) / 1e9));
        return Collections.unmodifiableMap(forecasts);
    }

    /** Fits the model that forecasts {@code firstTargetDay} and later days, on the target days before it. */
    public GbtCalibration calibrate(SparkSession spark, DailyPanel panel, LocalDate firstTargetDay)
    {
        requireNonNull(spark, "spark is null");
        requireNonNull(panel, "panel is null");
        requireNonNull(firstTargetDay, "firstTargetDay is null");
        int end = panel.dayIndex(firstTargetDay);
        int start = Math.max(end - parameters.trainingDays(), GbtFeatures.HISTORY_DAYS);
        if (end > panel.days() || end - start < 1) {
            throw LakehouseException.userError("Cannot fit GBT for %s %s: needs %d days of history and at least one training day in the panel %s..%s",
                    panel.name(), firstTargetDay, GbtFeatures.HISTORY_DAYS, panel.firstDay(), panel.endDay().minusDays(1));
        }
        AsinhScaler scaler = AsinhScaler.fit(windowPrices(panel, start, end));

        List<Row> rows = new ArrayList<>((end - start) * DailyPanel.HOURS);
        int dropped = 0;
        for (int day = start; day < end; day++) {
            for (int hour = 0; hour < DailyPanel.HOURS; hour++) {
                double label = scaler.transform(panel.price(day, hour)) - GbtFeatures.level(panel, day, scaler);
                double[] features = GbtFeatures.row(panel, day, hour, scaler);
                if (Double.isNaN(label) || Arrays.stream(features).anyMatch(Double::isNaN)) {
                    dropped++;
                    continue;
                }
                rows.add(RowFactory.create(label, Vectors.dense(features)));
            }
        }
        if (rows.isEmpty()) {
            throw LakehouseException.badData("Cannot fit GBT for %s %s: all %d training rows of %s..%s miss an input", panel.name(), firstTargetDay,
                    dropped, panel.date(start), panel.date(end - 1));
        }
        StructType schema = new StructType()
                .add(LABEL, DataTypes.DoubleType, false)
                .add(GbtFeatures.featuresField(panel, FEATURES));
        ensureCheckpointDirectory(spark);
        GBTRegressor regressor = new GBTRegressor()
                .setLabelCol(LABEL)
                .setFeaturesCol(FEATURES)
                .setLossType("squared")
                .setMaxIter(parameters.maxIter())
                .setMaxDepth(parameters.maxDepth())
                .setStepSize(parameters.stepSize())
                .setSubsamplingRate(parameters.subsamplingRate())
                .setCheckpointInterval(CHECKPOINT_INTERVAL)
                .setSeed(parameters.seed());

        spark.sparkContext().setJobDescription("Fit GBT " + panel.name() + " for " + firstTargetDay);
        // The shuffle keeps the rows out of the tasks: a local relation's partitions carry their rows, so every one of
        // the fit's hundreds of stages would ship them again ("task of very large size").
        int partitions = partitions(rows.size(), spark.sparkContext().defaultParallelism());
        Dataset<Row> training = spark.createDataFrame(rows, schema)
                .repartition(partitions)
                .cache();
        long fitStarted = System.nanoTime();
        GBTRegressionModel model;
        try {
            model = regressor.fit(training);
        }
        finally {
            training.unpersist();
            spark.sparkContext().setJobDescription(null);
        }
        Duration fitTime = Duration.ofNanos(System.nanoTime() - fitStarted);
        log.info("Fitted GBT {} for {} on target days {}..{}: {} rows ({} dropped for a missing input), {} features, {} partitions, {} trees of depth {}, in {} s",
                panel.name(), firstTargetDay, panel.date(start), panel.date(end - 1), rows.size(), dropped, GbtFeatures.count(panel),
                partitions, parameters.maxIter(), parameters.maxDepth(), String.format("%.1f", fitTime.toNanos() / 1e9));
        return new GbtCalibration(panel.name(), panel.date(start), firstTargetDay, scaler, model, rows.size(), fitTime);
    }

    /**
     * A fit runs one Spark job per tree level, and below some 100,000 rows a job's cost is its scheduling, not its
     * rows: on local[2] a 1456-day window (34,776 rows) fits 100 trees of depth 5 in 33 s in one partition, 41 s in two.
     */
    static int partitions(int rows, int parallelism)
    {
        return Math.max(1, Math.min(parallelism, (rows + ROWS_PER_PARTITION - 1) / ROWS_PER_PARTITION));
    }

    /**
     * Each boosting iteration adds a step to the lineage of the training errors; Spark cuts it every
     * {@value #CHECKPOINT_INTERVAL} trees, but only if the context has a checkpoint directory. Without one, fits of
     * 200 trees die of a StackOverflowError in a task. A local session gets a temporary directory; Spark deletes the
     * checkpoints it writes there once a fit ends, and the directory goes when the JVM exits.
     */
    private static void ensureCheckpointDirectory(SparkSession spark)
    {
        if (spark.sparkContext().getCheckpointDir().isDefined()) {
            return;
        }
        if (!spark.sparkContext().isLocal()) {
            log.warn("Spark has no checkpoint directory: GBT fits of many trees may fail with a StackOverflowError; set one with SparkContext.setCheckpointDir");
            return;
        }
        try {
            Path directory = Files.createTempDirectory("lakehouse-gbt-checkpoints-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteRecursively(directory), "delete-gbt-checkpoints"));
            spark.sparkContext().setCheckpointDir(directory.toString());
            log.info("Set the Spark checkpoint directory of GBT fits to {}", directory);
        }
        catch (IOException e) {
            throw new LakehouseException(ErrorCode.INTERNAL, "Cannot create a checkpoint directory for GBT fits: " + FileErrors.reason(e), e);
        }
    }

    private static void deleteRecursively(Path directory)
    {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        catch (IOException | UncheckedIOException e) {
            // best effort at exit: a leftover temporary directory is harmless
        }
    }

    private static double[] windowPrices(DailyPanel panel, int start, int end)
    {
        double[] prices = new double[(end - start) * DailyPanel.HOURS];
        for (int day = start; day < end; day++) {
            for (int hour = 0; hour < DailyPanel.HOURS; hour++) {
                prices[(day - start) * DailyPanel.HOURS + hour] = panel.price(day, hour);
            }
        }
        return prices;
    }
}
