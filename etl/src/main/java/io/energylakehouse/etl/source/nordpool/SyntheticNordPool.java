package io.energylakehouse.etl.source.nordpool;

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
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generates SYNTHETIC Nord Pool data-portal answers ({@code DayAheadPrices}), in the portal's JSON shape
 * ({@code deliveryDateCET, version, updatedAt, deliveryAreas, market, multiAreaEntries[{deliveryStart, deliveryEnd,
 * entryPerArea}], currency, exchangeRate, areaStates, areaAverages}; UTC instants with {@code Z}, prices with two
 * decimals) with made-up prices: hourly products before 2025-10-01, quarter-hourly from then on, 23/25 hours (92/100
 * quarter hours) on the CET DST days. Per delivery day one EUR file of every area, and one file per local currency
 * (SEK, NOK, DKK, PLN, BGN, RON) of the areas quoted in it, at a made-up rate. Named {@code DayAheadPrices_SE3+NO1_EUR_2024-07-09.json}
 * and dated 12:45 CET the day before, as a download would be. Deterministic: the same days, areas and seed give the same
 * bytes. Block prices are left out ({@code blockPriceAggregates} empty): they are aggregates the connector does not read.
 */
public final class SyntheticNordPool
{
    /** The order areas are taken in for {@code n} locations: the biggest Nordic areas first. */
    public static final List<String> AREA_ORDER = List.of("SE3", "NO1", "DK1", "FI", "SE4", "NO2", "DK2", "EE", "LV", "LT", "SE1", "SE2", "NO3", "NO4", "NO5",
            "SYS", "DE-LU", "AT", "BE", "FR", "NL", "PL", "BG", "TEL");
    private static final DateTimeFormatter UTC_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss'Z'");
    private static final Map<String, Double> RATES = Map.of("SEK", 11.4, "NOK", 11.6, "DKK", 7.46, "PLN", 4.3, "BGN", 1.9558, "RON", 4.97);

    private final long seed;

    public SyntheticNordPool(long seed)
    {
        this.seed = seed;
    }

    /** The first {@code count} areas of {@link #AREA_ORDER} (all of them when more are asked for). */
    public static List<String> areas(int count)
    {
        if (count < 1) {
            throw LakehouseException.userError("Cannot generate synthetic Nord Pool prices for %d areas: at least one", count);
        }
        return AREA_ORDER.subList(0, Math.min(count, AREA_ORDER.size()));
    }

    /** A generated file: its name, bytes and when Nord Pool would have published it. */
    public record GeneratedFile(String fileName, byte[] bytes, Instant publishedAtUtc) {}

