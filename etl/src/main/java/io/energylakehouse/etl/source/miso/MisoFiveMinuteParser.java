package io.energylakehouse.etl.source.miso;

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
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
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
 * Parses MISO's weekly five-minute LMP file, {@code {yyyyMMdd}_5MIN_LMP.zip}: a zip holding one CSV (or that CSV
 * unzipped) with title and notes lines, a header row (found by its {@code MKTHOUR_EST} cell, never by a fixed skip)
 * with columns {@code MKTHOUR_EST}, the node ({@code PNODENAME}, {@code CPNODE} or {@code Node}), {@code LMP},
 * {@code CON_LMP} and {@code LOSS_LMP} found by name, one line per node and interval, and a one-field footer line.
 * MKTHOUR_EST is the interval start in Eastern Standard Time, read at UTC-05:00 all year. (Column names and the
 * time format follow public descriptions of the file; no real file was at hand.)
 *
 * <p>A file of another report, a missing column or a zip that is not one readable CSV is rejected whole with one line
 * naming the file; a line that cannot be read is rejected alone. Nothing escapes as an exception. The records of a
 * payload are held in memory, as every parser's are: a full week of every node is far beyond the default
 * {@link PayloadLimits}, which refuse it whole.
 */
public final class MisoFiveMinuteParser
        implements PayloadParser
{
    private static final MisoReport REPORT = MisoReport.RT_5MIN_LMP;
    private static final ZoneOffset EST = ZoneOffset.ofHours(-5);
    private static final List<DateTimeFormatter> TIME_FORMATS = List.of(
            DateTimeFormatter.ofPattern("uuuu-MM-dd[ ]['T']HH:mm[:ss]"),
            DateTimeFormatter.ofPattern("M/d/uuuu H:mm[:ss]"),
            DateTimeFormatter.ofPattern("M/d/uuuu h:mm[:ss] a", Locale.US));
    private static final List<String> NODE_COLUMNS = List.of("PNODENAME", "CPNODE", "NODE");

    private final PayloadLimits limits;

    public MisoFiveMinuteParser()
    {
        this(PayloadLimits.DEFAULTS);
    }

    public MisoFiveMinuteParser(PayloadLimits limits)
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
        int status = payload.httpStatus();
        if (status == 404) {
            return new ParsedPayload(FetchOutcome.NO_DATA, REPORT.dataset(), MisoTables.RAW_RT_5MIN_LMP, List.of(), List.of(), Optional.empty(),
                    Optional.of("MISO has not published " + payload.fileName() + " (yet, or it is not a Monday): HTTP 404"), Optional.empty(), Optional.empty(),
                    Set.of());
        }
        if (status >= 400) {
            return ParsedPayload.operatorAnswer(FetchOutcome.OPERATOR_ERROR, REPORT.dataset(), MisoTables.RAW_RT_5MIN_LMP, "HTTP " + status,
                    "MISO answered HTTP " + status + " for " + payload.fileName());
        }
        return parse(payload.content(), payload.fileName(), limits);
    }

    @Override
    public ParsedPayload rejected(Payload payload, String reason)
    {
        return ParsedPayload.rejected(REPORT.dataset(), MisoTables.RAW_RT_5MIN_LMP, reason);
    }

    static ParsedPayload parse(PayloadContent content, String fileName, PayloadLimits limits)
    {
        TableSpec rawTable = MisoTables.RAW_RT_5MIN_LMP;
        String tooLarge = limits.tooLarge(content.size());
        if (tooLarge != null) {
            return ParsedPayload.rejected(REPORT.dataset(), rawTable, String.format("Cannot parse MISO file %s: %s", fileName, tooLarge));
        }
        MisoLmpParser.FileName name = MisoLmpParser.FileName.parse(fileName);
        if (name.reportName().isPresent() && !name.reportName().get().equals(REPORT.fileStem())) {
            return ParsedPayload.rejected(REPORT.dataset(), rawTable, String.format("Cannot parse MISO file %s as %s: its name says it is %s", fileName,
                    REPORT.reportName(), name.reportName().get()));
        }
        Rows rows = new Rows(fileName);
        try (InputStream input = new BufferedInputStream(content.open())) {
            input.mark(4);
            byte[] head = input.readNBytes(4);
            input.reset();
            if (head.length == 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
                List<String> members = BoundedZip.walk(input, content.size(), limits, (member, memberInput) -> {
                    if (rows.members++ > 0) {
                        throw bad(fileName, "the zip holds more than one member (" + member + " after the first); a 5MIN_LMP zip holds one CSV");
                    }
                    if (!member.toLowerCase(Locale.ROOT).endsWith(".csv")) {
                        throw bad(fileName, "zip member '" + member + "' is not a CSV");
                    }
                    read(memberInput, rows);
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
                        return bad(fileName, "not a readable zip: no end-of-central-directory record (the download was cut short)");
                    }
                });
                if (members.isEmpty()) {
                    throw bad(fileName, "the zip holds no CSV member");
                }
            }
            else {
                read(input, rows);
            }
        }
        catch (LakehouseException e) {
            return ParsedPayload.rejected(REPORT.dataset(), rawTable, e.getMessage());
        }
        catch (IOException | RuntimeException e) {
            return ParsedPayload.rejected(REPORT.dataset(), rawTable, String.format("Cannot parse MISO file %s: %s", fileName, e));
        }
        rows.finish();
        if (rows.lines == 0) {
            return new ParsedPayload(FetchOutcome.NO_DATA, REPORT.dataset(), rawTable, List.of(), List.of(), Optional.empty(),
                    Optional.of("the file has a header but no rows"), Optional.empty(), Optional.empty(), Set.of());
        }
        Set<LocalDate> operatingDates = new TreeSet<>();
        Instant first = null;
        Instant last = null;
        for (MisoFiveMinuteRecord record : rows.records) {
            operatingDates.add(MisoMarket.TIME.operatingDate(record.intervalStartUtc()));
            first = first == null || record.intervalStartUtc().isBefore(first) ? record.intervalStartUtc() : first;
            last = last == null || record.intervalEndUtc().isAfter(last) ? record.intervalEndUtc() : last;
        }
        Optional<String> contentKey = name.marketDay().map(day -> REPORT.reportName() + "|" + day);
        if (contentKey.isEmpty() && first != null) {
            contentKey = Optional.of(REPORT.reportName() + "|" + first + "|" + last);
        }
        List<String> notes = new ArrayList<>();
        if (!rows.rejected.isEmpty()) {
            notes.add(rows.rejected.size() + " lines rejected");
        }
        rows.footer.ifPresent(line -> notes.add("footer line " + line + " skipped"));
        return new ParsedPayload(FetchOutcome.PARSED, REPORT.dataset(), rawTable, rows.records, rows.rejected, Optional.empty(),
                notes.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", notes)), contentKey, Optional.empty(), operatingDates);
    }

    private static void read(InputStream input, Rows rows)
            throws IOException
    {
        PayloadLines lines = new PayloadLines(input, PayloadLines.Breaks.ANY, PayloadLines.Decoding.REPLACE);
        try {
            List<String> header = null;
            for (String line = lines.next(); line != null; line = lines.next()) {
                if (line.isBlank()) {
                    continue;
                }
                List<String> fields = CsvLine.split(line.replace("\uFEFF", "")).stream().map(field -> field.strip().toUpperCase(Locale.ROOT)).toList();
                if (fields.contains("MKTHOUR_EST")) {
                    header = fields;
                    break;
                }
                if (lines.lineNumber() >= MisoLmpParser.MAX_PREAMBLE_LINES) {
                    break;
                }
            }
            if (header == null) {
                throw bad(rows.fileName, String.format("no header row with MKTHOUR_EST in its first %d lines", MisoLmpParser.MAX_PREAMBLE_LINES));
            }
            rows.header(header, lines.lineNumber());
            for (String line = lines.next(); line != null; line = lines.next()) {
                if (!line.isBlank()) {
                    rows.row(lines.lineNumber(), line);
                }
            }
        }
        catch (PayloadLines.LineTooLongException e) {
            throw bad(rows.fileName, e.getMessage() + ": not a CSV text file");
        }
    }

    static LakehouseException bad(String fileName, String why)
    {
        return LakehouseException.badData("Cannot parse MISO file %s as %s: %s", fileName, REPORT.reportName(), why);
    }

    private static final class Rows
    {
        private final String fileName;
        private final List<MisoFiveMinuteRecord> records = new ArrayList<>();
        private final List<RejectedRecord> rejected = new ArrayList<>();
        private final Map<String, Instant> starts = new HashMap<>();
        private final Map<String, String> nodes = new HashMap<>();
        private int members;
        private int lines;
        private int columns;
        private int time;
        private int node;
        private int lmp;
        private int congestion;
        private int loss;
        /** A line with the wrong number of fields, held until the next line shows whether it was the footer. */
        private RejectedRecord pendingShort;
        private Optional<Integer> footer = Optional.empty();

        Rows(String fileName)
        {
            this.fileName = fileName;
        }

        void header(List<String> header, int lineNumber)
        {
            Map<String, Integer> positions = new LinkedHashMap<>();
            for (int i = 0; i < header.size(); i++) {
                positions.putIfAbsent(header.get(i), i);
            }
            Optional<String> nodeColumn = NODE_COLUMNS.stream().filter(positions::containsKey).findFirst();
            List<String> missing = new ArrayList<>();
            if (nodeColumn.isEmpty()) {
                missing.add("PNODENAME");
            }
            for (String column : List.of("LMP", "CON_LMP", "LOSS_LMP")) {
                if (!positions.containsKey(column)) {
                    missing.add(column);
                }
            }
            if (!missing.isEmpty()) {
                throw bad(fileName, String.format("column%s %s missing in header %s (line %d)", missing.size() == 1 ? "" : "s", String.join(", ", missing), header,
                        lineNumber));
            }
            columns = header.size();
            time = positions.get("MKTHOUR_EST");
            node = positions.get(nodeColumn.get());
            lmp = positions.get("LMP");
            congestion = positions.get("CON_LMP");
            loss = positions.get("LOSS_LMP");
        }

        void row(int number, String text)
        {
            if (pendingShort != null) {
                rejected.add(pendingShort);
                pendingShort = null;
            }
            lines++;
            List<String> fields = CsvLine.split(text);
            if (fields.size() != columns) {
                pendingShort = RejectedRecord.line(number, text, String.format("expected %d fields as in the header, found %d", columns, fields.size()));
                return;
            }
            String published = fields.get(time).strip();
            Instant start;
            try {
                start = start(published);
            }
            catch (IllegalArgumentException e) {
                rejected.add(RejectedRecord.line(number, text, e.getMessage()));
                return;
            }
            String nodeName = fields.get(node).strip();
            if (nodeName.isEmpty()) {
                rejected.add(RejectedRecord.line(number, text, "the node is empty"));
                return;
            }
            nodeName = nodes.computeIfAbsent(nodeName, key -> key);
            double[] prices = new double[3];
            int[] positions = {lmp, congestion, loss};
            String[] names = {"LMP", "CON_LMP", "LOSS_LMP"};
            for (int i = 0; i < 3; i++) {
                String cell = fields.get(positions[i]).strip();
                try {
                    prices[i] = Double.parseDouble(cell);
                }
                catch (NumberFormatException e) {
                    prices[i] = Double.NaN;
                }
                if (!Double.isFinite(prices[i])) {
                    rejected.add(new RejectedRecord(Optional.of(number), Optional.of(text), names[i] + " '" + cell + "' is not a number", Optional.of(nodeName),
                            Optional.of(start), Optional.of(MisoMarket.TIME.operatingDate(start))));
                    return;
                }
            }
            records.add(new MisoFiveMinuteRecord(number, start, published, nodeName, prices[0], prices[1], prices[2]));
        }

        /** The last line, when it has the wrong number of fields and is one field of text, is the footer (a disclaimer); otherwise it is rejected. */
        void finish()
        {
            if (pendingShort != null) {
                String text = pendingShort.record().orElse("");
                if (CsvLine.split(text).size() == 1) {
                    footer = pendingShort.lineNumber();
                    lines--;
                }
                else {
                    rejected.add(pendingShort);
                }
                pendingShort = null;
            }
        }

        private Instant start(String text)
        {
            Instant known = starts.get(text);
            if (known != null) {
                return known;
            }
            LocalDateTime local = null;
            for (DateTimeFormatter format : TIME_FORMATS) {
                try {
                    local = LocalDateTime.parse(text, format);
                    break;
                }
                catch (DateTimeParseException e) {
                    // try the next format
                }
            }
            if (local == null) {
                throw new IllegalArgumentException("MKTHOUR_EST '" + text + "' is not a date and time (yyyy-MM-dd HH:mm[:ss] or M/d/yyyy H:mm[:ss])");
            }
            if (local.getMinute() % 5 != 0 || local.getSecond() != 0) {
                throw new IllegalArgumentException("MKTHOUR_EST '" + text + "' does not start a five-minute interval");
            }
            Instant start = local.toInstant(EST);
            starts.put(text, start);
            return start;
        }
    }
}
