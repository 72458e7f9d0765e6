package io.energylakehouse.backtesting;

import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * Point-forecast metrics over hourly series, computed as the epftoolbox (Lago et al. 2021) computes them so
 * that our numbers and the published ones are comparable:
 *
 * <ul>
 * <li>MAE, RMSE; sMAPE = mean(|p - f| / ((|p| + |f|) / 2)), in percent; MAPE = mean(|p - f| / |p|) in percent,
 *     over the hours whose real price is not zero (epftoolbox's would be infinite; German and Belgian test
 *     periods have zero-price hours), with the hours left out counted; WAPE = sum|p - f| / sum|p|, in percent.
 * <li>rMAE = MAE of the forecast over the whole test period / MAE of the <b>weekly naive</b> forecast (the same
 *     hour one week earlier), where the naive is built from the test period's own prices, so it has no
 *     forecast for the first week: that week is left out of the naive's MAE only.
 * </ul>
 */
public final class ForecastMetrics
{
    /** Hours in a week: the lag of the weekly naive forecast on an hourly series. */
    public static final int WEEK_HOURS = 168;
    public static final String WEEKLY_NAIVE = "weekly naive (same hour one week earlier, built from the test period's prices)";

    private ForecastMetrics() {}

    /** The metrics of one forecast set, with the naive its rMAE is relative to named. */
    public record Summary(double mae, double rmae, double smapePercent, double rmse, double mapePercent, double wapePercent, String naive, int hours,
            int mapeZeroPriceHours)
    {
        public Summary
        {
            requireNonNull(naive, "naive is null");
        }

        public String toJson()
        {
            return String.format(Locale.ROOT, "{\"mae\": %.6f, \"rmae\": %.6f, \"smape\": %.6f, \"rmse\": %.6f, \"mape\": %s, \"wape\": %.6f, \"hours\": %d, "
                            + "\"mape_zero_price_hours_left_out\": %d, \"naive\": \"%s\"}",
                    mae, rmae, smapePercent, rmse, Double.isFinite(mapePercent) ? String.format(Locale.ROOT, "%.6f", mapePercent) : "null", wapePercent, hours,
                    mapeZeroPriceHours, naive);
        }
    }

    public static Summary summarise(double[] real, double[] forecast)
    {
        return new Summary(mae(real, forecast), rmae(real, forecast, WEEK_HOURS), smapePercent(real, forecast), rmse(real, forecast),
                mapePercent(real, forecast), wapePercent(real, forecast), WEEKLY_NAIVE, real.length, zeroPriceHours(real));
    }

    public static double mae(double[] real, double[] forecast)
    {
        check(real, forecast);
        double sum = 0;
        for (int i = 0; i < real.length; i++) {
            sum += Math.abs(real[i] - forecast[i]);
        }
        return sum / real.length;
    }

    public static double rmse(double[] real, double[] forecast)
    {
        check(real, forecast);
        double sum = 0;
        for (int i = 0; i < real.length; i++) {
            double error = real[i] - forecast[i];
            sum += error * error;
        }
        return Math.sqrt(sum / real.length);
    }

    public static double smapePercent(double[] real, double[] forecast)
    {
        check(real, forecast);
        double sum = 0;
        for (int i = 0; i < real.length; i++) {
            double scale = (Math.abs(real[i]) + Math.abs(forecast[i])) / 2;
            // both zero: a perfect forecast of zero, no error (epftoolbox would give NaN)
            sum += scale == 0 ? 0 : Math.abs(real[i] - forecast[i]) / scale;
        }
        return 100 * sum / real.length;
    }

    /** MAPE over the hours whose real price is not zero (NaN if there is none); {@link #zeroPriceHours} counts the others. */
    public static double mapePercent(double[] real, double[] forecast)
    {
        check(real, forecast);
        double sum = 0;
        int hours = 0;
        for (int i = 0; i < real.length; i++) {
            if (real[i] != 0) {
                sum += Math.abs((real[i] - forecast[i]) / real[i]);
                hours++;
            }
        }
        return hours == 0 ? Double.NaN : 100 * sum / hours;
    }

    /** Hours whose real price is zero: their percentage error is undefined, so MAPE leaves them out. */
    public static int zeroPriceHours(double[] real)
    {
        int hours = 0;
        for (double price : real) {
            if (price == 0) {
                hours++;
            }
        }
        return hours;
    }

    public static double wapePercent(double[] real, double[] forecast)
    {
        check(real, forecast);
        double errors = 0;
        double prices = 0;
        for (int i = 0; i < real.length; i++) {
            errors += Math.abs(real[i] - forecast[i]);
            prices += Math.abs(real[i]);
        }
        return 100 * errors / prices;
    }

    /** MAE of the forecast over all hours over the MAE of the seasonal naive p[t - lag] over the hours from {@code lag} on. */
    public static double rmae(double[] real, double[] forecast, int lag)
    {
        check(real, forecast);
        if (real.length <= lag) {
            throw new IllegalArgumentException("Cannot compute rMAE: " + real.length + " hours leave no naive forecast at a lag of " + lag + " hours");
        }
        double naive = 0;
        for (int i = lag; i < real.length; i++) {
            naive += Math.abs(real[i] - real[i - lag]);
        }
        naive /= real.length - lag;
        return mae(real, forecast) / naive;
    }

    /** Mean pinball (quantile) loss of quantile forecasts at level tau in (0, 1). */
    public static double pinball(double[] real, double[] quantile, double tau)
    {
        check(real, quantile);
        if (!(tau > 0 && tau < 1)) {
            throw new IllegalArgumentException("Cannot compute pinball loss at quantile level " + tau + ": it must be in (0, 1)");
        }
        double sum = 0;
        for (int i = 0; i < real.length; i++) {
            double error = real[i] - quantile[i];
            sum += error >= 0 ? tau * error : (tau - 1) * error;
        }
        return sum / real.length;
    }

    /** Share of hours whose real price lies in [lower, upper]: the empirical coverage of a central interval. */
    public static double coverage(double[] real, double[] lower, double[] upper)
    {
        check(real, lower);
        check(real, upper);
        int inside = 0;
        for (int i = 0; i < real.length; i++) {
            if (lower[i] > upper[i]) {
                throw new IllegalArgumentException("Cannot compute coverage: hour " + i + " has lower bound " + lower[i] + " above upper bound " + upper[i]);
            }
            if (real[i] >= lower[i] && real[i] <= upper[i]) {
                inside++;
            }
        }
        return (double) inside / real.length;
    }

    static void check(double[] real, double[] forecast)
    {
        requireNonNull(real, "real is null");
        requireNonNull(forecast, "forecast is null");
        if (real.length != forecast.length) {
            throw new IllegalArgumentException("Cannot compare " + real.length + " real prices with " + forecast.length + " forecasts");
        }
        if (real.length == 0) {
            throw new IllegalArgumentException("Cannot compute a metric over no hours");
        }
        for (int i = 0; i < real.length; i++) {
            if (!Double.isFinite(real[i]) || !Double.isFinite(forecast[i])) {
                throw new IllegalArgumentException("Cannot compute a metric: hour " + i + " has real " + real[i] + " and forecast " + forecast[i]);
            }
        }
    }
}
