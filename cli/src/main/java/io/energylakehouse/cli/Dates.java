package io.energylakehouse.cli;

import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.time.MarketTime;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Operating-date arguments: {@code 2024-03-10}, or a range {@code 2024-03-09..2024-03-11}, comma-separated. */
final class Dates
{
    private Dates() {}

    /** {@code option} names the arguments in errors, e.g. {@code --dates}. */
    static List<LocalDate> parse(String option, List<String> arguments)
    {
        TreeSet<LocalDate> dates = new TreeSet<>();
        for (String argument : arguments) {
            for (String part : argument.split(",")) {
                String text = part.trim();
                if (text.isEmpty()) {
                    continue;
                }
                int range = text.indexOf("..");
                try {
                    if (range >= 0) {
                        dates.addAll(MarketTime.dates(LocalDate.parse(text.substring(0, range).trim()), LocalDate.parse(text.substring(range + 2).trim())));
                    }
                    else {
                        dates.add(LocalDate.parse(text));
                    }
                }
                catch (DateTimeParseException e) {
                    throw LakehouseException.userError("%s must be dates like 2024-08-01 or ranges like 2024-08-01..2024-08-07, got '%s'", option, text);
                }
            }
        }
        return new ArrayList<>(dates);
    }

    static List<LocalDate> range(LocalDate start, LocalDate end)
    {
        return MarketTime.dates(start, end == null ? start : end);
    }

    /** A date option's value; picocli puts the option's name in front of the message. */
    static LocalDate date(String text)
    {
        try {
            return LocalDate.parse(text.trim());
        }
        catch (DateTimeParseException e) {
            throw new picocli.CommandLine.TypeConversionException("must be a date like 2024-08-01, got '" + text + "'");
        }
    }
}
