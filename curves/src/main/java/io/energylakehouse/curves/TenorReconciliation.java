package io.energylakehouse.curves;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.SingularOps_DDRM;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * Checks that overlapping quotes (calendars, seasons, quarters, months, weeks; base, peak, off-peak) are free
 * of arbitrage and, on request, resolves them.
 *
 * <p>The quotes are split into the finest common partition: the intervals between consecutive delivery bounds
 * of all contracts, times the on-peak and off-peak hours when any contract is peak or off-peak. A contract's
 * price is then the weighted average of its cells' prices, with each cell weighing its delivery hours (or
 * days), so the quotes are consistent exactly when b lies in the range of that averaging matrix A.
 * Every contract that other quotes tile exactly (a calendar and its quarters, a quarter and its months, a
 * base month and its peak and off-peak) is checked and reported with the size of the gap; what no tiling
 * explains shows up in the least-squares residuals.
 *
 * <p>{@link #resolve()} adjusts the quotes by least squares over the cells, choosing among equally good cell
 * prices those closest to the prior's shape at a common level, and returns the adjusted contracts and the
 * cells (the bootstrapped, non-overlapping contracts).
 */
public final class TenorReconciliation
{
    private final DeliveryGrid grid;
    private final List<Contract> contracts;
    private final List<Cell> cells;
    private final double[][] averaging;
    private final double[] totalWeights;
    private final double tolerance;
    private final ShapeProfile.Prior prior;

    /** A cell of the finest partition: local dates [start, end) in the hours of a profile (base, peak or off-peak). */
    public record Cell(LocalDate start, LocalDate end, Profile profile, double weight)
    {
        public Cell
        {
            requireNonNull(start, "start is null");
            requireNonNull(end, "end is null");
            requireNonNull(profile, "profile is null");
        }
    }

    /** A contract that other quotes tile, with the average those quotes imply and the gap. */
    public record Inconsistency(Contract contract, List<Contract> parts, double impliedPrice)
    {
        public Inconsistency
        {
            requireNonNull(contract, "contract is null");
            parts = List.copyOf(parts);
        }

        /** quote minus the price its parts imply; negative when the contract is quoted below them. */
        public double difference()
        {
            return contract.price() - impliedPrice;
        }

        public String describe()
        {
            return String.format(Locale.ROOT, "%s quoted %.6f but %s imply %.6f (%s%.6f)", contract.name(), contract.price(),
                    String.join(" + ", parts.stream().map(Contract::name).toList()), impliedPrice, difference() >= 0 ? "+" : "", difference());
        }
    }

    /** What the check found: the tiling inconsistencies and, per contract, the least-squares residual. */
    public record Report(List<Inconsistency> inconsistencies, double[] residuals, List<Contract> contracts, double tolerance)
    {
        public Report
        {
            inconsistencies = List.copyOf(inconsistencies);
        }

        public boolean consistent()
        {
            if (!inconsistencies.isEmpty()) {
                return false;
            }
            for (double residual : residuals) {
                if (Math.abs(residual) > tolerance) {
                    return false;
                }
            }
            return true;
        }

        /** One line per problem: every tiling gap, then residuals no tiling explained. */
        public List<String> describe()
        {
            List<String> lines = new ArrayList<>();
            for (Inconsistency inconsistency : inconsistencies) {
                lines.add(inconsistency.describe());
            }
            if (inconsistencies.isEmpty()) {
                for (int k = 0; k < residuals.length; k++) {
                    if (Math.abs(residuals[k]) > tolerance) {
                        lines.add(String.format(Locale.ROOT, "%s quoted %.6f cannot hold together with the overlapping quotes: least-squares residual %.6f",
                                contracts.get(k).name(), contracts.get(k).price(), residuals[k]));
                    }
                }
            }
            return lines;
        }
    }

    /** Resolved quotes: the adjusted contracts (same order) and the cells' prices. */
    public record Resolution(List<Contract> adjustedContracts, List<Cell> cells, double[] cellPrices)
    {
        public Resolution
        {
            adjustedContracts = List.copyOf(adjustedContracts);
            cells = List.copyOf(cells);
        }

        /** The cells as non-overlapping contracts (the bootstrapped curve), named by their dates. */
        public List<Contract> bootstrapped()
        {
            List<Contract> result = new ArrayList<>();
            for (int c = 0; c < cells.size(); c++) {
                Cell cell = cells.get(c);
                result.add(new Contract(cell.start() + "/" + cell.end() + (cell.profile() == Profile.BASE ? "" : " " + cell.profile().label()),
                        cell.start(), cell.end(), cellPrices[c], cell.profile()));
            }
            return result;
        }
    }

    public TenorReconciliation(DeliveryGrid grid, List<Contract> contracts, ShapeProfile.Prior prior, double tolerance)
    {
        this.grid = requireNonNull(grid, "grid is null");
        this.contracts = List.copyOf(requireNonNull(contracts, "contracts is null"));
        this.prior = requireNonNull(prior, "prior is null");
        if (!(tolerance >= 0)) {
            throw new IllegalArgumentException("Cannot reconcile with tolerance " + tolerance + ": it must be zero or positive");
        }
        this.tolerance = tolerance;
        boolean mixed = this.contracts.stream().anyMatch(contract -> contract.profile() != Profile.BASE);
        if (mixed && grid.weighting() == Weighting.DAYS && this.contracts.stream().anyMatch(contract -> contract.profile() == Profile.BASE)) {
            throw new IllegalArgumentException("Cannot reconcile base with peak or off-peak quotes under --weights days: a base price is the"
                    + " hour-weighted mix of its peak and off-peak hours; use --weights hours");
        }
        this.cells = cells(grid, this.contracts, mixed);
        this.totalWeights = new double[this.contracts.size()];
        this.averaging = new double[this.contracts.size()][cells.size()];
        for (int k = 0; k < this.contracts.size(); k++) {
            Contract contract = this.contracts.get(k);
            for (int c = 0; c < cells.size(); c++) {
                if (covers(contract, cells.get(c))) {
                    totalWeights[k] += cells.get(c).weight();
                }
            }
            if (!(totalWeights[k] > 0)) {
                throw new IllegalArgumentException("Cannot use contract " + contract + ": it has no delivery hours in " + grid.calendar().market());
            }
            for (int c = 0; c < cells.size(); c++) {
                if (covers(contract, cells.get(c))) {
                    averaging[k][c] = cells.get(c).weight() / totalWeights[k];
                }
            }
        }
    }

    private static List<Cell> cells(DeliveryGrid grid, List<Contract> contracts, boolean mixed)
    {
        TreeSet<LocalDate> bounds = new TreeSet<>();
        for (Contract contract : contracts) {
            bounds.add(contract.deliveryStart());
            bounds.add(contract.deliveryEnd());
        }
        List<LocalDate> ordered = new ArrayList<>(bounds);
        List<Cell> cells = new ArrayList<>();
        List<Profile> classes = mixed ? List.of(Profile.PEAK, Profile.OFFPEAK) : List.of(Profile.BASE);
        for (int i = 0; i + 1 < ordered.size(); i++) {
            LocalDate start = ordered.get(i);
            LocalDate end = ordered.get(i + 1);
            boolean inAnyContract = contracts.stream().anyMatch(contract -> !contract.deliveryStart().isAfter(start) && !contract.deliveryEnd().isBefore(end));
            if (!inAnyContract) {
                continue;
            }
            for (Profile profile : classes) {
                double weight = 0;
                for (int period = grid.indexOf(start); period < grid.indexOf(end); period++) {
                    weight += grid.weight(profile, period);
                }
                if (weight > 0) {
                    cells.add(new Cell(start, end, profile, weight));
                }
            }
        }
        return cells;
    }

    private static boolean covers(Contract contract, Cell cell)
    {
        return !cell.start().isBefore(contract.deliveryStart()) && !cell.end().isAfter(contract.deliveryEnd())
                && (contract.profile() == Profile.BASE || contract.profile() == cell.profile());
    }

    public List<Cell> cells()
    {
        return cells;
    }

    public Report check()
    {
        List<Inconsistency> inconsistencies = new ArrayList<>();
        for (int k = 0; k < contracts.size(); k++) {
            for (int other = k + 1; other < contracts.size(); other++) {
                if (sameCells(k, other) && Math.abs(contracts.get(k).price() - contracts.get(other).price()) > tolerance) {
                    inconsistencies.add(new Inconsistency(contracts.get(k), List.of(contracts.get(other)), contracts.get(other).price()));
                }
            }
        }
        for (int k = 0; k < contracts.size(); k++) {
            List<Integer> tiling = tiling(k);
            if (tiling.isEmpty()) {
                continue;
            }
            double weighted = 0;
            double weights = 0;
            for (int part : tiling) {
                weighted += totalWeights[part] * contracts.get(part).price();
                weights += totalWeights[part];
            }
            double implied = weighted / weights;
            if (Math.abs(contracts.get(k).price() - implied) > tolerance) {
                inconsistencies.add(new Inconsistency(contracts.get(k), tiling.stream().map(contracts::get).toList(), implied));
            }
        }
        double[] cellPrices = leastSquaresCells(prices(contracts));
        double[] residuals = new double[contracts.size()];
        for (int k = 0; k < contracts.size(); k++) {
            residuals[k] = contracts.get(k).price() - average(k, cellPrices);
        }
        return new Report(inconsistencies, residuals, contracts, tolerance);
    }

    /** Adjusts the quotes to the nearest consistent set (least squares over the cells, closest to the prior). */
    public Resolution resolve()
    {
        double[] cellPrices = leastSquaresCells(prices(contracts));
        List<Contract> adjusted = new ArrayList<>();
        for (int k = 0; k < contracts.size(); k++) {
            adjusted.add(contracts.get(k).withPrice(average(k, cellPrices)));
        }
        return new Resolution(adjusted, cells, cellPrices);
    }

    /**
     * A largest subset of the contracts whose averages are linearly independent, preferring short contracts:
     * with consistent quotes the others are implied by it, and the spline needs independent constraints.
     */
    public List<Contract> independentSubset()
    {
        List<Integer> order = new ArrayList<>();
        for (int k = 0; k < contracts.size(); k++) {
            order.add(k);
        }
        order.sort(Comparator.comparingDouble((Integer k) -> totalWeights[k]).thenComparing(k -> contracts.get(k).deliveryStart()));
        List<double[]> basis = new ArrayList<>();
        List<Integer> kept = new ArrayList<>();
        for (int k : order) {
            double[] row = averaging[k].clone();
            for (double[] vector : basis) {
                double dot = 0;
                for (int c = 0; c < row.length; c++) {
                    dot += row[c] * vector[c];
                }
                for (int c = 0; c < row.length; c++) {
                    row[c] -= dot * vector[c];
                }
            }
            double norm = 0;
            for (double value : row) {
                norm += value * value;
            }
            norm = Math.sqrt(norm);
            double original = 0;
            for (double value : averaging[k]) {
                original += value * value;
            }
            if (norm > 1e-9 * Math.sqrt(original)) {
                for (int c = 0; c < row.length; c++) {
                    row[c] /= norm;
                }
                basis.add(row);
                kept.add(k);
            }
        }
        kept.sort(Integer::compare);
        return kept.stream().map(contracts::get).toList();
    }

    private static double[] prices(List<Contract> contracts)
    {
        return contracts.stream().mapToDouble(Contract::price).toArray();
    }

    private double average(int contract, double[] cellPrices)
    {
        double sum = 0;
        for (int c = 0; c < cellPrices.length; c++) {
            sum += averaging[contract][c] * cellPrices[c];
        }
        return sum;
    }

    /**
     * Cell prices x minimising |A x - b|; among the minimisers (when cells outnumber independent quotes) the
     * one closest, in cell weight, to the prior's shape at a common level mu: x_c near mu S_c + AS_c, where
     * S_c and AS_c are the cell's weighted averages of the multiplicative prior and of prior times addend.
     */
    private double[] leastSquaresCells(double[] quotes)
    {
        int rows = contracts.size();
        int columns = cells.size();
        DMatrixRMaj a = new DMatrixRMaj(rows, columns);
        for (int k = 0; k < rows; k++) {
            for (int c = 0; c < columns; c++) {
                a.set(k, c, averaging[k][c]);
            }
        }
        DMatrixRMaj pseudoInverse = new DMatrixRMaj(columns, rows);
        CommonOps_DDRM.pinv(a, pseudoInverse);
        DMatrixRMaj particular = new DMatrixRMaj(columns, 1);
        CommonOps_DDRM.mult(pseudoInverse, new DMatrixRMaj(rows, 1, true, quotes), particular);

        int free = columns - SingularOps_DDRM.rank(a.copy(), 1e-10);
        if (free == 0) {
            return particular.getData().clone();
        }
        DMatrixRMaj nullSpace = SingularOps_DDRM.nullspaceSVD(a.copy(), free);
        double[] shapeLevel = new double[columns];
        double[] shapeOffset = new double[columns];
        for (int c = 0; c < columns; c++) {
            Cell cell = cells.get(c);
            double weight = 0;
            for (int period = grid.indexOf(cell.start()); period < grid.indexOf(cell.end()); period++) {
                double w = grid.weight(cell.profile(), period);
                shapeLevel[c] += w * prior.multiplier()[period];
                shapeOffset[c] += w * prior.multiplier()[period] * prior.addend()[period];
                weight += w;
            }
            shapeLevel[c] /= weight;
            shapeOffset[c] /= weight;
        }
        // minimise sum_c W_c (x0_c + (N z)_c - mu S_c - AS_c)^2 over (z, mu)
        DMatrixRMaj system = new DMatrixRMaj(columns, free + 1);
        DMatrixRMaj target = new DMatrixRMaj(columns, 1);
        for (int c = 0; c < columns; c++) {
            double root = Math.sqrt(cells.get(c).weight());
            for (int j = 0; j < free; j++) {
                system.set(c, j, root * nullSpace.get(c, j));
            }
            system.set(c, free, -root * shapeLevel[c]);
            target.set(c, 0, root * (shapeOffset[c] - particular.get(c, 0)));
        }
        DMatrixRMaj systemInverse = new DMatrixRMaj(free + 1, columns);
        CommonOps_DDRM.pinv(system, systemInverse);
        DMatrixRMaj unknowns = new DMatrixRMaj(free + 1, 1);
        CommonOps_DDRM.mult(systemInverse, target, unknowns);
        double[] result = particular.getData().clone();
        for (int c = 0; c < columns; c++) {
            for (int j = 0; j < free; j++) {
                result[c] += nullSpace.get(c, j) * unknowns.get(j, 0);
            }
        }
        return result;
    }

    /** Other contracts that cover exactly the cells of contract k, without overlap; largest parts first. Empty if none. */
    private List<Integer> tiling(int k)
    {
        List<Integer> candidates = new ArrayList<>();
        for (int other = 0; other < contracts.size(); other++) {
            if (other != k && subset(other, k) && !sameCells(other, k)) {
                candidates.add(other);
            }
        }
        candidates.sort(Comparator.comparingDouble((Integer other) -> -totalWeights[other]));
        boolean[] covered = new boolean[cells.size()];
        List<Integer> chosen = new ArrayList<>();
        return search(k, candidates, covered, chosen) ? chosen : List.of();
    }

    private boolean search(int k, List<Integer> candidates, boolean[] covered, List<Integer> chosen)
    {
        int next = -1;
        for (int c = 0; c < cells.size(); c++) {
            if (averaging[k][c] > 0 && !covered[c]) {
                next = c;
                break;
            }
        }
        if (next < 0) {
            return true;
        }
        for (int candidate : candidates) {
            if (averaging[candidate][next] == 0 || chosen.contains(candidate) || overlaps(candidate, covered)) {
                continue;
            }
            setCovered(candidate, covered, true);
            chosen.add(candidate);
            if (search(k, candidates, covered, chosen)) {
                return true;
            }
            chosen.remove(chosen.size() - 1);
            setCovered(candidate, covered, false);
        }
        return false;
    }

    private boolean subset(int inner, int outer)
    {
        for (int c = 0; c < cells.size(); c++) {
            if (averaging[inner][c] > 0 && averaging[outer][c] == 0) {
                return false;
            }
        }
        return true;
    }

    private boolean sameCells(int first, int second)
    {
        return subset(first, second) && subset(second, first);
    }

    private boolean overlaps(int candidate, boolean[] covered)
    {
        for (int c = 0; c < cells.size(); c++) {
            if (averaging[candidate][c] > 0 && covered[c]) {
                return true;
            }
        }
        return false;
    }

    private void setCovered(int candidate, boolean[] covered, boolean value)
    {
        for (int c = 0; c < cells.size(); c++) {
            if (averaging[candidate][c] > 0) {
                covered[c] = value;
            }
        }
    }
}
