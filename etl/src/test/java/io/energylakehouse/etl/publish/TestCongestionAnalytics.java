package io.energylakehouse.etl.publish;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.energylakehouse.common.table.CanonicalTables;
import io.energylakehouse.common.table.Lakehouse;
import io.energylakehouse.common.table.TableSpec;
import io.energylakehouse.common.testing.TestLakehouses;
import io.energylakehouse.etl.connector.HubDatasets;
import io.energylakehouse.etl.connector.MarketConnector;
import io.energylakehouse.etl.jobs.DemoJob;
import io.energylakehouse.etl.jobs.MarketPipeline;
import io.energylakehouse.etl.jobs.PublishResult;
import io.energylakehouse.etl.raw.PayloadLimits;
import io.energylakehouse.etl.source.caiso.CaisoConnector;
import io.energylakehouse.etl.source.ercot.ErcotConnector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The congestion top nodes, DART spreads and basis to the reference hub of CAISO (24 synthetic locations, a 25-hour
 * day) and ERCOT (15 settlement points, no congestion component) on one small lake, published by the
 * demo's pipeline: each table equals a reference query over the latest curated rows, the driver and Spark jobs publish
 * the same rows and files, ERCOT's top nodes are an empty dataset whose manifest says why, and a rerun writes nothing.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TestCongestionAnalytics
{
    /** A fall-back day: 25 hours. */
    private static final List<LocalDate> DAYS = List.of(LocalDate.of(2024, 11, 3));
    private static final int HOURS = 25;
    private static final List<MarketConnector> CONNECTORS = List.of(new CaisoConnector(), new ErcotConnector());
    private static final List<TableSpec> ANALYTICS = List.of(PublishedTables.CONGESTION_TOP_NODES_DAILY, PublishedTables.DART_SPREADS_HOURLY,
            PublishedTables.BASIS_TO_HUB_HOURLY);

    @TempDir
    static Path home;

    private static Lakehouse lakehouse;

    @BeforeAll
    static void lake()
    {
        lakehouse = TestLakehouses.create(home.resolve("lake"));
        for (MarketConnector connector : CONNECTORS) {
            int locations = connector instanceof CaisoConnector ? 24 : 15;
            new DemoJob(lakehouse).run(new DemoJob.Options(connector, DAYS, locations, home.resolve("samples-" + connector.market().code()), List.of(),
                    Collections.emptyIterator()));
        }
        lakehouse.spark().sql("SELECT * FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY market, dataset, location_id, interval_start_utc ORDER BY revision DESC) AS n "
                + "FROM curated.market_prices) WHERE n = 1").createOrReplaceTempView("latest");
    }

    @AfterAll
    static void stop()
    {
        lakehouse.close();
    }

    @Test
    @Order(1)
    void eachTableEqualsAReferenceQueryOverTheLatestCuratedRows()
    {
        for (MarketConnector connector : CONNECTORS) {
            String market = connector.market().code();
            HubDatasets datasets = connector.hubDatasets().orElseThrow();
            String hub = connector.market().referenceHub().orElseThrow().locationId();
            String where = "market = '" + market + "'";

            List<String> topNodes = rows(lakehouse.spark().sql("SELECT operating_date, market_run, congestion_rank, location_id, location_type, dataset, "
                    + "mean_congestion_per_mwh, mean_abs_congestion_per_mwh, max_abs_congestion_per_mwh, interval_count, currency FROM ("
                    + "  SELECT *, ROW_NUMBER() OVER (PARTITION BY operating_date, market_run ORDER BY mean_abs_congestion_per_mwh DESC, location_id) AS congestion_rank FROM ("
                    + "    SELECT operating_date, IF(dataset = '" + datasets.dayAhead() + "', 'day_ahead', 'real_time') AS market_run, dataset, location_id, "
                    + "      MAX(location_type) AS location_type, " + mean("congestion_per_mwh") + " AS mean_congestion_per_mwh, "
                    + mean("ABS(congestion_per_mwh)") + " AS mean_abs_congestion_per_mwh, MAX(ABS(congestion_per_mwh)) AS max_abs_congestion_per_mwh, "
                    + "      COUNT(*) AS interval_count, MAX(currency) AS currency "
                    + "    FROM latest WHERE " + where + " AND dataset IN ('" + datasets.dayAhead() + "', '" + datasets.realTime() + "') AND congestion_per_mwh IS NOT NULL "
                    + "    GROUP BY operating_date, dataset, location_id)) WHERE congestion_rank <= 20"));
            assertThat(published(PublishedTables.CONGESTION_TOP_NODES_DAILY, market, topNodes)).as(market).isEqualTo(topNodes);

            // Hourly prices of every location: day-ahead as they are, real-time the hour's mean.
            lakehouse.spark().sql("SELECT COALESCE(d.location_id, r.location_id) AS location_id, COALESCE(d.location_type, r.location_type) AS location_type, "
                    + "COALESCE(d.interval_start_utc, r.interval_start_utc) AS interval_start_utc, d.price_per_mwh AS da, r.rt, COALESCE(r.n, 0) AS n, "
                    + "COALESCE(d.currency, r.currency) AS currency "
                    + "FROM (SELECT * FROM latest WHERE " + where + " AND dataset = '" + datasets.dayAhead() + "') d FULL OUTER JOIN ("
                    + "  SELECT location_id, MAX(location_type) AS location_type, date_trunc('HOUR', interval_start_utc) AS interval_start_utc, " + mean("price_per_mwh")
                    + "    AS rt, COUNT(*) AS n, MAX(currency) AS currency FROM latest WHERE " + where + " AND dataset = '" + datasets.realTime() + "' GROUP BY 1, 3) r "
                    + "ON d.location_id = r.location_id AND d.interval_start_utc = r.interval_start_utc").createOrReplaceTempView("reference_hourly");
            long perHour = 60 / datasets.realTimeIntervalMinutes();

            List<String> dart = rows(lakehouse.spark().sql("SELECT location_id, interval_start_utc, da AS da_price_per_mwh, rt AS rt_price_per_mwh, "
                    + difference("da", "rt") + " AS dart_spread_per_mwh, n AS rt_interval_count, n = " + perHour + " AS is_rt_complete, currency "
                    + "FROM reference_hourly WHERE location_type = '" + datasets.locationType() + "' AND da IS NOT NULL AND rt IS NOT NULL"));
            assertThat(published(PublishedTables.DART_SPREADS_HOURLY, market, dart)).as(market).isEqualTo(dart);

            List<String> basis = rows(lakehouse.spark().sql("SELECT * FROM (SELECT l.location_id, '" + hub + "' AS hub_location_id, l.interval_start_utc, "
                    + "l.da AS da_price_per_mwh, h.da AS da_hub_price_per_mwh, " + difference("l.da", "h.da") + " AS da_basis_per_mwh, "
                    + "l.rt AS rt_price_per_mwh, h.rt AS rt_hub_price_per_mwh, " + difference("l.rt", "h.rt") + " AS rt_basis_per_mwh, "
                    + "l.n AS rt_interval_count, h.n AS rt_hub_interval_count, l.n = " + perHour + " AND h.n = " + perHour + " AS is_rt_complete, l.currency "
                    + "FROM reference_hourly l JOIN reference_hourly h ON h.location_id = '" + hub + "' AND l.interval_start_utc = h.interval_start_utc) "
                    + "WHERE da_basis_per_mwh IS NOT NULL OR rt_basis_per_mwh IS NOT NULL"));
            assertThat(published(PublishedTables.BASIS_TO_HUB_HOURLY, market, basis)).as(market).isEqualTo(basis);

            // What the data give: the hubs' 25 hours, every location's 25 hours (ERCOT's real-time file has more than its
            // day-ahead one), the hub's own at basis 0.
            long locations = lakehouse.spark().sql("SELECT DISTINCT location_id FROM latest WHERE " + where).count();
            assertThat(locations).as(market).isEqualTo(market.equals("CAISO") ? 24 : 23);
            assertThat(dart).as(market).hasSize(1 + HOURS * (market.equals("CAISO") ? 3 : 7));
            assertThat(basis).as(market).hasSize(1 + HOURS * (int) locations);
            assertThat(lakehouse.read(PublishedTables.BASIS_TO_HUB_HOURLY).where(col("market").equalTo(market).and(col("location_id").equalTo(hub)))
                    .select("da_basis_per_mwh", "rt_basis_per_mwh").distinct().collectAsList()).as(market).extracting(Row::toString).containsExactly("[0.0,0.0]");
        }
        // 24 CAISO locations carry congestion: the top 20 of the day in each run.
        assertThat(lakehouse.read(PublishedTables.CONGESTION_TOP_NODES_DAILY).where(col("market").equalTo("CAISO"))
                .groupBy("operating_date", "market_run").count().select("count").distinct().collectAsList()).extracting(row -> row.getLong(0)).containsExactly(20L);
        assertThat(lakehouse.read(PublishedTables.CONGESTION_TOP_NODES_DAILY).select("market_run").distinct().count()).isEqualTo(2);
    }

    @Test
    @Order(2)
    void ercotPublishesNoCongestionRowsAndItsManifestSaysWhy()
            throws IOException
    {
        assertThat(lakehouse.read(PublishedTables.CONGESTION_TOP_NODES_DAILY).where(col("market").equalTo("ERCOT")).count()).isZero();
        assertEmptyTopNodesWithNotice();
        JsonNode caiso = manifest(PublishedTables.CONGESTION_TOP_NODES_DAILY, "CAISO");
        assertThat(caiso.get("notices").toString()).doesNotContain("congestion component");
        assertThat(manifest(PublishedTables.BASIS_TO_HUB_HOURLY, "ERCOT").get("rows").asLong()).isEqualTo(HOURS * 23L);
    }

    @Test
    @Order(3)
    void aSecondPublishWritesNothing()
    {
        Map<String, Long> before = snapshots();
        for (MarketConnector connector : CONNECTORS) {
            PublishResult again = new MarketPipeline(lakehouse, connector).publish();
            assertThat(again.unchanged()).as(connector.market().code()).isTrue();
            assertThat(again.exports()).extracting(io.energylakehouse.etl.publish.ExportResult::dataset)
                    .containsExactlyElementsOf(PublishedTables.all().stream().map(TableSpec::name).toList());
        }
        assertThat(snapshots()).isEqualTo(before);
    }

    @Test
    @Order(4)
    void theDriverAndSparkJobsPublishTheSameRowsAndFiles()
            throws IOException
    {
        Map<String, List<String>> onDriver = publication();
        for (MarketConnector connector : CONNECTORS) {
            new MarketPipeline(lakehouse, connector, PayloadLimits.DEFAULTS, 0).publish(true);
        }
        assertThat(publication()).isEqualTo(onDriver);
        assertEmptyTopNodesWithNotice();
        for (MarketConnector connector : CONNECTORS) {
            assertThat(new MarketPipeline(lakehouse, connector).publish().unchanged()).as(connector.market().code()).isTrue();
        }
    }

    /** ERCOT's top nodes: a manifest of 0 rows whose notices say its prices carry no congestion component, and empty files with the columns. */
    private static void assertEmptyTopNodesWithNotice()
            throws IOException
    {
        TableSpec spec = PublishedTables.CONGESTION_TOP_NODES_DAILY;
        JsonNode manifest = manifest(spec, "ERCOT");
        assertThat(manifest.get("rows").asLong()).isZero();
        assertThat(manifest.get("notices").toString())
                .contains("No day_ahead rows: ERCOT's da_hourly prices carry no congestion component")
                .contains("No real_time rows: ERCOT's rt_15min prices carry no congestion component");
        Path folder = folder(spec, "ERCOT");
        assertThat(csv(spec, "ERCOT")).containsExactly(String.join(",", spec.columnNames()));
        Dataset<Row> parquet = lakehouse.spark().read().parquet(folder.resolve(spec.name() + ".parquet").toString());
        assertThat(parquet.columns()).containsExactlyElementsOf(spec.columnNames());
        assertThat(parquet.count()).isZero();
        assertThat(lakehouse.spark().read().format("delta").load(folder.resolve("delta").toString()).count()).isZero();
    }

    /** Per market and published dataset: the table's rows, the CSV's lines and the manifest's notices. */
    private static Map<String, List<String>> publication()
            throws IOException
    {
        Map<String, List<String>> publication = new TreeMap<>();
        for (MarketConnector connector : CONNECTORS) {
            String market = connector.market().code();
            for (TableSpec spec : PublishedTables.all()) {
                publication.put(market + " " + spec.name() + " table", rows(lakehouse.read(spec).where(col("market").equalTo(market))));
                publication.put(market + " " + spec.name() + ".csv", csv(spec, market));
                publication.put(market + " " + spec.name() + " notices", List.of(manifest(spec, market).get("notices").toString()));
            }
        }
        return publication;
    }

    /** The published table's rows of the market in the columns of the reference, header first. */
    private static List<String> published(TableSpec spec, String market, List<String> reference)
    {
        return rows(lakehouse.read(spec).where(col("market").equalTo(market)).selectExpr(reference.get(0).split(",")));
    }

    private static String mean(String prices)
    {
        return "CAST(ROUND(AVG(CAST(" + prices + " AS DECIMAL(28, 10))), 6) AS DOUBLE)";
    }

    private static String difference(String minuend, String subtrahend)
    {
        return "CAST(ROUND(CAST(" + minuend + " AS DECIMAL(28, 10)) - CAST(" + subtrahend + " AS DECIMAL(28, 10)), 6) AS DOUBLE)";
    }

    private static List<String> rows(Dataset<Row> rows)
    {
        List<String> lines = new ArrayList<>();
        lines.add(String.join(",", rows.columns()));
        rows.collectAsList().stream().map(Row::toString).sorted().forEach(lines::add);
        return lines;
    }

    private static Map<String, Long> snapshots()
    {
        Map<String, Long> snapshots = new TreeMap<>();
        for (TableSpec spec : PublishedTables.all()) {
            snapshots.put(spec.identifier(), lakehouse.currentSnapshotId(spec).orElse(-1L));
        }
        snapshots.put(CanonicalTables.MARKET_PRICES.identifier(), lakehouse.currentSnapshotId(CanonicalTables.MARKET_PRICES).orElse(-1L));
        return snapshots;
    }

    private static Path folder(TableSpec spec, String market)
    {
        String root = lakehouse.config().publishedRoot();
        return (root.contains(":/") ? Path.of(URI.create(root)) : Path.of(root)).resolve(spec.name()).resolve("market=" + market);
    }

    private static JsonNode manifest(TableSpec spec, String market)
            throws IOException
    {
        return new ObjectMapper().readTree(folder(spec, market).resolve("manifest.json").toFile());
    }

    private static List<String> csv(TableSpec spec, String market)
            throws IOException
    {
        try (InputStream input = new GZIPInputStream(Files.newInputStream(folder(spec, market).resolve(spec.name() + ".csv.gz")))) {
            return new String(input.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }
}
