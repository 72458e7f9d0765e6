package io.energylakehouse.etl.source.ercot;

import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.etl.http.Credentials;
import io.energylakehouse.etl.http.ExpiringTokenSource;
import io.energylakehouse.etl.http.HttpResult;
import io.energylakehouse.etl.http.HttpSettings;
import io.energylakehouse.etl.http.PacedHttpClient;
import io.energylakehouse.etl.http.SecretVariable;
import io.energylakehouse.etl.http.Sleeper;
import io.energylakehouse.etl.raw.Payload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static java.util.Objects.requireNonNull;

/**
 * Fetches ERCOT's public API through a {@link PacedHttpClient}. Every call carries both of ERCOT's credentials: the
 * {@code Ocp-Apim-Subscription-Key} header from {@code ERCOT_PUBLIC_API_SUBSCRIPTION_KEY}, and {@code Authorization:
 * Bearer} with an id token from signing in with {@code ERCOT_API_USERNAME} and {@code ERCOT_API_PASSWORD}. The token
 * lasts about an hour: it is kept until five minutes before it expires, then a new one is asked for, and once more when
 * the API answers HTTP 401. Calls are serialised and spaced by {@code etl.ercot.request-pause}; HTTP 429, 5xx and I/O
 * errors are retried with back-off.
 *
 * <p>A data request is paged ({@code page=1..}) to {@code _meta.totalPages}, one live payload per page; a page with
 * {@code totalRecords} 0 is "no data" and ends it. A client error (4xx other than 401, 403, 429) is the operator's
 * answer: it comes back as a payload and ends the paging. An archive request lists the archive for the posting times
 * that cover its dates (all listing pages), chooses the documents of those delivery dates and downloads each by its
 * {@code docId}, one payload per document, lazily.
 */
public final class ErcotApiClient
{
    private static final Logger log = LoggerFactory.getLogger(ErcotApiClient.class);

    public static final String NAME = "ERCOT public API";
    public static final String CONNECTOR = "ercot";
    public static final String SUBSCRIPTION_KEY_HEADER = "Ocp-Apim-Subscription-Key";
    public static final SecretVariable SUBSCRIPTION_KEY = new SecretVariable("ERCOT_PUBLIC_API_SUBSCRIPTION_KEY",
            "the primary key of a subscription to the Public API product at apiexplorer.ercot.com");
    public static final SecretVariable USERNAME = new SecretVariable("ERCOT_API_USERNAME", "the user name of an apiexplorer.ercot.com account");
    public static final SecretVariable PASSWORD = new SecretVariable("ERCOT_API_PASSWORD", "the password of that apiexplorer.ercot.com account");
    /** A token is replaced this long before it expires. */
    public static final Duration TOKEN_MARGIN = Duration.ofMinutes(5);

    /** {@code attachment; filename=cdr.00012331.0000000000000000.20240630.133007.DAMSPNP4190_csv.zip}, quoted or not. */
    private static final Pattern FILE_NAME = Pattern.compile("(?i)(?:^|;)\\s*filename\\s*=\\s*(?:\"([^\"]*)\"|([^;]*))");

    private final ErcotApiConfig config;
    private final PacedHttpClient client;

    /** A data page fetched: the payload, what the page says of the whole, and the page after it if there is one. */
    public record Page(Payload payload, Optional<Long> totalRecords, Optional<Long> totalPages, long rows, Optional<Integer> nextPage)
    {
        public Page
        {
            requireNonNull(payload, "payload is null");
            requireNonNull(totalRecords, "totalRecords is null");
            requireNonNull(totalPages, "totalPages is null");
            requireNonNull(nextPage, "nextPage is null");
        }
    }

    /** A client with the credentials of {@code environment}, the system clock and real sleeps. */
    public ErcotApiClient(ErcotApiConfig config, Function<String, String> environment)
    {
        this(config, environment, PacedHttpClient.httpClient(config.http()), Clock.systemUTC(), Sleeper.threadSleeper());
    }

