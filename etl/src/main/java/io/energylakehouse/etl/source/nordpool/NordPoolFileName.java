package io.energylakehouse.etl.source.nordpool;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Our names of Nord Pool payload files, {@code DayAheadPrices_SE3_EUR_2024-07-09.json} (the endpoint, the area or
 * {@code +}-joined areas, the currency, the CET delivery day): the data portal's answers carry no file name, so live
 * payloads and the sample generator's files are named so. Replayed files named otherwise are read all the same.
 */
public record NordPoolFileName(String areas, String currency, LocalDate deliveryDay)
{
    private static final Pattern NAME = Pattern.compile("(?i)DayAheadPrices_([A-Za-z0-9+.-]+)_([A-Za-z]{3})_(\\d{4}-\\d{2}-\\d{2})(?:\\.json)?");

    public static String of(String areas, String currency, LocalDate deliveryDay)
    {
        return "DayAheadPrices_" + areas + "_" + currency + "_" + deliveryDay + ".json";
    }

    public static Optional<NordPoolFileName> parse(String fileName)
    {
        Matcher matcher = NAME.matcher(fileName);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new NordPoolFileName(matcher.group(1), matcher.group(2).toUpperCase(java.util.Locale.ROOT), LocalDate.parse(matcher.group(3))));
        }
        catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
