package io.energylakehouse.etl.source.eia;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Parses what EIA publishes for a report, in either of two layouts told apart by their first byte:
 * <ul>
 * <li><b>API v2 JSON</b>: one answer {@code {"response":{"total":..,"data":[{"period","series","series-description","value",
 * "units","duoarea","process",...}]},"request":{..},"apiVersion":..}}, or the pages of one request one after the other
 * (a sequence of such answers, as {@link EiaLiveSource} stores them). {@code total} may be a number or a string;
 * {@code value} a number, a string or null (null, or an empty string, is a missing value: kept with a null value and
 * status {@code missing}). An answer {@code {"error":..,"code":..}} is the operator's error.</li>
 * <li><b>The normalized history CSV</b> (Henry Hub only): {@code Date,Price} (daily RNGWHHD) or {@code Week Ending,Price}
 * (weekly RNGWHHW), dates like {@code 1997 Jan 6}, as EIA's dnav history pages export them re-written by a scraper
 * that filled missing days with {@code 0.0}. A price of exactly zero is therefore such a fill: it is kept with a null
 * value and status {@code zero_filled_missing}, never as 0 (Henry Hub has never cleared at zero). An empty price is
 * {@code missing}.</li>
 * </ul>
 * Rows repeated in one payload (EIA's paging repeats and skips rows when its order is unstable) are collapsed into one
 * record with {@code repeat_count} when they agree; when they disagree every one of them is rejected with both values
 * and where they are. A row whose series is not the report's, whose period is no date or whose value is no number is
 * rejected alone with its reason. The payload is rejected whole when its pages disagree on {@code response.total} (EIA's
 * data changed while it was paged: the next fetch asks again) or hold fewer rows than the total (pages are missing), and
 * when it is neither layout. Nothing escapes as an exception.
 *
 * <p>A storage payload is dated at the last scheduled release (Thursday 10:30 Eastern) at or before it was received
 * ({@link EiaStorage#lastReleaseAtOrBefore}): what EIA served then is that release's data, whatever weeks were asked for,
 * so revisions of a week follow the releases. A spot payload is dated when it was received.
 */
public final class EiaParser
        implements PayloadParser
{
    private static final Logger log = LoggerFactory.getLogger(EiaParser.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final DateTimeFormatter HISTORY_DATE = new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern("uuuu MMM d")
            .toFormatter(Locale.ENGLISH);
    private static final int BYTE_ORDER_MARK = 0xFEFF;
    private static final java.util.regex.Pattern DECIMAL = java.util.regex.Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");
    /** How many repeated keys a message names before it counts the rest. */
    private static final int NAMED = 5;

    private final EiaReport report;
    private final PayloadLimits limits;

    public EiaParser(EiaReport report, PayloadLimits limits)
    {
        this.report = requireNonNull(report, "report is null");
        this.limits = requireNonNull(limits, "limits is null");
    }

    @Override
    public String market()
    {
        return Eia.MARKET;
    }

    /** Both reports' raw tables: landing hands one parser every payload of the connector, each naming its report. */
    @Override
    public List<TableSpec> rawTables()
    {
        return List.of(EiaReport.HENRY_HUB_SPOT.rawTable(), EiaReport.STORAGE_WEEKLY.rawTable());
    }

    /** The report a payload names ({@code RNGWHHD}, {@code WNGSR}, or a report name); the parser's own where it names none of them. */
    EiaReport report(Payload payload)
    {
        for (EiaReport candidate : EiaReport.values()) {
            if (candidate.requestName().equalsIgnoreCase(payload.report()) || candidate.reportName().equalsIgnoreCase(payload.report())) {
                return candidate;
            }
        }
        return report;
    }

    @Override
    public ParsedPayload parse(Payload payload)
    {
        EiaReport report = report(payload);
        int status = payload.httpStatus();
        if (status < 200 || status > 299) {
            return ParsedPayload.operatorAnswer(FetchOutcome.OPERATOR_ERROR, report.reportName(), report.rawTable(), "HTTP " + status,
                    String.format("EIA answered HTTP %d for %s; body starts: %s", status, payload.fileName(), PacedHttpClient.excerpt(payload.content())));
        }
        ParsedPayload parsed = parse(report, payload.content(), payload.fileName(), limits);
        if (report == EiaReport.STORAGE_WEEKLY && parsed.outcome() == FetchOutcome.PARSED) {
            return new ParsedPayload(parsed.outcome(), parsed.dataset(), parsed.rawTable(), parsed.records(), parsed.rejected(), parsed.operatorErrorCode(),
                    parsed.detail(), parsed.contentKey(), Optional.of(EiaStorage.lastReleaseAtOrBefore(payload.fetchedAtUtc())), parsed.operatingDates());
        }
        return parsed;
    }

    @Override
    public ParsedPayload rejected(Payload payload, String reason)
    {
        EiaReport report = report(payload);
        return ParsedPayload.rejected(report.reportName(), report.rawTable(), reason);
    }

    /** Never throws on bad data: content that cannot be read is a {@link FetchOutcome#REJECTED} payload with the reason. */
    public static ParsedPayload parse(EiaReport report, PayloadContent content, String fileName, PayloadLimits limits)
    {
        String prefix = String.format("Cannot parse EIA %s payload %s: ", report.reportName(), fileName);
        String tooLarge = limits.tooLarge(content.size());
        if (tooLarge != null) {
            return rejected(report, prefix + tooLarge);
        }
        try (InputStream input = new BufferedInputStream(content.open())) {
            int first = firstSignificantByte(input);
            if (first < 0) {
                return rejected(report, prefix + "it is empty");
            }
            if (first == '{') {
                return new JsonPages(report, fileName, prefix).read(input);
            }
            return new HistoryCsv(report, fileName, prefix).read(input);
        }
        catch (IOException | RuntimeException e) {
            return rejected(report, prefix + "it cannot be read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
    }

    /** The first byte that is not white space or a UTF-8 byte order mark, leaving the stream at the start of the text. */
    private static int firstSignificantByte(InputStream input)
            throws IOException
    {
        input.mark(1 << 16);
        byte[] head = input.readNBytes(1 << 16);
        input.reset();
        int start = head.length >= 3 && (head[0] & 0xFF) == 0xEF && (head[1] & 0xFF) == 0xBB && (head[2] & 0xFF) == 0xBF ? 3 : 0;
        for (int i = start; i < head.length; i++) {
            if (!Character.isWhitespace(head[i])) {
                return head[i] & 0xFF;
            }
        }
        return -1;
    }

    static ParsedPayload rejected(EiaReport report, String reason)
    {
        return ParsedPayload.rejected(report.reportName(), report.rawTable(), reason);
    }

    /** Reads the API's pages one JSON answer at a time. */
    private static final class JsonPages
    {
        private final EiaReport report;
        private final String fileName;
        private final String prefix;
        private final Values values;

        JsonPages(EiaReport report, String fileName, String prefix)
        {
            this.report = report;
            this.fileName = fileName;
            this.prefix = prefix;
            this.values = new Values(report);
        }

        ParsedPayload read(InputStream input)
                throws IOException
        {
            Long total = null;
            int pages = 0;
            int rows = 0;
            try (JsonParser json = MAPPER.getFactory().createParser(input)) {
                for (JsonToken token = json.nextToken(); token != null; token = json.nextToken()) {
                    pages++;
                    if (token != JsonToken.START_OBJECT) {
                        return rejected(report, prefix + String.format("page %d is not a JSON object (it starts with %s)", pages, token));
                    }
                    JsonNode page = MAPPER.readTree(json);
                    if (page.has("error") && !page.has("response")) {
                        // {"error":"Invalid facet ...","code":400}, or the key gateway's {"error":{"code":"API_KEY_INVALID","message":"..."}}
                        JsonNode error = page.get("error");
                        JsonNode codeNode = page.path("code").isValueNode() ? page.path("code") : error.path("code");
                        String code = codeNode.isValueNode() ? codeNode.asText() : "";
                        String message = error.isValueNode() ? error.asText()
                                : error.path("message").isValueNode() ? error.path("message").asText() : error.toString();
                        return ParsedPayload.operatorAnswer(FetchOutcome.OPERATOR_ERROR, report.reportName(), report.rawTable(),
                                code.isBlank() ? "error" : code, String.format("EIA answered an error on page %d of %s: %s", pages, fileName, message));
                    }
                    JsonNode response = page.path("response");
                    if (!response.isObject()) {
                        return rejected(report, prefix + String.format("page %d has no \"response\" object (fields %s): not an API v2 answer", pages,
                                fieldNames(page)));
                    }
                    Long pageTotal = total(response.get("total"));
                    if (pageTotal == null) {
                        return rejected(report, prefix + String.format("page %d's response.total %s is not a whole number", pages, response.get("total")));
                    }
                    if (total != null && !total.equals(pageTotal)) {
                        return rejected(report, prefix + String.format("page %d says response.total %d, the pages before it %d: EIA's data changed while "
                                + "the request was paged, so its pages may mix two releases; the next fetch asks again", pages, pageTotal, total));
                    }
                    total = pageTotal;
                    JsonNode data = response.get("data");
                    if (data == null || !data.isArray()) {
                        return rejected(report, prefix + String.format("page %d has no response.data array", pages));
                    }
                    for (JsonNode item : data) {
                        rows++;
                        values.add(row(item, pages, rows));
                    }
                }
            }
            if (pages == 0) {
                return rejected(report, prefix + "it holds no JSON answer");
            }
            if (rows < total) {
                return rejected(report, prefix + String.format("its %d page(s) hold %d rows of response.total %d: pages are missing (a truncated payload)",
                        pages, rows, total));
            }
            if (rows == 0) {
                return new ParsedPayload(FetchOutcome.NO_DATA, report.reportName(), report.rawTable(), List.of(), List.of(), Optional.empty(),
                        Optional.of("EIA has no " + report.reportName() + " data for the request (response.total 0) in " + fileName), Optional.empty(),
                        Optional.empty(), Set.of());
            }
            return values.result(fileName, String.format("%d page(s), %d rows of total %d", pages, rows, total), total);
        }

        private Row row(JsonNode item, int page, int lineNumber)
        {
            if (!item.isObject()) {
                return Row.rejected(RejectedRecord.line(lineNumber, item.toString(), String.format("Cannot read row %d (page %d) of EIA %s: it is not a JSON "
                        + "object", lineNumber, page, fileName)));
            }
            String where = String.format("row %d (page %d) of EIA %s", lineNumber, page, fileName);
            String series = text(item.get("series"));
            String periodText = text(item.get("period"));
            LocalDate period;
            try {
                period = periodText == null ? null : LocalDate.parse(periodText.strip());
            }
            catch (DateTimeParseException e) {
                period = null;
            }
            if (period == null) {
                return Row.rejected(new RejectedRecord(Optional.of(lineNumber), Optional.of(item.toString()), String.format("Cannot read %s: period %s is not "
                        + "a date YYYY-MM-DD", where, item.get("period")), Optional.ofNullable(series), Optional.empty(), Optional.empty()));
            }
            if (series == null || series.isBlank()) {
                return Row.rejected(new RejectedRecord(Optional.of(lineNumber), Optional.of(item.toString()), String.format("Cannot read %s: it has no series",
                        where), Optional.empty(), Optional.empty(), Optional.of(period)));
            }
            JsonNode valueNode = item.get("value");
            String valueText = valueNode == null || valueNode.isNull() ? null : valueNode.isValueNode() ? valueNode.asText() : valueNode.toString();
            Double value = null;
            String status = Eia.VALUE_MISSING;
            if (valueText != null && !valueText.isBlank()) {
                value = number(valueNode.isNumber() ? valueNode.asText() : valueText.strip());
                if (value == null || valueNode.isContainerNode() || valueNode.isBoolean()) {
                    return Row.rejected(new RejectedRecord(Optional.of(lineNumber), Optional.of(item.toString()), String.format("Cannot read %s: value %s of "
                            + "%s on %s is not a number", where, valueNode, series, period), Optional.of(series), Optional.empty(), Optional.of(period)));
                }
                status = Eia.VALUE_PUBLISHED;
            }
            return Row.of(new EiaValueRecord(lineNumber, page, period, series.strip(), text(item.get("series-description")), text(item.get("duoarea")),
                    text(item.get("process")), valueText, value, text(item.get("units")), 1, status), item.toString());
        }

        private static Long total(JsonNode node)
        {
            if (node == null || node.isNull()) {
                return null;
            }
            if (node.isIntegralNumber() && node.canConvertToLong()) {
                return node.asLong() < 0 ? null : node.asLong();
            }
            if (node.isTextual()) {
                try {
                    long value = Long.parseLong(node.asText().strip());
                    return value < 0 ? null : value;
                }
                catch (NumberFormatException e) {
                    return null;
                }
            }
            return null;
        }

        private static List<String> fieldNames(JsonNode node)
        {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            return names.size() > 10 ? names.subList(0, 10) : names;
        }
    }

    /** Reads the normalized history CSV ({@code Date,Price} or {@code Week Ending,Price}). */
    private static final class HistoryCsv
    {
        private final EiaReport report;
        private final String fileName;
        private final String prefix;
        private final Values values;

        HistoryCsv(EiaReport report, String fileName, String prefix)
        {
            this.report = report;
            this.fileName = fileName;
            this.prefix = prefix;
            this.values = new Values(report);
        }

        ParsedPayload read(InputStream input)
                throws IOException
        {
            PayloadLines lines = new PayloadLines(input, PayloadLines.Breaks.ANY, PayloadLines.Decoding.REPLACE);
            String header = null;
            try {
                for (String line = lines.next(); line != null; line = lines.next()) {
                    if (lines.lineNumber() == 1 && !line.isEmpty() && line.charAt(0) == BYTE_ORDER_MARK) {
                        line = line.substring(1);
                    }
                    if (header == null) {
                        if (line.isBlank()) {
                            continue;
                        }
                        header = line;
                        String names = String.join(",", List.of(line.split(",", -1)).stream().map(cell -> unquoted(cell).toLowerCase(Locale.ROOT)).toList());
                        String series = switch (names) {
                            case "date,price" -> EiaSpotPrices.DAILY;
                            case "week ending,price" -> EiaSpotPrices.WEEKLY;
                            default -> null;
                        };
                        if (series == null) {
                            return rejected(report, prefix + String.format("line %d '%s' is not the header of EIA's history export (Date,Price or "
                                    + "Week Ending,Price) and the payload is not API v2 JSON", lines.lineNumber(), abbreviate(line)));
                        }
                        if (report != EiaReport.HENRY_HUB_SPOT) {
                            return rejected(report, prefix + String.format("it is the Henry Hub price history (header '%s'), not a %s payload", line,
                                    report.reportName()));
                        }
                        values.historySeries = series;
                        continue;
                    }
                    if (line.isBlank()) {
                        continue;
                    }
                    values.add(line(line, lines.lineNumber(), values.historySeries));
                }
            }
            catch (PayloadLines.LineTooLongException e) {
                return rejected(report, prefix + String.format("line %d is longer than %d bytes: not EIA's history export", e.lineNumber(),
                        PayloadLines.MAX_LINE_BYTES));
            }
            if (header == null) {
                return rejected(report, prefix + "it holds only blank lines");
            }
            if (values.isEmpty()) {
                return new ParsedPayload(FetchOutcome.NO_DATA, report.reportName(), report.rawTable(), List.of(), List.of(), Optional.empty(),
                        Optional.of("EIA history " + fileName + " has its header '" + header + "' and no lines"), Optional.empty(), Optional.empty(), Set.of());
            }
            return values.result(fileName, String.format("%d lines of history %s", lines.lineNumber(), values.historySeries), -1);
        }

        private Row line(String line, int lineNumber, String series)
        {
            String[] cells = line.split(",", -1);
            String where = String.format("line %d of EIA history %s", lineNumber, fileName);
            if (cells.length != 2) {
                return Row.rejected(RejectedRecord.line(lineNumber, line, String.format("Cannot read %s: %d cells, the history has 2 (date, price)", where,
                        cells.length)));
            }
            LocalDate period = historyDate(unquoted(cells[0]));
            if (period == null) {
                return Row.rejected(RejectedRecord.line(lineNumber, line, String.format("Cannot read %s: date '%s' is neither like 1997 Jan 6 nor "
                        + "YYYY-MM-DD", where, abbreviate(unquoted(cells[0])))));
            }
            String price = unquoted(cells[1]);
            if (price.isEmpty()) {
                return Row.of(new EiaValueRecord(lineNumber, null, period, series, EiaSpotPrices.PRODUCTS.get(series), null, null, null, null,
                        EiaSpotPrices.UNITS, 1, Eia.VALUE_MISSING), line);
            }
            Double value = number(price);
            if (value == null) {
                return Row.rejected(new RejectedRecord(Optional.of(lineNumber), Optional.of(line), String.format("Cannot read %s: price '%s' is not a number",
                        where, abbreviate(price)), Optional.of(series), Optional.empty(), Optional.of(period)));
            }
            if (value == 0) {
                return Row.of(new EiaValueRecord(lineNumber, null, period, series, EiaSpotPrices.PRODUCTS.get(series), null, null, price, null,
                        EiaSpotPrices.UNITS, 1, Eia.VALUE_ZERO_FILLED_MISSING), line);
            }
            return Row.of(new EiaValueRecord(lineNumber, null, period, series, EiaSpotPrices.PRODUCTS.get(series), null, null, price, value,
                    EiaSpotPrices.UNITS, 1, Eia.VALUE_PUBLISHED), line);
        }

        private static LocalDate historyDate(String text)
        {
            try {
                return LocalDate.parse(text.replaceAll("\\s+", " "), HISTORY_DATE);
            }
            catch (DateTimeParseException e) {
                try {
                    return LocalDate.parse(text);
                }
                catch (DateTimeParseException again) {
                    return null;
                }
            }
        }
    }

    /** A row read: a record (with its text, for messages) or a rejection. */
    private record Row(EiaValueRecord record, String text, RejectedRecord rejected)
    {
        static Row of(EiaValueRecord record, String text)
        {
            return new Row(record, text, null);
        }

        static Row rejected(RejectedRecord rejected)
        {
            return new Row(null, null, rejected);
        }
    }

    /** The records of a payload by series and period: repeats that agree collapse, repeats that disagree are all rejected. */
    private static final class Values
    {
        private final EiaReport report;
        private final Map<String, List<Row>> byKey = new LinkedHashMap<>();
        private final List<RejectedRecord> rejected = new ArrayList<>();
        private String historySeries;

        Values(EiaReport report)
        {
            this.report = report;
        }

        void add(Row row)
        {
            if (row.rejected() != null) {
                rejected.add(row.rejected());
                return;
            }
            EiaValueRecord record = row.record();
            if (!report.holds(record.seriesId())) {
                rejected.add(new RejectedRecord(Optional.of(record.lineNumber()), Optional.of(row.text()), String.format("Cannot land EIA %s at %s as %s: "
                        + "series %s is not one of the report's (%s)", record.seriesId(), record.where(), report.reportName(), record.seriesId(),
                        report == EiaReport.HENRY_HUB_SPOT ? String.join(", ", EiaSpotPrices.PRODUCTS.keySet()) : EiaStorage.SERIES_PREFIX + "<duoarea>"
                                + EiaStorage.SERIES_SUFFIX), Optional.of(record.seriesId()), Optional.empty(), Optional.of(record.period())));
                return;
            }
            byKey.computeIfAbsent(record.seriesId() + "|" + record.period(), key -> new ArrayList<>(1)).add(row);
        }

        boolean isEmpty()
        {
            return byKey.isEmpty() && rejected.isEmpty();
        }

        ParsedPayload result(String fileName, String read, long total)
        {
            List<EiaValueRecord> records = new ArrayList<>(byKey.size());
            List<String> repeatedKeys = new ArrayList<>();
            int repeatedRows = 0;
            int conflicts = 0;
            for (Map.Entry<String, List<Row>> entry : byKey.entrySet()) {
                List<Row> rows = entry.getValue();
                EiaValueRecord first = rows.get(0).record();
                if (rows.size() == 1) {
                    records.add(first);
                    continue;
                }
                boolean agree = rows.stream().allMatch(row -> Objects.equals(row.record().value(), first.value())
                        && row.record().valueStatus().equals(first.valueStatus()));
                if (agree) {
                    records.add(first.repeated(rows.size() - 1));
                    repeatedRows += rows.size() - 1;
                    if (repeatedKeys.size() < NAMED) {
                        repeatedKeys.add(first.seriesId() + " " + first.period());
                    }
                    continue;
                }
                conflicts++;
                String seen = rows.stream().map(row -> row.record().valueText() + " at " + row.record().where()).collect(Collectors.joining(", "));
                for (Row row : rows) {
                    EiaValueRecord record = row.record();
                    rejected.add(new RejectedRecord(Optional.of(record.lineNumber()), Optional.of(row.text()), String.format("Cannot land EIA %s %s from %s: "
                                    + "the payload holds it %d times with different values (%s); which one EIA means cannot be told, so none is kept",
                            record.seriesId(), record.period(), fileName, rows.size(), seen), Optional.of(record.seriesId()), Optional.empty(),
                            Optional.of(record.period())));
                }
            }
            records.sort(java.util.Comparator.comparing(EiaValueRecord::lineNumber));
            TreeSet<LocalDate> dates = records.stream().map(EiaValueRecord::period).collect(Collectors.toCollection(TreeSet::new));
            long missing = records.stream().filter(record -> record.value() == null).count();
            Optional<String> detail = Optional.empty();
            if (repeatedRows > 0) {
                String repeats = String.format("%d repeated rows collapsed (%s%s)", repeatedRows, String.join(", ", repeatedKeys),
                        repeatedKeys.size() < repeatedRows ? ", ..." : "");
                if (total >= 0 && records.size() + conflicts < total) {
                    repeats += String.format("; %d distinct rows of response.total %d: EIA's paging repeated rows, so %d rows may be missing",
                            records.size() + conflicts, total, total - records.size() - conflicts);
                    log.warn("EIA {} payload {}: {}", report.reportName(), fileName, repeats);
                }
                detail = Optional.of(repeats);
            }
            log.info("Parsed EIA {} payload {} ({}): {} values {}..{} ({} missing), {} repeated rows collapsed, {} rows rejected", report.reportName(), fileName,
                    read, records.size(), dates.isEmpty() ? "-" : dates.first(), dates.isEmpty() ? "-" : dates.last(), missing, repeatedRows, rejected.size());
            return new ParsedPayload(FetchOutcome.PARSED, report.reportName(), report.rawTable(), records, rejected, Optional.empty(), detail,
                    dates.isEmpty() ? Optional.empty() : Optional.of(contentKey(report, dates.first(), dates.last())), Optional.empty(), dates);
        }
    }

    /** The request key a payload's content shows: {@code RNGWHHD|2024-03-01|2024-03-31}, as {@link EiaLiveSource.Request#requestKey} names it. */
    public static String contentKey(EiaReport report, LocalDate first, LocalDate last)
    {
        return report.requestName() + "|" + first + "|" + last;
    }

    private static String text(JsonNode node)
    {
        return node == null || node.isNull() || node.isContainerNode() ? null : node.asText();
    }

    /** A plain decimal ({@code 1.62}, {@code -0.5}, {@code 2208}, {@code 1.2E3}) as a finite number, or null: no hex, no {@code NaN}, no {@code 1d}. */
    private static Double number(String text)
    {
        if (!DECIMAL.matcher(text).matches()) {
            return null;
        }
        double value = Double.parseDouble(text);
        return Double.isFinite(value) ? value : null;
    }

    /** A cell without surrounding white space and double quotes ({@code "1997 Jan 6"} as a spreadsheet may export it). */
    private static String unquoted(String cell)
    {
        String text = cell.strip();
        return text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"") ? text.substring(1, text.length() - 1).strip() : text;
    }

    private static String abbreviate(String text)
    {
        return text.length() > 80 ? text.substring(0, 80) + "..." : text;
    }
}
