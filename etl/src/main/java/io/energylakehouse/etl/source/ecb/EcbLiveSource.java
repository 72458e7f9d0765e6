package io.energylakehouse.etl.source.ecb;

import io.energylakehouse.common.config.Settings;
import io.energylakehouse.etl.http.HttpResult;
import io.energylakehouse.etl.http.HttpSettings;
import io.energylakehouse.etl.http.PacedHttpClient;
import io.energylakehouse.etl.raw.Payload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Live ECB reference rates: no credentials, no documented rate limit. The ECB publishes two files a day, not one per
 * date: {@code eurofxref-daily.xml} holds the latest business day, {@code eurofxref-hist.zip} every day since 1999. A
 * window that reaches back before the last few days fetches the history zip (one request, some 600 kB); a window of
 * recent days fetches the daily XML. Landing keeps the dates the file holds, curation takes the window's.
 */
public final class EcbLiveSource
{
    private static final Logger log = LoggerFactory.getLogger(EcbLiveSource.class);

    /** Keys {@code etl.ecb.*}; one request a second is polite for a site that publishes no limit. */
    public static final HttpSettings DEFAULTS = new HttpSettings("etl.ecb", "https://www.ecb.europa.eu/stats/eurofxref", Duration.ofSeconds(1), 4,
            Duration.ofSeconds(5), Duration.ofSeconds(60), HttpSettings.DEFAULT_MAX_BACKOFF);
    public static final String HISTORY_ZIP = "eurofxref-hist.zip";
    public static final String DAILY_XML = "eurofxref-daily.xml";
    /** A window starting this many days before today or earlier needs the history file: the daily file holds one day. */
    static final int DAILY_REACH_DAYS = 4;

    private EcbLiveSource() {}

    /** One file to fetch. */
    public record Request(String fileName)
    {
        public Request
        {
            requireNonNull(fileName, "fileName is null");
        }

        /** The request key: each fetch of a file is a revision of the previous one when its bytes differ. */
        public String requestKey()
        {
            return EcbRates.REPORT + "|" + fileName;
        }

        public URI uri(HttpSettings settings)
        {
            String base = settings.baseUrl().endsWith("/") ? settings.baseUrl() : settings.baseUrl() + "/";
            return URI.create(base + fileName);
        }
    }

    public static HttpSettings settings(Settings settings)
    {
        return HttpSettings.from(settings, DEFAULTS);
    }

    /** The daily XML for a window of the last few days, else the history zip. */
    public static List<Request> plan(LocalDate first, LocalDate today)
    {
        return List.of(new Request(first.isBefore(today.minusDays(DAILY_REACH_DAYS)) ? HISTORY_ZIP : DAILY_XML));
    }

    public static PacedHttpClient client(HttpSettings settings)
    {
        return PacedHttpClient.builder("ECB reference rates", "ecb", settings).build();
    }

    /** Lazy: each file is fetched when the landing asks for the next payload; a 404 is kept as the answer. */
    public static Iterator<Payload> payloads(PacedHttpClient client, List<Request> requests)
    {
        requireNonNull(client, "client is null");
        return io.energylakehouse.etl.connector.LiveFetch.lazily(requests, (Request request) -> {
            URI uri = request.uri(client.settings());
            HttpResult result = client.fetchAnswer(uri);
            log.info("ECB {}: HTTP {}, {} bytes", request.fileName(), result.status(), result.body().length);
            return new Payload(EcbRates.SOURCE, EcbRates.REPORT, Payload.Origin.LIVE, request.requestKey(), Optional.of(uri), request.fileName(),
                    result.receivedAt(), result.status(), result.body());
        });
    }
}
