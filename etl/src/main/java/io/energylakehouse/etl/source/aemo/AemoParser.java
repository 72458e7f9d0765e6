package io.energylakehouse.etl.source.aemo;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.csv.CsvLine;
import io.energylakehouse.common.table.TableSpec;
import io.energylakehouse.etl.raw.BoundedZip;
import io.energylakehouse.etl.raw.FetchOutcome;
import io.energylakehouse.etl.raw.LastByteInputStream;
import io.energylakehouse.etl.raw.ParsedPayload;
import io.energylakehouse.etl.raw.Payload;
import io.energylakehouse.etl.raw.PayloadLimits;
import io.energylakehouse.etl.raw.PayloadLines;
import io.energylakehouse.etl.raw.PayloadParser;
import io.energylakehouse.etl.raw.RawRecord;
import io.energylakehouse.etl.raw.RejectedRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * Parses AEMO MMS Data Model "C/I/D" CSV files, zipped (as NEMweb serves them) or not, into raw records of the
 * report's tables. A file is a {@code C} header row, then for each table an {@code I} row naming its group, table,
 * version and columns, then its {@code D} rows, and a last {@code C,"END OF REPORT",n} row counting the file's lines.
 *
 * <p>Rules: the schema switches on every {@code I} row (a file may hold several tables and versions), and columns are
 * found by the names the {@code I} row gives, never by position. The tables the report reads become records; the others
 * are ignored on purpose and counted in the log. A {@code D} row is rejected, with its reason, when it comes before any
 * {@code I} row, names another table than its {@code I} row, has another number of fields, or holds an unreadable
 * date or number; values are exact decimals (MMS writes some with 28 digits), dates {@code yyyy/MM/dd HH:mm:ss} quoted
 * or not. A file without its footer is truncated: its complete rows are kept, a last line the file ends inside (no line
 * break after it) is rejected as cut short, and the missing footer is itself a quarantine row naming the file. A footer
 * whose count disagrees with the file's lines (NEMOSIS keeps trimmed copies under the original footer) is only a
 * warning, in the log and the payload's detail. A zip is read within {@link PayloadLimits}: a bomb, a zip cut before its
 * directory or bytes that are neither a zip nor a C/I/D file reject the payload whole.
 */
