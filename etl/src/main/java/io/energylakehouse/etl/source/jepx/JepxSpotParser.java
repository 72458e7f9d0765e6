package io.energylakehouse.etl.source.jepx;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.csv.CsvLine;
import io.energylakehouse.common.table.TableSpec;
import io.energylakehouse.etl.http.PacedHttpClient;
import io.energylakehouse.etl.raw.FetchOutcome;
import io.energylakehouse.etl.raw.ParsedPayload;
import io.energylakehouse.etl.raw.Payload;
import io.energylakehouse.etl.raw.PayloadContent;
import io.energylakehouse.etl.raw.PayloadLimits;
import io.energylakehouse.etl.raw.PayloadLines;
import io.energylakehouse.etl.raw.PayloadParser;
import io.energylakehouse.etl.raw.RejectedRecord;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Parses JEPX's day-ahead spot results, {@code spot_{FY}.csv}: Shift_JIS text (decoded strictly as {@code windows-31j},
 * see {@link PayloadLines#strict}), a header row whose first cell is {@code 年月日} (columns mapped by name, {@link JepxHeader}),
 * then one row per JST day and half-hour slot: {@code 年月日} {@code yyyy/MM/dd} (also {@code yyyy/M/d}), {@code 時刻コード}
 * 1..48, volumes in kWh and prices in JPY per kWh.
 *
 * <p>Refused whole, with the reason: HTML instead of CSV (the website blocking or moving the direct download), bytes
 * that are not Shift_JIS (naming the byte offset and line), no header row, a header lacking required columns (naming
 * them). Refused alone, with the line: a date that is not one, a slot code outside 1..48, a number that is not one
 * (or has more than six decimals), a row shorter than the header's required columns, and every row of a (date, slot)
 * that appears more than once. Prices below JEPX's floor and empty prices are kept in the raw table as published and
 * refused at curation per location ({@link JepxPayloadPrices}). A row of empty cells only holds nothing and is skipped.
 *
 * <p>A fiscal-year file holds the whole year to date and is fetched whole on every run: its operating dates, which
 * curation then rebuilds, are those of the request's window when the request key names one
 * ({@link JepxLiveSource.Request#window}), else every day the file holds (a replayed file). A live answer HTTP 404 is
 * "no data" (a fiscal year not started yet); other client errors are operator errors. Nothing escapes as an exception.
 */
public final class JepxSpotParser
        implements PayloadParser
{
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int HTTP_NOT_FOUND = 404;
    private static final int MAX_PREAMBLE_LINES = 10;
    private static final int MAX_SNIFF_BYTES = 8192;
    private static final int MAX_LINES_NAMED = 5;
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu/M/d", Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
    private static final Duration SLOT = Duration.ofMinutes(JepxMarket.INTERVAL_MINUTES);
    public static final String REPORT = "spot";

    private final PayloadLimits limits;

    public JepxSpotParser()
    {
        this(PayloadLimits.DEFAULTS);
    }

    public JepxSpotParser(PayloadLimits limits)
    {
        this.limits = requireNonNull(limits, "limits is null");
    }

    @Override
    public String market()
    {
        return JepxMarket.MARKET;
    }

    @Override
    public List<TableSpec> rawTables()
    {
        return List.of(JepxTables.RAW_SPOT);
    }

    @Override
    public ParsedPayload parse(Payload payload)
    {
        int status = payload.httpStatus();
        if (status == HTTP_NOT_FOUND) {
            return noData(String.format("JEPX has no %s (HTTP 404): a fiscal year not started yet, or the file moved", payload.fileName()));
        }
        if (status >= 400 && status <= 499) {
            return ParsedPayload.operatorAnswer(FetchOutcome.OPERATOR_ERROR, JepxMarket.DATASET, JepxTables.RAW_SPOT, "HTTP " + status,
                    String.format("JEPX answered HTTP %d for %s; body starts: %s", status, payload.fileName(), PacedHttpClient.excerpt(payload.content())));
        }
        return parse(payload.content(), payload.fileName(), limits, JepxLiveSource.Request.window(payload.requestKey()));
    }

    @Override
    public ParsedPayload rejected(Payload payload, String reason)
    {
        return ParsedPayload.rejected(JepxMarket.DATASET, JepxTables.RAW_SPOT, reason);
    }

    /** Parses a file a user has, failing with one clear message if it is not a readable JEPX spot file. */
    public static ParsedPayload parseFile(byte[] bytes, String fileName)
    {
        ParsedPayload parsed = parse(PayloadContent.of(bytes), fileName, PayloadLimits.DEFAULTS, Optional.empty());
        if (parsed.outcome() == FetchOutcome.REJECTED) {
            throw LakehouseException.badData("%s", parsed.detail().orElse("Cannot parse " + fileName));
        }
        return parsed;
    }

    /**
     * Never throws on bad data: a payload that cannot be read is a {@link FetchOutcome#REJECTED} payload with the reason.
     *
     * @param window the days the request asked for; its operating dates are these (empty: every day the file holds)
     */
    public static ParsedPayload parse(PayloadContent content, String fileName, PayloadLimits limits, Optional<DateWindow> window)
    {
        String prefix = String.format("Cannot parse JEPX file %s as %s: ", fileName, REPORT);
        String tooLarge = limits.tooLarge(content.size());
        if (tooLarge != null) {
            return reject(prefix + tooLarge);
        }
        Rows rows;
        try (InputStream input = new BufferedInputStream(content.open(), MAX_SNIFF_BYTES * 2)) {
            // a UTF-8 byte order mark means nothing to Shift_JIS text (an editor's addition): skipped, offsets still count it
            int skipped = skipByteOrderMark(input);
            int first = firstByte(input);
            if (first < 0) {
                return noData(fileName + " is empty");
            }
            if (first == '<') {
                return reject(prefix + "JEPX answered HTML instead of the CSV (the site may be blocking direct downloads, or the file moved); it starts: "
                        + PacedHttpClient.excerpt(content));
            }
            PayloadLines lines = PayloadLines.strict(input, PayloadLines.Breaks.ANY, JepxMarket.CHARSET, skipped);
            List<String> preamble = new ArrayList<>();
            JepxHeader header = null;
            for (String line = lines.next(); line != null; line = lines.next()) {
                if (line.isBlank()) {
                    continue;
                }
                List<String> fields = CsvLine.split(line);
                if (JepxHeader.isHeader(fields)) {
                    JepxHeader.Mapped mapped = JepxHeader.map(fields);
                    if (mapped.problem().isPresent()) {
                        return reject(prefix + mapped.problem().get() + " in the header on line " + lines.lineNumber() + ": " + line.strip());
                    }
                    header = mapped.header().orElseThrow();
                    break;
                }
                preamble.add(line.strip());
                if (preamble.size() >= MAX_PREAMBLE_LINES) {
                    break;
                }
            }
            if (header == null) {
                return reject(prefix + "no header row whose first cell is " + JepxHeader.DATE + " in its first lines " + shorten(preamble)
                        + utf8Hint(content));
            }
            rows = new Rows(header);
            for (String line = lines.next(); line != null; line = lines.next()) {
                if (!line.replace(",", "").isBlank()) {
                    rows.row(lines.lineNumber(), line);
                }
            }
        }
        catch (PayloadLines.MalformedTextException e) {
            return reject(prefix + e.getMessage().replace("is not windows-31j text", "is not Shift_JIS (windows-31j) text")
                    + ": JEPX files are Shift_JIS; the file is refused whole rather than decoded with replacement characters");
        }
        catch (IOException e) {
            return reject(prefix + e.getMessage());
        }
        catch (RuntimeException e) {
            // a parser never throws on bad data; anything unforeseen is the payload's fault, told with the file's name
            return reject(prefix + e);
        }
        List<JepxSpotRecord> records = rows.withoutRepeatedSlots();
        if (records.isEmpty() && rows.rejected.isEmpty()) {
            return noData(fileName + " has a header and no rows");
        }
        Set<LocalDate> held = records.stream().map(JepxSpotRecord::operatingDate).collect(Collectors.toCollection(TreeSet::new));
        Set<LocalDate> operatingDates = window.map(days -> (Set<LocalDate>) held.stream().filter(days::contains)
                .collect(Collectors.toCollection(TreeSet::new))).orElse(held);
        List<String> details = new ArrayList<>(rows.header.layoutNotes());
        if (!rows.rejected.isEmpty()) {
            details.add(rows.rejected.size() + " rows rejected");
        }
        if (window.isPresent() && operatingDates.isEmpty() && !held.isEmpty()) {
            details.add("none of the " + held.size() + " days it holds is in the request's window " + window.get());
        }
        return new ParsedPayload(FetchOutcome.PARSED, JepxMarket.DATASET, JepxTables.RAW_SPOT, records, rows.rejected, Optional.empty(),
                details.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", details)), contentKey(held), Optional.empty(), operatingDates);
    }

    /** The request key of a replayed file: its fiscal year's file, so every later copy of the growing file is a revision of it. */
    private static Optional<String> contentKey(Set<LocalDate> held)
    {
        if (held.isEmpty()) {
            return Optional.empty();
        }
        LocalDate first = ((TreeSet<LocalDate>) held).first();
        LocalDate last = ((TreeSet<LocalDate>) held).last();
        JepxFiscalYear year = JepxFiscalYear.of(first);
        return Optional.of(year.equals(JepxFiscalYear.of(last)) ? REPORT + "|" + year.fileName() : REPORT + "|" + first + ".." + last);
    }

    private static ParsedPayload reject(String reason)
    {
        return ParsedPayload.rejected(JepxMarket.DATASET, JepxTables.RAW_SPOT, reason);
    }

    private static ParsedPayload noData(String detail)
    {
        return new ParsedPayload(FetchOutcome.NO_DATA, JepxMarket.DATASET, JepxTables.RAW_SPOT, List.of(), List.of(), Optional.empty(), Optional.of(detail),
                Optional.empty(), Optional.empty(), Set.of());
    }

    /** Skips a leading UTF-8 byte order mark; the bytes skipped (3 or 0). */
    private static int skipByteOrderMark(InputStream input)
            throws IOException
    {
        input.mark(3);
        byte[] head = input.readNBytes(3);
        if (head.length == 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF) {
            return 3;
        }
        input.reset();
        return 0;
    }

    /** The first byte that is not ASCII white space, without consuming any (line numbers and offsets count from the start); -1 when there is none. */
    private static int firstByte(InputStream input)
            throws IOException
    {
        input.mark(MAX_SNIFF_BYTES);
        try {
            for (int i = 0; i < MAX_SNIFF_BYTES; i++) {
                int b = input.read();
                if (b < 0) {
                    return -1;
                }
                if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                    return b;
                }
            }
            return ' ';
        }
        finally {
            input.reset();
        }
    }

    private static List<String> shorten(List<String> lines)
    {
        return lines.stream().limit(3).map(line -> line.length() > 80 ? line.substring(0, 80) + "..." : line).toList();
    }

    /** A hint when the file's first kilobytes are UTF-8 holding the header: someone saved it as UTF-8. */
    private static String utf8Hint(PayloadContent content)
    {
        try (InputStream input = content.open()) {
            byte[] head = input.readNBytes(4096);
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.IGNORE).decode(java.nio.ByteBuffer.wrap(head)).toString();
            return text.contains(JepxHeader.DATE) ? " (the file is UTF-8 text; JEPX publishes Shift_JIS: give the file as downloaded)" : "";
        }
        catch (IOException e) {
            return "";
        }
    }

    /** The days a request asked for, both included. */
    public record DateWindow(LocalDate first, LocalDate last)
    {
        public DateWindow
        {
            requireNonNull(first, "first is null");
            requireNonNull(last, "last is null");
            if (last.isBefore(first)) {
                throw new IllegalArgumentException("Cannot use the days " + first + ".." + last + ": the end is before the start");
            }
        }

        public boolean contains(LocalDate day)
        {
            return !day.isBefore(first) && !day.isAfter(last);
        }

        @Override
        public String toString()
        {
            return first + ".." + last;
        }
    }

    /** The rows of one file: records and rejected rows. */
    private static final class Rows
    {
        private final JepxHeader header;
        private final List<JepxSpotRecord> records = new ArrayList<>();
        private final List<String> lineTexts = new ArrayList<>();
        private final List<RejectedRecord> rejected = new ArrayList<>();

        Rows(JepxHeader header)
        {
            this.header = header;
        }

        void row(int lineNumber, String line)
        {
            try {
                List<String> fields = CsvLine.split(line);
                if (fields.size() < header.requiredWidth()) {
                    throw new LineException(String.format("expected at least %d fields as in the header, found %d", header.requiredWidth(), fields.size()));
                }
                String dateText = fields.get(header.dateColumn()).strip();
                LocalDate date;
                try {
                    date = LocalDate.parse(dateText, DATE);
                }
                catch (DateTimeParseException e) {
                    throw new LineException(JepxHeader.DATE + " '" + dateText + "' is not a date yyyy/MM/dd");
                }
                String slotText = fields.get(header.slotColumn()).strip();
                int slot;
                try {
                    slot = Integer.parseInt(slotText);
                }
                catch (NumberFormatException e) {
                    throw new LineException(JepxHeader.SLOT + " '" + slotText + "' is not a slot code 1.." + JepxMarket.SLOTS_PER_DAY);
                }
                if (slot < 1 || slot > JepxMarket.SLOTS_PER_DAY) {
                    throw new LineException(JepxHeader.SLOT + " " + slot + " is outside 1.." + JepxMarket.SLOTS_PER_DAY + " (a JST day has 48 half hours)");
                }
                Map<JepxPriceColumn, BigDecimal> prices = new EnumMap<>(JepxPriceColumn.class);
                for (Map.Entry<JepxPriceColumn, Integer> column : header.priceColumns().entrySet()) {
                    prices.put(column.getKey(), decimal(column.getKey().header(), fields.get(column.getValue()), JepxTables.PRICE_TYPE));
                }
                Map<String, BigDecimal> volumes = new LinkedHashMap<>();
                for (JepxHeader.Volume volume : JepxHeader.Volume.values()) {
                    Integer index = header.volumeColumns().get(volume.rawColumn);
                    volumes.put(volume.rawColumn, index == null || index >= fields.size() ? null : decimal(volume.header, fields.get(index), JepxTables.VOLUME_TYPE));
                }
                Instant start = JepxMarket.slotStartUtc(date, slot);
                records.add(new JepxSpotRecord(lineNumber, date, slot, start, start.plus(SLOT), volumes.get(JepxHeader.Volume.SELL_BID.rawColumn),
                        volumes.get(JepxHeader.Volume.BUY_BID.rawColumn), volumes.get(JepxHeader.Volume.CONTRACT.rawColumn), prices, otherColumns(fields)));
                lineTexts.add(line);
            }
            catch (LineException e) {
                rejected.add(RejectedRecord.line(lineNumber, line, e.getMessage()));
            }
        }

        /** The other non-empty cells as a JSON object: by header text, or {@code (column N)} for a cell under no header. */
        private String otherColumns(List<String> fields)
        {
            ObjectNode others = MAPPER.createObjectNode();
            java.util.Set<Integer> mapped = new java.util.HashSet<>(header.priceColumns().values());
            mapped.addAll(header.volumeColumns().values());
            mapped.add(header.dateColumn());
            mapped.add(header.slotColumn());
            for (int i = 0; i < fields.size(); i++) {
                String value = fields.get(i).strip();
                if (mapped.contains(i) || value.isEmpty()) {
                    continue;
                }
                String name = header.otherColumns().get(i);
                others.put(name == null ? "(column " + (i + 1) + ")" : name, value);
            }
            return others.isEmpty() ? null : others.toString();
        }

        /** The records, without every row of a (date, slot) that appears more than once: those are rejected, naming the other lines. */
        List<JepxSpotRecord> withoutRepeatedSlots()
        {
            Map<Instant, List<Integer>> linesBySlot = new LinkedHashMap<>();
            for (int i = 0; i < records.size(); i++) {
                linesBySlot.computeIfAbsent(records.get(i).intervalStartUtc(), start -> new ArrayList<>(1)).add(i);
            }
            if (linesBySlot.size() == records.size()) {
                return records;
            }
            List<JepxSpotRecord> kept = new ArrayList<>(records.size());
            // One reason per repeated slot, shared by its copies: naming the lines per copy would be quadratic in the repeats.
            Map<Instant, String> reasons = new java.util.HashMap<>();
            for (int i = 0; i < records.size(); i++) {
                JepxSpotRecord record = records.get(i);
                List<Integer> same = linesBySlot.get(record.intervalStartUtc());
                if (same.size() == 1) {
                    kept.add(record);
                    continue;
                }
                String reason = reasons.computeIfAbsent(record.intervalStartUtc(), start -> {
                    String named = same.stream().limit(MAX_LINES_NAMED).map(index -> String.valueOf(records.get(index).lineNumber()))
                            .collect(Collectors.joining(", ")) + (same.size() > MAX_LINES_NAMED ? " and " + (same.size() - MAX_LINES_NAMED) + " more" : "");
                    return String.format("%s %s slot %d appears on %d lines (%s): a repeated half hour is refused, every copy of it", JepxHeader.DATE,
                            record.operatingDate(), record.slotCode(), same.size(), named);
                });
                rejected.add(new RejectedRecord(Optional.of(record.lineNumber()), Optional.of(lineTexts.get(i)), reason, Optional.empty(),
                        Optional.of(record.intervalStartUtc()), Optional.of(record.operatingDate())));
            }
            rejected.sort(java.util.Comparator.comparing(rejectedRecord -> rejectedRecord.lineNumber().orElse(0)));
            return kept;
        }

        /** A decimal cell: null when empty; digits with an optional sign, point and thousands separators; within the raw column's type. */
        private static BigDecimal decimal(String column, String text, org.apache.spark.sql.types.DecimalType type)
        {
            String value = text.strip().replace(",", "");
            if (value.isEmpty()) {
                return null;
            }
            if (!value.matches("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)")) {
                throw new LineException(column + " '" + text.strip() + "' is not a number");
            }
            BigDecimal number = new BigDecimal(value);
            if (number.scale() > type.scale()) {
                BigDecimal stripped = number.stripTrailingZeros();
                if (stripped.scale() > type.scale()) {
                    throw new LineException(String.format("%s '%s' has more than %d decimals", column, text.strip(), type.scale()));
                }
            }
            // the raw column's scale exactly (Iceberg writes a decimal only at its column's scale); no digit is lost
            number = number.setScale(type.scale());
            if (number.precision() > type.precision()) {
                throw new LineException(String.format("%s '%s' is too large: more than %d digits before the point", column, text.strip(),
                        type.precision() - type.scale()));
            }
            return number;
        }
    }

    private static final class LineException
            extends RuntimeException
    {
        LineException(String message)
        {
            super(message, null, false, false);
        }
    }
}
