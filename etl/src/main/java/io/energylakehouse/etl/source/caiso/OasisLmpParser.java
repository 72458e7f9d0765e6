package io.energylakehouse.etl.source.caiso;

import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.csv.CsvLine;
import io.energylakehouse.common.table.TableSpec;
import io.energylakehouse.etl.raw.FetchOutcome;
import io.energylakehouse.etl.raw.ParsedPayload;
import io.energylakehouse.etl.raw.Payload;
import io.energylakehouse.etl.raw.PayloadContent;
import io.energylakehouse.etl.raw.PayloadLimits;
import io.energylakehouse.etl.raw.PayloadLines;
import io.energylakehouse.etl.raw.PayloadParser;
import io.energylakehouse.etl.raw.RejectedRecord;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ForkJoinPool;

import static java.util.Objects.requireNonNull;

/**
 * Parses OASIS PRC_LMP (day-ahead hourly, price in {@code MW}) and PRC_INTVL_LMP (real-time 5-minute,
 * price in {@code VALUE}) files into raw records. Columns are found by header name; rows may come in any
 * order; instants come from the GMT columns only. A file that is not the report it claims to be is
 * rejected whole; a line that cannot be read is rejected alone; an OASIS error report is reported as such
 * (ERR_CODE 1000 as "no data"), never as an empty success. The file is read as a stream, within
 * {@link PayloadLimits}: a payload over the size limit, a zip bomb or a line without end is rejected whole.
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

    private final PayloadLimits limits;

    /** A parser with the default {@link PayloadLimits}. */
    public OasisLmpParser()
    {
        this(PayloadLimits.DEFAULTS);
    }

    public OasisLmpParser(PayloadLimits limits)
    {
        this.limits = requireNonNull(limits, "limits is null");
    }

    @Override
    public ParsedPayload parse(Payload payload)
    {
        OasisReport report = OasisReport.fromName(payload.report());
        try {
            return parse(report, payload.content(), payload.fileName(), limits);
        }
        catch (LakehouseException e) {
            return ParsedPayload.rejected(report.dataset(), CaisoTables.rawTable(report), e.getMessage());
        }
    }

    @Override
    public ParsedPayload rejected(Payload payload, String reason)
    {
        OasisReport report = OasisReport.fromName(payload.report());
        return ParsedPayload.rejected(report.dataset(), CaisoTables.rawTable(report), reason);
    }

    /** Parses a file a user has, failing with one clear message if it is not a readable {@code report} file. */
    public static ParsedPayload parseFile(OasisReport report, byte[] bytes, String fileName)
    {
        return parseFile(report, PayloadContent.of(bytes), fileName, PayloadLimits.DEFAULTS);
    }

    /** Parses a file a user has, read as a stream within the limits, failing with one clear message if it is not a readable {@code report} file. */
    public static ParsedPayload parseFile(OasisReport report, PayloadContent content, String fileName, PayloadLimits limits)
    {
        ParsedPayload parsed = parse(report, content, fileName, limits);
        if (parsed.outcome() == FetchOutcome.REJECTED) {
            throw LakehouseException.badData("%s", parsed.detail().orElse("Cannot parse " + fileName));
        }
        return parsed;
    }

    /** Throws a bad-data {@link LakehouseException} when the whole file is unreadable. */
    static ParsedPayload parse(OasisReport report, PayloadContent payloadContent, String fileName, PayloadLimits limits)
    {
        TableSpec rawTable = CaisoTables.rawTable(report);
        String tooLarge = limits.tooLarge(payloadContent.size());
        if (tooLarge != null) {
            return ParsedPayload.rejected(report.dataset(), rawTable, String.format("Cannot parse CAISO OASIS file %s: %s", fileName, tooLarge));
        }
        List<OasisLmpRecord> records = new ArrayList<>();
        List<RejectedRecord> rejected = new ArrayList<>();
        List<String> membersRead = new ArrayList<>();
        OasisContent content = OasisFiles.read(payloadContent, fileName, limits, (memberName, lines) -> {
            membersRead.add(memberName);
            parseMember(report, memberName, membersRead.size() == 1, lines, fileName, records, rejected);
        });
        if (content instanceof OasisContent.ErrorReport error) {
            return ParsedPayload.operatorAnswer(error.isNoData() ? FetchOutcome.NO_DATA : FetchOutcome.OPERATOR_ERROR, report.dataset(), rawTable,
                    error.errorCode(), error.errorDescription());
        }
        OasisContent.Csv csv = (OasisContent.Csv) content;
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

    /**
     * Reads one member's lines into records and rejected lines, or throws a bad-data {@link LakehouseException} when
     * the whole file is unreadable: the first member holds another report, or a header lacks a required column.
     */
    private static void parseMember(OasisReport report, String memberName, boolean firstMember, PayloadLines lines, String fileName,
            List<OasisLmpRecord> records, List<RejectedRecord> rejected)
            throws IOException
    {
        if (firstMember) {
            Optional<String> memberReport = OasisFiles.MemberName.parse(memberName).report();
            if (memberReport.isPresent() && !memberReport.get().equals(report.queryName())) {
                throw LakehouseException.badData("Cannot parse CAISO OASIS file %s as %s: it holds report %s (member %s)",
                        fileName, report.queryName(), memberReport.get(), memberName);
            }
        }
        String headerLine = lines.next();
        if (headerLine == null || headerLine.isBlank()) {
            throw LakehouseException.badData("Cannot parse CAISO OASIS file %s: member %s has no header line", fileName, memberName);
        }
        OasisCsvLine.Header header = OasisCsvLine.Header.of(headerLine);
        List<String> missing = new ArrayList<>();
        for (String required : List.of(START, END, NODE, LMP_TYPE, report.valueColumn())) {
            if (!header.has(required)) {
                missing.add(required);
            }
        }
        if (!missing.isEmpty()) {
            throw LakehouseException.badData("Cannot parse CAISO OASIS file %s as %s: column%s %s missing in header %s",
                    fileName, report.queryName(), missing.size() == 1 ? "" : "s", String.join(", ", missing), header.names());
        }
        Duration expectedLength = Duration.ofMinutes(report.intervalMinutes());
        Positions positions = Positions.of(report, header);
        int columns = header.names().size();
        // Blocks of lines are parsed on every core while the next ones are read; results are joined in file
        // order, and only a few blocks wait at a time, so the text is never held whole.
        int maxWaiting = Math.max(2, 2 * ForkJoinPool.getCommonPoolParallelism());
        List<CompletableFuture<Block>> waiting = new ArrayList<>();
        List<String> block = new ArrayList<>(LINES_PER_BLOCK);
        int blockFirstLine = lines.lineNumber() + 1;
        for (String line = lines.next(); ; line = lines.next()) {
            if (line != null) {
                block.add(line);
            }
            if (block.size() == LINES_PER_BLOCK || (line == null && !block.isEmpty())) {
                List<String> full = block;
                int firstLine = blockFirstLine;
                if (line == null && waiting.isEmpty()) {
                    add(parseLines(report, columns, positions, full, firstLine, expectedLength), records, rejected);
                }
                else {
                    waiting.add(CompletableFuture.supplyAsync(() -> parseLines(report, columns, positions, full, firstLine, expectedLength)));
                }
                block = new ArrayList<>(LINES_PER_BLOCK);
                blockFirstLine = lines.lineNumber() + 1;
            }
            while (waiting.size() > (line == null ? 0 : maxWaiting)) {
                add(join(waiting.remove(0)), records, rejected);
            }
            if (line == null) {
                return;
            }
        }
    }

    private static void add(Block block, List<OasisLmpRecord> records, List<RejectedRecord> rejected)
    {
        records.addAll(block.records);
        rejected.addAll(block.rejected);
    }

    private static Block join(CompletableFuture<Block> future)
    {
        try {
            return future.join();
        }
        catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    /** Lines a block of a member is parsed in; a day of all nodes has some 160,000. */
    private static final int LINES_PER_BLOCK = 8_192;

    private record Block(List<OasisLmpRecord> records, List<RejectedRecord> rejected) {}

    /** Parses a block of lines whose first is line {@code firstLine} of its member. */
    private static Block parseLines(OasisReport report, int columns, Positions positions, List<String> lines, int firstLine, Duration expectedLength)
    {
        List<OasisLmpRecord> records = new ArrayList<>(lines.size());
        List<RejectedRecord> rejected = new ArrayList<>();
        // A file repeats the same few hundred interval bounds on every node's rows: parse each once,
        // and the same node names, types and dates on thousands of lines: keep one copy of each.
        Map<String, Instant> instants = new HashMap<>();
        Map<String, String> texts = new HashMap<>();
        Map<String, LocalDate> dates = new HashMap<>();
        for (int index = 0; index < lines.size(); index++) {
            int lineNumber = firstLine + index;
            String line = lines.get(index);
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
