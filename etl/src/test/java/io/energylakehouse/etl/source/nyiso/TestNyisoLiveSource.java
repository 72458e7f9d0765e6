package io.energylakehouse.etl.source.nyiso;

import io.energylakehouse.common.config.Settings;
import io.energylakehouse.etl.connector.LiveFetch;
import io.energylakehouse.etl.http.FakeClock;
import io.energylakehouse.etl.http.LoopbackApi;
import io.energylakehouse.etl.raw.FetchOutcome;
import io.energylakehouse.etl.raw.ParsedPayload;
import io.energylakehouse.etl.raw.Payload;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static io.energylakehouse.etl.source.nyiso.NyisoTestFiles.resource;
import static org.assertj.core.api.Assertions.assertThat;

/** The live NYISO source against a real HTTP server on 127.0.0.1 that plays MIS with the hand-written SYNTHETIC files. */
class TestNyisoLiveSource
{
    private LoopbackApi api;

    @BeforeEach
    void startServer()
            throws IOException
    {
        api = new LoopbackApi(new FakeClock(Instant.parse("2024-07-02T12:00:00Z")));
    }

    @AfterEach
    void stopServer()
    {
        api.close();
    }

    @Test
    void plansDailyFilesForTheLastWeekAndOneMonthlyZipPerOlderMonth()
    {
        List<NyisoLiveSource.Request> requests = NyisoLiveSource.plan(List.of(NyisoReport.DAMLBMP_ZONE), LocalDate.of(2024, 5, 30), LocalDate.of(2024, 7, 3),
                LocalDate.of(2024, 7, 2));

        assertThat(requests).extracting(NyisoLiveSource.Request::fileName).containsExactly("20240501damlbmp_zone_csv.zip", "20240601damlbmp_zone_csv.zip",
                "20240626damlbmp_zone.csv", "20240627damlbmp_zone.csv", "20240628damlbmp_zone.csv", "20240629damlbmp_zone.csv", "20240630damlbmp_zone.csv",
                "20240701damlbmp_zone.csv", "20240702damlbmp_zone.csv", "20240703damlbmp_zone.csv");
        assertThat(requests.get(0).uri(NyisoLiveSource.DEFAULT_BASE_URL))
                .isEqualTo(URI.create("http://mis.nyiso.com/public/csv/damlbmp/20240501damlbmp_zone_csv.zip"));
        assertThat(new NyisoLiveSource.Request(NyisoReport.REALTIME_GEN, LocalDate.of(2024, 7, 1), NyisoFileName.Kind.DAILY_CSV).uri("http://mis.nyiso.com/public/csv/"))
                .isEqualTo(URI.create("http://mis.nyiso.com/public/csv/realtime/20240701realtime_gen.csv"));
    }

    @Test
    void fetchesFilesLazilyAndKeepsA404AsNoData()
    {
        LocalDate today = LocalDate.now(NyisoMarket.TIME.zone());
        String name = NyisoFileName.daily(NyisoReport.DAMLBMP_GEN, today);
        api.route("/public/csv/damlbmp/" + name, request -> LoopbackApi.Response.bytes(resource("20240701damlbmp_gen.csv"), "text/csv"));
        api.route("/public/csv/damlbmp/" + NyisoFileName.daily(NyisoReport.DAMLBMP_GEN, today.minusDays(1)),
                request -> LoopbackApi.Response.text(404, "<html>Not Found</html>"));
        NyisoConnector connector = new NyisoConnector();
        Settings settings = Settings.of(Map.of("etl.nyiso.base-url", api.baseUrl() + "/public/csv", "etl.nyiso.request-pause", "0s"));

        LiveFetch fetch = connector.live(List.of(connector.report("damlbmp_gen")), today.minusDays(1), today, List.of(), settings);

        assertThat(fetch.plan()).isEqualTo("2 NYISO MIS files, at least PT0S apart");
        Iterator<Payload> payloads = fetch.payloads();
        assertThat(api.requests()).isEmpty();
        List<Payload> fetched = new ArrayList<>();
        payloads.forEachRemaining(fetched::add);
        assertThat(fetched).extracting(Payload::httpStatus).containsExactly(404, 200);
        assertThat(fetched.get(1).fileName()).isEqualTo(name);
        assertThat(fetched.get(1).requestUri()).contains(URI.create(api.baseUrl() + "/public/csv/damlbmp/" + name));
        assertThat(fetched.get(1).origin()).isEqualTo(Payload.Origin.LIVE);

        NyisoLbmpParser parser = new NyisoLbmpParser();
        assertThat(parser.parse(fetched.get(0)).outcome()).isEqualTo(FetchOutcome.NO_DATA);
        ParsedPayload parsed = parser.parse(fetched.get(1));
        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(parsed.records()).hasSize(6);
        assertThat(connector.settingKeys()).contains("etl.nyiso.base-url", "etl.nyiso.request-pause");
    }
}
