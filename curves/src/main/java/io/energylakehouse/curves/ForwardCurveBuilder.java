package io.energylakehouse.curves;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a forward curve from quotes: lays the delivery grid in the market's zone, checks (and on request
 * resolves) the quotes' consistency, keeps a linearly independent subset, and fits the maximum-smoothness
 * spline through it. At hourly granularity one spline prices every hour and peak and off-peak quotes
 * constrain it through their hour masks; at daily granularity each profile quoted gets its own daily curve
 * (peak days only for peak, and so on).
 */
public final class ForwardCurveBuilder
{
    private static final Logger log = LoggerFactory.getLogger(ForwardCurveBuilder.class);

    private ForwardCurveBuilder() {}

    public static ForwardCurve build(List<Contract> contracts, CurveRequest request)
    {
        long started = System.nanoTime();
        DeliveryGrid grid = DeliveryGrid.covering(request.calendar(), request.granularity(), request.weighting(), contracts);
        ShapeProfile.Prior prior = request.shape().onGrid(grid);
        TenorReconciliation reconciliation = new TenorReconciliation(grid, contracts, prior, request.tolerance());
        TenorReconciliation.Report report = reconciliation.check();
        List<Contract> usable = contracts;
        if (!report.consistent()) {
            if (!request.resolve()) {
                throw new InconsistentQuotesException(report);
            }
            usable = reconciliation.resolve().adjustedContracts();
            report.describe().forEach(line -> log.warn("resolved by least squares: {}", line));
        }

        Map<Profile, List<Contract>> groups = new EnumMap<>(Profile.class);
        for (Contract contract : usable) {
            Profile group = request.granularity() == Granularity.HOUR ? Profile.BASE : contract.profile();
            groups.computeIfAbsent(group, ignored -> new ArrayList<>()).add(contract);
        }
        List<ForwardCurve.Point> points = new ArrayList<>();
        List<ForwardCurve.Fit> fits = new ArrayList<>();
        List<Contract> fitted = new ArrayList<>();
        for (Map.Entry<Profile, List<Contract>> group : groups.entrySet()) {
            // each curve spans its own contracts: a segment beyond them would bend the end like an end condition
            DeliveryGrid groupGrid = DeliveryGrid.covering(request.calendar(), request.granularity(), request.weighting(), group.getValue());
            ShapeProfile.Prior groupPrior = request.shape().onGrid(groupGrid);
            fitGroup(group.getKey(), group.getValue(), groupGrid, groupPrior, request, points, fits, fitted);
        }
        log.info("curve {} {}: {} contracts ({} fitted), {} periods, {} points in {} ms", request.calendar().market(),
                request.granularity().name().toLowerCase(java.util.Locale.ROOT), contracts.size(), fitted.size(), grid.size(), points.size(),
                (System.nanoTime() - started) / 1_000_000);
        return new ForwardCurve(points, report, fitted, fits);
    }

    private static void fitGroup(Profile profile, List<Contract> contracts, DeliveryGrid grid, ShapeProfile.Prior prior, CurveRequest request,
            List<ForwardCurve.Point> points, List<ForwardCurve.Fit> fits, List<Contract> fitted)
    {
        List<Contract> independent = new TenorReconciliation(grid, contracts, prior, request.tolerance()).independentSubset();
        List<AveragingConstraint> constraints = new ArrayList<>();
        Map<Profile, double[]> weights = new EnumMap<>(Profile.class);
        for (Contract contract : independent) {
            double[] profileWeights = weights.computeIfAbsent(contract.profile(), quoted -> weights(grid, quoted));
            constraints.add(new AveragingConstraint(contract.name(), grid.indexOf(contract.deliveryStart()), grid.indexOf(contract.deliveryEnd()),
                    profileWeights, contract.price()));
        }
        MaxSmoothnessSpline.Spline spline = MaxSmoothnessSpline.fit(new MaxSmoothnessSpline.Problem(grid.size(), constraints, prior.multiplier(),
                prior.addend(), request.endCondition(), request.lowerBound(), request.upperBound(), premiumMask(grid, independent)));
        fits.add(new ForwardCurve.Fit(profile, grid, independent, spline));
        fitted.addAll(independent);
        for (int period = 0; period < grid.size(); period++) {
            if (priced(grid, profile, contracts, period)) {
                points.add(new ForwardCurve.Point(profile, grid.start(period), grid.end(period), spline.price(period)));
            }
        }
    }

    /**
     * An hourly curve quoted in peak or off-peak too gets a second smooth spline, the peak premium, added on the
     * on-peak hours: one quartic per month cannot tell a month's peak hours from its off-peak ones, so without it
     * base and peak quotes together force wild swings. Where no peak quote pins the premium it stays near zero
     * and the shape prior alone sets the peak/off-peak ratio.
     */
    private static boolean[] premiumMask(DeliveryGrid grid, List<Contract> contracts)
    {
        if (grid.granularity() != Granularity.HOUR || contracts.stream().allMatch(contract -> contract.profile() == Profile.BASE)) {
            return new boolean[0];
        }
        boolean[] mask = new boolean[grid.size()];
        for (int period = 0; period < mask.length; period++) {
            mask[period] = grid.isPeak(period);
        }
        return mask;
    }

    static double[] weights(DeliveryGrid grid, Profile profile)
    {
        double[] weights = new double[grid.size()];
        for (int period = 0; period < weights.length; period++) {
            weights[period] = grid.weight(profile, period);
        }
        return weights;
    }

    /** A period is on the curve when it delivers in the group's profile (daily), or in any quoted profile (hourly). */
    private static boolean priced(DeliveryGrid grid, Profile group, List<Contract> contracts, int period)
    {
        if (grid.granularity() == Granularity.DAY) {
            return grid.weight(group, period) > 0;
        }
        for (Contract contract : contracts) {
            if (grid.weight(contract.profile(), period) > 0) {
                return true;
            }
        }
        return false;
    }
}
