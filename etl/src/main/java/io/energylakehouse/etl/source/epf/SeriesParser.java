package io.energylakehouse.etl.source.epf;

import io.energylakehouse.common.csv.CsvLine;
import io.energylakehouse.common.table.TableSpec;
import io.energylakehouse.etl.raw.FetchOutcome;
import io.energylakehouse.etl.raw.ParsedPayload;
import io.energylakehouse.etl.raw.Payload;
import io.energylakehouse.etl.raw.PayloadLimits;
import io.energylakehouse.etl.raw.PayloadLines;
import io.energylakehouse.etl.raw.PayloadParser;
import io.energylakehouse.etl.raw.RejectedRecord;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.TreeSet;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Parses a series file of one layout into raw values: the header decides the column map ({@link SeriesLayout}),
 * each line gives one value per column at its local clock hour. A file that is not UTF-8 text, has no header,
 * a header this layout cannot read, or whose first line's timestamp is not in the layout's form is rejected
 * whole. A line with the wrong number of fields, a timestamp not in the form or not on the hour, or a field
 * that is not a number is rejected alone, with its line number. Lines holding only commas (deepforkit's
 * trailing rows) are skipped and counted in the fetch log's detail. A timestamp on several lines is never
 * resolved silently: later lines repeating the first's values are rejected as repeats, lines that disagree
 * are all rejected.
 */
