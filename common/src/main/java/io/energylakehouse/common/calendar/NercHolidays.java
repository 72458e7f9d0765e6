package io.energylakehouse.common.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The six NERC holidays on which on-peak hours are treated as off-peak: New Year's Day, Memorial Day (last
 * Monday of May), Independence Day, Labor Day (first Monday of September), Thanksgiving (fourth Thursday of
 * November) and Christmas Day. A fixed-date holiday falling on Sunday is observed on the Monday after; one
 * falling on Saturday is not moved (Saturday is already an on-peak day in the 6x16 block, and NERC does not
 * shift it to Friday).
 */
public final class NercHolidays
{
    private NercHolidays() {}

    public static List<LocalDate> forYear(int year)
    {
        return List.of(
                observed(LocalDate.of(year, Month.JANUARY, 1)),
                LocalDate.of(year, Month.MAY, 1).with(TemporalAdjusters.lastInMonth(DayOfWeek.MONDAY)),
                observed(LocalDate.of(year, Month.JULY, 4)),
                LocalDate.of(year, Month.SEPTEMBER, 1).with(TemporalAdjusters.firstInMonth(DayOfWeek.MONDAY)),
                LocalDate.of(year, Month.NOVEMBER, 1).with(TemporalAdjusters.dayOfWeekInMonth(4, DayOfWeek.THURSDAY)),
                observed(LocalDate.of(year, Month.DECEMBER, 25)));
    }

    public static Set<LocalDate> between(LocalDate first, LocalDate last)
    {
        Set<LocalDate> holidays = new TreeSet<>();
        for (int year = first.getYear(); year <= last.getYear(); year++) {
            forYear(year).stream()
                    .filter(day -> !day.isBefore(first) && !day.isAfter(last))
                    .forEach(holidays::add);
        }
        return holidays;
    }

    public static boolean isHoliday(LocalDate day)
    {
        return forYear(day.getYear()).contains(day);
    }

    private static LocalDate observed(LocalDate day)
    {
        return day.getDayOfWeek() == DayOfWeek.SUNDAY ? day.plusDays(1) : day;
    }
}