    /** Reads the three variables first: a missing one fails here, naming it, before any request. */
    public ErcotApiClient(ErcotApiConfig config, Function<String, String> environment, HttpClient httpClient, Clock clock, Sleeper sleeper)
    {
        this.config = requireNonNull(config, "config is null");
        requireNonNull(environment, "environment is null");
        requireNonNull(httpClient, "httpClient is null");
        requireNonNull(clock, "clock is null");
        requireNonNull(sleeper, "sleeper is null");
        Credentials subscriptionKey = Credentials.header(SUBSCRIPTION_KEY_HEADER, SUBSCRIPTION_KEY, "ERCOT", environment);
        ErcotSignIn signIn = new ErcotSignIn(URI.create(config.tokenUrl()), USERNAME.read("ERCOT", environment), PASSWORD.read("ERCOT", environment),
                httpClient, config.http(), clock, sleeper);
        Credentials credentials = Credentials.bearer(new ExpiringTokenSource(signIn, TOKEN_MARGIN, clock)).and(subscriptionKey);
        this.client = PacedHttpClient.builder(NAME, CONNECTOR, config.http())
                .credentials(credentials)
                .throttleHint(String.format("ERCOT's public API is throttling this client (its published limit is not verified here): raise %s, %s or %s",
                        config.http().key(HttpSettings.REQUEST_PAUSE), config.http().key(HttpSettings.THROTTLE_BACKOFF), config.http().key(HttpSettings.MAX_ATTEMPTS)))
                .httpClient(httpClient)
                .clock(clock)
                .sleeper(sleeper)
                .build();
    }

    public ErcotApiConfig config()
    {
        return config;
    }

    /** The payloads of one request, fetched lazily: data pages one at a time, or the archive listing first and then each document. */
    public Iterator<Payload> payloads(ErcotApiRequest request)
    {
        requireNonNull(request, "request is null");
        return request.archive() ? archivePayloads(request) : dataPages(request);
    }

    /** Fetches page {@code page} of a data request as a live payload, with the page after it if the page says there is one; logs one line. */
    public Page fetchPage(ErcotApiRequest request, int page)
    {
        requireNonNull(request, "request is null");
        if (request.archive()) {
            throw new IllegalArgumentException("Cannot fetch a data page of an archive request: " + request.describe());
        }
        int size = config.pageSize();
        URI uri = request.dataUri(config.http().baseUrl(), page, size);
        HttpResult result = client.fetchAnswer(uri);
        Payload payload = new Payload(ErcotMarket.SOURCE, request.report().reportName(), Payload.Origin.LIVE, request.requestKey(page, size), Optional.of(uri),
                request.fileName(page), result.receivedAt(), result.status(), result.body());
        String where = String.format("%s %s, page %d", NAME, request.describe(), page);
        Optional<ErcotApiPage.Meta> meta = Optional.empty();
        String unreadable = null;
        if (result.status() >= 200 && result.status() <= 299) {
            try {
                meta = Optional.of(meta(result.body(), payload.fileName(), request.report()));
            }
            catch (LakehouseException | IOException e) {
                unreadable = e.getMessage();
            }
        }
        if (meta.isEmpty()) {
            log.warn("{}: HTTP {}, {}; not paging further", where, result.status(), unreadable != null ? unreadable : "body starts: " + PacedHttpClient.excerpt(result.body()));
            return new Page(payload, Optional.empty(), Optional.empty(), 0, Optional.empty());
        }
        ErcotApiPage.Meta read = meta.get();
        Optional<Long> totalRecords = Optional.ofNullable(read.totalRecords);
        Optional<Long> totalPages = Optional.ofNullable(read.totalPages);
        Optional<Integer> next = Optional.empty();
        if (totalRecords.orElse(0L) > 0 && read.dataRows > 0 && totalPages.isPresent() && page < totalPages.get()) {
            next = Optional.of(page + 1);
        }
        if (read.errorCode != null || read.errorMessage != null) {
            log.warn("{}: HTTP {}, the operator's error {}: {}; not paging further", where, result.status(), read.errorCode, read.errorMessage);
        }
        else if (totalRecords.isPresent() && totalRecords.get() == 0) {
            log.info("{}: HTTP {}, no data (totalRecords 0), {} bytes", where, result.status(), result.body().length);
        }
        else {
            log.info("{} of {}: HTTP {}, {} rows of {}, {} bytes", where, totalPages.map(String::valueOf).orElse("an unknown number"), result.status(),
                    read.dataRows, totalRecords.map(String::valueOf).orElse("an unknown total"), result.body().length);
        }
        return new Page(payload, totalRecords, totalPages, read.dataRows, next);
    }

