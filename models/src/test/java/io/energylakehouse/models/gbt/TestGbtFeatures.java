package io.energylakehouse.models.gbt;

import io.energylakehouse.common.series.DailyPanel;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.attribute.NominalAttribute;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestGbtFeatures
{
    private static final LocalDate MONDAY = LocalDate.of(2024, 1, 1);
    private static final AsinhScaler SCALER = new AsinhScaler(500, 100);

    @Test
    void namesFollowTheRowLayout()
    {
        DailyPanel panel = panel(10);
        assertThat(GbtFeatures.names(panel)).containsExactly(
                "price_d1", "price_d2", "price_d3", "price_d7", "price_d1_mean", "price_d1_min", "price_d1_max",
                "grid_load_forecast_d0", "grid_load_forecast_d1", "grid_load_forecast_d7", "grid_load_forecast_d0_mean",
                "wind_power_forecast_d0", "wind_power_forecast_d1", "wind_power_forecast_d7", "wind_power_forecast_d0_mean",
                "hour", "day_of_week");
        assertThat(GbtFeatures.count(panel)).isEqualTo(17);
        AttributeGroup group = AttributeGroup.fromStructField(GbtFeatures.featuresField(panel, "features"));
        assertThat(group.size()).isEqualTo(17);
        assertThat(group.getAttr(16)).isInstanceOfSatisfying(NominalAttribute.class, day -> assertThat(day.getNumValues().get()).isEqualTo(7));
        assertThat(group.getAttr(15).isNumeric()).isTrue();
    }

    @Test
    void rowReadsLaggedPricesAndSameDayForecasts()
    {
        DailyPanel panel = panel(10);
        // day 8 is Tuesday 2024-01-09; price(d, h) = 100 d + h, load(d, h) = 1000 d + h, wind(d, h) = -d
        double[] row = GbtFeatures.row(panel, 8, 5, SCALER);
        // prices relative to the D-1 level, the scaled D-1 mean
        double level = SCALER.transform(711.5);
        assertThat(GbtFeatures.level(panel, 8, SCALER)).isEqualTo(level);
        assertThat(row).containsExactly(
                SCALER.transform(705) - level, SCALER.transform(605) - level, SCALER.transform(505) - level, SCALER.transform(105) - level,
                level, SCALER.transform(700) - level, SCALER.transform(723) - level,
                8005, 7005, 1005, 8011.5,
                -8, -7, -1, -8,
                5, 1);
    }

    @Test
    void rowNeverReadsTheTargetDayPriceNorLaterDays()
    {
        double[][] prices = prices(10);
        for (int day = 8; day < 10; day++) {
            Arrays.fill(prices[day], Double.NaN);
        }
        double[][][] exogenous = exogenous(10);
        for (double[][] series : exogenous) {
            Arrays.fill(series[9], Double.NaN);
        }
        DailyPanel panel = new DailyPanel("TEST", ZoneId.of("UTC"), MONDAY, prices, List.of("Grid load forecast", "Wind power forecast"), exogenous, "EUR", 0);
        for (int hour = 0; hour < DailyPanel.HOURS; hour++) {
            assertThat(GbtFeatures.row(panel, 8, hour, SCALER)).doesNotContain(Double.NaN);
        }
        // a missing input of an earlier day shows as NaN in its feature
        assertThat(GbtFeatures.row(panel, 9, 0, SCALER)[0]).isNaN();
    }

    @Test
    void rowNeedsAWeekOfHistory()
    {
        assertThatThrownBy(() -> GbtFeatures.row(panel(10), 6, 0, SCALER))
                .hasMessage("Cannot build GBT features of TEST day 6 hour 0: needs 7 days of history within the panel's 10 days");
        assertThatThrownBy(() -> GbtFeatures.column(" -- "))
                .hasMessage("Cannot name a GBT feature after exogenous series ' -- ': no letters or digits");
    }

    @Test
    void smallWindowsFitInOnePartition()
    {
        assertThat(GbtForecaster.partitions(34_776, 2)).isEqualTo(1);
        assertThat(GbtForecaster.partitions(150_000, 2)).isEqualTo(2);
        assertThat(GbtForecaster.partitions(10_000_000, 8)).isEqualTo(8);
    }

    private static DailyPanel panel(int days)
    {
        return new DailyPanel("TEST", ZoneId.of("UTC"), MONDAY, prices(days), List.of("Grid load forecast", "Wind power forecast"), exogenous(days), "EUR", 0);
    }

    private static double[][] prices(int days)
    {
        double[][] prices = new double[days][DailyPanel.HOURS];
        for (int day = 0; day < days; day++) {
            for (int hour = 0; hour < DailyPanel.HOURS; hour++) {
                prices[day][hour] = 100 * day + hour;
            }
        }
        return prices;
    }

    private static double[][][] exogenous(int days)
    {
        double[][][] exogenous = new double[2][days][DailyPanel.HOURS];
        for (int day = 0; day < days; day++) {
            for (int hour = 0; hour < DailyPanel.HOURS; hour++) {
                exogenous[0][day][hour] = 1000 * day + hour;
                exogenous[1][day][hour] = -day;
            }
        }
        return exogenous;
    }
}
