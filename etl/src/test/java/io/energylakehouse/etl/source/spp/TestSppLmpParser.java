package io.energylakehouse.etl.source.spp;

import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.etl.raw.FetchOutcome;
import io.energylakehouse.etl.raw.ParsedPayload;
import io.energylakehouse.etl.raw.RejectedRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static io.energylakehouse.etl.source.spp.SppTestFiles.parse;
import static io.energylakehouse.etl.source.spp.SppTestFiles.parseResource;
import static io.energylakehouse.etl.source.spp.SppTestFiles.records;
import static io.energylakehouse.etl.source.spp.SppTestFiles.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SPP LMP parser on hand-written SYNTHETIC files in SPP's layout (src/test/resources/spp and inline): made-up prices, real format. */
class TestSppLmpParser
{
    private static final String HEADER = "Interval,GMTIntervalEnd,Settlement Location,Pnode,LMP,MLC,MCC,MEC\n";

    @Test
    void parsesSpringForwardDayAheadDayWith23Hours()
    {
        ParsedPayload parsed = parseResource(SppReport.DA_LMP_SL, "DA-LMP-SL-202403100100.csv");

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(parsed.rejected()).isEmpty();
        assertThat(parsed.dataset()).isEqualTo("da_hourly");
        assertThat(parsed.rawTable()).isEqualTo(SppTables.RAW_DA_LMP_SL);
        assertThat(parsed.operatingDates()).containsExactly(LocalDate.of(2024, 3, 10));
        // midnight CST is 06:00Z; the day ends at midnight CDT, 05:00Z
        assertThat(parsed.contentKey()).contains("DA-LMP-SL|2024-03-10T06:00:00Z|2024-03-11T05:00:00Z");
        assertThat(parsed.publishedAtUtc()).isEmpty();
        List<SppLmpRecord> records = records(parsed);
        assertThat(records).hasSize(23 * 2);
        assertThat(records.get(0)).isEqualTo(new SppLmpRecord(SppReport.DA_LMP_SL, 2, Instant.parse("2024-03-10T06:00:00Z"),
                Instant.parse("2024-03-10T07:00:00Z"), "03/10/2024 01:00:00", "SPPNORTH_HUB", "SPPNORTH_H", 17.55, -0.15, -0.3, 18.0, null));
        // the line after hour ending 01:00 CST is 03:00 CDT: one hour later in UTC, the 02:00 hour does not exist
        assertThat(records.get(2).interval()).isEqualTo("03/10/2024 03:00:00");
        assertThat(records.get(2).intervalStartUtc()).isEqualTo(Instant.parse("2024-03-10T07:00:00Z"));
        assertThat(distinctStarts(records)).isEqualTo(new TreeSet<>(SppMarket.TIME.intervalStarts(LocalDate.of(2024, 3, 10), 60)));
        assertThat(records).allSatisfy(record -> assertThat(Duration.between(record.intervalStartUtc(), record.intervalEndUtc())).isEqualTo(Duration.ofHours(1)));
    }

    @Test
    void keepsNegativePrices()
    {
        List<SppLmpRecord> records = records(parseResource(SppReport.DA_LMP_SL, "DA-LMP-SL-202403100100.csv"));

        SppLmpRecord negative = records.stream().filter(record -> record.lmp() < 0).collect(onlyOne());
        assertThat(negative.settlementLocation()).isEqualTo("SPPSOUTH_HUB");
        assertThat(negative.intervalStartUtc()).isEqualTo(Instant.parse("2024-03-10T19:00:00Z"));
        assertThat(negative.lmp()).isEqualTo(-11.8456);
        assertThat(negative.mec()).isEqualTo(-9.5);
        assertThat(negative.mcc()).isEqualTo(-2.0);
        assertThat(negative.mlc()).isEqualTo(-0.3456);
    }

