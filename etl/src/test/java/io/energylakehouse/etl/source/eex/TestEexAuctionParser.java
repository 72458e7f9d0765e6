package io.energylakehouse.etl.source.eex;

import io.energylakehouse.etl.raw.FetchOutcome;
import io.energylakehouse.etl.raw.ParsedPayload;
import io.energylakehouse.etl.raw.Payload;
import io.energylakehouse.etl.raw.PayloadLimits;
import io.energylakehouse.etl.raw.RejectedRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static io.energylakehouse.etl.source.eex.EexTestFiles.payload;
import static io.energylakehouse.etl.source.eex.EexTestFiles.records;
import static io.energylakehouse.etl.source.eex.EexWorkbooks.HEADER_2012;
import static io.energylakehouse.etl.source.eex.EexWorkbooks.row2012;
import static io.energylakehouse.etl.source.eex.EexWorkbooks.row2022;
import static io.energylakehouse.etl.source.eex.EexWorkbooks.workbook;
import static org.assertj.core.api.Assertions.assertThat;

/** The parser on small hand-made workbooks in EEX's 2012 (.xls, 17 columns) and 2022 (.xlsx, 59 columns) layouts. */
class TestEexAuctionParser
{
    private static final LocalDate DAY = LocalDate.of(2013, 12, 16);

    private static ParsedPayload parse(String fileName, byte[] bytes)
    {
        return new EexAuctionParser().parse(payload(fileName, bytes));
    }

    @Test
    void reads17ColumnXlsWithSeveralAuctionsOnOneDay()
    {
        byte[] bytes = workbook(EexWorkbooks.Format.XLS, 3, 0, HEADER_2012, List.of(
                row2012(DAY, 15, 0, "PL", "T3PA", 4.69, 3660500, 9874000, 2.7, 18, 18, "PL"),
                row2012(DAY, 11, 0, "EU", "T3PA", 4.71, 3442500, 11506000, 3.34, 22, 16, "EU"),
                row2012(DAY.minusDays(3), 11, 0, "XF", "T2PA", 4.84, 100000, 200000, 2.0, 5, 4, "XF")));

        ParsedPayload parsed = parse("emission-spot-primary-market-auction-report-2013-data.xls", bytes);

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(parsed.rejected()).isEmpty();
        assertThat(parsed.operatingDates()).containsExactlyInAnyOrder(DAY.minusDays(3), DAY);
        assertThat(parsed.contentKey()).contains("emission-spot-primary-market-auction-report|2013");
        assertThat(parsed.publishedAtUtc()).isEmpty();
        assertThat(records(parsed)).containsExactly(
                new EexAuctionRecord(4, "Primary Market Auction", DAY, "15:00:05", "PL", "T3PA", null, null, 4.69, null, null, null, null, 3660500, 9874000.0,
                        null, null, 2.7, 18, 18, null, "PL"),
                new EexAuctionRecord(5, "Primary Market Auction", DAY, "11:00:05", "EU", "T3PA", null, null, 4.71, null, null, null, null, 3442500, 11506000.0,
                        null, null, 3.34, 22, 16, null, "EU"),
                new EexAuctionRecord(6, "Primary Market Auction", DAY.minusDays(3), "11:00:05", "XF", "T2PA", null, null, 4.84, null, null, null, null, 100000,
                        200000.0, null, null, 2.0, 5, 4, null, "XF"));
    }

    @Test
    void reads59ColumnXlsxWithACancelledAuction()
    {
        LocalDate day = LocalDate.of(2022, 2, 1);
        byte[] bytes = workbook(EexWorkbooks.Format.XLSX, 6, 1, SyntheticEex.HEADER_2022, List.of(
                row2022(day.plusDays(1), "Auction 4. Period CAP3 PL", "T3PA", "successful", 86.5, 2658000, 4000000, 1.5, 17, 12, "PL"),
                row2022(day, "Auction 4. Period CAP3 EU", "T3PA", "cancelled", null, 2449000, 1242500, 0.51, 9, 0, "EU")));

        ParsedPayload parsed = parse("emission-spot-primary-market-auction-report-2022-data.xlsx", bytes);

        assertThat(SyntheticEex.HEADER_2022).hasSize(58);
        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(parsed.rejected()).isEmpty();
        List<EexAuctionRecord> records = records(parsed);
        assertThat(records).hasSize(2);
        assertThat(records.get(0).status()).isEqualTo("successful");
        assertThat(records.get(0).auctionPrice()).isEqualTo(86.5);
        assertThat(records.get(1)).isEqualTo(new EexAuctionRecord(8, "Primary Market Auction", day, "11:01:03", "Auction 4. Period CAP3 EU", "T3PA", null,
                "cancelled", null, null, null, null, null, 2449000, 1242500.0, null, null, 0.51, 9, 0, null, "EU"));
        assertThat(records.get(1).cancelled()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 6, 12, 40})
    void findsTheHeaderOnAnyOfTheFirstRows(int headerRow)
    {
        byte[] bytes = workbook(EexWorkbooks.Format.XLS, headerRow, headerRow % 2, HEADER_2012,
                List.of(row2012(DAY, 11, 0, "DE", "T3PA", 4.84, 3670500, 11748500, 3.2, 22, 16, "DE")));

        ParsedPayload parsed = parse("emission-spot-primary-market-auction-report-2013-data.xls", bytes);

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(records(parsed)).singleElement().satisfies(record -> {
            assertThat(record.lineNumber()).isEqualTo(headerRow + 1);
            assertThat(record.auctionName()).isEqualTo("DE");
            assertThat(record.auctionPrice()).isEqualTo(4.84);
        });
    }

