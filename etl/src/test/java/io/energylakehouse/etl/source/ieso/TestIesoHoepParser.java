package io.energylakehouse.etl.source.ieso;

import io.energylakehouse.etl.raw.FetchOutcome;
import io.energylakehouse.etl.raw.ParsedPayload;
import io.energylakehouse.etl.raw.RejectedRecord;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static io.energylakehouse.etl.source.ieso.IesoTestFiles.parse;
import static io.energylakehouse.etl.source.ieso.IesoTestFiles.parseResource;
import static io.energylakehouse.etl.source.ieso.IesoTestFiles.records;
import static org.assertj.core.api.Assertions.assertThat;

/** The HOEP CSV (DispUnconsHOEP, before market renewal) on hand-written SYNTHETIC files in IESO's layout, including the DST days of 2024 and 2025. */
class TestIesoHoepParser
{
    @Test
    void everyDayHas24EstHoursIncludingDstDays()
    {
        for (String file : List.of("PUB_DispUnconsHOEP_20240310.csv", "PUB_DispUnconsHOEP_20241103.csv", "PUB_DispUnconsHOEP_20250309.csv")) {
            ParsedPayload parsed = parseResource(IesoReport.HOEP, file);
            assertThat(parsed.rejected()).as(file).isEmpty();
            List<IesoPriceRecord> records = records(parsed);
            assertThat(records).as(file).hasSize(24);
            LocalDate day = records.get(0).deliveryDate();
            Instant midnight = day.atStartOfDay().toInstant(java.time.ZoneOffset.ofHours(-5));
            for (int hour = 1; hour <= 24; hour++) {
                IesoPriceRecord record = records.get(hour - 1);
                assertThat(record.deliveryHour()).isEqualTo(hour);
                assertThat(record.intervalStartUtc()).isEqualTo(midnight.plusSeconds(3600L * (hour - 1)));
                assertThat(record.intervalEndUtc()).isEqualTo(midnight.plusSeconds(3600L * hour));
                assertThat(record.locationId()).isEqualTo("ONTARIO");
            }
        }
        // spring-forward 2024: hour ending 3 exists in EST (02:00-03:00 EST = 07:00Z-08:00Z); fall-back 2024: hour ending 2 once
        List<IesoPriceRecord> spring = records(parseResource(IesoReport.HOEP, "PUB_DispUnconsHOEP_20240310.csv"));
        assertThat(spring.get(2).intervalStartUtc()).isEqualTo(Instant.parse("2024-03-10T07:00:00Z"));
        List<IesoPriceRecord> fall = records(parseResource(IesoReport.HOEP, "PUB_DispUnconsHOEP_20241103.csv"));
        assertThat(fall.get(1).intervalStartUtc()).isEqualTo(Instant.parse("2024-11-03T06:00:00Z"));
        assertThat(fall.get(23).intervalEndUtc()).isEqualTo(Instant.parse("2024-11-04T05:00:00Z"));
    }

    @Test
    void readsThePreambleForDayAndCreationTime()
    {
        ParsedPayload parsed = parseResource(IesoReport.HOEP, "PUB_DispUnconsHOEP_20240310.csv");

        assertThat(parsed.publishedAtUtc()).contains(Instant.parse("2024-03-11T06:02:11Z"));
        assertThat(parsed.contentKey()).contains("DispUnconsHOEP|2024-03-10");
        assertThat(records(parsed).get(0).sourceIndex()).isEqualTo(5);
        assertThat(records(parsed).get(0).price()).isEqualTo(21.1);
    }

