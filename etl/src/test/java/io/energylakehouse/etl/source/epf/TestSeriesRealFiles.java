package io.energylakehouse.etl.source.epf;

import io.energylakehouse.common.series.DailyPanel;
import io.energylakehouse.common.table.CanonicalTables;
import io.energylakehouse.common.table.Lakehouse;
import io.energylakehouse.common.testing.TestLakehouses;
import io.energylakehouse.etl.jobs.SeriesImport;
import io.energylakehouse.etl.jobs.SeriesImportResult;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.hour;
import static org.apache.spark.sql.functions.month;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The real files of shared/data (epf/datasets and entsoe_deepforkit, see their PROVENANCE.md), read from where the
 * build says ({@code lakehouse.shared-dir}) and never copied into the repository; skipped when absent. Slices of a
 * few weeks keep the tests fast; {@code -Dlakehouse.series.measure=all} imports the five whole epftoolbox files and
 * logs how the panel read back differs from each file ({@code =NP,PJM} for some).
 */
class TestSeriesRealFiles
{
    private static final Logger log = LoggerFactory.getLogger(TestSeriesRealFiles.class);
    private static final Path DATA = Path.of(System.getProperty("lakehouse.shared-dir", "../../shared")).resolve("data");

    @TempDir
    static Path home;

    @TempDir
    static Path files;

    private static Lakehouse lakehouse;

    @BeforeAll
    static void start()
    {
        assumeTrue(Files.isRegularFile(DATA.resolve("epf/datasets/NP.csv")) && Files.isRegularFile(DATA.resolve("entsoe_deepforkit/DE_LU.csv")),
                "shared data not found under " + DATA.toAbsolutePath());
        lakehouse = TestLakehouses.create(home);
    }

    @AfterAll
    static void stop()
    {
        if (lakehouse != null) {
            lakehouse.close();
        }
    }

    @Test
    void nordPoolReadBackThroughTheLakeEqualsTheFile()
            throws IOException
    {
        // five weeks around the spring-forward day and three around the fall-back day of 2013
        Path slice = slice(DATA.resolve("epf/datasets/NP.csv"), "NP.csv", SeriesFormat.EPFTOOLBOX,
                List.of(range("2013-03-04", "2013-04-08"), range("2013-10-14", "2013-11-04")));
        SeriesDataset np = SeriesDataset.resolve(SeriesFormat.EPFTOOLBOX, "NP", Optional.empty(), Optional.empty());
        SeriesImportResult result = new SeriesImport(lakehouse).load(slice, np);
        assertThat(result.rowsLanded()).isEqualTo((35 + 21) * 24 * 3);
        assertThat(result.rowsQuarantined()).isEqualTo(1);
        assertThat(result.curation().missingIntervals()).isEqualTo(3);

        Map<LocalDateTime, double[]> file = read(slice, SeriesFormat.EPFTOOLBOX);
        PanelRead spring = new PanelReader(lakehouse).imported(np).days(LocalDate.of(2013, 3, 4), LocalDate.of(2013, 4, 8)).execute();
        assertThat(differences(spring.panel(), file, 1e-9)).isEqualTo(new Differences(35 * 24 * 3, 0, 0.0));
        assertThat(spring.filledCells()).isEqualTo(3);
        // the authors' interpolated 02:00 equals our mean of the neighbours to the last bit but one
        assertThat(differences(spring.panel(), file, 0).maxAbsolute()).isLessThan(1e-11);
        PanelRead fall = new PanelReader(lakehouse).imported(np).days(LocalDate.of(2013, 10, 14), LocalDate.of(2013, 11, 4)).execute();
        assertThat(differences(fall.panel(), file, 0)).isEqualTo(new Differences(21 * 24 * 3, 0, 0.0));
        assertThat(fall.missingCells()).isZero();
    }

