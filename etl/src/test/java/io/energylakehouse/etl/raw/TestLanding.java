package io.energylakehouse.etl.raw;

import io.energylakehouse.common.ErrorCode;
import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.config.DataSize;
import io.energylakehouse.common.table.CanonicalTables;
import io.energylakehouse.common.table.Lakehouse;
import io.energylakehouse.common.table.TableSpec;
import io.energylakehouse.common.testing.TestLakehouses;
import io.energylakehouse.etl.source.caiso.CaisoMarket;
import io.energylakehouse.etl.source.caiso.CaisoTables;
import io.energylakehouse.etl.source.caiso.OasisLmpParser;
import io.energylakehouse.etl.source.caiso.SyntheticOasis;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Landing on a tiny lake: no-ops, revisions, operator answers, rows of an interrupted run (ignored, never deleted), a
 * damaged fetch log, the same bytes under another name, and tables made by an earlier version.
 */
class TestLanding
{
    @TempDir
    static Path home;

    private static Lakehouse lakehouse;

    @BeforeAll
    static void start()
    {
        lakehouse = TestLakehouses.create(home);
    }

    @AfterAll
    static void stop()
    {
        lakehouse.close();
    }

    private static LandingResult land(Payload... payloads)
    {
        return land(PayloadLimits.DEFAULTS, payloads);
    }

    private static LandingResult land(PayloadLimits limits, Payload... payloads)
    {
        RawStore store = new RawStore(lakehouse.config().rawStore(), lakehouse.spark().sparkContext().hadoopConfiguration());
        Iterator<Payload> iterator = List.of(payloads).iterator();
        return new Landing(lakehouse, store, () -> new OasisLmpParser(limits), limits).land(iterator);
    }

    private static Payload live(String requestKey, byte[] bytes)
    {
        return new Payload(CaisoMarket.SOURCE, "PRC_LMP", Payload.Origin.LIVE, requestKey, Optional.of(URI.create("https://oasis.caiso.com/oasisapi/SingleZip?x")),
                "response.zip", Instant.parse("2024-07-01T20:00:00Z"), 200, bytes);
    }

    @Test
    void identicalBytesAreANoOpAndDifferentBytesANewRevision()
            throws IOException
    {
        String key = "PRC_LMP|DAM|2024-07-05T07:00:00Z|2024-07-06T07:00:00Z|ALL_APNODES";
        byte[] first = new SyntheticOasis(1).dayAhead(LocalDate.of(2024, 7, 5), SyntheticOasis.nodes(7)).bytes();
        byte[] second = new SyntheticOasis(2).dayAhead(LocalDate.of(2024, 7, 5), SyntheticOasis.nodes(7)).bytes();

        LandingResult landed = land(live(key, first));
        LandingResult again = land(live(key, first));
        LandingResult revised = land(live(key, second));

        assertThat(landed.payloadsNew()).isEqualTo(1);
        assertThat(landed.rowsParsed()).isEqualTo(7L * 24 * 5);
        assertThat(again.payloadsNew()).isZero();
        assertThat(again.payloadsAlreadyLanded()).isEqualTo(1);
        assertThat(again.operatingDates()).containsExactly(LocalDate.of(2024, 7, 5));
        assertThat(revised.payloadsNew()).isEqualTo(1);
        List<Row> log = lakehouse.read(CanonicalTables.FETCH_LOG).where(col("request_key").equalTo(key)).orderBy("revision").collectAsList();
        assertThat(log).extracting(row -> row.<Integer>getAs("revision")).containsExactly(1, 2);
        assertThat(log).extracting(row -> row.<String>getAs("sha256")).containsExactly(Hashing.sha256(first), Hashing.sha256(second));
        // Bytes are kept exactly, under their hash.
        assertThat(Files.readAllBytes(Path.of(URI.create(log.get(0).<String>getAs("payload_path"))))).isEqualTo(first);
        assertThat(lakehouse.read(CaisoTables.RAW_PRC_LMP).where(col("fetch_id").isin(log.get(0).getAs("fetch_id"), log.get(1).getAs("fetch_id"))).count())
                .isEqualTo(2L * 7 * 24 * 5);
    }

