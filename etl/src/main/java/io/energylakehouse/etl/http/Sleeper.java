package io.energylakehouse.etl.http;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Waits; a client's only way to pass time, so tests can record waits instead of sleeping. */
@FunctionalInterface
public interface Sleeper
{
    void sleep(Duration duration)
            throws InterruptedException;

    /** Sleeps the calling thread. */
    static Sleeper threadSleeper()
    {
        return duration -> TimeUnit.NANOSECONDS.sleep(duration.toNanos());
    }
}
