package io.energylakehouse.models.gbt;

import io.energylakehouse.common.csv.CsvLine;
import io.energylakehouse.common.series.DailyPanel;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The epftoolbox datasets of shared/data/epf/datasets as panels ({@code Date, Price, <exogenous>...}, 24 rows per
 * local day from the first day on), and the local Spark session of the GBT tests.
 */
final class EpfPanels
{
    static final Path DATASETS = Path.of(System.getProperty("lakehouse.shared-dir", "../../shared")).resolve("data/epf/datasets");

    /** The epftoolbox test period of every market: 2016-12-27 .. 2018-12-24, 728 days. */
    static final LocalDate TEST_FROM = LocalDate.of(2016, 12, 27);
    static final LocalDate TEST_TO = LocalDate.of(2018, 12, 25);

    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private EpfPanels() {}

    /** Nord Pool system price, EUR, with the grid load and wind power forecasts. Skips the test if the shared data is absent. */
    static DailyPanel nordPool()
    {
        Path csv = DATASETS.resolve("NP.csv");
        Assumptions.assumeTrue(Files.isRegularFile(csv), "the shared epftoolbox datasets are not next to the repository: " + csv);
        return read(csv, "NP", ZoneId.of("Europe/Oslo"), "EUR");
    }

    static DailyPanel read(Path csv, String name, ZoneId zone, String currency)
    {
        List<String> lines;
        try {
            lines = Files.readAllLines(csv);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot read epftoolbox dataset " + csv, e);
        }
        List<String> header = CsvLine.split(lines.get(0)).stream().map(String::trim).toList();
        if (header.size() < 2 || !header.get(0).equals("Date") || !header.get(1).equals("Price")) {
            throw new IllegalArgumentException("Cannot read epftoolbox dataset " + csv + ": header is not Date, Price, ...: " + header);
        }
        int rows = lines.size() - 1;
        if (rows % DailyPanel.HOURS != 0) {
            throw new IllegalArgumentException("Cannot read epftoolbox dataset " + csv + ": " + rows + " rows are not whole days of 24 hours");
        }
        int days = rows / DailyPanel.HOURS;
        List<String> exogenousNames = header.subList(2, header.size());
        double[][] prices = new double[days][DailyPanel.HOURS];
        double[][][] exogenous = new double[exogenousNames.size()][days][DailyPanel.HOURS];
        LocalDate firstDay = null;
        for (int row = 0; row < rows; row++) {
            List<String> fields = CsvLine.split(lines.get(row + 1));
            if (fields.size() != header.size()) {
                throw new IllegalArgumentException("Cannot read epftoolbox dataset " + csv + ": line " + (row + 2) + " has " + fields.size()
                        + " fields, the header " + header.size());
            }
            LocalDateTime timestamp = LocalDateTime.parse(fields.get(0).trim(), TIMESTAMP);
            firstDay = firstDay == null ? timestamp.toLocalDate() : firstDay;
            int day = row / DailyPanel.HOURS;
            int hour = row % DailyPanel.HOURS;
            if (!timestamp.equals(firstDay.plusDays(day).atTime(hour, 0))) {
                throw new IllegalArgumentException("Cannot read epftoolbox dataset " + csv + ": line " + (row + 2) + " is " + timestamp + ", expected "
                        + firstDay.plusDays(day).atTime(hour, 0));
            }
            prices[day][hour] = Double.parseDouble(fields.get(1).trim());
            for (int series = 0; series < exogenousNames.size(); series++) {
                exogenous[series][day][hour] = Double.parseDouble(fields.get(series + 2).trim());
            }
        }
        return new DailyPanel(name, zone, firstDay, prices, new ArrayList<>(exogenousNames), exogenous, currency, 0);
    }

    /** A copy of {@code panel} whose prices from {@code from} on are replaced by {@code price * factor + shift}. */
    static DailyPanel withPricesFrom(DailyPanel panel, LocalDate from, double factor, double shift)
    {
        double[][] prices = new double[panel.days()][];
        for (int day = 0; day < panel.days(); day++) {
            prices[day] = panel.dayPrices(day);
            if (!panel.date(day).isBefore(from)) {
                for (int hour = 0; hour < DailyPanel.HOURS; hour++) {
                    prices[day][hour] = prices[day][hour] * factor + shift;
                }
            }
        }
        return new DailyPanel(panel.name(), panel.zone(), panel.firstDay(), prices, panel.exogenousNames(), exogenous(panel, null, 1, 0),
                panel.currency(), panel.filledCells());
    }

    /** A copy of {@code panel} whose exogenous values from {@code from} on are replaced by {@code value * factor + shift}. */
    static DailyPanel withExogenousFrom(DailyPanel panel, LocalDate from, double factor, double shift)
    {
        double[][] prices = new double[panel.days()][];
        for (int day = 0; day < panel.days(); day++) {
            prices[day] = panel.dayPrices(day);
        }
        return new DailyPanel(panel.name(), panel.zone(), panel.firstDay(), prices, panel.exogenousNames(), exogenous(panel, from, factor, shift),
                panel.currency(), panel.filledCells());
    }

    private static double[][][] exogenous(DailyPanel panel, LocalDate from, double factor, double shift)
    {
        double[][][] exogenous = new double[panel.exogenousCount()][panel.days()][DailyPanel.HOURS];
        for (int series = 0; series < panel.exogenousCount(); series++) {
            for (int day = 0; day < panel.days(); day++) {
                boolean changed = from != null && !panel.date(day).isBefore(from);
                for (int hour = 0; hour < DailyPanel.HOURS; hour++) {
                    double value = panel.exogenous(series, day, hour);
                    exogenous[series][day][hour] = changed ? value * factor + shift : value;
                }
            }
        }
        return exogenous;
    }

    /** One local Spark for a test class: local[2], UI off, two shuffle partitions, loopback only. */
    static SparkSession spark(String appName)
    {
        return SparkSession.builder()
                .appName(appName)
                .master("local[2]")
                .config("spark.ui.enabled", "false")
                .config("spark.ui.showConsoleProgress", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.driver.host", "127.0.0.1")
                .getOrCreate();
    }

    /** Mean absolute error over all hours of {@code days}. */
    static double mae(DailyPanel panel, List<LocalDate> days, Function<LocalDate, double[]> forecasts)
    {
        double sum = 0;
        int count = 0;
        for (LocalDate day : days) {
            double[] forecast = forecasts.apply(day);
            for (int hour = 0; hour < DailyPanel.HOURS; hour++) {
                sum += Math.abs(panel.price(panel.dayIndex(day), hour) - forecast[hour]);
                count++;
            }
        }
        return sum / count;
    }

    /** The weekly naive forecast of the epftoolbox: the prices of D-7. */
    static double[] weeklyNaive(DailyPanel panel, LocalDate day)
    {
        return panel.dayPrices(panel.dayIndex(day) - 7);
    }

    /** The naive forecast of the epftoolbox's rMAE: D-7 for Monday, Saturday and Sunday, D-1 on the other days. */
    static double[] epftoolboxNaive(DailyPanel panel, LocalDate day)
    {
        int lag = switch (day.getDayOfWeek()) {
            case MONDAY, SATURDAY, SUNDAY -> 7;
            default -> 1;
        };
        return panel.dayPrices(panel.dayIndex(day) - lag);
    }
}
