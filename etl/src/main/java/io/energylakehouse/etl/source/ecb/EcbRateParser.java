package io.energylakehouse.etl.source.ecb;

import io.energylakehouse.common.LakehouseException;
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

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Parses the ECB's euro reference-rate files, told apart by their content, not their names:
 * <ul>
 * <li>{@code eurofxref-hist.csv} (alone or in {@code eurofxref-hist.zip}): header {@code Date,USD,JPY,...,ZAR,}, one line per
 * business day, newest first, dates {@code yyyy-MM-dd};</li>
 * <li>the daily {@code eurofxref.csv} (in {@code eurofxref.zip}): the same layout with {@code ", "} between fields and the
 * date as {@code 09 May 2025};</li>
 * <li>{@code eurofxref-daily.xml} (and the {@code -hist}/{@code -hist-90d} XML): a gesmes envelope of
 * {@code <Cube time='yyyy-MM-dd'>} elements holding {@code <Cube currency='USD' rate='1.1252'/>}.</li>
 * </ul>
 * Every line of the CSVs ends with a comma: the empty last field is dropped. {@code N/A} (a currency not quoted that
 * day) is kept as a record whose text is N/A, so nothing received is lost; curation makes no row of it. Row order does
 * not matter. A cell that is empty or not a decimal, or a line with the wrong field count or an unreadable date, is
 * rejected alone; a file that is not a reference-rate file (another header, HTML, a zip of something else) is rejected
 * whole, with one line naming the file. Nothing escapes as an exception.
 */
