package io.energylakehouse.curves.job;

import io.energylakehouse.curves.EndCondition;
import io.energylakehouse.curves.Granularity;
import io.energylakehouse.curves.Weighting;

import java.time.LocalDate;
import java.util.Optional;
import java.util.OptionalDouble;

import static java.util.Objects.requireNonNull;

/**
 * What the curve job builds: the curves of one trade date (as-of), for one market or all markets with
 * settlements that day, at a granularity, with the fit's options. {@code shapeFromHistory} estimates the
 * hourly shape prior from the market's curated day-ahead prices of the {@code lookbackDays} before the as-of date.
 */
public record CurveJobOptions(LocalDate asOf, Optional<String> market, Granularity granularity, Weighting weighting, EndCondition endCondition,
        boolean resolve, boolean shapeFromHistory, int lookbackDays, OptionalDouble lowerBound)
{
    public CurveJobOptions
    {
        requireNonNull(asOf, "asOf is null");
        requireNonNull(market, "market is null");
        requireNonNull(granularity, "granularity is null");
        requireNonNull(weighting, "weighting is null");
        requireNonNull(endCondition, "endCondition is null");
        requireNonNull(lowerBound, "lowerBound is null");
        if (lookbackDays < 1) {
            throw new IllegalArgumentException("Cannot look back " + lookbackDays + " days for a shape: give at least 1");
        }
    }

    public static CurveJobOptions daily(LocalDate asOf)
    {
        return new CurveJobOptions(asOf, Optional.empty(), Granularity.DAY, Weighting.HOURS, EndCondition.NONE, false, false, 365, OptionalDouble.empty());
    }

    public CurveJobOptions withMarket(String newMarket)
    {
        return new CurveJobOptions(asOf, Optional.of(newMarket), granularity, weighting, endCondition, resolve, shapeFromHistory, lookbackDays, lowerBound);
    }

    public CurveJobOptions withGranularity(Granularity newGranularity, boolean newShapeFromHistory)
    {
        return new CurveJobOptions(asOf, market, newGranularity, weighting, endCondition, resolve, newShapeFromHistory, lookbackDays, lowerBound);
    }

    public CurveJobOptions withResolve(boolean newResolve)
    {
        return new CurveJobOptions(asOf, market, granularity, weighting, endCondition, newResolve, shapeFromHistory, lookbackDays, lowerBound);
    }

    public CurveJobOptions withFit(Weighting newWeighting, EndCondition newEndCondition, OptionalDouble newLowerBound)
    {
        return new CurveJobOptions(asOf, market, granularity, newWeighting, newEndCondition, resolve, shapeFromHistory, lookbackDays, newLowerBound);
    }
}
