package io.energylakehouse.etl.source.ieso;

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
import java.util.OptionalInt;

import static java.util.Objects.requireNonNull;

/**
 * Live IESO public reports from {@code https://reports-public.ieso.ca/public/{directory}/{file}} (plain GET, no
 * credentials): one file per delivery day for the day-ahead reports and HOEP, one per delivery hour for the real-time
 * ones; planned before the first call, fetched lazily one file at a time through the paced client. The dated,
 * unversioned name is IESO's latest version of that day or hour; a later download of it is a later revision of the same
 * request. IESO publishes no rate limit: the default pause between requests is one second. A file IESO does not have
 * (HTTP 404) comes back as the payload of that answer, which the parser reads as "no data". Days a report does not price
 * (market-renewal reports before 2025-05-01, HOEP from that day) are not asked for.
 */
public final class IesoLiveSource
{
    private static final Logger log = LoggerFactory.getLogger(IesoLiveSource.class);

    public static final String PREFIX = HttpSettings.prefix("ieso");
    public static final String DEFAULT_BASE_URL = "https://reports-public.ieso.ca/public/";
    public static final HttpSettings DEFAULT_HTTP = new HttpSettings(PREFIX, DEFAULT_BASE_URL, Duration.ofSeconds(1), 5, Duration.ofSeconds(10),
            Duration.ofMinutes(2), HttpSettings.DEFAULT_MAX_BACKOFF);
    /** Day-ahead results of day D are published on D-1 (about mid-day EST); asked for from D-1 00:00 EST, a 404 before then is "no data". */
    public static final Duration DAY_AHEAD_LEAD = Duration.ofDays(1);

    private final PacedHttpClient client;

    public IesoLiveSource(PacedHttpClient client)
    {
        this.client = requireNonNull(client, "client is null");
    }

    /** A client under the settings' {@code etl.ieso.*} keys. */
    public static IesoLiveSource of(Settings settings)
    {
        HttpSettings http = HttpSettings.from(settings, DEFAULT_HTTP);
        return new IesoLiveSource(PacedHttpClient.builder("IESO public reports", "ieso", http)
                .throttleHint(String.format("IESO's public reports site is throttling this client (its limits are not published): raise %s, %s or %s",
                        http.key(HttpSettings.REQUEST_PAUSE), http.key(HttpSettings.THROTTLE_BACKOFF), http.key(HttpSettings.MAX_ATTEMPTS)))
                .build());
    }

    /** One file to fetch: a report's delivery day, or hour ending of a day. */
    public record Request(IesoReport report, LocalDate day, OptionalInt hourEnding)
    {
        public Request
        {
            requireNonNull(report, "report is null");
            requireNonNull(day, "day is null");
            requireNonNull(hourEnding, "hourEnding is null");
            if ((report.span() == IesoReport.Span.HOUR) != hourEnding.isPresent()) {
                throw new IllegalArgumentException("Cannot request IESO " + report.directory() + " files " + (hourEnding.isPresent() ? "by hour" : "by day"));
            }
        }

        public String fileName()
        {
            return hourEnding.isPresent() ? IesoFileName.hourFile(report, day, hourEnding.getAsInt()) : IesoFileName.dayFile(report, day);
        }

        /** The path under the base URL: {@code DAHourlyEnergyLMP/PUB_DAHourlyEnergyLMP_20250502.csv}. */
        public String path()
        {
            return report.directory() + "/" + fileName();
        }

        /** Every download and every {@code _vN} copy of the same day or hour is the same request: its revisions. */
        public String requestKey()
        {
            return IesoFileName.requestKey(report, day, hourEnding);
        }

        public URI uri(String baseUrl)
        {
            String base = baseUrl.endsWith("/") ? baseUrl : baseUrl + "/";
            return URI.create(base + path());
        }
    }

    /** The files of {@code reports} for the operating days {@code first..last} that the reports price and whose data can exist at {@code now}. */
    public static List<Request> plan(List<IesoReport> reports, LocalDate first, LocalDate last, Instant now)
    {
        List<Request> requests = new ArrayList<>();
        for (IesoReport report : reports) {
            int skipped = 0;
            for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
                if (!report.era().covers(day)) {
                    skipped++;
                    continue;
                }
                Instant dayStart = IesoMarket.TIME.dayStart(day);
                switch (report) {
                    case DA_HOURLY_ENERGY_LMP, DA_ONTARIO_ZONAL_PRICE -> {
                        if (dayStart.minus(DAY_AHEAD_LEAD).isBefore(now)) {
                            requests.add(new Request(report, day, OptionalInt.empty()));
                        }
                    }
                    case HOEP -> {
                        if (dayStart.isBefore(now)) {
                            requests.add(new Request(report, day, OptionalInt.empty()));
                        }
                    }
                    case RT_ENERGY_LMP, RT_ONTARIO_ZONAL_PRICE -> {
                        for (int hour = 1; hour <= 24; hour++) {
                            if (!dayStart.plus(Duration.ofHours(hour)).isAfter(now)) {
                                requests.add(new Request(report, day, OptionalInt.of(hour)));
                            }
                        }
                    }
                }
            }
            if (skipped > 0) {
                log.info("IESO {}: {} of the days {}..{} not asked for: the report prices operating days {}", report.directory(), skipped, first, last,
                        report.era().describe());
            }
        }
        return List.copyOf(requests);
    }

    /** Fetches one file; a client error (a 404 for a file IESO does not have) is kept as the payload, for the parser to judge. */
    public Payload fetch(Request request)
    {
        URI uri = request.uri(client.settings().baseUrl());
        HttpResult result = client.fetchAnswer(uri);
        return new Payload(IesoMarket.SOURCE, request.report().directory(), Payload.Origin.LIVE, request.requestKey(), Optional.of(uri), request.fileName(),
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
