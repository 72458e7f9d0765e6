package io.energylakehouse.backtesting;

import io.energylakehouse.common.series.DailyPanel;
import io.energylakehouse.common.table.Lakehouse;
import io.energylakehouse.common.testing.TestLakehouses;
import io.energylakehouse.models.ForecastTables;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.apache.spark.sql.functions.col;

/**
 * A short slice of the Nord Pool benchmark through the rolling backtest: daily recalibration in Spark tasks and on
 * threads give the same forecasts, the metrics come out for the test days only, the quantiles are calibrated on
 * the warm-up days.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestRollingBacktest
{
    private static final LocalDate FROM = LocalDate.parse("2016-12-27");
    private static final LocalDate TO = LocalDate.parse("2017-01-09");
    private static final RollingBacktest.RangeForecaster NO_TREES = (spark, panel, from, to) -> {
        throw new IllegalStateException("not used");
    };

    @TempDir
    static Path home;
    private Lakehouse lakehouse;
    private DailyPanel np;

    @BeforeAll
    void start()
            throws IOException
    {
        Assumptions.assumeTrue(EpftoolboxPanels.available(), "../shared/data/epf is not there");
        np = EpftoolboxPanels.panel("NP").slice(LocalDate.parse("2016-06-01"), LocalDate.parse("2017-02-01"));
        lakehouse = TestLakehouses.create(home);
    }

    @AfterAll
    void stop()
    {
        if (lakehouse != null) {
            lakehouse.close();
        }
    }

    private RollingBacktest.Spec spec(ForecastModel model, RollingBacktest.Executor executor)
    {
        return new RollingBacktest.Spec(model, FROM, TO, List.of(56, 84), new ErrorQuantiles(ErrorQuantiles.DEFAULT_LEVELS, 182, 14), executor, 2);
    }

    @Test
    void sparkTasksAndThreadsGiveTheSameForecastsAndTheMetricsCoverTheTestDays()
    {
        RollingBacktest backtest = new RollingBacktest(NO_TREES);
        RollingBacktest.Run onSpark = backtest.run(lakehouse.spark(), np, spec(ForecastModel.LEAR, RollingBacktest.Executor.SPARK));
        RollingBacktest.Run onThreads = backtest.run(lakehouse.spark(), np, spec(ForecastModel.LEAR, RollingBacktest.Executor.THREADS));
        assertThat(onSpark.days()).hasSize(14 + 14);
        for (int d = 0; d < onSpark.days().size(); d++) {
            assertThat(onSpark.days().get(d).point()).containsExactly(onThreads.days().get(d).point());
        }
        assertThat(onSpark.testDayIndexes()).hasSize(14);

        BacktestReport report = BacktestReport.of(onSpark, "NP", ZoneId.of("Europe/Oslo"), BacktestReport.DEFAULT_ISSUE_TIME);
        assertThat(report.point().hours()).isEqualTo(14 * 24);
        // the ensemble is the plain mean of its members
        DayForecast first = onSpark.days().get(onSpark.testDayIndexes().get(0));
        assertThat(first.point()[5]).isCloseTo((first.members().get("lear_56")[5] + first.members().get("lear_84")[5]) / 2, within(1e-12));
        assertThat(report.members()).containsKeys("lear_56", "lear_84");
        assertThat(report.point().mae()).isBetween(0.5, 6.0);
        // quantiles exist for every test hour (14 warm-up days) and are ordered
        assertThat(report.quantileHours()).isEqualTo(14 * 24);
        double[][] quantiles = onSpark.quantiles()[onSpark.testDayIndexes().get(0)];
        for (int h = 0; h < 24; h++) {
            for (int q = 1; q < quantiles.length; q++) {
                assertThat(quantiles[q][h]).isGreaterThanOrEqualTo(quantiles[q - 1][h]);
            }
        }
        assertThat(report.coverage()).containsKeys("90% (q05..q95)", "80% (q10..q90)");
        assertThat(report.pinball()).containsKeys(0.05, 0.5, 0.95);
    }

    @Test
    void theWeeklyNaiveIsThePriceOfTheSameHourAWeekEarlier(@TempDir Path out)
            throws IOException
    {
        RollingBacktest.Run run = new RollingBacktest(NO_TREES).run(lakehouse.spark(), np, spec(ForecastModel.NAIVE, RollingBacktest.Executor.THREADS));
        DayForecast first = run.days().get(run.testDayIndexes().get(0));
        assertThat(first.point()).containsExactly(np.dayPrices(np.dayIndex(FROM.minusDays(7))));
        BacktestReport report = BacktestReport.of(run, "NP", ZoneId.of("Europe/Oslo"), LocalTime.of(10, 0));
        report.write(out);
        String metrics = Files.readString(out.resolve("metrics.json"));
        assertThat(metrics).contains("\"mae\": ", "\"rmae\": ", "\"smape\": ", "\"rmse\": ", "\"naive\": \"weekly naive");
        List<String> lines = Files.readAllLines(out.resolve("forecasts.csv"));
        assertThat(lines).hasSize(1 + 14 * 24);
        assertThat(lines.get(0)).isEqualTo("issue_time_utc,delivery_date,hour,actual_price,forecast_price,q05,q10,q50,q90,q95,naive_weekly");
        // issued on D-1 at 10:00 in Oslo (CET in winter): 09:00 UTC
        assertThat(lines.get(1)).startsWith("2016-12-26T09:00:00Z,2016-12-27,0,");
        assertThat(report.point().mae()).isPositive();
    }

    @Test
    void aRunIsRecordedOnceInTheForecastsAndTheRegistry(@TempDir Path out)
    {
        RollingBacktest.Run run = new RollingBacktest(NO_TREES).run(lakehouse.spark(), np, spec(ForecastModel.NAIVE, RollingBacktest.Executor.THREADS));
        BacktestReport report = BacktestReport.of(run, "NP", ZoneId.of("Europe/Oslo"), BacktestReport.DEFAULT_ISSUE_TIME);
        ForecastStore store = new ForecastStore(lakehouse);
        ForecastStore.Inputs inputs = new ForecastStore.Inputs(Map.of("curated.market_prices", 11L, "curated.fundamentals", 12L), "EUR");
        String runId = store.save(report, inputs, "", out.toString());
        assertThat(store.save(report, inputs, "", out.toString())).isEqualTo(runId);
        assertThat(lakehouse.read(ForecastTables.FORECASTS).where(col("run_id").equalTo(runId)).count()).isEqualTo(14 * 24);
        Row registry = lakehouse.read(ForecastTables.MODEL_REGISTRY).where(col("run_id").equalTo(runId)).collectAsList().get(0);
        assertThat(registry.<String>getAs("input_snapshots")).isEqualTo("curated.fundamentals=12,curated.market_prices=11");
        assertThat(registry.<Double>getAs("mae")).isCloseTo(report.point().mae(), within(1e-12));
        assertThat(registry.<String>getAs("metrics")).contains("\"rmae\"");
        // another input snapshot is another run
        assertThat(store.save(report, new ForecastStore.Inputs(Map.of("curated.market_prices", 13L), "EUR"), "", out.toString())).isNotEqualTo(runId);
        // the issue time and the hour's instant: 2016-12-27 00:00 in Oslo is 2016-12-26T23:00Z, issued 2016-12-26 10:00 local
        Row first = lakehouse.read(ForecastTables.FORECASTS).where(col("run_id").equalTo(runId)).orderBy("delivery_date", "hour").first();
        assertThat(first.<java.time.Instant>getAs("interval_start_utc")).isEqualTo(java.time.Instant.parse("2016-12-26T23:00:00Z"));
        assertThat(first.<java.time.Instant>getAs("issue_time_utc")).isEqualTo(java.time.Instant.parse("2016-12-26T09:00:00Z"));
    }

    @Test
    void aTestPeriodOutsideThePanelIsAClearError()
    {
        RollingBacktest.Spec tooEarly = new RollingBacktest.Spec(ForecastModel.LEAR, LocalDate.parse("2016-06-05"), TO, List.of(56),
                new ErrorQuantiles(ErrorQuantiles.DEFAULT_LEVELS, 182, 14), RollingBacktest.Executor.THREADS, 1);
        assertThatThrownBy(() -> new RollingBacktest(NO_TREES).run(lakehouse.spark(), np, tooEarly))
                .hasMessageContaining("Cannot backtest 2016-06-05..2017-01-09")
                .hasMessageContaining("warm-up days");
        assertThatThrownBy(() -> ForecastModel.parse("arima")).hasMessageContaining("use naive, lear, gbt or ensemble");
        assertThat(Map.of()).isEmpty();
    }
}
