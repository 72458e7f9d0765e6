package io.energylakehouse.models.gbt;

import io.energylakehouse.common.LakehouseException;

import java.util.Arrays;

/**
 * The variance-stabilising transform of the epftoolbox ("invariant" scaling, Uniejewski, Weron and Ziel 2018):
 * {@code y = asinh((x - median) / mad)} with {@code mad = median(|x - median|) / 0.6745}, so that {@code mad} estimates
 * the standard deviation of normal data. Fitted on a training window only and inverted with {@link #inverse}.
 */
public record AsinhScaler(double median, double mad)
{
    /** The 0.75 quantile of the standard normal: MAD / 0.6745 is a consistent estimate of the standard deviation. */
    public static final double NORMAL_MAD = 0.6745;

    public AsinhScaler
    {
        if (!Double.isFinite(median)) {
            throw new IllegalArgumentException("Cannot build asinh scaler: median is not finite: " + median);
        }
        if (!(mad > 0) || !Double.isFinite(mad)) {
            throw new IllegalArgumentException("Cannot build asinh scaler: mad must be positive and finite: " + mad);
        }
    }

    /** Fits on the finite values of {@code values} (NaN are skipped). */
    public static AsinhScaler fit(double[] values)
    {
        double[] finite = Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        if (finite.length == 0) {
            throw LakehouseException.badData("Cannot fit asinh scaler: none of the %d values is finite", values.length);
        }
        double median = sortedMedian(finite);
        double[] deviations = new double[finite.length];
        for (int i = 0; i < finite.length; i++) {
            deviations[i] = Math.abs(finite[i] - median);
        }
        Arrays.sort(deviations);
        double mad = sortedMedian(deviations) / NORMAL_MAD;
        if (!(mad > 0)) {
            throw LakehouseException.badData("Cannot fit asinh scaler: at least half of the %d values equal the median %s, MAD is 0", finite.length, median);
        }
        return new AsinhScaler(median, mad);
    }

    public double transform(double value)
    {
        return asinh((value - median) / mad);
    }

    public double inverse(double transformed)
    {
        return Math.sinh(transformed) * mad + median;
    }

    /** asinh(x) = sign(x) ln(|x| + sqrt(x^2 + 1)), written to keep precision near 0, for large |x| and for negative x. */
    static double asinh(double x)
    {
        double absolute = Math.abs(x);
        double value = absolute > 1e8
                ? Math.log(2 * absolute)
                : Math.log1p(absolute + absolute * absolute / (1 + Math.sqrt(1 + absolute * absolute)));
        return Math.copySign(value, x);
    }

    private static double sortedMedian(double[] sorted)
    {
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
