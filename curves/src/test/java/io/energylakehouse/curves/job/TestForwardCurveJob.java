package io.energylakehouse.curves.job;

import io.energylakehouse.common.table.CanonicalTables;
import io.energylakehouse.common.table.Lakehouse;
import io.energylakehouse.common.testing.TestLakehouses;
import io.energylakehouse.curves.Granularity;
import io.energylakehouse.curves.ShapeProfile;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TestForwardCurveJob
{
    private static final LocalDate TRADE_DATE = LocalDate.of(2024, 6, 14);
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @TempDir
    static Path home;

    private static Lakehouse lakehouse;

    @BeforeAll
    static void settlements()
    {
        lakehouse = TestLakehouses.create(home);
        lakehouse.ensure(CanonicalTables.COMMODITY_PRICES);
        List<Row> rows = new ArrayList<>();
        // PJM Western Hub: months and a quarter, base and peak, and a calendar
        rows.add(settlement("PJM", "PJM-WH-2024-07", "base", "2024-07-01", "2024-08-01", 58.40, 1));
        rows.add(settlement("PJM", "PJM-WH-2024-07-P", "peak", "2024-07-01", "2024-08-01", 79.15, 1));
        rows.add(settlement("PJM", "PJM-WH-2024-08", "base", "2024-08-01", "2024-09-01", 54.10, 1));
        // revision 2 of August wins over revision 1
        rows.add(settlement("PJM", "PJM-WH-2024-08", "base", "2024-08-01", "2024-09-01", 55.25, 2));
        rows.add(settlement("PJM", "PJM-WH-2024-08-P", "peak", "2024-08-01", "2024-09-01", 72.80, 1));
        rows.add(settlement("PJM", "PJM-WH-2024-Q4", "base", "2024-10-01", "2025-01-01", 47.35, 1));
        rows.add(settlement("PJM", "PJM-WH-2025", "base", "2025-01-01", "2026-01-01", 52.90, 1));
        // ERCOT North: a calendar quoted 0.22 below the hour-weighted average of its quarters
        double[] quarters = {44.10, 51.20, 88.75, 46.30};
        double weighted = 0;
        int[] quarterHours = {2159, 2184, 2208, 2209};
        for (int q = 0; q < 4; q++) {
            LocalDate start = LocalDate.of(2025, 3 * q + 1, 1);
            rows.add(settlement("ERCOT", "ERCOT-N-2025-Q" + (q + 1), "base", start.toString(), start.plusMonths(3).toString(), quarters[q], 1));
            weighted += quarters[q] * quarterHours[q];
        }
        rows.add(settlement("ERCOT", "ERCOT-N-2025", "base", "2025-01-01", "2026-01-01", weighted / 8760 - 0.22, 1));
        // another trade date must not leak into this one
        rows.add(settlementOn(TRADE_DATE.minusDays(1), "PJM", "PJM-WH-2024-07", "base", "2024-07-01", "2024-08-01", 99.0, 1));
        lakehouse.append(CanonicalTables.COMMODITY_PRICES, lakehouse.spark().createDataFrame(rows, CanonicalTables.COMMODITY_PRICES.schema()));
    }

    @AfterAll
    static void close()
    {
        lakehouse.close();
    }

    @Test
    void dailyCurvesHoldTheLatestQuotesAndRerunsGiveTheSameRows()
    {
        ForwardCurveJob job = new ForwardCurveJob(lakehouse);
        CurveJobResult result = job.run(CurveJobOptions.daily(TRADE_DATE));

        assertThat(result.curves()).extracting(CurveJobResult.MarketCurve::market).containsExactly("PJM");
        assertThat(result.failures()).singleElement().asString().startsWith("ERCOT: ").contains("ERCOT-N-2025 quoted").contains("-0.220000");
        Dataset<Row> pjm = lakehouse.read(CurveTables.FORWARD_CURVES).filter(col("market").equalTo("PJM").and(col("as_of_date").equalTo(Date.valueOf(TRADE_DATE))).and(col("granularity").equalTo("day")));
        // base: 2024-07-01 .. 2025-12-31; peak: the peak days of July and August
        assertThat(pjm.filter(col("product").equalTo("base")).count()).isEqualTo(549);
        assertThat(pjm.filter(col("product").equalTo("peak")).count()).isEqualTo(22 + 22);
        assertThat(pjm.select("input_snapshot_id").distinct().collectAsList()).singleElement()
                .satisfies(row -> assertThat(row.getLong(0)).isEqualTo(result.inputSnapshotId()));
        // the August base average, weighted by delivery hours, is the revised quote
        assertThat(hourWeightedAverage(pjm, "base", "2024-08-01", "2024-09-01")).isCloseTo(55.25, within(55.25 * 1e-6));
        assertThat(hourWeightedAverage(pjm, "peak", "2024-07-01", "2024-08-01")).isCloseTo(79.15, within(79.15 * 1e-6));

        List<Row> before = pjm.orderBy("product", "period_start_utc").collectAsList();
        job.run(CurveJobOptions.daily(TRADE_DATE));
        List<Row> after = lakehouse.read(CurveTables.FORWARD_CURVES).filter(col("market").equalTo("PJM").and(col("as_of_date").equalTo(Date.valueOf(TRADE_DATE))).and(col("granularity").equalTo("day")))
                .orderBy("product", "period_start_utc").collectAsList();
        assertThat(after).isEqualTo(before);

        // asked to resolve, ERCOT is written too, with the method saying so
        CurveJobResult resolved = job.run(CurveJobOptions.daily(TRADE_DATE).withMarket("ERCOT").withResolve(true));
        assertThat(resolved.failures()).isEmpty();
        assertThat(resolved.curves()).singleElement().satisfies(curve -> assertThat(curve.method()).contains("resolved=least-squares"));
    }

    @Test
    void hourlyCurvesTakeTheirShapeFromTheMarketsHistory()
    {
        // three full weeks (Monday to Sunday) of PJM day-ahead hub prices before the trade date, with a known shape
        lakehouse.ensure(CanonicalTables.MARKET_PRICES);
        List<Row> prices = new ArrayList<>();
        ZonedDateTime start = LocalDate.of(2024, 5, 20).atStartOfDay(NEW_YORK);
        for (ZonedDateTime hour = start; hour.isBefore(LocalDate.of(2024, 6, 10).atStartOfDay(NEW_YORK)); hour = hour.plusHours(1)) {
            double price = 40.0 * knownShape(hour.getDayOfWeek(), hour.getHour() + 1);
            prices.add(RowFactory.create("PJM", "da_hourly", "WESTERN HUB", "hub", Timestamp.from(hour.toInstant()), Timestamp.from(hour.plusHours(1).toInstant()), 60,
                    Date.valueOf(hour.toLocalDate()), hour.getHour() + 1, price, null, null, null, null, "USD", Timestamp.from(Instant.parse("2024-06-01T00:00:00Z")), 1,
                    "test", List.of()));
        }
        lakehouse.append(CanonicalTables.MARKET_PRICES, lakehouse.spark().createDataFrame(prices, CanonicalTables.MARKET_PRICES.schema()));

        ShapeProfile shape = ShapeEstimator.estimate(lakehouse.read(CanonicalTables.MARKET_PRICES), "PJM", NEW_YORK, TRADE_DATE, 365).orElseThrow();
        double mean = 0;
        for (DayOfWeek day : DayOfWeek.values()) {
            for (int hourEnding = 1; hourEnding <= 24; hourEnding++) {
                mean += knownShape(day, hourEnding) / 168;
            }
        }
        assertThat(shape.factor(DayOfWeek.TUESDAY, 18)).isCloseTo(knownShape(DayOfWeek.TUESDAY, 18) / mean, within(1e-9));
        assertThat(shape.factor(DayOfWeek.SUNDAY, 4)).isCloseTo(knownShape(DayOfWeek.SUNDAY, 4) / mean, within(1e-9));

        CurveJobResult result = new ForwardCurveJob(lakehouse).run(CurveJobOptions.daily(TRADE_DATE).withMarket("PJM").withGranularity(Granularity.HOUR, true));
        assertThat(result.curves()).singleElement().satisfies(curve -> assertThat(curve.method()).contains("prior=history365d"));
        Dataset<Row> hourly = lakehouse.read(CurveTables.FORWARD_CURVES).filter(col("granularity").equalTo("hour").and(col("market").equalTo("PJM")));
        // 2024-07-01 .. 2026-01-01 in New York: 549 days, two DST changes in 2024 (Nov) and 2025 (Mar, Nov)
        assertThat(hourly.count()).isEqualTo(549 * 24 - 1 + 2);
        double july = hourly.filter(col("delivery_date").between(Date.valueOf("2024-07-01"), Date.valueOf("2024-07-31")))
                .agg(sum("price")).first().getDouble(0) / 744;
        assertThat(july).isCloseTo(58.40, within(58.40 * 1e-6));
    }

    private static double knownShape(DayOfWeek day, int hourEnding)
    {
        double daily = hourEnding >= 8 && hourEnding <= 23 ? 1.3 : 0.7;
        return daily * (day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY ? 0.8 : 1.0) + 0.01 * hourEnding;
    }

    private static double hourWeightedAverage(Dataset<Row> curve, String product, String from, String until)
    {
        Row row = curve.filter(col("product").equalTo(product).and(col("period_start_utc").geq(Timestamp.from(LocalDate.parse(from).atStartOfDay(NEW_YORK).toInstant())))
                        .and(col("period_start_utc").lt(Timestamp.from(LocalDate.parse(until).atStartOfDay(NEW_YORK).toInstant()))))
                .selectExpr(product.equals("peak")
                        ? "sum(price * 16) / sum(16)"
                        : "sum(price * (unix_timestamp(period_end_utc) - unix_timestamp(period_start_utc))) / sum(unix_timestamp(period_end_utc) - unix_timestamp(period_start_utc))")
                .first();
        return row.getDouble(0);
    }

    private static Row settlement(String market, String code, String profile, String start, String end, double price, int revision)
    {
        return settlementOn(TRADE_DATE, market, code, profile, start, end, price, revision);
    }

    private static Row settlementOn(LocalDate tradeDate, String market, String code, String profile, String start, String end, double price, int revision)
    {
        return RowFactory.create(market, code, profile, Date.valueOf(tradeDate), Date.valueOf(start), Date.valueOf(end), price, "USD", "MWh", "test",
                Timestamp.from(Instant.parse("2024-06-14T22:00:00Z")), revision, "fetch-" + revision, List.of());
    }
}
