package io.energylakehouse.common.table;

import io.energylakehouse.common.ErrorCode;
import io.energylakehouse.common.LakehouseException;
import org.apache.iceberg.AppendFiles;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.OverwriteFiles;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.data.GenericFileWriterFactory;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.io.DataWriteResult;
import org.apache.iceberg.io.FanoutDataWriter;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.util.PropertyUtil;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Writes rows the driver already holds (parsed records, fetch-log and quarantine rows) straight into an Iceberg
 * table: Parquet files through Iceberg's own writers, one commit, no Spark job. Planning and scheduling a Spark
 * job for a few thousand rows costs more than writing them; readers see the same table either way.
 *
 * <p>Rows are Spark {@link Row}s in the order of the table's {@link TableSpec} columns, with the values Spark
 * rows carry ({@link Instant} for timestamps, {@link java.time.LocalDate} for dates, {@link List} for arrays).
 */
final class IcebergRows
{
    private static final int COMMIT_ATTEMPTS = 10;

    private IcebergRows() {}

    /** Appends the rows in one commit and returns the number of data files written. */
    static int append(Table table, TableSpec spec, List<Row> rows)
    {
        if (rows.isEmpty()) {
            return 0;
        }
        List<DataFile> files = TableFileWriter.write(table, spec, rows);
        AppendFiles append = table.newAppend();
        files.forEach(append::appendFile);
        append.commit();
        return files.size();
    }

    /**
     * Appends the rows whose key the table does not hold yet, in one commit that fails over to a fresh read
     * when a concurrent writer committed rows with the same keys in the meantime; returns the rows written.
     * Idempotent: inserting the same rows again writes nothing.
     */
    static int insertNew(Table table, TableSpec spec, List<Row> rows)
    {
        if (rows.isEmpty()) {
            return 0;
        }
        if (spec.key().size() != 1) {
            throw new IllegalArgumentException("Cannot insert new rows into " + spec.identifier() + " directly: its key " + spec.key() + " is not one column");
        }
        String keyColumn = spec.key().get(0);
        int keyIndex = spec.schema().fieldIndex(keyColumn);
        List<Object> keys = rows.stream().map(row -> row.get(keyIndex)).distinct().toList();
        Expression ofTheseKeys = Expressions.in(keyColumn, keys.toArray());
        for (int attempt = 1; ; attempt++) {
            table.refresh();
            Snapshot base = table.currentSnapshot();
            Set<Object> existing = new HashSet<>();
            if (base != null) {
                try (CloseableIterable<Record> present = IcebergGenerics.read(table).useSnapshot(base.snapshotId()).where(ofTheseKeys).select(keyColumn).build()) {
                    present.forEach(record -> existing.add(record.getField(keyColumn)));
                }
                catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            Set<Object> seen = new HashSet<>(existing);
            List<Row> missing = rows.stream().filter(row -> seen.add(row.get(keyIndex))).toList();
            if (missing.isEmpty()) {
                return 0;
            }
            List<DataFile> files = TableFileWriter.write(table, spec, missing);
            OverwriteFiles commit = table.newOverwrite().conflictDetectionFilter(ofTheseKeys).validateNoConflictingData();
            if (base != null) {
                commit.validateFromSnapshot(base.snapshotId());
            }
            files.forEach(commit::addFile);
            try {
                commit.commit();
                return missing.size();
            }
            catch (ValidationException e) {
                if (attempt >= COMMIT_ATTEMPTS) {
                    throw new LakehouseException(ErrorCode.EXTERNAL_SERVICE, "Cannot insert rows into " + spec.identifier() + ": other writers kept adding the same keys ("
                            + attempt + " attempts): " + e.getMessage(), e);
                }
                // Another writer added rows with some of these keys: read again and write only what is still missing.
                files.forEach(file -> table.io().deleteFile(file.location()));
            }
        }
    }

    /**
     * Replaces the rows matching {@code filter} (which must select whole partitions) with {@code rows} in one commit,
     * with {@code snapshotProperties} in its summary; fails, leaving no file behind, when a concurrent writer committed
     * data or deletes matching the filter since the table was read. Returns the number of data files written.
     */
    static int overwrite(Table table, TableSpec spec, List<Row> rows, Expression filter, java.util.Map<String, String> snapshotProperties)
    {
        table.refresh();
        Snapshot base = table.currentSnapshot();
        List<DataFile> files = rows.isEmpty() ? List.of() : TableFileWriter.write(table, spec, rows);
        OverwriteFiles overwrite = table.newOverwrite().overwriteByRowFilter(filter);
        if (!files.isEmpty()) {
            overwrite.validateAddedFilesMatchOverwriteFilter();
        }
        if (base != null) {
            overwrite.validateFromSnapshot(base.snapshotId()).conflictDetectionFilter(filter).validateNoConflictingData().validateNoConflictingDeletes();
        }
        files.forEach(overwrite::addFile);
        snapshotProperties.forEach(overwrite::set);
        try {
            overwrite.commit();
        }
        catch (RuntimeException e) {
            files.forEach(file -> table.io().deleteFile(file.location()));
            if (e instanceof ValidationException) {
                throw new LakehouseException(ErrorCode.EXTERNAL_SERVICE, "Cannot overwrite " + filter + " of " + spec.identifier()
                        + ": another writer changed those rows meanwhile; run again: " + e.getMessage(), e);
            }
            throw e;
        }
        return files.size();
    }

    /** The rows as one standalone Parquet file (not a table's data file) with the schema's column names and types. */
    static void writeFile(Schema schema, TableSpec spec, List<Row> rows, org.apache.iceberg.io.OutputFile file)
    {
        List<Types.NestedField> fields = schema.columns();
        int[] positions = TableFileWriter.positions(schema, spec);
        try (org.apache.iceberg.io.FileAppender<Record> appender = org.apache.iceberg.parquet.Parquet.write(file)
                .schema(schema)
                .createWriterFunc(org.apache.iceberg.data.parquet.GenericParquetWriter::create)
                .overwrite()
                .build()) {
            GenericRecord reused = GenericRecord.create(schema);
            for (Row row : rows) {
                appender.add(TableFileWriter.record(reused, fields, positions, spec, row));
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file.location(), e);
        }
    }
}
