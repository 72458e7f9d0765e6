package io.energylakehouse.etl.source.nyiso;

import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.etl.raw.FetchOutcome;
import io.energylakehouse.etl.raw.ParsedPayload;
import io.energylakehouse.etl.raw.RejectedRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import static io.energylakehouse.etl.source.nyiso.NyisoTestFiles.parse;
import static io.energylakehouse.etl.source.nyiso.NyisoTestFiles.records;
import static io.energylakehouse.etl.source.nyiso.NyisoTestFiles.resource;
import static io.energylakehouse.etl.source.nyiso.NyisoTestFiles.zip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The LBMP parser on hand-written SYNTHETIC files in NYISO's MIS layout (src/test/resources/nyiso). */
class TestNyisoLbmpParser
{
    private static final NyisoReport DAM_ZONE = NyisoReport.DAMLBMP_ZONE;
    private static final NyisoReport RT_ZONE = NyisoReport.REALTIME_ZONE;

    @Test
    void parsesUnorderedRowsAfterALeadingBlankLineWithTheOldTruncatedHeader()
    {
        ParsedPayload parsed = parse(DAM_ZONE, "20240701damlbmp_zone.csv", resource("20240701damlbmp_zone.csv"));

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(parsed.rejected()).isEmpty();
        assertThat(parsed.dataset()).isEqualTo("da_hourly");
        assertThat(parsed.rawTable()).isEqualTo(NyisoTables.rawTable(DAM_ZONE));
        // midnight EDT is 04:00Z; the last hour is 01:00..02:00 EDT
        assertThat(parsed.contentKey()).contains("damlbmp_zone|2024-07-01T04:00:00Z|2024-07-01T06:00:00Z");
        assertThat(parsed.operatingDates()).containsExactly(LocalDate.of(2024, 7, 1));
        List<NyisoLbmpRecord> records = records(parsed);
        assertThat(records).hasSize(6);
        // the blank first line is line 1, the header line 2, the first row (N.Y.C. at 01:00, out of order) line 3
        assertThat(records).contains(new NyisoLbmpRecord(DAM_ZONE, "20240701damlbmp_zone.csv", 3, Instant.parse("2024-07-01T05:00:00Z"),
                Instant.parse("2024-07-01T06:00:00Z"), "07/01/2024 01:00:00", null, "N.Y.C.", 61761, 40.11, 2.05, -6.12));
        // the negative price of the last row without a final newline
        assertThat(records).filteredOn(record -> record.ptid() == 61752 && record.timeStamp().endsWith("01:00:00"))
                .singleElement().satisfies(record -> assertThat(record.lbmp()).isEqualTo(-1.8));
        assertThat(records).filteredOn(record -> record.lineNumber() == 8).singleElement()
                .satisfies(record -> assertThat(record.marginalCostCongestion()).isEqualTo(-0.23));
    }

    @Test
    void springForwardDayHas23Hours()
    {
        ParsedPayload parsed = parse(DAM_ZONE, "20240310damlbmp_zone.csv", resource("20240310damlbmp_zone.csv"));

        assertThat(parsed.rejected()).isEmpty();
        List<NyisoLbmpRecord> records = records(parsed);
        assertThat(records).hasSize(23 * 2);
        List<Instant> starts = records.stream().filter(record -> record.ptid() == 61757).map(NyisoLbmpRecord::intervalStartUtc).sorted().toList();
        assertThat(starts).isEqualTo(NyisoMarket.TIME.intervalStarts(LocalDate.of(2024, 3, 10), 60));
        // 01:00 EST is 06:00Z and 03:00 EDT is 07:00Z: consecutive hours
        assertThat(starts.get(1)).isEqualTo(Instant.parse("2024-03-10T06:00:00Z"));
        assertThat(starts.get(2)).isEqualTo(Instant.parse("2024-03-10T07:00:00Z"));
        assertThat(parsed.operatingDates()).containsExactly(LocalDate.of(2024, 3, 10));
    }

