package io.energylakehouse.etl.source.jepx;

import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.etl.raw.FetchOutcome;
import io.energylakehouse.etl.raw.ParsedPayload;
import io.energylakehouse.etl.raw.PayloadLimits;
import io.energylakehouse.etl.raw.RejectedRecord;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static io.energylakehouse.etl.source.jepx.JepxTestFiles.HEADER;
import static io.energylakehouse.etl.source.jepx.JepxTestFiles.parse;
import static io.energylakehouse.etl.source.jepx.JepxTestFiles.payload;
import static io.energylakehouse.etl.source.jepx.JepxTestFiles.resource;
import static io.energylakehouse.etl.source.jepx.JepxTestFiles.row;
import static io.energylakehouse.etl.source.jepx.JepxTestFiles.shiftJis;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The JEPX spot parser on hand-written Shift_JIS files in the documented layout, with its spacer columns. */
class TestJepxSpotParser
{
    private static List<JepxSpotRecord> records(ParsedPayload parsed)
    {
        return parsed.records().stream().map(JepxSpotRecord.class::cast).toList();
    }

    @Test
    void readsTheFixtureSlotBySlotInJst()
    {
        ParsedPayload parsed = parse(resource(JepxTestFiles.FIXTURE));

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(parsed.rejected()).isEmpty();
        assertThat(parsed.detail()).isEmpty();
        List<JepxSpotRecord> records = records(parsed);
        assertThat(records).hasSize(96);
        JepxSpotRecord first = records.get(0);
        assertThat(first.lineNumber()).isEqualTo(2);
        assertThat(first.operatingDate()).isEqualTo(LocalDate.of(2025, 3, 30));
        assertThat(first.slotCode()).isEqualTo(1);
        // 2025-03-30 00:00 JST is 2025-03-29 15:00 UTC
        assertThat(first.intervalStartUtc()).isEqualTo(Instant.parse("2025-03-29T15:00:00Z"));
        assertThat(first.intervalEndUtc()).isEqualTo(Instant.parse("2025-03-29T15:30:00Z"));
        assertThat(first.price(JepxPriceColumn.SYSTEM)).isEqualByComparingTo("10.01");
        assertThat(first.price(JepxPriceColumn.HOKKAIDO)).isEqualByComparingTo("11.51");
        assertThat(first.price(JepxPriceColumn.TOKYO)).isEqualByComparingTo("10.01");
        assertThat(first.price(JepxPriceColumn.KYUSHU)).isEqualByComparingTo("9.61");
        assertThat(first.sellBidVolumeKwh()).isEqualByComparingTo("30001000");
        assertThat(first.buyBidVolumeKwh()).isEqualByComparingTo("29001000");
        assertThat(first.contractVolumeKwh()).isEqualByComparingTo("25000500");
        // the other columns by their header text; the empty α cells of an odd slot are not there
        assertThat(first.otherColumnsJson()).contains("\"スポット・時間前平均価格(円/kWh)\":\"10.06\"", "\"回避可能原価全国値(円/kWh)\":\"9.71\"",
                "\"売りブロック入札総量(kWh)\":\"100001\"").doesNotContain("α");
        assertThat(records.get(1).otherColumnsJson()).contains("\"α上限値×スポット・時間前平均価格(円/kWh)\":\"11.02\"");
        JepxSpotRecord last = records.get(95);
        assertThat(last.lineNumber()).isEqualTo(97);
        assertThat(last.slotCode()).isEqualTo(48);
        assertThat(last.intervalStartUtc()).isEqualTo(Instant.parse("2025-03-31T14:30:00Z"));
        assertThat(last.intervalEndUtc()).isEqualTo(Instant.parse("2025-03-31T15:00:00Z"));
        assertThat(parsed.operatingDates()).containsExactlyInAnyOrder(LocalDate.of(2025, 3, 30), LocalDate.of(2025, 3, 31));
        // a replayed file's key is its fiscal year's file: every later copy of the growing file is a revision of it
        assertThat(parsed.contentKey()).contains("spot|spot_2024.csv");
    }

    @Test
    void theRequestWindowBoundsTheOperatingDatesButEveryLineLands()
    {
        ParsedPayload parsed = new JepxSpotParser(PayloadLimits.DEFAULTS).parse(payload(resource(JepxTestFiles.FIXTURE), "spot_2024.csv|2025-03-31..2025-03-31", 200));

        assertThat(parsed.records()).hasSize(96);
        assertThat(parsed.operatingDates()).containsExactly(LocalDate.of(2025, 3, 31));
    }

