package io.energylakehouse.etl.source.aemo;

import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.config.Settings;
import io.energylakehouse.common.table.CanonicalTables;
import io.energylakehouse.etl.connector.Connectors;
import io.energylakehouse.etl.connector.HubDatasets;
import io.energylakehouse.etl.connector.MarketConnector;
import io.energylakehouse.etl.connector.MarketReport;
import io.energylakehouse.etl.raw.ParsedPayload;
import io.energylakehouse.etl.raw.Payload;
import io.energylakehouse.etl.raw.RawFields;
import io.energylakehouse.etl.raw.RawRecord;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.energylakehouse.etl.source.aemo.AemoTestFiles.parseResource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** AEMO behind the connector SPI: registry entry, reports and outputs, hub datasets, file names, the raw-row inverse and the live plan. */
class TestAemoConnector
{
    private static final AemoConnector CONNECTOR = new AemoConnector();

    @Test
    void isRegisteredAndDeclaresItsReportsAndRealTimeOnlyHubDatasets()
    {
        assertThat(Connectors.find("aemo")).containsInstanceOf(AemoConnector.class);
        assertThat(CONNECTOR.market().code()).isEqualTo("AEMO");
        assertThat(CONNECTOR.market().currency()).isEqualTo("AUD");
        assertThat(CONNECTOR.reports()).extracting(MarketReport::name).containsExactly("dispatch_price", "trading_price", "daily", "price_thresholds");
        assertThat(CONNECTOR.reports()).extracting(MarketReport::requestName).containsExactly("DISPATCHPRICE", "TRADINGPRICE", "DAILY", "MARKET_PRICE_THRESHOLDS");
        assertThat(CONNECTOR.reports()).extracting(report -> report.rawTable().name()).containsExactly("aemo_dispatch_price", "aemo_trading_price", "aemo_daily",
                "aemo_price_thresholds");
        assertThat(CONNECTOR.report("dispatch_price").datasets()).containsExactly("rt_5min", "fcas_raise6sec_5min", "fcas_raise60sec_5min",
                "fcas_raise5min_5min", "fcas_raisereg_5min", "fcas_lower6sec_5min", "fcas_lower60sec_5min", "fcas_lower5min_5min", "fcas_lowerreg_5min",
                "fcas_raise1sec_5min", "fcas_lower1sec_5min");
        assertThat(CONNECTOR.report("trading_price").datasets()).containsExactly("trading_30min");
        assertThat(CONNECTOR.report("daily").datasets()).contains("rt_5min", "trading_30min").hasSize(12);
        assertThat(CONNECTOR.report("price_thresholds").outputs().get(0).canonicalTable()).isEqualTo(CanonicalTables.SPOT_PRICES);
        assertThat(CONNECTOR.hubDatasets()).contains(HubDatasets.realTimeOnly("rt_5min", 5, "region"));
        assertThat(CONNECTOR.report("Dispatch-Price").name()).isEqualTo("dispatch_price");
        assertThat(CONNECTOR.settingKeys()).contains("etl.aemo.base-url", "etl.aemo.request-pause");
        assertThat(CONNECTOR.demoDates()).containsExactly(LocalDate.of(2021, 9, 30), LocalDate.of(2021, 10, 1), LocalDate.of(2024, 6, 30),
                LocalDate.of(2024, 7, 1), LocalDate.of(2025, 11, 3));
    }

    @Test
    void itsRawTablesAreItsOwn()
    {
        List<String> others = new ArrayList<>();
        for (MarketConnector connector : Connectors.all()) {
            if (!(connector instanceof AemoConnector)) {
                connector.reports().forEach(report -> others.add(report.rawTable().identifier()));
            }
        }
        assertThat(CONNECTOR.reports()).extracting(report -> report.rawTable().identifier()).doesNotContainAnyElementsOf(others).doesNotHaveDuplicates();
    }

    @Test
    void tellsTheReportOfAFileByItsName()
    {
        Map<String, String> names = Map.of(
                "PUBLIC_DVD_DISPATCHPRICE_201804010000.zip", "dispatch_price",
                "PUBLIC_ARCHIVE#DISPATCHPRICE#FILE01#202408010000.zip", "dispatch_price",
                "PUBLIC_DISPATCHIS_202407010005_0000000428183218.zip", "dispatch_price",
                "PUBLIC_DVD_TRADINGPRICE_201804010000.zip", "trading_price",
                "PUBLIC_TRADINGIS_202110010010_0000000350000001.zip", "trading_price",
                "PUBLIC_DAILY_202110020000_0000000350100001.zip", "daily",
                "PUBLIC_DVD_MARKET_PRICE_THRESHOLDS_202104010000.zip", "price_thresholds",
                "SYNTHETIC_PUBLIC_DISPATCHPRICE_20240701.zip", "dispatch_price");
        names.forEach((file, report) -> assertThat(CONNECTOR.reportOfFile(file)).as(file).map(MarketReport::name).contains(report));
        assertThat(CONNECTOR.reportOfFile("PUBLIC_DVD_DISPATCHREGIONSUM_201804010000.zip")).isEmpty();
    }

