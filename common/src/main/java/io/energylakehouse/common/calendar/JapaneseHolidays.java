package io.energylakehouse.common.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.Month;
import java.time.temporal.TemporalAdjusters;
import java.util.Set;
import java.util.TreeSet;

/**
 * The days Japanese power futures on JEPX spot prices (JPX/TOCOM, EEX, CME peakload) treat as non-weekdays: the national
 * holidays of the Act on National Holidays, with substitute holidays (a holiday on a Sunday moves to the next day that
 * is not one) and citizens' holidays (a day between two holidays), plus the bank holidays 31 December, 2 and 3 January.
 * Rules as in force from 2000; the Olympic moves of 2020 and 2021 and the enthronement holidays of 2019 are listed.
 * The equinoxes follow the astronomical approximation the Cabinet Office's announcements agree with for 1980-2099.
 */
public final class JapaneseHolidays
{
    private JapaneseHolidays() {}

    /** The holidays and bank holidays of a year, in order. */
    public static Set<LocalDate> forYear(int year)
    {
        if (year < 2000 || year > 2099) {
            throw new IllegalArgumentException("Cannot list Japanese holidays of " + year + ": the rules here hold for 2000-2099");
        }
        Set<LocalDate> national = new TreeSet<>();
        national.add(LocalDate.of(year, Month.JANUARY, 1));
        national.add(nthMonday(year, Month.JANUARY, 2));
        national.add(LocalDate.of(year, Month.FEBRUARY, 11));
        if (year >= 2020) {
            national.add(LocalDate.of(year, Month.FEBRUARY, 23));
        }
        national.add(LocalDate.of(year, Month.MARCH, vernalEquinoxDay(year)));
        national.add(LocalDate.of(year, Month.APRIL, 29));
        national.add(LocalDate.of(year, Month.MAY, 3));
        national.add(LocalDate.of(year, Month.MAY, 4));
        national.add(LocalDate.of(year, Month.MAY, 5));
        national.add(switch (year) {
            case 2020 -> LocalDate.of(2020, Month.JULY, 23);
            case 2021 -> LocalDate.of(2021, Month.JULY, 22);
            default -> year >= 2003 ? nthMonday(year, Month.JULY, 3) : LocalDate.of(year, Month.JULY, 20);
        });
        if (year >= 2016) {
            national.add(switch (year) {
                case 2020 -> LocalDate.of(2020, Month.AUGUST, 10);
                case 2021 -> LocalDate.of(2021, Month.AUGUST, 8);
                default -> LocalDate.of(year, Month.AUGUST, 11);
            });
        }
        national.add(year >= 2003 ? nthMonday(year, Month.SEPTEMBER, 3) : LocalDate.of(year, Month.SEPTEMBER, 15));
        national.add(LocalDate.of(year, Month.SEPTEMBER, autumnalEquinoxDay(year)));
        national.add(switch (year) {
            case 2020 -> LocalDate.of(2020, Month.JULY, 24);
            case 2021 -> LocalDate.of(2021, Month.JULY, 23);
            default -> nthMonday(year, Month.OCTOBER, 2);
        });
        national.add(LocalDate.of(year, Month.NOVEMBER, 3));
        national.add(LocalDate.of(year, Month.NOVEMBER, 23));
        if (year <= 2018) {
            national.add(LocalDate.of(year, Month.DECEMBER, 23));
        }
        if (year == 2019) {
            national.addAll(Set.of(LocalDate.of(2019, 4, 30), LocalDate.of(2019, 5, 1), LocalDate.of(2019, 5, 2), LocalDate.of(2019, 10, 22)));
        }
        Set<LocalDate> holidays = new TreeSet<>(national);
        // Citizens' holiday: a weekday (not Sunday) between two national holidays.
        for (LocalDate day : national) {
            LocalDate between = day.plusDays(1);
            if (national.contains(between.plusDays(1)) && !national.contains(between) && between.getDayOfWeek() != DayOfWeek.SUNDAY) {
                holidays.add(between);
            }
        }
        // Substitute holiday: a national holiday on a Sunday moves to the first following day that is not a holiday.
        for (LocalDate day : national) {
            if (day.getDayOfWeek() == DayOfWeek.SUNDAY) {
                LocalDate substitute = day.plusDays(1);
                while (holidays.contains(substitute)) {
                    substitute = substitute.plusDays(1);
                }
                holidays.add(substitute);
            }
        }
        holidays.add(LocalDate.of(year, Month.JANUARY, 2));
        holidays.add(LocalDate.of(year, Month.JANUARY, 3));
        holidays.add(LocalDate.of(year, Month.DECEMBER, 31));
        return holidays;
    }

    public static Set<LocalDate> between(LocalDate first, LocalDate last)
    {
        Set<LocalDate> holidays = new TreeSet<>();
        for (int year = first.getYear(); year <= last.getYear(); year++) {
            forYear(year).stream().filter(day -> !day.isBefore(first) && !day.isAfter(last)).forEach(holidays::add);
        }
        return holidays;
    }

    public static boolean isHoliday(LocalDate day)
    {
        return forYear(day.getYear()).contains(day);
    }

    static int vernalEquinoxDay(int year)
    {
        return (int) Math.floor(20.8431 + 0.242194 * (year - 1980) - Math.floor((year - 1980) / 4.0));
    }

    static int autumnalEquinoxDay(int year)
    {
        return (int) Math.floor(23.2488 + 0.242194 * (year - 1980) - Math.floor((year - 1980) / 4.0));
    }

    private static LocalDate nthMonday(int year, Month month, int n)
    {
        return LocalDate.of(year, month, 1).with(TemporalAdjusters.dayOfWeekInMonth(n, DayOfWeek.MONDAY));
    }
}
