package io.energylakehouse.etl.jobs;

import io.energylakehouse.common.FileErrors;
import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.table.CanonicalTables;
import io.energylakehouse.etl.connector.MarketConnector;
import io.energylakehouse.etl.connector.MarketReport;
import io.energylakehouse.etl.curate.CanonicalPrices;
import io.energylakehouse.etl.curate.CanonicalRecords;
import io.energylakehouse.etl.curate.PriceRow;
import io.energylakehouse.etl.raw.Hashing;
import io.energylakehouse.etl.raw.ParsedPayload;
import io.energylakehouse.etl.raw.Payload;
import io.energylakehouse.etl.raw.PayloadLimits;
import io.energylakehouse.etl.raw.RejectedRecord;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Turns an operator's file a user downloaded into canonical rows (the columns of {@code curated.market_prices}
 * without the lakehouse's lineage columns), by the rules curation applies, in plain Java: no Spark, no
 * lakehouse, a second or so for a day of all nodes.
 */
public final class ParseToCsv
{
    public static final List<String> COLUMNS = CanonicalTables.MARKET_PRICES.columnNames().stream()
            .filter(column -> !column.equals("fetch_id") && !column.equals("revision"))
            .toList();

    /**
     * @param locations distinct locations (prices), or distinct values of the table's first key column (e.g. currencies of fx_rates)
     * @param noData the operator's "no data" answer, when the file is one (the CSV then has its header only)
     * @param locationLabel what {@code locations} counts: {@code locations}, or e.g. {@code currency values}
     */
    public record Result(long rows, long locations, List<RejectedRecord> rejectedLines, List<String> rejectedRecords, Optional<String> noData, String locationLabel)
    {
        public Result(long rows, long locations, List<RejectedRecord> rejectedLines, List<String> rejectedRecords, Optional<String> noData)
        {
            this(rows, locations, rejectedLines, rejectedRecords, noData, "locations");
        }
    }

    /**
     * The CSV columns of a report's canonical rows: those of its table without {@code fetch_id} and {@code revision}
     * ({@link #COLUMNS} for {@code curated.market_prices}).
     */
    public static List<String> columns(MarketReport report)
    {
        return report.outputs().get(0).canonicalTable().columnNames().stream()
                .filter(column -> !column.equals("fetch_id") && !column.equals("revision"))
                .toList();
    }

    private ParseToCsv() {}

    /**
     * Streams the file (never read whole) through the connector's parser and curation step. A file larger than
     * {@code limits} allows, a zip bomb, or a file of another report fails with one message naming the file.
     */
    public static Result convert(MarketConnector connector, MarketReport report, Path file, Path out, PayloadLimits limits)
    {
        if (Files.isDirectory(file)) {
            throw LakehouseException.userError("Cannot parse %s: a folder; give one %s %s file", file, connector.market().code(), report.requestName());
        }
        Payload payload;
        try {
            payload = Payload.ofFile(report.source(), report.requestName(), Payload.Origin.REPLAY, "file", file);
        }
        catch (NoSuchFileException e) {
            throw LakehouseException.userError("Cannot read %s: no such file or folder", file);
        }
        catch (IOException e) {
            throw LakehouseException.userError("Cannot read %s: %s", file, FileErrors.reason(e));
        }
        ParsedPayload parsed = connector.parser(report, limits).parse(payload);
        String name = connector.market().code() + " " + report.requestName();
        boolean prices = report.outputs().get(0).canonicalTable().equals(CanonicalTables.MARKET_PRICES);
        switch (parsed.outcome()) {
            case REJECTED -> throw LakehouseException.badData("%s", parsed.detail().orElse("Cannot parse " + name + " file " + file.getFileName()));
            case NO_DATA -> {
                // No data is an answer, not an error: an empty CSV that still has its header.
                if (prices) {
                    writeCsv(List.of(), out);
                }
                else {
                    writeRecordsCsv(report, List.of(), out);
                }
                return new Result(0, 0, parsed.rejected(), List.of(), Optional.of(parsed.detail().orElse("no data")));
            }
            case PARSED -> { }
            default -> throw LakehouseException.badData("Cannot parse %s file %s: the operator answered %s instead of data (code %s: %s)",
                    name, file.getFileName(), parsed.outcome().code(), parsed.operatorErrorCode().orElse("none"), parsed.detail().orElse(""));
        }
        String sha256;
        try {
            sha256 = Hashing.sha256(payload.content());
        }
        catch (IOException e) {
            throw LakehouseException.userError("Cannot read %s: %s", file, FileErrors.reason(e));
        }
        Instant publishedAt = parsed.publishedAtUtc().orElseGet(() -> modified(file));
        if (!prices) {
            return convertRecords(connector, report, parsed, publishedAt, "file:" + sha256.substring(0, 16), out);
        }
        CanonicalPrices canonical = connector.canonical(report, parsed.records(), publishedAt, "file:" + sha256.substring(0, 16));
        List<String> rejectedRecords = canonical.rejected().stream()
                .map(rejected -> rejected.locationId() + ": " + rejected.intervalStartUtc() + ": " + rejected.reason())
                .toList();
        Set<String> locations = new HashSet<>();
        canonical.rows().forEach(row -> locations.add(row.locationId()));
        long written = writeCsv(canonical.rows(), out);
        return new Result(written, locations.size(), parsed.rejected(), rejectedRecords, Optional.empty());
    }

