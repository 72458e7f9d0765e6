package io.energylakehouse.common.calendar;

import io.energylakehouse.common.time.MarketTime;
import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestPeakBlock
{
    private static final PeakBlock WECC = PeakBlock.WECC_6X16;
    private static final MarketTime PACIFIC = MarketTime.of("America/Los_Angeles");
    private static final LocalDate TUESDAY = LocalDate.of(2024, 7, 2);
    private static final LocalDate SATURDAY = LocalDate.of(2024, 7, 6);
    private static final LocalDate SUNDAY = LocalDate.of(2024, 7, 7);
    private static final LocalDate INDEPENDENCE_DAY = LocalDate.of(2024, 7, 4);

    @Test
    void definesWecc6x16()
    {
        assertThat(WECC).usingRecursiveComparison().ignoringFields("source").isEqualTo(new PeakBlock("6x16", 7, 22,
                Set.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY, DayOfWeek.SATURDAY)));
        assertThat(PeakBlock.EASTERN_5X16).usingRecursiveComparison().ignoringFields("source").isEqualTo(new PeakBlock("5x16", 8, 23,
                Set.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY)));
        assertThat(WECC.source()).contains("NERC holidays off-peak");
    }

    @Test
    void weekdayHoursEnding7To22AreOnPeak()
    {
        assertThat(TUESDAY.getDayOfWeek()).isEqualTo(DayOfWeek.TUESDAY);
        assertThat(WECC.isOnPeak(TUESDAY, 6, 24)).isFalse();
        assertThat(WECC.isOnPeak(TUESDAY, 7, 24)).isTrue();
        assertThat(WECC.isOnPeak(TUESDAY, 15, 24)).isTrue();
        assertThat(WECC.isOnPeak(TUESDAY, 22, 24)).isTrue();
        assertThat(WECC.isOnPeak(TUESDAY, 23, 24)).isFalse();
        assertThat(WECC.isOnPeak(TUESDAY, 1, 24)).isFalse();
        assertThat(WECC.isOnPeak(TUESDAY, 24, 24)).isFalse();
    }

    @Test
    void saturdayIsOnPeakAndSundayIsNot()
    {
        assertThat(SATURDAY.getDayOfWeek()).isEqualTo(DayOfWeek.SATURDAY);
        assertThat(SUNDAY.getDayOfWeek()).isEqualTo(DayOfWeek.SUNDAY);
        assertThat(WECC.isOnPeak(SATURDAY, 12, 24)).isTrue();
        assertThat(WECC.isOnPeak(SUNDAY, 12, 24)).isFalse();
        assertThat(WECC.isPeakDay(SUNDAY)).isFalse();
        assertThat(PeakBlock.EASTERN_5X16.isOnPeak(SATURDAY, 12, 24)).isFalse();
    }

    @Test
    void holidayIsOffPeak()
    {
        assertThat(INDEPENDENCE_DAY.getDayOfWeek()).isEqualTo(DayOfWeek.THURSDAY);
        assertThat(WECC.isPeakDay(INDEPENDENCE_DAY)).isFalse();
        assertThat(WECC.isOnPeak(INDEPENDENCE_DAY, 12, 24)).isFalse();
        assertThat(WECC.isOnPeak(LocalDate.of(2024, 7, 3), 12, 24)).isTrue();
    }

    @Test
    void recoversClockHourOnFallBackDay()
    {
        // 2024-11-03 has 25 hours: elapsed HE 2 and HE 3 are both the 01:00 clock hour; 07:00-08:00 local is elapsed HE 9
        assertThat(PACIFIC.hoursInDay(LocalDate.of(2024, 11, 3))).isEqualTo(25);
        assertThat(PeakBlock.clockHourEnding(1, 25)).isEqualTo(1);
        assertThat(PeakBlock.clockHourEnding(2, 25)).isEqualTo(2);
        assertThat(PeakBlock.clockHourEnding(3, 25)).isEqualTo(2);
        assertThat(PeakBlock.clockHourEnding(9, 25)).isEqualTo(8);
        assertThat(PeakBlock.clockHourEnding(25, 25)).isEqualTo(24);
        assertClockHoursMatchLocalTime(LocalDate.of(2024, 11, 3));
    }

    @Test
    void recoversClockHourOnSpringForwardDay()
    {
        // 2024-03-10 has 23 hours: 02:00 PST jumps to 03:00 PDT, so local 06:00-07:00 is elapsed HE 6 and clock HE 7
        assertThat(PACIFIC.hoursInDay(LocalDate.of(2024, 3, 10))).isEqualTo(23);
        assertThat(PeakBlock.clockHourEnding(1, 23)).isEqualTo(1);
        assertThat(PeakBlock.clockHourEnding(6, 23)).isEqualTo(7);
        assertThat(PeakBlock.clockHourEnding(23, 23)).isEqualTo(24);
    }

    @Test
    void secondElapsedHourOfSpringForwardDayIsClockHourEnding2()
    {
        // elapsed hour 2 of 2024-03-10 starts at 09:00Z = 01:00 PST and ends at 02:00 PST: clock hour ending 2;
        // clock hour ending 3 (02:00-03:00) does not exist that day, elapsed HE 3 starts at 03:00 PDT (clock HE 4)
        assertThat(PeakBlock.clockHourEnding(2, 23)).isEqualTo(2);
        assertThat(PeakBlock.clockHourEnding(3, 23)).isEqualTo(4);
        assertClockHoursMatchLocalTime(LocalDate.of(2024, 3, 10));
    }

    @Test
    void clockHourIsElapsedHourOnOrdinaryDay()
    {
        for (int hourEnding = 1; hourEnding <= 24; hourEnding++) {
            assertThat(PeakBlock.clockHourEnding(hourEnding, 24)).isEqualTo(hourEnding);
        }
        assertClockHoursMatchLocalTime(LocalDate.of(2024, 7, 1));
    }

    @Test
    void rejectsImpossibleBlock()
    {
        assertThatThrownBy(() -> new PeakBlock("bad", 0, 22, Set.of(DayOfWeek.MONDAY)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Cannot define peak block bad: hours ending 0..22");
        assertThatThrownBy(() -> new PeakBlock("late", 7, 25, Set.of(DayOfWeek.MONDAY)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Cannot define peak block late: hours ending 7..25");
        assertThatThrownBy(() -> new PeakBlock("reversed", 22, 7, Set.of(DayOfWeek.MONDAY)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Cannot define peak block reversed: hours ending 22..7");
    }

    /** Every elapsed hour of the day maps to the clock hour its start shows on a Pacific wall clock. */
    private static void assertClockHoursMatchLocalTime(LocalDate day)
    {
        int hoursInDay = PACIFIC.hoursInDay(day);
        for (Instant start : PACIFIC.intervalStarts(day, 60)) {
            int elapsed = PACIFIC.hourEnding(start);
            int clock = start.atZone(PACIFIC.zone()).getHour() + 1;
            assertThat(PeakBlock.clockHourEnding(elapsed, hoursInDay))
                    .as("clock hour ending of elapsed HE %d on %s (starts %s)", elapsed, day, start)
                    .isEqualTo(clock);
        }
    }
}
