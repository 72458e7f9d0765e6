package io.energylakehouse.etl.http;

/**
 * Bearer tokens for an API that issues short-lived ones (ERCOT's last about an hour). The client asks for
 * {@link #token()} before each attempt and, when the service answers HTTP 401, for {@link #refresh()} once.
 * Implementations must not put token values in exception messages or logs.
 */
public interface TokenSource
{
    /** The current token, obtaining one first if there is none or it is about to expire. */
    String token();

    /** Discards the current token and obtains a new one. */
    String refresh();
}
