package io.energylakehouse.etl.source.miso;

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
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Parses MISO's hourly LMP market reports ({@code {yyyyMMdd}_da_expost_lmp.csv}, {@code _rt_lmp_prelim.csv},
 * {@code _rt_lmp_final.csv}): title and notes lines, then the header row (found by its {@code Node} cell, never by a
 * fixed skip), then three rows per node ({@code Value} LMP, MCC and MLC) with one column per hour ending
 * {@code HE 1..HE 24}. Columns are found by name; rows may come in any order. Each node and hour becomes one record
 * with the three values side by side.
 *
 * <p>Times are Eastern Standard Time all year (UTC-05:00, no DST): hour ending n of market day d starts at
 * d + (n - 1) h at UTC-05:00, so every market day has 24 hours, the DST days of America/Chicago included.
 *
 * <p>The market day is the file's date line ({@code MM/DD/YYYY} above the header) or, without one, the date its name
 * starts with; a file whose date line and name disagree is rejected. A file that is another report (its name or title
 * says so), has no header row or lacks a column is rejected whole with one line naming the file; a line that cannot
 * be read is rejected alone, and so is a node that lacks one of its three rows (a truncated file) or whose rows
 * disagree. A header without rows is "no data". Nothing escapes as an exception.
 */
public final class MisoLmpParser
        implements PayloadParser
{
    /** The header must come within this many lines: MISO puts a few title and notes lines above it. */
    static final int MAX_PREAMBLE_LINES = 20;
    private static final DateTimeFormatter DATE_LINE = DateTimeFormatter.ofPattern("M/d/uuuu");
    private static final DateTimeFormatter NAME_DATE = DateTimeFormatter.ofPattern("uuuuMMdd");
    private static final Pattern NAME = Pattern.compile("(?i)(?:.*?[/\\\\])?(\\d{8})_([a-z0-9_]+?)(?:\\s*\\(\\d+\\))?\\.(csv|zip|xls|xlsx)");
    private static final Pattern HOUR_COLUMN = Pattern.compile("(?i)HE\\s*(\\d{1,2})");
    /** The {@code Value} rows of a node, in the order the canonical table needs them. */
    private static final List<String> VALUES = List.of("LMP", "MCC", "MLC");

    private final PayloadLimits limits;

    public MisoLmpParser()
    {
        this(PayloadLimits.DEFAULTS);
    }

    public MisoLmpParser(PayloadLimits limits)
    {
        this.limits = requireNonNull(limits, "limits is null");
    }

    @Override
    public String market()
    {
        return MisoMarket.MARKET;
    }

    @Override
    public List<TableSpec> rawTables()
    {
        return MisoTables.ALL;
    }

    @Override
    public ParsedPayload parse(Payload payload)
    {
        MisoReport report = MisoReport.fromName(payload.report());
        int status = payload.httpStatus();
        if (status == 404) {
            // MISO's answer for a day it has not published (yet)
            return new ParsedPayload(FetchOutcome.NO_DATA, report.dataset(), MisoTables.rawTable(report), List.of(), List.of(), Optional.empty(),
                    Optional.of("MISO has not published " + payload.fileName() + " (yet): HTTP 404"), Optional.empty(), Optional.empty(), Set.of());
        }
        if (status >= 400) {
            return ParsedPayload.operatorAnswer(FetchOutcome.OPERATOR_ERROR, report.dataset(), MisoTables.rawTable(report), "HTTP " + status,
                    "MISO answered HTTP " + status + " for " + payload.fileName());
        }
        return parse(report, payload.content(), payload.fileName(), limits);
    }

    @Override
    public ParsedPayload rejected(Payload payload, String reason)
    {
        MisoReport report = MisoReport.fromName(payload.report());
        return ParsedPayload.rejected(report.dataset(), MisoTables.rawTable(report), reason);
    }

    /** Parses a file a user has, failing with one clear message if it is not a readable {@code report} file. */
    public static ParsedPayload parseFile(MisoReport report, byte[] bytes, String fileName)
    {
        ParsedPayload parsed = parse(report, PayloadContent.of(bytes), fileName, PayloadLimits.DEFAULTS);
        if (parsed.outcome() == FetchOutcome.REJECTED) {
            throw LakehouseException.badData("%s", parsed.detail().orElse("Cannot parse " + fileName));
        }
        return parsed;
    }

    /** The report and market day a MISO file name says ({@code 20240310_rt_lmp_final.csv}), where it says them. */
    record FileName(Optional<LocalDate> marketDay, Optional<String> reportName)
    {
        static FileName parse(String fileName)
        {
            Matcher matcher = NAME.matcher(fileName.strip());
            if (!matcher.matches()) {
                return new FileName(Optional.empty(), Optional.empty());
            }
            LocalDate day;
            try {
                day = LocalDate.parse(matcher.group(1), NAME_DATE);
            }
            catch (DateTimeParseException e) {
                return new FileName(Optional.empty(), Optional.empty());
            }
            return new FileName(Optional.of(day), Optional.of(matcher.group(2).toLowerCase(Locale.ROOT)));
        }
    }

    static ParsedPayload parse(MisoReport report, PayloadContent content, String fileName, PayloadLimits limits)
    {
        TableSpec rawTable = MisoTables.rawTable(report);
        String tooLarge = limits.tooLarge(content.size());
        if (tooLarge != null) {
            return ParsedPayload.rejected(report.dataset(), rawTable, String.format("Cannot parse MISO file %s: %s", fileName, tooLarge));
        }
        FileName name = FileName.parse(fileName);
        if (name.reportName().isPresent() && !name.reportName().get().equals(report.fileStem())) {
            return ParsedPayload.rejected(report.dataset(), rawTable, String.format("Cannot parse MISO file %s as %s: its name says it is %s", fileName,
                    report.reportName(), name.reportName().get()));
        }
        Rows rows;
        try (InputStream input = content.open()) {
            rows = read(report, input, fileName, name);
        }
        catch (LakehouseException e) {
            return ParsedPayload.rejected(report.dataset(), rawTable, e.getMessage());
        }
        catch (IOException | RuntimeException e) {
            // a parser never throws on bad data; anything unforeseen is the payload's fault, told with the file's name
            return ParsedPayload.rejected(report.dataset(), rawTable, String.format("Cannot parse MISO file %s: %s", fileName, e));
        }
        if (rows.lines == 0) {
            return new ParsedPayload(FetchOutcome.NO_DATA, report.dataset(), rawTable, List.of(), List.of(), Optional.empty(),
                    Optional.of("the file has a header but no rows"), Optional.empty(), Optional.empty(), Set.of());
        }
        List<MisoLmpRecord> records = rows.records();
        List<RejectedRecord> rejected = rows.rejected;
        Optional<String> contentKey = Optional.of(report.reportName() + "|" + rows.marketDay);
        return new ParsedPayload(FetchOutcome.PARSED, report.dataset(), rawTable, records, rejected, Optional.empty(),
                rejected.isEmpty() ? Optional.empty() : Optional.of(rejected.size() + " lines or node hours rejected"), contentKey, Optional.empty(),
                records.isEmpty() ? Set.of() : Set.of(rows.marketDay));
    }

    private static Rows read(MisoReport report, InputStream input, String fileName, FileName name)
            throws IOException
    {
        PayloadLines lines = new PayloadLines(input, PayloadLines.Breaks.ANY, PayloadLines.Decoding.REPLACE);
        try {
            Optional<LocalDate> dateLine = Optional.empty();
            List<String> header = null;
            int headerLine = 0;
            boolean titleSeen = false;
            for (String line = lines.next(); line != null; line = lines.next()) {
                if (line.isBlank()) {
                    continue;
                }
                // a byte-order mark (a file saved by Excel) is not part of the first cell
                List<String> fields = CsvLine.split(line.replace("\uFEFF", "")).stream().map(String::strip).toList();
                if (!fields.isEmpty() && fields.get(0).equalsIgnoreCase("Node")) {
                    header = fields;
                    headerLine = lines.lineNumber();
                    break;
                }
                if (lines.lineNumber() > MAX_PREAMBLE_LINES) {
                    break;
                }
                if (!titleSeen) {
                    // the first line is the report's title; notes below it may name other reports freely
                    checkTitle(report, fileName, fields, lines.lineNumber());
                    titleSeen = true;
                }
                if (dateLine.isEmpty()) {
                    dateLine = dateLine(fields);
                }
            }
            if (header == null) {
                throw LakehouseException.badData("Cannot parse MISO file %s as %s: no header row (Node,Type,Value,HE 1..HE 24) in its first %d lines", fileName,
                        report.reportName(), MAX_PREAMBLE_LINES);
            }
            LocalDate marketDay = marketDay(report, fileName, name, dateLine);
            Rows rows = new Rows(report, fileName, marketDay, header, headerLine);
            for (String line = lines.next(); line != null; line = lines.next()) {
                if (!line.isBlank()) {
                    rows.row(lines.lineNumber(), line);
                }
            }
            return rows;
        }
        catch (PayloadLines.LineTooLongException e) {
            throw LakehouseException.badData("Cannot parse MISO file %s: %s: not a CSV text file", fileName, e.getMessage());
        }
    }

    /** Rejects a file whose title (its first line) names another market report: {@code Real-Time Final Market LMPs} given as day-ahead. */
    private static void checkTitle(MisoReport report, String fileName, List<String> fields, int lineNumber)
    {
        String text = String.join(" ", fields).toLowerCase(Locale.ROOT);
        Optional<String> titled = Optional.empty();
        boolean dayAhead = text.contains("day ahead") || text.contains("day-ahead");
        boolean realTime = text.contains("real-time") || text.contains("real time");
        if (dayAhead && text.contains("ex") && text.contains("ante")) {
            titled = Optional.of("da_exante_lmp");
        }
        else if (dayAhead && text.contains("ex") && text.contains("post")) {
            titled = Optional.of(MisoReport.DA_EXPOST_LMP.reportName());
        }
        else if (realTime && text.contains("prelim")) {
            titled = Optional.of(MisoReport.RT_LMP_PRELIM.reportName());
        }
        else if (realTime && text.contains("final")) {
            titled = Optional.of(MisoReport.RT_LMP_FINAL.reportName());
        }
        if (titled.isPresent() && !titled.get().equals(report.reportName())) {
            throw LakehouseException.badData("Cannot parse MISO file %s as %s: its title '%s' (line %d) is the %s report", fileName, report.reportName(),
                    String.join(",", fields).strip(), lineNumber, titled.get());
        }
    }

    private static Optional<LocalDate> dateLine(List<String> fields)
    {
        for (String field : fields) {
            if (field.matches("\\d{1,2}/\\d{1,2}/\\d{4}")) {
                try {
                    return Optional.of(LocalDate.parse(field, DATE_LINE));
                }
                catch (DateTimeParseException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    private static LocalDate marketDay(MisoReport report, String fileName, FileName name, Optional<LocalDate> dateLine)
    {
        if (dateLine.isPresent() && name.marketDay().isPresent() && !dateLine.get().equals(name.marketDay().get())) {
            throw LakehouseException.badData("Cannot parse MISO file %s as %s: its date line says market day %s, its name %s", fileName, report.reportName(),
                    dateLine.get(), name.marketDay().get());
        }
        return dateLine.or(name::marketDay).orElseThrow(() -> LakehouseException.badData(
                "Cannot parse MISO file %s as %s: no market day (no MM/DD/YYYY line above the header and no yyyyMMdd_ at the start of its name)", fileName,
                report.reportName()));
    }

    /** One {@code Value} row of a node: its line and its 24 cells as published. */
    private record ValueRow(int lineNumber, String text, String type, List<String> cells) {}

    /** The rows of one file, by node and Value. */
    private static final class Rows
    {
        private final MisoReport report;
        private final LocalDate marketDay;
        private final int columns;
        private final int node;
        private final int type;
        private final int value;
        private final int[] hours = new int[24];
        private final Map<String, Map<String, ValueRow>> nodes = new LinkedHashMap<>();
        private final Map<String, Boolean> duplicated = new LinkedHashMap<>();
        private final List<RejectedRecord> rejected = new ArrayList<>();
        private int lines;

        Rows(MisoReport report, String fileName, LocalDate marketDay, List<String> header, int headerLine)
        {
            this.report = report;
            this.marketDay = marketDay;
            this.columns = header.size();
            Map<String, Integer> positions = new LinkedHashMap<>();
            Arrays.fill(hours, -1);
            for (int i = 0; i < header.size(); i++) {
                String column = header.get(i);
                Matcher hour = HOUR_COLUMN.matcher(column);
                if (hour.matches()) {
                    int number = Integer.parseInt(hour.group(1));
                    if (number < 1 || number > 24) {
                        throw LakehouseException.badData("Cannot parse MISO file %s as %s: column %s in header %s (line %d) is outside HE 1..HE 24; a MISO "
                                + "market day has 24 hours in EST", fileName, report.reportName(), column, header, headerLine);
                    }
                    hours[number - 1] = i;
                }
                else {
                    positions.putIfAbsent(column.toLowerCase(Locale.ROOT), i);
                }
            }
            List<String> missing = new ArrayList<>();
            for (String name : List.of("Node", "Type", "Value")) {
                if (!positions.containsKey(name.toLowerCase(Locale.ROOT))) {
                    missing.add(name);
                }
            }
            for (int hour = 1; hour <= 24; hour++) {
                if (hours[hour - 1] < 0) {
                    missing.add("HE " + hour);
                }
            }
            if (!missing.isEmpty()) {
                throw LakehouseException.badData("Cannot parse MISO file %s as %s: column%s %s missing in header %s (line %d)", fileName, report.reportName(),
                        missing.size() == 1 ? "" : "s", String.join(", ", missing), header, headerLine);
            }
            node = positions.get("node");
            type = positions.get("type");
            value = positions.get("value");
        }

        void row(int number, String text)
        {
            lines++;
            List<String> fields = CsvLine.split(text);
            if (fields.size() != columns) {
                rejected.add(RejectedRecord.line(number, text, String.format("expected %d fields as in the header, found %d", columns, fields.size())));
                return;
            }
            String nodeName = fields.get(node).strip();
            String nodeType = fields.get(type).strip();
            String valueName = fields.get(value).strip().toUpperCase(Locale.ROOT);
            if (nodeName.isEmpty()) {
                rejected.add(RejectedRecord.line(number, text, "Node is empty"));
                return;
            }
            if (!VALUES.contains(valueName)) {
                rejected.add(RejectedRecord.line(number, text, "unknown Value '" + fields.get(value).strip() + "' (known: " + String.join(", ", VALUES) + ")"));
                return;
            }
            List<String> cells = new ArrayList<>(24);
            for (int position : hours) {
                cells.add(fields.get(position).strip());
            }
            ValueRow row = new ValueRow(number, text, nodeType, List.copyOf(cells));
            Map<String, ValueRow> values = nodes.computeIfAbsent(nodeName, key -> new LinkedHashMap<>());
            ValueRow earlier = values.get(valueName);
            if (earlier == null) {
                values.put(valueName, row);
                return;
            }
            if (earlier.cells().equals(row.cells()) && earlier.type().equals(row.type())) {
                duplicated.put(nodeName, true);
                return;
            }
            rejected.add(RejectedRecord.line(number, text, String.format("node %s has a second %s row that disagrees with line %d", nodeName, valueName,
                    earlier.lineNumber())));
        }

        List<MisoLmpRecord> records()
        {
            Instant dayStart = MisoMarket.TIME.dayStart(marketDay);
            List<MisoLmpRecord> records = new ArrayList<>(nodes.size() * 24);
            for (Map.Entry<String, Map<String, ValueRow>> entry : nodes.entrySet()) {
                String nodeName = entry.getKey();
                Map<String, ValueRow> values = entry.getValue();
                List<String> absent = VALUES.stream().filter(name -> !values.containsKey(name)).toList();
                if (!absent.isEmpty()) {
                    reject(values, String.format("node %s has no %s row (each node has LMP, MCC and MLC rows; is the file truncated?)", nodeName,
                            String.join(", ", absent)));
                    continue;
                }
                ValueRow lmp = values.get("LMP");
                ValueRow mcc = values.get("MCC");
                ValueRow mlc = values.get("MLC");
                if (!lmp.type().equals(mcc.type()) || !lmp.type().equals(mlc.type())) {
                    reject(values, String.format("node %s has rows of different Types: %s, %s, %s", nodeName, lmp.type(), mcc.type(), mlc.type()));
                    continue;
                }
                if (lmp.type().isEmpty()) {
                    reject(values, "node " + nodeName + " has an empty Type");
                    continue;
                }
                for (int hour = 1; hour <= 24; hour++) {
                    Instant start = dayStart.plus(Duration.ofHours(hour - 1L));
                    String problem = null;
                    double[] prices = new double[3];
                    for (int i = 0; i < VALUES.size() && problem == null; i++) {
                        String cell = values.get(VALUES.get(i)).cells().get(hour - 1);
                        problem = number(cell);
                        if (problem == null) {
                            prices[i] = Double.parseDouble(cell);
                        }
                        else {
                            problem = String.format("%s HE %d of node %s %s", VALUES.get(i), hour, nodeName, problem);
                        }
                    }
                    if (problem != null) {
                        rejected.add(new RejectedRecord(Optional.of(lmp.lineNumber()), Optional.of(lmp.text()), problem, Optional.of(nodeName), Optional.of(start),
                                Optional.of(marketDay)));
                        continue;
                    }
                    records.add(new MisoLmpRecord(report, lmp.lineNumber(), start, marketDay, hour, nodeName, lmp.type(), prices[0], prices[1], prices[2],
                            duplicated.getOrDefault(nodeName, false)));
                }
            }
            return records;
        }

        private void reject(Map<String, ValueRow> values, String reason)
        {
            for (ValueRow row : values.values()) {
                rejected.add(RejectedRecord.line(row.lineNumber(), row.text(), reason));
            }
        }

        /** Why a cell is not a price, or null when it is one. */
        private static String number(String cell)
        {
            if (cell.isEmpty()) {
                return "is empty";
            }
            try {
                if (Double.isFinite(Double.parseDouble(cell))) {
                    return null;
                }
            }
            catch (NumberFormatException e) {
                // told below
            }
            return "'" + cell + "' is not a number";
        }
    }
}