    @Test
    void mapsColumnsByHeaderTextWhenSpacersAndGroupsMove()
    {
        // volumes moved after the prices, an extra spacer before the system price, the areas in another order, full-width brackets
        String header = "年月日,時刻コード,,システムプライス(円/kWh),エリアプライス九州(円/kWh),エリアプライス四国(円/kWh),エリアプライス中国(円/kWh),"
                + "エリアプライス関西(円/kWh),エリアプライス北陸(円/kWh),エリアプライス中部(円/kWh),エリアプライス東京(円/kWh),エリアプライス東北(円/kWh),"
                + "エリアプライス北海道（円/kWh）,,約定総量(kWh),売り入札量(kWh),買い入札量(kWh),,α上限値×スポット・時間前平均価格(円/kWh)";
        String line = "2025/04/01,1,,12.00,9.01,9.02,9.03,9.04,9.05,9.06,9.07,9.08,9.09,,700,800,900,,13.20";
        ParsedPayload parsed = parse(shiftJis(List.of(header, line)));

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(parsed.rejected()).isEmpty();
        JepxSpotRecord record = records(parsed).get(0);
        assertThat(record.price(JepxPriceColumn.SYSTEM)).isEqualByComparingTo("12.00");
        assertThat(record.price(JepxPriceColumn.KYUSHU)).isEqualByComparingTo("9.01");
        assertThat(record.price(JepxPriceColumn.TOKYO)).isEqualByComparingTo("9.07");
        assertThat(record.price(JepxPriceColumn.HOKKAIDO)).isEqualByComparingTo("9.09");
        assertThat(record.contractVolumeKwh()).isEqualByComparingTo("700");
        assertThat(record.sellBidVolumeKwh()).isEqualByComparingTo("800");
        assertThat(record.buyBidVolumeKwh()).isEqualByComparingTo("900");
        assertThat(record.otherColumnsJson()).isEqualTo("{\"α上限値×スポット・時間前平均価格(円/kWh)\":\"13.20\"}");
        // the documented positions are a cross-check, reported and not acted on
        assertThat(parsed.detail().orElseThrow()).contains("システムプライス(円/kWh) is column 4, documented as column 6");
    }

