package io.energylakehouse.common.calendar;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * A traded on-peak block: the hours ending {@code firstHourEnding..lastHourEnding} (local prevailing clock
 * time) on the listed days of the week, except the holidays of {@code holidays}. Everything else is off-peak.
 * {@code source} names the contract the block is taken from, for the registry and the published tables.
 *
 * <ul>
 * <li>PJM (and the eastern 5x16 generally): hours ending 8-23 Eastern, Monday to Friday, except NERC holidays.
 * <li>ERCOT: hours ending 7-22 Central, Monday to Friday, except NERC holidays; SPP the same hours ({@code 5x16 Central}).
 * <li>CAISO and the western (WECC) 6x16: hours ending 7-22 Pacific, Monday to Saturday, except NERC holidays.
 * <li>EEX (German and other European power futures): 08:00-20:00 CET/CEST, i.e. hours ending 9-20, Monday to
 *     Friday, public holidays included (they stay on-peak).
 * <li>ASX (Australian NEM futures): 07:00-22:00 NEM time (AEST), hours ending 8-22, Monday to Friday.
 * <li>Japan (JPX/TOCOM, EEX and CME peakload on JEPX spot): 08:00-20:00 JST, hours ending 9-20, Monday to Friday
 *     except national and bank holidays.
 * </ul>
 */
public record PeakBlock(String name, int firstHourEnding, int lastHourEnding, Set<DayOfWeek> days, HolidayCalendar holidays, String source)
{
    private static final Set<DayOfWeek> MONDAY_TO_FRIDAY =
            Set.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY);

    public static final PeakBlock WECC_6X16 = new PeakBlock("6x16", 7, 22,
            Set.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY, DayOfWeek.SATURDAY),
            HolidayCalendar.NERC, "WECC 6x16 (ICE SP-15, Mid-C, Palo Verde peak): HE 7-22 prevailing time, Monday-Saturday, NERC holidays off-peak");
    public static final PeakBlock EASTERN_5X16 = new PeakBlock("5x16", 8, 23, MONDAY_TO_FRIDAY, HolidayCalendar.NERC,
            "Eastern 5x16 (CME PJM, MISO, NYISO peak): HE 8-23 Eastern prevailing time, Monday-Friday, NERC holidays off-peak");
    public static final PeakBlock ERCOT_5X16 = new PeakBlock("ERCOT 5x16", 7, 22, MONDAY_TO_FRIDAY, HolidayCalendar.NERC,
            "ERCOT 5x16 (ICE ERCOT North peak): HE 7-22 Central prevailing time, Monday-Friday, NERC holidays off-peak");
    /** The eastern 5x16 counted on a Central clock (HE 0800-2300 EPT is HE 0700-2200 CPT): SPP's North Hub contracts. */
    public static final PeakBlock CENTRAL_5X16 = new PeakBlock("5x16 Central", 7, 22, MONDAY_TO_FRIDAY, HolidayCalendar.NERC,
            "ICE SPP North Hub peak: HE 7-22 Central prevailing time, Monday-Friday, NERC holidays off-peak");
    public static final PeakBlock EEX_PEAK = new PeakBlock("EEX peak", 9, 20, MONDAY_TO_FRIDAY, HolidayCalendar.NONE,
            "EEX Phelix and Nordic peak futures: 08:00-20:00 CET/CEST, Monday-Friday, public holidays included");
    /**
     * ASX's peak period of the Australian electricity futures: 07:00-22:00 NEM time (AEST all year), Monday to Friday.
     * ASX also takes out each region's public holidays (contract hours per region and quarter); those regional calendars
     * are not here yet, so a public holiday on a weekday counts on-peak.
     */
    public static final PeakBlock ASX_PEAK = new PeakBlock("ASX peak", 8, 22, MONDAY_TO_FRIDAY, HolidayCalendar.NONE,
            "ASX Australian Electricity peak load futures: 07:00-22:00 AEST, Monday-Friday (regional public holidays not yet excluded)");
    /** The peakload block of the futures settled on JEPX spot area prices (JPX/TOCOM, EEX, CME NYMEX 797). */
    public static final PeakBlock JAPAN_PEAKLOAD = new PeakBlock("Japan peakload", 9, 20, MONDAY_TO_FRIDAY, HolidayCalendar.JAPAN,
            "JPX, EEX and CME Japanese peakload futures on JEPX spot: 08:00-20:00 JST, weekdays, national and bank holidays off-peak");
    /**
     * No on-peak block: what the published tables use for a market whose traded block is not yet checked against an
     * exchange's contract specifications (IESO, AESO). No hour is on-peak; the tables give base means and leave the
     * on-peak and off-peak means null rather than call every hour off-peak.
     */
    public static final PeakBlock BASE_ONLY = new PeakBlock("base only", 1, 24, Set.of(), HolidayCalendar.NONE, "no traded block registered: base only");

    /** Whether this is {@link #BASE_ONLY}: no hour is on-peak and there is no off-peak either. */
    public boolean baseOnly()
    {
        return days.isEmpty();
    }

    public PeakBlock
    {
        requireNonNull(name, "name is null");
        days = Set.copyOf(requireNonNull(days, "days is null"));
        requireNonNull(holidays, "holidays is null");
        requireNonNull(source, "source is null");
        if (firstHourEnding < 1 || lastHourEnding > 24 || firstHourEnding > lastHourEnding) {
            throw new IllegalArgumentException("Cannot define peak block " + name + ": hours ending " + firstHourEnding + ".." + lastHourEnding);
        }
    }

    /** A North American block: NERC holidays are off-peak. */
    public PeakBlock(String name, int firstHourEnding, int lastHourEnding, Set<DayOfWeek> days)
    {
        this(name, firstHourEnding, lastHourEnding, days, HolidayCalendar.NERC, "");
    }

    public boolean isPeakDay(LocalDate operatingDate)
    {
        return days.contains(operatingDate.getDayOfWeek()) && !holidays.isHoliday(operatingDate);
    }

    /** Number of on-peak hours of a day: the block's length on a peak day (DST never falls inside a block), else 0. */
    public int peakHours(LocalDate operatingDate)
    {
        return isPeakDay(operatingDate) ? lastHourEnding - firstHourEnding + 1 : 0;
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
