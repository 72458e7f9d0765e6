package io.energylakehouse.etl.source.entsoe;

import io.energylakehouse.common.config.Settings;
import io.energylakehouse.common.market.BiddingZone;
import io.energylakehouse.etl.http.Credentials;
import io.energylakehouse.etl.http.HttpResult;
import io.energylakehouse.etl.http.HttpSettings;
import io.energylakehouse.etl.http.PacedHttpClient;
import io.energylakehouse.etl.http.SecretVariable;
import io.energylakehouse.etl.raw.Payload;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * Live Transparency Platform documents ({@code GET {base-url}?securityToken=...&documentType=...}): one request per
 * report, process type, zone and delivery day, the day's window in UTC ({@code periodStart}/{@code periodEnd} as
 * {@code yyyyMMddHHmm}, local midnight to local midnight in CET/CEST); planned before the first call, fetched lazily
 * through the paced client. The token comes from {@code ENTSOE_API_TOKEN} only and is redacted from every message.
 *
 * <p>ENTSO-E allows 400 requests per minute per IP and token and bans an offender for 10 minutes: the default pause of
 * 200 ms keeps us at 300 a minute, and a throttled or dropped call is retried after a back-off. A44 is asked for
 * without {@code classificationSequence_AttributeInstanceComponent.position}, so both SDAC (1) and EXAA (2) series come
 * back and curation keeps them apart. "No matching data" comes back as an acknowledgement document with HTTP 200 or
 * 400: the client keeps a 4xx answer as the payload, for the parser to read as no data.
 */
public final class EntsoeLiveSource
{
    public static final String PREFIX = HttpSettings.prefix("entsoe");
    public static final String DEFAULT_BASE_URL = "https://web-api.tp.entsoe.eu/api";
    /** 300 requests a minute, under ENTSO-E's 400. */
    public static final Duration DEFAULT_REQUEST_PAUSE = Duration.ofMillis(200);
    public static final HttpSettings DEFAULT_HTTP = new HttpSettings(PREFIX, DEFAULT_BASE_URL, DEFAULT_REQUEST_PAUSE, 5, Duration.ofSeconds(30),
            Duration.ofMinutes(2), Duration.ofMinutes(10));
    public static final SecretVariable TOKEN = new SecretVariable("ENTSOE_API_TOKEN",
            "a Transparency Platform security token: register on transparency.entsoe.eu and ask the helpdesk for RESTful API access");
    public static final String TOKEN_PARAMETER = "securityToken";

    private static final DateTimeFormatter PERIOD = DateTimeFormatter.ofPattern("uuuuMMddHHmm").withZone(ZoneOffset.UTC);

    private final PacedHttpClient client;

    public EntsoeLiveSource(PacedHttpClient client)
    {
        this.client = requireNonNull(client, "client is null");
    }

    /** A client under the settings' {@code etl.entsoe.*} keys with the token of {@code ENTSOE_API_TOKEN}. */
    public static EntsoeLiveSource of(Settings settings)
    {
        return of(settings, System::getenv);
    }

    public static EntsoeLiveSource of(Settings settings, Function<String, String> environment)
    {
        HttpSettings http = HttpSettings.from(settings, DEFAULT_HTTP);
        return new EntsoeLiveSource(PacedHttpClient.builder("ENTSO-E Transparency Platform", "entsoe", http)
                .credentials(Credentials.queryParameter(TOKEN_PARAMETER, TOKEN, EntsoeMarket.MARKET, environment))
                .throttleHint(String.format("ENTSO-E is throttling this client (400 requests a minute per IP and token, then a 10-minute ban): raise %s, "
                        + "%s or %s", http.key(HttpSettings.REQUEST_PAUSE), http.key(HttpSettings.THROTTLE_BACKOFF), http.key(HttpSettings.MAX_ATTEMPTS)))
                .build());
    }

