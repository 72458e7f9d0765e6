package io.energylakehouse.etl.source.nyiso;

import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.csv.CsvLine;
import io.energylakehouse.common.table.TableSpec;
import io.energylakehouse.etl.raw.BoundedZip;
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
import java.nio.charset.StandardCharsets;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * Parses NYISO LBMP files ({@code damlbmp_zone}, {@code damlbmp_gen}, {@code realtime_zone}, {@code realtime_gen},
 * {@code rtlbmp_zone}): a daily CSV, or a monthly zip whose members are daily CSVs of the same report. Columns are found
 * by name (the congestion header may be cut to {@code Marginal Cost Congestion ($/MWH}); leading blank lines and a
 * missing final newline are tolerated; rows may come in any order.
 *
 * <p>Time Stamps are Eastern prevailing time with no DST flag. On the fall-back day a repeated local time is resolved
 * per PTID by the Time Zone column where the file has one, else by order: the first occurrence is EDT, the second EST,
 * a third is rejected. A time the clock skips (spring forward) is rejected. Hourly files label the interval's start,
 * the five-minute real-time files its end. In a real-time file a PTID's row that ends 15 minutes after its previous
 * one, on a quarter hour, starts the RTC look-ahead: it and the PTID's later rows are rejected, only RTD rows are kept.
 *
 * <p>A file that is not the report it claims to be (its name or a member's names another report, an hourly report
 * with five-minute time stamps, a missing column) is rejected whole with one line naming the file; a line that cannot
 * be read is rejected alone; a file with a header and no rows is "no data". Nothing escapes as an exception.
 */
public final class NyisoLbmpParser
        implements PayloadParser
{
    private static final DateTimeFormatter TIME_STAMP = DateTimeFormatter.ofPattern("MM/dd/uuuu HH:mm[:ss]");
    private static final int PEEK_BYTES = 4096;
    /** The length of an RTC look-ahead interval: a PTID's row this long after its previous one, ending on a quarter hour, is RTC. */
    private static final Duration RTC_INTERVAL = Duration.ofMinutes(15);

    private final PayloadLimits limits;

    public NyisoLbmpParser()
    {
        this(PayloadLimits.DEFAULTS);
    }

    public NyisoLbmpParser(PayloadLimits limits)
    {
        this.limits = requireNonNull(limits, "limits is null");
    }

    @Override
    public String market()
    {
        return NyisoMarket.MARKET;
    }

    @Override
    public List<TableSpec> rawTables()
    {
        return NyisoTables.rawTables();
    }

    @Override
    public ParsedPayload parse(Payload payload)
    {
        NyisoReport report = NyisoReport.fromName(payload.report());
        if (payload.httpStatus() == 404) {
            return new ParsedPayload(FetchOutcome.NO_DATA, report.dataset(), NyisoTables.rawTable(report), List.of(), List.of(), Optional.empty(),
                    Optional.of("NYISO has no file " + payload.fileName() + " (HTTP 404)"), Optional.empty(), Optional.empty(), Set.of());
        }
        return parse(report, payload.content(), payload.fileName(), limits);
    }

    @Override
    public ParsedPayload rejected(Payload payload, String reason)
    {
        NyisoReport report = NyisoReport.fromName(payload.report());
        return ParsedPayload.rejected(report.dataset(), NyisoTables.rawTable(report), reason);
    }

    /** Parses a file a user has, failing with one clear message if it is not a readable {@code report} file. */
    public static ParsedPayload parseFile(NyisoReport report, byte[] bytes, String fileName)
    {
        ParsedPayload parsed = parse(report, PayloadContent.of(bytes), fileName, PayloadLimits.DEFAULTS);
        if (parsed.outcome() == FetchOutcome.REJECTED) {
            throw LakehouseException.badData("%s", parsed.detail().orElse("Cannot parse NYISO file " + fileName));
        }
        return parsed;
    }

    /** Never throws on bad data: a whole file that cannot be read is a {@link FetchOutcome#REJECTED} payload with the reason. */
    static ParsedPayload parse(NyisoReport report, PayloadContent content, String fileName, PayloadLimits limits)
    {
        TableSpec rawTable = NyisoTables.rawTable(report);
        String tooLarge = limits.tooLarge(content.size());
        if (tooLarge != null) {
            return ParsedPayload.rejected(report.dataset(), rawTable, String.format("Cannot parse NYISO file %s: %s", fileName, tooLarge));
        }
        Rows rows = new Rows(report, fileName);
        try {
            checkName(report, fileName, fileName);
            read(content, fileName, limits, rows);
        }
        catch (LakehouseException e) {
            return ParsedPayload.rejected(report.dataset(), rawTable, e.getMessage());
        }
        catch (RuntimeException e) {
            return ParsedPayload.rejected(report.dataset(), rawTable, String.format("Cannot parse NYISO file %s: %s", fileName, e));
        }
        if (rows.records.isEmpty() && rows.rejected.isEmpty()) {
            return new ParsedPayload(FetchOutcome.NO_DATA, report.dataset(), rawTable, List.of(), List.of(), Optional.empty(),
                    Optional.of(rows.members == 0 ? "the zip holds no daily CSV" : "the file has a header but no rows"), Optional.empty(), Optional.empty(),
                    Set.of());
        }
        Set<LocalDate> operatingDates = new TreeSet<>();
        Instant first = null;
        Instant last = null;
        for (NyisoLbmpRecord record : rows.records) {
            operatingDates.add(NyisoMarket.TIME.operatingDate(record.intervalStartUtc()));
            first = first == null || record.intervalStartUtc().isBefore(first) ? record.intervalStartUtc() : first;
            last = last == null || record.intervalEndUtc().isAfter(last) ? record.intervalEndUtc() : last;
        }
        Optional<String> contentKey = first == null ? Optional.empty() : Optional.of(report.reportName() + "|" + first + "|" + last);
        return new ParsedPayload(FetchOutcome.PARSED, report.dataset(), rawTable, rows.records, rows.rejected, Optional.empty(),
                rows.rejected.isEmpty() ? Optional.empty() : Optional.of(rows.rejected.size() + " lines rejected"), contentKey, Optional.empty(), operatingDates);
    }

    /** Refuses a file or member whose MIS name is another of our reports' (files named otherwise are judged by their content). */
    private static void checkName(NyisoReport report, String fileName, String name)
    {
        Optional<NyisoReport> named = NyisoFileName.parse(name).flatMap(NyisoFileName::report);
        if (named.isPresent() && named.get() != report) {
            String what = name.equals(fileName) ? "its name" : "its member " + name;
            throw bad(fileName, what + " says it is a " + named.get().describe() + " file, not " + report.describe());
        }
    }

    private static void read(PayloadContent content, String fileName, PayloadLimits limits, Rows rows)
    {
        try (InputStream opened = content.open()) {
            BufferedInputStream input = new BufferedInputStream(opened, 1 << 16);
            input.mark(PEEK_BYTES);
            byte[] head = input.readNBytes(PEEK_BYTES);
            input.reset();
            if (head.length == 0) {
                throw bad(fileName, "the file is empty");
            }
            if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
                BoundedZip.walk(input, content.size(), limits, (name, member) -> {
                    if (!name.toLowerCase(Locale.ROOT).endsWith(".csv")) {
                        throw bad(fileName, "zip member '" + name + "' is not a CSV");
                    }
                    checkName(rows.report, fileName, name);
                    readCsv(member, name, rows);
                }, new BoundedZip.Failures()
                {
                    @Override
                    public LakehouseException unreadable(String why)
                    {
                        return bad(fileName, why);
                    }

                    @Override
                    public LakehouseException cutShort(List<String> membersRead)
                    {
                        return bad(fileName, "not a readable zip: no end-of-central-directory record (the download was cut short"
                                + (membersRead.isEmpty() ? "" : " after member " + membersRead.get(membersRead.size() - 1)) + ")");
                    }
                });
                return;
            }
            for (byte b : head) {
                if (b == 0) {
                    throw bad(fileName, "neither a zip nor a CSV text file");
                }
            }
            String start = new String(head, StandardCharsets.UTF_8).stripLeading();
            if (start.startsWith("<")) {
                throw bad(fileName, "an HTML or XML page, not a CSV (starts: " + start.substring(0, Math.min(60, start.length())).replaceAll("\\s+", " ") + ")");
            }
            readCsv(input, fileName, rows);
        }
        catch (IOException e) {
            throw bad(fileName, "cannot be read (" + e.getMessage() + ")");
        }
    }

    private static void readCsv(InputStream input, String member, Rows rows)
            throws IOException
    {
        PayloadLines lines = new PayloadLines(input, PayloadLines.Breaks.ANY, PayloadLines.Decoding.REPLACE);
        rows.members++;
        try {
            String header = lines.next();
            while (header != null && stripBom(header).isBlank()) {
                header = lines.next();
            }
            if (header == null) {
                throw bad(rows.fileName, (member.equals(rows.fileName) ? "" : "member " + member + ": ") + "no header line (the file is blank)");
            }
            Columns columns = Columns.of(CsvLine.split(stripBom(header)), rows.fileName, member);
            List<Fields> fields = new ArrayList<>();
            for (String line = lines.next(); line != null; line = lines.next()) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    fields.add(columns.fields(member, lines.lineNumber(), CsvLine.split(line), rows));
                }
                catch (LineException e) {
                    rows.rejected.add(RejectedRecord.line(lines.lineNumber(), line, member + " line " + lines.lineNumber() + ": " + e.getMessage()));
                }
            }
            rows.place(member, fields);
        }
        catch (PayloadLines.LineTooLongException e) {
            throw bad(rows.fileName, "member " + member + ": " + e.getMessage() + ": not a CSV text file");
        }
    }

    private static String stripBom(String line)
    {
        return line.startsWith("\uFEFF") ? line.substring(1) : line;
    }

    static LakehouseException bad(String fileName, String why)
    {
        return LakehouseException.badData("Cannot parse NYISO file %s: %s", fileName, why);
    }

    /** Where the columns are in a header; the congestion header may be cut short, so names are matched by their start. */
    private record Columns(int count, int timeStamp, int timeZone, int name, int ptid, int lbmp, int losses, int congestion)
    {
        static Columns of(List<String> header, String fileName, String member)
        {
            Map<String, Integer> positions = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                String normalized = header.get(i).strip().toLowerCase(Locale.ROOT);
                for (String column : List.of("time stamp", "time zone", "name", "ptid", "lbmp", "marginal cost losses", "marginal cost congestion")) {
                    if (normalized.equals(column) || normalized.startsWith(column + " ") || normalized.startsWith(column + "(")) {
                        positions.putIfAbsent(column, i);
                    }
                }
            }
            List<String> missing = new ArrayList<>();
            for (String column : List.of("time stamp", "name", "ptid", "lbmp", "marginal cost losses", "marginal cost congestion")) {
                if (!positions.containsKey(column)) {
                    missing.add(display(column));
                }
            }
            if (!missing.isEmpty()) {
                throw bad(fileName, (member.equals(fileName) ? "" : "member " + member + ": ") + "column" + (missing.size() > 1 ? "s " : " ")
                        + String.join(", ", missing) + " missing in header " + header.stream().map(String::strip).toList());
            }
            return new Columns(header.size(), positions.get("time stamp"), positions.getOrDefault("time zone", -1), positions.get("name"),
                    positions.get("ptid"), positions.get("lbmp"), positions.get("marginal cost losses"), positions.get("marginal cost congestion"));
        }

        private static String display(String column)
        {
            return switch (column) {
                case "time stamp" -> "Time Stamp";
                case "name" -> "Name";
                case "ptid" -> "PTID";
                case "lbmp" -> "LBMP ($/MWHr)";
                case "marginal cost losses" -> "Marginal Cost Losses ($/MWHr)";
                default -> "Marginal Cost Congestion ($/MWHr)";
            };
        }

        Fields fields(String member, int lineNumber, List<String> values, Rows rows)
        {
            if (values.size() != count) {
                throw new LineException("has " + values.size() + " fields, the header " + count + " (a truncated or malformed line)");
            }
            String stamp = required(values, timeStamp, "Time Stamp");
            LocalDateTime local = rows.times.get(stamp);
            if (local == null) {
                try {
                    local = LocalDateTime.parse(stamp, TIME_STAMP);
                }
                catch (DateTimeParseException e) {
                    throw new LineException("Time Stamp '" + stamp + "' is not MM/DD/YYYY HH:MM:SS");
                }
                rows.times.put(stamp, local);
                stamp = rows.shared(stamp);
            }
            else {
                stamp = rows.shared(stamp);
            }
            String zone = timeZone == -1 ? null : values.get(timeZone).strip();
            if (zone != null && zone.isEmpty()) {
                zone = null;
            }
            if (zone != null && !zone.equals("EDT") && !zone.equals("EST")) {
                throw new LineException("Time Zone '" + zone + "' is not EDT or EST");
            }
            String ptidText = required(values, ptid, "PTID");
            long ptidValue;
            try {
                ptidValue = Long.parseLong(ptidText);
            }
            catch (NumberFormatException e) {
                throw new LineException("PTID '" + ptidText + "' is not an integer");
            }
            return new Fields(member, lineNumber, stamp, local, zone == null ? null : rows.shared(zone), rows.shared(required(values, name, "Name")), ptidValue, number(values, lbmp, "LBMP ($/MWHr)"),
                    number(values, losses, "Marginal Cost Losses ($/MWHr)"), number(values, congestion, "Marginal Cost Congestion ($/MWHr)"));
        }

        private static String required(List<String> values, int position, String column)
        {
            String value = values.get(position).strip();
            if (value.isEmpty()) {
                throw new LineException(column + " is empty");
            }
            return value;
        }

        private static double number(List<String> values, int position, String column)
        {
            String value = required(values, position, column);
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
    }

    /** A row read, its time not yet placed: a repeated fall-back time is resolved per PTID once the whole member is read. */
    private record Fields(String member, int lineNumber, String stamp, LocalDateTime local, String zone, String name, long ptid, double lbmp,
                          double losses, double congestion) {}

    /** The rows of one payload. */
    private static final class Rows
    {
        private final NyisoReport report;
        private final String fileName;
        private final ZoneRules rules = NyisoMarket.TIME.zone().getRules();
        private final List<NyisoLbmpRecord> records = new ArrayList<>();
        private final List<RejectedRecord> rejected = new ArrayList<>();
        /** One copy per distinct Time Stamp, name and zone: each repeats on many rows. */
        private final Map<String, String> texts = new HashMap<>();
        private final Map<String, LocalDateTime> times = new HashMap<>();
        private int members;

        Rows(NyisoReport report, String fileName)
        {
            this.report = report;
            this.fileName = fileName;
        }

        /** Places one member's rows on the UTC time line, per PTID in file order, then drops the RTC look-ahead of real-time files. */
        void place(String member, List<Fields> fields)
        {
            if (!report.intervalEnding()) {
                for (Fields row : fields) {
                    if (row.local().getMinute() != 0 || row.local().getSecond() != 0) {
                        throw bad(fileName, (member.equals(fileName) ? "" : "member " + member + ": ") + "line " + row.lineNumber() + " has Time Stamp '"
                                + row.stamp() + "' inside an hour: not the hourly " + report.describe() + " but a five-minute file");
                    }
                }
            }
            Map<Long, Map<LocalDateTime, Integer>> seen = new HashMap<>();
            Map<Long, List<NyisoLbmpRecord>> placed = new LinkedHashMap<>();
            for (Fields row : fields) {
                int occurrence = seen.computeIfAbsent(row.ptid(), ptid -> new HashMap<>()).merge(row.local(), 1, Integer::sum);
                Instant stamp;
                try {
                    stamp = instant(row, occurrence);
                }
                catch (LineException e) {
                    rejected.add(reject(row, e.getMessage(), null));
                    continue;
                }
                Instant start = report.intervalEnding() ? stamp.minus(report.intervalLength()) : stamp;
                placed.computeIfAbsent(row.ptid(), ptid -> new ArrayList<>()).add(new NyisoLbmpRecord(report, member, row.lineNumber(), start,
                        start.plus(report.intervalLength()), row.stamp(), row.zone(), row.name(), row.ptid(), row.lbmp(), row.losses(), row.congestion()));
            }
            for (List<NyisoLbmpRecord> ptidRecords : placed.values()) {
                if (!report.intervalEnding()) {
                    records.addAll(ptidRecords);
                    continue;
                }
                List<NyisoLbmpRecord> sorted = new ArrayList<>(ptidRecords);
                sorted.sort(Comparator.comparing(NyisoLbmpRecord::intervalEndUtc));
                Instant previousEnd = null;
                boolean lookAhead = false;
                for (NyisoLbmpRecord record : sorted) {
                    if (!lookAhead && previousEnd != null && Duration.between(previousEnd, record.intervalEndUtc()).equals(RTC_INTERVAL)
                            && record.intervalEndUtc().atZone(NyisoMarket.TIME.zone()).getMinute() % 15 == 0) {
                        lookAhead = true;
                    }
                    if (lookAhead) {
                        rejected.add(new RejectedRecord(Optional.of(record.lineNumber()), Optional.empty(), member + " line " + record.lineNumber()
                                + ": RTC look-ahead interval ending " + record.timeStamp() + " (the PTID's previous five-minute interval ended "
                                + previousEnd + "): only RTD five-minute rows are kept", Optional.of(Long.toString(record.ptid())),
                                Optional.of(record.intervalStartUtc()), Optional.empty()));
                        continue;
                    }
                    previousEnd = record.intervalEndUtc();
                    records.add(record);
                }
            }
        }

        /** The instant of a row's local time stamp; {@code occurrence} counts the PTID's rows at that local time so far, this one included. */
        private Instant instant(Fields row, int occurrence)
        {
            List<ZoneOffset> offsets = rules.getValidOffsets(row.local());
            if (offsets.isEmpty()) {
                throw new LineException("Time Stamp '" + row.stamp() + "' does not exist in Eastern time (the spring-forward hour)");
            }
            ZoneOffset daylight = offsets.stream().max(Comparator.comparingInt(ZoneOffset::getTotalSeconds)).orElseThrow();
            ZoneOffset standard = offsets.stream().min(Comparator.comparingInt(ZoneOffset::getTotalSeconds)).orElseThrow();
            ZoneOffset offset;
            if (row.zone() != null) {
                offset = row.zone().equals("EDT") ? daylight : standard;
                if (!offsets.contains(offset) || offsets.size() == 1 && !offset.equals(offsets.get(0))) {
                    throw new LineException("Time Stamp '" + row.stamp() + "' is not " + row.zone() + " in Eastern time");
                }
            }
            else if (offsets.size() == 1) {
                offset = offsets.get(0);
            }
            else if (occurrence <= 2) {
                // no flag on the repeated hour: the PTID's first row at this time is EDT, its second EST
                offset = occurrence == 1 ? daylight : standard;
            }
            else {
                throw new LineException("Time Stamp '" + row.stamp() + "' appears " + occurrence + " times for PTID " + row.ptid()
                        + " (a repeated fall-back time appears at most twice)");
            }
            return row.local().toInstant(offset);
        }

        String shared(String value)
        {
            String known = texts.putIfAbsent(value, value);
            return known == null ? value : known;
        }

        /** The row's fields as a CSV line, for quarantine (the line's own text is not kept for every row). */
        private static String text(Fields row)
        {
            return "\"" + row.stamp() + "\"," + (row.zone() == null ? "" : "\"" + row.zone() + "\",") + "\"" + row.name() + "\"," + row.ptid() + "," + row.lbmp()
                    + "," + row.losses() + "," + row.congestion();
        }

        private RejectedRecord reject(Fields row, String reason, Instant start)
        {
            return new RejectedRecord(Optional.of(row.lineNumber()), Optional.of(text(row)), row.member() + " line " + row.lineNumber() + ": " + reason,
                    Optional.of(Long.toString(row.ptid())), Optional.ofNullable(start), Optional.empty());
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
