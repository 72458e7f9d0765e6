package io.energylakehouse.etl.source.aemo;

import io.energylakehouse.common.FileErrors;
import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.etl.connector.SampleFiles;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Generates SYNTHETIC AEMO files in NEMweb's MMS C/I/D layout, zipped: per day a DISPATCHPRICE file (table version 5, every
 * column of the current version, the one-second FCAS prices from 2023-10-09 when that market started, blank before) with a
 * few intervention pairs (INTERVENTION 0 and 1 rows of one interval and region), and a TRADINGPRICE file (version 2, 48
 * half hours, before 2021-10-01; version 3, the 288 dispatch prices, since), and one MARKET_PRICE_THRESHOLDS file as of the last
 * day, holding the built-in thresholds ({@link AemoThresholds}) in force up to then. Made-up prices: a daily shape around 80
 * AUD/MWh with noise, negative around noon, well within the cap and floor. Named
 * {@code SYNTHETIC_PUBLIC_DISPATCHPRICE_yyyyMMdd.zip} so that replays know the report; the C header says SYNTHETIC.
 * Deterministic: the same days, regions and seed give the same bytes.
 */
public final class SyntheticAemo
{
    /** The columns of DISPATCHPRICE version 5, in the order of the MMS Data Model. */
    public static final List<String> DISPATCHPRICE_V5_COLUMNS = List.of("SETTLEMENTDATE", "RUNNO", "REGIONID", "DISPATCHINTERVAL", "INTERVENTION", "RRP", "EEP",
            "ROP", "APCFLAG", "MARKETSUSPENDEDFLAG", "LASTCHANGED", "RAISE6SECRRP", "RAISE6SECROP", "RAISE6SECAPCFLAG", "RAISE60SECRRP", "RAISE60SECROP",
            "RAISE60SECAPCFLAG", "RAISE5MINRRP", "RAISE5MINROP", "RAISE5MINAPCFLAG", "RAISEREGRRP", "RAISEREGROP", "RAISEREGAPCFLAG", "LOWER6SECRRP",
            "LOWER6SECROP", "LOWER6SECAPCFLAG", "LOWER60SECRRP", "LOWER60SECROP", "LOWER60SECAPCFLAG", "LOWER5MINRRP", "LOWER5MINROP", "LOWER5MINAPCFLAG",
            "LOWERREGRRP", "LOWERREGROP", "LOWERREGAPCFLAG", "PRICE_STATUS", "PRE_AP_ENERGY_PRICE", "PRE_AP_RAISE6_PRICE", "PRE_AP_RAISE60_PRICE",
            "PRE_AP_RAISE5MIN_PRICE", "PRE_AP_RAISEREG_PRICE", "PRE_AP_LOWER6_PRICE", "PRE_AP_LOWER60_PRICE", "PRE_AP_LOWER5MIN_PRICE",
            "PRE_AP_LOWERREG_PRICE", "CUMUL_PRE_AP_ENERGY_PRICE", "CUMUL_PRE_AP_RAISE6_PRICE", "CUMUL_PRE_AP_RAISE60_PRICE", "CUMUL_PRE_AP_RAISE5MIN_PRICE",
            "CUMUL_PRE_AP_RAISEREG_PRICE", "CUMUL_PRE_AP_LOWER6_PRICE", "CUMUL_PRE_AP_LOWER60_PRICE", "CUMUL_PRE_AP_LOWER5MIN_PRICE",
            "CUMUL_PRE_AP_LOWERREG_PRICE", "OCD_STATUS", "MII_STATUS", "RAISE1SECRRP", "RAISE1SECROP", "RAISE1SECAPCFLAG", "LOWER1SECRRP", "LOWER1SECROP",
            "LOWER1SECAPCFLAG", "PRE_AP_RAISE1_PRICE", "PRE_AP_LOWER1_PRICE", "CUMUL_PRE_AP_RAISE1_PRICE", "CUMUL_PRE_AP_LOWER1_PRICE");

