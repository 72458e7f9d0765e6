package io.energylakehouse.etl.source.caiso;

import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.time.MarketTime;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * One OASIS SingleZip request: a report, a window in UTC and which nodes. Knows the URL OASIS expects, the
 * request key the raw landing files the response under, and OASIS's limits on a request.
 *
 * @param startUtc first instant covered; OASIS takes whole minutes
 * @param endUtc instant after the last one covered
 */
public record OasisRequest(OasisReport report, Instant startUtc, Instant endUtc, Selection selection)
{
    /** OASIS refuses longer windows with error 1004 "Data can be requested for period of 31 days only". */
    public static final Duration MAX_NODES_WINDOW = Duration.ofDays(31);
    public static final String ALL_APNODES = "ALL_APNODES";

    /** {@code startdatetime} and {@code enddatetime} are GMT, written {@code 20240310T08:00-0000}. */
    private static final DateTimeFormatter OASIS_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HH:mm'-0000'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmm'Z'").withZone(ZoneOffset.UTC);

    /**
     * Which nodes a request covers: every APNode ({@code grp_type=ALL_APNODES}), or the named nodes
     * ({@code node=N1,N2}) when {@code nodes} is not empty.
     */
    public record Selection(List<String> nodes)
    {
        public Selection
        {
            nodes = List.copyOf(requireNonNull(nodes, "nodes is null"));
            Set<String> seen = new HashSet<>();
            for (String node : nodes) {
                if (node.isBlank() || node.contains(",") || !node.strip().equals(node)) {
                    throw LakehouseException.userError("Cannot request CAISO OASIS node '%s': a node name is not blank, has no comma and no surrounding spaces", node);
                }
                if (!seen.add(node)) {
                    throw LakehouseException.userError("Cannot request CAISO OASIS nodes %s: node %s is listed twice", nodes, node);
                }
            }
        }

        public static Selection allNodes()
        {
            return new Selection(List.of());
        }

        public static Selection ofNodes(List<String> nodes)
        {
            if (nodes.isEmpty()) {
                throw LakehouseException.userError("Cannot request CAISO OASIS for an empty list of nodes: name at least one node, or use all nodes");
            }
            return new Selection(nodes);
        }

        public boolean isAllNodes()
        {
            return nodes.isEmpty();
        }

        /** {@code ALL_APNODES} or {@code nodes:N1,N2}, as in the request key. */
        public String key()
        {
            return isAllNodes() ? ALL_APNODES : "nodes:" + String.join(",", nodes);
        }
    }

    public OasisRequest
    {
        requireNonNull(report, "report is null");
        requireNonNull(startUtc, "startUtc is null");
        requireNonNull(endUtc, "endUtc is null");
        requireNonNull(selection, "selection is null");
        for (Instant instant : List.of(startUtc, endUtc)) {
            if (!instant.truncatedTo(ChronoUnit.MINUTES).equals(instant)) {
                throw LakehouseException.userError("Cannot request CAISO OASIS %s at %s: OASIS takes whole minutes", report.queryName(), instant);
            }
        }
    }

    public static OasisRequest allNodes(OasisReport report, Instant startUtc, Instant endUtc)
    {
        return new OasisRequest(report, startUtc, endUtc, Selection.allNodes());
    }

    public static OasisRequest ofNodes(OasisReport report, Instant startUtc, Instant endUtc, List<String> nodes)
    {
        return new OasisRequest(report, startUtc, endUtc, Selection.ofNodes(nodes));
    }

    /**
     * The requests that cover the operating days {@code firstOperatingDate..lastOperatingDate} (Pacific,
     * both included). With no nodes: all APNodes in windows of the report's all-nodes window, one per
     * operating day for DAM (23 or 25 hours on DST days) and one per hour for RTM. With nodes: windows of
     * at most 31 operating days, each ending at a Pacific midnight.
     */
    public static List<OasisRequest> plan(OasisReport report, LocalDate firstOperatingDate, LocalDate lastOperatingDate, List<String> nodes)
    {
        requireNonNull(report, "report is null");
        requireNonNull(firstOperatingDate, "firstOperatingDate is null");
        requireNonNull(lastOperatingDate, "lastOperatingDate is null");
        requireNonNull(nodes, "nodes is null");
        if (lastOperatingDate.isBefore(firstOperatingDate)) {
            throw LakehouseException.userError("Cannot plan CAISO OASIS %s requests for %s..%s: the last operating date is before the first",
                    report.queryName(), firstOperatingDate, lastOperatingDate);
        }
        Selection selection = new Selection(nodes);
        Duration window = selection.isAllNodes() ? report.allNodesWindow() : MAX_NODES_WINDOW;
        Instant end = CaisoMarket.TIME.dayEnd(lastOperatingDate);
        List<OasisRequest> requests = new ArrayList<>();
        Instant start = CaisoMarket.TIME.dayStart(firstOperatingDate);
        while (start.isBefore(end)) {
            Instant windowEnd = latestEnd(start, window);
            if (windowEnd.isAfter(end)) {
                windowEnd = end;
            }
            requests.add(new OasisRequest(report, start, windowEnd, selection));
            start = windowEnd;
        }
        return List.copyOf(requests);
    }

