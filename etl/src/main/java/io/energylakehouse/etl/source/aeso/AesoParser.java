package io.energylakehouse.etl.source.aeso;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import io.energylakehouse.etl.raw.RawRecord;
import io.energylakehouse.etl.raw.RejectedRecord;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * Parses AESO's pool price and system marginal price payloads in either of the operator's formats, told apart by
 * their first character:
 * <ul>
 * <li>the API gateway's JSON: an object whose report list sits under the report's name, with spaces
 * ({@code "Pool Price Report"}, {@code "System Marginal Price Report"}), at the top or inside the {@code return}
 * object; values are strings or numbers, and an empty {@code pool_price} (an hour not settled yet) is null, never 0.
 * Times come from {@code begin_datetime_utc} / {@code end_datetime_utc}; the {@code *_mpt} fields are only checked
 * against them.</li>
 * <li>the legacy ETS CSV reports ({@code HistoricalPoolPriceReportServlet}, {@code HistoricalSystemMarginalPriceReportServlet}):
 * title lines, a header starting {@code Date (HE)}, then quoted rows in hour ending 1..24 with the fall-back day's
 * repeated hour written {@code 02*} (see {@link AesoTime}); a price of {@code -} or blank is an hour not settled. The
 * SMP report gives each price's start only ({@code Time}), newest first: an SMP lasts until the next one starts within
 * its hour, and the last SMP's end is left null.</li>
 * </ul>
 *
 * <p>A payload of the other report, without the report's list or header, or with malformed JSON, is rejected whole with
 * the reason; a row that cannot be read is rejected alone. An empty list is "no data". A live answer HTTP 404 is "no
 * data", HTTP 401 or 403 (a missing or wrong key) and other client errors are operator errors. Nothing escapes as an
 * exception.
 */
