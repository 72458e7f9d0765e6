package io.energylakehouse.etl.source.pjm;

import io.energylakehouse.common.ErrorCode;
import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.config.Settings;
import io.energylakehouse.etl.http.CapturedLogs;
import io.energylakehouse.etl.http.FakeClock;
import io.energylakehouse.etl.http.HttpSettings;
import io.energylakehouse.etl.http.LoopbackApi;
import io.energylakehouse.etl.http.LoopbackApi.Request;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static io.energylakehouse.etl.source.pjm.PjmReport.DA_HRL_LMPS;
import static io.energylakehouse.etl.source.pjm.PjmReport.RT_FIVEMIN_HRL_LMPS;
import static io.energylakehouse.etl.source.pjm.PjmReport.RT_UNVERIFIED_FIVEMIN_LMPS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Runs the Data Miner client against a real HTTP server on 127.0.0.1 that plays Data Miner 2; time is a fake clock, waits are recorded. */
class TestDataMinerClient
{
    private static final Instant START = Instant.parse("2024-07-02T12:00:00Z");
    private static final String KEY = "pjm-s3cr3t-subscription-key";
    private static final LocalDate DAY = LocalDate.of(2024, 7, 1);
    private static final LocalDate TODAY = LocalDate.of(2024, 7, 2);
    private static final String FEED_PATH = "/api/v1/da_hrl_lmps";
    private static final List<Long> HUBS = List.of(51217L, 51288L);
    private static final Path SHARED = Path.of(System.getProperty("lakehouse.shared-dir", "../../shared"));
    private static final Path REAL_PAGE = SHARED.resolve("fixtures/real/pjm/rt_unverified_fivemin_lmps_2026-06-10.json");

