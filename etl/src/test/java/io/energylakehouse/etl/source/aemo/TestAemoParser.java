package io.energylakehouse.etl.source.aemo;

import io.energylakehouse.etl.raw.FetchOutcome;
import io.energylakehouse.etl.raw.ParsedPayload;
import io.energylakehouse.etl.raw.Payload;
import io.energylakehouse.etl.raw.RejectedRecord;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static io.energylakehouse.etl.source.aemo.AemoTestFiles.parseResource;
import static io.energylakehouse.etl.source.aemo.AemoTestFiles.payload;
import static io.energylakehouse.etl.source.aemo.AemoTestFiles.prices;
import static io.energylakehouse.etl.source.aemo.AemoTestFiles.text;
import static io.energylakehouse.etl.source.aemo.AemoTestFiles.zip;
import static org.assertj.core.api.Assertions.assertThat;

/** The MMS C/I/D rules on hand-written files: schema per I row, ignored tables, intervention rows, truncation, footers, bad rows. */
class TestAemoParser
{
    private static final String DISPATCHIS = "PUBLIC_DISPATCHIS_202407010005_0000000428183218.CSV";
    private static final String TRADINGIS = "PUBLIC_TRADINGIS_5MS_START_202110010010.CSV";
    private static final String DAILY = "PUBLIC_DAILY_202110020000_0000000350100001.CSV";

    private static ParsedPayload parseText(AemoReport report, String text)
    {
        return new AemoParser().parse(payload(report, "PUBLIC_TEST.zip", zip("PUBLIC_TEST.CSV", text)));
    }

    @Test
    void readsTheDispatchPriceTableByItsIRowAndIgnoresTheOtherTables()
    {
        ParsedPayload parsed = parseResource(AemoReport.DISPATCH_PRICE, DISPATCHIS);

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(parsed.rejected()).isEmpty();
        List<AemoPriceRecord> records = prices(parsed);
        assertThat(records).extracting(AemoPriceRecord::regionId).containsExactly("NSW1", "QLD1", "SA1", "SA1", "TAS1", "VIC1");
        assertThat(records).extracting(AemoPriceRecord::intervention).containsExactly(0, 0, 0, 1, 0, 0);
        AemoPriceRecord nsw = records.get(0);
        // quoted dates, read at UTC+10: the interval ending 00:05 NEM time
        assertThat(nsw.settlementDate()).isEqualTo("2024/07/01 00:05:00");
        assertThat(nsw.intervalEndUtc()).isEqualTo(Instant.parse("2024-06-30T14:05:00Z"));
        assertThat(nsw.intervalStartUtc()).isEqualTo(Instant.parse("2024-06-30T14:00:00Z"));
        assertThat(nsw.tableVersion()).isEqualTo(5);
        assertThat(nsw.table()).isEqualTo(MmsTable.DISPATCH_PRICE);
        assertThat(nsw.rrp()).isEqualByComparingTo("112.45");
        assertThat(nsw.fcasPrices()).hasSize(10).containsEntry(FcasService.RAISE1SEC, new BigDecimal("0.12")).containsEntry(FcasService.LOWERREG,
                new BigDecimal("9.8"));
        assertThat(nsw.lastChanged()).isEqualTo("2024/07/01 00:00:11");
        assertThat(nsw.fieldsJson()).startsWith("{\"SETTLEMENTDATE\":\"2024/07/01 00:05:00\",\"RUNNO\":\"1\",\"REGIONID\":\"NSW1\"").contains("\"MII_STATUS\":\"NOT_MII\"");
        assertThat(records.get(3).rrp()).isEqualByComparingTo("15890.2");
        assertThat(parsed.detail().orElseThrow()).isEqualTo("rows of other tables ignored: {DISPATCH.CASE_SOLUTION=1, DISPATCH.REGIONSUM=2}");
        assertThat(parsed.publishedAtUtc()).contains(Instant.parse("2024-06-30T14:05:13Z"));
        assertThat(parsed.operatingDates()).containsExactly(LocalDate.of(2024, 7, 1));
        assertThat(parsed.contentKey()).contains("DISPATCHPRICE|2024-06-30T14:05:00Z|2024-06-30T14:05:00Z");
    }

