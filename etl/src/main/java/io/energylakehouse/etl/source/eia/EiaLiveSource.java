package io.energylakehouse.etl.source.eia;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.energylakehouse.common.config.Settings;
import io.energylakehouse.etl.http.Credentials;
import io.energylakehouse.etl.http.HttpResult;
import io.energylakehouse.etl.http.HttpSettings;
import io.energylakehouse.etl.http.PacedHttpClient;
import io.energylakehouse.etl.http.SecretVariable;
import io.energylakehouse.etl.raw.Payload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
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
 * EIA's open data API v2: {@code GET {base}/{route}/data/?frequency=..&data[0]=value&facets[series][]=..&start=..&end=..
 * &sort[0][column]=period&sort[0][direction]=asc&sort[1][column]=series&sort[1][direction]=asc&offset=..&length=5000}
 * with the key of {@code EIA_API_KEY} in the query parameter {@code api_key} (a missing key fails before any call,
 * naming the variable). The explicit sort matters: without one EIA's pages repeat and skip rows.
 *
 * <p>A request is one report and at most one calendar year of periods; its pages (5,000 rows each) are fetched one after
 * another until {@code response.total} (a number or a string) is reached, and stored together as one payload: the
 * page answers verbatim, one after the other ({@link EiaParser} reads such a sequence), so that rows repeated across
 * pages can be judged together. When a page says another total than the first (EIA's data changed while paging), paging
 * stops there and the parser rejects the payload with both totals: the next fetch asks again. A page answering other
 * than HTTP 200 ends the payload with that answer and its status. EIA documents hourly request limits per key without
 * numbers (unverified): the default pause between calls is one second.
 */
public final class EiaLiveSource
{
    private static final Logger log = LoggerFactory.getLogger(EiaLiveSource.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public static final String PREFIX = HttpSettings.prefix("eia");
    public static final String DEFAULT_BASE_URL = "https://api.eia.gov/v2/";
    public static final String API_KEY_PARAMETER = "api_key";
    public static final SecretVariable API_KEY = new SecretVariable("EIA_API_KEY", "a free key of EIA's open data API, from https://www.eia.gov/opendata/");
    public static final HttpSettings DEFAULT_HTTP = new HttpSettings(PREFIX, DEFAULT_BASE_URL, Duration.ofSeconds(1), 5, Duration.ofSeconds(30),
            Duration.ofMinutes(2), HttpSettings.DEFAULT_MAX_BACKOFF);
    /** Rows per page: the API's maximum for JSON. */
    public static final int PAGE_LENGTH = 5000;
    /** A request of one year has some 320 rows at most (six weekly series, or one daily: one page); this bounds a misbehaving server. */
    static final int MAX_PAGES = 100;

    private final PacedHttpClient client;

    public EiaLiveSource(PacedHttpClient client)
    {
        this.client = requireNonNull(client, "client is null");
    }

    /** A client under the settings' {@code etl.eia.*} keys, its key from the process environment. */
    public static EiaLiveSource of(Settings settings)
    {
        return of(settings, System::getenv);
    }

    /** A client whose key is read from {@code environment}; a missing {@code EIA_API_KEY} is a user error naming it, before any request. */
    public static EiaLiveSource of(Settings settings, Function<String, String> environment)
    {
        HttpSettings http = HttpSettings.from(settings, DEFAULT_HTTP);
        Credentials credentials = Credentials.queryParameter(API_KEY_PARAMETER, API_KEY, Eia.MARKET, environment);
        return new EiaLiveSource(PacedHttpClient.builder("EIA API", "eia", http)
                .credentials(credentials)
                .throttleHint(String.format("EIA's API is throttling this key (its hourly limits are not published): raise %s, %s or %s",
                        http.key(HttpSettings.REQUEST_PAUSE), http.key(HttpSettings.THROTTLE_BACKOFF), http.key(HttpSettings.MAX_ATTEMPTS)))
                .build());
    }

    /** One request: a report's periods {@code first..last}, both included, paged. */
    public record Request(EiaReport report, LocalDate first, LocalDate last)
    {
        public Request
        {
            requireNonNull(report, "report is null");
            requireNonNull(first, "first is null");
            requireNonNull(last, "last is null");
            if (last.isBefore(first)) {
                throw new IllegalArgumentException("Cannot ask EIA for " + first + ".." + last + ": the end is before the start");
            }
        }

        /** {@code eia_henry_hub_spot_20240301_20240331.json}. */
        public String fileName()
        {
            return "eia_" + report.reportName() + "_" + first.toString().replace("-", "") + "_" + last.toString().replace("-", "") + ".json";
        }

        /** The same report and periods are the same request: its revisions are later answers to it. */
        public String requestKey()
        {
            return EiaParser.contentKey(report, first, last);
        }

        /** The page at {@code offset}: frequency, the value column, the series facets, the periods, the explicit sort, offset and length. */
        public URI uri(String baseUrl, long offset)
        {
            String base = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
            StringBuilder query = new StringBuilder();
            parameter(query, "frequency", report.frequency());
            parameter(query, "data[0]", "value");
            report.series().forEach(series -> parameter(query, "facets[series][]", series));
            parameter(query, "start", first.toString());
            parameter(query, "end", last.toString());
            parameter(query, "sort[0][column]", "period");
            parameter(query, "sort[0][direction]", "asc");
            parameter(query, "sort[1][column]", "series");
            parameter(query, "sort[1][direction]", "asc");
            parameter(query, "offset", Long.toString(offset));
            parameter(query, "length", Integer.toString(PAGE_LENGTH));
            return URI.create(base + report.route() + "/data/?" + query);
        }

        private static void parameter(StringBuilder query, String name, String value)
        {
            if (!query.isEmpty()) {
                query.append('&');
            }
            query.append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }

    /** The requests for {@code reports} and the periods {@code first..last} up to today in New York at {@code now}, a calendar year at most each. */
    public static List<Request> plan(List<EiaReport> reports, LocalDate first, LocalDate last, Instant now)
    {
        LocalDate today = LocalDate.ofInstant(now, Eia.ZONE);
        LocalDate end = last.isAfter(today) ? today : last;
        List<Request> requests = new ArrayList<>();
        for (EiaReport report : reports) {
            for (LocalDate from = first; !from.isAfter(end); ) {
                LocalDate yearEnd = from.withDayOfYear(from.lengthOfYear());
                LocalDate to = yearEnd.isAfter(end) ? end : yearEnd;
                requests.add(new Request(report, from, to));
                from = to.plusDays(1);
            }
        }
        return List.copyOf(requests);
    }

    /** Fetches every page of one request into one payload (the answers one after the other); a client error is kept as the payload. */
    public Payload fetch(Request request)
    {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        URI firstUri = request.uri(client.settings().baseUrl(), 0);
        long offset = 0;
        Long total = null;
        int status = 200;
        Instant receivedAt = null;
        for (int page = 1; page <= MAX_PAGES; page++) {
            HttpResult result = client.fetchAnswer(request.uri(client.settings().baseUrl(), offset));
            if (page > 1) {
                bytes.write('\n');
            }
            bytes.writeBytes(result.body());
            receivedAt = result.receivedAt();
            status = result.status();
            if (status != 200) {
                log.info("EIA {} {} page {} (offset {}): HTTP {}, the payload ends here", request.report().reportName(), request.requestKey(), page, offset,
                        status);
                break;
            }
            Optional<long[]> counts = counts(result.body());
            if (counts.isEmpty()) {
                log.info("EIA {} {} page {} (offset {}): not an API v2 page, the payload ends here", request.report().reportName(), request.requestKey(),
                        page, offset);
                break;
            }
            long pageTotal = counts.get()[0];
            long rows = counts.get()[1];
            log.info("EIA {} {} page {} (offset {}): {} rows of total {}", request.report().reportName(), request.requestKey(), page, offset, rows, pageTotal);
            if (total != null && total != pageTotal) {
                log.warn("EIA {} {}: page {} says total {}, page 1 said {}: the data changed while paging; the parser rejects this payload and the next "
                        + "fetch asks again", request.report().reportName(), request.requestKey(), page, pageTotal, total);
                break;
            }
            total = pageTotal;
            offset += rows;
            if (rows == 0 || offset >= total) {
                break;
            }
        }
        return new Payload(Eia.SOURCE, request.report().requestName(), Payload.Origin.LIVE, request.requestKey(), Optional.of(firstUri), request.fileName(),
                receivedAt, status, bytes.toByteArray());
    }

    /** A page's {@code response.total} (a number or a string) and its number of data rows; empty when it is no API v2 page. */
    static Optional<long[]> counts(byte[] body)
    {
        try {
            JsonNode response = MAPPER.readTree(body).path("response");
            JsonNode total = response.path("total");
            JsonNode data = response.path("data");
            if (!data.isArray() || !(total.isIntegralNumber() || total.isTextual())) {
                return Optional.empty();
            }
            return Optional.of(new long[] {Long.parseLong(total.asText().strip()), data.size()});
        }
        catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Lazy: each request's pages are fetched when the landing asks for its payload. */
    public Iterator<Payload> payloads(List<Request> requests)
    {
        return io.energylakehouse.etl.connector.LiveFetch.lazily(requests, this::fetch);
    }

    public HttpSettings settings()
    {
        return client.settings();
    }
}
