package io.energylakehouse.etl.source.ercot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.energylakehouse.common.ErrorCode;
import io.energylakehouse.common.LakehouseException;
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
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static io.energylakehouse.etl.source.ercot.ErcotReport.DAM_SPP;
import static io.energylakehouse.etl.source.ercot.ErcotReport.RT_SPP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs the ERCOT public API client against a real HTTP server on 127.0.0.1 that plays both the B2C sign-in and the API;
 * time is a fake clock, waits are recorded.
 */
class TestErcotApiClient
{
    private static final Instant START = Instant.parse("2024-07-02T15:00:00Z");
    private static final LocalDate TODAY = LocalDate.of(2024, 7, 2);
    private static final LocalDate JULY_1 = LocalDate.of(2024, 7, 1);
    private static final String KEY = "ercot-s3cr3t-subscription-key";
    private static final String USER = "trader@example.com";
    private static final String PASSWORD = "pa55&word=\"x\"";
    private static final Map<String, String> ENVIRONMENT = Map.of("ERCOT_PUBLIC_API_SUBSCRIPTION_KEY", KEY, "ERCOT_API_USERNAME", USER,
            "ERCOT_API_PASSWORD", PASSWORD);
    private static final String DAM_PATH = "/api/public-reports/np4-190-cd/dam_stlmnt_pnt_prices";
    private static final Path SHARED = Path.of(System.getProperty("lakehouse.shared-dir", "../../shared"));
    private static final Path REAL_LISTING = SHARED.resolve("fixtures/real/ercot/NP3-911-ER_archive_listing_20241105.json");

    private final FakeClock clock = new FakeClock(START);
    private final RecordingSleeper sleeper = new RecordingSleeper(clock);
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private LoopbackApi api;

    @BeforeEach
    void startServer()
            throws IOException
    {
        api = new LoopbackApi(clock);
        // B2C's password flow: a new id token each time, valid an hour
        api.route("/token", request -> {
            int number = tokensIssued.incrementAndGet();
            return Response.json("{\"access_token\":\"access-" + number + "\",\"id_token\":\"id-token-" + number + "\",\"token_type\":\"Bearer\","
                    + "\"not_before\":1719932400,\"id_token_expires_in\":3600,\"expires_in\":\"3600\",\"refresh_token\":\"refresh-" + number + "\"}");
        });
    }

    @AfterEach
    void stopServer()
    {
        api.close();
    }

