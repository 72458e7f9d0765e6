package io.energylakehouse.common.time;

import io.energylakehouse.common.LakehouseException;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A market's clock: operating days are local calendar days in the market's zone, hours are counted
 * hour-ending from the local midnight, so a spring-forward day has hours 1..23 and a fall-back day 1..25.
 * Pure Java, shared by parsers, sample generators and tests; Spark transforms compute the same thing in SQL.
 */
public record MarketTime(ZoneId zone)
{
    public MarketTime
    {
        requireNonNull(zone, "zone is null");
    }

    public static MarketTime of(String zoneId)
    {
        return new MarketTime(ZoneId.of(zoneId));
    }

    public Instant dayStart(LocalDate operatingDate)
    {
        return operatingDate.atStartOfDay(zone).toInstant();
    }

    public Instant dayEnd(LocalDate operatingDate)
    {
        return dayStart(operatingDate.plusDays(1));
    }

    public int hoursInDay(LocalDate operatingDate)
    {
        return (int) Duration.between(dayStart(operatingDate), dayEnd(operatingDate)).toHours();
    }

    public LocalDate operatingDate(Instant intervalStart)
    {
        return intervalStart.atZone(zone).toLocalDate();
    }

    /** Hour ending (1-based) of the hour that contains {@code intervalStart}, counted in elapsed hours from local midnight. */
    public int hourEnding(Instant intervalStart)
    {
        Instant dayStart = dayStart(operatingDate(intervalStart));
        return (int) (Duration.between(dayStart, intervalStart).toMinutes() / 60) + 1;
    }

    /** The start of every interval of an operating day, in order: 23, 24 or 25 hours' worth. */
    public List<Instant> intervalStarts(LocalDate operatingDate, int intervalMinutes)
    {
        if (intervalMinutes <= 0 || 60 % intervalMinutes != 0) {
            throw LakehouseException.userError("Cannot divide an hour into %d-minute intervals", intervalMinutes);
        }
        List<Instant> starts = new ArrayList<>();
        Instant end = dayEnd(operatingDate);
        for (Instant start = dayStart(operatingDate); start.isBefore(end); start = start.plus(Duration.ofMinutes(intervalMinutes))) {
            starts.add(start);
        }
        return starts;
    }

    /** Every operating date from {@code first} to {@code last}, both included. */
    public static List<LocalDate> dates(LocalDate first, LocalDate last)
    {
        if (last.isBefore(first)) {
            throw LakehouseException.userError("Cannot use date range %s..%s: the end is before the start", first, last);
        }
        List<LocalDate> dates = new ArrayList<>();
        for (LocalDate date = first; !date.isAfter(last); date = date.plusDays(1)) {
            dates.add(date);
        }
        return dates;
    }
}
