package io.energylakehouse.etl.source.nyiso;

import io.energylakehouse.common.config.Settings;
import io.energylakehouse.common.time.MarketTime;
import io.energylakehouse.etl.http.HttpResult;
import io.energylakehouse.etl.http.HttpSettings;
import io.energylakehouse.etl.http.PacedHttpClient;
import io.energylakehouse.etl.raw.Payload;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * Live NYISO files from MIS by plain GETs, no credentials: the daily CSV
 * {@code <base-url>/<dataset>/<yyyyMMdd><report>.csv} for days of the last week, the monthly zip
 * {@code <base-url>/<dataset>/<yyyyMM01><report>_csv.zip} for older days (one request per month and report). A file
 * MIS does not have (HTTP 404) is kept as the answer and parses as "no data".
 */
public final class NyisoLiveSource
{
    public static final String NAME = "NYISO MIS";
    public static final String PREFIX = HttpSettings.prefix("nyiso");
    public static final String DEFAULT_BASE_URL = "http://mis.nyiso.com/public/csv";
    /** MIS keeps daily files for the last 7 days (unverified boundary); older days are only in the monthly zips. */
    public static final int DAILY_FILE_DAYS = 7;
    /** No documented rate limit: serial requests, a second apart. */
    public static final HttpSettings DEFAULT_HTTP = new HttpSettings(PREFIX, DEFAULT_BASE_URL, Duration.ofSeconds(1), 5, Duration.ofSeconds(10),
            Duration.ofMinutes(2), HttpSettings.DEFAULT_MAX_BACKOFF);

    private NyisoLiveSource() {}

    /** One MIS file: a daily CSV, or the monthly zip of {@code date}'s month. */
    public record Request(NyisoReport report, LocalDate date, NyisoFileName.Kind kind)
    {
        public Request
        {
            requireNonNull(report, "report is null");
            requireNonNull(date, "date is null");
            requireNonNull(kind, "kind is null");
            if (kind == NyisoFileName.Kind.MONTHLY_ZIP && date.getDayOfMonth() != 1) {
                throw new IllegalArgumentException("Cannot request the monthly zip of " + date + ": its date is the first of the month");
            }
        }

        public String fileName()
        {
            return kind == NyisoFileName.Kind.MONTHLY_ZIP ? NyisoFileName.monthly(report, date) : NyisoFileName.daily(report, date);
        }

        public URI uri(String baseUrl)
        {
            String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
            return URI.create(base + "/" + report.misDataset() + "/" + fileName());
        }

        /** {@code damlbmp_zone|20240701damlbmp_zone.csv}. */
        public String requestKey()
        {
            return report.reportName() + "|" + fileName();
        }
    }

    public static HttpSettings settings(Settings settings)
    {
        return HttpSettings.from(settings, DEFAULT_HTTP);
    }

    /** The files for {@code reports} over the Eastern operating days {@code first..last}, as seen on {@code today}. */
    public static List<Request> plan(List<NyisoReport> reports, LocalDate first, LocalDate last, LocalDate today)
    {
        Set<Request> requests = new LinkedHashSet<>();
        LocalDate oldestDaily = today.minusDays(DAILY_FILE_DAYS - 1);
        for (NyisoReport report : reports) {
            for (LocalDate date : MarketTime.dates(first, last)) {
                requests.add(date.isBefore(oldestDaily) ? new Request(report, date.withDayOfMonth(1), NyisoFileName.Kind.MONTHLY_ZIP)
                        : new Request(report, date, NyisoFileName.Kind.DAILY_CSV));
            }
        }
        return List.copyOf(requests);
    }

    public static PacedHttpClient client(HttpSettings settings)
    {
        return PacedHttpClient.builder(NAME, "nyiso", settings).build();
    }

    /** Lazy: each file is fetched when the landing asks for the next payload. */
    public static Iterator<Payload> payloads(PacedHttpClient client, List<Request> requests)
    {
        requireNonNull(client, "client is null");
        return io.energylakehouse.etl.connector.LiveFetch.lazily(requests, (Request request) -> {
            URI uri = request.uri(client.settings().baseUrl());
            HttpResult result = client.fetchAnswer(uri);
            return new Payload(NyisoMarket.SOURCE, request.report().reportName(), Payload.Origin.LIVE, request.requestKey(), Optional.of(uri),
                    request.fileName(), result.receivedAt(), result.status(), result.body());
        });
    }
}
