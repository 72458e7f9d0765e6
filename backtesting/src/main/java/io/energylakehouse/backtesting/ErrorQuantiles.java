package io.energylakehouse.backtesting;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Probabilistic forecasts from a point forecast and its own recent errors (historical simulation, as in the
 * EPF literature's empirical prediction intervals): for day D and hour h, quantile q = point(D, h) plus the
 * empirical q-quantile (linear interpolation, numpy's default) of the errors actual - point of hour h over the
 * last {@code lookbackDays} days before D. Those errors are known when D's forecast is issued (the prices of
 * D-1 were published on D-2). With fewer than {@code minimumDays} past days the quantiles are NaN; a backtest
 * therefore starts that many days before its test period.
 */
public final class ErrorQuantiles
{
    public static final double[] DEFAULT_LEVELS = {0.05, 0.10, 0.50, 0.90, 0.95};

    private final double[] levels;
    private final int lookbackDays;
    private final int minimumDays;

    public ErrorQuantiles(double[] levels, int lookbackDays, int minimumDays)
    {
        this.levels = requireNonNull(levels, "levels is null").clone();
        for (double level : levels) {
            if (!(level > 0 && level < 1)) {
                throw new IllegalArgumentException("Cannot forecast quantile " + level + ": levels are between 0 and 1");
            }
        }
        if (minimumDays < 1 || lookbackDays < minimumDays) {
            throw new IllegalArgumentException("Cannot estimate quantiles from " + minimumDays + ".." + lookbackDays + " past days");
        }
        this.lookbackDays = lookbackDays;
        this.minimumDays = minimumDays;
    }

    public double[] levels()
    {
        return levels.clone();
    }

    public int minimumDays()
    {
        return minimumDays;
    }

    public int lookbackDays()
    {
        return lookbackDays;
    }

    /**
     * @param days consecutive forecast days, in order
     * @return [day][level][hour]; NaN where fewer than the minimum past days exist
     */
    public double[][][] quantiles(List<DayForecast> days)
    {
        double[][][] result = new double[days.size()][levels.length][24];
        for (int d = 0; d < days.size(); d++) {
            DayForecast day = days.get(d);
            List<DayForecast> past = new ArrayList<>();
            for (int e = Math.max(0, d - lookbackDays); e < d; e++) {
                if (days.get(e).day().isBefore(day.day()) && !days.get(e).day().isBefore(day.day().minusDays(lookbackDays))) {
                    past.add(days.get(e));
                }
            }
            for (int h = 0; h < 24; h++) {
                double[] errors = past.stream().mapToDouble(p -> 0.0).toArray();
                int count = 0;
                for (DayForecast p : past) {
                    double error = p.actual()[h] - p.point()[h];
                    if (Double.isFinite(error)) {
                        errors[count++] = error;
                    }
                }
                for (int q = 0; q < levels.length; q++) {
                    result[d][q][h] = count < minimumDays ? Double.NaN : day.point()[h] + quantile(Arrays.copyOf(errors, count), levels[q]);
                }
            }
        }
        return result;
    }

    /** numpy's {@code quantile(values, level)} with linear interpolation. */
    static double quantile(double[] values, double level)
    {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double position = level * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
