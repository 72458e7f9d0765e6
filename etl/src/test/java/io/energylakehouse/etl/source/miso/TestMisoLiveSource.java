package io.energylakehouse.etl.source.miso;

import io.energylakehouse.etl.http.FakeClock;
import io.energylakehouse.etl.http.HttpSettings;
import io.energylakehouse.etl.http.LoopbackApi;
import io.energylakehouse.etl.http.LoopbackApi.Response;
import io.energylakehouse.etl.http.PacedHttpClient;
import io.energylakehouse.etl.http.RecordingSleeper;
import io.energylakehouse.etl.raw.FetchOutcome;
import io.energylakehouse.etl.raw.ParsedPayload;
import io.energylakehouse.etl.raw.Payload;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import static io.energylakehouse.etl.source.miso.MisoTestFiles.PARSER;
import static io.energylakehouse.etl.source.miso.MisoTestFiles.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/** Live MISO market reports against a real HTTP server on 127.0.0.1 serving a hand-written SYNTHETIC file; time is a fake clock. */
class TestMisoLiveSource
{
    private final FakeClock clock = new FakeClock(Instant.parse("2024-03-11T12:00:00Z"));
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);
    private LoopbackApi api;

    @BeforeEach
    void startServer()
            throws IOException
    {
        api = new LoopbackApi(clock);
        api.route("/marketreports/", request -> request.path().equals("/marketreports/20240310_da_expost_lmp.csv")
                ? Response.bytes(resource("20240310_da_expost_lmp.csv"), "text/csv")
                : Response.text(404, "Not Found"));
    }

    @AfterEach
    void stopServer()
    {
        api.close();
    }

    @Test
    void fetchesOneFilePerReportAndDayLazily()
    {
        HttpSettings settings = new HttpSettings("etl.miso", api.baseUrl() + "/marketreports", Duration.ofSeconds(1), 2, Duration.ofSeconds(5),
                Duration.ofSeconds(10), Duration.ofSeconds(30));
        PacedHttpClient client = PacedHttpClient.builder("MISO market reports", "miso", settings).clock(clock).sleeper(sleeper).build();
        List<MisoLiveSource.Request> requests = MisoLiveSource.plan(List.of(MisoReport.DA_EXPOST_LMP, MisoReport.RT_LMP_PRELIM), LocalDate.of(2024, 3, 10),
                LocalDate.of(2024, 3, 10));
        assertThat(requests).extracting(MisoLiveSource.Request::fileName).containsExactly("20240310_da_expost_lmp.csv", "20240310_rt_lmp_prelim.csv");

        Iterator<Payload> payloads = MisoLiveSource.payloads(client, requests);
        assertThat(api.requests()).isEmpty();
        List<Payload> fetched = new ArrayList<>();
        payloads.forEachRemaining(fetched::add);

        assertThat(api.requests()).extracting(LoopbackApi.Request::method, LoopbackApi.Request::path).containsExactly(
                tuple("GET", "/marketreports/20240310_da_expost_lmp.csv"), tuple("GET", "/marketreports/20240310_rt_lmp_prelim.csv"));
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(1));
        assertThat(fetched).extracting(Payload::source, Payload::report, Payload::origin, Payload::requestKey, Payload::httpStatus).containsExactly(
                tuple("miso-marketreports", "da_expost_lmp", Payload.Origin.LIVE, "da_expost_lmp|2024-03-10", 200),
                tuple("miso-marketreports", "rt_lmp_prelim", Payload.Origin.LIVE, "rt_lmp_prelim|2024-03-10", 404));
        assertThat(fetched.get(0).requestUri()).contains(URI.create(api.baseUrl() + "/marketreports/20240310_da_expost_lmp.csv"));

        ParsedPayload dayAhead = PARSER.parse(fetched.get(0));
        assertThat(dayAhead.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(dayAhead.records()).hasSize(4 * 24);
        assertThat(dayAhead.contentKey()).contains(fetched.get(0).requestKey());
        ParsedPayload notPublished = PARSER.parse(fetched.get(1));
        assertThat(notPublished.outcome()).isEqualTo(FetchOutcome.NO_DATA);
    }
}
