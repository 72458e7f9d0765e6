package io.energylakehouse.etl.connector;

import io.energylakehouse.etl.raw.Payload;

import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * A planned live fetch: what it will ask the operator for, in a line for the console ({@code 4 OASIS requests, at least
 * PT5S apart}), and its payloads, fetched lazily one request at a time as landing reads them.
 */
public record LiveFetch(String plan, Iterator<Payload> payloads)
{
    public LiveFetch
    {
        requireNonNull(plan, "plan is null");
        requireNonNull(payloads, "payloads is null");
    }

    /** The payloads of the requests, each fetched only when landing asks for the next one (never all at once). */
    public static <R> Iterator<Payload> lazily(List<R> requests, Function<R, Payload> fetch)
    {
        requireNonNull(fetch, "fetch is null");
        Iterator<R> remaining = List.copyOf(requests).iterator();
        return new Iterator<>()
        {
            @Override
            public boolean hasNext()
            {
                return remaining.hasNext();
            }

            @Override
            public Payload next()
            {
                if (!remaining.hasNext()) {
                    throw new NoSuchElementException();
                }
                return fetch.apply(remaining.next());
            }
        };
    }

}
