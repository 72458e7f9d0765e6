package io.energylakehouse.etl.publish;

import io.energylakehouse.common.ErrorCode;
import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.table.CanonicalTables;
import io.energylakehouse.common.table.Lakehouse;
import io.energylakehouse.common.table.TableSpec;
import io.energylakehouse.common.testing.TestLakehouses;
import io.energylakehouse.etl.curate.DayCompleteness;
import io.energylakehouse.etl.jobs.MarketPipeline;
import io.energylakehouse.etl.raw.PayloadLimits;
import io.energylakehouse.etl.source.caiso.CaisoConnector;
import io.energylakehouse.etl.jobs.PublishResult;
import io.energylakehouse.etl.source.caiso.CaisoMarket;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

import static io.energylakehouse.etl.source.caiso.CaisoMarket.NP15;
import static io.energylakehouse.etl.source.caiso.CaisoMarket.SP15;
import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * A day on which a trading hub lacks an hour, on a lake whose published tables were made by the previous version
 * (without the completeness columns): {@code check} fails the day, publishing flags it with the interval counts,
 * means are rounded, and the CSV carries no float noise.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TestIncompleteHubDays
{
    private static final LocalDate AUGUST_1 = LocalDate.of(2024, 8, 1);   // a Thursday: 16 on-peak, 8 off-peak hours
    private static final LocalDate NOVEMBER_3 = LocalDate.of(2024, 11, 3); // fall back: 25 hours, a Sunday
    private static final String NODE = "SYN_NODE_1";
    private static final double PRICE = 47.3;
    /**
     * The columns added to the published tables since the version this test's old rows were written by (interval counts,
     * then base means, then the EUR and USD twins with their rate date and rule).
     */
    private static final Map<TableSpec, Set<String>> ADDED = Map.of(
            PublishedTables.HUB_PRICES_HOURLY, withCurrencyViews(Set.of("rt_expected_interval_count", "is_rt_complete", "da_interval_count",
                    "da_expected_interval_count", "is_da_complete"), PublishedTables.HOURLY_PRICES),
            PublishedTables.HUB_PRICES_DAILY, withCurrencyViews(Set.of("hours_in_day", "da_interval_count", "is_da_complete", "rt_interval_count",
                    "rt_expected_interval_count", "is_rt_complete", "da_expected_interval_count", "da_base_price_per_mwh", "rt_base_price_per_mwh"),
                    PublishedTables.DAILY_PRICES));

    private static Set<String> withCurrencyViews(Set<String> columns, List<String> prices)
    {
        Set<String> all = new java.util.HashSet<>(columns);
        all.add("fx_rate_date");
        all.add("fx_rule");
        for (String price : prices) {
            all.add(CurrencyViews.twin(price, "EUR"));
            all.add(CurrencyViews.twin(price, "USD"));
        }
        return Set.copyOf(all);
    }

    @TempDir
    static Path home;

    private static Lakehouse lakehouse;

    @BeforeAll
    static void lake()
    {
        lakehouse = TestLakehouses.create(home.resolve("lake"));
        // The published tables as the previous version made them, with a row of another market.
        Lakehouse previous = new Lakehouse(lakehouse.config(), lakehouse.spark());
        previous.ensure(previousVersion(PublishedTables.HUB_PRICES_HOURLY));
        previous.ensure(previousVersion(PublishedTables.HUB_PRICES_DAILY));
        lakehouse.spark().sql("INSERT INTO published.hub_prices_daily VALUES ('OLD', 'HUB', DATE '2024-01-02', '6x16', true, 16, 8, 40.5, 30.25, null, null, 'USD')");

        List<Row> rows = new ArrayList<>();
        for (Instant start : CaisoMarket.TIME.intervalStarts(AUGUST_1, 60)) {
            rows.add(price(SP15, "hub", "da_hourly", start, 60));
            if (CaisoMarket.TIME.hourEnding(start) != 5) {
                rows.add(price(NP15, "hub", "da_hourly", start, 60));
            }
        }
        // Real-time: SP15's first hour whole (12 intervals), its second hour missing one.
        List<Instant> fiveMinutes = CaisoMarket.TIME.intervalStarts(AUGUST_1, 5);
        for (Instant start : fiveMinutes.subList(0, 23)) {
            rows.add(price(SP15, "hub", "rt_5min", start, 5));
        }
        // The fall-back day is whole for the hub; a node misses an hour, which no published dataset averages.
        for (Instant start : CaisoMarket.TIME.intervalStarts(NOVEMBER_3, 60)) {
            rows.add(price(SP15, "hub", "da_hourly", start, 60));
            if (CaisoMarket.TIME.hourEnding(start) != 3) {
                rows.add(price(NODE, "node", "da_hourly", start, 60));
            }
        }
        lakehouse.append(CanonicalTables.MARKET_PRICES, lakehouse.spark().createDataFrame(rows, CanonicalTables.MARKET_PRICES.schema()));
    }

    @AfterAll
    static void stop()
    {
        lakehouse.close();
    }

    @Test
    @Order(1)
    void checkFailsADayOnWhichAPublishedHubMissesAnHour()
    {
        DayCompleteness completeness = new DayCompleteness(lakehouse);
        DayCompleteness.Result august = completeness.check(CaisoMarket.MARKET, "da_hourly", AUGUST_1, CaisoMarket.TIME, Set.of(io.energylakehouse.etl.connector.HubDatasets.HUB));
        assertThat(august.complete()).isFalse();
        assertThat(august.checks()).extracting(DayCompleteness.Check::name, DayCompleteness.Check::passed, DayCompleteness.Check::detail).containsExactly(
                tuple("rows", true, "2 locations"),
                tuple("hours", true, "24 of 24 hours"),
                tuple("published_locations", false, "1 published locations miss intervals: TH_NP15_GEN-APND (23 of 24 intervals)"),
                tuple("key_unique", true, "47 rows, each key once [market, dataset, location_id, interval_start_utc, revision]"),
                tuple("not_null", true, "required columns all hold values"),
                tuple("allowed_values", true, "code columns hold only declared values"));
        assertThatThrownBy(() -> DayCompleteness.requireComplete(List.of(august)))
                .isInstanceOfSatisfying(LakehouseException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.BAD_EXTERNAL_DATA))
                .hasMessage("Cannot confirm CAISO da_hourly for operating day 2024-08-01: published datasets average locations that miss intervals: "
                        + "TH_NP15_GEN-APND (23 of 24 intervals) (published rows of the day carry is_*_complete = false; see curated.data_quality)");

        DayCompleteness.Result realTime = completeness.check(CaisoMarket.MARKET, "rt_5min", AUGUST_1, CaisoMarket.TIME, Set.of(io.energylakehouse.etl.connector.HubDatasets.HUB));
        assertThat(realTime.checks()).extracting(DayCompleteness.Check::passed).containsExactly(true, false, false, true, true, true);
        assertThat(realTime.publishedShort()).containsExactly("TH_SP15_GEN-APND (23 of 288 intervals)");

        // A node short of an hour is named but does not fail the day: nothing published averages it.
        DayCompleteness.Result fallBack = completeness.check(CaisoMarket.MARKET, "da_hourly", NOVEMBER_3, CaisoMarket.TIME, Set.of(io.energylakehouse.etl.connector.HubDatasets.HUB));
        assertThat(fallBack.complete()).isTrue();
        assertThat(fallBack.problem()).isEmpty();
        assertThat(fallBack.expectedHours()).isEqualTo(25);
        assertThat(fallBack.otherShortLocations()).isEqualTo(1);
        assertThat(fallBack.otherExamples()).containsExactly("SYN_NODE_1 (24 of 25 intervals)");
        DayCompleteness.requireComplete(List.of(fallBack));

        DayCompleteness.Result empty = completeness.check(CaisoMarket.MARKET, "da_hourly", AUGUST_1.plusDays(1), CaisoMarket.TIME, Set.of(io.energylakehouse.etl.connector.HubDatasets.HUB));
        assertThat(empty.checks()).extracting(DayCompleteness.Check::passed).containsExactly(false, false, false);
        assertThat(empty.problem()).hasValueSatisfying(problem -> assertThat(problem).contains("holds no rows for it"));
    }

    @Test
    @Order(2)
    void publishingFlagsTheDayWithItsIntervalCountsAndRoundsTheMeans()
    {
        // What averaging gave before: eight off-peak hours at 47.3 have the mean 47.300000000000004.
        double sum = 0;
        for (int hour = 0; hour < 8; hour++) {
            sum += PRICE;
        }
        assertThat(sum / 8).isNotEqualTo(PRICE).isEqualTo(47.300000000000004);

        PublishResult published = new MarketPipeline(lakehouse, new CaisoConnector()).publish();

        Map<String, Row> daily = new TreeMap<>();
        lakehouse.read(PublishedTables.HUB_PRICES_DAILY).where(col("market").equalTo(CaisoMarket.MARKET)).collectAsList()
                .forEach(row -> daily.put(row.getAs("location_id") + " " + row.getAs("operating_date"), row));
        assertThat(daily.keySet()).containsExactly("TH_NP15_GEN-APND 2024-08-01", "TH_SP15_GEN-APND 2024-08-01", "TH_SP15_GEN-APND 2024-11-03");
        List<String> counts = List.of("hours_in_day", "da_interval_count", "is_da_complete", "rt_interval_count", "rt_expected_interval_count", "is_rt_complete");
        assertThat(values(daily.get("TH_NP15_GEN-APND 2024-08-01"), counts)).containsExactly(24, 23, false, 0L, 288L, false);
        assertThat(values(daily.get("TH_SP15_GEN-APND 2024-08-01"), counts)).containsExactly(24, 24, true, 23L, 288L, false);
        assertThat(values(daily.get("TH_SP15_GEN-APND 2024-11-03"), counts)).containsExactly(25, 25, true, 0L, 300L, false);
        Row sp15 = daily.get("TH_SP15_GEN-APND 2024-08-01");
        assertThat(values(sp15, List.of("da_on_peak_price_per_mwh", "da_off_peak_price_per_mwh", "rt_off_peak_price_per_mwh")))
                .containsExactly(PRICE, PRICE, PRICE);

        List<Row> hours = lakehouse.read(PublishedTables.HUB_PRICES_HOURLY)
                .where(col("location_id").equalTo(SP15).and(col("operating_date").equalTo(AUGUST_1)).and(col("hour_ending").leq(3)))
                .orderBy("hour_ending").collectAsList();
        assertThat(hours).extracting(row -> row.getAs("rt_price_per_mwh"), row -> row.getAs("rt_interval_count"), row -> row.getAs("rt_expected_interval_count"),
                row -> row.getAs("is_rt_complete")).containsExactly(
                tuple(PRICE, 12L, 12L, true),
                tuple(PRICE, 11L, 12L, false),
                tuple(null, 0L, 12L, false));

        // Partial days are reported; a day without any real-time price has null real-time means, not partial ones.
        assertThat(published.partialDays()).extracting(PublishResult.PartialDay::toString).containsExactly(
                "TH_NP15_GEN-APND 2024-08-01 (day-ahead 23 of 24 hours, real-time 0 of 288 intervals)",
                "TH_SP15_GEN-APND 2024-08-01 (day-ahead 24 of 24 hours, real-time 23 of 288 intervals)");
    }

    @Test
    @Order(3)
    void publishedFilesCarryTheNewColumnsAndShortDecimals()
            throws IOException
    {
        String root = lakehouse.config().publishedRoot();
        Path folder = (root.contains(":/") ? Path.of(URI.create(root)) : Path.of(root)).resolve("hub_prices_daily").resolve("market=" + CaisoMarket.MARKET);
        List<String> csv;
        try (InputStream input = new GZIPInputStream(Files.newInputStream(folder.resolve("hub_prices_daily.csv.gz")))) {
            csv = new String(input.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
        assertThat(csv.get(0)).isEqualTo(String.join(",", PublishedTables.HUB_PRICES_DAILY.columnNames()));
        assertThat(csv).hasSize(4);
        assertThat(csv.get(1)).isEqualTo("CAISO,TH_NP15_GEN-APND,2024-08-01,6x16,true,16,7,24,23,24,false,0,288,false,47.3,47.3,47.3,,,,USD"
                + ",,,,47.3,,47.3,,47.3,,,,,,");  // no ECB rates here: no EUR twins, a USD price is its own USD twin
        assertThat(csv.get(2)).isEqualTo("CAISO,TH_SP15_GEN-APND,2024-08-01,6x16,true,16,8,24,24,24,true,23,288,false,47.3,47.3,47.3,47.3,,47.3,USD"
                + ",,,,47.3,,47.3,,47.3,,47.3,,,,47.3");
        assertThat(String.join("\n", csv)).doesNotContain("47.30000").doesNotContain("47.29999");

        for (String format : List.of("parquet", "delta")) {
            org.apache.spark.sql.Dataset<Row> file = format.equals("delta")
                    ? lakehouse.spark().read().format("delta").load(folder.resolve("delta").toString())
                    : lakehouse.spark().read().parquet(folder.resolve("hub_prices_daily.parquet").toString());
            assertThat(file.columns()).as(format).containsExactlyElementsOf(PublishedTables.HUB_PRICES_DAILY.columnNames());
            assertThat(file.where(col("location_id").equalTo(NP15)).first().<Boolean>getAs("is_da_complete")).as(format).isFalse();
        }
    }

    @Test
    @Order(4)
    void tablesOfThePreviousVersionGainTheColumnsAndKeepTheirRows()
    {
        for (TableSpec spec : ADDED.keySet()) {
            org.apache.iceberg.Table table = lakehouse.icebergTable(spec);
            table.refresh();
            assertThat(table.schema().columns()).extracting(org.apache.iceberg.types.Types.NestedField::name).containsExactlyElementsOf(spec.columnNames());
            assertThat(table.schema().findField("is_rt_complete").doc()).isEqualTo(spec.columns().stream()
                    .filter(column -> column.name().equals("is_rt_complete")).findFirst().orElseThrow().doc());
        }
        Row old = lakehouse.read(PublishedTables.HUB_PRICES_DAILY).where(col("market").equalTo("OLD")).first();
        assertThat(old.<Double>getAs("da_off_peak_price_per_mwh")).isEqualTo(30.25);
        assertThat(old.<Object>getAs("hours_in_day")).isNull();
        // A manifest whose columns are not the spec's is published again rather than reported unchanged.
        DatasetExporter exporter = new DatasetExporter(lakehouse.config().publishedRoot(), lakehouse.spark().sparkContext().hadoopConfiguration());
        assertThat(exporter.published(PublishedTables.HUB_PRICES_DAILY, CaisoMarket.MARKET)).isPresent();
        assertThat(exporter.published(previousVersion(PublishedTables.HUB_PRICES_DAILY), CaisoMarket.MARKET)).isEmpty();
        assertThat(new MarketPipeline(lakehouse, new CaisoConnector()).publish().unchanged()).isTrue();
    }

    @Test
    @Order(5)
    void declaredChecksFailADayWithARepeatedKeyOrAnUndeclaredCodeAndAreRecorded()
    {
        LocalDate day = LocalDate.of(2024, 8, 5);
        List<Row> rows = new ArrayList<>();
        for (Instant start : CaisoMarket.TIME.intervalStarts(day, 60)) {
            rows.add(price(SP15, "hub", "da_hourly", start, 60));
        }
        Instant first = CaisoMarket.TIME.dayStart(day);
        rows.add(price(SP15, "hub", "da_hourly", first, 60));         // the same key again
        rows.add(price(NODE, "plant", "da_hourly", first, 60));        // a location type no table declares
        lakehouse.append(CanonicalTables.MARKET_PRICES, lakehouse.spark().createDataFrame(rows, CanonicalTables.MARKET_PRICES.schema()));

        DayCompleteness completeness = new DayCompleteness(lakehouse);
        DayCompleteness.Result result = completeness.check(CaisoMarket.MARKET, "da_hourly", day, CaisoMarket.TIME, Set.of(io.energylakehouse.etl.connector.HubDatasets.HUB));
        assertThat(result.checks()).filteredOn(check -> !check.passed()).extracting(DayCompleteness.Check::name, DayCompleteness.Check::failing, DayCompleteness.Check::detail)
                .containsExactly(
                        tuple("key_unique", 1L, "1 rows repeat a key [market, dataset, location_id, interval_start_utc, revision] of another row"),
                        tuple("allowed_values", 1L, "values outside the declared ones: location_type 1 (allowed: node, hub, zone, area, region, system)"));
        assertThat(result.problem()).hasValue("Cannot confirm CAISO da_hourly for operating day 2024-08-05: check key_unique failed: "
                + "1 rows repeat a key [market, dataset, location_id, interval_start_utc, revision] of another row");

        completeness.record(List.of(result));
        completeness.record(List.of(result));   // a rerun replaces, never adds
        Dataset<Row> recorded = lakehouse.read(CanonicalTables.DATA_QUALITY).where(col("operating_date").equalTo(day).and(col("check_name").startsWith("day_")));
        assertThat(recorded.orderBy("check_name").collectAsList()).extracting(row -> row.getAs("check_name"), row -> row.getAs("location_id"), row -> row.getAs("observed_count"))
                .containsExactly(tuple("day_allowed_values", "*", 1L), tuple("day_key_unique", "*", 1L));
        // Once the day passes, what an earlier check recorded goes.
        DayCompleteness.Result passing = new DayCompleteness.Result(CaisoMarket.MARKET, "da_hourly", day, 24, 24, 1, List.of(), 0, List.of(), List.of());
        completeness.record(List.of(passing));
        assertThat(lakehouse.read(CanonicalTables.DATA_QUALITY).where(col("operating_date").equalTo(day).and(col("check_name").startsWith("day_"))).count()).isZero();
    }

    @Test
    @Order(6)
    void theDriverAndSparkJobsPublishTheSameRowsAndFilesAndAForcedRerunChangesNoValue()
            throws IOException
    {
        new MarketPipeline(lakehouse, new CaisoConnector()).publish(true);
        Map<String, List<String>> onDriver = publication();
        assertThat(onDriver.get("hub_prices_daily.csv")).hasSize(5);
        new MarketPipeline(lakehouse, new CaisoConnector(), PayloadLimits.DEFAULTS, 0).publish(true);
        assertThat(publication()).isEqualTo(onDriver);
        new MarketPipeline(lakehouse, new CaisoConnector()).publish(true);
        assertThat(publication()).isEqualTo(onDriver);
    }

    /** Per published dataset of CAISO: the table's rows, the CSV's lines, the Parquet file's and the Delta table's rows (columns in order). */
    private static Map<String, List<String>> publication()
            throws IOException
    {
        Map<String, List<String>> publication = new TreeMap<>();
        String root = lakehouse.config().publishedRoot();
        for (TableSpec spec : PublishedTables.all()) {
            Path folder = (root.contains(":/") ? Path.of(URI.create(root)) : Path.of(root)).resolve(spec.name()).resolve("market=" + CaisoMarket.MARKET);
            publication.put(spec.name() + " table", rows(lakehouse.read(spec).where(col("market").equalTo(CaisoMarket.MARKET))));
            publication.put(spec.name() + ".parquet", rows(lakehouse.spark().read().parquet(folder.resolve(spec.name() + ".parquet").toString())));
            publication.put(spec.name() + " delta", rows(lakehouse.spark().read().format("delta").load(folder.resolve("delta").toString())));
            try (InputStream input = new GZIPInputStream(Files.newInputStream(folder.resolve(spec.name() + ".csv.gz")))) {
                publication.put(spec.name() + ".csv", new String(input.readAllBytes(), StandardCharsets.UTF_8).lines().toList());
            }
        }
        return publication;
    }

    private static List<String> rows(Dataset<Row> rows)
    {
        List<String> lines = new ArrayList<>();
        lines.add(String.join(",", rows.columns()));
        rows.collectAsList().stream().map(Row::toString).sorted().forEach(lines::add);
        return lines;
    }

    private static TableSpec previousVersion(TableSpec spec)
    {
        List<TableSpec.ColumnSpec> columns = spec.columns().stream().filter(column -> !ADDED.get(spec).contains(column.name())).toList();
        return new TableSpec(spec.namespace(), spec.name(), spec.description(), columns, spec.key(), spec.partitioning(), spec.properties());
    }

    private static Row price(String location, String locationType, String dataset, Instant start, int minutes)
    {
        return RowFactory.create(CaisoMarket.MARKET, dataset, location, locationType, start, start.plusSeconds(60L * minutes), minutes,
                CaisoMarket.TIME.operatingDate(start), CaisoMarket.TIME.hourEnding(start), PRICE, null, null, null, null, CaisoMarket.CURRENCY,
                Instant.parse("2024-07-31T20:00:00Z"), 1, "fetch-" + dataset, List.of());
    }

    private static List<Object> values(Row row, List<String> columns)
    {
        return columns.stream().map(row::getAs).toList();
    }
}
