package io.energylakehouse.etl.source.nyiso;

import io.energylakehouse.etl.connector.MarketReport;
import io.energylakehouse.etl.curate.CanonicalPrices;
import io.energylakehouse.etl.curate.PriceRow;
import io.energylakehouse.etl.raw.FetchOutcome;
import io.energylakehouse.etl.raw.ParsedPayload;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.energylakehouse.etl.source.nyiso.NyisoTestFiles.parse;
import static io.energylakehouse.etl.source.nyiso.NyisoTestFiles.records;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SYNTHETIC sample generator: NYISO's exact layout, deterministic, read back by the parser, and the connector around it. */
class TestNyisoSynthetic
{
    private final NyisoConnector connector = new NyisoConnector();

    @Test
    void writesFiveDailyFilesPerDayInTheMisLayoutDeterministically(@TempDir Path folder)
            throws IOException
    {
        List<LocalDate> days = List.of(LocalDate.of(2024, 7, 1), LocalDate.of(2024, 11, 3));
        List<Path> files = connector.samples().orElseThrow().write(folder, days, 50, 7);
        List<Path> again = connector.samples().orElseThrow().write(folder.resolve("again"), days, 50, 7);

        assertThat(files).extracting(file -> file.getFileName().toString()).containsExactly("20240701damlbmp_zone.csv", "20240701damlbmp_gen.csv",
                "20240701realtime_zone.csv", "20240701realtime_gen.csv", "20240701rtlbmp_zone.csv", "20241103damlbmp_zone.csv", "20241103damlbmp_gen.csv",
                "20241103realtime_zone.csv", "20241103realtime_gen.csv", "20241103rtlbmp_zone.csv");
        for (int i = 0; i < files.size(); i++) {
            assertThat(Files.readAllBytes(again.get(i))).isEqualTo(Files.readAllBytes(files.get(i)));
        }
        assertThat(Files.readString(folder.resolve("README.txt"))).startsWith("SYNTHETIC DATA.");
        String zonal = Files.readString(files.get(0), StandardCharsets.UTF_8);
        assertThat(zonal).startsWith("\r\n" + SyntheticNyiso.HEADER + "\r\n\"07/01/2024 00:00:00\",\"WEST\",61752,");
        assertThat(zonal).doesNotEndWith("\n");
        assertThat(zonal).contains("\"N.Y.C.\",61761,");
        assertThat(connector.samples().orElseThrow().write(folder.resolve("other"), days, 50, 8).get(0)).satisfies(other ->
                assertThat(Files.readAllBytes(other)).isNotEqualTo(Files.readAllBytes(files.get(0))));
    }

    @Test
    void generatedFilesParseCleanlyWithTheRightCountsOnTheFallBackDay(@TempDir Path folder)
            throws IOException
    {
        List<Path> files = connector.samples().orElseThrow().write(folder, List.of(LocalDate.of(2024, 11, 3)), 50, 3);
        Map<NyisoReport, Integer> intervals = Map.of(NyisoReport.DAMLBMP_ZONE, 25, NyisoReport.DAMLBMP_GEN, 25, NyisoReport.REALTIME_ZONE, 300,
                NyisoReport.REALTIME_GEN, 300, NyisoReport.RTLBMP_ZONE, 25);
        Set<Long> ptids = new java.util.HashSet<>();
        boolean negative = false;
        for (Path file : files) {
            NyisoReport report = NyisoReport.fromName(connector.reportOfFile(file.getFileName().toString()).orElseThrow().name());
            ParsedPayload parsed = parse(report, file.getFileName().toString(), Files.readAllBytes(file));
            assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
            assertThat(parsed.rejected()).isEmpty();
            int locations = report.locationType().equals("zone") ? 15 : 35;
            assertThat(parsed.records()).hasSize(intervals.get(report) * locations);
            assertThat(parsed.operatingDates()).containsExactly(LocalDate.of(2024, 11, 3));
            records(parsed).forEach(record -> ptids.add(record.ptid()));
            CanonicalPrices prices = NyisoPayloadPrices.canonical(records(parsed), report, Instant.EPOCH, "fetch");
            assertThat(prices.rejected()).isEmpty();
            Map<Instant, Set<Double>> energies = prices.rows().stream()
                    .collect(Collectors.groupingBy(PriceRow::intervalStartUtc, Collectors.mapping(PriceRow::energyPerMwh, Collectors.toSet())));
            assertThat(energies).hasSize(intervals.get(report)).allSatisfy((start, values) -> assertThat(values).hasSize(1));
            negative |= prices.rows().stream().anyMatch(row -> row.pricePerMwh() < 0);
        }
        assertThat(ptids).hasSize(50);
        assertThat(negative).isTrue();
    }

    @Test
    void connectorDeclaresItsReportsAndReadsBackItsRawRows()
    {
        assertThat(connector.market().code()).isEqualTo("NYISO");
        assertThat(connector.reports()).extracting(MarketReport::name).containsExactly("damlbmp_zone", "damlbmp_gen", "realtime_zone", "realtime_gen", "rtlbmp_zone");
        assertThat(connector.reports()).extracting(report -> report.datasets().get(0)).containsExactly("da_hourly", "da_hourly", "rt_5min", "rt_5min", "rt_hourly");
        assertThat(connector.hubDatasets().orElseThrow().realTimeIntervalMinutes()).isEqualTo(5);
        assertThat(connector.reportOfFile("20240701realtime_gen.csv")).map(MarketReport::name).contains("realtime_gen");
        assertThat(connector.reportOfFile("20240601rtlbmp_zone_csv.zip")).map(MarketReport::name).contains("rtlbmp_zone");
        assertThat(connector.reportOfFile("20240701pal.csv")).isEmpty();

        MarketReport report = connector.report("damlbmp-zone");
        List<NyisoLbmpRecord> records = records(parse(NyisoReport.DAMLBMP_ZONE, "20240701damlbmp_zone.csv", NyisoTestFiles.resource("20240701damlbmp_zone.csv")));
        for (NyisoLbmpRecord record : records) {
            Row row = record.toRow("fetch-1", "landing-1");
            Map<String, Object> fields = new HashMap<>();
            String[] names = report.rawTable().schema().fieldNames();
            for (int i = 0; i < names.length; i++) {
                fields.put(names[i], row.get(i));
            }
            assertThat(connector.record(report, fields::get)).isEqualTo(record);
        }
    }

    @Test
    void liveFetchOfOneDayWithNodesIsRefusedWithAClearUserError()
    {
        assertThatThrownBy(() -> connector.live(connector.reports(), LocalDate.of(2024, 7, 1), LocalDate.of(2024, 7, 1), List.of("61761"),
                io.energylakehouse.common.config.Settings.empty()))
                .hasMessage("Cannot fetch NYISO PTIDs [61761] alone: NYISO's files hold every zone or generator; leave out --nodes");
    }
}
