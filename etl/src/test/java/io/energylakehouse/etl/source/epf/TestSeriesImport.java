package io.energylakehouse.etl.source.epf;

import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.series.DailyPanel;
import io.energylakehouse.common.table.CanonicalTables;
import io.energylakehouse.common.table.Lakehouse;
import io.energylakehouse.common.testing.TestLakehouses;
import io.energylakehouse.common.time.MarketTime;
import io.energylakehouse.etl.jobs.SeriesImport;
import io.energylakehouse.etl.jobs.SeriesImportResult;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

/**
 * Series files through raw -> curated -> panel on a tiny lake: the daylight-saving days, a rerun, a changed file,
 * bad lines, deepforkit's local timestamps, PL's prices, and a panel from another source's curated rows. Each
 * test imports under its own dataset name.
 */
class TestSeriesImport
{
    private static final SeriesDataset NP = dataset(SeriesFormat.EPFTOOLBOX, "NP");
    private static final LocalDate SPRING = LocalDate.of(2013, 3, 31);
    private static final LocalDate FALL = LocalDate.of(2013, 10, 27);

    @TempDir
    static Path home;

    @TempDir
    static Path files;

    private static Lakehouse lakehouse;
    private static SeriesImport importer;

    @BeforeAll
    static void start()
    {
        lakehouse = TestLakehouses.create(home);
        importer = new SeriesImport(lakehouse);
    }

    @AfterAll
    static void stop()
    {
        lakehouse.close();
    }

