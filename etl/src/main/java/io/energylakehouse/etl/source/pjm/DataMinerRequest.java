package io.energylakehouse.etl.source.pjm;

import io.energylakehouse.common.LakehouseException;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * One Data Miner 2 request of an LMP feed: the operating days {@code firstDate..lastDate} (Eastern prevailing time,
 * both included), the pnodes and fields asked for; paged by {@code startRow}. Knows the URL, the request key each page
 * is landed under, and Data Miner's limits on a request.
 *
 * <p>Data Miner keeps the last 731 days of hourly LMPs and the last 186 days of five-minute LMPs queryable in full;
 * older rows are "archived": a request for them cannot filter by pnode (all pnodes come back), must stay within one
 * calendar year, and is sent without a field list (as gridstatus does). A standard request spans at most 365 days.
 *
 * <p>The date filter {@code datetime_beginning_ept=MM/dd/yyyy HH:mmtoMM/dd/yyyy HH:mm} includes its end, so it ends at
 * the start of the last interval of the last day ({@code 23:00} hourly, {@code 23:55} five-minute): the next day's first
 * interval is not asked for. Where it still comes back, the parser leaves it out ({@link #window(PjmReport, String)}).
 *
 * @param pnodeIds the pnodes asked for ({@code pnode_id=51217;51288}); empty for all pnodes, always empty when archived
 * @param archived whether the days are past the archive cut-off ({@link #archiveCutoff})
 * @param fields the fields asked for ({@code fields=...}); empty for all the feed has
 */
public record DataMinerRequest(PjmReport report, LocalDate firstDate, LocalDate lastDate, List<Long> pnodeIds, boolean archived, List<String> fields)
{
    /** Rows of hourly feeds older than this many days are archived. */
    public static final int HOURLY_ARCHIVE_DAYS = 731;
    /** Rows of five-minute feeds older than this many days are archived. */
    public static final int FIVE_MINUTE_ARCHIVE_DAYS = 186;
    /** Standard (not archived) queries must span under 366 days. */
    public static final int MAX_STANDARD_DAYS = 365;
    public static final String ROW_IS_CURRENT = "row_is_current";

    private static final DateTimeFormatter FILTER_TIME = DateTimeFormatter.ofPattern("MM/dd/uuuu HH:mm");
    private static final DateTimeFormatter FILE_DATE = DateTimeFormatter.ofPattern("uuuuMMdd");
    /** {@code da_hrl_lmps|2024-03-10..2024-03-10|...}: the feed and window at the start of a request key. */
    private static final Pattern KEY_WINDOW = Pattern.compile("([a-z0-9_]+)\\|(\\d{4}-\\d{2}-\\d{2})\\.\\.(\\d{4}-\\d{2}-\\d{2})\\|.*");

    /** The operating days a request key names, in UTC: {@code [startUtc, endUtc)}. */
    public record Window(LocalDate firstDate, LocalDate lastDate)
    {
        public Window
        {
            requireNonNull(firstDate, "firstDate is null");
            requireNonNull(lastDate, "lastDate is null");
        }

        public Instant startUtc()
        {
            return PjmMarket.TIME.dayStart(firstDate);
        }

        public Instant endUtc()
        {
            return PjmMarket.TIME.dayStart(lastDate.plusDays(1));
        }

        public boolean contains(Instant intervalStart)
        {
            return !intervalStart.isBefore(startUtc()) && intervalStart.isBefore(endUtc());
        }

        @Override
        public String toString()
        {
            return firstDate + ".." + lastDate;
        }
    }

    public DataMinerRequest
    {
        requireNonNull(report, "report is null");
        requireNonNull(firstDate, "firstDate is null");
        requireNonNull(lastDate, "lastDate is null");
        pnodeIds = List.copyOf(requireNonNull(pnodeIds, "pnodeIds is null"));
        fields = List.copyOf(requireNonNull(fields, "fields is null"));
        if (lastDate.isBefore(firstDate)) {
            throw LakehouseException.userError("Cannot request PJM Data Miner %s for %s..%s: the last date is before the first", report.feed(), firstDate, lastDate);
        }
        Set<Long> seen = new HashSet<>();
        for (Long pnodeId : pnodeIds) {
            if (pnodeId == null || pnodeId < 0) {
                throw LakehouseException.userError("Cannot request PJM Data Miner pnode %s: a pnode id is a whole number", pnodeId);
            }
            if (!seen.add(pnodeId)) {
                throw LakehouseException.userError("Cannot request PJM Data Miner pnodes %s: pnode %d is listed twice", pnodeIds, pnodeId);
            }
        }
        if (!fields.isEmpty()) {
            List<String> missing = new ArrayList<>(report.requiredFields());
            missing.removeAll(fields);
            if (!missing.isEmpty()) {
                throw LakehouseException.userError("Cannot request PJM Data Miner %s fields %s: the fields %s are required", report.feed(), fields, missing);
            }
        }
        long days = ChronoUnit.DAYS.between(firstDate, lastDate) + 1;
        if (archived) {
            if (!pnodeIds.isEmpty()) {
                throw LakehouseException.userError("Cannot request archived PJM Data Miner %s for %s..%s by pnode: archived rows cannot be filtered by pnode",
                        report.feed(), firstDate, lastDate);
            }
            if (firstDate.getYear() != lastDate.getYear()) {
                throw LakehouseException.userError("Cannot request archived PJM Data Miner %s for %s..%s: an archived request must stay within one calendar year",
                        report.feed(), firstDate, lastDate);
            }
        }
        else if (days > MAX_STANDARD_DAYS) {
            throw LakehouseException.userError("Cannot request PJM Data Miner %s for %s..%s (%d days): a request spans at most %d days",
                    report.feed(), firstDate, lastDate, days, MAX_STANDARD_DAYS);
        }
    }

    /** The first operating date whose rows are not archived on {@code today} (Eastern): 731 days back for hourly feeds, 186 for five-minute ones. */
    public static LocalDate archiveCutoff(PjmReport report, LocalDate today)
    {
        return today.minusDays(report.intervalMinutes() < 60 ? FIVE_MINUTE_ARCHIVE_DAYS : HOURLY_ARCHIVE_DAYS);
    }

    /**
     * The requests that cover the operating days {@code firstDate..lastDate} of {@code report} as seen on {@code today}:
     * the archived days one request per calendar year, without pnode filter or field list; the others in requests of
     * at most 365 days, filtered by {@code pnodeIds} (none: all pnodes) and asking for the feed's fields.
     */
    public static List<DataMinerRequest> plan(PjmReport report, LocalDate firstDate, LocalDate lastDate, List<Long> pnodeIds, LocalDate today)
    {
        requireNonNull(report, "report is null");
        requireNonNull(firstDate, "firstDate is null");
        requireNonNull(lastDate, "lastDate is null");
        requireNonNull(pnodeIds, "pnodeIds is null");
        requireNonNull(today, "today is null");
        if (lastDate.isBefore(firstDate)) {
            throw LakehouseException.userError("Cannot plan PJM Data Miner %s requests for %s..%s: the last date is before the first", report.feed(), firstDate, lastDate);
        }
        LocalDate cutoff = archiveCutoff(report, today);
        List<DataMinerRequest> requests = new ArrayList<>();
        LocalDate start = firstDate;
        while (!start.isAfter(lastDate) && start.isBefore(cutoff)) {
            LocalDate end = min(min(lastDate, cutoff.minusDays(1)), LocalDate.of(start.getYear(), 12, 31));
            requests.add(new DataMinerRequest(report, start, end, List.of(), true, List.of()));
            start = end.plusDays(1);
        }
        while (!start.isAfter(lastDate)) {
            LocalDate end = min(lastDate, start.plusDays(MAX_STANDARD_DAYS - 1));
            requests.add(new DataMinerRequest(report, start, end, pnodeIds, false, report.requestFields()));
            start = end.plusDays(1);
        }
        return List.copyOf(requests);
    }

    public Window window()
    {
        return new Window(firstDate, lastDate);
    }

    /**
     * The value of {@code datetime_beginning_ept}: from midnight of the first day to the start of the last interval of
     * the last day, both included, e.g. {@code 03/10/2024 00:00to03/10/2024 23:55}.
     */
    public String dateFilter()
    {
        LocalTime lastIntervalStart = LocalTime.MIDNIGHT.minusMinutes(report.intervalMinutes());
        return FILTER_TIME.format(firstDate.atStartOfDay()) + "to" + FILTER_TIME.format(lastDate.atTime(lastIntervalStart));
    }

    /** Whether the feed versions its rows: the request then asks for the current version only ({@code row_is_current=TRUE}). */
    public boolean currentRowsOnly()
    {
        return report.requestFields().contains(ROW_IS_CURRENT);
    }

    /**
     * {@code https://api.pjm.com/api/v1/da_hrl_lmps?startRow=1&rowCount=50000&fields=...&datetime_beginning_ept=03%2F10%2F2024%2000%3A00to03%2F10%2F2024%2023%3A00
     * &row_is_current=TRUE&pnode_id=51217%3B51288}
     */
    public URI toUri(String baseUrl, int startRow, int rowCount)
    {
        requireNonNull(baseUrl, "baseUrl is null");
        checkPage(startRow, rowCount);
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        StringBuilder url = new StringBuilder(base).append('/').append(report.feed())
                .append("?startRow=").append(startRow)
                .append("&rowCount=").append(rowCount);
        if (!fields.isEmpty()) {
            url.append("&fields=").append(encode(String.join(",", fields)));
        }
        url.append('&').append(PjmReport.START_EPT).append('=').append(encode(dateFilter()));
        if (currentRowsOnly()) {
            url.append('&').append(ROW_IS_CURRENT).append("=TRUE");
        }
        if (!pnodeIds.isEmpty()) {
            url.append('&').append(PjmReport.PNODE_ID).append('=').append(encode(pnodeFilter()));
        }
        return URI.create(url.toString());
    }

    /** {@code da_hrl_lmps|2024-03-10..2024-03-10|pnode_id=51217;51288|startRow=50001|rowCount=50000}; {@code all pnodes} or {@code all pnodes, archived} without a filter. */
    public String requestKey(int startRow, int rowCount)
    {
        checkPage(startRow, rowCount);
        return String.join("|", report.feed(), window().toString(), selection(), "startRow=" + startRow, "rowCount=" + rowCount);
    }

    /** {@code da_hrl_lmps_20240310_20240310_startRow50001.json} */
    public String fileName(int startRow)
    {
        return report.feed() + "_" + FILE_DATE.format(firstDate) + "_" + FILE_DATE.format(lastDate) + "_startRow" + startRow + ".json";
    }

    /** What the request selects, for messages: {@code pnode_id=51217;51288}, {@code all pnodes} or {@code all pnodes, archived}. */
    public String selection()
    {
        if (!pnodeIds.isEmpty()) {
            return PjmReport.PNODE_ID + "=" + pnodeFilter();
        }
        return archived ? "all pnodes, archived" : "all pnodes";
    }

    /**
     * The operating days a live request key names ({@link #requestKey}) when it is a key of {@code report}'s feed; empty
     * for any other key (a replayed file's).
     */
    public static Optional<Window> window(PjmReport report, String requestKey)
    {
        Matcher matcher = KEY_WINDOW.matcher(requestKey);
        if (!matcher.matches() || !matcher.group(1).equals(report.feed())) {
            return Optional.empty();
        }
        try {
            LocalDate first = LocalDate.parse(matcher.group(2));
            LocalDate last = LocalDate.parse(matcher.group(3));
            return last.isBefore(first) ? Optional.empty() : Optional.of(new Window(first, last));
        }
        catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private String pnodeFilter()
    {
        return pnodeIds.stream().map(String::valueOf).collect(Collectors.joining(";"));
    }

    private static void checkPage(int startRow, int rowCount)
    {
        if (startRow < 1 || rowCount < 1) {
            throw new IllegalArgumentException("Cannot page a Data Miner request from startRow " + startRow + " by " + rowCount + ": both count from 1");
        }
    }

    private static LocalDate min(LocalDate a, LocalDate b)
    {
        return a.isBefore(b) ? a : b;
    }

    /** Percent-encodes a query value; a space becomes {@code %20}, not {@code +}. */
    private static String encode(String value)
    {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
