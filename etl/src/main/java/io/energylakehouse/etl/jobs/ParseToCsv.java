package io.energylakehouse.etl.jobs;

import io.energylakehouse.common.FileErrors;
import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.table.CanonicalTables;
import io.energylakehouse.etl.connector.MarketConnector;
import io.energylakehouse.etl.connector.MarketReport;
import io.energylakehouse.etl.curate.CanonicalPrices;
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

    /** @param noData the operator's "no data" answer, when the file is one (the CSV then has its header only) */
    public record Result(long rows, long locations, List<RejectedRecord> rejectedLines, List<String> rejectedRecords, Optional<String> noData) {}

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
        switch (parsed.outcome()) {
            case REJECTED -> throw LakehouseException.badData("%s", parsed.detail().orElse("Cannot parse " + name + " file " + file.getFileName()));
            case NO_DATA -> {
                // No data is an answer, not an error: an empty CSV that still has its header.
                writeCsv(List.of(), out);
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
        CanonicalPrices prices = connector.canonical(report, parsed.records(), publishedAt, "file:" + sha256.substring(0, 16));
        List<String> rejectedRecords = prices.rejected().stream()
                .map(rejected -> rejected.locationId() + ": " + rejected.intervalStartUtc() + ": " + rejected.reason())
                .toList();
        Set<String> locations = new HashSet<>();
        prices.rows().forEach(row -> locations.add(row.locationId()));
        long written = writeCsv(prices.rows(), out);
        return new Result(written, locations.size(), parsed.rejected(), rejectedRecords, Optional.empty());
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