    /** The columns of TRADINGPRICE versions 2 and 3 as the archives hold them. */
    public static final List<String> TRADINGPRICE_COLUMNS = List.of("SETTLEMENTDATE", "RUNNO", "REGIONID", "PERIODID", "RRP", "EEP", "INVALIDFLAG",
            "LASTCHANGED", "ROP", "RAISE6SECRRP", "RAISE6SECROP", "RAISE60SECRRP", "RAISE60SECROP", "RAISE5MINRRP", "RAISE5MINROP", "RAISEREGRRP", "RAISEREGROP",
            "LOWER6SECRRP", "LOWER6SECROP", "LOWER60SECRRP", "LOWER60SECROP", "LOWER5MINRRP", "LOWER5MINROP", "LOWERREGRRP", "LOWERREGROP", "PRICE_STATUS");

    /** The first day of the one-second FCAS markets (very fast FCAS). */
    public static final LocalDate ONE_SECOND_FCAS_START = LocalDate.of(2023, 10, 9);

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("uuuuMMdd", Locale.ROOT);
    private static final DateTimeFormatter HEADER_DATE = DateTimeFormatter.ofPattern("uuuu/MM/dd", Locale.ROOT);
    private static final DateTimeFormatter HEADER_TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);
    private static final LocalDateTime ZIP_TIME = LocalDateTime.of(2026, 1, 1, 0, 0);

    private final long seed;

    public SyntheticAemo(long seed)
    {
        this.seed = seed;
    }

    /** A generated file: its name, bytes and when NEMweb would have published it. */
    public record GeneratedFile(String fileName, byte[] bytes, Instant publishedAtUtc) {}

    /** Writes both reports' files of each day for the first {@code regions} regions (all five when out of 1..5), beside a README. */
    public List<Path> write(Path directory, List<LocalDate> days, int regions)
    {
        try {
            Files.createDirectories(directory);
            List<Path> written = new ArrayList<>();
            for (GeneratedFile file : files(days, regions)) {
                written.add(SampleFiles.write(directory, file.fileName(), file.bytes(), file.publishedAtUtc()));
            }
            SampleFiles.write(directory, "README-aemo.md", readme().getBytes(StandardCharsets.UTF_8), Instant.parse("2026-01-01T00:00:00Z"));
            return written;
        }
        catch (IOException e) {
            throw LakehouseException.userError("Cannot write AEMO samples to %s: %s", directory, FileErrors.reason(e));
        }
    }

    private static String readme()
    {
        return "# SYNTHETIC AEMO NEM files\n\nGenerated by the lakehouse's sample generator (SyntheticAemo): made-up prices in NEMweb's MMS C/I/D layout, "
                + "zipped. NOT MARKET DATA. DISPATCHPRICE (version 5, with intervention pairs) and TRADINGPRICE (30-minute version 2 before "
                + "2021-10-01, five-minute version 3 since) per day, and MARKET_PRICE_THRESHOLDS (the connector's built-in table of AEMO's cap "
                + "and floor, written in the archive's layout) as of the last day.\n";
    }

    public List<GeneratedFile> files(List<LocalDate> days, int regions)
    {
        List<String> chosen = regions < 1 || regions >= AemoMarket.REGIONS.size() ? AemoMarket.REGIONS : AemoMarket.REGIONS.subList(0, regions);
        List<GeneratedFile> files = new ArrayList<>();
        for (LocalDate day : days.stream().distinct().sorted().toList()) {
            Map<String, BigDecimal[]> prices = dayPrices(day, chosen);
            Instant published = AemoMarket.instant(day.plusDays(1).atTime(0, 5, 12));
            files.add(zip("SYNTHETIC_PUBLIC_DISPATCHPRICE_" + day.format(DAY), dispatch(day, chosen, prices, published), published));
            files.add(zip("SYNTHETIC_PUBLIC_TRADINGPRICE_" + day.format(DAY), trading(day, chosen, prices, published), published));
        }
        days.stream().max(java.util.Comparator.naturalOrder()).ifPresent(last -> {
            Instant published = AemoMarket.instant(last.plusDays(1).atTime(0, 5, 12));
            files.add(zip("SYNTHETIC_PUBLIC_MARKET_PRICE_THRESHOLDS_" + last.format(DAY), thresholds(last, published), published));
        });
        return files;
    }

    /** The 288 five-minute RRPs of each region: a daily shape, noise, a midday dip below zero. */
    private Map<String, BigDecimal[]> dayPrices(LocalDate day, List<String> regions)
    {
        Map<String, BigDecimal[]> prices = new HashMap<>();
        for (String region : regions) {
            Random random = new Random(seed * 31 + day.toEpochDay() * 7 + region.hashCode());
            BigDecimal[] values = new BigDecimal[288];
            double level = 60 + random.nextDouble() * 40;
            for (int i = 0; i < 288; i++) {
                double hour = (i + 1) * 5 / 60.0;
                double shape = 35 * Math.sin((hour - 12) / 24 * 2 * Math.PI) + (hour > 10.5 && hour < 14 ? -120 : 0) + (hour > 17 && hour < 20 ? 90 : 0);
                double value = level + shape + random.nextGaussian() * 12;
                values[i] = BigDecimal.valueOf(value).setScale(5, RoundingMode.HALF_EVEN).stripTrailingZeros();
            }
            prices.put(region, values);
        }
        return prices;
    }

    private byte[] dispatch(LocalDate day, List<String> regions, Map<String, BigDecimal[]> prices, Instant published)
    {
        List<String> lines = new ArrayList<>();
        lines.add(header("DVD_DISPATCHPRICE", published));
        lines.add("I,DISPATCH,PRICE,5," + String.join(",", DISPATCHPRICE_V5_COLUMNS));
        boolean oneSecond = !day.isBefore(ONE_SECOND_FCAS_START);
        Random random = new Random(seed * 17 + day.toEpochDay());
        // three intervals of the day under intervention, in the first region
        List<Integer> interventions = List.of(random.nextInt(96), 96 + random.nextInt(96), 192 + random.nextInt(96));
        for (int i = 0; i < 288; i++) {
            LocalDateTime end = day.atStartOfDay().plusMinutes(5L * (i + 1));
            for (String region : regions) {
                BigDecimal rrp = prices.get(region)[i];
                lines.add(dispatchRow(day, i, end, region, 0, rrp, oneSecond, random));
                if (region.equals(regions.get(0)) && interventions.contains(i)) {
                    lines.add(dispatchRow(day, i, end, region, 1, rrp.add(BigDecimal.valueOf(random.nextInt(900) + 100, 2)), oneSecond, random));
                }
            }
        }
        lines.add("C,\"END OF REPORT\"," + (lines.size() + 1));
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static String dispatchRow(LocalDate day, int index, LocalDateTime end, String region, int intervention, BigDecimal rrp, boolean oneSecond,
            Random random)
    {
        Map<String, String> values = new HashMap<>();
        values.put("SETTLEMENTDATE", quoted(end));
        values.put("RUNNO", "1");
        values.put("REGIONID", region);
        values.put("DISPATCHINTERVAL", day.format(DAY) + String.format(Locale.ROOT, "%03d", index + 1));
        values.put("INTERVENTION", Integer.toString(intervention));
        values.put("RRP", rrp.toPlainString());
        values.put("EEP", "0");
        values.put("ROP", rrp.toPlainString());
        values.put("APCFLAG", "0");
        values.put("MARKETSUSPENDEDFLAG", "0");
        values.put("LASTCHANGED", quoted(end.minusMinutes(5).plusSeconds(7)));
        values.put("PRICE_STATUS", "FIRM");
        values.put("PRE_AP_ENERGY_PRICE", rrp.toPlainString());
        values.put("OCD_STATUS", "NOT_OCD");
        values.put("MII_STATUS", "NOT_MII");
        for (FcasService service : FcasService.values()) {
            boolean isOneSecond = service == FcasService.RAISE1SEC || service == FcasService.LOWER1SEC;
            if (isOneSecond && !oneSecond) {
                continue;
            }
            String price = BigDecimal.valueOf(random.nextDouble() * (service.service().endsWith("reg") ? 30 : 6)).setScale(2, RoundingMode.HALF_EVEN).toPlainString();
            String prefix = service.column().substring(0, service.column().length() - 3);
            values.put(prefix + "RRP", price);
            values.put(prefix + "ROP", price);
            values.put(prefix + "APCFLAG", "0");
        }
        StringBuilder line = new StringBuilder("D,DISPATCH,PRICE,5");
        for (String column : DISPATCHPRICE_V5_COLUMNS) {
            String value = values.get(column);
            if (value == null && (column.startsWith("PRE_AP") || column.startsWith("CUMUL_PRE_AP")) && (oneSecond || !column.contains("1_"))) {
                value = "0";
            }
            line.append(',').append(value == null ? "" : value);
        }
        return line.toString();
    }

    private byte[] trading(LocalDate day, List<String> regions, Map<String, BigDecimal[]> prices, Instant published)
    {
        boolean fiveMinute = !day.isBefore(LocalDate.of(2021, 10, 1));
        int minutes = fiveMinute ? 5 : 30;
        int perInterval = minutes / 5;
        List<String> lines = new ArrayList<>();
        lines.add(header("DVD_TRADINGPRICE", published));
        String version = fiveMinute ? "3" : "2";
        lines.add("I,TRADING,PRICE," + version + "," + String.join(",", TRADINGPRICE_COLUMNS));
        for (int period = 0; period < 288 / perInterval; period++) {
            LocalDateTime end = day.atStartOfDay().plusMinutes((long) minutes * (period + 1));
            for (String region : regions) {
                BigDecimal sum = BigDecimal.ZERO;
                for (int i = period * perInterval; i < (period + 1) * perInterval; i++) {
                    sum = sum.add(prices.get(region)[i]);
                }
                String rrp = sum.divide(BigDecimal.valueOf(perInterval), 5, RoundingMode.HALF_EVEN).stripTrailingZeros().toPlainString();
                lines.add("D,TRADING,PRICE," + version + "," + quoted(end) + ",1," + region + "," + (period + 1) + "," + rrp + ",0,0,"
                        + quoted(end.minusMinutes(5).plusSeconds(6)) + "," + rrp + ",1.1,1.1,1.2,1.2,0.9,0.9,9.5,9.5,0.02,0.02,0.1,0.1,0.2,0.2,11.3,11.3,FIRM");
            }
        }
        lines.add("C,\"END OF REPORT\"," + (lines.size() + 1));
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** MARKET_PRICE_THRESHOLDS as of {@code last}: the built-in table's rows in effect up to then (the values are AEMO's; the file is generated). */
    private static byte[] thresholds(LocalDate last, Instant published)
    {
        List<String> lines = new ArrayList<>();
        lines.add(header("DVD_MARKET_PRICE_THRESHOLDS", published));
        lines.add("I,MARKET_CONFIG,MARKET_PRICE_THRESHOLDS,1,EFFECTIVEDATE,VERSIONNO,VOLL,MARKETPRICEFLOOR,ADMINISTERED_PRICE_THRESHOLD,AUTHORISEDDATE,"
                + "AUTHORISEDBY,LASTCHANGED");
        for (AemoThresholds.Threshold threshold : AemoThresholds.KNOWN) {
            if (threshold.effectiveDate().isAfter(last)) {
                continue;
            }
            String date = threshold.effectiveDate().atStartOfDay().format(AemoMarket.MMS_DATE_TIME);
            lines.add("D,MARKET_CONFIG,MARKET_PRICE_THRESHOLDS,1," + date + ",1," + threshold.marketPriceCap().toPlainString() + ","
                    + threshold.marketPriceFloor().toPlainString() + ","
                    + (threshold.administeredPriceThreshold() == null ? "" : threshold.administeredPriceThreshold().toPlainString()) + "," + date
                    + ",SYNTHETIC," + date);
        }
        lines.add("C,\"END OF REPORT\"," + (lines.size() + 1));
        return (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static String header(String report, Instant published)
    {
        LocalDateTime nem = LocalDateTime.ofInstant(published, AemoMarket.NEM_OFFSET);
        return "C,SYNTHETIC," + report + ",AEMO,PUBLIC," + nem.format(HEADER_DATE) + "," + nem.format(HEADER_TIME) + ",0000000000000001,,0000000000000001";
    }

    private static String quoted(LocalDateTime nemTime)
    {
        return "\"" + nemTime.format(AemoMarket.MMS_DATE_TIME) + "\"";
    }

    private static GeneratedFile zip(String name, byte[] csv, Instant published)
    {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            ZipEntry entry = new ZipEntry(name + ".CSV");
            entry.setTimeLocal(ZIP_TIME);
            zip.putNextEntry(entry);
            zip.write(csv);
            zip.closeEntry();
        }
        catch (IOException e) {
            throw new IllegalStateException("Cannot zip " + name + " in memory", e);
        }
        return new GeneratedFile(name + ".zip", bytes.toByteArray(), published);
    }
}
