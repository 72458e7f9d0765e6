package io.energylakehouse.etl.maintenance;

import io.energylakehouse.common.ErrorCode;
import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.table.Lakehouse;
import io.energylakehouse.common.testing.TestLakehouses;
import io.energylakehouse.etl.publish.PublishedTags;
import org.apache.iceberg.Table;
import org.apache.iceberg.spark.Spark3Util;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
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
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Maintenance on a temporary local lakehouse: a table written in small commits, one old snapshot tagged as published,
 * an orphan data file and a raw store beside the warehouse.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TestTableMaintenance
{
    private static final String TABLE = "curated.meter_readings";
    private static final String TAG = "published-meter_readings_daily-caiso";
    private static final Instant LONG_AGO = Instant.parse("2024-01-01T00:00:00Z");

    @TempDir
    static Path home;

    private static Lakehouse lakehouse;

    @BeforeAll
    static void open()
    {
        lakehouse = TestLakehouses.create(home.resolve("lake"));
    }

    @AfterAll
    static void stop()
    {
        lakehouse.close();
    }

    @Test
    @Order(1)
    void rewritesExpiresAndRemovesOrphansButKeepsPublishedSnapshots()
            throws IOException
    {
        SparkSession spark = lakehouse.spark();
        spark.sql("CREATE NAMESPACE IF NOT EXISTS curated");
        spark.sql("CREATE TABLE " + TABLE + " (meter_id STRING, operating_date DATE, load_mw DOUBLE) USING iceberg PARTITIONED BY (operating_date)");
        spark.sql("CREATE NAMESPACE IF NOT EXISTS analytics");
        spark.sql("CREATE TABLE analytics.never_written (id BIGINT) USING iceberg");
        spark.sql("INSERT INTO " + TABLE + " VALUES ('m1', DATE'2024-07-01', 1.0), ('m2', DATE'2024-07-02', 2.0)");
        spark.sql("INSERT INTO " + TABLE + " VALUES ('m3', DATE'2024-07-01', 3.0), ('m4', DATE'2024-07-02', 4.0)");
        long tagged = icebergTable().currentSnapshot().snapshotId();
        List<Row> taggedRows = rows(TABLE + " VERSION AS OF " + tagged);
        new PublishedTags(lakehouse).apply(PublishedTags.tags("meter_readings_daily", "CAISO", Map.of(TABLE, tagged)));

        spark.sql("INSERT INTO " + TABLE + " VALUES ('m5', DATE'2024-07-01', 5.0)");
        spark.sql("INSERT INTO " + TABLE + " VALUES ('m6', DATE'2024-07-01', 6.0), ('m7', DATE'2024-07-03', 7.0)");
        spark.sql("INSERT INTO " + TABLE + " VALUES ('m8', DATE'2024-07-03', 8.0)");
        try {
            spark.sql("SELECT 'm9' AS meter_id, DATE'2024-07-02' AS operating_date, 9.0D AS load_mw")
                    .writeTo(TABLE).overwrite(col("operating_date").equalTo(lit(LocalDate.of(2024, 7, 2))));
        }
        catch (org.apache.spark.sql.catalyst.analysis.NoSuchTableException e) {
            throw new AssertionError(e);
        }
        List<Row> currentRows = rows(TABLE);
        assertThat(currentRows).hasSize(7);
        Table table = icebergTable();
        int snapshotsBefore = size(table.snapshots());
        assertThat(snapshotsBefore).isEqualTo(6);
        long dataFilesBefore = Long.parseLong(table.currentSnapshot().summary().get("total-data-files"));

        // An orphan: a valid data file under the table's data folder that no metadata references, written long ago.
        Path dataFolder = localPath(table.location()).resolve("data");
        Path someDataFile;
        try (Stream<Path> files = Files.walk(dataFolder)) {
            someDataFile = files.filter(file -> file.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
        }
        Path orphan = Files.copy(someDataFile, someDataFile.resolveSibling("00000-0-orphan-from-a-failed-write.parquet"));
        Files.setLastModifiedTime(orphan, FileTime.from(LONG_AGO));
        // The raw store beside the warehouse: old files no table references, which maintenance must never list.
        Path rawStore = localPath(lakehouse.config().rawStore());
        Path payload = Files.createDirectories(rawStore.resolve("ab")).resolve("abcdef0123456789.zip");
        Files.write(payload, new byte[] {1, 2, 3});
        Files.setLastModifiedTime(payload, FileTime.from(LONG_AGO));
        Map<Path, FileTime> rawFiles = files(rawStore);

        MaintenanceOptions options = new MaintenanceOptions(Duration.ZERO, 1, Duration.ZERO, MaintenanceOptions.DEFAULT_TARGET_FILE_SIZE_BYTES,
                true /* rewriteDataFiles */, true /* removeOrphans */, true /* allowShortOrphanAge */);
        MaintenanceResult result = new TableMaintenance(lakehouse, options).execute();

        assertThat(result.tables()).extracting(MaintenanceResult.TableResult::table).containsExactly(TABLE, "analytics.never_written");
        MaintenanceResult.TableResult maintained = result.table(TABLE);
        table.refresh();
        long current = table.currentSnapshot().snapshotId();
        Set<Long> snapshots = new HashSet<>();
        table.snapshots().forEach(snapshot -> snapshots.add(snapshot.snapshotId()));
        // What stays: the rewrite's snapshot (current) and the tagged one; every other old snapshot is gone.
        assertThat(snapshots).containsExactlyInAnyOrder(current, tagged);
        assertThat(maintained.snapshotsBefore()).isEqualTo(snapshotsBefore);
        assertThat(maintained.snapshotsAfter()).isEqualTo(2);
        assertThat(maintained.expiredSnapshots()).isEqualTo(snapshotsBefore + 1 - 2);
        assertThat(maintained.tagsKept()).containsExactly(TAG);
        assertThat(table.refs().get(TAG).snapshotId()).isEqualTo(tagged);

        assertThat(maintained.dataFilesBefore()).isEqualTo(dataFilesBefore);
        assertThat(maintained.dataFilesAfter()).isLessThan(dataFilesBefore).isEqualTo(3);
        assertThat(maintained.rewrittenDataFiles()).isGreaterThan(0);
        assertThat(maintained.addedDataFiles()).isGreaterThan(0);
        assertThat(Long.parseLong(table.currentSnapshot().summary().get("total-data-files"))).isEqualTo(maintained.dataFilesAfter());

        assertThat(rows(TABLE + " VERSION AS OF '" + TAG + "'")).isEqualTo(taggedRows);
        assertThat(rows(TABLE)).isEqualTo(currentRows);

        assertThat(orphan).doesNotExist();
        assertThat(maintained.orphanFilesRemoved()).isEqualTo(1);
        assertThat(files(rawStore)).isEqualTo(rawFiles);
        assertThat(payload).hasBinaryContent(new byte[] {1, 2, 3});

        assertThat(result.table("analytics.never_written"))
                .isEqualTo(new MaintenanceResult.TableResult("analytics.never_written", 0, 0, 0, List.of(), 0, 0, 0, 0, 0, 0));
    }

    @Test
    @Order(2)
    void secondRunFindsNothingToDo()
    {
        MaintenanceOptions options = MaintenanceOptions.defaults().withSnapshotMaxAge(Duration.ZERO).withRetainLast(1)
                .withShortOrphanAgeAllowed().withOrphanMinAge(Duration.ZERO);
        MaintenanceResult.TableResult again = new TableMaintenance(lakehouse, options).maintain(TABLE);
        assertThat(again).isEqualTo(new MaintenanceResult.TableResult(TABLE, 2, 2, 0, List.of(TAG), 3, 3, 0, 0, 0, 0));
    }

    @Test
    @Order(3)
    void refusesToExpireWhenAPublishedTagWouldBeDropped()
    {
        Table table = icebergTable();
        table.manageSnapshots().setMaxRefAgeMs(TAG, 1).commit();
        try {
            MaintenanceOptions options = MaintenanceOptions.defaults().withoutRewrite().withoutOrphanRemoval();
            assertThatThrownBy(() -> new TableMaintenance(lakehouse, options).maintain(TABLE))
                    .isInstanceOfSatisfying(LakehouseException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.INTERNAL))
                    .hasMessageStartingWith("Cannot expire snapshots of " + TABLE + ": published tag " + TAG + " on snapshot " + table.refs().get(TAG).snapshotId()
                            + " would not survive");
            table.refresh();
            assertThat(table.refs()).containsKey(TAG);
        }
        finally {
            table.manageSnapshots().setMaxRefAgeMs(TAG, Long.MAX_VALUE).commit();
        }
    }

    @Test
    @Order(4)
    void listsSnapshotsAndRollsBackToAnAncestorRecordingIt()
    {
        String history = "curated.meter_history";
        SparkSession spark = lakehouse.spark();
        spark.sql("CREATE TABLE " + history + " (meter_id STRING, load_mw DOUBLE) USING iceberg");
        spark.sql("INSERT INTO " + history + " VALUES ('m1', 1.0), ('m2', 2.0)");
        spark.sql("INSERT INTO " + history + " VALUES ('m3', 3.0)");
        Table table = lakehouse.icebergTable(history);
        long first = table.currentSnapshot().parentId();
        long second = table.currentSnapshot().snapshotId();
        String tag = "published-meter_history_daily-caiso";
        table.manageSnapshots().createTag(tag, second).commit();
        List<Row> beforeTheMistake = spark.sql("SELECT * FROM " + history + " ORDER BY meter_id").collectAsList();
        // The mistake: rows deleted by hand.
        spark.sql("DELETE FROM " + history + " WHERE meter_id IN ('m1', 'm2')");
        table.refresh();
        long mistake = table.currentSnapshot().snapshotId();
        assertThat(spark.sql("SELECT count(*) FROM " + history).first().getLong(0)).isEqualTo(1);

        TableMaintenance maintenance = new TableMaintenance(lakehouse, MaintenanceOptions.defaults());
        List<TableSnapshot> snapshots = maintenance.snapshots(history);
        assertThat(snapshots).extracting(TableSnapshot::snapshotId).containsExactly(first, second, mistake);
        assertThat(snapshots).extracting(TableSnapshot::operation).containsExactly("append", "append", table.currentSnapshot().operation());
        assertThat(snapshots).extracting(TableSnapshot::lineage)
                .containsExactly(TableSnapshot.Lineage.ANCESTOR, TableSnapshot.Lineage.ANCESTOR, TableSnapshot.Lineage.CURRENT);
        assertThat(snapshots).extracting(snapshot -> snapshot.totalRecords().getAsLong()).containsExactly(2L, 3L, 1L);
        assertThat(snapshots).extracting(snapshot -> snapshot.addedRecords().orElse(0)).startsWith(2L, 1L);
        assertThat(snapshots.get(2).deletedRecords().getAsLong()).isGreaterThanOrEqualTo(2);
        assertThat(snapshots).extracting(TableSnapshot::parentId).containsExactly(java.util.OptionalLong.empty(), java.util.OptionalLong.of(first),
                java.util.OptionalLong.of(second));
        assertThat(snapshots).extracting(TableSnapshot::refs).containsExactly(List.of(), List.of(tag), List.of("main"));

        RollbackResult rollback = maintenance.rollback(history, second, "operator", java.util.Optional.of("rows of m1 and m2 deleted by mistake"));
        assertThat(rollback).isEqualTo(new RollbackResult(history, mistake, second, List.of(mistake), List.of(), java.util.OptionalLong.of(1),
                java.util.OptionalLong.of(3), rollback.performedAtUtc(), "operator", java.util.Optional.of("rows of m1 and m2 deleted by mistake")));
        assertThat(rollback.changed()).isTrue();
        assertThat(spark.sql("SELECT * FROM " + history + " ORDER BY meter_id").collectAsList()).isEqualTo(beforeTheMistake);
        assertThat(maintenance.snapshots(history)).extracting(TableSnapshot::lineage)
                .containsExactly(TableSnapshot.Lineage.ANCESTOR, TableSnapshot.Lineage.CURRENT, TableSnapshot.Lineage.OFF_MAIN);
        assertThat(maintenance.snapshots(history).get(1).refs()).containsExactly("main", tag);

        // The durable record: one row with what was undone, by whom and why.
        List<Row> log = spark.sql("SELECT action, table_name, from_snapshot_id, to_snapshot_id, undone_snapshot_ids, records_before, records_after, "
                + "performed_by, reason, performed_at_utc FROM " + MaintenanceLog.SPEC.identifier()).collectAsList();
        assertThat(log).hasSize(1);
        Row entry = log.get(0);
        assertThat(entry.getString(0)).isEqualTo("rollback");
        assertThat(entry.getString(1)).isEqualTo(history);
        assertThat(entry.getLong(2)).isEqualTo(mistake);
        assertThat(entry.getLong(3)).isEqualTo(second);
        assertThat(entry.getList(4)).containsExactly(mistake);
        assertThat(entry.getLong(5)).isEqualTo(1);
        assertThat(entry.getLong(6)).isEqualTo(3);
        assertThat(entry.getString(7)).isEqualTo("operator");
        assertThat(entry.getString(8)).isEqualTo("rows of m1 and m2 deleted by mistake");
        assertThat(entry.getInstant(9)).isEqualTo(rollback.performedAtUtc());

        // The current snapshot again: nothing changes, nothing is recorded.
        RollbackResult again = maintenance.rollback(history, second, "operator", java.util.Optional.empty());
        assertThat(again.changed()).isFalse();
        assertThat(again.undoneSnapshotIds()).isEmpty();

        // The undone snapshot is no ancestor any more; a snapshot of another table or none at all is refused.
        assertThatThrownBy(() -> maintenance.rollback(history, mistake, "operator", java.util.Optional.empty()))
                .isInstanceOfSatisfying(LakehouseException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.USER_ERROR))
                .hasMessage("Cannot roll back %s to snapshot %d: it is not an ancestor of the current snapshot %d (undone by an earlier rollback or on another "
                        + "branch); roll back only to a snapshot marked ancestor by bin/lakehouse maintain snapshots --table %s", history, mistake, second, history);
        long otherTables = icebergTable().currentSnapshot().snapshotId();
        assertThatThrownBy(() -> maintenance.rollback(history, otherTables, "operator", java.util.Optional.empty()))
                .isInstanceOfSatisfying(LakehouseException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.USER_ERROR))
                .hasMessage("Cannot roll back %s to snapshot %d: %s has no such snapshot (its current one is %d; bin/lakehouse maintain snapshots --table %s lists them)",
                        history, otherTables, history, second, history);
        assertThatThrownBy(() -> maintenance.rollback("curated.meter_histroy", second, "operator", java.util.Optional.empty()))
                .hasMessage("Cannot load table curated.meter_histroy: no such table; the tables in curated are meter_history, meter_readings "
                        + "(namespaces of catalog lakehouse: analytics, curated, raw)");
        assertThatThrownBy(() -> maintenance.snapshots("curate.meter_history"))
                .hasMessage("Cannot load table curate.meter_history: no such table; catalog lakehouse has no namespace curate; its namespaces are analytics, curated, raw");
        assertThatThrownBy(() -> maintenance.snapshots("meter_history"))
                .hasMessage("Cannot load table meter_history: name it namespace.table; the namespaces of catalog lakehouse are analytics, curated, raw");
        assertThatThrownBy(() -> maintenance.rollback(MaintenanceLog.SPEC.identifier(), 1, "operator", java.util.Optional.empty()))
                .hasMessageStartingWith("Cannot roll back raw.maintenance_log: it is the record of rollbacks");

        // Further back: the published tag now points at an undone snapshot, and the result says so.
        RollbackResult further = maintenance.rollback(history, first, "operator", java.util.Optional.empty());
        assertThat(further.undoneSnapshotIds()).containsExactly(second);
        assertThat(further.refsOnUndone()).containsExactly(tag);
        assertThat(spark.sql("SELECT count(*) FROM " + history).first().getLong(0)).isEqualTo(2);
        assertThat(spark.sql("SELECT to_snapshot_id FROM " + MaintenanceLog.SPEC.identifier() + " ORDER BY performed_at_utc").collectAsList())
                .extracting(row -> row.getLong(0)).containsExactly(second, first);
    }

    @Test
    void locationsOverlapAcrossSchemesAndTrailingSlashes()
    {
        assertThat(TableMaintenance.overlaps("/lake/warehouse/raw/fetch_log", "/lake/raw")).isFalse();
        assertThat(TableMaintenance.overlaps("/lake/warehouse/raw/fetch_log", "/lake/warehouse/raw/fetch_logs")).isFalse();
        assertThat(TableMaintenance.overlaps("file:///lake/warehouse/raw/fetch_log", "/lake/warehouse/raw/fetch_log/payloads/")).isTrue();
        assertThat(TableMaintenance.overlaps("file:/lake/warehouse", "/lake/warehouse/raw/fetch_log")).isTrue();
        assertThat(TableMaintenance.overlaps("s3://lake/warehouse/curated/market_prices", "s3a://lake/warehouse/curated")).isTrue();
        assertThat(TableMaintenance.overlaps("s3://lake/warehouse/curated/market_prices", "s3a://lake/raw")).isFalse();
    }

    private static Table icebergTable()
    {
        try {
            return Spark3Util.loadIcebergTable(lakehouse.spark(), lakehouse.config().catalogName() + "." + TABLE);
        }
        catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static List<Row> rows(String relation)
    {
        return lakehouse.spark().sql("SELECT * FROM " + relation + " ORDER BY meter_id").collectAsList();
    }

    private static int size(Iterable<?> iterable)
    {
        int size = 0;
        for (Object ignored : iterable) {
            size++;
        }
        return size;
    }

    private static Path localPath(String location)
    {
        return location.startsWith("file:") ? Path.of(URI.create(location)) : Path.of(location);
    }

    private static Map<Path, FileTime> files(Path folder)
            throws IOException
    {
        Map<Path, FileTime> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.filter(Files::isRegularFile).toList()) {
                files.put(path, Files.getLastModifiedTime(path));
            }
        }
        return files;
    }
}
