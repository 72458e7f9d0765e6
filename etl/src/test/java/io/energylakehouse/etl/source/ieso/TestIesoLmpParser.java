package io.energylakehouse.etl.source.ieso;

import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.etl.raw.FetchOutcome;
import io.energylakehouse.etl.raw.ParsedPayload;
import io.energylakehouse.etl.raw.RejectedRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static io.energylakehouse.etl.source.ieso.IesoTestFiles.parse;
import static io.energylakehouse.etl.source.ieso.IesoTestFiles.parseResource;
import static io.energylakehouse.etl.source.ieso.IesoTestFiles.records;
import static io.energylakehouse.etl.source.ieso.IesoTestFiles.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The IESO LMP CSV parser (DAHourlyEnergyLMP, RealtimeEnergyLMP) on hand-written SYNTHETIC files in IESO's layout: made-up prices, real format. */
class TestIesoLmpParser
{
    private static final String DA_HEADER = "CREATED AT 2025/11/01 13:31:22 FOR 2025/11/02\nDelivery Hour,Pricing Location,LMP,Energy Loss Price,Energy Congestion Price\n";

    @Test
    void readsTheDayAheadFileOfTheFallBackDayAs24EstHours()
    {
        ParsedPayload parsed = parseResource(IesoReport.DA_HOURLY_ENERGY_LMP, "PUB_DAHourlyEnergyLMP_20251102.csv");

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(parsed.rejected()).isEmpty();
        List<IesoPriceRecord> records = records(parsed);
        // 3 locations x 24 hours: America/Toronto has 25 hours that day, IESO (EST all year) 24
        assertThat(records).hasSize(72);
        IesoPriceRecord first = records.get(0);
        assertThat(first.sourceIndex()).isEqualTo(3);
        assertThat(first.pricingLocation()).isEqualTo("BRUCEGS-LT.G1:LMP");
        assertThat(first.locationId()).isEqualTo("BRUCEGS-LT.G1");
        assertThat(first.deliveryDate()).isEqualTo(LocalDate.of(2025, 11, 2));
        assertThat(first.intervalStartUtc()).isEqualTo(Instant.parse("2025-11-02T05:00:00Z"));
        assertThat(first.intervalEndUtc()).isEqualTo(Instant.parse("2025-11-02T06:00:00Z"));
        assertThat(first.congestion()).isEqualTo(-0.26);
        assertThat(first.createdAtUtc()).isEqualTo(Instant.parse("2025-11-01T18:31:22Z"));
        // hour ending 2 starts at 01:00 EST = 06:00Z, never ambiguous; hour ending 24 ends at the next EST midnight
        assertThat(records).filteredOn(record -> record.deliveryHour() == 2).extracting(IesoPriceRecord::intervalStartUtc)
                .containsOnly(Instant.parse("2025-11-02T06:00:00Z"));
        assertThat(records.get(71).intervalEndUtc()).isEqualTo(Instant.parse("2025-11-03T05:00:00Z"));
        assertThat(records).filteredOn(record -> record.locationId().equals("BRUCEGS-LT.G1")).extracting(IesoPriceRecord::intervalStartUtc)
                .doesNotHaveDuplicates().hasSize(24);
        assertThat(parsed.publishedAtUtc()).contains(Instant.parse("2025-11-01T18:31:22Z"));
        assertThat(parsed.contentKey()).contains("DAHourlyEnergyLMP|2025-11-02");
        assertThat(parsed.operatingDates()).containsExactly(LocalDate.of(2025, 11, 2));
    }

    @Test
    void readsTheRealTimeHourFileIntervalByInterval()
    {
        ParsedPayload parsed = parseResource(IesoReport.RT_ENERGY_LMP, "PUB_RealtimeEnergyLMP_2025110202.csv");

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        List<IesoPriceRecord> records = records(parsed);
        assertThat(records).hasSize(36);
        assertThat(records).extracting(IesoPriceRecord::interval).containsOnly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
        IesoPriceRecord last = records.get(35);
        assertThat(last.interval()).isEqualTo(12);
        assertThat(last.intervalStartUtc()).isEqualTo(Instant.parse("2025-11-02T06:55:00Z"));
        assertThat(last.intervalEndUtc()).isEqualTo(Instant.parse("2025-11-02T07:00:00Z"));
        assertThat(parsed.contentKey()).contains("RealtimeEnergyLMP|2025-11-02|02");
    }

