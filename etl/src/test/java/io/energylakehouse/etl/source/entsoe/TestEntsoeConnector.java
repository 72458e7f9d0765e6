package io.energylakehouse.etl.source.entsoe;

import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.config.Settings;
import io.energylakehouse.etl.connector.MarketReport;
import io.energylakehouse.etl.curate.LocationAttributes;
import io.energylakehouse.etl.raw.RawFields;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.energylakehouse.etl.source.entsoe.EntsoeTestFiles.parseResource;
import static io.energylakehouse.etl.source.entsoe.EntsoeTestFiles.records;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** ENTSO-E behind the connector SPI: reports, datasets, hub datasets, file names, the raw-row inverse, location attributes. */
class TestEntsoeConnector
{
    private static final EntsoeConnector CONNECTOR = new EntsoeConnector();

    @Test
    void declaresItsReports()
    {
        assertThat(CONNECTOR.market().code()).isEqualTo("ENTSOE");
        assertThat(CONNECTOR.reports()).extracting(MarketReport::name).containsExactly("a44", "a65", "a69");
        assertThat(CONNECTOR.report("A44").datasets()).containsExactly("da_hourly", "da_15min", "exaa_15min");
        assertThat(CONNECTOR.report("a65").datasets()).containsExactly("load_actual_mw", "load_forecast_mw");
        assertThat(CONNECTOR.report("a69").datasets()).containsExactly("solar_forecast_mw", "wind_onshore_forecast_mw", "wind_offshore_forecast_mw");
        assertThat(CONNECTOR.report("a44").rawTable().name()).isEqualTo("entsoe_a44");
        assertThat(CONNECTOR.hubDatasets().orElseThrow().dayAheadDataset()).contains("da_hourly");
        assertThat(CONNECTOR.hubDatasets().orElseThrow().realTimeDataset()).isEmpty();
        assertThat(CONNECTOR.hubDatasets().orElseThrow().locationType()).isEqualTo("zone");
        assertThat(CONNECTOR.hubDatasets().orElseThrow().dayAheadSubHourlyDataset()).contains("da_15min");
        assertThat(CONNECTOR.settingKeys()).contains("etl.entsoe.base-url", "etl.entsoe.request-pause");
    }

    @Test
    void tellsReportAndDayOfAFileByItsName()
    {
        assertThat(CONNECTOR.reportOfFile("A44_DE_LU_2025-03-30.xml")).map(MarketReport::name).contains("a44");
        assertThat(CONNECTOR.reportOfFile("A65_A16_FR_2024-07-01.xml")).map(MarketReport::name).contains("a65");
        assertThat(CONNECTOR.reportOfFile("FR_day_ahead_price_A44.xml")).map(MarketReport::name).contains("a44");
        assertThat(CONNECTOR.reportOfFile("notes.txt")).isEmpty();

        List<Path> files = Stream.of("A44_FR_2024-03-30.xml", "A44_FR_2024-03-31.xml", "A44_NO_2_2024-03-31.xml", "A65_A01_FR_2024-03-31.xml",
                "A44_FR_2024-04-01.xml", "README.txt").map(Path::of).toList();
        LocalDate day = LocalDate.of(2024, 3, 31);
        assertThat(CONNECTOR.select(files, day, day, List.of())).extracting(Path::toString).containsExactly("A44_FR_2024-03-31.xml", "A44_NO_2_2024-03-31.xml",
                "A65_A01_FR_2024-03-31.xml", "README.txt");
        assertThat(CONNECTOR.select(files, day, day, List.of(CONNECTOR.report("a44")))).extracting(Path::toString)
                .containsExactly("A44_FR_2024-03-31.xml", "A44_NO_2_2024-03-31.xml", "README.txt");
    }

    @Test
    void recordOfARawRowIsTheParsedRecord()
    {
        MarketReport report = CONNECTOR.report("a44");
        List<String> columns = report.rawTable().columnNames();
        for (EntsoePointRecord record : records(parseResource("A44_DE_LU_2025-03-30.xml"))) {
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

    @Test
    void locationAttributesComeFromTheRegistry()
    {
        EntsoePointRecord record = records(parseResource("A44_DE_LU_2025-03-30.xml")).get(0);
        assertThat(CONNECTOR.locationAttributes(CONNECTOR.report("a44"), record))
                .contains(new LocationAttributes("DE_LU", "Germany-Luxembourg", "10Y1001A1001A82H", "DE_LU"));
    }

    @Test
    void curatesPricesOfA44AndNoPricesOfTheFundamentalsReports()
    {
        List<EntsoePointRecord> records = records(parseResource("A44_FR_2024-03-31.xml"));
        assertThat(CONNECTOR.canonical(CONNECTOR.report("a44"), records, Instant.parse("2024-03-30T11:41:12Z"), "fetch-1").rows()).hasSize(23);
        assertThat(CONNECTOR.canonical(CONNECTOR.report("a65"), List.of(), Instant.parse("2024-03-30T11:41:12Z"), "fetch-1").rows()).isEmpty();
        assertThatThrownBy(() -> CONNECTOR.canonicalRecords(CONNECTOR.report("a44"), records, Instant.parse("2024-03-30T11:41:12Z"), "fetch-1"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void liveFetchNeedsTheTokenAndKnownZones()
    {
        assumeTrue(System.getenv("ENTSOE_API_TOKEN") == null, "ENTSOE_API_TOKEN is set here");
        LocalDate day = LocalDate.of(2024, 7, 1);
        assertThatThrownBy(() -> CONNECTOR.live(CONNECTOR.reports(), day, day, List.of("FR"), Settings.empty()))
                .isInstanceOf(LakehouseException.class)
                .hasMessageStartingWith("Cannot fetch ENTSOE: set ENTSOE_API_TOKEN");
        assertThatThrownBy(() -> EntsoeMarket.requireZone("XX"))
                .isInstanceOf(LakehouseException.class)
                .hasMessageStartingWith("Cannot find ENTSO-E bidding zone 'XX': known zones include DE_AT_LU, DE_LU, FR");
    }
}