    /**
     * A report feeding another canonical table: the connector's {@link MarketConnector#canonicalRecords} step on the
     * payload, the rows in the table's column order (revision 1 of a single payload is its only one, so the column is left out).
     */
    private static Result convertRecords(MarketConnector connector, MarketReport report, ParsedPayload parsed, Instant publishedAt, String fetchId, Path out)
    {
        CanonicalRecords canonical = connector.canonicalRecords(report, parsed.records(), publishedAt, fetchId);
        List<String> rejectedRecords = canonical.rejected().stream()
                .map(rejected -> rejected.locationId() + ": " + rejected.reason())
                .toList();
        List<String> tableColumns = canonical.table().columnNames();
        String counted = canonical.table().key().get(0);
        int countedIndex = tableColumns.indexOf(counted);
        Set<Object> distinct = new HashSet<>();
        canonical.rows().forEach(row -> distinct.add(row.get(countedIndex)));
        long written = writeRecordsCsv(report, canonical.rows(), out);
        return new Result(written, distinct.size(), parsed.rejected(), rejectedRecords, Optional.empty(), counted + " values");
    }

    private static long writeRecordsCsv(MarketReport report, List<org.apache.spark.sql.Row> rows, Path out)
    {
        List<String> columns = columns(report);
        List<String> tableColumns = report.outputs().get(0).canonicalTable().columnNames();
        int[] positions = columns.stream().mapToInt(tableColumns::indexOf).toArray();
        try {
            if (out.toAbsolutePath().getParent() != null) {
                Files.createDirectories(out.toAbsolutePath().getParent());
            }
            try (BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
                writer.write(String.join(",", columns));
                writer.write('\n');
                StringBuilder line = new StringBuilder(128);
                for (org.apache.spark.sql.Row row : rows) {
                    line.setLength(0);
                    for (int i = 0; i < positions.length; i++) {
                        if (i > 0) {
                            line.append(',');
                        }
                        Object value = row.get(positions[i]);
                        line.append(value instanceof java.math.BigDecimal decimal ? decimal.toPlainString() : format(value));
                    }
                    line.append('\n');
                    writer.append(line);
                }
            }
        }
        catch (IOException e) {
            throw LakehouseException.userError("Cannot write %s: %s", out, FileErrors.reason(e));
        }
        return rows.size();
    }

    private static long writeCsv(List<PriceRow> rows, Path out)
    {
        try {
            if (out.toAbsolutePath().getParent() != null) {
                Files.createDirectories(out.toAbsolutePath().getParent());
            }
            try (BufferedWriter writer = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
                writer.write(String.join(",", COLUMNS));
                writer.write('\n');
                StringBuilder line = new StringBuilder(256);
                String[] columns = COLUMNS.toArray(String[]::new);
                // A day's rows share a few dozen instants and dates: each is formatted once.
                Map<Object, String> times = new HashMap<>();
                for (PriceRow row : rows) {
                    line.setLength(0);
                    for (int i = 0; i < columns.length; i++) {
                        if (i > 0) {
                            line.append(',');
                        }
                        Object value = row.value(columns[i]);
                        line.append(value instanceof Instant || value instanceof LocalDate ? times.computeIfAbsent(value, ParseToCsv::format) : format(value));
                    }
                    line.append('\n');
                    writer.append(line);
                }
            }
        }
        catch (IOException e) {
            throw LakehouseException.userError("Cannot write %s: %s", out, FileErrors.reason(e));
        }
        return rows.size();
    }

    private static String format(Object value)
    {
        if (value == null) {
            return "";
        }
        if (value instanceof List<?> list) {
            return String.join("|", list.stream().map(Object::toString).toList());
        }
        if (value instanceof scala.collection.Seq<?> sequence) {
            return format(scala.jdk.javaapi.CollectionConverters.asJava(sequence));
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
            throw LakehouseException.userError("Cannot read %s: %s", file, FileErrors.reason(e));
        }
    }
}
