package io.energylakehouse.models.lear;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The Lasso penalty epftoolbox's LEAR uses: scikit-learn's {@code LassoLarsIC(criterion='aic')} as it was
 * before version 1.1 (epftoolbox was written against 0.2x). The features are centred and scaled to unit L2 norm
 * ({@code normalize=True}), the intercept is fitted (y centred), the whole Lasso path is computed by LARS with
 * the Lasso modification ({@code lars_path(method='lasso')}), and the penalty at the path's breakpoint that
 * minimises
 * <pre>  AIC = n · MSE / var(y) + 2 · df</pre>
 * (df = the number of non-zero coefficients; var(y) the variance of the targets, not a residual variance from
 * an OLS fit as in later versions) is returned. That form works with fewer days than features (the 56-day
 * window), where the later versions cannot estimate the noise variance.
 * <p>
 * The path follows scikit-learn's {@code _lars_path_solver} step by step on the Gram matrix: the same entry
 * rule (largest absolute correlation among inactive features), the same step length with {@code tiny32} guards
 * and correlations of the equiangular direction rounded to 15 decimals, the same drop rule when a coefficient
 * crosses zero, the same treatment of a degenerate regressor (diagonal below 1e-7: its correlation set to zero,
 * not added) and the same early stop when the penalty stops decreasing. The Cholesky factor is
 * updated after a drop by Givens rotations on the factor's rows.
 */
public final class LassoLarsAic
{
    private static final double TINY32 = 1.1754943508222875e-38;
    private static final double EQUALITY_TOLERANCE = 1.1920928955078125e-07;
    private static final double EPS64 = Math.ulp(1.0);
    static final int MAX_ITER = 2500;

    private LassoLarsAic() {}

    /**
     * The Lasso path: penalties (decreasing), the coefficients at each (on the normalised features) and the
     * residual sum of squares ||y - X b||² at each, kept from the path's running X'X b.
     */
    public record Path(double[] alphas, double[][] coefs, double[] rss) {}

    /** The chosen penalty with the path and the criterion at each breakpoint. */
    public record Choice(double alpha, int index, Path path, double[] criterion) {}

    /**
     * @param gram X'X of the centred, unit-norm features (p × p)
     * @param xy X'y with y centred
     * @param yy y'y of the centred targets
     * @param n number of samples
     */
    public static Choice choose(double[][] gram, double[] xy, double yy, int n)
    {
        Path path = lassoPath(gram, xy, yy, n, MAX_ITER);
        double variance = yy / n;
        double[] criterion = new double[path.alphas.length];
        int best = 0;
        for (int k = 0; k < path.alphas.length; k++) {
            int df = 0;
            for (double b : path.coefs[k]) {
                if (Math.abs(b) > EPS64) {
                    df++;
                }
            }
            double mse = Math.max(path.rss[k], 0.0) / n;
            criterion[k] = n * mse / (variance + EPS64) + 2.0 * df;
            if (criterion[k] < criterion[best]) {
                best = k;
            }
        }
        return new Choice(path.alphas[best], best, path, criterion);
    }

