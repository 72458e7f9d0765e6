package io.energylakehouse.etl.source.nordpool;

import io.energylakehouse.etl.curate.CanonicalPrices;
import io.energylakehouse.etl.curate.PriceRow;
import io.energylakehouse.etl.raw.FetchOutcome;
import io.energylakehouse.etl.raw.ParsedPayload;
import io.energylakehouse.etl.raw.Payload;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static io.energylakehouse.etl.source.nordpool.NordPoolTestFiles.records;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The parser on the real Nord Pool answer ../shared/fixtures/real/nordpool/se_next_day_price.json, read in place (skipped
 * when the shared folder is absent): one area (SE4), EUR, delivery day 2024-07-09 CET, 24 hourly prices from
 * 2024-07-08T22:00Z. Its shape, an array of one object per area with {@code prices[]} and {@code unit}, is the licensed
 * API's (electricitymaps reads it from {@code data-api.nordpoolgroup.com/api/v2/Auction/Prices/ByAreas}), not the data
 * portal's.
 */
class TestNordPoolRealFile
{
    private static final Path SHARED = Path.of(System.getProperty("lakehouse.shared-dir", "../../shared"));
    private static final Path REAL_FILE = SHARED.resolve("fixtures/real/nordpool/se_next_day_price.json");

    @Test
    void parsesRealAnswer()
            throws IOException
    {
        assumeTrue(Files.isRegularFile(REAL_FILE), "the shared real fixture " + REAL_FILE + " is absent");
        Payload payload = Payload.ofFile(NordPoolMarket.SOURCE, "DayAheadPrices", Payload.Origin.REPLAY, "replay", REAL_FILE);

        ParsedPayload parsed = new NordPoolPriceParser().parse(payload);

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(parsed.rejected()).isEmpty();
        assertThat(parsed.operatingDates()).containsExactly(LocalDate.of(2024, 7, 9));
        assertThat(parsed.contentKey()).contains("DayAheadPrices|SE4|EUR|2024-07-09");
        List<NordPoolPriceRecord> records = records(parsed);
        assertThat(records).hasSize(24).extracting(NordPoolPriceRecord::deliveryArea).containsOnly("SE4");
        assertThat(records.get(0)).isEqualTo(new NordPoolPriceRecord(1, "SE4", LocalDate.of(2024, 7, 9), Instant.parse("2024-07-08T22:00:00Z"),
                Instant.parse("2024-07-08T23:00:00Z"), 27.46, "EUR", "DayAhead", 1.0, "Final", records.get(0).updatedAt(), null));
        assertThat(records.get(23).intervalEndUtc()).isEqualTo(Instant.parse("2024-07-09T22:00:00Z"));

        CanonicalPrices prices = NordPoolPayloadPrices.canonical(records, parsed.publishedAtUtc().orElse(payload.fetchedAtUtc()), "real");
        assertThat(prices.rejected()).isEmpty();
        assertThat(prices.rows()).hasSize(24).allSatisfy(row -> {
            assertThat(row.dataset()).isEqualTo("da_hourly");
            assertThat(row.locationId()).isEqualTo("SE4");
            assertThat(row.operatingDate()).isEqualTo(LocalDate.of(2024, 7, 9));
        });
        // the day's maximum, 112.8, is the hour 20:00-21:00 CEST: hour ending 21
        assertThat(prices.rows()).filteredOn(row -> row.pricePerMwh() == 112.8).extracting(PriceRow::hourEnding).containsExactly(21);
        // the payload's own averagePrice 44.07 is the mean of its 24 prices
        assertThat(prices.rows().stream().mapToDouble(PriceRow::pricePerMwh).average().orElseThrow()).isCloseTo(44.07, org.assertj.core.data.Offset.offset(0.005));
    }
}
