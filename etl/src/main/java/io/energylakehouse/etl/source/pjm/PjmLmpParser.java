package io.energylakehouse.etl.source.pjm;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.table.TableSpec;
import io.energylakehouse.etl.http.PacedHttpClient;
import io.energylakehouse.etl.raw.FetchOutcome;
import io.energylakehouse.etl.raw.ParsedPayload;
import io.energylakehouse.etl.raw.Payload;
import io.energylakehouse.etl.raw.PayloadContent;
import io.energylakehouse.etl.raw.PayloadLimits;
import io.energylakehouse.etl.raw.PayloadParser;
import io.energylakehouse.etl.raw.RejectedRecord;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * Parses a Data Miner 2 JSON page of an LMP feed ({@code {links[], items[], searchSpecification{}, totalRows}}) into raw
 * records, read as a stream one item at a time, within {@link PayloadLimits}. Items may come in any order; instants come
 * from {@code datetime_beginning_utc} only (the EPT column repeats on the fall-back day and is only checked against it).
 * Only {@code datetime_beginning_utc}, {@code pnode_id} and the total LMP are required: a request may ask for fewer
 * fields. An {@code {"errors":[...]}} body is the operator's error, and so is any answer with a client error status (4xx,
 * as {@link DataMinerClient} keeps them); {@code totalRows} 0 or no items is "no data", never an empty success.
 *
 * <p>A live page's request key names the operating days asked for ({@link DataMinerRequest#requestKey}): Data Miner's date
 * filter includes its end, so an item of the next day can come back; items starting outside those days are left out
 * (counted in the detail), so that they never land in another day's partition. A replayed file has no such key and
 * keeps all its items. Malformed or truncated JSON, a page of another feed or a page without a required field is rejected
 * whole, naming what and where; an item that cannot be read is rejected alone and the others are kept.
 */
