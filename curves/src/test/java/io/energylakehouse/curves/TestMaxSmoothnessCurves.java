package io.energylakehouse.curves;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class TestMaxSmoothnessCurves
{
    private static final ShapeProfile HOURLY_SHAPE = hourlyShape();

    @Test
    void flatQuotesWithoutPriorGiveAFlatCurve()
    {
        List<Contract> quotes = List.of(
                month("Jan-25", 2025, 1, 50.0), month("Feb-25", 2025, 2, 50.0),
                quarter("Q2-25", 2025, 2, 50.0), new Contract("Cal-26", LocalDate.of(2026, 1, 1), LocalDate.of(2027, 1, 1), 50.0, Profile.BASE));
        for (Granularity granularity : Granularity.values()) {
            ForwardCurve curve = ForwardCurveBuilder.build(quotes, CurveRequest.defaults(MarketCalendar.PJM, granularity));
            assertThat(curve.points()).isNotEmpty().allSatisfy(point -> assertThat(point.price()).isCloseTo(50.0, within(1e-9)));
        }
    }

    @Test
    void everyContractAveragesBackToItsQuoteDailyAndHourlyWithAndWithoutPriorAcrossDst()
    {
        // PJM, March to November 2024: both DST changes, a leap-year February before, peak and off-peak months
        List<Contract> quotes = new ArrayList<>(List.of(
                month("Feb-24", 2024, 2, 38.10),
                month("Mar-24", 2024, 3, 31.40),
                month("Apr-24", 2024, 4, 29.75),
                new Contract("Mar-24 peak", LocalDate.of(2024, 3, 1), LocalDate.of(2024, 4, 1), 37.20, Profile.PEAK),
                new Contract("Apr-24 off-peak", LocalDate.of(2024, 4, 1), LocalDate.of(2024, 5, 1), 24.10, Profile.OFFPEAK),
                quarter("Q3-24", 2024, 3, 52.30),
                new Contract("Q3-24 peak", LocalDate.of(2024, 7, 1), LocalDate.of(2024, 10, 1), 68.90, Profile.PEAK),
                month("Oct-24", 2024, 10, 35.60),
                month("Nov-24", 2024, 11, 40.25)));
        for (Granularity granularity : Granularity.values()) {
            for (ShapeProfile shape : List.of(ShapeProfile.flat(), HOURLY_SHAPE)) {
                CurveRequest request = CurveRequest.defaults(MarketCalendar.PJM, granularity).withShape(shape);
                ForwardCurve curve = ForwardCurveBuilder.build(quotes, request);
                for (ForwardCurve.Fit fit : curve.fits()) {
                    double[] prices = fit.spline().prices();
                    for (Contract contract : fit.contracts()) {
                        assertThat(average(fit.grid(), contract, prices))
                                .as("%s at %s granularity, shape %s", contract, granularity, shape == HOURLY_SHAPE ? "hourly" : "flat")
                                .isCloseTo(contract.price(), within(1e-6 * Math.abs(contract.price())));
                    }
                }
                // every quote is fitted: at hourly granularity all nine, at daily granularity each in its profile's curve
                assertThat(curve.fittedContracts()).containsExactlyInAnyOrderElementsOf(quotes);
            }
        }
    }

    @Test
    void hourlyBaseAndPeakQuotesGiveAPeakPremiumNotSwings()
    {
        List<Contract> quotes = List.of(
                month("Jul-24", 2024, 7, 58.40), new Contract("Jul-24 peak", LocalDate.of(2024, 7, 1), LocalDate.of(2024, 8, 1), 79.15, Profile.PEAK),
                month("Aug-24", 2024, 8, 55.25), new Contract("Aug-24 peak", LocalDate.of(2024, 8, 1), LocalDate.of(2024, 9, 1), 72.80, Profile.PEAK),
                quarter("Q4-24", 2024, 4, 47.35), new Contract("Cal-25", LocalDate.of(2025, 1, 1), LocalDate.of(2026, 1, 1), 52.90, Profile.BASE));
        for (ShapeProfile shape : List.of(ShapeProfile.flat(), HOURLY_SHAPE)) {
            ForwardCurve curve = ForwardCurveBuilder.build(quotes, CurveRequest.defaults(MarketCalendar.PJM, Granularity.HOUR).withShape(shape));
            ForwardCurve.Fit fit = curve.fits().get(0);
            double[] prices = fit.spline().prices();
            for (Contract contract : quotes) {
                assertThat(average(fit.grid(), contract, prices)).as(contract.name()).isCloseTo(contract.price(), within(1e-6 * contract.price()));
            }
            // a single quartic per month would need swings of thousands to tell peak hours from off-peak ones
            assertThat(curve.points()).allSatisfy(point -> assertThat(point.price()).isBetween(0.0, 2 * 79.15));
        }
    }

    @Test
    void hourlyCurveHasTwentyThreeAndTwentyFiveHourDays()
    {
        ForwardCurve curve = ForwardCurveBuilder.build(List.of(month("Mar-24", 2024, 3, 31.40), month("Nov-24", 2024, 11, 40.25)),
                CurveRequest.defaults(MarketCalendar.PJM, Granularity.HOUR));
        assertThat(curve.points().stream().filter(point -> point.periodStart().toLocalDate().equals(LocalDate.of(2024, 3, 10)))).hasSize(23);
        assertThat(curve.points().stream().filter(point -> point.periodStart().toLocalDate().equals(LocalDate.of(2024, 11, 3)))).hasSize(25);
        // March 2024 in New York has 743 hours, November 745, and the gap months are on the curve too
        assertThat(curve.points()).hasSize(24 * 275 - 1 + 1);
    }

    @Test
    void valueSlopeAndCurvatureAreContinuousAtEveryKnot()
    {
        List<Contract> quotes = List.of(
                month("Jan-25", 2025, 1, 81.0), month("Feb-25", 2025, 2, 74.5), month("Mar-25", 2025, 3, 60.2),
                quarter("Q2-25", 2025, 2, 48.9), quarter("Q3-25", 2025, 3, 55.0), quarter("Q4-25", 2025, 4, 71.3),
                new Contract("Cal-26", LocalDate.of(2026, 1, 1), LocalDate.of(2027, 1, 1), 63.4, Profile.BASE));
        for (Granularity granularity : Granularity.values()) {
            ForwardCurve curve = ForwardCurveBuilder.build(quotes, CurveRequest.defaults(MarketCalendar.EEX, granularity).withShape(HOURLY_SHAPE));
            MaxSmoothnessSpline.Spline spline = curve.fits().get(0).spline();
            assertThat(spline.segments()).isEqualTo(7);
            double scale = 81.0;
            for (int segment = 0; segment + 1 < spline.segments(); segment++) {
                double end = spline.segmentLength(segment);
                for (int order = 0; order <= 2; order++) {
                    assertThat(spline.derivative(segment, order, end))
                            .as("derivative %d at knot %d (%s)", order, segment + 1, granularity)
                            .isCloseTo(spline.derivative(segment + 1, order, 0), within(1e-9 * scale));
                }
            }
        }
    }

    @Test
    void zeroSlopeEndConditionFlattensTheFarEnd()
    {
        List<Contract> quotes = List.of(month("Jan-25", 2025, 1, 80.0), month("Feb-25", 2025, 2, 70.0), month("Mar-25", 2025, 3, 55.0));
        CurveRequest request = CurveRequest.defaults(MarketCalendar.baseOnly(ZoneOffset.UTC), Granularity.DAY);
        MaxSmoothnessSpline.Spline free = ForwardCurveBuilder.build(quotes, request).fits().get(0).spline();
        MaxSmoothnessSpline.Spline flat = ForwardCurveBuilder.build(quotes, request.withEndCondition(EndCondition.ZERO_SLOPE)).fits().get(0).spline();
        int last = free.segments() - 1;
        assertThat(Math.abs(free.derivative(last, 1, free.segmentLength(last)))).isGreaterThan(0.01);
        assertThat(flat.derivative(last, 1, flat.segmentLength(last))).isCloseTo(0.0, within(1e-9));
    }

    @Test
    void lowerBoundKeepsTheCurveNonNegativeAndTheQuotes()
    {
        // a spike month between two near-zero months undershoots below zero without a bound
        List<Contract> quotes = List.of(month("Apr-25", 2025, 4, 2.0), month("May-25", 2025, 5, 60.0), month("Jun-25", 2025, 6, 5.0),
                month("Jul-25", 2025, 7, 45.0));
        CurveRequest request = CurveRequest.defaults(MarketCalendar.ERCOT, Granularity.DAY);
        ForwardCurve unbounded = ForwardCurveBuilder.build(quotes, request);
        assertThat(unbounded.points().stream().mapToDouble(ForwardCurve.Point::price).min().orElseThrow()).isLessThan(-1.0);

        ForwardCurve bounded = ForwardCurveBuilder.build(quotes, request.withBounds(OptionalDouble.of(0.0), OptionalDouble.empty()));
        assertThat(bounded.points()).allSatisfy(point -> assertThat(point.price()).isGreaterThanOrEqualTo(-1e-7));
        ForwardCurve.Fit fit = bounded.fits().get(0);
        for (Contract contract : fit.contracts()) {
            assertThat(average(fit.grid(), contract, fit.spline().prices())).isCloseTo(contract.price(), within(1e-6 * contract.price()));
        }
    }

    @Test
    void boundsNoCurveCanMeetAreRefused()
    {
        List<Contract> quotes = List.of(month("Apr-25", 2025, 4, 20.0), month("May-25", 2025, 5, 60.0));
        CurveRequest request = CurveRequest.defaults(MarketCalendar.ERCOT, Granularity.DAY).withBounds(OptionalDouble.of(0.0), OptionalDouble.of(50.0));
        assertThatThrownBy(() -> ForwardCurveBuilder.build(quotes, request))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Cannot fit the curve within its bounds");
    }

    @Test
    void peakQuotesNeedAMarketWithAPeakCalendar()
    {
        List<Contract> quotes = List.of(new Contract("Jan-25 peak", LocalDate.of(2025, 1, 1), LocalDate.of(2025, 2, 1), 90.0, Profile.PEAK));
        assertThatThrownBy(() -> ForwardCurveBuilder.build(quotes, CurveRequest.defaults(MarketCalendar.baseOnly(ZoneOffset.UTC), Granularity.DAY)))
                .hasMessageContaining("Cannot price a peak contract")
                .hasMessageContaining("--market");
    }

    static double average(DeliveryGrid grid, Contract contract, double[] prices)
    {
        double weighted = 0;
        double total = 0;
        for (int period = grid.indexOf(contract.deliveryStart()); period < grid.indexOf(contract.deliveryEnd()); period++) {
            double weight = grid.weight(contract.profile(), period);
            weighted += weight * prices[period];
            total += weight;
        }
        return weighted / total;
    }

    static Contract month(String name, int year, int month, double price)
    {
        LocalDate start = LocalDate.of(year, month, 1);
        return new Contract(name, start, start.plusMonths(1), price, Profile.BASE);
    }

    static Contract quarter(String name, int year, int quarter, double price)
    {
        LocalDate start = LocalDate.of(year, 3 * quarter - 2, 1);
        return new Contract(name, start, start.plusMonths(3), price, Profile.BASE);
    }

    /** A typical power shape: low nights, a morning and an evening peak, cheaper weekends. */
    private static ShapeProfile hourlyShape()
    {
        double[][] factors = new double[7][24];
        for (int day = 0; day < 7; day++) {
            for (int hour = 0; hour < 24; hour++) {
                double daily = 0.75 + 0.25 * Math.sin(Math.PI * Math.max(0, hour - 5) / 18.0) + (hour >= 17 && hour <= 20 ? 0.2 : 0);
                factors[day][hour] = daily * (day >= 5 ? 0.85 : 1.0);
            }
        }
        return new ShapeProfile(factors, ShapeProfile.Mode.MULTIPLY);
    }
}
