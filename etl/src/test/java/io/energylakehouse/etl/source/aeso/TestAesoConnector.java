package io.energylakehouse.etl.source.aeso;

import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.config.Settings;
import io.energylakehouse.etl.connector.HubDatasets;
import io.energylakehouse.etl.connector.MarketReport;
import io.energylakehouse.etl.raw.ParsedPayload;
import io.energylakehouse.etl.raw.RawFields;
import io.energylakehouse.etl.raw.RawRecord;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static io.energylakehouse.etl.source.aeso.AesoTestFiles.parseResource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** AESO behind the connector SPI: its reports and hub datasets, the report of a file name, the raw-row inverse, and the live plan. */
class TestAesoConnector
{
    private static final AesoConnector CONNECTOR = new AesoConnector();

    @Test
    void declaresItsReportsAndRealTimeOnlyHubDatasets()
    {
        assertThat(CONNECTOR.market().code()).isEqualTo("AESO");
        assertThat(CONNECTOR.market().currency()).isEqualTo("CAD");
        assertThat(CONNECTOR.reports()).extracting(MarketReport::name).containsExactly("pool_price", "system_marginal_price");
        assertThat(CONNECTOR.reports()).extracting(MarketReport::requestName).containsExactly("poolPrice", "systemMarginalPrice");
        assertThat(CONNECTOR.reports()).extracting(report -> report.datasets().get(0)).containsExactly("rt_hourly", "rt_smp_5min");
        assertThat(CONNECTOR.reports()).extracting(report -> report.rawTable().name()).containsExactly("aeso_pool_price", "aeso_system_marginal_price");
        assertThat(CONNECTOR.hubDatasets()).contains(HubDatasets.realTimeOnly("rt_hourly", 60, "system"));
        assertThat(CONNECTOR.report("System-Marginal-Price").name()).isEqualTo("system_marginal_price");
        assertThat(CONNECTOR.settingKeys()).contains("etl.aeso.base-url", "etl.aeso.request-pause");
    }

    @Test
    void tellsTheReportOfAFileByItsName()
    {
        assertThat(CONNECTOR.reportOfFile("aeso_pool_price_20241101_20241130.json")).map(MarketReport::name).contains("pool_price");
        assertThat(CONNECTOR.reportOfFile("aeso_system_marginal_price_20241101_20241130.json")).map(MarketReport::name).contains("system_marginal_price");
        assertThat(CONNECTOR.reportOfFile("HistoricalPoolPriceReport_20251102.csv")).map(MarketReport::name).contains("pool_price");
        assertThat(CONNECTOR.reportOfFile("HistoricalSystemMarginalPriceReport_20251102.csv")).map(MarketReport::name).contains("system_marginal_price");
        assertThat(CONNECTOR.reportOfFile("poolPrice-2024-11.json")).map(MarketReport::name).contains("pool_price");
        assertThat(CONNECTOR.reportOfFile("aeso_smp_2024.csv")).map(MarketReport::name).contains("system_marginal_price");
        assertThat(CONNECTOR.reportOfFile("CSDReport_20170713.csv")).isEmpty();
        assertThat(CONNECTOR.reportOfFile("README.txt")).isEmpty();
    }

    @Test
    void selectsReplayedFilesByReportAndDays()
    {
        List<Path> files = Stream.of("aeso_pool_price_20241001_20241031.json", "aeso_pool_price_20241101_20241130.json",
                "aeso_system_marginal_price_20241101_20241130.json", "aeso_pool_price_20241201_20241201.json", "HistoricalPoolPriceReport_20251102.csv",
                "README.txt").map(Path::of).toList();
        LocalDate day = LocalDate.of(2024, 11, 3);

        assertThat(CONNECTOR.select(files, day, day, List.of())).extracting(Path::toString).containsExactly("aeso_pool_price_20241101_20241130.json",
                "aeso_system_marginal_price_20241101_20241130.json", "HistoricalPoolPriceReport_20251102.csv", "README.txt");
        assertThat(CONNECTOR.select(files, day, day, List.of(CONNECTOR.report("pool_price")))).extracting(Path::toString)
                .containsExactly("aeso_pool_price_20241101_20241130.json", "HistoricalPoolPriceReport_20251102.csv", "README.txt");
    }

    @Test
    void recordOfARawRowIsTheParsedRecord()
    {
        Map<String, List<String>> files = Map.of("pool_price", List.of("aeso_pool_price_20250309_20250309.json", "HistoricalPoolPriceReport_20251102.csv"),
                "system_marginal_price", List.of("aeso_system_marginal_price_20241103_20241103.json", "HistoricalSystemMarginalPriceReport_20240310.csv"));
        for (Map.Entry<String, List<String>> entry : files.entrySet()) {
            MarketReport report = CONNECTOR.report(entry.getKey());
            List<String> columns = report.rawTable().columnNames();
            for (String file : entry.getValue()) {
                ParsedPayload parsed = parseResource(AesoReport.fromName(report.requestName()), file);
                assertThat(parsed.records()).isNotEmpty();
                for (RawRecord record : parsed.records()) {
                    Row row = record.toRow("fetch-1", "landing-1");
                    assertThat(row.size()).as(file).isEqualTo(columns.size());
                    Map<String, Object> values = new HashMap<>();
                    for (int i = 0; i < columns.size(); i++) {
                        values.put(columns.get(i), row.get(i));
                    }
                    assertThat(values.get("fetch_id")).isEqualTo("fetch-1");
                    assertThat(CONNECTOR.record(report, (RawFields) values::get)).as(file).isEqualTo(record);
                }
            }
        }
    }

    @Test
    void refusesLocationsOtherThanTheSystemPrice()
    {
        LocalDate day = LocalDate.of(2024, 7, 1);
        assertThatThrownBy(() -> CONNECTOR.live(CONNECTOR.reports(), day, day, List.of("CALGARY"), Settings.empty()))
                .isInstanceOf(LakehouseException.class)
                .hasMessage("Cannot fetch AESO locations [CALGARY]: Alberta has one system price, ALBERTA; leave out --nodes");
    }

    @Test
    void plansLiveCallsLazilyWhenTheKeyIsSet()
    {
        LocalDate day = LocalDate.of(2024, 7, 1);
        if (Optional.ofNullable(System.getenv("AESO_API_KEY")).filter(value -> !value.isBlank()).isEmpty()) {
            assertThatThrownBy(() -> CONNECTOR.live(CONNECTOR.reports(), day, day, List.of(), Settings.empty()))
                    .isInstanceOf(LakehouseException.class)
                    .hasMessageStartingWith("Cannot fetch AESO: set AESO_API_KEY");
            return;
        }
        // planned, nothing fetched yet
        assertThat(CONNECTOR.live(CONNECTOR.reports(), day, day, List.of("alberta"), Settings.empty()).plan()).isEqualTo("2 AESO API calls, at least PT1S apart");
    }
}
