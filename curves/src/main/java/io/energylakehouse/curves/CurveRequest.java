package io.energylakehouse.curves;

import java.util.OptionalDouble;

import static java.util.Objects.requireNonNull;

/**
 * How to build a curve: the market calendar (zone and peak block), the granularity, how contracts average
 * (hours or days), the shape prior, the end condition, optional price bounds, whether inconsistent quotes
 * are resolved by least squares (else refused), and the tolerance below which a gap between a quote and
 * the quotes that tile it counts as rounding.
 */
public record CurveRequest(MarketCalendar calendar, Granularity granularity, Weighting weighting, ShapeProfile shape,
        EndCondition endCondition, OptionalDouble lowerBound, OptionalDouble upperBound, boolean resolve, double tolerance)
{
    /** Quotes are usually settled to the cent: gaps up to half a cent are rounding. */
    public static final double DEFAULT_TOLERANCE = 0.005;

    public CurveRequest
    {
        requireNonNull(calendar, "calendar is null");
        requireNonNull(granularity, "granularity is null");
        requireNonNull(weighting, "weighting is null");
        requireNonNull(shape, "shape is null");
        requireNonNull(endCondition, "endCondition is null");
        requireNonNull(lowerBound, "lowerBound is null");
        requireNonNull(upperBound, "upperBound is null");
        if (!(tolerance >= 0)) {
            throw new IllegalArgumentException("Cannot use tolerance " + tolerance + ": it must be zero or positive");
        }
    }

    public static CurveRequest defaults(MarketCalendar calendar, Granularity granularity)
    {
        return new CurveRequest(calendar, granularity, Weighting.HOURS, ShapeProfile.flat(), EndCondition.NONE,
                OptionalDouble.empty(), OptionalDouble.empty(), false, DEFAULT_TOLERANCE);
    }

    public CurveRequest withWeighting(Weighting newWeighting)
    {
        return new CurveRequest(calendar, granularity, newWeighting, shape, endCondition, lowerBound, upperBound, resolve, tolerance);
    }

    public CurveRequest withShape(ShapeProfile newShape)
    {
        return new CurveRequest(calendar, granularity, weighting, newShape, endCondition, lowerBound, upperBound, resolve, tolerance);
    }

    public CurveRequest withEndCondition(EndCondition newEndCondition)
    {
        return new CurveRequest(calendar, granularity, weighting, shape, newEndCondition, lowerBound, upperBound, resolve, tolerance);
    }

    public CurveRequest withBounds(OptionalDouble lower, OptionalDouble upper)
    {
        return new CurveRequest(calendar, granularity, weighting, shape, endCondition, lower, upper, resolve, tolerance);
    }

    public CurveRequest withResolve(boolean newResolve)
    {
        return new CurveRequest(calendar, granularity, weighting, shape, endCondition, lowerBound, upperBound, newResolve, tolerance);
    }

    public CurveRequest withTolerance(double newTolerance)
    {
        return new CurveRequest(calendar, granularity, weighting, shape, endCondition, lowerBound, upperBound, resolve, newTolerance);
    }
}
