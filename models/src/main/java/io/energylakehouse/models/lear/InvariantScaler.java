package io.energylakehouse.models.lear;

import java.util.Arrays;

/**
 * The variance-stabilising transformation of Uniejewski, Weron and Ziel (2018) as epftoolbox applies it
 * ("Invariant"): per column, y = asinh((x - median) / MAD), with MAD the median absolute deviation scaled to be
 * consistent with the normal distribution's standard deviation: median|x - median| / 0.6744897501960817
 * (statsmodels' {@code mad}). Fitted on a training window only and then applied to the forecast day's inputs.
 * <p>
 * A column whose MAD is zero (constant over most of the window, e.g. a forecast reported as 0 for weeks) keeps
 * a MAD of 1: epftoolbox would divide by zero there.
 */
public final class InvariantScaler
{
    /** Φ⁻¹(3/4): the MAD of a standard normal. */
    static final double NORMAL_MAD = 0.6744897501960817;

    private final double[] median;
    private final double[] mad;

    private InvariantScaler(double[] median, double[] mad)
    {
        this.median = median;
        this.mad = mad;
    }

    /** Fits on {@code columns} of {@code rows} ([row][column]); other columns pass through unchanged. */
    public static InvariantScaler fit(double[][] rows, int columns)
    {
        double[] median = new double[columns];
        double[] mad = new double[columns];
        double[] column = new double[rows.length];
        for (int j = 0; j < columns; j++) {
            for (int i = 0; i < rows.length; i++) {
                column[i] = rows[i][j];
            }
            median[j] = median(column);
            double[] deviations = new double[rows.length];
            for (int i = 0; i < rows.length; i++) {
                deviations[i] = Math.abs(column[i] - median[j]);
            }
            double scaled = median(deviations) / NORMAL_MAD;
            mad[j] = scaled > 0 ? scaled : 1.0;
        }
        return new InvariantScaler(median, mad);
    }

    /** numpy's median: the mean of the two middle values of an even count. */
    static double median(double[] values)
    {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        if (n == 0) {
            throw new IllegalArgumentException("Cannot take the median of no values");
        }
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }

    public int columns()
    {
        return median.length;
    }

    public double transform(int column, double value)
    {
        return asinh((value - median[column]) / mad[column]);
    }

    public double inverse(int column, double value)
    {
        return Math.sinh(value) * mad[column] + median[column];
    }

    /** Transforms the first {@link #columns()} entries of each row in place. */
    public void transformInPlace(double[][] rows)
    {
        for (double[] row : rows) {
            for (int j = 0; j < median.length; j++) {
                row[j] = transform(j, row[j]);
            }
        }
    }

    static double asinh(double x)
    {
        double a = Math.abs(x);
        // log1p(a + a²/(sqrt(a² + 1) + 1)) = log(a + sqrt(a² + 1)), exact to rounding for small a too
        double result = a > 1e150 ? Math.log(a) + Math.log(2.0) : Math.log1p(a + a * a / (Math.sqrt(a * a + 1.0) + 1.0));
        return x < 0 ? -result : result;
    }
}