    @Test
    void testOneTokenForAllPagesAndPagingToTotalPages()
    {
        api.route(DAM_PATH, request -> Response.bytes(ErcotTestFiles.resource("dam_spp_api_20240701_page" + request.parameter("page") + ".json"), "application/json"));
        List<ErcotApiRequest> requests = ErcotLiveSource.plan(List.of(DAM_SPP), JULY_1, JULY_1, TODAY);
        assertThat(requests).containsExactly(new ErcotApiRequest(DAM_SPP, JULY_1, JULY_1, false));

        List<Payload> payloads = new ArrayList<>();
        String logs;
        try (CapturedLogs captured = new CapturedLogs()) {
            ErcotLiveSource.payloads(client(), requests).forEachRemaining(payloads::add);
            logs = captured.text();
        }

        // signed in once, with the password flow's form
        List<Request> signIns = api.requests("/token");
        assertThat(signIns).hasSize(1);
        assertThat(signIns.get(0).method()).isEqualTo("POST");
        assertThat(signIns.get(0).header("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
        assertThat(form(signIns.get(0).body())).containsExactly(
                Map.entry("grant_type", "password"),
                Map.entry("username", USER),
                Map.entry("password", PASSWORD),
                Map.entry("response_type", "id_token"),
                Map.entry("scope", "openid fec253ea-0d06-4272-a5e6-b478baeecd70 offline_access"),
                Map.entry("client_id", "fec253ea-0d06-4272-a5e6-b478baeecd70"));
        // then every page with both credentials, to _meta.totalPages
        List<Request> pages = api.requests(DAM_PATH);
        assertThat(pages).extracting(request -> request.parameter("page")).containsExactly("1", "2", "3");
        assertThat(pages).allSatisfy(request -> {
            assertThat(request.method()).isEqualTo("GET");
            assertThat(request.header("Authorization")).isEqualTo("Bearer id-token-1");
            assertThat(request.header("Ocp-Apim-Subscription-Key")).isEqualTo(KEY);
            assertThat(request.parameters()).containsEntry("deliveryDateFrom", "2024-07-01").containsEntry("deliveryDateTo", "2024-07-01")
                    .containsEntry("size", "24");
        });
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));

        assertThat(payloads).extracting(Payload::requestKey).containsExactly(
                "NP4-190-CD|api|2024-07-01..2024-07-01|page=1|size=24",
                "NP4-190-CD|api|2024-07-01..2024-07-01|page=2|size=24",
                "NP4-190-CD|api|2024-07-01..2024-07-01|page=3|size=24");
        assertThat(payloads).extracting(Payload::source, Payload::report, Payload::origin, Payload::httpStatus)
                .containsOnly(tuple("ercot-public", "dam_spp", Payload.Origin.LIVE, 200));
        assertThat(payloads.get(0).fileName()).isEqualTo("dam_spp_api_20240701_20240701_page1.json");
        int rows = 0;
        for (Payload payload : payloads) {
            ParsedPayload parsed = ErcotTestFiles.PARSER.parse(payload);
            assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
            assertThat(parsed.operatingDates()).containsExactly(JULY_1);
            rows += parsed.records().size();
        }
        assertThat(rows).isEqualTo(72);

        assertThat(logs).contains("ERCOT public API NP4-190-CD 2024-07-01..2024-07-01, page 1 of 3: HTTP 200, 24 rows of 72, ")
                .contains("page 3 of 3: HTTP 200, 24 rows of 72, ")
                .contains("Signed in to ERCOT's public API (the account of ERCOT_API_USERNAME): id token valid until 2024-07-02T16:00:00Z")
                .doesNotContain(KEY).doesNotContain(PASSWORD).doesNotContain(USER).doesNotContain("id-token-1");
    }

    @Test
    void testTokenIsReplacedBeforeItExpires()
    {
        api.route(DAM_PATH, request -> Response.bytes(ErcotTestFiles.resource("dam_spp_api_20240701_page" + request.parameter("page") + ".json"), "application/json"));
        ErcotApiClient client = client();
        ErcotApiRequest request = new ErcotApiRequest(DAM_SPP, JULY_1, JULY_1, false);

        client.fetchPage(request, 1);
        clock.advance(Duration.ofMinutes(54));
        client.fetchPage(request, 2);
        // 56 minutes after sign-in: within five minutes of the hour
        clock.advance(Duration.ofMinutes(2));
        ErcotApiClient.Page last = client.fetchPage(request, 3);

        assertThat(tokensIssued).hasValue(2);
        assertThat(api.requests(DAM_PATH)).extracting(page -> page.header("Authorization"))
                .containsExactly("Bearer id-token-1", "Bearer id-token-1", "Bearer id-token-2");
        assertThat(api.requests("/token")).extracting(Request::receivedAt).containsExactly(START, START.plus(Duration.ofMinutes(56)));
        assertThat(last.nextPage()).isEmpty();
        assertThat(last.totalPages()).contains(3L);
    }