public final class PjmLmpParser
        implements PayloadParser
{
    /** Duplicate names in one object are an error rather than "last one wins": a page never repeats a field. */
    private static final JsonFactory JSON = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final ObjectMapper TREES = new ObjectMapper(JSON);

    private final PayloadLimits limits;

    /** A parser with the default {@link PayloadLimits}. */
    public PjmLmpParser()
    {
        this(PayloadLimits.DEFAULTS);
    }

    public PjmLmpParser(PayloadLimits limits)
    {
        this.limits = requireNonNull(limits, "limits is null");
    }

    @Override
    public String market()
    {
        return PjmMarket.MARKET;
    }

    @Override
    public List<TableSpec> rawTables()
    {
        return List.of(PjmTables.RAW_DA_HRL_LMPS, PjmTables.RAW_RT_HRL_LMPS, PjmTables.RAW_RT_FIVEMIN_HRL_LMPS, PjmTables.RAW_RT_UNVERIFIED_FIVEMIN_LMPS);
    }

    @Override
    public ParsedPayload parse(Payload payload)
    {
        PjmReport report = PjmReport.fromName(payload.report());
        ParsedPayload parsed = page(report, payload.content(), payload.fileName(), limits, DataMinerRequest.window(report, payload.requestKey())).parsed();
        int status = payload.httpStatus();
        if (status >= 400 && status <= 499 && parsed.outcome() != FetchOutcome.OPERATOR_ERROR) {
            // a client error without Data Miner's error list: an Azure gateway answer, an HTML page
            return ParsedPayload.operatorAnswer(FetchOutcome.OPERATOR_ERROR, report.dataset(), PjmTables.rawTable(report), "HTTP " + status,
                    String.format("Data Miner answered HTTP %d; body starts: %s", status, PacedHttpClient.excerpt(payload.content())));
        }
        return parsed;
    }

    @Override
    public ParsedPayload rejected(Payload payload, String reason)
    {
        PjmReport report = PjmReport.fromName(payload.report());
        return ParsedPayload.rejected(report.dataset(), PjmTables.rawTable(report), reason);
    }

    /** Parses a page a user has, failing with one clear message if it is not a readable page of {@code report}. */
    public static DataMinerPage parseFile(PjmReport report, PayloadContent content, String fileName, PayloadLimits limits)
    {
        DataMinerPage page = page(report, content, fileName, limits);
        if (page.parsed().outcome() == FetchOutcome.REJECTED) {
            throw LakehouseException.badData("%s", page.parsed().detail().orElse("Cannot parse " + fileName));
        }
        return page;
    }

    /** The page's records and what it says about paging; never throws on bad content (the page is rejected instead). */
    public static DataMinerPage page(PjmReport report, PayloadContent content, String fileName, PayloadLimits limits)
    {
        return page(report, content, fileName, limits, Optional.empty());
    }

    /** The same, leaving out the items that start outside {@code window} (the operating days a live request asked for). */
    public static DataMinerPage page(PjmReport report, PayloadContent content, String fileName, PayloadLimits limits, Optional<DataMinerRequest.Window> window)
    {
        requireNonNull(window, "window is null");
        TableSpec rawTable = PjmTables.rawTable(report);
        String tooLarge = limits.tooLarge(content.size());
        if (tooLarge != null) {
            return DataMinerPage.of(ParsedPayload.rejected(report.dataset(), rawTable, prefix(report, fileName) + tooLarge));
        }
        PageReader reader = new PageReader(report, fileName, window);
        try (InputStream input = content.open(); JsonParser json = JSON.createParser(input)) {
            reader.read(json);
        }
        catch (PageException e) {
            return DataMinerPage.of(ParsedPayload.rejected(report.dataset(), rawTable, prefix(report, fileName) + e.getMessage()));
        }
        catch (JsonProcessingException e) {
            // the streaming parser says so with its own type, the tree reader of an item with its message
            boolean truncated = e instanceof JsonEOFException || String.valueOf(e.getOriginalMessage()).startsWith("Unexpected end-of-input");
            return DataMinerPage.of(ParsedPayload.rejected(report.dataset(), rawTable, prefix(report, fileName) + (truncated
                    ? "it ends before the page is complete, at " + where(e.getLocation(), reader) + "; truncated?"
                    : "malformed JSON at " + where(e.getLocation(), reader) + ": " + e.getOriginalMessage())));
        }
        catch (IOException | RuntimeException e) {
            // a read error of the content, or a value Jackson refuses beyond its own exceptions: the page is unreadable, never an escaping exception
            return DataMinerPage.of(ParsedPayload.rejected(report.dataset(), rawTable,
                    prefix(report, fileName) + "cannot read it at " + where(null, reader) + ": " + e));
        }
        return reader.result(rawTable);
    }

    private static String prefix(PjmReport report, String fileName)
    {
        return String.format("Cannot parse PJM Data Miner page %s as %s: ", fileName, report.feed());
    }

    private static String where(JsonLocation location, PageReader reader)
    {
        String position = location == null || location.getLineNr() < 0 ? "" : "line " + location.getLineNr() + ", column " + location.getColumnNr();
        String item = reader.inItems ? "item " + (reader.itemCount + 1) : "";
        if (position.isEmpty()) {
            return item.isEmpty() ? "the start" : item;
        }
        return item.isEmpty() ? position : position + " (" + item + ")";
    }

    /** Reads one page, item by item; {@link #result} tells what it held. */
    private static final class PageReader
    {
        private final PjmReport report;
        private final String fileName;
        private final Optional<DataMinerRequest.Window> window;
        private final List<PjmLmpRecord> records = new ArrayList<>();
        private final List<RejectedRecord> rejected = new ArrayList<>();
        private final Map<String, Integer> missing = new LinkedHashMap<>();
        /** A repeated value is parsed once and kept once: a page repeats the same few hundred starts, names and types on every item. */
        private final Map<String, Instant> instants = new HashMap<>();
        private final Map<String, String> texts = new HashMap<>();
        private boolean inItems;
        private boolean hasItems;
        private int itemCount;
        /** Items left out for starting outside the window, and the earliest such start. */
        private int outside;
        private Instant firstOutside;
        private String otherReportField;
        private int otherReportItem;
        private JsonNode errors;
        private Long totalRows;
        private Integer startRow;
        private Integer rowCount;
        private String selfHref;
        private String nextHref;
        private final List<String> fields = new ArrayList<>();
        private final List<String> filters = new ArrayList<>();

        PageReader(PjmReport report, String fileName, Optional<DataMinerRequest.Window> window)
        {
            this.report = report;
            this.fileName = fileName;
            this.window = window;
            for (String required : report.requiredFields()) {
                missing.put(required, 0);
            }
        }

        void read(JsonParser json)
                throws IOException
        {
            JsonToken first = json.nextToken();
            if (first == null) {
                throw new PageException("it is empty");
            }
            if (first != JsonToken.START_OBJECT) {
                throw new PageException("it is not a Data Miner JSON page: it starts with " + describe(first) + " at line "
                        + json.currentLocation().getLineNr() + ", expected an object");
            }
            for (JsonToken token = json.nextToken(); token != JsonToken.END_OBJECT; token = json.nextToken()) {
                if (token == null) {
                    throw new PageException("it ends before the page's closing brace; truncated?");
                }
                String name = json.currentName().toLowerCase(Locale.ROOT);
                JsonToken value = json.nextToken();
                switch (name) {
                    case "items" -> readItems(json, value);
                    case "errors" -> {
                        JsonNode answer = TREES.readTree(json);
                        errors = answer == null || answer.isNull() ? errors : answer;
                    }
                    case "links" -> readLinks(TREES.readTree(json));
                    case "searchspecification" -> readSearchSpecification(TREES.readTree(json));
                    case "totalrows" -> {
                        if (value != JsonToken.VALUE_NUMBER_INT) {
                            throw new PageException("totalRows is " + describe(value) + " at line " + json.currentLocation().getLineNr() + ", expected a whole number");
                        }
                        totalRows = json.getLongValue();
                    }
                    default -> json.skipChildren();
                }
            }
            JsonToken after = json.nextToken();
            if (after != null) {
                throw new PageException("it goes on after the page's closing brace with " + describe(after) + " at line " + json.currentLocation().getLineNr());
            }
        }

        private void readItems(JsonParser json, JsonToken value)
                throws IOException
        {
            if (value == JsonToken.VALUE_NULL) {
                return;
            }
            if (value != JsonToken.START_ARRAY) {
                throw new PageException("items is " + describe(value) + " at line " + json.currentLocation().getLineNr() + ", expected an array");
            }
            hasItems = true;
            inItems = true;
            for (JsonToken token = json.nextToken(); token != JsonToken.END_ARRAY; token = json.nextToken()) {
                if (token == null) {
                    throw new PageException("it ends in its items, after item " + itemCount + "; truncated?");
                }
                JsonNode item = TREES.readTree(json);
                itemCount++;
                item(item, itemCount);
            }
            inItems = false;
        }

        private void item(JsonNode item, int itemNumber)
        {
            if (!item.isObject()) {
                rejected.add(RejectedRecord.line(itemNumber, item.toString(), "the item is " + nodeType(item) + ", expected an object"));
                return;
            }
            for (Map.Entry<String, Integer> required : missing.entrySet()) {
                JsonNode value = item.get(required.getKey());
                if (value == null) {
                    required.setValue(required.getValue() + 1);
                }
            }
            if (otherReportField == null && item.has(report.otherTotalField())) {
                otherReportField = report.otherTotalField();
                otherReportItem = itemNumber;
            }
            Instant start = null;
            Long pnodeId = null;
            try {
                start = start(item);
                if (window.isPresent() && !window.get().contains(start)) {
                    outside++;
                    firstOutside = firstOutside == null || start.isBefore(firstOutside) ? start : firstOutside;
                    return;
                }
                pnodeId = pnodeId(item);
                String ept = text(item, PjmReport.START_EPT);
                checkEpt(start, ept);
                PjmLmpRecord record = new PjmLmpRecord(report, itemNumber, start, ept, pnodeId,
                        text(item, "pnode_name"), text(item, "type"), text(item, "zone"), text(item, "voltage"), text(item, "equipment"),
                        requiredPrice(item, report.totalField()), price(item, report.energyField()), price(item, report.congestionField()),
                        price(item, report.lossField()), bool(item, "row_is_current"), integer(item, "version_nbr"),
                        text(item, "occ_check"), text(item, "ref_caseid_used_multi_interval"));
                records.add(record);
            }
            catch (ItemException e) {
                rejected.add(new RejectedRecord(Optional.of(itemNumber), Optional.of(item.toString()), e.getMessage(),
                        Optional.ofNullable(pnodeId).map(String::valueOf), Optional.ofNullable(start),
                        Optional.ofNullable(start).map(PjmMarket.TIME::operatingDate)));
            }
        }

        private Instant start(JsonNode item)
        {
            JsonNode value = item.get(PjmReport.START_UTC);
            if (value == null || value.isNull()) {
                throw new ItemException(PjmReport.START_UTC + " is " + (value == null ? "missing" : "null"));
            }
            if (!value.isTextual()) {
                throw new ItemException(PjmReport.START_UTC + " " + value + " is not a date-time text");
            }
            String text = value.textValue();
            Instant start = instants.get(text);
            if (start == null) {
                start = instant(text);
                instants.put(text, start);
            }
            long stepSeconds = 60L * report.intervalMinutes();
            if (start.getEpochSecond() % stepSeconds != 0 || start.getNano() != 0) {
                throw new ItemException(String.format("%s '%s' is not the start of a %d-minute interval", PjmReport.START_UTC, text, report.intervalMinutes()));
            }
            return start;
        }

        /** Data Miner writes {@code 2026-06-10T18:40:00}, sometimes with milliseconds, without an offset; an explicit offset is honoured. */
        private static Instant instant(String text)
        {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            }
            catch (DateTimeParseException e) {
                try {
                    return OffsetDateTime.parse(text).toInstant();
                }
                catch (DateTimeParseException again) {
                    throw new ItemException(PjmReport.START_UTC + " '" + text + "' is not an ISO date-time");
                }
            }
        }

        /** The EPT wall time, where the request asked for it, must be the UTC start on PJM's clock (both 01:xx of the fall-back day are). */
        private static void checkEpt(Instant start, String ept)
        {
            if (ept == null) {
                return;
            }
            LocalDateTime local;
            try {
                local = LocalDateTime.parse(ept);
            }
            catch (DateTimeParseException e) {
                throw new ItemException(PjmReport.START_EPT + " '" + ept + "' is not an ISO date-time");
            }
            LocalDateTime expected = LocalDateTime.ofInstant(start, PjmMarket.TIME.zone());
            if (!local.equals(expected)) {
                throw new ItemException(String.format("%s '%s' is not %s on PJM's clock (%s)", PjmReport.START_EPT, ept, start, expected));
            }
        }

        private static long pnodeId(JsonNode item)
        {
            JsonNode value = item.get(PjmReport.PNODE_ID);
            if (value == null || value.isNull()) {
                throw new ItemException(PjmReport.PNODE_ID + " is " + (value == null ? "missing" : "null"));
            }
            if (value.isIntegralNumber() && value.canConvertToLong() && value.longValue() >= 0) {
                return value.longValue();
            }
            if (value.isTextual() && value.textValue().matches("[0-9]{1,18}")) {
                return Long.parseLong(value.textValue());
            }
            throw new ItemException(PjmReport.PNODE_ID + " " + value + " is not a pnode id (a whole number)");
        }

        private static double requiredPrice(JsonNode item, String field)
        {
            Double price = price(item, field);
            if (price == null) {
                throw new ItemException(field + " is " + (item.has(field) ? "null" : "missing"));
            }
            return price;
        }

        private static Double price(JsonNode item, String field)
        {
            JsonNode value = item.get(field);
            if (value == null || value.isNull()) {
                return null;
            }
            if (value.isNumber()) {
                double price = value.doubleValue();
                if (Double.isFinite(price)) {
                    return price;
                }
            }
            throw new ItemException(field + " " + abbreviate(value.toString()) + " is not a number");
        }

        private static Boolean bool(JsonNode item, String field)
        {
            JsonNode value = item.get(field);
            if (value == null || value.isNull()) {
                return null;
            }
            if (value.isBoolean()) {
                return value.booleanValue();
            }
            if (value.isTextual() && (value.textValue().equalsIgnoreCase("true") || value.textValue().equalsIgnoreCase("false"))) {
                return Boolean.valueOf(value.textValue().toLowerCase(Locale.ROOT));
            }
            throw new ItemException(field + " " + abbreviate(value.toString()) + " is not true or false");
        }

        private static Integer integer(JsonNode item, String field)
        {
            JsonNode value = item.get(field);
            if (value == null || value.isNull()) {
                return null;
            }
            if (value.isIntegralNumber() && value.canConvertToInt()) {
                return value.intValue();
            }
            throw new ItemException(field + " " + abbreviate(value.toString()) + " is not a whole number");
        }

        /** A scalar field as text (numbers and booleans as written), one shared copy per distinct value; objects and arrays are refused. */
        private String text(JsonNode item, String field)
        {
            JsonNode value = item.get(field);
            if (value == null || value.isNull()) {
                return null;
            }
            if (!value.isValueNode()) {
                throw new ItemException(field + " is " + nodeType(value) + ", expected text");
            }
            String text = value.isTextual() ? value.textValue() : value.asText();
            String known = texts.putIfAbsent(text, text);
            return known == null ? text : known;
        }

        private void readLinks(JsonNode links)
        {
            if (!links.isArray()) {
                return;
            }
            for (JsonNode link : links) {
                String rel = link.path("rel").asText("");
                String href = link.path("href").isTextual() ? link.path("href").textValue() : null;
                if (href == null) {
                    continue;
                }
                if (rel.equalsIgnoreCase("self")) {
                    selfHref = href;
                }
                else if (rel.equalsIgnoreCase("next")) {
                    nextHref = href;
                }
            }
        }

        private void readSearchSpecification(JsonNode specification)
        {
            if (!specification.isObject()) {
                return;
            }
            specification.properties().forEach(entry -> {
                String name = entry.getKey().toLowerCase(Locale.ROOT);
                JsonNode value = entry.getValue();
                switch (name) {
                    case "startrow" -> startRow = value.canConvertToInt() && value.isIntegralNumber() ? value.intValue() : null;
                    case "rowcount" -> rowCount = value.canConvertToInt() && value.isIntegralNumber() ? value.intValue() : null;
                    case "fields" -> value.forEach(field -> fields.add(field.asText()));
                    case "filters" -> value.forEach(filter -> filter.properties().forEach(pair -> filters.add(pair.getKey() + "=" + pair.getValue().asText())));
                    default -> {
                        // order, sort, isActiveMetadata: not needed to read the items
                    }
                }
            });
        }

        /** The feed a self link names: {@code https://api.pjm.com/api/v1/{feed}?...}; empty when the link is not such a URL. */
        private Optional<String> selfFeed()
        {
            if (selfHref == null) {
                return Optional.empty();
            }
            try {
                String path = URI.create(selfHref.replace(" ", "%20")).getPath();
                if (path == null || path.isEmpty()) {
                    return Optional.empty();
                }
                String last = path.substring(path.lastIndexOf('/') + 1);
                return last.isEmpty() ? Optional.empty() : Optional.of(last.toLowerCase(Locale.ROOT));
            }
            catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }

        DataMinerPage result(TableSpec rawTable)
        {
            ParsedPayload parsed = parsed(rawTable);
            return new DataMinerPage(parsed, Optional.ofNullable(totalRows), Optional.ofNullable(startRow), Optional.ofNullable(rowCount),
                    Optional.ofNullable(selfHref), Optional.ofNullable(nextHref), fields);
        }

        private ParsedPayload parsed(TableSpec rawTable)
        {
            if (errors != null) {
                return operatorError(rawTable);
            }
            Optional<String> selfFeed = selfFeed();
            if (selfFeed.isPresent() && !selfFeed.get().equals(report.feed())) {
                return rejected(rawTable, "it is a page of feed " + selfFeed.get() + " (its self link " + selfHref + ")");
            }
            if (otherReportField != null) {
                return rejected(rawTable, "it holds items of another feed: item " + otherReportItem + " has " + otherReportField + ", expected " + report.totalField());
            }
            if (!fields.isEmpty()) {
                List<String> notAsked = report.requiredFields().stream().filter(field -> !fields.contains(field)).toList();
                if (!notAsked.isEmpty()) {
                    return rejected(rawTable, String.format("the request asked for fields %s, without the required %s", fields, String.join(", ", notAsked)));
                }
            }
            if (itemCount > 0) {
                List<String> missingEverywhere = missing.entrySet().stream().filter(entry -> entry.getValue() == itemCount).map(Map.Entry::getKey).toList();
                if (!missingEverywhere.isEmpty()) {
                    return rejected(rawTable, String.format("field%s %s missing in all %d items", missingEverywhere.size() == 1 ? "" : "s",
                            String.join(", ", missingEverywhere), itemCount));
                }
            }
            if (!hasItems && totalRows == null) {
                return rejected(rawTable, "it has neither items nor errors; not a Data Miner page");
            }
            if (itemCount == 0) {
                String detail = totalRows == null || totalRows == 0 ? "totalRows is 0: no data for the selection"
                        : String.format("the page holds no items although totalRows is %d (startRow %s): past the last page", totalRows,
                                startRow == null ? "not given" : startRow.toString());
                return new ParsedPayload(FetchOutcome.NO_DATA, report.dataset(), rawTable, List.of(), List.of(), Optional.empty(), Optional.of(detail),
                        contentKey(), Optional.empty(), Set.of());
            }
            if (records.isEmpty() && rejected.isEmpty()) {
                return new ParsedPayload(FetchOutcome.NO_DATA, report.dataset(), rawTable, List.of(), List.of(), Optional.empty(),
                        Optional.of("all " + outsideDetail()), contentKey(), Optional.empty(), Set.of());
            }
            Set<LocalDate> operatingDates = new TreeSet<>();
            for (Instant start : new TreeSet<>(records.stream().map(PjmLmpRecord::intervalStartUtc).toList())) {
                operatingDates.add(PjmMarket.TIME.operatingDate(start));
            }
            List<String> details = new ArrayList<>();
            if (!rejected.isEmpty()) {
                details.add(rejected.size() + " of " + itemCount + " items rejected");
            }
            if (outside > 0) {
                details.add(outsideDetail());
            }
            return new ParsedPayload(FetchOutcome.PARSED, report.dataset(), rawTable, records, rejected, Optional.empty(),
                    details.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", details)), contentKey(), Optional.empty(), operatingDates);
        }

        /** {@code 1 item outside the requested operating days 2024-03-10..2024-03-10 left out (from 2024-03-11T04:00:00Z): ...} */
        private String outsideDetail()
        {
            return String.format("%d item%s outside the requested operating days %s left out (from %s): Data Miner's date filter includes its end",
                    outside, outside == 1 ? "" : "s", window.map(Object::toString).orElse("?"), firstOutside);
        }

        /**
         * The request the page answers, as its own envelope tells it: the self link's query (filters, fields, startRow,
         * rowCount), else the search specification, else the window of its items. Pages of one request differ by
         * startRow, so they are never taken for revisions of each other.
         */
        private Optional<String> contentKey()
        {
            if (selfHref != null && selfHref.contains("?")) {
                return Optional.of(report.feed() + "|" + selfHref.substring(selfHref.indexOf('?') + 1));
            }
            if (startRow != null || !filters.isEmpty()) {
                return Optional.of(String.join("|", report.feed(), String.join("&", filters), String.join(",", fields),
                        "startRow=" + startRow, "rowCount=" + rowCount));
            }
            if (records.isEmpty()) {
                return Optional.empty();
            }
            Instant first = records.stream().map(PjmLmpRecord::intervalStartUtc).min(Instant::compareTo).orElseThrow();
            Instant last = records.stream().map(PjmLmpRecord::intervalEndUtc).max(Instant::compareTo).orElseThrow();
            return Optional.of(String.join("|", report.feed(), first.toString(), last.toString(), itemCount + " items"));
        }

        private ParsedPayload operatorError(TableSpec rawTable)
        {
            List<String> messages = new ArrayList<>();
            String code = null;
            if (errors.isArray()) {
                for (JsonNode error : errors) {
                    String field = error.path("field").isValueNode() ? error.path("field").asText("") : "";
                    if (code == null && !field.isBlank()) {
                        code = field;
                    }
                    String message = error.path("message").isValueNode() ? error.path("message").asText("") : error.toString();
                    List<String> detail = new ArrayList<>();
                    error.path("detail").forEach(part -> detail.add(part.asText()));
                    messages.add((field.isBlank() ? "" : field + ": ") + message + (detail.isEmpty() ? "" : " " + detail));
                }
            }
            else {
                messages.add(abbreviate(errors.toString()));
            }
            String description = messages.isEmpty() ? "the operator answered with an empty error list" : String.join("; ", messages);
            return ParsedPayload.operatorAnswer(FetchOutcome.OPERATOR_ERROR, report.dataset(), rawTable, code == null ? "errors" : code, description);
        }

        private ParsedPayload rejected(TableSpec rawTable, String reason)
        {
            return ParsedPayload.rejected(report.dataset(), rawTable, prefix(report, fileName) + reason);
        }
    }

    private static String describe(JsonToken token)
    {
        return switch (token) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> token.asString() == null ? token.name() : "'" + token.asString() + "'";
        };
    }

    private static String nodeType(JsonNode node)
    {
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }

    private static String abbreviate(String text)
    {
        return text.length() <= 80 ? text : text.substring(0, 77) + "...";
    }

    /** The whole page is unreadable; the message says why, the caller says which page. */
    private static final class PageException
            extends RuntimeException
    {
        PageException(String message)
        {
            super(message, null, false, false);
        }
    }

    /** One item is unreadable; the message says why. */
    private static final class ItemException
            extends RuntimeException
    {
        ItemException(String message)
        {
            super(message, null, false, false);
        }
    }
}