    @Test
    void aCorruptPayloadIsKeptQuarantinedAndReportedAgainWhenReplayed()
            throws IOException
    {
        byte[] corrupt = "PK\u0003\u0004 truncated in transit".getBytes(StandardCharsets.ISO_8859_1);
        Payload file = new Payload(CaisoMarket.SOURCE, "PRC_LMP", Payload.Origin.REPLAY, "", Optional.empty(),
                "20240312_20240312_PRC_LMP_DAM_20240311_13_05_12_v12.zip", Instant.parse("2024-03-11T21:05:12Z"), 200, corrupt);

        LandingResult first = land(file);
        LandingResult replayed = land(file);

        assertThat(first.outcome(FetchOutcome.REJECTED)).isEqualTo(1);
        assertThat(first.rejectedPayloads()).hasSize(1);
        RejectedPayload rejected = first.rejectedPayloads().get(0);
        assertThat(rejected.fileName()).isEqualTo(file.fileName());
        assertThat(rejected.reason()).isNotBlank();
        assertThat(Files.readAllBytes(Path.of(URI.create(rejected.payloadPath())))).isEqualTo(corrupt);
        assertThat(lakehouse.read(CanonicalTables.QUARANTINE).where(col("fetch_id").equalTo(rejected.fetchId())).count()).isEqualTo(1);
        // Landed before: nothing new is written, but the input is still reported as rejected.
        assertThat(replayed.payloadsNew()).isZero();
        assertThat(replayed.rejectedPayloads()).containsExactly(rejected);
    }

    @Test
    void anOversizedFileIsKeptRejectedAndQuarantinedAndTheRestOfTheBatchLands()
            throws IOException
    {
        Path folder = Files.createDirectories(home.resolve("oversized"));
        byte[] good = new SyntheticOasis(5).dayAhead(LocalDate.of(2024, 7, 10), SyntheticOasis.nodes(7)).bytes();
        Path goodFile = Files.write(folder.resolve("20240710_20240710_PRC_LMP_DAM_20240709_13_05_12_v12.zip"), good);
        byte[] big = new SyntheticOasis(6).dayAhead(LocalDate.of(2024, 7, 11), SyntheticOasis.nodes(20)).bytes();
        Path bigFile = Files.write(folder.resolve("20240711_20240711_PRC_LMP_DAM_20240710_13_05_12_v12.zip"), big);
        PayloadLimits limits = new PayloadLimits(good.length, 1L << 30, 200);
        assertThat(big.length).isGreaterThan(good.length);

        LandingResult result = land(limits, Payload.ofFile(CaisoMarket.SOURCE, "PRC_LMP", Payload.Origin.REPLAY, "", bigFile),
                Payload.ofFile(CaisoMarket.SOURCE, "PRC_LMP", Payload.Origin.REPLAY, "", goodFile));

        assertThat(result.payloadsNew()).isEqualTo(2);
        assertThat(result.outcome(FetchOutcome.PARSED)).isEqualTo(1);
        assertThat(result.outcome(FetchOutcome.REJECTED)).isEqualTo(1);
        assertThat(result.rowsParsed()).isEqualTo(7L * 24 * 5);
        assertThat(result.operatingDates()).containsExactly(LocalDate.of(2024, 7, 10));
        String reason = String.format("Cannot land %s: it is %s (%d bytes), larger than the limit of %s (etl.raw.max-payload-bytes); kept unparsed",
                bigFile.getFileName(), DataSize.format(big.length), big.length,
                DataSize.format(good.length));
        assertThat(result.rejectedPayloads()).singleElement().satisfies(rejected -> {
            assertThat(rejected.fileName()).isEqualTo(bigFile.getFileName().toString());
            assertThat(rejected.reason()).isEqualTo(reason);
        });
        RejectedPayload rejected = result.rejectedPayloads().get(0);
        // Kept as received, under its hash, and recorded as rejected with its reason.
        assertThat(Files.readAllBytes(Path.of(URI.create(rejected.payloadPath())))).isEqualTo(Files.readAllBytes(bigFile));
        Row logged = lakehouse.read(CanonicalTables.FETCH_LOG).where(col("fetch_id").equalTo(rejected.fetchId())).first();
        assertThat(logged.<String>getAs("outcome")).isEqualTo("rejected");
        assertThat(logged.<String>getAs("detail")).isEqualTo(reason);
        assertThat(logged.<Long>getAs("payload_bytes")).isEqualTo(big.length);
        assertThat(logged.<String>getAs("sha256")).isEqualTo(Hashing.sha256(Files.readAllBytes(bigFile)));
        Row quarantined = lakehouse.read(CanonicalTables.QUARANTINE).where(col("fetch_id").equalTo(rejected.fetchId())).first();
        assertThat(quarantined.<String>getAs("reason")).isEqualTo(reason);
        // The good file beside it landed whole.
        Row landed = lakehouse.read(CanonicalTables.FETCH_LOG).where(col("file_name").equalTo(goodFile.getFileName().toString())).first();
        assertThat(landed.<String>getAs("outcome")).isEqualTo("parsed");
        assertThat(landed.<Long>getAs("payload_bytes")).isEqualTo(good.length);
        assertThat(lakehouse.read(CaisoTables.RAW_PRC_LMP).where(col("fetch_id").equalTo(landed.<String>getAs("fetch_id"))).count()).isEqualTo(7L * 24 * 5);
        // Nothing is left half-written in the store.
        assertThat(Path.of(lakehouse.config().rawStore()).resolve("incoming"))
                .satisfiesAnyOf(incoming -> assertThat(incoming).doesNotExist(), incoming -> assertThat(incoming).isEmptyDirectory());

        // A replay of the folder reports the file again, and lands nothing twice.
        LandingResult replayed = land(limits, Payload.ofFile(CaisoMarket.SOURCE, "PRC_LMP", Payload.Origin.REPLAY, "", bigFile),
                Payload.ofFile(CaisoMarket.SOURCE, "PRC_LMP", Payload.Origin.REPLAY, "", goodFile));
        assertThat(replayed.payloadsNew()).isZero();
        assertThat(replayed.rejectedPayloads()).containsExactly(rejected);

        // With the limit raised, the same file lands.
        LandingResult raised = land(PayloadLimits.DEFAULTS, Payload.ofFile(CaisoMarket.SOURCE, "PRC_LMP", Payload.Origin.REPLAY, "", bigFile));
        assertThat(raised.payloadsNew()).isEqualTo(1);
        assertThat(raised.rejectedPayloads()).isEmpty();
        assertThat(raised.rowsParsed()).isEqualTo(20L * 24 * 5);
    }

