package io.energylakehouse.etl.source.jepx;

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
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Generates SYNTHETIC JEPX spot files in the operator's exact layout: {@code spot_{FY}.csv}, Shift_JIS
 * ({@code windows-31j}), CRLF line ends, the Japanese header row with its three empty spacer columns (before the spot and
 * intraday average, before the avoidable costs, before the block volumes), then 48 rows per day: {@code yyyy/MM/dd},
 * slot code, volumes in whole kWh, prices in JPY per kWh with two decimals. The α columns are left empty, as JEPX often
 * leaves them. One file per fiscal year of the days asked for, holding those days only. Made-up prices: a daily shape
 * (low at night, a morning and an evening peak) around a level drawn per day, areas splitting from the system price now
 * and then, never below the floor of 0.01 JPY/kWh. Deterministic: the same days and seed give the same bytes.
 */
public final class SyntheticJepx
{
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu/MM/dd", Locale.ROOT);
    private static final String[] AREAS = {"北海道", "東北", "東京", "中部", "北陸", "関西", "中国", "四国", "九州"};
    private static final BigDecimal MIN_PRICE = new BigDecimal("0.01");

    /** The header row as JEPX writes it: 37 columns, the 16th, 22nd and 33rd empty. */
    public static final String HEADER = header();

    private final long seed;

    public SyntheticJepx(long seed)
    {
        this.seed = seed;
    }

    /** A generated file: its name, bytes and when JEPX would have published it (after the auction of its last day). */
    public record GeneratedFile(String fileName, byte[] bytes, Instant publishedAtUtc) {}

    private static String header()
    {
        List<String> columns = new ArrayList<>(List.of("年月日", "時刻コード", "売り入札量(kWh)", "買い入札量(kWh)", "約定総量(kWh)", "システムプライス(円/kWh)"));
        for (String area : AREAS) {
            columns.add("エリアプライス" + area + "(円/kWh)");
        }
        columns.add("");
        columns.add("スポット・時間前平均価格(円/kWh)");
        for (String alpha : List.of("α上限値", "α下限値", "α速報値", "α確報値")) {
            columns.add(alpha + "×スポット・時間前平均価格(円/kWh)");
        }
        columns.add("");
        columns.add("回避可能原価全国値(円/kWh)");
        for (String area : AREAS) {
            columns.add("回避可能原価" + area + "(円/kWh)");
        }
        columns.add("");
        columns.addAll(List.of("売りブロック入札総量(kWh)", "買いブロック入札総量(kWh)", "売りブロック約定総量(kWh)", "買いブロック約定総量(kWh)"));
        return String.join(",", columns);
    }

    /** Writes one file per fiscal year of the days into {@code directory}, beside a README saying they are synthetic. */
    public List<Path> write(Path directory, List<LocalDate> days)
    {
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve("README.txt"), "SYNTHETIC DATA. These files have the layout of JEPX's spot_{FY}.csv (Shift_JIS, the "
                    + "Japanese header with its spacer columns, 48 half hours per day) but every price and volume is made up by SyntheticJepx (seed " + seed
                    + "). Not market data.\n", StandardCharsets.UTF_8);
            List<Path> paths = new ArrayList<>();
            for (GeneratedFile file : files(days)) {
                paths.add(SampleFiles.write(directory, file.fileName(), file.bytes(), file.publishedAtUtc()));
            }
            return paths;
        }
        catch (IOException e) {
            throw new LakehouseException(ErrorCode.USER_ERROR, "Cannot write synthetic JEPX files to " + directory + ": " + FileErrors.reason(e), e);
        }
    }

    /** The files of the days: one per fiscal year, in order. */
    public List<GeneratedFile> files(List<LocalDate> days)
    {
        Map<JepxFiscalYear, TreeSet<LocalDate>> byYear = new TreeMap<>(java.util.Comparator.comparingInt(JepxFiscalYear::year));
        days.forEach(day -> byYear.computeIfAbsent(JepxFiscalYear.of(day), year -> new TreeSet<>()).add(day));
        List<GeneratedFile> files = new ArrayList<>();
        byYear.forEach((year, yearDays) -> files.add(file(year, yearDays)));
        return files;
    }

    private GeneratedFile file(JepxFiscalYear year, TreeSet<LocalDate> days)
    {
        StringBuilder text = new StringBuilder(HEADER).append("\r\n");
        for (LocalDate day : days) {
            Random random = new Random(seed * 31 + day.toEpochDay());
            double level = 8 + random.nextDouble() * 10;
            double[] areaSpread = new double[AREAS.length];
            for (int area = 0; area < AREAS.length; area++) {
                // most days most areas clear at the system price; some split
                areaSpread[area] = random.nextDouble() < 0.6 ? 0 : (random.nextDouble() - 0.4) * 4;
            }
            for (int slot = 1; slot <= JepxMarket.SLOTS_PER_DAY; slot++) {
                double hour = (slot - 1) / 2.0;
                double shape = 0.75 + 0.25 * Math.exp(-Math.pow(hour - 8.5, 2) / 6) + 0.45 * Math.exp(-Math.pow(hour - 18, 2) / 5)
                        - 0.2 * Math.exp(-Math.pow(hour - 12.5, 2) / 4);
                BigDecimal system = price(level * shape + random.nextGaussian() * 0.4);
                long sell = 30_000_000L + random.nextInt(8_000_000);
                long buy = 28_000_000L + random.nextInt(8_000_000);
                long contract = Math.min(sell, buy) - random.nextInt(3_000_000);
                List<String> row = new ArrayList<>(List.of(DATE.format(day), Integer.toString(slot), Long.toString(sell), Long.toString(buy),
                        Long.toString(contract), system.toPlainString()));
                for (double spread : areaSpread) {
                    row.add(spread == 0 ? system.toPlainString() : price(system.doubleValue() + spread).toPlainString());
                }
                row.add("");
                row.add(price(system.doubleValue() * 1.02).toPlainString());
                row.addAll(List.of("", "", "", ""));
                row.add("");
                BigDecimal avoidable = price(system.doubleValue() * 0.97);
                row.add(avoidable.toPlainString());
                for (int area = 0; area < AREAS.length; area++) {
                    row.add(avoidable.toPlainString());
                }
                row.add("");
                row.addAll(List.of(Integer.toString(random.nextInt(500_000)), Integer.toString(random.nextInt(500_000)), Integer.toString(random.nextInt(200_000)),
                        Integer.toString(random.nextInt(200_000))));
                text.append(String.join(",", row)).append("\r\n");
            }
        }
        // the auction for day D clears on D-1 around 10:00 JST: the file holding the last day is published then
        Instant published = days.last().minusDays(1).atTime(10, 5).toInstant(JepxMarket.JST);
        return new GeneratedFile(year.fileName(), text.toString().getBytes(JepxMarket.CHARSET), published);
    }

    private static BigDecimal price(double value)
    {
        BigDecimal price = BigDecimal.valueOf(value).setScale(2, RoundingMode.HALF_EVEN);
        return price.compareTo(MIN_PRICE) < 0 ? MIN_PRICE : price;
    }
}
