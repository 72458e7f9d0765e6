package io.energylakehouse.common.money;

import java.util.Currency;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * ISO 4217 codes that name a currency a price can be in. ISO 4217 also lists codes that are not currencies:
 * {@code XXX} (no currency), {@code XTS} (reserved for testing), precious metals ({@code XAU}, {@code XAG},
 * {@code XPT}, {@code XPD}), units of account and drawing rights ({@code XDR}, {@code XBA}..{@code XBD},
 * {@code XSU}, {@code XUA}) and withdrawn gold francs ({@code XFO}, {@code XFU}). Those are exactly the codes
 * whose minor unit ISO 4217 gives as "N.A.", which {@link Currency#getDefaultFractionDigits()} returns as -1,
 * and they are refused here.
 */
public final class CurrencyCodes
{
    private static final Map<String, Currency> CODES = Currency.getAvailableCurrencies().stream()
            .collect(Collectors.toUnmodifiableMap(Currency::getCurrencyCode, Function.identity()));

    private CurrencyCodes() {}

    /**
     * Empty when {@code value} (any case, surrounding blanks ignored) names a currency; else why not, worded to follow
     * "currency 'X' is ...": {@code not an ISO 4217 code}, or {@code not a currency: ISO 4217 code XXX stands for ...}.
     */
    public static Optional<String> refusal(String value)
    {
        requireNonNull(value, "value is null");
        Currency currency = CODES.get(value.trim().toUpperCase(Locale.ROOT));
        if (currency == null) {
            return Optional.of("not an ISO 4217 code");
        }
        if (currency.getDefaultFractionDigits() < 0) {
            return Optional.of("not a currency: ISO 4217 code " + currency.getCurrencyCode() + " stands for " + currency.getDisplayName(Locale.ROOT)
                    + " (codes for no currency, testing, precious metals and units of account are refused)");
        }
        return Optional.empty();
    }
}
