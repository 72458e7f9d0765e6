package io.energylakehouse.etl.source.ercot;

import io.energylakehouse.common.LakehouseException;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static java.util.Objects.requireNonNull;

/**
 * One request to ERCOT's public API for the delivery dates {@code firstDate..lastDate} (Central prevailing time, both
 * included) of a report: either its data endpoint ({@code deliveryDateFrom}/{@code deliveryDateTo}, paged by
 * {@code page}/{@code size} to {@code _meta.totalPages}), or, for older dates, its archive: the documents listed by
 * {@code /archive/{emilId}} for the posting times that cover those dates, each downloaded by its {@code docId}.
 *
 * <p>The archive filters by <em>posting</em> time, not delivery date: DAM prices (NP4-190-CD) are posted the day before
 * delivery, real-time prices (NP6-905-CD) minutes after each 15-minute interval, the 2-Day AS disclosure (NP3-911-ER)
 * two days after. The listing is asked for the posting times that cover the dates, and the documents are then chosen by
 * their delivery date ({@link ErcotArchiveListing#forDeliveryDates}).
 *
 * @param archive whether the dates are fetched from the archive rather than the data endpoint
 */
public record ErcotApiRequest(ErcotReport report, LocalDate firstDate, LocalDate lastDate, boolean archive)
{
    /** Delivery dates older than this many days are fetched from the archive (gridstatus's threshold; ERCOT's varies by product). */
    public static final int ARCHIVE_AFTER_DAYS = 90;
    /** Archive listing entries per page: the most the archive returns. */
    public static final int ARCHIVE_PAGE_SIZE = 1000;

    private static final DateTimeFormatter POSTED = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
    private static final DateTimeFormatter FILE_DATE = DateTimeFormatter.ofPattern("uuuuMMdd");

    /** Posting times {@code [from, to]} as the archive's {@code postDatetimeFrom}/{@code postDatetimeTo} take them: Central time, no offset. */
    public record PostingWindow(LocalDateTime from, LocalDateTime to)
    {
        public PostingWindow
        {
            requireNonNull(from, "from is null");
            requireNonNull(to, "to is null");
        }

        @Override
        public String toString()
        {
            return POSTED.format(from) + ".." + POSTED.format(to);
        }
    }

    public ErcotApiRequest
    {
        requireNonNull(report, "report is null");
        requireNonNull(firstDate, "firstDate is null");
        requireNonNull(lastDate, "lastDate is null");
        if (lastDate.isBefore(firstDate)) {
            throw LakehouseException.userError("Cannot request ERCOT %s for delivery dates %s..%s: the last date is before the first", report.emilId(), firstDate, lastDate);
        }
    }

    /** {@link #plan(ErcotReport, LocalDate, LocalDate, LocalDate, int)} with the archive {@value #ARCHIVE_AFTER_DAYS} days back. */
    public static List<ErcotApiRequest> plan(ErcotReport report, LocalDate firstDate, LocalDate lastDate, LocalDate today)
    {
        return plan(report, firstDate, lastDate, today, ARCHIVE_AFTER_DAYS);
    }

    /**
     * The requests for the delivery dates {@code firstDate..lastDate} as seen on {@code today} (Central): dates older
     * than {@code archiveAfterDays} from the archive, one request per calendar month; the others from the data endpoint,
     * one request per delivery date (a date's pages are revisions of that date only).
     */
    public static List<ErcotApiRequest> plan(ErcotReport report, LocalDate firstDate, LocalDate lastDate, LocalDate today, int archiveAfterDays)
    {
        requireNonNull(report, "report is null");
        requireNonNull(today, "today is null");
        if (lastDate.isBefore(firstDate)) {
            throw LakehouseException.userError("Cannot plan ERCOT %s requests for delivery dates %s..%s: the last date is before the first", report.emilId(),
                    firstDate, lastDate);
        }
        if (archiveAfterDays < 0) {
            throw new IllegalArgumentException("archiveAfterDays is negative: " + archiveAfterDays);
        }
        LocalDate firstCurrent = today.minusDays(archiveAfterDays);
        List<ErcotApiRequest> requests = new ArrayList<>();
        LocalDate start = firstDate;
        while (!start.isAfter(lastDate) && start.isBefore(firstCurrent)) {
            LocalDate monthEnd = start.withDayOfMonth(start.lengthOfMonth());
            LocalDate end = min(min(lastDate, firstCurrent.minusDays(1)), monthEnd);
            requests.add(new ErcotApiRequest(report, start, end, true));
            start = end.plusDays(1);
        }
        for (LocalDate date = start; !date.isAfter(lastDate); date = date.plusDays(1)) {
            requests.add(new ErcotApiRequest(report, date, date, false));
        }
        return List.copyOf(requests);
    }

