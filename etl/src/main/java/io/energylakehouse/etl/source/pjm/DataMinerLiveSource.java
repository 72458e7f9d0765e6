package io.energylakehouse.etl.source.pjm;

import io.energylakehouse.etl.raw.Payload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import static java.util.Objects.requireNonNull;

/**
 * Live payloads from Data Miner 2 for operating days: the requests Data Miner's limits allow (archived days one
 * calendar year per request and for all pnodes, others at most 365 days per request), planned before the first call,
 * each paged lazily one page at a time through the client's rate limiter.
 */
public final class DataMinerLiveSource
{
    private static final Logger log = LoggerFactory.getLogger(DataMinerLiveSource.class);

    private DataMinerLiveSource() {}

    /** The requests for {@code reports} over {@code firstDate..lastDate} (Eastern operating days) as seen on {@code today}. */
    public static List<DataMinerRequest> plan(List<PjmReport> reports, LocalDate firstDate, LocalDate lastDate, List<Long> pnodeIds, LocalDate today)
    {
        List<DataMinerRequest> requests = new ArrayList<>();
        for (PjmReport report : reports) {
            List<DataMinerRequest> planned = DataMinerRequest.plan(report, firstDate, lastDate, pnodeIds, today);
            if (!pnodeIds.isEmpty() && planned.stream().anyMatch(DataMinerRequest::archived)) {
                log.info("{} {} before {} is archived: Data Miner cannot filter it by pnode, so all pnodes are fetched", DataMinerClient.NAME, report.feed(),
                        DataMinerRequest.archiveCutoff(report, today));
            }
            requests.addAll(planned);
        }
        return List.copyOf(requests);
    }

    /** Lazy: each page is fetched when the landing asks for the next payload. */
    public static Iterator<Payload> payloads(DataMinerClient client, List<DataMinerRequest> requests)
    {
        requireNonNull(client, "client is null");
        Iterator<DataMinerRequest> remaining = List.copyOf(requests).iterator();
        return new Iterator<>()
        {
            private Iterator<Payload> pages = Collections.emptyIterator();

            @Override
            public boolean hasNext()
            {
                while (!pages.hasNext() && remaining.hasNext()) {
                    pages = client.pages(remaining.next());
                }
                return pages.hasNext();
            }

            @Override
            public Payload next()
            {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return pages.next();
            }
        };
    }
}