    @Test
    void versionsOfOneDayAreOneRequest()
    {
        String v1 = text("PUB_DAHourlyEnergyLMP_20251102.csv");
        String v2 = v1.replace("CREATED AT 2025/11/01 13:31:22", "CREATED AT 2025/11/01 15:02:00").replace("1,BRUCEGS-LT.G1:LMP,", "1,BRUCEGS-LT.G1:LMP,4");
        ParsedPayload first = parse(IesoReport.DA_HOURLY_ENERGY_LMP, "PUB_DAHourlyEnergyLMP_20251102_v1.csv", v1);
        ParsedPayload second = parse(IesoReport.DA_HOURLY_ENERGY_LMP, "PUB_DAHourlyEnergyLMP_20251102_v2.csv", v2);
        ParsedPayload latest = parse(IesoReport.DA_HOURLY_ENERGY_LMP, "PUB_DAHourlyEnergyLMP.csv", v2);

        assertThat(first.contentKey()).isEqualTo(second.contentKey()).isEqualTo(latest.contentKey()).contains("DAHourlyEnergyLMP|2025-11-02");
        assertThat(second.publishedAtUtc().orElseThrow()).isAfter(first.publishedAtUtc().orElseThrow());
    }

    @Test
    void readsAHeaderWithoutTheCreatedLineAndTakesTheDayFromTheName()
    {
        ParsedPayload parsed = parse(IesoReport.DA_HOURLY_ENERGY_LMP, "PUB_DAHourlyEnergyLMP_20250501.csv",
                "\uFEFFDelivery Hour,Pricing Location,LMP,Energy Loss Price,Energy Congestion Price\r\n1,A.B:LMP,20.5,,\r\n");

        assertThat(records(parsed)).singleElement().satisfies(record -> {
            assertThat(record.intervalStartUtc()).isEqualTo(Instant.parse("2025-05-01T05:00:00Z"));
            assertThat(record.loss()).isNull();
            assertThat(record.congestion()).isNull();
            assertThat(record.createdAtUtc()).isNull();
        });
        assertThat(parsed.publishedAtUtc()).isEmpty();
    }

    @Test
    void findsTheHeaderAfterAnyPreamble()
    {
        ParsedPayload parsed = parse(IesoReport.RT_ENERGY_LMP, "PUB_RealtimeEnergyLMP_2025050210_v3.csv",
                "\\\\Realtime Energy LMP Report\r\n\\\\CREATED AT 2025/05/02 10:01:02 FOR 2025/05/02\r\n\r\n"
                        + "\"Delivery Hour\",\"Interval\",\"Pricing Location\",\"LMP\",\"Energy Loss Price\",\"Energy Congestion Price\"\r\n"
                        + "10,1,\"A.B:LMP\",-12.5,0.3,-1.25\r\n");

        assertThat(records(parsed)).singleElement().satisfies(record -> {
            assertThat(record.sourceIndex()).isEqualTo(5);
            assertThat(record.intervalStartUtc()).isEqualTo(Instant.parse("2025-05-02T14:00:00Z"));
            assertThat(record.price()).isEqualTo(-12.5);
            assertThat(record.createdAtUtc()).isEqualTo(Instant.parse("2025-05-02T15:01:02Z"));
        });
        assertThat(parsed.contentKey()).contains("RealtimeEnergyLMP|2025-05-02|10");
    }

    @Test
    void quarantinesDuplicateHourEndingsNeverRenumbers()
    {
        ParsedPayload parsed = parse(IesoReport.DA_HOURLY_ENERGY_LMP, "PUB_DAHourlyEnergyLMP_20251102.csv",
                DA_HEADER + "1,A.B:LMP,20.5,0.1,0.2\n2,A.B:LMP,21.5,0.1,0.2\n2,A.B:LMP,22.5,0.1,0.2\n3,A.B:LMP,23.5,0.1,0.2\n");

        assertThat(records(parsed)).extracting(IesoPriceRecord::deliveryHour).containsExactly(1, 3);
        assertThat(parsed.rejected()).hasSize(2);
        assertThat(parsed.rejected()).extracting(RejectedRecord::lineNumber).containsExactly(Optional.of(4), Optional.of(5));
        assertThat(parsed.rejected().get(0).reason()).isEqualTo("duplicate hour ending 2 for A.B on delivery day 2025-11-02 (lines 4, 5): quarantined, not renumbered");
        assertThat(parsed.rejected().get(0).intervalStartUtc()).contains(Instant.parse("2025-11-02T06:00:00Z"));
        assertThat(parsed.detail()).contains("2 prices rejected");
    }

    @Test
    void rejectsMalformedLinesAlone()
    {
        ParsedPayload parsed = parse(IesoReport.DA_HOURLY_ENERGY_LMP, "PUB_DAHourlyEnergyLMP_20251102.csv",
                DA_HEADER + "1,A.B:LMP,20.5,0.1,0.2\n25,A.B:LMP,1,0,0\n0,A.B:LMP,1,0,0\nx,A.B:LMP,1,0,0\n3,,1,0,0\n4,A.B:LMP,abc,0,0\n5,A.B:LMP,,0,0\n6,A.B:LMP,1,0\n7,A.B:LMP,2,0,0\n");

        assertThat(records(parsed)).extracting(IesoPriceRecord::deliveryHour).containsExactly(1, 7);
        assertThat(parsed.rejected()).extracting(RejectedRecord::reason).containsExactly(
                "Delivery Hour 25 is not an hour ending 1..24 (IESO days have 24 hours, EST all year)",
                "Delivery Hour 0 is not an hour ending 1..24 (IESO days have 24 hours, EST all year)",
                "Delivery Hour 'x' is not an hour ending 1..24",
                "Pricing Location is empty",
                "LMP 'abc' is not a number",
                "LMP is empty",
                "expected 5 fields as in the header, found 4");
        assertThat(parsed.rejected().get(0).record()).contains("25,A.B:LMP,1,0,0");
    }

