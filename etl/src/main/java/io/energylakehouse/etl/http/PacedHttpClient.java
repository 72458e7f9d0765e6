package io.energylakehouse.etl.http;

import io.energylakehouse.common.ErrorCode;
import io.energylakehouse.common.LakehouseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static java.util.Objects.requireNonNull;

/**
 * The one way a market connector calls its operator over HTTP. Calls through one client are serialised and
 * their starts are at least {@code request-pause} apart (operators throttle per key or per IP address, so a
 * process should hold one client per operator). HTTP 429, 5xx and I/O errors (timeouts included) are retried
 * after {@code throttle-backoff}, doubling each time, each wait at most {@code max-backoff}; a
 * {@code Retry-After} header (seconds or an HTTP date) that asks for longer is honoured, within the same cap.
 * After {@code max-attempts} attempts, or at once on any other non-2xx status, the call fails with an
 * {@link ErrorCode#EXTERNAL_SERVICE} error "Cannot fetch &lt;name&gt; &lt;url&gt;: why" whose URL has the
 * credential query values redacted. With a {@link TokenSource}, an HTTP 401 refreshes the token once and
 * tries again without counting an attempt.
 *
 * <p>Redirects (301, 302, 303, 307, 308) are followed by this client, not by the JDK's, at most
 * {@value #MAX_REDIRECTS} per attempt and never from https to http. The credential headers and the bearer token
 * go only to the origin asked for (same scheme, host and port, or its upgrade from http to https): a redirect to
 * another host (an operator's file store, say) is followed without them. The JDK client would send them along.
 */
public final class PacedHttpClient
{
    private static final Logger log = LoggerFactory.getLogger(PacedHttpClient.class);

    private static final int HTTP_UNAUTHORIZED = 401;
    private static final int HTTP_FORBIDDEN = 403;
    private static final int HTTP_TOO_MANY_REQUESTS = 429;
    /** Redirects followed per attempt, as many as the JDK client follows. */
    static final int MAX_REDIRECTS = 5;
    private static final int BODY_EXCERPT_CHARACTERS = 200;
    /** How much of a failed streamed response is read for the excerpt. */
    private static final int ERROR_BODY_BYTES = 8192;

    private final String name;
    private final String userAgent;
    private final HttpSettings settings;
    private final Credentials credentials;
    private final String throttleHint;
    private final HttpClient httpClient;
    private final Clock clock;
    private final Sleeper sleeper;

    /** When the previous request started, per {@link #clock}; null before the first. Guarded by this. */
    private Instant previousRequestStart;

    private PacedHttpClient(Builder builder)
    {
        this.name = builder.name;
        this.userAgent = "energy-lakehouse " + builder.connector + " connector";
        this.settings = builder.settings;
        this.credentials = builder.credentials;
        this.throttleHint = builder.throttleHint != null ? builder.throttleHint : String.format("%s is throttling this client: raise %s, %s or %s",
                builder.name, settings.key(HttpSettings.REQUEST_PAUSE), settings.key(HttpSettings.THROTTLE_BACKOFF), settings.key(HttpSettings.MAX_ATTEMPTS));
        this.httpClient = builder.httpClient != null ? builder.httpClient : httpClient(settings);
        this.clock = builder.clock;
        this.sleeper = builder.sleeper;
    }

    /**
     * @param name what is fetched, in messages: "Cannot fetch &lt;name&gt; &lt;url&gt;: ...", e.g. {@code PJM Data Miner}
     * @param connector the connector in the User-Agent header, e.g. {@code pjm}
     */
    public static Builder builder(String name, String connector, HttpSettings settings)
    {
        return new Builder(name, connector, settings);
    }

    /**
     * An HTTP client that gives up connecting after {@code request-timeout} and leaves redirects to this class,
     * which follows them without sending credentials to another host.
     */
    public static HttpClient httpClient(HttpSettings settings)
    {
        return HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(settings.requestTimeout())
                .build();
    }

