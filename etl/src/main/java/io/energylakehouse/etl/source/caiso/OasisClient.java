package io.energylakehouse.etl.source.caiso;

import io.energylakehouse.common.ErrorCode;
import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.etl.raw.Payload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Fetches OASIS SingleZip responses, one request at a time. OASIS throttles per IP address, so all OASIS
 * calls of a process go through one client: its calls are serialised and their starts are at least
 * {@code request-pause} apart. HTTP 429 (throttled), 5xx and I/O errors are retried after
 * {@code throttle-backoff}, doubling each time, up to {@code max-attempts}; any other non-200 status fails
 * at once. The body is returned as received: an OASIS error report inside a 200 zip is the parser's business.
 */
public final class OasisClient
{
    private static final Logger log = LoggerFactory.getLogger(OasisClient.class);

    private static final int HTTP_OK = 200;
    private static final int HTTP_TOO_MANY_REQUESTS = 429;
    private static final int BODY_EXCERPT_CHARACTERS = 200;
    private static final String USER_AGENT = "energy-lakehouse caiso-oasis connector";
    /** {@code attachment; filename=20240310_20240310_PRC_LMP_DAM_20240310_13_05_12_v12.zip}, quoted or not. */
    private static final Pattern FILE_NAME = Pattern.compile("(?i)(?:^|;)\\s*filename\\s*=\\s*(?:\"([^\"]*)\"|([^;]*))");

    /** Waits; the client's only way to pass time, so tests can record waits instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper
    {
        void sleep(Duration duration)
                throws InterruptedException;
    }

    /** Sleeps the calling thread. */
    public static final Sleeper THREAD_SLEEPER = duration -> TimeUnit.NANOSECONDS.sleep(duration.toNanos());

    private final CaisoConfig config;
    private final HttpClient httpClient;
    private final Clock clock;
    private final Sleeper sleeper;

    /** When the previous request started, per {@link #clock}; null before the first. Guarded by this. */
    private Instant previousRequestStart;

    public OasisClient(CaisoConfig config)
    {
        this(config, httpClient(config), Clock.systemUTC(), THREAD_SLEEPER);
    }

    public OasisClient(CaisoConfig config, HttpClient httpClient, Clock clock, Sleeper sleeper)
    {
        this.config = requireNonNull(config, "config is null");
        this.httpClient = requireNonNull(httpClient, "httpClient is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.sleeper = requireNonNull(sleeper, "sleeper is null");
    }

    /** An HTTP client that follows redirects (OASIS answers {@code http://} with a 302 to https). */
    public static HttpClient httpClient(CaisoConfig config)
    {
        return HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NORMAL)
                .connectTimeout(config.requestTimeout())
                .build();
    }

