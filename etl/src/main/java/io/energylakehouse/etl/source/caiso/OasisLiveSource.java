package io.energylakehouse.etl.source.caiso;

import io.energylakehouse.etl.raw.Payload;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Live payloads from OASIS for operating days: the requests OASIS's limits allow (one day per request for
 * day-ahead, one hour for real-time with all nodes; 31 days with named nodes), validated before the first
 * call, fetched lazily one at a time through the client's rate limiter.
 */
public final class OasisLiveSource
{
    private OasisLiveSource() {}

    public static List<OasisRequest> plan(List<OasisReport> reports, LocalDate first, LocalDate last, List<String> nodes, LocalDate today, int retentionMonths)
    {
        List<OasisRequest> requests = new ArrayList<>();
        for (OasisReport report : reports) {
            requests.addAll(OasisRequest.plan(report, first, last, nodes));
        }
        requests.forEach(request -> request.validate(today, retentionMonths));
        return requests;
    }

    /** Lazy: each request is fetched when the landing asks for the next payload. */
    public static Iterator<Payload> payloads(OasisClient client, List<OasisRequest> requests)
    {
        return requests.stream().map(client::fetch).iterator();
    }
}
