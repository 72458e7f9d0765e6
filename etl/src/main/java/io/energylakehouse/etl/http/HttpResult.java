package io.energylakehouse.etl.http;

import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Instant;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * A response read whole: a successful (2xx) one, or from {@link PacedHttpClient#fetchAnswer} also a client error
 * the operator answered with.
 *
 * @param uri the URI the connector asked for, without credential query parameters
 * @param status the HTTP status, 200 to 299 (or 4xx from {@link PacedHttpClient#fetchAnswer})
 * @param headers the response headers
 * @param body the body as received (after any redirects); not copied, so do not change it
 * @param receivedAt when the response arrived, per the client's clock
 */
public record HttpResult(URI uri, int status, HttpHeaders headers, byte[] body, Instant receivedAt)
{
    public HttpResult
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
}