    @Test
    void fallBackDayHas25HoursTheRepeatedHourResolvedByOrderPerPtid()
    {
        ParsedPayload parsed = parse(DAM_ZONE, "20241103damlbmp_zone.csv", resource("20241103damlbmp_zone.csv"));

        assertThat(parsed.rejected()).isEmpty();
        List<NyisoLbmpRecord> records = records(parsed);
        assertThat(records).hasSize(25 * 2);
        for (long ptid : new long[] {61757, 61761}) {
            List<Instant> starts = records.stream().filter(record -> record.ptid() == ptid).map(NyisoLbmpRecord::intervalStartUtc).sorted().toList();
            assertThat(starts).isEqualTo(NyisoMarket.TIME.intervalStarts(LocalDate.of(2024, 11, 3), 60));
        }
        List<NyisoLbmpRecord> repeated = records.stream().filter(record -> record.ptid() == 61757 && record.timeStamp().equals("11/03/2024 01:00:00")).toList();
        // the first 01:00 is EDT (05:00Z), the second EST (06:00Z); their prices (22.5, 23.5) tell them apart
        assertThat(repeated).extracting(NyisoLbmpRecord::intervalStartUtc).containsExactly(Instant.parse("2024-11-03T05:00:00Z"), Instant.parse("2024-11-03T06:00:00Z"));
        assertThat(repeated).extracting(NyisoLbmpRecord::lbmp).containsExactly(22.5, 23.5);
    }

    @Test
    void realTimeFallBackLabelsIntervalEndsAndDropsRtcLookAhead()
    {
        ParsedPayload parsed = parse(RT_ZONE, "20241103realtime_zone.csv", resource("20241103realtime_zone.csv"));

        assertThat(parsed.dataset()).isEqualTo("rt_5min");
        List<NyisoLbmpRecord> records = records(parsed);
        // ends 00:55 EDT .. 02:15 EST: 1 + 12 + 12 + 4 five-minute intervals per zone, consecutive on the UTC line
        List<NyisoLbmpRecord> capital = records.stream().filter(record -> record.ptid() == 61757).sorted(java.util.Comparator.comparing(NyisoLbmpRecord::intervalStartUtc))
                .toList();
        assertThat(capital).hasSize(29);
        assertThat(capital.get(0).intervalStartUtc()).isEqualTo(Instant.parse("2024-11-03T04:50:00Z"));
        assertThat(capital.get(0).intervalEndUtc()).isEqualTo(Instant.parse("2024-11-03T04:55:00Z"));
        for (int i = 1; i < capital.size(); i++) {
            assertThat(capital.get(i).intervalStartUtc()).isEqualTo(capital.get(i - 1).intervalEndUtc());
        }
        assertThat(capital.get(capital.size() - 1).intervalEndUtc()).isEqualTo(Instant.parse("2024-11-03T07:15:00Z"));
        // the 15-minute RTC rows ending 02:30 and 02:45 are refused for both zones, with the reason
        assertThat(parsed.rejected()).hasSize(4);
        assertThat(parsed.rejected()).allSatisfy(rejected -> assertThat(rejected.reason()).contains("RTC look-ahead"));
        assertThat(parsed.detail()).contains("4 lines rejected");
    }

    @Test
    void realTimeSpringForwardIntervalEndingAtThreeFollowsOneFiftyFive()
    {
        ParsedPayload parsed = parse(RT_ZONE, "20240310realtime_zone.csv", resource("20240310realtime_zone.csv"));

        assertThat(parsed.rejected()).isEmpty();
        List<NyisoLbmpRecord> records = records(parsed).stream().filter(record -> record.ptid() == 61761).toList();
        assertThat(records).extracting(NyisoLbmpRecord::intervalStartUtc).containsExactly(Instant.parse("2024-03-10T06:45:00Z"),
                Instant.parse("2024-03-10T06:50:00Z"), Instant.parse("2024-03-10T06:55:00Z"), Instant.parse("2024-03-10T07:00:00Z"));
        assertThat(records).allSatisfy(record -> {
            assertThat(Duration.between(record.intervalStartUtc(), record.intervalEndUtc())).isEqualTo(Duration.ofMinutes(5));
            assertThat(record.lbmp()).isNegative();
        });
    }

    @Test
    void timeZoneColumnDecidesTheRepeatedHourWhateverTheOrder()
    {
        String csv = "\"Time Stamp\",\"Time Zone\",\"Name\",\"PTID\",\"LBMP ($/MWHr)\",\"Marginal Cost Losses ($/MWHr)\",\"Marginal Cost Congestion ($/MWHr)\"\n"
                + "\"11/03/2024 01:00:00\",\"EST\",\"WEST\",61752,20,0.5,-1\n"
                + "\"11/03/2024 01:00:00\",\"EDT\",\"WEST\",61752,30,0.5,-1";
        List<NyisoLbmpRecord> records = records(parse(DAM_ZONE, "zonal.csv", csv.getBytes(StandardCharsets.UTF_8)));

        assertThat(records).extracting(NyisoLbmpRecord::intervalStartUtc).containsExactly(Instant.parse("2024-11-03T06:00:00Z"), Instant.parse("2024-11-03T05:00:00Z"));
        assertThat(records).extracting(NyisoLbmpRecord::timeZone).containsExactly("EST", "EDT");
    }

