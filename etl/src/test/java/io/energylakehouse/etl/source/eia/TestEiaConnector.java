package io.energylakehouse.etl.source.eia;

import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.config.Settings;
import io.energylakehouse.common.table.CanonicalTables;
import io.energylakehouse.etl.connector.Connectors;
import io.energylakehouse.etl.connector.MarketConnector;
import io.energylakehouse.etl.connector.MarketReport;
import io.energylakehouse.etl.connector.ReplayFiles;
import io.energylakehouse.etl.curate.CanonicalRecords;
import io.energylakehouse.etl.raw.FetchOutcome;
import io.energylakehouse.etl.raw.ParsedPayload;
import io.energylakehouse.etl.raw.Payload;
import io.energylakehouse.etl.raw.PayloadLimits;
import io.energylakehouse.etl.raw.RawFields;
import io.energylakehouse.etl.raw.RawRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestEiaConnector
{
    private final EiaConnector connector = new EiaConnector();

    @Test
    void isRegisteredWithTwoReportsAndNoHubTables()
    {
        assertThat(Connectors.find("eia")).containsInstanceOf(EiaConnector.class);
        assertThat(Connectors.all().get(Connectors.all().size() - 1)).isInstanceOf(EiaConnector.class);
        assertThat(Connectors.codes()).endsWith(", eia");
        assertThat(connector.market().code()).isEqualTo("EIA");
        assertThat(connector.reports()).extracting(MarketReport::name).containsExactly("henry_hub_spot", "storage_weekly");
        assertThat(connector.reports()).extracting(MarketReport::requestName).containsExactly("RNGWHHD", "WNGSR");
        assertThat(connector.reports()).extracting(MarketReport::source).containsOnly("eia-api");
        assertThat(connector.report("henry-hub-spot").datasets()).containsExactly("henry_hub_spot");
        assertThat(connector.report("storage_weekly").outputs().get(0).canonicalTable()).isEqualTo(CanonicalTables.FUNDAMENTALS);
        assertThat(connector.report("henry_hub_spot").outputs().get(0).canonicalTable()).isEqualTo(CanonicalTables.SPOT_PRICES);
        assertThat(connector.reports()).extracting(report -> report.rawTable().identifier()).containsExactly("raw.eia_henry_hub_spot", "raw.eia_storage_weekly");
        assertThat(connector.hubDatasets()).isEmpty();
        assertThat(connector.settingKeys()).contains("etl.eia.base-url", "etl.eia.request-pause");
        assertThat(connector.demoDates()).containsExactly(LocalDate.of(2024, 3, 1), LocalDate.of(2024, 3, 8), LocalDate.of(2024, 3, 11),
                LocalDate.of(2024, 11, 1), LocalDate.of(2024, 11, 4));
        assertThat(connector.market().credentialVariables()).containsExactly("EIA_API_KEY");
    }

    @Test
    void tellsTheReportOfAFileByItsName()
    {
        assertThat(connector.reportOfFile("eia_henry_hub_spot_20241101_20241106.json")).contains(EiaConnector.HENRY_HUB_SPOT);
        assertThat(connector.reportOfFile("henry_hub_daily_normalized.csv")).contains(EiaConnector.HENRY_HUB_SPOT);
        assertThat(connector.reportOfFile("RNGWHHD.json")).contains(EiaConnector.HENRY_HUB_SPOT);
        assertThat(connector.reportOfFile("eia_storage_weekly_synthetic_20240308.json")).contains(EiaConnector.STORAGE_WEEKLY);
        assertThat(connector.reportOfFile("wngsr-2024-03-14.json")).contains(EiaConnector.STORAGE_WEEKLY);
        assertThat(connector.reportOfFile("prices.csv")).isEmpty();
        assertThat(connector.reportOfFile("battery_storage_20241103.csv")).isEmpty();
    }

    @Test
    void noOtherConnectorClaimsTheSampleFiles()
    {
        List<String> names = new SyntheticEia(1).files(connector.demoDates()).stream().map(SyntheticEia.GeneratedFile::fileName).toList();
        assertThat(names).hasSize(6);
        for (MarketConnector other : Connectors.all()) {
            if (other != Connectors.require("eia")) {
                for (String name : names) {
                    assertThat(other.reportOfFile(name)).as("%s claims %s", other.market().code(), name).isEmpty();
                }
            }
        }
    }

    @Test
    void aRawRowGivesBackItsRecord()
    {
        for (MarketReport report : connector.reports()) {
            EiaValueRecord record = new EiaValueRecord(7, 2, LocalDate.of(2024, 3, 8), "NW2_EPG0_SWO_R48_BCF", "Weekly Lower 48", "R48", "SWO", "2208", 2208.0,
                    "BCF", 2, Eia.VALUE_PUBLISHED);
            Row row = record.toRow("fetch-1", "landing-1");
            assertThat(row.size()).isEqualTo(report.rawTable().columnNames().size());
            RawRecord back = connector.record(report, RawFields.of(new GenericRowWithSchema(rowValues(row), report.rawTable().schema())));
            assertThat(back).isEqualTo(record);
        }
    }

    private static Object[] rowValues(Row row)
    {
        Object[] values = new Object[row.size()];
        for (int i = 0; i < row.size(); i++) {
            values[i] = row.get(i);
        }
        return values;
    }

    @Test
    void liveRefusesLocationsAndNeedsTheKey()
    {
        assertThatThrownBy(() -> connector.live(connector.reports(), LocalDate.of(2024, 3, 1), LocalDate.of(2024, 3, 8), List.of("R48"), Settings.of(Map.of())))
                .isInstanceOf(LakehouseException.class)
                .hasMessageStartingWith("Cannot fetch EIA data of locations [R48]");
    }

    @Test
    void samplesParseWithoutRejectionsAndGiveTheSameBytesTwice(@TempDir Path folder)
            throws IOException
    {
        List<Path> written = connector.samples().orElseThrow().write(folder.resolve("a"), connector.demoDates(), 5, 42);
        List<Path> again = connector.samples().orElseThrow().write(folder.resolve("b"), connector.demoDates(), 5, 42);

        // one spot file of the five trade days, one storage file per report week holding a day (ending 03-01, 03-08, 03-15, 11-01, 11-08)
        assertThat(written).extracting(path -> path.getFileName().toString()).containsExactly("eia_henry_hub_spot_synthetic_20240301_20241104.json",
                "eia_storage_weekly_synthetic_20240301.json", "eia_storage_weekly_synthetic_20240308.json", "eia_storage_weekly_synthetic_20240315.json",
                "eia_storage_weekly_synthetic_20241101.json", "eia_storage_weekly_synthetic_20241108.json");
        for (int i = 0; i < written.size(); i++) {
            assertThat(Arrays.equals(Files.readAllBytes(written.get(i)), Files.readAllBytes(again.get(i)))).isTrue();
            assertThat(Files.readString(written.get(i))).contains(SyntheticEia.LABEL);
        }
        assertThat(Files.readString(folder.resolve("a/README.txt"))).startsWith("SYNTHETIC DATA.");

        List<ParsedPayload> parsed = new ArrayList<>();
        List<MarketReport> reports = new ArrayList<>();
        ReplayFiles.payloads(connector, ReplayFiles.list(List.of(folder.resolve("a"))), Optional.empty(), Payload.Origin.REPLAY).forEachRemaining(payload -> {
            MarketReport report = connector.reports().stream().filter(candidate -> candidate.requestName().equals(payload.report())).findFirst().orElseThrow();
            reports.add(report);
            parsed.add(connector.parser(report, PayloadLimits.DEFAULTS).parse(payload));
        });
        assertThat(parsed).hasSize(6);
        assertThat(parsed).extracting(ParsedPayload::outcome).containsOnly(FetchOutcome.PARSED);
        assertThat(parsed).allSatisfy(payload -> assertThat(payload.rejected()).isEmpty());
        // every page set repeats a row across pages, collapsed
        assertThat(parsed).allSatisfy(payload -> assertThat(payload.detail().orElseThrow()).startsWith("1 repeated rows collapsed"));
        assertThat(parsed.get(0).records()).hasSize(5);
        assertThat(parsed.subList(1, 6)).allSatisfy(payload -> assertThat(payload.records()).hasSize(12));
        // the storage files are dated at their release, so the payloads are too
        assertThat(parsed.get(2).publishedAtUtc()).contains(Instant.parse("2024-03-14T14:30:00Z"));

        List<CanonicalRecords> curated = new ArrayList<>();
        for (int i = 0; i < parsed.size(); i++) {
            curated.add(connector.canonicalRecords(reports.get(i), parsed.get(i).records(), parsed.get(i).publishedAtUtc().orElse(Instant.EPOCH), "f" + i));
        }
        assertThat(curated).allSatisfy(records -> assertThat(records.rejected()).isEmpty());
        assertThat(curated.get(0).rows()).hasSize(5);
        // the release of 2024-03-14 revises the week ending 2024-03-01 (Lower 48 and South Central, +2 Bcf)
        assertThat(storage(curated.get(2), "R48", LocalDate.of(2024, 3, 1)) - storage(curated.get(1), "R48", LocalDate.of(2024, 3, 1))).isEqualTo(2.0);
        assertThat(storage(curated.get(2), "R35", LocalDate.of(2024, 3, 1)) - storage(curated.get(1), "R35", LocalDate.of(2024, 3, 1))).isEqualTo(2.0);
        assertThat(storage(curated.get(2), "R31", LocalDate.of(2024, 3, 1))).isEqualTo(storage(curated.get(1), "R31", LocalDate.of(2024, 3, 1)));
        // the week ending 2024-10-25 has no file of its own: the file of 2024-11-01 does not revise it; R48 is the regions' sum
        double regions = 0;
        for (String region : List.of("R31", "R32", "R33", "R34", "R35")) {
            regions += storage(curated.get(4), region, LocalDate.of(2024, 11, 1));
        }
        assertThat(storage(curated.get(4), "R48", LocalDate.of(2024, 11, 1))).isEqualTo(regions);
        // a day that is no Friday gives the storage week it is in (Sunday 2024-03-10: the week ending 2024-03-15)
        assertThat(new SyntheticEia(1).files(List.of(LocalDate.of(2024, 3, 10)))).extracting(SyntheticEia.GeneratedFile::fileName)
                .containsExactly("eia_storage_weekly_synthetic_20240315.json");
    }

    private static double storage(CanonicalRecords records, String location, LocalDate weekEnding)
    {
        List<String> columns = CanonicalTables.FUNDAMENTALS.columnNames();
        return records.rows().stream()
                .filter(row -> row.get(columns.indexOf("location_id")).equals(location) && row.get(columns.indexOf("operating_date")).equals(weekEnding))
                .map(row -> (Double) row.get(columns.indexOf("value"))).findFirst().orElseThrow();
    }

    @Test
    void everyRegisteredConnectorHasADistinctCode()
    {
        assertThat(Connectors.all()).extracting(MarketConnector::market).extracting(market -> market.code()).doesNotHaveDuplicates();
    }
}
