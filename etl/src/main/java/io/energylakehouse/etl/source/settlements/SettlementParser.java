package io.energylakehouse.etl.source.settlements;

import io.energylakehouse.common.csv.CsvLine;
import io.energylakehouse.common.money.CurrencyCodes;
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
import java.time.format.DateTimeParseException;
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
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static io.energylakehouse.etl.source.settlements.SettlementColumn.CONTRACT_CODE;
import static io.energylakehouse.etl.source.settlements.SettlementColumn.CURRENCY;
import static io.energylakehouse.etl.source.settlements.SettlementColumn.DELIVERY_END;
import static io.energylakehouse.etl.source.settlements.SettlementColumn.DELIVERY_START;
import static io.energylakehouse.etl.source.settlements.SettlementColumn.EXCHANGE;
import static io.energylakehouse.etl.source.settlements.SettlementColumn.MARKET;
import static io.energylakehouse.etl.source.settlements.SettlementColumn.PROFILE;
import static io.energylakehouse.etl.source.settlements.SettlementColumn.SETTLEMENT_PRICE;
import static io.energylakehouse.etl.source.settlements.SettlementColumn.TRADE_DATE;
import static io.energylakehouse.etl.source.settlements.SettlementColumn.UNIT;
import static java.util.Objects.requireNonNull;

/**
 * Parses futures settlement files in the documented layout ({@link SettlementColumn}) into raw records. Columns
 * are found by header name, in any case and order; other columns are ignored. A file without the required
 * columns (or not UTF-8 text) is rejected whole; a line that cannot be read or fails a check is rejected
 * alone, with its line number; lines of one file that repeat a key with different values are all rejected,
 * since which one is right would be a guess. Lines that repeat a key with the same values are kept (curation
 * collapses them and flags it).
 */