    /** One document to fetch: a report (with its process type where it has one) for a zone and delivery day. */
    public record Request(EntsoeReport report, Optional<String> processType, BiddingZone zone, LocalDate day)
    {
        public Request
        {
            requireNonNull(report, "report is null");
            requireNonNull(processType, "processType is null");
            requireNonNull(zone, "zone is null");
            requireNonNull(day, "day is null");
        }

        /** The query parameters, in order, without the token. */
        public Map<String, String> parameters()
        {
            Map<String, String> parameters = new LinkedHashMap<>();
            parameters.put("documentType", report.documentType());
            processType.ifPresent(type -> parameters.put("processType", type));
            parameters.put(report.domainParameter(), zone.eic());
            if (report == EntsoeReport.A44) {
                parameters.put("out_Domain", zone.eic());
                parameters.put("contract_MarketAgreement.type", "A01");
            }
            parameters.put("periodStart", PERIOD.format(EntsoeMarket.TIME.dayStart(day)));
            parameters.put("periodEnd", PERIOD.format(EntsoeMarket.TIME.dayEnd(day)));
            return parameters;
        }

        public URI uri(String baseUrl)
        {
            StringBuilder query = new StringBuilder();
            parameters().forEach((name, value) -> query.append(query.length() == 0 ? "" : "&").append(name).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
            return URI.create(baseUrl + (baseUrl.contains("?") ? "&" : "?") + query);
        }

        /** {@code A44_FR_2024-03-31.xml}, {@code A65_A16_FR_2024-03-31.xml}: the name the payload is kept under. */
        public String fileName()
        {
            return report.documentType() + processType.map(type -> "_" + type).orElse("") + "_" + zone.code() + "_" + day + ".xml";
        }

        /** The same document asked again is the same request: its answers are revisions of each other. */
        public String requestKey()
        {
            return String.join("|", report.documentType(), processType.orElse(""), zone.code(), day.toString());
        }
    }

    /**
     * The documents of the reports for the zones and delivery days {@code first..last} that can exist at {@code now}:
     * day-ahead documents from noon of the day before, actual load once the day has begun; a zone only on the days it
     * existed (DE_AT_LU until 2018-09-30, DE_LU from 2018-10-01).
     */
    public static List<Request> plan(List<EntsoeReport> reports, List<BiddingZone> zones, LocalDate first, LocalDate last, Instant now)
    {
        List<Request> requests = new ArrayList<>();
        for (EntsoeReport report : reports) {
            List<Optional<String>> processTypes = report.processTypes().isEmpty() ? List.of(Optional.empty())
                    : report.processTypes().stream().map(Optional::of).toList();
            for (Optional<String> processType : processTypes) {
                boolean actual = processType.filter("A16"::equals).isPresent();
                for (BiddingZone zone : zones) {
                    for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
                        Instant available = actual ? EntsoeMarket.TIME.dayStart(day) : EntsoeMarket.TIME.dayStart(day).minus(Duration.ofHours(12));
                        if (EntsoeMarket.existsOn(zone, day) && available.isBefore(now)) {
                            requests.add(new Request(report, processType, zone, day));
                        }
                    }
                }
            }
        }
        return List.copyOf(requests);
    }

    /** Fetches one document; a client error (an acknowledgement with HTTP 400) is kept as the payload, for the parser to judge. */
    public Payload fetch(Request request)
    {
        URI uri = request.uri(client.settings().baseUrl());
        HttpResult result = client.fetchAnswer(uri);
        return new Payload(EntsoeMarket.SOURCE, request.report().documentType(), Payload.Origin.LIVE, request.requestKey(), Optional.of(uri),
                request.fileName(), result.receivedAt(), result.status(), result.body());
    }

    /** Lazy: each document is fetched when the landing asks for the next payload. */
    public Iterator<Payload> payloads(List<Request> requests)
    {
        return io.energylakehouse.etl.connector.LiveFetch.lazily(requests, this::fetch);
    }

    public HttpSettings settings()
    {
        return client.settings();
    }
}
