package io.energylakehouse.etl.jobs;

import io.energylakehouse.common.FileErrors;
import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.table.CanonicalTables;
import io.energylakehouse.etl.curate.PriceRow;
import io.energylakehouse.etl.raw.FetchOutcome;
import io.energylakehouse.etl.raw.Hashing;
import io.energylakehouse.etl.raw.ParsedPayload;
import io.energylakehouse.etl.raw.PayloadContent;
import io.energylakehouse.etl.raw.PayloadLimits;
import io.energylakehouse.etl.raw.RejectedRecord;
import io.energylakehouse.etl.source.caiso.CaisoPayloadPrices;
import io.energylakehouse.etl.source.caiso.OasisLmpParser;
import io.energylakehouse.etl.source.caiso.OasisLmpRecord;
import io.energylakehouse.etl.source.caiso.OasisReport;

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
import java.util.Set;

/**
 * Turns an OASIS file a user downloaded into canonical rows (the columns of {@code curated.market_prices}
 * without the lakehouse's lineage columns), by the rules curation applies, in plain Java: no Spark, no
 * lakehouse, a second or so for a day of all nodes.
 */
public final class ParseToCsv
{
    public static final List<String> COLUMNS = CanonicalTables.MARKET_PRICES.columnNames().stream()
            .filter(column -> !column.equals("fetch_id") && !column.equals("revision"))
            .toList();

    public record Result(long rows, long locations, List<RejectedRecord> rejectedLines, List<String> rejectedRecords) {}

    private ParseToCsv() {}

    /** Streams the file (never read whole); a file larger than {@code limits} allows, or a zip bomb, fails with one message naming the limit. */
    public static Result convert(OasisReport report, Path file, Path out, PayloadLimits limits)
    {
        PayloadContent content;
        try {
            content = PayloadContent.of(file);
        }
        catch (NoSuchFileException e) {
            throw LakehouseException.userError("Cannot read %s: no such file or folder", file);
        }
        catch (IOException e) {
            throw LakehouseException.userError("Cannot read %s: %s", file, FileErrors.reason(e));
        }
        if (Files.isDirectory(file)) {
            throw LakehouseException.userError("Cannot parse %s: a folder; give one OASIS file", file);
        }
        ParsedPayload parsed = OasisLmpParser.parseFile(report, content, file.getFileName().toString(), limits);
        String sha256;
        try {
            sha256 = Hashing.sha256(content);
        }
        catch (IOException e) {
            throw LakehouseException.userError("Cannot read %s: %s", file, e.getMessage());
        }
        return convert(report, file, sha256, parsed, out);
    }

    private static Result convert(OasisReport report, Path file, String sha256, ParsedPayload parsed, Path out)
    {
        if (parsed.outcome() != FetchOutcome.PARSED) {
            throw LakehouseException.badData("Cannot parse CAISO OASIS file %s: OASIS answered %s instead of data (ERR_CODE %s: %s)",
                    file.getFileName(), parsed.outcome().code(), parsed.operatorErrorCode().orElse("none"), parsed.detail().orElse(""));
        }
        Instant publishedAt = parsed.publishedAtUtc().orElseGet(() -> modified(file));
        String fetchId = "file:" + sha256.substring(0, 16);
        @SuppressWarnings("unchecked")
        List<OasisLmpRecord> records = (List<OasisLmpRecord>) parsed.records();
        CaisoPayloadPrices.Result prices = CaisoPayloadPrices.canonical(records, report, publishedAt, fetchId);
        List<String> rejectedRecords = prices.rejected().stream()
                .map(rejected -> rejected.locationId() + ": " + rejected.intervalStartUtc() + ": " + rejected.reason())
                .toList();
        Set<String> locations = new HashSet<>();
        prices.rows().forEach(row -> locations.add(row.locationId()));
        long written = writeCsv(prices.rows(), out);
        return new Result(written, locations.size(), parsed.rejected(), rejectedRecords);
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
