package io.energylakehouse.etl.connector;

import static java.util.Objects.requireNonNull;

/**
 * What a market's published hub tables are made of: the rows of its day-ahead dataset as they are, and of its
 * real-time dataset averaged per hour (an hour holds {@code 60 / realTimeIntervalMinutes} intervals), of the locations
 * of {@code locationType}: its trading hubs ({@code hub}), or its zones where the market trades zones (NYISO).
 */
public record HubDatasets(String dayAhead, String realTime, int realTimeIntervalMinutes, String locationType)
{
    /** The location type of trading hubs. */
    public static final String HUB = "hub";

    /** A market whose published locations are its trading hubs. */
    public HubDatasets(String dayAhead, String realTime, int realTimeIntervalMinutes)
    {
        this(dayAhead, realTime, realTimeIntervalMinutes, HUB);
    }

    public HubDatasets
    {
        requireNonNull(dayAhead, "dayAhead is null");
        requireNonNull(realTime, "realTime is null");
        requireNonNull(locationType, "locationType is null");
        if (realTimeIntervalMinutes <= 0 || 60 % realTimeIntervalMinutes != 0) {
            throw new IllegalArgumentException("Cannot publish hourly real-time averages of " + realTimeIntervalMinutes + "-minute intervals: they do not divide an hour");
        }
    }
}
