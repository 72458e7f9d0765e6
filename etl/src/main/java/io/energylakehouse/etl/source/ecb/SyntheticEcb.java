package io.energylakehouse.etl.source.ecb;

import io.energylakehouse.common.ErrorCode;
import io.energylakehouse.common.FileErrors;
import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.etl.connector.SampleFiles;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * A SYNTHETIC {@code eurofxref-hist.csv} in the ECB's exact layout (header {@code Date,USD,...,}, a trailing comma on
 * every line, newest first, {@code N/A} for a currency not quoted) with made-up rates, beside a README saying so.
 * Weekends are left out (the ECB publishes on TARGET business days; holidays are not modelled). The same days,
 * currencies and seed give the same bytes.
 */
public final class SyntheticEcb
{
    /** Currencies with a typical rate and its decimals as the ECB publishes them; HRK is written N/A (not quoted since 2023). */
    private record Currency(String code, double typical, int decimals) {}

    private static final List<Currency> CURRENCIES = List.of(
            new Currency("USD", 1.10, 4), new Currency("JPY", 160.0, 2), new Currency("GBP", 0.85, 5), new Currency("CHF", 0.95, 4),
            new Currency("NOK", 11.5, 4), new Currency("SEK", 11.2, 4), new Currency("DKK", 7.46, 4), new Currency("PLN", 4.3, 4),
            new Currency("CAD", 1.5, 4), new Currency("AUD", 1.65, 4), new Currency("RON", 4.97, 4), new Currency("HUF", 395.0, 2));
    public static final String FILE_NAME = "eurofxref-hist.csv";

    private final long seed;

    public SyntheticEcb(long seed)
    {
        this.seed = seed;
    }

    /** Writes the history file of the days' business days for {@code currencies} currencies (at least 1, at most 12) plus HRK as N/A. */
    public List<Path> write(Path directory, List<LocalDate> days, int currencies)
    {
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve("README.txt"), "SYNTHETIC DATA. " + FILE_NAME + " is in the exact format of the ECB's euro foreign exchange "
                    + "reference rates history file, but its rates are made up by the lakehouse's sample generator (seed " + seed + "). It is not ECB data.\n");
            List<LocalDate> businessDays = days.stream().distinct().filter(day -> day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY)
                    .sorted(Comparator.reverseOrder()).toList();
            if (businessDays.isEmpty()) {
                return List.of();
            }
            byte[] bytes = csv(businessDays, CURRENCIES.subList(0, Math.max(1, Math.min(currencies, CURRENCIES.size()))));
            return List.of(SampleFiles.write(directory, FILE_NAME, bytes, EcbRates.publishedAt(businessDays.get(0))));
        }
        catch (IOException e) {
            throw new LakehouseException(ErrorCode.USER_ERROR, "Cannot write synthetic ECB files to " + directory + ": " + FileErrors.reason(e), e);
        }
    }

    private byte[] csv(List<LocalDate> newestFirst, List<Currency> currencies)
    {
        StringBuilder csv = new StringBuilder("Date,");
        currencies.forEach(currency -> csv.append(currency.code()).append(','));
        csv.append("HRK,\n");
        for (LocalDate day : newestFirst) {
            Random random = new Random(seed * 31 + day.toEpochDay());
            csv.append(day).append(',');
            for (Currency currency : currencies) {
                double rate = currency.typical() * (1 + (random.nextDouble() - 0.5) * 0.02);
                csv.append(BigDecimal.valueOf(rate).setScale(currency.decimals(), RoundingMode.HALF_UP).toPlainString()).append(',');
            }
            csv.append(EcbRates.NOT_QUOTED).append(",\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The currencies the generator can write, in its order. */
    public static List<String> currencies()
    {
        List<String> codes = new ArrayList<>();
        CURRENCIES.forEach(currency -> codes.add(currency.code()));
        return codes;
    }
}
