package io.energylakehouse.etl.source.ecb;

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
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/** Live ECB files against a real HTTP server on 127.0.0.1 serving a hand-written history zip and a daily XML; time is a fake clock. */
class TestEcbLiveSource
{
    private static final String DAILY_XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01" xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref">
            \t<gesmes:subject>Reference rates</gesmes:subject>
            \t<Cube>
            \t\t<Cube time='2025-01-03'>
            \t\t\t<Cube currency='USD' rate='1.0299'/>
            \t\t</Cube>
            \t</Cube>
            </gesmes:Envelope>
            """;

    private final FakeClock clock = new FakeClock(Instant.parse("2025-01-03T16:00:00Z"));
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);
    private LoopbackApi api;

    @BeforeEach
    void startServer()
            throws IOException
    {
        byte[] history = TestEcbRateParser.zip("eurofxref-hist.csv", TestEcbRateParser.HISTORY);
        api = new LoopbackApi(clock);
        api.route("/stats/eurofxref/", request -> switch (request.path()) {
            case "/stats/eurofxref/eurofxref-hist.zip" -> Response.bytes(history, "application/zip");
            case "/stats/eurofxref/eurofxref-daily.xml" -> Response.bytes(DAILY_XML.getBytes(java.nio.charset.StandardCharsets.UTF_8), "text/xml");
            default -> Response.text(404, "Not Found");
        });
    }

    @AfterEach
    void stopServer()
    {
        api.close();
    }

    @Test
    void fetchesTheHistoryZipAndTheDailyXml()
    {
        HttpSettings settings = new HttpSettings("etl.ecb", api.baseUrl() + "/stats/eurofxref", Duration.ofSeconds(1), 2, Duration.ofSeconds(5),
                Duration.ofSeconds(10), Duration.ofSeconds(30));
        PacedHttpClient client = PacedHttpClient.builder("ECB reference rates", "ecb", settings).clock(clock).sleeper(sleeper).build();
        List<EcbLiveSource.Request> requests = new ArrayList<>(EcbLiveSource.plan(LocalDate.of(2024, 12, 1), LocalDate.of(2025, 1, 3)));
        requests.addAll(EcbLiveSource.plan(LocalDate.of(2025, 1, 3), LocalDate.of(2025, 1, 3)));
        List<Payload> fetched = new ArrayList<>();
        EcbLiveSource.payloads(client, requests).forEachRemaining(fetched::add);

        assertThat(api.requests()).extracting(LoopbackApi.Request::path)
                .containsExactly("/stats/eurofxref/eurofxref-hist.zip", "/stats/eurofxref/eurofxref-daily.xml");
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(1));
        assertThat(fetched).extracting(Payload::source, Payload::report, Payload::origin, Payload::requestKey, Payload::httpStatus).containsExactly(
                tuple(EcbRates.SOURCE, EcbRates.REPORT, Payload.Origin.LIVE, "eurofxref|eurofxref-hist.zip", 200),
                tuple(EcbRates.SOURCE, EcbRates.REPORT, Payload.Origin.LIVE, "eurofxref|eurofxref-daily.xml", 200));
        assertThat(fetched.get(1).requestUri()).contains(URI.create(api.baseUrl() + "/stats/eurofxref/eurofxref-daily.xml"));

        ParsedPayload history = new EcbRateParser().parse(fetched.get(0));
        assertThat(history.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(history.records()).hasSize(12);
        ParsedPayload daily = new EcbRateParser().parse(fetched.get(1));
        assertThat(TestEcbRateParser.records(daily)).containsExactly(new EcbRateRecord("eurofxref-daily.xml", 6, LocalDate.of(2025, 1, 3), "USD", "1.0299"));
    }
}
