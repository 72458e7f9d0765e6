package io.energylakehouse.etl.jobs;

import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.table.CanonicalTables;
import io.energylakehouse.etl.curate.MarketPrices;
import io.energylakehouse.etl.raw.FetchOutcome;
import io.energylakehouse.etl.raw.Hashing;
import io.energylakehouse.etl.raw.ParsedPayload;
import io.energylakehouse.etl.raw.RawRecord;
import io.energylakehouse.etl.raw.RejectedRecord;
import io.energylakehouse.etl.source.caiso.CaisoPrices;
import io.energylakehouse.etl.source.caiso.CaisoTables;
import io.energylakehouse.etl.source.caiso.OasisLmpParser;
import io.energylakehouse.etl.source.caiso.OasisReport;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Collectors;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

/**
 * Turns an OASIS file a user downloaded into canonical rows (the columns of {@code curated.market_prices}
 * without the lakehouse's lineage columns), through the same parser and transforms the pipeline uses.
 */
public final class ParseToCsv
{
    public static final List<String> COLUMNS = CanonicalTables.MARKET_PRICES.columnNames().stream()
            .filter(column -> !column.equals("fetch_id") && !column.equals("revision"))
            .toList();

    public record Result(long rows, long locations, List<RejectedRecord> rejectedLines, List<String> rejectedRecords) {}

    private ParseToCsv() {}

    public static Result convert(SparkSession spark, OasisReport report, Path file, Path out)
    {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        }
        catch (IOException e) {
            throw LakehouseException.userError("Cannot read %s: %s", file, e.getMessage());
        }
        return convert(spark, report, file, bytes, OasisLmpParser.parseFile(report, bytes, file.getFileName().toString()), out);
    }

    /** For a caller that parsed the file already (to fail fast before starting Spark). */
    public static Result convert(SparkSession spark, OasisReport report, Path file, byte[] bytes, ParsedPayload parsed, Path out)
    {
        if (parsed.outcome() != FetchOutcome.PARSED) {
            throw LakehouseException.badData("Cannot parse CAISO OASIS file %s: OASIS answered %s instead of data (ERR_CODE %s: %s)",
                    file.getFileName(), parsed.outcome().code(), parsed.operatorErrorCode().orElse("none"), parsed.detail().orElse(""));
        }
        Instant publishedAt = parsed.publishedAtUtc().orElseGet(() -> modified(file));
        String fetchId = "file:" + Hashing.sha256(bytes).substring(0, 16);
        List<Row> rows = new ArrayList<>(parsed.records().size());
        for (RawRecord record : parsed.records()) {
            rows.add(record.toRow(fetchId));
        }
        Dataset<Row> raw = CaisoPrices.withValueColumn(spark.createDataFrame(rows, CaisoTables.rawTable(report).schema()), report)
                .withColumn("published_at_utc", lit(publishedAt));
        Dataset<Row> prices = MarketPrices.withOperatingTime(CaisoPrices.withMarketColumns(CaisoPrices.pivotLmpTypes(raw), report),
                io.energylakehouse.etl.source.caiso.CaisoMarket.TIME).cache();
        try {
            List<String> rejectedRecords = prices.where(col("reason").isNotNull())
                    .select(org.apache.spark.sql.functions.concat_ws(": ", col("location_id"), col("interval_start_utc").cast("string"), col("reason")))
                    .as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
            Dataset<Row> canonical = MarketPrices.withDqFlags(MarketPrices.withRevisions(prices.where(col("reason").isNull())),
                            io.energylakehouse.etl.source.caiso.CaisoCuration.TOTAL_TOLERANCE_PER_MWH)
                    .select(COLUMNS.stream().map(org.apache.spark.sql.functions::col).toArray(org.apache.spark.sql.Column[]::new))
                    .orderBy("location_id", "interval_start_utc");
            long written = writeCsv(canonical, out);
            long locations = canonical.select("location_id").distinct().count();
            return new Result(written, locations, parsed.rejected(), rejectedRecords);
        }
        finally {
            prices.unpersist();
        }
    }

    private static long writeCsv(Dataset<Row> canonical, Path out)
    {
        long written = 0;
        try {
            if (out.toAbsolutePath().getParent() != null) {
                Files.createDirectories(out.toAbsolutePath().getParent());
            }
            try (BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
                writer.write(String.join(",", COLUMNS));
                writer.write('\n');
                Iterator<Row> iterator = canonical.toLocalIterator();
                while (iterator.hasNext()) {
                    Row row = iterator.next();
                    List<String> fields = new ArrayList<>(COLUMNS.size());
                    for (int i = 0; i < COLUMNS.size(); i++) {
                        fields.add(format(row.get(i)));
                    }
                    writer.write(String.join(",", fields));
                    writer.write('\n');
                    written++;
                }
            }
        }
        catch (IOException e) {
            throw LakehouseException.userError("Cannot write %s: %s", out, e.getMessage());
        }
        return written;
    }

    private static String format(Object value)
    {
        if (value == null) {
            return "";
        }
        if (value instanceof scala.collection.Seq<?> sequence) {
            return scala.jdk.javaapi.CollectionConverters.asJava(sequence).stream().map(Object::toString).collect(Collectors.joining("|"));
        }
        if (value instanceof Instant || value instanceof LocalDate) {
            return value.toString();
        }
        String text = value.toString();
        return text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }

    private static Instant modified(Path file)
    {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        }
        catch (IOException e) {
            throw LakehouseException.userError("Cannot read %s: %s", file, e.getMessage());
        }
    }
}
