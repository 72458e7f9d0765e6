package io.energylakehouse.etl.source.eia;

import io.energylakehouse.common.table.CanonicalTables;
import io.energylakehouse.etl.curate.CanonicalPrices;
import io.energylakehouse.etl.curate.CanonicalRecords;
import io.energylakehouse.etl.raw.ParsedPayload;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static io.energylakehouse.etl.source.eia.EiaTestFiles.parse;
import static io.energylakehouse.etl.source.eia.EiaTestFiles.records;
import static io.energylakehouse.etl.source.eia.EiaTestFiles.resource;
import static org.assertj.core.api.Assertions.assertThat;

/** Henry Hub spot prices into curated.spot_prices: market, product, delivery days, the missing-value rule. */
class TestEiaSpotPrices
{
    private static final List<String> COLUMNS = CanonicalTables.SPOT_PRICES.columnNames();
    private static final Instant RECEIVED = Instant.parse("2024-03-13T20:00:00Z");

    private static Object value(Row row, String column)
    {
        return row.get(COLUMNS.indexOf(column));
    }

    @Test
    void pricesAreSettledHenryHubPricesOfTheNextFlowDays()
    {
        ParsedPayload parsed = parse(EiaReport.HENRY_HUB_SPOT, "p.json", resource("eia_henry_hub_spot_20240304_20240308.json"));

        CanonicalRecords curated = EiaSpotPrices.canonicalRecords(records(parsed), RECEIVED, "fetch-1");

        assertThat(curated.table()).isEqualTo(CanonicalTables.SPOT_PRICES);
        assertThat(curated.rows()).hasSize(4);
        assertThat(curated.rows()).allSatisfy(row -> assertThat(row.size()).isEqualTo(COLUMNS.size()));
        Row monday = curated.rows().get(0);
        assertThat(value(monday, "market")).isEqualTo("HENRY-HUB");
        assertThat(value(monday, "product")).isEqualTo("RNGWHHD");
        assertThat(value(monday, "trade_date")).isEqualTo(LocalDate.of(2024, 3, 4));
        assertThat(value(monday, "delivery_start")).isEqualTo(LocalDate.of(2024, 3, 5));
        assertThat(value(monday, "delivery_end")).isEqualTo(LocalDate.of(2024, 3, 6));
        assertThat(value(monday, "price")).isEqualTo(1.62);
        assertThat(value(monday, "currency")).isEqualTo("USD");
        assertThat(value(monday, "unit")).isEqualTo("MMBtu");
        assertThat(value(monday, "status")).isEqualTo("settled");
        assertThat(value(monday, "published_at_utc")).isEqualTo(RECEIVED);
        assertThat(value(monday, "revision")).isNull();
        assertThat(value(monday, "dq_flags")).isEqualTo(List.of());
        // Friday's price covers Saturday through Monday
        Row friday = curated.rows().get(3);
        assertThat(value(friday, "trade_date")).isEqualTo(LocalDate.of(2024, 3, 8));
        assertThat(value(friday, "delivery_start")).isEqualTo(LocalDate.of(2024, 3, 9));
        assertThat(value(friday, "delivery_end")).isEqualTo(LocalDate.of(2024, 3, 12));
        // the API's null on Wednesday is no price: refused with the day, never a zero
        assertThat(curated.rejected()).hasSize(1);
        CanonicalPrices.Rejected missing = curated.rejected().get(0);
        assertThat(missing.reason()).isEqualTo("Cannot curate EIA RNGWHHD on 2024-03-06 (page 1 (row 3 of the payload)): EIA has no price for the day "
                + "(missing); the gap is kept in the raw table, not written as a price");
        assertThat(missing.intervalStartUtc()).isEqualTo(Instant.parse("2024-03-06T05:00:00Z"));
        assertThat(missing.locationId()).isEqualTo("RNGWHHD");
    }

    @Test
    void theHistorysZeroFillIsRefusedNamingTheFill()
    {
        ParsedPayload parsed = parse(EiaReport.HENRY_HUB_SPOT, "h.csv", resource("henry_hub_daily_history_sample.csv"));

        CanonicalRecords curated = EiaSpotPrices.canonicalRecords(records(parsed), RECEIVED, "f");

        assertThat(curated.rows()).extracting(row -> value(row, "price")).containsExactly(3.82, 3.80, 13.0);
        assertThat(curated.rows()).extracting(row -> value(row, "price")).doesNotContain(0.0);
        assertThat(curated.rejected()).extracting(CanonicalPrices.Rejected::reason).containsExactly(
                "Cannot curate EIA RNGWHHD on 1997-01-06 (line 2): EIA has no price for the day (zero_filled_missing: the normalized history's 0.0 fill of "
                        + "a missing day); the gap is kept in the raw table, not written as a price",
                "Cannot curate EIA RNGWHHD on 2001-12-24 (line 5): EIA has no price for the day (missing); the gap is kept in the raw table, not written as a price");
    }

    @Test
    void deliveryRunsFromTheDayAfterToTheDayAfterTheNextWeekday()
    {
        assertThat(EiaSpotPrices.deliveryStart("RNGWHHD", LocalDate.of(2024, 11, 1))).isEqualTo(LocalDate.of(2024, 11, 2));
        assertThat(EiaSpotPrices.deliveryEnd("RNGWHHD", LocalDate.of(2024, 11, 1))).isEqualTo(LocalDate.of(2024, 11, 5));
        assertThat(EiaSpotPrices.deliveryEnd("RNGWHHD", LocalDate.of(2024, 11, 4))).isEqualTo(LocalDate.of(2024, 11, 6));
        // a weekly average (week ending Friday 1997-01-10) covers the flows of Monday..Friday's prices: Tuesday 1997-01-07 .. Tuesday 1997-01-14
        assertThat(EiaSpotPrices.deliveryStart("RNGWHHW", LocalDate.of(1997, 1, 10))).isEqualTo(LocalDate.of(1997, 1, 7));
        assertThat(EiaSpotPrices.deliveryEnd("RNGWHHW", LocalDate.of(1997, 1, 10))).isEqualTo(LocalDate.of(1997, 1, 14));
    }

    @Test
    void repeatedRowsAreFlaggedAndOtherUnitsRefused()
    {
        String pages = EiaTestFiles.page("2", EiaTestFiles.spotRow("2024-03-04", "1.62"), EiaTestFiles.spotRow("2024-03-05", "1.7").replace("$/MMBTU", "$/MCF"))
                + EiaTestFiles.page("2", EiaTestFiles.spotRow("2024-03-04", "\"1.62\""));

        CanonicalRecords curated = EiaSpotPrices.canonicalRecords(records(parse(EiaReport.HENRY_HUB_SPOT, "p.json", pages)), RECEIVED, "f");

        assertThat(curated.rows()).hasSize(1);
        assertThat(value(curated.rows().get(0), "dq_flags")).isEqualTo(List.of("duplicate_rows_collapsed"));
        assertThat(curated.rejected()).extracting(CanonicalPrices.Rejected::reason)
                .containsExactly("Cannot curate EIA RNGWHHD on 2024-03-05 (page 1 (row 2 of the payload)): units '$/MCF' are not $/MMBTU");
    }
}