    /**
     * The posting times whose archived documents of {@code emilId} hold deliveries on {@code firstDate..lastDate}: the day
     * before for NP4-190-CD, the dates themselves (until 01:00 of the next day, for the interval ending at midnight and
     * late postings) for NP6-905-CD, two days after for NP3-911-ER.
     */
    public static PostingWindow postingWindow(String emilId, LocalDate firstDate, LocalDate lastDate)
    {
        requireNonNull(emilId, "emilId is null");
        return switch (emilId.toUpperCase(Locale.ROOT)) {
            case "NP4-190-CD" -> new PostingWindow(firstDate.minusDays(1).atStartOfDay(), lastDate.atStartOfDay());
            case "NP6-905-CD" -> new PostingWindow(firstDate.atStartOfDay(), lastDate.plusDays(1).atTime(1, 0));
            case "NP3-911-ER" -> new PostingWindow(firstDate.plusDays(2).atStartOfDay(), lastDate.plusDays(3).atStartOfDay());
            default -> throw LakehouseException.userError("Cannot list ERCOT %s archive documents by delivery date: the product's posting schedule is not known "
                    + "(known: NP4-190-CD, NP6-905-CD, NP3-911-ER)", emilId);
        };
    }

    public PostingWindow postingWindow()
    {
        return postingWindow(report.emilId(), firstDate, lastDate);
    }

    /**
     * {@code https://api.ercot.com/api/public-reports/np4-190-cd/dam_stlmnt_pnt_prices?deliveryDateFrom=2024-07-01&deliveryDateTo=2024-07-01&page=1&size=100000}
     */
    public URI dataUri(String baseUrl, int page, int size)
    {
        checkPage(page, size);
        return URI.create(base(baseUrl) + report.apiEndpoint() + "?deliveryDateFrom=" + firstDate + "&deliveryDateTo=" + lastDate + "&page=" + page + "&size=" + size);
    }

    /** {@code NP4-190-CD|api|2024-07-01..2024-07-01|page=1|size=100000}: the key a data page is landed under. */
    public String requestKey(int page, int size)
    {
        checkPage(page, size);
        return String.join("|", report.emilId(), "api", firstDate + ".." + lastDate, "page=" + page, "size=" + size);
    }

    /** {@code dam_spp_api_20240701_20240701_page1.json} */
    public String fileName(int page)
    {
        return report.reportName() + "_api_" + FILE_DATE.format(firstDate) + "_" + FILE_DATE.format(lastDate) + "_page" + page + ".json";
    }

    /**
     * {@code https://api.ercot.com/api/public-reports/archive/np4-190-cd?postDatetimeFrom=2024-06-30T00:00:00&postDatetimeTo=2024-07-01T00:00:00&size=1000&page=1}
     */
    public static URI listingUri(String baseUrl, String emilId, PostingWindow window, int page)
    {
        checkPage(page, ARCHIVE_PAGE_SIZE);
        return URI.create(base(baseUrl) + "/archive/" + encode(emilId.toLowerCase(Locale.ROOT)) + "?postDatetimeFrom=" + encode(POSTED.format(window.from()))
                + "&postDatetimeTo=" + encode(POSTED.format(window.to())) + "&size=" + ARCHIVE_PAGE_SIZE + "&page=" + page);
    }

    /** {@code https://api.ercot.com/api/public-reports/archive/np4-190-cd?download=1049861718}: one archived document, a zip. */
    public static URI downloadUri(String baseUrl, String emilId, long docId)
    {
        return URI.create(base(baseUrl) + "/archive/" + encode(emilId.toLowerCase(Locale.ROOT)) + "?download=" + docId);
    }

    /** {@code NP4-190-CD|archive|docId=1049861718|posted=2024-06-30T13:30:07}: the key an archived document is landed under. */
    public static String documentKey(String emilId, ErcotArchiveListing.Document document)
    {
        return String.join("|", emilId, "archive", "docId=" + document.docId(), "posted=" + POSTED.format(document.postedLocal()));
    }

    /** What the request covers, for messages: {@code NP4-190-CD 2024-07-01..2024-07-01} (and {@code from the archive}). */
    public String describe()
    {
        return report.emilId() + " " + firstDate + ".." + lastDate + (archive ? " from the archive" : "");
    }

    private static void checkPage(int page, int size)
    {
        if (page < 1 || size < 1) {
            throw new IllegalArgumentException("Cannot ask ERCOT for page " + page + " of size " + size + ": both count from 1");
        }
    }

    private static String base(String baseUrl)
    {
        return baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    private static LocalDate min(LocalDate a, LocalDate b)
    {
        return a.isBefore(b) ? a : b;
    }

    private static String encode(String value)
    {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
