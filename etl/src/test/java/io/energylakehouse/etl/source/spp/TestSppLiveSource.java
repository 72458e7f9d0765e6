package io.energylakehouse.etl.source.spp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
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
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static io.energylakehouse.etl.source.spp.SppTestFiles.records;
import static io.energylakehouse.etl.source.spp.SppTestFiles.resource;
import static org.assertj.core.api.Assertions.assertThat;

/** Live downloads from a local fake of SPP's file browser serving the hand-written SYNTHETIC files; planning of the requests. */
class TestSppLiveSource
{
    private HttpServer server;
    private final List<String> received = new ArrayList<>();

    @BeforeEach
    void start()
            throws IOException
    {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/file-browser-api/download/", this::serve);
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
        String path = query.substring("path=".length());
        byte[] body;
        int status;
        if (path.endsWith("/RTBM-LMP-SL-202411030105d.csv")) {
            body = resource("RTBM-LMP-SL-202411030105d.csv");
            status = 200;
        }
        else if (path.endsWith("/RTBM-LMP-SL-202411030110d.csv")) {
            // SPP writes zero-byte files for intervals without data
            body = new byte[0];
            status = 200;
        }
        else {
            body = "{\"message\":\"Not Found\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            status = 404;
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream output = exchange.getResponseBody()) {
            output.write(body);
        }
    }

    private Settings settings()
    {
        return Settings.of(Map.of("etl.spp.base-url", "http://127.0.0.1:" + server.getAddress().getPort() + "/file-browser-api/",
                "etl.spp.request-pause", "0s"));
    }

    @Test
    void plansOneFilePerDayOrIntervalThatCanExist()
    {
        LocalDate day = LocalDate.of(2024, 11, 3);
        // during the interval ending 01:10 CST (07:10Z) of the fall-back day
        List<SppLiveSource.Request> requests = SppLiveSource.plan(List.of(SppReport.DA_LMP_SL, SppReport.RTBM_LMP_DAILY, SppReport.RTBM_LMP_SL), day, day,
                Instant.parse("2024-11-03T07:10:00Z"));

        assertThat(requests.get(0)).isEqualTo(new SppLiveSource.Request(SppReport.DA_LMP_SL, "/2024/11/By_Day/DA-LMP-SL-202411030100.csv"));
        // no daily file before the day is over; the intervals ending 00:05 CDT .. 01:10 CST are 26
        assertThat(requests).extracting(SppLiveSource.Request::report).doesNotContain(SppReport.RTBM_LMP_DAILY);
        List<SppLiveSource.Request> intervals = requests.subList(1, requests.size());
        assertThat(intervals).hasSize(26);
        assertThat(intervals.get(0).path()).isEqualTo("/2024/11/By_Interval/03/RTBM-LMP-SL-202411030005.csv");
        assertThat(intervals.get(intervals.size() - 1).path()).isEqualTo("/2024/11/By_Interval/03/RTBM-LMP-SL-202411030110d.csv");
        assertThat(intervals.get(0).uri("https://portal.spp.org/file-browser-api/").toString())
                .isEqualTo("https://portal.spp.org/file-browser-api/download/rtbm-lmp-by-location?path=/2024/11/By_Interval/03/RTBM-LMP-SL-202411030005.csv");
    }

    @Test
    void fetchesFilesAndReadsMissingOrEmptyOnesAsNoData()
    {
        SppConnector connector = new SppConnector();
        SppLiveSource source = SppLiveSource.of(settings());
        List<SppLiveSource.Request> requests = List.of(
                new SppLiveSource.Request(SppReport.RTBM_LMP_SL, SppFileName.intervalPath(Instant.parse("2024-11-03T07:05:00Z"))),
                new SppLiveSource.Request(SppReport.RTBM_LMP_SL, SppFileName.intervalPath(Instant.parse("2024-11-03T07:10:00Z"))),
                new SppLiveSource.Request(SppReport.RTBM_LMP_SL, SppFileName.intervalPath(Instant.parse("2024-11-03T07:15:00Z"))));

        List<ParsedPayload> parsed = new ArrayList<>();
        Iterator<Payload> payloads = source.payloads(requests);
        while (payloads.hasNext()) {
            Payload payload = payloads.next();
            assertThat(payload.origin()).isEqualTo(Payload.Origin.LIVE);
            parsed.add(connector.parser(connector.report("rtbm_lmp_sl"), io.energylakehouse.etl.raw.PayloadLimits.DEFAULTS).parse(payload));
        }

        assertThat(received).containsExactly(
                "/file-browser-api/download/rtbm-lmp-by-location?path=/2024/11/By_Interval/03/RTBM-LMP-SL-202411030105d.csv",
                "/file-browser-api/download/rtbm-lmp-by-location?path=/2024/11/By_Interval/03/RTBM-LMP-SL-202411030110d.csv",
                "/file-browser-api/download/rtbm-lmp-by-location?path=/2024/11/By_Interval/03/RTBM-LMP-SL-202411030115d.csv");
        assertThat(parsed).extracting(ParsedPayload::outcome).containsExactly(FetchOutcome.PARSED, FetchOutcome.NO_DATA, FetchOutcome.NO_DATA);
        assertThat(records(parsed.get(0))).hasSize(3);
        assertThat(parsed.get(1).detail()).contains("the file is empty: SPP published no prices for the interval ending 2024-11-03T07:10:00Z");
        assertThat(parsed.get(2).detail()).contains("SPP has no file RTBM-LMP-SL-202411030115d.csv (HTTP 404)");
    }
}
