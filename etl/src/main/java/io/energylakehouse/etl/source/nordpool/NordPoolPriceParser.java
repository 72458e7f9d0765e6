package io.energylakehouse.etl.source.nordpool;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
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
import java.io.PushbackInputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * Parses Nord Pool day-ahead price payloads in either of Nord Pool's two JSON shapes:
 * <ul>
 * <li>the data portal's ({@code dataportal-api.nordpoolgroup.com/api/DayAheadPrices}): one object,
 * {@code {deliveryDateCET, version, updatedAt, deliveryAreas[], market, currency, exchangeRate,
 * multiAreaEntries[{deliveryStart, deliveryEnd, entryPerArea{AREA: price}}], areaStates[{state, areas[]}], ...}};</li>
 * <li>the licensed API's ({@code data-api.nordpoolgroup.com/api/v2/Auction/Prices/ByAreas}), which is also the shape of
 * the shared real fixture: an array of one object per area,
 * {@code [{deliveryDateCET, updatedAt, deliveryArea, market, status, currency, exchangeRate, unit,
 * prices[{deliveryStart, deliveryEnd, price}], blockPrices[]...}]}.</li>
 * </ul>
 * Times are {@code deliveryStart}/{@code deliveryEnd}, UTC instants, used as they are; an interval of any length is kept
 * (curation decides what 15 and 60 minutes feed). Block prices and averages are aggregates and are not read.
 *
 * <p>Never throws on bad data. HTTP 204 or an empty body (a day not published yet), an empty array or no entries is "no
 * data"; another client error is the operator's answer. A body that is not JSON, not one of the two shapes, has no
 * currency, another market than {@code DayAhead}, a {@code unit} that disagrees with its currency, or an area key twice in
 * one object is rejected whole with the reason. A price that is missing, null, blank or not a number, an interval that
 * cannot be read, ends before it starts or lies outside the payload's CET delivery day is rejected alone, with its area
 * and interval. Repeated intervals are kept: curation collapses those that agree and refuses those that disagree.
 */
