package io.energylakehouse.etl.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Records each wait and moves the fake clock on by it instead of sleeping (the HTTP client's and the connectors' tests share it). */
public final class RecordingSleeper
        implements Sleeper
{
    private final FakeClock clock;
    private final List<Duration> sleeps = new ArrayList<>();

    public RecordingSleeper(FakeClock clock)
    {
        this.clock = clock;
    }

    @Override
    public synchronized void sleep(Duration duration)
    {
        sleeps.add(duration);
        clock.advance(duration);
    }

    public synchronized List<Duration> sleeps()
    {
        return List.copyOf(sleeps);
    }
}