    public HttpSettings settings()
    {
        return settings;
    }

    public Credentials credentials()
    {
        return credentials;
    }

    /** GETs the URI (the client adds the credentials) and returns the 2xx response read whole. */
    public synchronized HttpResult fetch(URI uri)
    {
        Exchange<byte[]> exchange = exchange(uri, BYTES, false);
        return new HttpResult(uri, exchange.response().statusCode(), exchange.response().headers(), bytes(exchange.response().body()), exchange.receivedAt());
    }

    /**
     * GETs the URI like {@link #fetch}, but also returns a client error (4xx other than 401, 403 and 429) read
     * whole instead of failing: for operators that answer a bad request with an error document the connector keeps
     * as the operator's answer (PJM's {@code {"errors":[...]}}, ERCOT's {@code {"statusCode":400,...}}). HTTP 401
     * and 403 (credentials) and 429 (throttled) are handled as by {@link #fetch}.
     */
    public synchronized HttpResult fetchAnswer(URI uri)
    {
        Exchange<byte[]> exchange = exchange(uri, BYTES, true);
        return new HttpResult(uri, exchange.response().statusCode(), exchange.response().headers(), bytes(exchange.response().body()), exchange.receivedAt());
    }

    /** GETs the URI and returns the 2xx response with its body still to be read; the caller closes it. */
    public synchronized HttpStream open(URI uri)
    {
        Exchange<InputStream> exchange = exchange(uri, STREAM, false);
        return new HttpStream(uri, exchange.response().statusCode(), exchange.response().headers(), exchange.response().body(), exchange.receivedAt());
    }

    private <T> Exchange<T> exchange(URI uri, Body<T> body, boolean clientErrorsAnswer)
    {
        requireNonNull(uri, "uri is null");
        URI target = credentials.withQueryParameters(uri);
        String shown = credentials.redact(target);
        Duration backoff = settings.throttleBackoff();
        Duration totalBackoff = Duration.ZERO;
        int throttled = 0;
        boolean tokenRefreshed = false;
        int attempt = 0;
        while (true) {
            attempt++;
            awaitRequestPause(shown);
            Optional<String> token = credentials.tokens().map(TokenSource::token);
            long startNanos = System.nanoTime();
            String failure;
            Exception cause = null;
            Optional<Duration> retryAfter = Optional.empty();
            try {
                HttpResponse<T> response = send(target, token, body, shown, attempt);
                Instant receivedAt = clock.instant();
                int status = response.statusCode();
                log.debug("{} {} attempt {}: HTTP {}{} in {} ms", name, shown, attempt, status, body.size(response.body()), elapsedMillis(startNanos));
                if (status >= 200 && status <= 299) {
                    return new Exchange<>(response, receivedAt);
                }
                if (clientErrorsAnswer && status >= 400 && status <= 499 && status != HTTP_UNAUTHORIZED && status != HTTP_FORBIDDEN
                        && status != HTTP_TOO_MANY_REQUESTS) {
                    return new Exchange<>(response, receivedAt);
                }
                String excerpt = credentials.scrub(excerpt(body.errorBytes(response.body())), token);
                if (status == HTTP_UNAUTHORIZED && token.isPresent() && !tokenRefreshed) {
                    log.info("{} {} attempt {}: HTTP 401, refreshing the token and trying again", name, shown, attempt);
                    credentials.tokens().orElseThrow().refresh();
                    tokenRefreshed = true;
                    attempt--;
                    continue;
                }
                if (status == HTTP_TOO_MANY_REQUESTS) {
                    throttled++;
                    failure = String.format("throttled (HTTP 429) %d times", throttled);
                    retryAfter = retryAfter(response.headers(), receivedAt);
                }
                else if (status >= 500 && status <= 599) {
                    failure = String.format("HTTP %d; body starts: %s", status, excerpt);
                    retryAfter = retryAfter(response.headers(), receivedAt);
                }
                else {
                    throw new LakehouseException(ErrorCode.EXTERNAL_SERVICE, String.format("Cannot fetch %s %s: HTTP %d%s; body starts: %s%s",
                            name, shown, status, status == HTTP_UNAUTHORIZED && tokenRefreshed ? " with a freshly refreshed token" : "", excerpt,
                            authenticationHint(status)));
                }
            }
            catch (IOException e) {
                String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
                failure = credentials.scrub(reason, token);
                cause = e;
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LakehouseException(ErrorCode.EXTERNAL_SERVICE, String.format("Cannot fetch %s %s: interrupted", name, shown), e);
            }

            if (attempt >= settings.maxAttempts()) {
                String message = String.format("Cannot fetch %s %s: %s; gave up after %d %s and %s of back-off", name, shown, failure,
                        attempt, attempt == 1 ? "attempt" : "attempts", totalBackoff);
                if (throttled > 0) {
                    message += "; " + throttleHint;
                }
                throw new LakehouseException(ErrorCode.EXTERNAL_SERVICE, message, cause);
            }
            Duration wait = backoff;
            if (retryAfter.isPresent() && retryAfter.get().compareTo(wait) > 0) {
                wait = retryAfter.get();
            }
            if (wait.compareTo(settings.maxBackoff()) > 0) {
                wait = settings.maxBackoff();
            }
            log.info("{} {} attempt {} of {} failed ({}); retrying in {}{}", name, shown, attempt, settings.maxAttempts(), failure, wait,
                    retryAfter.map(value -> " (Retry-After " + value + ")").orElse(""));
            sleep(shown, wait);
            totalBackoff = totalBackoff.plus(wait);
            backoff = doubled(backoff, settings.maxBackoff());
        }
    }