    @Test
    void refusesFilesOfAnotherReportOrUnreadableWhole()
    {
        String rt = text("PUB_RealtimeEnergyLMP_2025110202.csv");
        assertThat(parse(IesoReport.DA_HOURLY_ENERGY_LMP, "PUB_RealtimeEnergyLMP_2025110202.csv", rt).detail()).contains(
                "Cannot parse IESO file PUB_RealtimeEnergyLMP_2025110202.csv as DAHourlyEnergyLMP: its name says it is a RealtimeEnergyLMP file (rt_energy_lmp)");
        // the same bytes under a neutral name: the header tells
        ParsedPayload renamed = parse(IesoReport.DA_HOURLY_ENERGY_LMP, "download.csv", rt);
        assertThat(renamed.outcome()).isEqualTo(FetchOutcome.REJECTED);
        assertThat(renamed.detail()).contains("Cannot parse IESO file download.csv as DAHourlyEnergyLMP: its header Delivery Hour,Interval,Pricing Location,LMP,"
                + "Energy Loss Price,Energy Congestion Price has an Interval column (a real-time file?)");
        assertThat(parse(IesoReport.RT_ENERGY_LMP, "x.csv", text("PUB_DAHourlyEnergyLMP_20251102.csv")).detail().orElseThrow())
                .endsWith("column Interval missing in header Delivery Hour,Pricing Location,LMP,Energy Loss Price,Energy Congestion Price (a day-ahead file?)");
        // an hour file's rows must be of the hour its name says
        assertThat(parse(IesoReport.RT_ENERGY_LMP, "PUB_RealtimeEnergyLMP_2025110203.csv", rt).detail().orElseThrow())
                .endsWith("its name says hour ending 3, its prices are of hour ending 2");
        assertThat(parse(IesoReport.DA_HOURLY_ENERGY_LMP, "PUB_DAHourlyEnergyLMP_20251103.csv", text("PUB_DAHourlyEnergyLMP_20251102.csv")).detail()
                .orElseThrow()).endsWith("its name says delivery day 2025-11-03, its content 2025-11-02");
        assertThat(parse(IesoReport.DA_HOURLY_ENERGY_LMP, "x.csv", "<html><body>Maintenance</body></html>\n").detail().orElseThrow())
                .endsWith("no header with Pricing Location and LMP in its first lines (first line: <html><body>Maintenance</body></html>)");
        assertThat(parse(IesoReport.DA_HOURLY_ENERGY_LMP, "x.csv", "Delivery Hour,Pricing Location,LMP\n1,A:LMP,2\n").detail().orElseThrow())
                .endsWith("neither its content nor its name says its delivery day");
        assertThat(parse(IesoReport.DA_HOURLY_ENERGY_LMP, "PUB_DAHourlyEnergyLMP_20251102.csv", DA_HEADER + "1,A.B:LMP,20.5,0.1,0.2\n2,A.B:LMP,2").detail()
                .orElseThrow()).endsWith("it ends inside line 4 without a line break (expected 5 fields as in the header, found 3); truncated?");
    }

    @Test
    void readsEmptyFilesAsNoData()
    {
        assertThat(parse(IesoReport.DA_HOURLY_ENERGY_LMP, "PUB_DAHourlyEnergyLMP_20251102.csv", "").outcome()).isEqualTo(FetchOutcome.NO_DATA);
        ParsedPayload headerOnly = parse(IesoReport.DA_HOURLY_ENERGY_LMP, "PUB_DAHourlyEnergyLMP_20251102.csv", DA_HEADER);
        assertThat(headerOnly.outcome()).isEqualTo(FetchOutcome.NO_DATA);
        assertThat(headerOnly.detail()).contains("the file has no prices");
        assertThat(headerOnly.operatingDates()).isEqualTo(Set.of());
    }

    @Test
    void parseFileFailsWithTheReason()
    {
        assertThatThrownBy(() -> IesoParser.parseFile(IesoReport.DA_HOURLY_ENERGY_LMP, "nonsense".getBytes(StandardCharsets.UTF_8), "x.csv"))
                .isInstanceOf(LakehouseException.class)
                .hasMessage("Cannot parse IESO file x.csv as DAHourlyEnergyLMP: no header with Pricing Location and LMP in its first lines (first line: nonsense)");
    }
}
