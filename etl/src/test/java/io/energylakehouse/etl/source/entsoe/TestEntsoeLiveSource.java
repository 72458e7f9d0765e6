package io.energylakehouse.etl.source.entsoe;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.config.Settings;
import io.energylakehouse.common.market.BiddingZone;
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
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.energylakehouse.etl.source.entsoe.EntsoeTestFiles.records;
import static io.energylakehouse.etl.source.entsoe.EntsoeTestFiles.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Live requests against a local HTTP server on loopback standing in for web-api.tp.entsoe.eu: parameters, token, pacing, no-data acknowledgements; planning. */
class TestEntsoeLiveSource
{
    private HttpServer server;
    private final List<String> queries = new ArrayList<>();
    private final List<Long> arrivals = new ArrayList<>();

    @BeforeEach
    void start()
            throws IOException
    {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api", this::serve);
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
        synchronized (queries) {
            queries.add(query);
            arrivals.add(System.nanoTime());
        }
        byte[] body;
        int status;
        if (query.contains("in_Domain=10YFR-RTE------C")) {
            body = resource("A44_FR_2024-03-31.xml");
            status = 200;
        }
        else if (query.contains("in_Domain=10YBE----------2")) {
            // ENTSO-E answers "no data" with HTTP 400 and an acknowledgement, too
            body = resource("ack_no_matching_data.xml");
            status = 400;
        }
        else {
            body = resource("ack_no_matching_data.xml");
            status = 200;
        }
        exchange.getResponseHeaders().add("Content-Type", "text/xml");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream output = exchange.getResponseBody()) {
            output.write(body);
        }
    }

    private EntsoeLiveSource source(String pause)
    {
        Settings settings = Settings.of(Map.of("etl.entsoe.base-url", "http://127.0.0.1:" + server.getAddress().getPort() + "/api",
                "etl.entsoe.request-pause", pause));
        return EntsoeLiveSource.of(settings, Map.of("ENTSOE_API_TOKEN", "test-token")::get);
    }

    private static BiddingZone zone(String code)
    {
        return EntsoeMarket.requireZone(code);
    }

    @Test
    void fetchesOneDocumentPerZoneAndDayWithTheTokenPacedAndReadsAcknowledgementsAsNoData()
    {
        LocalDate day = LocalDate.of(2024, 3, 31);
        List<EntsoeLiveSource.Request> requests = EntsoeLiveSource.plan(List.of(EntsoeReport.A44), List.of(zone("FR"), zone("BE"), zone("NL")), day, day,
                Instant.parse("2024-07-01T00:00:00Z"));
        EntsoeParser parser = new EntsoeParser();

        List<ParsedPayload> parsed = new ArrayList<>();
        List<Payload> payloads = new ArrayList<>();
        Iterator<Payload> iterator = source("300ms").payloads(requests);
        while (iterator.hasNext()) {
            Payload payload = iterator.next();
            payloads.add(payload);
            parsed.add(parser.parse(payload));
        }

        // the spring-forward day: 23:00Z to 22:00Z
        assertThat(queries).containsExactly(
                "documentType=A44&in_Domain=10YFR-RTE------C&out_Domain=10YFR-RTE------C&contract_MarketAgreement.type=A01"
                        + "&periodStart=202403302300&periodEnd=202403312200&securityToken=test-token",
                "documentType=A44&in_Domain=10YBE----------2&out_Domain=10YBE----------2&contract_MarketAgreement.type=A01"
                        + "&periodStart=202403302300&periodEnd=202403312200&securityToken=test-token",
                "documentType=A44&in_Domain=10YNL----------L&out_Domain=10YNL----------L&contract_MarketAgreement.type=A01"
                        + "&periodStart=202403302300&periodEnd=202403312200&securityToken=test-token");
        assertThat(payloads).extracting(Payload::fileName).containsExactly("A44_FR_2024-03-31.xml", "A44_BE_2024-03-31.xml", "A44_NL_2024-03-31.xml");
        assertThat(payloads).extracting(Payload::requestKey).containsExactly("A44||FR|2024-03-31", "A44||BE|2024-03-31", "A44||NL|2024-03-31");
        assertThat(payloads).extracting(Payload::httpStatus).containsExactly(200, 400, 200);
        assertThat(payloads.get(0).requestUri().orElseThrow().toString()).doesNotContain("test-token");
        assertThat(parsed).extracting(ParsedPayload::outcome).containsExactly(FetchOutcome.PARSED, FetchOutcome.NO_DATA, FetchOutcome.NO_DATA);
        assertThat(records(parsed.get(0))).hasSize(23);
        // requests start at least request-pause apart
        for (int i = 1; i < arrivals.size(); i++) {
            assertThat((arrivals.get(i) - arrivals.get(i - 1)) / 1_000_000).isGreaterThanOrEqualTo(250);
        }
    }

    @Test
    void defaultsKeepUnderFourHundredRequestsAMinute()
    {
        assertThat(EntsoeLiveSource.DEFAULT_HTTP.baseUrl()).isEqualTo("https://web-api.tp.entsoe.eu/api");
        assertThat(60_000 / EntsoeLiveSource.DEFAULT_HTTP.requestPause().toMillis()).isLessThanOrEqualTo(400);
        assertThat(EntsoeLiveSource.DEFAULT_HTTP.maxAttempts()).isEqualTo(5);
    }

    @Test
    void refusesToFetchWithoutAToken()
    {
        assertThatThrownBy(() -> EntsoeLiveSource.of(Settings.empty(), Map.<String, String>of()::get))
                .isInstanceOf(LakehouseException.class)
                .hasMessageStartingWith("Cannot fetch ENTSOE: set ENTSOE_API_TOKEN (a Transparency Platform security token");
    }

    @Test
    void plansZonesOnlyOnTheDaysTheyExistedAndDocumentsThatCanBePublished()
    {
        List<BiddingZone> zones = List.of(zone("DE_AT_LU"), zone("DE_LU"));
        List<EntsoeLiveSource.Request> requests = EntsoeLiveSource.plan(List.of(EntsoeReport.A44), zones, LocalDate.of(2018, 9, 30), LocalDate.of(2018, 10, 1),
                Instant.parse("2025-01-01T00:00:00Z"));
        assertThat(requests).extracting(request -> request.zone().code() + " " + request.day()).containsExactly("DE_AT_LU 2018-09-30", "DE_LU 2018-10-01");

        // at 10:00Z on 2024-07-01: day-ahead prices of 07-02 are due after noon; actual load of 07-01 has begun
        Instant now = Instant.parse("2024-07-01T10:00:00Z");
        List<EntsoeLiveSource.Request> load = EntsoeLiveSource.plan(List.of(EntsoeReport.A65), List.of(zone("FR")), LocalDate.of(2024, 7, 1),
                LocalDate.of(2024, 7, 2), now);
        assertThat(load).extracting(EntsoeLiveSource.Request::fileName).containsExactly("A65_A16_FR_2024-07-01.xml", "A65_A01_FR_2024-07-01.xml");
        assertThat(load.get(0).parameters()).containsExactly(Map.entry("documentType", "A65"), Map.entry("processType", "A16"),
                Map.entry("outBiddingZone_Domain", "10YFR-RTE------C"), Map.entry("periodStart", "202406302200"), Map.entry("periodEnd", "202407012200"));
        assertThat(EntsoeLiveSource.plan(List.of(EntsoeReport.A69), List.of(zone("NO_2")), LocalDate.of(2024, 7, 1), LocalDate.of(2024, 7, 1), now).get(0)
                .parameters()).containsEntry("in_Domain", "10YNO-2--------T").containsEntry("processType", "A01").doesNotContainKey("psrType");
        assertThat(new EntsoeLiveSource.Request(EntsoeReport.A44, Optional.empty(), zone("FR"), LocalDate.of(2024, 10, 27)).parameters())
                .containsEntry("periodStart", "202410262200").containsEntry("periodEnd", "202410272300");
    }
}
