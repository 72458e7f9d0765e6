package io.energylakehouse.curves;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;
import org.ojalgo.matrix.store.MatrixStore;
import org.ojalgo.matrix.store.R064Store;
import org.ojalgo.optimisation.Optimisation;
import org.ojalgo.optimisation.convex.ConvexSolver;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * The maximum-smoothness forward curve of Benth, Koekebakker and Ollmar (2007): price(t) = (f(t) + a(t)) s(t)
 * where s and a are a multiplicative and an additive shape prior and f is a piecewise quartic spline with
 * knots at the contracts' delivery bounds. f minimises the integral of f''(t)^2 subject to f, f' and f''
 * being continuous at every knot and to every contract's weighted average of the prices over its delivery
 * periods equalling its quote.
 *
 * <p>The equality-constrained quadratic program is solved through its KKT system
 * [2H A'; A 0] [x; lambda] = [0; b] by EJML's LU decomposition. Each segment's quartic is written in local
 * coordinates u = (t - knot) / T, with T the mean segment length, so a five-year hourly curve (43,800
 * periods) has coefficients and matrix entries of order one. The minimiser does not depend on T or on where
 * the origin is (a change of variable scales the objective by a constant), so the curve is the same one
 * the paper's global-time formulation gives.
 *
 * <p>Bounds on the price (e.g. non-negative) are inequality constraints on every period; they go to ojAlgo's
 * convex QP solver, by constraint generation: solve, add the periods that violate a bound, solve again, until
 * none does. The final active set is then solved exactly as a KKT system, so the contract averages hold to
 * machine precision.
 */
public final class MaxSmoothnessSpline
{
    private static final int COEFFICIENTS = 5;
    private static final int MAX_BOUND_ROUNDS = 50;
    /** Weight of the premium spline's integral of g^2: breaks the tie where no peak quote pins the premium's level. */
    private static final double PREMIUM_RIDGE = 1e-6;

    private MaxSmoothnessSpline() {}

    /** The problem: a grid of {@code periods} periods at times 0..periods-1, constraints, prior, options. */
    public record Problem(int periods, List<AveragingConstraint> constraints, double[] multiplier, double[] addend,
            EndCondition endCondition, OptionalDouble lowerBound, OptionalDouble upperBound, boolean[] premium)
    {
        public Problem
        {
            constraints = List.copyOf(requireNonNull(constraints, "constraints is null"));
            requireNonNull(multiplier, "multiplier is null");
            requireNonNull(addend, "addend is null");
            requireNonNull(endCondition, "endCondition is null");
            requireNonNull(lowerBound, "lowerBound is null");
            requireNonNull(upperBound, "upperBound is null");
            requireNonNull(premium, "premium is null");
            if (premium.length != 0 && premium.length != periods) {
                throw new IllegalArgumentException("Cannot fit a curve of " + periods + " periods with a premium mask of " + premium.length + " periods");
            }
            if (multiplier.length != periods || addend.length != periods) {
                throw new IllegalArgumentException("Cannot fit a curve of " + periods + " periods with a prior of " + multiplier.length + " periods");
            }
            if (constraints.isEmpty()) {
                throw new IllegalArgumentException("Cannot fit a curve: no contracts");
            }
            if (lowerBound.isPresent() && upperBound.isPresent() && lowerBound.getAsDouble() > upperBound.getAsDouble()) {
                throw new IllegalArgumentException("Cannot fit a curve: lower bound " + lowerBound.getAsDouble() + " is above upper bound " + upperBound.getAsDouble());
            }
            for (int period = 0; period < periods; period++) {
                if (!(multiplier[period] > 0) || !Double.isFinite(multiplier[period]) || !Double.isFinite(addend[period])) {
                    throw new IllegalArgumentException("Cannot fit a curve: the shape prior of period " + period + " is " + multiplier[period]
                            + " (multiplicative) and " + addend[period] + " (additive); multiplicative factors must be positive and finite");
                }
            }
        }

        boolean bounded()
        {
            return lowerBound.isPresent() || upperBound.isPresent();
        }

        /** 2 when on-peak periods carry a premium spline g on top of f, else 1. */
        int components()
        {
            return premium.length == 0 ? 1 : 2;
        }

        boolean premiumAt(int period)
        {
            return premium.length != 0 && premium[period];
        }
    }

    /** The fitted spline: knots (period indices), the time scale and each segment's local coefficients. */
    public record Spline(int[] knots, double timeScale, double[][] coefficients, double[][] premiumCoefficients, boolean[] premium,
            double[] multiplier, double[] addend)
    {
        public int segments()
        {
            return coefficients.length;
        }

        public int segmentOf(int period)
        {
            int low = 0;
            int high = knots.length - 2;
            while (low < high) {
                int middle = (low + high + 1) >>> 1;
                if (knots[middle] <= period) {
                    low = middle;
                }
                else {
                    high = middle - 1;
                }
            }
            return low;
        }

        /** The spline f (before the prior) at period time {@code period}. */
        public double spline(int period)
        {
            int segment = segmentOf(period);
            return derivative(segment, 0, (period - knots[segment]) / timeScale);
        }

        /** The premium spline g at a period (0 off-peak, and when the curve has no premium). */
        public double premium(int period)
        {
            if (premium.length == 0 || !premium[period]) {
                return 0;
            }
            int segment = segmentOf(period);
            double u = (period - knots[segment]) / timeScale;
            double[] c = premiumCoefficients[segment];
            return c[0] + u * (c[1] + u * (c[2] + u * (c[3] + u * c[4])));
        }

        /** The curve price of a period: (f + g [on-peak] + a) s. */
        public double price(int period)
        {
            return (spline(period) + premium(period) + addend[period]) * multiplier[period];
        }

        public double[] prices()
        {
            double[] prices = new double[knots[knots.length - 1]];
            for (int period = 0; period < prices.length; period++) {
                prices[period] = price(period);
            }
            return prices;
        }

        /**
         * The {@code order}-th derivative (0, 1 or 2) of segment {@code segment}'s quartic at local coordinate u,
         * with respect to time in periods.
         */
        public double derivative(int segment, int order, double u)
        {
            double[] c = coefficients[segment];
            double value;
            switch (order) {
                case 0:
                    value = c[0] + u * (c[1] + u * (c[2] + u * (c[3] + u * c[4])));
                    break;
                case 1:
                    value = c[1] + u * (2 * c[2] + u * (3 * c[3] + u * 4 * c[4]));
                    break;
                case 2:
                    value = 2 * c[2] + u * (6 * c[3] + u * 12 * c[4]);
                    break;
                default:
                    throw new IllegalArgumentException("Cannot take derivative of order " + order);
            }
            return value / Math.pow(timeScale, order);
        }

        /** Local coordinate of the end of a segment (its length in units of the time scale). */
        public double segmentLength(int segment)
        {
            return (knots[segment + 1] - knots[segment]) / timeScale;
        }
    }

    public static Spline fit(Problem problem)
    {
        int[] knots = knots(problem);
        int segments = knots.length - 1;
        double timeScale = (double) problem.periods() / segments;
        int components = problem.components();
        int variables = components * segments * COEFFICIENTS;

        DMatrixRMaj hessian = twiceH(knots, timeScale, variables, components);
        List<double[]> rows = new ArrayList<>();
        List<Double> targets = new ArrayList<>();
        for (int component = 0; component < components; component++) {
            addContinuity(knots, timeScale, variables, component * segments * COEFFICIENTS, rows, targets);
        }
        for (AveragingConstraint constraint : problem.constraints()) {
            addAverage(problem, constraint, knots, timeScale, variables, rows, targets);
        }
        for (int component = 0; problem.endCondition() == EndCondition.ZERO_SLOPE && component < components; component++) {
            double[] row = new double[variables];
            int offset = (component * segments + segments - 1) * COEFFICIENTS;
            double h = (knots[segments] - knots[segments - 1]) / timeScale;
            row[offset + 1] = 1;
            row[offset + 2] = 2 * h;
            row[offset + 3] = 3 * h * h;
            row[offset + 4] = 4 * h * h * h;
            rows.add(row);
            targets.add(0.0);
        }

        if (problem.endCondition() == EndCondition.NONE && sameMeanTime(problem)) {
            // one contract (or several centred on the same instant) leaves a straight line's slope free at zero
            // curvature: take the flat one, as a single quote implies
            double[] row = new double[variables];
            row[1] = 1;
            rows.add(row);
            targets.add(0.0);
        }

        double[] solution = solveKkt(hessian, rows, targets, variables);
        Spline spline = toSpline(knots, timeScale, solution, problem);
        if (!problem.bounded()) {
            return spline;
        }
        return fitWithinBounds(problem, knots, timeScale, hessian, rows, targets, spline);
    }

    private static boolean sameMeanTime(Problem problem)
    {
        double lowest = Double.POSITIVE_INFINITY;
        double highest = Double.NEGATIVE_INFINITY;
        for (AveragingConstraint constraint : problem.constraints()) {
            double weighted = 0;
            double total = 0;
            for (int period = constraint.firstPeriod(); period < constraint.endPeriod(); period++) {
                double weight = constraint.weights()[period] * problem.multiplier()[period];
                weighted += weight * period;
                total += weight;
            }
            lowest = Math.min(lowest, weighted / total);
            highest = Math.max(highest, weighted / total);
        }
        return highest - lowest < 1e-9 * problem.periods();
    }

    private static int[] knots(Problem problem)
    {
        TreeSet<Integer> knots = new TreeSet<>();
        knots.add(0);
        knots.add(problem.periods());
        for (AveragingConstraint constraint : problem.constraints()) {
            if (constraint.weights().length != problem.periods()) {
                throw new IllegalArgumentException("Cannot fit " + constraint.name() + ": its weights cover " + constraint.weights().length + " periods, the curve " + problem.periods());
            }
            knots.add(constraint.firstPeriod());
            knots.add(constraint.endPeriod());
        }
        return knots.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * 2H: twice the Hessian of the sum over components and segments of the integral of f''(u)^2 du on [0, h],
     * plus, for the premium spline g, a tiny ridge on the integral of g^2.
     */
    private static DMatrixRMaj twiceH(int[] knots, double timeScale, int variables, int components)
    {
        DMatrixRMaj hessian = new DMatrixRMaj(variables, variables);
        int segments = knots.length - 1;
        for (int block = 0; block < components * segments; block++) {
            int segment = block % segments;
            double h = (knots[segment + 1] - knots[segment]) / timeScale;
            double h2 = h * h;
            double h3 = h2 * h;
            double h4 = h3 * h;
            double h5 = h4 * h;
            int o = block * COEFFICIENTS;
            if (block >= segments) {
                for (int i = 0; i < COEFFICIENTS; i++) {
                    for (int j = 0; j < COEFFICIENTS; j++) {
                        hessian.set(o + i, o + j, 2 * PREMIUM_RIDGE * Math.pow(h, i + j + 1) / (i + j + 1));
                    }
                }
            }
            // f'' = 2 c2 + 6 c3 u + 12 c4 u^2; the integral of its square is x'Qx with these entries
            double[][] q = {
                    {4 * h, 6 * h2, 8 * h3},
                    {6 * h2, 12 * h3, 18 * h4},
                    {8 * h3, 18 * h4, 28.8 * h5}};
            for (int i = 0; i < 3; i++) {
                for (int j = 0; j < 3; j++) {
                    hessian.set(o + 2 + i, o + 2 + j, hessian.get(o + 2 + i, o + 2 + j) + 2 * q[i][j]);
                }
            }
        }
        return hessian;
    }

    private static void addContinuity(int[] knots, double timeScale, int variables, int componentOffset, List<double[]> rows, List<Double> targets)
    {
        for (int segment = 0; segment < knots.length - 2; segment++) {
            double h = (knots[segment + 1] - knots[segment]) / timeScale;
            int o = componentOffset + segment * COEFFICIENTS;
            int next = o + COEFFICIENTS;
            double[] value = new double[variables];
            double[] slope = new double[variables];
            double[] curvature = new double[variables];
            for (int k = 0; k < COEFFICIENTS; k++) {
                value[o + k] = Math.pow(h, k);
                slope[o + k] = k == 0 ? 0 : k * Math.pow(h, k - 1);
                curvature[o + k] = k < 2 ? 0 : k * (k - 1) * Math.pow(h, k - 2);
            }
            value[next] = -1;
            slope[next + 1] = -1;
            curvature[next + 2] = -2;
            rows.add(value);
            rows.add(slope);
            rows.add(curvature);
            targets.add(0.0);
            targets.add(0.0);
            targets.add(0.0);
        }
    }

    /** sum_p w_p s_p f(p) / W = price - sum_p w_p s_p a_p / W over the contract's periods (rows scaled to averages). */
    private static void addAverage(Problem problem, AveragingConstraint constraint, int[] knots, double timeScale, int variables,
            List<double[]> rows, List<Double> targets)
    {
        double[] row = new double[variables];
        double totalWeight = 0;
        double shifted = 0;
        int segment = 0;
        double[] weights = constraint.weights();
        for (int period = constraint.firstPeriod(); period < constraint.endPeriod(); period++) {
            double weight = weights[period];
            if (weight == 0) {
                continue;
            }
            while (knots[segment + 1] <= period) {
                segment++;
            }
            double u = (period - knots[segment]) / timeScale;
            double scaled = weight * problem.multiplier()[period];
            int o = segment * COEFFICIENTS;
            int premiumOffset = problem.premiumAt(period) ? (knots.length - 1 + segment) * COEFFICIENTS : -1;
            double power = 1;
            for (int k = 0; k < COEFFICIENTS; k++) {
                row[o + k] += scaled * power;
                if (premiumOffset >= 0) {
                    row[premiumOffset + k] += scaled * power;
                }
                power *= u;
            }
            totalWeight += weight;
            shifted += scaled * problem.addend()[period];
        }
        if (!(totalWeight > 0)) {
            throw new IllegalArgumentException("Cannot fit " + constraint.name() + ": it has no delivery hours on the grid (zero total weight)");
        }
        for (int k = 0; k < variables; k++) {
            row[k] /= totalWeight;
        }
        rows.add(row);
        targets.add(constraint.price() - shifted / totalWeight);
    }

    private static double[] solveKkt(DMatrixRMaj twiceH, List<double[]> rows, List<Double> targets, int variables)
    {
        int constraints = rows.size();
        int size = variables + constraints;
        DMatrixRMaj kkt = new DMatrixRMaj(size, size);
        DMatrixRMaj rhs = new DMatrixRMaj(size, 1);
        for (int i = 0; i < variables; i++) {
            for (int j = 0; j < variables; j++) {
                kkt.set(i, j, twiceH.get(i, j));
            }
        }
        for (int r = 0; r < constraints; r++) {
            double[] row = rows.get(r);
            for (int j = 0; j < variables; j++) {
                if (row[j] != 0) {
                    kkt.set(variables + r, j, row[j]);
                    kkt.set(j, variables + r, row[j]);
                }
            }
            rhs.set(variables + r, 0, targets.get(r));
        }
        LinearSolverDense<DMatrixRMaj> solver = LinearSolverFactory_DDRM.lu(size);
        DMatrixRMaj solution = new DMatrixRMaj(size, 1);
        if (!solver.setA(kkt.copy())) {
            throw singular("the LU decomposition failed");
        }
        solver.solve(rhs, solution);
        // two steps of iterative refinement on the same LU: long hourly curves with peak masks are ill-conditioned
        DMatrixRMaj residual = new DMatrixRMaj(size, 1);
        DMatrixRMaj correction = new DMatrixRMaj(size, 1);
        for (int step = 0; step < 2; step++) {
            CommonOps_DDRM.mult(kkt, solution, residual);
            CommonOps_DDRM.subtract(rhs, residual, residual);
            solver.solve(residual, correction);
            CommonOps_DDRM.addEquals(solution, correction);
        }
        // A singular system shows as non-finite values or as a solution that does not solve it: each row's
        // residual is compared with the size of the terms it sums (a backward-error check)
        CommonOps_DDRM.mult(kkt, solution, residual);
        for (int i = 0; i < size; i++) {
            double magnitude = Math.abs(rhs.get(i, 0));
            for (int j = 0; j < size; j++) {
                magnitude += Math.abs(kkt.get(i, j) * solution.get(j, 0));
            }
            double miss = Math.abs(residual.get(i, 0) - rhs.get(i, 0));
            if (!(miss <= 1e-9 * Math.max(magnitude, 1e-300))) {
                throw singular("row " + i + " misses by " + miss + " of " + magnitude);
            }
        }
        double[] coefficients = new double[variables];
        for (int i = 0; i < variables; i++) {
            coefficients[i] = solution.get(i, 0);
            if (!Double.isFinite(coefficients[i])) {
                throw new IllegalArgumentException("Cannot fit the curve: the KKT solve gave " + coefficients[i] + " (the contracts are inconsistent or redundant)");
            }
        }
        return coefficients;
    }

    private static IllegalArgumentException singular(String detail)
    {
        return new IllegalArgumentException("Cannot fit the curve: its KKT system is singular (" + detail
                + "); two contracts constrain the same average (redundant quotes), or a contract has no delivery hours");
    }

    private static Spline toSpline(int[] knots, double timeScale, double[] solution, Problem problem)
    {
        int segments = knots.length - 1;
        double[][] coefficients = new double[segments][];
        double[][] premiumCoefficients = new double[problem.components() == 2 ? segments : 0][];
        for (int segment = 0; segment < segments; segment++) {
            coefficients[segment] = java.util.Arrays.copyOfRange(solution, segment * COEFFICIENTS, (segment + 1) * COEFFICIENTS);
            if (problem.components() == 2) {
                premiumCoefficients[segment] = java.util.Arrays.copyOfRange(solution, (segments + segment) * COEFFICIENTS, (segments + segment + 1) * COEFFICIENTS);
            }
        }
        return new Spline(knots, timeScale, coefficients, premiumCoefficients, problem.premium(), problem.multiplier(), problem.addend());
    }

    /** Row of the price of period p as a linear function of the coefficients: s_p * (1, u, u^2, u^3, u^4) on its segment. */
    private static double[] priceRow(Spline spline, int period, int variables)
    {
        double[] row = new double[variables];
        int segment = spline.segmentOf(period);
        double u = (period - spline.knots()[segment]) / spline.timeScale();
        double power = spline.multiplier()[period];
        boolean premium = spline.premium().length != 0 && spline.premium()[period];
        for (int k = 0; k < COEFFICIENTS; k++) {
            row[segment * COEFFICIENTS + k] = power;
            if (premium) {
                row[(spline.segments() + segment) * COEFFICIENTS + k] = power;
            }
            power *= u;
        }
        return row;
    }

    private static Spline fitWithinBounds(Problem problem, int[] knots, double timeScale, DMatrixRMaj twiceH,
            List<double[]> equalityRows, List<Double> equalityTargets, Spline unbounded)
    {
        int variables = twiceH.numRows;
        double scale = priceScale(problem);
        double tolerance = 1e-9 * scale;
        // inequality rows G x <= h, one per (period, side) found violated
        List<double[]> inequalityRows = new ArrayList<>();
        List<Double> inequalityTargets = new ArrayList<>();
        TreeSet<Long> included = new TreeSet<>();
        Spline current = unbounded;
        for (int round = 0; round < MAX_BOUND_ROUNDS; round++) {
            int added = addViolations(problem, current, variables, tolerance, included, inequalityRows, inequalityTargets);
            if (added == 0) {
                return current;
            }
            double[] solution = solveQp(twiceH, equalityRows, equalityTargets, inequalityRows, inequalityTargets, variables);
            current = polish(problem, knots, timeScale, twiceH, equalityRows, equalityTargets, inequalityRows, inequalityTargets,
                    toSpline(knots, timeScale, solution, problem), solution, tolerance);
        }
        throw new IllegalStateException("Cannot fit the curve within its bounds: still violated after " + MAX_BOUND_ROUNDS + " rounds of constraint generation");
    }

    private static double priceScale(Problem problem)
    {
        double scale = 1;
        for (AveragingConstraint constraint : problem.constraints()) {
            scale = Math.max(scale, Math.abs(constraint.price()));
        }
        return scale;
    }

    private static int addViolations(Problem problem, Spline spline, int variables, double tolerance, TreeSet<Long> included,
            List<double[]> rows, List<Double> targets)
    {
        int added = 0;
        for (int period = 0; period < problem.periods(); period++) {
            double price = spline.price(period);
            double shift = problem.addend()[period] * problem.multiplier()[period];
            if (problem.lowerBound().isPresent() && price < problem.lowerBound().getAsDouble() - tolerance && included.add(2L * period)) {
                double[] row = priceRow(spline, period, variables);
                for (int k = 0; k < variables; k++) {
                    row[k] = -row[k];
                }
                rows.add(row);
                targets.add(shift - problem.lowerBound().getAsDouble());
                added++;
            }
            if (problem.upperBound().isPresent() && price > problem.upperBound().getAsDouble() + tolerance && included.add(2L * period + 1)) {
                rows.add(priceRow(spline, period, variables));
                targets.add(problem.upperBound().getAsDouble() - shift);
                added++;
            }
        }
        return added;
    }

    private static double[] solveQp(DMatrixRMaj twiceH, List<double[]> equalityRows, List<Double> equalityTargets,
            List<double[]> inequalityRows, List<Double> inequalityTargets, int variables)
    {
        // ojAlgo minimises 1/2 x'Qx - c'x subject to AE x = BE and AI x <= BI; our objective x'Hx has Q = 2H
        R064Store q = R064Store.FACTORY.make(variables, variables);
        for (int i = 0; i < variables; i++) {
            for (int j = 0; j < variables; j++) {
                q.set(i, j, twiceH.get(i, j));
            }
        }
        MatrixStore<Double> c = R064Store.FACTORY.make(variables, 1);
        ConvexSolver.Builder builder = ConvexSolver.newBuilder()
                .objective(q, c)
                .equalities(toStore(equalityRows, variables), toColumn(equalityTargets))
                .inequalities(toStore(inequalityRows, variables), toColumn(inequalityTargets));
        Optimisation.Result result = builder.solve();
        if (!result.getState().isFeasible()) {
            throw new IllegalArgumentException("Cannot fit the curve within its bounds: the QP solver reports " + result.getState()
                    + " (no smooth curve meets every quote inside the bounds)");
        }
        double[] solution = new double[variables];
        for (int i = 0; i < variables; i++) {
            solution[i] = result.doubleValue(i);
        }
        return solution;
    }

    /**
     * Re-solves the QP's active set exactly: the bound rows the QP solution touches become equalities of a KKT
     * system. Keeps the QP solution when the polished one is singular or breaks a bound.
     */
    private static Spline polish(Problem problem, int[] knots, double timeScale, DMatrixRMaj twiceH, List<double[]> equalityRows,
            List<Double> equalityTargets, List<double[]> inequalityRows, List<Double> inequalityTargets, Spline qpSpline,
            double[] qpSolution, double tolerance)
    {
        List<double[]> rows = new ArrayList<>(equalityRows);
        List<Double> targets = new ArrayList<>(equalityTargets);
        for (int r = 0; r < inequalityRows.size(); r++) {
            double[] row = inequalityRows.get(r);
            double value = 0;
            for (int k = 0; k < row.length; k++) {
                value += row[k] * qpSolution[k];
            }
            if (value > inequalityTargets.get(r) - 1e3 * tolerance) {
                rows.add(row);
                targets.add(inequalityTargets.get(r));
            }
        }
        try {
            Spline polished = toSpline(knots, timeScale, solveKkt(twiceH, rows, targets, twiceH.numRows), problem);
            for (int period = 0; period < problem.periods(); period++) {
                double price = polished.price(period);
                if (problem.lowerBound().isPresent() && price < problem.lowerBound().getAsDouble() - 1e3 * tolerance
                        || problem.upperBound().isPresent() && price > problem.upperBound().getAsDouble() + 1e3 * tolerance) {
                    return qpSpline;
                }
            }
            return polished;
        }
        catch (IllegalArgumentException singular) {
            return qpSpline;
        }
    }

    private static MatrixStore<Double> toStore(List<double[]> rows, int variables)
    {
        R064Store store = R064Store.FACTORY.make(rows.size(), variables);
        for (int r = 0; r < rows.size(); r++) {
            double[] row = rows.get(r);
            for (int j = 0; j < variables; j++) {
                if (row[j] != 0) {
                    store.set(r, j, row[j]);
                }
            }
        }
        return store;
    }

    private static MatrixStore<Double> toColumn(List<Double> values)
    {
        R064Store store = R064Store.FACTORY.make(values.size(), 1);
        for (int r = 0; r < values.size(); r++) {
            store.set(r, 0, values.get(r));
        }
        return store;
    }
}
