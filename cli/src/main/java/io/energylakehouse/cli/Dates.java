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

    static List<LocalDate> parse(List<String> arguments)
    {
        TreeSet<LocalDate> dates = new TreeSet<>();
        for (String argument : arguments) {
            for (String part : argument.split(",")) {
                String text = part.trim();
                if (text.isEmpty()) {
                    continue;
                }
                int range = text.indexOf("..");
                if (range >= 0) {
                    dates.addAll(MarketTime.dates(date(text.substring(0, range)), date(text.substring(range + 2))));
                }
                else {
                    dates.add(date(text));
                }
            }
        }
        return new ArrayList<>(dates);
    }

    static List<LocalDate> range(LocalDate start, LocalDate end)
    {
        return MarketTime.dates(start, end == null ? start : end);
    }

    static LocalDate date(String text)
    {
        try {
            return LocalDate.parse(text.trim());
        }
        catch (DateTimeParseException e) {
            throw LakehouseException.userError("Cannot read date '%s': use YYYY-MM-DD or YYYY-MM-DD..YYYY-MM-DD", text);
        }
    }
}