    @Test
    void switchesTheSchemaOnEveryIRowAndMapsColumnsByName()
    {
        String v1 = "I,DISPATCH,PRICE,1,SETTLEMENTDATE,RUNNO,REGIONID,DISPATCHINTERVAL,INTERVENTION,RRP,LASTCHANGED,RAISE6SECRRP\n";
        // version 5 puts the columns in another order and adds RAISE1SECRRP
        String v5 = "I,DISPATCH,PRICE,5,REGIONID,SETTLEMENTDATE,RUNNO,INTERVENTION,RAISE1SECRRP,RRP,RAISE6SECRRP\n";
        String text = "C,SETP.WORLD,DVD_DISPATCHPRICE,AEMO,PUBLIC,2023/11/02,00:10:00,1,,1\n" + v1
                + "D,DISPATCH,PRICE,1,2023/10/09 00:05:00,1,QLD1,20231008001,0,71.5,2023/10/09 00:00:07,0.9\n" + v5
                + "D,DISPATCH,PRICE,5,QLD1,\"2023/10/09 00:10:00\",1,0,0.33,72.25,0.8\n"
                + "C,\"END OF REPORT\",6\n";

        ParsedPayload parsed = parseText(AemoReport.DISPATCH_PRICE, text);

        assertThat(parsed.rejected()).isEmpty();
        List<AemoPriceRecord> records = prices(parsed);
        assertThat(records).extracting(AemoPriceRecord::tableVersion).containsExactly(1, 5);
        assertThat(records).extracting(AemoPriceRecord::rrp).containsExactly(new BigDecimal("71.5"), new BigDecimal("72.25"));
        assertThat(records.get(0).fcasPrices()).containsOnlyKeys(FcasService.RAISE6SEC);
        assertThat(records.get(1).fcasPrices()).containsOnlyKeys(FcasService.RAISE6SEC, FcasService.RAISE1SEC);
        assertThat(records.get(1).intervalEndUtc()).isEqualTo(Instant.parse("2023-10-08T14:10:00Z"));
        assertThat(parsed.detail()).isEmpty();
    }

    @Test
    void readsDecimalsExactlyToTheRawTypeAndKeepsTheTextAsPublished()
    {
        String text = "C,SETP.WORLD,DVD_DISPATCHPRICE,AEMO,PUBLIC,2018/05/08,00:20:04,1,,1\n"
                + "I,DISPATCH,PRICE,1,SETTLEMENTDATE,RUNNO,REGIONID,INTERVENTION,RRP,CUMUL_PRE_AP_ENERGY_PRICE,RAISE6SECRRP,LOWER6SECRRP\n"
                + "D,DISPATCH,PRICE,1,2018/04/01 00:05:00,1,NSW1,0,22051.3819749999999999999999,22051.3819749999999999999999,1E+3,0.000000000000000000001\n"
                + "C,\"END OF REPORT\",4\n";

        AemoPriceRecord record = prices(parseText(AemoReport.DISPATCH_PRICE, text)).get(0);

        assertThat(record.rrp()).isEqualTo(new BigDecimal("22051.381975"));
        assertThat(record.fcasPrices()).containsEntry(FcasService.RAISE6SEC, new BigDecimal("1000")).containsEntry(FcasService.LOWER6SEC, BigDecimal.ZERO);
        // the raw table's decimal(38,18) holds each exactly at its scale
        assertThat(record.toRow("f", "l").get(14)).isEqualTo(new BigDecimal("22051.381975000000000000"));
        assertThat(record.fieldsJson()).contains("\"RRP\":\"22051.3819749999999999999999\"", "\"CUMUL_PRE_AP_ENERGY_PRICE\":\"22051.3819749999999999999999\"",
                "\"RAISE6SECRRP\":\"1E+3\"");
    }