    @Test
    void testTokenIsReplacedOnceWhenTheApiAnswers401()
    {
        api.script(DAM_PATH,
                Response.json(401, "{\"statusCode\": 401, \"message\": \"Unauthorized. Access token is missing or invalid.\"}"),
                Response.bytes(ErcotTestFiles.resource("dam_spp_api_20240701_page1.json"), "application/json"));

        ErcotApiClient.Page page = client().fetchPage(new ErcotApiRequest(DAM_SPP, JULY_1, JULY_1, false), 1);

        assertThat(page.payload().httpStatus()).isEqualTo(200);
        assertThat(page.nextPage()).contains(2);
        assertThat(tokensIssued).hasValue(2);
        assertThat(api.requests(DAM_PATH)).extracting(request -> request.header("Authorization")).containsExactly("Bearer id-token-1", "Bearer id-token-2");
        // only the request pause before the second try
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void testEmptyPageIsNoData()
    {
        api.route(DAM_PATH, request -> Response.bytes(ErcotTestFiles.resource("dam_spp_api_no_data.json"), "application/json"));
        LocalDate future = LocalDate.of(2030, 1, 1);

        List<Payload> payloads = new ArrayList<>();
        String logs;
        try (CapturedLogs captured = new CapturedLogs()) {
            client().payloads(new ErcotApiRequest(DAM_SPP, future, future, false)).forEachRemaining(payloads::add);
            logs = captured.text();
        }

        assertThat(payloads).hasSize(1);
        assertThat(api.requests(DAM_PATH)).hasSize(1);
        ParsedPayload parsed = ErcotTestFiles.PARSER.parse(payloads.get(0));
        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.NO_DATA);
        assertThat(parsed.records()).isEmpty();
        assertThat(parsed.detail()).contains("the API answered totalRecords 0: no data for the selection");
        assertThat(logs).contains("ERCOT public API NP4-190-CD 2030-01-01..2030-01-01, page 1: HTTP 200, no data (totalRecords 0)");
    }

