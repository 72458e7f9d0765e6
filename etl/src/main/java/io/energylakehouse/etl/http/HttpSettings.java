package io.energylakehouse.etl.http;

import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.config.Settings;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * How one connector talks to its operator's HTTP endpoint, read from the keys under {@code etl.<market>.}:
 * requests are spaced by {@code request-pause}; a throttled (HTTP 429), failed (5xx) or broken (I/O error)
 * request is retried after {@code throttle-backoff}, doubling each time but never waiting longer than
 * {@code max-backoff} at once, up to {@code max-attempts} attempts. The connector gives the defaults, so each
 * operator's published limits live with its connector.
 *
 * @param prefix the keys' common prefix without the final dot, e.g. {@code etl.pjm}
 * @param baseUrl the endpoint the connector adds its paths and queries to, without a query
 * @param requestPause least time between the starts of two consecutive requests
 * @param maxAttempts attempts per request before giving up (throttled, server errors, I/O errors)
 * @param throttleBackoff wait after the first HTTP 429 (or 5xx, or I/O error); doubled after each further one
 * @param requestTimeout how long one HTTP request may take (also the connect timeout)
 * @param maxBackoff the longest single back-off wait, also for a longer {@code Retry-After}
 */
public record HttpSettings(
        String prefix,
        String baseUrl,
        Duration requestPause,
        int maxAttempts,
        Duration throttleBackoff,
        Duration requestTimeout,
        Duration maxBackoff)
{
    public static final String BASE_URL = "base-url";
    public static final String REQUEST_PAUSE = "request-pause";
    public static final String MAX_ATTEMPTS = "max-attempts";
    public static final String THROTTLE_BACKOFF = "throttle-backoff";
    public static final String REQUEST_TIMEOUT = "request-timeout";
    public static final String MAX_BACKOFF = "max-backoff";

    /** The key names under the prefix, in the order {@link #keys(String)} lists them. */
    public static final List<String> NAMES = List.of(BASE_URL, REQUEST_PAUSE, MAX_ATTEMPTS, THROTTLE_BACKOFF, REQUEST_TIMEOUT, MAX_BACKOFF);

    /** A sensible cap on one back-off wait for connectors that have no reason to choose another. */
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofMinutes(2);

    private static final Pattern PREFIX = Pattern.compile("[a-z0-9]+(?:[.-][a-z0-9]+)*");

    public HttpSettings
    {
        requireNonNull(prefix, "prefix is null");
        requireNonNull(baseUrl, "baseUrl is null");
        requireNonNull(requestPause, "requestPause is null");
        requireNonNull(throttleBackoff, "throttleBackoff is null");
        requireNonNull(requestTimeout, "requestTimeout is null");
        requireNonNull(maxBackoff, "maxBackoff is null");
        checkPrefix(prefix);
        checkBaseUrl(key(prefix, BASE_URL), baseUrl);
        if (requestPause.isNegative()) {
            throw LakehouseException.userError("Cannot use %s %s: the pause must not be negative", key(prefix, REQUEST_PAUSE), requestPause);
        }
        if (maxAttempts < 1) {
            throw LakehouseException.userError("Cannot use %s %d: need at least 1 attempt", key(prefix, MAX_ATTEMPTS), maxAttempts);
        }
        if (throttleBackoff.isNegative()) {
            throw LakehouseException.userError("Cannot use %s %s: the back-off must not be negative", key(prefix, THROTTLE_BACKOFF), throttleBackoff);
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw LakehouseException.userError("Cannot use %s %s: the timeout must be positive", key(prefix, REQUEST_TIMEOUT), requestTimeout);
        }
        if (maxBackoff.compareTo(throttleBackoff) < 0) {
            throw LakehouseException.userError("Cannot use %s %s: it is shorter than %s %s", key(prefix, MAX_BACKOFF), maxBackoff,
                    key(prefix, THROTTLE_BACKOFF), throttleBackoff);
        }
    }

    /** {@code etl.pjm} for {@code pjm}. */
    public static String prefix(String market)
    {
        requireNonNull(market, "market is null");
        return "etl." + market;
    }

    /** The keys under {@code prefix} (e.g. {@code etl.pjm}), for the CLI's list of known keys. */
    public static List<String> keys(String prefix)
    {
        checkPrefix(prefix);
        return NAMES.stream().map(name -> key(prefix, name)).toList();
    }

    /** The full key of one setting, e.g. {@code etl.pjm.max-attempts}. */
    public String key(String name)
    {
        return key(prefix, name);
    }

    /**
     * Reads the keys under the defaults' prefix, failing on any key under that prefix other than these six.
     * A connector with further keys of its own reads with {@link #read} and checks its whole list itself.
     */
    public static HttpSettings from(Settings settings, HttpSettings defaults)
    {
        settings.checkKnown(defaults.prefix() + ".", keys(defaults.prefix()));
        return read(settings, defaults);
    }

    /** Reads the keys under the defaults' prefix; a key not given keeps its default. */
    public static HttpSettings read(Settings settings, HttpSettings defaults)
    {
        requireNonNull(settings, "settings is null");
        requireNonNull(defaults, "defaults is null");
        return new HttpSettings(
                defaults.prefix(),
                settings.value(defaults.key(BASE_URL), defaults.baseUrl()),
                settings.durationValue(defaults.key(REQUEST_PAUSE), defaults.requestPause()),
                settings.intValue(defaults.key(MAX_ATTEMPTS), defaults.maxAttempts()),
                settings.durationValue(defaults.key(THROTTLE_BACKOFF), defaults.throttleBackoff()),
                settings.durationValue(defaults.key(REQUEST_TIMEOUT), defaults.requestTimeout()),
                settings.durationValue(defaults.key(MAX_BACKOFF), defaults.maxBackoff()));
    }

    private static String key(String prefix, String name)
    {
        return prefix + "." + name;
    }

    private static void checkPrefix(String prefix)
    {
        if (!PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException(String.format("Cannot use settings prefix '%s': need dotted lower-case words without a final dot, e.g. etl.pjm", prefix));
        }
    }

    private static void checkBaseUrl(String key, String baseUrl)
    {
        URI uri;
        try {
            uri = new URI(baseUrl);
        }
        catch (URISyntaxException e) {
            throw LakehouseException.userError("Cannot use %s '%s': not a valid URL (%s)", key, baseUrl, e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw LakehouseException.userError("Cannot use %s '%s': need an absolute http or https URL", key, baseUrl);
        }
        if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
            throw LakehouseException.userError("Cannot use %s '%s': the URL must not have a query or fragment, the connector adds the query", key, baseUrl);
        }
    }
}
