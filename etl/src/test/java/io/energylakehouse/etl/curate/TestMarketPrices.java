package io.energylakehouse.etl.curate;

import io.energylakehouse.common.table.Lakehouse;
import io.energylakehouse.common.testing.TestLakehouses;
import io.energylakehouse.etl.source.caiso.CaisoMarket;
import io.energylakehouse.etl.source.caiso.CaisoPrices;
import io.energylakehouse.etl.source.caiso.OasisReport;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The curation transforms on tiny inline inputs. */
class TestMarketPrices
{
    @TempDir
    static Path home;

    private static Lakehouse lakehouse;
    private static SparkSession spark;

    private static final StructType PRICES = new StructType()
            .add("market", DataTypes.StringType)
            .add("dataset", DataTypes.StringType)
            .add("location_id", DataTypes.StringType)
            .add("interval_start_utc", DataTypes.TimestampType)
            .add("interval_minutes", DataTypes.IntegerType)
            .add("published_at_utc", DataTypes.TimestampType)
            .add("fetch_id", DataTypes.StringType)
            .add("price_per_mwh", DataTypes.DoubleType)
            .add("energy_per_mwh", DataTypes.DoubleType)
            .add("congestion_per_mwh", DataTypes.DoubleType)
            .add("loss_per_mwh", DataTypes.DoubleType)
            .add("ghg_per_mwh", DataTypes.DoubleType);

    private static final StructType RAW = new StructType()
            .add("fetch_id", DataTypes.StringType)
            .add("published_at_utc", DataTypes.TimestampType)
            .add("node", DataTypes.StringType)
            .add("interval_start_utc", DataTypes.TimestampType)
            .add("interval_end_utc", DataTypes.TimestampType)
            .add("lmp_type", DataTypes.StringType)
            .add("value", DataTypes.DoubleType);

    @BeforeAll
    static void start()
    {
        lakehouse = TestLakehouses.create(home);
        spark = lakehouse.spark();
    }

    @AfterAll
    static void stop()
    {
        lakehouse.close();
    }

    @Test
    void hourEndingCountsElapsedHoursAcrossFallBack()
    {
        List<Row> rows = new ArrayList<>();
        for (String instant : List.of("2024-11-03T07:00:00Z", "2024-11-03T08:00:00Z", "2024-11-03T09:00:00Z", "2024-11-04T07:00:00Z", "2024-03-10T10:00:00Z")) {
            rows.add(RowFactory.create(Instant.parse(instant)));
        }
        Dataset<Row> input = spark.createDataFrame(rows, new StructType().add("interval_start_utc", DataTypes.TimestampType));

        List<Row> result = MarketPrices.withOperatingTime(input, CaisoMarket.TIME).orderBy("interval_start_utc").collectAsList();

        assertThat(result).extracting(row -> row.getAs("operating_date"), row -> row.getAs("hour_ending")).containsExactly(
                tuple(LocalDate.of(2024, 3, 10), 3),   // 03:00 PDT, clocks skipped 02:00: third elapsed hour
                tuple(LocalDate.of(2024, 11, 3), 1),   // 00:00 PDT
                tuple(LocalDate.of(2024, 11, 3), 2),   // 01:00 PDT
                tuple(LocalDate.of(2024, 11, 3), 3),   // 01:00 PST, the repeated hour
                tuple(LocalDate.of(2024, 11, 3), 25)); // 23:00 PST
    }