    @Test
    void daylightSavingDaysRerunAndRevision()
            throws IOException
    {
        Path file = write("NP.csv", TestSeriesParser.resource("np_dst_2013.csv"), "2019-01-01T00:00:00Z");
        SeriesImportResult first = importer.load(file, NP);

        assertThat(first.rowsLanded()).isEqualTo(48 * 3);
        assertThat(first.curation().priceRows()).isEqualTo(47);
        assertThat(first.curation().fundamentalRows()).isEqualTo(2 * 47);
        assertThat(first.curation().rowsWritten()).isEqualTo(3 * 47);
        assertThat(first.rowsQuarantined()).isEqualTo(1);
        assertThat(first.curation().missingIntervals()).isEqualTo(3);
        assertThat(first.snapshotIds()).containsKeys("curated.market_prices", "curated.fundamentals", "curated.quarantine", "curated.data_quality",
                "raw.epf_series", "raw.fetch_log");
        assertThat(Arrays.asList(lakehouse.read(CanonicalTables.FUNDAMENTALS).columns())).isEqualTo(CanonicalTables.FUNDAMENTALS.columnNames());
        String fetch = fetchIdOf("NP.csv");

        // Spring forward: 23 real hours; local 03:00 CEST is 01:00 UTC and hour ending 3.
        Dataset<Row> prices = lakehouse.read(CanonicalTables.MARKET_PRICES).where(col("market").equalTo("NORDPOOL"));
        assertThat(prices.where(col("operating_date").equalTo(SPRING)).orderBy("interval_start_utc").collectAsList())
                .extracting(row -> row.getAs("hour_ending"), row -> row.getAs("price_per_mwh"))
                .startsWith(tuple(1, 30.0), tuple(2, 31.25), tuple(3, 33.0)).hasSize(23);
        assertThat(values(prices.where(col("interval_start_utc").equalTo(Instant.parse("2013-03-31T01:00:00Z"))))).containsExactly(Arrays.asList(
                "NORDPOOL", "da_hourly", "SYSTEM", "system", Instant.parse("2013-03-31T01:00:00Z"), Instant.parse("2013-03-31T02:00:00Z"), 60, SPRING, 3,
                33.0, null, null, null, null, "EUR", Instant.parse("2019-01-01T00:00:00Z"), 1, fetch, List.of()));
        // The inserted 02:00 line is quarantined at curation and stays in raw.
        List<Row> quarantined = lakehouse.read(CanonicalTables.QUARANTINE).where(col("fetch_id").equalTo(fetch)).collectAsList();
        assertThat(quarantined).extracting(row -> row.getAs("stage"), row -> row.getAs("line_number"), row -> row.getAs("operating_date"),
                        row -> row.getAs("location_id"), row -> row.getAs("dataset"), row -> row.getAs("report"), row -> row.getAs("reason"), row -> row.getAs("record"))
                .containsExactly(tuple("curate", 4, SPRING, "SYSTEM", "da_hourly", "EPFTOOLBOX",
                        "local time 2013-03-31 02:00 does not exist in Europe/Oslo (clocks jump from 02:00 to 03:00): the dataset's authors inserted this row "
                                + "to give every day 24 lines; it stays in raw and is not curated",
                        "{\"Price\":32.125,\"Grid load forecast\":40214.0,\"Wind power forecast\":2022.0}"));
        assertThat(lakehouse.read(SeriesTables.RAW_SERIES).where(col("fetch_id").equalTo(fetch).and(col("line_number").equalTo(4))).count()).isEqualTo(3);

        // Fall back: the single 02:00 line is the first 02:00 (CEST, 00:00 UTC), flagged; the second 02:00 (CET, 01:00 UTC) is missing.
        assertThat(prices.where(col("operating_date").equalTo(FALL)).orderBy("interval_start_utc").collectAsList())
                .extracting(row -> row.getAs("interval_start_utc"), row -> row.getAs("hour_ending"), row -> row.getAs("price_per_mwh"), row -> row.getList(18))
                .hasSize(24)
                .contains(tuple(Instant.parse("2013-10-26T23:00:00Z"), 2, 32.25, List.of()),
                        tuple(Instant.parse("2013-10-27T00:00:00Z"), 3, 33.5, List.of("repeated_hour_single_value")),
                        tuple(Instant.parse("2013-10-27T02:00:00Z"), 5, 34.0, List.of()),
                        tuple(Instant.parse("2013-10-27T22:00:00Z"), 25, 54.5, List.of()));
        assertThat(lakehouse.read(CanonicalTables.FUNDAMENTALS).where(col("interval_start_utc").equalTo(Instant.parse("2013-10-27T00:00:00Z"))).orderBy("series")
                .collectAsList())
                .extracting(row -> row.getAs("series"), row -> row.getAs("location_id"), row -> row.getAs("value"), row -> row.getAs("unit"),
                        row -> row.getAs("issued_at_utc"), row -> row.getList(14))
                .containsExactly(tuple("load_forecast_mw", "SYSTEM", 40215.0, "MW", null, List.of("repeated_hour_single_value")),
                        tuple("wind_forecast_mw", "SYSTEM", 2023.0, "MW", null, List.of("repeated_hour_single_value")));
        assertThat(lakehouse.read(CanonicalTables.DATA_QUALITY).where(col("market").equalTo("NORDPOOL")).orderBy("dataset").collectAsList())
                .extracting(row -> row.getAs("dataset"), row -> row.getAs("operating_date"), row -> row.getAs("check_name"), row -> row.getAs("expected_count"),
                        row -> row.getAs("observed_count"), row -> row.getAs("detail"))
                .containsExactly(
                        tuple("da_hourly", FALL, "missing_intervals", 25L, 24L, "1 of 25 intervals missing, the first starting 2013-10-27T01:00Z"),
                        tuple("load_forecast_mw", FALL, "missing_intervals", 25L, 24L, "1 of 25 intervals missing, the first starting 2013-10-27T01:00Z"),
                        tuple("wind_forecast_mw", FALL, "missing_intervals", 25L, 24L, "1 of 25 intervals missing, the first starting 2013-10-27T01:00Z"));

        // The same file again (under another name on disk): nothing landed or curated, no snapshot but the fetch log's,
        // which records the new name among the names that delivered the payload.
        Path copy = write("NP_copy.csv", TestSeriesParser.resource("np_dst_2013.csv"), "2019-01-01T00:00:00Z");
        SeriesImportResult again = importer.load(copy, NP);
        assertThat(again.landing().payloadsAlreadyLanded()).isEqualTo(1);
        assertThat(again.rowsLanded()).isZero();
        assertThat(again.curation().rowsWritten()).isZero();
        assertThat(again.rowsQuarantined()).isZero();
        assertThat(again.rowsCurated()).isEqualTo(first.rowsCurated());
        Map<String, Long> withoutFetchLog = new java.util.TreeMap<>(first.snapshotIds());
        withoutFetchLog.remove(CanonicalTables.FETCH_LOG.identifier());
        assertThat(again.snapshotIds()).containsAllEntriesOf(withoutFetchLog);
        assertThat(lakehouse.read(CanonicalTables.FETCH_LOG).where(org.apache.spark.sql.functions.array_contains(col("file_names"), "NP_copy.csv")).count()).isEqualTo(1);

        // A corrected file: the changed price is revision 2, the rest is not a revision.
        String corrected = TestSeriesParser.resource("np_dst_2013.csv").replace("2013-10-27 05:00:00,36.5,", "2013-10-27 05:00:00,36.75,");
        assertThat(corrected).isNotEqualTo(TestSeriesParser.resource("np_dst_2013.csv"));
        SeriesImportResult revised = importer.load(write("NP_corrected.csv", corrected, "2019-02-01T00:00:00Z"), NP);
        assertThat(revised.rowsLanded()).isEqualTo(48 * 3);
        assertThat(revised.curation().rowsWritten()).isEqualTo(1);
        assertThat(revised.curation().laterRevisions()).isEqualTo(1);
        assertThat(revised.curation().priceRows()).isEqualTo(48);
        assertThat(revised.rowsQuarantined()).isEqualTo(1);
        assertThat(lakehouse.read(CanonicalTables.FETCH_LOG).where(col("file_name").equalTo("NP_corrected.csv")).select("revision", "request_key").first())
                .isEqualTo(RowFactory.create(2, "epftoolbox|NP|Europe/Oslo|EUR"));
        assertThat(prices.where(col("interval_start_utc").equalTo(Instant.parse("2013-10-27T04:00:00Z"))).orderBy("revision").collectAsList())
                .extracting(row -> row.getAs("revision"), row -> row.getAs("price_per_mwh"), row -> row.getAs("fetch_id"), row -> row.getAs("published_at_utc"))
                .containsExactly(tuple(1, 36.5, fetch, Instant.parse("2019-01-01T00:00:00Z")),
                        tuple(2, 36.75, fetchIdOf("NP_corrected.csv"), Instant.parse("2019-02-01T00:00:00Z")));

        // The panel: the spring day's missing hour is the mean of its neighbours (as the authors' inserted line), the latest revision wins.
        PanelRead spring = new PanelReader(lakehouse).imported(NP).days(SPRING, SPRING.plusDays(1)).execute();
        assertThat(spring.panel().exogenousNames()).containsExactly("load_forecast_mw@SYSTEM", "wind_forecast_mw@SYSTEM");
        assertThat(spring.panel().price(0, 2)).isEqualTo(32.125);
        assertThat(spring.panel().exogenous(0, 0, 2)).isEqualTo(40214.0);
        assertThat(spring.filledCells()).isEqualTo(3);
        assertThat(spring.missingCells()).isZero();
        assertThat(spring.snapshotIds()).isEqualTo(Map.of("curated.market_prices", revised.snapshotIds().get("curated.market_prices"),
                "curated.fundamentals", revised.snapshotIds().get("curated.fundamentals")));
        PanelRead fall = new PanelReader(lakehouse).imported(NP).days(FALL, FALL.plusDays(1)).execute();
        assertThat(fall.panel().dayPrices(0)).containsExactly(price(1, 0), price(1, 1), 33.5, price(1, 3), price(1, 4), 36.75, price(1, 6), price(1, 7), price(1, 8),
                price(1, 9), price(1, 10), price(1, 11), price(1, 12), price(1, 13), price(1, 14), price(1, 15), price(1, 16), price(1, 17), price(1, 18),
                price(1, 19), price(1, 20), price(1, 21), price(1, 22), price(1, 23));
        assertThat(fall.filledCells()).isZero();
        assertThat(fall.panel().currency()).isEqualTo("EUR");
    }

