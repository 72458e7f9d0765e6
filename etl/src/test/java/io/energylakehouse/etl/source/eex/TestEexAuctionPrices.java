package io.energylakehouse.etl.source.eex;

import io.energylakehouse.common.table.CanonicalTables;
import io.energylakehouse.etl.curate.CanonicalPrices;
import io.energylakehouse.etl.curate.CanonicalRecords;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The curation step: auctions to rows of curated.spot_prices, products and platforms from every naming EEX used, T+1 delivery, refusals. */
class TestEexAuctionPrices
{
    private static final Instant PUBLISHED = Instant.parse("2022-02-01T10:55:00Z");

    private static EexAuctionRecord auction(int line, LocalDate date, String name, String contract, String certificate, String status, Double price)
    {
        return new EexAuctionRecord(line, "Primary Market Auction", date, "11:00:52", name, contract, certificate, status, price, null, null, null, null,
                2449000, 1242500.0, null, null, 0.51, 9, 0, null, "EU");
    }

    @Test
    void mapsAnAuctionToASpotPriceRowInColumnOrder()
    {
        // a Friday: delivered on Monday
        LocalDate friday = LocalDate.of(2022, 12, 16);
        CanonicalRecords curated = EexAuctionPrices.canonicalRecords(List.of(new EexAuctionRecord(7, "Primary Market Auction", friday, "11:00:54",
                "Auction 4. Period DE", "T3PA", null, "successful", 83.41, 45.0, 92.0, 83.57, 83.7, 1865500, 4316500.0, 83, 51, 2.31, 18, 16, 155601355.0, "DE")),
                PUBLISHED, "fetch-1");

        assertThat(curated.table()).isEqualTo(CanonicalTables.SPOT_PRICES);
        assertThat(curated.rejected()).isEmpty();
        Row row = curated.rows().get(0);
        EexRows.assertFits(CanonicalTables.SPOT_PRICES, row);
        assertThat(row).isEqualTo(RowFactory.create("EU-ETS", "EUA_AUCTION_DE", friday, LocalDate.of(2022, 12, 19), LocalDate.of(2022, 12, 20), 83.41, "EUR",
                "tCO2", "settled", "DE", 1865500.0, 4316500.0, 18, 16, 2.31, PUBLISHED, null, "fetch-1", List.of()));
        assertThat(CanonicalTables.SPOT_PRICES.columnNames()).startsWith("market", "product", "trade_date", "delivery_start", "delivery_end", "price");
    }

    @Test
    void keepsACancelledAuctionWithNoPrice()
    {
        LocalDate day = LocalDate.of(2022, 2, 1);
        Row row = EexAuctionPrices.canonicalRecords(List.of(auction(213, day, "Auction 4. Period CAP3 EU", "T3PA", null, "cancelled", null)), PUBLISHED, "f")
                .rows().get(0);

        EexRows.assertFits(CanonicalTables.SPOT_PRICES, row);
        assertThat(row.get(5)).isNull();
        assertThat(row.getString(8)).isEqualTo("cancelled");
        assertThat(row.getString(1)).isEqualTo("EUA_AUCTION_EU");
        assertThat(row.getString(9)).isEqualTo("CAP3");
    }

    @Test
    void namesProductsAndPlatformsOfEveryNamingEexUsed()
    {
        assertThat(product("EU", "T3PA", null)).isEqualTo("EUA_AUCTION_EU on EU");
        assertThat(product("DE", "T2PA", null)).isEqualTo("EUA_PHASE2_AUCTION_DE on DE");
        assertThat(product("DE", "EAA2", null)).isEqualTo("EUAA_PHASE2_AUCTION_DE on DE");
        assertThat(product("EU", "EAA3", null)).isEqualTo("EUAA_AUCTION_EU on EU");
        assertThat(product("EU (TCAP)", "T3PA", "EUA")).isEqualTo("EUA_AUCTION_EU on TCAP");
        assertThat(product("EU (TCAP)", "EAA3", "EUAA")).isEqualTo("EUAA_AUCTION_EU on TCAP");
        assertThat(product("Auction 3. Period CAP2-EU", "T3PA", null)).isEqualTo("EUA_AUCTION_EU on CAP2");
        assertThat(product("Auction 3. Period CAP2-PL", "T3PA", null)).isEqualTo("EUA_AUCTION_PL on CAP2");
        assertThat(product("Auction 3. Period DE", "T3PA", null)).isEqualTo("EUA_AUCTION_DE on DE");
        assertThat(product("EUAA Auction CAP2-EU", "EAA3", null)).isEqualTo("EUAA_AUCTION_EU on CAP2");
        assertThat(product("Auction 4. Period CAP3 EU", "T3PA", null)).isEqualTo("EUA_AUCTION_EU on CAP3");
        assertThat(product("EUAA Auction CAP3 PL", "EAA3", null)).isEqualTo("EUAA_AUCTION_PL on CAP3");
        assertThat(product("Auction 4. Period CAP3 NIR", "T3PA", null)).isEqualTo("EUA_AUCTION_NIR on CAP3");
        assertThat(EexAuctionProduct.of("Auction 4. Period", "T3PA", null)).isEmpty();
    }

