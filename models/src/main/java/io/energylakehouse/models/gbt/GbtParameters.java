package io.energylakehouse.models.gbt;

/**
 * How {@link GbtForecaster} trains: the training window, how often it refits, and Spark's GBT settings.
 * <p>
 * The defaults were measured on Nord Pool (epftoolbox NP.csv), validating on 2016-06-27..2016-12-26, before the test
 * period, with local[2] on a shared two-core machine. A fit on a 1456-day window (34,776 rows) costs Spark's
 * scheduling of a job per tree level and a step per tree, not the rows: 100 trees of depth 5 took 36 s, 200 x 5 58 s,
 * 300 x 3 40-55 s, 500 x 3 80-145 s, 600 x 2 133 s, slower while other work loaded the machine. Shallow trees
 * forecast better: validation MAE 1.118 for 300 x depth 3, 1.105 for 500 x 3 (twice the time), 1.117 for 600 x 2,
 * 1.205 for 200 x 5, 1.488 for 100 x 8; a learning rate of 0.2 instead of 0.1 gave 1.140. Refitting every 7 or 14
 * days instead of 28 changed the MAE by less than 1 % (1.126, 1.114 against 1.118) for four or two times the fits.
 *
 * @param trainingDays target days a model is trained on: the last {@code trainingDays} days before the
 *         recalibration day (the epftoolbox's four years are 1456 days)
 * @param recalibrationDays a model is refitted every this many test days and forecasts the days in between
 * @param maxIter boosting iterations (trees)
 * @param maxDepth depth of each tree
 * @param stepSize learning rate (shrinkage) of each tree
 * @param subsamplingRate fraction of the training rows each tree sees
 * @param seed Spark's seed for row subsampling and split candidates: a fit is reproducible
 */
public record GbtParameters(int trainingDays, int recalibrationDays, int maxIter, int maxDepth, double stepSize, double subsamplingRate, long seed)
{
    public static final int DEFAULT_TRAINING_DAYS = 1456;
    public static final int DEFAULT_RECALIBRATION_DAYS = 28;
    public static final int DEFAULT_MAX_ITER = 300;
    public static final int DEFAULT_MAX_DEPTH = 3;
    public static final double DEFAULT_STEP_SIZE = 0.1;
    public static final double DEFAULT_SUBSAMPLING_RATE = 0.8;
    public static final long DEFAULT_SEED = 20161227L;

    /** Spark's trees stop at depth 30. */
    public static final int MAX_DEPTH_LIMIT = 30;

    public GbtParameters
    {
        if (trainingDays < 1) {
            throw new IllegalArgumentException("Cannot configure GBT: trainingDays must be positive: " + trainingDays);
        }
        if (recalibrationDays < 1) {
            throw new IllegalArgumentException("Cannot configure GBT: recalibrationDays must be positive: " + recalibrationDays);
        }
        if (maxIter < 1) {
            throw new IllegalArgumentException("Cannot configure GBT: maxIter must be positive: " + maxIter);
        }
        if (maxDepth < 1 || maxDepth > MAX_DEPTH_LIMIT) {
            throw new IllegalArgumentException("Cannot configure GBT: maxDepth must be in 1.." + MAX_DEPTH_LIMIT + ": " + maxDepth);
        }
        if (!(stepSize > 0 && stepSize <= 1)) {
            throw new IllegalArgumentException("Cannot configure GBT: stepSize must be in (0, 1]: " + stepSize);
        }
        if (!(subsamplingRate > 0 && subsamplingRate <= 1)) {
            throw new IllegalArgumentException("Cannot configure GBT: subsamplingRate must be in (0, 1]: " + subsamplingRate);
        }
    }

    public static GbtParameters defaults()
    {
        return new GbtParameters(DEFAULT_TRAINING_DAYS, DEFAULT_RECALIBRATION_DAYS, DEFAULT_MAX_ITER, DEFAULT_MAX_DEPTH, DEFAULT_STEP_SIZE,
                DEFAULT_SUBSAMPLING_RATE, DEFAULT_SEED);
    }

    public GbtParameters withTrainingDays(int trainingDays)
    {
        return new GbtParameters(trainingDays, recalibrationDays, maxIter, maxDepth, stepSize, subsamplingRate, seed);
    }

    public GbtParameters withRecalibrationDays(int recalibrationDays)
    {
        return new GbtParameters(trainingDays, recalibrationDays, maxIter, maxDepth, stepSize, subsamplingRate, seed);
    }

    /** The boosting settings together: the number of trees, their depth and the learning rate trade off against each other. */
    public GbtParameters withTrees(int maxIter, int maxDepth, double stepSize)
    {
        return new GbtParameters(trainingDays, recalibrationDays, maxIter, maxDepth, stepSize, subsamplingRate, seed);
    }

    public GbtParameters withSubsamplingRate(double subsamplingRate)
    {
        return new GbtParameters(trainingDays, recalibrationDays, maxIter, maxDepth, stepSize, subsamplingRate, seed);
    }

    public GbtParameters withSeed(long seed)
    {
        return new GbtParameters(trainingDays, recalibrationDays, maxIter, maxDepth, stepSize, subsamplingRate, seed);
    }
}
