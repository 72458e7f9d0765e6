package io.energylakehouse.etl.source.spp;

import io.energylakehouse.common.config.Settings;
import io.energylakehouse.etl.http.HttpResult;
import io.energylakehouse.etl.http.HttpSettings;
import io.energylakehouse.etl.http.PacedHttpClient;
import io.energylakehouse.etl.raw.Payload;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Live SPP Marketplace files through the portal's file browser ({@code {base-url}download/{folder}?path={path}}, no
 * credentials): one file per operating day for the day-ahead and daily real-time reports, one per five-minute interval
 * for {@code rtbm_lmp_sl}; planned before the first call, fetched lazily one file at a time through the paced client.
 * SPP's rate limits are not published (unverified): the default pause between requests is two seconds, so a day of
 * interval files (288) takes about ten minutes. A file SPP does not have (HTTP 404, e.g. a missing interval) comes back
 * as the payload of that answer, which the parser reads as "no data"; a file of a day not over yet is not asked for.
 */
public final class SppLiveSource
{
    public static final String PREFIX = HttpSettings.prefix("spp");
    public static final String DEFAULT_BASE_URL = "https://portal.spp.org/file-browser-api/";
    public static final HttpSettings DEFAULT_HTTP = new HttpSettings(PREFIX, DEFAULT_BASE_URL, Duration.ofSeconds(2), 5, Duration.ofSeconds(10),
            Duration.ofMinutes(2), HttpSettings.DEFAULT_MAX_BACKOFF);

    private final PacedHttpClient client;

    public SppLiveSource(PacedHttpClient client)
    {
        this.client = requireNonNull(client, "client is null");
    }

    /** A client under the settings' {@code etl.spp.*} keys. */
    public static SppLiveSource of(Settings settings)
    {
        HttpSettings http = HttpSettings.from(settings, DEFAULT_HTTP);
        return new SppLiveSource(PacedHttpClient.builder("SPP Marketplace", "spp", http)
                .throttleHint(String.format("SPP's file browser is throttling this client (its limits are not published): raise %s, %s or %s",
                        http.key(HttpSettings.REQUEST_PAUSE), http.key(HttpSettings.THROTTLE_BACKOFF), http.key(HttpSettings.MAX_ATTEMPTS)))
                .build());
    }

    /** One file to fetch: the report, its file-browser path and the request key its payload lands under. */
    public record Request(SppReport report, String path)
    {
        public Request
        {
            requireNonNull(report, "report is null");
            requireNonNull(path, "path is null");
        }

        public String fileName()
        {
            return path.substring(path.lastIndexOf('/') + 1);
        }

        /** The same file is the same request: its revisions are later downloads of it. */
        public String requestKey()
        {
            return report.filePrefix() + "|" + fileName();
        }

        public URI uri(String baseUrl)
        {
            String base = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
            return URI.create(base + "download/" + report.folderId() + "?path=" + path);
        }
    }

    /** The files of {@code reports} for the operating days {@code first..last} whose data can exist at {@code now} (the day or interval is over). */
    public static List<Request> plan(List<SppReport> reports, LocalDate first, LocalDate last, Instant now)
    {
        List<Request> requests = new ArrayList<>();
        for (SppReport report : reports) {
            for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
                switch (report) {
                    // day-ahead results are published the day before
                    case DA_LMP_SL, DA_LMP_B -> {
                        if (SppMarket.TIME.dayStart(day).minus(Duration.ofDays(1)).isBefore(now)) {
                            requests.add(new Request(report, SppFileName.dayPath(report, day)));
                        }
                    }
                    case RTBM_LMP_DAILY -> {
                        if (!SppMarket.TIME.dayEnd(day).isAfter(now)) {
                            requests.add(new Request(report, SppFileName.dayPath(report, day)));
                        }
                    }
                    case RTBM_LMP_SL -> {
                        for (Instant start : SppMarket.TIME.intervalStarts(day, report.intervalMinutes())) {
                            Instant end = start.plus(report.intervalLength());
                            if (!end.isAfter(now)) {
                                requests.add(new Request(report, SppFileName.intervalPath(end)));
                            }
                        }
                    }
                }
            }
        }
        return List.copyOf(requests);
    }

    /** Fetches one file; a client error (a 404 for a file SPP does not have) is kept as the payload, for the parser to judge. */
    public Payload fetch(Request request)
    {
        URI uri = request.uri(client.settings().baseUrl());
        HttpResult result = client.fetchAnswer(uri);
        return new Payload(SppMarket.SOURCE, request.report().filePrefix(), Payload.Origin.LIVE, request.requestKey(), Optional.of(uri), request.fileName(),
                result.receivedAt(), result.status(), result.body());
    }

    /** Lazy: each file is fetched when the landing asks for the next payload. */
    public Iterator<Payload> payloads(List<Request> requests)
    {
        return io.energylakehouse.etl.connector.LiveFetch.lazily(requests, this::fetch);
    }

    public HttpSettings settings()
    {
        return client.settings();
    }
}