    /**
     * The archived documents of {@code emilId} for the delivery dates {@code firstDate..lastDate}, oldest posting first:
     * lists every page of the archive for the posting times that cover those dates and chooses by delivery date.
     */
    public List<ErcotArchiveListing.Document> archiveDocuments(String emilId, LocalDate firstDate, LocalDate lastDate)
    {
        ErcotApiRequest.PostingWindow window = ErcotApiRequest.postingWindow(emilId, firstDate, lastDate);
        Map<Long, ErcotArchiveListing.Document> chosen = new LinkedHashMap<>();
        int page = 1;
        while (true) {
            URI uri = ErcotApiRequest.listingUri(config.http().baseUrl(), emilId, window, page);
            HttpResult result = client.fetch(uri);
            String fileName = String.format("archive listing of %s, page %d", emilId, page);
            ErcotArchiveListing listing = ErcotArchiveListing.parse(new ByteArrayInputStream(result.body()), fileName);
            if (!listing.emilId().equalsIgnoreCase(emilId)) {
                throw LakehouseException.badData("Cannot read ERCOT %s: it lists documents of %s, not %s", fileName, listing.emilId(), emilId);
            }
            List<ErcotArchiveListing.Document> documents = listing.forDeliveryDates(firstDate, lastDate);
            documents.forEach(document -> chosen.putIfAbsent(document.docId(), document));
            log.info("{} archive {} posted {}, page {} of {}: {} documents, {} for delivery dates {}..{}", NAME, emilId, window, listing.currentPage(),
                    listing.totalPages(), listing.documents().size(), documents.size(), firstDate, lastDate);
            Optional<Integer> next = listing.nextPage();
            if (next.isEmpty() || next.get() <= page) {
                break;
            }
            page = next.get();
        }
        return chosen.values().stream()
                .sorted(Comparator.comparing(ErcotArchiveListing.Document::postedAtUtc).thenComparingLong(ErcotArchiveListing.Document::docId))
                .toList();
    }

    /** Downloads one archived document of {@code report} (a zip holding one CSV) as a live payload; logs one line. */
    public Payload download(ErcotReport report, ErcotArchiveListing.Document document)
    {
        requireNonNull(report, "report is null");
        requireNonNull(document, "document is null");
        URI uri = ErcotApiRequest.downloadUri(config.http().baseUrl(), report.emilId(), document.docId());
        HttpResult result = client.fetch(uri);
        String fileName = fileName(result.header("Content-Disposition").orElse("")).orElse(defaultFileName(document));
        log.info("{} archive {} document {} ({}, posted {}): HTTP {}, {} bytes as {}", NAME, report.emilId(), document.docId(), document.friendlyName(),
                document.postedLocal(), result.status(), result.body().length, fileName);
        return new Payload(ErcotMarket.SOURCE, report.reportName(), Payload.Origin.LIVE, ErcotApiRequest.documentKey(report.emilId(), document), Optional.of(uri),
                fileName, result.receivedAt(), result.status(), result.body());
    }

    private Iterator<Payload> dataPages(ErcotApiRequest request)
    {
        return new Iterator<>()
        {
            private Integer nextPage = 1;

            @Override
            public boolean hasNext()
            {
                return nextPage != null;
            }

            @Override
            public Payload next()
            {
                if (nextPage == null) {
                    throw new NoSuchElementException();
                }
                Page page = fetchPage(request, nextPage);
                nextPage = page.nextPage().orElse(null);
                return page.payload();
            }
        };
    }

    private Iterator<Payload> archivePayloads(ErcotApiRequest request)
    {
        return new Iterator<>()
        {
            private Iterator<ErcotArchiveListing.Document> documents;

            @Override
            public boolean hasNext()
            {
                if (documents == null) {
                    documents = archiveDocuments(request.report().emilId(), request.firstDate(), request.lastDate()).iterator();
                }
                return documents.hasNext();
            }

            @Override
            public Payload next()
            {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return download(request.report(), documents.next());
            }
        };
    }

    /** What paging needs of a data page, read as a stream without keeping its rows. */
    private static ErcotApiPage.Meta meta(byte[] body, String fileName, ErcotReport report)
            throws IOException
    {
        return ErcotApiPage.read(new ByteArrayInputStream(body), fileName, report, new ErcotApiPage.RowSink()
        {
            @Override
            public void header(List<String> names, String where) {}

            @Override
            public void row(int number, String text, List<String> fields) {}
        });
    }

    /** The {@code filename} of a Content-Disposition header, without any folder part. */
    static Optional<String> fileName(String contentDisposition)
    {
        Matcher matcher = FILE_NAME.matcher(contentDisposition);
        if (!matcher.find()) {
            return Optional.empty();
        }
        String name = (matcher.group(1) != null ? matcher.group(1) : matcher.group(2)).trim();
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        return name.isEmpty() ? Optional.empty() : Optional.of(name);
    }

    /** {@code DAMSPNP4190_1049861718.zip}: the friendly name (its characters kept to letters, digits, dot, dash, underscore) and the docId. */
    private static String defaultFileName(ErcotArchiveListing.Document document)
    {
        String friendly = document.friendlyName().replaceAll("[^A-Za-z0-9._-]", "_");
        return (friendly.isEmpty() ? "document" : friendly) + "_" + document.docId() + ".zip";
    }
}