    @Test
    void badLinesAreQuarantinedWithTheirLineNumbers()
            throws IOException
    {
        SeriesDataset dataset = SeriesDataset.resolve(SeriesFormat.EPFTOOLBOX, "NP_BAD", Optional.of("Europe/Oslo"), Optional.of("EUR"));
        SeriesImportResult result = importer.load(write("np_malformed.csv", TestSeriesParser.resource("np_malformed.csv"), "2019-01-01T00:00:00Z"), dataset);
        assertThat(result.rowsLanded()).isEqualTo(12);
        assertThat(result.rowsQuarantined()).isEqualTo(7);
        assertThat(result.curation().priceRows()).isEqualTo(4);
        assertThat(lakehouse.read(CanonicalTables.QUARANTINE).where(col("fetch_id").equalTo(fetchIdOf("np_malformed.csv"))).orderBy("line_number").collectAsList())
                .extracting(row -> row.getAs("market"), row -> row.getAs("stage"), row -> row.getAs("line_number"), row -> row.getAs("source"))
                .containsExactly(tuple("NP_BAD", "parse", 3, "epf-series-csv"), tuple("NP_BAD", "parse", 5, "epf-series-csv"),
                        tuple("NP_BAD", "parse", 6, "epf-series-csv"), tuple("NP_BAD", "parse", 9, "epf-series-csv"), tuple("NP_BAD", "parse", 10, "epf-series-csv"),
                        tuple("NP_BAD", "parse", 11, "epf-series-csv"), tuple("NP_BAD", "parse", 12, "epf-series-csv"));
        Row line3 = lakehouse.read(CanonicalTables.QUARANTINE).where(col("fetch_id").equalTo(fetchIdOf("np_malformed.csv")).and(col("line_number").equalTo(3))).first();
        assertThat(List.of(line3.getAs("reason"), line3.getAs("record"), line3.getAs("operating_date"))).isEqualTo(List.of(
                "column 'Price' holds 'n/a', not a number (digits with a dot as decimal separator)", "2013-01-01 01:00:00,n/a,41463.0,2417.0", LocalDate.of(2013, 1, 1)));

        // A dataset name is read in one zone: another zone for it is refused before anything is written.
        SeriesDataset berlin = SeriesDataset.resolve(SeriesFormat.EPFTOOLBOX, "NP_BAD", Optional.of("Europe/Berlin"), Optional.of("EUR"));
        assertThatThrownBy(() -> importer.load(files.resolve("np_malformed.csv"), berlin))
                .isInstanceOf(LakehouseException.class)
                .hasMessage("Cannot import epftoolbox dataset NP_BAD as epftoolbox|NP_BAD|Europe/Berlin|EUR: file np_malformed.csv was imported under that name as "
                        + "epftoolbox|NP_BAD|Europe/Oslo|EUR (format|name|zone|currency); use the same --zone and --currency, or another --name");
        assertThatThrownBy(() -> importer.load(files.resolve("missing.csv"), berlin)).hasMessage("Cannot read " + files.resolve("missing.csv") + ": no such file");
    }

