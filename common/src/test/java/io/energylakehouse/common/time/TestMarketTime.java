package io.energylakehouse.common.time;

import io.energylakehouse.common.ErrorCode;
import io.energylakehouse.common.LakehouseException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestMarketTime
{
    private static final MarketTime PACIFIC = MarketTime.of("America/Los_Angeles");
    private static final LocalDate SPRING = LocalDate.of(2024, 3, 10);
    private static final LocalDate SUMMER = LocalDate.of(2024, 7, 1);
    private static final LocalDate FALL = LocalDate.of(2024, 11, 3);

    @Test
    void countsHoursInDay()
    {
        assertThat(PACIFIC.zone()).isEqualTo(ZoneId.of("America/Los_Angeles"));
        assertThat(PACIFIC.hoursInDay(SPRING)).isEqualTo(23);
        assertThat(PACIFIC.hoursInDay(SUMMER)).isEqualTo(24);
        assertThat(PACIFIC.hoursInDay(FALL)).isEqualTo(25);
        assertThat(MarketTime.of("UTC").hoursInDay(SPRING)).isEqualTo(24);
    }

    @Test
    void findsDayBoundaries()
    {
        assertThat(PACIFIC.dayStart(SPRING)).isEqualTo(Instant.parse("2024-03-10T08:00:00Z"));
        assertThat(PACIFIC.dayEnd(SPRING)).isEqualTo(Instant.parse("2024-03-11T07:00:00Z"));
        assertThat(PACIFIC.dayStart(FALL)).isEqualTo(Instant.parse("2024-11-03T07:00:00Z"));
        assertThat(PACIFIC.dayEnd(FALL)).isEqualTo(Instant.parse("2024-11-04T08:00:00Z"));
    }

    @Test
    void findsOperatingDate()
    {
        assertThat(PACIFIC.operatingDate(Instant.parse("2024-07-01T06:59:59Z"))).isEqualTo(LocalDate.of(2024, 6, 30));
        assertThat(PACIFIC.operatingDate(Instant.parse("2024-07-01T07:00:00Z"))).isEqualTo(SUMMER);
        assertThat(PACIFIC.operatingDate(Instant.parse("2024-07-02T06:00:00Z"))).isEqualTo(SUMMER);
        assertThat(PACIFIC.operatingDate(Instant.parse("2024-11-04T07:00:00Z"))).isEqualTo(FALL);
    }

    @Test
    void countsHourEndingInElapsedHours()
    {
        assertThat(PACIFIC.hourEnding(Instant.parse("2024-07-01T07:00:00Z"))).isEqualTo(1);
        assertThat(PACIFIC.hourEnding(Instant.parse("2024-07-01T07:55:00Z"))).isEqualTo(1);
        assertThat(PACIFIC.hourEnding(Instant.parse("2024-07-02T06:00:00Z"))).isEqualTo(24);
        // fall back: 08:00Z is 01:00 PDT (HE 2), 09:00Z the repeated 01:00 PST (HE 3), 08:00Z next day HE 25
        assertThat(PACIFIC.hourEnding(Instant.parse("2024-11-03T08:00:00Z"))).isEqualTo(2);
        assertThat(PACIFIC.hourEnding(Instant.parse("2024-11-03T09:00:00Z"))).isEqualTo(3);
        assertThat(PACIFIC.hourEnding(Instant.parse("2024-11-04T07:00:00Z"))).isEqualTo(25);
        // spring forward: 10:00Z is 03:00 PDT, the third hour of the day
        assertThat(PACIFIC.hourEnding(Instant.parse("2024-03-10T10:00:00Z"))).isEqualTo(3);
        assertThat(PACIFIC.hourEnding(Instant.parse("2024-03-11T06:00:00Z"))).isEqualTo(23);
    }

    @Test
    void listsIntervalStartsOfAnOperatingDay()
    {
        assertThat(PACIFIC.intervalStarts(SPRING, 5)).hasSize(276);
        assertThat(PACIFIC.intervalStarts(SUMMER, 5)).hasSize(288);
        assertThat(PACIFIC.intervalStarts(FALL, 5)).hasSize(300);
        assertThat(PACIFIC.intervalStarts(FALL, 60)).hasSize(25);
        assertThat(PACIFIC.intervalStarts(SUMMER, 15)).hasSize(96);

        List<Instant> fall = PACIFIC.intervalStarts(FALL, 5);
        assertThat(fall.get(0)).isEqualTo(Instant.parse("2024-11-03T07:00:00Z"));
        assertThat(fall.get(fall.size() - 1)).isEqualTo(Instant.parse("2024-11-04T07:55:00Z"));
        for (int i = 1; i < fall.size(); i++) {
            assertThat(Duration.between(fall.get(i - 1), fall.get(i))).isEqualTo(Duration.ofMinutes(5));
        }
    }

    @Test
    void rejectsIntervalThatDoesNotDivideAnHour()
    {
        assertThatThrownBy(() -> PACIFIC.intervalStarts(SUMMER, 7))
                .isInstanceOfSatisfying(LakehouseException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.USER_ERROR))
                .hasMessage("Cannot divide an hour into 7-minute intervals");
        assertThatThrownBy(() -> PACIFIC.intervalStarts(SUMMER, 0))
                .isInstanceOf(LakehouseException.class)
                .hasMessage("Cannot divide an hour into 0-minute intervals");
    }

    @Test
    void listsDatesOfRange()
    {
        assertThat(MarketTime.dates(LocalDate.of(2024, 2, 27), LocalDate.of(2024, 3, 2))).containsExactly(
                LocalDate.of(2024, 2, 27),
                LocalDate.of(2024, 2, 28),
                LocalDate.of(2024, 2, 29),
                LocalDate.of(2024, 3, 1),
                LocalDate.of(2024, 3, 2));
        assertThat(MarketTime.dates(SUMMER, SUMMER)).containsExactly(SUMMER);
    }

    @Test
    void rejectsReversedRange()
    {
        assertThatThrownBy(() -> MarketTime.dates(LocalDate.of(2024, 3, 2), LocalDate.of(2024, 2, 27)))
                .isInstanceOfSatisfying(LakehouseException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.USER_ERROR))
                .hasMessage("Cannot use date range 2024-03-02..2024-02-27: the end is before the start");
    }

    @Test
    void rejectsNullZone()
    {
        assertThatThrownBy(() -> new MarketTime(null))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("zone is null");
    }
}