    @Test
    void aTruncatedFileKeepsItsCompleteRowsAndRejectsTheLineItEndsInside()
    {
        String full = text(DISPATCHIS);
        // cut inside the VIC1 row: no line break after it, no footer
        int vic = full.indexOf("D,DISPATCH,PRICE,5,\"2024/07/01 00:05:00\",1,VIC1");
        String cut = full.substring(0, vic + 80);

        ParsedPayload parsed = parseText(AemoReport.DISPATCH_PRICE, cut);

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(prices(parsed)).extracting(AemoPriceRecord::regionId).containsExactly("NSW1", "QLD1", "SA1", "SA1", "TAS1");
        assertThat(parsed.rejected()).hasSize(2);
        RejectedRecord row = parsed.rejected().get(0);
        assertThat(row.lineNumber()).contains(10);
        assertThat(row.reason()).isEqualTo("the file ends inside this line (no line break after it and no END OF REPORT footer): a row cut short, not read "
                + "(member PUBLIC_TEST.CSV)");
        assertThat(parsed.rejected().get(1)).isEqualTo(RejectedRecord.wholePayload("Cannot read AEMO file PUBLIC_TEST.zip to its end: member "
                + "PUBLIC_TEST.CSV has no END OF REPORT footer (truncated after line 10); its complete rows are kept"));
        assertThat(parsed.detail().orElseThrow()).contains("has no END OF REPORT footer");
    }

    @Test
    void aFileEndingAfterACompleteLineWithoutItsFooterKeepsEveryRowAndSaysItIsTruncated()
    {
        String full = text(DISPATCHIS);
        String cut = full.substring(0, full.indexOf("I,DISPATCH,REGIONSUM"));

        ParsedPayload parsed = parseText(AemoReport.DISPATCH_PRICE, cut);

        assertThat(prices(parsed)).hasSize(6);
        assertThat(parsed.rejected()).extracting(RejectedRecord::reason).containsExactly("Cannot read AEMO file PUBLIC_TEST.zip to its end: member "
                + "PUBLIC_TEST.CSV has no END OF REPORT footer (truncated after line 10); its complete rows are kept");
    }

