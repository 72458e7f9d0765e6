package io.energylakehouse.curves;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The published example of the cmdty/curves project (README, "Spline"): daily curve, each day weighted
 * equally, no tension, no end-condition, a multiplicative day-of-week prior.
 */
class TestCmdtyCurvesExample
{
    @Test
    void reproducesThePublishedDailyCurve()
    {
        List<Contract> quotes = List.of(
                month("Jul-19", 2019, 7, 77.98),
                month("Aug-19", 2019, 8, 76.01),
                month("Sep-19", 2019, 9, 78.74),
                new Contract("Q4-19", LocalDate.of(2019, 10, 1), LocalDate.of(2020, 1, 1), 85.58, Profile.BASE),
                new Contract("Q1-20", LocalDate.of(2020, 1, 1), LocalDate.of(2020, 4, 1), 87.01, Profile.BASE));
        CurveRequest request = CurveRequest.defaults(MarketCalendar.baseOnly(ZoneOffset.UTC), Granularity.DAY)
                .withWeighting(Weighting.DAYS)
                .withShape(ShapeProfile.parseDayOfWeek("0.95,0.99,1.05,1.01,0.98,0.92,0.91"));

        ForwardCurve curve = ForwardCurveBuilder.build(quotes, request);

        assertThat(curve.points()).hasSize(275);
        assertThat(priceOn(curve, LocalDate.of(2019, 7, 1))).isCloseTo(77.68539, within(1e-4));
        assertThat(priceOn(curve, LocalDate.of(2019, 7, 2))).isCloseTo(80.83184, within(1e-4));
        assertThat(priceOn(curve, LocalDate.of(2019, 7, 3))).isCloseTo(85.59869, within(1e-4));
        assertThat(priceOn(curve, LocalDate.of(2019, 7, 4))).isCloseTo(82.21079, within(1e-4));
        assertThat(priceOn(curve, LocalDate.of(2020, 3, 28))).isCloseTo(81.21869, within(1e-4));
        assertThat(priceOn(curve, LocalDate.of(2020, 3, 29))).isCloseTo(80.30742, within(1e-4));
        assertThat(priceOn(curve, LocalDate.of(2020, 3, 30))).isCloseTo(83.80771, within(1e-4));
        assertThat(priceOn(curve, LocalDate.of(2020, 3, 31))).isCloseTo(87.30550, within(1e-4));
    }

    static Contract month(String name, int year, int month, double price)
    {
        LocalDate start = LocalDate.of(year, month, 1);
        return new Contract(name, start, start.plusMonths(1), price, Profile.BASE);
    }

    static double priceOn(ForwardCurve curve, LocalDate day)
    {
        return curve.points().stream()
                .filter(point -> point.periodStart().toLocalDate().equals(day))
                .mapToDouble(ForwardCurve.Point::price)
                .findFirst()
                .orElseThrow(() -> new AssertionError("no point on " + day));
    }
}
