package io.energylakehouse.etl.source.jepx;

import io.energylakehouse.common.config.Settings;
import io.energylakehouse.etl.http.HttpResult;
import io.energylakehouse.etl.http.HttpSettings;
import io.energylakehouse.etl.http.PacedHttpClient;
import io.energylakehouse.etl.raw.Payload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * The JEPX website's spot results: {@code GET https://www.jepx.jp/market/excel/spot_{FY}.csv}, one file per fiscal year
 * (April to March), no credentials, re-downloaded whole on every run because it grows by a day after each auction.
 * A window crossing 1 April fetches both years' files; each request names its window, so a daily run lands the whole
 * file (nothing received is lost) but rebuilds only the window's days. JEPX publishes no rate limit; the default pause
 * between calls is two seconds. Fiscal years starting after tomorrow in Japan are not asked for (the file does not
 * exist yet). When the site answers an HTML page instead of the CSV (third-party scrapers drive it with a browser, which
 * suggests direct downloads may be blocked), the parser refuses the payload saying so.
 */
public final class JepxLiveSource
{
    private static final Logger log = LoggerFactory.getLogger(JepxLiveSource.class);

    public static final String PREFIX = HttpSettings.prefix("jepx");
    public static final String DEFAULT_BASE_URL = "https://www.jepx.jp/market/excel/";
    public static final HttpSettings DEFAULT_HTTP = new HttpSettings(PREFIX, DEFAULT_BASE_URL, Duration.ofSeconds(2), 4, Duration.ofSeconds(10),
            Duration.ofMinutes(2), HttpSettings.DEFAULT_MAX_BACKOFF);

    private final PacedHttpClient client;

    public JepxLiveSource(PacedHttpClient client)
    {
        this.client = requireNonNull(client, "client is null");
    }

    /** A client under the settings' {@code etl.jepx.*} keys. */
    public static JepxLiveSource of(Settings settings)
    {
        HttpSettings http = HttpSettings.from(settings, DEFAULT_HTTP);
        return new JepxLiveSource(PacedHttpClient.builder("JEPX website", "jepx", http)
                .throttleHint(String.format("the JEPX website is throttling this client (it publishes no limit): raise %s, %s or %s",
                        http.key(HttpSettings.REQUEST_PAUSE), http.key(HttpSettings.THROTTLE_BACKOFF), http.key(HttpSettings.MAX_ATTEMPTS)))
                .build());
    }

    /** One download: the file of a fiscal year, for the days {@code first..last} of it (both included). */
    public record Request(JepxFiscalYear fiscalYear, LocalDate first, LocalDate last)
    {
        /** {@code spot_2025.csv|2026-01-10..2026-01-12}: the file and the window at the end of a request key. */
        private static final Pattern KEY_WINDOW = Pattern.compile(".*\\|(\\d{4}-\\d{2}-\\d{2})\\.\\.(\\d{4}-\\d{2}-\\d{2})");

        public Request
        {
            requireNonNull(fiscalYear, "fiscalYear is null");
            requireNonNull(first, "first is null");
            requireNonNull(last, "last is null");
            if (last.isBefore(first) || !JepxFiscalYear.of(first).equals(fiscalYear) || !JepxFiscalYear.of(last).equals(fiscalYear)) {
                throw new IllegalArgumentException(String.format("Cannot ask JEPX's %s for %s..%s: the days must be in %s..%s, the end not before the start",
                        fiscalYear.fileName(), first, last, fiscalYear.firstDay(), fiscalYear.lastDay()));
            }
        }

        public String fileName()
        {
            return fiscalYear.fileName();
        }

        /** The file and the days asked for: later downloads for the same days are revisions of this one. */
        public String requestKey()
        {
            return fileName() + "|" + first + ".." + last;
        }

        public URI uri(String baseUrl)
        {
            String base = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
            return URI.create(base + fileName());
        }

        /** The days a request key names ({@link #requestKey}); empty for a key that names none (a replayed file's). */
        public static Optional<JepxSpotParser.DateWindow> window(String requestKey)
        {
            Matcher matcher = KEY_WINDOW.matcher(requestKey);
            if (!matcher.matches()) {
                return Optional.empty();
            }
            try {
                return Optional.of(new JepxSpotParser.DateWindow(LocalDate.parse(matcher.group(1)), LocalDate.parse(matcher.group(2))));
            }
            catch (RuntimeException e) {
                return Optional.empty();
            }
        }
    }

    /**
     * The downloads for the days {@code first..last}: one per fiscal year they touch (two across 1 April), each with the
     * window's days in it; none for a fiscal year that starts after tomorrow in Japan at {@code now}.
     */
    public static List<Request> plan(LocalDate first, LocalDate last, Instant now)
    {
        LocalDate tomorrow = LocalDate.ofInstant(now, JepxMarket.JST).plusDays(1);
        List<Request> requests = new ArrayList<>();
        for (JepxFiscalYear year : JepxFiscalYear.between(first, last)) {
            if (year.firstDay().isAfter(tomorrow)) {
                continue;
            }
            LocalDate from = first.isBefore(year.firstDay()) ? year.firstDay() : first;
            LocalDate to = last.isAfter(year.lastDay()) ? year.lastDay() : last;
            requests.add(new Request(year, from, to));
        }
        return List.copyOf(requests);
    }

    /** Downloads one file; a client error (404 for a year not started) is kept as the payload, for the parser to judge. */
    public Payload fetch(Request request)
    {
        URI uri = request.uri(client.settings().baseUrl());
        HttpResult result = client.fetchAnswer(uri);
        log.info("JEPX {} for {}..{}: HTTP {}, {} bytes", request.fileName(), request.first(), request.last(), result.status(), result.body().length);
        return new Payload(JepxMarket.SOURCE, JepxSpotParser.REPORT, Payload.Origin.LIVE, request.requestKey(), Optional.of(uri), request.fileName(),
                result.receivedAt(), result.status(), result.body());
    }

    /** Lazy: each file is downloaded when the landing asks for the next payload. */
    public Iterator<Payload> payloads(List<Request> requests)
    {
        return io.energylakehouse.etl.connector.LiveFetch.lazily(requests, this::fetch);
    }

    public HttpSettings settings()
    {
        return client.settings();
    }
}
