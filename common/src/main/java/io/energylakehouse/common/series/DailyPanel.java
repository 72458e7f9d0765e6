package io.energylakehouse.common.series;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * An hourly series as forecasting models read it: one row per local delivery day, 24 clock hours per row, the
 * day-ahead price and any number of exogenous series (day-ahead load, wind, solar forecasts) on the same grid.
 * <p>
 * Days are consecutive local days of {@code zone}; hour h is the local clock hour [h:00, h+1:00). Real days
 * have 23 or 25 hours: the reader that builds a panel from the curated tables fills the missing clock hour of
 * a spring-forward day with the mean of its neighbours and gives the repeated clock hour of a fall-back day the
 * mean of its two intervals; {@code filledCells} counts the cells so made. This is the grid the epftoolbox
 * datasets were published on. A missing value is NaN.
 * <p>
 * The arrays are copied in and never handed out: a panel is immutable (and serialisable, for Spark tasks).
 */
public final class DailyPanel
        implements Serializable
{
    private static final long serialVersionUID = 1L;

    public static final int HOURS = 24;

    private final String name;
    private final ZoneId zone;
    private final LocalDate firstDay;
    private final double[][] prices;
    private final List<String> exogenousNames;
    private final double[][][] exogenous;
    private final String currency;
    private final int filledCells;

    /**
     * @param prices [day][hour] day-ahead price per MWh
     * @param exogenous [series][day][hour], one per name in {@code exogenousNames}
     */
    public DailyPanel(String name, ZoneId zone, LocalDate firstDay, double[][] prices, List<String> exogenousNames, double[][][] exogenous,
            String currency, int filledCells)
    {
        this.name = requireNonNull(name, "name is null");
        this.zone = requireNonNull(zone, "zone is null");
        this.firstDay = requireNonNull(firstDay, "firstDay is null");
        this.exogenousNames = List.copyOf(requireNonNull(exogenousNames, "exogenousNames is null"));
        this.currency = requireNonNull(currency, "currency is null");
        requireNonNull(prices, "prices is null");
        requireNonNull(exogenous, "exogenous is null");
        if (exogenous.length != this.exogenousNames.size()) {
            throw new IllegalArgumentException("Cannot build panel " + name + ": " + exogenous.length + " exogenous series for "
                    + this.exogenousNames.size() + " names " + this.exogenousNames);
        }
        this.prices = copy(prices, name, "prices");
        this.exogenous = new double[exogenous.length][][];
        for (int k = 0; k < exogenous.length; k++) {
            this.exogenous[k] = copy(exogenous[k], name, this.exogenousNames.get(k));
            if (this.exogenous[k].length != this.prices.length) {
                throw new IllegalArgumentException("Cannot build panel " + name + ": series " + this.exogenousNames.get(k) + " has "
                        + this.exogenous[k].length + " days, prices have " + this.prices.length);
            }
        }
        if (filledCells < 0) {
            throw new IllegalArgumentException("Cannot build panel " + name + ": filledCells is negative: " + filledCells);
        }
        this.filledCells = filledCells;
    }

    private static double[][] copy(double[][] rows, String name, String series)
    {
        double[][] copy = new double[rows.length][];
        for (int d = 0; d < rows.length; d++) {
            if (rows[d].length != HOURS) {
                throw new IllegalArgumentException("Cannot build panel " + name + ": series " + series + " day " + d + " has "
                        + rows[d].length + " hours, not " + HOURS);
            }
            copy[d] = rows[d].clone();
        }
        return copy;
    }

    public String name()
    {
        return name;
    }

    public ZoneId zone()
    {
        return zone;
    }

    public LocalDate firstDay()
    {
        return firstDay;
    }

    /** Day after the last day. */
    public LocalDate endDay()
    {
        return firstDay.plusDays(prices.length);
    }

    public int days()
    {
        return prices.length;
    }

    public String currency()
    {
        return currency;
    }

    public int filledCells()
    {
        return filledCells;
    }

    public List<String> exogenousNames()
    {
        return exogenousNames;
    }

    public int exogenousCount()
    {
        return exogenous.length;
    }

    public LocalDate date(int day)
    {
        return firstDay.plusDays(day);
    }

    /** Index of {@code date}; may be negative or past the end (callers check with {@link #contains}). */
    public int dayIndex(LocalDate date)
    {
        return Math.toIntExact(ChronoUnit.DAYS.between(firstDay, date));
    }

    public boolean contains(LocalDate date)
    {
        int day = dayIndex(date);
        return day >= 0 && day < prices.length;
    }

    public double price(int day, int hour)
    {
        return prices[day][hour];
    }

    public double exogenous(int series, int day, int hour)
    {
        return exogenous[series][day][hour];
    }

    /** A copy of one day's 24 prices. */
    public double[] dayPrices(int day)
    {
        return prices[day].clone();
    }

    /** The days [from, to) as a panel of their own. */
    public DailyPanel slice(LocalDate from, LocalDate to)
    {
        int start = dayIndex(from);
        int end = dayIndex(to);
        if (start < 0 || end > prices.length || start >= end) {
            throw new IllegalArgumentException("Cannot slice panel " + name + " (" + firstDay + ".." + endDay() + ") to " + from + ".." + to);
        }
        double[][][] exogenousSlice = new double[exogenous.length][][];
        for (int k = 0; k < exogenous.length; k++) {
            exogenousSlice[k] = Arrays.copyOfRange(exogenous[k], start, end);
        }
        return new DailyPanel(name, zone, from, Arrays.copyOfRange(prices, start, end), exogenousNames, exogenousSlice, currency, filledCells);
    }

    @Override
    public String toString()
    {
        return "DailyPanel[" + name + ", " + zone + ", " + firstDay + ".." + endDay() + ", " + days() + " days, exogenous " + exogenousNames + "]";
    }
}
