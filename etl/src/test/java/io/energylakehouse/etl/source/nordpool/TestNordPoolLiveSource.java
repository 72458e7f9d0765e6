package io.energylakehouse.etl.source.nordpool;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.config.Settings;
import io.energylakehouse.etl.raw.FetchOutcome;
import io.energylakehouse.etl.raw.ParsedPayload;
import io.energylakehouse.etl.raw.Payload;
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
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static io.energylakehouse.etl.source.nordpool.NordPoolTestFiles.records;
import static io.energylakehouse.etl.source.nordpool.NordPoolTestFiles.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Live requests to a local fake of Nord Pool's data portal serving hand-written SYNTHETIC answers; planning of the requests. */
class TestNordPoolLiveSource
{
    private HttpServer server;
    private final List<String> received = new ArrayList<>();

    @BeforeEach
    void start()
            throws IOException
    {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/", this::serve);
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
        String query = exchange.getRequestURI().getRawQuery();
        synchronized (received) {
            received.add(exchange.getRequestURI().getPath() + "?" + query);
        }
        byte[] body;
        int status;
        if (query.contains("deliveryArea=DK1") && query.contains("currency=DKK") && query.contains("date=2025-10-01")) {
            body = resource("DayAheadPrices_DK1_DKK_2025-10-01.json");
            status = 200;
        }
        else if (query.contains("deliveryArea=XX")) {
            body = "{\"message\":\"deliveryArea XX is not valid\"}".getBytes(StandardCharsets.UTF_8);
            status = 400;
        }
        else {
            // the portal answers a day it has no prices for with an empty 204
            body = new byte[0];
            status = 204;
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream output = exchange.getResponseBody()) {
            output.write(body);
        }
    }

    private Settings settings()
    {
        return Settings.of(Map.of("etl.nordpool.base-url", "http://127.0.0.1:" + server.getAddress().getPort() + "/api/", "etl.nordpool.request-pause", "0s"));
    }

    @Test
    void plansOneRequestPerDayAreaAndCurrencyOfPublishedDays()
    {
        // 12:30 CEST on 2025-09-30: the prices of 2025-10-01 are not out before about 13:00 CET
        List<NordPoolLiveSource.Request> requests = NordPoolLiveSource.plan(LocalDate.of(2025, 9, 30), LocalDate.of(2025, 10, 1), List.of("SE3", "DK1"),
                List.of("EUR", "DKK"), Instant.parse("2025-09-30T10:30:00Z"));

        assertThat(requests).extracting(NordPoolLiveSource.Request::requestKey).containsExactly("DayAheadPrices|SE3|EUR|2025-09-30",
                "DayAheadPrices|SE3|DKK|2025-09-30", "DayAheadPrices|DK1|EUR|2025-09-30", "DayAheadPrices|DK1|DKK|2025-09-30");
        assertThat(NordPoolLiveSource.plan(LocalDate.of(2025, 10, 1), LocalDate.of(2025, 10, 1), List.of("SE3"), List.of("EUR"),
                Instant.parse("2025-09-30T11:00:00Z"))).hasSize(1);
        assertThat(requests.get(0).uri(NordPoolLiveSource.DEFAULT_BASE_URL).toString())
                .isEqualTo("https://dataportal-api.nordpoolgroup.com/api/DayAheadPrices?market=DayAhead&deliveryArea=SE3&currency=EUR&date=2025-09-30");
        NordPoolLiveSource.Request germany = new NordPoolLiveSource.Request(LocalDate.of(2025, 10, 1), "DE-LU", "EUR");
        assertThat(germany.fileName()).isEqualTo("DayAheadPrices_DE-LU_EUR_2025-10-01.json");
        // the portal calls Germany GER
        assertThat(germany.uri(NordPoolLiveSource.DEFAULT_BASE_URL).toString())
                .isEqualTo("https://dataportal-api.nordpoolgroup.com/api/DayAheadPrices?market=DayAhead&deliveryArea=GER&currency=EUR&date=2025-10-01");
    }

    @Test
    void readsCurrenciesFromSettings()
    {
        assertThat(NordPoolLiveSource.currencies(Settings.empty())).containsExactly("EUR");
        assertThat(NordPoolLiveSource.currencies(Settings.of(Map.of("etl.nordpool.currencies", "eur, sek,EUR")))).containsExactly("EUR", "SEK");
        assertThatThrownBy(() -> NordPoolLiveSource.currencies(Settings.of(Map.of("etl.nordpool.currencies", "GBP"))))
                .isInstanceOf(LakehouseException.class)
                .hasMessage("Cannot fetch Nord Pool prices in GBP (etl.nordpool.currencies): use EUR or [NOK, SEK, DKK, PLN, BGN, RON]");
    }

    @Test
    void fetchesAnswersAndReadsUnpublishedDaysAsNoData()
    {
        NordPoolLiveSource source = NordPoolLiveSource.of(settings());
        List<NordPoolLiveSource.Request> requests = List.of(new NordPoolLiveSource.Request(LocalDate.of(2025, 10, 1), "DK1", "DKK"),
                new NordPoolLiveSource.Request(LocalDate.of(2025, 10, 2), "DK1", "DKK"), new NordPoolLiveSource.Request(LocalDate.of(2025, 10, 1), "XX", "EUR"));
        NordPoolPriceParser parser = new NordPoolPriceParser();

        List<ParsedPayload> parsed = new ArrayList<>();
        Iterator<Payload> payloads = source.payloads(requests);
        assertThat(received).isEmpty();
        while (payloads.hasNext()) {
            Payload payload = payloads.next();
            assertThat(payload.origin()).isEqualTo(Payload.Origin.LIVE);
            assertThat(payload.source()).isEqualTo("nordpool-dataportal");
            parsed.add(parser.parse(payload));
        }

        assertThat(received).containsExactly("/api/DayAheadPrices?market=DayAhead&deliveryArea=DK1&currency=DKK&date=2025-10-01",
                "/api/DayAheadPrices?market=DayAhead&deliveryArea=DK1&currency=DKK&date=2025-10-02",
                "/api/DayAheadPrices?market=DayAhead&deliveryArea=XX&currency=EUR&date=2025-10-01");
        assertThat(parsed).extracting(ParsedPayload::outcome).containsExactly(FetchOutcome.PARSED, FetchOutcome.NO_DATA, FetchOutcome.OPERATOR_ERROR);
        assertThat(records(parsed.get(0))).hasSize(96);
        assertThat(parsed.get(0).contentKey()).contains(requests.get(0).requestKey());
        assertThat(parsed.get(1).detail()).contains("Nord Pool has no prices for DayAheadPrices_DK1_DKK_2025-10-02.json (HTTP 204): not published yet, or outside "
                + "the portal's history");
        assertThat(parsed.get(2).detail().orElseThrow()).startsWith("Nord Pool answered HTTP 400 for DayAheadPrices_XX_EUR_2025-10-01.json; body starts: ");
    }
}