    @Test
    void sparkTasksLandWhatTheParserMadeWithRevisionsDuplicatesAndRejectsAsOnTheDriver()
            throws Exception
    {
        String key = "PRC_LMP|DAM|2024-08-05T07:00:00Z|2024-08-06T07:00:00Z|ALL_APNODES";
        byte[] first = new SyntheticOasis(31).dayAhead(LocalDate.of(2024, 8, 5), SyntheticOasis.nodes(9)).bytes();
        byte[] revised = new SyntheticOasis(32).dayAhead(LocalDate.of(2024, 8, 5), SyntheticOasis.nodes(9)).bytes();
        byte[] nextDay = new SyntheticOasis(33).dayAhead(LocalDate.of(2024, 8, 6), SyntheticOasis.nodes(11)).bytes();
        byte[] corrupt = "PK\u0003\u0004 cut short in August".getBytes(StandardCharsets.ISO_8859_1);
        List<Payload> payloads = List.of(live(key, first), live(key, revised), replay("20240806_20240806_PRC_LMP_DAM_20240805_13_05_12_v12.zip", nextDay),
                // the same bytes again in the same run, under another name: recorded as another name of the fetch before it
                replay("august-6-copy.zip", nextDay), replay("20240807_20240807_PRC_LMP_DAM_20240806_13_05_12_v12.zip", corrupt));
        java.util.concurrent.atomic.AtomicInteger tasks = new java.util.concurrent.atomic.AtomicInteger();
        org.apache.spark.scheduler.SparkListener counter = new org.apache.spark.scheduler.SparkListener()
        {
            @Override
            public void onTaskEnd(org.apache.spark.scheduler.SparkListenerTaskEnd taskEnd)
            {
                tasks.incrementAndGet();
            }
        };
        lakehouse.spark().sparkContext().addSparkListener(counter);
        LandingResult result;
        try {
            RawStore store = new RawStore(lakehouse.config().rawStore(), lakehouse.spark().sparkContext().hadoopConfiguration());
            // driverMaxBytes 0: every batch is parsed and written in Spark tasks
            result = new Landing(lakehouse, store, () -> new OasisLmpParser(PayloadLimits.DEFAULTS), PayloadLimits.DEFAULTS, Landing.BATCH_MAX_BYTES, 0)
                    .land(payloads.iterator());
        }
        finally {
            lakehouse.spark().sparkContext().listenerBus().waitUntilEmpty();
            lakehouse.spark().sparkContext().removeSparkListener(counter);
        }

        assertThat(tasks.get()).as("Spark tasks run").isGreaterThanOrEqualTo(2);
        assertThat(result.payloadsNew()).isEqualTo(4);
        assertThat(result.payloadsAlreadyLanded()).isEqualTo(1);
        assertThat(result.outcome(FetchOutcome.PARSED)).isEqualTo(3);
        assertThat(result.outcome(FetchOutcome.REJECTED)).isEqualTo(1);
        assertThat(result.rowsParsed()).isEqualTo((9L + 9 + 11) * 24 * 5);
        List<Row> log = lakehouse.read(CanonicalTables.FETCH_LOG).where(col("request_key").equalTo(key)).orderBy("revision").collectAsList();
        assertThat(log).extracting(row -> row.<String>getAs("sha256")).containsExactly(Hashing.sha256(first), Hashing.sha256(revised));
        assertThat(log).extracting(row -> row.<Integer>getAs("revision")).containsExactly(1, 2);
        Row copied = lakehouse.read(CanonicalTables.FETCH_LOG).where(col("sha256").equalTo(Hashing.sha256(nextDay))).first();
        assertThat(copied.getList(copied.fieldIndex("file_names"))).containsExactly("20240806_20240806_PRC_LMP_DAM_20240805_13_05_12_v12.zip", "august-6-copy.zip");
        assertThat(lakehouse.read(CanonicalTables.QUARANTINE).where(col("fetch_id").equalTo(result.rejectedPayloads().get(0).fetchId())).count()).isEqualTo(1);
        // Every committed raw row is one the parser made of its payload, once.
        OasisLmpParser parser = new OasisLmpParser();
        for (Payload payload : List.of(payloads.get(0), payloads.get(1), payloads.get(2))) {
            ParsedPayload parsed = parser.parse(payload);
            String requestKey = !payload.requestKey().isEmpty() ? payload.requestKey() : parsed.contentKey().orElseThrow();
            String fetchId = Landing.fetchId(payload, requestKey, sha256(payload));
            Dataset<Row> landed = LandedRows.committed(lakehouse.read(CaisoTables.RAW_PRC_LMP), lakehouse.read(CanonicalTables.FETCH_LOG))
                    .where(col("fetch_id").equalTo(fetchId)).drop("fetch_id", "published_at_utc");
            List<String> columns = List.of(landed.columns());
            List<String> expected = parsed.records().stream().map(record -> record.toRow(fetchId, "x")).map(row -> valuesOf(row, CaisoTables.RAW_PRC_LMP, columns)).sorted().toList();
            List<String> actual = landed.collectAsList().stream().map(row -> valuesOf(row, columns)).sorted().toList();
            assertThat(actual).as("raw rows of %s", payload.fileName()).hasSize(parsed.records().size()).isEqualTo(expected);
        }
    }