    @Test
    void deepforkitSolarPeaksAtTheSameUtcHourInSummerAndWinterReadAsLocalTime()
            throws IOException
    {
        Path slice = slice(DATA.resolve("entsoe_deepforkit/DE_LU.csv"), "DE_LU.csv", SeriesFormat.DEEPFORKIT,
                List.of(range("2020-01-01", "2020-02-01"), range("2020-07-01", "2020-08-01")));
        SeriesDataset deLu = SeriesDataset.resolve(SeriesFormat.DEEPFORKIT, "DE_LU", Optional.empty(), Optional.empty());
        new SeriesImport(lakehouse).load(slice, deLu);
        Map<Integer, Integer> peakUtcHour = new TreeMap<>();
        for (Row row : lakehouse.read(CanonicalTables.FUNDAMENTALS)
                .where(col("market").equalTo("ENTSOE").and(col("series").equalTo("solar_forecast_mw")))
                .groupBy(month(col("operating_date")).as("month"), hour(col("interval_start_utc")).as("hour"))
                .agg(avg("value").as("mean"))
                .orderBy(col("month"), col("mean").desc())
                .collectAsList()) {
            peakUtcHour.putIfAbsent(row.getInt(0), row.getInt(1));
        }
        // Read as the file's local clock (12:00 CET in January, 13:00 CEST in July), the sun peaks at 11:00 UTC both times;
        // read as UTC it would peak an hour later in summer than in winter, which the sun does not do.
        assertThat(peakUtcHour).isEqualTo(Map.of(1, 11, 7, 11));
        Map<LocalDateTime, double[]> file = read(slice, SeriesFormat.DEEPFORKIT);
        assertThat(peakLocalHour(file, 1)).isEqualTo(12);
        assertThat(peakLocalHour(file, 7)).isEqualTo(13);
    }

    /**
     * Imports whole epftoolbox files and logs how their panels differ from them: {@code -Dlakehouse.series.measure=all}
     * for the five, or a list such as {@code NP,PJM}. About four minutes per file.
     */
    @Test
    @EnabledIfSystemProperty(named = "lakehouse.series.measure", matches = ".+")
    void measureWholeEpftoolboxFiles()
            throws IOException
    {
        String asked = System.getProperty("lakehouse.series.measure");
        for (String name : asked.equals("all") ? List.of("NP", "PJM", "BE", "FR", "DE") : List.of(asked.split(","))) {
            Path source = DATA.resolve("epf/datasets/" + name + ".csv");
            Path file = Files.copy(source, files.resolve("whole_" + name + ".csv"));
            Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2021-07-02T00:00:00Z")));
            SeriesDataset dataset = SeriesDataset.resolve(SeriesFormat.EPFTOOLBOX, name, Optional.empty(), Optional.empty());
            Instant started = Instant.now();
            SeriesImportResult result = new SeriesImport(lakehouse).load(file, dataset);
            Duration imported = Duration.between(started, Instant.now());
            started = Instant.now();
            PanelRead read = new PanelReader(lakehouse).imported(dataset).execute();
            Duration panelled = Duration.between(started, Instant.now());
            started = Instant.now();
            SeriesImportResult again = new SeriesImport(lakehouse).load(file, dataset);
            Duration rerun = Duration.between(started, Instant.now());
            Map<LocalDateTime, double[]> values = read(file, SeriesFormat.EPFTOOLBOX);
            log.info("Measure {}: import {} s ({} values landed, {} curated, {} quarantined, {} days with missing intervals), rerun {} s ({} written), panel {} s "
                            + "({} days, {} filled, {} missing)", name, imported.toMillis() / 1000.0, result.rowsLanded(), result.rowsCurated(), result.rowsQuarantined(),
                    result.curation().missingIntervals(), rerun.toMillis() / 1000.0, again.curation().rowsWritten(), panelled.toMillis() / 1000.0,
                    read.panel().days(), read.filledCells(), read.missingCells());
            DailyPanel panel = read.panel();
            for (int series = -1; series < panel.exogenousCount(); series++) {
                log.info("Measure {} {}: {}", name, series < 0 ? "price" : panel.exogenousNames().get(series), differences(panel, values, series, 1e-9).describe());
            }
        }
    }

    private static int peakLocalHour(Map<LocalDateTime, double[]> file, int month)
    {
        double[] sum = new double[24];
        file.forEach((time, values) -> {
            if (time.getMonthValue() == month) {
                sum[time.getHour()] += values[4];
            }
        });
        int peak = 0;
        for (int hour = 1; hour < 24; hour++) {
            peak = sum[hour] > sum[peak] ? hour : peak;
        }
        return peak;
    }