public final class AemoParser
        implements PayloadParser
{
    private static final Logger log = LoggerFactory.getLogger(AemoParser.class);
    private static final JsonFactory JSON = new JsonFactory();
    private static final String FOOTER = "END OF REPORT";

    private final PayloadLimits limits;

    /** A parser of every AEMO report: each payload's report ({@link Payload#report()}, its MMS name) decides the tables it reads. */
    public AemoParser(PayloadLimits limits)
    {
        this.limits = requireNonNull(limits, "limits is null");
    }

    /** A parser with the default {@link PayloadLimits}. */
    public AemoParser()
    {
        this(PayloadLimits.DEFAULTS);
    }

    @Override
    public String market()
    {
        return AemoMarket.MARKET;
    }

    @Override
    public List<TableSpec> rawTables()
    {
        return java.util.Arrays.stream(AemoReport.values()).map(AemoTables::rawTable).toList();
    }

    static String dataset(AemoReport report)
    {
        return switch (report) {
            case DISPATCH_PRICE, DAILY -> AemoPayloadPrices.RT_5MIN;
            case TRADING_PRICE -> AemoPayloadPrices.TRADING_30MIN;
            case PRICE_THRESHOLDS -> AemoThresholds.DATASET;
        };
    }

    /** The report of a payload; an unknown report name is the dispatch report's (its quarantine row names the name). */
    private static AemoReport report(Payload payload)
    {
        try {
            return AemoReport.fromName(payload.report());
        }
        catch (LakehouseException e) {
            return AemoReport.DISPATCH_PRICE;
        }
    }

    @Override
    public ParsedPayload rejected(Payload payload, String reason)
    {
        AemoReport report = report(payload);
        return ParsedPayload.rejected(dataset(report), AemoTables.rawTable(report), reason);
    }

    @Override
    public ParsedPayload parse(Payload payload)
    {
        AemoReport report;
        try {
            report = AemoReport.fromName(payload.report());
        }
        catch (LakehouseException e) {
            return ParsedPayload.rejected(AemoPayloadPrices.RT_5MIN, AemoTables.RAW_DISPATCH_PRICE, String.format("Cannot parse AEMO file %s: %s",
                    payload.fileName(), e.getMessage()));
        }
        String dataset = dataset(report);
        TableSpec rawTable = AemoTables.rawTable(report);
        String fileName = payload.fileName();
        if (payload.httpStatus() == 404) {
            return new ParsedPayload(FetchOutcome.NO_DATA, dataset, rawTable, List.of(), List.of(), Optional.of("HTTP 404"),
                    Optional.of("NEMweb has no file " + fileName + " (HTTP 404): not published (yet)"), Optional.empty(), Optional.empty(), Set.of());
        }
        if (payload.httpStatus() >= 400) {
            return ParsedPayload.operatorAnswer(FetchOutcome.OPERATOR_ERROR, dataset, rawTable, "HTTP " + payload.httpStatus(),
                    "NEMweb answered HTTP " + payload.httpStatus() + " for " + fileName);
        }
        String tooLarge = limits.tooLarge(payload.content().size());
        if (tooLarge != null) {
            return ParsedPayload.rejected(dataset, rawTable, String.format("Cannot parse AEMO file %s: %s", fileName, tooLarge));
        }
        Reading reading = new Reading(report, fileName);
        try (InputStream input = new BufferedInputStream(payload.content().open())) {
            input.mark(4);
            byte[] magic = input.readNBytes(4);
            input.reset();
            if (magic.length == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4) {
                BoundedZip.walk(input, payload.content().size(), limits, (member, content) -> reading.member(member, content), new BoundedZip.Failures()
                {
                    @Override
                    public LakehouseException unreadable(String why)
                    {
                        return LakehouseException.badData("Cannot parse AEMO file %s as %s: %s", fileName, report.reportName(), why);
                    }

                    @Override
                    public LakehouseException cutShort(List<String> membersRead)
                    {
                        return LakehouseException.badData("Cannot parse AEMO file %s as %s: the zip ends before its directory (a download cut short; members "
                                + "read: %s)", fileName, report.reportName(), membersRead);
                    }
                });
                if (reading.members == 0) {
                    return ParsedPayload.rejected(dataset, rawTable, String.format("Cannot parse AEMO file %s as %s: the zip holds no file", fileName,
                            report.reportName()));
                }
            }
            else {
                reading.member(fileName, input);
            }
        }
        catch (LakehouseException e) {
            return ParsedPayload.rejected(dataset, rawTable, e.getMessage());
        }
        catch (PayloadLines.LineTooLongException e) {
            return ParsedPayload.rejected(dataset, rawTable, String.format("Cannot parse AEMO file %s: %s", fileName, e.getMessage()));
        }
        catch (IOException | UncheckedIOException e) {
            return ParsedPayload.rejected(dataset, rawTable, String.format("Cannot parse AEMO file %s: %s", fileName, e.getMessage()));
        }
        return reading.result(dataset, rawTable);
    }

    /** The state of one payload's reading, across its members. */
    private static final class Reading
    {
        private final AemoReport report;
        private final String fileName;
        private final List<RawRecord> records = new ArrayList<>();
        private final List<RejectedRecord> rejected = new ArrayList<>();
        private final Map<String, Integer> ignored = new TreeMap<>();
        private final List<String> notes = new ArrayList<>();
        private final Set<LocalDate> operatingDates = new TreeSet<>();
        private final Set<String> tablesSeen = new TreeSet<>();
        private Instant publishedAtUtc;
        private Instant firstEnd;
        private Instant lastEnd;
        private int members;

        Reading(AemoReport report, String fileName)
        {
            this.report = report;
            this.fileName = fileName;
        }

        void member(String member, InputStream content)
                throws IOException
        {
            members++;
            LastByteInputStream tracked = new LastByteInputStream(content);
            PayloadLines lines = new PayloadLines(tracked, PayloadLines.Breaks.ANY, PayloadLines.Decoding.REPLACE);
            String line = lines.next();
            if (line != null && line.startsWith("\uFEFF")) {
                line = line.substring(1);
            }
            while (line != null && line.isBlank()) {
                line = lines.next();
            }
            if (line == null) {
                throw LakehouseException.badData("Cannot parse AEMO file %s as %s: member %s is empty", fileName, report.reportName(), member);
            }
            if (!line.startsWith("C,")) {
                throw LakehouseException.badData("Cannot parse AEMO file %s as %s: member %s is not an MMS C/I/D file: its first line is not a C row: %s",
                        fileName, report.reportName(), member, excerpt(line));
            }
            header(CsvLine.split(line));
            Schema schema = null;
            Integer footerCount = null;
            int footerLine = 0;
            int lineCount = lines.lineNumber();
            String next = lines.next();
            while (next != null) {
                String current = next;
                int currentNumber = lines.lineNumber();
                next = lines.next();
                lineCount = currentNumber;
                boolean last = next == null;
                if (current.isBlank()) {
                    continue;
                }
                List<String> fields = CsvLine.split(current);
                if (footerLine > 0) {
                    rejected.add(RejectedRecord.line(currentNumber, current, String.format("a line after the END OF REPORT footer of line %d of member %s",
                            footerLine, member)));
                    continue;
                }
                String kind = fields.get(0);
                if (kind.equals("C")) {
                    if (fields.size() >= 2 && fields.get(1).equals(FOOTER)) {
                        footerLine = currentNumber;
                        footerCount = fields.size() >= 3 ? integerOrNull(fields.get(2)) : null;
                    }
                    // other C rows are comments
                    continue;
                }
                if (kind.equals("I")) {
                    if (fields.size() < 5) {
                        rejected.add(RejectedRecord.line(currentNumber, current, "an I row with no columns (it needs group, table, version and column names)"));
                        schema = Schema.unreadable(currentNumber);
                        continue;
                    }
                    schema = Schema.of(fields, currentNumber);
                    tablesSeen.add(schema.label());
                    continue;
                }
                if (!kind.equals("D")) {
                    rejected.add(RejectedRecord.line(currentNumber, current, "unknown row type '" + excerpt(kind) + "': MMS rows start with C, I or D"));
                    continue;
                }
                boolean cutShort = last && !tracked.endsWithLineBreak();
                if (schema == null) {
                    rejected.add(RejectedRecord.line(currentNumber, current, "a D row before any I row: its columns are unknown"));
                    continue;
                }
                if (schema.columns == null) {
                    rejected.add(RejectedRecord.line(currentNumber, current, "a D row under the unreadable I row of line " + schema.line));
                    continue;
                }
                if (fields.size() < 4 || !fields.get(1).equals(schema.group) || !fields.get(2).equals(schema.table) || !fields.get(3).equals(schema.version)) {
                    rejected.add(RejectedRecord.line(currentNumber, current, String.format("a D row of %s under the I row of %s (line %d)",
                            fields.size() < 4 ? "no table" : String.join(",", fields.subList(1, 4)), schema.label(), schema.line)));
                    continue;
                }
                if (schema.mmsTable.isEmpty() || !report.tables().contains(schema.mmsTable.get())) {
                    ignored.merge(schema.group + "." + schema.table, 1, Integer::sum);
                    continue;
                }
                if (cutShort) {
                    rejected.add(RejectedRecord.line(currentNumber, current, String.format("the file ends inside this line (no line break after it and no END OF "
                            + "REPORT footer): a row cut short, not read (member %s)", member)));
                    continue;
                }
                if (fields.size() != schema.columns.size() + 4) {
                    rejected.add(RejectedRecord.line(currentNumber, current, String.format("%d fields, expected %d as the I row of line %d names",
                            fields.size(), schema.columns.size() + 4, schema.line)));
                    continue;
                }
                try {
                    RawRecord record = schema.mmsTable.get() == MmsTable.MARKET_PRICE_THRESHOLDS
                            ? threshold(member, currentNumber, schema, fields)
                            : price(member, currentNumber, schema, fields);
                    records.add(record);
                }
                catch (RowException e) {
                    rejected.add(RejectedRecord.line(currentNumber, current, e.getMessage()));
                }
            }
            if (footerLine == 0) {
                String reason = String.format("Cannot read AEMO file %s to its end: member %s has no END OF REPORT footer (truncated after line %d); its complete "
                        + "rows are kept", fileName, member, lineCount);
                rejected.add(RejectedRecord.wholePayload(reason));
                notes.add(reason);
                log.warn("{}", reason);
            }
            else if (footerCount == null || footerCount != footerLine) {
                String note = String.format("the footer of member %s counts %s lines, the member has %d (a trimmed copy?): kept as read", member,
                        footerCount == null ? "no number of" : footerCount, footerLine);
                notes.add(note);
                log.warn("AEMO file {}: {}", fileName, note);
            }
        }

        private void header(List<String> fields)
        {
            // C,SETP.WORLD,DVD_DISPATCHPRICE,AEMO,PUBLIC,2018/05/08,00:20:04,...
            if (publishedAtUtc == null && fields.size() >= 7) {
                try {
                    publishedAtUtc = AemoMarket.instant(LocalDateTime.parse(fields.get(5) + " " + fields.get(6), AemoMarket.MMS_DATE_TIME));
                }
                catch (DateTimeParseException e) {
                    // the header's date is informational
                }
            }
        }

        private AemoPriceRecord price(String member, int lineNumber, Schema schema, List<String> fields)
        {
            String settlementDate = schema.required(fields, "SETTLEMENTDATE");
            Instant end = AemoMarket.instant(dateTime(settlementDate, "SETTLEMENTDATE"));
            String region = schema.required(fields, "REGIONID");
            Map<FcasService, BigDecimal> fcas = new EnumMap<>(FcasService.class);
            for (FcasService service : FcasService.values()) {
                BigDecimal price = decimal(schema.field(fields, service.column()), service.column());
                if (price != null) {
                    fcas.put(service, price);
                }
            }
            BigDecimal rrp = decimal(schema.required(fields, "RRP"), "RRP");
            Instant start = end.minus(java.time.Duration.ofMinutes(AemoPayloadPrices.intervalMinutes(schema.mmsTable.get(), end)));
            AemoPriceRecord record = new AemoPriceRecord(member, lineNumber, schema.mmsTable.get(), schema.versionNumber, settlementDate, start, end, region,
                    integer(schema.field(fields, "RUNNO"), "RUNNO"), integer(schema.field(fields, "INTERVENTION"), "INTERVENTION"),
                    integer(schema.field(fields, "PERIODID"), "PERIODID"), schema.field(fields, "DISPATCHINTERVAL"), rrp, fcas,
                    schema.field(fields, "PRICE_STATUS"), schema.field(fields, "LASTCHANGED"), json(schema, fields));
            firstEnd = firstEnd == null || end.isBefore(firstEnd) ? end : firstEnd;
            lastEnd = lastEnd == null || end.isAfter(lastEnd) ? end : lastEnd;
            operatingDates.add(AemoMarket.TIME.operatingDate(start));
            return record;
        }

        private AemoThresholdRecord threshold(String member, int lineNumber, Schema schema, List<String> fields)
        {
            LocalDate effective = dateTime(schema.required(fields, "EFFECTIVEDATE"), "EFFECTIVEDATE").toLocalDate();
            // the dates its rows of curated.spot_prices have (trade_date): what the fetch log says the payload covers
            operatingDates.add(effective);
            return new AemoThresholdRecord(member, lineNumber, schema.versionNumber, effective, integer(schema.field(fields, "VERSIONNO"), "VERSIONNO"),
                    decimal(schema.field(fields, "VOLL"), "VOLL"), decimal(schema.field(fields, "MARKETPRICEFLOOR"), "MARKETPRICEFLOOR"),
                    decimal(schema.field(fields, "ADMINISTERED_PRICE_THRESHOLD"), "ADMINISTERED_PRICE_THRESHOLD"), schema.field(fields, "LASTCHANGED"),
                    json(schema, fields));
        }

        ParsedPayload result(String dataset, TableSpec rawTable)
        {
            String ignoredText = ignored.isEmpty() ? "none" : ignored.toString();
            log.info("Parsed AEMO {} file {}: {} records, {} rejected, tables {}, ignored rows of other tables {}", report.reportName(), fileName,
                    records.size(), rejected.size(), tablesSeen, ignoredText);
            if (records.isEmpty() && rejected.stream().allMatch(row -> row.lineNumber().isEmpty())) {
                if (report == AemoReport.DAILY && !tablesSeen.isEmpty()) {
                    return new ParsedPayload(FetchOutcome.NO_DATA, dataset, rawTable, List.of(), List.of(), Optional.empty(),
                            Optional.of(String.format("the file holds no DISPATCHPRICE or TRADINGPRICE rows; rows of other tables ignored: %s", ignoredText)),
                            Optional.empty(), Optional.ofNullable(publishedAtUtc), Set.of());
                }
                String reason = String.format("Cannot parse AEMO file %s as %s: it holds no %s rows (tables: %s)%s", fileName, report.reportName(),
                        String.join(" or ", report.tables().stream().map(MmsTable::tableName).sorted().toList()), tablesSeen.isEmpty() ? "none" : tablesSeen,
                        notes.isEmpty() ? "" : "; " + String.join("; ", notes));
                return ParsedPayload.rejected(dataset, rawTable, reason);
            }
            List<String> details = new ArrayList<>(notes);
            if (!rejected.isEmpty()) {
                details.add(rejected.size() + " rows rejected");
            }
            if (!ignored.isEmpty()) {
                details.add("rows of other tables ignored: " + ignoredText);
            }
            Optional<String> contentKey = firstEnd == null ? Optional.empty()
                    : Optional.of(String.join("|", report.requestName(), firstEnd.toString(), lastEnd.toString()));
            return new ParsedPayload(FetchOutcome.PARSED, dataset, rawTable, records, rejected, Optional.empty(),
                    details.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", details)), contentKey, Optional.ofNullable(publishedAtUtc),
                    operatingDates);
        }
    }

    /** The columns of one I row, by name. */
    private record Schema(int line, String group, String table, String version, int versionNumber, Optional<MmsTable> mmsTable, List<String> columns,
            Map<String, Integer> positions)
    {
        static Schema of(List<String> fields, int line)
        {
            List<String> columns = List.copyOf(fields.subList(4, fields.size()));
            Map<String, Integer> positions = new HashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                positions.putIfAbsent(columns.get(i).strip().toUpperCase(java.util.Locale.ROOT), i + 4);
            }
            Integer version = integerOrNull(fields.get(3));
            return new Schema(line, fields.get(1), fields.get(2), fields.get(3), version == null ? 0 : version, MmsTable.of(fields.get(1), fields.get(2)),
                    columns, positions);
        }

        static Schema unreadable(int line)
        {
            return new Schema(line, "", "", "", 0, Optional.empty(), null, Map.of());
        }

        String label()
        {
            return group + "," + table + " v" + version;
        }

        boolean has(String column)
        {
            return positions.containsKey(column);
        }

        /** The field of a column, null where the table has no such column or the field is blank. */
        String field(List<String> fields, String column)
        {
            Integer position = positions.get(column);
            if (position == null) {
                return null;
            }
            String value = fields.get(position).strip();
            return value.isEmpty() ? null : value;
        }

        String required(List<String> fields, String column)
        {
            if (!has(column)) {
                throw new RowException(String.format("column %s missing in the I row of %s (line %d)", column, label(), line));
            }
            String value = field(fields, column);
            if (value == null) {
                throw new RowException(column + " is empty");
            }
            return value;
        }
    }

    private static String json(Schema schema, List<String> fields)
    {
        StringWriter text = new StringWriter(fields.size() * 16);
        try (JsonGenerator json = JSON.createGenerator(text)) {
            json.writeStartObject();
            for (int i = 0; i < schema.columns.size(); i++) {
                json.writeStringField(schema.columns.get(i), fields.get(i + 4));
            }
            json.writeEndObject();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }

    static LocalDateTime dateTime(String value, String column)
    {
        try {
            return LocalDateTime.parse(value, AemoMarket.MMS_DATE_TIME);
        }
        catch (DateTimeParseException e) {
            throw new RowException(String.format("%s '%s' is not a date yyyy/MM/dd HH:mm:ss", column, excerpt(value)));
        }
    }

    /**
     * A decimal as {@link AemoTables#PRICE_TYPE} holds it, null for a blank field: exact up to 18 decimals, rounded half-even beyond (MMS
     * writes some cumulative prices with 22; {@code fields_json} keeps the text as published), never a negative scale ({@code 1E+3} is
     * {@code 1000}); refused beyond 20 integer digits.
     */
    static BigDecimal decimal(String value, String column)
    {
        if (value == null) {
            return null;
        }
        BigDecimal parsed;
        try {
            parsed = new BigDecimal(value);
        }
        catch (NumberFormatException e) {
            throw new RowException(String.format("%s '%s' is not a number", column, excerpt(value)));
        }
        if (parsed.precision() - parsed.scale() > AemoTables.MAX_INTEGER_DIGITS || parsed.scale() > 1000) {
            throw new RowException(String.format("%s '%s' is out of range (more than %d integer digits, or too many decimals)", column, excerpt(value),
                    AemoTables.MAX_INTEGER_DIGITS));
        }
        if (parsed.scale() > AemoTables.PRICE_TYPE.scale()) {
            return parsed.setScale(AemoTables.PRICE_TYPE.scale(), java.math.RoundingMode.HALF_EVEN);
        }
        return parsed.scale() < 0 ? parsed.setScale(0) : parsed;
    }

    private static Integer integer(String value, String column)
    {
        if (value == null) {
            return null;
        }
        Integer parsed = integerOrNull(value);
        if (parsed == null) {
            throw new RowException(String.format("%s '%s' is not an integer", column, excerpt(value)));
        }
        return parsed;
    }

    private static Integer integerOrNull(String value)
    {
        try {
            return Integer.valueOf(value.strip());
        }
        catch (NumberFormatException e) {
            return null;
        }
    }

    private static String excerpt(String text)
    {
        return text.length() <= 80 ? text : text.substring(0, 80) + "...";
    }

    /** A D row that cannot be read, with why. */
    static final class RowException
            extends RuntimeException
    {
        RowException(String message)
        {
            super(message, null, false, false);
        }
    }
}
