package io.energylakehouse.etl.source.eia;

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
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.energylakehouse.etl.source.eia.EiaTestFiles.page;
import static io.energylakehouse.etl.source.eia.EiaTestFiles.records;
import static io.energylakehouse.etl.source.eia.EiaTestFiles.spotRow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Live calls to a local fake of EIA's API v2 on loopback: the api_key, the explicit sort, offset and length of each page, paging to the total. */
class TestEiaLiveSource
{
    private static final String KEY = "test-key-3c9d";

    private HttpServer server;
    private final List<String> paths = new ArrayList<>();
    private final List<List<String[]>> queries = new ArrayList<>();
    private String secondPageTotal = "\"4\"";

    @BeforeEach
    void start()
            throws IOException
    {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/v2/", this::serve);
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
        List<String[]> query = new ArrayList<>();
        for (String parameter : exchange.getRequestURI().getRawQuery().split("&")) {
            String[] pair = parameter.split("=", 2);
            query.add(new String[] {URLDecoder.decode(pair[0], StandardCharsets.UTF_8), URLDecoder.decode(pair[1], StandardCharsets.UTF_8)});
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        query.forEach(pair -> parameters.putIfAbsent(pair[0], pair[1]));
        synchronized (queries) {
            paths.add(exchange.getRequestURI().getPath());
            queries.add(query);
        }
        byte[] body;
        int status = 200;
        if (!KEY.equals(parameters.get("api_key"))) {
            body = "{\"error\":{\"code\":\"API_KEY_INVALID\",\"message\":\"An invalid api_key has been supplied.\"}}".getBytes(StandardCharsets.UTF_8);
            status = 403;
        }
        else if (parameters.get("offset").equals("0")) {
            // the first page: three rows of four, the way EIA sends them (total as a string)
            body = page("\"4\"", spotRow("2024-11-01", "\"2.01\""), spotRow("2024-11-04", "2.15"), spotRow("2024-11-05", "null")).getBytes(StandardCharsets.UTF_8);
        }
        else {
            // the second page repeats the first page's last row
            body = page(secondPageTotal, spotRow("2024-11-05", "null"), spotRow("2024-11-06", "\"2.20\"")).getBytes(StandardCharsets.UTF_8);
        }
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream output = exchange.getResponseBody()) {
            output.write(body);
        }
    }

    private Settings settings()
    {
        return Settings.of(Map.of("etl.eia.base-url", "http://127.0.0.1:" + server.getAddress().getPort() + "/v2/", "etl.eia.request-pause", "0s",
                "etl.eia.max-attempts", "1"));
    }

    private static List<String> values(List<String[]> query, String name)
    {
        return query.stream().filter(pair -> pair[0].equals(name)).map(pair -> pair[1]).toList();
    }

    @Test
    void pagesToTheTotalWithTheKeyTheExplicitSortOffsetAndLength()
    {
        EiaLiveSource source = EiaLiveSource.of(settings(), name -> name.equals("EIA_API_KEY") ? KEY : null);
        EiaLiveSource.Request request = new EiaLiveSource.Request(EiaReport.HENRY_HUB_SPOT, LocalDate.of(2024, 11, 1), LocalDate.of(2024, 11, 6));

        List<Payload> payloads = new ArrayList<>();
        source.payloads(List.of(request)).forEachRemaining(payloads::add);

        assertThat(payloads).hasSize(1);
        Payload payload = payloads.get(0);
        assertThat(payload.origin()).isEqualTo(Payload.Origin.LIVE);
        assertThat(payload.source()).isEqualTo("eia-api");
        assertThat(payload.report()).isEqualTo("RNGWHHD");
        assertThat(payload.requestKey()).isEqualTo("RNGWHHD|2024-11-01|2024-11-06");
        assertThat(payload.fileName()).isEqualTo("eia_henry_hub_spot_20241101_20241106.json");
        assertThat(payload.requestUri().orElseThrow().toString()).doesNotContain(KEY);
        assertThat(paths).containsExactly("/v2/natural-gas/pri/fut/data/", "/v2/natural-gas/pri/fut/data/");
        assertThat(queries).hasSize(2);
        for (int page = 0; page < 2; page++) {
            List<String[]> query = queries.get(page);
            assertThat(values(query, "api_key")).containsExactly(KEY);
            assertThat(values(query, "frequency")).containsExactly("daily");
            assertThat(values(query, "data[0]")).containsExactly("value");
            assertThat(values(query, "facets[series][]")).containsExactly("RNGWHHD");
            assertThat(values(query, "start")).containsExactly("2024-11-01");
            assertThat(values(query, "end")).containsExactly("2024-11-06");
            assertThat(values(query, "sort[0][column]")).containsExactly("period");
            assertThat(values(query, "sort[0][direction]")).containsExactly("asc");
            assertThat(values(query, "sort[1][column]")).containsExactly("series");
            assertThat(values(query, "sort[1][direction]")).containsExactly("asc");
            assertThat(values(query, "length")).containsExactly("5000");
        }
        assertThat(values(queries.get(0), "offset")).containsExactly("0");
        assertThat(values(queries.get(1), "offset")).containsExactly("3");

        ParsedPayload parsed = new EiaParser(EiaReport.HENRY_HUB_SPOT, PayloadLimits.DEFAULTS).parse(payload);
        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(parsed.rejected()).isEmpty();
        assertThat(records(parsed)).extracting(EiaValueRecord::value).containsExactly(2.01, 2.15, null, 2.20);
        assertThat(records(parsed)).extracting(EiaValueRecord::repeatCount).containsExactly(1, 1, 2, 1);
    }