    private final FakeClock clock = new FakeClock(START);
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);
    private LoopbackApi api;

    @BeforeEach
    void startServer()
            throws IOException
    {
        api = new LoopbackApi(clock);
    }

    @AfterEach
    void stopServer()
    {
        api.close();
    }

    @Test
    void testPagesInOrderToTotalRows()
    {
        // 120,000 rows in pages of 50,000: the server claims the total and sends a few items per page.
        api.route(FEED_PATH, request -> {
            int startRow = Integer.parseInt(request.parameter("startRow"));
            int firstHour = (startRow - 1) / 50_000 * 8;
            return Response.json(page(DA_HRL_LMPS, items(DAY, firstHour, firstHour + 8, HUBS), 120_000));
        });
        List<DataMinerRequest> requests = DataMinerLiveSource.plan(List.of(DA_HRL_LMPS), DAY, DAY, HUBS, TODAY);
        assertThat(requests).containsExactly(new DataMinerRequest(DA_HRL_LMPS, DAY, DAY, HUBS, false, DA_HRL_LMPS.requestFields()));

        List<Payload> payloads = new ArrayList<>();
        String logs;
        try (CapturedLogs captured = new CapturedLogs()) {
            Iterator<Payload> pages = DataMinerLiveSource.payloads(client(DataMinerConfig.MAX_ROW_COUNT), requests);
            payloads.add(pages.next());
            // lazy: the next page is asked for when the landing takes it
            assertThat(api.requests()).hasSize(1);
            pages.forEachRemaining(payloads::add);
            logs = captured.text();
        }

        assertThat(api.requests()).extracting(request -> request.parameter("startRow")).containsExactly("1", "50001", "100001");
        assertThat(api.requests()).allSatisfy(request -> {
            assertThat(request.method()).isEqualTo("GET");
            assertThat(request.path()).isEqualTo(FEED_PATH);
            assertThat(request.header("Ocp-Apim-Subscription-Key")).isEqualTo(KEY);
            assertThat(request.parameter("rowCount")).isEqualTo("50000");
            // the end is inclusive at PJM: through the start of the day's last hour, not the next midnight
            assertThat(request.parameter("datetime_beginning_ept")).isEqualTo("07/01/2024 00:00to07/01/2024 23:00");
            assertThat(request.parameter("pnode_id")).isEqualTo("51217;51288");
            assertThat(request.parameter("row_is_current")).isEqualTo("TRUE");
            assertThat(request.parameter("fields")).isEqualTo(String.join(",", DA_HRL_LMPS.requestFields()));
        });
        assertThat(api.requests().get(0).rawQuery()).contains("&datetime_beginning_ept=07%2F01%2F2024%2000%3A00to07%2F01%2F2024%2023%3A00&")
                .contains("&pnode_id=51217%3B51288");
        // the request pause between pages, nothing else
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(10));
        assertThat(api.requests()).extracting(Request::receivedAt).containsExactly(START, START.plusSeconds(10), START.plusSeconds(20));

        assertThat(payloads).extracting(Payload::requestKey).containsExactly(
                "da_hrl_lmps|2024-07-01..2024-07-01|pnode_id=51217;51288|startRow=1|rowCount=50000",
                "da_hrl_lmps|2024-07-01..2024-07-01|pnode_id=51217;51288|startRow=50001|rowCount=50000",
                "da_hrl_lmps|2024-07-01..2024-07-01|pnode_id=51217;51288|startRow=100001|rowCount=50000");
        assertThat(payloads).extracting(Payload::fileName).containsExactly(
                "da_hrl_lmps_20240701_20240701_startRow1.json", "da_hrl_lmps_20240701_20240701_startRow50001.json",
                "da_hrl_lmps_20240701_20240701_startRow100001.json");
        Payload first = payloads.get(0);
        assertThat(first.source()).isEqualTo("pjm-dataminer");
        assertThat(first.report()).isEqualTo("da_hrl_lmps");
        assertThat(first.origin()).isEqualTo(Payload.Origin.LIVE);
        assertThat(first.httpStatus()).isEqualTo(200);
        assertThat(first.fetchedAtUtc()).isEqualTo(START);
        assertThat(first.requestUri()).hasValueSatisfying(uri -> assertThat(uri.toString())
                .startsWith(api.baseUrl() + FEED_PATH + "?startRow=1&rowCount=50000&fields=")
                .doesNotContain(KEY));

        List<PjmLmpRecord> records = new ArrayList<>();
        for (Payload payload : payloads) {
            ParsedPayload parsed = new PjmLmpParser().parse(payload);
            assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
            assertThat(parsed.detail()).isEmpty();
            parsed.records().forEach(record -> records.add((PjmLmpRecord) record));
        }
        assertThat(records).hasSize(48).extracting(record -> record.pnodeId() + "@" + record.intervalStartUtc()).doesNotHaveDuplicates();
        assertThat(records.stream().map(PjmLmpRecord::intervalStartUtc).distinct()).hasSize(24);
        assertThat(records.stream().map(record -> PjmMarket.TIME.operatingDate(record.intervalStartUtc())).distinct()).containsExactly(DAY);

        // one line per page with its counts; the key is sent but never logged
        assertThat(logs).contains("PJM Data Miner da_hrl_lmps 07/01/2024 00:00to07/01/2024 23:00 (pnode_id=51217;51288), startRow 1: "
                + "HTTP 200, 16 items of 120000 (page 1 of 3), ")
                .contains("startRow 50001: HTTP 200, 16 items of 120000 (page 2 of 3), ")
                .contains("startRow 100001: HTTP 200, 16 items of 120000 (page 3 of 3), ")
                .doesNotContain(KEY);
    }

    @Test
    void testRowCountSetting()
    {
        api.route(FEED_PATH, request -> {
            int startRow = Integer.parseInt(request.parameter("startRow"));
            List<String> all = items(DAY, 0, 5, List.of(51217L));
            return Response.json(page(DA_HRL_LMPS, all.subList(startRow - 1, Math.min(startRow + 1, all.size())), all.size()));
        });
        Settings settings = Settings.of(Map.of("etl.pjm.row-count", "2", "etl.pjm.base-url", api.baseUrl() + "/api/v1", "etl.pjm.request-pause", "1s"));
        DataMinerConfig config = DataMinerConfig.from(settings);
        assertThat(config.rowCount()).isEqualTo(2);
        assertThat(config.http().requestPause()).isEqualTo(Duration.ofSeconds(1));
        assertThat(DataMinerConfig.KEYS).contains("etl.pjm.base-url", "etl.pjm.max-backoff", "etl.pjm.row-count");
        DataMinerClient client = new DataMinerClient(config, DataMinerClient.credentials(Map.of("PJM_API_KEY", KEY)::get), PacedHttpClient.httpClient(config.http()),
                clock, sleeper);

        List<Payload> payloads = new ArrayList<>();
        client.pages(new DataMinerRequest(DA_HRL_LMPS, DAY, DAY, List.of(51217L), false, List.of())).forEachRemaining(payloads::add);

        assertThat(api.requests()).extracting(request -> request.parameter("startRow")).containsExactly("1", "3", "5");
        assertThat(api.requests()).extracting(request -> request.parameter("rowCount")).containsOnly("2");
        // no field list asked for: all the feed's fields
        assertThat(api.requests()).extracting(request -> request.parameter("fields")).containsOnlyNulls();
        assertThat(payloads).hasSize(3);
        assertThat(payloads.stream().mapToInt(payload -> new PjmLmpParser().parse(payload).records().size()).sum()).isEqualTo(5);
        assertThatThrownBy(() -> DataMinerConfig.from(Settings.of(Map.of("etl.pjm.row-count", "50001"))))
                .isInstanceOf(LakehouseException.class)
                .hasMessage("Cannot use etl.pjm.row-count 50001: Data Miner returns 1 to 50000 items per request");
    }

    @Test
    void testThrottledThenOk()
    {
        api.script(FEED_PATH,
                Response.text(429, "Rate limit is exceeded. Try again in 10 seconds."),
                Response.json(page(DA_HRL_LMPS, items(DAY, 0, 24, HUBS), 48)));

        List<Payload> payloads = new ArrayList<>();
        String logs;
        try (CapturedLogs captured = new CapturedLogs()) {
            client(DataMinerConfig.MAX_ROW_COUNT).pages(request(DAY)).forEachRemaining(payloads::add);
            logs = captured.text();
        }

        assertThat(payloads).hasSize(1);
        assertThat(payloads.get(0).fetchedAtUtc()).isEqualTo(START.plusSeconds(10));
        // the back-off after the 429, no pause before the first request
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(10));
        assertThat(api.requests()).extracting(Request::receivedAt).containsExactly(START, START.plusSeconds(10));
        assertThat(api.requests()).extracting(request -> request.header("Ocp-Apim-Subscription-Key")).containsOnly(KEY);
        assertThat(logs).contains("attempt 1 of 5 failed (throttled (HTTP 429) 1 times); retrying in PT10S").doesNotContain(KEY);
        assertThat(new PjmLmpParser().parse(payloads.get(0)).records()).hasSize(48);
    }

    @Test
    void testNextDayItemComesBackAndTheParserLeavesItOut()
            throws IOException
    {
        List<String> items = new ArrayList<>(items(DAY, 0, 24, List.of(51217L)));
        // the next day's first interval, which an inclusive end at midnight would ask for
        items.add(1, item(DA_HRL_LMPS, Instant.parse("2024-07-02T04:00:00Z"), 51217L, 31.5));
        api.script(FEED_PATH, Response.json(page(DA_HRL_LMPS, items, items.size())));

        Payload payload;
        String logs;
        try (CapturedLogs captured = new CapturedLogs()) {
            payload = client(DataMinerConfig.MAX_ROW_COUNT).fetch(request(DAY), 1).payload();
            logs = captured.text();
        }

        // the payload is kept as received, the extra item included
        assertThat(new String(payload.content().readAllBytes(), StandardCharsets.UTF_8)).contains("\"datetime_beginning_utc\":\"2024-07-02T04:00:00\"");
        assertThat(logs).contains("25 items of 25 (page 1 of 1), 1 outside 2024-07-01..2024-07-01 left for the parser to drop");
        // the parser drops it, knowing the days asked for from the request key
        ParsedPayload parsed = new PjmLmpParser().parse(payload);
        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(parsed.records()).hasSize(24);
        assertThat(parsed.rejected()).isEmpty();
        assertThat(parsed.operatingDates()).containsExactly(DAY);
        assertThat(parsed.detail()).contains("1 item outside the requested operating days 2024-07-01..2024-07-01 left out (from 2024-07-02T04:00:00Z): "
                + "Data Miner's date filter includes its end");
        // a replayed file names no request: all its items are kept
        ParsedPayload replayed = new PjmLmpParser().parse(payload.withRequestKey(""));
        assertThat(replayed.records()).hasSize(25);
        assertThat(replayed.operatingDates()).containsExactlyInAnyOrder(DAY, DAY.plusDays(1));
        // a page holding only the next day is no data for the day asked for
        ParsedPayload onlyNextDay = new PjmLmpParser().parse(payload.withRequestKey("da_hrl_lmps|2024-06-30..2024-06-30|all pnodes|startRow=1|rowCount=50000"));
        assertThat(onlyNextDay.outcome()).isEqualTo(FetchOutcome.NO_DATA);
        assertThat(onlyNextDay.detail()).hasValueSatisfying(detail -> assertThat(detail).startsWith("all 25 items outside the requested operating days 2024-06-30..2024-06-30"));
    }

    @Test
    void testOperatorErrorsComeBackAsPayloads()
    {
        String errors = "{\"errors\": [{\"field\": \"Filters\", \"message\": \"Date range in the API request spans over archived and standard data.\", "
                + "\"detail\": [\"datetime_beginning_ept\"]}]}";
        api.script(FEED_PATH,
                Response.json(errors),
                Response.text(400, "<html><body>Bad Request</body></html>"),
                Response.json(401, "{\"statusCode\": 401, \"message\": \"Access denied due to invalid subscription key " + KEY + "\"}"));
        DataMinerClient client = client(DataMinerConfig.MAX_ROW_COUNT);

        List<Payload> errorPages = new ArrayList<>();
        client.pages(request(DAY)).forEachRemaining(errorPages::add);
        List<Payload> badRequests = new ArrayList<>();
        client.pages(request(DAY.plusDays(1))).forEachRemaining(badRequests::add);

        // each answer ends its request's paging
        assertThat(errorPages).hasSize(1);
        assertThat(badRequests).hasSize(1);
        ParsedPayload operatorError = new PjmLmpParser().parse(errorPages.get(0));
        assertThat(operatorError.outcome()).isEqualTo(FetchOutcome.OPERATOR_ERROR);
        assertThat(operatorError.operatorErrorCode()).contains("Filters");
        assertThat(operatorError.detail()).hasValueSatisfying(detail -> assertThat(detail).startsWith("Filters: Date range in the API request spans"));
        assertThat(badRequests.get(0).httpStatus()).isEqualTo(400);
        ParsedPayload badRequest = new PjmLmpParser().parse(badRequests.get(0));
        assertThat(badRequest.outcome()).isEqualTo(FetchOutcome.OPERATOR_ERROR);
        assertThat(badRequest.operatorErrorCode()).contains("HTTP 400");
        assertThat(badRequest.detail()).contains("Data Miner answered HTTP 400; body starts: <html><body>Bad Request</body></html>");

        // a refused key is no answer about the data: the fetch fails, naming the variable, never the key
        assertThatThrownBy(() -> client.fetch(request(DAY.plusDays(2)), 1))
                .isInstanceOf(LakehouseException.class)
                .satisfies(error -> assertThat(((LakehouseException) error).errorCode()).isEqualTo(ErrorCode.EXTERNAL_SERVICE))
                .hasMessageStartingWith("Cannot fetch PJM Data Miner " + api.baseUrl() + FEED_PATH + "?startRow=1")
                .hasMessageContaining(": HTTP 401; body starts: {\"statusCode\": 401, \"message\": \"Access denied due to invalid subscription key ***\"}")
                .hasMessageEndingWith("; check PJM_API_KEY")
                .satisfies(error -> assertThat(error.getMessage()).doesNotContain(KEY));
    }

    @Test
    void testArchivePlanning()
    {
        LocalDate today = LocalDate.of(2026, 6, 10);
        assertThat(DataMinerRequest.archiveCutoff(DA_HRL_LMPS, today)).isEqualTo(LocalDate.of(2024, 6, 9));
        assertThat(DataMinerRequest.archiveCutoff(RT_FIVEMIN_HRL_LMPS, today)).isEqualTo(LocalDate.of(2025, 12, 6));

        // older than 731 days: no pnode filter, no field list, one calendar year per request; the rest filtered by pnode
        List<DataMinerRequest> hourly = DataMinerRequest.plan(DA_HRL_LMPS, LocalDate.of(2023, 12, 20), LocalDate.of(2024, 6, 30), List.of(51217L), today);
        assertThat(hourly).containsExactly(
                new DataMinerRequest(DA_HRL_LMPS, LocalDate.of(2023, 12, 20), LocalDate.of(2023, 12, 31), List.of(), true, List.of()),
                new DataMinerRequest(DA_HRL_LMPS, LocalDate.of(2024, 1, 1), LocalDate.of(2024, 6, 8), List.of(), true, List.of()),
                new DataMinerRequest(DA_HRL_LMPS, LocalDate.of(2024, 6, 9), LocalDate.of(2024, 6, 30), List.of(51217L), false, DA_HRL_LMPS.requestFields()));
        String archivedUri = hourly.get(0).toUri("https://api.pjm.com/api/v1", 1, 50_000).toString();
        assertThat(archivedUri).isEqualTo("https://api.pjm.com/api/v1/da_hrl_lmps?startRow=1&rowCount=50000"
                + "&datetime_beginning_ept=12%2F20%2F2023%2000%3A00to12%2F31%2F2023%2023%3A00&row_is_current=TRUE");
        assertThat(hourly.get(0).requestKey(1, 50_000)).isEqualTo("da_hrl_lmps|2023-12-20..2023-12-31|all pnodes, archived|startRow=1|rowCount=50000");
        assertThat(hourly.get(2).toUri("https://api.pjm.com/api/v1", 1, 50_000).toString()).contains("&fields=datetime_beginning_utc%2C")
                .endsWith("&datetime_beginning_ept=06%2F09%2F2024%2000%3A00to06%2F30%2F2024%2023%3A00&row_is_current=TRUE&pnode_id=51217");

        // five-minute feeds: 186 days, and the filter ends at 23:55
        List<DataMinerRequest> fiveMinute = DataMinerRequest.plan(RT_FIVEMIN_HRL_LMPS, LocalDate.of(2025, 11, 1), LocalDate.of(2025, 12, 31), List.of(), today);
        assertThat(fiveMinute).extracting(DataMinerRequest::firstDate, DataMinerRequest::lastDate, DataMinerRequest::archived).containsExactly(
                tuple(LocalDate.of(2025, 11, 1), LocalDate.of(2025, 12, 5), true),
                tuple(LocalDate.of(2025, 12, 6), LocalDate.of(2025, 12, 31), false));
        assertThat(fiveMinute.get(1).dateFilter()).isEqualTo("12/06/2025 00:00to12/31/2025 23:55");
        // the unverified feed has no versions to filter on
        assertThat(new DataMinerRequest(RT_UNVERIFIED_FIVEMIN_LMPS, today, today, List.of(), false, List.of()).toUri("https://api.pjm.com/api/v1", 1, 10).toString())
                .doesNotContain("row_is_current");

        // standard requests span at most 365 days
        assertThat(DataMinerRequest.plan(DA_HRL_LMPS, LocalDate.of(2024, 7, 1), today, List.of(), today))
                .extracting(DataMinerRequest::firstDate, DataMinerRequest::lastDate).containsExactly(
                        tuple(LocalDate.of(2024, 7, 1), LocalDate.of(2025, 6, 30)),
                        tuple(LocalDate.of(2025, 7, 1), today));
        assertThatThrownBy(() -> new DataMinerRequest(DA_HRL_LMPS, LocalDate.of(2022, 1, 1), LocalDate.of(2022, 1, 2), List.of(51217L), true, List.of()))
                .isInstanceOf(LakehouseException.class)
                .hasMessage("Cannot request archived PJM Data Miner da_hrl_lmps for 2022-01-01..2022-01-02 by pnode: archived rows cannot be filtered by pnode");
        assertThatThrownBy(() -> new DataMinerRequest(DA_HRL_LMPS, LocalDate.of(2021, 12, 31), LocalDate.of(2022, 1, 1), List.of(), true, List.of()))
                .isInstanceOf(LakehouseException.class)
                .hasMessage("Cannot request archived PJM Data Miner da_hrl_lmps for 2021-12-31..2022-01-01: an archived request must stay within one calendar year");

        // fetched: the archived request goes without pnode filter
        api.script("/api/v1/da_hrl_lmps", Response.json(page(DA_HRL_LMPS, items(LocalDate.of(2023, 12, 20), 0, 1, List.of(51217L, 1L)), 2)));
        List<Payload> payloads = new ArrayList<>();
        client(DataMinerConfig.MAX_ROW_COUNT).pages(hourly.get(0)).forEachRemaining(payloads::add);
        assertThat(payloads).hasSize(1);
        assertThat(api.requests()).hasSize(1);
        assertThat(api.requests().get(0).parameters()).doesNotContainKeys("pnode_id", "fields")
                .containsEntry("datetime_beginning_ept", "12/20/2023 00:00to12/31/2023 23:00");
    }

    @Test
    void testRealPageIsOnePage()
            throws IOException
    {
        assumeTrue(Files.isRegularFile(REAL_PAGE), "the shared real fixture " + REAL_PAGE + " is absent");
        LocalDate day = LocalDate.of(2026, 6, 10);
        api.script("/api/v1/rt_unverified_fivemin_lmps", Response.bytes(Files.readAllBytes(REAL_PAGE), "application/json"));
        List<DataMinerRequest> requests = DataMinerRequest.plan(RT_UNVERIFIED_FIVEMIN_LMPS, day, day, List.of(), day.plusDays(1));

        List<Payload> payloads = new ArrayList<>();
        DataMinerLiveSource.payloads(client(DataMinerConfig.MAX_ROW_COUNT), requests).forEachRemaining(payloads::add);

        // totalRows 154: one page
        assertThat(payloads).hasSize(1);
        assertThat(api.requests().get(0).parameters()).containsEntry("datetime_beginning_ept", "06/10/2026 00:00to06/10/2026 23:55")
                .doesNotContainKeys("row_is_current", "pnode_id");
        ParsedPayload parsed = new PjmLmpParser().parse(payloads.get(0));
        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(parsed.records()).hasSize(154);
        assertThat(parsed.detail()).isEmpty();
        assertThat(parsed.operatingDates()).containsExactly(day);
    }

    @Test
    void testMissingKeyNamesTheVariable()
    {
        assertThatThrownBy(() -> DataMinerClient.credentials(Map.<String, String>of()::get))
                .isInstanceOf(LakehouseException.class)
                .satisfies(error -> assertThat(((LakehouseException) error).errorCode()).isEqualTo(ErrorCode.USER_ERROR))
                .hasMessage("Cannot fetch PJM: set PJM_API_KEY (a Data Miner 2 subscription key from apiportal.pjm.com)");
        assertThat(DataMinerClient.credentials(Map.of("PJM_API_KEY", KEY)::get).toString()).doesNotContain(KEY);
    }

    private DataMinerClient client(int rowCount)
    {
        HttpSettings http = new HttpSettings("etl.pjm", api.baseUrl() + "/api/v1", Duration.ofSeconds(10), 5, Duration.ofSeconds(10), Duration.ofSeconds(10),
                Duration.ofMinutes(2));
        return new DataMinerClient(new DataMinerConfig(http, rowCount), DataMinerClient.credentials(Map.of("PJM_API_KEY", KEY)::get),
                PacedHttpClient.httpClient(http), clock, sleeper);
    }

    private static DataMinerRequest request(LocalDate day)
    {
        return new DataMinerRequest(DA_HRL_LMPS, day, day, HUBS, false, DA_HRL_LMPS.requestFields());
    }

    /** Items of the hours {@code fromHour..toHour-1} (Eastern) of {@code day} for each pnode, as Data Miner writes them. */
    private static List<String> items(LocalDate day, int fromHour, int toHour, List<Long> pnodes)
    {
        List<String> items = new ArrayList<>();
        for (int hour = fromHour; hour < toHour; hour++) {
            Instant start = day.atTime(hour, 0).atZone(PjmMarket.TIME.zone()).toInstant();
            for (long pnode : pnodes) {
                items.add(item(DA_HRL_LMPS, start, pnode, 20 + hour + pnode % 7));
            }
        }
        return items;
    }

    private static String item(PjmReport report, Instant start, long pnode, double total)
    {
        LocalDateTime utc = LocalDateTime.ofInstant(start, ZoneOffset.UTC);
        LocalDateTime ept = LocalDateTime.ofInstant(start, PjmMarket.TIME.zone());
        return String.format(Locale.ROOT, "{\"datetime_beginning_utc\":\"%s\",\"datetime_beginning_ept\":\"%s\",\"pnode_id\":%d,\"pnode_name\":\"%s\","
                        + "\"type\":\"%s\",\"%s\":%.2f,\"%s\":%.2f,\"%s\":%.2f,\"%s\":%.2f,\"row_is_current\":true,\"version_nbr\":1}",
                iso(utc), iso(ept), pnode, pnode == 1 ? "PJM-RTO" : "HUB " + pnode, pnode == 1 ? "ZONE" : "HUB", report.totalField(), total, report.energyField(),
                total - 1.5, report.congestionField(), 1.0, report.lossField(), 0.5);
    }

    private static String iso(LocalDateTime time)
    {
        return time.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
    }

    private static String page(PjmReport report, List<String> items, long totalRows)
    {
        return "{\"links\":[{\"rel\":\"metadata\",\"href\":\"https://api.pjm.com/api/v1/" + report.feed() + "/metadata\"}],\"items\":["
                + String.join(",", items) + "],\"totalRows\":" + totalRows + "}";
    }
}