    @Test
    void selectsReplayedFilesByReportAndDays()
    {
        List<Path> files = java.util.stream.Stream.of("PUBLIC_DVD_DISPATCHPRICE_201804010000.zip", "PUBLIC_DVD_DISPATCHPRICE_202406010000.zip",
                "PUBLIC_ARCHIVE#DISPATCHPRICE#FILE02#202407010000.zip", "PUBLIC_DISPATCHIS_202407010005_0000000428183218.zip",
                "PUBLIC_DISPATCHIS_202407020005_0000000428190077.zip", "SYNTHETIC_PUBLIC_DISPATCHPRICE_20240701.zip", "SYNTHETIC_PUBLIC_TRADINGPRICE_20240630.zip",
                "PUBLIC_DAILY_202407020000_0000000428190001.zip", "PUBLIC_DVD_TRADINGPRICE_202407010000.zip").map(Path::of).toList();
        LocalDate day = LocalDate.of(2024, 7, 1);

        assertThat(CONNECTOR.select(files, day, day, List.of(CONNECTOR.report("dispatch_price")))).extracting(Path::toString).containsExactly(
                "PUBLIC_ARCHIVE#DISPATCHPRICE#FILE02#202407010000.zip", "PUBLIC_DISPATCHIS_202407010005_0000000428183218.zip",
                "SYNTHETIC_PUBLIC_DISPATCHPRICE_20240701.zip");
        assertThat(CONNECTOR.select(files, day, day, List.of())).extracting(Path::toString).contains("PUBLIC_DAILY_202407020000_0000000428190001.zip",
                "PUBLIC_DVD_TRADINGPRICE_202407010000.zip").doesNotContain("SYNTHETIC_PUBLIC_TRADINGPRICE_20240630.zip");
    }

    @Test
    void recordOfARawRowIsTheParsedRecord()
            throws IOException
    {
        Map<String, String> files = Map.of("dispatch_price", "PUBLIC_DISPATCHIS_202407010005_0000000428183218.CSV", "trading_price",
                "PUBLIC_TRADINGIS_5MS_START_202110010010.CSV", "daily", "PUBLIC_DAILY_202110020000_0000000350100001.CSV");
        List<ParsedPayload> parsed = new ArrayList<>();
        List<MarketReport> reports = new ArrayList<>();
        files.forEach((report, file) -> {
            parsed.add(parseResource(AemoReport.fromName(report), file));
            reports.add(CONNECTOR.report(report));
        });
        Path thresholds = AemoTestFiles.REAL.resolve("PUBLIC_DVD_MARKET_PRICE_THRESHOLDS_202104010000.zip");
        if (Files.isRegularFile(thresholds)) {
            parsed.add(new AemoParser().parse(Payload.ofFile(AemoMarket.SOURCE, "MARKET_PRICE_THRESHOLDS", Payload.Origin.REPLAY, "k",
                    thresholds)));
            reports.add(CONNECTOR.report("price_thresholds"));
        }
        for (int p = 0; p < parsed.size(); p++) {
            MarketReport report = reports.get(p);
            List<String> columns = report.rawTable().columnNames();
            scala.Function1<Object, Object> toCatalyst = org.apache.spark.sql.catalyst.CatalystTypeConverters.createToCatalystConverter(report.rawTable().schema());
            assertThat(parsed.get(p).records()).isNotEmpty();
            for (RawRecord record : parsed.get(p).records()) {
                Row row = record.toRow("fetch-1", "landing-1");
                assertThat(row.size()).as(report.name()).isEqualTo(columns.size());
                Map<String, Object> values = new HashMap<>();
                for (int i = 0; i < columns.size(); i++) {
                    values.put(columns.get(i), row.get(i));
                }
                assertThat(values.get("fetch_id")).isEqualTo("fetch-1");
                assertThat(CONNECTOR.record(report, (RawFields) values::get)).as(report.name()).isEqualTo(record);
                // the row converts to the raw table's Spark schema as landing writes it (decimal(38,18), timestamps, dates)
                assertThat(toCatalyst.apply(row)).as(report.name()).isNotNull();
            }
        }
    }

    @Test
    void refusesLocationsOtherThanTheRegionsAndPlansWithoutFetching()
    {
        LocalDate day = LocalDate.of(2024, 7, 1);
        assertThatThrownBy(() -> CONNECTOR.live(CONNECTOR.reports(), day, day, List.of("SYDNEY"), Settings.empty()))
                .isInstanceOf(LakehouseException.class)
                .hasMessage("Cannot fetch AEMO locations [SYDNEY]: the NEM's regions are [NSW1, QLD1, SA1, TAS1, VIC1]; NEMweb files hold every region, so "
                        + "leave out --nodes");
        assertThat(CONNECTOR.live(List.of(CONNECTOR.report("dispatch_price")), day, day, List.of("nsw1"), Settings.empty()).plan())
                .isEqualTo("1 NEMweb requests (archive months and current-report folders), at least PT1S apart");
    }

    @Test
    void curatesThresholdsIntoSpotPricesAndRefusesThemAsMarketPrices()
    {
        assertThatThrownBy(() -> CONNECTOR.canonical(CONNECTOR.report("price_thresholds"), List.of(), java.time.Instant.EPOCH, "f"))
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("it feeds curated.spot_prices");
        assertThat(CONNECTOR.canonicalRecords(CONNECTOR.report("price_thresholds"), List.of(), java.time.Instant.EPOCH, "f").table())
                .isEqualTo(CanonicalTables.SPOT_PRICES);
    }
}
