package io.energylakehouse.etl.source.aeso;

import io.energylakehouse.common.config.Settings;
import io.energylakehouse.etl.http.Credentials;
import io.energylakehouse.etl.http.HttpResult;
import io.energylakehouse.etl.http.HttpSettings;
import io.energylakehouse.etl.http.PacedHttpClient;
import io.energylakehouse.etl.http.SecretVariable;
import io.energylakehouse.etl.raw.Payload;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * The AESO API gateway ({@code https://apimgw.aeso.ca/public/}): {@code poolprice-api/v1.1/price/poolPrice} and
 * {@code systemmarginalprice-api/v1.1/price/systemMarginalPrice}, asked with {@code startDate} and {@code endDate}
 * ({@code yyyy-MM-dd}, operating days in Mountain time, both included) and the header {@code API-KEY} from
 * {@code AESO_API_KEY}. The API answers at most one year of pool price and 183 days of SMP per call (AESO's API
 * documentation); requests here span at most one calendar month, planned before the first call and fetched lazily
 * through the paced client. AESO publishes no rate limit: the default pause between calls is one second. Days after
 * today in Alberta are not asked for.
 */
public final class AesoLiveSource
{
    public static final String PREFIX = HttpSettings.prefix("aeso");
    public static final String DEFAULT_BASE_URL = "https://apimgw.aeso.ca/public/";
    public static final String API_KEY_HEADER = "API-KEY";
    public static final SecretVariable API_KEY = new SecretVariable("AESO_API_KEY", "a key of the AESO API gateway, from https://developer-apim.aeso.ca");
    public static final HttpSettings DEFAULT_HTTP = new HttpSettings(PREFIX, DEFAULT_BASE_URL, Duration.ofSeconds(1), 5, Duration.ofSeconds(10),
            Duration.ofMinutes(2), HttpSettings.DEFAULT_MAX_BACKOFF);

    private final PacedHttpClient client;

    public AesoLiveSource(PacedHttpClient client)
    {
        this.client = requireNonNull(client, "client is null");
    }

    /** A client under the settings' {@code etl.aeso.*} keys, its key from the process environment. */
    public static AesoLiveSource of(Settings settings)
    {
        return of(settings, System::getenv);
    }

    /** A client whose key is read from {@code environment}; a missing {@code AESO_API_KEY} is a user error naming it, before any request. */
    public static AesoLiveSource of(Settings settings, Function<String, String> environment)
    {
        HttpSettings http = HttpSettings.from(settings, DEFAULT_HTTP);
        // read first: a missing key fails before any client is built
        Credentials credentials = Credentials.header(API_KEY_HEADER, API_KEY, AesoMarket.MARKET, environment);
        return new AesoLiveSource(PacedHttpClient.builder("AESO API", "aeso", http)
                .credentials(credentials)
                .throttleHint(String.format("AESO's API gateway is throttling this client (its limits are not published): raise %s, %s or %s",
                        http.key(HttpSettings.REQUEST_PAUSE), http.key(HttpSettings.THROTTLE_BACKOFF), http.key(HttpSettings.MAX_ATTEMPTS)))
                .build());
    }

    /** One call: a report for the operating days {@code first..last}, both included. */
    public record Request(AesoReport report, LocalDate first, LocalDate last)
    {
        public Request
        {
            requireNonNull(report, "report is null");
            requireNonNull(first, "first is null");
            requireNonNull(last, "last is null");
            if (last.isBefore(first)) {
                throw new IllegalArgumentException("Cannot ask AESO for " + first + ".." + last + ": the end is before the start");
            }
        }

        public String fileName()
        {
            return AesoFileName.of(report, first, last);
        }

        /** The same report and days are the same request: its revisions are later answers to it. */
        public String requestKey()
        {
            return report.requestName() + "|" + first + "|" + last;
        }

        public URI uri(String baseUrl)
        {
            String base = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
            return URI.create(base + report.apiPath() + "?startDate=" + first + "&endDate=" + last);
        }
    }

    /** The calls for {@code reports} and the operating days {@code first..last} up to today in Alberta at {@code now}, a calendar month at most each. */
    public static List<Request> plan(List<AesoReport> reports, LocalDate first, LocalDate last, Instant now)
    {
        LocalDate today = AesoMarket.TIME.operatingDate(now);
        LocalDate end = last.isAfter(today) ? today : last;
        List<Request> requests = new ArrayList<>();
        for (AesoReport report : reports) {
            for (LocalDate from = first; !from.isAfter(end); ) {
                LocalDate monthEnd = from.withDayOfMonth(from.lengthOfMonth());
                LocalDate to = monthEnd.isAfter(end) ? end : monthEnd;
                requests.add(new Request(report, from, to));
                from = to.plusDays(1);
            }
        }
        return List.copyOf(requests);
    }

    /** Fetches one call; a client error (401 for a wrong key, 404) is kept as the payload, for the parser to judge. */
    public Payload fetch(Request request)
    {
        URI uri = request.uri(client.settings().baseUrl());
        HttpResult result = client.fetchAnswer(uri);
        return new Payload(AesoMarket.SOURCE, request.report().requestName(), Payload.Origin.LIVE, request.requestKey(), Optional.of(uri), request.fileName(),
                result.receivedAt(), result.status(), result.body());
    }

    /** Lazy: each call is made when the landing asks for the next payload. */
    public Iterator<Payload> payloads(List<Request> requests)
    {
        return io.energylakehouse.etl.connector.LiveFetch.lazily(requests, this::fetch);
    }

    public HttpSettings settings()
    {
        return client.settings();
    }
}
