package io.energylakehouse.etl.source.eex;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * EEX's names of its auction report files: the yearly {@code emission-spot-primary-market-auction-report-2019-data.xls}
 * ({@code .xlsx} since 2020) and the single-auction {@code primary_auction_report_20230214_39969994.xlsx}; what days
 * each covers.
 */
public record EexFileName(LocalDate first, LocalDate last)
{
    private static final Pattern YEARLY = Pattern.compile("emission-spot-primary-market-auction-report-(\\d{4})-data\\.xlsx?");
    private static final Pattern SINGLE = Pattern.compile("primary_auction_report_(\\d{8})(?:_\\d+)?\\.xlsx?");
    /** The first year EEX published the report as {@code .xlsx}. */
    static final int FIRST_XLSX_YEAR = 2020;

    public EexFileName
    {
        requireNonNull(first, "first is null");
        requireNonNull(last, "last is null");
    }

    public static Optional<EexFileName> parse(String fileName)
    {
        String name = fileName.toLowerCase(Locale.ROOT);
        Matcher yearly = YEARLY.matcher(name);
        if (yearly.matches()) {
            int year = Integer.parseInt(yearly.group(1));
            return Optional.of(new EexFileName(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31)));
        }
        Matcher single = SINGLE.matcher(name);
        if (single.matches()) {
            try {
                LocalDate day = LocalDate.parse(single.group(1), DateTimeFormatter.BASIC_ISO_DATE);
                return Optional.of(new EexFileName(day, day));
            }
            catch (DateTimeParseException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The yearly report's file name as EEX names it: {@code .xls} to 2019, {@code .xlsx} since. */
    public static String yearly(int year)
    {
        return EexAuctions.REQUEST_NAME + "-" + year + "-data." + (year >= FIRST_XLSX_YEAR ? "xlsx" : "xls");
    }

    public boolean overlaps(LocalDate from, LocalDate to)
    {
        return !last.isBefore(from) && !first.isAfter(to);
    }
}