    @Test
    void parsesFallBackDayAheadDayWith25HoursInAnyOrder()
    {
        // the lines of this file are shuffled
        ParsedPayload parsed = parseResource(SppReport.DA_LMP_SL, "DA-LMP-SL-202411030100.csv");

        assertThat(parsed.rejected()).isEmpty();
        List<SppLmpRecord> records = records(parsed);
        assertThat(records).hasSize(25 * 2);
        assertThat(records).extracting(SppLmpRecord::lineNumber).isSorted();
        assertThat(records.get(0).intervalStartUtc()).isNotEqualTo(Instant.parse("2024-11-03T05:00:00Z"));
        assertThat(distinctStarts(records)).isEqualTo(new TreeSet<>(SppMarket.TIME.intervalStarts(LocalDate.of(2024, 11, 3), 60)));
        // both passes through 01:00 are there, told apart by GMTIntervalEnd alone
        assertThat(records.stream().filter(record -> record.interval().equals("11/03/2024 01:00:00") && record.settlementLocation().equals("SPPNORTH_HUB"))
                .map(SppLmpRecord::intervalEndUtc).toList())
                .containsExactlyInAnyOrder(Instant.parse("2024-11-03T06:00:00Z"), Instant.parse("2024-11-03T07:00:00Z"));
        assertThat(parsed.contentKey()).contains("DA-LMP-SL|2024-11-03T05:00:00Z|2024-11-04T06:00:00Z");
        assertThat(parsed.operatingDates()).containsExactly(LocalDate.of(2024, 11, 3));
    }

    @Test
    void parsesRepeatedHourIntervalFilesOfTheFallBackDay()
    {
        ParsedPayload first = parseResource(SppReport.RTBM_LMP_SL, "RTBM-LMP-SL-202411030105.csv");
        ParsedPayload second = parseResource(SppReport.RTBM_LMP_SL, "RTBM-LMP-SL-202411030105d.csv");

        assertThat(records(first)).hasSize(3).allSatisfy(record -> {
            assertThat(record.interval()).isEqualTo("11/03/2024 01:05:00");
            assertThat(record.intervalStartUtc()).isEqualTo(Instant.parse("2024-11-03T06:00:00Z"));
            assertThat(record.intervalEndUtc()).isEqualTo(Instant.parse("2024-11-03T06:05:00Z"));
        });
        assertThat(records(second)).hasSize(3).allSatisfy(record -> {
            assertThat(record.interval()).isEqualTo("11/03/2024 01:05:00");
            assertThat(record.intervalStartUtc()).isEqualTo(Instant.parse("2024-11-03T07:00:00Z"));
        });
        // published at the interval end the name says: 01:05 CDT, then 01:05 CST (the d file)
        assertThat(first.publishedAtUtc()).contains(Instant.parse("2024-11-03T06:05:00Z"));
        assertThat(second.publishedAtUtc()).contains(Instant.parse("2024-11-03T07:05:00Z"));
        assertThat(first.contentKey()).contains("RTBM-LMP-SL|2024-11-03T06:00:00Z|2024-11-03T06:05:00Z");
        assertThat(second.contentKey()).contains("RTBM-LMP-SL|2024-11-03T07:00:00Z|2024-11-03T07:05:00Z");
    }

    @Test
    void parsesSpringForwardIntervalFile()
    {
        ParsedPayload parsed = parseResource(SppReport.RTBM_LMP_SL, "RTBM-LMP-SL-202403100300.csv");

        // 01:55 CST to 03:00 CDT: five minutes
        assertThat(records(parsed)).hasSize(3).allSatisfy(record -> {
            assertThat(record.intervalStartUtc()).isEqualTo(Instant.parse("2024-03-10T07:55:00Z"));
            assertThat(record.intervalEndUtc()).isEqualTo(Instant.parse("2024-03-10T08:00:00Z"));
        });
        assertThat(parsed.publishedAtUtc()).contains(Instant.parse("2024-03-10T08:00:00Z"));
        assertThat(parsed.operatingDates()).containsExactly(LocalDate.of(2024, 3, 10));
    }

    @Test
    void parsesDailyRealTimeFileOfTheFallBackDay()
    {
        ParsedPayload parsed = parseResource(SppReport.RTBM_LMP_DAILY, "RTBM-LMP-DAILY-SL-20241103.csv");

        assertThat(parsed.rejected()).isEmpty();
        assertThat(records(parsed)).hasSize(300);
        assertThat(distinctStarts(records(parsed))).isEqualTo(new TreeSet<>(SppMarket.TIME.intervalStarts(LocalDate.of(2024, 11, 3), 5)));
        assertThat(parsed.dataset()).isEqualTo("rt_5min");
        // an hour after the day's last interval (00:00 CST on 11/04 is 06:00Z)
        assertThat(parsed.publishedAtUtc()).contains(Instant.parse("2024-11-04T07:00:00Z"));
    }