public final class EcbRateParser
        implements PayloadParser
{
    private static final int PEEK_BYTES = 4096;
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Pattern DECIMAL = Pattern.compile("[0-9]+(\\.[0-9]+)?");
    private static final DateTimeFormatter DAILY_DATE = DateTimeFormatter.ofPattern("d MMMM uuuu", Locale.ENGLISH);

    private final PayloadLimits limits;

    public EcbRateParser()
    {
        this(PayloadLimits.DEFAULTS);
    }

    public EcbRateParser(PayloadLimits limits)
    {
        this.limits = requireNonNull(limits, "limits is null");
    }

    @Override
    public String market()
    {
        return EcbRates.MARKET;
    }

    @Override
    public List<TableSpec> rawTables()
    {
        return List.of(EcbTables.RAW_EUROFXREF);
    }

    @Override
    public ParsedPayload parse(Payload payload)
    {
        if (payload.httpStatus() == 404) {
            return new ParsedPayload(FetchOutcome.NO_DATA, EcbRates.REPORT, EcbTables.RAW_EUROFXREF, List.of(), List.of(), Optional.empty(),
                    Optional.of("the ECB has no file " + payload.fileName() + " (HTTP 404)"), Optional.empty(), Optional.empty(), Set.of());
        }
        return parse(payload.content(), payload.fileName(), limits);
    }

    @Override
    public ParsedPayload rejected(Payload payload, String reason)
    {
        return ParsedPayload.rejected(EcbRates.REPORT, EcbTables.RAW_EUROFXREF, reason);
    }

    /** Never throws on bad data: a file that cannot be read is a {@link FetchOutcome#REJECTED} payload with the reason. */
    public static ParsedPayload parse(PayloadContent content, String fileName, PayloadLimits limits)
    {
        String tooLarge = limits.tooLarge(content.size());
        if (tooLarge != null) {
            return ParsedPayload.rejected(EcbRates.REPORT, EcbTables.RAW_EUROFXREF, String.format("Cannot parse ECB eurofxref file %s: %s", fileName, tooLarge));
        }
        Cells cells = new Cells();
        try {
            read(content, fileName, limits, cells);
        }
        catch (LakehouseException e) {
            return ParsedPayload.rejected(EcbRates.REPORT, EcbTables.RAW_EUROFXREF, e.getMessage());
        }
        catch (RuntimeException e) {
            return ParsedPayload.rejected(EcbRates.REPORT, EcbTables.RAW_EUROFXREF, String.format("Cannot parse ECB eurofxref file %s: %s", fileName, e));
        }
        if (cells.records.isEmpty() && cells.rejected.isEmpty()) {
            return new ParsedPayload(FetchOutcome.NO_DATA, EcbRates.REPORT, EcbTables.RAW_EUROFXREF, List.of(), List.of(), Optional.empty(),
                    Optional.of("the file has a header but no rates"), Optional.empty(), Optional.empty(), Set.of());
        }
        TreeSet<LocalDate> dates = new TreeSet<>();
        cells.records.forEach(record -> dates.add(record.rateDate()));
        // A history file is a revision of the one before it (the ECB rewrites it every day); a one-day file is its day's.
        Optional<String> contentKey = dates.isEmpty() ? Optional.empty()
                : Optional.of(EcbRates.REPORT + "|" + (dates.size() == 1 ? "day|" + dates.first() : "history|" + dates.first()));
        // The file says no time; its newest date's rates were published at 16:00 Frankfurt time that day, so the file
        // cannot be older: that is its publication (for ordering payloads), whatever the file's modification time.
        Optional<java.time.Instant> published = dates.isEmpty() ? Optional.empty() : Optional.of(EcbRates.publishedAt(dates.last()));
        return new ParsedPayload(FetchOutcome.PARSED, EcbRates.REPORT, EcbTables.RAW_EUROFXREF, cells.records, cells.rejected, Optional.empty(),
                cells.rejected.isEmpty() ? Optional.empty() : Optional.of(cells.rejected.size() + " cells or lines rejected"), contentKey, published, dates);
    }

    private static void read(PayloadContent content, String fileName, PayloadLimits limits, Cells cells)
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
                List<String> members = BoundedZip.walk(input, content.size(), limits, (name, member) -> {
                    String lower = name.toLowerCase(Locale.ROOT);
                    if (!lower.endsWith(".csv") && !lower.endsWith(".xml")) {
                        throw bad(fileName, "zip member '" + name + "' is neither a CSV nor an XML file");
                    }
                    readText(new BufferedInputStream(member, 1 << 16), fileName, name, cells);
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
                if (members.isEmpty()) {
                    throw bad(fileName, "the zip holds no file");
                }
                return;
            }
            readText(input, fileName, fileName, cells);
        }
        catch (IOException e) {
            throw bad(fileName, "cannot be read (" + e.getMessage() + ")");
        }
    }

    /** A CSV or an XML file, told apart by its first characters. */
    private static void readText(BufferedInputStream input, String fileName, String member, Cells cells)
            throws IOException
    {
        input.mark(PEEK_BYTES);
        byte[] head = input.readNBytes(PEEK_BYTES);
        input.reset();
        for (byte b : head) {
            if (b == 0) {
                throw bad(fileName, where(fileName, member) + "neither a CSV nor an XML text file");
            }
        }
        String start = stripBom(new String(head, StandardCharsets.UTF_8)).stripLeading();
        if (start.startsWith("<")) {
            if (!start.contains("Envelope")) {
                throw bad(fileName, where(fileName, member) + "an HTML or XML page, not the ECB's reference rates (starts: "
                        + start.substring(0, Math.min(60, start.length())).replaceAll("\\s+", " ") + ")");
            }
            readXml(input, fileName, member, cells);
            return;
        }
        readCsv(input, fileName, member, cells);
    }

    private static void readCsv(InputStream input, String fileName, String member, Cells cells)
            throws IOException
    {
        PayloadLines lines = new PayloadLines(input, PayloadLines.Breaks.ANY, PayloadLines.Decoding.REPLACE);
        try {
            String header = lines.next();
            while (header != null && stripBom(header).isBlank()) {
                header = lines.next();
            }
            if (header == null) {
                throw bad(fileName, where(fileName, member) + "no header line (the file is blank)");
            }
            List<String> columns = fields(stripBom(header));
            if (columns.isEmpty() || !columns.get(0).equalsIgnoreCase("Date")) {
                throw bad(fileName, where(fileName, member) + "the header starts with '" + (columns.isEmpty() ? "" : columns.get(0))
                        + "', not Date: not an ECB reference-rate file (header " + columns.subList(0, Math.min(6, columns.size())) + ")");
            }
            List<String> currencies = columns.subList(1, columns.size());
            Set<String> seen = new HashSet<>();
            for (String currency : currencies) {
                if (!CURRENCY.matcher(currency).matches()) {
                    throw bad(fileName, where(fileName, member) + "header column '" + currency + "' is not an ISO 4217 currency code");
                }
                if (!seen.add(currency)) {
                    throw bad(fileName, where(fileName, member) + "header names currency " + currency + " twice");
                }
            }
            if (currencies.isEmpty()) {
                throw bad(fileName, where(fileName, member) + "the header names no currency");
            }
            for (String line = lines.next(); line != null; line = lines.next()) {
                if (line.isBlank()) {
                    continue;
                }
                int lineNumber = lines.lineNumber();
                List<String> values = fields(line);
                if (values.size() != columns.size()) {
                    cells.rejected.add(RejectedRecord.line(lineNumber, line, member + " line " + lineNumber + ": has " + values.size()
                            + " fields, the header " + columns.size() + " (a truncated or malformed line)"));
                    continue;
                }
                Optional<LocalDate> date = date(values.get(0));
                if (date.isEmpty()) {
                    cells.rejected.add(RejectedRecord.line(lineNumber, line, member + " line " + lineNumber + ": Date '" + values.get(0)
                            + "' is neither yyyy-MM-dd nor 'd MMMM yyyy'"));
                    continue;
                }
                for (int i = 0; i < currencies.size(); i++) {
                    cells.add(member, lineNumber, date.get(), currencies.get(i), values.get(i + 1), line);
                }
            }
        }
        catch (PayloadLines.LineTooLongException e) {
            throw bad(fileName, where(fileName, member) + e.getMessage() + ": not a CSV text file");
        }
    }

    private static void readXml(InputStream input, String fileName, String member, Cells cells)
    {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        XMLStreamReader reader = null;
        try {
            reader = factory.createXMLStreamReader(input);
            boolean root = true;
            LocalDate date = null;
            String dateText = null;
            while (reader.hasNext()) {
                if (reader.next() != XMLStreamConstants.START_ELEMENT) {
                    continue;
                }
                String element = reader.getLocalName();
                if (root) {
                    if (!element.equals("Envelope")) {
                        throw bad(fileName, where(fileName, member) + "the XML's root is <" + element + ">, not the ECB's gesmes Envelope");
                    }
                    root = false;
                    continue;
                }
                if (!element.equals("Cube")) {
                    continue;
                }
                int lineNumber = reader.getLocation().getLineNumber();
                String time = reader.getAttributeValue(null, "time");
                String currency = reader.getAttributeValue(null, "currency");
                String rate = reader.getAttributeValue(null, "rate");
                if (time != null) {
                    dateText = time.strip();
                    date = date(dateText).orElse(null);
                    if (date == null) {
                        cells.rejected.add(RejectedRecord.line(lineNumber, "<Cube time='" + time + "'>", member + " line " + lineNumber + ": Cube time '" + time
                                + "' is not yyyy-MM-dd: its rates are rejected"));
                    }
                }
                else if (currency != null || rate != null) {
                    String text = "<Cube currency='" + currency + "' rate='" + rate + "'/>";
                    if (date == null) {
                        cells.rejected.add(RejectedRecord.line(lineNumber, text, member + " line " + lineNumber + ": a rate "
                                + (dateText == null ? "outside any Cube with a time" : "under the unreadable Cube time '" + dateText + "'")));
                    }
                    else if (currency == null || !CURRENCY.matcher(currency.strip()).matches()) {
                        cells.rejected.add(RejectedRecord.line(lineNumber, text, member + " line " + lineNumber + ": Cube currency '" + currency
                                + "' is not an ISO 4217 currency code"));
                    }
                    else {
                        cells.add(member, lineNumber, date, currency.strip(), rate == null ? "" : rate, text);
                    }
                }
            }
            if (root) {
                throw bad(fileName, where(fileName, member) + "the XML has no element");
            }
        }
        catch (XMLStreamException e) {
            throw bad(fileName, where(fileName, member) + "not well-formed XML (" + e.getMessage().replaceAll("\\s+", " ") + ")");
        }
        finally {
            if (reader != null) {
                try {
                    reader.close();
                }
                catch (XMLStreamException e) {
                    // closing a reader of a stream we close ourselves
                }
            }
        }
    }

    /** The fields of a line, stripped (the daily CSV puts a space after each comma), without the empty field the trailing comma makes. */
    static List<String> fields(String line)
    {
        List<String> fields = new ArrayList<>();
        for (String field : line.split(",", -1)) {
            fields.add(field.strip());
        }
        if (fields.size() > 1 && fields.get(fields.size() - 1).isEmpty()) {
            fields.remove(fields.size() - 1);
        }
        return fields;
    }

    /** {@code 2025-05-09} (history) or {@code 09 May 2025} (daily CSV). */
    static Optional<LocalDate> date(String text)
    {
        try {
            return Optional.of(LocalDate.parse(text));
        }
        catch (DateTimeParseException e) {
            try {
                return Optional.of(LocalDate.parse(text, DAILY_DATE));
            }
            catch (DateTimeParseException again) {
                return Optional.empty();
            }
        }
    }

    private static String stripBom(String line)
    {
        return line.startsWith("\uFEFF") ? line.substring(1) : line;
    }

    private static String where(String fileName, String member)
    {
        return member.equals(fileName) ? "" : "member " + member + ": ";
    }

    static LakehouseException bad(String fileName, String why)
    {
        return LakehouseException.badData("Cannot parse ECB eurofxref file %s: %s", fileName, why);
    }

    /** The cells of one payload. */
    private static final class Cells
    {
        private final List<EcbRateRecord> records = new ArrayList<>();
        private final List<RejectedRecord> rejected = new ArrayList<>();

        /** A rate or N/A becomes a record; an empty cell or one that is not a decimal is rejected with its line. */
        void add(String member, int lineNumber, LocalDate date, String currency, String value, String line)
        {
            String text = value.strip();
            if (text.equals(EcbRates.NOT_QUOTED) || DECIMAL.matcher(text).matches()) {
                records.add(new EcbRateRecord(member, lineNumber, date, currency, text));
                return;
            }
            String reason = text.isEmpty() ? currency + " on " + date + " is empty (the ECB writes N/A for a currency it did not quote)"
                    : currency + " on " + date + " is '" + text + "', not a decimal or N/A";
            rejected.add(new RejectedRecord(Optional.of(lineNumber), Optional.of(line), member + " line " + lineNumber + ": " + reason,
                    Optional.of(currency), Optional.of(EcbRates.TIME.dayStart(date)), Optional.of(date)));
        }
    }
}
