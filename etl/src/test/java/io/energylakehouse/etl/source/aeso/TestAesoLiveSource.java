package io.energylakehouse.etl.source.aeso;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.config.Settings;
import io.energylakehouse.etl.raw.FetchOutcome;
import io.energylakehouse.etl.raw.ParsedPayload;
import io.energylakehouse.etl.raw.Payload;
import io.energylakehouse.etl.raw.PayloadLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.energylakehouse.etl.source.aeso.AesoTestFiles.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Live calls to a local fake of the AESO API gateway on loopback: the API-KEY header, the missing and the refused key, and the plan of calls. */
class TestAesoLiveSource
{
    private static final String KEY = "test-key-5f1c";

    private HttpServer server;
    private final List<String> received = new ArrayList<>();
    private final List<String> keys = new ArrayList<>();

    @BeforeEach
    void start()
            throws IOException
    {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/public/", this::serve);
        server.start();
    }

    @AfterEach
    void stop()
    {
        server.stop(0);
    }

    private void serve(HttpExchange exchange)
            throws IOException
    {
        String key = exchange.getRequestHeaders().getFirst("API-KEY");
        synchronized (received) {
            received.add(exchange.getRequestURI().getPath() + "?" + exchange.getRequestURI().getRawQuery());
            keys.add(String.valueOf(key));
        }
        byte[] body;
        int status;
        if (!KEY.equals(key)) {
            // what the gateway answers without a valid key (Azure API Management)
            body = "{ \"statusCode\": 401, \"message\": \"Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.\" }"
                    .getBytes(StandardCharsets.UTF_8);
            status = 401;
        }
        else if (exchange.getRequestURI().getPath().endsWith("/poolPrice")) {
            body = resource("aeso_pool_price_20241103_20241103.json");
            status = 200;
        }
        else {
            body = resource("aeso_system_marginal_price_20241103_20241103.json");
            status = 200;
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream output = exchange.getResponseBody()) {
            output.write(body);
        }
    }

    private Settings settings()
    {
        return Settings.of(Map.of("etl.aeso.base-url", "http://127.0.0.1:" + server.getAddress().getPort() + "/public/", "etl.aeso.request-pause", "0s",
                "etl.aeso.max-attempts", "1"));
    }

    @Test
    void plansCallsOfAtMostAMonthUpToTodayInAlberta()
    {
        // 2024-11-02 05:00Z is still 2024-11-01 in Alberta
        List<AesoLiveSource.Request> requests = AesoLiveSource.plan(List.of(AesoReport.POOL_PRICE, AesoReport.SYSTEM_MARGINAL_PRICE), LocalDate.of(2024, 10, 30),
                LocalDate.of(2024, 11, 3), Instant.parse("2024-11-02T05:00:00Z"));

        assertThat(requests).extracting(AesoLiveSource.Request::requestKey).containsExactly("poolPrice|2024-10-30|2024-10-31", "poolPrice|2024-11-01|2024-11-01",
                "systemMarginalPrice|2024-10-30|2024-10-31", "systemMarginalPrice|2024-11-01|2024-11-01");
        assertThat(requests.get(0).uri(AesoLiveSource.DEFAULT_BASE_URL).toString())
                .isEqualTo("https://apimgw.aeso.ca/public/poolprice-api/v1.1/price/poolPrice?startDate=2024-10-30&endDate=2024-10-31");
        assertThat(requests.get(2).uri(AesoLiveSource.DEFAULT_BASE_URL).toString())
                .isEqualTo("https://apimgw.aeso.ca/public/systemmarginalprice-api/v1.1/price/systemMarginalPrice?startDate=2024-10-30&endDate=2024-10-31");
        assertThat(requests.get(0).fileName()).isEqualTo("aeso_pool_price_20241030_20241031.json");
        assertThat(AesoLiveSource.plan(List.of(AesoReport.POOL_PRICE), LocalDate.of(2024, 11, 5), LocalDate.of(2024, 11, 6),
                Instant.parse("2024-11-02T05:00:00Z"))).isEmpty();
    }

    @Test
    void sendsTheKeyInTheApiKeyHeaderAndParsesTheAnswers()
    {
        AesoLiveSource source = AesoLiveSource.of(settings(), name -> name.equals("AESO_API_KEY") ? KEY : null);
        AesoParser parser = new AesoParser(PayloadLimits.DEFAULTS);
        LocalDate day = LocalDate.of(2024, 11, 3);

        List<ParsedPayload> parsed = new ArrayList<>();
        source.payloads(List.of(new AesoLiveSource.Request(AesoReport.POOL_PRICE, day, day), new AesoLiveSource.Request(AesoReport.SYSTEM_MARGINAL_PRICE, day, day)))
                .forEachRemaining(payload -> {
                    assertThat(payload.origin()).isEqualTo(Payload.Origin.LIVE);
                    assertThat(payload.source()).isEqualTo("aeso-api");
                    parsed.add(parser.parse(payload));
                });

        assertThat(received).containsExactly("/public/poolprice-api/v1.1/price/poolPrice?startDate=2024-11-03&endDate=2024-11-03",
                "/public/systemmarginalprice-api/v1.1/price/systemMarginalPrice?startDate=2024-11-03&endDate=2024-11-03");
        assertThat(keys).containsOnly(KEY);
        assertThat(parsed).extracting(ParsedPayload::outcome).containsOnly(FetchOutcome.PARSED);
        assertThat(parsed.get(0).records()).hasSize(25);
        assertThat(parsed.get(1).records()).hasSize(9);
    }

    @Test
    void aRefusedKeyFailsNamingTheVariableWithoutShowingTheKey()
    {
        AesoLiveSource source = AesoLiveSource.of(settings(), name -> "wrong-key-9a7e");
        LocalDate day = LocalDate.of(2024, 11, 3);

        assertThatThrownBy(() -> source.fetch(new AesoLiveSource.Request(AesoReport.POOL_PRICE, day, day)))
                .isInstanceOf(LakehouseException.class)
                .hasMessageContaining("HTTP 401")
                .hasMessageContaining("check AESO_API_KEY")
                .hasMessageNotContaining("wrong-key-9a7e");
        assertThat(keys).containsExactly("wrong-key-9a7e");
    }

    @Test
    void aMissingKeyFailsBeforeAnyCall()
    {
        assertThatThrownBy(() -> AesoLiveSource.of(settings(), name -> null))
                .isInstanceOf(LakehouseException.class)
                .hasMessage("Cannot fetch AESO: set AESO_API_KEY (a key of the AESO API gateway, from https://developer-apim.aeso.ca)");
        assertThatThrownBy(() -> AesoLiveSource.of(settings(), name -> "  "))
                .hasMessageStartingWith("Cannot fetch AESO: set AESO_API_KEY");
        assertThat(received).isEmpty();
    }
}