    /** scikit-learn's {@code lars_path(Gram=gram, Xy=xy, method='lasso', alpha_min=0)}. */
    public static Path lassoPath(double[][] gram, double[] xy, double yy, int n, int maxIter)
    {
        int p = xy.length;
        // X'X b for the current coefficients b: gives ||y - Xb||² = y'y - 2 b'X'y + b'X'X b in O(p)
        double[] gramCoef = new double[p];
        List<Double> rss = new ArrayList<>();
        double[] cov = xy.clone();
        boolean[] isActive = new boolean[p];
        List<Integer> active = new ArrayList<>();
        List<Double> sign = new ArrayList<>();
        double[][] chol = new double[Math.min(p, maxIter) + 1][];
        List<Double> alphas = new ArrayList<>();
        List<double[]> coefs = new ArrayList<>();
        double[] coef = new double[p];
        boolean drop = false;
        int nIter = 0;
        while (true) {
            int cIdx = -1;
            double cSigned = 0.0;
            double c = 0.0;
            for (int j = 0; j < p; j++) {
                if (!isActive[j] && (cIdx < 0 || Math.abs(cov[j]) > c)) {
                    cIdx = j;
                    cSigned = cov[j];
                    c = Math.abs(cov[j]);
                }
            }
            double alpha = c / n;
            set(alphas, nIter, alpha);
            set(coefs, nIter, coef.clone());
            set(rss, nIter, residualSumOfSquares(coef, xy, yy, gramCoef));
            if (alpha <= EQUALITY_TOLERANCE) {
                break;
            }
            if (nIter >= maxIter || active.size() >= p) {
                break;
            }
            if (!drop) {
                int k = active.size();
                double[] row = new double[k + 1];
                for (int a = 0; a < k; a++) {
                    row[a] = gram[active.get(a)][cIdx];
                }
                forwardSubstitute(chol, row, k);
                double v = 0.0;
                for (int a = 0; a < k; a++) {
                    v += row[a] * row[a];
                }
                double diag = Math.max(Math.sqrt(Math.abs(gram[cIdx][cIdx] - v)), EPS64);
                if (diag < 1e-7) {
                    // Degenerate regressor (collinear with the active set): not added, its correlation zeroed.
                    cov[cIdx] = 0.0;
                    continue;
                }
                row[k] = diag;
                chol[k] = row;
                active.add(cIdx);
                isActive[cIdx] = true;
                sign.add(Math.signum(cSigned));
            }
            if (nIter > 0 && alphas.get(nIter - 1) < alpha) {
                // The penalty grew: the correlations carry too much rounding error; scikit-learn stops here.
                break;
            }
            int k = active.size();
            double[] s = new double[k];
            for (int a = 0; a < k; a++) {
                s[a] = sign.get(a);
            }
            double[] leastSquares = solveCholesky(chol, s, k);
            double sum = 0.0;
            for (int a = 0; a < k; a++) {
                sum += leastSquares[a] * s[a];
            }
            double aa;
            if (k == 1 && leastSquares[0] == 0.0) {
                leastSquares[0] = 1.0;
                aa = 1.0;
            }
            else {
                aa = 1.0 / Math.sqrt(sum);
                int attempt = 0;
                while (!Double.isFinite(aa)) {
                    double[][] regularised = new double[k][];
                    for (int a = 0; a < k; a++) {
                        regularised[a] = chol[a].clone();
                        regularised[a][a] += Math.pow(2, attempt) * EPS64;
                    }
                    leastSquares = solveCholesky(regularised, s, k);
                    double t = 0.0;
                    for (int a = 0; a < k; a++) {
                        t += leastSquares[a] * s[a];
                    }
                    aa = 1.0 / Math.sqrt(Math.max(t, EPS64));
                    attempt++;
                }
            }
            for (int a = 0; a < k; a++) {
                leastSquares[a] *= aa;
            }
            // u = X'X_A · direction for every feature: the inactive ones' correlation with the equiangular
            // direction (rounded as scikit-learn does) and, for all, the change of X'X b along the step
            double[] u = new double[p];
            for (int a = 0; a < k; a++) {
                double[] row = gram[active.get(a)];
                double weight = leastSquares[a];
                for (int j = 0; j < p; j++) {
                    u[j] += row[j] * weight;
                }
            }
            double[] corrEqDir = new double[p];
            for (int j = 0; j < p; j++) {
                if (!isActive[j]) {
                    corrEqDir[j] = roundTo15Decimals(u[j]);
                }
            }
            double gamma = c / aa;
            for (int j = 0; j < p; j++) {
                if (isActive[j]) {
                    continue;
                }
                double g1 = (c - cov[j]) / (aa - corrEqDir[j] + TINY32);
                double g2 = (c + cov[j]) / (aa + corrEqDir[j] + TINY32);
                if (g1 > 0 && g1 < gamma) {
                    gamma = g1;
                }
                if (g2 > 0 && g2 < gamma) {
                    gamma = g2;
                }
            }
            drop = false;
            double[] z = new double[k];
            double zPos = Double.MAX_VALUE;
            for (int a = 0; a < k; a++) {
                z[a] = -coef[active.get(a)] / (leastSquares[a] + TINY32);
                if (z[a] > 0 && z[a] < zPos) {
                    zPos = z[a];
                }
            }
            List<Integer> dropped = new ArrayList<>();
            if (zPos < gamma) {
                for (int a = k - 1; a >= 0; a--) {
                    if (z[a] == zPos) {
                        dropped.add(a);
                    }
                }
                gamma = zPos;
                drop = true;
            }
            nIter++;
            double[] next = new double[p];
            for (int a = 0; a < k; a++) {
                int j = active.get(a);
                next[j] = coef[j] + gamma * leastSquares[a];
            }
            for (int i = 0; i < p; i++) {
                gramCoef[i] += gamma * u[i];
            }
            for (int j = 0; j < p; j++) {
                if (!isActive[j] && coef[j] != 0.0) {
                    // a variable dropped at the previous step leaves its rounding residue behind
                    double[] column = gram[j];
                    double change = -coef[j];
                    for (int i = 0; i < p; i++) {
                        gramCoef[i] += column[i] * change;
                    }
                }
            }
            coef = next;
            for (int j = 0; j < p; j++) {
                if (!isActive[j]) {
                    cov[j] -= gamma * corrEqDir[j];
                }
            }
            if (drop) {
                // positions in descending order, as scikit-learn pops them
                for (int position : dropped) {
                    choleskyDelete(chol, active.size(), position);
                    int j = active.remove(position);
                    sign.remove(position);
                    isActive[j] = false;
                    cov[j] = xy[j] - gramCoef[j];
                }
            }
        }
        int points = Math.min(alphas.size(), nIter + 1);
        double[] alphaArray = new double[points];
        double[][] coefArray = new double[points][];
        double[] rssArray = new double[points];
        for (int k = 0; k < points; k++) {
            alphaArray[k] = alphas.get(k);
            coefArray[k] = coefs.get(k);
            rssArray[k] = rss.get(k);
        }
        return new Path(alphaArray, coefArray, rssArray);
    }

