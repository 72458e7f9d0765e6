package io.energylakehouse.etl.source.pjm;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.energylakehouse.common.ErrorCode;
import io.energylakehouse.etl.http.Credentials;
import io.energylakehouse.etl.http.HttpResult;
import io.energylakehouse.etl.http.HttpSettings;
import io.energylakehouse.etl.http.PacedHttpClient;
import io.energylakehouse.etl.http.SecretVariable;
import io.energylakehouse.etl.http.Sleeper;
import io.energylakehouse.etl.raw.Payload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * Fetches Data Miner 2 pages through a {@link PacedHttpClient}, with the subscription key of {@code PJM_API_KEY} in the
 * {@code Ocp-Apim-Subscription-Key} header. A request is paged by {@code startRow} (1, 1 + rowCount, ...) until
 * {@code totalRows} is reached; each page is one live payload, landed as received. Calls are serialised and spaced by
 * {@code etl.pjm.request-pause}; HTTP 429, 5xx and I/O errors are retried with back-off.
 *
 * <p>An {@code {"errors":[...]}} body, or a client error (4xx other than 401, 403 and 429) with whatever body, is the
 * operator's answer: it comes back as a payload (the parser makes it an operator error) and ends the request's paging. A
 * transport failure (given up after the retries, a bad key: 401, 403) is a {@link ErrorCode#EXTERNAL_SERVICE} error.
 */
public final class DataMinerClient
{
    private static final Logger log = LoggerFactory.getLogger(DataMinerClient.class);
    private static final JsonFactory JSON = new JsonFactory();

    public static final String NAME = "PJM Data Miner";
    public static final String CONNECTOR = "pjm";
    public static final String SUBSCRIPTION_KEY_HEADER = "Ocp-Apim-Subscription-Key";
    public static final SecretVariable API_KEY = new SecretVariable("PJM_API_KEY", "a Data Miner 2 subscription key from apiportal.pjm.com");

    private final DataMinerConfig config;
    private final PacedHttpClient client;

    /** A page fetched: the payload, what the page says of the whole ({@code totalRows}), and where the next page starts. */
    public record Page(Payload payload, Optional<Long> totalRows, int items, Optional<Integer> nextStartRow)
    {
        public Page
        {
            requireNonNull(payload, "payload is null");
            requireNonNull(totalRows, "totalRows is null");
            requireNonNull(nextStartRow, "nextStartRow is null");
        }
    }

    /** A client with the key of {@code PJM_API_KEY} in {@code environment}, the system clock and real sleeps. */
    public DataMinerClient(DataMinerConfig config, Function<String, String> environment)
    {
        this(config, credentials(environment), PacedHttpClient.httpClient(config.http()), Clock.systemUTC(), Sleeper.threadSleeper());
    }

    public DataMinerClient(DataMinerConfig config, Credentials credentials, HttpClient httpClient, Clock clock, Sleeper sleeper)
    {
        this.config = requireNonNull(config, "config is null");
        this.client = PacedHttpClient.builder(NAME, CONNECTOR, config.http())
                .credentials(requireNonNull(credentials, "credentials is null"))
                .throttleHint(String.format("Data Miner limits requests per user (600 a minute; 6 a minute for non-members, by another account): "
                        + "raise %s, %s or %s", config.http().key(HttpSettings.REQUEST_PAUSE), config.http().key(HttpSettings.THROTTLE_BACKOFF),
                        config.http().key(HttpSettings.MAX_ATTEMPTS)))
                .httpClient(requireNonNull(httpClient, "httpClient is null"))
                .clock(requireNonNull(clock, "clock is null"))
                .sleeper(requireNonNull(sleeper, "sleeper is null"))
                .build();
    }

    /** The {@code Ocp-Apim-Subscription-Key} header from {@code PJM_API_KEY}; fails naming the variable when it is not set. */
    public static Credentials credentials(Function<String, String> environment)
    {
        return Credentials.header(SUBSCRIPTION_KEY_HEADER, API_KEY, "PJM", environment);
    }

    public DataMinerConfig config()
    {
        return config;
    }

    /** The pages of one request, fetched lazily: the next page is asked for when the previous one was taken and said there are more. */
    public Iterator<Payload> pages(DataMinerRequest request)
    {
        requireNonNull(request, "request is null");
        return new Iterator<>()
        {
            private Integer nextStartRow = 1;

            @Override
            public boolean hasNext()
            {
                return nextStartRow != null;
            }

            @Override
            public Payload next()
            {
                if (nextStartRow == null) {
                    throw new NoSuchElementException();
                }
                Page page = fetch(request, nextStartRow);
                nextStartRow = page.nextStartRow().orElse(null);
                return page.payload();
            }
        };
    }

    /**
     * Fetches the page of {@code request} from {@code startRow} and returns it as a live payload with the page after it,
     * if the page says there is one. Logs one line with the counts.
     */
    public Page fetch(DataMinerRequest request, int startRow)
    {
        requireNonNull(request, "request is null");
        int rowCount = config.rowCount();
        URI uri = request.toUri(config.http().baseUrl(), startRow, rowCount);
        HttpResult result = client.fetchAnswer(uri);
        Envelope envelope = Envelope.scan(result.body(), request.window());
        Payload payload = new Payload(PjmMarket.SOURCE, request.report().feed(), Payload.Origin.LIVE, request.requestKey(startRow, rowCount), Optional.of(uri),
                request.fileName(startRow), result.receivedAt(), result.status(), result.body());
        boolean success = result.status() >= 200 && result.status() <= 299;
        boolean answer = success && envelope.readable && !envelope.errors && envelope.totalRows != null;
        Optional<Integer> next = Optional.empty();
        long nextStartRow = (long) startRow + rowCount;
        if (answer && envelope.items > 0 && nextStartRow <= envelope.totalRows && nextStartRow <= Integer.MAX_VALUE) {
            next = Optional.of((int) nextStartRow);
        }
        String where = String.format("%s %s %s (%s), startRow %d", NAME, request.report().feed(), request.dateFilter(), request.selection(), startRow);
        if (answer) {
            long pages = Math.max(1, (envelope.totalRows + rowCount - 1) / rowCount);
            log.info("{}: HTTP {}, {} items of {} (page {} of {}){}, {} bytes", where, result.status(), envelope.items, envelope.totalRows,
                    (startRow - 1) / rowCount + 1, pages,
                    envelope.outside == 0 ? "" : String.format(", %d outside %s left for the parser to drop", envelope.outside, request.window()),
                    result.body().length);
        }
        else {
            String why = !success ? "the operator's answer" : envelope.errors ? "the operator's errors" : envelope.readable ? "no totalRows, not a Data Miner page"
                    : "not readable JSON";
            log.warn("{}: HTTP {}, {}: {}; not paging further", where, result.status(), why, PacedHttpClient.excerpt(result.body()));
        }
        return new Page(payload, Optional.ofNullable(envelope.totalRows), envelope.items, next);
    }

    /**
     * What paging needs of a page, read as a stream without keeping its items: {@code totalRows}, whether it holds
     * {@code errors}, its items, and how many of them start outside the request's window.
     */
    static final class Envelope
    {
        Long totalRows;
        boolean errors;
        int items;
        int outside;
        boolean readable = true;

        static Envelope scan(byte[] body, DataMinerRequest.Window window)
        {
            Envelope envelope = new Envelope();
            try (JsonParser json = JSON.createParser(body)) {
                if (json.nextToken() != JsonToken.START_OBJECT) {
                    envelope.readable = false;
                    return envelope;
                }
                while (json.nextToken() == JsonToken.FIELD_NAME) {
                    String name = json.currentName().toLowerCase(Locale.ROOT);
                    JsonToken value = json.nextToken();
                    switch (name) {
                        case "totalrows" -> {
                            envelope.totalRows = value == JsonToken.VALUE_NUMBER_INT ? json.getLongValue() : null;
                            json.skipChildren();
                        }
                        case "errors" -> {
                            envelope.errors = value != JsonToken.VALUE_NULL;
                            json.skipChildren();
                        }
                        case "items" -> envelope.readItems(json, value, window);
                        default -> json.skipChildren();
                    }
                }
            }
            catch (IOException e) {
                envelope.readable = false;
            }
            return envelope;
        }

        private void readItems(JsonParser json, JsonToken value, DataMinerRequest.Window window)
                throws IOException
        {
            if (value != JsonToken.START_ARRAY) {
                json.skipChildren();
                return;
            }
            while (json.nextToken() != JsonToken.END_ARRAY) {
                items++;
                if (json.currentToken() != JsonToken.START_OBJECT) {
                    json.skipChildren();
                    continue;
                }
                while (json.nextToken() == JsonToken.FIELD_NAME) {
                    String field = json.currentName();
                    JsonToken fieldValue = json.nextToken();
                    if (field.equals(PjmReport.START_UTC) && fieldValue == JsonToken.VALUE_STRING) {
                        Optional<Instant> start = instant(json.getText());
                        if (start.isPresent() && !window.contains(start.get())) {
                            outside++;
                        }
                    }
                    else {
                        json.skipChildren();
                    }
                }
            }
        }

        private static Optional<Instant> instant(String text)
        {
            try {
                return Optional.of(LocalDateTime.parse(text).toInstant(ZoneOffset.UTC));
            }
            catch (DateTimeParseException e) {
                try {
                    return Optional.of(OffsetDateTime.parse(text).toInstant());
                }
                catch (DateTimeParseException again) {
                    return Optional.empty();
                }
            }
        }
    }
}