    @Test
    void testClientErrorIsTheOperatorsAnswer()
    {
        api.script(DAM_PATH, Response.json(400, "{\"statusCode\": 400, \"message\": \"Invalid value for deliveryDateFrom\"}"));

        List<Payload> payloads = new ArrayList<>();
        client().payloads(new ErcotApiRequest(DAM_SPP, JULY_1, JULY_1, false)).forEachRemaining(payloads::add);

        assertThat(payloads).hasSize(1);
        assertThat(payloads.get(0).httpStatus()).isEqualTo(400);
        ParsedPayload parsed = ErcotTestFiles.PARSER.parse(payloads.get(0));
        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.OPERATOR_ERROR);
        assertThat(parsed.operatorErrorCode()).contains("400");
        assertThat(parsed.detail()).contains("Invalid value for deliveryDateFrom");
    }

    @Test
    void testRealArchiveListingSelectsTheDocumentOfItsOperatingDay()
            throws IOException
    {
        assumeTrue(Files.isRegularFile(REAL_LISTING), "the shared real fixture " + REAL_LISTING + " is absent");
        byte[] listing = Files.readAllBytes(REAL_LISTING);
        api.route("/api/public-reports/archive/np3-911-er", request -> Response.bytes(listing, "application/json"));
        ErcotApiClient client = client();

        // the 2-Day AS disclosure of the fall-back day 2024-11-03 is posted two days later
        List<ErcotArchiveListing.Document> documents = client.archiveDocuments("NP3-911-ER", LocalDate.of(2024, 11, 3), LocalDate.of(2024, 11, 3));
        List<ErcotArchiveListing.Document> nextDay = client.archiveDocuments("NP3-911-ER", LocalDate.of(2024, 11, 4), LocalDate.of(2024, 11, 4));

        assertThat(documents).extracting(ErcotArchiveListing.Document::docId, ErcotArchiveListing.Document::friendlyName)
                .containsExactly(tuple(1049861718L, "2_Day_AS_Disclosure"));
        assertThat(nextDay).isEmpty();
        // the listing was asked for the posting times ERCOT's own answer echoes
        JsonNode echoed = new ObjectMapper().readTree(listing).path("_meta").path("query").path("parameters");
        Request asked = api.requests().stream().filter(request -> request.path().startsWith("/api/public-reports/archive/")).findFirst().orElseThrow();
        assertThat(asked.path()).isEqualTo("/api/public-reports/archive/np3-911-er");
        assertThat(asked.parameter("postDatetimeFrom")).isEqualTo(echoed.path("postDatetimeFrom").asText()).isEqualTo("2024-11-05T00:00:00");
        assertThat(asked.parameter("postDatetimeTo")).isEqualTo(echoed.path("postDatetimeTo").asText()).isEqualTo("2024-11-06T00:00:00");
        assertThat(asked.parameters()).containsEntry("size", "1000").containsEntry("page", "1");
        assertThat(asked.header("Authorization")).isEqualTo("Bearer id-token-1");
        assertThat(asked.header("Ocp-Apim-Subscription-Key")).isEqualTo(KEY);
    }

    @Test
    void testArchiveRequestDownloadsTheChosenDocumentsFollowingARedirect()
    {
        // DAM documents are posted the day before delivery: for March 1-2, those posted Feb 29 and March 1
        Function<Request, Response> archive = request -> {
            if (request.parameter("download") != null) {
                return Response.redirect(302, "/files/" + request.parameter("download") + ".zip");
            }
            return request.parameter("page").equals("1")
                    ? Response.json(listing(1, 2, archived(901, "2024-02-28T13:30:05.000"), archived(902, "2024-02-29T13:30:07.000")))
                    : Response.json(listing(2, 2, archived(903, "2024-03-01T13:31:02.000")));
        };
        api.route("/api/public-reports/archive/np4-190-cd", archive);
        api.route("/files/", request -> {
            String docId = request.path().substring("/files/".length(), request.path().indexOf(".zip"));
            String posted = docId.equals("902") ? "20240229.133007" : "20240301.133102";
            String day = docId.equals("902") ? "03/01/2024" : "03/02/2024";
            return Response.bytes(ErcotTestFiles.zip("cdr.00012331.0000000000000000." + posted + ".DAMSPNP4190.csv", damCsv(day)), "application/zip")
                    .withHeader("Content-Disposition", "attachment; filename=\"cdr.00012331.0000000000000000." + posted + ".DAMSPNP4190_csv.zip\"");
        });
        List<ErcotApiRequest> requests = ErcotLiveSource.plan(List.of(DAM_SPP), LocalDate.of(2024, 3, 1), LocalDate.of(2024, 3, 2), TODAY);
        assertThat(requests).containsExactly(new ErcotApiRequest(DAM_SPP, LocalDate.of(2024, 3, 1), LocalDate.of(2024, 3, 2), true));

        List<Payload> payloads = new ArrayList<>();
        ErcotLiveSource.payloads(client(), requests).forEachRemaining(payloads::add);

        assertThat(api.requests()).extracting(Request::path, Request::rawQuery).containsExactly(
                tuple("/token", null),
                tuple("/api/public-reports/archive/np4-190-cd", "postDatetimeFrom=2024-02-29T00%3A00%3A00&postDatetimeTo=2024-03-02T00%3A00%3A00&size=1000&page=1"),
                tuple("/api/public-reports/archive/np4-190-cd", "postDatetimeFrom=2024-02-29T00%3A00%3A00&postDatetimeTo=2024-03-02T00%3A00%3A00&size=1000&page=2"),
                tuple("/api/public-reports/archive/np4-190-cd", "download=902"),
                tuple("/files/902.zip", null),
                tuple("/api/public-reports/archive/np4-190-cd", "download=903"),
                tuple("/files/903.zip", null));
        // the redirect stays on the API's host: the credentials go along
        assertThat(api.requests("/files/")).allSatisfy(request -> {
            assertThat(request.header("Authorization")).isEqualTo("Bearer id-token-1");
            assertThat(request.header("Ocp-Apim-Subscription-Key")).isEqualTo(KEY);
        });
        assertThat(payloads).extracting(Payload::requestKey).containsExactly(
                "NP4-190-CD|archive|docId=902|posted=2024-02-29T13:30:07",
                "NP4-190-CD|archive|docId=903|posted=2024-03-01T13:31:02");
        assertThat(payloads).extracting(Payload::fileName).containsExactly(
                "cdr.00012331.0000000000000000.20240229.133007.DAMSPNP4190_csv.zip", "cdr.00012331.0000000000000000.20240301.133102.DAMSPNP4190_csv.zip");
        assertThat(payloads.get(0).requestUri()).hasValueSatisfying(uri -> assertThat(uri.toString())
                .isEqualTo(api.baseUrl() + "/api/public-reports/archive/np4-190-cd?download=902"));
        ParsedPayload first = ErcotTestFiles.PARSER.parse(payloads.get(0));
        assertThat(first.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(first.records()).hasSize(24);
        assertThat(first.operatingDates()).containsExactly(LocalDate.of(2024, 3, 1));
        // posted 13:30:07 Central standard time
        assertThat(first.publishedAtUtc()).contains(Instant.parse("2024-02-29T19:30:07Z"));
        assertThat(ErcotTestFiles.PARSER.parse(payloads.get(1)).operatingDates()).containsExactly(LocalDate.of(2024, 3, 2));
    }

    @Test
    void testSignInFailureNamesTheVariablesNeverTheSecrets()
    {
        api.route("/refusing-token", request -> Response.json(400, "{\"error\":\"invalid_grant\",\"error_description\":\"AADB2C90225: The username or "
                + "password provided in the request are invalid. (" + USER + " / " + PASSWORD + ")\"}"));
        ErcotApiConfig config = new ErcotApiConfig(settings(), api.baseUrl() + "/refusing-token", 24);
        ErcotApiClient client = new ErcotApiClient(config, ENVIRONMENT::get, PacedHttpClient.httpClient(config.http()), clock, sleeper);
        ErcotApiRequest request = new ErcotApiRequest(DAM_SPP, JULY_1, JULY_1, false);

        assertThatThrownBy(() -> client.fetchPage(request, 1))
                .isInstanceOf(LakehouseException.class)
                .satisfies(error -> assertThat(((LakehouseException) error).errorCode()).isEqualTo(ErrorCode.EXTERNAL_SERVICE))
                .hasMessage("Cannot sign in to ERCOT's public API at " + api.baseUrl() + "/refusing-token: HTTP 400; body starts: {\"error\":\"invalid_grant\","
                        + "\"error_description\":\"AADB2C90225: The username or password provided in the request are invalid. (*** / ***)\"}; "
                        + "check ERCOT_API_USERNAME and ERCOT_API_PASSWORD");
        assertThat(api.requests(DAM_PATH)).isEmpty();
        assertThatThrownBy(() -> new ErcotApiClient(config, Map.of("ERCOT_PUBLIC_API_SUBSCRIPTION_KEY", KEY, "ERCOT_API_USERNAME", USER)::get))
                .isInstanceOf(LakehouseException.class)
                .hasMessage("Cannot fetch ERCOT: set ERCOT_API_PASSWORD (the password of that apiexplorer.ercot.com account)");
    }

    @Test
    void testPlan()
    {
        // 90 days before 2024-07-02 is 2024-04-03: older dates from the archive, one month per request; newer ones one day per request
        assertThat(ErcotApiRequest.plan(RT_SPP, LocalDate.of(2024, 3, 30), LocalDate.of(2024, 4, 4), TODAY))
                .extracting(ErcotApiRequest::firstDate, ErcotApiRequest::lastDate, ErcotApiRequest::archive).containsExactly(
                        tuple(LocalDate.of(2024, 3, 30), LocalDate.of(2024, 3, 31), true),
                        tuple(LocalDate.of(2024, 4, 1), LocalDate.of(2024, 4, 2), true),
                        tuple(LocalDate.of(2024, 4, 3), LocalDate.of(2024, 4, 3), false),
                        tuple(LocalDate.of(2024, 4, 4), LocalDate.of(2024, 4, 4), false));
        // real-time documents are posted minutes after each interval, named by its end: until 01:00 of the next day
        assertThat(ErcotApiRequest.postingWindow("NP6-905-CD", LocalDate.of(2024, 3, 30), LocalDate.of(2024, 3, 31)))
                .hasToString("2024-03-30T00:00:00..2024-04-01T01:00:00");
        assertThat(ErcotApiRequest.postingWindow("NP4-190-CD", LocalDate.of(2024, 3, 30), LocalDate.of(2024, 3, 31)))
                .hasToString("2024-03-29T00:00:00..2024-03-31T00:00:00");
        assertThat(new ErcotApiRequest(RT_SPP, LocalDate.of(2024, 4, 3), LocalDate.of(2024, 4, 3), false).dataUri("https://api.ercot.com/api/public-reports", 2, 100_000))
                .hasToString("https://api.ercot.com/api/public-reports/np6-905-cd/spp_node_zone_hub?deliveryDateFrom=2024-04-03&deliveryDateTo=2024-04-03&page=2&size=100000");
        assertThat(ErcotApiRequest.downloadUri("https://api.ercot.com/api/public-reports", "NP4-190-CD", 1049861718L))
                .hasToString("https://api.ercot.com/api/public-reports/archive/np4-190-cd?download=1049861718");
        assertThatThrownBy(() -> ErcotApiRequest.postingWindow("NP4-732-CD", TODAY, TODAY))
                .isInstanceOf(LakehouseException.class)
                .hasMessageStartingWith("Cannot list ERCOT NP4-732-CD archive documents by delivery date: the product's posting schedule is not known");
        assertThat(ErcotApiConfig.DEFAULTS.http().baseUrl()).isEqualTo("https://api.ercot.com/api/public-reports");
        assertThat(ErcotApiConfig.DEFAULTS.tokenUrl()).isEqualTo("https://ercotb2c.b2clogin.com/ercotb2c.onmicrosoft.com/B2C_1_PUBAPI-ROPC-FLOW/oauth2/v2.0/token");
        assertThat(ErcotApiConfig.KEYS).contains("etl.ercot.base-url", "etl.ercot.token-url", "etl.ercot.page-size");
    }

    private ErcotApiClient client()
    {
        ErcotApiConfig config = new ErcotApiConfig(settings(), api.baseUrl() + "/token", 24);
        return new ErcotApiClient(config, ENVIRONMENT::get, PacedHttpClient.httpClient(config.http()), clock, sleeper);
    }

    private HttpSettings settings()
    {
        return new HttpSettings("etl.ercot", api.baseUrl() + "/api/public-reports", Duration.ofSeconds(2), 5, Duration.ofSeconds(10), Duration.ofSeconds(10),
                Duration.ofMinutes(2));
    }

    private static Map<String, String> form(String body)
    {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String field : body.split("&")) {
            int equals = field.indexOf('=');
            fields.put(URLDecoder.decode(field.substring(0, equals), StandardCharsets.UTF_8), URLDecoder.decode(field.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return fields;
    }

    private static String archived(long docId, String posted)
    {
        return "{\"docId\":" + docId + ",\"friendlyName\":\"DAMSPNP4190\",\"postDatetime\":\"" + posted
                + "\",\"_links\":{\"endpoint\":{\"href\":\"https://api.ercot.com/api/public-reports/archive/np4-190-cd?download=" + docId + "\"}}}";
    }

    private static String listing(int currentPage, int totalPages, String... archives)
    {
        return "{\"_meta\":{\"totalRecords\":3,\"pageSize\":1000,\"totalPages\":" + totalPages + ",\"currentPage\":" + currentPage + "},"
                + "\"product\":{\"emilId\":\"NP4-190-CD\",\"name\":\"DAM Settlement Point Prices\",\"reportTypeId\":12331},"
                + "\"archives\":[" + String.join(",", archives) + "]}";
    }

    /** One settlement point's 24 hours of one delivery day, as the MIS CSV writes them. */
    private static byte[] damCsv(String deliveryDate)
    {
        StringBuilder csv = new StringBuilder("DeliveryDate,HourEnding,SettlementPoint,SettlementPointPrice,DSTFlag\n");
        for (int hour = 1; hour <= 24; hour++) {
            csv.append(deliveryDate).append(',').append(String.format("%02d:00", hour)).append(",HB_NORTH,").append(20 + hour).append(".25,N\n");
        }
        return csv.toString().getBytes(StandardCharsets.UTF_8);
    }
}
