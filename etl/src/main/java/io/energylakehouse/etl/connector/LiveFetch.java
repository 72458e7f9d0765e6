package io.energylakehouse.etl.connector;

import io.energylakehouse.etl.raw.Payload;

import java.util.Iterator;

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
}