public final class AesoParser
        implements PayloadParser
{
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonFactory JSON = MAPPER.getFactory();
    private static final int HTTP_NOT_FOUND = 404;
    private static final int MAX_TITLE_LINES = 10;
    private static final Duration HOUR = Duration.ofHours(1);

    private final PayloadLimits limits;

    public AesoParser()
    {
        this(PayloadLimits.DEFAULTS);
    }

    public AesoParser(PayloadLimits limits)
    {
        this.limits = requireNonNull(limits, "limits is null");
    }

    @Override
    public String market()
    {
        return AesoMarket.MARKET;
    }

    @Override
    public List<TableSpec> rawTables()
    {
        return List.of(AesoTables.RAW_POOL_PRICE, AesoTables.RAW_SYSTEM_MARGINAL_PRICE);
    }

    @Override
    public ParsedPayload parse(Payload payload)
    {
        AesoReport report = AesoReport.fromName(payload.report());
        TableSpec rawTable = AesoTables.rawTable(report);
        int status = payload.httpStatus();
        if (status == HTTP_NOT_FOUND) {
            return noData(report, String.format("AESO has no %s for %s (HTTP 404)", report.jsonKey(), payload.requestKey()));
        }
        if (status >= 400 && status <= 499) {
            String hint = status == 401 || status == 403 ? " (is AESO_API_KEY a valid AESO API gateway key?)" : "";
            return ParsedPayload.operatorAnswer(FetchOutcome.OPERATOR_ERROR, report.dataset(), rawTable, "HTTP " + status,
                    String.format("AESO answered HTTP %d for %s%s; body starts: %s", status, payload.fileName(), hint,
                            PacedHttpClient.excerpt(payload.content())));
        }
        return parse(report, payload.content(), payload.fileName(), limits);
    }

    @Override
    public ParsedPayload rejected(Payload payload, String reason)
    {
        AesoReport report = AesoReport.fromName(payload.report());
        return ParsedPayload.rejected(report.dataset(), AesoTables.rawTable(report), reason);
    }

    /** Parses a file a user has, failing with one clear message if it is not a readable {@code report} file. */
    public static ParsedPayload parseFile(AesoReport report, byte[] bytes, String fileName)
    {
        ParsedPayload parsed = parse(report, PayloadContent.of(bytes), fileName, PayloadLimits.DEFAULTS);
        if (parsed.outcome() == FetchOutcome.REJECTED) {
            throw LakehouseException.badData("%s", parsed.detail().orElse("Cannot parse " + fileName));
        }
        return parsed;
    }

    /** Never throws on bad data: a payload that cannot be read is a {@link FetchOutcome#REJECTED} payload with the reason. */
    public static ParsedPayload parse(AesoReport report, PayloadContent content, String fileName, PayloadLimits limits)
    {
        requireNonNull(report, "report is null");
        String prefix = String.format("Cannot parse AESO file %s as %s: ", fileName, report.reportName());
        TableSpec rawTable = AesoTables.rawTable(report);
        String tooLarge = limits.tooLarge(content.size());
        if (tooLarge != null) {
            return ParsedPayload.rejected(report.dataset(), rawTable, prefix + tooLarge);
        }
        Rows rows = new Rows(report);
        try (InputStream input = new BufferedInputStream(content.open())) {
            int first = firstCharacter(input);
            if (first < 0) {
                return noData(report, "the file is empty");
            }
            String problem = first == '{' ? rows.json(input) : rows.csv(input);
            if (problem != null) {
                return ParsedPayload.rejected(report.dataset(), rawTable, prefix + problem);
            }
        }
        catch (IOException e) {
            return ParsedPayload.rejected(report.dataset(), rawTable, prefix + e.getMessage());
        }
        catch (RuntimeException e) {
            // a parser never throws on bad data; anything unforeseen is the payload's fault, told with the file's name
            return ParsedPayload.rejected(report.dataset(), rawTable, prefix + e);
        }
        if (rows.records.isEmpty() && rows.rejected.isEmpty()) {
            return noData(report, "the payload lists no " + report.jsonKey() + " rows");
        }
        List<? extends RawRecord> records = report == AesoReport.SYSTEM_MARGINAL_PRICE ? rows.smpRecords() : rows.records;
        Set<LocalDate> operatingDates = new TreeSet<>();
        TreeSet<Instant> starts = new TreeSet<>();
        for (RawRecord record : records) {
            Instant start = record instanceof AesoPoolPriceRecord price ? price.intervalStartUtc() : ((AesoSmpRecord) record).intervalStartUtc();
            starts.add(start);
            operatingDates.add(AesoMarket.TIME.operatingDate(start));
        }
        Optional<String> contentKey = starts.isEmpty() ? Optional.empty()
                : Optional.of(report.requestName() + "|" + AesoMarket.TIME.operatingDate(starts.first()) + "|" + AesoMarket.TIME.operatingDate(starts.last()));
        // AESO says nothing of when it generated a payload: landing takes when it was received
        return new ParsedPayload(FetchOutcome.PARSED, report.dataset(), rawTable, records, rows.rejected, Optional.empty(),
                rows.rejected.isEmpty() ? Optional.empty() : Optional.of(rows.rejected.size() + " rows rejected"), contentKey, Optional.empty(), operatingDates);
    }

    private static ParsedPayload noData(AesoReport report, String detail)
    {
        return new ParsedPayload(FetchOutcome.NO_DATA, report.dataset(), AesoTables.rawTable(report), List.of(), List.of(), Optional.empty(),
                Optional.of(detail), Optional.empty(), Optional.empty(), Set.of());
    }

    /** The first character that is not white space (or a UTF-8 byte order mark), leaving the stream before it; -1 when there is none. */
    private static int firstCharacter(InputStream input)
            throws IOException
    {
        while (true) {
            input.mark(1);
            int b = input.read();
            if (b < 0) {
                return -1;
            }
            if (!Character.isWhitespace(b) && b != 0xEF && b != 0xBB && b != 0xBF) {
                input.reset();
                return b;
            }
        }
    }

    /** The rows of one payload: records and rejected rows. */
    private static final class Rows
    {
        private final AesoReport report;
        private final List<RawRecord> records = new ArrayList<>();
        private final List<RejectedRecord> rejected = new ArrayList<>();
        /** Per SMP record of a CSV, the end of its wall hour: a derived end never passes it. */
        private final Map<Integer, Instant> hourEnds = new HashMap<>();
        private boolean derivesEnds;

        Rows(AesoReport report)
        {
            this.report = report;
        }

        /** Reads the API's JSON; the problem that rejects the whole payload, or null. */
        String json(InputStream input)
                throws IOException
        {
            try (JsonParser parser = JSON.createParser(input)) {
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    return "the JSON is not an object";
                }
                List<String> keys = new ArrayList<>();
                String found = object(parser, keys, 0);
                if (found != null) {
                    return found;
                }
                if (!seenList) {
                    return String.format("the JSON has no '%s' list (keys: %s%s)", report.jsonKey(), String.join(", ", keys),
                            message == null ? "" : "; message: " + message);
                }
                return null;
            }
            catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                return "the JSON is malformed: " + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr();
            }
        }

        private boolean seenList;
        private String message;

        /** Reads an object's fields, descending into {@code return}; the problem that rejects the payload, or null. */
        private String object(JsonParser parser, List<String> keys, int depth)
                throws IOException
        {
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                keys.add(name);
                if (name.equals(report.jsonKey())) {
                    if (value != JsonToken.START_ARRAY) {
                        return String.format("'%s' is not a list", name);
                    }
                    seenList = true;
                    int index = 0;
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        index++;
                        JsonNode node = parser.readValueAsTree();
                        row(index, node);
                    }
                }
                else if (otherReport(name).isPresent()) {
                    return String.format("it holds a '%s' list, which is AESO's %s report, not %s", name, otherReport(name).get().reportName(),
                            report.reportName());
                }
                else if (name.equals("return") && value == JsonToken.START_OBJECT && depth == 0) {
                    String problem = object(parser, keys, depth + 1);
                    if (problem != null) {
                        return problem;
                    }
                }
                else if (name.equalsIgnoreCase("message") && value == JsonToken.VALUE_STRING) {
                    message = parser.getText();
                }
                else {
                    parser.skipChildren();
                }
            }
            return null;
        }

        private static Optional<AesoReport> otherReport(String key)
        {
            for (AesoReport candidate : AesoReport.values()) {
                if (candidate.jsonKey().equals(key)) {
                    return Optional.of(candidate);
                }
            }
            return Optional.empty();
        }

        private void row(int index, JsonNode node)
        {
            String text = node.toString();
            try {
                if (!node.isObject()) {
                    throw new LineException("the row is not an object");
                }
                Instant start = AesoTime.apiUtc(required(node, "begin_datetime_utc"));
                String startMpt = text(node, "begin_datetime_mpt");
                if (startMpt != null) {
                    AesoTime.mountainMismatch("begin_datetime_mpt", startMpt, start).ifPresent(LineException::raise);
                }
                if (report == AesoReport.POOL_PRICE) {
                    if (start.getEpochSecond() % HOUR.getSeconds() != 0) {
                        throw new LineException("begin_datetime_utc '" + text(node, "begin_datetime_utc") + "' is not the start of an hour");
                    }
                    records.add(new AesoPoolPriceRecord(index, start, start.plus(HOUR), startMpt, number(node, "pool_price"), number(node, "forecast_pool_price"),
                            number(node, "rolling_30day_avg"), null));
                }
                else {
                    String endText = text(node, "end_datetime_utc");
                    Instant end = endText == null ? null : AesoTime.apiUtc(endText);
                    if (end != null && !end.isAfter(start)) {
                        throw new LineException(String.format("end_datetime_utc '%s' is not after begin_datetime_utc '%s'", endText,
                                text(node, "begin_datetime_utc")));
                    }
                    String endMpt = text(node, "end_datetime_mpt");
                    if (endMpt != null && end != null) {
                        AesoTime.mountainMismatch("end_datetime_mpt", endMpt, end).ifPresent(LineException::raise);
                    }
                    Double price = number(node, "system_marginal_price");
                    if (price == null) {
                        throw new LineException("system_marginal_price is empty");
                    }
                    records.add(new AesoSmpRecord(index, start, end, startMpt, endMpt, price, number(node, "volume")));
                }
            }
            catch (LineException | IllegalArgumentException e) {
                rejected.add(RejectedRecord.line(index, text, e.getMessage()));
            }
        }

        private static String required(JsonNode node, String field)
        {
            String value = text(node, field);
            if (value == null) {
                throw new LineException(field + " is missing or empty");
            }
            return value;
        }

        /** A field's text, or null when missing, null or blank. */
        private static String text(JsonNode node, String field)
        {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                return null;
            }
            String text = value.isValueNode() ? value.asText().strip() : value.toString();
            return text.isEmpty() ? null : text;
        }

        /** A number given as a number or a string; null when missing, null or blank (never 0). */
        private static Double number(JsonNode node, String field)
        {
            JsonNode value = node.get(field);
            if (value == null || value.isNull()) {
                return null;
            }
            if (value.isNumber()) {
                return finite(field, value.asText(), value.doubleValue());
            }
            if (value.isTextual()) {
                return number(field, value.asText());
            }
            throw new LineException(field + " " + value + " is not a number");
        }

        private static Double number(String field, String text)
        {
            String value = text.strip();
            if (value.isEmpty() || value.equals("-")) {
                return null;
            }
            try {
                return finite(field, text, Double.parseDouble(value.replace(",", "")));
            }
            catch (NumberFormatException e) {
                throw new LineException(field + " '" + text + "' is not a number");
            }
        }

        private static double finite(String field, String text, double value)
        {
            if (!Double.isFinite(value)) {
                throw new LineException(field + " '" + text + "' is not a number");
            }
            return value;
        }

        // ---- legacy CSV ----

        private int dateColumn = -1;
        private int timeColumn = -1;
        private int priceColumn = -1;
        private int averageColumn = -1;
        private int demandColumn = -1;
        private int volumeColumn = -1;

        /** Reads a legacy ETS CSV report; the problem that rejects the whole payload, or null. */
        String csv(InputStream input)
                throws IOException
        {
            PayloadLines lines = new PayloadLines(input, PayloadLines.Breaks.ANY, PayloadLines.Decoding.REPLACE);
            List<String> titles = new ArrayList<>();
            String header = null;
            for (String line = lines.next(); line != null; line = lines.next()) {
                if (line.isBlank()) {
                    continue;
                }
                List<String> fields = CsvLine.split(line);
                if (fields.get(0).strip().equalsIgnoreCase("Date (HE)")) {
                    header = line;
                    break;
                }
                titles.add(line.strip());
                if (titles.size() > MAX_TITLE_LINES) {
                    break;
                }
            }
            if (header == null) {
                return "no header line starting \"Date (HE)\" in its first lines " + titles.stream().limit(3).toList();
            }
            String problem = header(CsvLine.split(header));
            if (problem != null) {
                return problem + " in header " + header.strip();
            }
            for (String line = lines.next(); line != null; line = lines.next()) {
                if (!line.isBlank()) {
                    csvRow(lines.lineNumber(), line);
                }
            }
            return null;
        }

        private String header(List<String> fields)
        {
            for (int i = 0; i < fields.size(); i++) {
                String name = fields.get(i).strip().toLowerCase(Locale.ROOT);
                if (i == 0) {
                    dateColumn = 0;
                }
                else if (name.equals("time")) {
                    timeColumn = i;
                }
                else if (name.startsWith("price")) {
                    priceColumn = i;
                }
                else if (name.startsWith("30r")) {
                    averageColumn = i;
                }
                else if (name.contains("demand")) {
                    demandColumn = i;
                }
                else if (name.startsWith("volume")) {
                    volumeColumn = i;
                }
            }
            if (report == AesoReport.POOL_PRICE && timeColumn >= 0) {
                return "it has a Time column, as AESO's system marginal price report has, not the pool price report";
            }
            if (report == AesoReport.SYSTEM_MARGINAL_PRICE && timeColumn < 0) {
                return "it has no Time column: not AESO's system marginal price report" + (averageColumn >= 0 ? " (a pool price report?)" : "");
            }
            if (priceColumn < 0) {
                return "column Price ($) missing";
            }
            return null;
        }

        private void csvRow(int number, String line)
        {
            List<String> fields = CsvLine.split(line);
            try {
                int needed = Math.max(Math.max(dateColumn, timeColumn), Math.max(priceColumn, Math.max(averageColumn, Math.max(demandColumn, volumeColumn)))) + 1;
                if (fields.size() < Math.max(needed, priceColumn + 1)) {
                    throw new LineException(String.format("expected at least %d fields as in the header, found %d", needed, fields.size()));
                }
                String dateHour = fields.get(dateColumn).strip();
                if (report == AesoReport.POOL_PRICE) {
                    Instant start = AesoTime.hourEnding(dateHour).start();
                    records.add(new AesoPoolPriceRecord(number, start, start.plus(HOUR), dateHour, number("Price ($)", fields.get(priceColumn)),
                            null, averageColumn < 0 ? null : number("30Ravg ($)", fields.get(averageColumn)),
                            demandColumn < 0 ? null : number("AIL Demand (MW)", fields.get(demandColumn))));
                }
                else {
                    String time = fields.get(timeColumn).strip();
                    Instant start = AesoTime.smpStart(dateHour, time);
                    Double price = number("Price ($)", fields.get(priceColumn));
                    if (price == null) {
                        throw new LineException("Price ($) is empty");
                    }
                    hourEnds.put(number, AesoTime.hourEnding(dateHour).start().plus(HOUR));
                    derivesEnds = true;
                    records.add(new AesoSmpRecord(number, start, null, dateHour + " " + time, null, price,
                            volumeColumn < 0 ? null : number("Volume (MW)", fields.get(volumeColumn))));
                }
            }
            catch (LineException | IllegalArgumentException e) {
                rejected.add(RejectedRecord.line(number, line, e.getMessage()));
            }
        }

        /**
         * The SMP records, in the payload's order; from a CSV with their ends derived: the start of the next later SMP
         * when it starts within the same wall hour or at its end, else null (the file does not say).
         */
        List<AesoSmpRecord> smpRecords()
        {
            List<AesoSmpRecord> smp = records.stream().map(AesoSmpRecord.class::cast).toList();
            if (!derivesEnds) {
                return smp;
            }
            TreeSet<Instant> starts = new TreeSet<>(Comparator.naturalOrder());
            smp.forEach(record -> starts.add(record.intervalStartUtc()));
            List<AesoSmpRecord> ended = new ArrayList<>(smp.size());
            for (AesoSmpRecord record : smp) {
                Instant next = starts.higher(record.intervalStartUtc());
                Instant hourEnd = hourEnds.get(record.lineNumber());
                ended.add(next != null && !next.isAfter(hourEnd) ? record.withEnd(next) : record);
            }
            return ended;
        }
    }

    private static final class LineException
            extends RuntimeException
    {
        LineException(String message)
        {
            super(message, null, false, false);
        }

        static void raise(String message)
        {
            throw new LineException(message);
        }
    }
}
