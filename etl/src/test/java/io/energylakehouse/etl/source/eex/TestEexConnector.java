package io.energylakehouse.etl.source.eex;

import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.config.Settings;
import io.energylakehouse.common.market.Markets;
import io.energylakehouse.common.table.CanonicalTables;
import io.energylakehouse.etl.connector.MarketReport;
import io.energylakehouse.etl.raw.RawFields;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The connector's declarations: its report and output, file names, the raw row round trip, replay selection, settings. */
class TestEexConnector
{
    private static final EexConnector CONNECTOR = new EexConnector();

    @Test
    void declaresOneReportFeedingSpotPrices()
    {
        assertThat(CONNECTOR.market()).isEqualTo(Markets.EEX);
        assertThat(CONNECTOR.market().time().zone().getId()).isEqualTo("Europe/Berlin");
        MarketReport report = CONNECTOR.report("EUA-Primary-Auction");
        assertThat(report.name()).isEqualTo("eua_primary_auction");
        assertThat(report.source()).isEqualTo("eex-auctions");
        assertThat(report.rawTable()).isEqualTo(EexAuctions.RAW_TABLE);
        assertThat(report.outputs()).singleElement().satisfies(output -> {
            assertThat(output.canonicalTable()).isEqualTo(CanonicalTables.SPOT_PRICES);
            assertThat(output.intervalMinutes()).isEqualTo(OptionalInt.empty());
        });
        assertThat(CONNECTOR.hubDatasets()).isEmpty();
        assertThat(CONNECTOR.canonical(report, List.of(), Instant.EPOCH, "f").rows()).isEmpty();
        assertThat(CONNECTOR.samples()).isPresent();
        assertThatThrownBy(() -> CONNECTOR.report("da_lmp")).isInstanceOf(LakehouseException.class)
                .hasMessage("Cannot use EEX report 'da_lmp': known reports are eua_primary_auction");
    }

    @Test
    void tellsTheReportAndDaysByEexFileNames()
    {
        assertThat(CONNECTOR.reportOfFile("emission-spot-primary-market-auction-report-2012-data.xls")).contains(EexConnector.EUA_PRIMARY_AUCTION);
        assertThat(CONNECTOR.reportOfFile("emission-spot-primary-market-auction-report-2022-data.xlsx")).contains(EexConnector.EUA_PRIMARY_AUCTION);
        assertThat(CONNECTOR.reportOfFile("primary_auction_report_20230214_39969994.xlsx")).contains(EexConnector.EUA_PRIMARY_AUCTION);
        assertThat(CONNECTOR.reportOfFile("eua_primary_auction-copy.xlsx")).contains(EexConnector.EUA_PRIMARY_AUCTION);
        assertThat(CONNECTOR.reportOfFile("DA-LMP-SL-202403100100.csv")).isEmpty();
        assertThat(EexFileName.parse("primary_auction_report_20230214_39969994.xlsx")).contains(new EexFileName(LocalDate.of(2023, 2, 14),
                LocalDate.of(2023, 2, 14)));
        assertThat(EexFileName.yearly(2019)).isEqualTo("emission-spot-primary-market-auction-report-2019-data.xls");
        assertThat(EexFileName.yearly(2020)).isEqualTo("emission-spot-primary-market-auction-report-2020-data.xlsx");

        List<Path> files = List.of(Path.of("emission-spot-primary-market-auction-report-2019-data.xls"),
                Path.of("emission-spot-primary-market-auction-report-2020-data.xlsx"), Path.of("primary_auction_report_20230214_39969994.xlsx"),
                Path.of("mine.xlsx"));
        assertThat(CONNECTOR.select(files, LocalDate.of(2020, 3, 1), LocalDate.of(2023, 1, 31), List.of()))
                .containsExactly(files.get(1), files.get(3));
    }

    @Test
    void recordOfARawRowIsTheParsedRecord()
    {
        EexAuctionRecord record = new EexAuctionRecord(7, "Primary Market Auction", LocalDate.of(2022, 12, 16), "11:00:54", "Auction 4. Period DE", "T3PA",
                null, "successful", 83.41, 45.0, 92.0, 83.57, 83.7, 1865500, 4316500.0, 83, 51, 2.31, 18, 16, 155601355.0, "DE");
        EexAuctionRecord cancelled = new EexAuctionRecord(8, "Primary Market Auction", LocalDate.of(2022, 2, 1), null, "EU (TCAP)", null, "EUA",
                "cancelled", null, null, null, null, null, 2449000, null, null, null, null, null, null, null, null);
        List<String> columns = EexAuctions.RAW_TABLE.columnNames();
        for (EexAuctionRecord original : List.of(record, cancelled)) {
            Row row = original.toRow("fetch-1", "landing-1");
            EexRows.assertFits(EexAuctions.RAW_TABLE, row);
            Map<String, Object> values = new HashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                values.put(columns.get(i), row.get(i));
            }
            assertThat(values.get("fetch_id")).isEqualTo("fetch-1");
            assertThat(values.get("landing_id")).isEqualTo("landing-1");
            assertThat(CONNECTOR.record(EexConnector.EUA_PRIMARY_AUCTION, (RawFields) values::get)).isEqualTo(original);
        }
    }

    @Test
    void readsTheLiveSettingsAndRefusesLocations()
    {
        assertThat(CONNECTOR.settingKeys()).containsExactly("etl.eex.base-url", "etl.eex.request-pause", "etl.eex.max-attempts", "etl.eex.throttle-backoff",
                "etl.eex.request-timeout", "etl.eex.max-backoff");
        // the defaults, pinned
        assertThat(EexLiveSource.of(Settings.empty()).settings()).isEqualTo(EexLiveSource.DEFAULT_HTTP);
        assertThat(EexLiveSource.DEFAULT_HTTP.baseUrl())
                .isEqualTo("https://www.eex.com/fileadmin/EEX/Downloads/EUA_Emission_Spot_Primary_Market_Auction_Report/Archive_Reports/");
        assertThat(EexLiveSource.DEFAULT_HTTP.requestPause()).hasSeconds(5);
        assertThat(EexLiveSource.DEFAULT_HTTP.maxAttempts()).isEqualTo(4);
        LocalDate day = LocalDate.of(2022, 2, 1);
        assertThatThrownBy(() -> CONNECTOR.live(List.of(EexConnector.EUA_PRIMARY_AUCTION), day, day, List.of("DE"), Settings.empty()))
                .isInstanceOf(LakehouseException.class)
                .hasMessage("Cannot fetch EEX auctions of locations [DE]: the auction report has no locations; leave out --nodes");
        assertThat(CONNECTOR.live(List.of(EexConnector.EUA_PRIMARY_AUCTION), LocalDate.of(2021, 6, 1), day, List.of(), Settings.empty()).plan())
                .isEqualTo("2 EEX yearly auction report downloads (https://www.eex.com/fileadmin/EEX/Downloads/EUA_Emission_Spot_Primary_Market_Auction_Report/"
                        + "Archive_Reports/), at least PT5S apart");
    }
}
