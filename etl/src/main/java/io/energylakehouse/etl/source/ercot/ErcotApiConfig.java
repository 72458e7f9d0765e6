package io.energylakehouse.etl.source.ercot;

import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.config.Settings;
import io.energylakehouse.etl.http.HttpSettings;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * How the ERCOT connector talks to ERCOT's public API: the shared HTTP settings under {@code etl.ercot.*}, the sign-in
 * endpoint ({@code etl.ercot.token-url}, Azure B2C's password flow) and the rows per data page ({@code etl.ercot.page-size}).
 * ERCOT answers too many requests with HTTP 429; its published limit is not verified here (a secondary source says 30 a
 * minute), so requests are 2 s apart by default.
 *
 * @param http base URL ({@code https://api.ercot.com/api/public-reports}, endpoints are added), pause, attempts, back-off, timeout
 * @param tokenUrl where the client signs in with {@code ERCOT_API_USERNAME} and {@code ERCOT_API_PASSWORD} for an id token
 * @param pageSize rows per page of a data endpoint ({@code size}); gridstatus uses 100,000
 */
public record ErcotApiConfig(HttpSettings http, String tokenUrl, int pageSize)
{
    public static final String PREFIX = HttpSettings.prefix("ercot");
    public static final String TOKEN_URL = PREFIX + ".token-url";
    public static final String PAGE_SIZE = PREFIX + ".page-size";

    public static final String DEFAULT_BASE_URL = "https://api.ercot.com/api/public-reports";
    public static final String DEFAULT_TOKEN_URL = "https://ercotb2c.b2clogin.com/ercotb2c.onmicrosoft.com/B2C_1_PUBAPI-ROPC-FLOW/oauth2/v2.0/token";
    public static final int DEFAULT_PAGE_SIZE = 100_000;
    public static final HttpSettings DEFAULT_HTTP = new HttpSettings(PREFIX, DEFAULT_BASE_URL, Duration.ofSeconds(2), 5, Duration.ofSeconds(10),
            Duration.ofMinutes(2), HttpSettings.DEFAULT_MAX_BACKOFF);
    public static final ErcotApiConfig DEFAULTS = new ErcotApiConfig(DEFAULT_HTTP, DEFAULT_TOKEN_URL, DEFAULT_PAGE_SIZE);

    /** Every key under {@code etl.ercot.}, for the CLI's list of known keys. */
    public static final List<String> KEYS = keys();

    public ErcotApiConfig
    {
        requireNonNull(http, "http is null");
        requireNonNull(tokenUrl, "tokenUrl is null");
        if (!http.prefix().equals(PREFIX)) {
            throw new IllegalArgumentException("Cannot use HTTP settings under " + http.prefix() + " for ERCOT: expected " + PREFIX);
        }
        checkTokenUrl(tokenUrl);
        if (pageSize < 1) {
            throw LakehouseException.userError("Cannot use %s %d: need at least 1 row per page", PAGE_SIZE, pageSize);
        }
    }

    /** Reads the {@code etl.ercot.*} keys, failing on any key under that prefix it does not know. */
    public static ErcotApiConfig from(Settings settings)
    {
        settings.checkKnown(PREFIX + ".", KEYS);
        return new ErcotApiConfig(HttpSettings.read(settings, DEFAULT_HTTP), settings.value(TOKEN_URL, DEFAULT_TOKEN_URL),
                settings.intValue(PAGE_SIZE, DEFAULT_PAGE_SIZE));
    }

    private static List<String> keys()
    {
        List<String> keys = new ArrayList<>(HttpSettings.keys(PREFIX));
        keys.add(TOKEN_URL);
        keys.add(PAGE_SIZE);
        return List.copyOf(keys);
    }

    private static void checkTokenUrl(String tokenUrl)
    {
        URI uri;
        try {
            uri = new URI(tokenUrl);
        }
        catch (URISyntaxException e) {
            throw LakehouseException.userError("Cannot use %s '%s': not a valid URL (%s)", TOKEN_URL, tokenUrl, e.getMessage());
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
            throw LakehouseException.userError("Cannot use %s '%s': need an absolute http or https URL", TOKEN_URL, tokenUrl);
        }
    }
}
