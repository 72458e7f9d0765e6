package io.energylakehouse.curves;

import static java.util.Objects.requireNonNull;

/**
 * One contract as the spline sees it: the weighted average of the curve over the periods
 * {@code [firstPeriod, endPeriod)} with the given per-period weights equals {@code price}.
 * {@code weights} is indexed by period over the whole grid; periods outside the range are ignored.
 */
public record AveragingConstraint(String name, int firstPeriod, int endPeriod, double[] weights, double price)
{
    public AveragingConstraint
    {
        requireNonNull(name, "name is null");
        requireNonNull(weights, "weights is null");
        if (firstPeriod < 0 || endPeriod <= firstPeriod || endPeriod > weights.length) {
            throw new IllegalArgumentException("Cannot constrain " + name + ": periods [" + firstPeriod + ", " + endPeriod + ") outside the grid of " + weights.length);
        }
    }

    public double totalWeight()
    {
        double total = 0;
        for (int period = firstPeriod; period < endPeriod; period++) {
            total += weights[period];
        }
        return total;
    }
}