    @Test
    void rejectsMalformedRowsAloneWithTheirReasons()
    {
        byte[] bytes = workbook(EexWorkbooks.Format.XLS, 3, 0, HEADER_2012, List.of(
                row2012(DAY, 11, 0, "EU", "T3PA", 4.71, 3442500, 11506000, 3.34, 22, 16, "EU"),
                row2012(DAY, 11, 0, "EU", "T3PA", "n/a", 3442500, 11506000, 3.34, 22, 16, "EU"),
                EexWorkbooks.row("soon", null, "EU", "T3PA", 4.7, null, null, null, null, 3442500.0),
                row2012(DAY, 11, 0, "DE", "T3PA", null, 3442500, 11506000, 3.34, 22, 16, "DE"),
                EexWorkbooks.row(DAY, null, "PL", "T3PA", 4.7, null, null, null, null, 3442500.0, 11506000.0, 3.34, 22.5, 16, null, "PL")));

        ParsedPayload parsed = parse("emission-spot-primary-market-auction-report-2013-data.xls", bytes);

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(records(parsed)).extracting(EexAuctionRecord::lineNumber).containsExactly(4);
        assertThat(parsed.rejected()).extracting(RejectedRecord::lineNumber).containsExactly(Optional.of(5), Optional.of(6), Optional.of(7), Optional.of(8));
        assertThat(parsed.rejected()).extracting(RejectedRecord::reason).containsExactly(
                "Cannot read row 5 of sheet Primary Market Auction: Auction Price €/tCO2 'n/a' is not a number",
                "Cannot read row 6 of sheet Primary Market Auction: Date 'soon' is not a date",
                "Cannot read row 7 of sheet Primary Market Auction: Auction Price is empty and the file has no Status to say the auction was cancelled",
                "Cannot read row 8 of sheet Primary Market Auction: Total Number of Bidders 22.5 is not a whole number");
        assertThat(parsed.rejected().get(0).operatingDate()).contains(DAY);
        assertThat(parsed.rejected().get(1).operatingDate()).isEmpty();
        assertThat(parsed.rejected().get(1).record()).contains("soon;;EU;T3PA;4.7;;;;;3442500");
    }

    @Test
    void rejectsAPriceOnACancelledAuctionAndNoPriceOnASuccessfulOne()
    {
        LocalDate day = LocalDate.of(2022, 2, 1);
        byte[] bytes = workbook(EexWorkbooks.Format.XLSX, 6, 1, SyntheticEex.HEADER_2022, List.of(
                row2022(day, "Auction 4. Period CAP3 EU", "T3PA", "cancelled", 80.0, 2449000, 1242500, 0.51, 9, 0, "EU"),
                row2022(day, "Auction 4. Period DE", "T3PA", "successful", null, 2449000, 1242500, 0.51, 9, 0, "DE"),
                row2022(day, "Auction 4. Period CAP3 PL", "T3PA", "postponed", null, 2449000, 1242500, 0.51, 9, 0, "PL")));

        ParsedPayload parsed = parse("emission-spot-primary-market-auction-report-2022-data.xlsx", bytes);

        assertThat(parsed.records()).isEmpty();
        assertThat(parsed.rejected()).extracting(RejectedRecord::reason).containsExactly(
                "Cannot read row 7 of sheet Primary Market Auction: Auction Price 80.0 on an auction whose Status is cancelled",
                "Cannot read row 8 of sheet Primary Market Auction: Auction Price is empty on an auction whose Status is successful",
                "Cannot read row 9 of sheet Primary Market Auction: Status 'postponed' is neither successful nor cancelled");
    }

