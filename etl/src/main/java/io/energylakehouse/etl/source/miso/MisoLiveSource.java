package io.energylakehouse.etl.source.miso;

import io.energylakehouse.common.config.Settings;
import io.energylakehouse.common.time.MarketTime;
import io.energylakehouse.etl.http.HttpResult;
import io.energylakehouse.etl.http.HttpSettings;
import io.energylakehouse.etl.http.PacedHttpClient;
import io.energylakehouse.etl.raw.Payload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * Live MISO market reports: one plain GET per report and market day of {@code {base-url}/{yyyyMMdd}_{report}.csv}, no
 * credentials, planned before the first call and fetched lazily one file at a time through the paced client. MISO
 * answers HTTP 404 for a day it has not published (yet): the payload keeps that answer and the parser calls it no data.
 */
public final class MisoLiveSource
{
    private static final Logger log = LoggerFactory.getLogger(MisoLiveSource.class);

    /** The settings' defaults, keys {@code etl.miso.*}: MISO publishes no rate limit for the market reports; one request a second is polite. */
    public static final HttpSettings DEFAULTS = new HttpSettings("etl.miso", MisoMarket.MARKET_REPORTS_URL, Duration.ofSeconds(1), 4, Duration.ofSeconds(5),
            Duration.ofSeconds(60), HttpSettings.DEFAULT_MAX_BACKOFF);

    private MisoLiveSource() {}

    /** One file of one report: its file date is the market day, or for the weekly five-minute zip the Monday it is named by. */
    public record Request(MisoReport report, LocalDate marketDay)
    {
        public Request
        {
            requireNonNull(report, "report is null");
            requireNonNull(marketDay, "marketDay is null");
        }

        public String fileName()
        {
            return report.fileName(marketDay);
        }

        /** The payload's request key, the same as a replayed file's content key: files of one report and day are revisions of each other. */
        public String requestKey()
        {
            return report.reportName() + "|" + marketDay;
        }

        public URI uri(HttpSettings settings)
        {
            String base = settings.baseUrl().endsWith("/") ? settings.baseUrl() : settings.baseUrl() + "/";
            return URI.create(base + fileName());
        }
    }

    public static HttpSettings settings(Settings settings)
    {
        return HttpSettings.from(settings, DEFAULTS);
    }

    /** The requests for {@code reports} over the market days {@code first..last}, report by report, day by day (week by week for the five-minute zip). */
    public static List<Request> plan(List<MisoReport> reports, LocalDate first, LocalDate last)
    {
        java.util.Set<Request> requests = new java.util.LinkedHashSet<>();
        for (MisoReport report : reports) {
            for (LocalDate day : MarketTime.dates(first, last)) {
                // one weekly five-minute zip holds seven market days
                requests.add(new Request(report, report.fileDate(day)));
            }
        }
        return List.copyOf(requests);
    }

    public static PacedHttpClient client(HttpSettings settings)
    {
        return PacedHttpClient.builder("MISO market reports", "miso", settings).build();
    }

    /** Lazy: each file is fetched when the landing asks for the next payload; a 404 (not published) is kept as the answer. */
    public static Iterator<Payload> payloads(PacedHttpClient client, List<Request> requests)
    {
        requireNonNull(client, "client is null");
        return io.energylakehouse.etl.connector.LiveFetch.lazily(requests, (Request request) -> {
            URI uri = request.uri(client.settings());
            HttpResult result = client.fetchAnswer(uri);
            log.info("MISO {} {}: HTTP {}, {} bytes", request.report().reportName(), request.marketDay(), result.status(), result.body().length);
            return new Payload(MisoMarket.SOURCE, request.report().reportName(), Payload.Origin.LIVE, request.requestKey(), Optional.of(uri),
                    request.fileName(), result.receivedAt(), result.status(), result.body());
        });
    }
}