    @Test
    void readsTimeStampsWithoutSecondsAndQuotedNumbers()
    {
        String csv = SyntheticNyiso.HEADER + "\n\"07/01/2024 13:00\",\"HUD VL\",\"61758\",\"-5.25\",\"0.75\",\"-2.5\"\n";
        List<NyisoLbmpRecord> records = records(parse(DAM_ZONE, "20240701damlbmp_zone.csv", csv.getBytes(StandardCharsets.UTF_8)));

        assertThat(records).containsExactly(new NyisoLbmpRecord(DAM_ZONE, "20240701damlbmp_zone.csv", 2, Instant.parse("2024-07-01T17:00:00Z"),
                Instant.parse("2024-07-01T18:00:00Z"), "07/01/2024 13:00", null, "HUD VL", 61758, -5.25, 0.75, -2.5));
    }

    @Test
    void rejectsATimeTheSpringForwardSkipsAndAThirdRepeatedHour()
    {
        String csv = "\n" + SyntheticNyiso.HEADER + "\n"
                + "\"03/10/2024 02:00:00\",\"WEST\",61752,20,0.5,-1\n"
                + "\"11/03/2024 01:00:00\",\"WEST\",61752,20,0.5,-1\n"
                + "\"11/03/2024 01:00:00\",\"WEST\",61752,21,0.5,-1\n"
                + "\"11/03/2024 01:00:00\",\"WEST\",61752,22,0.5,-1\n";
        ParsedPayload parsed = parse(DAM_ZONE, "zonal.csv", csv.getBytes(StandardCharsets.UTF_8));

        assertThat(records(parsed)).hasSize(2);
        assertThat(parsed.rejected()).extracting(RejectedRecord::reason).containsExactly(
                "zonal.csv line 3: Time Stamp '03/10/2024 02:00:00' does not exist in Eastern time (the spring-forward hour)",
                "zonal.csv line 6: Time Stamp '11/03/2024 01:00:00' appears 3 times for PTID 61752 (a repeated fall-back time appears at most twice)");
    }

