package io.energylakehouse.etl.source.nyiso;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a MIS file name says: {@code 20240701damlbmp_zone.csv} is the daily file of 2024-07-01,
 * {@code 20240701damlbmp_zone_csv.zip} the monthly zip of July 2024.
 *
 * @param date the day of a daily CSV, the first of the month of a monthly zip
 * @param stem what follows the date, e.g. {@code damlbmp_zone}; the report when it is one of ours
 */
public record NyisoFileName(LocalDate date, String stem, Kind kind)
{
    /** A daily CSV, or the monthly zip of daily CSVs. */
    public enum Kind
    {
        DAILY_CSV,
        MONTHLY_ZIP
    }

    private static final Pattern NAME = Pattern.compile("(?:.*[/\\\\])?(\\d{8})([A-Za-z_]+?)(_csv\\.zip|\\.csv)");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuuMMdd");

    public static Optional<NyisoFileName> parse(String fileName)
    {
        Matcher matcher = NAME.matcher(fileName);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new NyisoFileName(LocalDate.parse(matcher.group(1), DATE), matcher.group(2).toLowerCase(Locale.ROOT),
                    matcher.group(3).equalsIgnoreCase("_csv.zip") ? Kind.MONTHLY_ZIP : Kind.DAILY_CSV));
        }
        catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    public Optional<NyisoReport> report()
    {
        return NyisoReport.ofStem(stem);
    }

    /** The daily CSV's name: {@code 20240701damlbmp_zone.csv}. */
    public static String daily(NyisoReport report, LocalDate date)
    {
        return DATE.format(date) + report.reportName() + ".csv";
    }

    /** The monthly zip's name: {@code 20240701damlbmp_zone_csv.zip}. */
    public static String monthly(NyisoReport report, LocalDate anyDayOfMonth)
    {
        return DATE.format(anyDayOfMonth.withDayOfMonth(1)) + report.reportName() + "_csv.zip";
    }
}
