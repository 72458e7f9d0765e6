package io.energylakehouse.common.table;

import io.energylakehouse.common.LakehouseException;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.PartitionKey;
import org.apache.iceberg.Schema;
import org.apache.iceberg.SerializableTable;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.data.GenericFileWriterFactory;
import org.apache.iceberg.data.GenericRecord;
import org.apache.iceberg.data.InternalRecordWrapper;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.FanoutDataWriter;
import org.apache.iceberg.io.OutputFileFactory;
import org.apache.iceberg.types.Types;
import org.apache.iceberg.util.PropertyUtil;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static java.util.Objects.requireNonNull;

/**
 * Writes rows into new data files of an Iceberg table with Iceberg's own Parquet writers, one open file per partition,
 * rolled at the table's target file size, and hands back the files for one commit ({@link Lakehouse#appendFiles}).
 * Nothing is visible to readers until that commit. Runs wherever the rows are: on the driver for rows it already holds,
 * or in a Spark task from a {@link Target} (a serialisable copy of the table), so that landing never ships a record to
 * the driver.
 *
 * <p>Rows are Spark {@link Row}s in the order of the table's {@link TableSpec} columns, with the values Spark rows carry
 * ({@link Instant} for timestamps, {@link java.time.LocalDate} for dates, {@link List} for arrays).
 */
public final class TableFileWriter
{
    /** The table to write files of, as a task receives it: its schema, partitioning, location and file IO, serialisable. */
    public record Target(Table table, TableSpec spec)
            implements Serializable
    {
        public Target
        {
            requireNonNull(table, "table is null");
            requireNonNull(spec, "spec is null");
        }

        public static Target of(Table table, TableSpec spec)
        {
            return new Target(SerializableTable.copyOf(table), spec);
        }
    }

    private final Table table;
    private final TableSpec spec;
    private final List<Types.NestedField> fields;
    private final int[] positions;
    private final PartitionKey partition;
    private final InternalRecordWrapper wrapper;
    private final FanoutDataWriter<Record> writer;
    private final GenericRecord reused;
    private long rows;
    private boolean closed;

    public TableFileWriter(Target target)
    {
        this(target.table(), target.spec());
    }

    public TableFileWriter(Table table, TableSpec spec)
    {
        this.table = requireNonNull(table, "table is null");
        this.spec = requireNonNull(spec, "spec is null");
        Schema schema = table.schema();
        this.fields = schema.columns();
        this.positions = positions(schema, spec);
        long targetFileSize = PropertyUtil.propertyAsLong(table.properties(), TableProperties.WRITE_TARGET_FILE_SIZE_BYTES,
                TableProperties.WRITE_TARGET_FILE_SIZE_BYTES_DEFAULT);
        // Unique names wherever it runs: a task's attempt number is not known here, so every writer has its own operation id.
        OutputFileFactory fileFactory = OutputFileFactory.builderFor(table, 1, System.nanoTime())
                .format(FileFormat.PARQUET)
                .operationId(UUID.randomUUID().toString())
                .build();
        GenericFileWriterFactory writerFactory = new GenericFileWriterFactory.Builder(table).dataFileFormat(FileFormat.PARQUET).build();
        this.partition = new PartitionKey(table.spec(), schema);
        this.wrapper = new InternalRecordWrapper(schema.asStruct());
        this.writer = new FanoutDataWriter<>(writerFactory, fileFactory, table.io(), targetFileSize);
        this.reused = GenericRecord.create(schema);
    }

    public void write(Row row)
    {
        GenericRecord record = record(reused, fields, positions, spec, row);
        partition.partition(wrapper.wrap(record));
        writer.write(record, table.spec(), partition);
        rows++;
    }

    /** Rows written so far. */
    public long rows()
    {
        return rows;
    }

    /** Closes the open files and returns every data file written; they are not committed yet. */
    public List<DataFile> finish()
    {
        closed = true;
        try {
            writer.close();
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot write data files of " + spec.identifier(), e);
        }
        return new ArrayList<>(writer.result().dataFiles());
    }

    /** Closes the writer and deletes what it wrote: for a write that failed before its files were handed over. */
    public void abort(RuntimeException cause)
    {
        try {
            if (!closed) {
                closed = true;
                writer.close();
            }
            writer.result().dataFiles().forEach(file -> table.io().deleteFile(file.location()));
        }
        catch (IOException | RuntimeException cleanup) {
            cause.addSuppressed(cleanup);
        }
    }

    /** Writes the rows into new data files of the table (not committed); on failure nothing written is left behind. */
    static List<DataFile> write(Table table, TableSpec spec, List<Row> rows)
    {
        TableFileWriter writer = new TableFileWriter(table, spec);
        try {
            rows.forEach(writer::write);
        }
        catch (RuntimeException e) {
            writer.abort(e);
            throw e;
        }
        return writer.finish();
    }

    static int[] positions(Schema schema, TableSpec spec)
    {
        StructType sparkSchema = spec.schema();
        List<Types.NestedField> fields = schema.columns();
        int[] positions = new int[fields.size()];
        for (int i = 0; i < fields.size(); i++) {
            positions[i] = sparkSchema.fieldIndex(fields.get(i).name());
        }
        return positions;
    }

    /** Fills {@code record} (reused row after row: the writers consume its values at once) with the row's values. */
    static GenericRecord record(GenericRecord record, List<Types.NestedField> fields, int[] positions, TableSpec spec, Row row)
    {
        for (int i = 0; i < positions.length; i++) {
            Object value = row.get(positions[i]);
            if (value == null && fields.get(i).isRequired()) {
                throw LakehouseException.userError("Cannot write a row to %s: required column %s is null in %s", spec.identifier(), fields.get(i).name(), row);
            }
            record.set(i, icebergValue(value));
        }
        return record;
    }

    /**
     * The instant at UTC without {@code OffsetDateTime.ofInstant}, which asks the offset for its rules and so builds a
     * new {@code ZoneRules} per value (3 % of the demo's driver samples in a profile).
     */
    private static OffsetDateTime utc(Instant instant)
    {
        return OffsetDateTime.of(java.time.LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC), ZoneOffset.UTC);
    }

    /** Spark's Java values to Iceberg's generic ones: timestamps with zone are OffsetDateTime there. */
    private static Object icebergValue(Object value)
    {
        if (value instanceof Instant instant) {
            return utc(instant);
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return utc(timestamp.toInstant());
        }
        if (value instanceof java.sql.Date date) {
            return date.toLocalDate();
        }
        if (value instanceof scala.collection.Seq<?> sequence) {
            return new ArrayList<>(scala.jdk.javaapi.CollectionConverters.asJava(sequence));
        }
        return value;
    }
}