    /**
     * {@code parse} canonicalises a payload in plain Java ({@link PriceRows}, {@code CaisoPayloadPrices}); curation does it in
     * Spark. Both must give the same rows and the same rejections for the same records: DST days, both reports,
     * agreeing and disagreeing duplicates, a node without a total, a total that misses its components, a missing component.
     */
    @Test
    void plainJavaCanonicalRowsEqualSparkCurationOfTheSamePayload()
    {
        io.energylakehouse.etl.source.caiso.SyntheticOasis synthetic = new io.energylakehouse.etl.source.caiso.SyntheticOasis(11);
        List<String> nodes = io.energylakehouse.etl.source.caiso.SyntheticOasis.nodes(9);
        List<io.energylakehouse.etl.source.caiso.SyntheticOasis.GeneratedFile> files = List.of(
                synthetic.dayAhead(LocalDate.of(2024, 3, 10), nodes),
                synthetic.dayAhead(LocalDate.of(2024, 11, 3), nodes),
                synthetic.realTimeHour(Instant.parse("2024-11-03T09:00:00Z"), nodes));
        for (io.energylakehouse.etl.source.caiso.SyntheticOasis.GeneratedFile file : files) {
            OasisReport report = file.fileName().contains("PRC_INTVL_LMP") ? OasisReport.PRC_INTVL_LMP : OasisReport.PRC_LMP;
            io.energylakehouse.etl.raw.ParsedPayload parsed = io.energylakehouse.etl.source.caiso.OasisLmpParser.parseFile(report, file.bytes(), file.fileName());
            @SuppressWarnings("unchecked")
            List<io.energylakehouse.etl.source.caiso.OasisLmpRecord> records = new ArrayList<>((List<io.energylakehouse.etl.source.caiso.OasisLmpRecord>) parsed.records());
            io.energylakehouse.etl.source.caiso.OasisLmpRecord first = records.get(0);
            io.energylakehouse.etl.source.caiso.OasisLmpRecord second = records.stream().filter(record -> !record.node().equals(first.node())).findFirst().orElseThrow();
            // an agreeing duplicate, a disagreeing duplicate, a node with components only, a total far from its components
            records.add(copy(first, first.node(), first.lmpType(), first.value()));
            records.add(copy(second, second.node(), second.lmpType(), second.value() + 1.0));
            records.add(copy(first, "SYN_COMPONENTS_ONLY", "MCE", 12.5));
            records.add(copy(first, "SYN_MISMATCH", "LMP", 99.0));
            records.add(copy(first, "SYN_MISMATCH", "MCE", 10.0));
            records.add(copy(first, "SYN_MISMATCH", "MCC", null));
            Instant publishedAt = parsed.publishedAtUtc().orElseThrow();

            io.energylakehouse.etl.curate.CanonicalPrices plainJava = io.energylakehouse.etl.source.caiso.CaisoPayloadPrices.canonical(records, report, publishedAt, "fetch-x");
            // Large payloads are worked on in node parts on every core: the same rows and rejections, in the same order.
            assertThat(io.energylakehouse.etl.source.caiso.CaisoPayloadPrices.canonical(records, report, publishedAt, "fetch-x", 3))
                    .as(file.fileName()).isEqualTo(plainJava);

            Dataset<Row> raw = CaisoPrices.withValueColumn(spark.createDataFrame(records.stream().map(record -> record.toRow("fetch-x", "landing-x")).toList(),
                    io.energylakehouse.etl.source.caiso.CaisoTables.rawTable(report).schema()), report).withColumn("published_at_utc", lit(publishedAt));
            Dataset<Row> prices = MarketPrices.withOperatingTime(CaisoPrices.withMarketColumns(CaisoPrices.pivotLmpTypes(raw), report), CaisoMarket.TIME);
            List<String> columns = io.energylakehouse.common.table.CanonicalTables.MARKET_PRICES.columnNames();
            List<List<Object>> spark = MarketPrices.withDqFlags(MarketPrices.withRevisions(prices.where(col("reason").isNull())),
                            io.energylakehouse.etl.source.caiso.CaisoMarket.TOTAL_TOLERANCE_PER_MWH)
                    .select(columns.stream().map(org.apache.spark.sql.functions::col).toArray(org.apache.spark.sql.Column[]::new))
                    .orderBy("location_id", "interval_start_utc", "revision").collectAsList().stream()
                    .map(row -> {
                        List<Object> values = new ArrayList<>();
                        for (int i = 0; i < columns.size(); i++) {
                            values.add(columns.get(i).equals("dq_flags") ? List.copyOf(row.getList(i)) : row.get(i));
                        }
                        return values;
                    })
                    .toList();
            List<List<Object>> plain = plainJava.rows().stream().map(row -> columns.stream().map(row::value).toList()).toList();
            assertThat(plain).as(file.fileName()).hasSize(spark.size()).containsExactlyElementsOf(spark);
            assertThat(plain.stream().filter(row -> row.get(columns.indexOf("dq_flags")).equals(List.of(MarketPrices.TOTAL_MISMATCH)))).hasSize(1);
            assertThat(plain.stream().filter(row -> row.get(columns.indexOf("dq_flags")).equals(List.of(MarketPrices.DUPLICATE_ROWS_COLLAPSED)))).hasSize(1);

            List<List<Object>> sparkRejected = prices.where(col("reason").isNotNull()).orderBy("location_id", "interval_start_utc")
                    .select("location_id", "interval_start_utc", "reason").collectAsList().stream()
                    .map(row -> List.<Object>of(row.get(0), row.get(1), row.get(2))).toList();
            List<List<Object>> plainRejected = plainJava.rejected().stream()
                    .sorted(java.util.Comparator.comparing(io.energylakehouse.etl.curate.CanonicalPrices.Rejected::locationId)
                            .thenComparing(io.energylakehouse.etl.curate.CanonicalPrices.Rejected::intervalStartUtc))
                    .map(rejected -> List.<Object>of(rejected.locationId(), rejected.intervalStartUtc(), rejected.reason())).toList();
            assertThat(plainRejected).as(file.fileName()).hasSize(2).containsExactlyElementsOf(sparkRejected);
        }
    }

