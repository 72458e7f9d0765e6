package io.energylakehouse.models.gbt;

import io.energylakehouse.common.series.DailyPanel;
import org.apache.spark.ml.attribute.Attribute;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.attribute.NominalAttribute;
import org.apache.spark.ml.attribute.NumericAttribute;
import org.apache.spark.sql.types.StructField;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The features of one target cell (day D, hour h) in long format, all known when D's auction closes on D-1:
 * <ul>
 * <li>the D-1 price level: the D-1 daily mean through the price scaler ({@link #level});</li>
 * <li>the price at h on D-1, D-2, D-3 and D-7, and the D-1 daily min and max, through the price scaler and relative to
 * that level;</li>
 * <li>each exogenous series (a day-ahead forecast, so known for D) at h on D, D-1 and D-7, and its D daily mean, in
 * its own units (trees split on order, so a monotone transform of a feature would change nothing);</li>
 * <li>the hour of day (numeric) and the day of week (nominal, Monday 0).</li>
 * </ul>
 * Pure Java, no Spark jobs: the same row serves training and forecasting.
 * <p>
 * The model learns the target relative to the D-1 level too ({@link GbtForecaster}): a tree forecasts only values
 * it saw in training, so a model of absolute prices cannot follow prices to a level its window never reached (Nord
 * Pool 2018, measured: MAE 2.89 against LEAR's 1.73 over the epftoolbox test period); deviations from yesterday's
 * level it has seen.
 */
public final class GbtFeatures
{
    /** Days of price history a row needs: the price at h on D-7. */
    public static final int HISTORY_DAYS = 7;

    private static final int[] PRICE_LAGS = {1, 2, 3, 7};
    private static final int[] EXOGENOUS_LAGS = {0, 1, 7};
    private static final int DAYS_OF_WEEK = 7;

    private GbtFeatures() {}

    public static List<String> names(DailyPanel panel)
    {
        List<String> names = new ArrayList<>();
        for (int lag : PRICE_LAGS) {
            names.add("price_d" + lag);
        }
        names.add("price_d1_mean");
        names.add("price_d1_min");
        names.add("price_d1_max");
        for (String series : panel.exogenousNames()) {
            String column = column(series);
            for (int lag : EXOGENOUS_LAGS) {
                names.add(column + "_d" + lag);
            }
            names.add(column + "_d0_mean");
        }
        names.add("hour");
        names.add("day_of_week");
        return List.copyOf(names);
    }

    public static int count(DailyPanel panel)
    {
        return PRICE_LAGS.length + 3 + panel.exogenousCount() * (EXOGENOUS_LAGS.length + 1) + 2;
    }

    /** The features column with ML attributes, so that the trees treat the day of week as a category. */
    public static StructField featuresField(DailyPanel panel, String column)
    {
        List<String> names = names(panel);
        Attribute[] attributes = new Attribute[names.size()];
        for (int i = 0; i < names.size() - 1; i++) {
            attributes[i] = NumericAttribute.defaultAttr().withName(names.get(i)).withIndex(i);
        }
        attributes[names.size() - 1] = NominalAttribute.defaultAttr().withName("day_of_week").withIndex(names.size() - 1).withNumValues(DAYS_OF_WEEK);
        return new AttributeGroup(column, attributes).toStructField();
    }

    /**
     * The features of (day, hour). Needs {@code day >= HISTORY_DAYS}; reads prices of days before {@code day} only and
     * exogenous values of days up to {@code day}. A missing input gives NaN in its feature.
     */
    public static double[] row(DailyPanel panel, int day, int hour, AsinhScaler prices)
    {
        if (day < HISTORY_DAYS || day >= panel.days() || hour < 0 || hour >= DailyPanel.HOURS) {
            throw new IllegalArgumentException("Cannot build GBT features of " + panel.name() + " day " + day + " hour " + hour + ": needs "
                    + HISTORY_DAYS + " days of history within the panel's " + panel.days() + " days");
        }
        double[] row = new double[count(panel)];
        double level = level(panel, day, prices);
        int i = 0;
        for (int lag : PRICE_LAGS) {
            row[i++] = prices.transform(panel.price(day - lag, hour)) - level;
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int h = 0; h < DailyPanel.HOURS; h++) {
            double price = panel.price(day - 1, h);
            min = Math.min(min, price);
            max = Math.max(max, price);
        }
        // Math.min and Math.max pass NaN on, as does the level's sum
        row[i++] = level;
        row[i++] = prices.transform(min) - level;
        row[i++] = prices.transform(max) - level;
        for (int series = 0; series < panel.exogenousCount(); series++) {
            for (int lag : EXOGENOUS_LAGS) {
                row[i++] = panel.exogenous(series, day - lag, hour);
            }
            double total = 0;
            for (int h = 0; h < DailyPanel.HOURS; h++) {
                total += panel.exogenous(series, day, h);
            }
            row[i++] = total / DailyPanel.HOURS;
        }
        row[i++] = hour;
        row[i] = panel.date(day).getDayOfWeek().getValue() - 1;
        return row;
    }

    /**
     * The price level a forecast of {@code day} is relative to: the scaled mean of the D-1 prices (NaN if one is
     * missing). Known on D-1 before the auction.
     */
    public static double level(DailyPanel panel, int day, AsinhScaler prices)
    {
        double sum = 0;
        for (int h = 0; h < DailyPanel.HOURS; h++) {
            sum += panel.price(day - 1, h);
        }
        return prices.transform(sum / DailyPanel.HOURS);
    }

    /** "Grid load forecast" -> "grid_load_forecast". */
    static String column(String series)
    {
        String column = series.trim().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
        if (column.isEmpty()) {
            throw new IllegalArgumentException("Cannot name a GBT feature after exogenous series '" + series + "': no letters or digits");
        }
        return column;
    }
}
