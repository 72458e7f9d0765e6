package io.energylakehouse.etl.source.miso;

import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.config.Settings;
import io.energylakehouse.etl.connector.LiveFetch;
import io.energylakehouse.etl.connector.MarketConnector;
import io.energylakehouse.etl.connector.MarketReport;
import io.energylakehouse.etl.raw.RawFields;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.energylakehouse.etl.source.miso.MisoTestFiles.parse;
import static io.energylakehouse.etl.source.miso.MisoTestFiles.records;
import static io.energylakehouse.etl.source.miso.MisoTestFiles.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** MISO behind the connector SPI: its reports, datasets, file names, the raw-row inverse and the live refusal. */
class TestMisoConnector
{
    private final MarketConnector connector = new MisoConnector();

    @Test
    void declaresThreeHourlyReportsAndTheWeeklyFiveMinuteZip()
    {
        assertThat(connector.market().code()).isEqualTo("MISO");
        assertThat(connector.reports()).extracting(MarketReport::name).containsExactly("da_expost_lmp", "rt_lmp_prelim", "rt_lmp_final", "rt_5min_lmp");
        assertThat(connector.reports()).extracting(report -> report.datasets().get(0)).containsExactly("da_hourly", "rt_hourly", "rt_hourly", "rt_5min");
        assertThat(connector.reports()).extracting(report -> report.rawTable().identifier())
                .containsExactly("raw.miso_da_expost_lmp", "raw.miso_rt_lmp_prelim", "raw.miso_rt_lmp_final", "raw.miso_rt_5min_lmp");
        assertThat(connector.reports().get(3).outputs().get(0).intervalMinutes()).hasValue(5);
        assertThat(connector.hubDatasets().orElseThrow().dayAhead()).isEqualTo("da_hourly");
        assertThat(connector.hubDatasets().orElseThrow().realTime()).isEqualTo("rt_hourly");
        assertThat(connector.hubDatasets().orElseThrow().realTimeIntervalMinutes()).isEqualTo(60);
        assertThat(connector.report("RT-LMP-FINAL").name()).isEqualTo("rt_lmp_final");
        assertThat(connector.samples()).isPresent();
    }

    @Test
    void knowsTheReportOfMisoFileNames()
    {
        assertThat(connector.reportOfFile("20240310_da_expost_lmp.csv")).map(MarketReport::name).contains("da_expost_lmp");
        assertThat(connector.reportOfFile("20241103_rt_lmp_prelim.csv")).map(MarketReport::name).contains("rt_lmp_prelim");
        assertThat(connector.reportOfFile("20241103_rt_lmp_final.csv")).map(MarketReport::name).contains("rt_lmp_final");
        assertThat(connector.reportOfFile("20240318_5MIN_LMP.zip")).map(MarketReport::name).contains("rt_5min_lmp");
        assertThat(connector.reportOfFile("20240310_da_exante_lmp.csv")).isEmpty();
        assertThat(connector.reportOfFile("20250310_df_al.xls")).isEmpty();
    }

