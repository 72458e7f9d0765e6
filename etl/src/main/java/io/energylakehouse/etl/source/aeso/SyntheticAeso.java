package io.energylakehouse.etl.source.aeso;

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
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.TreeSet;

/**
 * Generates SYNTHETIC AESO API answers in the gateway's JSON shape: {@code {"timestamp":...,"responseCode":"200",
 * "return":{"Pool Price Report":[...]}}} with string values ({@code begin_datetime_utc}, {@code begin_datetime_mpt},
 * {@code pool_price}, {@code forecast_pool_price}, {@code rolling_30day_avg}), and the same for the
 * {@code System Marginal Price Report} ({@code begin/end_datetime_utc/mpt}, {@code system_marginal_price} a number,
 * {@code volume} a string). One file per report and day, named as live answers are ({@link AesoFileName}). Made-up
 * prices: an SMP set at the top of every hour and changed at a few random minutes, the pool price its time-weighted
 * average over the hour (as AESO computes it), between the floor 0 and the cap 999.99. Deterministic: the same days
 * and seed give the same bytes. Alberta has one system price, so the number of locations asked for is ignored.
 */
public final class SyntheticAeso
{
    private static final DateTimeFormatter API_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm", Locale.ROOT);
    private static final BigDecimal CAP = new BigDecimal("999.99");

    /** Alberta's 2024 spring-forward (23 hours) and fall-back (25 hours) days. */
    public static final List<LocalDate> DST_DAYS_2024 = List.of(LocalDate.of(2024, 3, 10), LocalDate.of(2024, 11, 3));

    private final long seed;

    public SyntheticAeso(long seed)
    {
        this.seed = seed;
    }

    /** A generated file: its name, bytes and when AESO would have answered with it. */
    public record GeneratedFile(String fileName, byte[] bytes, Instant publishedAtUtc) {}

    /** One SMP: its price from start to end. */
    record Smp(Instant start, Instant end, BigDecimal price, int volumeMw) {}

