package io.energylakehouse.curves;

import io.energylakehouse.common.csv.CsvLine;

import java.time.DayOfWeek;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * A shape prior: a factor for every day of the week and local clock hour (hour ending 1..24), applied to the
 * spline either multiplicatively (price = f x factor) or additively (price = f + factor). A day-of-week-only
 * shape has the same factor in all 24 hours; at daily granularity a day takes the mean of its hours.
 */
public record ShapeProfile(double[][] factors, Mode mode)
{
    public enum Mode
    {
        MULTIPLY, ADD;

        public static Mode parse(String text)
        {
            String normalized = text.trim().toUpperCase(Locale.ROOT);
            if (normalized.equals("MULTIPLY") || normalized.equals("MULTIPLICATIVE")) {
                return MULTIPLY;
            }
            if (normalized.equals("ADD") || normalized.equals("ADDITIVE")) {
                return ADD;
            }
            throw new IllegalArgumentException("Cannot read shape mode '" + text + "': use multiply or add");
        }
    }

    public ShapeProfile
    {
        requireNonNull(factors, "factors is null");
        requireNonNull(mode, "mode is null");
        if (factors.length != 7) {
            throw new IllegalArgumentException("Cannot use a shape of " + factors.length + " days: it needs 7 (Monday..Sunday)");
        }
        double[][] copy = new double[7][];
        for (int day = 0; day < 7; day++) {
            if (factors[day].length != 24) {
                throw new IllegalArgumentException("Cannot use a shape with " + factors[day].length + " hours on " + DayOfWeek.of(day + 1) + ": it needs 24");
            }
            for (int hour = 0; hour < 24; hour++) {
                double factor = factors[day][hour];
                if (!Double.isFinite(factor) || mode == Mode.MULTIPLY && !(factor > 0)) {
                    throw new IllegalArgumentException("Cannot use shape factor " + factor + " for " + DayOfWeek.of(day + 1) + " hour ending " + (hour + 1)
                            + (mode == Mode.MULTIPLY ? ": multiplicative factors must be positive" : ": not a number"));
                }
            }
            copy[day] = factors[day].clone();
        }
        factors = copy;
    }

    /** No prior: factor 1 (multiplicative). */
    public static ShapeProfile flat()
    {
        return dayOfWeek(new double[] {1, 1, 1, 1, 1, 1, 1});
    }

    /** Multiplicative day-of-week factors, Monday first (the {@code --dow-shape m,t,w,t,f,s,s} of the CLI). */
    public static ShapeProfile dayOfWeek(double[] mondayToSunday)
    {
        if (mondayToSunday.length != 7) {
            throw new IllegalArgumentException("Cannot use a day-of-week shape of " + mondayToSunday.length + " values: give 7, Monday to Sunday");
        }
        double[][] factors = new double[7][24];
        for (int day = 0; day < 7; day++) {
            Arrays.fill(factors[day], mondayToSunday[day]);
        }
        return new ShapeProfile(factors, Mode.MULTIPLY);
    }

