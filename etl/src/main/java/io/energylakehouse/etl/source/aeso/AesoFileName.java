package io.energylakehouse.etl.source.aeso;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names the connector gives AESO payloads: {@code aeso_pool_price_20241101_20241130.json} (the report and the
 * operating days asked for, both included; live responses and synthetic files alike). The API's responses carry no
 * file name, and legacy ETS reports are saved under whatever name a user chose: such a name is read for its report
 * only ({@link #reportOf}).
 */
public record AesoFileName(AesoReport report, LocalDate first, LocalDate last)
{
    private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;
    private static final Pattern NAME = Pattern.compile("aeso_(pool_price|system_marginal_price)_(\\d{8})_(\\d{8})\\.(json|csv)", Pattern.CASE_INSENSITIVE);

    public static String of(AesoReport report, LocalDate first, LocalDate last)
    {
        return "aeso_" + report.reportName() + "_" + first.format(DAY) + "_" + last.format(DAY) + ".json";
    }

    public static Optional<AesoFileName> parse(String fileName)
    {
        Matcher matcher = NAME.matcher(fileName);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new AesoFileName(AesoReport.fromName(matcher.group(1)), LocalDate.parse(matcher.group(2), DAY),
                    LocalDate.parse(matcher.group(3), DAY)));
        }
        catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The report a file name says: ours, the API's ({@code poolPrice}) or the legacy servlet's ({@code HistoricalSystemMarginalPriceReport}). */
    public static Optional<AesoReport> reportOf(String fileName)
    {
        String name = fileName.toLowerCase(Locale.ROOT).replace('-', '_');
        for (AesoReport report : new AesoReport[] {AesoReport.SYSTEM_MARGINAL_PRICE, AesoReport.POOL_PRICE}) {
            if (report.fileNameMarkers().stream().anyMatch(name::contains)) {
                return Optional.of(report);
            }
        }
        return Optional.empty();
    }
}
