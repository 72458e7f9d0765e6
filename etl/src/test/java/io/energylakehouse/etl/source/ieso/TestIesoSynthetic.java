package io.energylakehouse.etl.source.ieso;

import io.energylakehouse.etl.curate.CanonicalPrices;
import io.energylakehouse.etl.curate.PriceRow;
import io.energylakehouse.etl.raw.FetchOutcome;
import io.energylakehouse.etl.raw.ParsedPayload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static io.energylakehouse.etl.source.ieso.IesoTestFiles.parse;
import static io.energylakehouse.etl.source.ieso.IesoTestFiles.records;
import static org.assertj.core.api.Assertions.assertThat;

/** The synthetic sample generator: files in IESO's layouts that the parser reads back, deterministic for a seed, across the cut-over and DST days. */
class TestIesoSynthetic
{
    private static final IesoConnector CONNECTOR = new IesoConnector();

    @Test
    void writesFilesTheParserAndCurationReadBack(@TempDir Path folder)
            throws IOException
    {
        List<LocalDate> days = List.of(LocalDate.of(2024, 3, 10), LocalDate.of(2025, 4, 30), LocalDate.of(2025, 5, 1), LocalDate.of(2025, 11, 2));
        List<Path> files = CONNECTOR.samples().orElseThrow().write(folder, days, 4, 7L);

        assertThat(Files.readString(folder.resolve("README.txt"))).startsWith("SYNTHETIC DATA.");
        List<String> names = files.stream().map(file -> file.getFileName().toString()).toList();
        assertThat(names).startsWith("PUB_DispUnconsHOEP_20240310.csv", "PUB_DispUnconsHOEP_20250430.csv", "PUB_DAHourlyEnergyLMP_20250501.csv",
                "PUB_DAHourlyOntarioZonalPrice_20250501.xml", "PUB_DAHourlyEnergyLMP_20251102.csv", "PUB_DAHourlyOntarioZonalPrice_20251102.xml",
                "PUB_RealtimeEnergyLMP_2025110201.csv", "PUB_RealtimeOntarioZonalPrice_2025110201.xml");
        assertThat(names).hasSize(6 + 48);
        Set<String> locations = new TreeSet<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            IesoReport report = IesoReport.fromName(CONNECTOR.reportOfFile(name).orElseThrow().requestName());
            ParsedPayload parsed = parse(report, name, Files.readAllBytes(file));
            assertThat(parsed.outcome()).as(name).isEqualTo(FetchOutcome.PARSED);
            assertThat(parsed.rejected()).as(name).isEmpty();
            assertThat(parsed.publishedAtUtc()).as(name).contains(Files.getLastModifiedTime(file).toInstant());
            CanonicalPrices prices = IesoPayloadPrices.canonical(records(parsed), report, parsed.publishedAtUtc().orElseThrow(), "f");
            assertThat(prices.rejected()).as(name).isEmpty();
            assertThat(prices.rows()).as(name).extracting(PriceRow::dqFlags).allSatisfy(flags -> assertThat(flags).doesNotContain("total_mismatch"));
            prices.rows().forEach(row -> locations.add(row.locationId()));
            int expected = switch (report) {
                case HOEP, DA_ONTARIO_ZONAL_PRICE -> 24;
                case DA_HOURLY_ENERGY_LMP -> 24 * 3;
                case RT_ENERGY_LMP -> 12 * 3;
                case RT_ONTARIO_ZONAL_PRICE -> 12;
            };
            assertThat(prices.rows()).as(name).hasSize(expected);
        }
        // the zonal location among the 4 locations
        assertThat(locations).hasSize(4).contains("ONTARIO");
    }

    @Test
    void isDeterministicForASeed(@TempDir Path first, @TempDir Path second, @TempDir Path third)
            throws IOException
    {
        List<LocalDate> days = List.of(LocalDate.of(2025, 6, 1));
        List<Path> a = new SyntheticIeso(3).write(first, days, 3);
        List<Path> b = new SyntheticIeso(3).write(second, days, 3);
        List<Path> c = new SyntheticIeso(4).write(third, days, 3);
        List<byte[]> bytesA = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            bytesA.add(Files.readAllBytes(a.get(i)));
            assertThat(Files.readAllBytes(b.get(i))).isEqualTo(bytesA.get(i));
        }
        assertThat(Files.readAllBytes(c.get(0))).isNotEqualTo(bytesA.get(0));
    }
}
