package io.energylakehouse.etl.publish;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.energylakehouse.common.ErrorCode;
import io.energylakehouse.common.FileErrors;
import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.table.Lakehouse;
import io.energylakehouse.common.table.TableSpec;
import io.energylakehouse.etl.raw.Hashing;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.udf;

/**
 * Writes a published dataset as files users download, one folder per market
 * ({@code <root>/<dataset>/market=<MARKET>/}, so entitlements can grant a market's files alone): one Parquet file, one gzipped CSV (header = column
 * names, timestamps ISO-8601 UTC, doubles as their shortest exact decimal: {@link DecimalText}), a Delta table, and {@code manifest.json} with the schema, row count, the
 * sha256 of each file and the Iceberg snapshot ids the dataset was made from. Files are written under
 * temporary names and renamed, so a download never sees half a file; a rerun replaces them.
 */
public final class DatasetExporter
{
    private final String root;
    private final Configuration hadoopConfiguration;

    public DatasetExporter(String root, Configuration hadoopConfiguration)
    {
        this.root = root.contains(":/") ? root : new java.io.File(root).toURI().toString();
        this.hadoopConfiguration = requireNonNull(hadoopConfiguration, "hadoopConfiguration is null");
    }

    /**
     * @param rows the dataset, already in its published order
     * @param sources Iceberg snapshot id per source table ({@code curated.market_prices} and the published table itself)
     * @param notices lines users must read, e.g. that the data is synthetic
     * @param origins where the rows came from ({@code raw.fetch_log} origins: live, replay, synthetic), recorded in the manifest
     */
    public ExportResult export(TableSpec spec, String market, Dataset<Row> rows, long publishedSnapshotId, Map<String, Long> sources, List<String> notices,
            List<String> origins)
    {
        Path folder = marketFolder(root, spec.name(), market);
        Dataset<Row> conformed = spec.conform(rows).coalesce(1);
        long rowCount = conformed.count();
        try {
            FileSystem fileSystem = folder.getFileSystem(hadoopConfiguration);
            List<PublishedFile> files = new ArrayList<>();
            files.add(writeSingleFile(fileSystem, folder, spec.name() + ".parquet", "parquet", rowCount,
                    temporary -> conformed.write().mode(SaveMode.Overwrite).parquet(temporary)));
            files.add(writeSingleFile(fileSystem, folder, spec.name() + ".csv.gz", "csv.gz", rowCount,
                    temporary -> withDecimalText(conformed).write().mode(SaveMode.Overwrite)
                            .option("header", "true")
                            .option("compression", "gzip")
                            .option("timestampFormat", "yyyy-MM-dd'T'HH:mm:ss'Z'")
                            .csv(temporary)));
            String deltaPath = new Path(folder, "delta").toString();
            conformed.write().format("delta").mode(SaveMode.Overwrite).option("overwriteSchema", "true").save(deltaPath);
            Map<String, Long> sourceSnapshots = new LinkedHashMap<>();
            sourceSnapshots.put(spec.identifier(), publishedSnapshotId);
            sourceSnapshots.putAll(sources);
            String manifestPath = writeManifest(fileSystem, folder, spec, rowCount, files, deltaPath, sourceSnapshots, notices, origins);
            return new ExportResult(spec.name(), rowCount, files, deltaPath, manifestPath, publishedSnapshotId, sourceSnapshots);
        }
        catch (IOException e) {
            throw new LakehouseException(ErrorCode.EXTERNAL_SERVICE, "Cannot publish " + spec.name() + " under " + folder + ": " + FileErrors.reason(e), e);
        }
    }