    private static String valuesOf(Row row, TableSpec spec, List<String> columns)
    {
        return String.join("|", columns.stream().map(column -> String.valueOf(normalized(row.get(spec.columnNames().indexOf(column))))).toList());
    }

    private static String valuesOf(Row row, List<String> columns)
    {
        return String.join("|", columns.stream().map(column -> String.valueOf(normalized(row.get(row.fieldIndex(column))))).toList());
    }

    private static Object normalized(Object value)
    {
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant();
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate();
        }
        if (value instanceof java.math.BigDecimal decimal) {
            return decimal.stripTrailingZeros().toPlainString();
        }
        return value;
    }

    @Test
    void noDataAnswerIsRecordedAsSuchAndNotAsAnEmptySuccess()
            throws IOException
    {
        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><m:OASISReport xmlns:m=\"http://www.caiso.com/soa/OASISReport_v1.xsd\">"
                + "<m:MessagePayload><m:RTO><m:name>CAISO</m:name><m:ERROR><m:ERR_CODE>1000</m:ERR_CODE>"
                + "<m:ERR_DESC>No data returned for the specified selection</m:ERR_DESC></m:ERROR></m:RTO></m:MessagePayload></m:OASISReport>";
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("INVALID_REQUEST.xml"));
            zip.write(xml.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }

        LandingResult result = land(live("PRC_LMP|DAM|2030-01-01T08:00:00Z|2030-01-02T08:00:00Z|ALL_APNODES", bytes.toByteArray()));

        assertThat(result.outcome(FetchOutcome.NO_DATA)).isEqualTo(1);
        assertThat(result.rowsParsed()).isZero();
        assertThat(result.messages()).containsExactly("response.zip no_data: ERR_CODE 1000 No data returned for the specified selection");
        Row row = lakehouse.read(CanonicalTables.FETCH_LOG).where(col("outcome").equalTo("no_data")).first();
        assertThat(row.<String>getAs("operator_error_code")).isEqualTo("1000");
        assertThat(row.<String>getAs("origin")).isEqualTo("live");
    }

    @Test
    void rowsOfAnInterruptedLandingAreIgnoredAndNeverDeleted()
    {
        // A landing that appended raw rows and died before recording its payload in the fetch log.
        Row orphan = RowFactory.create("orphan-fetch", "dead-landing", 2, Instant.parse("2024-07-09T07:00:00Z"), Instant.parse("2024-07-09T08:00:00Z"),
                null, null, null, null, null, "NODE_X", "DAM", "LMP", null, null, null, null, 12.5, null);
        land(live("PRC_LMP|DAM|warm-up", new SyntheticOasis(3).dayAhead(LocalDate.of(2024, 7, 8), SyntheticOasis.nodes(7)).bytes()));
        lakehouse.append(CaisoTables.RAW_PRC_LMP, lakehouse.spark().createDataFrame(List.of(orphan), CaisoTables.RAW_PRC_LMP.schema()));
        assertThat(lakehouse.read(CaisoTables.RAW_PRC_LMP).where(col("fetch_id").equalTo("orphan-fetch")).count()).isEqualTo(1);
        // ...and one that died after appending the rows of the very payload landed next: same fetch id, its own landing id.
        Payload next = live("PRC_LMP|DAM|next", new SyntheticOasis(4).dayAhead(LocalDate.of(2024, 7, 9), SyntheticOasis.nodes(7)).bytes());
        String nextFetchId = Landing.fetchId(next, next.requestKey(), sha256(next));
        List<Row> interrupted = new OasisLmpParser().parse(next).records().stream().map(record -> record.toRow(nextFetchId, "interrupted-landing")).toList();
        lakehouse.appendRows(CaisoTables.RAW_PRC_LMP, interrupted);
        long rawRowsBefore = lakehouse.read(CaisoTables.RAW_PRC_LMP).count();

        LandingResult landed = land(next);

        // Nothing was deleted: the next landing only added its own rows.
        assertThat(landed.payloadsNew()).isEqualTo(1);
        assertThat(lakehouse.read(CaisoTables.RAW_PRC_LMP).where(col("fetch_id").equalTo("orphan-fetch")).count()).isEqualTo(1);
        assertThat(lakehouse.read(CaisoTables.RAW_PRC_LMP).count()).isEqualTo(rawRowsBefore + landed.rowsParsed());
        // Readers see each committed payload once, and nothing of the interrupted runs.
        Dataset<Row> committed = LandedRows.committed(lakehouse.read(CaisoTables.RAW_PRC_LMP), lakehouse.read(CanonicalTables.FETCH_LOG));
        assertThat(committed.where(col("fetch_id").equalTo("orphan-fetch")).count()).isZero();
        assertThat(committed.where(col("fetch_id").equalTo(nextFetchId)).count()).isEqualTo(interrupted.size());
        assertThat(committed.count()).isEqualTo(lakehouse.read(CanonicalTables.FETCH_LOG)
                .where(col("outcome").equalTo("parsed")).select(org.apache.spark.sql.functions.sum("rows_parsed")).first().getLong(0));
    }

    @Test
    void anEmptiedOrDroppedFetchLogStopsTheLandingInsteadOfDeletingRawRows()
    {
        land(live("PRC_LMP|DAM|before-damage", new SyntheticOasis(5).dayAhead(LocalDate.of(2024, 7, 10), SyntheticOasis.nodes(7)).bytes()));
        long rawRows = lakehouse.read(CaisoTables.RAW_PRC_LMP).count();
        long fetches = lakehouse.read(CaisoTables.RAW_PRC_LMP).select("fetch_id").distinct().count();
        long withRows = lakehouse.currentSnapshotId(CanonicalTables.FETCH_LOG).orElseThrow();
        Payload next = live("PRC_LMP|DAM|after-damage", new SyntheticOasis(6).dayAhead(LocalDate.of(2024, 7, 11), SyntheticOasis.nodes(7)).bytes());

        lakehouse.spark().sql("DELETE FROM raw.fetch_log");
        assertThatThrownBy(() -> land(next))
                .isInstanceOfSatisfying(LakehouseException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.USER_ERROR))
                .hasMessage("Cannot land payloads: raw.fetch_log is empty but raw.caiso_prc_lmp holds %,d rows of %,d fetches, which only the fetch log makes "
                        + "readable; nothing was written. Restore the log first: bin/lakehouse maintain snapshots --table raw.fetch_log lists its snapshots, "
                        + "bin/lakehouse maintain rollback --table raw.fetch_log --to-snapshot <id> restores the last one with rows", rawRows, fetches);
        assertThat(lakehouse.read(CaisoTables.RAW_PRC_LMP).count()).isEqualTo(rawRows);
        lakehouse.spark().sql("CALL system.rollback_to_snapshot('raw.fetch_log', " + withRows + ")");

        String metadata = ((org.apache.iceberg.HasTableOperations) lakehouse.icebergTable(CanonicalTables.FETCH_LOG)).operations().current().metadataFileLocation();
        lakehouse.spark().sql("DROP TABLE raw.fetch_log");
        assertThatThrownBy(() -> land(next))
                .hasMessageStartingWith("Cannot land payloads: raw.fetch_log does not exist (dropped?) but raw.caiso_prc_lmp holds %,d rows of %,d fetches".formatted(rawRows, fetches))
                .hasMessageContaining("register its last metadata file again");
        assertThat(lakehouse.read(CaisoTables.RAW_PRC_LMP).count()).isEqualTo(rawRows);
        assertThat(lakehouse.exists(CanonicalTables.FETCH_LOG)).isFalse();
        lakehouse.spark().sql("CALL system.register_table(table => 'raw.fetch_log', metadata_file => '" + metadata + "')");

        // Restored: the next landing lands, and every earlier payload is still known.
        LandingResult landed = land(next);
        assertThat(landed.payloadsNew()).isEqualTo(1);
        assertThat(LandedRows.committed(lakehouse.read(CaisoTables.RAW_PRC_LMP), lakehouse.read(CanonicalTables.FETCH_LOG)).count())
                .isEqualTo(lakehouse.read(CanonicalTables.FETCH_LOG).where(col("outcome").equalTo("parsed"))
                        .select(org.apache.spark.sql.functions.sum("rows_parsed")).first().getLong(0));
    }

    @Test
    void theSameBytesUnderAnotherNameAreLandedOnceAndEveryNameIsRecorded()
    {
        byte[] corrupt = "PK\u0003\u0004 cut short".getBytes(StandardCharsets.ISO_8859_1);
        Payload first = replay("20240401_20240401_PRC_LMP_DAM_20240331_13_05_12_v12.zip", corrupt);
        Payload copy = replay("copy-of-march-31.zip", corrupt);

        LandingResult landed = land(first);
        LandingResult again = land(copy);
        LandingResult third = land(copy, first);

        assertThat(landed.payloadsNew()).isEqualTo(1);
        assertThat(again.payloadsNew()).isZero();
        assertThat(again.payloadsAlreadyLanded()).isEqualTo(1);
        // The error names the file given, and which earlier file had the same bytes.
        RejectedPayload rejected = again.rejectedPayloads().get(0);
        assertThat(rejected.fileName()).isEqualTo("copy-of-march-31.zip");
        assertThat(rejected.reason()).startsWith("same bytes as 20240401_20240401_PRC_LMP_DAM_20240331_13_05_12_v12.zip, rejected when that was landed: ");
        assertThat(rejected.describe()).startsWith("copy-of-march-31.zip: same bytes as ");
        assertThat(again.messages()).containsExactly("copy-of-march-31.zip: same bytes as 20240401_20240401_PRC_LMP_DAM_20240331_13_05_12_v12.zip, landed before as fetch_id "
                + rejected.fetchId() + "; recorded as another name of it");
        assertThat(third.payloadsAlreadyLanded()).isEqualTo(2);
        assertThat(third.messages()).isEmpty();
        assertThat(third.rejectedPayloads()).extracting(RejectedPayload::fileName).containsExactly("copy-of-march-31.zip", first.fileName());
        assertThat(third.rejectedPayloads().get(1).reason()).isEqualTo(landed.rejectedPayloads().get(0).reason());
        List<Row> log = lakehouse.read(CanonicalTables.FETCH_LOG).where(col("sha256").equalTo(Hashing.sha256(corrupt))).collectAsList();
        assertThat(log).hasSize(1);
        assertThat(log.get(0).<String>getAs("file_name")).isEqualTo(first.fileName());
        assertThat(log.get(0).getList(log.get(0).fieldIndex("file_names"))).containsExactly(first.fileName(), "copy-of-march-31.zip");
    }

    @Test
    void aTableMadeByAnEarlierVersionGainsTheNewColumnsInPlace()
    {
        TableSpec before = TableSpec.builder("evolution", "sample", "A table as an earlier version declared it")
                .required("id", StringType, "Key")
                .required("value", StringType, "A value")
                .build();
        TableSpec after = TableSpec.builder("evolution", "sample", "The same table as this version declares it")
                .required("id", StringType, "Key")
                .optional("added", StringType, "A column this version added")
                .required("value", StringType, "A value")
                .optional("names", DataTypes.createArrayType(StringType, false), "Another one")
                .build();
        lakehouse.appendRows(before, List.of(RowFactory.create("a", "old row")));

        Lakehouse newerVersion = new Lakehouse(lakehouse.config(), lakehouse.spark());
        newerVersion.appendRows(after, List.of(RowFactory.create("b", "new", "new row", List.of("x"))));

        assertThat(lakehouse.spark().table("evolution.sample").schema().fieldNames()).containsExactly("id", "added", "value", "names");
        assertThat(lakehouse.spark().table("evolution.sample").orderBy("id").collectAsList()).extracting(Row::toString)
                .containsExactly("[a,null,old row,null]", "[b,new,new row,ArraySeq(x)]");
        // A column the spec requires is added as optional: the rows written before have no value for it.
        TableSpec required = TableSpec.builder("evolution", "sample", "A column no old row can have")
                .required("id", StringType, "Key")
                .required("must", StringType, "Required")
                .build();
        new Lakehouse(lakehouse.config(), lakehouse.spark()).ensure(required);
        org.apache.iceberg.types.Types.NestedField must = lakehouse.icebergTable("evolution.sample").schema().findField("must");
        assertThat(must).isNotNull();
        assertThat(must.isOptional()).isTrue();
    }

    @Test
    void committedRowsMatchTheFetchLogOnFetchAndLandingIdNullSafe()
    {
        StructType rawSchema = new StructType().add("fetch_id", StringType).add("landing_id", StringType).add("line_number", DataTypes.IntegerType);
        StructType logSchema = new StructType().add("fetch_id", StringType).add("landing_id", StringType).add("outcome", StringType)
                .add("published_at_utc", DataTypes.TimestampType);
        Instant published = Instant.parse("2024-07-01T12:00:00Z");
        Dataset<Row> raw = lakehouse.spark().createDataFrame(List.of(
                RowFactory.create("f1", "run-1", 1),
                RowFactory.create("f1", "run-0", 1), // an earlier run that died before its fetch-log commit
                RowFactory.create("f2", null, 1), // landed before landing ids existed
                RowFactory.create("f3", "run-1", 1), // the log says rejected
                RowFactory.create("f4", "run-2", 1)), rawSchema); // never committed
        Dataset<Row> log = lakehouse.spark().createDataFrame(List.of(
                RowFactory.create("f1", "run-1", "parsed", published),
                RowFactory.create("f2", null, "parsed", published),
                RowFactory.create("f3", "run-1", "rejected", published)), logSchema);

        Dataset<Row> committed = LandedRows.committed(raw, log);

        assertThat(committed.schema().fieldNames()).containsExactly("fetch_id", "line_number", "published_at_utc");
        assertThat(committed.orderBy("fetch_id").collectAsList()).extracting(Row::toString)
                .containsExactly("[f1,1,2024-07-01T12:00:00Z]", "[f2,1,2024-07-01T12:00:00Z]");
    }

    private static Payload replay(String fileName, byte[] bytes)
    {
        return new Payload(CaisoMarket.SOURCE, "PRC_LMP", Payload.Origin.REPLAY, "", Optional.empty(), fileName, Instant.parse("2024-03-31T21:05:12Z"), 200, bytes);
    }

    private static String sha256(Payload payload)
    {
        try {
            return Hashing.sha256(payload.content().readAllBytes());
        }
        catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