    /** Writes both reports' files of each day into {@code directory}, beside a README saying they are synthetic. */
    public List<Path> write(Path directory, List<LocalDate> days)
    {
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve("README.txt"), "SYNTHETIC DATA. These files are in the JSON shape of AESO API gateway answers (Pool Price "
                    + "Report, System Marginal Price Report) but every price is made up by SyntheticAeso (seed " + seed + "). Not market data.\n",
                    StandardCharsets.UTF_8);
            List<Path> files = new ArrayList<>();
            for (LocalDate day : days) {
                files.add(write(directory, poolPrice(day)));
                files.add(write(directory, systemMarginalPrice(day)));
            }
            return files;
        }
        catch (IOException e) {
            throw new LakehouseException(ErrorCode.USER_ERROR, "Cannot write synthetic AESO files to " + directory + ": " + FileErrors.reason(e), e);
        }
    }

    /** The pool price answer of a day, as if asked ten minutes after the day's end. */
    public GeneratedFile poolPrice(LocalDate day)
    {
        StringBuilder rows = new StringBuilder();
        Random average = new Random(seed * 17 + day.toEpochDay());
        BigDecimal rolling = scaled(60 + 40 * average.nextDouble());
        for (Instant hour : AesoMarket.TIME.intervalStarts(day, 60)) {
            BigDecimal price = hourAverage(smp(hour));
            BigDecimal forecast = scaled(Math.min(999.99, Math.max(0, price.doubleValue() + new Random(seed * 7 + hour.getEpochSecond()).nextGaussian() * 6)));
            if (rows.length() > 0) {
                rows.append(',');
            }
            rows.append("{\"begin_datetime_utc\":\"").append(utc(hour)).append("\",\"begin_datetime_mpt\":\"").append(mountain(hour))
                    .append("\",\"pool_price\":\"").append(price.toPlainString()).append("\",\"forecast_pool_price\":\"").append(forecast.toPlainString())
                    .append("\",\"rolling_30day_avg\":\"").append(rolling.toPlainString()).append("\"}");
        }
        return answer(AesoReport.POOL_PRICE, day, rows);
    }

    /** The system marginal price answer of a day, as if asked ten minutes after the day's end. */
    public GeneratedFile systemMarginalPrice(LocalDate day)
    {
        StringBuilder rows = new StringBuilder();
        for (Instant hour : AesoMarket.TIME.intervalStarts(day, 60)) {
            for (Smp smp : smp(hour)) {
                if (rows.length() > 0) {
                    rows.append(',');
                }
                rows.append("{\"begin_datetime_utc\":\"").append(utc(smp.start())).append("\",\"end_datetime_utc\":\"").append(utc(smp.end()))
                        .append("\",\"begin_datetime_mpt\":\"").append(mountain(smp.start())).append("\",\"end_datetime_mpt\":\"").append(mountain(smp.end()))
                        .append("\",\"system_marginal_price\":").append(smp.price().toPlainString()).append(",\"volume\":\"").append(smp.volumeMw())
                        .append("\"}");
            }
        }
        return answer(AesoReport.SYSTEM_MARGINAL_PRICE, day, rows);
    }

    private static GeneratedFile answer(AesoReport report, LocalDate day, StringBuilder rows)
    {
        Instant published = AesoMarket.TIME.dayEnd(day).plus(Duration.ofMinutes(10));
        String json = "{\"timestamp\":\"" + LocalDateTime.ofInstant(published, ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS",
                Locale.ROOT)) + "+0000\",\"responseCode\":\"200\",\"return\":{\"" + report.jsonKey() + "\":[" + rows + "]}}\n";
        return new GeneratedFile(AesoFileName.of(report, day, day), json.getBytes(StandardCharsets.UTF_8), published);
    }

    /** The SMPs of the hour starting at {@code hour}: one from its start, then a change at each of a few random minutes. */
    List<Smp> smp(Instant hour)
    {
        LocalDateTime local = LocalDateTime.ofInstant(hour, AesoMarket.TIME.zone());
        double clock = local.getHour();
        Random daily = new Random(seed * 31 + local.toLocalDate().toEpochDay());
        double level = 35 + 45 * daily.nextDouble();
        double shape = 25 * Math.exp(-Math.pow(clock - 8, 2) / 4) + 70 * Math.exp(-Math.pow(clock - 18.5, 2) / 5) - 15 * Math.exp(-Math.pow(clock - 3, 2) / 6);
        Random random = new Random(seed * 7919 + hour.getEpochSecond());
        TreeSet<Integer> minutes = new TreeSet<>();
        int changes = random.nextInt(5);
        while (minutes.size() < changes) {
            minutes.add(1 + random.nextInt(59));
        }
        List<Integer> starts = new ArrayList<>(List.of(0));
        starts.addAll(minutes);
        List<Smp> smp = new ArrayList<>();
        for (int i = 0; i < starts.size(); i++) {
            Instant start = hour.plus(Duration.ofMinutes(starts.get(i)));
            Instant end = i + 1 < starts.size() ? hour.plus(Duration.ofMinutes(starts.get(i + 1))) : hour.plus(Duration.ofHours(1));
            double price = level + shape + random.nextGaussian() * 12;
            if (random.nextInt(60) == 0) {
                price = 400 + random.nextDouble() * 600;
            }
            smp.add(new Smp(start, end, scaled(Math.min(999.99, Math.max(0, price))), 50 + random.nextInt(600)));
        }
        return smp;
    }

    /** The time-weighted average SMP of the hour, to the cent: the pool price. */
    static BigDecimal hourAverage(List<Smp> smp)
    {
        BigDecimal sum = BigDecimal.ZERO;
        for (Smp price : smp) {
            sum = sum.add(price.price().multiply(BigDecimal.valueOf(Duration.between(price.start(), price.end()).toMinutes())));
        }
        BigDecimal average = sum.divide(BigDecimal.valueOf(60), 2, RoundingMode.HALF_EVEN);
        return average.compareTo(CAP) > 0 ? CAP : average;
    }

    private static String utc(Instant instant)
    {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC).format(API_TIME);
    }

    private static String mountain(Instant instant)
    {
        return LocalDateTime.ofInstant(instant, AesoMarket.TIME.zone()).format(API_TIME);
    }

    private static BigDecimal scaled(double value)
    {
        BigDecimal scaled = BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_EVEN);
        return scaled.signum() == 0 ? BigDecimal.ZERO.setScale(2) : scaled;
    }

    private static Path write(Path directory, GeneratedFile file)
            throws IOException
    {
        return SampleFiles.write(directory, file.fileName(), file.bytes(), file.publishedAtUtc());
    }
}