    /**
     * Fetches one request, waiting as the rate limit requires, and returns the body of the HTTP 200 response
     * as a live payload. Throws a {@link ErrorCode#EXTERNAL_SERVICE} error when OASIS keeps refusing.
     */
    public synchronized Payload fetch(OasisRequest request)
    {
        requireNonNull(request, "request is null");
        URI uri = request.toUri(config.baseUrl());
        HttpRequest httpRequest = HttpRequest.newBuilder(uri)
                .GET()
                .timeout(config.requestTimeout())
                .header("User-Agent", USER_AGENT)
                .build();

        Duration backoff = config.throttleBackoff();
        Duration totalBackoff = Duration.ZERO;
        int throttled = 0;
        for (int attempt = 1; ; attempt++) {
            awaitRequestPause(uri);
            long startNanos = System.nanoTime();
            Failure failure;
            try {
                HttpResponse<byte[]> response = httpClient.send(httpRequest, HttpResponse.BodyHandlers.ofByteArray());
                Instant receivedAt = clock.instant();
                long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
                int status = response.statusCode();
                byte[] body = response.body() == null ? new byte[0] : response.body();
                log.info("CAISO OASIS {} attempt {}: HTTP {}, {} bytes in {} ms", uri, attempt, status, body.length, elapsedMillis);
                if (status == HTTP_OK) {
                    String fileName = fileName(response).orElse(request.defaultFileName());
                    return new Payload(CaisoMarket.SOURCE, request.report().queryName(), Payload.Origin.LIVE, request.requestKey(),
                            Optional.of(uri), fileName, receivedAt, status, body);
                }
                if (status == HTTP_TOO_MANY_REQUESTS) {
                    throttled++;
                    failure = new Failure(String.format("throttled (HTTP 429) %d times", throttled), null);
                }
                else if (status >= 500 && status <= 599) {
                    failure = new Failure(String.format("HTTP %d; body starts: %s", status, excerpt(body)), null);
                }
                else {
                    throw new LakehouseException(ErrorCode.EXTERNAL_SERVICE,
                            String.format("Cannot fetch CAISO OASIS %s: HTTP %d; body starts: %s", uri, status, excerpt(body)));
                }
            }
            catch (IOException e) {
                long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
                log.warn("CAISO OASIS {} attempt {}: {} after {} ms", uri, attempt, e, elapsedMillis);
                failure = new Failure(e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage(), e);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LakehouseException(ErrorCode.EXTERNAL_SERVICE, String.format("Cannot fetch CAISO OASIS %s: interrupted", uri), e);
            }

            if (attempt >= config.maxAttempts()) {
                String message = String.format("Cannot fetch CAISO OASIS %s: %s; gave up after %d attempts and %s of back-off", uri, failure.reason(),
                        attempt, totalBackoff);
                if (throttled > 0) {
                    message += String.format("; OASIS throttles each IP address to about one request every 5 seconds: check that nothing else "
                            + "queries OASIS from this address, or raise %s or %s", CaisoConfig.THROTTLE_BACKOFF, CaisoConfig.MAX_ATTEMPTS);
                }
                throw new LakehouseException(ErrorCode.EXTERNAL_SERVICE, message, failure.cause());
            }
            log.info("CAISO OASIS {} attempt {} of {} failed ({}); retrying in {}", uri, attempt, config.maxAttempts(), failure.reason(), backoff);
            sleep(uri, backoff);
            totalBackoff = totalBackoff.plus(backoff);
            backoff = backoff.multipliedBy(2);
        }
    }

    /** Waits until {@code request-pause} has passed since the previous request started, then marks this start. */
    private void awaitRequestPause(URI uri)
    {
        if (previousRequestStart != null) {
            Duration wait = Duration.between(clock.instant(), previousRequestStart.plus(config.requestPause()));
            if (wait.compareTo(Duration.ZERO) > 0) {
                sleep(uri, wait);
            }
        }
        previousRequestStart = clock.instant();
    }

    private void sleep(URI uri, Duration duration)
    {
        try {
            sleeper.sleep(duration);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LakehouseException(ErrorCode.EXTERNAL_SERVICE, String.format("Cannot fetch CAISO OASIS %s: interrupted while waiting %s", uri, duration), e);
        }
    }

    /** The {@code filename} of the Content-Disposition header, without any folder part. */
    static Optional<String> fileName(HttpResponse<?> response)
    {
        return response.headers().firstValue("Content-Disposition").flatMap(OasisClient::fileName);
    }

    static Optional<String> fileName(String contentDisposition)
    {
        Matcher matcher = FILE_NAME.matcher(contentDisposition);
        if (!matcher.find()) {
            return Optional.empty();
        }
        String name = (matcher.group(1) != null ? matcher.group(1) : matcher.group(2)).trim();
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        return name.isEmpty() ? Optional.empty() : Optional.of(name);
    }

    /** The first 200 characters of a body, on one line. */
    private static String excerpt(byte[] body)
    {
        String text = new String(body, StandardCharsets.UTF_8).replaceAll("\\s+", " ").strip();
        if (text.isEmpty()) {
            return "(empty)";
        }
        return text.length() <= BODY_EXCERPT_CHARACTERS ? text : text.substring(0, BODY_EXCERPT_CHARACTERS) + "...";
    }

    /** Why an attempt failed; {@code cause} is null unless an exception was thrown. */
    private record Failure(String reason, Exception cause)
    {
        Failure
        {
            requireNonNull(reason, "reason is null");
        }
    }
}
