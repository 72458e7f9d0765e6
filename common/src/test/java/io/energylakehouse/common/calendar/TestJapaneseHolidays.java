package io.energylakehouse.common.calendar;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.YearMonth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestJapaneseHolidays
{
    /**
     * Weekdays per month of CME's "Monthly Base-load and Peak-load Calendar" of the Japanese power futures (peakload
     * contract units: weekdays not national or bank holidays), January 2024 to March 2025.
     */
    @Test
    void weekdaysAgreeWithTheExchangeCalendar()
    {
        int[] expected = {19, 19, 20, 21, 21, 20, 22, 21, 19, 22, 20, 21, 19, 18, 20};
        YearMonth month = YearMonth.of(2024, 1);
        for (int count : expected) {
            assertThat(peakDays(month)).as("peak days of %s", month).isEqualTo(count);
            month = month.plusMonths(1);
        }
    }

    @Test
    void substituteCitizensAndBankHolidays()
    {
        // 2024-02-11 (National Foundation Day) was a Sunday: Monday the 12th is the substitute.
        assertThat(JapaneseHolidays.isHoliday(LocalDate.of(2024, 2, 12))).isTrue();
        // 2026-09-22 lies between Respect for the Aged Day (21st) and the autumnal equinox (23rd): a citizens' holiday.
        assertThat(JapaneseHolidays.isHoliday(LocalDate.of(2026, 9, 22))).isTrue();
        assertThat(JapaneseHolidays.isHoliday(LocalDate.of(2025, 12, 31))).isTrue();
        assertThat(JapaneseHolidays.isHoliday(LocalDate.of(2025, 1, 3))).isTrue();
        assertThat(JapaneseHolidays.isHoliday(LocalDate.of(2025, 3, 20))).isTrue();
        assertThat(JapaneseHolidays.isHoliday(LocalDate.of(2025, 3, 21))).isFalse();
        // The Olympic year moved Sports Day and Marine Day.
        assertThat(JapaneseHolidays.isHoliday(LocalDate.of(2021, 7, 23))).isTrue();
        assertThat(JapaneseHolidays.isHoliday(LocalDate.of(2021, 10, 11))).isFalse();
        assertThatThrownBy(() -> JapaneseHolidays.forYear(1999)).hasMessageContaining("Cannot list Japanese holidays of 1999");
    }

    @Test
    void japanesePeakloadBlock()
    {
        PeakBlock block = PeakBlock.JAPAN_PEAKLOAD;
        assertThat(block.isPeakDay(LocalDate.of(2025, 1, 13))).as("Coming-of-age Day").isFalse();
        assertThat(block.isPeakDay(LocalDate.of(2025, 1, 14))).isTrue();
        assertThat(block.isOnPeak(LocalDate.of(2025, 1, 14), 9, 24)).as("08:00-09:00 JST").isTrue();
        assertThat(block.isOnPeak(LocalDate.of(2025, 1, 14), 8, 24)).isFalse();
        assertThat(block.isOnPeak(LocalDate.of(2025, 1, 14), 20, 24)).as("19:00-20:00 JST").isTrue();
        assertThat(block.isOnPeak(LocalDate.of(2025, 1, 14), 21, 24)).isFalse();
        assertThat(block.peakHours(LocalDate.of(2025, 1, 14))).isEqualTo(12);
        assertThat(PeakBlock.ASX_PEAK.peakHours(LocalDate.of(2025, 1, 14))).isEqualTo(15);
        assertThat(HolidayCalendar.JAPAN.between(LocalDate.of(2025, 5, 1), LocalDate.of(2025, 5, 31)))
                .containsExactly(LocalDate.of(2025, 5, 3), LocalDate.of(2025, 5, 4), LocalDate.of(2025, 5, 5), LocalDate.of(2025, 5, 6));
    }

    private static int peakDays(YearMonth month)
    {
        int days = 0;
        for (LocalDate day = month.atDay(1); !day.isAfter(month.atEndOfMonth()); day = day.plusDays(1)) {
            boolean weekday = day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
            if (weekday && !JapaneseHolidays.isHoliday(day)) {
                days++;
            }
        }
        return days;
    }
}
