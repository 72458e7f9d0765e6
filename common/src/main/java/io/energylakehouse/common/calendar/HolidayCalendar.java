package io.energylakehouse.common.calendar;

import java.time.LocalDate;
import java.util.Set;

/** The holidays a peak block treats as off-peak days. */
public enum HolidayCalendar
{
    /** No holiday is off-peak: every listed weekday is a peak day (EEX's European peak). */
    NONE("none (holidays stay on-peak)"),
    /** The six NERC holidays (the North American blocks). */
    NERC("NERC"),
    /** Japanese national and bank holidays (the JPX, EEX and CME peakload contracts on JEPX spot prices). */
    JAPAN("Japanese national and bank holidays");

    private final String description;

    HolidayCalendar(String description)
    {
        this.description = description;
    }

    public String description()
    {
        return description;
    }

    public boolean isHoliday(LocalDate day)
    {
        return switch (this) {
            case NONE -> false;
            case NERC -> NercHolidays.isHoliday(day);
            case JAPAN -> JapaneseHolidays.isHoliday(day);
        };
    }

    /** The calendar's holidays from {@code first} to {@code last} inclusive. */
    public Set<LocalDate> between(LocalDate first, LocalDate last)
    {
        return switch (this) {
            case NONE -> Set.of();
            case NERC -> NercHolidays.between(first, last);
            case JAPAN -> JapaneseHolidays.between(first, last);
        };
    }
}
