package io.energylakehouse.etl.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import static java.util.Objects.requireNonNull;

/**
 * Keeps the last token from a fetcher until {@code margin} before it expires, then fetches a new one; a
 * connector supplies the fetcher (e.g. ERCOT's sign-in POST).
 */
public final class ExpiringTokenSource
        implements TokenSource
{
    /** A token and when it stops working. */
    public record Token(String value, Instant expiresAt)
    {
        public Token
        {
            requireNonNull(value, "value is null");
            requireNonNull(expiresAt, "expiresAt is null");
        }

        @Override
        public String toString()
        {
            return "Token[value=***, expiresAt=" + expiresAt + "]";
        }
    }

    private final Supplier<Token> fetcher;
    private final Duration margin;
    private final Clock clock;

    /** Guarded by this; null before the first fetch. */
    private Token current;

    public ExpiringTokenSource(Supplier<Token> fetcher, Duration margin, Clock clock)
    {
        this.fetcher = requireNonNull(fetcher, "fetcher is null");
        this.margin = requireNonNull(margin, "margin is null");
        this.clock = requireNonNull(clock, "clock is null");
        if (margin.isNegative()) {
            throw new IllegalArgumentException("Cannot use token margin " + margin + ": must not be negative");
        }
    }

    @Override
    public synchronized String token()
    {
        if (current == null || !clock.instant().isBefore(current.expiresAt().minus(margin))) {
            return refresh();
        }
        return current.value();
    }

    @Override
    public synchronized String refresh()
    {
        current = requireNonNull(fetcher.get(), "fetcher returned null");
        return current.value();
    }
}
