package io.energylakehouse.backtesting;

import org.ojalgo.random.Normal;

import java.util.Locale;

/**
 * The one-sided Diebold-Mariano test of epftoolbox (Lago et al. 2021, section 4.3): H0 is that forecast 1 is
 * not less accurate than forecast 2; a small p-value says forecast 2 is significantly more accurate. The loss
 * differential is d = |e1|^norm - |e2|^norm (norm 1 for absolute, 2 for squared errors) on hourly series of
 * whole days.
 *
 * <ul>
 * <li>{@link Version#MULTIVARIATE}: d averaged over each day's 24 hours, one test over the days.
 * <li>{@link Version#UNIVARIATE}: one test per hour of the day, 24 statistics.
 * </ul>
 * The statistic is mean(d) / sqrt(var(d) / N) with the population variance (ddof 0), N the number of days,
 * and the p-value 1 - Phi(statistic).
 */
public final class DieboldMariano
{
    private static final Normal STANDARD_NORMAL = new Normal(0, 1);

    private DieboldMariano() {}

    public enum Version
    {
        UNIVARIATE, MULTIVARIATE;

        public static Version parse(String text)
        {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            }
            catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Cannot read Diebold-Mariano version '" + text + "': use univariate or multivariate");
            }
        }
    }

    /** The statistics and p-values: one of each for the multivariate test, 24 for the univariate one. */
    public record Result(Version version, int norm, double[] statistics, double[] pValues)
    {
    }

    public static Result test(double[] real, double[] forecast1, double[] forecast2, int norm, Version version, int hoursPerDay)
    {
        ForecastMetrics.check(real, forecast1);
        ForecastMetrics.check(real, forecast2);
        if (norm != 1 && norm != 2) {
            throw new IllegalArgumentException("Cannot run the Diebold-Mariano test with norm " + norm + ": use 1 (absolute) or 2 (squared errors)");
        }
        if (real.length % hoursPerDay != 0) {
            throw new IllegalArgumentException("Cannot run the Diebold-Mariano test on " + real.length + " hours: not whole days of " + hoursPerDay);
        }
        int days = real.length / hoursPerDay;
        double[][] differential = new double[days][hoursPerDay];
        for (int day = 0; day < days; day++) {
            for (int hour = 0; hour < hoursPerDay; hour++) {
                int i = day * hoursPerDay + hour;
                differential[day][hour] = Math.pow(Math.abs(real[i] - forecast1[i]), norm) - Math.pow(Math.abs(real[i] - forecast2[i]), norm);
            }
        }
        if (version == Version.MULTIVARIATE) {
            double[] daily = new double[days];
            for (int day = 0; day < days; day++) {
                double sum = 0;
                for (double value : differential[day]) {
                    sum += value;
                }
                daily[day] = sum / hoursPerDay;
            }
            double statistic = statistic(daily);
            return new Result(version, norm, new double[] {statistic}, new double[] {1 - STANDARD_NORMAL.getDistribution(statistic)});
        }
        double[] statistics = new double[hoursPerDay];
        double[] pValues = new double[hoursPerDay];
        for (int hour = 0; hour < hoursPerDay; hour++) {
            double[] series = new double[days];
            for (int day = 0; day < days; day++) {
                series[day] = differential[day][hour];
            }
            statistics[hour] = statistic(series);
            pValues[hour] = 1 - STANDARD_NORMAL.getDistribution(statistics[hour]);
        }
        return new Result(version, norm, statistics, pValues);
    }

    private static double statistic(double[] values)
    {
        double mean = 0;
        for (double value : values) {
            mean += value;
        }
        mean /= values.length;
        double variance = 0;
        for (double value : values) {
            variance += (value - mean) * (value - mean);
        }
        variance /= values.length;
        if (variance == 0) {
            throw new IllegalArgumentException("Cannot run the Diebold-Mariano test: the loss differential is constant (identical forecasts?)");
        }
        return mean / Math.sqrt(variance / values.length);
    }
}