    public static ShapeProfile parseDayOfWeek(String commaSeparated)
    {
        String[] parts = commaSeparated.split(",");
        double[] values = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                values[i] = Double.parseDouble(parts[i].trim());
            }
            catch (NumberFormatException e) {
                throw new IllegalArgumentException("Cannot read day-of-week shape '" + commaSeparated + "': '" + parts[i] + "' is not a number");
            }
        }
        return dayOfWeek(values);
    }

    /**
     * Reads a shape file: a header with {@code factor} and any of {@code day_of_week} (1..7 with Monday 1, or
     * Mon..Sun) and {@code hour_ending} (1..24, local clock); a row without a day applies to every day, one
     * without an hour to every hour. Every (day, hour) must end up with exactly one factor.
     */
    public static ShapeProfile parseCsv(String text, Mode mode, String source)
    {
        List<String> lines = new ArrayList<>();
        // without the byte-order mark a spreadsheet writes before the first line
        for (String line : (text.startsWith("\uFEFF") ? text.substring(1) : text).split("\\R")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                lines.add(line);
            }
        }
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("Cannot read shape " + source + ": it is empty");
        }
        List<String> header = CsvLine.split(lines.get(0)).stream().map(name -> name.trim().toLowerCase(Locale.ROOT)).toList();
        int factorColumn = header.indexOf("factor");
        int dayColumn = header.indexOf("day_of_week");
        int hourColumn = header.indexOf("hour_ending");
        if (factorColumn < 0 || dayColumn < 0 && hourColumn < 0) {
            throw new IllegalArgumentException("Cannot read shape " + source + ": its header " + header + " needs factor and day_of_week and/or hour_ending");
        }
        double[][] factors = new double[7][24];
        int[][] seen = new int[7][24];
        for (int i = 1; i < lines.size(); i++) {
            String[] fields = CsvLine.split(lines.get(i)).toArray(new String[0]);
            int lineNumber = i + 1;
            try {
                double factor = Double.parseDouble(fields[factorColumn].trim());
                int firstDay = 0;
                int lastDay = 6;
                if (dayColumn >= 0 && !fields[dayColumn].isBlank()) {
                    firstDay = parseDay(fields[dayColumn].trim());
                    lastDay = firstDay;
                }
                int firstHour = 0;
                int lastHour = 23;
                if (hourColumn >= 0 && !fields[hourColumn].isBlank()) {
                    int hourEnding = Integer.parseInt(fields[hourColumn].trim());
                    if (hourEnding < 1 || hourEnding > 24) {
                        throw new IllegalArgumentException("hour_ending " + hourEnding + " is not in 1..24");
                    }
                    firstHour = hourEnding - 1;
                    lastHour = firstHour;
                }
                for (int day = firstDay; day <= lastDay; day++) {
                    for (int hour = firstHour; hour <= lastHour; hour++) {
                        factors[day][hour] = factor;
                        seen[day][hour]++;
                    }
                }
            }
            catch (RuntimeException e) {
                throw new IllegalArgumentException("Cannot read shape " + source + " line " + lineNumber + " '" + lines.get(i) + "': " + e.getMessage());
            }
        }
        for (int day = 0; day < 7; day++) {
            for (int hour = 0; hour < 24; hour++) {
                if (seen[day][hour] != 1) {
                    throw new IllegalArgumentException("Cannot read shape " + source + ": " + DayOfWeek.of(day + 1) + " hour ending " + (hour + 1)
                            + " has " + seen[day][hour] + " factors (needs exactly one)");
                }
            }
        }
        return new ShapeProfile(factors, mode);
    }

    private static int parseDay(String text)
    {
        if (text.chars().allMatch(Character::isDigit)) {
            int day = Integer.parseInt(text);
            if (day < 1 || day > 7) {
                throw new IllegalArgumentException("day_of_week " + day + " is not in 1..7 (Monday is 1)");
            }
            return day - 1;
        }
        String prefix = text.toUpperCase(Locale.ROOT);
        for (DayOfWeek day : DayOfWeek.values()) {
            if (prefix.length() >= 3 && day.name().startsWith(prefix)) {
                return day.getValue() - 1;
            }
        }
        throw new IllegalArgumentException("day_of_week '" + text + "' is not a day (1..7 or Mon..Sun)");
    }

    public double factor(DayOfWeek day, int hourEnding)
    {
        return factors[day.getValue() - 1][hourEnding - 1];
    }

    /**
     * The prior on a grid: multiplier and addend per period. Hourly periods take their local clock hour's factor;
     * daily periods the mean of their day's 24 clock hours.
     */
    public Prior onGrid(DeliveryGrid grid)
    {
        double[] multiplier = new double[grid.size()];
        double[] addend = new double[grid.size()];
        for (int period = 0; period < grid.size(); period++) {
            ZonedDateTime start = grid.start(period);
            double factor;
            if (grid.granularity() == Granularity.HOUR) {
                factor = factor(start.getDayOfWeek(), start.getHour() + 1);
            }
            else {
                double sum = 0;
                for (int hour = 0; hour < 24; hour++) {
                    sum += factors[start.getDayOfWeek().getValue() - 1][hour];
                }
                factor = sum / 24;
            }
            if (mode == Mode.MULTIPLY) {
                multiplier[period] = factor;
            }
            else {
                multiplier[period] = 1;
                addend[period] = factor;
            }
        }
        return new Prior(multiplier, addend);
    }

    /** A prior on a grid: price = (spline + addend) x multiplier, per period. */
    public record Prior(double[] multiplier, double[] addend)
    {
        public Prior
        {
            requireNonNull(multiplier, "multiplier is null");
            requireNonNull(addend, "addend is null");
        }
    }
}