    @Test
    void missingColumnRejectsTheFileNamingFileAndColumn()
    {
        ParsedPayload parsed = parse(DAM_ZONE, "20240701damlbmp_zone_missing_losses.csv", resource("20240701damlbmp_zone_missing_losses.csv"));

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.REJECTED);
        assertThat(parsed.records()).isEmpty();
        assertThat(parsed.detail()).contains("Cannot parse NYISO file 20240701damlbmp_zone_missing_losses.csv: column Marginal Cost Losses ($/MWHr) missing in header "
                + "[Time Stamp, Name, PTID, LBMP ($/MWHr), Marginal Cost Congestion ($/MWHr)]");
        assertThatThrownBy(() -> NyisoLbmpParser.parseFile(DAM_ZONE, resource("20240701damlbmp_zone_missing_losses.csv"), "20240701damlbmp_zone_missing_losses.csv"))
                .isInstanceOf(LakehouseException.class)
                .hasMessageContaining("column Marginal Cost Losses ($/MWHr) missing");
    }

    @Test
    void truncatedFileKeepsItsWholeRowsAndRejectsTheCutLine()
    {
        ParsedPayload parsed = parse(DAM_ZONE, "20240701damlbmp_zone_truncated.csv", resource("20240701damlbmp_zone_truncated.csv"));

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(records(parsed)).extracting(NyisoLbmpRecord::name).containsExactly("CAPITL", "N.Y.C.");
        assertThat(parsed.rejected()).singleElement().satisfies(rejected -> {
            assertThat(rejected.lineNumber()).contains(5);
            assertThat(rejected.reason()).isEqualTo("20240701damlbmp_zone_truncated.csv line 5: has 4 fields, the header 6 (a truncated or malformed line)");
        });
    }

    @Test
    void headerWithoutRowsIsNoData()
    {
        ParsedPayload parsed = parse(DAM_ZONE, "20240701damlbmp_zone_no_data.csv", resource("20240701damlbmp_zone_no_data.csv"));

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.NO_DATA);
        assertThat(parsed.detail()).contains("the file has a header but no rows");
        assertThat(parsed.records()).isEmpty();
    }

    @Test
    void emptyFileAndHtmlPageAreRejected()
    {
        assertThat(parse(DAM_ZONE, "20240701damlbmp_zone.csv", new byte[0]).detail()).contains("Cannot parse NYISO file 20240701damlbmp_zone.csv: the file is empty");
        assertThat(parse(DAM_ZONE, "20240701damlbmp_zone.csv", "\n<html><body>404 Not Found</body></html>".getBytes(StandardCharsets.UTF_8)).detail())
                .hasValueSatisfying(detail -> assertThat(detail).startsWith("Cannot parse NYISO file 20240701damlbmp_zone.csv: an HTML or XML page, not a CSV"));
    }

    @Test
    void fileOfAnotherReportIsRefusedWithOneLine()
    {
        ParsedPayload byName = parse(DAM_ZONE, "20240701realtime_zone.csv", resource("20241103realtime_zone.csv"));
        assertThat(byName.outcome()).isEqualTo(FetchOutcome.REJECTED);
        assertThat(byName.detail()).contains("Cannot parse NYISO file 20240701realtime_zone.csv: its name says it is a realtime_zone (real-time five-minute zonal "
                + "LBMP) file, not damlbmp_zone (day-ahead zonal LBMP)");

        // the same bytes under a neutral name: five-minute time stamps are not an hourly report's
        ParsedPayload byContent = parse(DAM_ZONE, "download.csv", resource("20241103realtime_zone.csv"));
        assertThat(byContent.outcome()).isEqualTo(FetchOutcome.REJECTED);
        assertThat(byContent.detail()).hasValueSatisfying(detail -> assertThat(detail).isEqualTo("Cannot parse NYISO file download.csv: line 3 has Time Stamp "
                + "'11/03/2024 00:55:00' inside an hour: not the hourly damlbmp_zone (day-ahead zonal LBMP) but a five-minute file"));
        assertThat(detail(byContent).lines().count()).isEqualTo(1);

        // generator prices named as such are not zonal
        assertThat(parse(DAM_ZONE, "20240701damlbmp_gen.csv", resource("20240701damlbmp_gen.csv")).detail())
                .hasValueSatisfying(detail -> assertThat(detail).contains("its name says it is a damlbmp_gen"));
    }

    @Test
    void monthlyZipReadsEachDailyMemberWithItsOwnLineNumbers()
    {
        byte[] zip = zip("20241101damlbmp_zone.csv", resource("20240701damlbmp_zone.csv"), "20241103damlbmp_zone.csv", resource("20241103damlbmp_zone.csv"));
        ParsedPayload parsed = parse(DAM_ZONE, "20241101damlbmp_zone_csv.zip", zip);

        assertThat(parsed.rejected()).isEmpty();
        assertThat(records(parsed)).hasSize(6 + 50);
        assertThat(parsed.operatingDates()).containsExactlyInAnyOrder(LocalDate.of(2024, 7, 1), LocalDate.of(2024, 11, 3));
        assertThat(records(parsed).stream().map(record -> record.member() + ":" + record.lineNumber()).distinct().count()).isEqualTo(56);

        ParsedPayload foreign = parse(DAM_ZONE, "20241101damlbmp_zone_csv.zip", zip("20241101rtlbmp_zone.csv", resource("20240701damlbmp_zone.csv")));
        assertThat(foreign.detail()).hasValueSatisfying(detail -> assertThat(detail).isEqualTo("Cannot parse NYISO file 20241101damlbmp_zone_csv.zip: its member "
                + "20241101rtlbmp_zone.csv says it is a rtlbmp_zone (hourly integrated real-time zonal LBMP) file, not damlbmp_zone (day-ahead zonal LBMP)"));

        byte[] cut = Arrays.copyOf(zip, zip.length - 30);
        assertThat(parse(DAM_ZONE, "20241101damlbmp_zone_csv.zip", cut).detail()).hasValueSatisfying(detail -> assertThat(detail)
                .startsWith("Cannot parse NYISO file 20241101damlbmp_zone_csv.zip: not a readable zip"));
    }

    private static String detail(ParsedPayload parsed)
    {
        return parsed.detail().orElseThrow();
    }

    @Test
    void rowsCarryTheirOwnFieldsForTheRawTable()
    {
        List<NyisoLbmpRecord> records = records(parse(DAM_ZONE, "20240701damlbmp_zone.csv", resource("20240701damlbmp_zone.csv")));
        assertThat(records.get(0).toRow("fetch-1", "landing-1").size()).isEqualTo(NyisoTables.rawTable(DAM_ZONE).schema().size());
        assertThat(NyisoTables.rawTable(DAM_ZONE).key()).containsExactly("fetch_id", "member", "line_number");
    }
}
