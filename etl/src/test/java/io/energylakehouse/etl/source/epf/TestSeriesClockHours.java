package io.energylakehouse.etl.source.epf;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Local clock hours to real intervals, on the daylight-saving days of Europe and the US. */
class TestSeriesClockHours
{
    private static final ZoneId OSLO = ZoneId.of("Europe/Oslo");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void springForwardSkipsTheTwoOClockHour()
    {
        LocalDate spring = LocalDate.of(2013, 3, 31);
        assertThat(ClockHours.of(OSLO, spring, 1)).isEqualTo(new ClockHours.ClockHour(spring, 1, ClockHours.Kind.REGULAR,
                Optional.of(Instant.parse("2013-03-31T00:00:00Z")), 2, Optional.empty()));
        assertThat(ClockHours.of(OSLO, spring, 2)).isEqualTo(new ClockHours.ClockHour(spring, 2, ClockHours.Kind.NONEXISTENT, Optional.empty(), 0,
                Optional.of("clocks jump from 02:00 to 03:00")));
        assertThat(ClockHours.of(OSLO, spring, 3)).isEqualTo(new ClockHours.ClockHour(spring, 3, ClockHours.Kind.REGULAR,
                Optional.of(Instant.parse("2013-03-31T01:00:00Z")), 3, Optional.empty()));
        assertThat(ClockHours.day(OSLO, spring)).filteredOn(hour -> hour.kind() != ClockHours.Kind.NONEXISTENT).hasSize(23);
        assertThat(ClockHours.of(NEW_YORK, LocalDate.of(2016, 3, 13), 2).kind()).isEqualTo(ClockHours.Kind.NONEXISTENT);
    }

    @Test
    void fallBackRepeatsAnHourWhoseFirstIntervalIsTheLine()
    {
        LocalDate fall = LocalDate.of(2013, 10, 27);
        assertThat(ClockHours.of(OSLO, fall, 2)).isEqualTo(new ClockHours.ClockHour(fall, 2, ClockHours.Kind.REPEATED,
                Optional.of(Instant.parse("2013-10-27T00:00:00Z")), 3, Optional.of("clocks go back from 03:00 to 02:00")));
        // 02:00..03:00 happens twice: 03:00 is the fifth hour of the day
        assertThat(ClockHours.of(OSLO, fall, 3).intervalStartUtc()).contains(Instant.parse("2013-10-27T02:00:00Z"));
        assertThat(ClockHours.of(OSLO, fall, 3).hourEnding()).isEqualTo(5);
        assertThat(ClockHours.of(OSLO, fall, 23).hourEnding()).isEqualTo(25);
        // in the US the repeated hour is 01:00
        assertThat(ClockHours.of(NEW_YORK, LocalDate.of(2016, 11, 6), 1)).isEqualTo(new ClockHours.ClockHour(LocalDate.of(2016, 11, 6), 1,
                ClockHours.Kind.REPEATED, Optional.of(Instant.parse("2016-11-06T05:00:00Z")), 2, Optional.of("clocks go back from 02:00 to 01:00")));
        assertThat(ClockHours.of(NEW_YORK, LocalDate.of(2016, 11, 6), 2).kind()).isEqualTo(ClockHours.Kind.REGULAR);
    }
}
