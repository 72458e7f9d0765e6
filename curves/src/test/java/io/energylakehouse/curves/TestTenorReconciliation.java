package io.energylakehouse.curves;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static io.energylakehouse.curves.TestMaxSmoothnessCurves.month;
import static io.energylakehouse.curves.TestMaxSmoothnessCurves.quarter;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class TestTenorReconciliation
{
    private static final LocalDate CAL_25 = LocalDate.of(2025, 1, 1);

    @Test
    void januaryAndTheFirstQuarterImplyFebruaryAndMarch()
    {
        List<Contract> quotes = List.of(month("Jan-20", 2020, 1, 19.05), quarter("Q1-20", 2020, 1, 17.22));
        TenorReconciliation reconciliation = reconciliation(quotes, Weighting.DAYS, MarketCalendar.baseOnly(ZoneOffset.UTC));

        assertThat(reconciliation.check().consistent()).isTrue();
        List<Contract> bootstrapped = reconciliation.resolve().bootstrapped();
        assertThat(bootstrapped).hasSize(2);
        assertThat(bootstrapped.get(0).deliveryStart()).isEqualTo(LocalDate.of(2020, 1, 1));
        assertThat(bootstrapped.get(0).price()).isCloseTo(19.05, within(1e-9));
        assertThat(bootstrapped.get(1).deliveryStart()).isEqualTo(LocalDate.of(2020, 2, 1));
        assertThat(bootstrapped.get(1).deliveryEnd()).isEqualTo(LocalDate.of(2020, 4, 1));
        // the piecewise-flat curve of the bootstrapped contracts: February and March each average 16.27450
        assertThat(bootstrapped.get(1).price()).isCloseTo(16.27450, within(1e-5));
        // and the fitted quotes are only the independent ones (both here); Q1 is not redundant given Jan alone
        assertThat(reconciliation.independentSubset()).containsExactlyElementsOf(quotes);
    }

    @Test
    void aCalendarQuotedBelowItsQuartersIsReportedWithTheGap()
    {
        DeliveryGrid grid = DeliveryGrid.of(MarketCalendar.PJM, Granularity.DAY, Weighting.HOURS, CAL_25, CAL_25.plusYears(1));
        List<Contract> quarters = List.of(quarter("Q1-25", 2025, 1, 62.10), quarter("Q2-25", 2025, 2, 41.35),
                quarter("Q3-25", 2025, 3, 58.80), quarter("Q4-25", 2025, 4, 49.95));
        double hourWeighted = 0;
        double hours = 0;
        for (Contract contract : quarters) {
            hourWeighted += grid.totalWeight(contract) * contract.price();
            hours += grid.totalWeight(contract);
        }
        assertThat(hours).isEqualTo(8760.0);
        double fair = hourWeighted / hours;
        Contract calendar = new Contract("Cal-25", CAL_25, CAL_25.plusYears(1), fair - 0.22, Profile.BASE);
        List<Contract> quotes = new java.util.ArrayList<>(quarters);
        quotes.add(calendar);

        TenorReconciliation.Report report = reconciliation(quotes, Weighting.HOURS, MarketCalendar.PJM).check();
        assertThat(report.consistent()).isFalse();
        assertThat(report.inconsistencies()).singleElement().satisfies(inconsistency -> {
            assertThat(inconsistency.contract()).isEqualTo(calendar);
            assertThat(inconsistency.parts()).containsExactlyInAnyOrderElementsOf(quarters);
            assertThat(inconsistency.difference()).isCloseTo(-0.22, within(1e-9));
        });
        assertThat(report.describe()).singleElement().asString().contains("Cal-25 quoted").contains("Q1-25 + ").contains("-0.220000");

        // never fitted silently...
        CurveRequest request = CurveRequest.defaults(MarketCalendar.PJM, Granularity.DAY);
        assertThatThrownBy(() -> ForwardCurveBuilder.build(quotes, request))
                .isInstanceOf(InconsistentQuotesException.class)
                .hasMessageContaining("Cal-25 quoted")
                .hasMessageContaining("--resolve");
        // ...unless asked to resolve: then every adjusted quote holds and the calendar meets its quarters halfway by least squares
        ForwardCurve resolved = ForwardCurveBuilder.build(quotes, request.withResolve(true));
        TenorReconciliation.Report after = reconciliation(resolved.fittedContracts(), Weighting.HOURS, MarketCalendar.PJM).check();
        assertThat(after.consistent()).isTrue();
    }

    @Test
    void quotesWithinRoundingOfEachOtherAreConsistentAndTheRedundantOneIsDropped()
    {
        // the months' hour-weighted average is 151140 / 2159 = 70.0046: the quarter settled at 70.00 is rounding
        List<Contract> quotes = List.of(month("Jan-25", 2025, 1, 80.00), month("Feb-25", 2025, 2, 70.00), month("Mar-25", 2025, 3, 60.00),
                quarter("Q1-25", 2025, 1, 70.00));
        TenorReconciliation reconciliation = reconciliation(quotes, Weighting.HOURS, MarketCalendar.EEX);
        assertThat(reconciliation.check().consistent()).isTrue();
        assertThat(reconciliation.independentSubset()).hasSize(3).doesNotContain(quotes.get(3));
    }

    @Test
    void baseMustBeTheHourWeightedMixOfPeakAndOffPeak()
    {
        LocalDate july = LocalDate.of(2024, 7, 1);
        DeliveryGrid grid = DeliveryGrid.of(MarketCalendar.PJM, Granularity.HOUR, Weighting.HOURS, july, july.plusMonths(1));
        Contract peak = new Contract("Jul-24 peak", july, july.plusMonths(1), 95.0, Profile.PEAK);
        Contract offPeak = new Contract("Jul-24 off-peak", july, july.plusMonths(1), 45.0, Profile.OFFPEAK);
        double peakHours = grid.totalWeight(peak);
        assertThat(peakHours).isEqualTo(22 * 16);
        double base = (peakHours * 95.0 + (744 - peakHours) * 45.0) / 744;
        List<Contract> consistent = List.of(month("Jul-24", 2024, 7, base), peak, offPeak);
        assertThat(reconciliation(consistent, Weighting.HOURS, MarketCalendar.PJM).check().consistent()).isTrue();

        List<Contract> inconsistent = List.of(month("Jul-24", 2024, 7, base + 1.5), peak, offPeak);
        TenorReconciliation.Report report = reconciliation(inconsistent, Weighting.HOURS, MarketCalendar.PJM).check();
        assertThat(report.inconsistencies()).singleElement().satisfies(inconsistency -> assertThat(inconsistency.difference()).isCloseTo(1.5, within(1e-9)));
    }

    @Test
    void overlapsNoTilingExplainsShowInTheResiduals()
    {
        // Jan-Feb and Feb-Mar strips and Q1: consistent only if Jan+Mar equals 2 Q1 - the strips' overlap; here they are not
        Contract janFeb = new Contract("Jan-Feb-25", LocalDate.of(2025, 1, 1), LocalDate.of(2025, 3, 1), 70.0, Profile.BASE);
        Contract febMar = new Contract("Feb-Mar-25", LocalDate.of(2025, 2, 1), LocalDate.of(2025, 4, 1), 60.0, Profile.BASE);
        Contract jan = month("Jan-25", 2025, 1, 75.0);
        Contract mar = month("Mar-25", 2025, 3, 58.0);
        Contract q1 = quarter("Q1-25", 2025, 1, 80.0);
        TenorReconciliation.Report report = reconciliation(List.of(janFeb, febMar, jan, mar, q1), Weighting.DAYS, MarketCalendar.baseOnly(ZoneOffset.UTC)).check();
        assertThat(report.consistent()).isFalse();
        assertThat(report.describe()).isNotEmpty();
    }

    @Test
    void twoDifferentQuotesForOneContractAreInconsistent()
    {
        TenorReconciliation.Report report = reconciliation(List.of(month("Jan-25", 2025, 1, 80.0), month("Jan-25 (other broker)", 2025, 1, 80.5)),
                Weighting.HOURS, MarketCalendar.EEX).check();
        assertThat(report.inconsistencies()).hasSize(1);
        assertThat(report.inconsistencies().get(0).difference()).isCloseTo(-0.5, within(1e-12));
    }

    @Test
    void baseAndPeakUnderDayWeightsAreRefused()
    {
        List<Contract> quotes = List.of(month("Jul-24", 2024, 7, 60.0), new Contract("Jul-24 peak", LocalDate.of(2024, 7, 1), LocalDate.of(2024, 8, 1), 80.0, Profile.PEAK));
        assertThatThrownBy(() -> reconciliation(quotes, Weighting.DAYS, MarketCalendar.PJM))
                .hasMessageContaining("--weights hours");
    }

    private static TenorReconciliation reconciliation(List<Contract> quotes, Weighting weighting, MarketCalendar calendar)
    {
        DeliveryGrid grid = DeliveryGrid.covering(calendar, Granularity.DAY, weighting, quotes);
        return new TenorReconciliation(grid, quotes, ShapeProfile.flat().onGrid(grid), CurveRequest.DEFAULT_TOLERANCE);
    }
}
