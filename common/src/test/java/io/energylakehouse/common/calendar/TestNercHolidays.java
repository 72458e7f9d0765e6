package io.energylakehouse.common.calendar;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;

class TestNercHolidays
{
    @Test
    void listsTheSixHolidaysOf2024()
    {
        assertThat(NercHolidays.forYear(2024)).containsExactly(
                LocalDate.of(2024, 1, 1),
                LocalDate.of(2024, 5, 27),
                LocalDate.of(2024, 7, 4),
                LocalDate.of(2024, 9, 2),
                LocalDate.of(2024, 11, 28),
                LocalDate.of(2024, 12, 25));
    }

    @Test
    void movesSundayHolidayToMonday()
    {
        assertThat(LocalDate.of(2022, 12, 25).getDayOfWeek()).isEqualTo(DayOfWeek.SUNDAY);
        assertThat(NercHolidays.forYear(2022)).containsExactly(
                LocalDate.of(2022, 1, 1),
                LocalDate.of(2022, 5, 30),
                LocalDate.of(2022, 7, 4),
                LocalDate.of(2022, 9, 5),
                LocalDate.of(2022, 11, 24),
                LocalDate.of(2022, 12, 26));
        assertThat(NercHolidays.isHoliday(LocalDate.of(2022, 12, 26))).isTrue();

        assertThat(LocalDate.of(2023, 1, 1).getDayOfWeek()).isEqualTo(DayOfWeek.SUNDAY);
        assertThat(NercHolidays.forYear(2023)).containsExactly(
                LocalDate.of(2023, 1, 2),
                LocalDate.of(2023, 5, 29),
                LocalDate.of(2023, 7, 4),
                LocalDate.of(2023, 9, 4),
                LocalDate.of(2023, 11, 23),
                LocalDate.of(2023, 12, 25));
        assertThat(NercHolidays.isHoliday(LocalDate.of(2023, 1, 2))).isTrue();

        assertThat(LocalDate.of(2021, 7, 4).getDayOfWeek()).isEqualTo(DayOfWeek.SUNDAY);
        assertThat(NercHolidays.isHoliday(LocalDate.of(2021, 7, 5))).isTrue();
    }

    @Test
    void keepsSaturdayHolidayOnSaturday()
    {
        assertThat(LocalDate.of(2022, 1, 1).getDayOfWeek()).isEqualTo(DayOfWeek.SATURDAY);
        assertThat(NercHolidays.isHoliday(LocalDate.of(2022, 1, 1))).isTrue();
        assertThat(NercHolidays.isHoliday(LocalDate.of(2021, 12, 31))).isFalse();
        assertThat(NercHolidays.isHoliday(LocalDate.of(2022, 1, 3))).isFalse();
    }

    @Test
    void isHolidayIsFalseOnOrdinaryDays()
    {
        assertThat(NercHolidays.isHoliday(LocalDate.of(2024, 7, 5))).isFalse();
        assertThat(NercHolidays.isHoliday(LocalDate.of(2024, 5, 20))).isFalse();
        assertThat(NercHolidays.isHoliday(LocalDate.of(2024, 11, 29))).isFalse();
    }

    @Test
    void listsHolidaysBetweenDatesAcrossYears()
    {
        assertThat(NercHolidays.between(LocalDate.of(2022, 12, 1), LocalDate.of(2023, 1, 31)))
                .containsExactly(LocalDate.of(2022, 12, 26), LocalDate.of(2023, 1, 2));
        assertThat(NercHolidays.between(LocalDate.of(2024, 7, 4), LocalDate.of(2024, 7, 4))).containsExactly(LocalDate.of(2024, 7, 4));
        assertThat(NercHolidays.between(LocalDate.of(2024, 7, 5), LocalDate.of(2024, 8, 31))).isEmpty();
    }
}
