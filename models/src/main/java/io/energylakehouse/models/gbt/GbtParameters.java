package io.energylakehouse.models.gbt;

/**
 * How {@link GbtForecaster} trains: the training window, how often it refits, and Spark's GBT settings.
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
    public static final int DEFAULT_MAX_ITER = 100;
    public static final int DEFAULT_MAX_DEPTH = 5;
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
