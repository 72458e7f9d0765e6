package io.energylakehouse.models.lear;

import io.energylakehouse.common.series.DailyPanel;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * LEAR (Lasso-estimated autoregressive model) exactly as epftoolbox computes it (Lago et al. 2021, section 4.1;
 * {@code epftoolbox.models.LEAR.recalibrate_and_forecast_next_day}): for a forecast of day D with a calibration
 * window of W days,
 * <ol>
 *   <li>the regressors of {@link LearFeatures} over the W days before D;</li>
 *   <li>the targets (one column per hour) and every non-dummy regressor transformed with
 *       {@link InvariantScaler} fitted on the window;</li>
 *   <li>for each hour, the penalty chosen by {@link LassoLarsAic} (normalised features, AIC as scikit-learn
 *       computed it before 1.1), then a Lasso with that penalty refitted by {@link LassoCoordinateDescent} on
 *       the transformed but unnormalised regressors, with an intercept;</li>
 *   <li>the 24 predictions transformed back.</li>
 * </ol>
 * The ensemble of the benchmark is the plain mean of the forecasts of windows 56, 84, 1092 and 1456 days.
 * One X'X per window serves all 24 hours (the regressors are the same; only the target changes).
 */
public final class Lear
{
    public static final List<Integer> EPFTOOLBOX_WINDOWS = List.of(56, 84, 1092, 1456);

    private Lear() {}

    /**
     * One window's forecast with what it chose.
     *
     * @param prices the 24 forecasts
     * @param alphas the penalty chosen for each hour
     * @param nonZero the number of non-zero coefficients of each hour's refitted Lasso
     * @param trainingRows the calibration rows (window minus the lag week, minus rows with missing values)
     */
    public record WindowForecast(int windowDays, double[] prices, double[] alphas, int[] nonZero, int trainingRows)
    {
        public WindowForecast
        {
            requireNonNull(prices, "prices is null");
            requireNonNull(alphas, "alphas is null");
            requireNonNull(nonZero, "nonZero is null");
        }
    }

    /** The forecast of {@code target} for one calibration window. */
    public static WindowForecast forecast(DailyPanel panel, LocalDate target, int windowDays)
    {
        LearFeatures features = LearFeatures.build(panel, target, windowDays);
        int n = features.rows();
        int p = features.columns();
        int scaled = p - features.dummyColumns();
        if (n < 2) {
            throw new IllegalArgumentException("Cannot calibrate LEAR for " + target + " on " + windowDays + " days of " + panel.name()
                    + ": " + n + " complete training rows");
        }
        double[][] x = new double[n][];
        double[][] y = new double[n][];
        for (int i = 0; i < n; i++) {
            x[i] = features.x()[i].clone();
            y[i] = features.y()[i].clone();
        }
        InvariantScaler scalerX = InvariantScaler.fit(x, scaled);
        InvariantScaler scalerY = InvariantScaler.fit(y, DailyPanel.HOURS);
        scalerX.transformInPlace(x);
        scalerY.transformInPlace(y);
        double[] forecastRow = features.forecastRow().clone();
        for (int j = 0; j < scaled; j++) {
            forecastRow[j] = scalerX.transform(j, forecastRow[j]);
        }

        double[] xMean = columnMeans(x, p);
        double[][] centred = new double[n][p];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) {
                centred[i][j] = x[i][j] - xMean[j];
            }
        }
        double[][] gram = gram(centred, p);
        double[] norm = new double[p];
        for (int j = 0; j < p; j++) {
            double value = Math.sqrt(gram[j][j]);
            norm[j] = value == 0.0 ? 1.0 : value;
        }
        double[][] normalisedGram = new double[p][p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                normalisedGram[i][j] = gram[i][j] / (norm[i] * norm[j]);
            }
        }

        double[] prices = new double[DailyPanel.HOURS];
        double[] alphas = new double[DailyPanel.HOURS];
        int[] nonZero = new int[DailyPanel.HOURS];
        double[] yc = new double[n];
        double[] xy = new double[p];
        double[] normalisedXy = new double[p];
        for (int h = 0; h < DailyPanel.HOURS; h++) {
            double yMean = 0.0;
            for (int i = 0; i < n; i++) {
                yMean += y[i][h];
            }
            yMean /= n;
            double yy = 0.0;
            for (int i = 0; i < n; i++) {
                yc[i] = y[i][h] - yMean;
                yy += yc[i] * yc[i];
            }
            Arrays.fill(xy, 0.0);
            for (int i = 0; i < n; i++) {
                double value = yc[i];
                double[] row = centred[i];
                for (int j = 0; j < p; j++) {
                    xy[j] += row[j] * value;
                }
            }
            for (int j = 0; j < p; j++) {
                normalisedXy[j] = xy[j] / norm[j];
            }
            double alpha = LassoLarsAic.choose(normalisedGram, normalisedXy, yy, n).alpha();
            double[] w = LassoCoordinateDescent.fit(gram, xy, yy, n, alpha).coef();
            double prediction = yMean;
            int count = 0;
            for (int j = 0; j < p; j++) {
                if (w[j] != 0.0) {
                    prediction += w[j] * (forecastRow[j] - xMean[j]);
                    count++;
                }
            }
            prices[h] = scalerY.inverse(h, prediction);
            alphas[h] = alpha;
            nonZero[h] = count;
        }
        return new WindowForecast(windowDays, prices, alphas, nonZero, n);
    }

    private static double[] columnMeans(double[][] rows, int columns)
    {
        double[] mean = new double[columns];
        for (double[] row : rows) {
            for (int j = 0; j < columns; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < columns; j++) {
            mean[j] /= rows.length;
        }
        return mean;
    }

    /** X'X, exploiting symmetry. */
    private static double[][] gram(double[][] rows, int p)
    {
        double[][] gram = new double[p][p];
        for (double[] row : rows) {
            for (int i = 0; i < p; i++) {
                double xi = row[i];
                if (xi == 0.0) {
                    continue;
                }
                double[] gi = gram[i];
                for (int j = i; j < p; j++) {
                    gi[j] += xi * row[j];
                }
            }
        }
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < i; j++) {
                gram[i][j] = gram[j][i];
            }
        }
        return gram;
    }
}
