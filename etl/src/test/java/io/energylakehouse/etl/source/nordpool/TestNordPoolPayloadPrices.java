package io.energylakehouse.etl.source.nordpool;

import io.energylakehouse.etl.curate.CanonicalPrices;
import io.energylakehouse.etl.curate.PriceRow;
import io.energylakehouse.etl.curate.PriceRows;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static io.energylakehouse.etl.source.nordpool.NordPoolTestFiles.parseResource;
import static io.energylakehouse.etl.source.nordpool.NordPoolTestFiles.records;
import static org.assertj.core.api.Assertions.assertThat;

/** The curation step in plain Java: datasets by length and currency, the CET clock for every area, area names, refusals. */
class TestNordPoolPayloadPrices
{
    private static final Instant PUBLISHED = Instant.parse("2024-07-08T11:00:00Z");
    private static final Instant START = Instant.parse("2024-07-08T22:00:00Z");

    private static NordPoolPriceRecord price(int entry, String area, Instant start, int minutes, double price, String currency)
    {
        return new NordPoolPriceRecord(entry, area, LocalDate.of(2024, 7, 9), start, start.plusSeconds(60L * minutes), price, currency, "DayAhead", 1.0, "Final",
                PUBLISHED, 1);
    }

    @Test
    void curatesAnAreaDayOnTheCetClock()
    {
        CanonicalPrices prices = NordPoolPayloadPrices.canonical(records(parseResource("DayAheadPrices_SE3+FI_EUR_2024-03-31.json")), PUBLISHED, "fetch-1");

        assertThat(prices.rejected()).isEmpty();
        assertThat(prices.rows()).hasSize(46);
        PriceRow first = prices.rows().stream().filter(row -> row.locationId().equals("FI")).findFirst().orElseThrow();
        // FI's day starts at 00:00 CET (01:00 in Helsinki): operating date and hour ending are CET's
        assertThat(first).isEqualTo(new PriceRow("NORDPOOL", "da_hourly", "FI", "area", Instant.parse("2024-03-30T23:00:00Z"),
                Instant.parse("2024-03-31T00:00:00Z"), 60, LocalDate.of(2024, 3, 31), 1, -1.0, null, null, null, null, "EUR", PUBLISHED, 1, "fetch-1", List.of()));
        // 23 hours: the hour after 02:00 CET is the third of the day, hour ending 3, and the last is 23
        assertThat(prices.rows()).filteredOn(row -> row.locationId().equals("FI")).extracting(PriceRow::hourEnding)
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 23).boxed().toList());
    }

    @Test
    void quarterHoursOfTheFallBackDayHave25HoursEnding()
    {
        CanonicalPrices prices = NordPoolPayloadPrices.canonical(records(parseResource("DayAheadPrices_SE3+EE_EUR_2025-10-26.json")), PUBLISHED, "fetch-1");

        List<PriceRow> estonia = prices.rows().stream().filter(row -> row.locationId().equals("EE")).toList();
        assertThat(estonia).hasSize(100).allSatisfy(row -> {
            assertThat(row.dataset()).isEqualTo("da_15min");
            assertThat(row.intervalMinutes()).isEqualTo(15);
            assertThat(row.operatingDate()).isEqualTo(LocalDate.of(2025, 10, 26));
        });
        assertThat(estonia.get(99).hourEnding()).isEqualTo(25);
        assertThat(estonia.get(4).hourEnding()).isEqualTo(2);
    }

    @Test
    void eurAndLocalCurrencyPricesOfOneAreaAndIntervalNeverShareAKey()
    {
        List<NordPoolPriceRecord> eur = List.of(price(1, "SE3", START, 60, 27.46, "EUR"));
        List<NordPoolPriceRecord> sek = List.of(price(1, "SE3", START, 60, 312.25, "SEK"));

        List<PriceRow> rows = new ArrayList<>(NordPoolPayloadPrices.canonical(eur, PUBLISHED, "fetch-eur").rows());
        rows.addAll(NordPoolPayloadPrices.canonical(sek, PUBLISHED, "fetch-sek").rows());

        // both are revision 1 of keys of their own: nothing is a revision of the other, nothing is lost
        assertThat(PriceRows.withRevisions(rows)).extracting(PriceRow::dataset, PriceRow::currency, PriceRow::pricePerMwh, PriceRow::revision)
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("da_hourly", "EUR", 27.46, 1),
                        org.assertj.core.groups.Tuple.tuple("da_hourly_sek", "SEK", 312.25, 1));
        assertThat(NordPoolPayloadPrices.canonical(List.of(price(1, "NO1", START, 15, 300.0, "NOK")), PUBLISHED, "f").rows())
                .extracting(PriceRow::dataset).containsExactly("da_15min_nok");
    }

    @Test
    void refusesUncuratedCurrenciesLengthsAndUnknownAreas()
    {
        CanonicalPrices prices = NordPoolPayloadPrices.canonical(List.of(price(1, "UK", START, 60, 70.0, "GBP"), price(2, "SE3", START, 60, 70.0, "CHF"),
                price(3, "SE3", START, 30, 70.0, "EUR")), PUBLISHED, "fetch-1");

        assertThat(prices.rows()).isEmpty();
        assertThat(prices.rejected()).extracting(CanonicalPrices.Rejected::reason).containsExactly(
                "area UK is not in the Nord Pool area table [SE1, SE2, SE3, SE4, NO1, NO2, NO3, NO4, NO5, DK1, DK2, FI, EE, LV, LT, SYS, DE-LU, AT, BE, FR, NL, PL, BG, TEL]",
                "currency CHF is not curated: EUR and [NOK, SEK, DKK, PLN, BGN, RON] are; the payload stays in the raw table",
                "interval 2024-07-08T22:00:00Z..2024-07-08T22:30:00Z lasts 30 minutes, expected 15 or 60");
        assertThat(prices.rejected().get(1).record())
                .isEqualTo("[{\"entry\":2,\"area\":\"SE3\",\"start\":\"2024-07-08T22:00:00Z\",\"end\":\"2024-07-08T23:00:00Z\",\"price\":70.0,\"currency\":\"CHF\"}]");
    }

    @Test
    void collapsesAgreeingRepeatsAndRefusesDisagreeingOnes()
    {
        Instant next = START.plusSeconds(3600);
        CanonicalPrices prices = NordPoolPayloadPrices.canonical(List.of(price(1, "SE3", START, 60, 10.5, "EUR"), price(2, "SE3", START, 60, 10.5, "EUR"),
                price(3, "SE3", next, 60, 11.0, "EUR"), price(4, "SE3", next, 60, 12.0, "EUR")), PUBLISHED, "fetch-1");

        assertThat(prices.rows()).singleElement().satisfies(row -> {
            assertThat(row.intervalStartUtc()).isEqualTo(START);
            assertThat(row.dqFlags()).containsExactly("duplicate_rows_collapsed");
        });
        assertThat(prices.rejected()).singleElement().satisfies(rejected -> {
            assertThat(rejected.locationId()).isEqualTo("SE3");
            assertThat(rejected.reason()).isEqualTo("prices for one area and interval disagree: 11.0 vs 12.0 (entries 3 and 4)");
        });
    }

    @Test
    void readsTheLicensedApisGermanyAsDeLu()
    {
        CanonicalPrices prices = NordPoolPayloadPrices.canonical(records(parseResource("DayAheadPrices_GER+SYS_EUR_2026-03-29.json")), PUBLISHED, "fetch-1");

        assertThat(prices.rejected()).isEmpty();
        assertThat(prices.rows()).extracting(PriceRow::locationId).containsOnly("DE-LU", "SYS");
        assertThat(prices.rows()).filteredOn(row -> row.locationId().equals("SYS")).hasSize(92);
    }
}