public final class SettlementParser
        implements PayloadParser
{
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern NOT_FINITE = Pattern.compile("[+-]?(nan|inf|infinity)", Pattern.CASE_INSENSITIVE);
    private static final Pattern MARKET_CODE = Pattern.compile("[A-Z0-9][A-Z0-9_-]*");
    /** Line numbers a disagreeing-duplicates reason names before it counts the rest. */
    private static final int LINES_NAMED = 10;

    private final PayloadLimits limits;

    /** A parser with the default {@link PayloadLimits}. */
    public SettlementParser()
    {
        this(PayloadLimits.DEFAULTS);
    }

    public SettlementParser(PayloadLimits limits)
    {
        this.limits = requireNonNull(limits, "limits is null");
    }

    @Override
    public String market()
    {
        return SettlementSource.UNKNOWN_MARKET;
    }

    @Override
    public List<TableSpec> rawTables()
    {
        return List.of(SettlementTables.RAW_FUTURES_SETTLEMENTS);
    }

    @Override
    public ParsedPayload parse(Payload payload)
    {
        String tooLarge = limits.tooLarge(payload.content().size());
        if (tooLarge != null) {
            return rejected(String.format("Cannot parse futures settlements file %s: %s", payload.fileName(), tooLarge));
        }
        try (InputStream input = payload.content().open()) {
            return parse(new PayloadLines(input, PayloadLines.Breaks.ANY, PayloadLines.Decoding.STRICT), payload.fileName());
        }
        catch (CharacterCodingException e) {
            return rejected(String.format("Cannot parse futures settlements file %s: not UTF-8 text (%s)", payload.fileName(), e.getMessage()));
        }
        catch (PayloadLines.LineTooLongException e) {
            return rejected(String.format("Cannot parse futures settlements file %s: %s: not a settlements CSV", payload.fileName(), e.getMessage()));
        }
        catch (IOException e) {
            return rejected(String.format("Cannot parse futures settlements file %s: cannot be read (%s)", payload.fileName(), e.getMessage()));
        }
    }

    @Override
    public ParsedPayload rejected(Payload payload, String reason)
    {
        return rejected(reason);
    }

    static ParsedPayload parse(String text, String fileName)
    {
        try {
            return parse(new PayloadLines(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), PayloadLines.Breaks.ANY, PayloadLines.Decoding.REPLACE),
                    fileName);
        }
        catch (IOException e) {
            return rejected(String.format("Cannot parse futures settlements file %s: %s", fileName, e.getMessage()));
        }
    }

    /** Reads the lines as they come: the file is never held whole (its records are). */
    private static ParsedPayload parse(PayloadLines lines, String fileName)
            throws IOException
    {
        String headerLine = lines.next();
        if (headerLine == null || headerLine.isBlank()) {
            return rejected(String.format("Cannot parse futures settlements file %s: no header row on line 1 (expected columns %s)", fileName,
                    SettlementColumn.required().stream().map(SettlementColumn::headerName).toList()));
        }
        SettlementCsv.Header header = SettlementCsv.Header.of(headerLine);
        List<String> repeated = header.repeatedColumns();
        if (!repeated.isEmpty()) {
            return rejected(String.format("Cannot parse futures settlements file %s: column%s %s named more than once in header %s",
                    fileName, repeated.size() == 1 ? "" : "s", String.join(", ", repeated), header.names()));
        }
        List<String> missing = header.missingRequiredColumns();
        if (!missing.isEmpty()) {
            return rejected(String.format("Cannot parse futures settlements file %s: column%s %s missing in header %s",
                    fileName, missing.size() == 1 ? "" : "s", String.join(", ", missing), header.names()));
        }

        List<ReadLine> read = new ArrayList<>();
        List<RejectedRecord> rejected = new ArrayList<>();
        for (String line = lines.next(); line != null; line = lines.next()) {
            int lineNumber = lines.lineNumber();
            if (line.isBlank()) {
                continue;
            }
            List<String> fields = CsvLine.split(line);
            if (fields.size() != header.names().size()) {
                rejected.add(RejectedRecord.line(lineNumber, line, String.format("expected %d fields as in the header, found %d", header.names().size(), fields.size())));
                continue;
            }
            try {
                read.add(new ReadLine(record(header, fields, lineNumber), line));
            }
            catch (LineException e) {
                rejected.add(new RejectedRecord(Optional.of(lineNumber), Optional.of(line), e.getMessage(), Optional.empty(), Optional.empty(),
                        readableTradeDate(header, fields), readableMarket(header, fields)));
            }
        }
        List<SettlementRecord> records = withoutDisagreeingDuplicates(read, rejected);
        rejected.sort(Comparator.comparing(rejection -> rejection.lineNumber().orElse(0)));

        if (records.isEmpty() && rejected.isEmpty()) {
            return new ParsedPayload(FetchOutcome.NO_DATA, SettlementSource.DATASET, SettlementTables.RAW_FUTURES_SETTLEMENTS, List.of(), List.of(),
                    Optional.empty(), Optional.of("the file has a header but no rows"), Optional.empty(), Optional.empty(), Set.of());
        }
        TreeSet<LocalDate> tradeDates = new TreeSet<>();
        Set<String> markets = new TreeSet<>();
        for (SettlementRecord record : records) {
            tradeDates.add(record.tradeDate());
            markets.add(record.market());
        }
        // Payloads holding the same markets and trade dates are revisions of each other in raw.fetch_log.
        Optional<String> contentKey = records.isEmpty() ? Optional.empty()
                : Optional.of(String.join("|", SettlementSource.REPORT, String.join("+", markets),
                        tradeDates.first() + ".." + tradeDates.last()));
        return new ParsedPayload(FetchOutcome.PARSED, SettlementSource.DATASET, SettlementTables.RAW_FUTURES_SETTLEMENTS, records, rejected,
                Optional.empty(), rejected.isEmpty() ? Optional.empty() : Optional.of(rejected.size() + " lines rejected"),
                contentKey, Optional.empty(), tradeDates);
    }

    private static ParsedPayload rejected(String reason)
    {
        return ParsedPayload.rejected(SettlementSource.DATASET, SettlementTables.RAW_FUTURES_SETTLEMENTS, reason);
    }

    /**
     * Keeps every line whose key no other line of the file repeats with different values; the lines of a key
     * that disagree go to {@code rejected}, all of them, each naming the others.
     */
    private static List<SettlementRecord> withoutDisagreeingDuplicates(List<ReadLine> read, List<RejectedRecord> rejected)
    {
        Map<SettlementRecord.Key, List<ReadLine>> byKey = new LinkedHashMap<>();
        read.forEach(line -> byKey.computeIfAbsent(line.record().key(), key -> new ArrayList<>()).add(line));
        // Once per key, not once per line: a key repeated on n lines costs n comparisons, not n * n.
        Map<SettlementRecord.Key, Optional<String>> disagreements = new HashMap<>();
        byKey.forEach((key, sameKey) -> {
            SettlementRecord first = sameKey.get(0).record();
            disagreements.put(key, sameKey.stream()
                    .map(other -> first.differencesFrom(other.record()))
                    .filter(found -> !found.isEmpty())
                    .findFirst()
                    .map(differences -> String.format("key %s is on lines %s with different values (%s): disagreeing duplicates are all rejected", key,
                            lineNumbers(sameKey), String.join(", ", differences))));
        });
        List<SettlementRecord> accepted = new ArrayList<>();
        for (ReadLine line : read) {
            SettlementRecord record = line.record();
            Optional<String> disagreement = disagreements.get(record.key());
            if (disagreement.isEmpty()) {
                accepted.add(record);
                continue;
            }
            rejected.add(new RejectedRecord(Optional.of(record.lineNumber()), Optional.of(line.line()), disagreement.get(),
                    Optional.empty(), Optional.empty(), Optional.of(record.tradeDate()), Optional.of(record.market())));
        }
        return accepted;
    }

    /** The first few line numbers of a key's lines, and how many more: a reason stays short however often a key repeats. */
    private static String lineNumbers(List<ReadLine> lines)
    {
        List<Integer> shown = lines.stream().limit(LINES_NAMED).map(line -> line.record().lineNumber()).toList();
        return lines.size() <= LINES_NAMED ? shown.toString()
                : shown.toString().replace("]", String.format(" and %d more]", lines.size() - LINES_NAMED));
    }

    private static SettlementRecord record(SettlementCsv.Header header, List<String> fields, int lineNumber)
    {
        LocalDate tradeDate = date(header, fields, TRADE_DATE);
        String market = market(required(header, fields, MARKET));
        String contractCode = required(header, fields, CONTRACT_CODE);
        String profileCode = required(header, fields, PROFILE);
        DeliveryProfile profile = DeliveryProfile.fromCode(profileCode)
                .orElseThrow(() -> new LineException("profile '" + profileCode + "' is not one of " + DeliveryProfile.codes()));
        LocalDate deliveryStart = date(header, fields, DELIVERY_START);
        LocalDate deliveryEnd = date(header, fields, DELIVERY_END);
        double settlementPrice = price(required(header, fields, SETTLEMENT_PRICE));
        String currency = currency(required(header, fields, CURRENCY));
        String unit = required(header, fields, UNIT);
        String exchange = header.field(fields, EXCHANGE).orElse(null);
        if (!deliveryEnd.isAfter(deliveryStart)) {
            throw new LineException("delivery_end " + deliveryEnd + " is not after delivery_start " + deliveryStart + " (delivery_end is exclusive)");
        }
        return new SettlementRecord(lineNumber, tradeDate, market, contractCode, profile, deliveryStart, deliveryEnd, settlementPrice, currency, unit, exchange);
    }

    private static String required(SettlementCsv.Header header, List<String> fields, SettlementColumn column)
    {
        return header.field(fields, column).orElseThrow(() -> new LineException(column.headerName() + " is empty"));
    }

    private static LocalDate date(SettlementCsv.Header header, List<String> fields, SettlementColumn column)
    {
        String value = required(header, fields, column);
        try {
            return LocalDate.parse(value);
        }
        catch (DateTimeParseException e) {
            throw new LineException(column.headerName() + " '" + value + "' is not a date in the form yyyy-MM-dd");
        }
    }

    private static String market(String value)
    {
        String market = value.toUpperCase(Locale.ROOT);
        if (!MARKET_CODE.matcher(market).matches()) {
            throw new LineException("market '" + value + "' is not a market code (letters, digits, '-' and '_', e.g. PJM or EEX-DE)");
        }
        return market;
    }

    private static double price(String value)
    {
        if (NOT_FINITE.matcher(value).matches()) {
            throw new LineException("settlement_price '" + value + "' is not a finite number");
        }
        if (!DECIMAL.matcher(value).matches()) {
            throw new LineException("settlement_price '" + value + "' is not a number (digits with a dot as decimal separator)");
        }
        double price = Double.parseDouble(value);
        if (!Double.isFinite(price)) {
            throw new LineException("settlement_price '" + value + "' is not a finite number");
        }
        return price;
    }

    private static String currency(String value)
    {
        Optional<String> refusal = CurrencyCodes.refusal(value);
        if (refusal.isPresent()) {
            throw new LineException("currency '" + value + "' is " + refusal.get());
        }
        return value.trim().toUpperCase(Locale.ROOT);
    }

    /** The line's trade date for its quarantine row, when it can be read although the line was rejected. */
    private static Optional<LocalDate> readableTradeDate(SettlementCsv.Header header, List<String> fields)
    {
        try {
            return header.field(fields, TRADE_DATE).map(LocalDate::parse);
        }
        catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** The line's market for its quarantine row (which decides who may see it), when it is a market code. */
    private static Optional<String> readableMarket(SettlementCsv.Header header, List<String> fields)
    {
        return header.field(fields, MARKET).map(value -> value.toUpperCase(Locale.ROOT)).filter(market -> MARKET_CODE.matcher(market).matches());
    }

    private record ReadLine(SettlementRecord record, String line) {}

    private static final class LineException
            extends RuntimeException
    {
        LineException(String message)
        {
            super(message, null, false, false);
        }
    }
}
