package io.energylakehouse.etl.source.pjm;

import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.config.Settings;
import io.energylakehouse.etl.http.HttpSettings;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * How the PJM connector talks to Data Miner 2: the shared HTTP settings under {@code etl.pjm.*} and the page size
 * ({@code etl.pjm.row-count}, at most 50,000 as Data Miner allows). PJM's published limit is 600 requests a minute per
 * user, another page says 6 a minute for non-members; which applies is not verified, so requests are 10 s apart by
 * default.
 *
 * @param http base URL ({@code https://api.pjm.com/api/v1}, the feed is added), pause, attempts, back-off, timeout
 * @param rowCount items per page ({@code rowCount}); each page is one request and one payload
 */
public record DataMinerConfig(HttpSettings http, int rowCount)
{
    public static final String PREFIX = HttpSettings.prefix("pjm");
    public static final String ROW_COUNT = PREFIX + ".row-count";

    public static final String DEFAULT_BASE_URL = "https://api.pjm.com/api/v1";
    /** The most Data Miner returns per request. */
    public static final int MAX_ROW_COUNT = 50_000;
    public static final HttpSettings DEFAULT_HTTP = new HttpSettings(PREFIX, DEFAULT_BASE_URL, Duration.ofSeconds(10), 5, Duration.ofSeconds(10),
            Duration.ofMinutes(2), HttpSettings.DEFAULT_MAX_BACKOFF);
    public static final DataMinerConfig DEFAULTS = new DataMinerConfig(DEFAULT_HTTP, MAX_ROW_COUNT);

    /** Every key under {@code etl.pjm.}, for the CLI's list of known keys. */
    public static final List<String> KEYS = keys();

    public DataMinerConfig
    {
        requireNonNull(http, "http is null");
        if (!http.prefix().equals(PREFIX)) {
            throw new IllegalArgumentException("Cannot use HTTP settings under " + http.prefix() + " for PJM: expected " + PREFIX);
        }
        if (rowCount < 1 || rowCount > MAX_ROW_COUNT) {
            throw LakehouseException.userError("Cannot use %s %d: Data Miner returns 1 to %d items per request", ROW_COUNT, rowCount, MAX_ROW_COUNT);
        }
    }

    /** Reads the {@code etl.pjm.*} keys, failing on any key under that prefix it does not know. */
    public static DataMinerConfig from(Settings settings)
    {
        settings.checkKnown(PREFIX + ".", KEYS);
        return new DataMinerConfig(HttpSettings.read(settings, DEFAULT_HTTP), settings.intValue(ROW_COUNT, MAX_ROW_COUNT));
    }

    private static List<String> keys()
    {
        List<String> keys = new ArrayList<>(HttpSettings.keys(PREFIX));
        keys.add(ROW_COUNT);
        return List.copyOf(keys);
    }
}
