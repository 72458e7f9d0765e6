package io.energylakehouse.etl.source.caiso;

import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.config.Settings;
import io.energylakehouse.etl.http.HttpSettings;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * How the CAISO OASIS connector talks to OASIS. OASIS throttles per IP address: a request less than about
 * 5 seconds after the previous one gets HTTP 429 with no Retry-After header, so requests are spaced by
 * {@code request-pause} and a 429 is answered by waiting {@code throttle-backoff}, doubling each time.
 *
 * @param baseUrl the SingleZip endpoint, without a query
 * @param requestPause least time between the starts of two consecutive requests
 * @param maxAttempts attempts per request before giving up (throttled, server errors, I/O errors)
 * @param throttleBackoff wait after the first HTTP 429 (or 5xx, or I/O error); doubled after each further one
 * @param requestTimeout how long one HTTP request may take
 * @param retentionMonths how far back OASIS keeps data; an older start gets OASIS error 1014
 */
public record CaisoConfig(
        String baseUrl,
        Duration requestPause,
        int maxAttempts,
        Duration throttleBackoff,
        Duration requestTimeout,
        int retentionMonths)
{
    public static final String BASE_URL = "etl.caiso.base-url";
    public static final String REQUEST_PAUSE = "etl.caiso.request-pause";
    public static final String MAX_ATTEMPTS = "etl.caiso.max-attempts";
    public static final String THROTTLE_BACKOFF = "etl.caiso.throttle-backoff";
    public static final String REQUEST_TIMEOUT = "etl.caiso.request-timeout";
    public static final String RETENTION_MONTHS = "etl.caiso.retention-months";

    public static final List<String> KEYS = List.of(BASE_URL, REQUEST_PAUSE, MAX_ATTEMPTS, THROTTLE_BACKOFF, REQUEST_TIMEOUT, RETENTION_MONTHS);

    public static final String DEFAULT_BASE_URL = "https://oasis.caiso.com/oasisapi/SingleZip";
    public static final Duration DEFAULT_REQUEST_PAUSE = Duration.ofSeconds(5);
    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    public static final Duration DEFAULT_THROTTLE_BACKOFF = Duration.ofSeconds(5);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofMinutes(2);
    public static final int DEFAULT_RETENTION_MONTHS = 39;

    private static final String PREFIX = "etl.caiso.";

    public CaisoConfig
    {
        requireNonNull(baseUrl, "baseUrl is null");
        requireNonNull(requestPause, "requestPause is null");
        requireNonNull(throttleBackoff, "throttleBackoff is null");
        requireNonNull(requestTimeout, "requestTimeout is null");
        checkBaseUrl(baseUrl);
        if (requestPause.isNegative()) {
            throw LakehouseException.userError("Cannot use %s %s: the pause must not be negative", REQUEST_PAUSE, requestPause);
        }
        if (maxAttempts < 1) {
            throw LakehouseException.userError("Cannot use %s %d: need at least 1 attempt", MAX_ATTEMPTS, maxAttempts);
        }
        if (throttleBackoff.isNegative()) {
            throw LakehouseException.userError("Cannot use %s %s: the back-off must not be negative", THROTTLE_BACKOFF, throttleBackoff);
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw LakehouseException.userError("Cannot use %s %s: the timeout must be positive", REQUEST_TIMEOUT, requestTimeout);
        }
        if (retentionMonths < 1) {
            throw LakehouseException.userError("Cannot use %s %d: need at least 1 month", RETENTION_MONTHS, retentionMonths);
        }
    }

    /** Reads the {@code etl.caiso.*} keys, failing on any key under that prefix it does not know. */
    public static CaisoConfig from(Settings settings)
    {
        settings.checkKnown(PREFIX, KEYS);
        return new CaisoConfig(
                settings.value(BASE_URL, DEFAULT_BASE_URL),
                settings.durationValue(REQUEST_PAUSE, DEFAULT_REQUEST_PAUSE),
                settings.intValue(MAX_ATTEMPTS, DEFAULT_MAX_ATTEMPTS),
                settings.durationValue(THROTTLE_BACKOFF, DEFAULT_THROTTLE_BACKOFF),
                settings.durationValue(REQUEST_TIMEOUT, DEFAULT_REQUEST_TIMEOUT),
                settings.intValue(RETENTION_MONTHS, DEFAULT_RETENTION_MONTHS));
    }

    /**
     * The settings of the shared HTTP client. OASIS's back-off has no cap of its own, so the cap is the longest
     * wait the doubling can reach within {@code max-attempts}: the waits are exactly those of the doubling.
     */
    public HttpSettings httpSettings()
    {
        return new HttpSettings("etl.caiso", baseUrl, requestPause, maxAttempts, throttleBackoff, requestTimeout, longestBackoff(throttleBackoff, maxAttempts));
    }

    /** {@code throttleBackoff} doubled once per retry after the first, stopping before a duration would overflow. */
    static Duration longestBackoff(Duration throttleBackoff, int maxAttempts)
    {
        Duration longest = throttleBackoff;
        Duration limit = ChronoUnit.FOREVER.getDuration().dividedBy(4);
        for (int retry = 2; retry < maxAttempts && longest.compareTo(limit) < 0; retry++) {
            longest = longest.multipliedBy(2);
        }
        return longest;
    }

    private static void checkBaseUrl(String baseUrl)
    {
        URI uri;
        try {
            uri = new URI(baseUrl);
        }
        catch (URISyntaxException e) {
            throw LakehouseException.userError("Cannot use %s '%s': not a valid URL (%s)", BASE_URL, baseUrl, e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw LakehouseException.userError("Cannot use %s '%s': need an absolute http or https URL", BASE_URL, baseUrl);
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw LakehouseException.userError("Cannot use %s '%s': the URL must not have a query or fragment, the connector adds the query", BASE_URL, baseUrl);
        }
    }
}
