package io.energylakehouse.etl.connector;

import static java.util.Objects.requireNonNull;

/**
 * What a market's published hub tables are made of: the hub rows of its day-ahead dataset as they are, and of its
 * real-time dataset averaged per hour (an hour holds {@code 60 / realTimeIntervalMinutes} intervals).
 */
public record HubDatasets(String dayAhead, String realTime, int realTimeIntervalMinutes)
{
    public HubDatasets
    {
        requireNonNull(dayAhead, "dayAhead is null");
        requireNonNull(realTime, "realTime is null");
        if (realTimeIntervalMinutes <= 0 || 60 % realTimeIntervalMinutes != 0) {
            throw new IllegalArgumentException("Cannot publish hourly real-time averages of " + realTimeIntervalMinutes + "-minute intervals: they do not divide an hour");
        }
    }
}
