package io.energylakehouse.etl.source.caiso;

import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.csv.CsvLine;
import io.energylakehouse.common.table.TableSpec;
import io.energylakehouse.etl.raw.FetchOutcome;
import io.energylakehouse.etl.raw.ParsedPayload;
import io.energylakehouse.etl.raw.Payload;
import io.energylakehouse.etl.raw.PayloadParser;
import io.energylakehouse.etl.raw.RejectedRecord;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Parses OASIS PRC_LMP (day-ahead hourly, price in {@code MW}) and PRC_INTVL_LMP (real-time 5-minute,
 * price in {@code VALUE}) files into raw records. Columns are found by header name; rows may come in any
 * order; instants come from the GMT columns only. A file that is not the report it claims to be is
 * rejected whole; a line that cannot be read is rejected alone; an OASIS error report is reported as such
 * (ERR_CODE 1000 as "no data"), never as an empty success.
 */
public final class OasisLmpParser
        implements PayloadParser
{
    static final String START = "INTERVALSTARTTIME_GMT";
    static final String END = "INTERVALENDTIME_GMT";
    static final String NODE = "NODE";
    static final String LMP_TYPE = "LMP_TYPE";
    static final Set<String> LMP_TYPES = Set.of("LMP", "MCE", "MCC", "MCL", "MGHG");

    @Override
    public String market()
    {
        return CaisoMarket.MARKET;
    }

    @Override
    public List<TableSpec> rawTables()
    {
        return List.of(CaisoTables.RAW_PRC_LMP, CaisoTables.RAW_PRC_INTVL_LMP);
    }

    @Override
    public ParsedPayload parse(Payload payload)
    {
        OasisReport report = OasisReport.fromName(payload.report());
        try {
            return parse(report, OasisFiles.read(payload.bytes(), payload.fileName()), payload.fileName());
        }
        catch (LakehouseException e) {
            return ParsedPayload.rejected(report.dataset(), CaisoTables.rawTable(report), e.getMessage());
        }
    }

    /** Parses a file a user has, failing with one clear message if it is not a readable {@code report} file. */
    public static ParsedPayload parseFile(OasisReport report, byte[] bytes, String fileName)
    {
        ParsedPayload parsed = parse(report, OasisFiles.read(bytes, fileName), fileName);
        if (parsed.outcome() == FetchOutcome.REJECTED) {
            throw LakehouseException.badData("%s", parsed.detail().orElse("Cannot parse " + fileName));
        }
        return parsed;
    }

    static ParsedPayload parse(OasisReport report, OasisContent content, String fileName)
    {
        TableSpec rawTable = CaisoTables.rawTable(report);
        if (content instanceof OasisContent.ErrorReport error) {
            return ParsedPayload.operatorAnswer(error.isNoData() ? FetchOutcome.NO_DATA : FetchOutcome.OPERATOR_ERROR, report.dataset(), rawTable,
                    error.errorCode(), error.errorDescription());
        }
        OasisContent.Csv csv = (OasisContent.Csv) content;
        if (csv.reportName().isPresent() && !csv.reportName().get().equals(report.queryName())) {
            return ParsedPayload.rejected(report.dataset(), rawTable, String.format("Cannot parse CAISO OASIS file %s as %s: it holds report %s (member %s)",
                    fileName, report.queryName(), csv.reportName().get(), csv.memberNames().get(0)));
        }
        List<OasisLmpRecord> records = new ArrayList<>();
        List<RejectedRecord> rejected = new ArrayList<>();
        for (OasisContent.CsvMember member : csv.members()) {
            String problem = parseMember(report, member, fileName, records, rejected);
            if (problem != null) {
                return ParsedPayload.rejected(report.dataset(), rawTable, problem);
            }
        }
        if (records.isEmpty() && rejected.isEmpty()) {
            return new ParsedPayload(FetchOutcome.NO_DATA, report.dataset(), rawTable, List.of(), List.of(), Optional.empty(),
                    Optional.of("the file has a header but no rows"), Optional.empty(), csv.generatedAtUtc(), Set.of());
        }
        Set<LocalDate> operatingDates = new TreeSet<>();
        Instant first = null;
        Instant last = null;
        Set<String> groupTypes = new TreeSet<>();
        Set<Instant> starts = new java.util.HashSet<>();
        for (OasisLmpRecord record : records) {
            if (starts.add(record.intervalStartUtc())) {
                operatingDates.add(CaisoMarket.TIME.operatingDate(record.intervalStartUtc()));
            }
            first = first == null || record.intervalStartUtc().isBefore(first) ? record.intervalStartUtc() : first;
            last = last == null || record.intervalEndUtc().isAfter(last) ? record.intervalEndUtc() : last;
            if (record.grpType() != null) {
                groupTypes.add(record.grpType());
            }
        }
        Optional<String> contentKey = first == null ? Optional.empty()
                : Optional.of(String.join("|", report.queryName(), report.marketRunId(), first.toString(), last.toString(),
                        groupTypes.isEmpty() ? "nodes" : String.join("+", groupTypes)));
        return new ParsedPayload(FetchOutcome.PARSED, report.dataset(), rawTable, records, rejected, Optional.empty(),
                rejected.isEmpty() ? Optional.empty() : Optional.of(rejected.size() + " lines rejected"),
                contentKey, csv.generatedAtUtc(), operatingDates);
    }

    /** Returns why the whole member is unreadable, or null after adding its records and rejected lines. */
    private static String parseMember(OasisReport report, OasisContent.CsvMember member, String fileName, List<OasisLmpRecord> records,
            List<RejectedRecord> rejected)
    {
        String text = member.text();
        int headerEnd = lineEnd(text, 0);
        String headerLine = stripCarriageReturn(text.substring(0, headerEnd));
        if (headerLine.isBlank()) {
            return String.format("Cannot parse CAISO OASIS file %s: member %s has no header line", fileName, member.name());
        }
        OasisCsvLine.Header header = OasisCsvLine.Header.of(headerLine);
        List<String> missing = new ArrayList<>();
        for (String required : List.of(START, END, NODE, LMP_TYPE, report.valueColumn())) {
            if (!header.has(required)) {
                missing.add(required);
            }
        }
        if (!missing.isEmpty()) {
            return String.format("Cannot parse CAISO OASIS file %s as %s: column%s %s missing in header %s",
                    fileName, report.queryName(), missing.size() == 1 ? "" : "s", String.join(", ", missing), header.names());
        }
        Duration expectedLength = Duration.ofMinutes(report.intervalMinutes());
        // Line starts first (one scan), then blocks of lines parsed on every core, joined back in file order.
        int[] starts = lineStarts(text, headerEnd + 1);
        int blocks = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors() * 4, starts.length / LINES_PER_BLOCK));
        Positions positions = Positions.of(report, header);
        List<Block> parsed = java.util.stream.IntStream.range(0, blocks).parallel()
                .mapToObj(block -> parseLines(report, header.names().size(), positions, text, starts, (int) ((long) starts.length * block / blocks),
                        (int) ((long) starts.length * (block + 1) / blocks), expectedLength))
                .toList();
        for (Block block : parsed) {
            records.addAll(block.records);
            rejected.addAll(block.rejected);
        }
        return null;
    }

    /** Lines a block of a member is parsed in; a day of all nodes has some 160,000. */
    private static final int LINES_PER_BLOCK = 8_192;

    private record Block(List<OasisLmpRecord> records, List<RejectedRecord> rejected) {}

    /** Where each line after the header starts; the header is line 1, so line i + 2 starts at {@code starts[i]}. */
    private static int[] lineStarts(String text, int from)
    {
        int[] starts = new int[1024];
        int count = 0;
        for (int start = from; start < text.length(); ) {
            if (count == starts.length) {
                starts = Arrays.copyOf(starts, starts.length * 2);
            }
            starts[count++] = start;
            start = lineEnd(text, start) + 1;
        }
        return Arrays.copyOf(starts, count);
    }

    private static Block parseLines(OasisReport report, int columns, Positions positions, String text, int[] starts, int first, int last, Duration expectedLength)
    {
        List<OasisLmpRecord> records = new ArrayList<>(last - first);
        List<RejectedRecord> rejected = new ArrayList<>();
        // A file repeats the same few hundred interval bounds on every node's rows: parse each once,
        // and the same node names, types and dates on thousands of lines: keep one copy of each.
        Map<String, Instant> instants = new HashMap<>();
        Map<String, String> texts = new HashMap<>();
        Map<String, LocalDate> dates = new HashMap<>();
        for (int index = first; index < last; index++) {
            int lineNumber = index + 2;
            String line = stripCarriageReturn(text.substring(starts[index], lineEnd(text, starts[index])));
            if (line.isBlank()) {
                continue;
            }
            List<String> fields = CsvLine.split(line);
            if (fields.size() != columns) {
                rejected.add(RejectedRecord.line(lineNumber, line, String.format("expected %d fields as in the header, found %d", columns, fields.size())));
                continue;
            }
            try {
                OasisLmpRecord record = record(report, positions, fields, lineNumber, instants, texts, dates);
                String problem = check(report, record, expectedLength);
                if (problem != null) {
                    rejected.add(new RejectedRecord(Optional.of(lineNumber), Optional.of(line), problem, Optional.of(record.node()),
                            Optional.of(record.intervalStartUtc()), Optional.of(CaisoMarket.TIME.operatingDate(record.intervalStartUtc()))));
                    continue;
                }
                records.add(record);
            }
            catch (LineException e) {
                rejected.add(RejectedRecord.line(lineNumber, line, e.getMessage()));
            }
        }
        return new Block(records, rejected);
    }

    private static int lineEnd(String text, int from)
    {
        int end = text.indexOf('\n', from);
        return end < 0 ? text.length() : end;
    }

    private static String stripCarriageReturn(String line)
    {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    private static String check(OasisReport report, OasisLmpRecord record, Duration expectedLength)
    {
        if (!LMP_TYPES.contains(record.lmpType())) {
            return "unknown LMP_TYPE '" + record.lmpType() + "' (known: LMP, MCE, MCC, MCL, MGHG)";
        }
        if (record.marketRunId() != null && !record.marketRunId().equals(report.marketRunId())) {
            return "MARKET_RUN_ID '" + record.marketRunId() + "' in a " + report.queryName() + " file, expected " + report.marketRunId();
        }
        Duration length = Duration.between(record.intervalStartUtc(), record.intervalEndUtc());
        if (!length.equals(expectedLength)) {
            return String.format("interval %s..%s lasts %d minutes, expected %d", record.intervalStartUtc(), record.intervalEndUtc(),
                    length.toMinutes(), expectedLength.toMinutes());
        }
        return null;
    }

    /** Where each column of the record sits in a member's lines, resolved once from its header (-1: absent). */
    private record Positions(int start, int end, int oprDt, int oprHr, int oprInterval, int nodeIdXml, int nodeId, int node, int marketRunId,
            int lmpType, int xmlDataItem, int pnodeResmrid, int grpType, int pos, int value, int group)
    {
        static Positions of(OasisReport report, OasisCsvLine.Header header)
        {
            return new Positions(header.position(START), header.position(END), header.position("OPR_DT"), header.position("OPR_HR"),
                    header.position("OPR_INTERVAL"), header.position("NODE_ID_XML"), header.position("NODE_ID"), header.position(NODE),
                    header.position("MARKET_RUN_ID"), header.position(LMP_TYPE), header.position("XML_DATA_ITEM"), header.position("PNODE_RESMRID"),
                    header.position("GRP_TYPE"), header.position("POS"), header.position(report.valueColumn()), header.position("GROUP"));
        }
    }

    private static OasisLmpRecord record(OasisReport report, Positions at, List<String> fields, int lineNumber, Map<String, Instant> instants,
            Map<String, String> texts, Map<String, LocalDate> dates)
    {
        // In column order, so a line with several problems is told the first one, as before.
        Instant start = instant(fields, at.start(), START, instants);
        Instant end = instant(fields, at.end(), END, instants);
        String oprDt = OasisCsvLine.Header.field(fields, at.oprDt());
        LocalDate operatingDate = null;
        if (oprDt != null) {
            operatingDate = dates.get(oprDt);
            if (operatingDate == null) {
                operatingDate = date(oprDt, "OPR_DT");
                dates.put(oprDt, operatingDate);
            }
        }
        Integer oprHr = integer(fields, at.oprHr(), "OPR_HR");
        Integer oprInterval = integer(fields, at.oprInterval(), "OPR_INTERVAL");
        String nodeIdXml = text(fields, at.nodeIdXml(), texts);
        String nodeId = text(fields, at.nodeId(), texts);
        String node = text(fields, at.node(), texts);
        if (node == null) {
            throw new LineException("NODE is empty");
        }
        String marketRunId = text(fields, at.marketRunId(), texts);
        String lmpType = text(fields, at.lmpType(), texts);
        if (lmpType == null) {
            throw new LineException("LMP_TYPE is empty");
        }
        return new OasisLmpRecord(lineNumber, start, end, operatingDate, oprHr, oprInterval, nodeIdXml, nodeId, node, marketRunId, lmpType,
                text(fields, at.xmlDataItem(), texts),
                text(fields, at.pnodeResmrid(), texts),
                text(fields, at.grpType(), texts),
                decimal(fields, at.pos(), "POS"),
                decimal(fields, at.value(), report.valueColumn()),
                integer(fields, at.group(), "GROUP"));
    }

    /** The field, one shared copy per distinct value in the block (node names, types, run ids repeat on every line). */
    private static String text(List<String> fields, int position, Map<String, String> texts)
    {
        String value = OasisCsvLine.Header.field(fields, position);
        if (value == null) {
            return null;
        }
        String known = texts.putIfAbsent(value, value);
        return known == null ? value : known;
    }

    /** OASIS writes {@code 2024-03-10T08:00:00-00:00}: an explicit zero offset, which OffsetDateTime reads as UTC. */
    private static Instant instant(List<String> fields, int position, String column, Map<String, Instant> instants)
    {
        String value = OasisCsvLine.Header.field(fields, position);
        if (value == null) {
            throw new LineException(column + " is empty");
        }
        Instant known = instants.get(value);
        if (known != null) {
            return known;
        }
        try {
            Instant parsed = OffsetDateTime.parse(value).toInstant();
            instants.put(value, parsed);
            return parsed;
        }
        catch (DateTimeParseException e) {
            throw new LineException(column + " '" + value + "' is not an ISO date-time with offset");
        }
    }

    private static LocalDate date(String value, String column)
    {
        try {
            return LocalDate.parse(value);
        }
        catch (DateTimeParseException e) {
            throw new LineException(column + " '" + value + "' is not a date");
        }
    }

    private static Integer integer(List<String> fields, int position, String column)
    {
        String value = OasisCsvLine.Header.field(fields, position);
        if (value == null) {
            return null;
        }
        try {
            return Integer.valueOf(value);
        }
        catch (NumberFormatException e) {
            throw new LineException(column + " '" + value + "' is not an integer");
        }
    }

    private static Double decimal(List<String> fields, int position, String column)
    {
        String value = OasisCsvLine.Header.field(fields, position);
        if (value == null) {
            return null;
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
        throw new LineException(column + " '" + value + "' is not a number");
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
