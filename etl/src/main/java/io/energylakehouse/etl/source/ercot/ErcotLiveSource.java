package io.energylakehouse.etl.source.ercot;

import io.energylakehouse.etl.raw.Payload;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

import static java.util.Objects.requireNonNull;

/**
 * Live payloads from ERCOT's public API for delivery dates: recent dates from the data endpoints one date per request,
 * older ones from the archive one calendar month per request; planned before the first call, fetched lazily one
 * payload at a time through the client's rate limiter.
 */
public final class ErcotLiveSource
{
    private ErcotLiveSource() {}

    /** The requests for {@code reports} over the delivery dates {@code firstDate..lastDate} (Central) as seen on {@code today}. */
    public static List<ErcotApiRequest> plan(List<ErcotReport> reports, LocalDate firstDate, LocalDate lastDate, LocalDate today)
    {
        List<ErcotApiRequest> requests = new ArrayList<>();
        for (ErcotReport report : reports) {
            requests.addAll(ErcotApiRequest.plan(report, firstDate, lastDate, today));
        }
        return List.copyOf(requests);
    }

    /** Lazy: each page or document is fetched when the landing asks for the next payload. */
    public static Iterator<Payload> payloads(ErcotApiClient client, List<ErcotApiRequest> requests)
    {
        requireNonNull(client, "client is null");
        Iterator<ErcotApiRequest> remaining = List.copyOf(requests).iterator();
        return new Iterator<>()
        {
            private Iterator<Payload> current = Collections.emptyIterator();

            @Override
            public boolean hasNext()
            {
                while (!current.hasNext() && remaining.hasNext()) {
                    current = client.payloads(remaining.next());
                }
                return current.hasNext();
            }

            @Override
            public Payload next()
            {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }
}