    private static io.energylakehouse.etl.source.caiso.OasisLmpRecord copy(io.energylakehouse.etl.source.caiso.OasisLmpRecord record, String node, String lmpType, Double value)
    {
        return new io.energylakehouse.etl.source.caiso.OasisLmpRecord(record.lineNumber() + 100_000, record.intervalStartUtc(), record.intervalEndUtc(),
                record.oprDt(), record.oprHr(), record.oprInterval(), record.nodeIdXml(), record.nodeId(), node, record.marketRunId(), lmpType,
                record.xmlDataItem(), record.pnodeResmrid(), record.grpType(), record.pos(), value, record.group());
    }

    @Test
    void revisionsCountChangesAcrossPublicationsAndDropUnchangedRepeats()
    {
        Instant hour = Instant.parse("2024-07-01T19:00:00Z");
        Dataset<Row> input = spark.createDataFrame(List.of(
                price(hour, "2024-06-30T20:00:00Z", "fetch-a", 30.0),
                price(hour, "2024-06-30T21:00:00Z", "fetch-b", 30.0),
                price(hour, "2024-07-02T20:00:00Z", "fetch-c", 31.5)), PRICES);

        List<Row> result = MarketPrices.withRevisions(input).orderBy("revision").collectAsList();

        assertThat(result).extracting(row -> row.getAs("revision"), row -> row.getAs("fetch_id"), row -> row.getAs("price_per_mwh"))
                .containsExactly(tuple(1, "fetch-a", 30.0), tuple(2, "fetch-c", 31.5));
        assertThat(MarketPrices.latestRevision(MarketPrices.withRevisions(input)).collectAsList())
                .extracting(row -> row.getAs("price_per_mwh")).containsExactly(31.5);
    }

    @Test
    void flagsTotalThatDiffersFromItsComponents()
    {
        Instant hour = Instant.parse("2024-07-01T19:00:00Z");
        Dataset<Row> input = spark.createDataFrame(List.of(
                RowFactory.create("CAISO", "da_hourly", "A", hour, 60, hour, "f", 10.0, 5.0, 3.0, 1.0, null),
                RowFactory.create("CAISO", "da_hourly", "B", hour, 60, hour, "f", 9.004, 5.0, 3.0, 1.0, 0.0),
                RowFactory.create("CAISO", "da_hourly", "C", hour, 60, hour, "f", -12.0, null, null, null, null)), PRICES);

        List<Row> result = MarketPrices.withDqFlags(input, 0.01).orderBy("location_id").collectAsList();

        assertThat(result).extracting(row -> row.getAs("location_id"), row -> row.getList(row.fieldIndex("dq_flags")))
                .containsExactly(tuple("A", List.of("total_mismatch")), tuple("B", List.of()), tuple("C", List.of()));
    }

