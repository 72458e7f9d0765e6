package io.energylakehouse.models.lear;

import io.energylakehouse.common.series.DailyPanel;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A forecast of D is issued on D-1: prices of D and later, and exogenous forecasts after D, never enter it. */
class TestLearPointInTime
{
    @Test
    void laterPricesAndLaterForecastsDoNotChangeTheForecast()
            throws IOException
    {
        Assumptions.assumeTrue(EpftoolboxFiles.available(), "../shared/data/epf is not there");
        DailyPanel np = EpftoolboxFiles.panel("NP").slice(LocalDate.parse("2016-10-01"), LocalDate.parse("2017-01-15"));
        LocalDate target = LocalDate.parse("2016-12-27");
        double[] before = Lear.forecast(np, target, 56).prices();

        DailyPanel tampered = tamper(np, target);
        double[] after = Lear.forecast(tampered, target, 56).prices();
        assertThat(after).containsExactly(before);
        // and the day's own exogenous forecasts do matter: they are known at issue time
        assertThat(Lear.forecast(tamperExogenousOf(np, target), target, 56).prices()).isNotEqualTo(before);
    }

    @Test
    void readingAPriceOfTheTargetDayIsRefused()
            throws IOException
    {
        Assumptions.assumeTrue(EpftoolboxFiles.available(), "../shared/data/epf is not there");
        DailyPanel np = EpftoolboxFiles.panel("NP").slice(LocalDate.parse("2016-10-01"), LocalDate.parse("2017-01-15"));
        LearFeatures.AsOf known = new LearFeatures.AsOf(np, LocalDate.parse("2016-12-27"));
        assertThatThrownBy(() -> known.price(np.dayIndex(LocalDate.parse("2016-12-27")), 0))
                .hasMessageContaining("Cannot read the price of 2016-12-27 for a forecast of 2016-12-27");
        assertThatThrownBy(() -> known.exogenous(0, np.dayIndex(LocalDate.parse("2016-12-28")), 0))
                .hasMessageContaining("not known at issue time");
    }

    @Test
    void tooShortAWindowOrHistoryIsAClearError()
            throws IOException
    {
        Assumptions.assumeTrue(EpftoolboxFiles.available(), "../shared/data/epf is not there");
        DailyPanel np = EpftoolboxFiles.panel("NP").slice(LocalDate.parse("2016-10-01"), LocalDate.parse("2017-01-15"));
        assertThatThrownBy(() -> Lear.forecast(np, LocalDate.parse("2016-10-05"), 56)).hasMessageContaining("needs the 8 days before it");
        assertThatThrownBy(() -> Lear.forecast(np, LocalDate.parse("2016-12-27"), 8)).hasMessageContaining("must be longer than 8 days");
    }

    private static DailyPanel tamper(DailyPanel panel, LocalDate from)
    {
        double[][] prices = new double[panel.days()][];
        double[][][] exogenous = new double[panel.exogenousCount()][panel.days()][];
        for (int d = 0; d < panel.days(); d++) {
            prices[d] = panel.dayPrices(d);
            for (int k = 0; k < panel.exogenousCount(); k++) {
                exogenous[k][d] = new double[24];
                for (int h = 0; h < 24; h++) {
                    exogenous[k][d][h] = panel.exogenous(k, d, h);
                }
            }
            if (!panel.date(d).isBefore(from)) {
                for (int h = 0; h < 24; h++) {
                    prices[d][h] = 1000.0 + h;
                    if (panel.date(d).isAfter(from)) {
                        for (int k = 0; k < panel.exogenousCount(); k++) {
                            exogenous[k][d][h] = -1.0;
                        }
                    }
                }
            }
        }
        return new DailyPanel(panel.name(), panel.zone(), panel.firstDay(), prices, panel.exogenousNames(), exogenous, panel.currency(), 0);
    }

    private static DailyPanel tamperExogenousOf(DailyPanel panel, LocalDate day)
    {
        double[][] prices = new double[panel.days()][];
        double[][][] exogenous = new double[panel.exogenousCount()][panel.days()][24];
        for (int d = 0; d < panel.days(); d++) {
            prices[d] = panel.dayPrices(d);
            for (int k = 0; k < panel.exogenousCount(); k++) {
                for (int h = 0; h < 24; h++) {
                    exogenous[k][d][h] = panel.exogenous(k, d, h) * (panel.date(d).equals(day) ? 1.5 : 1.0);
                }
            }
        }
        return new DailyPanel(panel.name(), panel.zone(), panel.firstDay(), prices, List.copyOf(panel.exogenousNames()), exogenous, panel.currency(), 0);
    }
}
