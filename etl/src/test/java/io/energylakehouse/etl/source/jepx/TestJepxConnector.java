package io.energylakehouse.etl.source.jepx;

import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.config.Settings;
import io.energylakehouse.etl.connector.Connectors;
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
import java.util.OptionalInt;
import java.util.stream.Stream;

import static io.energylakehouse.etl.source.jepx.JepxTestFiles.parse;
import static io.energylakehouse.etl.source.jepx.JepxTestFiles.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** JEPX behind the connector SPI: its report, dataset and hub datasets, the report and fiscal year of a file name, the raw-row inverse. */
class TestJepxConnector
{
    private static final JepxConnector CONNECTOR = new JepxConnector();

    @Test
    void declaresTheSpotReportAndHalfHourlyDayAheadHubDatasets()
    {
        assertThat(Connectors.require("jepx")).isInstanceOf(JepxConnector.class);
        assertThat(CONNECTOR.market().code()).isEqualTo("JEPX");
        assertThat(CONNECTOR.market().currency()).isEqualTo("JPY");
        assertThat(CONNECTOR.reports()).extracting(MarketReport::name).containsExactly("spot");
        MarketReport spot = CONNECTOR.report("SPOT");
        assertThat(spot.source()).isEqualTo("jepx-web");
        assertThat(spot.datasets()).containsExactly("da_30min");
        assertThat(spot.outputs().get(0).canonicalTable().identifier()).isEqualTo("curated.market_prices");
        assertThat(spot.outputs().get(0).intervalMinutes()).isEqualTo(OptionalInt.of(30));
        assertThat(spot.rawTable().identifier()).isEqualTo("raw.jepx_spot");
        assertThat(CONNECTOR.hubDatasets()).contains(HubDatasets.subHourlyDayAheadOnly("da_30min", 30, "system").alsoPublishing("area"));
        assertThat(CONNECTOR.hubDatasets().orElseThrow().publishedLocationTypes()).containsExactly("system", "area");
        assertThat(CONNECTOR.hubDatasets().orElseThrow().expectedDayAheadIntervalsPerHour()).isEqualTo(2);
        assertThat(CONNECTOR.settingKeys()).contains("etl.jepx.base-url", "etl.jepx.request-pause");
        assertThat(CONNECTOR.demoDates()).contains(LocalDate.of(2025, 3, 31), LocalDate.of(2025, 4, 1));
        assertThat(CONNECTOR.samples()).isPresent();
    }

    @Test
    void tellsTheReportAndFiscalYearOfAFileByItsName()
    {
        assertThat(CONNECTOR.reportOfFile("spot_2025.csv")).map(MarketReport::name).contains("spot");
        assertThat(CONNECTOR.reportOfFile("jepx_spot_2025.csv")).map(MarketReport::name).contains("spot");
        assertThat(CONNECTOR.reportOfFile("JEPX-spot-download.csv")).map(MarketReport::name).contains("spot");
        assertThat(CONNECTOR.reportOfFile("README.txt")).isEmpty();
        // another market's spot prices are not JEPX's
        assertThat(CONNECTOR.reportOfFile("eia_spot_2025.csv")).isEmpty();
        assertThat(CONNECTOR.reportOfFile("spot_prices.csv")).isEmpty();
        assertThat(Connectors.all().stream().filter(connector -> connector.reportOfFile("spot_2025.csv").isPresent()).map(connector -> connector.market().code()))
                .containsExactly("JEPX");
        List<Path> files = Stream.of("spot_2023.csv", "spot_2024.csv", "spot_2025.csv", "spot_2026.csv", "prices.csv").map(Path::of).toList();

        // 2025-03-31..2025-04-01 needs FY2024's and FY2025's files; a file whose name says no year is kept
        assertThat(CONNECTOR.select(files, LocalDate.of(2025, 3, 31), LocalDate.of(2025, 4, 1), List.of()))
                .extracting(Path::toString).containsExactly("spot_2024.csv", "spot_2025.csv", "prices.csv");
        assertThat(CONNECTOR.select(files, LocalDate.of(2026, 1, 5), LocalDate.of(2026, 1, 5), List.of()))
                .extracting(Path::toString).containsExactly("spot_2025.csv", "prices.csv");
    }

    @Test
    void aRawRowGivesBackTheRecordItWasMadeOf()
    {
        ParsedPayload parsed = parse(resource(JepxTestFiles.FIXTURE));
        List<String> columns = JepxTables.RAW_SPOT.columnNames();
        for (int index : new int[] {0, 1, 95}) {
            JepxSpotRecord record = (JepxSpotRecord) parsed.records().get(index);
            Row row = record.toRow("fetch-1", "landing-1");
            assertThat(row.size()).isEqualTo(columns.size());
            Map<String, Object> byName = new HashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                byName.put(columns.get(i), row.get(i));
            }
            assertThat(byName).containsEntry("fetch_id", "fetch-1").containsEntry("slot_code", record.slotCode());
            RawRecord back = CONNECTOR.record(JepxConnector.SPOT, (RawFields) byName::get);
            assertThat(back).isEqualTo(record);
        }
    }

    @Test
    void aLocationJepxDoesNotPriceIsAUserError()
    {
        assertThatThrownBy(() -> CONNECTOR.live(List.of(JepxConnector.SPOT), LocalDate.of(2025, 4, 1), LocalDate.of(2025, 4, 1), List.of("OKINAWA"),
                Settings.of(Map.of())))
                .isInstanceOf(LakehouseException.class)
                .hasMessageStartingWith("Cannot fetch JEPX locations [OKINAWA]: JEPX prices SYSTEM, HOKKAIDO, TOHOKU, TOKYO, CHUBU, HOKURIKU, KANSAI, CHUGOKU, "
                        + "SHIKOKU, KYUSHU");
    }
}
