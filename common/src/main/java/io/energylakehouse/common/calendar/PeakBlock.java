package io.energylakehouse.common.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * A traded on-peak block: the hours ending {@code firstHourEnding..lastHourEnding} (local prevailing time)
 * on the listed days of the week, except NERC holidays. Everything else is off-peak.
 *
 * <p>The western (WECC) 6x16 block that CAISO hubs trade is hours ending 7-22, Monday to Saturday.
 * The eastern 5x16 block is hours ending 8-23, Monday to Friday.
 */
public record PeakBlock(String name, int firstHourEnding, int lastHourEnding, Set<DayOfWeek> days)
{
    public static final PeakBlock WECC_6X16 = new PeakBlock("6x16", 7, 22,
            Set.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY, DayOfWeek.SATURDAY));
    public static final PeakBlock EASTERN_5X16 = new PeakBlock("5x16", 8, 23,
            Set.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY));

    public PeakBlock
    {
        requireNonNull(name, "name is null");
        days = Set.copyOf(requireNonNull(days, "days is null"));
        if (firstHourEnding < 1 || lastHourEnding > 24 || firstHourEnding > lastHourEnding) {
            throw new IllegalArgumentException("Cannot define peak block " + name + ": hours ending " + firstHourEnding + ".." + lastHourEnding);
        }
    }

    public boolean isPeakDay(LocalDate operatingDate)
    {
        return days.contains(operatingDate.getDayOfWeek()) && !NercHolidays.isHoliday(operatingDate);
    }

    /**
     * Whether an hour is on-peak. On a DST day hour ending counts elapsed hours, so on the fall-back day the
     * repeated 01:00 hour is hour ending 2 and local 07:00-08:00 is hour ending 9, one more than on a normal
     * day; the block is defined on clock hours, which we recover from the hour ending and the day's length.
     */
    public boolean isOnPeak(LocalDate operatingDate, int hourEnding, int hoursInDay)
    {
        return isPeakDay(operatingDate) && isPeakClockHour(clockHourEnding(hourEnding, hoursInDay));
    }

    public boolean isPeakClockHour(int clockHourEnding)
    {
        return clockHourEnding >= firstHourEnding && clockHourEnding <= lastHourEnding;
    }

    /** Clock hour ending (1..24) of an elapsed hour ending on a 23-, 24- or 25-hour day; DST shifts happen at 02:00. */
    public static int clockHourEnding(int hourEnding, int hoursInDay)
    {
        if (hoursInDay == 23 && hourEnding >= 3) {
            return hourEnding + 1;
        }
        if (hoursInDay == 25 && hourEnding >= 3) {
            return hourEnding - 1;
        }
        return hourEnding;
    }
}
