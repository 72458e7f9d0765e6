package io.energylakehouse.etl.source.aemo;

import io.energylakehouse.common.config.Settings;
import io.energylakehouse.etl.http.HttpResult;
import io.energylakehouse.etl.http.HttpSettings;
import io.energylakehouse.etl.http.PacedHttpClient;
import io.energylakehouse.etl.raw.Payload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * NEMweb (public, no credentials) through the shared paced client. A report's days in months before the current NEM month
 * are fetched from the MMS Data Model monthly archive ({@link NemwebFiles}): one {@code PUBLIC_DVD_*} file per month up to
 * 2024-07, and from 2024-08 the chunks {@code FILE01}, {@code FILE02}, ... until NEMweb answers 404 for the next one.
 * Days of the current month come from the current reports: the folder's listing is read when reached, and each interval
 * file of the days is fetched. {@code price_thresholds} is one archive file (every month's holds the whole history): that
 * of the last complete month up to {@code last}. AEMO publishes no rate limit; the default pause is one second.
 * Requests are planned before the first and fetched lazily, one at a time, as landing reads them.
 */
public final class AemoLiveSource
{
    private static final Logger log = LoggerFactory.getLogger(AemoLiveSource.class);

    public static final String PREFIX = HttpSettings.prefix("aemo");
    public static final String DEFAULT_BASE_URL = "https://www.nemweb.com.au/";
    public static final HttpSettings DEFAULT_HTTP = new HttpSettings(PREFIX, DEFAULT_BASE_URL, Duration.ofSeconds(1), 5, Duration.ofSeconds(10),
            Duration.ofMinutes(5), HttpSettings.DEFAULT_MAX_BACKOFF);

    private final PacedHttpClient client;

    public AemoLiveSource(PacedHttpClient client)
    {
        this.client = requireNonNull(client, "client is null");
    }

    public static AemoLiveSource of(Settings settings)
    {
        HttpSettings http = HttpSettings.from(settings, DEFAULT_HTTP);
        return new AemoLiveSource(PacedHttpClient.builder("AEMO NEMweb", "aemo", http)
                .throttleHint(String.format("NEMweb is throttling this client (AEMO publishes no limit): raise %s, %s or %s",
                        http.key(HttpSettings.REQUEST_PAUSE), http.key(HttpSettings.THROTTLE_BACKOFF), http.key(HttpSettings.MAX_ATTEMPTS)))
                .build());
    }

    /** One planned request: a month of the archive (from its first chunk), or a current-reports folder's files of some days. */
    public sealed interface Request
            permits Archive, Current
    {
        AemoReport report();
    }

    public record Archive(AemoReport report, YearMonth month)
            implements Request
    {
        public Archive
        {
            requireNonNull(report, "report is null");
            requireNonNull(month, "month is null");
        }

        public String table()
        {
            return report == AemoReport.TRADING_PRICE ? MmsTable.TRADING_PRICE.tableName()
                    : report == AemoReport.PRICE_THRESHOLDS ? MmsTable.MARKET_PRICE_THRESHOLDS.tableName() : MmsTable.DISPATCH_PRICE.tableName();
        }
    }

    public record Current(AemoReport report, LocalDate first, LocalDate last)
            implements Request
    {
        public Current
        {
            requireNonNull(report, "report is null");
            requireNonNull(first, "first is null");
            requireNonNull(last, "last is null");
        }
    }

    /** The requests for {@code reports} and the NEM days {@code first..last}, as of {@code now}. */
    public static List<Request> plan(List<AemoReport> reports, LocalDate first, LocalDate last, Instant now)
    {
        LocalDate today = AemoMarket.TIME.operatingDate(now);
        YearMonth current = YearMonth.from(today);
        LocalDate end = last.isAfter(today) ? today : last;
        List<Request> requests = new ArrayList<>();
        for (AemoReport report : reports) {
            if (report == AemoReport.PRICE_THRESHOLDS) {
                YearMonth month = YearMonth.from(end);
                requests.add(new Archive(report, month.isBefore(current) ? month : current.minusMonths(1)));
                continue;
            }
            for (YearMonth month = YearMonth.from(first); !month.isAfter(YearMonth.from(end)); month = month.plusMonths(1)) {
                if (month.isBefore(current) && report == AemoReport.DAILY) {
                    log.warn("AEMO daily reports of {} are not fetched: NEMweb keeps past months' PUBLIC_DAILY files in Reports/Archive as zips of zips, "
                            + "which this connector does not read; dispatch_price and trading_price have those days from the MMSDM archive", month);
                }
                else if (month.isBefore(current)) {
                    requests.add(new Archive(report, month));
                }
                else if (!month.isBefore(current)) {
                    LocalDate from = month.atDay(1).isBefore(first) ? first : month.atDay(1);
                    requests.add(new Current(report, from, end));
                }
            }
        }
        return List.copyOf(requests);
    }

    /** The payloads of the requests, fetched one at a time as they are read. */
    public Iterator<Payload> payloads(List<Request> requests)
    {
        Deque<Step> steps = new ArrayDeque<>();
        for (Request request : requests) {
            steps.add(request instanceof Archive archive ? new Step.Chunk(archive, 1) : new Step.Listing((Current) request));
        }
        return new Iterator<>()
        {
            private Payload next;

            @Override
            public boolean hasNext()
            {
                while (next == null && !steps.isEmpty()) {
                    next = advance(steps);
                }
                return next != null;
            }

            @Override
            public Payload next()
            {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Payload payload = next;
                next = null;
                return payload;
            }
        };
    }

    private sealed interface Step
    {
        record Chunk(Archive archive, int chunk)
                implements Step {}

        record Listing(Current current)
                implements Step {}

        record File(Current current, String fileName)
                implements Step {}
    }

    /** Runs the first step; returns its payload, or null when it makes none (a listing, a chunk past the last). */
    private Payload advance(Deque<Step> steps)
    {
        Step step = steps.removeFirst();
        String baseUrl = client.settings().baseUrl();
        if (step instanceof Step.Chunk chunk) {
            Archive archive = chunk.archive();
            URI uri = NemwebFiles.archiveUri(baseUrl, archive.table(), archive.month(), chunk.chunk());
            HttpResult result = client.fetchAnswer(uri);
            boolean chunked = NemwebFiles.isChunked(archive.month());
            if (chunked && chunk.chunk() > 1 && result.status() == 404) {
                log.info("AEMO archive {} {}: {} chunks", archive.table(), archive.month(), chunk.chunk() - 1);
                return null;
            }
            if (chunked && result.status() == 200) {
                steps.addFirst(new Step.Chunk(archive, chunk.chunk() + 1));
            }
            String fileName = NemwebFiles.archiveFileName(archive.table(), archive.month(), chunk.chunk()) + ".zip";
            String key = archive.report().requestName() + "|" + archive.month() + (chunked ? String.format("|FILE%02d", chunk.chunk()) : "");
            return new Payload(AemoMarket.SOURCE, archive.report().requestName(), Payload.Origin.LIVE, key, Optional.of(uri), fileName, result.receivedAt(),
                    result.status(), result.body());
        }
        if (step instanceof Step.Listing listing) {
            NemwebFiles.CurrentFolder folder = NemwebFiles.currentFolder(listing.current().report()).orElseThrow();
            URI uri = NemwebFiles.currentFolderUri(baseUrl, folder.folder());
            HttpResult result = client.fetch(uri);
            List<NemwebFiles.ListedFile> files = NemwebFiles.listedFiles(new String(result.body(), StandardCharsets.UTF_8), folder.prefix()).stream()
                    .filter(file -> NemwebFiles.coversDays(file, listing.current().first(), listing.current().last()))
                    .toList();
            log.info("AEMO current {} listing: {} files of {}..{}", folder.folder(), files.size(), listing.current().first(), listing.current().last());
            for (int i = files.size() - 1; i >= 0; i--) {
                steps.addFirst(new Step.File(listing.current(), files.get(i).fileName()));
            }
            return null;
        }
        Step.File file = (Step.File) step;
        NemwebFiles.CurrentFolder folder = NemwebFiles.currentFolder(file.current().report()).orElseThrow();
        URI uri = URI.create(NemwebFiles.currentFolderUri(baseUrl, folder.folder()) + file.fileName());
        HttpResult result = client.fetchAnswer(uri);
        return new Payload(AemoMarket.SOURCE, file.current().report().requestName(), Payload.Origin.LIVE,
                file.current().report().requestName() + "|" + file.fileName(), Optional.of(uri), file.fileName(), result.receivedAt(), result.status(),
                result.body());
    }

    public HttpSettings settings()
    {
        return client.settings();
    }
}
