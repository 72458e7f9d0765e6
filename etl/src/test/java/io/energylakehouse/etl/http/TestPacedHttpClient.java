package io.energylakehouse.etl.http;

import io.energylakehouse.common.ErrorCode;
import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.etl.http.FakeOperator.ReceivedRequest;
import io.energylakehouse.etl.http.FakeOperator.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Runs the client against a real HTTP server on 127.0.0.1; time is a hand-written fake clock, waits are recorded. */
class TestPacedHttpClient
{
    private static final Instant START = Instant.parse("2024-07-01T12:00:00Z");
    private static final String KEY = "s3cr3t-key/+=";
    private static final SecretVariable PJM_API_KEY = new SecretVariable("PJM_API_KEY", "a Data Miner 2 subscription key");
    private static final SecretVariable EIA_API_KEY = new SecretVariable("EIA_API_KEY", "an EIA open-data key");

    private final FakeClock clock = new FakeClock(START);
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);
    private FakeOperator operator;

    @BeforeEach
    void startServer()
            throws IOException
    {
        operator = new FakeOperator(clock);
    }

    @AfterEach
    void stopServer()
    {
        operator.stop();
    }

    @Test
    void testStartsArePausedApart()
    {
        operator.respondAlways(Response.ok("x"));
        PacedHttpClient client = client(settings(5), Credentials.none());

        client.fetch(operator.uri("/data?a=1"));
        clock.advance(Duration.ofSeconds(2));
        client.fetch(operator.uri("/data?a=2"));
        clock.advance(Duration.ofSeconds(7));
        client.fetch(operator.uri("/data?a=3"));

        // 2 s had passed, so 3 s more; then 7 s had passed, so no wait.
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(3));
        assertThat(operator.requests()).extracting(ReceivedRequest::receivedAt).containsExactly(START, START.plusSeconds(5), START.plusSeconds(12));
        assertThat(operator.requests()).extracting(ReceivedRequest::rawQuery).containsExactly("a=1", "a=2", "a=3");
        assertThat(operator.requests().get(0).header("User-Agent")).isEqualTo("energy-lakehouse pjm connector");
        assertThat(operator.requests().get(0).method()).isEqualTo("GET");
    }

    @Test
    void testThrottledThenOk()
    {
        operator.respond(Response.status(429, "slow down")).respond(Response.ok("prices"));

        HttpResult result = client(settings(5), Credentials.none()).fetch(operator.uri("/data?day=1"));

        assertThat(result.status()).isEqualTo(200);
        assertThat(new String(result.body(), StandardCharsets.UTF_8)).isEqualTo("prices");
        assertThat(result.uri()).isEqualTo(operator.uri("/data?day=1"));
        assertThat(result.header("Content-Type")).contains("text/plain");
        assertThat(result.receivedAt()).isEqualTo(START.plusSeconds(5));
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(5));
        assertThat(operator.requests()).extracting(ReceivedRequest::receivedAt).containsExactly(START, START.plusSeconds(5));
    }

    @Test
    void testRetryAfterSecondsIsHonouredWhenLonger()
    {
        operator.respond(Response.status(429, "wait", "30"))
                .respond(Response.status(429, "wait", "1"))
                .respond(Response.ok("x"));

        client(settings(5), Credentials.none()).fetch(operator.uri("/data"));

        // 30 s as asked; then the back-off (10 s) is longer than the 1 s asked for.
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(30), Duration.ofSeconds(10));
    }

    @Test
    void testRetryAfterDateAndCap()
    {
        String in45Seconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(START.plusSeconds(45).atOffset(ZoneOffset.UTC));
        operator.respond(Response.status(503, "maintenance", in45Seconds))
                .respond(Response.status(503, "maintenance", "3600"))
                .respond(Response.ok("x"));

        client(settings(5), Credentials.none()).fetch(operator.uri("/data"));

        // The date is 45 s after the response; an hour is capped by max-backoff (1 min).
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(45), Duration.ofMinutes(1));
    }

    @Test
    void testServerErrorBackoffDoublesUpToTheCap()
    {
        operator.respondAlways(Response.status(503, "<html>Service\n  Unavailable</html>"));
        HttpSettings settings = new HttpSettings("etl.pjm", operator.baseUrl(), Duration.ZERO, 6, Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30));
        URI uri = operator.uri("/data?day=1");

        assertThatThrownBy(() -> client(settings, Credentials.none()).fetch(uri))
                .isInstanceOf(LakehouseException.class)
                .satisfies(error -> assertThat(((LakehouseException) error).errorCode()).isEqualTo(ErrorCode.EXTERNAL_SERVICE))
                .hasMessage("Cannot fetch PJM Data Miner " + uri + ": HTTP 503; body starts: <html>Service Unavailable</html>; "
                        + "gave up after 6 attempts and PT1M35S of back-off");
        assertThat(sleeper.sleeps()).containsExactly(
                Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(30), Duration.ofSeconds(30));
        assertThat(operator.requests()).hasSize(6);
    }

    @Test
    void testConnectionClosedIsRetried()
    {
        // The JDK client itself retries a GET once on a connection closed without a response: close twice.
        operator.respond(Response.close()).respond(Response.close()).respond(Response.ok("after the reset"));

        HttpResult result = client(settings(5), Credentials.none()).fetch(operator.uri("/data"));

        assertThat(new String(result.body(), StandardCharsets.UTF_8)).isEqualTo("after the reset");
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(5));
        assertThat(operator.requests()).hasSize(3);
    }

    @Test
    void testGivesUpOnConnectionsClosedEveryTime()
    {
        operator.respondAlways(Response.close());
        URI uri = operator.uri("/data");

        assertThatThrownBy(() -> client(settings(2), Credentials.none()).fetch(uri))
                .isInstanceOf(LakehouseException.class)
                .satisfies(error -> assertThat(((LakehouseException) error).errorCode()).isEqualTo(ErrorCode.EXTERNAL_SERVICE))
                .hasMessage("Cannot fetch PJM Data Miner " + uri + ": IOException: HTTP/1.1 header parser received no bytes; "
                        + "gave up after 2 attempts and PT5S of back-off")
                .hasCauseInstanceOf(IOException.class);
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(5));
    }

    @Test
    void testGivesUpWhenThrottledEveryTime()
    {
        operator.respondAlways(Response.status(429, "slow down"));
        URI uri = operator.uri("/data?day=1");

        assertThatThrownBy(() -> client(settings(3), Credentials.none()).fetch(uri))
                .isInstanceOf(LakehouseException.class)
                .satisfies(error -> assertThat(((LakehouseException) error).errorCode()).isEqualTo(ErrorCode.EXTERNAL_SERVICE))
                .hasMessage("Cannot fetch PJM Data Miner " + uri + ": throttled (HTTP 429) 3 times; gave up after 3 attempts and PT15S of back-off; "
                        + "PJM Data Miner is throttling this client: raise etl.pjm.request-pause, etl.pjm.throttle-backoff or etl.pjm.max-attempts");
        assertThat(operator.requests()).hasSize(3);
    }

    @Test
    void testClientErrorFailsAtOnceWithTheQueryKeyRedacted()
    {
        String body = "Not found: api_key=" + KEY + " " + "x".repeat(300);
        operator.respondAlways(Response.status(404, body));
        Credentials credentials = Credentials.queryParameter("api_key", EIA_API_KEY, "EIA", Map.of("EIA_API_KEY", KEY)::get);

        assertThatThrownBy(() -> client(settings(5), credentials).fetch(operator.uri("/data?route=natural-gas&start=2024-07-01")))
                .isInstanceOf(LakehouseException.class)
                .satisfies(error -> assertThat(((LakehouseException) error).errorCode()).isEqualTo(ErrorCode.EXTERNAL_SERVICE))
                .hasMessageStartingWith("Cannot fetch PJM Data Miner " + operator.baseUrl() + "/data?route=natural-gas&start=2024-07-01&api_key=***: "
                        + "HTTP 404; body starts: Not found: api_key=*** xxx")
                .hasMessageEndingWith("x...")
                .satisfies(error -> assertThat(error.getMessage()).doesNotContain(KEY).doesNotContain("s3cr3t"));
        assertThat(operator.requests()).hasSize(1);
        assertThat(sleeper.sleeps()).isEmpty();
        // The key itself went to the server, URL-encoded.
        assertThat(operator.requests().get(0).rawQuery()).isEqualTo("route=natural-gas&start=2024-07-01&api_key=s3cr3t-key%2F%2B%3D");
    }

    @Test
    void testFollowsRedirects()
    {
        operator.respond(Response.ok("moved here"));
        Credentials credentials = Credentials.queryParameter("securityToken", new SecretVariable("ENTSOE_API_TOKEN", "a Transparency Platform token"),
                "ENTSO-E", Map.of("ENTSOE_API_TOKEN", KEY)::get);

        HttpResult result = client(settings(5), credentials).fetch(operator.uri("/moved?documentType=A44"));

        assertThat(new String(result.body(), StandardCharsets.UTF_8)).isEqualTo("moved here");
        assertThat(result.uri()).isEqualTo(operator.uri("/moved?documentType=A44"));
        assertThat(operator.requests()).extracting(ReceivedRequest::path).containsExactly("/moved", "/data");
        assertThat(operator.requests().get(1).rawQuery()).startsWith("documentType=A44&securityToken=");
        assertThat(sleeper.sleeps()).isEmpty();
    }

    @Test
    void testRedirectOnTheSameHostKeepsTheCredentials()
    {
        operator.respond(Response.ok("moved here"));
        PacedHttpClient client = client(settings(5), ercotCredentials(new CountingTokens()));

        client.fetch(operator.uri("/moved?page=1"));

        assertThat(operator.requests()).extracting(ReceivedRequest::path).containsExactly("/moved", "/data");
        assertThat(operator.requests()).extracting(request -> request.header("Authorization")).containsExactly("Bearer token-1", "Bearer token-1");
        assertThat(operator.requests()).extracting(request -> request.header("Ocp-Apim-Subscription-Key")).containsExactly(KEY, KEY);
    }

    @Test
    void testRedirectToAnotherHostDropsTheCredentials()
            throws IOException
    {
        // Another server, named by another host name: localhost instead of 127.0.0.1.
        assumeTrue(InetAddress.getByName("localhost") instanceof Inet4Address && InetAddress.getByName("localhost").isLoopbackAddress(),
                "localhost does not resolve to an IPv4 loopback address");
        FakeOperator files = new FakeOperator(clock);
        try {
            files.respond(Response.ok("the file"));
            operator.redirectAwayTo(files.baseUrl().replace("127.0.0.1", "localhost"));
            PacedHttpClient client = client(settings(5), ercotCredentials(new CountingTokens()));

            HttpResult result = client.fetch(operator.uri("/away?download=42"));

            assertThat(new String(result.body(), StandardCharsets.UTF_8)).isEqualTo("the file");
            assertThat(result.uri()).isEqualTo(operator.uri("/away?download=42"));
            ReceivedRequest asked = operator.requests().get(0);
            assertThat(asked.header("Authorization")).isEqualTo("Bearer token-1");
            assertThat(asked.header("Ocp-Apim-Subscription-Key")).isEqualTo(KEY);
            assertThat(files.requests()).hasSize(1);
            ReceivedRequest redirected = files.requests().get(0);
            assertThat(redirected.path()).isEqualTo("/data");
            assertThat(redirected.rawQuery()).isEqualTo("download=42");
            assertThat(redirected.header("Authorization")).isNull();
            assertThat(redirected.header("Ocp-Apim-Subscription-Key")).isNull();
            assertThat(redirected.header("User-Agent")).isEqualTo("energy-lakehouse pjm connector");
        }
        finally {
            files.stop();
        }
    }

    @Test
    void testFollowsAtMostFiveRedirects()
    {
        URI uri = operator.uri("/loop?page=1");

        assertThatThrownBy(() -> client(settings(5), Credentials.none()).fetch(uri))
                .isInstanceOf(LakehouseException.class)
                .satisfies(error -> assertThat(((LakehouseException) error).errorCode()).isEqualTo(ErrorCode.EXTERNAL_SERVICE))
                .hasMessage("Cannot fetch PJM Data Miner " + uri + ": more than 5 redirects (the last to " + uri + ")");
        // The request and its five redirects; not retried.
        assertThat(operator.requests()).hasSize(6);
        assertThat(sleeper.sleeps()).isEmpty();
    }

    @Test
    void testSameOrigin()
    {
        URI asked = URI.create("https://api.ercot.com/api/public-reports/archive/np4-190-cd?download=1");
        assertThat(PacedHttpClient.sameOrigin(asked, URI.create("https://API.ercot.com:443/files/1.zip"))).isTrue();
        assertThat(PacedHttpClient.sameOrigin(asked, URI.create("https://ercotstorage.blob.core.windows.net/files/1.zip"))).isFalse();
        assertThat(PacedHttpClient.sameOrigin(asked, URI.create("https://api.ercot.com:8443/files/1.zip"))).isFalse();
        assertThat(PacedHttpClient.sameOrigin(asked, URI.create("http://api.ercot.com/files/1.zip"))).isFalse();
        assertThat(PacedHttpClient.sameOrigin(URI.create("http://oasis.caiso.com/oasisapi"), URI.create("https://oasis.caiso.com/oasisapi"))).isTrue();
    }

    @Test
    void testRefusesAJdkClientThatFollowsRedirectsItself()
    {
        HttpClient following = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

        assertThatThrownBy(() -> PacedHttpClient.builder("PJM Data Miner", "pjm", settings(5)).httpClient(following))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Cannot use an HTTP client that follows redirects itself (NORMAL)");
        assertThat(PacedHttpClient.httpClient(settings(5)).followRedirects()).isEqualTo(HttpClient.Redirect.NEVER);
    }

    @Test
    void testClientErrorAsTheOperatorsAnswer()
    {
        operator.respond(Response.status(400, "{\"errors\":[{\"field\":\"rowCount\",\"message\":\"too large\"}]}"))
                .respond(Response.status(429, "slow down"))
                .respond(Response.status(404, "no such feed"))
                .respond(Response.status(403, "forbidden"));
        PacedHttpClient client = client(settings(5), Credentials.none());

        HttpResult badRequest = client.fetchAnswer(operator.uri("/data?rowCount=99999999"));
        HttpResult notFound = client.fetchAnswer(operator.uri("/data?feed=x"));

        assertThat(badRequest.status()).isEqualTo(400);
        assertThat(new String(badRequest.body(), StandardCharsets.UTF_8)).startsWith("{\"errors\":");
        // 429 is still retried, 403 still fails
        assertThat(notFound.status()).isEqualTo(404);
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(5));
        URI forbidden = operator.uri("/data?feed=y");
        assertThatThrownBy(() -> client.fetchAnswer(forbidden))
                .isInstanceOf(LakehouseException.class)
                .hasMessage("Cannot fetch PJM Data Miner " + forbidden + ": HTTP 403; body starts: forbidden");
    }

    @Test
    void testHeaderCredentialIsSentAndNeverShown()
    {
        operator.respond(Response.ok("ok")).respond(Response.status(401, "{\"message\":\"Access denied: invalid key " + KEY + "\"}"));
        Credentials credentials = Credentials.header("Ocp-Apim-Subscription-Key", PJM_API_KEY, "PJM", Map.of("PJM_API_KEY", KEY)::get);
        PacedHttpClient client = client(settings(5), credentials);

        client.fetch(operator.uri("/data?rowCount=1"));
        URI uri = operator.uri("/data?rowCount=2");

        assertThatThrownBy(() -> client.fetch(uri))
                .isInstanceOf(LakehouseException.class)
                .hasMessage("Cannot fetch PJM Data Miner " + uri + ": HTTP 401; body starts: {\"message\":\"Access denied: invalid key ***\"}; check PJM_API_KEY");
        assertThat(operator.requests()).extracting(request -> request.header("Ocp-Apim-Subscription-Key")).containsExactly(KEY, KEY);
        assertThat(operator.requests().get(0).header("Authorization")).isNull();
        assertThat(credentials.toString()).isEqualTo("Credentials[header Ocp-Apim-Subscription-Key from [PJM_API_KEY]]");
    }

    @Test
    void testMissingVariableNamesTheVariableAndTheMarket()
    {
        assertThatThrownBy(() -> Credentials.header("Ocp-Apim-Subscription-Key", PJM_API_KEY, "PJM", Map.<String, String>of()::get))
                .isInstanceOf(LakehouseException.class)
                .satisfies(error -> assertThat(((LakehouseException) error).errorCode()).isEqualTo(ErrorCode.USER_ERROR))
                .hasMessage("Cannot fetch PJM: set PJM_API_KEY (a Data Miner 2 subscription key)");
        assertThatThrownBy(() -> Credentials.queryParameter("api_key", EIA_API_KEY, "EIA", Map.of("EIA_API_KEY", "  ")::get))
                .isInstanceOf(LakehouseException.class)
                .hasMessage("Cannot fetch EIA: set EIA_API_KEY (an EIA open-data key)");
    }

    @Test
    void testUnauthorizedRefreshesTheTokenOnce()
    {
        operator.respond(Response.status(401, "token expired")).respond(Response.ok("data"));
        CountingTokens tokens = new CountingTokens();
        Credentials credentials = Credentials.bearer(tokens).and(Credentials.header("Ocp-Apim-Subscription-Key",
                new SecretVariable("ERCOT_PUBLIC_API_SUBSCRIPTION_KEY", "an ERCOT API Explorer subscription key"), "ERCOT",
                Map.of("ERCOT_PUBLIC_API_SUBSCRIPTION_KEY", KEY)::get));
        // Only one attempt: the refresh is not counted as one.
        PacedHttpClient client = client(settings(1), credentials);

        HttpResult result = client.fetch(operator.uri("/data?page=1"));

        assertThat(new String(result.body(), StandardCharsets.UTF_8)).isEqualTo("data");
        assertThat(tokens.refreshes).isEqualTo(1);
        assertThat(operator.requests()).extracting(request -> request.header("Authorization")).containsExactly("Bearer token-1", "Bearer token-2");
        assertThat(operator.requests()).extracting(request -> request.header("Ocp-Apim-Subscription-Key")).containsExactly(KEY, KEY);
        // Only the request pause passes between the two.
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(5));
    }

    @Test
    void testUnauthorizedAfterRefreshFails()
    {
        operator.respondAlways(Response.status(401, "no: token-2"));
        CountingTokens tokens = new CountingTokens();
        URI uri = operator.uri("/data?page=1");

        assertThatThrownBy(() -> client(settings(5), Credentials.bearer(tokens)).fetch(uri))
                .isInstanceOf(LakehouseException.class)
                .hasMessage("Cannot fetch PJM Data Miner " + uri + ": HTTP 401 with a freshly refreshed token; body starts: no: ***");
        assertThat(tokens.refreshes).isEqualTo(1);
        assertThat(operator.requests()).hasSize(2);
    }

    @Test
    void testTimeoutIsRetried()
    {
        operator.respond(Response.hang()).respond(Response.ok("late but here"));
        HttpSettings settings = new HttpSettings("etl.pjm", operator.baseUrl(), Duration.ZERO, 2, Duration.ofSeconds(5), Duration.ofMillis(300),
                Duration.ofMinutes(1));

        HttpResult result = client(settings, Credentials.none()).fetch(operator.uri("/data"));

        assertThat(new String(result.body(), StandardCharsets.UTF_8)).isEqualTo("late but here");
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(5));
    }

    @Test
    void testTimeoutGivesUp()
    {
        operator.respondAlways(Response.hang());
        HttpSettings settings = new HttpSettings("etl.pjm", operator.baseUrl(), Duration.ZERO, 1, Duration.ofSeconds(5), Duration.ofMillis(300),
                Duration.ofMinutes(1));
        URI uri = operator.uri("/data");

        assertThatThrownBy(() -> client(settings, Credentials.none()).fetch(uri))
                .isInstanceOf(LakehouseException.class)
                .hasMessage("Cannot fetch PJM Data Miner " + uri + ": HttpTimeoutException: request timed out; gave up after 1 attempt and PT0S of back-off")
                .hasCauseInstanceOf(HttpTimeoutException.class);
    }

    @Test
    void testStreamsTheBody()
            throws IOException
    {
        operator.respond(Response.status(503, "busy")).respond(Response.ok("a large file"));

        try (HttpStream stream = client(settings(5), Credentials.none()).open(operator.uri("/data?file=1"))) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.receivedAt()).isEqualTo(START.plusSeconds(5));
            try (InputStream body = stream.body()) {
                assertThat(new String(body.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("a large file");
            }
        }
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(5));
    }

    @Test
    void testStreamFailsAtOnceOnClientError()
    {
        operator.respondAlways(Response.status(400, "bad parameter"));
        URI uri = operator.uri("/data?file=1");

        assertThatThrownBy(() -> client(settings(5), Credentials.none()).open(uri))
                .isInstanceOf(LakehouseException.class)
                .hasMessage("Cannot fetch PJM Data Miner " + uri + ": HTTP 400; body starts: bad parameter");
    }

    @Test
    void testRetryAfterParsing()
    {
        assertThat(PacedHttpClient.retryAfter(headers(Map.of()), START)).isEmpty();
        assertThat(PacedHttpClient.retryAfter(headers(Map.of("Retry-After", "120")), START)).contains(Duration.ofMinutes(2));
        assertThat(PacedHttpClient.retryAfter(headers(Map.of("Retry-After", "Mon, 01 Jul 2024 12:01:30 GMT")), START)).contains(Duration.ofSeconds(90));
        assertThat(PacedHttpClient.retryAfter(headers(Map.of("Retry-After", "Mon, 01 Jul 2024 11:00:00 GMT")), START)).contains(Duration.ZERO);
        assertThat(PacedHttpClient.retryAfter(headers(Map.of("Retry-After", "99999999999999999999")), START)).hasValueSatisfying(
                wait -> assertThat(wait).isGreaterThan(Duration.ofDays(365)));
        assertThat(PacedHttpClient.retryAfter(headers(Map.of("Retry-After", "soon")), START)).isEmpty();
    }

    @Test
    void testDoubledNeverPassesTheCap()
    {
        assertThat(PacedHttpClient.doubled(Duration.ofSeconds(5), Duration.ofSeconds(40))).isEqualTo(Duration.ofSeconds(10));
        assertThat(PacedHttpClient.doubled(Duration.ofSeconds(20), Duration.ofSeconds(40))).isEqualTo(Duration.ofSeconds(40));
        assertThat(PacedHttpClient.doubled(Duration.ofSeconds(30), Duration.ofSeconds(40))).isEqualTo(Duration.ofSeconds(40));
        assertThat(PacedHttpClient.doubled(Duration.ZERO, Duration.ofSeconds(40))).isEqualTo(Duration.ZERO);
    }

    private PacedHttpClient client(HttpSettings settings, Credentials credentials)
    {
        return PacedHttpClient.builder("PJM Data Miner", "pjm", settings)
                .credentials(credentials)
                .clock(clock)
                .sleeper(sleeper)
                .build();
    }

    private static Credentials ercotCredentials(TokenSource tokens)
    {
        return Credentials.bearer(tokens).and(Credentials.header("Ocp-Apim-Subscription-Key",
                new SecretVariable("ERCOT_PUBLIC_API_SUBSCRIPTION_KEY", "an ERCOT API Explorer subscription key"), "ERCOT",
                Map.of("ERCOT_PUBLIC_API_SUBSCRIPTION_KEY", KEY)::get));
    }

    private HttpSettings settings(int maxAttempts)
    {
        return new HttpSettings("etl.pjm", operator.baseUrl(), Duration.ofSeconds(5), maxAttempts, Duration.ofSeconds(5), Duration.ofSeconds(10),
                Duration.ofMinutes(1));
    }

    private static HttpHeaders headers(Map<String, String> headers)
    {
        Map<String, List<String>> lists = new java.util.HashMap<>();
        headers.forEach((name, value) -> lists.put(name, List.of(value)));
        return HttpHeaders.of(lists, (name, value) -> true);
    }

    /** Hands out token-1, then token-2 after a refresh, and so on. */
    private static final class CountingTokens
            implements TokenSource
    {
        private int refreshes;

        @Override
        public synchronized String token()
        {
            return "token-" + (refreshes + 1);
        }

        @Override
        public synchronized String refresh()
        {
            refreshes++;
            return token();
        }
    }
}