    @Test
    void deepforkitTimestampsAreLocalWallClockTime()
            throws IOException
    {
        SeriesDataset dataset = dataset(SeriesFormat.DEEPFORKIT, "DE_LU");
        SeriesImportResult result = importer.load(write("DE_LU.csv", TestSeriesParser.resource("de_lu_2020.csv"), "2023-08-31T00:00:00Z"), dataset);
        assertThat(result.rowsLanded()).isEqualTo(96 * 6);
        // the spring line (6 values, one record) and the 0 load forecast
        assertThat(result.rowsQuarantined()).isEqualTo(2);
        assertThat(result.curation().priceRows()).isEqualTo(95);
        assertThat(lakehouse.read(CanonicalTables.FETCH_LOG).where(col("file_name").equalTo("DE_LU.csv")).select("detail").first().getString(0))
                .endsWith("; 3 rows holding only commas skipped");

        // 13:00 is 11:00 UTC in summer (CEST) and 12:00 UTC in winter (CET); the solar forecast peaks at 11:00 UTC in both, as the sun does.
        Dataset<Row> prices = lakehouse.read(CanonicalTables.MARKET_PRICES).where(col("market").equalTo("ENTSOE").and(col("location_id").equalTo("DE_LU")));
        assertThat(prices.where(col("interval_start_utc").equalTo(Instant.parse("2020-07-01T11:00:00Z"))).select("operating_date", "hour_ending", "price_per_mwh", "currency").first())
                .isEqualTo(RowFactory.create(LocalDate.of(2020, 7, 1), 14, 46.659, "EUR"));
        assertThat(prices.where(col("interval_start_utc").equalTo(Instant.parse("2020-01-15T12:00:00Z"))).select("hour_ending", "price_per_mwh").first())
                .isEqualTo(RowFactory.create(14, 44.659));
        Dataset<Row> solar = lakehouse.read(CanonicalTables.FUNDAMENTALS).where(col("series").equalTo("solar_forecast_mw"));
        for (LocalDate day : List.of(LocalDate.of(2020, 1, 15), LocalDate.of(2020, 7, 1))) {
            assertThat(solar.where(col("operating_date").equalTo(day)).orderBy(col("value").desc()).select("interval_start_utc").first().getAs(0).toString())
                    .isEqualTo(day + "T11:00:00Z");
        }
        // Load_AC is the actual load, never a forecast; the 0 load forecast is a gap.
        Dataset<Row> fundamentals = lakehouse.read(CanonicalTables.FUNDAMENTALS).where(col("market").equalTo("ENTSOE"));
        assertThat(fundamentals.select("series").distinct().orderBy("series").as(org.apache.spark.sql.Encoders.STRING()).collectAsList())
                .containsExactly("generation_forecast_mw", "load_actual_mw", "load_forecast_mw", "solar_forecast_mw", "wind_onshore_forecast_mw");
        assertThat(fundamentals.where(col("series").equalTo("load_forecast_mw").and(col("interval_start_utc").equalTo(Instant.parse("2020-07-01T03:00:00Z")))).count())
                .isZero();
        assertThat(fundamentals.where(col("series").equalTo("load_actual_mw").and(col("interval_start_utc").equalTo(Instant.parse("2020-07-01T03:00:00Z"))))
                .select("value").first().getDouble(0)).isEqualTo(46880.0);
        List<Row> quarantined = lakehouse.read(CanonicalTables.QUARANTINE).where(col("fetch_id").equalTo(fetchIdOf("DE_LU.csv"))).orderBy("line_number").collectAsList();
        assertThat(quarantined).extracting(row -> row.getAs("line_number"), row -> row.getAs("dataset"), row -> row.getAs("interval_start_utc"), row -> row.getAs("reason"))
                .containsExactly(
                        tuple(28, "da_hourly", null, "local time 2020-03-29 02:00 does not exist in Europe/Berlin (clocks jump from 02:00 to 03:00): the dataset's authors "
                                + "inserted this row to give every day 24 lines; it stays in raw and is not curated"),
                        tuple(55, "load_forecast_mw", Instant.parse("2020-07-01T03:00:00Z"), "load_forecast_mw is 0 in column 'Load_DA': an area's total load or "
                                + "generation is never 0 MW, the file writes 0 for a gap; treated as missing, not curated"));
        assertThat(quarantined.get(1).<String>getAs("record")).isEqualTo("{\"local_time\":\"2020-07-01 05:00\",\"column\":\"Load_DA\",\"value\":0.0}");
        assertThat(lakehouse.read(CanonicalTables.DATA_QUALITY).where(col("market").equalTo("ENTSOE").and(col("operating_date").equalTo(LocalDate.of(2020, 7, 1))))
                .select("dataset", "location_id", "expected_count", "observed_count").collectAsList())
                .containsExactly(RowFactory.create("load_forecast_mw", "DE_LU", 24L, 23L));
        // fall back: the file's 02:00 is the mean of both 02:00 hours; curated on the first, flagged
        assertThat(prices.where(col("operating_date").equalTo(LocalDate.of(2020, 10, 25)).and(org.apache.spark.sql.functions.size(col("dq_flags")).gt(0)))
                .select("interval_start_utc", "hour_ending", "price_per_mwh").collectAsList())
                .containsExactly(RowFactory.create(Instant.parse("2020-10-25T00:00:00Z"), 3, 30.134));
    }

