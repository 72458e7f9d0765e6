package io.energylakehouse.etl.source.jepx;

import java.time.LocalDate;
import java.time.Month;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JEPX's fiscal years and their files: fiscal year {@code FY} runs from 1 April {@code FY} to 31 March {@code FY+1}
 * (the year in which its April falls), and its results are the one file {@code spot_{FY}.csv}. A day of January to
 * March is in the previous calendar year's file.
 */
public record JepxFiscalYear(int year)
{
    private static final Pattern FILE_NAME = Pattern.compile("(?i)(?:.*jepx[_-]?)?spot(?:_summary)?_(\\d{4})\\.csv");

    public JepxFiscalYear
    {
        if (year < 2000 || year > 9998) {
            throw new IllegalArgumentException("Cannot use JEPX fiscal year " + year + ": JEPX spot files exist from FY2005");
        }
    }

    /** The fiscal year a day is in: its calendar year from April, the previous one in January to March. */
    public static JepxFiscalYear of(LocalDate day)
    {
        return new JepxFiscalYear(day.getMonthValue() >= Month.APRIL.getValue() ? day.getYear() : day.getYear() - 1);
    }

    /** Every fiscal year the days {@code first..last} touch, in order: two when they cross 1 April. */
    public static List<JepxFiscalYear> between(LocalDate first, LocalDate last)
    {
        if (last.isBefore(first)) {
            throw new IllegalArgumentException("Cannot plan JEPX days " + first + ".." + last + ": the end is before the start");
        }
        List<JepxFiscalYear> years = new ArrayList<>();
        for (int year = of(first).year; year <= of(last).year; year++) {
            years.add(new JepxFiscalYear(year));
        }
        return years;
    }

    /**
     * The fiscal year a file name says: JEPX's {@code spot_2025.csv}, also after a prefix naming JEPX ({@code jepx_spot_2025.csv}), or the
     * unverified {@code spot_summary_2025.csv}; no other name (another market's {@code eia_spot_2025.csv} is not JEPX's).
     */
    public static Optional<JepxFiscalYear> ofFileName(String fileName)
    {
        Matcher matcher = FILE_NAME.matcher(fileName);
        return matcher.matches() ? Optional.of(new JepxFiscalYear(Integer.parseInt(matcher.group(1)))) : Optional.empty();
    }

    public LocalDate firstDay()
    {
        return LocalDate.of(year, Month.APRIL, 1);
    }

    public LocalDate lastDay()
    {
        return LocalDate.of(year + 1, Month.MARCH, 31);
    }

    /** {@code spot_2025.csv}. */
    public String fileName()
    {
        return "spot_" + year + ".csv";
    }

    @Override
    public String toString()
    {
        return "FY" + year;
    }
}