    @Test
    void aHeaderWithoutRequiredColumnsRejectsTheFileNamingThem()
    {
        String header = HEADER.replace("エリアプライス東京(円/kWh)", "エリアプライス東京(円/MWh)").replace("時刻コード", "時刻");
        ParsedPayload parsed = parse(shiftJis(List.of(header, row("2025/04/01", 1, "10.00"))));

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.REJECTED);
        assertThat(parsed.records()).isEmpty();
        assertThat(parsed.detail().orElseThrow())
                .startsWith("Cannot parse JEPX file spot_2024.csv as spot: required columns missing: 時刻コード, エリアプライス東京(円/kWh) in the header on line 1");
        assertThat(parsed.rejected()).containsExactly(RejectedRecord.wholePayload(parsed.detail().orElseThrow()));
    }

    @Test
    void aPriceHeaderTwiceIsAmbiguousAnOtherHeaderTwiceIsKeptTwice()
    {
        ParsedPayload ambiguous = parse(shiftJis(List.of(HEADER + ",システムプライス(円/kWh)", row("2025/04/01", 1, "10.00") + ",11.00")));
        assertThat(ambiguous.outcome()).isEqualTo(FetchOutcome.REJECTED);
        assertThat(ambiguous.detail().orElseThrow()).contains("header 'システムプライス(円/kWh)' appears twice (columns 6 and 38)");

        ParsedPayload kept = parse(shiftJis(List.of(HEADER + ",スポット・時間前平均価格(円/kWh)", row("2025/04/01", 1, "10.00") + ",10.60")));
        assertThat(kept.rejected()).isEmpty();
        assertThat(records(kept).get(0).otherColumnsJson()).contains("\"スポット・時間前平均価格(円/kWh)\":\"10.50\"",
                "\"スポット・時間前平均価格(円/kWh) (column 38)\":\"10.60\"");
    }

    @Test
    void noHeaderRowRejectsTheFile()
    {
        ParsedPayload parsed = parse(shiftJis(List.of("date,slot,price", "2025/04/01,1,10.00")));

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.REJECTED);
        assertThat(parsed.detail().orElseThrow()).contains("no header row whose first cell is 年月日 in its first lines [date,slot,price, 2025/04/01,1,10.00]");
    }

    @Test
    void bytesThatAreNotShiftJisRejectTheFileNamingTheOffsetAndLine()
    {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] good = shiftJis(List.of(HEADER, row("2025/04/01", 1, "10.00")));
        bytes.writeBytes(good);
        // a lead byte 0x82 followed by a space: no Shift_JIS character
        byte[] bad = (row("2025/04/01", 2, "10.00") + "\r\n").getBytes(JepxTestFiles.SHIFT_JIS);
        bad[0] = (byte) 0x82;
        bad[1] = ' ';
        bytes.writeBytes(bad);
        ParsedPayload parsed = parse(bytes.toByteArray());

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.REJECTED);
        assertThat(parsed.records()).isEmpty();
        assertThat(parsed.detail().orElseThrow()).contains("malformed byte(s) 0x82 at byte offset " + good.length + " (line 3) is not Shift_JIS (windows-31j)")
                .doesNotContain("\uFFFD");
    }

    @Test
    void aUtf8FileIsRefusedNeverReadWithReplacementCharacters()
    {
        byte[] utf8 = (HEADER + "\r\n" + row("2025/04/01", 1, "10.00") + "\r\n").getBytes(StandardCharsets.UTF_8);
        ParsedPayload parsed = parse(utf8);

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.REJECTED);
        assertThat(parsed.detail().orElseThrow()).startsWith("Cannot parse JEPX file spot_2024.csv as spot: ").doesNotContain("\uFFFD");
        assertThat(parsed.detail().orElseThrow()).containsAnyOf("is not Shift_JIS", "the file is UTF-8 text");
    }

    @Test
    void aByteOrderMarkAndLeadingBlankLinesChangeNothingButTheOffsetsCountThem()
    {
        byte[] file = resource(JepxTestFiles.FIXTURE);
        byte[] marked = new byte[file.length + 5];
        marked[0] = (byte) 0xEF;
        marked[1] = (byte) 0xBB;
        marked[2] = (byte) 0xBF;
        marked[3] = '\r';
        marked[4] = '\n';
        System.arraycopy(file, 0, marked, 5, file.length);
        ParsedPayload parsed = parse(marked);

        assertThat(parsed.rejected()).isEmpty();
        assertThat(records(parsed)).hasSize(96);
        assertThat(records(parsed).get(0).lineNumber()).isEqualTo(3);
        assertThat(records(parsed).get(0).price(JepxPriceColumn.SYSTEM)).isEqualByComparingTo("10.01");

        byte[] broken = marked.clone();
        broken[5 + JepxTestFiles.HEADER.getBytes(JepxTestFiles.SHIFT_JIS).length + 2] = (byte) 0xA0;
        assertThat(parse(broken).detail().orElseThrow()).contains("0xA0 at byte offset " + (5 + JepxTestFiles.HEADER.getBytes(JepxTestFiles.SHIFT_JIS).length + 2)
                + " (line 3)");
    }

    @Test
    void htmlInsteadOfCsvIsAClearRejection()
    {
        ParsedPayload parsed = parse("\n<!DOCTYPE html><html><head><title>JEPX</title></head><body>Access denied</body></html>".getBytes(StandardCharsets.UTF_8));

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.REJECTED);
        assertThat(parsed.detail().orElseThrow()).startsWith("Cannot parse JEPX file spot_2024.csv as spot: JEPX answered HTML instead of the CSV")
                .contains("<!DOCTYPE html>");
    }

    @Test
    void rejectsBadDatesAndSlotCodesWithTheirLines()
    {
        List<String> lines = new ArrayList<>(List.of(HEADER));
        lines.add(row("2025/04/01", 1, "10.00"));
        lines.add(row("2025/04/01", 0, "10.00"));
        lines.add(row("2025/04/01", 49, "10.00"));
        lines.add(row("2025/04/01", "1a", "10.00", "1", "1", "1", "1", "1", "1", "1", "1", "1"));
        lines.add(row("2025/02/30", 2, "10.00"));
        lines.add(row("2025-04-01", 3, "10.00"));
        lines.add(row("2025/04/01", 4, "ten"));
        lines.add(row("2025/04/01", 5, "10.0000001"));
        lines.add("2025/04/01,6,1,2,3,10.00");
        ParsedPayload parsed = parse(shiftJis(lines));

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(records(parsed)).extracting(JepxSpotRecord::slotCode).containsExactly(1);
        assertThat(parsed.rejected()).extracting(rejected -> rejected.lineNumber().orElseThrow()).containsExactly(3, 4, 5, 6, 7, 8, 9, 10);
        assertThat(parsed.rejected()).extracting(RejectedRecord::reason).containsExactly(
                "時刻コード 0 is outside 1..48 (a JST day has 48 half hours)",
                "時刻コード 49 is outside 1..48 (a JST day has 48 half hours)",
                "時刻コード '1a' is not a slot code 1..48",
                "年月日 '2025/02/30' is not a date yyyy/MM/dd",
                "年月日 '2025-04-01' is not a date yyyy/MM/dd",
                "システムプライス(円/kWh) 'ten' is not a number",
                "システムプライス(円/kWh) '10.0000001' has more than 6 decimals",
                "expected at least 15 fields as in the header, found 6");
        assertThat(parsed.rejected().get(0).record()).contains(lines.get(2));
        assertThat(parsed.detail()).contains("8 rows rejected");
    }

    @Test
    void everyCopyOfARepeatedHalfHourIsRejectedNamingTheLines()
    {
        ParsedPayload parsed = parse(shiftJis(List.of(HEADER, row("2025/04/01", 1, "10.00"), row("2025/04/01", 2, "10.00"), row("2025/04/01", 1, "11.00"))));

        assertThat(records(parsed)).extracting(JepxSpotRecord::slotCode).containsExactly(2);
        assertThat(parsed.rejected()).extracting(rejected -> rejected.lineNumber().orElseThrow()).containsExactly(2, 4);
        assertThat(parsed.rejected().get(0).reason()).isEqualTo("年月日 2025-04-01 slot 1 appears on 2 lines (2, 4): a repeated half hour is refused, every copy of it");
        assertThat(parsed.rejected().get(0).intervalStartUtc()).contains(Instant.parse("2025-03-31T15:00:00Z"));
    }

    @Test
    void emptyAndSubFloorPricesAreKeptRawForCurationToRefuse()
    {
        ParsedPayload parsed = parse(shiftJis(List.of(HEADER, row("2025/04/01", "1", "", "0.00", "-1.5", "0.01", "1", "1", "1", "1", "1", "1"))));

        assertThat(parsed.rejected()).isEmpty();
        JepxSpotRecord record = records(parsed).get(0);
        assertThat(record.price(JepxPriceColumn.SYSTEM)).isNull();
        assertThat(record.price(JepxPriceColumn.HOKKAIDO)).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(record.price(JepxPriceColumn.TOHOKU)).isEqualByComparingTo("-1.5");
    }

    @Test
    void answersWithoutDataAndOperatorErrors()
    {
        JepxSpotParser parser = new JepxSpotParser(PayloadLimits.DEFAULTS);

        assertThat(parser.parse(payload("Not Found".getBytes(StandardCharsets.UTF_8), "spot_2026.csv|2026-04-01..2026-04-01", 404)).outcome())
                .isEqualTo(FetchOutcome.NO_DATA);
        ParsedPayload forbidden = parser.parse(payload("Forbidden".getBytes(StandardCharsets.UTF_8), "", 403));
        assertThat(forbidden.outcome()).isEqualTo(FetchOutcome.OPERATOR_ERROR);
        assertThat(forbidden.operatorErrorCode()).contains("HTTP 403");
        assertThat(parse(new byte[0]).outcome()).isEqualTo(FetchOutcome.NO_DATA);
        assertThat(parse(shiftJis(List.of(HEADER))).outcome()).isEqualTo(FetchOutcome.NO_DATA);
        assertThat(parse(shiftJis(List.of(HEADER, ",,,,,", row("2025/04/01", 1, "10.00")))).rejected()).isEmpty();
    }

    @Test
    void parseFileFailsWithTheReason()
    {
        assertThatThrownBy(() -> JepxSpotParser.parseFile("<html></html>".getBytes(StandardCharsets.UTF_8), "spot_2025.csv"))
                .isInstanceOf(LakehouseException.class)
                .hasMessageStartingWith("Cannot parse JEPX file spot_2025.csv as spot: JEPX answered HTML instead of the CSV");
    }
}
