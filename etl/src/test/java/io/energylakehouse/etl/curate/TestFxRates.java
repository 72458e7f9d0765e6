package io.energylakehouse.etl.curate;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The rate a one-currency view uses for a day, and conversions worked by hand. Pure Java. */
class TestFxRates
{
    private static final LocalDate THURSDAY = LocalDate.of(2025, 1, 2);
    private static final LocalDate FRIDAY = LocalDate.of(2025, 1, 3);
    private static final LocalDate SATURDAY = LocalDate.of(2025, 1, 4);

    private static final FxRates RATES = FxRates.of(List.of(
            new FxRates.Published(THURSDAY, "USD", new BigDecimal("1.0321")),
            new FxRates.Published(FRIDAY, "USD", new BigDecimal("1.0299")),
            new FxRates.Published(FRIDAY, "JPY", new BigDecimal("162.88")),
            new FxRates.Published(FRIDAY, "NOK", new BigDecimal("11.7940"))));

    @Test
    void sameDayOrThePreviousBusinessDay()
    {
        assertThat(RATES.rate("USD", FRIDAY)).contains(new FxRates.Rate("USD", FRIDAY, FRIDAY, new BigDecimal("1.0299"), FxRates.SAME_DAY));
        assertThat(RATES.rate("USD", SATURDAY)).contains(new FxRates.Rate("USD", SATURDAY, FRIDAY, new BigDecimal("1.0299"), FxRates.PREVIOUS_BUSINESS_DAY));
        assertThat(RATES.rate("JPY", THURSDAY)).as("no JPY rate on or before Thursday").isEmpty();
        assertThat(RATES.rate("USD", FRIDAY.plusDays(FxRates.MAX_LOOKBACK_DAYS))).isPresent();
        assertThat(RATES.rate("USD", FRIDAY.plusDays(FxRates.MAX_LOOKBACK_DAYS + 1))).as("too stale: no rate, never a guess").isEmpty();
        assertThat(RATES.rate("CHF", FRIDAY)).isEmpty();
        assertThat(RATES.rate("EUR", SATURDAY)).contains(new FxRates.Rate("EUR", SATURDAY, SATURDAY, BigDecimal.ONE, FxRates.SAME_DAY));
    }

    @Test
    void convertsJpyNokAndUsdPricesByHand()
    {
        // Saturday's prices use Friday's rates. price_eur = price / units_per_eur; price_usd = price_eur * usd_per_eur.
        // 10000 JPY/MWh / 162.88 = 61.394892 EUR/MWh; * 1.0299 = 63.230599 USD/MWh
        assertThat(sixDecimals(RATES.toEur(new BigDecimal("10000"), "JPY", SATURDAY).orElseThrow())).isEqualTo("61.394892");
        assertThat(sixDecimals(RATES.toUsd(new BigDecimal("10000"), "JPY", SATURDAY).orElseThrow())).isEqualTo("63.230599");
        // 1000 NOK/MWh / 11.7940 = 84.788876 EUR/MWh; * 1.0299 = 87.324063 USD/MWh
        assertThat(sixDecimals(RATES.toEur(new BigDecimal("1000"), "NOK", SATURDAY).orElseThrow())).isEqualTo("84.788876");
        assertThat(sixDecimals(RATES.toUsd(new BigDecimal("1000"), "NOK", SATURDAY).orElseThrow())).isEqualTo("87.324063");
        // 100 USD/MWh / 1.0299 = 97.096806 EUR/MWh, and back to 100 USD/MWh
        assertThat(sixDecimals(RATES.toEur(new BigDecimal("100"), "USD", FRIDAY).orElseThrow())).isEqualTo("97.096806");
        assertThat(sixDecimals(RATES.toUsd(new BigDecimal("100"), "USD", FRIDAY).orElseThrow())).isEqualTo("100.000000");
        // EUR is its own rate
        assertThat(sixDecimals(RATES.toUsd(new BigDecimal("50"), "EUR", FRIDAY).orElseThrow())).isEqualTo("51.495000");
        assertThat(RATES.toUsd(new BigDecimal("50"), "JPY", THURSDAY)).isEmpty();
    }

    @Test
    void twoRatesForOneKeyAreRefused()
    {
        assertThatThrownBy(() -> FxRates.of(List.of(new FxRates.Published(FRIDAY, "USD", new BigDecimal("1.0299")),
                new FxRates.Published(FRIDAY, "USD", new BigDecimal("1.03")))))
                .hasMessage("Cannot hold two rates of USD on 2025-01-03: 1.0299 and 1.03 (give the latest revision only)");
    }

    private static String sixDecimals(BigDecimal value)
    {
        return value.setScale(6, RoundingMode.HALF_UP).toPlainString();
    }
}