    /**
     * {@link #export(TableSpec, String, Dataset, long, Map, List, List)} of rows the driver holds, already conformed to
     * the spec's columns and in published order: the Parquet file (Iceberg's writer) and the CSV are written by the
     * driver without a Spark job, the Delta table by Spark from the same rows. For the hub datasets of a few markets'
     * years this takes a fraction of a second where planning the Spark writes takes seconds.
     */
    public ExportResult export(Lakehouse lakehouse, TableSpec spec, String market, List<Row> rows, long publishedSnapshotId, Map<String, Long> sources,
            List<String> notices, List<String> origins)
    {
        Path folder = marketFolder(root, spec.name(), market);
        try {
            FileSystem fileSystem = folder.getFileSystem(hadoopConfiguration);
            List<PublishedFile> files = new ArrayList<>();
            // Iceberg's Parquet writer creates no file for no rows: an empty dataset (a market without a congestion component) is written by Spark.
            files.add(rows.isEmpty()
                    ? writeSingleFile(fileSystem, folder, spec.name() + ".parquet", "parquet", 0,
                            temporary -> lakehouse.spark().createDataFrame(rows, spec.schema()).coalesce(1).write().mode(SaveMode.Overwrite).parquet(temporary))
                    : writeFile(fileSystem, folder, spec.name() + ".parquet", "parquet", rows.size(),
                            temporary -> lakehouse.writeParquetFile(spec, rows, org.apache.iceberg.hadoop.HadoopOutputFile.fromPath(temporary, hadoopConfiguration))));
            files.add(writeFile(fileSystem, folder, spec.name() + ".csv.gz", "csv.gz", rows.size(),
                    temporary -> writeCsv(fileSystem, temporary, spec.schema(), rows)));
            String deltaPath = new Path(folder, "delta").toString();
            lakehouse.spark().createDataFrame(rows, spec.schema()).coalesce(1)
                    .write().format("delta").mode(SaveMode.Overwrite).option("overwriteSchema", "true").save(deltaPath);
            Map<String, Long> sourceSnapshots = new LinkedHashMap<>();
            sourceSnapshots.put(spec.identifier(), publishedSnapshotId);
            sourceSnapshots.putAll(sources);
            String manifestPath = writeManifest(fileSystem, folder, spec, rows.size(), files, deltaPath, sourceSnapshots, notices, origins);
            return new ExportResult(spec.name(), rows.size(), files, deltaPath, manifestPath, publishedSnapshotId, sourceSnapshots);
        }
        catch (IOException e) {
            throw new LakehouseException(ErrorCode.EXTERNAL_SERVICE, "Cannot publish " + spec.name() + " under " + folder + ": " + FileErrors.reason(e), e);
        }
    }

    private static final java.time.format.DateTimeFormatter CSV_TIMESTAMP = java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(java.time.ZoneOffset.UTC);

    /**
     * The rows as the published gzipped CSV, as Spark's writer makes it from {@link #withDecimalText}: a header of the
     * column names, timestamps as ISO-8601 UTC to the second, doubles as {@link DecimalText#plain}, null as an empty
     * field, an empty text as {@code ""}; a field with a comma, quote or line break is quoted (RFC 4180).
     */
    static void writeCsv(FileSystem fileSystem, Path file, org.apache.spark.sql.types.StructType schema, List<Row> rows)
            throws IOException
    {
        StructField[] fields = schema.fields();
        try (java.io.Writer out = new java.io.BufferedWriter(new java.io.OutputStreamWriter(
                new java.util.zip.GZIPOutputStream(fileSystem.create(file, true), 1 << 16), StandardCharsets.UTF_8), 1 << 16)) {
            for (int i = 0; i < fields.length; i++) {
                out.write(i == 0 ? "" : ",");
                out.write(csvField(fields[i].name()));
            }
            out.write('\n');
            for (Row row : rows) {
                for (int i = 0; i < fields.length; i++) {
                    out.write(i == 0 ? "" : ",");
                    out.write(csvText(row.get(i)));
                }
                out.write('\n');
            }
        }
    }

    static String csvText(Object value)
    {
        if (value == null) {
            return "";
        }
        if (value instanceof Double number) {
            return DecimalText.plain(number);
        }
        if (value instanceof java.time.Instant instant) {
            return CSV_TIMESTAMP.format(instant);
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return CSV_TIMESTAMP.format(timestamp.toInstant());
        }
        if (value instanceof String text) {
            return text.isEmpty() ? "\"\"" : csvField(text);
        }
        return csvField(value.toString());
    }