    /**
     * {@code https://oasis.caiso.com/oasisapi/SingleZip?queryname=PRC_LMP&version=12&market_run_id=DAM&resultformat=6
     * &startdatetime=20240310T08:00-0000&enddatetime=20240311T07:00-0000&grp_type=ALL_APNODES}; {@code resultformat=6}
     * asks for CSV.
     */
    public URI toUri(String baseUrl)
    {
        requireNonNull(baseUrl, "baseUrl is null");
        StringBuilder url = new StringBuilder(baseUrl)
                .append(baseUrl.contains("?") ? '&' : '?')
                .append("queryname=").append(encode(report.queryName()))
                .append("&version=").append(report.version())
                .append("&market_run_id=").append(encode(report.marketRunId()))
                .append("&resultformat=6")
                .append("&startdatetime=").append(OASIS_TIME.format(startUtc))
                .append("&enddatetime=").append(OASIS_TIME.format(endUtc));
        if (selection.isAllNodes()) {
            url.append("&grp_type=").append(ALL_APNODES);
        }
        else {
            url.append("&node=").append(selection.nodes().stream().map(OasisRequest::encode).collect(Collectors.joining(",")));
        }
        return URI.create(url.toString());
    }

    /** {@code PRC_LMP|DAM|2024-03-10T08:00:00Z|2024-03-11T07:00:00Z|ALL_APNODES}, or {@code ...|nodes:N1,N2}. */
    public String requestKey()
    {
        return String.join("|", report.queryName(), report.marketRunId(), startUtc.toString(), endUtc.toString(), selection.key());
    }

    /** {@code PRC_LMP_20240310T0800Z.zip}: the name of a response that came without a Content-Disposition file name. */
    public String defaultFileName()
    {
        return report.queryName() + "_" + FILE_TIME.format(startUtc) + ".zip";
    }

    /**
     * Fails with a user error when OASIS would refuse or choke on this request: the start not before the end,
     * an all-nodes window longer than the report's all-nodes window, a named-nodes window longer than 31
     * days (windows in days are counted in Pacific calendar days, so a 25-hour operating day is one day), or
     * a start older than {@code retentionMonths} before {@code today} (OASIS error 1014).
     */
    public void validate(LocalDate today, int retentionMonths)
    {
        requireNonNull(today, "today is null");
        if (!startUtc.isBefore(endUtc)) {
            throw LakehouseException.userError("Cannot request CAISO OASIS %s from %s to %s: the start is not before the end",
                    report.queryName(), startUtc, endUtc);
        }
        if (selection.isAllNodes()) {
            if (endUtc.isAfter(latestEnd(startUtc, report.allNodesWindow()))) {
                throw LakehouseException.userError(
                        "Cannot request CAISO OASIS %s for all nodes from %s to %s (%s): OASIS serves all nodes of %s for at most %s per request",
                        report.queryName(), startUtc, endUtc, describe(Duration.between(startUtc, endUtc)), report.marketRunId(),
                        describe(report.allNodesWindow()));
            }
        }
        else if (endUtc.isAfter(latestEnd(startUtc, MAX_NODES_WINDOW))) {
            throw LakehouseException.userError(
                    "Cannot request CAISO OASIS %s for nodes %s from %s to %s (%s): OASIS serves at most %s per request (error 1004)",
                    report.queryName(), String.join(",", selection.nodes()), startUtc, endUtc, describe(Duration.between(startUtc, endUtc)),
                    describe(MAX_NODES_WINDOW));
        }
        LocalDate earliestDate = today.minusMonths(retentionMonths);
        if (startUtc.isBefore(CaisoMarket.TIME.dayStart(earliestDate))) {
            throw LakehouseException.userError(
                    "Cannot request CAISO OASIS %s starting %s (operating date %s): OASIS keeps about %d months, so on %s the earliest operating date is %s (error 1014)",
                    report.queryName(), startUtc, CaisoMarket.TIME.operatingDate(startUtc), retentionMonths, today, earliestDate);
        }
    }

    /**
     * The latest end of a window from {@code start}: a window of whole days counts Pacific calendar days
     * (so it can be 23 or 25 hours long per day), any other window counts elapsed time.
     */
    static Instant latestEnd(Instant start, Duration window)
    {
        MarketTime time = CaisoMarket.TIME;
        if (!window.isZero() && window.equals(Duration.ofDays(window.toDays()))) {
            return start.atZone(time.zone()).plusDays(window.toDays()).toInstant();
        }
        return start.plus(window);
    }

    private static String describe(Duration duration)
    {
        if (duration.equals(Duration.ofDays(duration.toDays()))) {
            return plural(duration.toDays(), "day");
        }
        if (duration.equals(Duration.ofHours(duration.toHours()))) {
            return plural(duration.toHours(), "hour");
        }
        return plural(duration.toMinutes(), "minute");
    }

    private static String plural(long count, String unit)
    {
        return count + " " + unit + (count == 1 ? "" : "s");
    }

    /** Percent-encodes a query value; a space becomes {@code %20}, not {@code +}. */
    private static String encode(String value)
    {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