    /**
     * Sends one GET and follows its redirects: the credentials go with each request to the origin asked for and
     * with none to another. Returns the first response that is not a redirect.
     */
    private <T> HttpResponse<T> send(URI target, Optional<String> token, Body<T> body, String shown, int attempt)
            throws IOException, InterruptedException
    {
        URI current = target;
        for (int redirects = 0; ; redirects++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(current)
                    .GET()
                    .timeout(settings.requestTimeout())
                    .header("User-Agent", userAgent);
            if (sameOrigin(target, current)) {
                credentials.addHeaders(request, token);
            }
            HttpResponse<T> response = httpClient.send(request.build(), body.handler());
            int status = response.statusCode();
            if (!isRedirect(status)) {
                return response;
            }
            Optional<String> location = response.headers().firstValue("Location").map(String::strip).filter(value -> !value.isEmpty());
            body.discard(response.body());
            if (location.isEmpty()) {
                throw redirectFailure(shown, String.format("HTTP %d without a Location header", status));
            }
            URI next = resolve(current, location.get(), shown);
            if (redirects >= MAX_REDIRECTS) {
                throw redirectFailure(shown, String.format("more than %d redirects (the last to %s)", MAX_REDIRECTS, credentials.redact(next)));
            }
            String scheme = next.getScheme() == null ? "" : next.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http") || next.getHost() == null) {
                throw redirectFailure(shown, String.format("HTTP %d to %s, not an http or https URL", status, credentials.redact(next)));
            }
            if (current.getScheme().equalsIgnoreCase("https") && scheme.equals("http")) {
                throw redirectFailure(shown, String.format("HTTP %d from https to http (%s)", status, credentials.redact(next)));
            }
            log.debug("{} {} attempt {}: HTTP {} to {}{}", name, shown, attempt, status, credentials.redact(next),
                    sameOrigin(target, next) ? "" : " (another host: followed without credentials)");
            current = next;
        }
    }

    private static boolean isRedirect(int status)
    {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    /**
     * Whether the credentials given for {@code asked} may go to {@code uri}: the same scheme, host and port, or the
     * same host reached by https on its default port where http on its default port was asked.
     */
    static boolean sameOrigin(URI asked, URI uri)
    {
        if (asked.getHost() == null || uri.getHost() == null || !asked.getHost().equalsIgnoreCase(uri.getHost())) {
            return false;
        }
        String askedScheme = asked.getScheme().toLowerCase(Locale.ROOT);
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (askedScheme.equals(scheme)) {
            return port(asked) == port(uri);
        }
        return askedScheme.equals("http") && scheme.equals("https") && port(asked) == 80 && port(uri) == 443;
    }

    private static int port(URI uri)
    {
        if (uri.getPort() >= 0) {
            return uri.getPort();
        }
        return uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }

    private URI resolve(URI current, String location, String shown)
    {
        try {
            return current.resolve(new URI(location));
        }
        catch (URISyntaxException | IllegalArgumentException e) {
            throw redirectFailure(shown, "redirected to '" + credentials.scrub(location, Optional.empty()) + "', not a URI");
        }
    }

    /** A redirect that cannot be followed: not retried, as the next attempt would be sent the same way. */
    private LakehouseException redirectFailure(String shown, String why)
    {
        return new LakehouseException(ErrorCode.EXTERNAL_SERVICE, String.format("Cannot fetch %s %s: %s", name, shown, why));
    }

    /** Waits until {@code request-pause} has passed since the previous request started, then marks this start. */
    private void awaitRequestPause(String shown)
    {
        if (previousRequestStart != null) {
            Duration wait = Duration.between(clock.instant(), previousRequestStart.plus(settings.requestPause()));
            if (wait.compareTo(Duration.ZERO) > 0) {
                sleep(shown, wait);
            }
        }
        previousRequestStart = clock.instant();
    }

    private void sleep(String shown, Duration duration)
    {
        try {
            sleeper.sleep(duration);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LakehouseException(ErrorCode.EXTERNAL_SERVICE, String.format("Cannot fetch %s %s: interrupted while waiting %s", name, shown, duration), e);
        }
    }

    private String authenticationHint(int status)
    {
        if ((status == HTTP_UNAUTHORIZED || status == HTTP_FORBIDDEN) && !credentials.variables().isEmpty()) {
            return "; check " + String.join(" and ", credentials.variables());
        }
        return "";
    }

    /** Twice the wait, but at most {@code max}; never overflows. */
    static Duration doubled(Duration backoff, Duration max)
    {
        return backoff.compareTo(max.dividedBy(2)) >= 0 ? max : backoff.multipliedBy(2);
    }

    /** The {@code Retry-After} header as a wait from {@code now}: delay-seconds or an HTTP date; empty when absent or unreadable. */
    static Optional<Duration> retryAfter(HttpHeaders headers, Instant now)
    {
        Optional<String> header = headers.firstValue("Retry-After").map(String::strip).filter(value -> !value.isEmpty());
        if (header.isEmpty()) {
            return Optional.empty();
        }
        String value = header.get();
        if (value.chars().allMatch(Character::isDigit)) {
            // More digits than a long holds is still "a long time": the cap applies.
            return Optional.of(value.length() > 12 ? Duration.ofSeconds(999_999_999_999L) : Duration.ofSeconds(Long.parseLong(value)));
        }
        try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(now, at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
        }
        catch (DateTimeParseException e) {
            log.debug("Ignoring unreadable Retry-After header '{}'", value);
            return Optional.empty();
        }
    }

    /** {@link #excerpt(byte[])} of the first 4 KB of a kept payload, for an operator's error answer; never fails. */
    public static String excerpt(io.energylakehouse.etl.raw.PayloadContent content)
    {
        try (InputStream input = content.open()) {
            return excerpt(input.readNBytes(4096));
        }
        catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    /** The first 200 characters of a body, on one line. */
    public static String excerpt(byte[] body)
    {
        String text = new String(body, StandardCharsets.UTF_8).replaceAll("\\s+", " ").strip();
        if (text.isEmpty()) {
            return "(empty)";
        }
        return text.length() <= BODY_EXCERPT_CHARACTERS ? text : text.substring(0, BODY_EXCERPT_CHARACTERS) + "...";
    }

    private static long elapsedMillis(long startNanos)
    {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    private static byte[] bytes(byte[] body)
    {
        return body == null ? new byte[0] : body;
    }

    private record Exchange<T>(HttpResponse<T> response, Instant receivedAt) {}

    /** How a response body is received, measured for the log, and read for an error's excerpt. */
    private interface Body<T>
    {
        HttpResponse.BodyHandler<T> handler();

        String size(T body);

        /** Reads (the start of) the body of a failed response, and releases it. */
        byte[] errorBytes(T body)
                throws IOException;

        /** Releases the body of a redirect unread. */
        void discard(T body)
                throws IOException;
    }

    private static final Body<byte[]> BYTES = new Body<>()
    {
        @Override
        public HttpResponse.BodyHandler<byte[]> handler()
        {
            return HttpResponse.BodyHandlers.ofByteArray();
        }

        @Override
        public String size(byte[] body)
        {
            return ", " + bytes(body).length + " bytes";
        }

        @Override
        public byte[] errorBytes(byte[] body)
        {
            return bytes(body);
        }

        @Override
        public void discard(byte[] body)
        {
            // already read whole
        }
    };

    private static final Body<InputStream> STREAM = new Body<>()
    {
        @Override
        public HttpResponse.BodyHandler<InputStream> handler()
        {
            return HttpResponse.BodyHandlers.ofInputStream();
        }

        @Override
        public String size(InputStream body)
        {
            return "";
        }

        @Override
        public byte[] errorBytes(InputStream body)
                throws IOException
        {
            try (body) {
                return body.readNBytes(ERROR_BODY_BYTES);
            }
        }

        @Override
        public void discard(InputStream body)
                throws IOException
        {
            body.close();
        }
    };

    /** Names, settings and credentials are required; the HTTP client, clock and sleeper default to the real ones. */
    public static final class Builder
    {
        private final String name;
        private final String connector;
        private final HttpSettings settings;
        private Credentials credentials = Credentials.none();
        private String throttleHint;
        private HttpClient httpClient;
        private Clock clock = Clock.systemUTC();
        private Sleeper sleeper = Sleeper.threadSleeper();

        private Builder(String name, String connector, HttpSettings settings)
        {
            this.name = requireNonNull(name, "name is null");
            this.connector = requireNonNull(connector, "connector is null");
            this.settings = requireNonNull(settings, "settings is null");
        }

        public Builder credentials(Credentials credentials)
        {
            this.credentials = requireNonNull(credentials, "credentials is null");
            return this;
        }

        /** What to tell the user after giving up on a throttled request, e.g. the operator's published limit. */
        public Builder throttleHint(String throttleHint)
        {
            this.throttleHint = requireNonNull(throttleHint, "throttleHint is null");
            return this;
        }

        /** A JDK client that does not follow redirects itself, e.g. {@link PacedHttpClient#httpClient}: this class follows them. */
        public Builder httpClient(HttpClient httpClient)
        {
            requireNonNull(httpClient, "httpClient is null");
            if (httpClient.followRedirects() != HttpClient.Redirect.NEVER) {
                throw new IllegalArgumentException("Cannot use an HTTP client that follows redirects itself (" + httpClient.followRedirects()
                        + "): it would send the credentials to another host; use PacedHttpClient.httpClient(settings)");
            }
            this.httpClient = httpClient;
            return this;
        }

        public Builder clock(Clock clock)
        {
            this.clock = requireNonNull(clock, "clock is null");
            return this;
        }

        public Builder sleeper(Sleeper sleeper)
        {
            this.sleeper = requireNonNull(sleeper, "sleeper is null");
            return this;
        }

        public PacedHttpClient build()
        {
            return new PacedHttpClient(this);
        }
    }
}
