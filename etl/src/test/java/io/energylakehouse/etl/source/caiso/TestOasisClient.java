package io.energylakehouse.etl.source.caiso;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.energylakehouse.common.ErrorCode;
import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.etl.http.FakeClock;
import io.energylakehouse.etl.http.RecordingSleeper;
import io.energylakehouse.etl.raw.Payload;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static io.energylakehouse.etl.source.caiso.OasisReport.PRC_LMP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

/** Runs the client against a real HTTP server on 127.0.0.1 that plays OASIS; time is a hand-written fake clock. */
class TestOasisClient
{
    private static final Instant START = Instant.parse("2024-07-01T12:00:00Z");
    private static final String THROTTLED_BODY = "<html><body><p>We are unable to process your request at this time. "
            + "Please retry your request after 5 seconds.</p></body></html>";
    private static final String ZIP_NAME = "20240310_20240310_PRC_LMP_DAM_20240309_13_05_12_v12.zip";
    private static final OasisRequest MARCH_10 = OasisRequest.plan(PRC_LMP, LocalDate.of(2024, 3, 10), LocalDate.of(2024, 3, 10), List.of()).get(0);
    private static final OasisRequest MARCH_11 = OasisRequest.plan(PRC_LMP, LocalDate.of(2024, 3, 11), LocalDate.of(2024, 3, 11), List.of()).get(0);

