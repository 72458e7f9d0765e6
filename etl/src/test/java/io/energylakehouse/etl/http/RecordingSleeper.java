package io.energylakehouse.etl.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Records each wait and moves the fake clock on by it instead of sleeping. */
final class RecordingSleeper
        implements Sleeper
{
    private final FakeClock clock;
    private final List<Duration> sleeps = new ArrayList<>();

    RecordingSleeper(FakeClock clock)
    {
        this.clock = clock;
    }

    @Override
    public synchronized void sleep(Duration duration)
    {
        sleeps.add(duration);
        clock.advance(duration);
    }

    synchronized List<Duration> sleeps()
    {
        return List.copyOf(sleeps);
    }
}
