package io.energylakehouse.etl.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.energylakehouse.common.table.CanonicalTables;
import io.energylakehouse.etl.curate.CurateResult;
import io.energylakehouse.common.table.Lakehouse;
import io.energylakehouse.common.table.TableSpec;
import io.energylakehouse.common.testing.TestLakehouses;
import io.energylakehouse.etl.publish.ExportResult;
import io.energylakehouse.etl.publish.PublishedFile;
import io.energylakehouse.etl.publish.PublishedTables;
import io.energylakehouse.etl.publish.PublishedTags;
import io.energylakehouse.etl.raw.FetchOutcome;
import io.energylakehouse.etl.raw.Hashing;
import io.energylakehouse.etl.source.caiso.CaisoMarket;
import io.energylakehouse.etl.source.caiso.SyntheticOasis;
import io.energylakehouse.etl.connector.MarketConnector;
import io.energylakehouse.etl.source.ercot.ErcotConnector;
import io.energylakehouse.etl.source.ercot.SyntheticErcot;
import io.energylakehouse.etl.source.miso.MisoConnector;
import io.energylakehouse.etl.source.miso.MisoReport;
import io.energylakehouse.etl.source.miso.SyntheticMiso;
import io.energylakehouse.etl.source.nyiso.NyisoConnector;
import io.energylakehouse.etl.source.nyiso.NyisoReport;
import io.energylakehouse.etl.source.nyiso.SyntheticNyiso;
import io.energylakehouse.etl.source.pjm.PjmConnector;
import io.energylakehouse.etl.source.spp.SppConnector;
import io.energylakehouse.etl.source.spp.SyntheticSpp;
import io.energylakehouse.etl.source.pjm.PjmReport;
import io.energylakehouse.etl.source.pjm.SyntheticDataMiner;
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
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The demo on a temporary lakehouse, in one Spark session: CAISO's synthetic files around both DST changes plus one
 * corrupt file, then a second identical run, then a revised day-ahead file; then PJM, ERCOT, MISO, NYISO and SPP on the
 * same lake, each with a corrupt file of its own, and their second runs: the six US markets in one Spark session. The CAISO tests run first, on a lake that holds CAISO alone.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TestDemoEndToEnd
{
    private static final int NODES = 8;
    /** PJM's generator needs its 20 hubs and zones. */
    private static final int OTHER_NODES = 20;
    private static final List<MarketConnector> OTHER_MARKETS = List.of(new PjmConnector(), new ErcotConnector(), new MisoConnector(), new NyisoConnector(),
            new SppConnector());
    /** Canada, Europe and the reference publishers, each on its own demo days; the ECB first, so that the others' prices are converted. */
    private static final List<MarketConnector> WORLD_MARKETS = List.of(new io.energylakehouse.etl.source.ecb.EcbConnector(),
            new io.energylakehouse.etl.source.eex.EexConnector(), new io.energylakehouse.etl.source.ieso.IesoConnector(),
            new io.energylakehouse.etl.source.aeso.AesoConnector(), new io.energylakehouse.etl.source.entsoe.EntsoeConnector(),
            new io.energylakehouse.etl.source.nordpool.NordPoolConnector(), new io.energylakehouse.etl.source.eia.EiaConnector(),
            new io.energylakehouse.etl.source.jepx.JepxConnector(), new io.energylakehouse.etl.source.aemo.AemoConnector());
    /** Few locations: the European generators' zones and areas, Ontario's nodes, the ECB's currencies. */
    private static final int WORLD_NODES = 4;

    @TempDir
    static Path home;

    private static Lakehouse lakehouse;
    private static DemoJob.Result firstRun;
    private static List<Row> curatedAfterFirstRun;

    @BeforeAll
    static void runDemo()
            throws IOException
    {
        lakehouse = TestLakehouses.create(home.resolve("lake"));
        Path inbox = Files.createDirectories(home.resolve("inbox"));
        // A download cut short: a real-looking name, the first 300 bytes of a real-format zip.
        byte[] dayAhead = new SyntheticOasis(1).dayAhead(LocalDate.of(2024, 3, 11), SyntheticOasis.nodes(NODES)).bytes();
        Files.write(inbox.resolve("20240312_20240312_PRC_LMP_DAM_20240311_13_05_12_v12.zip"), java.util.Arrays.copyOf(dayAhead, 300));
        firstRun = new DemoJob(lakehouse).run(options(inbox));
        curatedAfterFirstRun = sortedCurated();
    }

    @AfterAll
    static void stop()
    {
        lakehouse.close();
    }

    private static DemoJob.Options options(Path inbox)
    {
        return new DemoJob.Options(DemoJob.DEFAULT_DATES, NODES, home.resolve("samples"), List.of(inbox), Collections.emptyIterator());
    }

    @Test
    @Order(1)
    void curatesTwentyThreeTwentyFourAndTwentyFiveHourDays()
    {
        Map<LocalDate, Long> dayAheadRows = rowsPerDay("da_hourly");
        assertThat(dayAheadRows).isEqualTo(new TreeMap<>(Map.of(
                LocalDate.of(2024, 3, 9), 24L * NODES,
                LocalDate.of(2024, 3, 10), 23L * NODES,
                LocalDate.of(2024, 3, 11), 24L * NODES,
                LocalDate.of(2024, 11, 2), 24L * NODES,
                LocalDate.of(2024, 11, 3), 25L * NODES,
                LocalDate.of(2024, 11, 4), 24L * NODES)));
        Map<LocalDate, Long> realTimeRows = rowsPerDay("rt_5min");
        assertThat(realTimeRows.get(LocalDate.of(2024, 3, 10))).isEqualTo(23L * 12 * NODES);
        assertThat(realTimeRows.get(LocalDate.of(2024, 11, 3))).isEqualTo(25L * 12 * NODES);

        // Hours ending run 1..23 and 1..25 on the DST days, and the key is unique.
        Row hours = lakehouse.read(CanonicalTables.MARKET_PRICES).where(col("dataset").equalTo("da_hourly"))
                .groupBy("operating_date").agg(org.apache.spark.sql.functions.max("hour_ending"))
                .where(col("operating_date").equalTo(LocalDate.of(2024, 11, 3))).first();
        assertThat(hours.getInt(1)).isEqualTo(25);
        Dataset<Row> curated = lakehouse.read(CanonicalTables.MARKET_PRICES);
        assertThat(curated.select("market", "dataset", "location_id", "interval_start_utc", "revision").distinct().count()).isEqualTo(curated.count());
        assertThat(curated.where(org.apache.spark.sql.functions.size(col("dq_flags")).gt(0)).count()).isZero();
        assertThat(curated.where(col("location_type").equalTo("hub")).select("location_id").distinct().count()).isEqualTo(3);
    }

    @Test
    @Order(2)
    void corruptFileIsQuarantinedWhileGoodFilesAreCurated()
    {
        assertThat(firstRun.landing().outcome(FetchOutcome.REJECTED)).isEqualTo(1);
        assertThat(firstRun.landing().outcome(FetchOutcome.PARSED)).isEqualTo(6 + 6 * 24);
        List<Row> quarantined = lakehouse.read(CanonicalTables.QUARANTINE).collectAsList();
        assertThat(quarantined).hasSize(1);
        Row row = quarantined.get(0);
        assertThat(row.<String>getAs("stage")).isEqualTo("parse");
        assertThat(row.<String>getAs("reason"))
                .isEqualTo("Cannot parse CAISO OASIS file 20240312_20240312_PRC_LMP_DAM_20240311_13_05_12_v12.zip: "
                        + "not a readable zip: no end-of-central-directory record (the download was cut short)");
        // The rejected bytes are kept in the raw store, reachable from the fetch log.
        Row fetch = lakehouse.read(CanonicalTables.FETCH_LOG).where(col("fetch_id").equalTo(row.<String>getAs("fetch_id"))).first();
        assertThat(fetch.<String>getAs("outcome")).isEqualTo("rejected");
        assertThat(Path.of(URI.create(fetch.<String>getAs("payload_path")))).hasSize(300);
    }

    @Test
    @Order(3)
    void publishesParquetCsvDeltaAndManifest()
            throws IOException
    {
        ExportResult daily = firstRun.published().exports().stream().filter(export -> export.dataset().equals("hub_prices_daily")).findFirst().orElseThrow();
        assertThat(daily.rows()).isEqualTo(3 * 6);
        Path folder = Path.of(URI.create(daily.manifestPath())).getParent();
        JsonNode manifest = new ObjectMapper().readTree(folder.resolve("manifest.json").toFile());
        assertThat(manifest.get("rows").asLong()).isEqualTo(18);
        assertThat(manifest.get("notices").get(0).asText()).startsWith("SYNTHETIC");
        assertThat(manifest.get("source_snapshots").get("curated.market_prices").asLong()).isEqualTo(firstRun.published().curatedSnapshotId());
        assertTagsOnManifestSnapshots(manifest);
        for (PublishedFile file : daily.files()) {
            byte[] bytes = Files.readAllBytes(folder.resolve(file.path()));
            assertThat(Hashing.sha256(bytes)).isEqualTo(file.sha256());
        }
        assertThat(lakehouse.spark().read().format("delta").load(daily.deltaPath()).count()).isEqualTo(18);
        assertThat(lakehouse.spark().read().parquet(folder.resolve("hub_prices_daily.parquet").toString()).count()).isEqualTo(18);
        // CSV round trip through Spark's reader: header and row count.
        Dataset<Row> csv = lakehouse.spark().read().option("header", "true").csv(folder.resolve("hub_prices_daily.csv.gz").toString());
        assertThat(csv.columns()).containsExactlyElementsOf(PublishedTables.HUB_PRICES_DAILY.columnNames());
        assertThat(csv.count()).isEqualTo(18);

        // 6x16: the Sunday 2024-03-10 and 2024-11-03 have no on-peak hours; Saturday does, HE7..HE22 = 16.
        Map<LocalDate, Row> np15 = new TreeMap<>();
        lakehouse.read(PublishedTables.HUB_PRICES_DAILY).where(col("location_id").equalTo(CaisoMarket.NP15)).collectAsList()
                .forEach(day -> np15.put(day.getAs("operating_date"), day));
        assertThat(np15.get(LocalDate.of(2024, 3, 10)).<Integer>getAs("on_peak_hours")).isZero();
        assertThat(np15.get(LocalDate.of(2024, 3, 10)).<Integer>getAs("off_peak_hours")).isEqualTo(23);
        assertThat(np15.get(LocalDate.of(2024, 3, 9)).<Integer>getAs("on_peak_hours")).isEqualTo(16);
        assertThat(np15.get(LocalDate.of(2024, 11, 3)).<Integer>getAs("off_peak_hours")).isEqualTo(25);
        assertThat(np15.get(LocalDate.of(2024, 11, 4)).<Double>getAs("da_on_peak_price_per_mwh")).isNotNull();
    }

    @Test
    @Order(4)
    void secondRunChangesNothing()
    {
        Map<String, Long> snapshotsBefore = currentSnapshots();
        DemoJob.Result second = new DemoJob(lakehouse).run(options(home.resolve("inbox")));
        assertThat(second.landing().payloadsNew()).isZero();
        assertThat(second.landing().payloadsAlreadyLanded()).isEqualTo(firstRun.landing().payloadsNew());
        assertThat(sortedCurated()).isEqualTo(curatedAfterFirstRun);
        assertThat(lakehouse.read(CanonicalTables.FETCH_LOG).count()).isEqualTo(firstRun.landing().payloadsNew());
        assertThat(lakehouse.read(CanonicalTables.QUARANTINE).count()).isEqualTo(1);
        // Nothing new: curation and publishing find that out, commit nothing and move no tag, and report what is there.
        assertThat(second.curated()).allSatisfy(result -> assertThat(result.unchanged()).isTrue());
        assertThat(second.curated()).extracting(CurateResult::dataset, CurateResult::rowsWritten, CurateResult::intervalsPerDay)
                .containsExactlyElementsOf(firstRun.curated().stream().map(result -> tuple(result.dataset(), result.rowsWritten(), result.intervalsPerDay())).toList());
        assertThat(second.published().unchanged()).isTrue();
        assertThat(second.published().exports()).extracting(ExportResult::dataset, ExportResult::rows, ExportResult::manifestPath)
                .containsExactlyElementsOf(firstRun.published().exports().stream().map(export -> tuple(export.dataset(), export.rows(), export.manifestPath())).toList());
        assertThat(second.published().hubSummaries()).hasSize(3);
        assertThat(second.published().origins()).containsExactly("synthetic");
        assertThat(currentSnapshots()).isEqualTo(snapshotsBefore);
    }

    @Test
    @Order(5)
    void forcedRebuildWritesNewSnapshotsWithTheSameRows()
    {
        Map<String, Long> snapshotsBefore = currentSnapshots();
        List<Row> publishedBefore = lakehouse.read(PublishedTables.HUB_PRICES_HOURLY).orderBy("location_id", "interval_start_utc").collectAsList();
        DemoJob.Result forced = new DemoJob(lakehouse).run(options(home.resolve("inbox")), true);
        assertThat(forced.curated()).allSatisfy(result -> assertThat(result.unchanged()).isFalse());
        assertThat(forced.published().unchanged()).isFalse();
        assertThat(sortedCurated()).isEqualTo(curatedAfterFirstRun);
        assertThat(lakehouse.read(PublishedTables.HUB_PRICES_HOURLY).orderBy("location_id", "interval_start_utc").collectAsList()).isEqualTo(publishedBefore);
        Map<String, Long> snapshotsAfter = currentSnapshots();
        assertThat(snapshotsAfter.get(CanonicalTables.MARKET_PRICES.identifier())).isNotEqualTo(snapshotsBefore.get(CanonicalTables.MARKET_PRICES.identifier()));
        assertThat(snapshotsAfter.get(PublishedTables.HUB_PRICES_DAILY.identifier())).isNotEqualTo(snapshotsBefore.get(PublishedTables.HUB_PRICES_DAILY.identifier()));
    }

    private static Map<String, Long> currentSnapshots()
    {
        Map<String, Long> snapshots = new TreeMap<>();
        for (TableSpec spec : Stream.concat(CanonicalTables.all().stream(), PublishedTables.all().stream()).toList()) {
            snapshots.put(spec.identifier(), lakehouse.currentSnapshotId(spec).orElse(-1L));
        }
        return snapshots;
    }

    @Test
    @Order(6)
    void revisedFileIsANewRevisionAndPublishedPricesFollowIt()
            throws IOException
    {
        LocalDate day = LocalDate.of(2024, 3, 11);
        SyntheticOasis.GeneratedFile original = new SyntheticOasis(DemoJob.SAMPLE_SEED).dayAhead(day, SyntheticOasis.nodes(NODES));
        SyntheticOasis.GeneratedFile revised = new SyntheticOasis(DemoJob.SAMPLE_SEED + 1).dayAhead(day, SyntheticOasis.nodes(NODES));
        assertThat(revised.bytes()).isNotEqualTo(original.bytes());
        Path folder = Files.createDirectories(home.resolve("revision"));
        // Same OASIS name pattern, a later generation stamp: the operator republished the day.
        Path file = folder.resolve(revised.fileName().replace("_13_05_12_", "_18_00_00_"));
        Files.write(file, revised.bytes());

        MarketPipeline pipeline = new MarketPipeline(lakehouse, new io.energylakehouse.etl.source.caiso.CaisoConnector());
        pipeline.land(io.energylakehouse.etl.source.caiso.CaisoFiles.payloads(List.of(file), java.util.Optional.empty(),
                io.energylakehouse.etl.raw.Payload.Origin.SYNTHETIC));
        pipeline.curate(List.of(pipeline.connector().report("prc_lmp")), List.of(day));

        Dataset<Row> dayRows = lakehouse.read(CanonicalTables.MARKET_PRICES)
                .where(col("dataset").equalTo("da_hourly").and(col("operating_date").equalTo(day)));
        assertThat(dayRows.where(col("revision").equalTo(1)).count()).isEqualTo(24L * NODES);
        assertThat(dayRows.where(col("revision").equalTo(2)).count()).isEqualTo(24L * NODES);
        Row fetch = lakehouse.read(CanonicalTables.FETCH_LOG).where(col("file_name").equalTo(file.getFileName().toString())).first();
        assertThat(fetch.<Integer>getAs("revision")).isEqualTo(2);

        PublishResult republished = pipeline.publish();
        double publishedHour = lakehouse.read(PublishedTables.HUB_PRICES_HOURLY)
                .where(col("location_id").equalTo(CaisoMarket.NP15).and(col("operating_date").equalTo(day)).and(col("hour_ending").equalTo(18)))
                .first().<Double>getAs("da_price_per_mwh");
        double revisedHour = dayRows.where(col("revision").equalTo(2).and(col("location_id").equalTo(CaisoMarket.NP15)).and(col("hour_ending").equalTo(18)))
                .first().<Double>getAs("price_per_mwh");
        assertThat(publishedHour).isEqualTo(revisedHour);
        // The republish moved the tags to the snapshots the new manifests name, and the tag reads what was published.
        for (ExportResult export : republished.exports()) {
            JsonNode manifest = new ObjectMapper().readTree(Path.of(URI.create(export.manifestPath())).toFile());
            assertTagsOnManifestSnapshots(manifest);
            assertThat(lakehouse.spark().sql("SELECT * FROM " + manifest.get("table").asText() + " VERSION AS OF '"
                    + PublishedTags.name(export.dataset(), CaisoMarket.MARKET) + "' WHERE market = 'CAISO'").count()).isEqualTo(export.rows());
        }
        assertThat(republished.curatedSnapshotId()).isNotEqualTo(firstRun.published().curatedSnapshotId());
        // Neighbouring days were not touched by the one-day curation.
        assertThat(rowsPerDay("da_hourly").get(LocalDate.of(2024, 3, 10))).isEqualTo(23L * NODES);
    }

    @Test
    @Order(7)
    void theOtherMarketsRunBesideCaisoAndTheirCorruptFilesAreQuarantined()
            throws IOException
    {
        List<Row> caisoBefore = sortedCurated();
        LocalDate after = LocalDate.of(2024, 3, 12);
        Path pjmInbox = Files.createDirectories(home.resolve("inbox-pjm"));
        SyntheticDataMiner.GeneratedPage page = new SyntheticDataMiner(1).pages(PjmReport.DA_HRL_LMPS, after, SyntheticDataMiner.pnodes(OTHER_NODES), 50_000).get(0);
        Files.write(pjmInbox.resolve(page.fileName()), java.util.Arrays.copyOf(page.bytes(), 300));
        Path ercotInbox = Files.createDirectories(home.resolve("inbox-ercot"));
        SyntheticErcot.GeneratedFile document = new SyntheticErcot(1).dayAhead(after, SyntheticErcot.settlementPoints(OTHER_NODES));
        Files.write(ercotInbox.resolve(document.fileName()), java.util.Arrays.copyOf(document.bytes(), 300));
        // An operator's error page saved under a report's file name.
        byte[] errorPage = "<html><head><title>502 Bad Gateway</title></head><body>The server is temporarily unavailable</body></html>\n"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Files.write(Files.createDirectories(home.resolve("inbox-miso")).resolve(new SyntheticMiso(1).file(MisoReport.DA_EXPOST_LMP, after,
                SyntheticMiso.nodes(OTHER_NODES)).fileName()), errorPage);
        Files.write(Files.createDirectories(home.resolve("inbox-nyiso")).resolve(new SyntheticNyiso(1).file(NyisoReport.DAMLBMP_ZONE, after,
                SyntheticNyiso.zones()).fileName()), errorPage);
        Files.write(Files.createDirectories(home.resolve("inbox-spp")).resolve(new SyntheticSpp(1).dayAhead(after, SyntheticSpp.settlementLocations(OTHER_NODES),
                false).fileName()), errorPage);

        for (MarketConnector connector : OTHER_MARKETS) {
            String market = connector.market().code();
            DemoJob.Result result = new DemoJob(lakehouse).run(otherOptions(connector));
            assertThat(result.landing().outcome(FetchOutcome.REJECTED)).as(market).isEqualTo(1);
            List<Row> quarantined = lakehouse.read(CanonicalTables.QUARANTINE).where(col("market").equalTo(market)).collectAsList();
            assertThat(quarantined).as(market).hasSize(1);
            assertThat(quarantined.get(0).<String>getAs("stage")).isEqualTo("parse");
            assertThat(result.curated()).allSatisfy(curated -> assertThat(curated.quarantined()).isZero());
            // Every location holds every interval of its day: 23/24/25 hours, 276/288/300 five-minute, 92/96/100 quarter-hour intervals.
            for (CurateResult curated : result.curated()) {
                Dataset<Row> latest = io.energylakehouse.etl.curate.MarketPrices.latestRevision(lakehouse.read(CanonicalTables.MARKET_PRICES)
                        .where(col("market").equalTo(market).and(col("dataset").equalTo(curated.dataset()))));
                List<Row> days = latest.groupBy("operating_date").agg(org.apache.spark.sql.functions.count(org.apache.spark.sql.functions.lit(1)).as("rows"),
                        org.apache.spark.sql.functions.countDistinct("location_id").as("locations"), org.apache.spark.sql.functions.max("interval_minutes").as("minutes"))
                        .collectAsList();
                if (days.isEmpty()) {
                    // A dataset without a sample generator (MISO's weekly five-minute zip): nothing landed, nothing curated.
                    assertThat(curated.rowsWritten()).as("%s %s", market, curated.dataset()).isZero();
                    continue;
                }
                assertThat(days).as("%s %s", market, curated.dataset()).hasSize(DemoJob.DEFAULT_DATES.size());
                for (Row day : days) {
                    LocalDate date = day.getAs("operating_date");
                    // 23 and 25 hours on the DST days in prevailing time; MISO's EST days always have 24.
                    long hours = connector.market().time().hoursInDay(date);
                    long intervals = hours * 60 / day.<Integer>getAs("minutes");
                    assertThat(day.<Long>getAs("rows")).as("%s %s %s", market, curated.dataset(), date).isEqualTo(intervals * day.<Long>getAs("locations"));
                }
                assertThat(curated.intervalsPerDay().get(LocalDate.of(2024, 11, 3))).as("%s %s", market, curated.dataset())
                        .isEqualTo(connector.market().time().hoursInDay(LocalDate.of(2024, 11, 3)) * 60L
                                / connector.reports().stream().filter(report -> report.datasets().contains(curated.dataset())).findFirst().orElseThrow()
                                .outputs().get(0).intervalMinutes().orElseThrow());
            }
            if (market.equals("MISO")) {
                assertThat(connector.market().time().hoursInDay(LocalDate.of(2024, 3, 10))).isEqualTo(24);
                assertThat(connector.market().time().hoursInDay(LocalDate.of(2024, 11, 3))).isEqualTo(24);
            }
            assertThat(result.published().hubSummaries()).as(market).isNotEmpty();
            JsonNode manifest = new ObjectMapper().readTree(Path.of(URI.create(result.published().exports().get(0).manifestPath())).toFile());
            assertThat(manifest.get("market").asText()).isEqualTo(market);
            assertThat(manifest.get("notices").toString()).contains("SYNTHETIC", connector.market().dataTerms());
        }
        // PJM's unverified five-minute prices are the first revisions of keys, the verified ones (posted later) the next where they differ.
        Dataset<Row> pjmFiveMinute = lakehouse.read(CanonicalTables.MARKET_PRICES).where(col("market").equalTo("PJM").and(col("dataset").equalTo("rt_5min")))
                .join(lakehouse.read(CanonicalTables.FETCH_LOG).select("fetch_id", "report"), "fetch_id");
        assertThat(pjmFiveMinute.where(col("revision").equalTo(1)).select("report").distinct().collectAsList())
                .extracting(row -> row.getString(0)).containsExactly("rt_unverified_fivemin_lmps");
        assertThat(pjmFiveMinute.where(col("revision").equalTo(2)).select("report").distinct().collectAsList())
                .extracting(row -> row.getString(0)).containsExactly("rt_fivemin_hrl_lmps");
        Dataset<Row> curated = lakehouse.read(CanonicalTables.MARKET_PRICES);
        assertThat(curated.select("market", "dataset", "location_id", "interval_start_utc", "revision").distinct().count()).isEqualTo(curated.count());
        // The other markets' runs never touched CAISO's partitions.
        assertThat(lakehouse.read(CanonicalTables.MARKET_PRICES).where(col("market").equalTo("CAISO"))
                .orderBy("market", "dataset", "location_id", "interval_start_utc", "revision").collectAsList()).isEqualTo(caisoBefore);
    }

    @Test
    @Order(8)
    void canadaEuropeRatesAndAuctionsLandCurateAndPublishInTheirClocksAndCurrencies()
    {
        List<Row> usBefore = sortedCurated();
        Map<String, DemoJob.Result> results = new java.util.LinkedHashMap<>();
        for (MarketConnector connector : WORLD_MARKETS) {
            DemoJob.Result result = new DemoJob(lakehouse).run(worldOptions(connector));
            results.put(connector.market().code(), result);
            assertThat(result.landing().outcome(FetchOutcome.REJECTED)).as(connector.market().code()).isZero();
            assertThat(result.curated()).allSatisfy(curated -> assertThat(curated.quarantined()).as("%s %s", curated.market(), curated.dataset()).isZero());
            if (connector.hubDatasets().isEmpty()) {
                assertThat(result.published().exports()).as(connector.market().code()).isEmpty();
                continue;
            }
            assertThat(result.published().hubSummaries()).as(connector.market().code()).isNotEmpty();
            // Every location holds every interval of its day, in its market's clock: IESO's EST days have 24 hours, Europe's
            // clock changes 23/25 hours and 92/100 quarter hours, AESO's Mountain ones 23/25 hours and 276/300 five-minute means.
            Dataset<Row> latest = io.energylakehouse.etl.curate.MarketPrices.latestRevision(lakehouse.read(CanonicalTables.MARKET_PRICES)
                    .where(col("market").equalTo(connector.market().code())));
            for (Row day : latest.groupBy("dataset", "operating_date").agg(org.apache.spark.sql.functions.count(org.apache.spark.sql.functions.lit(1)).as("rows"),
                    org.apache.spark.sql.functions.countDistinct("location_id").as("locations"), org.apache.spark.sql.functions.max("interval_minutes").as("minutes"))
                    .collectAsList()) {
                LocalDate date = day.getAs("operating_date");
                long intervals = connector.market().time().hoursInDay(date) * 60L / day.<Integer>getAs("minutes");
                assertThat(day.<Long>getAs("rows")).as("%s %s %s", connector.market().code(), day.getAs("dataset"), date)
                        .isEqualTo(intervals * day.<Long>getAs("locations"));
            }
        }
        // The ECB's rates and EEX's auctions in their own tables.
        assertThat(lakehouse.read(CanonicalTables.FX_RATES).count()).isEqualTo(results.get("ECB").curated().get(0).rowsWritten()).isPositive();
        assertThat(lakehouse.read(CanonicalTables.SPOT_PRICES).where(col("market").equalTo("EU-ETS").and(col("unit").equalTo("tCO2"))).count()).isPositive();
        // EIA: Henry Hub in curated.spot_prices (USD/MMBtu, next gas days); weekly storage in curated.fundamentals, where the
        // release of 2024-03-14 revises the week ending 2024-03-01 and both values stay, each with its release time.
        assertThat(lakehouse.read(CanonicalTables.SPOT_PRICES).where(col("market").equalTo("HENRY-HUB")).orderBy("trade_date").collectAsList())
                .extracting(row -> row.getAs("product"), row -> row.getAs("trade_date"), row -> row.getAs("delivery_start"), row -> row.getAs("delivery_end"),
                        row -> row.getAs("currency"), row -> row.getAs("unit"))
                .hasSize(5)
                .contains(org.assertj.core.groups.Tuple.tuple("RNGWHHD", LocalDate.of(2024, 3, 1), LocalDate.of(2024, 3, 2), LocalDate.of(2024, 3, 5), "USD", "MMBtu"));
        assertThat(lakehouse.read(CanonicalTables.FUNDAMENTALS).where(col("market").equalTo("EIA").and(col("location_id").equalTo("R48"))
                        .and(col("operating_date").equalTo(java.sql.Date.valueOf("2024-03-01")))).orderBy("revision").collectAsList())
                .extracting(row -> row.getAs("revision"), row -> row.getAs("published_at_utc"), row -> row.getAs("series"), row -> row.getAs("unit"),
                        row -> row.getAs("interval_minutes"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, java.time.Instant.parse("2024-03-07T15:30:00Z"), "storage_bcf", "Bcf", 10_080),
                        org.assertj.core.groups.Tuple.tuple(2, java.time.Instant.parse("2024-03-14T14:30:00Z"), "storage_bcf", "Bcf", 10_080));
        // JEPX: 48 half hours a day of the system price and the areas, in JPY per MWh, published as 24 hours of two each.
        Row tokyo = lakehouse.read(PublishedTables.HUB_PRICES_DAILY)
                .where(col("market").equalTo("JEPX").and(col("location_id").equalTo("TOKYO")).and(col("operating_date").equalTo(java.sql.Date.valueOf("2025-04-01"))))
                .first();
        assertThat(List.<Object>of(tokyo.getAs("currency"), tokyo.getAs("hours_in_day"), tokyo.getAs("da_interval_count"), tokyo.getAs("is_da_complete"),
                tokyo.getAs("peak_block"), tokyo.getAs("on_peak_hours"))).containsExactly("JPY", 24, 48, true, "Japan peakload", 12);
        // ENTSO-E's load and wind and solar forecasts in curated.fundamentals, by the shared record curation: hourly, in MW,
        // with the time they were issued; 23 hours of each zone on the spring-forward day.
        Dataset<Row> fundamentals = lakehouse.read(CanonicalTables.FUNDAMENTALS).where(col("market").equalTo("ENTSOE"));
        assertThat(fundamentals.select("series").distinct().as(org.apache.spark.sql.Encoders.STRING()).collectAsList())
                .containsExactlyInAnyOrder("load_forecast_mw", "solar_forecast_mw", "wind_onshore_forecast_mw");
        assertThat(fundamentals.where(col("issued_at_utc").isNull().or(col("unit").notEqual("MW"))).count()).isZero();
        assertThat(fundamentals.where(col("series").equalTo("load_forecast_mw").and(col("operating_date").equalTo(java.sql.Date.valueOf("2024-03-31")))).count())
                .isEqualTo(23L * WORLD_NODES);
        // Quarter hours: France's fall-back day of 2025 has 100 day-ahead quarter hours, published as 25 hours of four each.
        Row frFallBack = lakehouse.read(PublishedTables.HUB_PRICES_DAILY)
                .where(col("market").equalTo("ENTSOE").and(col("location_id").equalTo("FR")).and(col("operating_date").equalTo(java.sql.Date.valueOf("2025-10-26"))))
                .first();
        assertThat(List.<Object>of(frFallBack.getAs("hours_in_day"), frFallBack.getAs("da_interval_count"), frFallBack.getAs("da_expected_interval_count"),
                frFallBack.getAs("is_da_complete"))).containsExactly(25, 100, 100, true);
        // One currency: a Sunday's EUR price converted to USD at the Friday's ECB rate, by hand.
        java.math.BigDecimal usdPerEur = lakehouse.read(CanonicalTables.FX_RATES)
                .where(col("currency").equalTo("USD").and(col("rate_date").equalTo(java.sql.Date.valueOf("2025-10-24")))).first().getAs("units_per_eur");
        assertThat(frFallBack.<LocalDate>getAs("fx_rate_date")).isEqualTo(LocalDate.of(2025, 10, 24));
        assertThat(frFallBack.<String>getAs("fx_rule")).isEqualTo("previous_business_day");
        assertThat(frFallBack.<Double>getAs("da_base_price_usd_per_mwh")).isEqualTo(java.math.BigDecimal.valueOf(frFallBack.<Double>getAs("da_base_price_per_mwh"))
                .multiply(usdPerEur).setScale(6, java.math.RoundingMode.HALF_UP).doubleValue());
        // A CAD price to EUR: divided by the CAD rate of its day.
        Row ontario = lakehouse.read(PublishedTables.HUB_PRICES_DAILY)
                .where(col("market").equalTo("IESO").and(col("operating_date").equalTo(java.sql.Date.valueOf("2025-05-01")))).first();
        java.math.BigDecimal cadPerEur = lakehouse.read(CanonicalTables.FX_RATES)
                .where(col("currency").equalTo("CAD").and(col("rate_date").equalTo(java.sql.Date.valueOf("2025-05-01")))).first().getAs("units_per_eur");
        assertThat(ontario.<Double>getAs("da_base_price_eur_per_mwh")).isEqualTo(java.math.BigDecimal.valueOf(ontario.<Double>getAs("da_base_price_per_mwh"))
                .divide(cadPerEur, 6, java.math.RoundingMode.HALF_UP).doubleValue());
        // Base only where no block is settled (IESO, AESO); the EEX peak block (HE 9-20 CET) in Europe.
        assertThat(ontario.<String>getAs("peak_block")).isEqualTo("base only");
        assertThat(ontario.<Double>getAs("da_off_peak_price_per_mwh")).isNull();
        assertThat(lakehouse.read(PublishedTables.HUB_PRICES_DAILY).where(col("market").equalTo("ENTSOE").and(col("operating_date").equalTo(
                java.sql.Date.valueOf("2024-03-28")))).first().<Integer>getAs("on_peak_hours")).isEqualTo(12);
        // The US markets' rows are as they were.
        assertThat(lakehouse.read(CanonicalTables.MARKET_PRICES).where(col("market").isin("CAISO", "PJM", "ERCOT", "MISO", "NYISO", "SPP"))
                .orderBy("market", "dataset", "location_id", "interval_start_utc", "revision").collectAsList()).isEqualTo(usBefore);
    }

    /**
     * published.hub_prices_daily against a query written from its definition on curated.market_prices and
     * curated.fx_rates, for three markets in three currencies: IESO (CAD, hourly day-ahead and five-minute real-time),
     * JEPX (JPY, half-hour day-ahead of the system and the nine areas) and AEMO (AUD, five-minute real-time of the regions).
     * The hour's price is the mean of its intervals, the day's base price the mean of its hours, the EUR price the base
     * price over the ECB rate of the day or of the last business day before it, the USD price that times the USD rate;
     * both null on a day without a rate within a week before it.
     */
    @Test
    @Order(9)
    void dailyHubPricesAgreeWithAReferenceQueryInThreeCurrencies()
    {
        List<String> markets = List.of("IESO", "JEPX", "AEMO");
        lakehouse.read(CanonicalTables.MARKET_PRICES).where(col("market").isin(markets.toArray())).createOrReplaceTempView("ref_prices");
        lakehouse.read(CanonicalTables.FX_RATES).createOrReplaceTempView("ref_rates");
        StringBuilder runs = new StringBuilder("CASE");
        StringBuilder published = new StringBuilder("FALSE");
        for (String market : markets) {
            io.energylakehouse.etl.connector.HubDatasets datasets = io.energylakehouse.etl.connector.Connectors.require(market).hubDatasets().orElseThrow();
            datasets.runs().forEach((dataset, run) -> runs.append(" WHEN market = '").append(market).append("' AND dataset = '").append(dataset)
                    .append("' THEN '").append(run.equals(io.energylakehouse.etl.connector.HubDatasets.DAY_AHEAD) ? "da" : "rt").append("'"));
            published.append(" OR (market = '").append(market).append("' AND location_type IN ('").append(String.join("', '", datasets.publishedLocationTypes())).append("'))");
        }
        runs.append(" END");
        String exact = "DECIMAL(28, 10)";
        List<Row> reference = lakehouse.spark().sql(
                "WITH latest AS (SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY market, dataset, location_id, interval_start_utc ORDER BY revision DESC) AS rn "
                        + "    FROM ref_prices) WHERE rn = 1 AND (" + published + ")), "
                        + "runs AS (SELECT *, " + runs + " AS run, date_trunc('HOUR', interval_start_utc) AS hour_start FROM latest), "
                        + "hourly AS (SELECT market, location_id, hour_start, min(operating_date) AS operating_date, first(currency) AS currency, "
                        + "    round(avg(CASE WHEN run = 'da' THEN CAST(price_per_mwh AS " + exact + ") END), 6) AS da, "
                        + "    round(avg(CASE WHEN run = 'rt' THEN CAST(price_per_mwh AS " + exact + ") END), 6) AS rt, "
                        + "    count(CASE WHEN run = 'da' THEN 1 END) AS da_n, count(CASE WHEN run = 'rt' THEN 1 END) AS rt_n "
                        + "    FROM runs WHERE run IS NOT NULL GROUP BY market, location_id, hour_start), "
                        + "daily AS (SELECT market, location_id, operating_date, first(currency) AS currency, "
                        + "    round(avg(CAST(da AS " + exact + ")), 6) AS da_base, round(avg(CAST(rt AS " + exact + ")), 6) AS rt_base, "
                        + "    CAST(sum(da_n) AS INT) AS da_n, sum(rt_n) AS rt_n FROM hourly GROUP BY market, location_id, operating_date), "
                        + "rates AS (SELECT * FROM (SELECT *, row_number() OVER (PARTITION BY currency, rate_date ORDER BY revision DESC) AS rn FROM ref_rates) WHERE rn = 1), "
                        + "picked AS (SELECT d.market, d.location_id, d.operating_date, r.currency, max(r.rate_date) AS rate_date FROM daily d JOIN rates r "
                        + "    ON r.currency IN (d.currency, 'USD') AND r.rate_date BETWEEN date_sub(d.operating_date, 7) AND d.operating_date "
                        + "    GROUP BY d.market, d.location_id, d.operating_date, r.currency) "
                        + "SELECT d.*, own.rate_date AS fx_rate_date, own_rate.units_per_eur AS own_per_eur, usd_rate.units_per_eur AS usd_per_eur "
                        + "FROM daily d "
                        + "LEFT JOIN picked own ON own.market = d.market AND own.location_id = d.location_id AND own.operating_date = d.operating_date AND own.currency = d.currency "
                        + "LEFT JOIN rates own_rate ON own_rate.currency = d.currency AND own_rate.rate_date = own.rate_date "
                        + "LEFT JOIN picked usd ON usd.market = d.market AND usd.location_id = d.location_id AND usd.operating_date = d.operating_date AND usd.currency = 'USD' "
                        + "LEFT JOIN rates usd_rate ON usd_rate.currency = 'USD' AND usd_rate.rate_date = usd.rate_date "
                        + "ORDER BY d.market, d.location_id, d.operating_date").collectAsList();
        Map<String, Row> publishedRows = new java.util.TreeMap<>();
        lakehouse.read(PublishedTables.HUB_PRICES_DAILY).where(col("market").isin(markets.toArray())).collectAsList()
                .forEach(row -> publishedRows.put(row.getAs("market") + "/" + row.getAs("location_id") + "/" + row.getAs("operating_date"), row));
        assertThat(reference.stream().map(row -> row.getAs("market")).distinct().toList()).containsExactlyInAnyOrder("IESO", "JEPX", "AEMO");
        assertThat(reference).hasSize(publishedRows.size());
        assertThat(reference.stream().filter(row -> row.getAs("own_per_eur") != null).map(row -> row.<String>getAs("currency")).distinct().toList())
                .as("currencies converted").containsExactlyInAnyOrder("CAD", "JPY", "AUD");
        for (Row expected : reference) {
            String key = expected.getAs("market") + "/" + expected.getAs("location_id") + "/" + expected.getAs("operating_date");
            Row actual = publishedRows.get(key);
            assertThat(actual).as(key).isNotNull();
            assertThat(actual.<String>getAs("currency")).as(key).isEqualTo(expected.getAs("currency"));
            assertThat(actual.<Integer>getAs("da_interval_count")).as(key).isEqualTo(expected.<Integer>getAs("da_n"));
            assertThat(actual.<Long>getAs("rt_interval_count")).as(key).isEqualTo(expected.<Long>getAs("rt_n"));
            assertThat(actual.<Object>getAs("fx_rate_date")).as(key).isEqualTo(expected.<Object>getAs("fx_rate_date"));
            for (String run : List.of("da", "rt")) {
                java.math.BigDecimal base = expected.getAs(run + "_base");
                assertThat(actual.<Double>getAs(run + "_base_price_per_mwh")).as("%s %s base", key, run).isEqualTo(base == null ? null : base.doubleValue());
                if (base == null || expected.getAs("own_per_eur") == null) {
                    // No price, or a day before the rates the lake holds (AEMO's 2021 demo days): no twin, never a guess.
                    assertThat(actual.<Double>getAs(run + "_base_price_eur_per_mwh")).as("%s %s EUR", key, run).isNull();
                    continue;
                }
                java.math.BigDecimal eur = base.divide(expected.getAs("own_per_eur"), 10, java.math.RoundingMode.HALF_UP);
                assertThat(actual.<Double>getAs(run + "_base_price_eur_per_mwh")).as("%s %s EUR", key, run)
                        .isCloseTo(eur.setScale(6, java.math.RoundingMode.HALF_UP).doubleValue(), within(1e-6));
                assertThat(actual.<Double>getAs(run + "_base_price_usd_per_mwh")).as("%s %s USD", key, run)
                        .isCloseTo(eur.multiply(expected.getAs("usd_per_eur")).setScale(6, java.math.RoundingMode.HALF_UP).doubleValue(), within(1e-6));
            }
        }
    }

    private static DemoJob.Options worldOptions(MarketConnector connector)
    {
        String code = connector.market().code().toLowerCase(java.util.Locale.ROOT);
        // The ECB's "locations" are its currencies: all twelve of the generator, CAD and USD among them.
        int locations = connector.hubDatasets().isEmpty() ? 12 : WORLD_NODES;
        return new DemoJob.Options(connector, connector.demoDates(), locations, home.resolve("samples-" + code), List.of(), Collections.emptyIterator());
    }

    @Test
    @Order(10)
    void secondRunOfEveryMarketChangesNothing()
    {
        Map<String, Long> snapshotsBefore = currentSnapshots();
        List<Row> curatedBefore = sortedCurated();
        List<MarketConnector> every = Stream.of(Stream.<MarketConnector>of(new io.energylakehouse.etl.source.caiso.CaisoConnector()), OTHER_MARKETS.stream(),
                WORLD_MARKETS.stream()).flatMap(markets -> markets).toList();
        for (MarketConnector connector : every) {
            DemoJob.Options options = connector instanceof io.energylakehouse.etl.source.caiso.CaisoConnector ? options(home.resolve("inbox"))
                    : WORLD_MARKETS.contains(connector) ? worldOptions(connector) : otherOptions(connector);
            DemoJob.Result second = new DemoJob(lakehouse).run(options);
            assertThat(second.landing().payloadsNew()).as(connector.market().code()).isZero();
            assertThat(second.curated()).allSatisfy(result -> assertThat(result.unchanged()).isTrue());
            assertThat(second.published().unchanged()).isTrue();
        }
        assertThat(sortedCurated()).isEqualTo(curatedBefore);
        assertThat(currentSnapshots()).isEqualTo(snapshotsBefore);
    }

    /** Nord Pool against ENTSO-E on hand-made rows: one hour agrees, one differs by 0.02, a SEK price is not compared. */
    @Test
    @Order(11)
    void crossSourceCheckNamesTheFirstDifferingInterval()
    {
        java.time.Instant hour = java.time.Instant.parse("2024-03-28T10:00:00Z");
        LocalDate day = LocalDate.of(2024, 3, 28);
        org.apache.spark.sql.types.StructType schema = new org.apache.spark.sql.types.StructType()
                .add("market", "string").add("dataset", "string").add("location_id", "string").add("interval_start_utc", "timestamp")
                .add("operating_date", "date").add("price_per_mwh", "double").add("currency", "string");
        Dataset<Row> prices = lakehouse.spark().createDataFrame(List.of(
                org.apache.spark.sql.RowFactory.create("NORDPOOL", "da_hourly", "SE3", hour, day, 45.10, "EUR"),
                org.apache.spark.sql.RowFactory.create("NORDPOOL", "da_hourly", "SE3", hour.plusSeconds(3600), day, 50.00, "EUR"),
                org.apache.spark.sql.RowFactory.create("NORDPOOL", "da_hourly_sek", "SE3", hour, day, 520.0, "SEK"),
                org.apache.spark.sql.RowFactory.create("ENTSOE", "da_hourly", "SE_3", hour, day, 45.10, "EUR"),
                org.apache.spark.sql.RowFactory.create("ENTSOE", "da_hourly", "SE_3", hour.plusSeconds(3600), day, 50.02, "EUR"),
                org.apache.spark.sql.RowFactory.create("ENTSOE", "da_hourly", "FR", hour, day, 60.0, "EUR")), schema);
        io.energylakehouse.etl.curate.CrossSourcePrices.Pairing pairing = new io.energylakehouse.etl.source.nordpool.NordPoolConnector().crossSourceChecks().get(0);
        List<Row> found = io.energylakehouse.etl.curate.CrossSourcePrices.mismatches(prices, pairing).collectAsList();
        assertThat(found).hasSize(1);
        Row row = found.get(0);
        assertThat(List.<Object>of(row.getAs("market"), row.getAs("dataset"), row.getAs("location_id"), row.getAs("check_name"), row.getAs("expected_count"),
                row.getAs("observed_count"))).containsExactly("NORDPOOL", "da_hourly", "SE3", "cross_source_price_mismatch", 2L, 1L);
        assertThat(row.<String>getAs("detail")).contains("ENTSOE SE_3 differs at", "50.0 here, 50.02 there");
    }

    private static DemoJob.Options otherOptions(MarketConnector connector)
    {
        String code = connector.market().code().toLowerCase(java.util.Locale.ROOT);
        return new DemoJob.Options(connector, DemoJob.DEFAULT_DATES, OTHER_NODES, home.resolve("samples-" + code), List.of(home.resolve("inbox-" + code)),
                Collections.emptyIterator());
    }

    private static Map<LocalDate, Long> rowsPerDay(String market, String dataset)
    {
        Map<LocalDate, Long> rows = new TreeMap<>();
        lakehouse.read(CanonicalTables.MARKET_PRICES).where(col("market").equalTo(market).and(col("dataset").equalTo(dataset))).groupBy("operating_date").count()
                .collectAsList().forEach(row -> rows.put(row.getAs("operating_date"), row.getLong(1)));
        return rows;
    }

    /** Each table the manifest names carries the dataset's published tag on the snapshot the manifest records. */
    private static void assertTagsOnManifestSnapshots(JsonNode manifest)
    {
        String tag = PublishedTags.name(manifest.get("dataset").asText(), manifest.get("market").asText());
        assertThat(tag).startsWith(PublishedTags.PREFIX).endsWith("-" + manifest.get("market").asText().toLowerCase(java.util.Locale.ROOT));
        Map<String, Long> tagged = new TreeMap<>();
        Map<String, Long> named = new TreeMap<>();
        manifest.get("source_snapshots").properties().forEach(entry -> {
            named.put(entry.getKey(), entry.getValue().asLong());
            TableSpec spec = Stream.concat(CanonicalTables.all().stream(), PublishedTables.all().stream())
                    .filter(candidate -> candidate.identifier().equals(entry.getKey())).findFirst().orElseThrow();
            org.apache.iceberg.Table table = lakehouse.icebergTable(spec);
            table.refresh();
            tagged.put(entry.getKey(), table.refs().get(tag).snapshotId());
        });
        assertThat(named).containsOnlyKeys(manifest.get("table").asText(), "curated.market_prices");
        assertThat(tagged).isEqualTo(named);
    }

    private static Map<LocalDate, Long> rowsPerDay(String dataset)
    {
        Map<LocalDate, Long> rows = new TreeMap<>();
        lakehouse.read(CanonicalTables.MARKET_PRICES).where(col("dataset").equalTo(dataset)).groupBy("operating_date").count().collectAsList()
                .forEach(row -> rows.put(row.getAs("operating_date"), row.getLong(1)));
        return rows;
    }

    private static List<Row> sortedCurated()
    {
        return lakehouse.read(CanonicalTables.MARKET_PRICES)
                .orderBy("market", "dataset", "location_id", "interval_start_utc", "revision")
                .collectAsList();
    }

    /**
     * The nightly maintenance on the lake every market landed into (many small landings and curations): afterwards no
     * partition of any table holds more than one data file below the small-file threshold, so each table's average
     * file size is within the documented range (docs/architecture.md, "Layout"), and no row changed.
     */
    @Test
    @Order(10)
    void maintenanceLeavesAtMostOneSmallFilePerPartitionOfEveryTable()
    {
        io.energylakehouse.etl.maintenance.MaintenanceOptions options = new io.energylakehouse.etl.maintenance.MaintenanceOptions(
                io.energylakehouse.etl.maintenance.MaintenanceOptions.DEFAULT_SNAPSHOT_MAX_AGE, io.energylakehouse.etl.maintenance.MaintenanceOptions.DEFAULT_RETAIN_LAST,
                io.energylakehouse.etl.maintenance.MaintenanceOptions.DEFAULT_ORPHAN_MIN_AGE, io.energylakehouse.etl.maintenance.MaintenanceOptions.DEFAULT_TARGET_FILE_SIZE_BYTES,
                true /* rewriteDataFiles */, false /* removeOrphans */, false /* allowShortOrphanAge */);
        io.energylakehouse.etl.maintenance.TableMaintenance maintenance = new io.energylakehouse.etl.maintenance.TableMaintenance(lakehouse, options);
        List<String> tables = maintenance.tables();
        Map<String, Long> rowsBefore = new java.util.TreeMap<>();
        List<String> crowdedBefore = new java.util.ArrayList<>();
        for (String table : tables) {
            rowsBefore.put(table, lakehouse.spark().table(table).count());
            crowdedBefore.addAll(maintenance.layout(table).crowdedPartitions());
        }
        assertThat(crowdedBefore).as("partitions with several small files before maintenance").isNotEmpty();

        io.energylakehouse.etl.maintenance.MaintenanceResult result = maintenance.execute();

        assertThat(result.rewrittenDataFiles()).isGreaterThan(0);
        for (String table : tables) {
            io.energylakehouse.etl.maintenance.TableMaintenance.FileLayout layout = maintenance.layout(table);
            assertThat(layout.crowdedPartitions()).as("partitions of %s with several files under %d bytes", table, layout.smallFileBytes()).isEmpty();
            assertThat(layout.files()).as("data files of %s", table).isLessThanOrEqualTo(layout.partitions() + layout.bytes() / layout.smallFileBytes());
            assertThat(lakehouse.spark().table(table).count()).as("rows of %s", table).isEqualTo(rowsBefore.get(table));
        }
    }

}
