package io.energylakehouse.common.table;

import io.energylakehouse.common.config.LakehouseConfig;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.OptionalLong;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The lakehouse as a job sees it: a Spark session on the configured Iceberg catalog, and the verbs jobs use
 * on declared tables (create if missing, read, current snapshot).
 */
public final class Lakehouse
        implements AutoCloseable
{
    private static final Logger log = LoggerFactory.getLogger(Lakehouse.class);

    private final LakehouseConfig config;
    private final SparkSession spark;
    private final Set<String> ensured = java.util.concurrent.ConcurrentHashMap.newKeySet();

    public Lakehouse(LakehouseConfig config, SparkSession spark)
    {
        this.config = requireNonNull(config, "config is null");
        this.spark = requireNonNull(spark, "spark is null");
    }

    public LakehouseConfig config()
    {
        return config;
    }

    public SparkSession spark()
    {
        return spark;
    }

    /**
     * Creates the namespace and the table if they do not exist yet, and adds to a table made by an earlier version
     * the columns its spec declares since ({@link #addMissingColumns}). Cheap to call again.
     */
    public void ensure(TableSpec spec)
    {
        if (!ensured.contains(spec.identifier())) {
            // The catalog answers whether the table exists without Spark SQL (parsing and analysing two DDL
            // statements per table cost a small job about a second); only a missing table goes through CREATE.
            if (!exists(spec)) {
                create(spec);
            }
            addMissingColumns(spec);
            ensured.add(spec.identifier());
        }
    }

    private void create(TableSpec spec)
    {
        for (int attempt = 1; ; attempt++) {
            try {
                spark.sql("CREATE NAMESPACE IF NOT EXISTS " + spec.namespace());
                spark.sql(spec.createStatement());
                return;
            }
            catch (RuntimeException e) {
                // Two jobs creating the same namespace or table at the same moment: the catalog lets one win, and
                // IF NOT EXISTS does not cover the loser's race. Look again: it exists now.
                if (attempt >= 3) {
                    throw e;
                }
            }
        }
    }

    /** Whether the table exists in the catalog, without creating it. */
    public boolean exists(TableSpec spec)
    {
        return icebergCatalog().tableExists(org.apache.iceberg.catalog.TableIdentifier.of(spec.namespace(), spec.name()));
    }

    /**
     * Schema evolution for tables of a lake made by an earlier version: each column of the spec the table lacks is
     * added in one Iceberg schema commit, at its place in the spec's order, with its doc. Columns are only ever added
     * (never dropped, renamed or retyped), and as optional: the rows written before have no value for them, and Iceberg
     * cannot add a required column to a table with rows. Writers still fill every column the spec requires. Two jobs
     * adding the same columns at the same moment: the loser looks again and finds them.
     */
    private void addMissingColumns(TableSpec spec)
    {
        for (int attempt = 1; ; attempt++) {
            org.apache.iceberg.Table table = loadIcebergTable(spec);
            Set<String> existing = new java.util.HashSet<>();
            table.schema().columns().forEach(field -> existing.add(field.name()));
            List<String> added = spec.columnNames().stream().filter(column -> !existing.contains(column)).toList();
            if (added.isEmpty()) {
                return;
            }
            org.apache.iceberg.UpdateSchema update = table.updateSchema();
            String previous = null;
            for (TableSpec.ColumnSpec column : spec.columns()) {
                if (!existing.contains(column.name())) {
                    update.addColumn(column.name(), org.apache.iceberg.spark.SparkSchemaUtil.convert(column.type()), column.doc());
                    if (previous == null) {
                        update.moveFirst(column.name());
                    }
                    else {
                        update.moveAfter(column.name(), previous);
                    }
                }
                previous = column.name();
            }
            try {
                update.commit();
                log.info("Stage ensure: {} made by an earlier version: added columns {} (optional: rows written before have none)", spec.identifier(), added);
                return;
            }
            catch (org.apache.iceberg.exceptions.CommitFailedException | IllegalArgumentException e) {
                if (attempt >= 5) {
                    throw e;
                }
            }
        }
    }

    public void ensureAll(List<TableSpec> specs)
    {
        specs.forEach(this::ensure);
    }

    public Dataset<Row> read(TableSpec spec)
    {
        ensure(spec);
        return spark.table(spec.identifier());
    }

    /** The table as it was at an Iceberg snapshot: what a published dataset records it was made from. */
    public Dataset<Row> readAtSnapshot(TableSpec spec, long snapshotId)
    {
        ensure(spec);
        return spark.sql("SELECT * FROM " + spec.identifier() + " VERSION AS OF " + snapshotId);
    }

    /** The table's current snapshot id, empty while the table has never been written. */
    public OptionalLong currentSnapshotId(TableSpec spec)
    {
        ensure(spec);
        org.apache.iceberg.Table table = icebergTable(spec);
        table.refresh();
        return table.currentSnapshot() == null ? OptionalLong.empty() : OptionalLong.of(table.currentSnapshot().snapshotId());
    }

    /** The lakehouse's Iceberg catalog, as Spark's catalog of that name holds it. */
    public org.apache.iceberg.catalog.Catalog icebergCatalog()
    {
        return org.apache.iceberg.spark.Spark3Util.loadIcebergCatalog(spark, config.catalogName());
    }

    /**
     * Any table of the catalog by name ({@code namespace.table}), e.g. one a manifest or a user names. An unknown
     * one is a user error that says what exists: the tables of its namespace, or the namespaces.
     */
    public org.apache.iceberg.Table icebergTable(String identifier)
    {
        requireNonNull(identifier, "identifier is null");
        org.apache.iceberg.catalog.TableIdentifier parsed = org.apache.iceberg.catalog.TableIdentifier.parse(identifier.strip());
        if (!parsed.hasNamespace()) {
            throw io.energylakehouse.common.LakehouseException.userError("Cannot load table %s: name it namespace.table; %s", identifier, whatExists(null));
        }
        try {
            return icebergCatalog().loadTable(parsed);
        }
        catch (org.apache.iceberg.exceptions.NoSuchTableException e) {
            throw io.energylakehouse.common.LakehouseException.userError("Cannot load table %s: no such table; %s", identifier, whatExists(parsed.namespace().toString()));
        }
    }

    /** The namespaces of the catalog, sorted. */
    public List<String> namespaces()
    {
        org.apache.iceberg.catalog.Catalog catalog = icebergCatalog();
        if (!(catalog instanceof org.apache.iceberg.catalog.SupportsNamespaces namespaces)) {
            return List.of();
        }
        return namespaces.listNamespaces().stream().map(Object::toString).sorted().toList();
    }

    /** The table names (without namespace) of one namespace, sorted; empty when the namespace does not exist. */
    public List<String> tables(String namespace)
    {
        org.apache.iceberg.catalog.Namespace name = org.apache.iceberg.catalog.Namespace.of(namespace.split("\\."));
        try {
            return icebergCatalog().listTables(name).stream().map(org.apache.iceberg.catalog.TableIdentifier::name).sorted().toList();
        }
        catch (org.apache.iceberg.exceptions.NoSuchNamespaceException e) {
            return List.of();
        }
    }

    /**
     * What the catalog holds, for an error about a table that is not there: the tables of {@code namespace} when it
     * exists, else the namespaces: {@code "catalog lakehouse has no namespace cur; its namespaces are curated, raw"}.
     */
    public String whatExists(String namespace)
    {
        List<String> namespaces = namespaces();
        if (namespace != null && namespaces.contains(namespace)) {
            List<String> tables = tables(namespace);
            return String.format("%s (namespaces of catalog %s: %s)", tables.isEmpty() ? "namespace " + namespace + " has no tables"
                    : "the tables in " + namespace + " are " + String.join(", ", tables), config.catalogName(), String.join(", ", namespaces));
        }
        String known = namespaces.isEmpty() ? "none yet (bin/lakehouse demo or ingest makes them)" : String.join(", ", namespaces);
        return namespace == null
                ? String.format("the namespaces of catalog %s are %s", config.catalogName(), known)
                : String.format("catalog %s has no namespace %s; its namespaces are %s", config.catalogName(), namespace, known);
    }

    public org.apache.iceberg.Table icebergTable(TableSpec spec)
    {
        ensure(spec);
        return loadIcebergTable(spec);
    }

    private org.apache.iceberg.Table loadIcebergTable(TableSpec spec)
    {
        try {
            return org.apache.iceberg.spark.Spark3Util.loadIcebergTable(spark, config.catalogName() + "." + spec.identifier());
        }
        catch (org.apache.spark.sql.catalyst.parser.ParseException | org.apache.spark.sql.catalyst.analysis.NoSuchTableException e) {
            throw new io.energylakehouse.common.LakehouseException(io.energylakehouse.common.ErrorCode.INTERNAL,
                    "Cannot load Iceberg table " + spec.identifier() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a few columns of the rows matching {@code filter} straight from the table's files, without a Spark job:
     * for small tables the driver needs whole (the fetch log, a published dataset's daily rows).
     */
    public List<org.apache.iceberg.data.Record> scan(TableSpec spec, org.apache.iceberg.expressions.Expression filter, List<String> columns)
    {
        org.apache.iceberg.Table table = icebergTable(spec);
        table.refresh();
        if (table.currentSnapshot() == null) {
            return List.of();
        }
        List<org.apache.iceberg.data.Record> records = new java.util.ArrayList<>();
        try (org.apache.iceberg.io.CloseableIterable<org.apache.iceberg.data.Record> rows = org.apache.iceberg.data.IcebergGenerics.read(table)
                .where(filter).select(columns).build()) {
            rows.forEach(record -> records.add(record.copy()));
        }
        catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Cannot read " + spec.identifier(), e);
        }
        return records;
    }

    /** {@link #scan} of the table as it was at an Iceberg snapshot (what a published dataset records it was made from). */
    public List<org.apache.iceberg.data.Record> scanAtSnapshot(TableSpec spec, long snapshotId, org.apache.iceberg.expressions.Expression filter, List<String> columns)
    {
        org.apache.iceberg.Table table = icebergTable(spec);
        table.refresh();
        List<org.apache.iceberg.data.Record> records = new java.util.ArrayList<>();
        try (org.apache.iceberg.io.CloseableIterable<org.apache.iceberg.data.Record> rows = org.apache.iceberg.data.IcebergGenerics.read(table)
                .useSnapshot(snapshotId).where(filter).select(columns).build()) {
            rows.forEach(record -> records.add(record.copy()));
        }
        catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Cannot read " + spec.identifier() + " at snapshot " + snapshotId, e);
        }
        return records;
    }

    /**
     * An upper bound of the rows matching {@code filter} at a snapshot, from the record counts of the data files a scan
     * would read (metadata only, no file opened): how a job decides whether the driver can hold its input.
     */
    public long rowsAtMost(TableSpec spec, long snapshotId, org.apache.iceberg.expressions.Expression filter)
    {
        org.apache.iceberg.Table table = icebergTable(spec);
        table.refresh();
        long rows = 0;
        try (org.apache.iceberg.io.CloseableIterable<org.apache.iceberg.FileScanTask> tasks = table.newScan().useSnapshot(snapshotId).filter(filter).planFiles()) {
            for (org.apache.iceberg.FileScanTask task : tasks) {
                rows += task.file().recordCount();
            }
        }
        catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("Cannot plan the read of " + spec.identifier() + " at snapshot " + snapshotId, e);
        }
        return rows;
    }

    /**
     * Writes rows the driver holds as one standalone Parquet file, with the table's column names and types, through Iceberg's Parquet writer: no Spark job. Rows follow
     * the spec's column order; an existing file is replaced.
     */
    public void writeParquetFile(TableSpec spec, List<Row> rows, org.apache.iceberg.io.OutputFile file)
    {
        org.apache.iceberg.Schema tableSchema = icebergTable(spec).schema();
        // The spec's column order, whatever order the table's columns were added in.
        IcebergRows.writeFile(new org.apache.iceberg.Schema(spec.columnNames().stream().map(tableSchema::findField).toList()), spec, rows, file);
    }

    /** A timestamp-with-zone value of a {@link #scan}ned record (Iceberg's generic records hold OffsetDateTime) as an Instant. */
    public static java.time.Instant instant(Object scanned)
    {
        return scanned instanceof java.time.OffsetDateTime time ? time.toInstant() : (java.time.Instant) scanned;
    }

    /** Appends rows, conformed to the table's schema. */
    public void append(TableSpec spec, Dataset<Row> rows)
    {
        ensure(spec);
        try {
            spec.conform(rows).writeTo(spec.identifier()).append();
        }
        catch (org.apache.spark.sql.catalyst.analysis.NoSuchTableException e) {
            throw new IllegalStateException("Table " + spec.identifier() + " vanished while writing", e);
        }
    }

    /**
     * Appends rows the driver holds, in one commit written by Iceberg's own Parquet writers: no Spark job, so a few
     * thousand rows take milliseconds. Rows follow the spec's column order with Spark's Java values.
     */
    public void appendRows(TableSpec spec, List<Row> rows)
    {
        ensure(spec);
        IcebergRows.append(icebergTable(spec), spec, rows);
    }

    /**
     * Where Spark tasks (or the driver) write new data files of the table with a {@link TableFileWriter}: a serialisable
     * copy of the table as it is now. The files count once {@link #appendFiles} commits them.
     */
    public TableFileWriter.Target fileTarget(TableSpec spec)
    {
        return TableFileWriter.Target.of(icebergTable(spec), spec);
    }

    /**
     * Commits data files a {@link TableFileWriter} wrote (on the driver or in tasks) to the table in one append, with
     * {@code snapshotProperties} in its summary. Appends never conflict with other writers' commits.
     */
    public void appendFiles(TableSpec spec, List<org.apache.iceberg.DataFile> files, java.util.Map<String, String> snapshotProperties)
    {
        if (files.isEmpty()) {
            return;
        }
        org.apache.iceberg.AppendFiles append = icebergTable(spec).newAppend();
        files.forEach(append::appendFile);
        snapshotProperties.forEach(append::set);
        append.commit();
    }

    /**
     * {@link #insertNew} for rows the driver holds: appends those whose (single-column) key the table lacks, in one
     * commit that is validated against concurrent writers of the same keys. Returns the rows written.
     */
    public int insertNewRows(TableSpec spec, List<Row> rows)
    {
        ensure(spec);
        return IcebergRows.insertNew(icebergTable(spec), spec, rows);
    }

    /**
     * Atomically replaces the rows matching {@code condition} with {@code rows} (one Iceberg commit). The
     * condition must select whole partitions of the table, which is how a run owns "its" operating days.
     */
    public void overwrite(TableSpec spec, Dataset<Row> rows, org.apache.spark.sql.Column condition)
    {
        overwrite(spec, rows, condition, java.util.Map.of());
    }

    /**
     * {@link #overwrite(TableSpec, Dataset, org.apache.spark.sql.Column)} recording {@code snapshotProperties} in the
     * commit's snapshot summary, atomically with the rows (e.g. which inputs a curation read).
     */
    public void overwrite(TableSpec spec, Dataset<Row> rows, org.apache.spark.sql.Column condition, java.util.Map<String, String> snapshotProperties)
    {
        ensure(spec);
        try {
            org.apache.spark.sql.DataFrameWriterV2<Row> writer = spec.conform(rows).writeTo(spec.identifier());
            for (java.util.Map.Entry<String, String> property : snapshotProperties.entrySet()) {
                writer = writer.option("snapshot-property." + property.getKey(), property.getValue());
            }
            writer.overwrite(condition);
        }
        catch (org.apache.spark.sql.catalyst.analysis.NoSuchTableException e) {
            throw new IllegalStateException("Table " + spec.identifier() + " vanished while writing", e);
        }
    }

    /**
     * {@link #overwrite(TableSpec, Dataset, org.apache.spark.sql.Column, java.util.Map)} for rows the driver holds, written by
     * Iceberg's own Parquet writers in one commit: no Spark job. {@code filter} must select whole partitions.
     */
    public void overwriteRows(TableSpec spec, List<Row> rows, org.apache.iceberg.expressions.Expression filter, java.util.Map<String, String> snapshotProperties)
    {
        ensure(spec);
        IcebergRows.overwrite(icebergTable(spec), spec, rows, filter, snapshotProperties);
    }

    /** Inserts the rows whose key is not in the table yet; rows already there are left as they are. Idempotent. */
    public void insertNew(TableSpec spec, Dataset<Row> rows)
    {
        ensure(spec);
        String view = "new_" + spec.name() + "_" + Long.toHexString(System.nanoTime());
        spec.conform(rows).createOrReplaceTempView(view);
        try {
            String on = spec.key().stream().map(column -> "t." + column + " = s." + column).collect(java.util.stream.Collectors.joining(" AND "));
            spark.sql("MERGE INTO " + spec.identifier() + " t USING " + view + " s ON " + on + " WHEN NOT MATCHED THEN INSERT *");
        }
        finally {
            spark.catalog().dropTempView(view);
        }
    }

    /** Sets the Spark job description, so the Spark UI and logs read like a plan. */
    public void describe(String description)
    {
        spark.sparkContext().setJobDescription(description);
    }

    @Override
    public void close()
    {
        spark.stop();
    }
}