    @Test
    void quarantinesTheDuplicateHourEndingsOf20250416()
    {
        // as IESO published that day: hour ending 10 twice, and the file stops at hour ending 19
        ParsedPayload parsed = parseResource(IesoReport.HOEP, "PUB_DispUnconsHOEP_20250416.csv");

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(records(parsed)).extracting(IesoPriceRecord::deliveryHour).containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14, 15, 16, 17, 18, 19);
        assertThat(parsed.rejected()).extracting(RejectedRecord::reason).containsExactly(
                "duplicate hour ending 10 for ONTARIO on delivery day 2025-04-16 (lines 14, 15): quarantined, not renumbered",
                "duplicate hour ending 10 for ONTARIO on delivery day 2025-04-16 (lines 14, 15): quarantined, not renumbered");
        assertThat(parsed.rejected()).extracting(rejected -> rejected.lineNumber().orElseThrow()).containsExactly(14, 15);
    }

    @Test
    void rejectsEmptyAndMalformedHoursAlone()
    {
        ParsedPayload parsed = parse(IesoReport.HOEP, "PUB_DispUnconsHOEP_20240701.csv",
                "\\\\Hourly Ontario Energy Price (HOEP) Report\n\\\\Hour,HOEP\n1,20.1\n2,\n3,abc\n25,1\n4\n5,22.5,0,0\n");

        assertThat(records(parsed)).extracting(IesoPriceRecord::deliveryHour).containsExactly(1, 5);
        assertThat(records(parsed).get(0).deliveryDate()).isEqualTo(LocalDate.of(2024, 7, 1));
        assertThat(parsed.rejected()).extracting(RejectedRecord::reason).containsExactly(
                "HOEP 'abc' is not a number",
                "hour 25 is not an hour ending 1..24 (IESO days have 24 hours, EST all year)",
                "expected an hour and a HOEP, found 1 field");
        assertThat(parsed.publishedAtUtc()).isEmpty();
        // hour ending 2 listed without a price: not published yet, counted
        assertThat(parsed.detail()).contains("3 prices rejected; 1 hours not priced yet (empty)");
    }

    @Test
    void refusesAFileWithoutItsDayOrOfAnotherDay()
    {
        assertThat(parse(IesoReport.HOEP, "hoep.csv", "\\\\Hour,HOEP\n1,20.1\n").detail()).contains(
                "Cannot parse IESO file hoep.csv as DispUnconsHOEP: neither its content nor its name says its delivery day");
        assertThat(parse(IesoReport.HOEP, "PUB_DispUnconsHOEP_20240311.csv", IesoTestFiles.text("PUB_DispUnconsHOEP_20240310.csv")).detail().orElseThrow())
                .endsWith("its name says delivery day 2024-03-11, its content 2024-03-10");
        assertThat(parse(IesoReport.HOEP, "PUB_DAHourlyOntarioZonalPrice_20240310.xml", IesoTestFiles.text("PUB_DispUnconsHOEP_20240310.csv")).detail()
                .orElseThrow()).endsWith("its name says it is a DAHourlyOntarioZonalPrice file (da_ontario_zonal_price)");
    }

    @Test
    void readsTheXmlHoepReportInTheImoNamespaceLikeTheCsv()
    {
        ParsedPayload xml = parseResource(IesoReport.HOEP, "PUB_DispUnconsHOEP_20241103.xml");
        ParsedPayload csv = parseResource(IesoReport.HOEP, "PUB_DispUnconsHOEP_20241103.csv");

        assertThat(xml.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(xml.rejected()).isEmpty();
        assertThat(records(xml)).hasSize(24);
        assertThat(records(xml)).extracting(IesoPriceRecord::intervalStartUtc).isEqualTo(records(csv).stream().map(IesoPriceRecord::intervalStartUtc).toList());
        assertThat(records(xml)).extracting(IesoPriceRecord::price).isEqualTo(records(csv).stream().map(IesoPriceRecord::price).toList());
        assertThat(xml.publishedAtUtc()).isEqualTo(csv.publishedAtUtc()).contains(Instant.parse("2024-11-04T06:01:47Z"));
        assertThat(xml.contentKey()).isEqualTo(csv.contentKey());
        // told by its content under a neutral name too
        assertThat(records(parse(IesoReport.HOEP, "download", IesoTestFiles.resource("PUB_DispUnconsHOEP_20241103.xml")))).hasSize(24);
        String duplicated = IesoTestFiles.text("PUB_DispUnconsHOEP_20241103.xml").replace("<Hour>5</Hour>", "<Hour>4</Hour>");
        assertThat(parse(IesoReport.HOEP, "PUB_DispUnconsHOEP_20241103.xml", duplicated).rejected()).extracting(RejectedRecord::reason).containsOnly(
                "duplicate hour ending 4 for ONTARIO on delivery day 2024-11-03 (lines 4, 5): quarantined, not renumbered");
    }
}
