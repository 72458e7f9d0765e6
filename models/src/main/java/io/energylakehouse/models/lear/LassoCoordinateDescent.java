package io.energylakehouse.models.lear;

/**
 * scikit-learn's {@code Lasso(alpha, max_iter=2500, tol=1e-4)} with an intercept, on the centred features'
 * Gram matrix: minimises (1 / 2n)·||y - Xw||² + alpha·||w||₁ by cyclic coordinate descent from w = 0, in
 * feature order, and stops as {@code enet_coordinate_descent_gram} does: after a sweep whose largest update
 * is below tol relative to the largest coefficient, once the duality gap is below tol·||y||² (or after
 * max_iter sweeps).
 */
public final class LassoCoordinateDescent
{
    static final int MAX_ITER = 2500;
    static final double TOLERANCE = 1e-4;

    private LassoCoordinateDescent() {}

    /** The coefficients and the number of sweeps they took. */
    public record Fit(double[] coef, int sweeps, double dualityGap) {}

    /**
     * @param gram Q = X'X of the centred features
     * @param xy q = X'y with y centred
     * @param yy y'y of the centred targets
     * @param n number of samples
     * @param alpha the penalty in scikit-learn's scale (per sample)
     */
    public static Fit fit(double[][] gram, double[] xy, double yy, int n, double alpha)
    {
        int p = xy.length;
        double l1 = alpha * n;
        double[] w = new double[p];
        double[] h = new double[p];
        double tolerance = TOLERANCE * yy;
        double gap = Double.NaN;
        int sweep = 0;
        for (; sweep < MAX_ITER; sweep++) {
            double wMax = 0.0;
            double dwMax = 0.0;
            for (int i = 0; i < p; i++) {
                double qii = gram[i][i];
                if (qii == 0.0) {
                    continue;
                }
                double old = w[i];
                // h = Q w without coordinate i, as scikit-learn forms it before the update
                double tmp = xy[i] - (h[i] - old * qii);
                double updated = Math.signum(tmp) * Math.max(Math.abs(tmp) - l1, 0.0) / qii;
                w[i] = updated;
                double change = updated - old;
                if (change != 0.0) {
                    double[] row = gram[i];
                    for (int j = 0; j < p; j++) {
                        h[j] += change * row[j];
                    }
                }
                dwMax = Math.max(dwMax, Math.abs(updated - old));
                wMax = Math.max(wMax, Math.abs(updated));
            }
            if (wMax == 0.0 || dwMax / wMax < TOLERANCE || sweep == MAX_ITER - 1) {
                gap = dualityGap(w, h, xy, yy, l1);
                if (gap < tolerance) {
                    break;
                }
            }
        }
        return new Fit(w, Math.min(sweep + 1, MAX_ITER), gap);
    }

    private static double dualityGap(double[] w, double[] h, double[] xy, double yy, double l1)
    {
        double qDotW = 0.0;
        double wH = 0.0;
        double dualNorm = 0.0;
        double l1Norm = 0.0;
        for (int i = 0; i < w.length; i++) {
            qDotW += w[i] * xy[i];
            wH += w[i] * h[i];
            dualNorm = Math.max(dualNorm, Math.abs(xy[i] - h[i]));
            l1Norm += Math.abs(w[i]);
        }
        double rNorm2 = yy + wH - 2.0 * qDotW;
        double constant;
        double gap;
        if (dualNorm > l1) {
            constant = l1 / dualNorm;
            gap = 0.5 * (rNorm2 + rNorm2 * constant * constant);
        }
        else {
            constant = 1.0;
            gap = rNorm2;
        }
        return gap + l1 * l1Norm - constant * yy + constant * qDotW;
    }
}