    @Test
    void aTotalThatChangesWhilePagingEndsThePayloadWhichIsThenRejected()
    {
        secondPageTotal = "5";
        EiaLiveSource source = EiaLiveSource.of(settings(), name -> KEY);

        Payload payload = source.fetch(new EiaLiveSource.Request(EiaReport.HENRY_HUB_SPOT, LocalDate.of(2024, 11, 1), LocalDate.of(2024, 11, 6)));

        assertThat(queries).hasSize(2);
        ParsedPayload parsed = new EiaParser(EiaReport.HENRY_HUB_SPOT, PayloadLimits.DEFAULTS).parse(payload);
        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.REJECTED);
        assertThat(parsed.detail().orElseThrow()).contains("page 2 says response.total 5, the pages before it 4");
    }

    @Test
    void theStorageRequestAsksForEverySeriesOfTheReport()
    {
        EiaLiveSource.Request request = new EiaLiveSource.Request(EiaReport.STORAGE_WEEKLY, LocalDate.of(2024, 3, 1), LocalDate.of(2024, 3, 8));

        String uri = URLDecoder.decode(request.uri(EiaLiveSource.DEFAULT_BASE_URL, 5000).toString(), StandardCharsets.UTF_8);

        assertThat(uri).isEqualTo("https://api.eia.gov/v2/natural-gas/stor/wkly/data/?frequency=weekly&data[0]=value&facets[series][]=NW2_EPG0_SWO_R48_BCF"
                + "&facets[series][]=NW2_EPG0_SWO_R31_BCF&facets[series][]=NW2_EPG0_SWO_R32_BCF&facets[series][]=NW2_EPG0_SWO_R33_BCF"
                + "&facets[series][]=NW2_EPG0_SWO_R34_BCF&facets[series][]=NW2_EPG0_SWO_R35_BCF&start=2024-03-01&end=2024-03-08"
                + "&sort[0][column]=period&sort[0][direction]=asc&sort[1][column]=series&sort[1][direction]=asc&offset=5000&length=5000");
    }

    @Test
    void plansAYearAtMostPerRequestUpToTodayInNewYork()
    {
        List<EiaLiveSource.Request> requests = EiaLiveSource.plan(List.of(EiaReport.HENRY_HUB_SPOT, EiaReport.STORAGE_WEEKLY), LocalDate.of(2023, 12, 1),
                LocalDate.of(2024, 12, 31), Instant.parse("2024-03-09T03:00:00Z"));

        assertThat(requests).extracting(EiaLiveSource.Request::requestKey).containsExactly("RNGWHHD|2023-12-01|2023-12-31", "RNGWHHD|2024-01-01|2024-03-08",
                "WNGSR|2023-12-01|2023-12-31", "WNGSR|2024-01-01|2024-03-08");
    }

    @Test
    void aMissingKeyFailsBeforeAnyCallAndARefusedKeyIsNotShown()
    {
        assertThatThrownBy(() -> EiaLiveSource.of(settings(), name -> null))
                .isInstanceOf(LakehouseException.class)
                .hasMessageStartingWith("Cannot fetch EIA: set EIA_API_KEY");
        assertThat(queries).isEmpty();

        EiaLiveSource source = EiaLiveSource.of(settings(), name -> "wrong-key-77aa");
        EiaLiveSource.Request request = new EiaLiveSource.Request(EiaReport.HENRY_HUB_SPOT, LocalDate.of(2024, 11, 1), LocalDate.of(2024, 11, 6));
        try {
            Payload payload = source.fetch(request);
            // kept as the payload for the parser to judge
            ParsedPayload parsed = new EiaParser(EiaReport.HENRY_HUB_SPOT, PayloadLimits.DEFAULTS).parse(payload);
            assertThat(parsed.outcome()).isEqualTo(FetchOutcome.OPERATOR_ERROR);
            assertThat(parsed.detail().orElseThrow()).doesNotContain("wrong-key-77aa");
        }
        catch (LakehouseException e) {
            assertThat(e.getMessage()).contains("EIA_API_KEY").doesNotContain("wrong-key-77aa");
        }
        assertThat(queries).hasSize(1);
    }
}
