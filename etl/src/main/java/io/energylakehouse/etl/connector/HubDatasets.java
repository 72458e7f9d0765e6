package io.energylakehouse.etl.connector;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * What a market's published hub tables are made of: the rows of its day-ahead dataset as they are, and of its
 * real-time dataset averaged per hour (an hour holds {@code 60 / realTimeIntervalMinutes} intervals), of the locations
 * of {@code locationType}: its trading hubs ({@code hub}), its zones where the market trades zones (NYISO), its bidding
 * zones or delivery areas (ENTSO-E, Nord Pool: {@code zone}, {@code area}) or the one system price (AESO: {@code system}).
 * A market with no day-ahead market (AESO) or no real-time prices we land (the European day-ahead auctions) has one side.
 *
 * <p>Where the day-ahead auction also clears sub-hourly products (the European day-ahead auction in quarter hours since
 * 2025-10-01), {@code dayAheadSubHourlyDataset} names that dataset: an hour with no row of the hourly dataset takes the
 * mean of its sub-hourly prices, counted in {@code da_interval_count}.
 */
public record HubDatasets(Optional<String> dayAheadDataset, Optional<String> realTimeDataset, int realTimeIntervalMinutes, String locationType,
        Optional<String> dayAheadSubHourlyDataset, int dayAheadSubHourlyMinutes, List<String> otherLocationTypes)
{
    /** The location type of trading hubs. */
    public static final String HUB = "hub";
    /** The market run of the day-ahead datasets, as the analytics tables name it. */
    public static final String DAY_AHEAD = "day_ahead";
    /** The market run of the real-time dataset. */
    public static final String REAL_TIME = "real_time";

    /** A market whose published locations are its trading hubs. */
    public HubDatasets(String dayAhead, String realTime, int realTimeIntervalMinutes)
    {
        this(dayAhead, realTime, realTimeIntervalMinutes, HUB);
    }

    public HubDatasets(String dayAhead, String realTime, int realTimeIntervalMinutes, String locationType)
    {
        this(Optional.of(dayAhead), Optional.of(realTime), realTimeIntervalMinutes, locationType, Optional.empty(), 60);
    }

    /** A market that publishes day-ahead prices only (the European day-ahead auctions), of locations of {@code locationType}. */
    public static HubDatasets dayAheadOnly(String dayAhead, String locationType)
    {
        return new HubDatasets(Optional.of(dayAhead), Optional.empty(), 60, locationType, Optional.empty(), 60);
    }

    /**
     * A market whose day-ahead auction clears sub-hourly products only (JEPX's 48 half hours): each hour's day-ahead price
     * is the mean of its {@code minutes}-long intervals, counted in {@code da_interval_count}.
     */
    public static HubDatasets subHourlyDayAheadOnly(String dayAhead, int minutes, String locationType)
    {
        return new HubDatasets(Optional.empty(), Optional.empty(), 60, locationType, Optional.of(dayAhead), minutes);
    }

    /** A market with real-time prices only (AESO's pool price), of locations of {@code locationType}. */
    public static HubDatasets realTimeOnly(String realTime, int realTimeIntervalMinutes, String locationType)
    {
        return new HubDatasets(Optional.empty(), Optional.of(realTime), realTimeIntervalMinutes, locationType, Optional.empty(), 60);
    }

    /** These datasets, with the day-ahead auction's sub-hourly dataset, whose hourly means stand in for hours the hourly dataset lacks. */
    public HubDatasets withSubHourlyDayAhead(String dataset, int minutes)
    {
        return new HubDatasets(dayAheadDataset, realTimeDataset, realTimeIntervalMinutes, locationType, Optional.of(dataset), minutes, otherLocationTypes);
    }

    public HubDatasets(Optional<String> dayAheadDataset, Optional<String> realTimeDataset, int realTimeIntervalMinutes, String locationType,
            Optional<String> dayAheadSubHourlyDataset, int dayAheadSubHourlyMinutes)
    {
        this(dayAheadDataset, realTimeDataset, realTimeIntervalMinutes, locationType, dayAheadSubHourlyDataset, dayAheadSubHourlyMinutes, List.of());
    }

    /**
     * These datasets, publishing the locations of {@code type} too: where a market's main locations are of two types
     * (JEPX's system price and its nine area prices, on which the Japanese futures settle).
     */
    public HubDatasets alsoPublishing(String type)
    {
        List<String> others = new java.util.ArrayList<>(otherLocationTypes);
        others.add(type);
        return new HubDatasets(dayAheadDataset, realTimeDataset, realTimeIntervalMinutes, locationType, dayAheadSubHourlyDataset, dayAheadSubHourlyMinutes, others);
    }

    /** The location types of the published hub tables: {@link #locationType} first. */
    public List<String> publishedLocationTypes()
    {
        List<String> types = new java.util.ArrayList<>(List.of(locationType));
        types.addAll(otherLocationTypes);
        return List.copyOf(types);
    }

    public HubDatasets
    {
        otherLocationTypes = List.copyOf(requireNonNull(otherLocationTypes, "otherLocationTypes is null"));
        requireNonNull(dayAheadDataset, "dayAheadDataset is null");
        requireNonNull(realTimeDataset, "realTimeDataset is null");
        requireNonNull(locationType, "locationType is null");
        requireNonNull(dayAheadSubHourlyDataset, "dayAheadSubHourlyDataset is null");
        if (dayAheadDataset.isEmpty() && realTimeDataset.isEmpty() && dayAheadSubHourlyDataset.isEmpty()) {
            throw new IllegalArgumentException("Cannot publish hub prices of no dataset: name a day-ahead or a real-time dataset");
        }
        for (int minutes : new int[] {realTimeIntervalMinutes, dayAheadSubHourlyMinutes}) {
            if (minutes <= 0 || 60 % minutes != 0) {
                throw new IllegalArgumentException("Cannot publish hourly averages of " + minutes + "-minute intervals: they do not divide an hour");
            }
        }
    }

    /** Day-ahead intervals an hour holds where no row says: 1 for an hourly dataset, 60 / minutes for a sub-hourly one only, 0 without either. */
    public long expectedDayAheadIntervalsPerHour()
    {
        return dayAheadDataset.isPresent() ? 1L : dayAheadSubHourlyDataset.isPresent() ? 60 / dayAheadSubHourlyMinutes : 0L;
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

    /** Every dataset the published tables read, with its market run ({@link #DAY_AHEAD} or {@link #REAL_TIME}), day-ahead first. */
    public Map<String, String> runs()
    {
        Map<String, String> runs = new LinkedHashMap<>();
        dayAheadDataset.ifPresent(dataset -> runs.put(dataset, DAY_AHEAD));
        dayAheadSubHourlyDataset.ifPresent(dataset -> runs.put(dataset, DAY_AHEAD));
        realTimeDataset.ifPresent(dataset -> runs.put(dataset, REAL_TIME));
        return runs;
    }

    /** The names of {@link #runs}, for filters. */
    public String[] names()
    {
        return runs().keySet().toArray(String[]::new);
    }
}
