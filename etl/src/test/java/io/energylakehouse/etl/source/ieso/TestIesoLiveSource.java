package io.energylakehouse.etl.source.ieso;

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
import java.util.OptionalInt;

import static io.energylakehouse.etl.source.ieso.IesoTestFiles.records;
import static io.energylakehouse.etl.source.ieso.IesoTestFiles.resource;
import static org.assertj.core.api.Assertions.assertThat;

/** Live downloads from a local fake of reports-public.ieso.ca serving the hand-written SYNTHETIC files; planning of the requests. */
class TestIesoLiveSource
{
    private HttpServer server;
    private final List<String> received = new ArrayList<>();

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
        String path = exchange.getRequestURI().getPath();
        synchronized (received) {
            received.add(path);
        }
        String file = path.substring(path.lastIndexOf('/') + 1);
        byte[] body;
        int status;
        if (List.of("PUB_DAHourlyEnergyLMP_20251102.csv", "PUB_RealtimeOntarioZonalPrice_2025110202.xml").contains(file)) {
            body = resource(file);
            status = 200;
        }
        else {
            body = "<html><body><h1>Not Found</h1></body></html>".getBytes(StandardCharsets.UTF_8);
            status = 404;
        }
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream output = exchange.getResponseBody()) {
            output.write(body);
        }
    }

    private Settings settings()
    {
        return Settings.of(Map.of("etl.ieso.base-url", "http://127.0.0.1:" + server.getAddress().getPort() + "/public/", "etl.ieso.request-pause", "0s"));
    }

    @Test
    void plansFilesThatCanExistOnDaysTheReportsPrice()
    {
        LocalDate day = LocalDate.of(2025, 11, 2);
        // at 02:30 EST: day-ahead files of the day exist, real-time hours ending 1 and 2 are over
        List<IesoLiveSource.Request> requests = IesoLiveSource.plan(List.of(IesoReport.DA_HOURLY_ENERGY_LMP, IesoReport.RT_ONTARIO_ZONAL_PRICE, IesoReport.HOEP),
                day, day, Instant.parse("2025-11-02T07:30:00Z"));

        assertThat(requests).extracting(IesoLiveSource.Request::path).containsExactly(
                "DAHourlyEnergyLMP/PUB_DAHourlyEnergyLMP_20251102.csv",
                "RealtimeOntarioZonalPrice/PUB_RealtimeOntarioZonalPrice_2025110201.xml",
                "RealtimeOntarioZonalPrice/PUB_RealtimeOntarioZonalPrice_2025110202.xml");
        assertThat(requests.get(0).uri(IesoLiveSource.DEFAULT_BASE_URL).toString())
                .isEqualTo("https://reports-public.ieso.ca/public/DAHourlyEnergyLMP/PUB_DAHourlyEnergyLMP_20251102.csv");
        assertThat(requests.get(2).requestKey()).isEqualTo("RealtimeOntarioZonalPrice|2025-11-02|02");

        // across the cut-over: HOEP up to 2025-04-30, the renewed market's reports from 2025-05-01
        List<IesoLiveSource.Request> cutOver = IesoLiveSource.plan(List.of(IesoReport.HOEP, IesoReport.DA_ONTARIO_ZONAL_PRICE), LocalDate.of(2025, 4, 29),
                LocalDate.of(2025, 5, 2), Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(cutOver).extracting(IesoLiveSource.Request::fileName).containsExactly("PUB_DispUnconsHOEP_20250429.csv", "PUB_DispUnconsHOEP_20250430.csv",
                "PUB_DAHourlyOntarioZonalPrice_20250501.xml", "PUB_DAHourlyOntarioZonalPrice_20250502.xml");
        // a closed day of real-time files is 24 hours, also when America/Toronto has 23 or 25
        assertThat(IesoLiveSource.plan(List.of(IesoReport.RT_ENERGY_LMP), LocalDate.of(2025, 11, 2), LocalDate.of(2025, 11, 2), Instant.parse("2026-01-01T00:00:00Z")))
                .hasSize(24).last().extracting(IesoLiveSource.Request::hourEnding).isEqualTo(OptionalInt.of(24));
    }

    @Test
    void fetchesFilesAndReadsMissingOnesAsNoData()
    {
        IesoConnector connector = new IesoConnector();
        IesoLiveSource source = IesoLiveSource.of(settings());
        LocalDate day = LocalDate.of(2025, 11, 2);
        List<IesoLiveSource.Request> requests = List.of(
                new IesoLiveSource.Request(IesoReport.DA_HOURLY_ENERGY_LMP, day, OptionalInt.empty()),
                new IesoLiveSource.Request(IesoReport.RT_ONTARIO_ZONAL_PRICE, day, OptionalInt.of(2)),
                new IesoLiveSource.Request(IesoReport.RT_ONTARIO_ZONAL_PRICE, day, OptionalInt.of(3)));

        List<ParsedPayload> parsed = new ArrayList<>();
        List<Payload> payloads = new ArrayList<>();
        Iterator<Payload> iterator = source.payloads(requests);
        while (iterator.hasNext()) {
            Payload payload = iterator.next();
            payloads.add(payload);
            parsed.add(connector.parser(connector.report(IesoReport.fromName(payload.report()).reportName()), PayloadLimits.DEFAULTS).parse(payload));
        }

        assertThat(received).containsExactly("/public/DAHourlyEnergyLMP/PUB_DAHourlyEnergyLMP_20251102.csv",
                "/public/RealtimeOntarioZonalPrice/PUB_RealtimeOntarioZonalPrice_2025110202.xml",
                "/public/RealtimeOntarioZonalPrice/PUB_RealtimeOntarioZonalPrice_2025110203.xml");
        assertThat(payloads).extracting(Payload::origin).containsOnly(Payload.Origin.LIVE);
        assertThat(payloads).extracting(Payload::requestKey).containsExactly("DAHourlyEnergyLMP|2025-11-02", "RealtimeOntarioZonalPrice|2025-11-02|02",
                "RealtimeOntarioZonalPrice|2025-11-02|03");
        assertThat(payloads).extracting(Payload::source).containsOnly("ieso-public-reports");
        assertThat(parsed).extracting(ParsedPayload::outcome).containsExactly(FetchOutcome.PARSED, FetchOutcome.PARSED, FetchOutcome.NO_DATA);
        assertThat(records(parsed.get(0))).hasSize(72);
        assertThat(records(parsed.get(1))).hasSize(11);
        assertThat(parsed.get(2).detail()).contains("IESO has no file PUB_RealtimeOntarioZonalPrice_2025110203.xml (HTTP 404)");
    }
}
