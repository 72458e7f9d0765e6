package io.energylakehouse.etl.source.epf;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two CSV layouts: a header row, then one line per local clock hour, the timestamp in the first column
 * (local wall-clock time of the market, hour beginning, exactly 24 lines per day: the authors of both removed
 * daylight-saving days' extra and missing hours), the price and exogenous series in the others.
 */
public enum SeriesFormat
{
    /**
     * epftoolbox: {@code Date, Price, <exogenous 1>, ...}: timestamps {@code yyyy-MM-dd HH:mm:ss}; column 2 is the
     * price, columns 3.. are day-ahead forecasts, mapped by header variant ({@link SeriesLayout}).
     */
    EPFTOOLBOX("yyyy-MM-dd HH:mm:ss", Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})[ T](\\d{2}):(\\d{2})(?::(\\d{2}))?")),
    /**
     * deepforkit (ENTSO-E extracts): {@code ,Price_DA,Load_DA,Load_AC,Gen_SC,Sol_DA,Won_DA[,Woff_DA]}: timestamps
     * {@code M/d/yyyy H:mm}; columns found by name.
     */
    DEEPFORKIT("M/d/yyyy H:mm", Pattern.compile("(\\d{1,2})/(\\d{1,2})/(\\d{4}) (\\d{1,2}):(\\d{2})(?::(\\d{2}))?"));

    private final String timestampPattern;
    private final Pattern timestamp;

    SeriesFormat(String timestampPattern, Pattern timestamp)
    {
        this.timestampPattern = timestampPattern;
        this.timestamp = timestamp;
    }

    /** The code users type and tables hold: {@code epftoolbox}, {@code deepforkit}. */
    public String code()
    {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Report name in {@code raw.fetch_log}: one per layout. */
    public String report()
    {
        return name();
    }

    public String timestampPattern()
    {
        return timestampPattern;
    }

    public static Optional<SeriesFormat> fromCode(String code)
    {
        return Arrays.stream(values()).filter(format -> format.code().equalsIgnoreCase(code.trim())).findFirst();
    }

    public static String codes()
    {
        return String.join(", ", Arrays.stream(values()).map(SeriesFormat::code).toList());
    }

    /**
     * Reads a timestamp of this layout as local date-time; empty when it is not in the layout's form or not a
     * valid date and time.
     */
    public Optional<LocalDateTime> parseTimestamp(String text)
    {
        Matcher matcher = timestamp.matcher(text.trim());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        int year;
        int month;
        int day;
        if (this == EPFTOOLBOX) {
            year = Integer.parseInt(matcher.group(1));
            month = Integer.parseInt(matcher.group(2));
            day = Integer.parseInt(matcher.group(3));
        }
        else {
            month = Integer.parseInt(matcher.group(1));
            day = Integer.parseInt(matcher.group(2));
            year = Integer.parseInt(matcher.group(3));
        }
        int second = matcher.group(6) == null ? 0 : Integer.parseInt(matcher.group(6));
        try {
            return Optional.of(LocalDateTime.of(year, month, day, Integer.parseInt(matcher.group(4)), Integer.parseInt(matcher.group(5)), second));
        }
        catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
