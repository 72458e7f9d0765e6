package io.energylakehouse.common.money;

import org.junit.jupiter.api.Test;

import java.util.Currency;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TestCurrencyCodes
{
    @Test
    void currenciesAreAcceptedInAnyCase()
    {
        for (String code : List.of("USD", "eur", " GBP ", "XAF", "XOF", "XPF", "XCD", "JPY")) {
            assertThat(CurrencyCodes.refusal(code)).as(code).isEmpty();
        }
    }

    @Test
    void codesThatAreNotCurrenciesAreRefusedWithWhatTheyStandFor()
    {
        assertThat(CurrencyCodes.refusal("XXX")).contains("not a currency: ISO 4217 code XXX stands for Unknown Currency "
                + "(codes for no currency, testing, precious metals and units of account are refused)");
        assertThat(CurrencyCodes.refusal("xts")).hasValueSatisfying(reason -> assertThat(reason).startsWith("not a currency: ISO 4217 code XTS stands for Testing"));
        assertThat(CurrencyCodes.refusal("XAU")).hasValueSatisfying(reason -> assertThat(reason).contains("XAU stands for Gold"));
        assertThat(CurrencyCodes.refusal("US$")).contains("not an ISO 4217 code");
        assertThat(CurrencyCodes.refusal("")).contains("not an ISO 4217 code");
    }

    @Test
    void theRefusedCodesAreExactlyTheXCodesWithoutAMinorUnit()
    {
        List<String> refused = Currency.getAvailableCurrencies().stream().map(Currency::getCurrencyCode)
                .filter(code -> CurrencyCodes.refusal(code).isPresent()).sorted().toList();
        assertThat(refused).containsExactly("XAG", "XAU", "XBA", "XBB", "XBC", "XBD", "XDR", "XFO", "XFU", "XPD", "XPT", "XSU", "XTS", "XUA", "XXX");
    }
}