    @Test
    void aFileCutBeforeItsFirstRowIsRejectedWhole()
    {
        String full = text(DISPATCHIS);

        ParsedPayload parsed = parseText(AemoReport.DISPATCH_PRICE, full.substring(0, full.indexOf("I,DISPATCH,PRICE")));

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.REJECTED);
        assertThat(parsed.detail()).contains("Cannot parse AEMO file PUBLIC_TEST.zip as dispatch_price: it holds no DISPATCHPRICE rows (tables: "
                + "[DISPATCH,CASE_SOLUTION v2]); Cannot read AEMO file PUBLIC_TEST.zip to its end: member PUBLIC_TEST.CSV has no END OF REPORT footer "
                + "(truncated after line 3); its complete rows are kept");
    }

    @Test
    void aFooterCountingOtherLinesIsAWarningNotARejection()
    {
        String text = text(TRADINGIS).replace("C,\"END OF REPORT\",10", "C,\"END OF REPORT\",7203");

        ParsedPayload parsed = parseText(AemoReport.TRADING_PRICE, text);

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(parsed.rejected()).isEmpty();
        assertThat(prices(parsed)).hasSize(6);
        assertThat(parsed.detail()).contains("the footer of member PUBLIC_TEST.CSV counts 7203 lines, the member has 10 (a trimmed copy?): kept as read");
    }

    @Test
    void rejectsRowsItCannotReadWithTheirReasons()
    {
        String text = "C,SETP.WORLD,DVD_DISPATCHPRICE,AEMO,PUBLIC,2018/05/08,00:20:04,1,,1\n"
                + "D,DISPATCH,PRICE,1,2018/04/01 00:05:00,1,NSW1,0,60\n"
                + "I,DISPATCH,PRICE,1,SETTLEMENTDATE,RUNNO,REGIONID,INTERVENTION,RRP\n"
                + "D,DISPATCH,PRICE,1,2018/04/01 00:05:00,1,NSW1,0\n"
                + "D,DISPATCH,PRICE,1,2018-04-01 00:05,1,NSW1,0,60\n"
                + "D,DISPATCH,PRICE,1,2018/04/01 00:05:00,1,NSW1,0,sixty\n"
                + "D,DISPATCH,PRICE,2,2018/04/01 00:05:00,1,NSW1,0,60\n"
                + "D,DISPATCH,PRICE,1,2018/04/01 00:05:00,1,NSW1,0,\n"
                + "D,DISPATCH,PRICE,1,2018/04/01 00:05:00,1,NSW1,0,1E+25\n"
                + "X,DISPATCH,PRICE,1\n"
                + "D,DISPATCH,PRICE,1,2018/04/01 00:10:00,1,NSW1,0,61.5\n"
                + "C,\"END OF REPORT\",12\n"
                + "D,DISPATCH,PRICE,1,2018/04/01 00:15:00,1,NSW1,0,62\n";

        ParsedPayload parsed = parseText(AemoReport.DISPATCH_PRICE, text);

        assertThat(prices(parsed)).extracting(AemoPriceRecord::settlementDate).containsExactly("2018/04/01 00:10:00");
        assertThat(parsed.rejected()).extracting(rejected -> rejected.lineNumber().orElseThrow() + ": " + rejected.reason()).containsExactly(
                "2: a D row before any I row: its columns are unknown",
                "4: 8 fields, expected 9 as the I row of line 3 names",
                "5: SETTLEMENTDATE '2018-04-01 00:05' is not a date yyyy/MM/dd HH:mm:ss",
                "6: RRP 'sixty' is not a number",
                "7: a D row of DISPATCH,PRICE,2 under the I row of DISPATCH,PRICE v1 (line 3)",
                "8: RRP is empty",
                "9: RRP '1E+25' is out of range (more than 20 integer digits, or too many decimals)",
                "10: unknown row type 'X': MMS rows start with C, I or D",
                "13: a line after the END OF REPORT footer of line 12 of member PUBLIC_TEST.CSV");
    }

    @Test
    void takesThePriceTablesOfTheDailyReportAndCountsTheOthers()
    {
        ParsedPayload parsed = parseResource(AemoReport.DAILY, DAILY);

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(parsed.rejected()).isEmpty();
        assertThat(prices(parsed)).extracting(record -> record.table().tableName() + " " + record.regionId() + " " + record.rrp())
                .containsExactly("DISPATCHPRICE NSW1 55.12", "DISPATCHPRICE QLD1 48.2", "TRADINGPRICE NSW1 55.12", "TRADINGPRICE QLD1 48.2");
        assertThat(parsed.detail()).contains("rows of other tables ignored: {DREGION.=2, TUNIT.=3}");
    }

    @Test
    void aDailyReportWithoutPriceTablesHasNoData()
    {
        String text = "C,NEMP.WORLD,DAILY,AEMO,PUBLIC,2021/10/02,04:05:11,1,DAILY,1\n"
                + "I,TUNIT,,2,SETTLEMENTDATE,RUNNO,DUID,TRADETYPE,INITIALMW,LASTCHANGED\n"
                + "D,TUNIT,,2,2021/10/01 04:05:00,1,BW01,0,612.4,2021/10/01 04:00:09\n"
                + "C,\"END OF REPORT\",4\n";

        ParsedPayload parsed = parseText(AemoReport.DAILY, text);

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.NO_DATA);
        assertThat(parsed.detail()).contains("the file holds no DISPATCHPRICE or TRADINGPRICE rows; rows of other tables ignored: {TUNIT.=1}");
    }

    @Test
    void aFileOfAnotherTableIsRejectedWhole()
    {
        ParsedPayload parsed = parseResource(AemoReport.TRADING_PRICE, DAILY.replace("DAILY", "DAILY"));

        // the daily file holds TRADINGPRICE rows, so the trading report reads them; a thresholds report finds none
        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        ParsedPayload thresholds = parseResource(AemoReport.PRICE_THRESHOLDS, DISPATCHIS);
        assertThat(thresholds.outcome()).isEqualTo(FetchOutcome.REJECTED);
        assertThat(thresholds.detail()).contains("Cannot parse AEMO file PUBLIC_DISPATCHIS_202407010005_0000000428183218.zip as price_thresholds: it holds no "
                + "MARKET_PRICE_THRESHOLDS rows (tables: [DISPATCH,CASE_SOLUTION v2, DISPATCH,PRICE v5, DISPATCH,REGIONSUM v8])");
    }

    @Test
    void rejectsWholeWhatIsNotAnMmsFileOrAReadableZip()
    {
        AemoParser parser = new AemoParser();
        byte[] zipped = zip("x.CSV", text(DISPATCHIS));

        ParsedPayload html = parser.parse(payload(AemoReport.DISPATCH_PRICE, "x.zip", "<html><body>Not Found</body></html>".getBytes(StandardCharsets.UTF_8)));
        ParsedPayload cut = parser.parse(payload(AemoReport.DISPATCH_PRICE, "x.zip", Arrays.copyOf(zipped, zipped.length / 2)));
        ParsedPayload empty = parser.parse(payload(AemoReport.DISPATCH_PRICE, "x.zip", new byte[0]));

        assertThat(html.outcome()).isEqualTo(FetchOutcome.REJECTED);
        assertThat(html.detail()).contains("Cannot parse AEMO file x.zip as dispatch_price: member x.zip is not an MMS C/I/D file: its first line is not a C row: "
                + "<html><body>Not Found</body></html>");
        assertThat(cut.outcome()).isEqualTo(FetchOutcome.REJECTED);
        assertThat(cut.detail().orElseThrow()).startsWith("Cannot parse AEMO file x.zip as dispatch_price: the zip ends before its directory");
        assertThat(empty.outcome()).isEqualTo(FetchOutcome.REJECTED);
        assertThat(empty.detail()).contains("Cannot parse AEMO file x.zip as dispatch_price: member x.zip is empty");
    }

    @Test
    void oneParserReadsEveryReportByThePayloadsReportName()
    {
        AemoParser parser = new AemoParser();
        assertThat(parser.rawTables()).containsExactly(AemoTables.RAW_DISPATCH_PRICE, AemoTables.RAW_TRADING_PRICE, AemoTables.RAW_DAILY,
                AemoTables.RAW_PRICE_THRESHOLDS);
        byte[] trading = zip(TRADINGIS, text(TRADINGIS));

        ParsedPayload asTrading = parser.parse(payload(AemoReport.TRADING_PRICE, "t.zip", trading));
        ParsedPayload unknown = parser.parse(new Payload(AemoMarket.SOURCE, "DISPATCHREGIONSUM", Payload.Origin.REPLAY, "k", Optional.empty(), "t.zip",
                Instant.parse("2024-07-01T00:00:00Z"), 200, trading));

        assertThat(asTrading.rawTable()).isEqualTo(AemoTables.RAW_TRADING_PRICE);
        assertThat(asTrading.dataset()).isEqualTo("trading_30min");
        assertThat(prices(asTrading)).hasSize(6);
        assertThat(unknown.outcome()).isEqualTo(FetchOutcome.REJECTED);
        assertThat(unknown.detail().orElseThrow()).startsWith("Cannot parse AEMO file t.zip: Cannot use AEMO report 'DISPATCHREGIONSUM': known reports are "
                + "[dispatch_price, trading_price, daily, price_thresholds]");
    }

    @Test
    void aMissingFileIsNoData()
    {
        Payload missing = new Payload(AemoMarket.SOURCE, "DISPATCHPRICE", Payload.Origin.LIVE, "k", Optional.empty(), "PUBLIC_DVD_DISPATCHPRICE_203001010000.zip",
                Instant.parse("2024-07-01T00:00:00Z"), 404, "<html>404</html>".getBytes(StandardCharsets.UTF_8));

        ParsedPayload parsed = new AemoParser().parse(missing);

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.NO_DATA);
        assertThat(parsed.detail()).contains("NEMweb has no file PUBLIC_DVD_DISPATCHPRICE_203001010000.zip (HTTP 404): not published (yet)");
    }

    @Test
    void readsAnUnzippedFileWithAByteOrderMark()
    {
        byte[] bytes = ("\uFEFF" + text(TRADINGIS)).getBytes(StandardCharsets.UTF_8);

        ParsedPayload parsed = new AemoParser().parse(payload(AemoReport.TRADING_PRICE, TRADINGIS, bytes));

        assertThat(parsed.rejected()).isEmpty();
        assertThat(prices(parsed)).hasSize(6);
        assertThat(prices(parsed).get(0).member()).isEqualTo(TRADINGIS);
    }
}
