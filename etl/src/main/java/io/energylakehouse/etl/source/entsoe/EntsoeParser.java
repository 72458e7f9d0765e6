package io.energylakehouse.etl.source.entsoe;

import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.table.TableSpec;
import io.energylakehouse.etl.http.PacedHttpClient;
import io.energylakehouse.etl.raw.FetchOutcome;
import io.energylakehouse.etl.raw.ParsedPayload;
import io.energylakehouse.etl.raw.Payload;
import io.energylakehouse.etl.raw.PayloadContent;
import io.energylakehouse.etl.raw.PayloadLimits;
import io.energylakehouse.etl.raw.PayloadParser;
import io.energylakehouse.etl.raw.RejectedRecord;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * Parses Transparency Platform answers with StAX, namespace-aware but matching local names only (the document
 * namespace's version changes: {@code ...publicationdocument:7:0} in older answers, {@code 7:3} in newer ones), so a
 * default namespace and a prefixed one read the same; the namespace must be IEC 62325-451's
 * ({@code urn:iec62325.351:tc57wg16:451-}). DTDs and external entities are off.
 *
 * <ul>
 * <li>{@code Publication_MarketDocument} (A44) and {@code GL_MarketDocument} (A65, A69): every {@code Point} becomes an
 * {@link EntsoePointRecord} as sent, with its series' and period's attributes; A03 gaps are filled later, in curation,
 * so the raw table holds what was received. A point whose position or value cannot be read, or lies outside its
 * period, and the points of a period whose interval or resolution cannot be read, are rejected alone with the reason.</li>
 * <li>{@code Acknowledgement_MarketDocument}: "No matching data found" (reason 999) is {@link FetchOutcome#NO_DATA},
 * whether it came with HTTP 200 or 400; any other reason is {@link FetchOutcome#OPERATOR_ERROR} with its code and text.</li>
 * <li>Anything else (not XML, another root, another document type than the report's, a zip) is rejected whole with
 * the reason; the parser never throws on bad data.</li>
 * </ul>
 */
public final class EntsoeParser
        implements PayloadParser
{
    /** The namespace prefix of every IEC 62325-451 document; the rest (document kind and version) varies. */
    public static final String IEC_NAMESPACE_PREFIX = "urn:iec62325.351:tc57wg16:451-";
    public static final String ACKNOWLEDGEMENT = "Acknowledgement_MarketDocument";
    /** What ENTSO-E's acknowledgement says when a query has no data. */
    public static final String NO_MATCHING_DATA = "No matching data found";

    private final PayloadLimits limits;

    public EntsoeParser()
    {
        this(PayloadLimits.DEFAULTS);
    }

    public EntsoeParser(PayloadLimits limits)
    {
        this.limits = requireNonNull(limits, "limits is null");
    }

    /** A new factory per document: StAX factories are not promised to be thread-safe, and parsers run in parallel tasks. */
    private static XMLInputFactory factory()
    {
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_COALESCING, true);
        return factory;
    }

    @Override
    public String market()
    {
        return EntsoeMarket.MARKET;
    }

    @Override
    public List<TableSpec> rawTables()
    {
        return List.of(EntsoeTables.RAW_A44, EntsoeTables.RAW_A65, EntsoeTables.RAW_A69);
    }

    @Override
    public ParsedPayload parse(Payload payload)
    {
        EntsoeReport report = EntsoeReport.fromName(payload.report());
        ParsedPayload parsed = parse(report, payload.content(), payload.fileName(), limits);
        int status = payload.httpStatus();
        if (status >= 400 && parsed.outcome() == FetchOutcome.REJECTED) {
            // an error page that is no acknowledgement: the operator's answer, kept as such
            return ParsedPayload.operatorAnswer(FetchOutcome.OPERATOR_ERROR, defaultDataset(report), EntsoeTables.rawTable(report), "HTTP " + status,
                    String.format("ENTSO-E answered HTTP %d for %s; body starts: %s", status, payload.fileName(), PacedHttpClient.excerpt(payload.content())));
        }
        return parsed;
    }

    @Override
    public ParsedPayload rejected(Payload payload, String reason)
    {
        EntsoeReport report = EntsoeReport.fromName(payload.report());
        return ParsedPayload.rejected(defaultDataset(report), EntsoeTables.rawTable(report), reason);
    }

    /** The dataset quarantine rows of a payload name before its series are known. */
    static String defaultDataset(EntsoeReport report)
    {
        return switch (report) {
            case A44 -> "da_hourly";
            case A65 -> "load_actual_mw";
            case A69 -> "solar_forecast_mw";
        };
    }

    /** Parses a file a user has, failing with one clear message if it is not a readable {@code report} document. */
    public static ParsedPayload parseFile(EntsoeReport report, byte[] bytes, String fileName)
    {
        ParsedPayload parsed = parse(report, PayloadContent.of(bytes), fileName, PayloadLimits.DEFAULTS);
        if (parsed.outcome() == FetchOutcome.REJECTED) {
            throw LakehouseException.badData("%s", parsed.detail().orElse("Cannot parse " + fileName));
        }
        return parsed;
    }

    /** Never throws on bad data: a document that cannot be read is a {@link FetchOutcome#REJECTED} payload with the reason. */
    public static ParsedPayload parse(EntsoeReport report, PayloadContent content, String fileName, PayloadLimits limits)
    {
        requireNonNull(report, "report is null");
        String prefix = String.format("Cannot parse ENTSO-E document %s as %s: ", fileName, report.documentType());
        TableSpec rawTable = EntsoeTables.rawTable(report);
        String dataset = defaultDataset(report);
        String tooLarge = limits.tooLarge(content.size());
        if (tooLarge != null) {
            return ParsedPayload.rejected(dataset, rawTable, prefix + tooLarge);
        }
        Document document = new Document(report);
        try (InputStream input = content.open()) {
            byte[] head = input.readNBytes(2);
            if (head.length == 0) {
                return ParsedPayload.rejected(dataset, rawTable, prefix + "the payload is empty");
            }
            if (head.length == 2 && head[0] == 'P' && head[1] == 'K') {
                return ParsedPayload.rejected(dataset, rawTable, prefix + "it is a zip archive, not an XML document (" + report.documentType()
                        + " answers are plain XML)");
            }
            try (InputStream whole = new SequenceInputStream(new ByteArrayInputStream(head), input)) {
                XMLStreamReader reader = factory().createXMLStreamReader(whole);
                try {
                    String problem = document.read(reader);
                    if (problem != null) {
                        return ParsedPayload.rejected(dataset, rawTable, prefix + problem);
                    }
                }
                finally {
                    reader.close();
                }
            }
        }
        catch (XMLStreamException e) {
            String where = e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNumber() + ")";
            return ParsedPayload.rejected(dataset, rawTable, prefix + "it is not well-formed XML" + where + ": " + firstLine(e.getMessage()));
        }
        catch (IOException e) {
            return ParsedPayload.rejected(dataset, rawTable, prefix + e.getMessage());
        }
        catch (RuntimeException e) {
            // a parser never throws on bad data; anything unforeseen is the payload's fault, told with the file's name
            return ParsedPayload.rejected(dataset, rawTable, prefix + e);
        }
        if (document.acknowledgement) {
            String text = String.join(" ", document.reasonTexts);
            String code = document.reasonCodes.isEmpty() ? "acknowledgement" : String.join(",", document.reasonCodes);
            if (text.contains(NO_MATCHING_DATA)) {
                return new ParsedPayload(FetchOutcome.NO_DATA, dataset, rawTable, List.of(), List.of(), Optional.of(code), Optional.of(text), Optional.empty(),
                        Optional.ofNullable(document.createdAtUtc), Set.of());
            }
            return ParsedPayload.operatorAnswer(FetchOutcome.OPERATOR_ERROR, dataset, rawTable, code,
                    String.format("ENTSO-E acknowledged %s with reason %s: %s", fileName, code, text.isEmpty() ? "(no text)" : text));
        }
        if (document.records.isEmpty() && document.rejected.isEmpty()) {
            return new ParsedPayload(FetchOutcome.NO_DATA, dataset, rawTable, List.of(), List.of(), Optional.empty(),
                    Optional.of("the document has no TimeSeries"), Optional.empty(), Optional.ofNullable(document.createdAtUtc), Set.of());
        }
        Set<LocalDate> operatingDates = new TreeSet<>();
        Instant first = null;
        Instant last = null;
        Set<String> domains = new TreeSet<>();
        Set<String> processTypes = new TreeSet<>();
        for (EntsoePointRecord record : document.records) {
            operatingDates.add(EntsoeMarket.TIME.operatingDate(record.intervalStartUtc()));
            first = first == null || record.periodStartUtc().isBefore(first) ? record.periodStartUtc() : first;
            last = last == null || record.periodEndUtc().isAfter(last) ? record.periodEndUtc() : last;
            domains.add(record.domainEic());
            if (record.processType() != null) {
                processTypes.add(record.processType());
            }
        }
        Optional<String> contentKey = first == null ? Optional.empty()
                : Optional.of(String.join("|", report.documentType(), String.join(",", processTypes), String.join(",", domains), first.toString(), last.toString()));
        return new ParsedPayload(FetchOutcome.PARSED, dataset, rawTable, document.records, document.rejected, Optional.empty(),
                document.rejected.isEmpty() ? Optional.empty() : Optional.of(document.rejected.size() + " points rejected"), contentKey,
                Optional.ofNullable(document.createdAtUtc), operatingDates);
    }

    private static String firstLine(String message)
    {
        if (message == null) {
            return "";
        }
        int lineBreak = message.indexOf('\n');
        return (lineBreak < 0 ? message : message.substring(lineBreak + 1)).strip();
    }

    /** An instant as ENTSO-E writes it: {@code 2023-05-06T22:00Z}, with or without seconds; null when it is not one. */
    static Instant instant(String text)
    {
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.strip(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
        }
        catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text.strip(), DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mmXXX")).toInstant();
            }
            catch (DateTimeParseException again) {
                return null;
            }
        }
    }

    /** PT60M, PT30M, PT15M, PT1H as a duration that divides a day into whole minutes; null otherwise. */
    static Duration resolution(String text)
    {
        if (text == null) {
            return null;
        }
        try {
            Duration duration = Duration.parse(text.strip());
            if (duration.isNegative() || duration.isZero() || duration.toSeconds() % 60 != 0 || Duration.ofDays(1).toMinutes() % duration.toMinutes() != 0) {
                return null;
            }
            return duration;
        }
        catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The state of one document being read: the current series, period and point, and what was made of them. */
    private static final class Document
    {
        private final EntsoeReport report;
        private final List<EntsoePointRecord> records = new ArrayList<>();
        private final List<RejectedRecord> rejected = new ArrayList<>();
        private final List<String> reasonCodes = new ArrayList<>();
        private final List<String> reasonTexts = new ArrayList<>();
        private boolean acknowledgement;
        private Instant createdAtUtc;
        private String processType;
        private Series series;
        private Period period;
        private Point point;
        private int seriesCount;

        Document(EntsoeReport report)
        {
            this.report = report;
        }

        /** Reads the whole document; the reason it is refused whole, or null. */
        String read(XMLStreamReader reader)
                throws XMLStreamException
        {
            Deque<String> path = new ArrayDeque<>();
            StringBuilder text = new StringBuilder();
            String documentType = null;
            while (reader.hasNext()) {
                int event = reader.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    String name = reader.getLocalName();
                    if (path.isEmpty()) {
                        String namespace = reader.getNamespaceURI();
                        if (namespace == null || !namespace.startsWith(IEC_NAMESPACE_PREFIX)) {
                            return String.format("the root element %s is in namespace '%s', not an IEC 62325-451 one (%s...)", name,
                                    namespace == null ? "" : namespace, IEC_NAMESPACE_PREFIX);
                        }
                        if (name.equals(ACKNOWLEDGEMENT)) {
                            acknowledgement = true;
                        }
                        else if (!name.equals(report.rootElement())) {
                            return String.format("the root element is %s, a %s answer is a %s", name, report.documentType(), report.rootElement());
                        }
                    }
                    path.push(name);
                    text.setLength(0);
                    switch (name) {
                        case "TimeSeries" -> {
                            if (path.size() == 2) {
                                seriesCount++;
                                series = new Series(seriesCount);
                            }
                        }
                        case "Period" -> {
                            if (series != null) {
                                period = new Period(reader.getLocation().getLineNumber());
                            }
                        }
                        case "Point" -> {
                            if (period != null) {
                                point = new Point(reader.getLocation().getLineNumber());
                            }
                        }
                        default -> { }
                    }
                }
                else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
                    text.append(reader.getText());
                }
                else if (event == XMLStreamConstants.END_ELEMENT) {
                    String name = path.pop();
                    String value = text.toString().strip();
                    text.setLength(0);
                    String parent = path.peek();
                    if (name.equals("TimeSeries") && path.size() == 1) {
                        if (series != null) {
                            emit(series);
                            series = null;
                        }
                    }
                    else if (path.size() == 1) {
                        // children of the root
                        switch (name) {
                            case "type" -> documentType = value;
                            case "createdDateTime" -> createdAtUtc = instant(value);
                            case "process.processType" -> processType = value;
                            default -> { }
                        }
                    }
                    else if (acknowledgement && "Reason".equals(parent)) {
                        if (name.equals("code")) {
                            reasonCodes.add(value);
                        }
                        else if (name.equals("text")) {
                            reasonTexts.add(value);
                        }
                    }
                    else if (point != null) {
                        if (name.equals("Point")) {
                            period.points.add(point);
                            point = null;
                        }
                        else if (name.equals("position")) {
                            point.position = value;
                        }
                        else if (name.equals(report.valueElement())) {
                            point.value = value;
                        }
                    }
                    else if (period != null) {
                        switch (name) {
                            case "Period" -> {
                                series.periods.add(period);
                                period = null;
                            }
                            case "start" -> period.start = value;
                            case "end" -> period.end = value;
                            case "resolution" -> period.resolution = value;
                            default -> { }
                        }
                    }
                    else if (series != null) {
                        switch (name) {
                            case "mRID" -> {
                                if ("TimeSeries".equals(parent)) {
                                    series.mrid = value;
                                }
                            }
                            case "businessType" -> series.businessType = value;
                            case "in_Domain.mRID" -> series.inDomain = value;
                            case "out_Domain.mRID" -> series.outDomain = value;
                            case "inBiddingZone_Domain.mRID" -> series.inBiddingZone = value;
                            case "outBiddingZone_Domain.mRID" -> series.outBiddingZone = value;
                            case "currency_Unit.name" -> series.currency = value;
                            case "price_Measure_Unit.name", "quantity_Measure_Unit.name" -> series.measureUnit = value;
                            case "curveType" -> series.curveType = value;
                            case "psrType" -> series.psrType = value;
                            case "contract_MarketAgreement.type" -> series.contractType = value;
                            case "classificationSequence_AttributeInstanceComponent.position" -> series.sequence = value;
                            default -> { }
                        }
                    }
                }
            }
            if (!acknowledgement && documentType != null && !documentType.equals(report.documentType())) {
                return String.format("its type is %s, not %s", documentType, report.documentType());
            }
            return null;
        }

        /** The points of a finished series as records, or rejected with the reason. */
        private void emit(Series series)
        {
            String domain = switch (report) {
                case A44, A69 -> firstNonBlank(series.inDomain, series.outDomain, series.inBiddingZone);
                case A65 -> firstNonBlank(series.outBiddingZone, series.inBiddingZone, series.outDomain);
            };
            Integer sequence = null;
            String seriesProblem = null;
            if (domain == null) {
                seriesProblem = "its TimeSeries " + series.number + " names no zone (" + report.domainParameter() + ".mRID)";
            }
            else if (report.isPrices() && series.outDomain != null && series.inDomain != null && !series.outDomain.equals(series.inDomain)) {
                seriesProblem = String.format("TimeSeries %d has in_Domain %s and out_Domain %s, a zone's price has one", series.number, series.inDomain,
                        series.outDomain);
            }
            if (series.sequence != null) {
                try {
                    sequence = Integer.parseInt(series.sequence.replace(",", ""));
                }
                catch (NumberFormatException e) {
                    seriesProblem = String.format("TimeSeries %d has classification sequence '%s', not a number", series.number, series.sequence);
                }
            }
            for (Period period : series.periods) {
                Instant start = instant(period.start);
                Instant end = instant(period.end);
                Duration resolution = resolution(period.resolution);
                String periodProblem = seriesProblem;
                if (periodProblem == null && (start == null || end == null)) {
                    periodProblem = String.format("Period (line %d) has timeInterval '%s'..'%s', not times like 2023-05-06T22:00Z", period.lineNumber,
                            period.start, period.end);
                }
                else if (periodProblem == null && resolution == null) {
                    periodProblem = String.format("Period (line %d) has resolution '%s', not a length that divides a day like PT60M or PT15M", period.lineNumber,
                            period.resolution);
                }
                else if (periodProblem == null && (!end.isAfter(start) || Duration.between(start, end).toMinutes() % resolution.toMinutes() != 0)) {
                    periodProblem = String.format("Period (line %d) %s..%s is not a whole number of %s", period.lineNumber, start, end, period.resolution);
                }
                if (period.points.isEmpty() && periodProblem != null) {
                    rejected.add(RejectedRecord.line(period.lineNumber, "Period " + period.start + ".." + period.end, periodProblem));
                }
                for (Point point : period.points) {
                    if (periodProblem != null) {
                        rejected.add(RejectedRecord.line(point.lineNumber, point.text(), periodProblem));
                        continue;
                    }
                    String problem = null;
                    Integer position = null;
                    Double value = null;
                    try {
                        position = point.position == null ? null : Integer.parseInt(point.position.replace(",", ""));
                    }
                    catch (NumberFormatException e) {
                        problem = "position '" + point.position + "' is not a whole number";
                    }
                    if (problem == null && position == null) {
                        problem = "the Point has no position";
                    }
                    long slots = Duration.between(start, end).toMinutes() / resolution.toMinutes();
                    if (problem == null && (position < 1 || position > slots)) {
                        problem = String.format("position %d is outside its period %s..%s of %d %s positions", position, start, end, slots, period.resolution);
                    }
                    if (problem == null) {
                        value = number(point.value);
                        if (value == null) {
                            problem = String.format("%s '%s' is not a number", report.valueElement(), point.value);
                        }
                    }
                    if (problem != null) {
                        rejected.add(RejectedRecord.line(point.lineNumber, point.text(), problem));
                        continue;
                    }
                    Instant intervalStart = start.plus(resolution.multipliedBy(position - 1L));
                    records.add(new EntsoePointRecord(report, records.size() + 1, point.lineNumber, series.number, series.mrid, series.businessType, processType,
                            series.contractType, domain, series.psrType, sequence, series.currency, series.measureUnit, series.curveType,
                            period.resolution.strip(), start, end, position, intervalStart, intervalStart.plus(resolution), value, createdAtUtc));
                }
            }
        }

        private static Double number(String text)
        {
            if (text == null || text.isEmpty()) {
                return null;
            }
            try {
                double value = Double.parseDouble(text.replace(",", ""));
                return Double.isFinite(value) ? value : null;
            }
            catch (NumberFormatException e) {
                return null;
            }
        }

        private static String firstNonBlank(String... values)
        {
            for (String value : values) {
                if (value != null && !value.isBlank()) {
                    return value.strip();
                }
            }
            return null;
        }
    }

    private static final class Series
    {
        private final int number;
        private final List<Period> periods = new ArrayList<>();
        private String mrid;
        private String businessType;
        private String inDomain;
        private String outDomain;
        private String inBiddingZone;
        private String outBiddingZone;
        private String currency;
        private String measureUnit;
        private String curveType;
        private String psrType;
        private String contractType;
        private String sequence;

        Series(int number)
        {
            this.number = number;
        }
    }

    private static final class Period
    {
        private final int lineNumber;
        private final List<Point> points = new ArrayList<>();
        private String start;
        private String end;
        private String resolution;

        Period(int lineNumber)
        {
            this.lineNumber = lineNumber;
        }
    }

    private static final class Point
    {
        private final int lineNumber;
        private String position;
        private String value;

        Point(int lineNumber)
        {
            this.lineNumber = lineNumber;
        }

        String text()
        {
            return String.format(Locale.ROOT, "<Point><position>%s</position><value>%s</value></Point>", position, value);
        }
    }
}
