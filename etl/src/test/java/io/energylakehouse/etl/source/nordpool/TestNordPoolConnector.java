package io.energylakehouse.etl.source.nordpool;

import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.config.Settings;
import io.energylakehouse.etl.connector.HubDatasets;
import io.energylakehouse.etl.connector.LiveFetch;
import io.energylakehouse.etl.connector.MarketReport;
import io.energylakehouse.etl.curate.LocationAttributes;
import io.energylakehouse.etl.raw.RawFields;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.energylakehouse.etl.source.nordpool.NordPoolTestFiles.parseResource;
import static io.energylakehouse.etl.source.nordpool.NordPoolTestFiles.records;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Nord Pool behind the connector SPI: its report and datasets, hub datasets, file selection, the raw-row inverse, live planning. */
class TestNordPoolConnector
{
    private static final NordPoolConnector CONNECTOR = new NordPoolConnector();

    @Test
    void declaresItsReportAndDatasets()
    {
        assertThat(CONNECTOR.market().code()).isEqualTo("NORDPOOL");
        assertThat(CONNECTOR.reports()).extracting(MarketReport::name).containsExactly("day_ahead_prices");
        MarketReport report = CONNECTOR.report("Day-Ahead-Prices");
        assertThat(report.datasets()).containsExactly("da_hourly", "da_15min", "da_hourly_nok", "da_15min_nok", "da_hourly_sek", "da_15min_sek", "da_hourly_dkk",
                "da_15min_dkk", "da_hourly_pln", "da_15min_pln", "da_hourly_bgn", "da_15min_bgn", "da_hourly_ron", "da_15min_ron");
        assertThat(report.rawTable().identifier()).endsWith("nordpool_day_ahead_prices");
        assertThat(report.source()).isEqualTo("nordpool-dataportal");
        assertThat(CONNECTOR.hubDatasets()).contains(HubDatasets.dayAheadOnly("da_hourly", "area").withSubHourlyDayAhead("da_15min", 15));
        assertThat(CONNECTOR.settingKeys()).contains("etl.nordpool.base-url", "etl.nordpool.request-pause", "etl.nordpool.currencies");
    }

    @Test
    void tellsTheReportAndDayOfFiles()
    {
        assertThat(CONNECTOR.reportOfFile("DayAheadPrices_SE3_EUR_2024-07-09.json")).map(MarketReport::name).contains("day_ahead_prices");
        assertThat(CONNECTOR.reportOfFile("se_next_day_price.json")).map(MarketReport::name).contains("day_ahead_prices");
        assertThat(CONNECTOR.reportOfFile("README.txt")).isEmpty();
        assertThat(CONNECTOR.reportOfFile("aeso_pool_price_20241101_20241130.json")).as("another market's JSON").isEmpty();

        List<Path> files = Stream.of("DayAheadPrices_SE3_EUR_2025-09-30.json", "DayAheadPrices_SE3+NO1_EUR_2025-10-01.json", "DayAheadPrices_SE3_SEK_2025-10-01.json",
                "DayAheadPrices_SE3_EUR_2025-10-02.json", "se_next_day_price.json", "README.txt").map(Path::of).toList();
        LocalDate day = LocalDate.of(2025, 10, 1);
        assertThat(CONNECTOR.select(files, day, day, List.of())).extracting(Path::toString).containsExactly("DayAheadPrices_SE3+NO1_EUR_2025-10-01.json",
                "DayAheadPrices_SE3_SEK_2025-10-01.json", "se_next_day_price.json", "README.txt");
    }

    @Test
    void recordOfARawRowIsTheParsedRecord()
    {
        MarketReport report = CONNECTOR.report("day_ahead_prices");
        List<String> columns = report.rawTable().columnNames();
        for (String file : List.of("DayAheadPrices_SE3+FI_EUR_2024-03-31.json", "licensed_NO1_NOK_2024-10-27.json")) {
            for (NordPoolPriceRecord record : records(parseResource(file))) {
                Row row = record.toRow("fetch-1", "landing-1");
                assertThat(row.size()).isEqualTo(columns.size());
                Map<String, Object> values = new HashMap<>();
                for (int i = 0; i < columns.size(); i++) {
                    values.put(columns.get(i), row.get(i));
                }
                assertThat(values.get("fetch_id")).isEqualTo("fetch-1");
                assertThat(CONNECTOR.record(report, (RawFields) values::get)).isEqualTo(record);
            }
        }
    }

    @Test
    void describesAreasForTheLocationMaster()
    {
        MarketReport report = CONNECTOR.report("day_ahead_prices");
        List<NordPoolPriceRecord> records = records(parseResource("DayAheadPrices_GER+SYS_EUR_2026-03-29.json"));

        assertThat(CONNECTOR.locationAttributes(report, records.get(0))).contains(new LocationAttributes("DE-LU", "Germany-Luxembourg", null, "DE_LU"));
        assertThat(CONNECTOR.locationAttributes(report, records.get(1))).contains(new LocationAttributes("SYS", "Nord Pool system price", null, null));
    }

    @Test
    void plansLiveFetchLazilyByAreaOrZone()
    {
        LocalDate day = LocalDate.of(2024, 7, 9);
        LiveFetch fetch = CONNECTOR.live(CONNECTOR.reports(), day, day, List.of("SE3", "SE_3", "GER"), Settings.of(Map.of("etl.nordpool.currencies", "EUR,SEK")));
        // planned, nothing fetched yet: SE3 once, DE-LU, in two currencies
        assertThat(fetch.plan()).isEqualTo("4 Nord Pool data portal requests (EUR,SEK), at least PT2S apart");
        assertThat(CONNECTOR.live(CONNECTOR.reports(), day, day, List.of(), Settings.empty()).plan())
                .isEqualTo("24 Nord Pool data portal requests (EUR), at least PT2S apart");

        assertThatThrownBy(() -> CONNECTOR.live(CONNECTOR.reports(), day, day, List.of("Oslo"), Settings.empty()))
                .isInstanceOf(LakehouseException.class)
                .hasMessageStartingWith("Cannot fetch Nord Pool area 'Oslo': known areas are [SE1, SE2");
    }
}
