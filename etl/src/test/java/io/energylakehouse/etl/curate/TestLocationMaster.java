package io.energylakehouse.etl.curate;

import io.energylakehouse.common.table.CanonicalTables;
import io.energylakehouse.common.table.Lakehouse;
import io.energylakehouse.common.testing.TestLakehouses;
import io.energylakehouse.etl.connector.MarketReport;
import io.energylakehouse.etl.connector.ReplayFiles;
import io.energylakehouse.etl.connector.SampleFiles;
import io.energylakehouse.etl.jobs.MarketPipeline;
import io.energylakehouse.etl.raw.Payload;
import io.energylakehouse.etl.source.miso.MisoConnector;
import io.energylakehouse.etl.source.miso.MisoMarket;
import io.energylakehouse.etl.source.miso.MisoReport;
import io.energylakehouse.etl.source.miso.SyntheticMiso;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * {@code curated.locations} on three MISO day-ahead days curated in one run: a generator node retired after day 1, one
 * missing on day 2 only and a hub missing on day 2. The retired node keeps its rows and its last day; the other two are
 * {@code location_missing_day} on day 2, which fails the day check for the hub alone; rebuilding days (on the driver or
 * in Spark) widens nothing and writes no new snapshot of the master.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TestLocationMaster
{
    private static final LocalDate DAY_1 = LocalDate.of(2024, 7, 1);
    private static final LocalDate DAY_2 = DAY_1.plusDays(1);
    private static final LocalDate DAY_3 = DAY_1.plusDays(2);
    private static final List<LocalDate> DAYS = List.of(DAY_1, DAY_2, DAY_3);
    private static final List<SyntheticMiso.Node> ALWAYS = SyntheticMiso.nodes(17).stream().filter(node -> !node.name().equals(MisoMarket.HUBS.get(0))).toList();
    private static final SyntheticMiso.Node HUB = new SyntheticMiso.Node(MisoMarket.HUBS.get(0), MisoMarket.HUB_TYPE);
    private static final SyntheticMiso.Node RETIRED = new SyntheticMiso.Node("SYN_RETIRED_GN900", MisoMarket.GENERATOR_NODE_TYPE);
    private static final SyntheticMiso.Node GAPPY = new SyntheticMiso.Node("SYN_GAPPY_GN901", MisoMarket.GENERATOR_NODE_TYPE);
    private static final String DATASET = "da_hourly";

    @TempDir
    static Path home;

    private static Lakehouse lakehouse;
    private static MarketPipeline pipeline;
    private static MarketReport report;
    private static CurateResult firstRun;

    @BeforeAll
    static void curateThreeDays()
            throws java.io.IOException
    {
        lakehouse = TestLakehouses.create(home.resolve("lake"));
        MisoConnector connector = new MisoConnector();
        pipeline = new MarketPipeline(lakehouse, connector);
        report = connector.report(MisoReport.DA_EXPOST_LMP.reportName());
        SyntheticMiso generator = new SyntheticMiso(7);
        List<Path> files = new ArrayList<>();
        Path inbox = java.nio.file.Files.createDirectories(home.resolve("inbox"));
        for (LocalDate day : DAYS) {
            List<SyntheticMiso.Node> nodes = new ArrayList<>(ALWAYS);
            if (day.equals(DAY_1)) {
                nodes.add(RETIRED);
            }
            if (!day.equals(DAY_2)) {
                nodes.add(GAPPY);
                nodes.add(HUB);
            }
            SyntheticMiso.GeneratedFile file = generator.file(MisoReport.DA_EXPOST_LMP, day, nodes);
            files.add(SampleFiles.write(inbox, file.fileName(), file.bytes(), file.publishedAtUtc()));
        }
        pipeline.land(ReplayFiles.payloads(connector, files, Optional.empty(), Payload.Origin.SYNTHETIC));
        firstRun = pipeline.curate(List.of(report), DAYS).get(0);
    }

    @AfterAll
    static void stop()
    {
        lakehouse.close();
    }

    @Test
    @Order(1)
    void retiredNodeKeepsItsRowsAndItsLastDay()
    {
        assertThat(lakehouse.read(CanonicalTables.MARKET_PRICES).where(col("location_id").equalTo(RETIRED.name())).select("operating_date").distinct()
                .collectAsList()).extracting(row -> row.get(0)).containsExactly(DAY_1);
        List<Row> master = lakehouse.read(CanonicalTables.LOCATIONS).orderBy("location_id").collectAsList();
        assertThat(master).hasSize(ALWAYS.size() + 3);
        assertThat(master).filteredOn(row -> List.of(RETIRED.name(), GAPPY.name(), HUB.name()).contains(row.<String>getAs("location_id")))
                .extracting(row -> row.getAs("location_id"), row -> row.getAs("location_type"), row -> row.getAs("operator_type_code"),
                        row -> row.getAs("valid_from"), row -> row.getAs("valid_to"), row -> row.getList(row.fieldIndex("datasets")))
                .containsExactly(
                        tuple(HUB.name(), "hub", "Hub", DAY_1, DAY_3, List.of(DATASET)),
                        tuple(GAPPY.name(), "node", "Gennode", DAY_1, DAY_3, List.of(DATASET)),
                        tuple(RETIRED.name(), "node", "Gennode", DAY_1, DAY_1, List.of(DATASET)));
        assertThat(master).allSatisfy(row -> {
            assertThat(row.<String>getAs("market")).isEqualTo(MisoMarket.MARKET);
            assertThat(row.<String>getAs("first_fetch_id")).isNotBlank();
            assertThat(row.<java.time.Instant>getAs("last_published_at_utc")).isAfterOrEqualTo(row.<java.time.Instant>getAs("first_published_at_utc"));
        });
    }

    @Test
    @Order(2)
    void aLocationMissingAWholeDayInsideItsValidityIsADataQualityRow()
    {
        assertThat(lakehouse.read(CanonicalTables.DATA_QUALITY).where(col("check_name").equalTo(LocationMaster.LOCATION_MISSING_DAY)).orderBy("location_id")
                .collectAsList()).extracting(row -> row.get(2), row -> row.get(4), row -> row.get(5), row -> row.get(6), row -> row.get(7))
                .containsExactly(
                        tuple(DAY_2, HUB.name(), 24L, 0L, "no row on the day although the location is valid 2024-07-01..2024-07-03 and appeared in da_hourly"),
                        tuple(DAY_2, GAPPY.name(), 24L, 0L, "no row on the day although the location is valid 2024-07-01..2024-07-03 and appeared in da_hourly"));
        assertThat(firstRun.dataQualityIssues()).containsEntry(LocationMaster.LOCATION_MISSING_DAY, 2L);
    }

    @Test
    @Order(3)
    void dayCheckFailsOnlyForAMissingLocationOfThePublishedType()
    {
        DayCompleteness completeness = new DayCompleteness(lakehouse);
        DayCompleteness.Result day2 = completeness.check(MisoMarket.MARKET, DATASET, DAY_2, MisoMarket.TIME, Set.of("hub"));
        assertThat(day2.publishedShort()).containsExactly(HUB.name() + " (0 of 24 intervals: no row on the day although the location is valid "
                + "2024-07-01..2024-07-03 and appeared in da_hourly)");
        assertThat(day2.otherShortLocations()).isEqualTo(1);
        assertThat(day2.otherExamples()).singleElement().asString().startsWith(GAPPY.name() + " (0 of 24 intervals");
        // The hub fails the day; the generator node is named among the other short locations only.
        assertThat(day2.problem()).hasValueSatisfying(problem -> assertThat(problem).startsWith("Cannot confirm MISO da_hourly for operating day 2024-07-02: "
                + "published datasets average locations that miss intervals: " + HUB.name() + " (0 of 24 intervals"));
    }

    @Test
    @Order(4)
    void rebuildingDaysNeverShrinksTheMasterAndWritesNoNewSnapshot()
    {
        long before = lakehouse.currentSnapshotId(CanonicalTables.LOCATIONS).orElseThrow();
        List<Row> master = lakehouse.read(CanonicalTables.LOCATIONS).orderBy("location_id").collectAsList();
        List<Row> dataQuality = lakehouse.read(CanonicalTables.DATA_QUALITY).orderBy("operating_date", "check_name", "location_id").collectAsList();

        // Day 3 alone, on which the retired node is absent: nothing shrinks.
        CurateResult day3 = pipeline.curate(List.of(report), List.of(DAY_3), true).get(0);
        assertThat(day3.unchanged()).isFalse();
        assertThat(lakehouse.currentSnapshotId(CanonicalTables.LOCATIONS).orElseThrow()).isEqualTo(before);
        // Day 2 alone still finds its missing locations: the master says they are valid around it.
        pipeline.curate(List.of(report), List.of(DAY_2), true);
        // The three days again, in Spark jobs: the same master, the same results.
        new PriceCuration(lakehouse, new MisoConnector(), 0).curate(report, DAYS, true);

        assertThat(lakehouse.currentSnapshotId(CanonicalTables.LOCATIONS).orElseThrow()).isEqualTo(before);
        assertThat(lakehouse.read(CanonicalTables.LOCATIONS).orderBy("location_id").collectAsList()).isEqualTo(master);
        assertThat(lakehouse.read(CanonicalTables.DATA_QUALITY).orderBy("operating_date", "check_name", "location_id").collectAsList()).isEqualTo(dataQuality);
    }
}