    @Test
    void refusesAWorkbookOfSomethingElse()
    {
        byte[] bytes = workbook(EexWorkbooks.Format.XLSX, 3, 0, List.of("Date", "Settlement Price", "Volume"),
                List.of(EexWorkbooks.row(DAY, 4.7, 1000.0)));

        ParsedPayload parsed = parse("futures.xlsx", bytes);

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.REJECTED);
        assertThat(parsed.detail()).contains("Cannot parse EEX auction report futures.xlsx: no sheet has the auction report's header (a row naming Date, "
                + "Auction Name, Auction Price and Auction Volume) in its first 50 rows, nor those labels one under the other; sheets [Primary Market Auction, Caption]");
        assertThat(parsed.rejected()).singleElement().satisfies(rejected -> assertThat(rejected.lineNumber()).isEmpty());
    }

    @Test
    void readsASingleAuctionGivenAsLabelsAndValues()
            throws java.io.IOException
    {
        byte[] bytes;
        try (org.apache.poi.xssf.usermodel.XSSFWorkbook workbook = new org.apache.poi.xssf.usermodel.XSSFWorkbook();
                java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream()) {
            org.apache.poi.ss.usermodel.Sheet sheet = workbook.createSheet("Auction");
            org.apache.poi.ss.usermodel.CellStyle dateStyle = workbook.createCellStyle();
            dateStyle.setDataFormat(workbook.getCreationHelper().createDataFormat().getFormat("dd.mm.yyyy"));
            sheet.createRow(0).createCell(0).setCellValue("EEX Primary Market Auction Report");
            Object[][] labels = {{"Auction Date", LocalDate.of(2023, 2, 14)}, {"Auction Name", "Auction 4. Period CAP3 EU"}, {"Contract", "T3PA"},
                    {"Auction Price €/tCO2", 92.1}, {"Auction Volume tCO2", 2905500.0}, {"Total Amount of Bids", 3907000.0}, {"Cover Ratio", 1.34},
                    {"Total Number of Bidders", 22.0}, {"Number of Successful Bidders", 15.0}};
            for (int i = 0; i < labels.length; i++) {
                org.apache.poi.ss.usermodel.Row row = sheet.createRow(i + 2);
                row.createCell(0).setCellValue((String) labels[i][0]);
                org.apache.poi.ss.usermodel.Cell value = row.createCell(2);
                if (labels[i][1] instanceof LocalDate date) {
                    value.setCellValue(date);
                    value.setCellStyle(dateStyle);
                }
                else if (labels[i][1] instanceof Double number) {
                    value.setCellValue(number);
                }
                else {
                    value.setCellValue((String) labels[i][1]);
                }
            }
            workbook.write(out);
            bytes = out.toByteArray();
        }

        ParsedPayload parsed = parse("primary_auction_report_20230214_1.xlsx", bytes);

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(parsed.contentKey()).contains("emission-spot-primary-market-auction-report|2023");
        assertThat(records(parsed)).containsExactly(new EexAuctionRecord(3, "Auction", LocalDate.of(2023, 2, 14), null, "Auction 4. Period CAP3 EU", "T3PA",
                null, null, 92.1, null, null, null, null, 2905500, 3907000.0, null, null, 1.34, 22, 15, null, null));
    }

    @Test
    void refusesBytesThatAreNoWorkbook()
    {
        ParsedPayload parsed = parse("emission-spot-primary-market-auction-report-2022-data.xlsx",
                "Date;Auction Name;Auction Price\n2022-02-01;EU;80\n".getBytes(StandardCharsets.UTF_8));

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.REJECTED);
        assertThat(parsed.detail().orElseThrow()).startsWith("Cannot parse EEX auction report emission-spot-primary-market-auction-report-2022-data.xlsx: "
                + "not a readable Excel workbook (");
    }

    @Test
    void readsAHeaderWithoutAuctionsAsNoData()
    {
        ParsedPayload parsed = parse("emission-spot-primary-market-auction-report-2023-data.xlsx",
                workbook(EexWorkbooks.Format.XLSX, 6, 1, SyntheticEex.HEADER_2022, List.of()));

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.NO_DATA);
        assertThat(parsed.detail()).contains("the report's header is on row 6 of sheet Primary Market Auction but no auction follows it");
    }

    @Test
    void readsAMissingFileAsNoDataAndOtherClientErrorsAsOperatorErrors()
    {
        Payload missing = new Payload(EexAuctions.SOURCE, EexAuctions.REQUEST_NAME, Payload.Origin.LIVE, "k", Optional.empty(),
                "emission-spot-primary-market-auction-report-2030-data.xlsx", Instant.EPOCH, 404, "<html>Not found</html>".getBytes(StandardCharsets.UTF_8));
        assertThat(new EexAuctionParser().parse(missing).outcome()).isEqualTo(FetchOutcome.NO_DATA);

        Payload forbidden = new Payload(EexAuctions.SOURCE, EexAuctions.REQUEST_NAME, Payload.Origin.LIVE, "k", Optional.empty(), "x.xlsx", Instant.EPOCH,
                403, "denied".getBytes(StandardCharsets.UTF_8));
        ParsedPayload parsed = new EexAuctionParser().parse(forbidden);
        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.OPERATOR_ERROR);
        assertThat(parsed.detail()).contains("EEX answered HTTP 403 for x.xlsx; body starts: denied");
    }

    @Test
    void refusesAPayloadLargerThanTheLimit()
    {
        byte[] bytes = workbook(EexWorkbooks.Format.XLS, 3, 0, HEADER_2012, List.of());
        ParsedPayload parsed = new EexAuctionParser(new PayloadLimits(100, 1000, 10)).parse(payload("big.xls", bytes));

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.REJECTED);
        assertThat(parsed.detail().orElseThrow()).startsWith("Cannot parse EEX auction report big.xls: it is ");
    }
}