    @Test
    void pricesWithoutATrueCurrencyAreRefusedAndTheFundamentalsCurated()
            throws IOException
    {
        SeriesImportResult result = importer.load(write("PL.csv", TestSeriesParser.resource("pl_2017.csv"), "2023-08-31T00:00:00Z"), dataset(SeriesFormat.DEEPFORKIT, "PL"));
        assertThat(result.curation().priceRows()).isZero();
        assertThat(result.curation().fundamentalRows()).isEqualTo(6 * 5);
        assertThat(result.rowsQuarantined()).isEqualTo(6);
        assertThat(lakehouse.read(CanonicalTables.QUARANTINE).where(col("fetch_id").equalTo(fetchIdOf("PL.csv"))).select("reason").distinct()
                .as(org.apache.spark.sql.Encoders.STRING()).collectAsList())
                .containsExactly("prices of dataset PL have no currency: " + SeriesDataset.PL_CURRENCY_CHANGE);
        assertThat(lakehouse.read(CanonicalTables.DATA_QUALITY).where(col("location_id").equalTo("PL")).count()).isEqualTo(2 * 5);
    }

    @Test
    void panelFromAnotherSourcesCuratedRows()
    {
        // A hub's hourly prices and load forecast in Central time, as any connector curates them: 23 and 25 rows on the DST days.
        MarketTime central = MarketTime.of("America/Chicago");
        List<Row> prices = new ArrayList<>();
        List<Row> load = new ArrayList<>();
        for (LocalDate day : List.of(LocalDate.of(2024, 3, 10), LocalDate.of(2024, 11, 3))) {
            for (Instant start : central.intervalStarts(day, 60)) {
                int hourEnding = central.hourEnding(start);
                prices.add(RowFactory.create("TESTHUB", "da_hourly", "HUB", "hub", start, start.plusSeconds(3600), 60, day, hourEnding, 10.0 * hourEnding,
                        null, null, null, null, "USD", Instant.parse("2024-12-01T00:00:00Z"), 1, "fetch-hub", List.of()));
                load.add(RowFactory.create("TESTHUB", "load_forecast_mw", "HUB", start, start.plusSeconds(3600), 60, day, hourEnding, 1000.0 + hourEnding, "MW",
                        null, Instant.parse("2024-12-01T00:00:00Z"), 1, "fetch-hub", List.of()));
            }
        }
        lakehouse.append(CanonicalTables.MARKET_PRICES, lakehouse.spark().createDataFrame(prices, CanonicalTables.MARKET_PRICES.schema()));
        lakehouse.append(CanonicalTables.FUNDAMENTALS, lakehouse.spark().createDataFrame(load, CanonicalTables.FUNDAMENTALS.schema()));

        PanelRead read = new PanelReader(lakehouse).panel("hub", ZoneId.of("America/Chicago"))
                .prices("TESTHUB", "HUB")
                .exogenous("TESTHUB", "load_forecast_mw", "HUB")
                .execute();
        DailyPanel panel = read.panel();
        assertThat(panel.firstDay()).isEqualTo(LocalDate.of(2024, 3, 10));
        assertThat(panel.days()).isEqualTo(239);
        // spring: clock hour 2 does not exist, the mean of 01:00 (hour ending 2) and 03:00 (hour ending 3)
        assertThat(Arrays.copyOfRange(panel.dayPrices(0), 0, 4)).containsExactly(10.0, 20.0, 25.0, 30.0);
        // fall: clock hour 1 happens twice (hour endings 2 and 3), the mean of both
        int fall = panel.dayIndex(LocalDate.of(2024, 11, 3));
        assertThat(Arrays.copyOfRange(panel.dayPrices(fall), 0, 4)).containsExactly(10.0, 25.0, 40.0, 50.0);
        assertThat(panel.exogenous(0, fall, 1)).isCloseTo(1002.5, within(1e-9));
        assertThat(panel.dayPrices(fall)[23]).isEqualTo(250.0);
        assertThat(read.filledCells()).isEqualTo(4);
        assertThat(panel.filledCells()).isEqualTo(4);
        assertThat(read.missingCells()).isEqualTo(2 * 237 * 24);
        assertThat(panel.currency()).isEqualTo("USD");
    }

    private static double price(int day, int hour)
    {
        return 30 + hour + (hour % 3) * 0.25 + day;
    }

    private static SeriesDataset dataset(SeriesFormat format, String name)
    {
        return SeriesDataset.resolve(format, name, Optional.empty(), Optional.empty());
    }

    /** Rows as lists of values in the table's column order, arrays as Java lists. */
    private static List<List<Object>> values(Dataset<Row> rows)
    {
        return rows.collectAsList().stream().map(row -> {
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < row.size(); i++) {
                values.add(row.get(i) instanceof scala.collection.Seq<?> ? row.getList(i) : row.get(i));
            }
            return values;
        }).toList();
    }

    private static String fetchIdOf(String fileName)
    {
        List<Row> rows = lakehouse.read(CanonicalTables.FETCH_LOG).where(col("file_name").equalTo(fileName)).select("fetch_id").collectAsList();
        assertThat(rows).as("fetch log rows of %s", fileName).hasSize(1);
        return rows.get(0).getString(0);
    }

    private static Path write(String name, String text, String modifiedAtUtc)
            throws IOException
    {
        Path file = files.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse(modifiedAtUtc)));
        return file;
    }
}