    private static String csvField(String text)
    {
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    /** The rows as the CSV writes them: each double column as {@link DecimalText#plain} text, other columns as they are. */
    static Dataset<Row> withDecimalText(Dataset<Row> rows)
    {
        UserDefinedFunction plain = udf((UDF1<Double, String>) DecimalText::plain, DataTypes.StringType);
        Column[] columns = Arrays.stream(rows.schema().fields())
                .map(field -> field.dataType().equals(DataTypes.DoubleType) ? plain.apply(col(field.name())).as(field.name()) : col(field.name()))
                .toArray(Column[]::new);
        return rows.select(columns);
    }

    /** A dataset's manifest as published before: what it says was exported, and the data origins it records. */
    public record Published(ExportResult export, List<String> origins) {}

    /** The market's last publication of the dataset, read back from its manifest; empty when there is none. */
    public Optional<Published> published(TableSpec spec, String market)
    {
        Path folder = marketFolder(root, spec.name(), market);
        Path manifestPath = new Path(folder, "manifest.json");
        try {
            FileSystem fileSystem = folder.getFileSystem(hadoopConfiguration);
            if (!fileSystem.exists(manifestPath)) {
                return Optional.empty();
            }
            JsonNode manifest;
            try (FSDataInputStream input = fileSystem.open(manifestPath)) {
                manifest = new ObjectMapper().readTree(input);
            }
            Path deltaLog = new Path(new Path(folder, manifest.path("delta_table").asText("delta")), "_delta_log");
            // A manifest from before origins were recorded, one whose columns are not the spec's (made by an earlier
            // version), or a Delta extract that is gone, is published again.
            List<String> columns = new ArrayList<>();
            manifest.path("schema").forEach(column -> columns.add(column.path("name").asText()));
            if (!manifest.has("origins") || !columns.equals(spec.columnNames()) || !fileSystem.exists(deltaLog)) {
                return Optional.empty();
            }
            List<PublishedFile> files = new ArrayList<>();
            for (JsonNode file : manifest.path("files")) {
                Path published = new Path(folder, file.path("path").asText());
                if (!fileSystem.exists(published) || fileSystem.getFileStatus(published).getLen() != file.path("bytes").asLong()) {
                    return Optional.empty();
                }
                files.add(new PublishedFile(file.path("path").asText(), file.path("format").asText(), file.path("rows").asLong(), file.path("bytes").asLong(),
                        file.path("sha256").asText()));
            }
            Map<String, Long> sourceSnapshots = new LinkedHashMap<>();
            manifest.path("source_snapshots").properties().forEach(entry -> sourceSnapshots.put(entry.getKey(), entry.getValue().asLong()));
            List<String> origins = new ArrayList<>();
            manifest.path("origins").forEach(origin -> origins.add(origin.asText()));
            String deltaPath = new Path(folder, manifest.path("delta_table").asText("delta")).toString();
            return Optional.of(new Published(new ExportResult(spec.name(), manifest.path("rows").asLong(), files, deltaPath, manifestPath.toString(),
                    sourceSnapshots.getOrDefault(spec.identifier(), -1L), sourceSnapshots), origins));
        }
        catch (IOException e) {
            throw new LakehouseException(ErrorCode.EXTERNAL_SERVICE, "Cannot read the manifest of " + spec.name() + " under " + folder + ": " + FileErrors.reason(e), e);
        }
    }

    /** Where a market's files of a dataset live under the published root. */
    public static Path marketFolder(String root, String dataset, String market)
    {
        return new Path(new Path(root, dataset), "market=" + market);
    }

    private interface SparkWrite
    {
        void write(String temporaryFolder);
    }

    private interface DriverWrite
    {
        void write(Path temporaryFile)
                throws IOException;
    }

    /** A file the driver writes under a temporary name, then renames into place. */
    private PublishedFile writeFile(FileSystem fileSystem, Path folder, String fileName, String format, long rows, DriverWrite write)
            throws IOException
    {
        Path temporary = new Path(folder, "_tmp_" + fileName);
        fileSystem.delete(temporary, true);
        write.write(temporary);
        return moveIntoPlace(fileSystem, folder, fileName, format, rows, temporary);
    }

    private PublishedFile moveIntoPlace(FileSystem fileSystem, Path folder, String fileName, String format, long rows, Path written)
            throws IOException
    {
        Path target = new Path(folder, fileName);
        fileSystem.delete(target, false);
        if (!fileSystem.rename(written, target)) {
            throw new IOException("rename of " + written + " to " + target + " failed");
        }
        return new PublishedFile(fileName, format, rows, fileSystem.getFileStatus(target).getLen(), sha256(fileSystem, target));
    }

    private PublishedFile writeSingleFile(FileSystem fileSystem, Path folder, String fileName, String format, long rows, SparkWrite write)
            throws IOException
    {
        Path temporary = new Path(folder, "_tmp_" + fileName);
        write.write(temporary.toString());
        FileStatus[] parts = fileSystem.globStatus(new Path(temporary, "part-*"));
        if (parts == null || parts.length != 1) {
            throw new LakehouseException(ErrorCode.INTERNAL, "Cannot publish " + fileName + ": Spark wrote " + (parts == null ? 0 : parts.length) + " parts, expected 1");
        }
        PublishedFile published = moveIntoPlace(fileSystem, folder, fileName, format, rows, parts[0].getPath());
        fileSystem.delete(temporary, true);
        return published;
    }

    private String writeManifest(FileSystem fileSystem, Path folder, TableSpec spec, long rows, List<PublishedFile> files, String deltaPath,
            Map<String, Long> sourceSnapshots, List<String> notices, List<String> origins)
            throws IOException
    {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode manifest = mapper.createObjectNode();
        manifest.put("dataset", spec.name());
        manifest.put("market", folder.getName().substring("market=".length()));
        manifest.put("table", spec.identifier());
        manifest.put("description", spec.description());
        ArrayNode noticeArray = manifest.putArray("notices");
        notices.forEach(noticeArray::add);
        ArrayNode originArray = manifest.putArray("origins");
        origins.forEach(originArray::add);
        manifest.put("rows", rows);
        ArrayNode schema = manifest.putArray("schema");
        for (StructField field : spec.schema().fields()) {
            ObjectNode column = schema.addObject();
            column.put("name", field.name());
            column.put("type", field.dataType().simpleString());
            column.put("nullable", field.nullable());
            column.put("doc", field.getComment().getOrElse(() -> ""));
        }
        manifest.putArray("key").addAll(spec.key().stream().map(mapper.getNodeFactory()::textNode).toList());
        ArrayNode fileArray = manifest.putArray("files");
        for (PublishedFile file : files) {
            ObjectNode entry = fileArray.addObject();
            entry.put("path", file.path());
            entry.put("format", file.format());
            entry.put("rows", file.rows());
            entry.put("bytes", file.bytes());
            entry.put("sha256", file.sha256());
        }
        manifest.put("delta_table", "delta");
        ObjectNode snapshots = manifest.putObject("source_snapshots");
        sourceSnapshots.forEach(snapshots::put);
        Path target = new Path(folder, "manifest.json");
        Path temporary = new Path(folder, "_tmp_manifest.json");
        try (FSDataOutputStream output = fileSystem.create(temporary, true)) {
            output.write(mapper.writeValueAsString(manifest).getBytes(StandardCharsets.UTF_8));
            output.write('\n');
        }
        fileSystem.delete(target, false);
        if (!fileSystem.rename(temporary, target)) {
            throw new IOException("rename of " + temporary + " failed");
        }
        return target.toString();
    }

    private static String sha256(FileSystem fileSystem, Path file)
            throws IOException
    {
        MessageDigest digest = Hashing.digest();
        byte[] buffer = new byte[1 << 16];
        try (FSDataInputStream input = fileSystem.open(file)) {
            for (int read = input.read(buffer); read > 0; read = input.read(buffer)) {
                digest.update(buffer, 0, read);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
