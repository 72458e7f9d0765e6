package io.energylakehouse.curves;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Peak-hour counts of each market's calendar, checked by hand against the block definitions. */
class TestMarketCalendars
{
    @Test
    void julyTwentyTwentyFourPeakHoursPerMarket()
    {
        // July 2024: 23 weekdays, 27 Monday-to-Saturday days; Independence Day is a Thursday
        assertThat(hours(MarketCalendar.PJM, Profile.PEAK, 2024, 7)).isEqualTo(22 * 16);
        assertThat(hours(MarketCalendar.ERCOT, Profile.PEAK, 2024, 7)).isEqualTo(22 * 16);
        assertThat(hours(MarketCalendar.CAISO, Profile.PEAK, 2024, 7)).isEqualTo(26 * 16);
        // EEX keeps public holidays on-peak: 23 weekdays of 12 hours
        assertThat(hours(MarketCalendar.EEX, Profile.PEAK, 2024, 7)).isEqualTo(23 * 12);
        assertThat(hours(MarketCalendar.PJM, Profile.OFFPEAK, 2024, 7)).isEqualTo(744 - 22 * 16);
    }

    @Test
    void dstMonthsHaveOneHourLessAndMore()
    {
        assertThat(hours(MarketCalendar.PJM, Profile.BASE, 2024, 3)).isEqualTo(743);
        assertThat(hours(MarketCalendar.PJM, Profile.BASE, 2024, 11)).isEqualTo(721);
        assertThat(hours(MarketCalendar.CAISO, Profile.BASE, 2024, 11)).isEqualTo(721);
        assertThat(hours(MarketCalendar.EEX, Profile.BASE, 2024, 3)).isEqualTo(743);
        assertThat(hours(MarketCalendar.EEX, Profile.BASE, 2024, 10)).isEqualTo(745);
        // the peak block never contains the DST shift: March 2024 PJM has 21 weekdays x 16
        assertThat(hours(MarketCalendar.PJM, Profile.PEAK, 2024, 3)).isEqualTo(21 * 16);
        // leap year
        assertThat(hours(MarketCalendar.EEX, Profile.BASE, 2024, 2)).isEqualTo(29 * 24);
    }

    @Test
    void aSundayHolidayMovesToMonday()
    {
        // 4 July 2021 was a Sunday: Monday 5 July is off-peak; July 2021 has 22 weekdays
        assertThat(hours(MarketCalendar.PJM, Profile.PEAK, 2021, 7)).isEqualTo(21 * 16);
        // CAISO's 6x16: Saturday 25 December 2021 stays where it is (off-peak that Saturday), no Friday shift
        assertThat(hours(MarketCalendar.CAISO, Profile.PEAK, 2021, 12)).isEqualTo((27 - 1) * 16);
    }

    @Test
    void peakHoursAreLocalClockHours()
    {
        DeliveryGrid ercot = DeliveryGrid.of(MarketCalendar.ERCOT, Granularity.HOUR, Weighting.HOURS, LocalDate.of(2024, 7, 2), LocalDate.of(2024, 7, 3));
        // hours ending 7..22 Central: hour starting 06:00 is on-peak, 05:00 and 22:00 are not
        assertThat(ercot.isPeak(5)).isFalse();
        assertThat(ercot.isPeak(6)).isTrue();
        assertThat(ercot.isPeak(21)).isTrue();
        assertThat(ercot.isPeak(22)).isFalse();
        DeliveryGrid eex = DeliveryGrid.of(MarketCalendar.EEX, Granularity.HOUR, Weighting.HOURS, LocalDate.of(2024, 7, 2), LocalDate.of(2024, 7, 3));
        assertThat(eex.isPeak(7)).isFalse();
        assertThat(eex.isPeak(8)).isTrue();
        assertThat(eex.isPeak(19)).isTrue();
        assertThat(eex.isPeak(20)).isFalse();
    }

    @Test
    void misoPeakHoursAreEasternPrevailingClockHoursOverItsStandardTimeData()
    {
        MarketCalendar miso = MarketCalendar.forMarket("MISO");
        // 2024-07-02 11:00Z is 06:00 EST (MISO's hour ending 7) and 07:00 EDT: the traded 5x16 starts at HE 8 EPT.
        assertThat(miso.isPeakHour(java.time.ZonedDateTime.parse("2024-07-02T11:00:00Z"))).isTrue();
        assertThat(miso.isPeakHour(java.time.ZonedDateTime.parse("2024-07-02T10:00:00Z"))).isFalse();
        // In January EST and EPT agree: 07:00 EST is the first peak hour.
        assertThat(miso.isPeakHour(java.time.ZonedDateTime.parse("2024-01-03T12:00:00Z"))).isTrue();
        assertThat(miso.isPeakHour(java.time.ZonedDateTime.parse("2024-01-03T11:00:00Z"))).isFalse();
    }

    @Test
    void unknownMarketsAreNamed()
    {
        assertThat(MarketCalendar.forMarket("eex-de").zone().getId()).isEqualTo("Europe/Berlin");
        assertThatThrownBy(() -> MarketCalendar.forMarket("NEMO")).hasMessageContaining("'NEMO'").hasMessageContaining("PJM").hasMessageContaining("EEX-DE");
    }

    private static double hours(MarketCalendar calendar, Profile profile, int year, int month)
    {
        LocalDate start = LocalDate.of(year, month, 1);
        DeliveryGrid grid = DeliveryGrid.of(calendar, Granularity.HOUR, Weighting.HOURS, start, start.plusMonths(1));
        return grid.totalWeight(new Contract("m", start, start.plusMonths(1), 1.0, profile));
    }
}