    private static double residualSumOfSquares(double[] coef, double[] xy, double yy, double[] gramCoef)
    {
        double value = yy;
        for (int i = 0; i < coef.length; i++) {
            if (coef[i] != 0.0) {
                value += coef[i] * (gramCoef[i] - 2.0 * xy[i]);
            }
        }
        return value;
    }

    private static <T> void set(List<T> list, int index, T value)
    {
        if (index < list.size()) {
            list.set(index, value);
        }
        else {
            list.add(value);
        }
    }

    /** numpy's {@code around(x, 15)}: round half to even at the 15th decimal. */
    private static double roundTo15Decimals(double value)
    {
        double scaled = value * 1e15;
        if (!Double.isFinite(scaled) || Math.abs(scaled) >= 0x1p52) {
            return value;
        }
        return Math.rint(scaled) / 1e15;
    }

    /** Solves L[:k,:k] w = b in place (L lower triangular, rows in {@code chol}). */
    private static void forwardSubstitute(double[][] chol, double[] b, int k)
    {
        for (int i = 0; i < k; i++) {
            double value = b[i];
            double[] row = chol[i];
            for (int j = 0; j < i; j++) {
                value -= row[j] * b[j];
            }
            b[i] = value / row[i];
        }
    }

    /** Solves L L' x = b. */
    private static double[] solveCholesky(double[][] chol, double[] b, int k)
    {
        double[] x = Arrays.copyOf(b, k);
        forwardSubstitute(chol, x, k);
        for (int i = k - 1; i >= 0; i--) {
            double value = x[i];
            for (int j = i + 1; j < k; j++) {
                value -= chol[j][i] * x[j];
            }
            x[i] = value / chol[i][i];
        }
        return x;
    }

    /**
     * Removes row and column {@code r} of the k × k factor L (L L' = G of the active set): the rows below move
     * up and Givens rotations on neighbouring columns restore the triangle, as scikit-learn's
     * {@code cholesky_delete} does, in O(k²).
     */
    private static void choleskyDelete(double[][] chol, int k, int r)
    {
        for (int i = r; i < k - 1; i++) {
            chol[i] = chol[i + 1];
        }
        chol[k - 1] = null;
        for (int i = r; i < k - 1; i++) {
            double a = chol[i][i];
            double b = chol[i][i + 1];
            double radius = Math.hypot(a, b);
            double c = radius == 0.0 ? 1.0 : a / radius;
            double s = radius == 0.0 ? 0.0 : b / radius;
            for (int t = i; t < k - 1; t++) {
                double x = chol[t][i];
                double y = chol[t][i + 1];
                chol[t][i] = c * x + s * y;
                chol[t][i + 1] = -s * x + c * y;
            }
            chol[i] = Arrays.copyOf(chol[i], i + 1);
        }
    }
}
