package io.energylakehouse.etl.source.entsoe;

import io.energylakehouse.etl.curate.CanonicalPrices;
import io.energylakehouse.etl.curate.PriceRow;
import io.energylakehouse.etl.raw.FetchOutcome;
import io.energylakehouse.etl.raw.ParsedPayload;
import io.energylakehouse.etl.raw.Payload;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.energylakehouse.etl.source.entsoe.EntsoeTestFiles.records;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The parser on ENTSO-E's real FR A44 answer, ../shared/fixtures/real/entsoe/FR_day_ahead_price_A44.xml (delivery
 * 2023-05-07 and 2023-05-08, 48 hours, namespace 7:0), read in place, and a cross-check of our canonical prices against
 * another pipeline's hourly copy of the same prices, ../shared/data/entsoe_deepforkit/FR.csv, whose time stamps are
 * local clock time (Europe/Paris). Skipped when the shared folder is absent.
 */
class TestEntsoeRealFile
{
    private static final Path SHARED = Path.of(System.getProperty("lakehouse.shared-dir", "../../shared"));
    private static final Path REAL_FILE = SHARED.resolve("fixtures/real/entsoe/FR_day_ahead_price_A44.xml");
    private static final Path DEEPFORKIT_FR = SHARED.resolve("data/entsoe_deepforkit/FR.csv");
    private static final DateTimeFormatter CSV_TIME = DateTimeFormatter.ofPattern("M/d/uuuu H:mm");
    private static final ZoneId PARIS = ZoneId.of("Europe/Paris");

    private static CanonicalPrices realPrices()
            throws IOException
    {
        Payload payload = Payload.ofFile(EntsoeMarket.SOURCE, "a44", Payload.Origin.REPLAY, "replay", REAL_FILE);
        ParsedPayload parsed = new EntsoeParser().parse(payload);
        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        return EntsoePayloadPrices.canonical(records(parsed), parsed.publishedAtUtc().orElseThrow(), "real");
    }

    @Test
    void parsesRealFrenchAnswer()
            throws IOException
    {
        assumeTrue(Files.isRegularFile(REAL_FILE), "the shared real fixture " + REAL_FILE + " is absent");
        Payload payload = Payload.ofFile(EntsoeMarket.SOURCE, "a44", Payload.Origin.REPLAY, "replay", REAL_FILE);

        ParsedPayload parsed = new EntsoeParser().parse(payload);

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(parsed.rejected()).isEmpty();
        assertThat(parsed.publishedAtUtc()).contains(Instant.parse("2023-05-09T11:24:10Z"));
        assertThat(parsed.operatingDates()).containsExactlyInAnyOrder(LocalDate.of(2023, 5, 7), LocalDate.of(2023, 5, 8));
        assertThat(parsed.contentKey()).contains("A44||10YFR-RTE------C|2023-05-06T22:00:00Z|2023-05-08T22:00:00Z");
        List<EntsoePointRecord> records = records(parsed);
        assertThat(records).hasSize(48);
        assertThat(records).extracting(EntsoePointRecord::classificationSequence).containsOnlyNulls();
        assertThat(records.get(0)).isEqualTo(new EntsoePointRecord(EntsoeReport.A44, 1, records.get(0).lineNumber(), 1, "1", "A62", null, null,
                "10YFR-RTE------C", null, null, "EUR", "MWH", "A01", "PT60M", Instant.parse("2023-05-06T22:00:00Z"), Instant.parse("2023-05-07T22:00:00Z"), 1,
                Instant.parse("2023-05-06T22:00:00Z"), Instant.parse("2023-05-06T23:00:00Z"), 106.78, Instant.parse("2023-05-09T11:24:10Z")));

        CanonicalPrices prices = realPrices();
        assertThat(prices.rejected()).isEmpty();
        assertThat(prices.rows()).hasSize(48);
        assertThat(prices.rows()).extracting(PriceRow::dataset).containsOnly("da_hourly");
        assertThat(prices.rows()).extracting(PriceRow::locationId).containsOnly("FR");
        assertThat(prices.rows()).extracting(PriceRow::currency).containsOnly("EUR");
        assertThat(prices.rows()).allSatisfy(row -> assertThat(row.dqFlags()).isEmpty());
        assertThat(prices.rows().stream().collect(Collectors.groupingBy(PriceRow::operatingDate, Collectors.counting())))
                .containsOnly(Map.entry(LocalDate.of(2023, 5, 7), 24L), Map.entry(LocalDate.of(2023, 5, 8), 24L));
        assertThat(prices.rows().get(47).pricePerMwh()).isEqualTo(104.04);
    }

    /** Every hour of the real answer against the hour of FR.csv with the same Paris wall-clock start: equal prices. */
    @Test
    void canonicalPricesEqualAnotherPipelinesHourlyCopy()
            throws IOException
    {
        assumeTrue(Files.isRegularFile(REAL_FILE) && Files.isRegularFile(DEEPFORKIT_FR), "the shared files are absent");
        CanonicalPrices prices = realPrices();
        Set<LocalDate> days = prices.rows().stream().map(PriceRow::operatingDate).collect(Collectors.toSet());

        Map<Instant, Double> csv = new HashMap<>();
        try (BufferedReader reader = Files.newBufferedReader(DEEPFORKIT_FR, StandardCharsets.UTF_8)) {
            reader.readLine();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] fields = line.split(",", -1);
                if (fields.length < 2 || fields[0].isBlank() || fields[1].isBlank()) {
                    continue;
                }
                LocalDateTime local = LocalDateTime.parse(fields[0], CSV_TIME);
                if (days.contains(local.toLocalDate())) {
                    // local clock time: neither day is a DST day, so each wall time is one instant
                    csv.put(local.atZone(PARIS).toInstant(), Double.parseDouble(fields[1]));
                }
            }
        }

        double maxDifference = 0;
        int compared = 0;
        for (PriceRow row : prices.rows()) {
            Double theirs = csv.get(row.intervalStartUtc());
            assertThat(theirs).as("FR.csv hour starting %s", row.intervalStartUtc()).isNotNull();
            maxDifference = Math.max(maxDifference, Math.abs(theirs - row.pricePerMwh()));
            compared++;
        }
        System.out.printf("ENTSO-E FR cross-check: %d days %s, %d hours compared, max |difference| %.6f EUR/MWh%n", days.size(), new java.util.TreeSet<>(days),
                compared, maxDifference);
        assertThat(compared).isEqualTo(48);
        assertThat(maxDifference).isLessThan(1e-9);
    }
}
