package io.energylakehouse.etl.source.caiso;

import io.energylakehouse.common.table.CanonicalTables;
import io.energylakehouse.common.table.Lakehouse;
import io.energylakehouse.common.testing.TestLakehouses;
import io.energylakehouse.etl.curate.CurateResult;
import io.energylakehouse.etl.curate.CurationInputs;
import io.energylakehouse.etl.curate.MarketPrices;
import io.energylakehouse.etl.curate.PriceCuration;
import io.energylakehouse.etl.jobs.MarketPipeline;
import io.energylakehouse.etl.source.caiso.CaisoConnector;
import io.energylakehouse.etl.raw.Payload;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A curation of a few days runs on the driver ({@link CaisoPayloadPrices}, {@code PriceRows}, Iceberg's own writers);
 * a larger one runs in Spark. Both must write the same rows: this curates one lake both ways and compares every table
 * the curation writes, on DST days, with a revision, agreeing and disagreeing duplicates, a node without a total, a
 * total that misses its components, and missing intervals.
 */
class TestDriverCuration
{
    private static final List<String> NODES = SyntheticOasis.nodes(8);
    private static final List<LocalDate> DAYS = List.of(LocalDate.of(2024, 3, 10), LocalDate.of(2024, 11, 3));

    @TempDir
    static Path home;

    private static Lakehouse lakehouse;

    @BeforeAll
    static void land()
            throws IOException
    {
        lakehouse = TestLakehouses.create(home.resolve("lake"));
        Path inbox = Files.createDirectories(home.resolve("inbox"));
        SyntheticOasis.GeneratedFile springForward = new SyntheticOasis(3).dayAhead(DAYS.get(0), NODES);
        write(inbox, springForward.fileName(), edit(springForward.bytes(), lines -> {
            List<String> edited = new ArrayList<>(lines);
            String header = lines.get(0);
            // node 1: an LMP line repeated with another value (quarantined); node 2: repeated unchanged (collapsed, flagged);
            // node 3: two hours missing (hidden by the revision below, which has them); node 4: a total far from its components; node 5: components only for one hour.
            edited.add(withValue(header, firstLine(lines, NODES.get(1), "LMP"), 1.0));
            edited.add(firstLine(lines, NODES.get(2), "MCE"));
            edited.removeIf(line -> line.contains(NODES.get(3)) && line.contains("T13:00:00"));
            int mismatch = edited.indexOf(firstLine(lines, NODES.get(4), "LMP"));
            edited.set(mismatch, withValue(header, edited.get(mismatch), 40.0));
            String componentsOnly = firstLine(lines, NODES.get(5), "LMP");
            edited.remove(componentsOnly);
            return edited;
        }));
        // The operator republished the day with other prices: revision 2 of every key.
        SyntheticOasis.GeneratedFile revised = new SyntheticOasis(4).dayAhead(DAYS.get(0), NODES);
        write(inbox, revised.fileName().replace("_13_05_12_", "_18_00_00_"), revised.bytes());
        SyntheticOasis.GeneratedFile fallBack = new SyntheticOasis(5).dayAhead(DAYS.get(1), NODES);
        // The fall-back day lacks node 3's 05:00 and 06:00 hours (UTC 13:00 starts one and ends the other).
        write(inbox, fallBack.fileName(), edit(fallBack.bytes(), lines -> lines.stream().filter(line -> !(line.contains(NODES.get(3)) && line.contains("T13:00:00"))).toList()));
        // Two hours of five-minute prices: the rest of the day is missing for every node.
        for (Instant hour : List.of(Instant.parse("2024-11-03T08:00:00Z"), Instant.parse("2024-11-03T09:00:00Z"))) {
            SyntheticOasis.GeneratedFile realTime = new SyntheticOasis(6).realTimeHour(hour, NODES);
            write(inbox, realTime.fileName(), realTime.bytes());
        }
        try (var files = Files.list(inbox)) {
            new MarketPipeline(lakehouse, new CaisoConnector()).land(CaisoFiles.payloads(files.sorted().toList(), Optional.empty(), Payload.Origin.SYNTHETIC));
        }
    }

    @AfterAll
    static void stop()
    {
        lakehouse.close();
    }

    @Test
    void driverAndSparkWriteTheSameRowsQuarantineDataQualityAndRecords()
    {
        for (OasisReport report : OasisReport.values()) {
            CurateResult inSpark = new PriceCuration(lakehouse, new CaisoConnector(), 0).curate(new CaisoConnector().report(report.queryName()), DAYS, true);
            Tables spark = tables(report);
            long sparkSnapshot = lakehouse.currentSnapshotId(CanonicalTables.MARKET_PRICES).orElseThrow();
            var sparkRecords = CurationInputs.recorded(lakehouse, CanonicalTables.MARKET_PRICES, CaisoMarket.MARKET, report.dataset(), DAYS);
            // The quarantine keeps what it has; remove the curation's rows so the driver's run has to write them again.
            lakehouse.spark().sql("DELETE FROM " + CanonicalTables.QUARANTINE.identifier() + " WHERE stage = 'curate'");

            CurateResult onDriver = new PriceCuration(lakehouse, new CaisoConnector(), Long.MAX_VALUE).curate(new CaisoConnector().report(report.queryName()), DAYS, true);
            Tables driver = tables(report);
            assertThat(lakehouse.currentSnapshotId(CanonicalTables.MARKET_PRICES).orElseThrow()).as("a new commit").isNotEqualTo(sparkSnapshot);
            assertThat(driver.prices()).as(report + " market_prices").hasSize(spark.prices().size()).containsExactlyElementsOf(spark.prices());
            assertThat(driver.dataQuality()).as(report + " data_quality").containsExactlyElementsOf(spark.dataQuality());
            assertThat(driver.quarantine()).as(report + " quarantine").containsExactlyElementsOf(spark.quarantine());
            assertThat(onDriver).isEqualTo(inSpark);
            assertThat(CurationInputs.recorded(lakehouse, CanonicalTables.MARKET_PRICES, CaisoMarket.MARKET, report.dataset(), DAYS))
                    .isEqualTo(sparkRecords).hasSize(DAYS.size());

            // The fixture exercises every rule.
            assertThat(driver.dataQuality()).as(report + " checks").isNotEmpty();
            if (report == OasisReport.PRC_LMP) {
                assertThat(driver.quarantine()).hasSize(2);
                assertThat(driver.dataQuality().stream().map(row -> row.get(3)).distinct()).containsExactlyInAnyOrder("missing_intervals", MarketPrices.TOTAL_MISMATCH);
                assertThat(driver.prices().stream().filter(row -> row.get(16).equals(2))).hasSizeGreaterThan(100);
                assertThat(driver.prices().stream().map(row -> row.get(18)).distinct())
                        .contains(List.of(MarketPrices.DUPLICATE_ROWS_COLLAPSED), List.of(MarketPrices.TOTAL_MISMATCH));
            }
        }
    }

    @Test
    void dayWithoutRawRowsIsWrittenEmptyOnTheDriver()
    {
        LocalDate empty = LocalDate.of(2024, 8, 1);
        CurateResult result = new PriceCuration(lakehouse, new CaisoConnector()).curate(new CaisoConnector().report("prc_lmp"), List.of(empty), true);
        assertThat(result.rowsWritten()).isZero();
        assertThat(result.dataQualityIssues()).isEmpty();
        assertThat(CurationInputs.recorded(lakehouse, CanonicalTables.MARKET_PRICES, CaisoMarket.MARKET, OasisReport.PRC_LMP.dataset(), List.of(empty)))
                .containsOnlyKeys(empty);
        assertThat(lakehouse.read(CanonicalTables.MARKET_PRICES).where(col("operating_date").equalTo(empty)).count()).isZero();
    }

    private record Tables(List<List<Object>> prices, List<List<Object>> dataQuality, List<List<Object>> quarantine) {}

    private static Tables tables(OasisReport report)
    {
        return new Tables(
                values(lakehouse.read(CanonicalTables.MARKET_PRICES).where(col("dataset").equalTo(report.dataset()))
                        .orderBy("location_id", "interval_start_utc", "revision").collectAsList()),
                values(lakehouse.read(CanonicalTables.DATA_QUALITY).where(col("dataset").equalTo(report.dataset()))
                        .orderBy("operating_date", "location_id", "check_name").collectAsList()),
                values(lakehouse.read(CanonicalTables.QUARANTINE).where(col("dataset").equalTo(report.dataset()).and(col("stage").equalTo("curate")))
                        .orderBy("quarantine_id").collectAsList()));
    }

    private static List<List<Object>> values(List<Row> rows)
    {
        return rows.stream().map(row -> {
            List<Object> values = new ArrayList<>();
            for (int i = 0; i < row.size(); i++) {
                values.add(row.get(i) instanceof scala.collection.Seq<?> ? List.copyOf(row.getList(i)) : row.get(i));
            }
            return values;
        }).toList();
    }

    private static String firstLine(List<String> lines, String node, String lmpType)
    {
        return lines.stream().filter(line -> line.contains("," + node + ",") && line.contains("," + lmpType + ",")).findFirst().orElseThrow();
    }

    /** The line with its price column (MW or VALUE) raised by {@code delta}. */
    private static String withValue(String header, String line, double delta)
    {
        List<String> columns = Arrays.asList(header.split(",", -1));
        int value = columns.contains("MW") ? columns.indexOf("MW") : columns.indexOf("VALUE");
        String[] fields = line.split(",", -1);
        fields[value] = Double.toString(Double.parseDouble(fields[value]) + delta);
        return String.join(",", fields);
    }

    private static byte[] edit(byte[] zip, UnaryOperator<List<String>> change)
            throws IOException
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip)); ZipOutputStream edited = new ZipOutputStream(out)) {
            for (ZipEntry entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                List<String> lines = List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n"));
                // The original entry's time, not the clock's: the same edit gives the same bytes, so the same fetch id, every run.
                ZipEntry copy = new ZipEntry(entry.getName());
                copy.setTime(entry.getTime());
                edited.putNextEntry(copy);
                edited.write((String.join("\n", change.apply(lines)) + "\n").getBytes(StandardCharsets.UTF_8));
                edited.closeEntry();
            }
        }
        return out.toByteArray();
    }

    private static void write(Path folder, String name, byte[] bytes)
            throws IOException
    {
        Files.write(folder.resolve(name), bytes);
    }
}
