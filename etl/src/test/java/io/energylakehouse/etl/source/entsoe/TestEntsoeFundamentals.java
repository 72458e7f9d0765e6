package io.energylakehouse.etl.source.entsoe;

import io.energylakehouse.common.table.CanonicalTables;
import io.energylakehouse.etl.connector.MarketReport;
import io.energylakehouse.etl.curate.CanonicalRecords;
import io.energylakehouse.etl.raw.FetchOutcome;
import io.energylakehouse.etl.raw.ParsedPayload;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static io.energylakehouse.etl.source.entsoe.EntsoeTestFiles.parse;
import static io.energylakehouse.etl.source.entsoe.EntsoeTestFiles.records;
import static io.energylakehouse.etl.source.entsoe.EntsoeTestFiles.resource;
import static org.assertj.core.api.Assertions.assertThat;

/** A65 (load) and A69 (wind and solar forecasts) documents to curated.fundamentals rows, on hand-written SYNTHETIC GL_MarketDocuments. */
class TestEntsoeFundamentals
{
    private static final EntsoeConnector CONNECTOR = new EntsoeConnector();
    private static final Instant PUBLISHED = Instant.parse("2024-07-01T12:00:00Z");

    private static CanonicalRecords curate(EntsoeReport report, String name)
    {
        ParsedPayload parsed = parse(report, name, resource(name));
        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(parsed.rejected()).isEmpty();
        MarketReport marketReport = CONNECTOR.report(report.reportName());
        assertThat(CONNECTOR.canonical(marketReport, parsed.records(), PUBLISHED, "fetch-1").rows()).isEmpty();
        return CONNECTOR.canonicalRecords(marketReport, parsed.records(), PUBLISHED, "fetch-1");
    }

    @Test
    void actualLoadHasNoIssueTime()
    {
        CanonicalRecords load = curate(EntsoeReport.A65, "A65_A16_FR_2024-07-01.xml");

        assertThat(load.table()).isEqualTo(CanonicalTables.FUNDAMENTALS);
        assertThat(load.rejected()).isEmpty();
        assertThat(load.rows()).hasSize(8);
        assertThat(load.rows().get(0)).isEqualTo(RowFactory.create("ENTSOE", "load_actual_mw", "FR", Instant.parse("2024-06-30T22:00:00Z"),
                Instant.parse("2024-06-30T22:15:00Z"), 15, LocalDate.of(2024, 7, 1), 1, 41000.0, "MW", null, PUBLISHED, null, "fetch-1", List.of()));
        assertThat(load.rows().get(0).size()).isEqualTo(CanonicalTables.FUNDAMENTALS.columnNames().size());
        assertThat(load.rows().get(7).getInt(7)).isEqualTo(2);
    }

    @Test
    void forecastsCarryTheDocumentsCreationAsIssueTime()
    {
        CanonicalRecords forecast = curate(EntsoeReport.A65, "A65_A01_FR_2024-07-01.xml");
        assertThat(forecast.rows()).extracting(row -> row.getString(1)).containsOnly("load_forecast_mw");
        assertThat(forecast.rows()).extracting(row -> row.get(10)).containsOnly(Instant.parse("2024-06-30T09:12:44Z"));
        assertThat(forecast.rows()).extracting(row -> row.getInt(5)).containsOnly(60);

        CanonicalRecords renewables = curate(EntsoeReport.A69, "A69_A01_FR_2024-07-01.xml");
        assertThat(renewables.rejected()).isEmpty();
        assertThat(renewables.rows()).extracting(row -> row.getString(1) + " " + row.get(3) + " " + row.getDouble(8) + " " + row.get(14))
                .containsExactly(
                        "solar_forecast_mw 2024-07-01T04:00:00Z 812.0 []",
                        // A03: the second hour repeats the first
                        "solar_forecast_mw 2024-07-01T05:00:00Z 812.0 [a03_position_filled]",
                        "wind_offshore_forecast_mw 2024-07-01T04:00:00Z 301.0 []",
                        "wind_offshore_forecast_mw 2024-07-01T05:00:00Z 288.0 []",
                        "wind_onshore_forecast_mw 2024-07-01T04:00:00Z 5120.0 []",
                        "wind_onshore_forecast_mw 2024-07-01T05:00:00Z 4987.0 []");
        assertThat(renewables.rows()).extracting(row -> row.get(10)).containsOnly(Instant.parse("2024-06-30T17:05:00Z"));
    }

    @Test
    void refusesUnknownSeriesAndUnits()
    {
        // solar becomes B20 (other), the offshore wind series (TimeSeries 2) is sent in KWH
        String text = new String(resource("A69_A01_FR_2024-07-01.xml"), StandardCharsets.UTF_8).replace("<psrType>B16</psrType>", "<psrType>B20</psrType>")
                .replaceFirst("(<mRID>2</mRID>[\\s\\S]*?)<quantity_Measure_Unit.name>MAW", "$1<quantity_Measure_Unit.name>KWH");
        List<EntsoePointRecord> records = records(parse(EntsoeReport.A69, "x.xml", text));
        CanonicalRecords curated = EntsoeFundamentals.canonical(records, PUBLISHED, "fetch-1");

        assertThat(curated.rows()).extracting(row -> row.getString(1)).containsOnly("wind_onshore_forecast_mw");
        assertThat(curated.rejected()).extracting(rejected -> rejected.reason()).containsExactly(
                "A69 process type A01, psrType B20 is no series we curate",
                "quantity unit KWH is not MAW (MW)",
                "quantity unit KWH is not MAW (MW)");
    }

    @Test
    void theWrongRootIsRefusedForEachReport()
    {
        ParsedPayload prices = parse(EntsoeReport.A65, "x.xml", resource("A44_FR_2024-03-31.xml"));
        assertThat(prices.outcome()).isEqualTo(FetchOutcome.REJECTED);
        assertThat(prices.detail()).contains("Cannot parse ENTSO-E document x.xml as A65: the root element is Publication_MarketDocument, a A65 answer is a "
                + "GL_MarketDocument");
        ParsedPayload swapped = parse(EntsoeReport.A65, "x.xml", resource("A69_A01_FR_2024-07-01.xml"));
        assertThat(swapped.detail()).contains("Cannot parse ENTSO-E document x.xml as A65: its type is A69, not A65");
    }

    @Test
    void rawRowsRoundTrip()
    {
        MarketReport report = CONNECTOR.report("a69");
        List<String> columns = report.rawTable().columnNames();
        assertThat(columns).contains("quantity", "psr_type", "process_type");
        for (EntsoePointRecord record : records(parse(EntsoeReport.A69, "x.xml", resource("A69_A01_FR_2024-07-01.xml")))) {
            Row row = record.toRow("fetch-1", null);
            java.util.Map<String, Object> values = new java.util.HashMap<>();
            for (int i = 0; i < columns.size(); i++) {
                values.put(columns.get(i), row.get(i));
            }
            assertThat(CONNECTOR.record(report, (io.energylakehouse.etl.raw.RawFields) values::get)).isEqualTo(record);
        }
    }
}
