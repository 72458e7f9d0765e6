package io.energylakehouse.etl.source.jepx;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.energylakehouse.common.config.Settings;
import io.energylakehouse.etl.connector.LiveFetch;
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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.energylakehouse.etl.source.jepx.JepxTestFiles.resource;
import static org.assertj.core.api.Assertions.assertThat;

/** Downloads from a local stand-in for the JEPX website on loopback: both fiscal-year files, HTML instead of CSV, a year not published. */
class TestJepxLiveSource
{
    private HttpServer server;
    private final List<String> received = new ArrayList<>();

    @BeforeEach
    void start()
            throws IOException
    {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/market/excel/", this::serve);
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
        int status = 200;
        String type = "text/csv";
        if (path.endsWith("/spot_2024.csv")) {
            body = resource(JepxTestFiles.FIXTURE);
        }
        else if (path.endsWith("/spot_2025.csv")) {
            // a site that answers a page (a consent wall, a moved file) with HTTP 200
            body = "<!DOCTYPE html>\n<html lang=\"ja\"><head><title>日本卸電力取引所</title></head><body>ページが見つかりません</body></html>"
                    .getBytes(StandardCharsets.UTF_8);
            type = "text/html; charset=UTF-8";
        }
        else {
            body = "<html><body>404 Not Found</body></html>".getBytes(StandardCharsets.UTF_8);
            status = 404;
            type = "text/html";
        }
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream output = exchange.getResponseBody()) {
            output.write(body);
        }
    }

    private Settings settings()
    {
        return Settings.of(Map.of("etl.jepx.base-url", "http://127.0.0.1:" + server.getAddress().getPort() + "/market/excel/", "etl.jepx.request-pause", "0s",
                "etl.jepx.max-attempts", "1"));
    }

    @Test
    void downloadsEachFiscalYearsFileAndParsesTheWindowsDays()
    {
        JepxLiveSource source = JepxLiveSource.of(settings());
        JepxSpotParser parser = new JepxSpotParser(PayloadLimits.DEFAULTS);
        List<JepxLiveSource.Request> requests = List.of(new JepxLiveSource.Request(new JepxFiscalYear(2024), LocalDate.of(2025, 3, 31), LocalDate.of(2025, 3, 31)),
                new JepxLiveSource.Request(new JepxFiscalYear(2025), LocalDate.of(2025, 4, 1), LocalDate.of(2025, 4, 1)),
                new JepxLiveSource.Request(new JepxFiscalYear(2026), LocalDate.of(2026, 4, 1), LocalDate.of(2026, 4, 1)));

        List<Payload> payloads = new ArrayList<>();
        source.payloads(requests).forEachRemaining(payloads::add);
        List<ParsedPayload> parsed = payloads.stream().map(parser::parse).toList();

        assertThat(received).containsExactly("/market/excel/spot_2024.csv", "/market/excel/spot_2025.csv", "/market/excel/spot_2026.csv");
        assertThat(payloads).extracting(Payload::origin).containsOnly(Payload.Origin.LIVE);
        assertThat(payloads).extracting(Payload::source).containsOnly("jepx-web");
        assertThat(payloads).extracting(Payload::requestKey).containsExactly("spot_2024.csv|2025-03-31..2025-03-31", "spot_2025.csv|2025-04-01..2025-04-01",
                "spot_2026.csv|2026-04-01..2026-04-01");
        assertThat(payloads.get(0).fileName()).isEqualTo("spot_2024.csv");

        // the whole file lands; the request's day is what curation rebuilds
        assertThat(parsed.get(0).outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(parsed.get(0).records()).hasSize(96);
        assertThat(parsed.get(0).operatingDates()).containsExactly(LocalDate.of(2025, 3, 31));

        assertThat(parsed.get(1).outcome()).isEqualTo(FetchOutcome.REJECTED);
        assertThat(parsed.get(1).detail().orElseThrow()).startsWith("Cannot parse JEPX file spot_2025.csv as spot: JEPX answered HTML instead of the CSV "
                + "(the site may be blocking direct downloads, or the file moved); it starts: <!DOCTYPE html>");

        assertThat(parsed.get(2).outcome()).isEqualTo(FetchOutcome.NO_DATA);
        assertThat(parsed.get(2).detail().orElseThrow()).contains("JEPX has no spot_2026.csv (HTTP 404)");
    }

    @Test
    void theConnectorPlansTheFilesOfTheWindowLazily()
    {
        LiveFetch fetch = new JepxConnector().live(List.of(JepxConnector.SPOT), LocalDate.of(2025, 3, 30), LocalDate.of(2025, 4, 1), List.of("tokyo"), settings());

        assertThat(fetch.plan()).isEqualTo("2 JEPX file downloads (spot_2024.csv, spot_2025.csv), at least PT0S apart");
        assertThat(received).isEmpty();
        assertThat(fetch.payloads().next().requestKey()).isEqualTo("spot_2024.csv|2025-03-30..2025-03-31");
        assertThat(received).containsExactly("/market/excel/spot_2024.csv");
    }
}
