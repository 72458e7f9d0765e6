package io.energylakehouse.etl.source.entsoe;

import io.energylakehouse.etl.curate.CanonicalPrices;
import io.energylakehouse.etl.curate.PriceRow;
import io.energylakehouse.etl.raw.FetchOutcome;
import io.energylakehouse.etl.raw.ParsedPayload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static io.energylakehouse.etl.source.entsoe.EntsoeTestFiles.parse;
import static io.energylakehouse.etl.source.entsoe.EntsoeTestFiles.records;
import static org.assertj.core.api.Assertions.assertThat;

/** The synthetic A44 generator: its documents parse and curate to full days (DST days, PT60M before 2025-10-01, PT15M and EXAA after), the same bytes for a seed. */
class TestEntsoeSynthetic
{
    private static final List<LocalDate> DAYS = List.of(LocalDate.of(2024, 3, 31), LocalDate.of(2024, 10, 27), LocalDate.of(2025, 10, 26),
            LocalDate.of(2025, 11, 4));

    @Test
    void roundTripsThroughParserAndCuration(@TempDir Path folder)
            throws IOException
    {
        List<Path> files = new SyntheticEntsoe(7).write(folder, DAYS, SyntheticEntsoe.zones(7));

        // An A44, an A65 and an A69 document per zone and day.
        assertThat(files).hasSize(DAYS.size() * 7 * 3);
        assertThat(Files.readString(folder.resolve("README.txt"))).startsWith("SYNTHETIC DATA.");
        Map<String, Long> rows = new TreeMap<>();
        Map<String, Long> fundamentals = new TreeMap<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (!name.startsWith("A44_")) {
                EntsoeReport report = name.startsWith("A65_") ? EntsoeReport.A65 : EntsoeReport.A69;
                ParsedPayload parsed = parse(report, name, Files.readAllBytes(file));
                assertThat(parsed.outcome()).as(name).isEqualTo(FetchOutcome.PARSED);
                io.energylakehouse.etl.curate.CanonicalRecords records = EntsoeFundamentals.canonical(records(parsed), parsed.publishedAtUtc().orElseThrow(), "synthetic");
                assertThat(records.rejected()).as(name).isEmpty();
                records.rows().forEach(row -> fundamentals.merge(row.get(io.energylakehouse.common.table.CanonicalTables.FUNDAMENTALS.columnNames().indexOf("operating_date"))
                        + " " + row.get(io.energylakehouse.common.table.CanonicalTables.FUNDAMENTALS.columnNames().indexOf("series")), 1L, Long::sum));
                continue;
            }
            ParsedPayload parsed = parse(EntsoeReport.A44, file.getFileName().toString(), Files.readAllBytes(file));
            assertThat(parsed.outcome()).as(file.toString()).isEqualTo(FetchOutcome.PARSED);
            assertThat(parsed.rejected()).isEmpty();
            CanonicalPrices prices = EntsoePayloadPrices.canonical(records(parsed), parsed.publishedAtUtc().orElseThrow(), "synthetic");
            assertThat(prices.rejected()).isEmpty();
            assertThat(prices.rows()).extracting(PriceRow::operatingDate).containsOnly(LocalDate.parse(file.getFileName().toString().replaceAll(".*_(.*)\\.xml", "$1")));
            prices.rows().forEach(row -> rows.merge(row.operatingDate() + " " + row.locationId() + " " + row.dataset(), 1L, Long::sum));
        }
        assertThat(rows).containsEntry("2024-03-31 FR da_hourly", 23L).containsEntry("2024-10-27 SE_3 da_hourly", 25L)
                .containsEntry("2025-10-26 NO_2 da_15min", 100L).containsEntry("2025-10-26 DE_LU exaa_15min", 100L)
                .containsEntry("2025-11-04 AT da_15min", 96L).doesNotContainKey("2024-03-31 DE_LU exaa_15min");
        assertThat(rows.keySet().stream().filter(key -> key.contains("exaa")).collect(Collectors.toList())).containsExactly("2025-10-26 DE_LU exaa_15min",
                "2025-11-04 DE_LU exaa_15min");
        // Hourly forecasts of seven zones: 23 hours on the spring-forward day, 25 on the fall-back days.
        assertThat(fundamentals).containsEntry("2024-03-31 load_forecast_mw", 7L * 23).containsEntry("2025-10-26 solar_forecast_mw", 7L * 25)
                .containsEntry("2025-11-04 wind_onshore_forecast_mw", 7L * 24);
    }

    @Test
    void isDeterministicForASeedAndUsesA03ForNordicZones()
    {
        SyntheticEntsoe generator = new SyntheticEntsoe(42);
        SyntheticEntsoe.GeneratedFile first = generator.dayAhead(EntsoeMarket.requireZone("SE_3"), LocalDate.of(2025, 10, 26));
        SyntheticEntsoe.GeneratedFile again = new SyntheticEntsoe(42).dayAhead(EntsoeMarket.requireZone("SE_3"), LocalDate.of(2025, 10, 26));
        SyntheticEntsoe.GeneratedFile other = new SyntheticEntsoe(43).dayAhead(EntsoeMarket.requireZone("SE_3"), LocalDate.of(2025, 10, 26));

        assertThat(first.bytes()).isEqualTo(again.bytes());
        assertThat(first.bytes()).isNotEqualTo(other.bytes());
        assertThat(first.fileName()).isEqualTo("A44_SE_3_2025-10-26.xml");
        String xml = new String(first.bytes(), StandardCharsets.UTF_8);
        assertThat(xml).contains("<curveType>A03</curveType>", "<resolution>PT15M</resolution>", SyntheticEntsoe.NAMESPACE);
        ParsedPayload parsed = parse(EntsoeReport.A44, first.fileName(), first.bytes());
        // A03 leaves repeated prices out: fewer points than quarter hours, all filled back in curation
        assertThat(records(parsed).size()).isLessThan(100);
        CanonicalPrices prices = EntsoePayloadPrices.canonical(records(parsed), parsed.publishedAtUtc().orElseThrow(), "synthetic");
        assertThat(prices.rows()).hasSize(100);
        assertThat(prices.rows()).anySatisfy(row -> assertThat(row.dqFlags()).contains(EntsoePayloadPrices.A03_FILLED));
    }
}