    @Test
    void parsesByBusFile()
    {
        ParsedPayload parsed = parseResource(SppReport.DA_LMP_B, "DA-LMP-B-202407010100.csv");

        assertThat(parsed.rejected()).isEmpty();
        assertThat(parsed.rawTable()).isEqualTo(SppTables.RAW_DA_LMP_B);
        List<SppLmpRecord> records = records(parsed);
        assertThat(records).hasSize(48);
        assertThat(records.get(0).settlementLocation()).isNull();
        assertThat(records.get(0).pnode()).isEqualTo("SPPNORTH_H");
        assertThat(records.get(0).locationId()).isEqualTo("SPPNORTH_H");
        assertThat(records.get(0).intervalStartUtc()).isEqualTo(Instant.parse("2024-07-01T05:00:00Z"));
    }

    @Test
    void readsHeaderWithSpacesAndCrLf()
    {
        String text = " Interval , GMTIntervalEnd ,Settlement Location, Pnode ,LMP,MLC,MCC,MEC\r\n"
                + "07/01/2024 10:05:00,07/01/2024 15:05:00,SPPNORTH_HUB,SPPNORTH_H,25.0000,-0.5000,0.5000,25.0000\r\n";

        ParsedPayload parsed = parse(SppReport.RTBM_LMP_SL, "RTBM-LMP-SL-202407011005.csv", text);

        assertThat(parsed.rejected()).isEmpty();
        assertThat(records(parsed)).singleElement().satisfies(record -> assertThat(record.intervalEndUtc()).isEqualTo(Instant.parse("2024-07-01T15:05:00Z")));
    }

    @Test
    void readsDailyFileSpellingsTheBaaColumnAndTimesWithoutSeconds()
    {
        String text = "Interval, GMT Interval, Settlement Location Name, PNODE Name, LMP, MLC, MCC, MEC, BAA\n"
                + "7/1/2026 10:05,7/1/2026 15:05,SPPNORTH_HUB,SPPNORTH_H,25.0000,-0.5000,0.5000,25.0000,SPP\n"
                + "07/01/2026 10:05:00,07/01/2026 15:05:00,SWPW_HUB,SWPW_H,21.0000,-0.5000,0.5000,21.0000,SWPW\n";

        ParsedPayload parsed = parse(SppReport.RTBM_LMP_DAILY, "RTBM-LMP-DAILY-SL-20260701.csv", text);

        assertThat(parsed.rejected()).isEmpty();
        assertThat(records(parsed)).containsExactly(
                new SppLmpRecord(SppReport.RTBM_LMP_DAILY, 2, Instant.parse("2026-07-01T15:00:00Z"), Instant.parse("2026-07-01T15:05:00Z"), "7/1/2026 10:05",
                        "SPPNORTH_HUB", "SPPNORTH_H", 25.0, -0.5, 0.5, 25.0, "SPP"),
                new SppLmpRecord(SppReport.RTBM_LMP_DAILY, 3, Instant.parse("2026-07-01T15:00:00Z"), Instant.parse("2026-07-01T15:05:00Z"),
                        "07/01/2026 10:05:00", "SWPW_HUB", "SWPW_H", 21.0, -0.5, 0.5, 21.0, "SWPW"));
    }

