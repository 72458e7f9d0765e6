package io.energylakehouse.etl.source.eex;

import org.apache.poi.hssf.usermodel.HSSFWorkbook;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;

/**
 * Small hand-made workbooks in EEX's real layouts for parser tests: a title row and a banner row above the header, the
 * header at a chosen row and column, then rows of cells (a {@link LocalDate} or {@link LocalDateTime} is a date-formatted
 * number as EEX writes them, a number a number, a string a string, null no cell), and a {@code Caption} sheet after.
 */
final class EexWorkbooks
{
    /** EEX's 2012 header, 17 columns from column A (note the trailing space of "Total Amount of Bids "). */
    static final List<String> HEADER_2012 = List.of("Date", "Time", "Auction Name", "Contract", "Auction Price €/tCO2", "Minimal Price €/tCO2",
            "Maximal Price €/tCO2", "Mean €/tCO2", "Median €/tCO2", "Auction Volume tCO2", "Total Amount of Bids ", "Cover Ratio", "Total Number of Bidders",
            "Number of Successful Bidders", "Total Revenue €", "Country", "Auction Details");

    enum Format
    {
        XLS, XLSX
    }

    private EexWorkbooks() {}

    static List<Object> row(Object... cells)
    {
        return Arrays.asList(cells);
    }

    /** @param headerRow the header's row, 1-based as Excel shows it (at least 3: the title and banner rows are above it) */
    static byte[] workbook(Format format, int headerRow, int firstColumn, List<String> header, List<List<Object>> rows)
    {
        try (Workbook workbook = format == Format.XLS ? new HSSFWorkbook() : new XSSFWorkbook(); ByteArrayOutputStream bytes = new ByteArrayOutputStream()) {
            CellStyle dateStyle = workbook.createCellStyle();
            dateStyle.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("dd.mm.yyyy"));
            CellStyle timeStyle = workbook.createCellStyle();
            timeStyle.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("hh:mm:ss"));
            Sheet sheet = workbook.createSheet("Primary Market Auction");
            sheet.createRow(headerRow - 3).createCell(firstColumn).setCellValue("EEX Emissions market / Primary Market Auction");
            Row banner = sheet.createRow(headerRow - 2);
            banner.createCell(firstColumn).setCellValue("Prices");
            banner.createCell(firstColumn + 5).setCellValue("Volumes");
            Row headerCells = sheet.createRow(headerRow - 1);
            for (int i = 0; i < header.size(); i++) {
                headerCells.createCell(firstColumn + i).setCellValue(header.get(i));
            }
            int index = headerRow;
            for (List<Object> values : rows) {
                Row row = sheet.createRow(index++);
                for (int i = 0; i < values.size(); i++) {
                    Object value = values.get(i);
                    if (value == null) {
                        continue;
                    }
                    Cell cell = row.createCell(firstColumn + i);
                    if (value instanceof LocalDate date) {
                        cell.setCellValue(date);
                        cell.setCellStyle(dateStyle);
                    }
                    else if (value instanceof LocalDateTime time) {
                        cell.setCellValue(time);
                        cell.setCellStyle(timeStyle);
                    }
                    else if (value instanceof Number number) {
                        cell.setCellValue(number.doubleValue());
                    }
                    else {
                        cell.setCellValue(value.toString());
                    }
                }
            }
            Sheet caption = workbook.createSheet("Caption");
            caption.createRow(0).createCell(0).setCellValue("Auction Price: the clearing price");
            workbook.write(bytes);
            return bytes.toByteArray();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A 2012-layout row: date, time (on 1970-01-01 as EEX stored it), name, contract, price, volume, bids, cover, bidders, successful, country. */
    static List<Object> row2012(LocalDate date, int hour, int minute, String name, String contract, Object price, double volume, double bids, double cover,
            int bidders, int successful, String country)
    {
        return row(date, LocalDateTime.of(1970, 1, 1, hour, minute, 5), name, contract, price, null, null, null, null, volume, bids, cover, bidders, successful,
                null, country);
    }

    /** A 2022-layout row: date, time, name, contract, status, price (null when cancelled), volume, bids, cover, bidders, successful, country. */
    static List<Object> row2022(LocalDate date, String name, String contract, String status, Double price, double volume, double bids, double cover, int bidders,
            int successful, String country)
    {
        Object[] cells = new Object[25];
        cells[0] = date;
        cells[1] = date.atTime(11, 1, 3);
        cells[2] = name;
        cells[3] = contract;
        cells[4] = status;
        cells[5] = price;
        cells[10] = volume;
        cells[11] = bids;
        cells[20] = cover;
        cells[21] = bidders;
        cells[22] = successful;
        cells[24] = country;
        return Arrays.asList(cells);
    }
}
