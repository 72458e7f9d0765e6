package io.energylakehouse.etl.source.eex;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
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
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static io.energylakehouse.etl.source.eex.EexTestFiles.records;
import static org.assertj.core.api.Assertions.assertThat;

/** Live downloads from a local fake of EEX's download folder serving a SYNTHETIC 2022 report; planning of the yearly requests. */
class TestEexLiveSource
{
    private static final byte[] REPORT_2022 = new SyntheticEex(7).files(List.of(LocalDate.of(2022, 2, 1), LocalDate.of(2022, 2, 2), LocalDate.of(2022, 2, 4)))
            .get(0).bytes();

    private HttpServer server;
    private final List<String> received = new ArrayList<>();

    @BeforeEach
    void start()
            throws IOException
    {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/downloads/", this::serve);
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
        String path = exchange.getRequestURI().getPath();
        synchronized (received) {
            received.add(path);
        }
        byte[] body;
        int status;
        if (path.endsWith("/emission-spot-primary-market-auction-report-2022-data.xlsx")) {
            body = REPORT_2022;
            status = 200;
        }
        else {
            body = "<html><body>Page not found</body></html>".getBytes(StandardCharsets.UTF_8);
            status = 404;
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream output = exchange.getResponseBody()) {
            output.write(body);
        }
    }

    @Test
    void plansOneReportPerYearThatCanExist()
    {
        List<EexLiveSource.Request> requests = EexLiveSource.plan(LocalDate.of(2019, 11, 1), LocalDate.of(2024, 1, 31), Instant.parse("2023-06-01T00:00:00Z"));

        assertThat(requests).extracting(EexLiveSource.Request::year).containsExactly(2019, 2020, 2021, 2022, 2023);
        assertThat(requests.get(0).uri("https://www.eex.com/x").toString()).isEqualTo("https://www.eex.com/x/emission-spot-primary-market-auction-report-2019-data.xls");
        assertThat(requests.get(1).fileName()).isEqualTo("emission-spot-primary-market-auction-report-2020-data.xlsx");
        assertThat(requests.get(3).requestKey()).isEqualTo("emission-spot-primary-market-auction-report|2022");
    }

    @Test
    void fetchesYearlyReportsAndReadsAMissingOneAsNoData()
    {
        Settings settings = Settings.of(Map.of("etl.eex.base-url", "http://127.0.0.1:" + server.getAddress().getPort() + "/downloads/",
                "etl.eex.request-pause", "0s"));
        EexConnector connector = new EexConnector();
        io.energylakehouse.etl.connector.LiveFetch fetch = connector.live(List.of(EexConnector.EUA_PRIMARY_AUCTION), LocalDate.of(2022, 12, 1),
                LocalDate.of(2023, 1, 31), List.of(), settings);
        assertThat(fetch.plan()).startsWith("2 EEX yearly auction report downloads (http://127.0.0.1:");

        List<Payload> payloads = new ArrayList<>();
        List<ParsedPayload> parsed = new ArrayList<>();
        Iterator<Payload> iterator = fetch.payloads();
        while (iterator.hasNext()) {
            Payload payload = iterator.next();
            payloads.add(payload);
            parsed.add(connector.parser(EexConnector.EUA_PRIMARY_AUCTION, PayloadLimits.DEFAULTS).parse(payload));
        }

        assertThat(received).containsExactly("/downloads/emission-spot-primary-market-auction-report-2022-data.xlsx",
                "/downloads/emission-spot-primary-market-auction-report-2023-data.xlsx");
        assertThat(payloads).extracting(Payload::origin).containsOnly(Payload.Origin.LIVE);
        assertThat(payloads).extracting(Payload::source).containsOnly("eex-auctions");
        assertThat(payloads).extracting(Payload::requestKey).containsExactly("emission-spot-primary-market-auction-report|2022",
                "emission-spot-primary-market-auction-report|2023");
        assertThat(parsed).extracting(ParsedPayload::outcome).containsExactly(FetchOutcome.PARSED, FetchOutcome.NO_DATA);
        // the live request key is the one a replayed file of the year gets from its content, so downloads and replays are revisions of each other
        assertThat(parsed.get(0).contentKey()).contains(payloads.get(0).requestKey());
        // 1 February (EU), 2 February (a Wednesday, the first of the month: EU, PL and EUAA EU), 4 February (a Friday: DE)
        assertThat(records(parsed.get(0))).hasSize(5);
        assertThat(parsed.get(1).detail()).contains("EEX has no file emission-spot-primary-market-auction-report-2023-data.xlsx (HTTP 404)");
    }
}
