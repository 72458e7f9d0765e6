package io.energylakehouse.etl.source.spp;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** SPP Marketplace file names and file-browser paths, the fall-back day's {@code d} suffix decided from UTC offsets. */
class TestSppFileName
{
    @Test
    void namesRepeatedHourIntervalsWithD()
    {
        // 2024-11-03: 01:00..02:00 CDT is 06:00..07:00Z, 01:00..02:00 CST is 07:00..08:00Z
        assertThat(SppFileName.intervalFile(Instant.parse("2024-11-03T06:00:00Z"))).isEqualTo("RTBM-LMP-SL-202411030100.csv");
        assertThat(SppFileName.intervalFile(Instant.parse("2024-11-03T06:05:00Z"))).isEqualTo("RTBM-LMP-SL-202411030105.csv");
        assertThat(SppFileName.intervalFile(Instant.parse("2024-11-03T06:55:00Z"))).isEqualTo("RTBM-LMP-SL-202411030155.csv");
        assertThat(SppFileName.intervalFile(Instant.parse("2024-11-03T07:00:00Z"))).isEqualTo("RTBM-LMP-SL-202411030100d.csv");
        assertThat(SppFileName.intervalFile(Instant.parse("2024-11-03T07:05:00Z"))).isEqualTo("RTBM-LMP-SL-202411030105d.csv");
        assertThat(SppFileName.intervalFile(Instant.parse("2024-11-03T07:55:00Z"))).isEqualTo("RTBM-LMP-SL-202411030155d.csv");
        assertThat(SppFileName.intervalFile(Instant.parse("2024-11-03T08:00:00Z"))).isEqualTo("RTBM-LMP-SL-202411030200.csv");
        // the sheet's example
        assertThat(SppFileName.intervalFile(Instant.parse("2025-11-02T07:05:00Z"))).isEqualTo("RTBM-LMP-SL-202511020105d.csv");
    }

    @Test
    void namesSpringForwardIntervalsWithoutD()
    {
        assertThat(SppFileName.intervalFile(Instant.parse("2024-03-10T07:55:00Z"))).isEqualTo("RTBM-LMP-SL-202403100155.csv");
        assertThat(SppFileName.intervalFile(Instant.parse("2024-03-10T08:00:00Z"))).isEqualTo("RTBM-LMP-SL-202403100300.csv");
        assertThat(SppFileName.intervalFile(Instant.parse("2024-03-10T08:05:00Z"))).isEqualTo("RTBM-LMP-SL-202403100305.csv");
    }

    @Test
    void parsesNamesBackToTheirInterval()
    {
        for (Instant end = Instant.parse("2024-11-03T04:00:00Z"); end.isBefore(Instant.parse("2024-11-03T10:00:00Z")); end = end.plusSeconds(300)) {
            Instant expected = end;
            assertThat(SppFileName.parse(SppFileName.intervalFile(end))).hasValueSatisfying(name -> {
                assertThat(name.report()).isEqualTo(SppReport.RTBM_LMP_SL);
                assertThat(name.intervalEndUtc()).contains(expected);
            });
        }
        // a d on a time that is not repeated, and a time the clock skips, are no names of SPP's
        assertThat(SppFileName.parse("RTBM-LMP-SL-202407010105d.csv")).isEmpty();
        assertThat(SppFileName.parse("RTBM-LMP-SL-202403100205.csv")).isEmpty();
    }

    @Test
    void parsesDayFileNames()
    {
        assertThat(SppFileName.parse("DA-LMP-SL-202407010100.csv")).contains(new SppFileName(SppReport.DA_LMP_SL, LocalDate.of(2024, 7, 1), Optional.empty()));
        assertThat(SppFileName.parse("some/folder/DA-LMP-B-202407010100.csv")).contains(new SppFileName(SppReport.DA_LMP_B, LocalDate.of(2024, 7, 1),
                Optional.empty()));
        assertThat(SppFileName.parse("RTBM-LMP-DAILY-SL-20241103.csv")).contains(new SppFileName(SppReport.RTBM_LMP_DAILY, LocalDate.of(2024, 11, 3),
                Optional.empty()));
        assertThat(SppFileName.parse("DA-LMP-SL-202407010200.csv")).isEmpty();
        assertThat(SppFileName.parse("OP-STLF-202407011005.csv")).isEmpty();
    }

    @Test
    void buildsFileBrowserPaths()
    {
        assertThat(SppFileName.dayPath(SppReport.DA_LMP_SL, LocalDate.of(2024, 7, 1))).isEqualTo("/2024/07/By_Day/DA-LMP-SL-202407010100.csv");
        assertThat(SppFileName.dayPath(SppReport.RTBM_LMP_DAILY, LocalDate.of(2024, 7, 1))).isEqualTo("/2024/07/By_Day/RTBM-LMP-DAILY-SL-20240701.csv");
        // folder by start, name by end: the interval ending at midnight CDT sits in the previous day's folder
        assertThat(SppFileName.intervalPath(Instant.parse("2024-07-01T05:00:00Z"))).isEqualTo("/2024/06/By_Interval/30/RTBM-LMP-SL-202407010000.csv");
        assertThat(SppFileName.intervalPath(Instant.parse("2024-07-01T05:05:00Z"))).isEqualTo("/2024/07/By_Interval/01/RTBM-LMP-SL-202407010005.csv");
    }
}
