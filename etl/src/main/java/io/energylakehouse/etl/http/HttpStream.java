package io.energylakehouse.etl.http;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A successful (2xx) response whose body is read as it arrives, for downloads too large to hold. Close it.
 * Only the response headers are retried; an I/O error while reading the body is the caller's.
 */
public record HttpStream(URI uri, int status, HttpHeaders headers, InputStream body, Instant receivedAt)
        implements Closeable
{
    public HttpStream
    {
        requireNonNull(uri, "uri is null");
        requireNonNull(headers, "headers is null");
        requireNonNull(body, "body is null");
        requireNonNull(receivedAt, "receivedAt is null");
    }

    public Optional<String> header(String name)
    {
        return headers.firstValue(name);
    }

    @Override
    public void close()
            throws IOException
    {
        body.close();
    }
}