    /** Writes the files of the days into {@code directory}, beside a README saying they are synthetic. */
    public List<Path> write(Path directory, List<LocalDate> days, List<String> areas)
    {
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve("README.txt"), "SYNTHETIC DATA. These files are in the JSON shape of Nord Pool's data portal "
                    + "(DayAheadPrices) but every price is made up by SyntheticNordPool (seed " + seed + "). Not market data.\n", StandardCharsets.UTF_8);
            List<Path> files = new ArrayList<>();
            for (LocalDate day : days) {
                for (GeneratedFile file : day(day, areas)) {
                    files.add(SampleFiles.write(directory, file.fileName(), file.bytes(), file.publishedAtUtc()));
                }
            }
            return files;
        }
        catch (IOException e) {
            throw new LakehouseException(ErrorCode.USER_ERROR, "Cannot write synthetic Nord Pool files to " + directory + ": " + FileErrors.reason(e), e);
        }
    }

    /** The files of one delivery day: EUR for every area, then one per local currency of the areas quoted in it. */
    public List<GeneratedFile> day(LocalDate day, List<String> areas)
    {
        List<GeneratedFile> files = new ArrayList<>();
        files.add(file(day, areas, NordPoolMarket.BASE_CURRENCY));
        Map<String, List<String>> byCurrency = new LinkedHashMap<>();
        for (String area : areas) {
            NordPoolAreas.area(area).flatMap(NordPoolAreas.Area::localCurrency)
                    .ifPresent(currency -> byCurrency.computeIfAbsent(currency, key -> new ArrayList<>()).add(area));
        }
        byCurrency.forEach((currency, quoted) -> files.add(file(day, quoted, currency)));
        return files;
    }

    /** One answer: the areas' prices of the day in a currency. */
    public GeneratedFile file(LocalDate day, List<String> areas, String currency)
    {
        int minutes = NordPoolMarket.intervalMinutes(day);
        double rate = currency.equals(NordPoolMarket.BASE_CURRENCY) ? 1.0
                : BigDecimal.valueOf(RATES.get(currency) * (1 + 0.02 * new Random(seed * 17 + day.toEpochDay()).nextGaussian()))
                        .setScale(4, RoundingMode.HALF_EVEN).doubleValue();
        Instant published = NordPoolMarket.expectedPublication(day).minus(Duration.ofMinutes(15));
        List<Instant> starts = NordPoolMarket.TIME.intervalStarts(day, minutes);
        Map<String, BigDecimal> sums = new LinkedHashMap<>();
        StringBuilder json = new StringBuilder();
        json.append("{\"deliveryDateCET\":\"").append(day).append("\",\"version\":1,\"updatedAt\":\"").append(utc(published))
                .append("\",\"deliveryAreas\":[").append(quoted(areas)).append("],\"market\":\"DayAhead\",\"multiAreaEntries\":[");
        for (int i = 0; i < starts.size(); i++) {
            Instant start = starts.get(i);
            if (i > 0) {
                json.append(',');
            }
            json.append("{\"deliveryStart\":\"").append(utc(start)).append("\",\"deliveryEnd\":\"").append(utc(start.plus(Duration.ofMinutes(minutes))))
                    .append("\",\"entryPerArea\":{");
            for (int a = 0; a < areas.size(); a++) {
                BigDecimal price = BigDecimal.valueOf(eurPrice(areas.get(a), start) * rate).setScale(2, RoundingMode.HALF_EVEN);
                sums.merge(areas.get(a), price, BigDecimal::add);
                if (a > 0) {
                    json.append(',');
                }
                json.append('"').append(areas.get(a)).append("\":").append(SampleFiles.plainDecimal(price.doubleValue()));
            }
            json.append("}}");
        }
        json.append("],\"blockPriceAggregates\":[],\"currency\":\"").append(currency).append("\",\"exchangeRate\":").append(SampleFiles.plainDecimal(rate))
                .append(",\"areaStates\":[{\"state\":\"Final\",\"areas\":[").append(quoted(areas)).append("]}],\"areaAverages\":[");
        int a = 0;
        for (Map.Entry<String, BigDecimal> sum : sums.entrySet()) {
            if (a++ > 0) {
                json.append(',');
            }
            json.append("{\"areaCode\":\"").append(sum.getKey()).append("\",\"price\":")
                    .append(SampleFiles.plainDecimal(sum.getValue().divide(BigDecimal.valueOf(starts.size()), 2, RoundingMode.HALF_EVEN).doubleValue())).append('}');
        }
        json.append("]}");
        return new GeneratedFile(NordPoolFileName.of(String.join("+", areas), currency, day), json.toString().getBytes(StandardCharsets.UTF_8), published);
    }

    private static String quoted(List<String> areas)
    {
        return String.join(",", areas.stream().map(area -> "\"" + area + "\"").toList());
    }

    private static String utc(Instant instant)
    {
        return LocalDateTime.ofInstant(instant, java.time.ZoneOffset.UTC).format(UTC_TIME);
    }

    /** A made-up EUR price: a daily level, morning and evening peaks, a midday solar dip, an area spread, quarter-hour noise. */
    private double eurPrice(String area, Instant start)
    {
        LocalDateTime local = LocalDateTime.ofInstant(start, NordPoolMarket.TIME.zone());
        double hour = local.getHour() + local.getMinute() / 60.0;
        Random daily = new Random(seed * 31 + local.toLocalDate().toEpochDay());
        double level = 35 + 30 * daily.nextDouble();
        double peaks = 20 * Math.exp(-Math.pow(hour - 8, 2) / 3) + 35 * Math.exp(-Math.pow(hour - 18.5, 2) / 4);
        double solar = 25 * Math.exp(-Math.pow(hour - 13, 2) / 6);
        Random areaRandom = new Random(seed * 131 + area.hashCode());
        double spread = areaRandom.nextDouble() * 30 - 15;
        double noise = new Random(seed * 7919 + start.getEpochSecond() + area.hashCode()).nextGaussian() * 2;
        return level + peaks - solar + spread + noise;
    }
}