    @Test
    void rawRowsReadBackAsTheParsersRecords()
    {
        MarketReport report = connector.report("rt_lmp_final");
        List<MisoLmpRecord> records = records(parse(MisoReport.RT_LMP_FINAL, "20241103_rt_lmp_final.csv", resource("20241103_rt_lmp_final.csv")));
        List<String> columns = report.rawTable().columnNames();

        for (MisoLmpRecord record : List.of(records.get(0), records.get(records.size() - 1))) {
            Row row = record.toRow("fetch-1", "landing-1");
            assertThat(row.size()).isEqualTo(columns.size());
            Map<String, Object> fields = new HashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                fields.put(columns.get(i), row.get(i));
            }
            RawFields rawFields = fields::get;
            assertThat(connector.record(report, rawFields)).isEqualTo(record);
        }
    }

    @Test
    void fiveMinuteRawRowsReadBackAsTheParsersRecords()
    {
        MarketReport report = connector.report("rt_5min_lmp");
        MisoFiveMinuteRecord record = new MisoFiveMinuteRecord(6, java.time.Instant.parse("2024-03-10T07:00:00Z"), "2024-03-10 02:00:00", "MINN.HUB", -3.5,
                -4.25, 0.5);
        Row row = record.toRow("fetch-1", "landing-1");
        List<String> columns = report.rawTable().columnNames();
        assertThat(row.size()).isEqualTo(columns.size());
        Map<String, Object> fields = new HashMap<>();
        for (int i = 0; i < columns.size(); i++) {
            fields.put(columns.get(i), row.get(i));
        }
        RawFields rawFields = fields::get;

        assertThat(connector.record(report, rawFields)).isEqualTo(record);
        assertThat(connector.parser(report, io.energylakehouse.etl.raw.PayloadLimits.DEFAULTS)).isInstanceOf(MisoFiveMinuteParser.class);
        assertThat(connector.parser(connector.report("da_expost_lmp"), io.energylakehouse.etl.raw.PayloadLimits.DEFAULTS)).isInstanceOf(MisoLmpParser.class);
        // landing any MISO payload creates every MISO raw table, so curating rt_5min before a weekly zip landed reads an empty table
        for (MarketReport each : connector.reports()) {
            assertThat(connector.parser(each, io.energylakehouse.etl.raw.PayloadLimits.DEFAULTS).rawTables())
                    .containsExactlyInAnyOrderElementsOf(connector.reports().stream().map(MarketReport::rawTable).toList());
        }
    }

    @Test
    void livePlansOneFilePerReportAndDayWithoutCallingYet()
    {
        LiveFetch fetch = connector.live(connector.reports(), LocalDate.of(2024, 7, 1), LocalDate.of(2024, 7, 2), List.of(), Settings.empty());

        assertThat(fetch.plan()).isEqualTo("6 MISO market report files from https://docs.misoenergy.org/marketreports, at least PT1S apart "
                + "(rt_5min_lmp not fetched live: replay its weekly zip)");
        assertThatThrownBy(() -> connector.live(List.of(connector.report("rt_5min_lmp")), LocalDate.of(2024, 7, 1), LocalDate.of(2024, 7, 1), List.of(),
                Settings.empty()))
                .isInstanceOf(LakehouseException.class)
                .hasMessage("Cannot fetch MISO rt_5min_lmp live: the weekly {yyyyMMdd}_5MIN_LMP.zip is hundreds of megabytes, more than a payload may be; "
                        + "download it and replay the file");
        assertThat(connector.settingKeys()).containsExactly("etl.miso.base-url", "etl.miso.request-pause", "etl.miso.max-attempts",
                "etl.miso.throttle-backoff", "etl.miso.request-timeout", "etl.miso.max-backoff");
        assertThat(connector.settingsSummary(Settings.empty())).startsWith("MISO live: etl.miso.base-url=https://docs.misoenergy.org/marketreports, "
                + "etl.miso.request-pause=PT1S, etl.miso.max-attempts=4");
    }

    @Test
    void liveRefusesNodeSelections()
    {
        assertThatThrownBy(() -> connector.live(connector.reports(), LocalDate.of(2024, 7, 1), LocalDate.of(2024, 7, 1), List.of("MINN.HUB"),
                Settings.empty()))
                .isInstanceOf(LakehouseException.class)
                .hasMessage("Cannot fetch MISO nodes [MINN.HUB] alone: MISO's market reports hold every node; leave out --nodes");
    }

    @Test
    void parserRefusesUnknownReports()
    {
        assertThatThrownBy(() -> MisoReport.fromName("da_exante_lmp"))
                .isInstanceOf(LakehouseException.class)
                .hasMessage("Cannot use MISO report 'da_exante_lmp': known reports are da_expost_lmp, rt_lmp_prelim, rt_lmp_final, rt_5min_lmp");
        assertThat(MisoReport.DA_EXPOST_LMP.fileName(LocalDate.of(2024, 3, 10))).isEqualTo("20240310_da_expost_lmp.csv");
        // the weekly zip is named by the Monday two weeks after the week it holds: 2024-10-14 holds 2024-09-30..2024-10-06
        assertThat(MisoReport.RT_5MIN_LMP.fileDate(LocalDate.of(2024, 9, 30))).isEqualTo(LocalDate.of(2024, 10, 14));
        assertThat(MisoReport.RT_5MIN_LMP.fileDate(LocalDate.of(2024, 10, 6))).isEqualTo(LocalDate.of(2024, 10, 14));
        assertThat(MisoReport.RT_5MIN_LMP.fileName(MisoReport.RT_5MIN_LMP.fileDate(LocalDate.of(2024, 3, 10)))).isEqualTo("20240318_5MIN_LMP.zip");
        assertThat(MisoReport.RT_5MIN_LMP.fileName(MisoReport.RT_5MIN_LMP.fileDate(LocalDate.of(2024, 11, 3)))).isEqualTo("20241111_5MIN_LMP.zip");
        assertThat(MisoLiveSource.plan(List.of(MisoReport.RT_5MIN_LMP), LocalDate.of(2024, 3, 10), LocalDate.of(2024, 3, 12)))
                .extracting(MisoLiveSource.Request::fileName).containsExactly("20240318_5MIN_LMP.zip", "20240325_5MIN_LMP.zip");
        assertThat(MisoLmpParser.FileName.parse("20241103_rt_lmp_final.csv"))
                .isEqualTo(new MisoLmpParser.FileName(Optional.of(LocalDate.of(2024, 11, 3)), Optional.of("rt_lmp_final")));
    }
}
