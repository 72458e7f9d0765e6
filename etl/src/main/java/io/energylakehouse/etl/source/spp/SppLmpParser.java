package io.energylakehouse.etl.source.spp;

import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.csv.CsvLine;
import io.energylakehouse.common.table.TableSpec;
import io.energylakehouse.etl.http.PacedHttpClient;
import io.energylakehouse.etl.raw.FetchOutcome;
import io.energylakehouse.etl.raw.ParsedPayload;
import io.energylakehouse.etl.raw.LastByteInputStream;
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
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * Parses SPP Marketplace LMP files ({@code DA-LMP-SL}, {@code DA-LMP-B}, {@code RTBM-LMP-SL}, {@code RTBM-LMP-DAILY-SL}):
 * a CSV with a header {@code Interval,GMTIntervalEnd,Settlement Location,Pnode,LMP,MLC,MCC,MEC} (and {@code BAA} since
 * 2026-04-01), columns found by name in any of SPP's spellings ({@link SppColumn}), times with or without seconds, rows in
 * any order.
 *
 * <p>Times come from {@code GMTIntervalEnd} (interval end, UTC): the start is the end minus the report's interval
 * length. {@code Interval}, the same end in Central prevailing wall time, is only checked against it: a line whose
 * wall time is not that instant in Central time is rejected alone. So the fall-back day's repeated hour needs no flag.
 *
 * <p>A zero-byte file, or a header without rows, is "no data" (SPP writes empty interval files), never a failure. A file
 * whose name says another report, that misses a required column, holds several intervals where it should hold one, or
 * ends inside a line (truncated) is rejected whole with one line saying why; a line that cannot be read is rejected
 * alone. A live answer HTTP 404 (SPP has no such file) is "no data", another client error an operator error. The payload
 * is read as a stream within {@link PayloadLimits}; nothing escapes as an exception.
 */
