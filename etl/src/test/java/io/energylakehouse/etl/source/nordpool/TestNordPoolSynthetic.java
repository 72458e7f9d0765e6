package io.energylakehouse.etl.source.nordpool;

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

import static io.energylakehouse.etl.source.nordpool.NordPoolTestFiles.parse;
import static io.energylakehouse.etl.source.nordpool.NordPoolTestFiles.records;
import static org.assertj.core.api.Assertions.assertThat;

/** The sample generator: labelled, deterministic, hourly before 2025-10-01 and quarter-hourly after, and read back by the parser and curation. */
class TestNordPoolSynthetic
{
    @Test
    void roundTripsThroughParserAndCuration()
    {
        SyntheticNordPool synthetic = new SyntheticNordPool(7);
        List<String> areas = SyntheticNordPool.areas(3);
        assertThat(areas).containsExactly("SE3", "NO1", "DK1");
        for (LocalDate day : List.of(LocalDate.of(2024, 3, 31), LocalDate.of(2024, 10, 27), LocalDate.of(2025, 9, 30), LocalDate.of(2025, 10, 1),
                LocalDate.of(2025, 10, 26), LocalDate.of(2026, 3, 29))) {
            List<SyntheticNordPool.GeneratedFile> files = synthetic.day(day, areas);
            // EUR, then SEK for SE3, NOK for NO1, DKK for DK1
            assertThat(files).extracting(SyntheticNordPool.GeneratedFile::fileName).containsExactly("DayAheadPrices_SE3+NO1+DK1_EUR_" + day + ".json",
                    "DayAheadPrices_SE3_SEK_" + day + ".json", "DayAheadPrices_NO1_NOK_" + day + ".json", "DayAheadPrices_DK1_DKK_" + day + ".json");
            int minutes = day.isBefore(LocalDate.of(2025, 10, 1)) ? 60 : 15;
            long intervals = NordPoolMarket.dayLength(day).toMinutes() / minutes;
            for (SyntheticNordPool.GeneratedFile file : files) {
                ParsedPayload parsed = parse(file.fileName(), file.bytes());
                assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
                assertThat(parsed.rejected()).isEmpty();
                assertThat(parsed.publishedAtUtc()).contains(file.publishedAtUtc());
                assertThat(parsed.operatingDates()).containsExactly(day);
                CanonicalPrices prices = NordPoolPayloadPrices.canonical(records(parsed), file.publishedAtUtc(), "synthetic");
                assertThat(prices.rejected()).isEmpty();
                long perArea = prices.rows().stream().filter(row -> row.locationId().equals(prices.rows().get(0).locationId())).count();
                assertThat(perArea).isEqualTo(intervals);
                assertThat(prices.rows()).allSatisfy(row -> assertThat(row.intervalMinutes()).isEqualTo(minutes));
            }
        }
        assertThat(SyntheticNordPool.areas(100)).hasSize(24);
    }

    @Test
    void writesLabelledFilesDeterministically(@TempDir Path folder)
            throws IOException
    {
        List<LocalDate> days = List.of(LocalDate.of(2025, 9, 30), LocalDate.of(2025, 10, 1));
        List<Path> first = new NordPoolConnector().samples().orElseThrow().write(folder.resolve("a"), days, 2, 42);
        List<Path> second = new SyntheticNordPool(42).write(folder.resolve("b"), days, SyntheticNordPool.areas(2));

        assertThat(Files.readString(folder.resolve("a/README.txt"))).startsWith("SYNTHETIC DATA.");
        assertThat(first).hasSize(6);
        for (int i = 0; i < first.size(); i++) {
            assertThat(Files.readAllBytes(first.get(i))).isEqualTo(Files.readAllBytes(second.get(i)));
        }
        // dated 12:45 CEST the day before delivery, as the download would be
        assertThat(Files.getLastModifiedTime(first.get(0)).toInstant()).isEqualTo(Instant.parse("2025-09-29T10:45:00Z"));
        assertThat(new SyntheticNordPool(43).day(days.get(0), List.of("SE3")).get(0).bytes())
                .isNotEqualTo(new SyntheticNordPool(42).day(days.get(0), List.of("SE3")).get(0).bytes());
        // local-currency prices are EUR prices at the day's rate
        List<NordPoolPriceRecord> eur = records(parse("eur", new SyntheticNordPool(42).file(days.get(0), List.of("SE3"), "EUR").bytes()));
        List<NordPoolPriceRecord> sek = records(parse("sek", new SyntheticNordPool(42).file(days.get(0), List.of("SE3"), "SEK").bytes()));
        double rate = sek.get(0).exchangeRate();
        assertThat(rate).isBetween(10.0, 13.0);
        for (int i = 0; i < eur.size(); i++) {
            assertThat(sek.get(i).price()).isCloseTo(eur.get(i).price() * rate, org.assertj.core.data.Offset.offset(0.5));
        }
    }

    @Test
    void curatedRowsOfOneDayAreTheDaysIntervals()
    {
        LocalDate day = LocalDate.of(2025, 10, 26);
        SyntheticNordPool.GeneratedFile file = new SyntheticNordPool(1).file(day, List.of("FI"), "EUR");
        List<PriceRow> rows = NordPoolPayloadPrices.canonical(records(parse(file.fileName(), file.bytes())), file.publishedAtUtc(), "f").rows();

        assertThat(rows).extracting(PriceRow::intervalStartUtc).containsExactlyElementsOf(NordPoolMarket.TIME.intervalStarts(day, 15));
    }
}
