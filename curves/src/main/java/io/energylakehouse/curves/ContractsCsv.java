package io.energylakehouse.curves;

import io.energylakehouse.common.csv.CsvLine;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The contracts file of {@code bin/lakehouse curves fit}: a header, then one quote per line with the columns
 * {@code contract,delivery_start,delivery_end,price} (ISO dates, start inclusive, end exclusive, in the
 * market's local calendar) and optionally {@code profile} (base, peak or offpeak; base when absent). Columns
 * may come in any order; blank lines and lines starting with {@code #} are skipped.
 */
public final class ContractsCsv
{
    private static final List<String> REQUIRED = List.of("contract", "delivery_start", "delivery_end", "price");

    private ContractsCsv() {}

    public static List<Contract> parse(String text, String source)
    {
        // the byte-order mark a spreadsheet writes is before the first line, whether a comment or the header
        String[] lines = stripBom(text).split("\\R");
        int headerLine = -1;
        for (int i = 0; i < lines.length; i++) {
            if (!lines[i].isBlank() && !lines[i].startsWith("#")) {
                headerLine = i;
                break;
            }
        }
        if (headerLine < 0) {
            throw new IllegalArgumentException("Cannot read contracts " + source + ": the file is empty");
        }
        List<String> header = CsvLine.split(lines[headerLine]).stream().map(name -> name.trim().toLowerCase(Locale.ROOT)).toList();
        List<String> missing = REQUIRED.stream().filter(column -> !header.contains(column)).toList();
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException("Cannot read contracts " + source + ": the header " + header + " lacks " + missing
                    + " (columns: contract,delivery_start,delivery_end,price[,profile])");
        }
        int profileColumn = header.indexOf("profile");
        List<Contract> contracts = new ArrayList<>();
        for (int i = headerLine + 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] fields = CsvLine.split(line).toArray(new String[0]);
            int lineNumber = i + 1;
            if (fields.length < header.size()) {
                throw new IllegalArgumentException("Cannot read contracts " + source + " line " + lineNumber + " '" + line + "': "
                        + fields.length + " fields, the header has " + header.size());
            }
            try {
                String name = fields[header.indexOf("contract")].trim();
                LocalDate start = LocalDate.parse(fields[header.indexOf("delivery_start")].trim());
                LocalDate end = LocalDate.parse(fields[header.indexOf("delivery_end")].trim());
                double price = Double.parseDouble(fields[header.indexOf("price")].trim());
                Profile profile = profileColumn >= 0 && !fields[profileColumn].isBlank() ? Profile.parse(fields[profileColumn]) : Profile.BASE;
                contracts.add(new Contract(name.isEmpty() ? start + "/" + end : name, start, end, price, profile));
            }
            catch (DateTimeParseException e) {
                throw new IllegalArgumentException("Cannot read contracts " + source + " line " + lineNumber + " '" + line + "': date '"
                        + e.getParsedString() + "' is not yyyy-MM-dd");
            }
            catch (NumberFormatException e) {
                throw new IllegalArgumentException("Cannot read contracts " + source + " line " + lineNumber + " '" + line + "': price is not a number");
            }
            catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Cannot read contracts " + source + " line " + lineNumber + " '" + line + "': " + e.getMessage());
            }
        }
        if (contracts.isEmpty()) {
            throw new IllegalArgumentException("Cannot read contracts " + source + ": no quotes below the header");
        }
        return contracts;
    }

    private static String stripBom(String line)
    {
        return line.startsWith("\uFEFF") ? line.substring(1) : line;
    }

    /**
     * The curve as CSV: {@code period_start,period_end,price}, plus {@code profile} when it has more than one
     * profile. Daily periods are ISO dates; hourly ones ISO local date-times with their UTC offset, so the two
     * 01:00 hours of a fall-back day stay apart.
     */
    public static String format(ForwardCurve curve, Granularity granularity)
    {
        boolean profiles = curve.points().stream().map(ForwardCurve.Point::profile).distinct().count() > 1;
        StringBuilder out = new StringBuilder(profiles ? "period_start,period_end,profile,price\n" : "period_start,period_end,price\n");
        for (ForwardCurve.Point point : curve.points()) {
            if (granularity == Granularity.DAY) {
                out.append(point.periodStart().toLocalDate()).append(',').append(point.periodEnd().toLocalDate());
            }
            else {
                out.append(point.periodStart().toOffsetDateTime()).append(',').append(point.periodEnd().toOffsetDateTime());
            }
            if (profiles) {
                out.append(',').append(point.profile().label());
            }
            out.append(',').append(String.format(Locale.ROOT, "%.6f", point.price())).append('\n');
        }
        return out.toString();
    }
}
