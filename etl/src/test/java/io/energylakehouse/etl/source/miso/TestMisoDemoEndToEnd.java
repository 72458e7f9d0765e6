package io.energylakehouse.etl.source.miso;

import io.energylakehouse.common.table.CanonicalTables;
import io.energylakehouse.common.table.Lakehouse;
import io.energylakehouse.common.testing.TestLakehouses;
import io.energylakehouse.etl.curate.CurateResult;
import io.energylakehouse.etl.jobs.DemoJob;
import io.energylakehouse.etl.jobs.PublishResult;
import io.energylakehouse.etl.raw.FetchOutcome;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo job on MISO alone, on a temporary lakehouse: the SYNTHETIC generator's three hourly reports for both 2024
 * DST days (24 EST hours each), landed, curated and published as the demo will once the connector is registered.
 */
class TestMisoDemoEndToEnd
{
    private static final int NODES = 20;
    private static final List<LocalDate> DAYS = List.of(LocalDate.of(2024, 3, 10), LocalDate.of(2024, 11, 3));

    @TempDir
    static Path home;

    private static Lakehouse lakehouse;
    private static DemoJob.Result result;

    @BeforeAll
    static void runDemo()
    {
        lakehouse = TestLakehouses.create(home.resolve("lake"));
        result = new DemoJob(lakehouse).run(new DemoJob.Options(new MisoConnector(), DAYS, NODES, home.resolve("samples"), List.of(),
                Collections.emptyIterator()));
    }

    @AfterAll
    static void stop()
    {
        lakehouse.close();
    }

    @Test
    void landsCuratesAndPublishesTwentyFourHourEstDays()
    {
        assertThat(result.landing().outcome(FetchOutcome.PARSED)).isEqualTo(DAYS.size() * 3);
        assertThat(result.landing().rowsRejected()).isZero();
        Map<String, CurateResult> curated = result.curated().stream().collect(Collectors.toMap(CurateResult::dataset, Function.identity()));
        assertThat(curated.keySet()).containsExactlyInAnyOrder("da_hourly", "rt_hourly", "rt_5min");
        for (String dataset : List.of("da_hourly", "rt_hourly")) {
            assertThat(curated.get(dataset).intervalsPerDay()).as(dataset).isEqualTo(Map.of(DAYS.get(0), 24L, DAYS.get(1), 24L));
            assertThat(curated.get(dataset).locations()).as(dataset).isEqualTo(NODES);
            assertThat(curated.get(dataset).quarantined()).as(dataset).isZero();
        }
        assertThat(curated.get("rt_5min").rowsWritten()).isZero();

        Dataset<Row> prices = lakehouse.read(CanonicalTables.MARKET_PRICES).where(col("market").equalTo("MISO"));
        // hours ending 1..24 on both days, and prelim then final as revisions of rt_hourly
        assertThat(prices.groupBy("operating_date").agg(max("hour_ending")).collectAsList()).allSatisfy(row -> assertThat(row.getInt(1)).isEqualTo(24));
        assertThat(prices.where(col("dataset").equalTo("rt_hourly").and(col("revision").equalTo(2))).count()).isPositive();
        assertThat(prices.select("market", "dataset", "location_id", "interval_start_utc", "revision").distinct().count()).isEqualTo(prices.count());

        PublishResult published = result.published();
        assertThat(published.hubSummaries()).extracting(PublishResult.HubSummary::locationId).containsExactlyInAnyOrderElementsOf(MisoMarket.HUBS);
        // both DST days are Sundays: off-peak all day in MISO's 5x16 block
        assertThat(published.hubSummaries()).allSatisfy(hub -> {
            assertThat(hub.days()).isEqualTo(2);
            assertThat(hub.daOffPeakPerMwh()).isNotNull();
            assertThat(hub.rtOffPeakPerMwh()).isNotNull();
            assertThat(hub.daOnPeakPerMwh()).isNull();
            assertThat(hub.rtOnPeakPerMwh()).isNull();
        });
        assertThat(published.partialDays()).isEmpty();
    }
}
