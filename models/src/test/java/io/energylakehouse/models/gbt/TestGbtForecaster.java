package io.energylakehouse.models.gbt;

import io.energylakehouse.common.series.DailyPanel;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The GBT on the Nord Pool dataset of the epftoolbox (shared/data/epf/datasets/NP.csv). */
class TestGbtForecaster
{
    /** Small and fast: enough to tell whether an input reached a forecast. */
    private static final GbtParameters SMALL = GbtParameters.defaults().withTrainingDays(182).withRecalibrationDays(2).withTrees(10, 3, 0.3);

    private static SparkSession spark;
    private static DailyPanel panel;

    @BeforeAll
    static void start()
    {
        panel = EpfPanels.nordPool();
        spark = EpfPanels.spark("test-gbt-forecaster");
    }

    @AfterAll
    static void stop()
    {
        if (spark != null) {
            spark.stop();
        }
    }

    @Test
    void forecastOfADayIgnoresItsOwnAndLaterPricesAndLaterForecasts()
    {
        LocalDate first = LocalDate.of(2017, 3, 6);
        LocalDate day = first.plusDays(1);
        LocalDate last = first.plusDays(2);
        GbtForecaster forecaster = new GbtForecaster(SMALL);
        Map<LocalDate, double[]> original = forecaster.forecast(spark, panel, first, last.plusDays(1));
        // prices of D and later tripled plus 100; exogenous forecasts after D doubled
        DailyPanel changed = EpfPanels.withExogenousFrom(EpfPanels.withPricesFrom(panel, day, 3, 100), day.plusDays(1), 2, 0);
        Map<LocalDate, double[]> withChanges = forecaster.forecast(spark, changed, first, last.plusDays(1));

        assertThat(original).containsOnlyKeys(first, day, last);
        assertThat(withChanges.get(first)).containsExactly(original.get(first));
        assertThat(withChanges.get(day)).containsExactly(original.get(day));
        // the test can see a leak: the next day's forecast reads D's prices (a lag and the refit on its target day D)
        assertThat(withChanges.get(last)).isNotEqualTo(original.get(last));
    }

    @Test
    void aCalibrationForecastsOnlyDaysAfterItsTrainingWindow()
    {
        LocalDate refit = LocalDate.of(2017, 3, 6);
        GbtCalibration calibration = new GbtForecaster(SMALL).calibrate(spark, panel, refit);
        assertThat(calibration.trainedFrom()).isEqualTo(refit.minusDays(182));
        assertThat(calibration.trainingRows()).isEqualTo(182 * 24);
        assertThat(calibration.forecast(panel, refit.plusDays(30))).hasSize(24).doesNotContain(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
        assertThatThrownBy(() -> calibration.forecast(panel, refit.minusDays(1)))
                .hasMessage("Cannot forecast NP 2017-03-05 with the GBT trained on target days 2016-09-05..2017-03-05: the day is not after the training window");
        assertThatThrownBy(() -> calibration.forecast(panel, LocalDate.of(2019, 1, 1)))
                .hasMessage("Cannot forecast NP 2019-01-01: the panel holds 2013-01-01..2018-12-24");
    }

    @Test
    void rejectsPeriodsThePanelCannotServe()
    {
        GbtForecaster forecaster = new GbtForecaster(SMALL);
        assertThatThrownBy(() -> forecaster.forecast(spark, panel, LocalDate.of(2018, 12, 1), LocalDate.of(2018, 12, 1)))
                .hasMessage("Cannot forecast NP: the test period 2018-12-01..2018-12-01 (end exclusive) is empty");
        assertThatThrownBy(() -> forecaster.forecast(spark, panel, LocalDate.of(2018, 12, 1), LocalDate.of(2018, 12, 26)))
                .hasMessage("Cannot forecast NP up to 2018-12-26 (exclusive): the panel ends on 2018-12-24");
        assertThatThrownBy(() -> forecaster.calibrate(spark, panel, LocalDate.of(2013, 1, 8)))
                .hasMessage("Cannot fit GBT for NP 2013-01-08: needs 7 days of history and at least one training day in the panel 2013-01-01..2018-12-24");
    }

    /**
     * The first two weeks of the epftoolbox test period, one fit on the 1456 days before: the default window and
     * trees, but half as many at twice the learning rate, to keep the test short.
     */
    @Test
    void beatsTheWeeklyNaiveOnTheFirstTwoTestWeeks()
    {
        LocalDate to = EpfPanels.TEST_FROM.plusDays(14);
        GbtParameters parameters = GbtParameters.defaults().withTrees(150, 3, 0.2);
        Map<LocalDate, double[]> forecasts = new GbtForecaster(parameters).forecast(spark, panel, EpfPanels.TEST_FROM, to);

        List<LocalDate> days = new ArrayList<>(forecasts.keySet());
        assertThat(days).hasSize(14).startsWith(EpfPanels.TEST_FROM).endsWith(to.minusDays(1)).isSorted();
        assertThat(forecasts.values()).allSatisfy(forecast -> assertThat(forecast).hasSize(24).doesNotContain(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY));
        double mae = EpfPanels.mae(panel, days, forecasts::get);
        double weeklyNaive = EpfPanels.mae(panel, days, day -> EpfPanels.weeklyNaive(panel, day));
        // measured: 1.85 EUR/MWh against 3.35 for the weekly naive
        assertThat(mae).isLessThan(0.75 * weeklyNaive);
    }
}
