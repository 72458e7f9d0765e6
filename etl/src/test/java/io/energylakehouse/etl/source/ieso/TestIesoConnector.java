package io.energylakehouse.etl.source.ieso;

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
import java.util.Optional;
import java.util.stream.Stream;

import static io.energylakehouse.etl.source.ieso.IesoTestFiles.parseResource;
import static io.energylakehouse.etl.source.ieso.IesoTestFiles.records;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** IESO behind the connector SPI: its reports and datasets, the report of a file name, the raw-row inverse, location attributes, live planning. */
class TestIesoConnector
{
    private static final IesoConnector CONNECTOR = new IesoConnector();

    @Test
    void declaresItsReportsAndDatasets()
    {
        assertThat(CONNECTOR.market().code()).isEqualTo("IESO");
        assertThat(CONNECTOR.market().currency()).isEqualTo("CAD");
        assertThat(CONNECTOR.reports()).extracting(MarketReport::name).containsExactly("da_hourly_energy_lmp", "rt_energy_lmp", "da_ontario_zonal_price",
                "rt_ontario_zonal_price", "hoep");
        assertThat(CONNECTOR.reports()).extracting(report -> report.datasets().get(0)).containsExactly("da_hourly", "rt_5min", "da_hourly", "rt_5min",
                "rt_hourly");
        assertThat(CONNECTOR.reports()).extracting(MarketReport::requestName).containsExactly("DAHourlyEnergyLMP", "RealtimeEnergyLMP",
                "DAHourlyOntarioZonalPrice", "RealtimeOntarioZonalPrice", "DispUnconsHOEP");
        HubDatasets hub = CONNECTOR.hubDatasets().orElseThrow();
        assertThat(hub.dayAhead()).isEqualTo("da_hourly");
        assertThat(hub.realTime()).isEqualTo("rt_5min");
        assertThat(hub.realTimeIntervalMinutes()).isEqualTo(5);
        assertThat(hub.locationType()).isEqualTo("zone");
        assertThat(CONNECTOR.report("RT-ONTARIO-ZONAL-PRICE").name()).isEqualTo("rt_ontario_zonal_price");
        assertThat(CONNECTOR.reports()).extracting(report -> report.rawTable().identifier()).doesNotHaveDuplicates();
        assertThat(CONNECTOR.market().time().hoursInDay(LocalDate.of(2025, 11, 2))).isEqualTo(24);
        assertThat(CONNECTOR.market().time().hoursInDay(LocalDate.of(2024, 3, 10))).isEqualTo(24);
    }

    @Test
    void tellsTheReportOfAFileByItsName()
    {
        assertThat(CONNECTOR.reportOfFile("PUB_RealtimeOntarioZonalPrice_2025050210_v2.xml")).map(MarketReport::name).contains("rt_ontario_zonal_price");
        assertThat(CONNECTOR.reportOfFile("PUB_DAHourlyOntarioZonalPrice_20250502_v1.xml")).map(MarketReport::name).contains("da_ontario_zonal_price");
        assertThat(CONNECTOR.reportOfFile("PUB_DAHourlyEnergyLMP.csv")).map(MarketReport::name).contains("da_hourly_energy_lmp");
        assertThat(CONNECTOR.reportOfFile("PUB_RealtimeEnergyLMP_2025050224.csv")).map(MarketReport::name).contains("rt_energy_lmp");
        assertThat(CONNECTOR.reportOfFile("PUB_DispUnconsHOEP_20250416.csv")).map(MarketReport::name).contains("hoep");
        assertThat(CONNECTOR.reportOfFile("notes.txt")).isEmpty();
    }

    @Test
    void selectsReplayedFilesByReportAndDayWithEveryVersion()
    {
        List<Path> files = Stream.of("PUB_DAHourlyEnergyLMP_20251101.csv", "PUB_DAHourlyEnergyLMP_20251102.csv", "PUB_DAHourlyEnergyLMP_20251102_v1.csv",
                "PUB_DAHourlyEnergyLMP_20251102_v2.csv", "PUB_RealtimeEnergyLMP_2025110224.csv", "PUB_RealtimeEnergyLMP_2025110301.csv",
                "PUB_DAHourlyEnergyLMP.csv", "README.txt").map(Path::of).toList();
        LocalDate day = LocalDate.of(2025, 11, 2);

        assertThat(CONNECTOR.select(files, day, day, List.of())).extracting(Path::toString).containsExactly("PUB_DAHourlyEnergyLMP_20251102.csv",
                "PUB_DAHourlyEnergyLMP_20251102_v1.csv", "PUB_DAHourlyEnergyLMP_20251102_v2.csv", "PUB_RealtimeEnergyLMP_2025110224.csv",
                "PUB_DAHourlyEnergyLMP.csv", "README.txt");
        assertThat(CONNECTOR.select(files, day, day, List.of(CONNECTOR.report("rt_energy_lmp")))).extracting(Path::toString)
                .containsExactly("PUB_RealtimeEnergyLMP_2025110224.csv", "README.txt");
    }

