package io.energylakehouse.etl.connector;

import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What a market's published hub tables are made of: the rows of its day-ahead dataset as they are, and of its
 * real-time dataset averaged per hour (an hour holds {@code 60 / realTimeIntervalMinutes} intervals), of the locations
 * of {@code locationType}: its trading hubs ({@code hub}), its zones where the market trades zones (NYISO), its bidding
 * zones or delivery areas (ENTSO-E, Nord Pool: {@code zone}, {@code area}) or the one system price (AESO: {@code system}).
 * A market with no day-ahead market (AESO) or no real-time prices we land (the European day-ahead auctions) has one side.
 */
public record HubDatasets(Optional<String> dayAheadDataset, Optional<String> realTimeDataset, int realTimeIntervalMinutes, String locationType)
{
    /** The location type of trading hubs. */
    public static final String HUB = "hub";

    /** A market whose published locations are its trading hubs. */
    public HubDatasets(String dayAhead, String realTime, int realTimeIntervalMinutes)
    {
        this(dayAhead, realTime, realTimeIntervalMinutes, HUB);
    }

    public HubDatasets(String dayAhead, String realTime, int realTimeIntervalMinutes, String locationType)
    {
        this(Optional.of(dayAhead), Optional.of(realTime), realTimeIntervalMinutes, locationType);
    }

    /** A market that publishes day-ahead prices only (the European day-ahead auctions), of locations of {@code locationType}. */
    public static HubDatasets dayAheadOnly(String dayAhead, String locationType)
    {
        return new HubDatasets(Optional.of(dayAhead), Optional.empty(), 60, locationType);
    }

    /** A market with real-time prices only (AESO's pool price), of locations of {@code locationType}. */
    public static HubDatasets realTimeOnly(String realTime, int realTimeIntervalMinutes, String locationType)
    {
        return new HubDatasets(Optional.empty(), Optional.of(realTime), realTimeIntervalMinutes, locationType);
    }

    public HubDatasets
    {
        requireNonNull(dayAheadDataset, "dayAheadDataset is null");
        requireNonNull(realTimeDataset, "realTimeDataset is null");
        requireNonNull(locationType, "locationType is null");
        if (dayAheadDataset.isEmpty() && realTimeDataset.isEmpty()) {
            throw new IllegalArgumentException("Cannot publish hub prices of no dataset: name a day-ahead or a real-time dataset");
        }
        if (realTimeIntervalMinutes <= 0 || 60 % realTimeIntervalMinutes != 0) {
            throw new IllegalArgumentException("Cannot publish hourly real-time averages of " + realTimeIntervalMinutes + "-minute intervals: they do not divide an hour");
        }
    }

    /** The day-ahead dataset; for code paths that need both sides (a market with one side is refused there by name). */
    public String dayAhead()
    {
        return dayAheadDataset.orElseThrow(() -> new IllegalStateException("Cannot use the day-ahead dataset of hub prices with none (real-time only: "
                + realTimeDataset.orElse("") + ")"));
    }

    /** The real-time dataset; for code paths that need both sides. */
    public String realTime()
    {
        return realTimeDataset.orElseThrow(() -> new IllegalStateException("Cannot use the real-time dataset of hub prices with none (day-ahead only: "
                + dayAheadDataset.orElse("") + ")"));
    }
}