    private static String product(String name, String contract, String certificate)
    {
        EexAuctionProduct product = EexAuctionProduct.of(name, contract, certificate).orElseThrow();
        return product.product() + " on " + product.platform();
    }

    @Test
    void deliversOnTheNextTargetBusinessDay()
    {
        assertThat(EexAuctionPrices.deliveryDay(LocalDate.of(2022, 2, 1))).isEqualTo(LocalDate.of(2022, 2, 2));
        // Friday to Monday
        assertThat(EexAuctionPrices.deliveryDay(LocalDate.of(2022, 12, 16))).isEqualTo(LocalDate.of(2022, 12, 19));
        // Thursday before Easter 2022 (Good Friday 15 April, Easter Monday 18 April) to Tuesday
        assertThat(EexAuctionPrices.deliveryDay(LocalDate.of(2022, 4, 14))).isEqualTo(LocalDate.of(2022, 4, 19));
        // over 1 May 2019 (a Wednesday)
        assertThat(EexAuctionPrices.deliveryDay(LocalDate.of(2019, 4, 30))).isEqualTo(LocalDate.of(2019, 5, 2));
        // over Christmas 2020 (Friday 25, Saturday 26)
        assertThat(EexAuctionPrices.deliveryDay(LocalDate.of(2020, 12, 24))).isEqualTo(LocalDate.of(2020, 12, 28));
        assertThat(EexAuctionPrices.easterSunday(2019)).isEqualTo(LocalDate.of(2019, 4, 21));
        assertThat(EexAuctionPrices.easterSunday(2024)).isEqualTo(LocalDate.of(2024, 3, 31));
    }

    @Test
    void refusesAnAuctionWithoutAreaAndASecondAuctionOfOneProductOnOneDay()
    {
        LocalDate day = LocalDate.of(2022, 3, 2);
        CanonicalRecords curated = EexAuctionPrices.canonicalRecords(List.of(
                auction(10, day, "Auction 4. Period CAP3 PL", "T3PA", null, "successful", 80.0),
                auction(11, day, "Auction 4. Period CAP3 PL", "T3PA", null, "successful", 81.0),
                auction(12, day, "Auction 4. Period CAP3 EU", "T3PA", null, "successful", 80.5),
                auction(13, day, "Auction 4. Period", "T3PA", null, "successful", 80.5)), PUBLISHED, "f");

        assertThat(curated.rows()).extracting(row -> row.getString(1)).containsExactly("EUA_AUCTION_PL", "EUA_AUCTION_EU");
        assertThat(curated.rejected()).extracting(CanonicalPrices.Rejected::reason).containsExactly(
                "Cannot curate EEX auction 'Auction 4. Period CAP3 PL' on 2022-03-02 (line 11): line 10 already holds an auction of EUA_AUCTION_PL that day",
                "Cannot tell the auctioning area of EEX auction 'Auction 4. Period' on 2022-03-02 (line 13): its name names none");
        CanonicalPrices.Rejected duplicate = curated.rejected().get(0);
        assertThat(duplicate.locationId()).isEqualTo("EUA_AUCTION_PL");
        assertThat(duplicate.intervalStartUtc()).isEqualTo(Instant.parse("2022-03-01T23:00:00Z"));
        assertThat(duplicate.record()).isEqualTo("{\"line_number\":11,\"auction_date\":\"2022-03-02\",\"auction_name\":\"Auction 4. Period CAP3 PL\","
                + "\"contract\":\"T3PA\",\"auction_price_eur_per_tco2\":81.0}");
    }
}