    @Test
    void pivotsLmpTypesAndRejectsDisagreeingDuplicates()
    {
        Instant start = Instant.parse("2024-07-01T19:00:00Z");
        Instant end = Instant.parse("2024-07-01T20:00:00Z");
        Instant published = Instant.parse("2024-06-30T20:00:00Z");
        Dataset<Row> raw = spark.createDataFrame(List.of(
                // Node OK: full set, the MCC row twice with the same value.
                RowFactory.create("f", published, "OK", start, end, "LMP", 41.0),
                RowFactory.create("f", published, "OK", start, end, "MCE", 40.0),
                RowFactory.create("f", published, "OK", start, end, "MCC", 0.5),
                RowFactory.create("f", published, "OK", start, end, "MCC", 0.5),
                RowFactory.create("f", published, "OK", start, end, "MCL", 0.5),
                // Node BAD: two LMP rows that disagree.
                RowFactory.create("f", published, "BAD", start, end, "LMP", 41.0),
                RowFactory.create("f", published, "BAD", start, end, "LMP", 44.0),
                // Node PARTIAL: components only.
                RowFactory.create("f", published, "PARTIAL", start, end, "MCE", 40.0)), RAW);

        List<Row> result = CaisoPrices.withMarketColumns(CaisoPrices.pivotLmpTypes(raw), OasisReport.PRC_LMP).orderBy("location_id").collectAsList();

        assertThat(result).extracting(row -> row.getAs("location_id"), row -> row.getAs("reason"), row -> row.getAs("_has_duplicates"))
                .containsExactly(
                        tuple("BAD", "duplicate rows for one node and interval disagree: LMP: 2 rows disagree (41.0 vs 44.0)", true),
                        tuple("OK", null, true),
                        tuple("PARTIAL", "no LMP total for this node and interval (components only)", false));
        Row ok = result.get(1);
        assertThat(List.of(ok.getAs("price_per_mwh"), ok.getAs("energy_per_mwh"), ok.getAs("congestion_per_mwh"), ok.getAs("loss_per_mwh")))
                .containsExactly(41.0, 40.0, 0.5, 0.5);
        assertThat((Object) ok.getAs("ghg_per_mwh")).isNull();
        assertThat(ok.<String>getAs("location_type")).isEqualTo("node");
    }

    @Test
    void reportsMissingIntervalsAgainstTheLocalDayLength()
    {
        // 2024-03-10 has 23 hours; deliver 22 of them.
        List<Row> rows = new ArrayList<>();
        List<Instant> hours = CaisoMarket.TIME.intervalStarts(LocalDate.of(2024, 3, 10), 60);
        for (Instant hour : hours.subList(0, 22)) {
            rows.add(price(hour, "2024-03-09T20:00:00Z", "f", 20.0));
        }
        Dataset<Row> prices = MarketPrices.withDqFlags(MarketPrices.withOperatingTime(spark.createDataFrame(rows, PRICES), CaisoMarket.TIME), 0.01);

        List<Row> result = MarketPrices.dataQualityResults(prices, CaisoMarket.TIME).collectAsList();

        assertThat(result).extracting(row -> row.getAs("check_name"), row -> row.getAs("expected_count"), row -> row.getAs("observed_count"))
                .containsExactly(tuple("missing_intervals", 23L, 22L));
        assertThat(MarketPrices.dataQualityResults(prices.where(col("hour_ending").lt(lit(0))), CaisoMarket.TIME).count()).isZero();
    }

    private static Row price(Instant start, String published, String fetchId, double price)
    {
        return RowFactory.create("CAISO", "da_hourly", "TH_NP15_GEN-APND", start, 60, Instant.parse(published), fetchId, price, price, 0.0, 0.0, 0.0);
    }
}
