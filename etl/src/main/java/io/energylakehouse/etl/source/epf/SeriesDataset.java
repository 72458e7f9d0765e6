package io.energylakehouse.etl.source.epf;

import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.market.BiddingZone;
import io.energylakehouse.common.market.Market;
import io.energylakehouse.common.market.Markets;
import io.energylakehouse.common.money.CurrencyCodes;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * One file's dataset as imported: its layout, its name (NP, PJM, DE_LU, ...), where its prices go in
 * {@code curated.market_prices} (market, location), the time zone its local timestamps are read in, and the
 * currency of its prices. The files name none of these; the names the datasets are published under have
 * defaults ({@link #resolve}), any other name needs an explicit zone and currency.
 *
 * @param currency ISO 4217 code of the prices; empty when the prices cannot be curated, then {@code priceRefusal} says why
 * @param priceRefusal why the prices are not curated (they stay in raw); empty when {@code currency} is given
 */
public record SeriesDataset(
        SeriesFormat format,
        String name,
        String market,
        String locationId,
        String locationType,
        ZoneId zone,
        Optional<String> currency,
        Optional<String> priceRefusal)
{
    private static final Pattern NAME = Pattern.compile("[A-Z0-9][A-Z0-9_-]*");

    /** Nord Pool system price, day-ahead, EUR. */
    public static final String NORDPOOL = Markets.NORDPOOL.code();
    /** PJM day-ahead zonal LMP, USD. */
    public static final String PJM = Markets.PJM.code();
    /** EPEX SPOT day-ahead auctions (Belgium, France, Germany-Austria-Luxembourg), EUR. */
    public static final String EPEX = Markets.EPEX.code();
    /** ENTSO-E transparency platform day-ahead prices of bidding zones. */
    public static final String ENTSOE = Markets.ENTSOE.code();

    static final String PL_CURRENCY_CHANGE = "the file's PL prices change currency inside the file without saying so (ENTSO-E published PL in PLN for "
            + "part of the period: daily means jump about x4 on 2017-03-02 and back on 2019-11-20), so no single currency is true; "
            + "prices not curated, fundamentals are (give --currency only for a file known to be in one currency)";

    // Where each published dataset's prices go; zones and currencies come from the market registry.
    private static final Map<SeriesFormat, Map<String, SeriesDataset>> DEFAULTS = Map.of(
            SeriesFormat.EPFTOOLBOX, Map.of(
                    "NP", known(SeriesFormat.EPFTOOLBOX, "NP", Markets.NORDPOOL, "SYSTEM", "system", Markets.NORDPOOL.zone()),
                    "PJM", known(SeriesFormat.EPFTOOLBOX, "PJM", Markets.PJM, "COMED", "zone", Markets.PJM.zone()),
                    "BE", known(SeriesFormat.EPFTOOLBOX, "BE", Markets.EPEX, "BE", "area", area("BE").zone()),
                    "FR", known(SeriesFormat.EPFTOOLBOX, "FR", Markets.EPEX, "FR", "area", area("FR").zone()),
                    // 2012..2017: the German-Austrian-Luxembourg bidding zone (split on 2018-10-01)
                    "DE", known(SeriesFormat.EPFTOOLBOX, "DE", Markets.EPEX, "DE_AT_LU", "area", area("DE_AT_LU").zone())),
            SeriesFormat.DEEPFORKIT, Map.of(
                    "PL", new SeriesDataset(SeriesFormat.DEEPFORKIT, "PL", ENTSOE, "PL", "area", area("PL").zone(), Optional.empty(),
                            Optional.of(PL_CURRENCY_CHANGE))));

    public SeriesDataset
    {
        requireNonNull(format, "format is null");
        requireNonNull(name, "name is null");
        requireNonNull(market, "market is null");
        requireNonNull(locationId, "locationId is null");
        requireNonNull(locationType, "locationType is null");
        requireNonNull(zone, "zone is null");
        requireNonNull(currency, "currency is null");
        requireNonNull(priceRefusal, "priceRefusal is null");
        if (currency.isPresent() == priceRefusal.isPresent()) {
            throw new IllegalArgumentException("exactly one of currency " + currency + " and priceRefusal " + priceRefusal + " must be given");
        }
    }

    private static SeriesDataset known(SeriesFormat format, String name, Market market, String locationId, String locationType, ZoneId zone)
    {
        return new SeriesDataset(format, name, market.code(), locationId, locationType, zone, Optional.of(market.currency()), Optional.empty());
    }

    private static BiddingZone area(String code)
    {
        return Markets.biddingZone(code).orElseThrow(() -> new IllegalStateException("bidding zone " + code + " is not registered"));
    }

    /**
     * The dataset of a file: the defaults of a published dataset name, overridden by an explicit zone or
     * currency. Another name needs both: its prices go to market {@code ENTSOE} (deepforkit) or to a market of
     * the name itself (epftoolbox), location the name, type {@code area}.
     */
    public static SeriesDataset resolve(SeriesFormat format, String name, Optional<String> zone, Optional<String> currency)
    {
        String upper = name.trim().toUpperCase(Locale.ROOT);
        if (!NAME.matcher(upper).matches()) {
            throw LakehouseException.userError("Cannot import %s dataset '%s': a name is letters, digits, '_' and '-', e.g. NP or DE_LU", format.code(), name);
        }
        Optional<ZoneId> zoneId = zone.map(SeriesDataset::zoneId);
        Optional<String> currencyCode = currency.map(SeriesDataset::currencyCode);
        SeriesDataset known = DEFAULTS.get(format).get(upper);
        if (known != null) {
            return new SeriesDataset(format, upper, known.market, known.locationId, known.locationType, zoneId.orElse(known.zone),
                    currencyCode.or(() -> known.currency), currencyCode.isPresent() ? Optional.empty() : known.priceRefusal);
        }
        // Any ENTSO-E bidding zone (DK_2, NO_1, IT_NORD, ...): its zone and currency from the registry, prices to market ENTSOE.
        Optional<BiddingZone> area = Markets.biddingZone(upper);
        if (area.isPresent()) {
            return new SeriesDataset(format, upper, ENTSOE, area.get().code(), "area", zoneId.orElse(area.get().zone()),
                    currencyCode.or(() -> Optional.of(area.get().currency())), Optional.empty());
        }
        String names = knownNames(format);
        if (zoneId.isEmpty()) {
            throw LakehouseException.userError("Cannot import %s dataset %s: no default time zone for that name (defaults exist for %s); give --zone, e.g. --zone Europe/Berlin",
                    format.code(), upper, names);
        }
        if (currencyCode.isEmpty()) {
            throw LakehouseException.userError("Cannot import %s dataset %s: no default currency for that name (defaults exist for %s); give --currency, e.g. --currency EUR",
                    format.code(), upper, names);
        }
        String market = format == SeriesFormat.DEEPFORKIT ? ENTSOE : upper;
        return new SeriesDataset(format, upper, market, upper, "area", zoneId.get(), currencyCode, Optional.empty());
    }

    /** The names with defaults, for help texts and messages. */
    public static String knownNames(SeriesFormat format)
    {
        return String.join(", ", DEFAULTS.get(format).keySet().stream().sorted().toList()) + " and every ENTSO-E bidding zone (e.g. DE_LU, DK_2, NO_1, IT_NORD)";
    }

    /**
     * The request key of the file in {@code raw.fetch_log}: files of one dataset name, zone and currency are
     * revisions of each other.
     */
    public String requestKey()
    {
        return requestKeyPrefix() + zone.getId() + "|" + currency.orElse("-");
    }

    /** What every request key of this dataset name starts with, whatever its zone and currency. */
    public String requestKeyPrefix()
    {
        return format.code() + "|" + name + "|";
    }

    private static ZoneId zoneId(String zone)
    {
        try {
            return ZoneId.of(zone.trim());
        }
        catch (DateTimeException e) {
            throw LakehouseException.userError("Cannot use time zone '%s': not a region id such as Europe/Berlin or America/New_York (%s)", zone, e.getMessage());
        }
    }

    private static String currencyCode(String currency)
    {
        Optional<String> refusal = CurrencyCodes.refusal(currency);
        if (refusal.isPresent()) {
            throw LakehouseException.userError("Cannot use currency '%s': %s; use a currency's code such as EUR or USD", currency, refusal.get());
        }
        return currency.trim().toUpperCase(Locale.ROOT);
    }
}
