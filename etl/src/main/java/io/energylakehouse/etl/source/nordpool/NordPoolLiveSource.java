package io.energylakehouse.etl.source.nordpool;

import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.config.Settings;
import io.energylakehouse.etl.http.HttpResult;
import io.energylakehouse.etl.http.HttpSettings;
import io.energylakehouse.etl.http.PacedHttpClient;
import io.energylakehouse.etl.raw.Payload;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Live day-ahead prices from Nord Pool's data portal
 * ({@code {base-url}DayAheadPrices?market=DayAhead&deliveryArea={AREA}&currency={CCY}&date={CET delivery day}}, no
 * credentials): one request per delivery day, area and currency (the portal accepts a comma-separated area list, but
 * one area per call keeps each payload's request key simple), planned before the first call and fetched lazily through
 * the paced client. Days whose prices cannot be out yet (before about 13:00 CET the day before) are not asked for; an
 * answer HTTP 204 (not published, or older than the portal keeps: about two months, per third-party notes) is kept as
 * the payload, which the parser reads as "no data". The portal's rate limits and terms of automated use are not
 * published (unverified): the default pause between requests is two seconds.
 *
 * <p>Currencies: {@code etl.nordpool.currencies} (comma-separated, default {@code EUR}); each currency is a request of
 * its own and curates to its own datasets.
 */
public final class NordPoolLiveSource
{
    public static final String PREFIX = HttpSettings.prefix("nordpool");
    public static final String DEFAULT_BASE_URL = "https://dataportal-api.nordpoolgroup.com/api/";
    public static final HttpSettings DEFAULT_HTTP = new HttpSettings(PREFIX, DEFAULT_BASE_URL, Duration.ofSeconds(2), 5, Duration.ofSeconds(10),
            Duration.ofMinutes(1), HttpSettings.DEFAULT_MAX_BACKOFF);
    /** The currencies to ask for, comma-separated. */
    public static final String CURRENCIES = PREFIX + ".currencies";
    public static final String DEFAULT_CURRENCIES = "EUR";

    private final PacedHttpClient client;

    public NordPoolLiveSource(PacedHttpClient client)
    {
        this.client = requireNonNull(client, "client is null");
    }

    /** The keys under {@code etl.nordpool}: the paced client's six and {@link #CURRENCIES}. */
    public static List<String> settingKeys()
    {
        List<String> keys = new ArrayList<>(HttpSettings.keys(PREFIX));
        keys.add(CURRENCIES);
        return List.copyOf(keys);
    }

    /** A client under the settings' {@code etl.nordpool.*} keys, failing on a key under the prefix not in {@link #settingKeys()}. */
    public static NordPoolLiveSource of(Settings settings)
    {
        settings.checkKnown(PREFIX + ".", settingKeys());
        HttpSettings http = HttpSettings.read(settings, DEFAULT_HTTP);
        return new NordPoolLiveSource(PacedHttpClient.builder("Nord Pool data portal", "nordpool", http)
                .throttleHint(String.format("Nord Pool's data portal is throttling this client (its limits are not published): raise %s, %s or %s",
                        http.key(HttpSettings.REQUEST_PAUSE), http.key(HttpSettings.THROTTLE_BACKOFF), http.key(HttpSettings.MAX_ATTEMPTS)))
                .build());
    }

    /** The currencies of {@code etl.nordpool.currencies}: EUR and the curated local currencies only. */
    public static List<String> currencies(Settings settings)
    {
        List<String> currencies = Arrays.stream(settings.value(CURRENCIES, DEFAULT_CURRENCIES).split(","))
                .map(currency -> currency.strip().toUpperCase(Locale.ROOT))
                .filter(currency -> !currency.isEmpty())
                .distinct()
                .toList();
        for (String currency : currencies) {
            if (!currency.equals(NordPoolMarket.BASE_CURRENCY) && !NordPoolReport.LOCAL_CURRENCIES.contains(currency)) {
                throw LakehouseException.userError("Cannot fetch Nord Pool prices in %s (%s): use EUR or %s", currency, CURRENCIES,
                        NordPoolReport.LOCAL_CURRENCIES);
            }
        }
        if (currencies.isEmpty()) {
            throw LakehouseException.userError("Cannot fetch Nord Pool prices in no currency: %s is empty", CURRENCIES);
        }
        return currencies;
    }

    /** One request: a CET delivery day, one area (our name: {@code DE-LU} is asked for as the portal's {@code GER}) and one currency. */
    public record Request(LocalDate deliveryDay, String area, String currency)
    {
        public Request
        {
            requireNonNull(deliveryDay, "deliveryDay is null");
            requireNonNull(area, "area is null");
            requireNonNull(currency, "currency is null");
        }

        /** The payload's file name: {@code DayAheadPrices_SE3_EUR_2024-07-09.json}. */
        public String fileName()
        {
            return NordPoolFileName.of(area, currency, deliveryDay);
        }

        public String requestKey()
        {
            return NordPoolLiveSource.requestKey(List.of(area), currency, deliveryDay);
        }

        public URI uri(String baseUrl)
        {
            String base = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
            String portalName = NordPoolAreas.area(area).map(NordPoolAreas.Area::portalName).orElse(area);
            return URI.create(base + NordPoolReport.DAY_AHEAD_PRICES.requestName() + "?market=DayAhead&deliveryArea="
                    + URLEncoder.encode(portalName, StandardCharsets.UTF_8) + "&currency=" + currency + "&date=" + deliveryDay);
        }
    }

    /** The request key of a payload of some areas in one currency for one delivery day: revisions of it share it. */
    public static String requestKey(List<String> areas, String currency, LocalDate deliveryDay)
    {
        return NordPoolReport.DAY_AHEAD_PRICES.requestName() + "|" + String.join(",", areas.stream().sorted().toList()) + "|" + currency + "|" + deliveryDay;
    }

    /** The areas to ask for when the user names none: every area in the table. */
    public static List<String> defaultAreas()
    {
        return NordPoolAreas.all().stream().map(NordPoolAreas.Area::name).toList();
    }

    /** The requests for the delivery days {@code first..last}, areas and currencies, of days whose prices can be out at {@code now}. */
    public static List<Request> plan(LocalDate first, LocalDate last, List<String> areas, List<String> currencies, Instant now)
    {
        List<Request> requests = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            if (NordPoolMarket.expectedPublication(day).isAfter(now)) {
                continue;
            }
            for (String area : areas) {
                for (String currency : currencies) {
                    requests.add(new Request(day, area, currency));
                }
            }
        }
        return List.copyOf(requests);
    }

    /** Fetches one request; a client error or HTTP 204 is kept as the payload, for the parser to judge. */
    public Payload fetch(Request request)
    {
        URI uri = request.uri(client.settings().baseUrl());
        HttpResult result = client.fetchAnswer(uri);
        return new Payload(NordPoolMarket.SOURCE, NordPoolReport.DAY_AHEAD_PRICES.requestName(), Payload.Origin.LIVE, request.requestKey(), Optional.of(uri),
                request.fileName(), result.receivedAt(), result.status(), result.body());
    }

    /** Lazy: each request is made when the landing asks for the next payload. */
    public Iterator<Payload> payloads(List<Request> requests)
    {
        return io.energylakehouse.etl.connector.LiveFetch.lazily(requests, this::fetch);
    }

    public HttpSettings settings()
    {
        return client.settings();
    }
}
