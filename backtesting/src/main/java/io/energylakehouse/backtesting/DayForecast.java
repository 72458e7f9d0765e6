package io.energylakehouse.backtesting;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * The forecast of one delivery day: the 24 prices that came true, the model's point forecast, and the members it
 * averages (e.g. {@code lear_56}, {@code gbt}), each 24 values by local clock hour.
 */
public record DayForecast(LocalDate day, double[] actual, double[] point, Map<String, double[]> members, double seconds)
        implements Serializable
{
    public DayForecast
    {
        requireNonNull(day, "day is null");
        requireNonNull(actual, "actual is null");
        requireNonNull(point, "point is null");
        members = Collections.unmodifiableSortedMap(new TreeMap<>(requireNonNull(members, "members is null")));
    }
}