public final class SeriesParser
        implements PayloadParser
{
    /** Line numbers a disagreeing-lines reason names before it counts the rest. */
    private static final int LINES_NAMED = 10;
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    private final SeriesDataset dataset;
    private final PayloadLimits limits;

    /** A parser with the default {@link PayloadLimits}. */
    public SeriesParser(SeriesDataset dataset)
    {
        this(dataset, PayloadLimits.DEFAULTS);
    }

    public SeriesParser(SeriesDataset dataset, PayloadLimits limits)
    {
        this.dataset = requireNonNull(dataset, "dataset is null");
        this.limits = requireNonNull(limits, "limits is null");
    }

    @Override
    public String market()
    {
        return dataset.market();
    }

    @Override
    public List<TableSpec> rawTables()
    {
        return List.of(SeriesTables.RAW_SERIES);
    }

    @Override
    public ParsedPayload parse(Payload payload)
    {
        String code = dataset.format().code();
        String tooLarge = limits.tooLarge(payload.content().size());
        if (tooLarge != null) {
            return rejected(String.format("Cannot parse %s file %s: %s", code, payload.fileName(), tooLarge));
        }
        try (InputStream input = payload.content().open()) {
            return parse(new PayloadLines(input, PayloadLines.Breaks.ANY, PayloadLines.Decoding.STRICT), payload.fileName());
        }
        catch (CharacterCodingException e) {
            return rejected(String.format("Cannot parse %s file %s: not UTF-8 text (%s)", code, payload.fileName(), e.getMessage()));
        }
        catch (PayloadLines.LineTooLongException e) {
            return rejected(String.format("Cannot parse %s file %s: %s: not a series CSV", code, payload.fileName(), e.getMessage()));
        }
        catch (IOException e) {
            return rejected(String.format("Cannot parse %s file %s: cannot be read (%s)", code, payload.fileName(), e.getMessage()));
        }
    }

    @Override
    public ParsedPayload rejected(Payload payload, String reason)
    {
        return rejected(reason);
    }

    ParsedPayload parse(String text, String fileName)
    {
        try {
            return parse(new PayloadLines(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), PayloadLines.Breaks.ANY, PayloadLines.Decoding.REPLACE),
                    fileName);
        }
        catch (IOException e) {
            return rejected(String.format("Cannot parse %s file %s: %s", dataset.format().code(), fileName, e.getMessage()));
        }
    }

    /** Reads the lines as they come: the file is never held whole (its values are). */
    private ParsedPayload parse(PayloadLines lines, String fileName)
            throws IOException
    {
        SeriesFormat format = dataset.format();
        String headerLine = lines.next();
        if (headerLine == null || headerLine.isBlank()) {
            return rejected(String.format("Cannot parse %s file %s: no header row on line 1", format.code(), fileName));
        }
        List<String> names = CsvLine.split(headerLine).stream().map(name -> name.replace("\uFEFF", "").trim()).toList();
        if (format.parseTimestamp(names.get(0)).isPresent()) {
            return rejected(String.format("Cannot parse %s file %s: no header row on line 1, it starts with the timestamp '%s'", format.code(), fileName, names.get(0)));
        }
        SeriesLayout.Result result = SeriesLayout.of(format, names, dataset);
        if (result.layout().isEmpty()) {
            return rejected(String.format("Cannot parse %s file %s: %s", format.code(), fileName, result.problem().orElseThrow()));
        }
        SeriesLayout layout = result.layout().get();

        Map<LocalDateTime, List<ReadLine>> byTimestamp = new LinkedHashMap<>();
        List<RejectedRecord> rejected = new ArrayList<>();
        int emptyRows = 0;
        boolean formChecked = false;
        for (String line = lines.next(); line != null; line = lines.next()) {
            int lineNumber = lines.lineNumber();
            if (line.isBlank()) {
                continue;
            }
            List<String> fields = CsvLine.split(line);
            if (fields.stream().allMatch(String::isBlank)) {
                emptyRows++;
                continue;
            }
            if (!formChecked) {
                formChecked = true;
                Optional<String> wrongForm = timestampFormProblem(fields.get(0).trim(), lineNumber, fileName);
                if (wrongForm.isPresent()) {
                    return rejected(wrongForm.get());
                }
            }
            if (fields.size() != names.size()) {
                rejected.add(RejectedRecord.line(lineNumber, line, String.format("expected %d fields as in the header, found %d", names.size(), fields.size())));
                continue;
            }
            try {
                ReadLine read = read(layout, fields, lineNumber, line);
                byTimestamp.computeIfAbsent(read.timestamp, timestamp -> new ArrayList<>()).add(read);
            }
            catch (LineException e) {
                rejected.add(new RejectedRecord(Optional.of(lineNumber), Optional.of(line), e.getMessage(), Optional.empty(), Optional.empty(), e.localDate));
            }
        }
        List<SeriesValue> values = new ArrayList<>();
        TreeSet<LocalDate> localDates = new TreeSet<>();
        for (List<ReadLine> sameTimestamp : byTimestamp.values()) {
            ReadLine first = sameTimestamp.get(0);
            boolean agree = sameTimestamp.stream().allMatch(other -> other.numbers().equals(first.numbers()));
            if (agree) {
                values.addAll(first.values);
                localDates.add(first.timestamp.toLocalDate());
                for (ReadLine repeat : sameTimestamp.subList(1, sameTimestamp.size())) {
                    rejected.add(lineRejection(repeat, String.format("timestamp %s repeats line %d with the same values: kept once", repeat.timestamp, first.lineNumber)));
                }
            }
            else {
                // one reason for all the lines of the timestamp, naming the first few: short however often a timestamp repeats
                String reason = String.format("timestamp %s is on lines %s with different values: which is right would be a guess, all are rejected",
                        first.timestamp, lineNumbers(sameTimestamp));
                for (ReadLine line : sameTimestamp) {
                    rejected.add(lineRejection(line, reason));
                }
            }
        }
        rejected.sort(Comparator.comparing(rejection -> rejection.lineNumber().orElse(0)));

        List<String> details = new ArrayList<>();
        details.add(layout.describe());
        if (emptyRows > 0) {
            details.add(emptyRows + " rows holding only commas skipped");
        }
        if (!rejected.isEmpty()) {
            details.add(rejected.size() + " lines rejected");
        }
        if (values.isEmpty() && rejected.isEmpty()) {
            return new ParsedPayload(FetchOutcome.NO_DATA, SeriesSource.DATASET, SeriesTables.RAW_SERIES, List.of(), List.of(), Optional.empty(),
                    Optional.of("the file has a header but no rows; " + String.join("; ", details)), Optional.empty(), Optional.empty(), localDates);
        }
        return new ParsedPayload(FetchOutcome.PARSED, SeriesSource.DATASET, SeriesTables.RAW_SERIES, values, rejected, Optional.empty(),
                Optional.of(String.join("; ", details)), Optional.of(dataset.requestKey()), Optional.empty(), localDates);
    }

    /**
     * Whether the first data line's timestamp is in the layout's form: if not, the file is another layout (or not
     * one of these), and rejecting each of its lines would only bury the reason.
     */
    private Optional<String> timestampFormProblem(String timestamp, int lineNumber, String fileName)
    {
        SeriesFormat format = dataset.format();
        if (format.parseTimestamp(timestamp).isPresent()) {
            return Optional.empty();
        }
        String hint = "";
        for (SeriesFormat other : SeriesFormat.values()) {
            if (other != format && other.parseTimestamp(timestamp).isPresent()) {
                hint = String.format(" (it is in %s's form %s: use --format %s)", other.code(), other.timestampPattern(), other.code());
            }
        }
        return Optional.of(String.format("Cannot parse %s file %s: line %d starts with '%s', not a timestamp in the form %s%s",
                format.code(), fileName, lineNumber, timestamp, format.timestampPattern(), hint));
    }

    private ReadLine read(SeriesLayout layout, List<String> fields, int lineNumber, String line)
    {
        String text = fields.get(0).trim();
        LocalDateTime timestamp = dataset.format().parseTimestamp(text)
                .orElseThrow(() -> new LineException(String.format("timestamp '%s' is not in the form %s", text, dataset.format().timestampPattern()), Optional.empty()));
        if (timestamp.getMinute() != 0 || timestamp.getSecond() != 0) {
            throw new LineException(String.format("timestamp '%s' is not on the hour: the layout has one line per clock hour", text), Optional.of(timestamp.toLocalDate()));
        }
        List<SeriesValue> values = new ArrayList<>(layout.columns().size());
        for (SeriesColumn column : layout.columns()) {
            values.add(new SeriesValue(lineNumber, timestamp.toLocalDate(), timestamp.getHour(), column,
                    number(fields.get(column.columnNumber() - 1).trim(), column, timestamp), dataset));
        }
        return new ReadLine(lineNumber, line, timestamp, values);
    }

    private static OptionalDouble number(String field, SeriesColumn column, LocalDateTime timestamp)
    {
        if (field.isEmpty()) {
            return OptionalDouble.empty();
        }
        if (!DECIMAL.matcher(field).matches()) {
            throw new LineException(String.format("column '%s' holds '%s', not a number (digits with a dot as decimal separator)", column.headerName(), field),
                    Optional.of(timestamp.toLocalDate()));
        }
        double value = Double.parseDouble(field);
        if (!Double.isFinite(value)) {
            throw new LineException(String.format("column '%s' holds '%s', not a finite number", column.headerName(), field), Optional.of(timestamp.toLocalDate()));
        }
        return OptionalDouble.of(value);
    }

    /** The first few line numbers, and how many more. */
    private static String lineNumbers(List<ReadLine> lines)
    {
        List<Integer> shown = lines.stream().limit(LINES_NAMED).map(ReadLine::lineNumber).toList();
        return lines.size() <= LINES_NAMED ? shown.toString()
                : shown.toString().replace("]", String.format(" and %d more]", lines.size() - LINES_NAMED));
    }

    private static RejectedRecord lineRejection(ReadLine line, String reason)
    {
        return new RejectedRecord(Optional.of(line.lineNumber), Optional.of(line.line), reason, Optional.empty(), Optional.empty(),
                Optional.of(line.timestamp.toLocalDate()));
    }

    private ParsedPayload rejected(String reason)
    {
        return ParsedPayload.rejected(SeriesSource.DATASET, SeriesTables.RAW_SERIES, reason);
    }

    /** @param values one per column, in header order */
    private record ReadLine(int lineNumber, String line, LocalDateTime timestamp, List<SeriesValue> values)
    {
        /** What two lines of one timestamp are compared on. */
        List<OptionalDouble> numbers()
        {
            return values.stream().map(SeriesValue::value).toList();
        }
    }

    private static final class LineException
            extends RuntimeException
    {
        private final Optional<LocalDate> localDate;

        LineException(String message, Optional<LocalDate> localDate)
        {
            super(message, null, false, false);
            this.localDate = localDate;
        }
    }
}
