package io.energylakehouse.etl.http;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that stands still until told to move. */
public final class FakeClock
        extends Clock
{
    private Instant now;

    public FakeClock(Instant now)
    {
        this.now = now;
    }

    public synchronized void advance(Duration duration)
    {
        now = now.plus(duration);
    }

    @Override
    public synchronized Instant instant()
    {
        return now;
    }

    @Override
    public ZoneId getZone()
    {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone)
    {
        throw new UnsupportedOperationException("the fake clock is UTC only");
    }
}