public final class SppLmpParser
        implements PayloadParser
{
    /**
     * When a daily real-time file counts as published: SPP's daily file says nothing of it, so one hour after the end of
     * its last interval is assumed, which sorts it after every interval file of the day (published at their interval's
     * end) and makes it their later revision. Third-party notes say the file really appears about five days later (day
     * D at about 18:00 on D+5); not verified here.
     */
    public static final Duration DAILY_FILE_PUBLICATION_DELAY = Duration.ofHours(1);

    private static final int HTTP_NOT_FOUND = 404;
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("M/d/uuuu H:mm[:ss]");
    private static final DateTimeFormatter WALL_TIME = DateTimeFormatter.ofPattern("MM/dd/uuuu HH:mm:ss");
    private static final ZoneRules RULES = SppMarket.TIME.zone().getRules();

    private final PayloadLimits limits;

    /** A parser with the default {@link PayloadLimits}. */
    public SppLmpParser()
    {
        this(PayloadLimits.DEFAULTS);
    }

    public SppLmpParser(PayloadLimits limits)
    {
        this.limits = requireNonNull(limits, "limits is null");
    }

    @Override
    public String market()
    {
        return SppMarket.MARKET;
    }

    @Override
    public List<TableSpec> rawTables()
    {
        return List.of(SppTables.RAW_DA_LMP_SL, SppTables.RAW_DA_LMP_B, SppTables.RAW_RTBM_LMP_SL, SppTables.RAW_RTBM_LMP_DAILY);
    }

    @Override
    public ParsedPayload parse(Payload payload)
    {
        SppReport report = SppReport.fromName(payload.report());
        int status = payload.httpStatus();
        if (status == HTTP_NOT_FOUND) {
            // SPP has no such file: a missing interval (it happens) or a day not published; a gap, not a failure
            return noData(report, SppTables.rawTable(report), String.format("SPP has no file %s (HTTP 404)", payload.fileName()),
                    SppFileName.parse(payload.fileName()).flatMap(SppFileName::intervalEndUtc));
        }
        if (status >= 400 && status <= 499) {
            return ParsedPayload.operatorAnswer(FetchOutcome.OPERATOR_ERROR, report.dataset(), SppTables.rawTable(report), "HTTP " + status,
                    String.format("SPP answered HTTP %d for %s; body starts: %s", status, payload.fileName(), PacedHttpClient.excerpt(payload.content())));
        }
        return parse(report, payload.content(), payload.fileName(), limits);
    }

    @Override
    public ParsedPayload rejected(Payload payload, String reason)
    {
        SppReport report = SppReport.fromName(payload.report());
        return ParsedPayload.rejected(report.dataset(), SppTables.rawTable(report), reason);
    }

    /** Parses a file a user has, failing with one clear message if it is not a readable {@code report} file. */
    public static ParsedPayload parseFile(SppReport report, byte[] bytes, String fileName)
    {
        ParsedPayload parsed = parse(report, PayloadContent.of(bytes), fileName, PayloadLimits.DEFAULTS);
        if (parsed.outcome() == FetchOutcome.REJECTED) {
            throw LakehouseException.badData("%s", parsed.detail().orElse("Cannot parse " + fileName));
        }
        return parsed;
    }

    /** Never throws on bad data: a whole file that cannot be read is a {@link FetchOutcome#REJECTED} payload with the reason. */
    public static ParsedPayload parse(SppReport report, PayloadContent content, String fileName, PayloadLimits limits)
    {
        requireNonNull(report, "report is null");
        String prefix = String.format("Cannot parse SPP file %s as %s: ", fileName, report.filePrefix());
        TableSpec rawTable = SppTables.rawTable(report);
        String tooLarge = limits.tooLarge(content.size());
        if (tooLarge != null) {
            return ParsedPayload.rejected(report.dataset(), rawTable, prefix + tooLarge);
        }
        Optional<SppFileName> name = SppFileName.parse(fileName);
        if (name.isPresent() && name.get().report() != report) {
            return ParsedPayload.rejected(report.dataset(), rawTable, prefix + "its name says it is a " + name.get().report().filePrefix() + " file ("
                    + name.get().report().reportName() + ")");
        }
        Optional<Instant> namedPublication = name.flatMap(SppFileName::intervalEndUtc);
        Rows rows = new Rows(report);
        try (LastByteInputStream input = new LastByteInputStream(content.open())) {
            PayloadLines lines = new PayloadLines(input, PayloadLines.Breaks.ANY, PayloadLines.Decoding.REPLACE);
            String header = lines.next();
            while (header != null && header.isBlank()) {
                header = lines.next();
            }
            if (header == null) {
                String detail = name.flatMap(SppFileName::intervalEndUtc)
                        .map(end -> "the file is empty: SPP published no prices for the interval ending " + end)
                        .orElse("the file is empty");
                return noData(report, rawTable, detail, namedPublication);
            }
            String missing = rows.header(CsvLine.split(header));
            if (missing != null) {
                return ParsedPayload.rejected(report.dataset(), rawTable, prefix + missing + " in header " + header.strip());
            }
            for (String line = lines.next(); line != null; line = lines.next()) {
                if (!line.isBlank()) {
                    rows.row(lines.lineNumber(), line);
                }
            }
            if (rows.lastLineRejected && !input.endsWithLineBreak()) {
                RejectedRecord last = rows.rejected.get(rows.rejected.size() - 1);
                return ParsedPayload.rejected(report.dataset(), rawTable, prefix + String.format("it ends inside line %d without a line break (%s); truncated?",
                        last.lineNumber().orElse(0), last.reason()));
            }
        }
        catch (IOException e) {
            return ParsedPayload.rejected(report.dataset(), rawTable, prefix + e.getMessage());
        }
        catch (RuntimeException e) {
            // a parser never throws on bad data; anything unforeseen is the payload's fault, told with the file's name
            return ParsedPayload.rejected(report.dataset(), rawTable, prefix + e);
        }
        if (rows.records.isEmpty() && rows.rejected.isEmpty()) {
            return noData(report, rawTable, "the file has a header but no rows", namedPublication);
        }
        TreeSet<Instant> ends = new TreeSet<>();
        Set<LocalDate> operatingDates = new TreeSet<>();
        for (SppLmpRecord record : rows.records) {
            ends.add(record.intervalEndUtc());
            operatingDates.add(SppMarket.TIME.operatingDate(record.intervalStartUtc()));
        }
        if (report.span() == SppReport.Span.INTERVAL && ends.size() > 1) {
            return ParsedPayload.rejected(report.dataset(), rawTable, prefix + String.format("it holds %d intervals ending %s..%s, an interval file holds one "
                    + "(a daily or day-ahead file?)", ends.size(), ends.first(), ends.last()));
        }
        if (name.isPresent() && !ends.isEmpty()) {
            SppFileName named = name.get();
            if (named.intervalEndUtc().isPresent() && !ends.contains(named.intervalEndUtc().get())) {
                return ParsedPayload.rejected(report.dataset(), rawTable, prefix + String.format("its name says the interval ending %s, its rows hold the "
                        + "interval ending %s", named.intervalEndUtc().get(), ends.first()));
            }
            if (report.span() == SppReport.Span.DAY && !operatingDates.equals(Set.of(named.day()))) {
                return ParsedPayload.rejected(report.dataset(), rawTable, prefix + String.format("its name says operating day %s, its rows hold %s",
                        named.day(), operatingDates));
            }
        }
        Optional<Instant> publishedAtUtc = switch (report) {
            case RTBM_LMP_SL -> namedPublication.or(() -> ends.isEmpty() ? Optional.empty() : Optional.of(ends.last()));
            case RTBM_LMP_DAILY -> ends.isEmpty() ? Optional.empty() : Optional.of(ends.last().plus(DAILY_FILE_PUBLICATION_DELAY));
            // day-ahead files say nothing of their publication: landing takes when they were received
            case DA_LMP_SL, DA_LMP_B -> Optional.empty();
        };
        Optional<String> contentKey = ends.isEmpty() ? Optional.empty()
                : Optional.of(report.filePrefix() + "|" + ends.first().minus(report.intervalLength()) + "|" + ends.last());
        return new ParsedPayload(FetchOutcome.PARSED, report.dataset(), rawTable, rows.records, rows.rejected, Optional.empty(),
                rows.rejected.isEmpty() ? Optional.empty() : Optional.of(rows.rejected.size() + " lines rejected"), contentKey, publishedAtUtc, operatingDates);
    }

    private static ParsedPayload noData(SppReport report, TableSpec rawTable, String detail, Optional<Instant> publishedAtUtc)
    {
        return new ParsedPayload(FetchOutcome.NO_DATA, report.dataset(), rawTable, List.of(), List.of(), Optional.empty(), Optional.of(detail),
                Optional.empty(), publishedAtUtc, Set.of());
    }

    /** The lines of one file: the header's column positions, then records and rejected lines. */
    private static final class Rows
    {
        private final SppReport report;
        private final List<SppLmpRecord> records = new ArrayList<>();
        private final List<RejectedRecord> rejected = new ArrayList<>();
        private final Map<SppColumn, Integer> positions = new EnumMap<>(SppColumn.class);
        private final Map<String, Instant> ends = new HashMap<>();
        private final Map<String, String> texts = new HashMap<>();
        private int columns;
        private boolean lastLineRejected;

        Rows(SppReport report)
        {
            this.report = report;
        }

        /** Takes the header's positions; the problem when a required column is missing, else null. */
        String header(List<String> fields)
        {
            columns = fields.size();
            for (int i = 0; i < fields.size(); i++) {
                int position = i;
                SppColumn.of(fields.get(i)).ifPresent(column -> positions.putIfAbsent(column, position));
            }
            for (SppColumn required : List.of(SppColumn.GMT_INTERVAL_END, report.locationColumn(), SppColumn.LMP)) {
                if (!positions.containsKey(required)) {
                    return "column " + required.header() + " missing";
                }
            }
            return null;
        }

        void row(int number, String text)
        {
            List<String> fields = CsvLine.split(text);
            lastLineRejected = true;
            if (fields.size() != columns) {
                rejected.add(RejectedRecord.line(number, text, String.format("expected %d fields as in the header, found %d", columns, fields.size())));
                return;
            }
            Instant end;
            try {
                end = end(field(fields, SppColumn.GMT_INTERVAL_END));
                String interval = field(fields, SppColumn.INTERVAL);
                if (interval != null) {
                    checkWallTime(interval, end);
                }
                String settlementLocation = shared(field(fields, SppColumn.SETTLEMENT_LOCATION));
                String pnode = shared(field(fields, SppColumn.PNODE));
                if ((report.locationColumn() == SppColumn.SETTLEMENT_LOCATION ? settlementLocation : pnode) == null) {
                    throw new LineException(report.locationColumn().header() + " is empty");
                }
                Double lmp = price(fields, SppColumn.LMP);
                if (lmp == null) {
                    throw new LineException("LMP is empty");
                }
                records.add(new SppLmpRecord(report, number, end.minus(report.intervalLength()), end, shared(interval), settlementLocation, pnode, lmp,
                        price(fields, SppColumn.MLC), price(fields, SppColumn.MCC), price(fields, SppColumn.MEC), shared(field(fields, SppColumn.BAA))));
                lastLineRejected = false;
            }
            catch (LineException e) {
                rejected.add(RejectedRecord.line(number, text, e.getMessage()));
            }
        }

        private Instant end(String value)
        {
            if (value == null) {
                throw new LineException("GMTIntervalEnd is empty");
            }
            Instant known = ends.get(value);
            if (known != null) {
                return known;
            }
            Instant end;
            try {
                end = LocalDateTime.parse(value, TIMESTAMP).toInstant(ZoneOffset.UTC);
            }
            catch (DateTimeParseException e) {
                throw new LineException("GMTIntervalEnd '" + value + "' is not a time like 03/31/2025 13:50:00");
            }
            if (end.getEpochSecond() % (60L * report.intervalMinutes()) != 0) {
                throw new LineException(String.format("GMTIntervalEnd '%s' does not end a %d-minute interval", value, report.intervalMinutes()));
            }
            ends.put(value, end);
            return end;
        }

        /** The Interval column must be GMTIntervalEnd on Central prevailing time's clock (either pass of the repeated hour). */
        private static void checkWallTime(String value, Instant end)
        {
            LocalDateTime wall;
            try {
                wall = LocalDateTime.parse(value, TIMESTAMP);
            }
            catch (DateTimeParseException e) {
                throw new LineException("Interval '" + value + "' is not a time like 03/31/2025 08:50:00");
            }
            ZoneOffset offset = RULES.getOffset(end);
            if (!LocalDateTime.ofInstant(end, offset).equals(wall)) {
                throw new LineException(String.format("Interval '%s' is not GMTIntervalEnd %s in Central time (%s)", value, end,
                        LocalDateTime.ofInstant(end, offset).format(WALL_TIME)));
            }
        }

        private Double price(List<String> fields, SppColumn column)
        {
            String value = field(fields, column);
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
            throw new LineException(column.header() + " '" + value + "' is not a number");
        }

        /** The trimmed field of a column, or null when empty or the file has no such column. */
        private String field(List<String> fields, SppColumn column)
        {
            Integer position = positions.get(column);
            if (position == null) {
                return null;
            }
            String value = fields.get(position).trim();
            return value.isEmpty() ? null : value;
        }

        /** One shared copy per distinct value: locations and times repeat on every line. */
        private String shared(String value)
        {
            if (value == null) {
                return null;
            }
            String known = texts.putIfAbsent(value, value);
            return known == null ? value : known;
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
