package io.energylakehouse.etl.source.ieso;

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

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Parses IESO public report files: the market-renewal LMP CSVs ({@code DAHourlyEnergyLMP}, {@code RealtimeEnergyLMP}),
 * the Ontario zonal price XMLs ({@code DAHourlyOntarioZonalPrice}, {@code RealtimeOntarioZonalPrice}, in both schemas
 * IESO has used for the real-time one) and the pre-renewal HOEP CSV ({@code DispUnconsHOEP}).
 *
 * <p>Times: every IESO report is Eastern Standard Time all year (UTC-5, no DST). A price of delivery day D, hour ending
 * H (1..24) and, in real-time reports, five-minute interval I (1..12) starts at D 00:00 EST + (H - 1) h + (I - 1) * 5 min.
 * The delivery day is the one the file states ({@code FOR yyyy/MM/dd}, {@code DeliveryDate}), else the one its name
 * states; when both say, they must agree. {@code CREATED AT}/{@code CreatedAt} (EST, no offset) is the publication time.
 *
 * <p>Refusals, never exceptions: a file whose name says another report, that misses a required column or element,
 * is of the other layout (a real-time file given as day-ahead, say), is not well-formed XML, or ends inside a line is
 * rejected whole with one reason; a line or element that cannot be read is rejected alone. Prices published twice for
 * one location, hour and interval in one file (IESO's duplicate hour-endings, e.g. HOEP on 2025-04-16) are all
 * rejected with the reason, never renumbered. An empty file, or one with a header and no prices, is "no data"; so is a
 * live answer HTTP 404 (IESO has no such file).
 */
public final class IesoParser
        implements PayloadParser
{
    private static final int HTTP_NOT_FOUND = 404;
    /** Lines before an LMP CSV's header that are looked at before the file is declared headerless. */
    private static final int MAX_PREAMBLE_LINES = 20;
    private static final Pattern CREATED_AT = Pattern.compile("(?i)CREATED\\s+AT\\s*:?\\s*(\\d{4})[/-](\\d{1,2})[/-](\\d{1,2})[ T](\\d{1,2}):(\\d{2})(?::(\\d{2}))?");
    private static final Pattern FOR_DAY = Pattern.compile("(?i)\\bFOR\\s*:?\\s*(\\d{4})[/-](\\d{1,2})[/-](\\d{1,2})");
    private static final Pattern DATE = Pattern.compile("(\\d{4})[/-](\\d{1,2})[/-](\\d{1,2})");
    private static final Pattern DATE_TIME = Pattern.compile("(\\d{4})[/-](\\d{1,2})[/-](\\d{1,2})[ T](\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.\\d+)?)?");
    private static final Pattern HOUR_IN_DATE = Pattern.compile("(?i)\\bHour\\s*(\\d{1,2})");
    private static final Pattern INTERVAL_ELEMENT = Pattern.compile("OntarioZonalPriceInterval(\\d{1,2})");

    private final PayloadLimits limits;

    public IesoParser()
    {
        this(PayloadLimits.DEFAULTS);
    }

    public IesoParser(PayloadLimits limits)
    {
        this.limits = requireNonNull(limits, "limits is null");
    }

    @Override
    public String market()
    {
        return IesoMarket.MARKET;
    }

    @Override
    public List<TableSpec> rawTables()
    {
        return IesoTables.rawTables();
    }

    @Override
    public ParsedPayload parse(Payload payload)
    {
        IesoReport report = IesoReport.fromName(payload.report());
        int status = payload.httpStatus();
        if (status == HTTP_NOT_FOUND) {
            return noData(report, String.format("IESO has no file %s (HTTP 404)", payload.fileName()), Optional.empty());
        }
        if (status >= 400 && status <= 499) {
            return ParsedPayload.operatorAnswer(FetchOutcome.OPERATOR_ERROR, report.dataset(), IesoTables.rawTable(report), "HTTP " + status,
                    String.format("IESO answered HTTP %d for %s; body starts: %s", status, payload.fileName(), PacedHttpClient.excerpt(payload.content())));
        }
        return parse(report, payload.content(), payload.fileName(), limits);
    }

    @Override
    public ParsedPayload rejected(Payload payload, String reason)
    {
        IesoReport report = IesoReport.fromName(payload.report());
        return ParsedPayload.rejected(report.dataset(), IesoTables.rawTable(report), reason);
    }

    /** Parses a file a user has, failing with one clear message if it is not a readable {@code report} file. */
    public static ParsedPayload parseFile(IesoReport report, byte[] bytes, String fileName)
    {
        ParsedPayload parsed = parse(report, PayloadContent.of(bytes), fileName, PayloadLimits.DEFAULTS);
        if (parsed.outcome() == FetchOutcome.REJECTED) {
            throw LakehouseException.badData("%s", parsed.detail().orElse("Cannot parse " + fileName));
        }
        return parsed;
    }

    /** Never throws on bad data: a whole file that cannot be read is a {@link FetchOutcome#REJECTED} payload with the reason. */
    public static ParsedPayload parse(IesoReport report, PayloadContent content, String fileName, PayloadLimits limits)
    {
        requireNonNull(report, "report is null");
        String prefix = String.format("Cannot parse IESO file %s as %s: ", fileName, report.directory());
        TableSpec rawTable = IesoTables.rawTable(report);
        String tooLarge = limits.tooLarge(content.size());
        if (tooLarge != null) {
            return ParsedPayload.rejected(report.dataset(), rawTable, prefix + tooLarge);
        }
        Optional<IesoFileName> name = IesoFileName.parse(fileName);
        if (name.isPresent() && name.get().report() != report) {
            return ParsedPayload.rejected(report.dataset(), rawTable, prefix + "its name says it is a " + name.get().report().directory() + " file ("
                    + name.get().report().reportName() + ")");
        }
        Content read;
        try {
            read = switch (report.layout()) {
                case LMP_CSV -> readLmpCsv(report, content, name);
                case HOEP_CSV -> fileName.toLowerCase(Locale.ROOT).endsWith(".xml") || looksLikeXml(content) ? readHoepXml(report, content, name)
                        : readHoepCsv(report, content, name);
                case ZONAL_XML -> readZonalXml(report, content, name);
            };
        }
        catch (FileException e) {
            return ParsedPayload.rejected(report.dataset(), rawTable, prefix + e.getMessage());
        }
        catch (IOException e) {
            return ParsedPayload.rejected(report.dataset(), rawTable, prefix + e.getMessage());
        }
        catch (RuntimeException e) {
            // a parser never throws on bad data; anything unforeseen is the payload's fault, told with the file's name
            return ParsedPayload.rejected(report.dataset(), rawTable, prefix + e);
        }
        if (read.empty()) {
            return noData(report, "the file is empty", read.createdAtUtc());
        }
        if (read.records().isEmpty() && read.rejected().isEmpty()) {
            return noData(report, read.unpriced() == 0 ? "the file has no prices"
                    : String.format("the file has no prices yet (%d %s listed with empty prices)", read.unpriced(), unpricedUnit(report)), read.createdAtUtc());
        }
        if (report.span() == IesoReport.Span.HOUR) {
            Set<Integer> hours = new TreeSet<>();
            read.records().forEach(record -> hours.add(record.deliveryHour()));
            if (hours.size() > 1) {
                return ParsedPayload.rejected(report.dataset(), rawTable, prefix + String.format("it holds delivery hours %s, a real-time file holds one "
                        + "(a day-ahead file?)", hours));
            }
            OptionalInt named = name.map(IesoFileName::hourEnding).orElse(OptionalInt.empty());
            if (named.isPresent() && !hours.isEmpty() && !hours.contains(named.getAsInt())) {
                return ParsedPayload.rejected(report.dataset(), rawTable, prefix + String.format("its name says hour ending %d, its prices are of hour "
                        + "ending %s", named.getAsInt(), hours.iterator().next()));
            }
        }
        List<IesoPriceRecord> records = new ArrayList<>();
        List<RejectedRecord> rejected = new ArrayList<>(read.rejected());
        quarantineDuplicates(report, read.records(), records, rejected);
        Set<LocalDate> operatingDates = new TreeSet<>();
        for (IesoPriceRecord record : records) {
            operatingDates.add(record.deliveryDate());
        }
        OptionalInt hour = OptionalInt.empty();
        if (report.span() == IesoReport.Span.HOUR) {
            hour = read.records().isEmpty() ? name.map(IesoFileName::hourEnding).orElse(OptionalInt.empty()) : OptionalInt.of(read.records().get(0).deliveryHour());
        }
        Optional<String> contentKey = hour.isPresent() || report.span() == IesoReport.Span.DAY
                ? Optional.of(IesoFileName.requestKey(report, read.deliveryDate(), hour)) : Optional.empty();
        return new ParsedPayload(FetchOutcome.PARSED, report.dataset(), rawTable, records, rejected, Optional.empty(),
                detail(rejected.size(), read.unpriced(), report), contentKey, read.createdAtUtc(), operatingDates);
    }

    private static Optional<String> detail(int rejected, int unpriced, IesoReport report)
    {
        List<String> parts = new ArrayList<>();
        if (rejected > 0) {
            parts.add(rejected + " prices rejected");
        }
        if (unpriced > 0) {
            parts.add(unpriced + " " + unpricedUnit(report) + " not priced yet (empty)");
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", parts));
    }

    private static String unpricedUnit(IesoReport report)
    {
        return report.hasInterval() ? "intervals" : "hours";
    }

    /** How many lines a duplicate's reason names at most. */
    private static final int MAX_LINES_NAMED = 5;

    /**
     * Every price of a location, hour and interval published more than once in the file is rejected, with the lines it
     * was published on: which one IESO meant is unknown, and renumbering them would invent hours.
     */
    private static void quarantineDuplicates(IesoReport report, List<IesoPriceRecord> all, List<IesoPriceRecord> kept, List<RejectedRecord> rejected)
    {
        Map<String, List<IesoPriceRecord>> byKey = new LinkedHashMap<>();
        for (IesoPriceRecord record : all) {
            byKey.computeIfAbsent(record.locationId() + "|" + record.intervalStartUtc(), key -> new ArrayList<>(1)).add(record);
        }
        String unit = report.layout() == IesoReport.Layout.ZONAL_XML ? "elements" : "lines";
        for (IesoPriceRecord record : all) {
            List<IesoPriceRecord> same = byKey.get(record.locationId() + "|" + record.intervalStartUtc());
            if (same.size() == 1) {
                kept.add(record);
                continue;
            }
            // The lines are named, the first few of them: a file repeating a price a thousand times must not give each of its
            // thousand rejections a thousand line numbers (memory quadratic in the repeats).
            String where = String.join(", ", same.stream().limit(MAX_LINES_NAMED).map(other -> String.valueOf(other.sourceIndex())).toList())
                    + (same.size() > MAX_LINES_NAMED ? " and " + (same.size() - MAX_LINES_NAMED) + " more" : "");
            String reason = String.format("duplicate hour ending %d%s for %s on delivery day %s (%s %s): quarantined, not renumbered", record.deliveryHour(),
                    record.interval() == null ? "" : " interval " + record.interval(), record.locationId(), record.deliveryDate(), unit, where);
            rejected.add(new RejectedRecord(Optional.of(record.sourceIndex()), Optional.of(describe(record)), reason, Optional.of(record.locationId()),
                    Optional.of(record.intervalStartUtc()), Optional.of(record.deliveryDate())));
        }
    }

    private static String describe(IesoPriceRecord record)
    {
        StringBuilder text = new StringBuilder();
        text.append(record.deliveryDate()).append(",").append(record.deliveryHour());
        if (record.interval() != null) {
            text.append(",").append(record.interval());
        }
        if (record.pricingLocation() != null) {
            text.append(",").append(record.pricingLocation());
        }
        text.append(",").append(record.price());
        if (record.loss() != null || record.congestion() != null) {
            text.append(",").append(record.loss()).append(",").append(record.congestion());
        }
        return text.toString();
    }

    private static ParsedPayload noData(IesoReport report, String detail, Optional<Instant> publishedAtUtc)
    {
        return new ParsedPayload(FetchOutcome.NO_DATA, report.dataset(), IesoTables.rawTable(report), List.of(), List.of(), Optional.empty(),
                Optional.of(detail), Optional.empty(), publishedAtUtc, Set.of());
    }

    /**
     * What a file held: its prices (duplicates not yet judged), rejected lines, delivery day and creation time, and how
     * many hours or intervals it lists with every price field empty (not priced yet: IESO's files of a day or hour in
     * progress list the intervals to come empty); those are neither prices nor errors, only counted.
     */
    private record Content(boolean empty, LocalDate deliveryDate, Optional<Instant> createdAtUtc, List<IesoPriceRecord> records, List<RejectedRecord> rejected,
            int unpriced)
    {
        static Content ofEmpty()
        {
            return new Content(true, null, Optional.empty(), List.of(), List.of(), 0);
        }
    }

    // ---------------------------------------------------------------- LMP CSV

    private enum LmpColumn
    {
        DELIVERY_HOUR("deliveryhour"),
        INTERVAL("interval"),
        PRICING_LOCATION("pricinglocation"),
        LMP("lmp"),
        LOSS("energylossprice"),
        CONGESTION("energycongestionprice");

        private final String normalized;

        LmpColumn(String normalized)
        {
            this.normalized = normalized;
        }

        static Optional<LmpColumn> of(String field)
        {
            String wanted = normalize(field);
            for (LmpColumn column : values()) {
                if (column.normalized.equals(wanted)) {
                    return Optional.of(column);
                }
            }
            return Optional.empty();
        }

        String header()
        {
            return switch (this) {
                case DELIVERY_HOUR -> "Delivery Hour";
                case INTERVAL -> "Interval";
                case PRICING_LOCATION -> "Pricing Location";
                case LMP -> "LMP";
                case LOSS -> "Energy Loss Price";
                case CONGESTION -> "Energy Congestion Price";
            };
        }
    }

    private static String normalize(String name)
    {
        return name.replace("\uFEFF", "").replace("\\", "").replace(" ", "").replace("_", "").trim().toLowerCase(Locale.ROOT);
    }

    private static Content readLmpCsv(IesoReport report, PayloadContent content, Optional<IesoFileName> name)
            throws IOException
    {
        try (LastByteInputStream input = new LastByteInputStream(content.open())) {
            PayloadLines lines = new PayloadLines(input, PayloadLines.Breaks.ANY, PayloadLines.Decoding.REPLACE);
            Optional<LocalDate> statedDay = Optional.empty();
            Optional<Instant> createdAt = Optional.empty();
            Map<LmpColumn, Integer> positions = new EnumMap<>(LmpColumn.class);
            List<String> preamble = new ArrayList<>();
            String header = null;
            for (String line = lines.next(); line != null; line = lines.next()) {
                if (line.isBlank()) {
                    continue;
                }
                List<String> fields = CsvLine.split(line);
                positions.clear();
                for (int i = 0; i < fields.size(); i++) {
                    int position = i;
                    LmpColumn.of(fields.get(i)).ifPresent(column -> positions.putIfAbsent(column, position));
                }
                if (positions.containsKey(LmpColumn.PRICING_LOCATION) && positions.containsKey(LmpColumn.LMP)) {
                    header = line;
                    break;
                }
                if (createdAt.isEmpty()) {
                    createdAt = createdAt(line);
                }
                if (statedDay.isEmpty()) {
                    statedDay = forDay(line);
                }
                preamble.add(line.strip());
                if (preamble.size() > MAX_PREAMBLE_LINES) {
                    break;
                }
            }
            if (header == null) {
                if (preamble.isEmpty()) {
                    return Content.ofEmpty();
                }
                throw new FileException("no header with Pricing Location and LMP in its first lines (first line: " + preamble.get(0) + ")");
            }
            for (LmpColumn required : List.of(LmpColumn.DELIVERY_HOUR, LmpColumn.PRICING_LOCATION, LmpColumn.LMP)) {
                if (!positions.containsKey(required)) {
                    throw new FileException("column " + required.header() + " missing in header " + header.strip());
                }
            }
            if (report.hasInterval() && !positions.containsKey(LmpColumn.INTERVAL)) {
                throw new FileException("column Interval missing in header " + header.strip() + " (a day-ahead file?)");
            }
            if (!report.hasInterval() && positions.containsKey(LmpColumn.INTERVAL)) {
                throw new FileException("its header " + header.strip() + " has an Interval column (a real-time file?)");
            }
            LocalDate day = deliveryDay(statedDay, name);
            int columns = CsvLine.split(header).size();
            List<IesoPriceRecord> records = new ArrayList<>();
            List<RejectedRecord> rejected = new ArrayList<>();
            boolean lastRejected = false;
            for (String line = lines.next(); line != null; line = lines.next()) {
                if (line.isBlank()) {
                    continue;
                }
                int number = lines.lineNumber();
                lastRejected = true;
                try {
                    List<String> fields = CsvLine.split(line);
                    if (fields.size() != columns) {
                        throw new LineException(String.format("expected %d fields as in the header, found %d", columns, fields.size()));
                    }
                    int hour = hour(field(fields, positions, LmpColumn.DELIVERY_HOUR), "Delivery Hour");
                    Integer interval = report.hasInterval() ? interval(field(fields, positions, LmpColumn.INTERVAL)) : null;
                    String location = field(fields, positions, LmpColumn.PRICING_LOCATION);
                    if (location == null) {
                        throw new LineException("Pricing Location is empty");
                    }
                    Double lmp = number(field(fields, positions, LmpColumn.LMP), "LMP");
                    if (lmp == null) {
                        throw new LineException("LMP is empty");
                    }
                    Instant start = start(day, hour, interval);
                    records.add(new IesoPriceRecord(report, number, start, start.plus(report.intervalLength()), day, hour, interval, location, lmp,
                            number(field(fields, positions, LmpColumn.LOSS), "Energy Loss Price"),
                            number(field(fields, positions, LmpColumn.CONGESTION), "Energy Congestion Price"), null, createdAt.orElse(null)));
                    lastRejected = false;
                }
                catch (LineException e) {
                    rejected.add(RejectedRecord.line(number, line, e.getMessage()));
                }
            }
            checkNotTruncated(input, lastRejected, rejected);
            return new Content(false, day, createdAt, records, rejected, 0);
        }
    }

    private static String field(List<String> fields, Map<LmpColumn, Integer> positions, LmpColumn column)
    {
        Integer position = positions.get(column);
        if (position == null) {
            return null;
        }
        String value = fields.get(position).trim();
        return value.isEmpty() ? null : value;
    }

    // ---------------------------------------------------------------- HOEP CSV

    private static Content readHoepCsv(IesoReport report, PayloadContent content, Optional<IesoFileName> name)
            throws IOException
    {
        try (LastByteInputStream input = new LastByteInputStream(content.open())) {
            PayloadLines lines = new PayloadLines(input, PayloadLines.Breaks.ANY, PayloadLines.Decoding.REPLACE);
            Optional<LocalDate> statedDay = Optional.empty();
            Optional<Instant> createdAt = Optional.empty();
            // lines are read first: the delivery day may be stated after the first lines, and is needed for every row
            List<Integer> numbers = new ArrayList<>();
            List<String> rows = new ArrayList<>();
            boolean any = false;
            for (String line = lines.next(); line != null; line = lines.next()) {
                if (line.isBlank()) {
                    continue;
                }
                any = true;
                List<String> fields = CsvLine.split(line);
                boolean dataRow = isInteger(fields.get(0).trim());
                if (!dataRow && rows.isEmpty()) {
                    if (createdAt.isEmpty()) {
                        createdAt = createdAt(line);
                    }
                    if (statedDay.isEmpty()) {
                        statedDay = forDay(line);
                    }
                    continue;
                }
                numbers.add(lines.lineNumber());
                rows.add(line);
            }
            if (!any) {
                return Content.ofEmpty();
            }
            LocalDate day = deliveryDay(statedDay, name);
            List<IesoPriceRecord> records = new ArrayList<>();
            List<RejectedRecord> rejected = new ArrayList<>();
            boolean lastRejected = false;
            int unpriced = 0;
            for (int i = 0; i < rows.size(); i++) {
                String line = rows.get(i);
                lastRejected = true;
                try {
                    List<String> fields = CsvLine.split(line);
                    if (fields.size() < 2) {
                        throw new LineException("expected an hour and a HOEP, found " + fields.size() + " field");
                    }
                    int hour = hour(emptyToNull(fields.get(0)), "hour");
                    Double hoep = number(emptyToNull(fields.get(1)), "HOEP");
                    if (hoep == null) {
                        // an hour of the day in progress: no HOEP yet (other columns, predispatch prices, may be filled)
                        unpriced++;
                        lastRejected = false;
                        continue;
                    }
                    Instant start = start(day, hour, null);
                    records.add(new IesoPriceRecord(report, numbers.get(i), start, start.plus(report.intervalLength()), day, hour, null, null, hoep, null, null,
                            null, createdAt.orElse(null)));
                    lastRejected = false;
                }
                catch (LineException e) {
                    rejected.add(RejectedRecord.line(numbers.get(i), line, e.getMessage()));
                }
            }
            checkNotTruncated(input, lastRejected, rejected);
            return new Content(false, day, createdAt, records, rejected, unpriced);
        }
    }

    private static boolean isInteger(String text)
    {
        if (text.isEmpty() || text.length() > 4) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (!Character.isDigit(text.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static String emptyToNull(String value)
    {
        String trimmed = value.trim();
        return trimmed.isEmpty() ? null : trimmed;
    }

    // ---------------------------------------------------------------- zonal XML

    /** An XML element as read: its name, namespace, own text and child elements, in document order. */
    private record Element(String localName, String namespace, int line, StringBuilder text, List<Element> children)
    {
        Optional<Element> child(String name)
        {
            return children.stream().filter(child -> child.localName.equals(name)).findFirst();
        }

        /** The trimmed text of a child, null when the child is absent or empty. */
        String childText(String name)
        {
            return child(name).map(Element::textValue).orElse(null);
        }

        String textValue()
        {
            String value = text.toString().trim();
            return value.isEmpty() ? null : value;
        }

        void descendants(String name, List<Element> found)
        {
            for (Element child : children) {
                if (child.localName.equals(name)) {
                    found.add(child);
                }
                child.descendants(name, found);
            }
        }

        List<Element> descendants(String name)
        {
            List<Element> found = new ArrayList<>();
            descendants(name, found);
            return found;
        }

        Optional<Element> first(String name)
        {
            List<Element> found = descendants(name);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
        }
    }

    private static Element readTree(InputStream input)
            throws XMLStreamException
    {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        XMLStreamReader reader = factory.createXMLStreamReader(input);
        try {
            List<Element> open = new ArrayList<>();
            Element root = null;
            while (reader.hasNext()) {
                int event = reader.next();
                switch (event) {
                    case XMLStreamConstants.START_ELEMENT -> {
                        String namespace = reader.getNamespaceURI();
                        Element element = new Element(reader.getLocalName(), namespace == null ? "" : namespace, reader.getLocation().getLineNumber(),
                                new StringBuilder(), new ArrayList<>());
                        if (open.isEmpty()) {
                            root = element;
                        }
                        else if (element.namespace.equals(root.namespace)) {
                            // elements of another namespace (an extension IESO may add) are not IESO's report fields
                            open.get(open.size() - 1).children.add(element);
                        }
                        open.add(element);
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
                        if (!open.isEmpty()) {
                            open.get(open.size() - 1).text.append(reader.getText());
                        }
                    }
                    case XMLStreamConstants.END_ELEMENT -> open.remove(open.size() - 1);
                    default -> {
                        // processing instructions (xml-stylesheet), comments: nothing to read
                    }
                }
            }
            return root;
        }
        finally {
            reader.close();
        }
    }

    /** The document's root element with its IESO-namespace descendants, or null for a document without elements; refused when not IESO's namespace. */
    private static Element readDocument(PayloadContent content)
            throws IOException
    {
        if (content.size() == 0) {
            return null;
        }
        Element root;
        try (InputStream input = content.open()) {
            root = readTree(input);
        }
        catch (XMLStreamException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNumber();
            throw new FileException("it is not well-formed XML" + where + ": " + firstLine(e.getMessage()));
        }
        if (root != null && !IesoMarket.XML_NAMESPACES.contains(root.namespace)) {
            throw new FileException(String.format("its root element %s is in namespace '%s', not IESO's %s", root.localName, root.namespace,
                    IesoMarket.XML_NAMESPACE));
        }
        return root;
    }

    /** The document's bodies: an automated document repeats header and body pairs ({@code DocBody}, or {@code IMODocBody} in the IMO namespace). */
    private static List<Element> bodies(Element root)
    {
        List<Element> bodies = new ArrayList<>(root.descendants("DocBody"));
        bodies.addAll(root.descendants("IMODocBody"));
        return bodies.isEmpty() ? List.of(root) : bodies;
    }

    private static LocalDate bodyDay(String deliveryText, String element, Optional<IesoFileName> name)
    {
        Matcher date = DATE.matcher(deliveryText);
        if (!date.find()) {
            throw new FileException(element + " '" + deliveryText + "' is not a date like 2025-05-02");
        }
        LocalDate stated = localDate(date).orElseThrow(() -> new FileException(element + " '" + deliveryText + "' is not a date"));
        return deliveryDay(Optional.of(stated), name);
    }

    private static Content readZonalXml(IesoReport report, PayloadContent content, Optional<IesoFileName> name)
            throws IOException
    {
        Element root = readDocument(content);
        if (root == null) {
            return Content.ofEmpty();
        }
        Optional<Instant> createdAt = root.first("CreatedAt").map(Element::textValue).flatMap(IesoParser::estDateTime);
        List<IesoPriceRecord> records = new ArrayList<>();
        List<RejectedRecord> rejected = new ArrayList<>();
        LocalDate firstDay = null;
        int[] ordinal = {0};
        int[] unpriced = {0};
        for (Element body : bodies(root)) {
            String deliveryText = body.first("DeliveryDate").map(Element::textValue)
                    .orElseThrow(() -> new FileException("it has no DeliveryDate element in namespace " + root.namespace));
            LocalDate day = bodyDay(deliveryText, "DeliveryDate", name);
            firstDay = firstDay == null ? day : firstDay;
            if (report.hasInterval()) {
                readRealTimeZonal(report, body, day, deliveryText, createdAt, ordinal, unpriced, records, rejected);
            }
            else {
                readDayAheadZonal(report, body, day, createdAt, ordinal, unpriced, records, rejected);
            }
        }
        return new Content(false, firstDay, createdAt, records, rejected, unpriced[0]);
    }

    /** HOEP as XML: {@code IMODocBody/Date}, then {@code HOEPs/HOEP} elements of {@code Hour} and {@code Price} (IESO's DispUnconsHOEP_r1.xsd). */
    private static Content readHoepXml(IesoReport report, PayloadContent content, Optional<IesoFileName> name)
            throws IOException
    {
        Element root = readDocument(content);
        if (root == null) {
            return Content.ofEmpty();
        }
        Optional<Instant> createdAt = root.first("CreatedAt").map(Element::textValue).flatMap(IesoParser::estDateTime);
        List<IesoPriceRecord> records = new ArrayList<>();
        List<RejectedRecord> rejected = new ArrayList<>();
        LocalDate firstDay = null;
        int ordinal = 0;
        int unpriced = 0;
        for (Element body : bodies(root)) {
            String dateText = body.first("Date").map(Element::textValue)
                    .orElseThrow(() -> new FileException("it has no Date element in namespace " + root.namespace));
            LocalDate day = bodyDay(dateText, "Date", name);
            firstDay = firstDay == null ? day : firstDay;
            for (Element element : body.descendants("HOEP")) {
                ordinal++;
                try {
                    int hour = hour(element.childText("Hour"), "Hour");
                    Double price = number(element.childText("Price"), "Price");
                    if (price == null) {
                        unpriced++;
                        continue;
                    }
                    Instant start = start(day, hour, null);
                    records.add(new IesoPriceRecord(report, ordinal, start, start.plus(report.intervalLength()), day, hour, null, null, price, null, null, null,
                            createdAt.orElse(null)));
                }
                catch (LineException e) {
                    rejected.add(elementRejected(ordinal, element, e.getMessage()));
                }
            }
        }
        return new Content(false, firstDay, createdAt, records, rejected, unpriced);
    }

    /** Whether the content is XML: its first character after a byte order mark and white space is {@code <}. */
    private static boolean looksLikeXml(PayloadContent content)
            throws IOException
    {
        try (InputStream input = content.open()) {
            byte[] head = input.readNBytes(256);
            for (int i = 0; i < head.length; i++) {
                int b = head[i] & 0xFF;
                if (b == 0xEF || b == 0xBB || b == 0xBF || Character.isWhitespace(b)) {
                    continue;
                }
                return b == '<';
            }
            return false;
        }
    }

    private static void readDayAheadZonal(IesoReport report, Element root, LocalDate day, Optional<Instant> createdAt, int[] ordinal, int[] unpriced,
            List<IesoPriceRecord> records, List<RejectedRecord> rejected)
    {
        List<Element> hours = root.descendants("HourlyPriceComponents");
        if (hours.isEmpty()) {
            String hint = root.first("DeliveryHour").isPresent() || !root.descendants("RealTimePriceComponents").isEmpty() ? " (a real-time file?)" : "";
            throw new FileException("it has no HourlyPriceComponents element" + hint);
        }
        for (Element element : hours) {
            int index = ++ordinal[0];
            try {
                int hour = hour(element.childText("PricingHour"), "PricingHour");
                Double price = number(element.childText("ZonalPrice"), "ZonalPrice");
                if (price == null) {
                    if (element.childText("LossPriceCapped") == null && element.childText("CongestionPriceCapped") == null) {
                        unpriced[0]++;
                        continue;
                    }
                    throw new LineException("ZonalPrice of hour ending " + hour + " is empty, its components are not");
                }
                Instant start = start(day, hour, null);
                records.add(new IesoPriceRecord(report, index, start, start.plus(report.intervalLength()), day, hour, null, null, price,
                        number(element.childText("LossPriceCapped"), "LossPriceCapped"), number(element.childText("CongestionPriceCapped"), "CongestionPriceCapped"),
                        element.childText("Flag"), createdAt.orElse(null)));
            }
            catch (LineException e) {
                rejected.add(elementRejected(index, element, e.getMessage()));
            }
        }
    }

    /**
     * The real-time Ontario zonal price in either schema: the current one ({@code DeliveryDate}, {@code DeliveryHour},
     * then {@code ZonalPrice} elements of {@code Interval}, {@code LmpCap}, {@code LossPriceCap}, {@code CongPriceCap}),
     * or the earlier one ({@code DeliveryDate} "For 2025-04-23 - Hour 12", then one {@code RealTimePriceComponents} per
     * component, named by {@code OntarioZonalPrice}, with {@code OntarioZonalPriceInterval1/Interval1} ... 12).
     */
    private static void readRealTimeZonal(IesoReport report, Element root, LocalDate day, String deliveryText, Optional<Instant> createdAt, int[] ordinal,
            int[] unpriced, List<IesoPriceRecord> records, List<RejectedRecord> rejected)
    {
        String hourText = root.first("DeliveryHour").map(Element::textValue).orElse(null);
        if (hourText == null) {
            Matcher inDate = HOUR_IN_DATE.matcher(deliveryText);
            if (inDate.find()) {
                hourText = inDate.group(1);
            }
        }
        if (hourText == null) {
            String hint = root.descendants("HourlyPriceComponents").isEmpty() ? "" : " (a day-ahead file?)";
            throw new FileException("it has no DeliveryHour element and its DeliveryDate '" + deliveryText + "' names no hour" + hint);
        }
        int hour;
        try {
            hour = hour(hourText, "DeliveryHour");
        }
        catch (LineException e) {
            throw new FileException(e.getMessage());
        }
        List<Element> intervals = root.descendants("ZonalPrice").stream().filter(element -> element.child("Interval").isPresent()).toList();
        List<Element> components = root.descendants("RealTimePriceComponents");
        if (!intervals.isEmpty()) {
            for (Element element : intervals) {
                int index = ++ordinal[0];
                try {
                    int interval = interval(element.childText("Interval"));
                    Double price = number(element.childText("LmpCap"), "LmpCap");
                    if (price == null) {
                        if (element.childText("LossPriceCap") == null && element.childText("CongPriceCap") == null) {
                            unpriced[0]++;
                            continue;
                        }
                        throw new LineException("LmpCap of interval " + interval + " is empty, its components are not");
                    }
                    Instant start = start(day, hour, interval);
                    records.add(new IesoPriceRecord(report, index, start, start.plus(report.intervalLength()), day, hour, interval, null, price,
                            number(element.childText("LossPriceCap"), "LossPriceCap"), number(element.childText("CongPriceCap"), "CongPriceCap"), null,
                            createdAt.orElse(null)));
                }
                catch (LineException e) {
                    rejected.add(elementRejected(index, element, e.getMessage()));
                }
            }
        }
        else if (!components.isEmpty()) {
            Map<Integer, Double> prices = new java.util.TreeMap<>();
            Map<Integer, Double> losses = new java.util.TreeMap<>();
            Map<Integer, Double> congestions = new java.util.TreeMap<>();
            int elementNumber = 0;
            for (Element component : components) {
                String type = component.childText("OntarioZonalPrice");
                Map<Integer, Double> target = type == null ? null : switch (type.toLowerCase(Locale.ROOT)) {
                    case "zonal price" -> prices;
                    case "energy loss price" -> losses;
                    case "energy congestion price" -> congestions;
                    default -> null;
                };
                for (Element child : component.children) {
                    Matcher matcher = INTERVAL_ELEMENT.matcher(child.localName);
                    if (!matcher.matches()) {
                        continue;
                    }
                    elementNumber++;
                    int interval = Integer.parseInt(matcher.group(1));
                    String text = child.childText("Interval" + interval);
                    try {
                        if (target == null) {
                            throw new LineException("OntarioZonalPrice component '" + type + "' is not Zonal Price, Energy Loss Price or Energy Congestion Price");
                        }
                        interval(String.valueOf(interval));
                        Double value = number(text, type + " Interval" + interval);
                        if (value != null) {
                            target.put(interval, value);
                        }
                    }
                    catch (LineException e) {
                        rejected.add(elementRejected(elementNumber, child, e.getMessage()));
                    }
                }
            }
            for (Map.Entry<Integer, Double> price : prices.entrySet()) {
                int index = ++ordinal[0];
                int interval = price.getKey();
                Instant start = start(day, hour, interval);
                records.add(new IesoPriceRecord(report, index, start, start.plus(report.intervalLength()), day, hour, interval, null, price.getValue(),
                        losses.get(interval), congestions.get(interval), null, createdAt.orElse(null)));
            }
        }
        else {
            String hint = root.descendants("HourlyPriceComponents").isEmpty() ? "" : " (a day-ahead file?)";
            throw new FileException("it has neither ZonalPrice interval elements nor RealTimePriceComponents" + hint);
        }
    }

    private static RejectedRecord elementRejected(int ordinal, Element element, String reason)
    {
        return new RejectedRecord(Optional.of(ordinal), Optional.of(describe(element)), reason + " (element " + element.localName + " at line " + element.line
                + ")", Optional.empty(), Optional.empty(), Optional.empty());
    }

    private static String describe(Element element)
    {
        StringBuilder text = new StringBuilder("<").append(element.localName).append(">");
        for (Element child : element.children) {
            text.append("<").append(child.localName).append(">").append(child.textValue() == null ? describeChildren(child) : child.textValue())
                    .append("</").append(child.localName).append(">");
        }
        return text.append("</").append(element.localName).append(">").toString();
    }

    private static String describeChildren(Element element)
    {
        StringBuilder text = new StringBuilder();
        for (Element child : element.children) {
            text.append("<").append(child.localName).append(">").append(child.textValue() == null ? "" : child.textValue()).append("</").append(child.localName)
                    .append(">");
        }
        return text.toString();
    }

    private static String firstLine(String message)
    {
        if (message == null) {
            return "";
        }
        String[] lines = message.strip().split("\\R");
        return lines[lines.length - 1].strip();
    }

    // ---------------------------------------------------------------- shared

    /** The delivery day the file states, checked against its name's; else its name's; else the file is refused. */
    private static LocalDate deliveryDay(Optional<LocalDate> stated, Optional<IesoFileName> name)
    {
        Optional<LocalDate> named = name.flatMap(IesoFileName::day);
        if (stated.isPresent() && named.isPresent() && !stated.get().equals(named.get())) {
            throw new FileException("its name says delivery day " + named.get() + ", its content " + stated.get());
        }
        return stated.or(() -> named).orElseThrow(() -> new FileException("neither its content nor its name says its delivery day"));
    }

    /** The start of hour ending {@code hour} (and five-minute {@code interval}) of a delivery day, in fixed EST. */
    static Instant start(LocalDate day, int hour, Integer interval)
    {
        Instant start = IesoMarket.TIME.dayStart(day).plus(Duration.ofHours(hour - 1L));
        return interval == null ? start : start.plus(Duration.ofMinutes(5L * (interval - 1)));
    }

    private static int hour(String value, String column)
    {
        if (value == null) {
            throw new LineException(column + " is empty");
        }
        int hour;
        try {
            hour = Integer.parseInt(value.trim());
        }
        catch (NumberFormatException e) {
            throw new LineException(column + " '" + value + "' is not an hour ending 1..24");
        }
        if (hour < 1 || hour > 24) {
            throw new LineException(column + " " + hour + " is not an hour ending 1..24 (IESO days have 24 hours, EST all year)");
        }
        return hour;
    }

    private static int interval(String value)
    {
        if (value == null) {
            throw new LineException("Interval is empty");
        }
        int interval;
        try {
            interval = Integer.parseInt(value.trim());
        }
        catch (NumberFormatException e) {
            throw new LineException("Interval '" + value + "' is not a five-minute interval 1..12");
        }
        if (interval < 1 || interval > 12) {
            throw new LineException("Interval " + interval + " is not a five-minute interval 1..12");
        }
        return interval;
    }

    private static Double number(String value, String column)
    {
        if (value == null) {
            return null;
        }
        try {
            double parsed = Double.parseDouble(value.trim().replace(",", ""));
            if (Double.isFinite(parsed)) {
                return parsed;
            }
        }
        catch (NumberFormatException e) {
            // told below
        }
        throw new LineException(column + " '" + value + "' is not a number");
    }

    private static Optional<Instant> createdAt(String line)
    {
        Matcher matcher = CREATED_AT.matcher(line);
        if (!matcher.find()) {
            return Optional.empty();
        }
        return dateTime(matcher);
    }

    /** A local EST date and time ({@code 2025-05-01T23:14:53}, {@code 2025/05/01 23:14:53}) as an instant. */
    static Optional<Instant> estDateTime(String text)
    {
        if (text == null) {
            return Optional.empty();
        }
        Matcher matcher = DATE_TIME.matcher(text);
        return matcher.find() ? dateTime(matcher) : Optional.empty();
    }

    private static Optional<Instant> dateTime(Matcher matcher)
    {
        try {
            LocalDateTime local = LocalDateTime.of(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)), Integer.parseInt(matcher.group(3)),
                    Integer.parseInt(matcher.group(4)), Integer.parseInt(matcher.group(5)), matcher.group(6) == null ? 0 : Integer.parseInt(matcher.group(6)));
            ZoneOffset est = (ZoneOffset) IesoMarket.TIME.zone();
            return Optional.of(local.toInstant(est));
        }
        catch (java.time.DateTimeException | ClassCastException e) {
            return Optional.empty();
        }
    }

    private static Optional<LocalDate> forDay(String line)
    {
        Matcher matcher = FOR_DAY.matcher(line);
        return matcher.find() ? localDate(matcher) : Optional.empty();
    }

    private static Optional<LocalDate> localDate(Matcher matcher)
    {
        try {
            return Optional.of(LocalDate.of(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)), Integer.parseInt(matcher.group(3))));
        }
        catch (java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    private static void checkNotTruncated(LastByteInputStream input, boolean lastRejected, List<RejectedRecord> rejected)
    {
        if (lastRejected && !input.endsWithLineBreak()) {
            RejectedRecord last = rejected.get(rejected.size() - 1);
            throw new FileException(String.format("it ends inside line %d without a line break (%s); truncated?", last.lineNumber().orElse(0), last.reason()));
        }
    }


    /** A line or element that cannot be read: rejected alone. */
    private static final class LineException
            extends RuntimeException
    {
        LineException(String message)
        {
            super(message, null, false, false);
        }
    }

    /** A file that cannot be read: rejected whole. */
    private static final class FileException
            extends RuntimeException
    {
        FileException(String message)
        {
            super(message, null, false, false);
        }
    }
}
