package io.energylakehouse.etl.source.ercot;

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

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Parses ERCOT settlement point prices, NP4-190-CD (DAM, hourly) and NP6-905-CD (real time, 15 minutes), from all the
 * forms they come in: the MIS document or API archive download (a zip holding one CSV), a bare CSV, and a public API
 * page (JSON). Columns are found by name in any of ERCOT's spellings; rows may come in any order.
 *
 * <p>Times are Central prevailing time. A row's interval starts at DeliveryDate + (hour - 1) h (+ (interval - 1) * 15
 * min in real time), so {@code 24:00} is the day's last hour. On the fall-back day the repeated hour is told by the
 * DSTFlag (Y, or true in the API, is the second, standard-time one); where a file instead numbers that day's hours
 * 1..25 (some ERCOT products do, without a flag), the hours are counted as elapsed hours from midnight. A row that
 * names an hour the clock skips, or flags an hour that is not repeated, is rejected alone.
 *
 * <p>A file that is not the report it claims to be (another report's zip or page, a missing column) is rejected
 * whole; a line that cannot be read is rejected alone; an API page without rows is "no data", an API error answer (or any
 * answer with a client error status, as {@link ErcotApiClient} keeps them) an operator error. The payload is read as a
 * stream within {@link PayloadLimits}; nothing escapes as an exception.
 */
public final class ErcotSppParser
        implements PayloadParser
{
    private static final DateTimeFormatter MIS_DATE = DateTimeFormatter.ofPattern("M/d/uuuu");
    private static final Pattern HOUR_ENDING = Pattern.compile("(\\d{1,2})(?::00)?");
    private static final Set<String> KNOWN_TYPES = new TreeSet<>(Set.of("HU", "SH", "AH", "LZ", "LZ_DC", "LZEW", "LZ_DCEW", "RN", "PCCRN", "LCCRN", "PUN"));

    private final PayloadLimits limits;

    /** A parser with the default {@link PayloadLimits}. */
    public ErcotSppParser()
    {
        this(PayloadLimits.DEFAULTS);
    }

    public ErcotSppParser(PayloadLimits limits)
    {
        this.limits = requireNonNull(limits, "limits is null");
    }

    @Override
    public String market()
    {
        return ErcotMarket.MARKET;
    }

    @Override
    public List<TableSpec> rawTables()
    {
        return List.of(ErcotTables.RAW_DAM_SPP, ErcotTables.RAW_RT_SPP);
    }

    @Override
    public ParsedPayload parse(Payload payload)
    {
        ErcotReport report = ErcotReport.fromName(payload.report());
        ParsedPayload parsed = parse(report, payload.content(), payload.fileName(), limits);
        int status = payload.httpStatus();
        if (status >= 400 && status <= 499 && parsed.outcome() != FetchOutcome.OPERATOR_ERROR) {
            // a client error the API kept as its answer (ErcotApiClient) without its JSON error shape: a gateway's page
            return ParsedPayload.operatorAnswer(FetchOutcome.OPERATOR_ERROR, report.dataset(), ErcotTables.rawTable(report), "HTTP " + status,
                    String.format("ERCOT answered HTTP %d; body starts: %s", status, PacedHttpClient.excerpt(payload.content())));
        }
        return parsed;
    }

    @Override
    public ParsedPayload rejected(Payload payload, String reason)
    {
        ErcotReport report = ErcotReport.fromName(payload.report());
        return ParsedPayload.rejected(report.dataset(), ErcotTables.rawTable(report), reason);
    }

    /** Parses a file a user has, failing with one clear message if it is not a readable {@code report} file. */
    public static ParsedPayload parseFile(ErcotReport report, byte[] bytes, String fileName)
    {
        return parseFile(report, PayloadContent.of(bytes), fileName, PayloadLimits.DEFAULTS);
    }

    /** Parses a file a user has, read as a stream within the limits, failing with one clear message if it is not a readable {@code report} file. */
    public static ParsedPayload parseFile(ErcotReport report, PayloadContent content, String fileName, PayloadLimits limits)
    {
        ParsedPayload parsed = parse(report, content, fileName, limits);
        if (parsed.outcome() == FetchOutcome.REJECTED) {
            throw LakehouseException.badData("%s", parsed.detail().orElse("Cannot parse " + fileName));
        }
        return parsed;
    }

    /** Never throws on bad data: a whole file that cannot be read is a {@link FetchOutcome#REJECTED} payload with the reason. */
    static ParsedPayload parse(ErcotReport report, PayloadContent content, String fileName, PayloadLimits limits)
    {
        TableSpec rawTable = ErcotTables.rawTable(report);
        String tooLarge = limits.tooLarge(content.size());
        if (tooLarge != null) {
            return ParsedPayload.rejected(report.dataset(), rawTable, String.format("Cannot parse ERCOT file %s: %s", fileName, tooLarge));
        }
        Rows rows = new Rows(report, fileName);
        List<ErcotApiPage.Meta> pages = new ArrayList<>();
        try {
            ErcotFiles.read(content, fileName, limits, (memberName, kind, input) -> {
                rows.startMember(memberName);
                if (kind == ErcotFiles.Kind.CSV) {
                    readCsv(input, memberName, rows);
                }
                else {
                    pages.add(ErcotApiPage.read(input, fileName, report, rows));
                }
            });
        }
        catch (LakehouseException e) {
            return ParsedPayload.rejected(report.dataset(), rawTable, e.getMessage());
        }
        catch (RuntimeException e) {
            // a parser never throws on bad data; anything unforeseen is the payload's fault, told with the file's name
            return ParsedPayload.rejected(report.dataset(), rawTable, String.format("Cannot parse ERCOT file %s: %s", fileName, e));
        }
        Optional<ErcotApiPage.Meta> page = pages.isEmpty() ? Optional.empty() : Optional.of(pages.get(0));
        if (page.isPresent() && !page.get().hasFields && page.get().dataRows == 0) {
            ErcotApiPage.Meta meta = page.get();
            if (meta.errorCode != null || meta.errorMessage != null) {
                return ParsedPayload.operatorAnswer(FetchOutcome.OPERATOR_ERROR, report.dataset(), rawTable, meta.errorCode == null ? "unknown" : meta.errorCode,
                        meta.errorMessage == null ? "" : meta.errorMessage);
            }
            if (meta.totalRecords == null) {
                return ParsedPayload.rejected(report.dataset(), rawTable,
                        String.format("Cannot parse ERCOT file %s: not an ERCOT API page (no _meta, fields, data or message)", fileName));
            }
        }
        rows.finish();
        Optional<Instant> publishedAtUtc = rows.publishedAtUtc();
        if (rows.records.isEmpty() && rows.rejected.isEmpty()) {
            String detail = page.map(meta -> meta.totalRecords != null && meta.totalRecords == 0
                            ? "the API answered totalRecords 0: no data for the selection"
                            : "the API page holds no rows" + meta.pageLabel().map(label -> " (" + label + ")").orElse(""))
                    .orElse("the file has a header but no rows");
            return new ParsedPayload(FetchOutcome.NO_DATA, report.dataset(), rawTable, List.of(), List.of(), Optional.empty(), Optional.of(detail),
                    Optional.empty(), publishedAtUtc, Set.of());
        }
        Set<LocalDate> operatingDates = new TreeSet<>();
        Instant first = null;
        Instant last = null;
        for (ErcotSppRecord record : rows.records) {
            operatingDates.add(ErcotMarket.TIME.operatingDate(record.intervalStartUtc()));
            first = first == null || record.intervalStartUtc().isBefore(first) ? record.intervalStartUtc() : first;
            last = last == null || record.intervalEndUtc().isAfter(last) ? record.intervalEndUtc() : last;
        }
        Optional<String> pageLabel = page.flatMap(ErcotApiPage.Meta::pageLabel);
        Optional<String> contentKey = first == null ? Optional.empty()
                : Optional.of(report.emilId() + "|" + first + "|" + last + pageLabel.map(label -> "|" + label).orElse(""));
        return new ParsedPayload(FetchOutcome.PARSED, report.dataset(), rawTable, rows.records, rows.rejected, Optional.empty(),
                rows.rejected.isEmpty() ? Optional.empty() : Optional.of(rows.rejected.size() + " lines rejected"),
                contentKey, publishedAtUtc, operatingDates);
    }

    private static void readCsv(InputStream input, String memberName, Rows rows)
            throws IOException
    {
        PayloadLines lines = new PayloadLines(input, PayloadLines.Breaks.ANY, PayloadLines.Decoding.REPLACE);
        try {
            String header = lines.next();
            while (header != null && header.isBlank()) {
                header = lines.next();
            }
            if (header == null) {
                throw ErcotFiles.bad(rows.fileName, "member " + memberName + " has no header line");
            }
            rows.header(CsvLine.split(header), "member " + memberName + ", line " + lines.lineNumber());
            for (String line = lines.next(); line != null; line = lines.next()) {
                if (!line.isBlank()) {
                    rows.row(lines.lineNumber(), line, CsvLine.split(line));
                }
            }
        }
        catch (PayloadLines.LineTooLongException e) {
            throw ErcotFiles.bad(rows.fileName, "member " + memberName + ": " + e.getMessage() + ": not a CSV text file");
        }
    }

    /** How a fall-back day's hours are labelled in a payload. */
    private enum Clock
    {
        /** Hours 1..24 on the wall clock; the DSTFlag tells the repeated hour. */
        WALL,
        /** Hours 1..25 counted from midnight, no hour repeated. */
        ELAPSED
    }

    /** A row read, its interval not yet placed: rows of a fall-back day wait until the payload shows how it labels that day. */
    private record Fields(int lineNumber, String text, LocalDate date, int hour, Integer interval, String point, String type, double price, Boolean flag) {}

    /** The rows of one payload, from its header to its records and rejected lines. */
    private static final class Rows
            implements ErcotApiPage.RowSink
    {
        private final ErcotReport report;
        private final String fileName;
        private final ZoneRules rules = ErcotMarket.TIME.zone().getRules();
        private final List<ErcotSppRecord> records = new ArrayList<>();
        private final List<RejectedRecord> rejected = new ArrayList<>();
        private final Map<LocalDate, List<Fields>> fallBackDays = new TreeMap<>();
        private final Map<String, LocalDate> dates = new HashMap<>();
        private final Map<LocalDate, Integer> hoursInDay = new HashMap<>();
        private final Map<String, String> texts = new HashMap<>();
        private Optional<Instant> memberPublishedAtUtc = Optional.empty();
        private Optional<Instant> filePublishedAtUtc;
        private int members;
        private int columns;
        private int date;
        private int hour;
        private int interval = -1;
        private int point;
        private int type = -1;
        private int price;
        private int flag = -1;

        Rows(ErcotReport report, String fileName)
        {
            this.report = report;
            this.fileName = fileName;
            this.filePublishedAtUtc = ErcotDocumentName.parse(fileName).postedAtUtc();
        }

        Optional<Instant> publishedAtUtc()
        {
            return memberPublishedAtUtc.isPresent() ? memberPublishedAtUtc : filePublishedAtUtc;
        }

        /** Checks what a member's name claims before its lines are read: ERCOT's documents hold one CSV of one report. */
        void startMember(String memberName)
        {
            ErcotDocumentName name = ErcotDocumentName.parse(memberName);
            if (name.claimsOtherThan(report)) {
                throw ErcotApiPage.notReport(fileName, report, "member " + memberName + " is " + name.claim());
            }
            members++;
            if (members > 1) {
                throw ErcotApiPage.notReport(fileName, report, "the zip holds more than one member (" + memberName + " after the first); an "
                        + report.emilId() + " document holds one CSV");
            }
            memberPublishedAtUtc = name.postedAtUtc();
        }

        @Override
        public void header(List<String> names, String where)
        {
            Map<ErcotColumn, Integer> positions = ErcotColumn.positions(names);
            List<String> header = names.stream().map(String::trim).toList();
            if (!report.hasIntervals() && positions.containsKey(ErcotColumn.DELIVERY_INTERVAL)) {
                throw ErcotApiPage.notReport(fileName, report, "its header " + header + " (" + where + ") has a DeliveryInterval column, as NP6-905-CD "
                        + "real-time prices do");
            }
            ErcotColumn hourColumn = report.hasIntervals()
                    ? (positions.containsKey(ErcotColumn.DELIVERY_HOUR) || !positions.containsKey(ErcotColumn.HOUR_ENDING) ? ErcotColumn.DELIVERY_HOUR
                    : ErcotColumn.HOUR_ENDING)
                    : (positions.containsKey(ErcotColumn.HOUR_ENDING) || !positions.containsKey(ErcotColumn.DELIVERY_HOUR) ? ErcotColumn.HOUR_ENDING
                    : ErcotColumn.DELIVERY_HOUR);
            List<ErcotColumn> required = new ArrayList<>(List.of(ErcotColumn.DELIVERY_DATE, hourColumn));
            if (report.hasIntervals()) {
                required.add(ErcotColumn.DELIVERY_INTERVAL);
            }
            required.addAll(List.of(ErcotColumn.SETTLEMENT_POINT, ErcotColumn.SETTLEMENT_POINT_PRICE));
            List<String> missing = required.stream().filter(column -> !positions.containsKey(column)).map(ErcotColumn::displayName).toList();
            if (!missing.isEmpty()) {
                throw LakehouseException.badData("Cannot parse ERCOT file %s as %s: column%s %s missing in header %s (%s)", fileName, report.emilId(),
                        missing.size() == 1 ? "" : "s", String.join(", ", missing), header, where);
            }
            columns = names.size();
            date = positions.get(ErcotColumn.DELIVERY_DATE);
            hour = positions.get(hourColumn);
            interval = positions.getOrDefault(ErcotColumn.DELIVERY_INTERVAL, -1);
            point = positions.get(ErcotColumn.SETTLEMENT_POINT);
            type = positions.getOrDefault(ErcotColumn.SETTLEMENT_POINT_TYPE, -1);
            price = positions.get(ErcotColumn.SETTLEMENT_POINT_PRICE);
            flag = positions.getOrDefault(ErcotColumn.DST_FLAG, -1);
        }

        @Override
        public void row(int number, String text, List<String> fields)
        {
            if (fields == null) {
                rejected.add(RejectedRecord.line(number, text, "not a flat array of values"));
                return;
            }
            if (fields.size() != columns) {
                rejected.add(RejectedRecord.line(number, text, String.format("expected %d fields as in the header, found %d", columns, fields.size())));
                return;
            }
            Fields row;
            try {
                row = fields(number, text, fields);
            }
            catch (LineException e) {
                rejected.add(RejectedRecord.line(number, text, e.getMessage()));
                return;
            }
            if (hoursInDay(row.date()) == 25) {
                fallBackDays.computeIfAbsent(row.date(), day -> new ArrayList<>()).add(row);
            }
            else {
                place(row, Clock.WALL);
            }
        }

        /** Places the rows of every fall-back day, now that the whole payload shows whether it numbers that day's hours 1..25. */
        void finish()
        {
            for (List<Fields> day : fallBackDays.values()) {
                Clock clock = day.stream().anyMatch(row -> row.hour() == 25) ? Clock.ELAPSED : Clock.WALL;
                for (Fields row : day) {
                    place(row, clock);
                }
            }
            fallBackDays.clear();
            records.sort(Comparator.comparingInt(ErcotSppRecord::lineNumber));
            rejected.sort(Comparator.comparing(rejection -> rejection.lineNumber().orElse(0)));
        }

        private void place(Fields row, Clock clock)
        {
            Instant start;
            try {
                start = start(row, clock);
            }
            catch (LineException e) {
                rejected.add(new RejectedRecord(Optional.of(row.lineNumber()), Optional.of(row.text()), e.getMessage(), Optional.of(row.point()), Optional.empty(),
                        Optional.of(row.date())));
                return;
            }
            records.add(new ErcotSppRecord(report, row.lineNumber(), start, start.plus(report.intervalLength()), row.date(), row.hour(), row.interval(),
                    row.point(), row.type(), row.price(), row.flag()));
        }

        private Instant start(Fields row, Clock clock)
        {
            long quarters = row.interval() == null ? 0 : row.interval() - 1;
            if (clock == Clock.ELAPSED) {
                if (Boolean.TRUE.equals(row.flag())) {
                    throw new LineException(String.format("DSTFlag Y on %s of %s, a day whose hours the file numbers 1..25 with none repeated", label(row),
                            row.date()));
                }
                return ErcotMarket.TIME.dayStart(row.date()).plus(Duration.ofHours(row.hour() - 1L)).plus(Duration.ofMinutes(15 * quarters));
            }
            LocalDateTime local = row.date().atStartOfDay().plusHours(row.hour() - 1L).plusMinutes(15 * quarters);
            List<ZoneOffset> offsets = rules.getValidOffsets(local);
            if (offsets.isEmpty()) {
                throw new LineException(String.format("%s of %s does not exist in Central time: the clocks spring forward from 02:00 to 03:00", label(row),
                        row.date()));
            }
            if (offsets.size() == 1) {
                if (Boolean.TRUE.equals(row.flag())) {
                    throw new LineException(String.format("DSTFlag Y on %s of %s, which is not the repeated hour of a fall-back day", label(row), row.date()));
                }
                return local.toInstant(offsets.get(0));
            }
            if (row.flag() == null) {
                throw new LineException(String.format("%s of %s is the repeated hour of the fall-back day and the row has no DSTFlag to tell which", label(row),
                        row.date()));
            }
            // the earlier offset (CDT) is the first pass through the hour; DSTFlag Y marks the second (CST)
            return local.toInstant(row.flag() ? offsets.get(1) : offsets.get(0));
        }

        private String label(Fields row)
        {
            if (report.hasIntervals()) {
                return "DeliveryHour " + row.hour() + " interval " + row.interval();
            }
            return String.format(Locale.ROOT, "HourEnding %02d:00", row.hour());
        }

        private int hoursInDay(LocalDate day)
        {
            return hoursInDay.computeIfAbsent(day, ErcotMarket.TIME::hoursInDay);
        }

        private Fields fields(int number, String text, List<String> fields)
        {
            LocalDate day = date(field(fields, date));
            int hourNumber = report.hasIntervals() && hour != -1 && interval != -1 ? hour(field(fields, hour), "DeliveryHour") : hour(field(fields, hour), "HourEnding");
            if (hourNumber == 25 && hoursInDay(day) != 25) {
                throw new LineException(String.format("hour 25 on %s, a day of %d hours (only a fall-back day has a 25th)", day, hoursInDay(day)));
            }
            Integer quarter = null;
            if (interval != -1) {
                String value = field(fields, interval);
                quarter = integer(value, "DeliveryInterval");
                if (quarter < 1 || quarter > 4) {
                    throw new LineException("DeliveryInterval '" + value + "' is outside 1..4");
                }
            }
            String settlementPoint = shared(field(fields, point));
            if (settlementPoint == null) {
                throw new LineException("SettlementPoint is empty");
            }
            String settlementPointType = type == -1 ? null : shared(field(fields, type));
            if (settlementPointType != null && !KNOWN_TYPES.contains(settlementPointType.toUpperCase(Locale.ROOT))) {
                throw new LineException("unknown SettlementPointType '" + settlementPointType + "' (known: " + String.join(", ", KNOWN_TYPES) + ")");
            }
            double value = price(field(fields, price));
            Boolean dstFlag = flag == -1 ? null : flag(field(fields, flag));
            return new Fields(number, text, day, hourNumber, quarter, settlementPoint, settlementPointType, value, dstFlag);
        }

        /** The trimmed field, or null when empty. */
        private static String field(List<String> fields, int position)
        {
            String value = fields.get(position).trim();
            return value.isEmpty() ? null : value;
        }

        /** One shared copy per distinct value: settlement point names and types repeat on every hour's row. */
        private String shared(String value)
        {
            if (value == null) {
                return null;
            }
            String known = texts.putIfAbsent(value, value);
            return known == null ? value : known;
        }

        private LocalDate date(String value)
        {
            if (value == null) {
                throw new LineException("DeliveryDate is empty");
            }
            LocalDate known = dates.get(value);
            if (known != null) {
                return known;
            }
            LocalDate parsed;
            try {
                parsed = value.indexOf('/') >= 0 ? LocalDate.parse(value, MIS_DATE) : LocalDate.parse(value);
            }
            catch (DateTimeParseException e) {
                throw new LineException("DeliveryDate '" + value + "' is not a date (MM/DD/YYYY or YYYY-MM-DD)");
            }
            dates.put(value, parsed);
            return parsed;
        }

        /** {@code 01:00}..{@code 24:00} (or {@code 25:00}), with or without the zero padding and the minutes, or a bare number. */
        private static int hour(String value, String column)
        {
            if (value == null) {
                throw new LineException(column + " is empty");
            }
            Matcher matcher = HOUR_ENDING.matcher(value);
            if (!matcher.matches()) {
                throw new LineException(column + " '" + value + "' is not an hour ending like 01:00..24:00");
            }
            int parsed = Integer.parseInt(matcher.group(1));
            if (parsed < 1 || parsed > 25) {
                throw new LineException(column + " '" + value + "' is outside 1..24 (25 on a fall-back day)");
            }
            return parsed;
        }

        private static int integer(String value, String column)
        {
            if (value == null) {
                throw new LineException(column + " is empty");
            }
            try {
                return Integer.parseInt(value);
            }
            catch (NumberFormatException e) {
                throw new LineException(column + " '" + value + "' is not an integer");
            }
        }

        private static double price(String value)
        {
            if (value == null) {
                throw new LineException("SettlementPointPrice is empty");
            }
            try {
                double parsed = Double.parseDouble(value);
                if (Double.isFinite(parsed)) {
                    return parsed;
                }
            }
            catch (NumberFormatException e) {
                // told below
            }
            throw new LineException("SettlementPointPrice '" + value + "' is not a number");
        }

        /** Y or N in MIS files, true or false in the API; empty is no flag. */
        private static Boolean flag(String value)
        {
            if (value == null) {
                return null;
            }
            return switch (value.toUpperCase(Locale.ROOT)) {
                case "Y", "TRUE" -> true;
                case "N", "FALSE" -> false;
                default -> throw new LineException("DSTFlag '" + value + "' is not Y or N");
            };
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