    private final FakeClock clock = new FakeClock(START);
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);
    private FakeOasis oasis;

    @BeforeEach
    void startServer()
            throws IOException
    {
        oasis = new FakeOasis(clock);
    }

    @AfterEach
    void stopServer()
    {
        oasis.stop();
    }

    @Test
    void testRetriesWhenThrottled()
            throws IOException
    {
        byte[] zip = zip("20240310_20240310_PRC_LMP_DAM_20240309_13_05_12_v12.csv", "INTERVALSTARTTIME_GMT,INTERVALENDTIME_GMT,MW\n");
        oasis.respond(Response.ok(zip("other.csv", "x\n"), Optional.empty()));
        oasis.respond(Response.throttled());
        oasis.respond(Response.throttled());
        oasis.respond(Response.ok(zip, Optional.of("attachment; filename=" + ZIP_NAME)));
        OasisClient client = client(5);

        client.fetch(MARCH_11);
        Payload payload = client.fetch(MARCH_10);

        // The pause before the second request, then 5 s and 10 s after the two 429s.
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(10));
        assertThat(oasis.requests()).hasSize(4);
        assertThat(oasis.requests()).extracting(ReceivedRequest::receivedAt).containsExactly(
                START, START.plusSeconds(5), START.plusSeconds(10), START.plusSeconds(20));

        URI uri = MARCH_10.toUri(oasis.baseUrl());
        assertThat(payload.source()).isEqualTo("caiso-oasis");
        assertThat(payload.report()).isEqualTo("PRC_LMP");
        assertThat(payload.origin()).isEqualTo(Payload.Origin.LIVE);
        assertThat(payload.requestKey()).isEqualTo("PRC_LMP|DAM|2024-03-10T08:00:00Z|2024-03-11T07:00:00Z|ALL_APNODES");
        assertThat(payload.requestUri()).contains(uri);
        assertThat(payload.fileName()).isEqualTo(ZIP_NAME);
        assertThat(payload.fetchedAtUtc()).isEqualTo(START.plusSeconds(20));
        assertThat(payload.httpStatus()).isEqualTo(200);
        assertThat(payload.content().readAllBytes()).isEqualTo(zip);

        ReceivedRequest last = oasis.requests().get(3);
        assertThat(last.method()).isEqualTo("GET");
        assertThat(last.path()).isEqualTo("/oasisapi/SingleZip");
        assertThat(last.parameters()).containsExactly(
                entry("queryname", "PRC_LMP"),
                entry("version", "12"),
                entry("market_run_id", "DAM"),
                entry("resultformat", "6"),
                entry("startdatetime", "20240310T08:00-0000"),
                entry("enddatetime", "20240311T07:00-0000"),
                entry("grp_type", "ALL_APNODES"));
    }

    @Test
    void testGivesUpWhenThrottledEveryTime()
    {
        oasis.respondAlways(Response.throttled());
        OasisClient client = client(5);

        String uri = MARCH_10.toUri(oasis.baseUrl()).toString();
        assertThatThrownBy(() -> client.fetch(MARCH_10))
                .isInstanceOf(LakehouseException.class)
                .satisfies(error -> assertThat(((LakehouseException) error).errorCode()).isEqualTo(ErrorCode.EXTERNAL_SERVICE))
                .hasMessage("Cannot fetch CAISO OASIS " + uri + ": throttled (HTTP 429) 5 times; gave up after 5 attempts and PT1M15S of back-off; "
                        + "OASIS throttles each IP address to about one request every 5 seconds: check that nothing else queries OASIS from "
                        + "this address, or raise etl.caiso.throttle-backoff or etl.caiso.max-attempts");
        assertThat(oasis.requests()).hasSize(5);
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(40));
    }

    @Test
    void testFailsAtOnceOnClientError()
    {
        String body = "Bad Request: " + "x".repeat(300);
        oasis.respondAlways(new Response(400, Map.of("Content-Type", "text/plain"), body.getBytes(StandardCharsets.UTF_8)));
        OasisClient client = client(5);

        String uri = MARCH_10.toUri(oasis.baseUrl()).toString();
        assertThatThrownBy(() -> client.fetch(MARCH_10))
                .isInstanceOf(LakehouseException.class)
                .satisfies(error -> assertThat(((LakehouseException) error).errorCode()).isEqualTo(ErrorCode.EXTERNAL_SERVICE))
                .hasMessage("Cannot fetch CAISO OASIS " + uri + ": HTTP 400; body starts: " + body.substring(0, 200) + "...");
        assertThat(oasis.requests()).hasSize(1);
        assertThat(sleeper.sleeps()).isEmpty();
    }

    @Test
    void testRetriesServerError()
            throws IOException
    {
        byte[] zip = zip("a.csv", "x\n");
        oasis.respond(new Response(503, Map.of(), "Service Unavailable".getBytes(StandardCharsets.UTF_8)));
        oasis.respond(Response.ok(zip, Optional.empty()));

        Payload payload = client(5).fetch(MARCH_10);

        assertThat(payload.content().readAllBytes()).isEqualTo(zip);
        assertThat(payload.fileName()).isEqualTo("PRC_LMP_20240310T0800Z.zip");
        assertThat(oasis.requests()).hasSize(2);
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(5));
    }

    @Test
    void testGivesUpOnServerErrors()
    {
        oasis.respondAlways(new Response(502, Map.of(), "<html>Bad Gateway</html>".getBytes(StandardCharsets.UTF_8)));

        String uri = MARCH_10.toUri(oasis.baseUrl()).toString();
        assertThatThrownBy(() -> client(2).fetch(MARCH_10))
                .isInstanceOf(LakehouseException.class)
                .satisfies(error -> assertThat(((LakehouseException) error).errorCode()).isEqualTo(ErrorCode.EXTERNAL_SERVICE))
                .hasMessage("Cannot fetch CAISO OASIS " + uri + ": HTTP 502; body starts: <html>Bad Gateway</html>; gave up after 2 attempts and PT5S of back-off");
        assertThat(oasis.requests()).hasSize(2);
    }

    @Test
    void testRetriesConnectionErrors()
            throws IOException
    {
        // A port nothing listens on: every attempt is refused.
        FakeOasis stopped = new FakeOasis(clock);
        String baseUrl = stopped.baseUrl();
        stopped.stop();
        OasisClient client = new OasisClient(config(baseUrl, 3), OasisClient.httpClient(config(baseUrl, 3)), clock, sleeper::sleep);

        assertThatThrownBy(() -> client.fetch(MARCH_10))
                .isInstanceOf(LakehouseException.class)
                .satisfies(error -> assertThat(((LakehouseException) error).errorCode()).isEqualTo(ErrorCode.EXTERNAL_SERVICE))
                .hasMessageStartingWith("Cannot fetch CAISO OASIS " + MARCH_10.toUri(baseUrl) + ": ConnectException")
                .hasMessageEndingWith("; gave up after 3 attempts and PT15S of back-off")
                .hasCauseInstanceOf(ConnectException.class);
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(10));
    }

    @Test
    void testPauseBetweenConsecutiveFetches()
            throws IOException
    {
        oasis.respondAlways(Response.ok(zip("a.csv", "x\n"), Optional.empty()));
        OasisClient client = client(5);

        client.fetch(MARCH_10);
        clock.advance(Duration.ofSeconds(2));
        client.fetch(MARCH_11);
        clock.advance(Duration.ofSeconds(7));
        client.fetch(MARCH_10);

        // 2 s had passed, so 3 s more; then 7 s had passed, so no wait.
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(3));
        assertThat(oasis.requests()).extracting(ReceivedRequest::receivedAt).containsExactly(
                START, START.plusSeconds(5), START.plusSeconds(12));
    }

    @Test
    void testFollowsRedirects()
            throws IOException
    {
        byte[] zip = zip("a.csv", "x\n");
        oasis.respond(Response.ok(zip, Optional.of("attachment; filename=\"" + ZIP_NAME + "\"")));
        String redirectingBaseUrl = oasis.baseUrl().replace("/oasisapi/SingleZip", "/moved/SingleZip");

        Payload payload = new OasisClient(config(redirectingBaseUrl, 5), OasisClient.httpClient(config(redirectingBaseUrl, 5)), clock, sleeper::sleep)
                .fetch(MARCH_10);

        assertThat(payload.content().readAllBytes()).isEqualTo(zip);
        assertThat(payload.fileName()).isEqualTo(ZIP_NAME);
        assertThat(payload.requestUri()).contains(MARCH_10.toUri(redirectingBaseUrl));
        assertThat(oasis.requests()).extracting(ReceivedRequest::path).containsExactly("/moved/SingleZip", "/oasisapi/SingleZip");
        assertThat(oasis.requests().get(1).parameters()).containsEntry("queryname", "PRC_LMP").containsEntry("grp_type", "ALL_APNODES");
    }

    @Test
    void testFileNameFromContentDisposition()
    {
        assertThat(OasisClient.fileName("attachment; filename=" + ZIP_NAME)).contains(ZIP_NAME);
        assertThat(OasisClient.fileName("attachment; filename=\"" + ZIP_NAME + "\"")).contains(ZIP_NAME);
        assertThat(OasisClient.fileName("attachment;filename=" + ZIP_NAME + "; size=123")).contains(ZIP_NAME);
        assertThat(OasisClient.fileName("attachment; filename=../../etc/" + ZIP_NAME)).contains(ZIP_NAME);
        assertThat(OasisClient.fileName("attachment")).isEmpty();
        assertThat(OasisClient.fileName("attachment; filename=")).isEmpty();
    }

    private OasisClient client(int maxAttempts)
    {
        CaisoConfig config = config(oasis.baseUrl(), maxAttempts);
        return new OasisClient(config, OasisClient.httpClient(config), clock, sleeper::sleep);
    }

    private static CaisoConfig config(String baseUrl, int maxAttempts)
    {
        return new CaisoConfig(baseUrl, Duration.ofSeconds(5), maxAttempts, Duration.ofSeconds(5), Duration.ofSeconds(10), 39);
    }

    private static byte[] zip(String memberName, String content)
            throws IOException
    {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(memberName));
            zip.write(content.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    private record Response(int status, Map<String, String> headers, byte[] body)
    {
        static Response ok(byte[] zip, Optional<String> contentDisposition)
        {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Content-Type", "application/x-zip-compressed");
            contentDisposition.ifPresent(value -> headers.put("Content-Disposition", value));
            return new Response(200, headers, zip);
        }

        static Response throttled()
        {
            return new Response(429, Map.of("Content-Type", "text/html"), THROTTLED_BODY.getBytes(StandardCharsets.UTF_8));
        }
    }

    private record ReceivedRequest(String method, String path, Map<String, String> parameters, Instant receivedAt) {}

    /**
     * OASIS played by a real HTTP server: answers {@code /oasisapi/SingleZip} with scripted responses (then the
     * standing one), redirects {@code /moved/...} there with a 302, and records every request with the fake time.
     */
    private static final class FakeOasis
    {
        private final HttpServer server;
        private final FakeClock clock;
        private final Deque<Response> script = new ArrayDeque<>();
        private final List<ReceivedRequest> requests = new ArrayList<>();
        private Response standing;

        FakeOasis(FakeClock clock)
                throws IOException
        {
            this.clock = clock;
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/oasisapi/SingleZip", this::serve);
            server.createContext("/moved/SingleZip", this::redirect);
            server.start();
        }

        String baseUrl()
        {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/oasisapi/SingleZip";
        }

        synchronized void respond(Response response)
        {
            script.addLast(response);
        }

        synchronized void respondAlways(Response response)
        {
            standing = response;
        }

        synchronized List<ReceivedRequest> requests()
        {
            return List.copyOf(requests);
        }

        void stop()
        {
            server.stop(0);
        }

        private void serve(HttpExchange exchange)
                throws IOException
        {
            Response response;
            synchronized (this) {
                record(exchange);
                response = script.isEmpty() ? standing : script.removeFirst();
            }
            if (response == null) {
                response = new Response(500, Map.of(), "test server has no response scripted".getBytes(StandardCharsets.UTF_8));
            }
            response.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            exchange.sendResponseHeaders(response.status(), response.body().length == 0 ? -1 : response.body().length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(response.body());
            }
        }

        private void redirect(HttpExchange exchange)
                throws IOException
        {
            synchronized (this) {
                record(exchange);
            }
            exchange.getResponseHeaders().add("Location", "/oasisapi/SingleZip?" + exchange.getRequestURI().getRawQuery());
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        }

        private void record(HttpExchange exchange)
        {
            Map<String, String> parameters = new LinkedHashMap<>();
            String query = exchange.getRequestURI().getQuery();
            if (query != null) {
                for (String parameter : query.split("&")) {
                    int equals = parameter.indexOf('=');
                    parameters.put(parameter.substring(0, equals), parameter.substring(equals + 1));
                }
            }
            requests.add(new ReceivedRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), parameters, clock.instant()));
        }
    }
}
