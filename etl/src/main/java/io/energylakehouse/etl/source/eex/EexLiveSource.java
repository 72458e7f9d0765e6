package io.energylakehouse.etl.source.eex;

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
 * Live EEX yearly auction reports: {@code {base-url}emission-spot-primary-market-auction-report-{year}-data.xls}
 * ({@code .xlsx} since 2020), one file per year touched by the days asked for, no credentials, fetched lazily through
 * the paced client. The request key is the one the parser gives a replayed file of that year, so a later download of
 * a year (with the newest auctions added) is a revision of the earlier one.
 *
 * <p><b>Unverified:</b> the URL template. The default base URL is the best-known public location of EEX's archived
 * reports (the {@code Archive_Reports} folder under {@code fileadmin/EEX/Downloads/EUA_Emission_Spot_Primary_Market_Auction_Report/});
 * no request to it was made while writing this, and the current year's file may live elsewhere. Set
 * {@code etl.eex.base-url} to where the files really are. EEX's rate limits are not published: the default pause is
 * five seconds (a request per year, so a handful of requests per run).
 */
public final class EexLiveSource
{
    public static final String PREFIX = HttpSettings.prefix("eex");
    public static final String DEFAULT_BASE_URL = "https://www.eex.com/fileadmin/EEX/Downloads/EUA_Emission_Spot_Primary_Market_Auction_Report/Archive_Reports/";
    public static final HttpSettings DEFAULT_HTTP = new HttpSettings(PREFIX, DEFAULT_BASE_URL, Duration.ofSeconds(5), 4, Duration.ofSeconds(10),
            Duration.ofMinutes(2), HttpSettings.DEFAULT_MAX_BACKOFF);

    private final PacedHttpClient client;

    public EexLiveSource(PacedHttpClient client)
    {
        this.client = requireNonNull(client, "client is null");
    }

    /** A client under the settings' {@code etl.eex.*} keys. */
    public static EexLiveSource of(Settings settings)
    {
        HttpSettings http = HttpSettings.from(settings, DEFAULT_HTTP);
        return new EexLiveSource(PacedHttpClient.builder("EEX auction reports", "eex", http).build());
    }

    /** One yearly report to fetch. */
    public record Request(int year)
    {
        public String fileName()
        {
            return EexFileName.yearly(year);
        }

        public String requestKey()
        {
            return EexAuctionParser.contentKey(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
        }

        public URI uri(String baseUrl)
        {
            return URI.create((baseUrl.endsWith("/") ? baseUrl : baseUrl + "/") + fileName());
        }
    }

    /** The yearly reports of the days {@code first..last} that can exist at {@code now} (no year after now's). */
    public static List<Request> plan(LocalDate first, LocalDate last, Instant now)
    {
        int nowYear = LocalDate.ofInstant(now, EexAuctions.ZONE).getYear();
        List<Request> requests = new ArrayList<>();
        for (int year = first.getYear(); year <= Math.min(last.getYear(), nowYear); year++) {
            requests.add(new Request(year));
        }
        return List.copyOf(requests);
    }

    /** Fetches one report; a client error (a 404 for a year EEX has no file of) is kept as the payload, for the parser to judge. */
    public Payload fetch(Request request)
    {
        URI uri = request.uri(client.settings().baseUrl());
        HttpResult result = client.fetchAnswer(uri);
        return new Payload(EexAuctions.SOURCE, EexAuctions.REQUEST_NAME, Payload.Origin.LIVE, request.requestKey(), Optional.of(uri), request.fileName(),
                result.receivedAt(), result.status(), result.body());
    }

    /** Lazy: each report is fetched when the landing asks for the next payload. */
    public Iterator<Payload> payloads(List<Request> requests)
    {
        return io.energylakehouse.etl.connector.LiveFetch.lazily(requests, this::fetch);
    }

    public HttpSettings settings()
    {
        return client.settings();
    }
}