public final class NordPoolPriceParser
        implements PayloadParser
{
    private static final int HTTP_NO_CONTENT = 204;
    private static final JsonFactory JSON = JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    private static final ObjectMapper TREES = new ObjectMapper(JSON);
    private static final String DAY_AHEAD = "DayAhead";

    private final PayloadLimits limits;

    public NordPoolPriceParser()
    {
        this(PayloadLimits.DEFAULTS);
    }

    public NordPoolPriceParser(PayloadLimits limits)
    {
        this.limits = requireNonNull(limits, "limits is null");
    }

    @Override
    public String market()
    {
        return NordPoolMarket.MARKET;
    }

    @Override
    public List<TableSpec> rawTables()
    {
        return List.of(NordPoolTables.RAW_DAY_AHEAD_PRICES);
    }

    @Override
    public ParsedPayload parse(Payload payload)
    {
        int status = payload.httpStatus();
        TableSpec rawTable = NordPoolTables.RAW_DAY_AHEAD_PRICES;
        if (status == HTTP_NO_CONTENT) {
            return noData(String.format("Nord Pool has no prices for %s (HTTP 204): not published yet, or outside the portal's history", payload.fileName()));
        }
        if (status >= 400 && status <= 499) {
            return ParsedPayload.operatorAnswer(FetchOutcome.OPERATOR_ERROR, NordPoolReport.HOURLY_DATASET, rawTable, "HTTP " + status,
                    String.format("Nord Pool answered HTTP %d for %s; body starts: %s", status, payload.fileName(), PacedHttpClient.excerpt(payload.content())));
        }
        return parse(payload.content(), payload.fileName(), limits);
    }

    @Override
    public ParsedPayload rejected(Payload payload, String reason)
    {
        return ParsedPayload.rejected(NordPoolReport.HOURLY_DATASET, NordPoolTables.RAW_DAY_AHEAD_PRICES, reason);
    }

    /** Parses a file a user has, failing with one clear message if it is not a readable Nord Pool price file. */
    public static ParsedPayload parseFile(byte[] bytes, String fileName)
    {
        ParsedPayload parsed = parse(PayloadContent.of(bytes), fileName, PayloadLimits.DEFAULTS);
        if (parsed.outcome() == FetchOutcome.REJECTED) {
            throw LakehouseException.badData("%s", parsed.detail().orElse("Cannot parse " + fileName));
        }
        return parsed;
    }

    /** Never throws on bad data: a payload that cannot be read whole is a {@link FetchOutcome#REJECTED} payload with the reason. */
    public static ParsedPayload parse(PayloadContent content, String fileName, PayloadLimits limits)
    {
        String prefix = String.format("Cannot parse Nord Pool file %s as DayAheadPrices: ", fileName);
        String tooLarge = limits.tooLarge(content.size());
        if (tooLarge != null) {
            return rejectedWhole(prefix + tooLarge);
        }
        JsonNode root;
        try (PushbackInputStream input = new PushbackInputStream(content.open(), 1)) {
            if (blank(input)) {
                return noData("the body is empty: Nord Pool has not published these prices (yet)");
            }
            root = TREES.readTree(input);
        }
        catch (JsonProcessingException e) {
            return rejectedWhole(prefix + "it is not valid JSON (" + e.getOriginalMessage() + " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ")");
        }
        catch (IOException e) {
            return rejectedWhole(prefix + e.getMessage());
        }
        try {
            Entries entries = new Entries();
            if (root.isArray()) {
                if (root.isEmpty()) {
                    return noData("the answer is an empty array: no area has prices for the day");
                }
                for (JsonNode area : root) {
                    String problem = entries.licensedArea(area);
                    if (problem != null) {
                        return rejectedWhole(prefix + problem);
                    }
                }
            }
            else if (root.isObject() && root.has("multiAreaEntries")) {
                String problem = entries.portal(root);
                if (problem != null) {
                    return rejectedWhole(prefix + problem);
                }
            }
            else {
                return rejectedWhole(prefix + "it is neither the data portal's object with multiAreaEntries nor the licensed API's array of areas; it starts "
                        + excerpt(root));
            }
            return entries.parsed();
        }
        catch (RuntimeException e) {
            // a parser never throws on bad data; anything unforeseen is the payload's fault, told with the file's name
            return rejectedWhole(prefix + e);
        }
    }

    private static boolean blank(PushbackInputStream input)
            throws IOException
    {
        int b = input.read();
        while (b == ' ' || b == '\n' || b == '\r' || b == '\t') {
            b = input.read();
        }
        if (b < 0) {
            return true;
        }
        input.unread(b);
        return false;
    }

    private static ParsedPayload rejectedWhole(String reason)
    {
        return ParsedPayload.rejected(NordPoolReport.HOURLY_DATASET, NordPoolTables.RAW_DAY_AHEAD_PRICES, reason);
    }

    private static ParsedPayload noData(String detail)
    {
        return new ParsedPayload(FetchOutcome.NO_DATA, NordPoolReport.HOURLY_DATASET, NordPoolTables.RAW_DAY_AHEAD_PRICES, List.of(), List.of(), Optional.empty(),
                Optional.of(detail), Optional.empty(), Optional.empty(), Set.of());
    }

    private static String excerpt(JsonNode node)
    {
        String text = node.toString();
        return text.length() > 120 ? text.substring(0, 120) + "..." : text;
    }

    /** The prices and refused entries of one payload, numbered in payload order. */
    private static final class Entries
    {
        private final List<NordPoolPriceRecord> records = new ArrayList<>();
        private final List<RejectedRecord> rejected = new ArrayList<>();
        private final Set<String> areas = new TreeSet<>();
        private final Set<String> currencies = new TreeSet<>();
        private final Set<LocalDate> deliveryDates = new TreeSet<>();
        private Instant latestUpdate;
        private int number;

        /** Reads the data portal's object; the reason to reject it whole, else null. */
        String portal(JsonNode root)
        {
            Header header = header(root, "the payload");
            if (header.problem() != null) {
                return header.problem();
            }
            JsonNode entries = root.get("multiAreaEntries");
            if (!entries.isArray()) {
                return "multiAreaEntries is not an array";
            }
            Map<String, String> states = new java.util.HashMap<>();
            JsonNode areaStates = root.path("areaStates");
            for (JsonNode state : areaStates) {
                for (JsonNode area : state.path("areas")) {
                    states.put(area.asText(), text(state, "state"));
                }
            }
            Set<String> declared = new LinkedHashSet<>();
            for (JsonNode area : root.path("deliveryAreas")) {
                declared.add(area.asText());
            }
            areas.addAll(declared);
            for (JsonNode entry : entries) {
                Interval interval = interval(entry, header.deliveryDate());
                JsonNode perArea = entry.path("entryPerArea");
                if (declared.isEmpty() && (!perArea.isObject() || perArea.isEmpty())) {
                    // no area to tell the entry by: refused whole, so that it is not dropped unseen
                    number++;
                    rejected.add(new RejectedRecord(Optional.of(number), Optional.of(entry.toString()), "the entry has no entryPerArea prices and the payload "
                            + "no deliveryAreas", Optional.empty(), Optional.ofNullable(interval.start()),
                            Optional.ofNullable(interval.start()).map(NordPoolMarket.TIME::operatingDate)));
                    continue;
                }
                Set<String> seen = new LinkedHashSet<>();
                Iterator<Map.Entry<String, JsonNode>> fields = perArea.fields();
                while (fields.hasNext()) {
                    Map.Entry<String, JsonNode> field = fields.next();
                    seen.add(field.getKey());
                    areas.add(field.getKey());
                    add(field.getKey(), interval, field.getValue(), header, states.get(field.getKey()), entry);
                }
                for (String area : declared) {
                    if (!seen.contains(area)) {
                        number++;
                        reject(area, interval, "entryPerArea has no price for " + area + ", one of deliveryAreas " + declared, entry);
                    }
                }
            }
            return null;
        }

        /** Reads one area object of the licensed API's array; the reason to reject the payload whole, else null. */
        String licensedArea(JsonNode area)
        {
            if (!area.isObject()) {
                return "an element of the array is not an object: " + excerpt(area);
            }
            String name = text(area, "deliveryArea");
            if (name == null) {
                return "an area object has no deliveryArea: " + excerpt(area);
            }
            Header header = header(area, "area " + name);
            if (header.problem() != null) {
                return header.problem();
            }
            String unit = text(area, "unit");
            if (unit != null && !unit.toUpperCase(Locale.ROOT).equals(header.currency() + "/MWH")) {
                return String.format("area %s has unit %s but currency %s", name, unit, header.currency());
            }
            areas.add(name);
            JsonNode prices = area.path("prices");
            if (!prices.isArray()) {
                return "area " + name + " has no prices array";
            }
            for (JsonNode price : prices) {
                add(name, interval(price, header.deliveryDate()), price.get("price"), header, text(area, "status"), price);
            }
            return null;
        }

        private record Header(String currency, String market, Double exchangeRate, LocalDate deliveryDate, Instant updatedAt, Integer version, String problem) {}

        private Header header(JsonNode node, String what)
        {
            String currency = text(node, "currency");
            if (currency == null) {
                return problem(what + " has no currency");
            }
            currency = currency.toUpperCase(Locale.ROOT);
            String market = text(node, "market");
            if (market != null && !market.equals(DAY_AHEAD)) {
                return problem(String.format("%s is of market %s, not %s", what, market, DAY_AHEAD));
            }
            LocalDate deliveryDate = null;
            String date = text(node, "deliveryDateCET");
            if (date != null) {
                try {
                    deliveryDate = LocalDate.parse(date);
                }
                catch (DateTimeParseException e) {
                    return problem(String.format("%s has deliveryDateCET '%s', not a date like 2024-07-09", what, date));
                }
            }
            Instant updatedAt = null;
            String updated = text(node, "updatedAt");
            if (updated != null) {
                updatedAt = instant(updated);
                if (updatedAt == null) {
                    // an update time without offset is read as UTC, the payload's clock for every other time
                    updatedAt = localAsUtc(updated);
                }
                if (updatedAt == null) {
                    return problem(String.format("%s has updatedAt '%s', not a UTC time like 2024-07-08T10:59:01Z", what, updated));
                }
                latestUpdate = latestUpdate == null || updatedAt.isAfter(latestUpdate) ? updatedAt : latestUpdate;
            }
            JsonNode rate = node.get("exchangeRate");
            Double exchangeRate = rate != null && rate.isNumber() ? rate.doubleValue() : null;
            JsonNode version = node.get("version");
            currencies.add(currency);
            if (deliveryDate != null) {
                deliveryDates.add(deliveryDate);
            }
            return new Header(currency, market, exchangeRate, deliveryDate, updatedAt, version != null && version.canConvertToInt() ? version.intValue() : null,
                    null);
        }

        private static Header problem(String problem)
        {
            return new Header(null, null, null, null, null, null, problem);
        }

        /** An interval read from an entry, or the reason it cannot be. */
        private record Interval(Instant start, Instant end, String problem) {}

        private static Interval interval(JsonNode node, LocalDate deliveryDate)
        {
            String startText = text(node, "deliveryStart");
            String endText = text(node, "deliveryEnd");
            Instant start = instant(startText);
            Instant end = instant(endText);
            if (start == null || end == null) {
                return new Interval(start, null, String.format("deliveryStart '%s' / deliveryEnd '%s' is not a UTC time like 2024-07-08T22:00:00Z",
                        startText, endText));
            }
            if (!end.isAfter(start)) {
                return new Interval(start, null, String.format("deliveryEnd %s is not after deliveryStart %s", end, start));
            }
            if (deliveryDate != null && (start.isBefore(NordPoolMarket.TIME.dayStart(deliveryDate)) || end.isAfter(NordPoolMarket.TIME.dayEnd(deliveryDate)))) {
                return new Interval(start, null, String.format("interval %s..%s lies outside delivery day %s (CET: %s..%s)", start, end, deliveryDate,
                        NordPoolMarket.TIME.dayStart(deliveryDate), NordPoolMarket.TIME.dayEnd(deliveryDate)));
            }
            return new Interval(start, end, null);
        }

        private void add(String area, Interval interval, JsonNode value, Header header, String status, JsonNode source)
        {
            number++;
            if (interval.problem() != null) {
                reject(area, interval, interval.problem(), source);
                return;
            }
            Double price = null;
            String problem = null;
            if (value == null || value.isNull() || value.isMissingNode()) {
                problem = "the price of " + area + " is missing (null)";
            }
            else if (value.isNumber()) {
                price = value.doubleValue();
            }
            else if (value.isTextual() && value.asText().isBlank()) {
                problem = "the price of " + area + " is blank";
            }
            else if (value.isTextual()) {
                try {
                    price = Double.parseDouble(value.asText().strip());
                }
                catch (NumberFormatException e) {
                    problem = "the price of " + area + " '" + value.asText() + "' is not a number";
                }
            }
            else {
                problem = "the price of " + area + " " + value + " is not a number";
            }
            if (price != null && !Double.isFinite(price)) {
                problem = "the price of " + area + " " + value + " is not finite";
            }
            if (problem != null) {
                reject(area, interval, problem, source);
                return;
            }
            records.add(new NordPoolPriceRecord(number, area, header.deliveryDate(), interval.start(), interval.end(), price, header.currency(), header.market(),
                    header.exchangeRate(), status, header.updatedAt(), header.version()));
        }

        private void reject(String area, Interval interval, String reason, JsonNode source)
        {
            Optional<Instant> start = Optional.ofNullable(interval.start());
            rejected.add(new RejectedRecord(Optional.of(number), Optional.of(source.toString()), reason, Optional.of(area), start,
                    start.map(NordPoolMarket.TIME::operatingDate)));
        }

        ParsedPayload parsed()
        {
            if (records.isEmpty() && rejected.isEmpty()) {
                return new ParsedPayload(FetchOutcome.NO_DATA, NordPoolReport.HOURLY_DATASET, NordPoolTables.RAW_DAY_AHEAD_PRICES, List.of(), List.of(),
                        Optional.empty(), Optional.of("the payload lists no prices" + (deliveryDates.isEmpty() ? "" : " for " + deliveryDates)),
                        Optional.empty(), Optional.ofNullable(latestUpdate), deliveryDates);
            }
            Set<LocalDate> operatingDates = new TreeSet<>(deliveryDates);
            for (NordPoolPriceRecord record : records) {
                operatingDates.add(NordPoolMarket.TIME.operatingDate(record.intervalStartUtc()));
            }
            String dataset = records.isEmpty() ? NordPoolReport.HOURLY_DATASET
                    : NordPoolReport.dataset(records.get(0).intervalMinutes(), records.get(0).currency()).orElse(NordPoolReport.HOURLY_DATASET);
            Optional<String> contentKey = deliveryDates.size() == 1 && currencies.size() == 1
                    ? Optional.of(NordPoolLiveSource.requestKey(List.copyOf(areas), currencies.iterator().next(), deliveryDates.iterator().next()))
                    : Optional.empty();
            return new ParsedPayload(FetchOutcome.PARSED, dataset, NordPoolTables.RAW_DAY_AHEAD_PRICES, records, rejected, Optional.empty(),
                    rejected.isEmpty() ? Optional.empty() : Optional.of(rejected.size() + " prices rejected"), contentKey, Optional.ofNullable(latestUpdate),
                    operatingDates);
        }

        private static String text(JsonNode node, String field)
        {
            JsonNode value = node.get(field);
            if (value == null || value.isNull() || !value.isValueNode()) {
                return null;
            }
            String text = value.asText().strip();
            return text.isEmpty() ? null : text;
        }

        private static Instant localAsUtc(String text)
        {
            try {
                return java.time.LocalDateTime.parse(text).toInstant(java.time.ZoneOffset.UTC);
            }
            catch (DateTimeParseException e) {
                return null;
            }
        }

        private static Instant instant(String text)
        {
            if (text == null) {
                return null;
            }
            try {
                return java.time.OffsetDateTime.parse(text).toInstant();
            }
            catch (DateTimeParseException e) {
                return null;
            }
        }
    }
}