    /**
     * @param cells cells compared
     * @param differing cells whose panel value differs from the file's by more than the tolerance
     * @param maxAbsolute the largest absolute difference
     */
    record Differences(int cells, int differing, double maxAbsolute, List<String> examples)
    {
        Differences(int cells, int differing, double maxAbsolute)
        {
            this(cells, differing, maxAbsolute, List.of());
        }

        @Override
        public boolean equals(Object other)
        {
            return other instanceof Differences that && cells == that.cells && differing == that.differing && Double.compare(maxAbsolute, that.maxAbsolute) == 0;
        }

        @Override
        public int hashCode()
        {
            return Integer.hashCode(cells) * 31 + differing;
        }

        String describe()
        {
            return String.format(Locale.ROOT, "%d of %d cells differ by more than 1e-9, max |difference| %.6g%s", differing, cells, maxAbsolute,
                    examples.isEmpty() ? "" : ", e.g. " + String.join("; ", examples));
        }
    }

    private static Differences differences(DailyPanel panel, Map<LocalDateTime, double[]> file, double tolerance)
    {
        int cells = 0;
        int differing = 0;
        double max = 0;
        for (int series = -1; series < panel.exogenousCount(); series++) {
            Differences one = differences(panel, file, series, tolerance);
            cells += one.cells();
            differing += one.differing();
            max = Math.max(max, one.maxAbsolute());
        }
        return new Differences(cells, differing, max);
    }

    /** Compares one series of the panel (-1: the price) with the file's column, cell by cell. */
    private static Differences differences(DailyPanel panel, Map<LocalDateTime, double[]> file, int series, double tolerance)
    {
        int cells = 0;
        int differing = 0;
        double max = 0;
        List<String> examples = new ArrayList<>();
        for (int day = 0; day < panel.days(); day++) {
            for (int hour = 0; hour < DailyPanel.HOURS; hour++) {
                double[] values = file.get(panel.date(day).atTime(hour, 0));
                if (values == null) {
                    continue;
                }
                double expected = values[series + 1];
                double actual = series < 0 ? panel.price(day, hour) : panel.exogenous(series, day, hour);
                double difference = Math.abs(actual - expected);
                cells++;
                if (!(difference <= tolerance)) {
                    differing++;
                    if (examples.size() < 3) {
                        examples.add(String.format(Locale.ROOT, "%s %02d:00 file %s panel %s", panel.date(day), hour, expected, actual));
                    }
                }
                max = Double.isNaN(difference) ? Double.NaN : Math.max(max, difference);
            }
        }
        return new Differences(cells, differing, max, examples);
    }

    private record Range(LocalDate from, LocalDate to) {}

    private static Range range(String from, String to)
    {
        return new Range(LocalDate.parse(from), LocalDate.parse(to));
    }

    /** The header and the lines of the days in the ranges, as a file of its own in the temporary folder. */
    private static Path slice(Path source, String name, SeriesFormat format, List<Range> ranges)
            throws IOException
    {
        List<String> lines = Files.readAllLines(source, StandardCharsets.UTF_8);
        List<String> kept = new ArrayList<>(List.of(lines.get(0)));
        for (String line : lines.subList(1, lines.size())) {
            Optional<LocalDateTime> time = format.parseTimestamp(line.split(",", -1)[0]);
            if (time.isPresent() && ranges.stream().anyMatch(range -> !time.get().toLocalDate().isBefore(range.from) && time.get().toLocalDate().isBefore(range.to))) {
                kept.add(line);
            }
        }
        Path file = files.resolve(name);
        Files.write(file, kept, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2021-07-02T00:00:00Z")));
        return file;
    }

    /** The file's values by local timestamp, columns after the timestamp in order. */
    private static Map<LocalDateTime, double[]> read(Path file, SeriesFormat format)
            throws IOException
    {
        Map<LocalDateTime, double[]> values = new TreeMap<>();
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (String line : lines.subList(1, lines.size())) {
            String[] fields = line.split(",", -1);
            Optional<LocalDateTime> time = format.parseTimestamp(fields[0]);
            if (time.isEmpty()) {
                continue;
            }
            double[] row = new double[fields.length - 1];
            for (int i = 1; i < fields.length; i++) {
                row[i - 1] = Double.parseDouble(fields[i]);
            }
            values.put(time.get(), row);
        }
        return values;
    }
}