    @Test
    void rejectsLinesAloneWhoseTimesOrPricesCannotBeRead()
    {
        String text = HEADER
                + "07/01/2024 10:05:00,07/01/2024 15:05:00,SPPNORTH_HUB,SPPNORTH_H,25.0000,-0.5000,0.5000,25.0000\n"
                // Interval an hour off GMTIntervalEnd
                + "07/01/2024 11:05:00,07/01/2024 15:05:00,SPPSOUTH_HUB,SPPSOUTH_H,25.0000,-0.5000,0.5000,25.0000\n"
                + "07/01/2024 10:05:00,07/01/2024 15:05:00,AEC,SOUC,n/a,-0.5000,0.5000,25.0000\n"
                + "07/01/2024 10:05:00,07/01/2024 15:05:00,,SOUC,25.0000,-0.5000,0.5000,25.0000\n"
                + "07/01/2024 10:05:00,07/01/2024 15:05:00,AEC,SOUC,25.0000\n";

        ParsedPayload parsed = parse(SppReport.RTBM_LMP_SL, "RTBM-LMP-SL-202407011005.csv", text);

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(records(parsed)).extracting(SppLmpRecord::settlementLocation).containsExactly("SPPNORTH_HUB");
        assertThat(parsed.rejected()).extracting(RejectedRecord::lineNumber, RejectedRecord::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Optional.of(3), "Interval '07/01/2024 11:05:00' is not GMTIntervalEnd 2024-07-01T15:05:00Z in Central time "
                        + "(07/01/2024 10:05:00)"),
                org.assertj.core.groups.Tuple.tuple(Optional.of(4), "LMP 'n/a' is not a number"),
                org.assertj.core.groups.Tuple.tuple(Optional.of(5), "Settlement Location is empty"),
                org.assertj.core.groups.Tuple.tuple(Optional.of(6), "expected 8 fields as in the header, found 5"));
        assertThat(parsed.detail()).contains("4 lines rejected");
    }

    @Test
    void rejectsFileMissingAColumnNamingFileAndColumn()
    {
        String text = "Interval,GMTIntervalEnd,Settlement Location,Pnode,MLC,MCC,MEC\n"
                + "07/01/2024 10:05:00,07/01/2024 15:05:00,SPPNORTH_HUB,SPPNORTH_H,-0.5000,0.5000,25.0000\n";

        ParsedPayload parsed = parse(SppReport.RTBM_LMP_SL, "RTBM-LMP-SL-202407011005.csv", text);

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.REJECTED);
        assertThat(parsed.detail()).contains("Cannot parse SPP file RTBM-LMP-SL-202407011005.csv as RTBM-LMP-SL: column LMP missing in header "
                + "Interval,GMTIntervalEnd,Settlement Location,Pnode,MLC,MCC,MEC");
        assertThatThrownBy(() -> SppLmpParser.parseFile(SppReport.RTBM_LMP_SL, text.getBytes(StandardCharsets.UTF_8), "RTBM-LMP-SL-202407011005.csv"))
                .isInstanceOf(LakehouseException.class)
                .hasMessageContaining("RTBM-LMP-SL-202407011005.csv")
                .hasMessageContaining("column LMP missing");
    }

    @Test
    void rejectsTruncatedFile()
    {
        String text = HEADER
                + "03/31/2025 08:50:00,03/31/2025 13:50:00,SPPNORTH_HUB,SPPNORTH_H,29.4415,-0.2787,-0.0898,29.8100\n"
                + "03/31/2025 08:50:00,03/31/2025 13:50:00,SPPSOUTH_HUB,SPPSO";

        ParsedPayload parsed = parse(SppReport.RTBM_LMP_SL, "RTBM-LMP-SL-202503310850.csv", text);

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.REJECTED);
        assertThat(parsed.records()).isEmpty();
        assertThat(parsed.detail()).contains("Cannot parse SPP file RTBM-LMP-SL-202503310850.csv as RTBM-LMP-SL: it ends inside line 3 without a line break "
                + "(expected 8 fields as in the header, found 4); truncated?");
    }

    @Test
    void emptyIntervalFileIsNoData()
    {
        ParsedPayload parsed = parse(SppReport.RTBM_LMP_SL, "RTBM-LMP-SL-202503310850.csv", new byte[0]);

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.NO_DATA);
        assertThat(parsed.records()).isEmpty();
        assertThat(parsed.rejected()).isEmpty();
        assertThat(parsed.detail()).contains("the file is empty: SPP published no prices for the interval ending 2025-03-31T13:50:00Z");
        assertThat(parsed.publishedAtUtc()).contains(Instant.parse("2025-03-31T13:50:00Z"));
    }

    @Test
    void headerWithoutRowsIsNoData()
    {
        ParsedPayload parsed = parse(SppReport.DA_LMP_SL, "DA-LMP-SL-202407010100.csv", HEADER);

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.NO_DATA);
        assertThat(parsed.detail()).contains("the file has a header but no rows");
    }

    @Test
    void rejectsFileOfAnotherReportByItsName()
    {
        ParsedPayload parsed = parse(SppReport.RTBM_LMP_SL, "RTBM-LMP-DAILY-SL-20241103.csv", resource("RTBM-LMP-DAILY-SL-20241103.csv"));

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.REJECTED);
        assertThat(parsed.rejected()).singleElement().satisfies(rejection -> assertThat(rejection.reason())
                .isEqualTo("Cannot parse SPP file RTBM-LMP-DAILY-SL-20241103.csv as RTBM-LMP-SL: its name says it is a RTBM-LMP-DAILY-SL file (rtbm_lmp_daily)"));
    }

    @Test
    void rejectsFileOfAnotherReportByItsContent()
    {
        // a daily file under a name that says nothing: an interval file holds one interval
        ParsedPayload daily = parse(SppReport.RTBM_LMP_SL, "download.csv", resource("RTBM-LMP-DAILY-SL-20241103.csv"));
        assertThat(daily.outcome()).isEqualTo(FetchOutcome.REJECTED);
        assertThat(daily.detail()).contains("Cannot parse SPP file download.csv as RTBM-LMP-SL: it holds 300 intervals ending "
                + "2024-11-03T05:05:00Z..2024-11-04T06:00:00Z, an interval file holds one (a daily or day-ahead file?)");

        // a short-term load forecast file: its GMTInterval reads as the daily file's "GMT Interval", but it has no location
        ParsedPayload stlf = parse(SppReport.RTBM_LMP_SL, "OP-STLF-202407011005.csv",
                "Interval,GMTInterval,STLF,Actual\n07/01/2024 10:05:00,07/01/2024 15:05:00,41000.1,40890.2\n");
        assertThat(stlf.outcome()).isEqualTo(FetchOutcome.REJECTED);
        assertThat(stlf.detail()).contains("Cannot parse SPP file OP-STLF-202407011005.csv as RTBM-LMP-SL: column Settlement Location missing in header "
                + "Interval,GMTInterval,STLF,Actual");

        ParsedPayload noTime = parse(SppReport.RTBM_LMP_SL, "old.csv", "Interval,Settlement Location,Pnode,LMP,MLC,MCC,MEC\n");
        assertThat(noTime.detail()).contains("Cannot parse SPP file old.csv as RTBM-LMP-SL: column GMTIntervalEnd missing in header "
                + "Interval,Settlement Location,Pnode,LMP,MLC,MCC,MEC");

        // a by-bus file given as by settlement location
        ParsedPayload bus = parse(SppReport.DA_LMP_SL, "da.csv", resource("DA-LMP-B-202407010100.csv"));
        assertThat(bus.outcome()).isEqualTo(FetchOutcome.REJECTED);
        assertThat(bus.detail()).contains("Cannot parse SPP file da.csv as DA-LMP-SL: column Settlement Location missing in header "
                + "Interval,GMTIntervalEnd,Pnode,LMP,MLC,MCC,MEC");
    }

    @Test
    void rejectsIntervalFileWhoseRowsAreNotTheIntervalItsNameSays()
    {
        ParsedPayload parsed = parse(SppReport.RTBM_LMP_SL, "RTBM-LMP-SL-202411030105.csv", resource("RTBM-LMP-SL-202411030105d.csv"));

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.REJECTED);
        assertThat(parsed.detail()).contains("Cannot parse SPP file RTBM-LMP-SL-202411030105.csv as RTBM-LMP-SL: its name says the interval ending "
                + "2024-11-03T06:05:00Z, its rows hold the interval ending 2024-11-03T07:05:00Z");
    }

    @Test
    void rejectsDayAheadLineOffTheHour()
    {
        String text = HEADER + "07/01/2024 10:05:00,07/01/2024 15:05:00,SPPNORTH_HUB,SPPNORTH_H,25.0000,-0.5000,0.5000,25.0000\n";

        ParsedPayload parsed = parse(SppReport.DA_LMP_SL, "DA-LMP-SL-202407010100.csv", text);

        assertThat(parsed.records()).isEmpty();
        assertThat(parsed.rejected()).singleElement().satisfies(rejection -> assertThat(rejection.reason())
                .isEqualTo("GMTIntervalEnd '07/01/2024 15:05:00' does not end a 60-minute interval"));
    }

    private static Set<Instant> distinctStarts(List<SppLmpRecord> records)
    {
        return records.stream().map(SppLmpRecord::intervalStartUtc).collect(Collectors.toCollection(TreeSet::new));
    }

    private static <T> java.util.stream.Collector<T, ?, T> onlyOne()
    {
        return Collectors.collectingAndThen(Collectors.toList(), list -> {
            assertThat(list).hasSize(1);
            return list.get(0);
        });
    }
}
