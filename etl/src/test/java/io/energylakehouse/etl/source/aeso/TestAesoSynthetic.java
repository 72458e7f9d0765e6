package io.energylakehouse.etl.source.aeso;

import io.energylakehouse.etl.connector.MarketReport;
import io.energylakehouse.etl.curate.CanonicalPrices;
import io.energylakehouse.etl.curate.PriceRow;
import io.energylakehouse.etl.raw.FetchOutcome;
import io.energylakehouse.etl.raw.ParsedPayload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.energylakehouse.etl.source.aeso.AesoTestFiles.parse;
import static io.energylakehouse.etl.source.aeso.AesoTestFiles.poolRecords;
import static io.energylakehouse.etl.source.aeso.AesoTestFiles.smpRecords;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The SYNTHETIC AESO generator: the API's JSON shape, read back without a rejection on DST days, pool price = hourly SMP average, deterministic bytes. */
class TestAesoSynthetic
{
    private static final AesoConnector CONNECTOR = new AesoConnector();

    @Test
    void writesAnswersTheParserReadsBackOnDstDays(@TempDir Path folder)
            throws IOException
    {
        List<Path> files = CONNECTOR.samples().orElseThrow().write(folder, SyntheticAeso.DST_DAYS_2024, 50, 42);

        assertThat(files).extracting(file -> file.getFileName().toString()).containsExactly("aeso_pool_price_20240310_20240310.json",
                "aeso_system_marginal_price_20240310_20240310.json", "aeso_pool_price_20241103_20241103.json", "aeso_system_marginal_price_20241103_20241103.json");
        assertThat(Files.readString(folder.resolve("README.txt"))).startsWith("SYNTHETIC DATA.");
        assertThat(Files.readString(files.get(0))).startsWith("{\"timestamp\":\"2024-03-11 06:10:00.000+0000\",\"responseCode\":\"200\",\"return\":{\"Pool Price Report\":"
                + "[{\"begin_datetime_utc\":\"2024-03-10 07:00\",\"begin_datetime_mpt\":\"2024-03-10 00:00\",\"pool_price\":\"");
        for (int i = 0; i < files.size(); i += 2) {
            LocalDate day = SyntheticAeso.DST_DAYS_2024.get(i / 2);
            int hours = AesoMarket.TIME.hoursInDay(day);
            MarketReport poolReport = CONNECTOR.reportOfFile(files.get(i).getFileName().toString()).orElseThrow();
            MarketReport smpReport = CONNECTOR.reportOfFile(files.get(i + 1).getFileName().toString()).orElseThrow();
            assertThat(List.of(poolReport.name(), smpReport.name())).containsExactly("pool_price", "system_marginal_price");

            ParsedPayload pool = parse(AesoReport.POOL_PRICE, files.get(i).getFileName().toString(), Files.readAllBytes(files.get(i)));
            ParsedPayload smp = parse(AesoReport.SYSTEM_MARGINAL_PRICE, files.get(i + 1).getFileName().toString(), Files.readAllBytes(files.get(i + 1)));
            assertThat(List.of(pool.outcome(), smp.outcome())).containsOnly(FetchOutcome.PARSED);
            assertThat(pool.rejected()).isEmpty();
            assertThat(smp.rejected()).isEmpty();
            assertThat(pool.operatingDates()).containsExactly(day);
            assertThat(smp.operatingDates()).containsExactly(day);

            // as replayed, a payload counts as published when its file is dated
            Instant published = Files.getLastModifiedTime(files.get(i + 1)).toInstant();
            assertThat(published).isEqualTo(AesoMarket.TIME.dayEnd(day).plusSeconds(600));
            CanonicalPrices hourly = CONNECTOR.canonical(poolReport, poolRecords(pool), published, "synthetic");
            CanonicalPrices fiveMinute = CONNECTOR.canonical(smpReport, smpRecords(smp), published, "synthetic");
            assertThat(hourly.rejected()).isEmpty();
            assertThat(fiveMinute.rejected()).isEmpty();
            assertThat(hourly.rows()).hasSize(hours);
            assertThat(fiveMinute.rows()).hasSize(hours * 12);
            assertThat(hourly.rows()).allSatisfy(row -> assertThat(row.pricePerMwh()).isBetween(0.0, 999.99));
            // the pool price is the hour's time-weighted SMP: the mean of its twelve five-minute rows
            Map<Integer, Double> smpMeans = fiveMinute.rows().stream().collect(Collectors.groupingBy(PriceRow::hourEnding,
                    Collectors.averagingDouble(PriceRow::pricePerMwh)));
            for (PriceRow hour : hourly.rows()) {
                assertThat(hour.pricePerMwh()).as(hour.toString()).isCloseTo(smpMeans.get(hour.hourEnding()), within(0.006));
            }
        }
    }

    @Test
    void sameArgumentsGiveSameBytes(@TempDir Path first, @TempDir Path second)
            throws IOException
    {
        List<LocalDate> days = List.of(LocalDate.of(2025, 11, 2));
        List<Path> a = new SyntheticAeso(3).write(first, days);
        List<Path> b = new SyntheticAeso(3).write(second, days);

        assertThat(a).hasSameSizeAs(b);
        for (int i = 0; i < a.size(); i++) {
            assertThat(Files.readAllBytes(a.get(i))).isEqualTo(Files.readAllBytes(b.get(i)));
            assertThat(Files.getLastModifiedTime(a.get(i)).toInstant()).isEqualTo(Instant.parse("2025-11-03T07:10:00Z"));
        }
        assertThat(Files.readAllBytes(new SyntheticAeso(4).write(second, days).get(0))).isNotEqualTo(Files.readAllBytes(a.get(0)));
    }
}