    @Test
    void recordOfARawRowIsTheParsedRecord()
    {
        Map<IesoReport, String> files = Map.of(IesoReport.DA_HOURLY_ENERGY_LMP, "PUB_DAHourlyEnergyLMP_20251102.csv", IesoReport.RT_ENERGY_LMP,
                "PUB_RealtimeEnergyLMP_2025110202.csv", IesoReport.DA_ONTARIO_ZONAL_PRICE, "PUB_DAHourlyOntarioZonalPrice_20251102.xml",
                IesoReport.RT_ONTARIO_ZONAL_PRICE, "PUB_RealtimeOntarioZonalPrice_2025110202.xml", IesoReport.HOEP, "PUB_DispUnconsHOEP_20241103.csv");
        for (Map.Entry<IesoReport, String> file : files.entrySet()) {
            MarketReport report = CONNECTOR.report(file.getKey().reportName());
            List<String> columns = report.rawTable().columnNames();
            List<IesoPriceRecord> records = records(parseResource(file.getKey(), file.getValue()));
            assertThat(records).as(file.getValue()).isNotEmpty();
            for (IesoPriceRecord record : records) {
                Row row = record.toRow("fetch-1", "landing-1");
                assertThat(row.size()).isEqualTo(columns.size());
                Map<String, Object> values = new HashMap<>();
                for (int i = 0; i < columns.size(); i++) {
                    values.put(columns.get(i), row.get(i));
                }
                assertThat(values.get("fetch_id")).isEqualTo("fetch-1");
                assertThat(values.get("landing_id")).isEqualTo("landing-1");
                assertThat(report.rawTable().requiredColumns().stream().filter(column -> values.get(column) == null).toList()).as(file.getValue()).isEmpty();
                assertThat(CONNECTOR.record(report, (RawFields) values::get)).isEqualTo(record);
            }
        }
    }

    @Test
    void givesLocationAttributes()
    {
        IesoPriceRecord node = records(parseResource(IesoReport.DA_HOURLY_ENERGY_LMP, "PUB_DAHourlyEnergyLMP_20251102.csv")).get(0);
        assertThat(CONNECTOR.locationAttributes(CONNECTOR.report("da_hourly_energy_lmp"), node))
                .contains(new LocationAttributes("BRUCEGS-LT.G1", null, "LMP", null));
        IesoPriceRecord zone = records(parseResource(IesoReport.DA_ONTARIO_ZONAL_PRICE, "PUB_DAHourlyOntarioZonalPrice_20251102.xml")).get(0);
        assertThat(CONNECTOR.locationAttributes(CONNECTOR.report("da_ontario_zonal_price"), zone))
                .contains(new LocationAttributes("ONTARIO", "Ontario", null, null));
        IesoPriceRecord hoep = records(parseResource(IesoReport.HOEP, "PUB_DispUnconsHOEP_20241103.csv")).get(0);
        assertThat(CONNECTOR.locationAttributes(CONNECTOR.report("hoep"), hoep)).contains(new LocationAttributes("ONTARIO", "Ontario", null, null));
    }

    @Test
    void plansLiveFetchLazilyAndRefusesLocations()
    {
        LocalDate day = LocalDate.of(2025, 7, 1);
        LiveFetch fetch = CONNECTOR.live(List.of(CONNECTOR.report("da_hourly_energy_lmp"), CONNECTOR.report("da_ontario_zonal_price")), day, day, List.of(),
                Settings.empty());
        assertThat(fetch.plan()).isEqualTo("2 IESO public report downloads, at least PT1S apart");
        assertThat(CONNECTOR.settingKeys()).contains("etl.ieso.base-url", "etl.ieso.request-pause");

        assertThatThrownBy(() -> CONNECTOR.live(CONNECTOR.reports(), day, day, List.of("ONTARIO"), Settings.empty()))
                .isInstanceOf(LakehouseException.class)
                .hasMessage("Cannot fetch IESO locations [ONTARIO] alone: IESO's files hold every pricing location; leave out --nodes");
        assertThat(Optional.of(CONNECTOR.samples())).isPresent();
    }
}
