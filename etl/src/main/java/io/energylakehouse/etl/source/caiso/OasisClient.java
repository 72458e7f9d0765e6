package io.energylakehouse.etl.source.caiso;

import io.energylakehouse.common.ErrorCode;
import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.etl.http.HttpResult;
import io.energylakehouse.etl.http.PacedHttpClient;
import io.energylakehouse.etl.raw.Payload;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Fetches OASIS SingleZip responses through a {@link PacedHttpClient}. OASIS throttles per IP address, so all
 * OASIS calls of a process go through one client: its calls are serialised and their starts are at least
 * {@code request-pause} apart. HTTP 429 (throttled), 5xx and I/O errors are retried after
 * {@code throttle-backoff}, doubling each time, up to {@code max-attempts}; any other non-200 status fails
 * at once. The body is returned as received: an OASIS error report inside a 200 zip is the parser's business.
 */
public final class OasisClient
{
    private static final int HTTP_OK = 200;
    private static final String NAME = "CAISO OASIS";
    private static final String CONNECTOR = "caiso-oasis";
    /** {@code attachment; filename=20240310_20240310_PRC_LMP_DAM_20240310_13_05_12_v12.zip}, quoted or not. */
    private static final Pattern FILE_NAME = Pattern.compile("(?i)(?:^|;)\\s*filename\\s*=\\s*(?:\"([^\"]*)\"|([^;]*))");

    /** The shared client's {@link io.energylakehouse.etl.http.Sleeper}, under the name callers of this class know. */
    @FunctionalInterface
    public interface Sleeper
            extends io.energylakehouse.etl.http.Sleeper {}

    /** Sleeps the calling thread. */
    public static final Sleeper THREAD_SLEEPER = io.energylakehouse.etl.http.Sleeper.threadSleeper()::sleep;

    private final CaisoConfig config;
    private final PacedHttpClient client;

    public OasisClient(CaisoConfig config)
    {
        this(config, httpClient(config), Clock.systemUTC(), THREAD_SLEEPER);
    }

    public OasisClient(CaisoConfig config, HttpClient httpClient, Clock clock, Sleeper sleeper)
    {
        this.config = requireNonNull(config, "config is null");
        this.client = PacedHttpClient.builder(NAME, CONNECTOR, config.httpSettings())
                .throttleHint(String.format("OASIS throttles each IP address to about one request every 5 seconds: check that nothing else "
                        + "queries OASIS from this address, or raise %s or %s", CaisoConfig.THROTTLE_BACKOFF, CaisoConfig.MAX_ATTEMPTS))
                .httpClient(requireNonNull(httpClient, "httpClient is null"))
                .clock(requireNonNull(clock, "clock is null"))
                .sleeper(requireNonNull(sleeper, "sleeper is null"))
                .build();
    }

    /** An HTTP client that follows redirects (OASIS answers {@code http://} with a 302 to https). */
    public static HttpClient httpClient(CaisoConfig config)
    {
        return PacedHttpClient.httpClient(config.httpSettings());
    }

    /**
     * Fetches one request, waiting as the rate limit requires, and returns the body of the HTTP 200 response
     * as a live payload. Throws a {@link ErrorCode#EXTERNAL_SERVICE} error when OASIS keeps refusing.
     */
    public Payload fetch(OasisRequest request)
    {
        requireNonNull(request, "request is null");
        URI uri = request.toUri(config.baseUrl());
        HttpResult result = client.fetch(uri);
        if (result.status() != HTTP_OK) {
            // Another 2xx is not what OASIS answers; as before, it is not taken for a report.
            throw new LakehouseException(ErrorCode.EXTERNAL_SERVICE,
                    String.format("Cannot fetch %s %s: HTTP %d; body starts: %s", NAME, uri, result.status(), PacedHttpClient.excerpt(result.body())));
        }
        String fileName = fileName(result.headers()).orElse(request.defaultFileName());
        return new Payload(CaisoMarket.SOURCE, request.report().queryName(), Payload.Origin.LIVE, request.requestKey(),
                Optional.of(uri), fileName, result.receivedAt(), result.status(), result.body());
    }

    /** The {@code filename} of the Content-Disposition header, without any folder part. */
    static Optional<String> fileName(HttpHeaders headers)
    {
        return headers.firstValue("Content-Disposition").flatMap(OasisClient::fileName);
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
}
