package io.energylakehouse.etl.source.eex;

import io.energylakehouse.common.table.TableSpec;
import io.energylakehouse.etl.http.PacedHttpClient;
import io.energylakehouse.etl.raw.FetchOutcome;
import io.energylakehouse.etl.raw.ParsedPayload;
import io.energylakehouse.etl.raw.Payload;
import io.energylakehouse.etl.raw.PayloadContent;
import io.energylakehouse.etl.raw.PayloadLimits;
import io.energylakehouse.etl.raw.PayloadParser;
import io.energylakehouse.etl.raw.RejectedRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.InputStream;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Parses EEX's yearly Emission Spot Primary Market Auction Report, a workbook ({@code .xls} to 2019, {@code .xlsx}
 * since: POI tells them by their bytes, not their names) with title and banner rows above the table and a second sheet
 * {@code Caption}. The header row is found by its text in the first {@value #HEADER_SEARCH_ROWS} rows of the first sheet
 * that has one (row 3 in 2012..2016, row 6 since 2017; column A or B), and the columns by name in any of EEX's spellings
 * ({@link EexAuctionColumn}), so the 17 columns of 2012 and the 59 of 2022 are read by the same code. Rows are newest first
 * in EEX's files and may be in any order; several auctions on one day (EU, DE and PL platforms) are separate rows.
 *
 * <p>A cancelled auction (files since 2020 say {@code Status cancelled}) is kept with no price. A row that cannot be read
 * (no date, a number that is not one, a price on a cancelled auction, no price and no status to say why) is rejected
 * alone with its reason; a workbook that is not one, or has no sheet with the report's header, is rejected whole. Nothing
 * escapes as an exception.
 *
 * <p>A workbook with no header row but the same labels one under the other, each value beside its label, is read as
 * one auction: the layout EEX's single-auction report ({@code primary_auction_report_20230214_39969994.xlsx}) may have.
 * That layout is a guess (no such file was seen); a single-auction report laid out as a table is read as a table.
 */
public final class EexAuctionParser
        implements PayloadParser
{
    private static final Logger log = LoggerFactory.getLogger(EexAuctionParser.class);

    static final int HEADER_SEARCH_ROWS = 50;
    private static final int HTTP_NOT_FOUND = 404;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final List<DateTimeFormatter> TEXT_DATES = List.of(DateTimeFormatter.ISO_LOCAL_DATE, DateTimeFormatter.ofPattern("dd.MM.uuuu"),
            DateTimeFormatter.ofPattern("dd/MM/uuuu"));

    private final PayloadLimits limits;

    public EexAuctionParser()
    {
        this(PayloadLimits.DEFAULTS);
    }

    public EexAuctionParser(PayloadLimits limits)
    {
        this.limits = requireNonNull(limits, "limits is null");
    }

    @Override
    public String market()
    {
        return EexAuctions.MARKET;
    }

    @Override
    public List<TableSpec> rawTables()
    {
        return List.of(EexAuctions.RAW_TABLE);
    }

    @Override
    public ParsedPayload parse(Payload payload)
    {
        int status = payload.httpStatus();
        if (status == HTTP_NOT_FOUND) {
            // EEX has no report (yet) for the year asked: a gap, not a failure
            return new ParsedPayload(FetchOutcome.NO_DATA, EexAuctions.DATASET, EexAuctions.RAW_TABLE, List.of(), List.of(), Optional.empty(),
                    Optional.of(String.format("EEX has no file %s (HTTP 404)", payload.fileName())), Optional.empty(), Optional.empty(), java.util.Set.of());
        }
        if (status >= 400 && status <= 499) {
            return ParsedPayload.operatorAnswer(FetchOutcome.OPERATOR_ERROR, EexAuctions.DATASET, EexAuctions.RAW_TABLE, "HTTP " + status,
                    String.format("EEX answered HTTP %d for %s; body starts: %s", status, payload.fileName(), PacedHttpClient.excerpt(payload.content())));
        }
        return parse(payload.content(), payload.fileName(), limits);
    }

    @Override
    public ParsedPayload rejected(Payload payload, String reason)
    {
        return ParsedPayload.rejected(EexAuctions.DATASET, EexAuctions.RAW_TABLE, reason);
    }

    /** Never throws on bad data: a workbook that cannot be read is a {@link FetchOutcome#REJECTED} payload with the reason. */
    public static ParsedPayload parse(PayloadContent content, String fileName, PayloadLimits limits)
    {
        String prefix = String.format("Cannot parse EEX auction report %s: ", fileName);
        String tooLarge = limits.tooLarge(content.size());
        if (tooLarge != null) {
            return rejectedPayload(prefix + tooLarge);
        }
        try (InputStream input = content.open(); Workbook workbook = WorkbookFactory.create(input)) {
            List<String> sheetNames = new ArrayList<>();
            for (Sheet sheet : workbook) {
                sheetNames.add(sheet.getSheetName());
                Optional<Header> header = Header.find(sheet);
                if (header.isPresent()) {
                    return read(sheet, header.get(), fileName);
                }
            }
            for (Sheet sheet : workbook) {
                Optional<Labels> labels = Labels.find(sheet);
                if (labels.isPresent()) {
                    return readSingle(sheet, labels.get(), fileName);
                }
            }
            return rejectedPayload(prefix + String.format("no sheet has the auction report's header (a row naming Date, Auction Name, Auction Price and "
                    + "Auction Volume) in its first %d rows, nor those labels one under the other; sheets %s", HEADER_SEARCH_ROWS, sheetNames));
        }
        catch (Exception e) {
            // POI says "not an OLE2 or OOXML file" and the like in many exception types; a parser never throws on bad data
            return rejectedPayload(prefix + "not a readable Excel workbook (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
        }
    }

    private static ParsedPayload read(Sheet sheet, Header header, String fileName)
    {
        List<EexAuctionRecord> records = new ArrayList<>();
        List<RejectedRecord> rejected = new ArrayList<>();
        DataFormatter formatter = new DataFormatter(Locale.ROOT);
        for (int index = header.rowIndex() + 1; index <= sheet.getLastRowNum(); index++) {
            Row row = sheet.getRow(index);
            if (row == null || blank(row)) {
                continue;
            }
            int lineNumber = index + 1;
            try {
                records.add(record(sheet.getSheetName(), lineNumber, Cells.of(row, header)));
            }
            catch (RuntimeException e) {
                String reason = e instanceof BadCell ? e.getMessage() : "Cannot read auction: " + e;
                Optional<LocalDate> date = Optional.empty();
                try {
                    date = Optional.ofNullable(date(Cells.of(row, header).cell(EexAuctionColumn.DATE)));
                }
                catch (RuntimeException ignored) {
                    // the date itself is what could not be read
                }
                rejected.add(new RejectedRecord(Optional.of(lineNumber), Optional.of(text(row, formatter)), String.format("Cannot read row %d of sheet %s: %s",
                        lineNumber, sheet.getSheetName(), reason), Optional.empty(), Optional.empty(), date));
            }
        }
        TreeSet<LocalDate> dates = records.stream().map(EexAuctionRecord::auctionDate).collect(Collectors.toCollection(TreeSet::new));
        log.info("Parsed EEX auction report {} sheet {} (header on row {}, {} columns known of {}): {} auctions {}..{}, {} rows rejected", fileName,
                sheet.getSheetName(), header.rowIndex() + 1, header.columns().size(), header.width(), records.size(),
                dates.isEmpty() ? "-" : dates.first(), dates.isEmpty() ? "-" : dates.last(), rejected.size());
        if (records.isEmpty() && rejected.isEmpty()) {
            return new ParsedPayload(FetchOutcome.NO_DATA, EexAuctions.DATASET, EexAuctions.RAW_TABLE, List.of(), List.of(), Optional.empty(),
                    Optional.of("the report's header is on row " + (header.rowIndex() + 1) + " of sheet " + sheet.getSheetName() + " but no auction follows it"),
                    Optional.empty(), Optional.empty(), java.util.Set.of());
        }
        return new ParsedPayload(FetchOutcome.PARSED, EexAuctions.DATASET, EexAuctions.RAW_TABLE, records, rejected, Optional.empty(), Optional.empty(),
                dates.isEmpty() ? Optional.empty() : Optional.of(contentKey(dates.first(), dates.last())), Optional.empty(), dates);
    }

    /**
     * One auction given as labels one under the other with each value beside its label (the layout a single-auction
     * report may have: unverified, no such file was seen), read with the same column map and checks as a table row.
     */
    private static ParsedPayload readSingle(Sheet sheet, Labels labels, String fileName)
    {
        int lineNumber = labels.rows().get(EexAuctionColumn.DATE).getRowNum() + 1;
        Cells cells = new Cells()
        {
            @Override
            public Cell cell(EexAuctionColumn column)
            {
                Row row = labels.rows().get(column);
                if (row == null) {
                    return null;
                }
                int labelColumn = labels.labelColumns().get(column);
                for (int index = labelColumn + 1; index < row.getLastCellNum(); index++) {
                    Cell cell = row.getCell(index);
                    if (cell != null && string(cell) != null) {
                        return cell;
                    }
                }
                return null;
            }

            @Override
            public String name(EexAuctionColumn column)
            {
                return labels.names().get(column);
            }
        };
        try {
            EexAuctionRecord record = record(sheet.getSheetName(), lineNumber, cells);
            log.info("Parsed EEX single-auction report {} sheet {} (labels from row {}): the auction {} of {}", fileName, sheet.getSheetName(), lineNumber,
                    record.auctionName(), record.auctionDate());
            return new ParsedPayload(FetchOutcome.PARSED, EexAuctions.DATASET, EexAuctions.RAW_TABLE, List.of(record), List.of(), Optional.empty(),
                    Optional.empty(), Optional.of(contentKey(record.auctionDate(), record.auctionDate())), Optional.empty(), java.util.Set.of(record.auctionDate()));
        }
        catch (RuntimeException e) {
            String reason = e instanceof BadCell ? e.getMessage() : "Cannot read auction: " + e;
            return rejectedPayload(String.format("Cannot parse EEX auction report %s: its single auction (labels on sheet %s from row %d) cannot be read: %s",
                    fileName, sheet.getSheetName(), lineNumber, reason));
        }
    }

    /** The window the content covers: the year of a yearly report ({@code emission-spot-primary-market-auction-report|2019}), else its first and last day. */
    static String contentKey(LocalDate first, LocalDate last)
    {
        String window = first.getYear() == last.getYear() ? String.valueOf(first.getYear()) : first + ".." + last;
        return EexAuctions.REQUEST_NAME + "|" + window;
    }

    private static EexAuctionRecord record(String sheetName, int lineNumber, Cells cells)
    {
        LocalDate date = date(cells.cell(EexAuctionColumn.DATE));
        if (date == null) {
            throw new BadCell("Date is empty");
        }
        String name = string(cells.cell(EexAuctionColumn.AUCTION_NAME));
        if (name == null) {
            throw new BadCell("Auction Name is empty");
        }
        String status = string(cells.cell(EexAuctionColumn.STATUS));
        if (status != null && !status.equalsIgnoreCase("successful") && !status.equalsIgnoreCase("cancelled")) {
            throw new BadCell(String.format("Status '%s' is neither successful nor cancelled", status));
        }
        Double price = number(cells, EexAuctionColumn.AUCTION_PRICE);
        if (price == null && status == null) {
            throw new BadCell("Auction Price is empty and the file has no Status to say the auction was cancelled");
        }
        if (price == null && status.equalsIgnoreCase("successful")) {
            throw new BadCell("Auction Price is empty on an auction whose Status is successful");
        }
        if (price != null && status != null && status.equalsIgnoreCase("cancelled")) {
            throw new BadCell(String.format("Auction Price %s on an auction whose Status is cancelled", price));
        }
        Double volume = number(cells, EexAuctionColumn.AUCTION_VOLUME);
        if (volume == null) {
            throw new BadCell("Auction Volume is empty");
        }
        return new EexAuctionRecord(lineNumber, sheetName, date, time(cells.cell(EexAuctionColumn.TIME)), name,
                string(cells.cell(EexAuctionColumn.CONTRACT)), string(cells.cell(EexAuctionColumn.CERTIFICATE)),
                status == null ? null : status.toLowerCase(Locale.ROOT), price, number(cells, EexAuctionColumn.MINIMUM_BID),
                number(cells, EexAuctionColumn.MAXIMUM_BID), number(cells, EexAuctionColumn.MEAN_PRICE),
                number(cells, EexAuctionColumn.MEDIAN_PRICE), volume, number(cells, EexAuctionColumn.TOTAL_BID_VOLUME),
                whole(cells, EexAuctionColumn.BIDS_SUBMITTED), whole(cells, EexAuctionColumn.SUCCESSFUL_BIDS),
                number(cells, EexAuctionColumn.COVER_RATIO), whole(cells, EexAuctionColumn.BIDDERS),
                whole(cells, EexAuctionColumn.SUCCESSFUL_BIDDERS), number(cells, EexAuctionColumn.TOTAL_REVENUE),
                string(cells.cell(EexAuctionColumn.COUNTRY)));
    }

    /** The cells of one auction by column: a row under the header, or the values beside the labels of a single-auction sheet. */
    private interface Cells
    {
        /** The column's cell, null where the file has no such column or cell. */
        Cell cell(EexAuctionColumn column);

        /** The column's name as EEX spelled it, for messages. */
        String name(EexAuctionColumn column);

        static Cells of(Row row, Header header)
        {
            return new Cells()
            {
                @Override
                public Cell cell(EexAuctionColumn column)
                {
                    Integer index = header.columns().get(column);
                    return index == null ? null : row.getCell(index);
                }

                @Override
                public String name(EexAuctionColumn column)
                {
                    return header.names().get(column);
                }
            };
        }
    }

    private static CellType type(Cell cell)
    {
        return cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
    }

    private static String string(Cell cell)
    {
        if (cell == null) {
            return null;
        }
        String text = switch (type(cell)) {
            case STRING -> cell.getStringCellValue();
            case NUMERIC -> new DataFormatter(Locale.ROOT).formatCellValue(cell);
            case BOOLEAN -> String.valueOf(cell.getBooleanCellValue());
            default -> null;
        };
        return text == null || text.isBlank() ? null : text.strip();
    }

    private static Double number(Cells cells, EexAuctionColumn column)
    {
        Cell cell = cells.cell(column);
        if (cell == null) {
            return null;
        }
        CellType type = type(cell);
        if (type == CellType.NUMERIC) {
            return cell.getNumericCellValue();
        }
        String text = string(cell);
        if (text == null) {
            return null;
        }
        try {
            return Double.parseDouble(text);
        }
        catch (NumberFormatException e) {
            throw new BadCell(String.format("%s '%s' is not a number", cells.name(column), text));
        }
    }

    private static Integer whole(Cells cells, EexAuctionColumn column)
    {
        Double value = number(cells, column);
        if (value == null) {
            return null;
        }
        if (value != Math.rint(value) || Math.abs(value) > Integer.MAX_VALUE) {
            throw new BadCell(String.format("%s %s is not a whole number", cells.name(column), value));
        }
        return value.intValue();
    }

    private static LocalDate date(Cell cell)
    {
        if (cell == null) {
            return null;
        }
        if (type(cell) == CellType.NUMERIC) {
            if (!DateUtil.isCellDateFormatted(cell)) {
                throw new BadCell(String.format("Date %s is a number, not a date", cell.getNumericCellValue()));
            }
            // the 2016 file stores 09:00 with the date: the auction day is the date part
            return cell.getLocalDateTimeCellValue().toLocalDate();
        }
        String text = string(cell);
        if (text == null) {
            return null;
        }
        for (DateTimeFormatter format : TEXT_DATES) {
            try {
                return LocalDate.parse(text, format);
            }
            catch (DateTimeParseException e) {
                // try the next spelling
            }
        }
        throw new BadCell(String.format("Date '%s' is not a date", text));
    }

    private static String time(Cell cell)
    {
        if (cell == null) {
            return null;
        }
        if (type(cell) == CellType.NUMERIC) {
            // 2012..2015 store the time on 1970-01-01, since 2016 with the auction's date: the local time of day is what counts
            LocalDateTime time = DateUtil.getLocalDateTime(cell.getNumericCellValue());
            return TIME.format(time.toLocalTime());
        }
        return string(cell);
    }

    private static boolean blank(Row row)
    {
        for (Cell cell : row) {
            if (string(cell) != null) {
                return false;
            }
        }
        return true;
    }

    private static String text(Row row, DataFormatter formatter)
    {
        List<String> cells = new ArrayList<>();
        for (int index = 0; index < row.getLastCellNum(); index++) {
            Cell cell = row.getCell(index);
            cells.add(cell == null ? "" : formatter.formatCellValue(cell).replace('\n', ' '));
        }
        while (!cells.isEmpty() && cells.get(cells.size() - 1).isEmpty()) {
            cells.remove(cells.size() - 1);
        }
        return String.join(";", cells);
    }

    private static ParsedPayload rejectedPayload(String reason)
    {
        return ParsedPayload.rejected(EexAuctions.DATASET, EexAuctions.RAW_TABLE, reason);
    }

    /** A cell the parser cannot read: the row is rejected with this message. */
    private static final class BadCell
            extends RuntimeException
    {
        BadCell(String message)
        {
            super(message, null, false, false);
        }
    }

    /** Labels one under the other (a single-auction layout): the row and column of each known label, and the labels as EEX spelled them. */
    private record Labels(Map<EexAuctionColumn, Row> rows, Map<EexAuctionColumn, Integer> labelColumns, Map<EexAuctionColumn, String> names)
    {
        static Optional<Labels> find(Sheet sheet)
        {
            Map<EexAuctionColumn, Row> rows = new EnumMap<>(EexAuctionColumn.class);
            Map<EexAuctionColumn, Integer> labelColumns = new EnumMap<>(EexAuctionColumn.class);
            Map<EexAuctionColumn, String> names = new EnumMap<>(EexAuctionColumn.class);
            int last = Math.min(sheet.getLastRowNum(), 2 * HEADER_SEARCH_ROWS - 1);
            for (int index = sheet.getFirstRowNum(); index >= 0 && index <= last; index++) {
                Row row = sheet.getRow(index);
                if (row == null) {
                    continue;
                }
                // the first text cell of the row is its label
                for (Cell cell : row) {
                    if (type(cell) == CellType.STRING && !cell.getStringCellValue().isBlank()) {
                        String text = cell.getStringCellValue();
                        EexAuctionColumn.of(text).filter(column -> !rows.containsKey(column)).ifPresent(column -> {
                            rows.put(column, row);
                            labelColumns.put(column, cell.getColumnIndex());
                            names.put(column, text.replaceAll("\\s+", " ").strip());
                        });
                        break;
                    }
                }
            }
            boolean complete = java.util.Arrays.stream(EexAuctionColumn.values()).filter(EexAuctionColumn::required).allMatch(rows::containsKey);
            return complete ? Optional.of(new Labels(rows, labelColumns, names)) : Optional.empty();
        }
    }

    /** The header row of a sheet: where it is, which cell holds each known column, and the names as EEX spelled them. */
    private record Header(int rowIndex, int width, Map<EexAuctionColumn, Integer> columns, Map<EexAuctionColumn, String> names)
    {
        static Optional<Header> find(Sheet sheet)
        {
            int last = Math.min(sheet.getLastRowNum(), HEADER_SEARCH_ROWS - 1);
            for (int index = sheet.getFirstRowNum(); index >= 0 && index <= last; index++) {
                Row row = sheet.getRow(index);
                if (row == null) {
                    continue;
                }
                Map<EexAuctionColumn, Integer> columns = new EnumMap<>(EexAuctionColumn.class);
                Map<EexAuctionColumn, String> names = new EnumMap<>(EexAuctionColumn.class);
                for (Cell cell : row) {
                    String text = type(cell) == CellType.STRING ? cell.getStringCellValue() : null;
                    if (text != null) {
                        EexAuctionColumn.of(text).filter(column -> !columns.containsKey(column)).ifPresent(column -> {
                            columns.put(column, cell.getColumnIndex());
                            names.put(column, text.replaceAll("\\s+", " ").strip());
                        });
                    }
                }
                boolean complete = java.util.Arrays.stream(EexAuctionColumn.values()).filter(EexAuctionColumn::required).allMatch(columns::containsKey);
                if (complete) {
                    return Optional.of(new Header(index, row.getLastCellNum(), columns, names));
                }
            }
            return Optional.empty();
        }
    }
}
