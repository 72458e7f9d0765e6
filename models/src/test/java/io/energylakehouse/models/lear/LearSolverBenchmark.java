package io.energylakehouse.models.lear;

import io.energylakehouse.common.series.DailyPanel;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.regression.LinearRegression;
import org.apache.spark.ml.regression.LinearRegressionModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Not a test: measures the LEAR per-hour Lasso refit in plain Java against the same fit with spark-mllib's
 * {@code LinearRegression} (elastic net 1, no standardisation, intercept: the objective (1/2n)||y - Xw||² + alpha||w||₁
 * of scikit-learn's Lasso), for one day and window of Nord Pool. Both get the penalties our LARS-AIC chose; the
 * penalty search itself has no MLlib counterpart. Run by hand with the test classpath:
 * <pre>
 * mvn -o -q -pl models test-compile dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt -Dmdep.includeScope=test
 * cd models &amp;&amp; java -Xmx3g ${lakehouse.jvm.flags of the parent pom} -Dlakehouse.shared-dir=../../shared \
 *     -cp target/test-classes:target/classes:$(cat /tmp/cp.txt) io.energylakehouse.models.lear.LearSolverBenchmark [day] [window] [runs]
 * </pre>
 */
public final class LearSolverBenchmark
{
    private LearSolverBenchmark() {}

    public static void main(String[] args)
            throws java.io.IOException
    {
        LocalDate day = args.length > 0 ? LocalDate.parse(args[0]) : LocalDate.of(2016, 12, 27);
        int window = args.length > 1 ? Integer.parseInt(args[1]) : 1456;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        DailyPanel panel = EpftoolboxFiles.panel("NP");

        // plain Java: the whole window forecast (features, scaling, Gram, 24 x LARS-AIC + coordinate descent)
        Lear.WindowForecast ours = null;
        double[] javaSeconds = new double[runs];
        for (int run = 0; run < runs; run++) {
            long started = System.nanoTime();
            ours = Lear.forecast(panel, day, window);
            javaSeconds[run] = (System.nanoTime() - started) / 1e9;
        }

        // MLlib: the 24 refits alone, on the transformed regressors, with the penalties chosen above
        LearFeatures features = LearFeatures.build(panel, day, window);
        int n = features.rows();
        int p = features.columns();
        int scaled = p - features.dummyColumns();
        double[][] x = Arrays.stream(features.x()).map(double[]::clone).toArray(double[][]::new);
        double[][] y = Arrays.stream(features.y()).map(double[]::clone).toArray(double[][]::new);
        InvariantScaler scalerX = InvariantScaler.fit(x, scaled);
        InvariantScaler scalerY = InvariantScaler.fit(y, DailyPanel.HOURS);
        scalerX.transformInPlace(x);
        scalerY.transformInPlace(y);
        double[] forecastRow = features.forecastRow().clone();
        for (int j = 0; j < scaled; j++) {
            forecastRow[j] = scalerX.transform(j, forecastRow[j]);
        }

        SparkSession spark = SparkSession.builder().master("local[2]").appName("lear-solver-benchmark")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2").getOrCreate();
        spark.sparkContext().setLogLevel("WARN");
        try {
            List<Row> rows = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                Object[] values = new Object[DailyPanel.HOURS + 1];
                for (int h = 0; h < DailyPanel.HOURS; h++) {
                    values[h] = y[i][h];
                }
                values[DailyPanel.HOURS] = Vectors.dense(x[i]);
                rows.add(RowFactory.create(values));
            }
            StructType schema = new StructType();
            for (int h = 0; h < DailyPanel.HOURS; h++) {
                schema = schema.add("y" + h, DataTypes.DoubleType, false);
            }
            schema = schema.add("features", new org.apache.spark.ml.linalg.VectorUDT(), false);
            Dataset<Row> data = spark.createDataFrame(rows, schema).repartition(2).cache();
            data.count();

            double[] sparkSeconds = new double[runs];
            double maxDifference = 0.0;
            int[] iterations = new int[DailyPanel.HOURS];
            for (int run = 0; run < runs; run++) {
                long started = System.nanoTime();
                for (int h = 0; h < DailyPanel.HOURS; h++) {
                    LinearRegressionModel model = new LinearRegression()
                            .setLabelCol("y" + h).setFeaturesCol("features")
                            .setElasticNetParam(1.0).setRegParam(ours.alphas()[h]).setStandardization(false).setFitIntercept(true)
                            .setMaxIter(2500).setTol(1e-6)
                            .fit(data);
                    double price = scalerY.inverse(h, model.predict(Vectors.dense(forecastRow)));
                    maxDifference = Math.max(maxDifference, Math.abs(price - ours.prices()[h]));
                    iterations[h] = model.summary().totalIterations();
                }
                sparkSeconds[run] = (System.nanoTime() - started) / 1e9;
            }
            System.out.printf(Locale.ROOT, "NP %s window %d: %d rows x %d regressors, 24 hours%n", day, window, n, p);
            System.out.printf(Locale.ROOT, "plain Java, whole window (features, LARS-AIC and refit of 24 hours): median %.3f s over %d runs %s%n",
                    median(javaSeconds), runs, Arrays.toString(javaSeconds));
            System.out.printf(Locale.ROOT, "spark-mllib LinearRegression, the 24 refits alone: median %.3f s over %d runs %s; OWL-QN iterations per hour %s%n",
                    median(sparkSeconds), runs, Arrays.toString(sparkSeconds), Arrays.toString(iterations));
            System.out.printf(Locale.ROOT, "largest |MLlib - ours| over the 24 forecasts: %.4f%n", maxDifference);
        }
        finally {
            spark.stop();
        }
    }

    private static double median(double[] values)
    {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
