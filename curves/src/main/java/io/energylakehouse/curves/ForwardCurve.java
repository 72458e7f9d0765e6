package io.energylakehouse.curves;

import java.time.ZonedDateTime;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A fitted curve: one point per period (and per profile at daily granularity, where base, peak and off-peak
 * are separate curves), the reconciliation report, the contracts the spline was fitted through (adjusted
 * when resolved), and the splines themselves.
 */
public record ForwardCurve(List<Point> points, TenorReconciliation.Report report, List<Contract> fittedContracts, List<Fit> fits)
{
    public ForwardCurve
    {
        points = List.copyOf(requireNonNull(points, "points is null"));
        requireNonNull(report, "report is null");
        fittedContracts = List.copyOf(requireNonNull(fittedContracts, "fittedContracts is null"));
        fits = List.copyOf(requireNonNull(fits, "fits is null"));
    }

    /** A curve price for the period [periodStart, periodEnd) (local market time with offset). */
    public record Point(Profile profile, ZonedDateTime periodStart, ZonedDateTime periodEnd, double price)
    {
        public Point
        {
            requireNonNull(profile, "profile is null");
            requireNonNull(periodStart, "periodStart is null");
            requireNonNull(periodEnd, "periodEnd is null");
        }
    }

    /** One spline: the profile it prices (BASE for an hourly curve, which prices every hour), its grid and contracts. */
    public record Fit(Profile profile, DeliveryGrid grid, List<Contract> contracts, MaxSmoothnessSpline.Spline spline)
    {
        public Fit
        {
            requireNonNull(profile, "profile is null");
            requireNonNull(grid, "grid is null");
            contracts = List.copyOf(contracts);
            requireNonNull(spline, "spline is null");
        }
    }
}
