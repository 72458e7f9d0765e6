package io.energylakehouse.etl.source.spp;

import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.etl.connector.MarketReport;
import io.energylakehouse.etl.raw.RawFields;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.energylakehouse.etl.source.spp.SppTestFiles.parseResource;
import static io.energylakehouse.etl.source.spp.SppTestFiles.records;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SPP behind the connector SPI: its reports, the report of a file name, the raw-row inverse, and the refused live fetch. */
class TestSppConnector
{
    private static final SppConnector CONNECTOR = new SppConnector();

    @Test
    void declaresItsReports()
    {
        assertThat(CONNECTOR.market().code()).isEqualTo("SPP");
        assertThat(CONNECTOR.reports()).extracting(MarketReport::name).containsExactly("da_lmp_sl", "da_lmp_b", "rtbm_lmp_sl", "rtbm_lmp_daily");
        assertThat(CONNECTOR.reports()).extracting(report -> report.datasets().get(0)).containsExactly("da_hourly", "da_hourly", "rt_5min", "rt_5min");
        assertThat(CONNECTOR.hubDatasets().orElseThrow().dayAhead()).isEqualTo("da_hourly");
        assertThat(CONNECTOR.hubDatasets().orElseThrow().realTime()).isEqualTo("rt_5min");
        assertThat(CONNECTOR.hubDatasets().orElseThrow().realTimeIntervalMinutes()).isEqualTo(5);
        assertThat(CONNECTOR.report("RTBM-LMP-DAILY").name()).isEqualTo("rtbm_lmp_daily");
    }

    @Test
    void tellsTheReportOfAFileByItsName()
    {
        assertThat(CONNECTOR.reportOfFile("RTBM-LMP-SL-202511020105d.csv")).map(MarketReport::name).contains("rtbm_lmp_sl");
        assertThat(CONNECTOR.reportOfFile("RTBM-LMP-DAILY-SL-20241103.csv")).map(MarketReport::name).contains("rtbm_lmp_daily");
        assertThat(CONNECTOR.reportOfFile("DA-LMP-SL-202407010100.csv")).map(MarketReport::name).contains("da_lmp_sl");
        assertThat(CONNECTOR.reportOfFile("DA-LMP-B-202407010100.csv")).map(MarketReport::name).contains("da_lmp_b");
        assertThat(CONNECTOR.reportOfFile("notes.txt")).isEmpty();
    }

    @Test
    void selectsReplayedFilesByReportAndOperatingDay()
    {
        List<java.nio.file.Path> files = java.util.stream.Stream.of("DA-LMP-SL-202411020100.csv", "DA-LMP-SL-202411030100.csv", "DA-LMP-B-202411030100.csv",
                "RTBM-LMP-DAILY-SL-20241103.csv", "RTBM-LMP-SL-202411030000.csv", "RTBM-LMP-SL-202411030005.csv", "RTBM-LMP-SL-202411040000.csv",
                "RTBM-LMP-SL-202411040005.csv", "README.txt").map(java.nio.file.Path::of).toList();
        LocalDate day = LocalDate.of(2024, 11, 3);

        // the interval ending at midnight belongs to the day before it
        assertThat(CONNECTOR.select(files, day, day, List.of())).extracting(java.nio.file.Path::toString).containsExactly("DA-LMP-SL-202411030100.csv",
                "DA-LMP-B-202411030100.csv", "RTBM-LMP-DAILY-SL-20241103.csv", "RTBM-LMP-SL-202411030005.csv", "RTBM-LMP-SL-202411040000.csv", "README.txt");
        assertThat(CONNECTOR.select(files, day, day, List.of(CONNECTOR.report("rtbm_lmp_daily")))).extracting(java.nio.file.Path::toString)
                .containsExactly("RTBM-LMP-DAILY-SL-20241103.csv", "README.txt");
    }

    @Test
    void recordOfARawRowIsTheParsedRecord()
    {
        for (SppReport report : List.of(SppReport.DA_LMP_SL, SppReport.DA_LMP_B)) {
            String file = report == SppReport.DA_LMP_SL ? "DA-LMP-SL-202403100100.csv" : "DA-LMP-B-202407010100.csv";
            MarketReport marketReport = CONNECTOR.report(report.reportName());
            List<String> columns = marketReport.rawTable().columnNames();
            for (SppLmpRecord record : records(parseResource(report, file))) {
                Row row = record.toRow("fetch-1", "landing-1");
                assertThat(row.size()).isEqualTo(columns.size());
                Map<String, Object> values = new HashMap<>();
                for (int i = 0; i < columns.size(); i++) {
                    values.put(columns.get(i), row.get(i));
                }
                assertThat(values.get("fetch_id")).isEqualTo("fetch-1");
                assertThat(CONNECTOR.record(marketReport, (RawFields) values::get)).isEqualTo(record);
            }
        }
    }

    @Test
    void plansLiveFetchLazilyAndRefusesLocations()
    {
        LocalDate day = LocalDate.of(2024, 7, 1);
        io.energylakehouse.etl.connector.LiveFetch fetch = CONNECTOR.live(List.of(CONNECTOR.report("da_lmp_sl"), CONNECTOR.report("rtbm_lmp_daily")), day, day,
                List.of(), io.energylakehouse.common.config.Settings.empty());
        // planned, nothing fetched yet
        assertThat(fetch.plan()).isEqualTo("2 SPP Marketplace file downloads, at least PT2S apart");
        assertThat(CONNECTOR.settingKeys()).contains("etl.spp.base-url", "etl.spp.request-pause");

        assertThatThrownBy(() -> CONNECTOR.live(CONNECTOR.reports(), day, day, List.of("SPPNORTH_HUB"), io.energylakehouse.common.config.Settings.empty()))
                .isInstanceOf(LakehouseException.class)
                .hasMessage("Cannot fetch SPP locations [SPPNORTH_HUB] alone: SPP's files hold every settlement location or bus; leave out --nodes");
    }
}
