package io.energylakehouse.models.lear;

import io.energylakehouse.common.series.DailyPanel;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The LEAR regressors of epftoolbox for a forecast of day D issued on day D-1 before the auction, in
 * epftoolbox's column order:
 * <ol>
 *   <li>for each hour h, the prices at h on D-1, D-2, D-3 and D-7 (96 columns);</li>
 *   <li>for each hour h: each exogenous series at h on D-1 and D-7, then each at h on D (3 × 24 per series);</li>
 *   <li>seven day-of-week dummies of D, Monday first (never transformed).</li>
 * </ol>
 * Training rows are the days of the calibration window whose lags all fall inside it (the window's first week
 * only supplies lags), with the 24 prices of the day as targets. Only what was known at issue time enters:
 * prices of days before D, exogenous day-ahead forecasts up to D; {@link AsOf} refuses anything else. Training
 * rows with a missing value are left out; a missing value in the forecast day's regressors is an error.
 *
 * @param x [row][column] training regressors, untransformed
 * @param y [row][hour] training targets
 * @param forecastRow the regressors of D
 * @param trainingDays the target day of each training row
 */
public record LearFeatures(double[][] x, double[][] y, double[] forecastRow, List<LocalDate> trainingDays, int columns, int dummyColumns)
{
    static final int[] PRICE_LAGS = {1, 2, 3, 7};
    static final int[] EXOGENOUS_LAGS = {1, 7};
    static final int MAX_LAG = 7;
    public static final int DUMMIES = 7;

    public LearFeatures
    {
        requireNonNull(x, "x is null");
        requireNonNull(y, "y is null");
        requireNonNull(forecastRow, "forecastRow is null");
        trainingDays = List.copyOf(requireNonNull(trainingDays, "trainingDays is null"));
    }

    public static int columns(int exogenousCount)
    {
        return DailyPanel.HOURS * PRICE_LAGS.length + DailyPanel.HOURS * 3 * exogenousCount + DUMMIES;
    }

    /**
     * The regressors for a forecast of {@code target} with a calibration window of {@code windowDays} days
     * (the days before {@code target}; fewer when the panel starts later, as epftoolbox's {@code iloc} does).
     */
    public static LearFeatures build(DailyPanel panel, LocalDate target, int windowDays)
    {
        requireNonNull(panel, "panel is null");
        requireNonNull(target, "target is null");
        AsOf known = new AsOf(panel, target);
        int targetDay = panel.dayIndex(target);
        if (targetDay < MAX_LAG + 1 || targetDay > panel.days()) {
            throw new IllegalArgumentException("Cannot forecast " + target + " from panel " + panel.name() + " (" + panel.firstDay() + ".."
                    + panel.endDay() + "): it needs the " + (MAX_LAG + 1) + " days before it");
        }
        if (windowDays <= MAX_LAG + 1) {
            throw new IllegalArgumentException("Cannot calibrate LEAR on " + windowDays + " days: the window must be longer than " + (MAX_LAG + 1) + " days");
        }
        int windowStart = Math.max(0, targetDay - windowDays);
        int exogenous = panel.exogenousCount();
        int columns = columns(exogenous);
        List<double[]> rows = new ArrayList<>();
        List<double[]> targets = new ArrayList<>();
        List<LocalDate> days = new ArrayList<>();
        for (int day = windowStart + MAX_LAG; day < targetDay; day++) {
            double[] row = regressors(known, day, exogenous, columns);
            double[] prices = new double[DailyPanel.HOURS];
            for (int h = 0; h < DailyPanel.HOURS; h++) {
                prices[h] = known.price(day, h);
            }
            if (allFinite(row) && allFinite(prices)) {
                rows.add(row);
                targets.add(prices);
                days.add(panel.date(day));
            }
        }
        double[] forecastRow = regressors(known, targetDay, exogenous, columns);
        if (!allFinite(forecastRow)) {
            throw new IllegalArgumentException("Cannot forecast " + target + " for " + panel.name()
                    + ": a price of D-1, D-2, D-3 or D-7 or an exogenous forecast of D, D-1 or D-7 is missing");
        }
        return new LearFeatures(rows.toArray(new double[0][]), targets.toArray(new double[0][]), forecastRow, days, columns, DUMMIES);
    }

    private static double[] regressors(AsOf known, int day, int exogenous, int columns)
    {
        double[] row = new double[columns];
        int column = 0;
        for (int h = 0; h < DailyPanel.HOURS; h++) {
            for (int lag : PRICE_LAGS) {
                row[column++] = known.price(day - lag, h);
            }
        }
        for (int h = 0; h < DailyPanel.HOURS; h++) {
            for (int lag : EXOGENOUS_LAGS) {
                for (int k = 0; k < exogenous; k++) {
                    row[column++] = known.exogenous(k, day - lag, h);
                }
            }
            for (int k = 0; k < exogenous; k++) {
                row[column++] = known.exogenous(k, day, h);
            }
        }
        DayOfWeek dayOfWeek = known.panel.date(day).getDayOfWeek();
        row[column + dayOfWeek.getValue() - 1] = 1.0;
        return row;
    }

    private static boolean allFinite(double[] values)
    {
        for (double value : values) {
            if (!Double.isFinite(value)) {
                return false;
            }
        }
        return true;
    }

    public int rows()
    {
        return x.length;
    }

    /**
     * The panel as known when the forecast of {@code target} is issued: prices of earlier days, exogenous
     * day-ahead forecasts up to {@code target}. Reading anything later is a programming error and throws.
     */
    static final class AsOf
    {
        private final DailyPanel panel;
        private final int targetDay;

        AsOf(DailyPanel panel, LocalDate target)
        {
            this.panel = panel;
            this.targetDay = panel.dayIndex(target);
        }

        double price(int day, int hour)
        {
            if (day >= targetDay) {
                throw new IllegalStateException("Cannot read the price of " + panel.date(day) + " for a forecast of " + panel.date(targetDay)
                        + ": it is not known at issue time");
            }
            return panel.price(day, hour);
        }

        double exogenous(int series, int day, int hour)
        {
            if (day > targetDay) {
                throw new IllegalStateException("Cannot read " + panel.exogenousNames().get(series) + " of " + panel.date(day) + " for a forecast of "
                        + panel.date(targetDay) + ": it is not known at issue time");
            }
            return panel.exogenous(series, day, hour);
        }
    }
}
