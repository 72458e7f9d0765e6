package io.energylakehouse.etl.source.jepx;

import io.energylakehouse.etl.curate.CanonicalPrices;
import io.energylakehouse.etl.curate.PriceRow;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static io.energylakehouse.etl.source.jepx.JepxTestFiles.HEADER;
import static io.energylakehouse.etl.source.jepx.JepxTestFiles.parse;
import static io.energylakehouse.etl.source.jepx.JepxTestFiles.resource;
import static io.energylakehouse.etl.source.jepx.JepxTestFiles.row;
import static io.energylakehouse.etl.source.jepx.JepxTestFiles.shiftJis;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** JEPX's canonical prices: JPY per kWh times 1000 exactly, ten locations per half hour, the floor and empty prices refused. */
class TestJepxPayloadPrices
{
    private static final Instant PUBLISHED = Instant.parse("2025-03-31T01:10:00Z");

    private static CanonicalPrices canonical(byte[] file)
    {
        return JepxPayloadPrices.prices(parse(file).records().stream().map(JepxSpotRecord.class::cast).toList(), PUBLISHED, "fetch-1");
    }

    @Test
    void convertsJpyPerKwhToJpyPerMwhByExactlyAThousand()
    {
        assertThat(JepxPayloadPrices.perMwh(new BigDecimal("12.34"))).isEqualByComparingTo("12340");
        assertThat(JepxPayloadPrices.perMwh(new BigDecimal("0.01"))).isEqualByComparingTo("10");
        assertThat(JepxPayloadPrices.perMwh(new BigDecimal("16.15"))).isEqualByComparingTo("16150");
        assertThat(JepxPayloadPrices.perMwh(new BigDecimal("16.15")).doubleValue()).isEqualTo(16150.0);
        // what a double multiplication would have written instead
        assertThat(16.15 * 1000).isEqualTo(16149.999999999998);

        CanonicalPrices prices = canonical(shiftJis(List.of(HEADER, row("2025/04/01", "1", "12.34", "0.01", "16.15", "200.00", "80.05", "0.29", "1", "1", "1", "1"))));
        assertThat(prices.rejected()).isEmpty();
        // rows come in key order: by location id
        assertThat(prices.rows()).extracting(PriceRow::locationId, PriceRow::pricePerMwh).containsExactly(tuple("CHUBU", 80050.0), tuple("CHUGOKU", 1000.0),
                tuple("HOKKAIDO", 10.0), tuple("HOKURIKU", 290.0), tuple("KANSAI", 1000.0), tuple("KYUSHU", 1000.0), tuple("SHIKOKU", 1000.0),
                tuple("SYSTEM", 12340.0), tuple("TOHOKU", 16150.0), tuple("TOKYO", 200000.0));
    }

    @Test
    void makesTenLocationsPerHalfHourInJst()
    {
        CanonicalPrices prices = canonical(resource(JepxTestFiles.FIXTURE));

        assertThat(prices.rejected()).isEmpty();
        assertThat(prices.rows()).hasSize(960);
        assertThat(prices.rows()).extracting(PriceRow::locationId).containsOnly("SYSTEM", "HOKKAIDO", "TOHOKU", "TOKYO", "CHUBU", "HOKURIKU", "KANSAI", "CHUGOKU",
                "SHIKOKU", "KYUSHU");
        List<PriceRow> systemRows = prices.rows().stream().filter(row -> row.locationId().equals("SYSTEM")).toList();
        PriceRow system = systemRows.get(0);
        assertThat(system.market()).isEqualTo("JEPX");
        assertThat(system.dataset()).isEqualTo("da_30min");
        assertThat(system.locationId()).isEqualTo("SYSTEM");
        assertThat(system.locationType()).isEqualTo("system");
        assertThat(system.intervalMinutes()).isEqualTo(30);
        assertThat(system.currency()).isEqualTo("JPY");
        assertThat(system.intervalStartUtc()).isEqualTo(Instant.parse("2025-03-29T15:00:00Z"));
        assertThat(system.operatingDate()).isEqualTo(LocalDate.of(2025, 3, 30));
        assertThat(system.hourEnding()).isEqualTo(1);
        assertThat(system.pricePerMwh()).isEqualTo(10010.0);
        assertThat(system.publishedAtUtc()).isEqualTo(PUBLISHED);
        assertThat(system.fetchId()).isEqualTo("fetch-1");
        PriceRow hokkaido = prices.rows().stream().filter(row -> row.locationId().equals("HOKKAIDO")).findFirst().orElseThrow();
        assertThat(hokkaido.locationType()).isEqualTo("area");
        assertThat(hokkaido.intervalStartUtc()).isEqualTo(system.intervalStartUtc());
        assertThat(hokkaido.pricePerMwh()).isEqualTo(11510.0);
        // slots 1 and 2 are hour ending 1, slot 48 hour ending 24
        assertThat(systemRows).hasSize(96);
        assertThat(systemRows.subList(0, 3)).extracting(PriceRow::hourEnding).containsExactly(1, 1, 2);
        assertThat(systemRows.get(95).hourEnding()).isEqualTo(24);
        assertThat(systemRows).extracting(PriceRow::revision).containsOnly(1);
        assertThat(prices.rows().stream().filter(row -> row.locationId().equals("TOKYO") && row.operatingDate().equals(LocalDate.of(2025, 3, 31)))).hasSize(48);
    }

    @Test
    void refusesPricesBelowTheFloorAndEmptyPricesWithTheLine()
    {
        CanonicalPrices prices = canonical(shiftJis(List.of(HEADER, row("2025/04/01", "7", "", "0.00", "-1.5", "0.009", "0.01", "1", "1", "1", "1", "1"))));

        assertThat(prices.rows()).extracting(PriceRow::locationId, PriceRow::pricePerMwh).containsExactly(tuple("CHUBU", 10.0), tuple("CHUGOKU", 1000.0),
                tuple("HOKURIKU", 1000.0), tuple("KANSAI", 1000.0), tuple("KYUSHU", 1000.0), tuple("SHIKOKU", 1000.0));
        assertThat(prices.rejected()).extracting(CanonicalPrices.Rejected::locationId).containsExactly("SYSTEM", "HOKKAIDO", "TOHOKU", "TOKYO");
        assertThat(prices.rejected()).extracting(CanonicalPrices.Rejected::reason).containsExactly(
                "システムプライス(円/kWh) is empty on line 2 (2025-04-01 slot 7): no price, not a price of 0",
                "エリアプライス北海道(円/kWh) 0 JPY/kWh on line 2 (2025-04-01 slot 7) is below JEPX's floor of 0.01 JPY/kWh",
                "エリアプライス東北(円/kWh) -1.5 JPY/kWh on line 2 (2025-04-01 slot 7) is below JEPX's floor of 0.01 JPY/kWh",
                "エリアプライス東京(円/kWh) 0.009 JPY/kWh on line 2 (2025-04-01 slot 7) is below JEPX's floor of 0.01 JPY/kWh");
        assertThat(prices.rejected().get(0).intervalStartUtc()).isEqualTo(Instant.parse("2025-03-31T18:00:00Z"));
        assertThat(prices.rejected().get(1).record()).isEqualTo("{\"line\":2,\"date\":\"2025-04-01\",\"slot\":7,\"location\":\"HOKKAIDO\",\"price_jpy_per_kwh\":0}");
    }
}
