package io.energylakehouse.backtesting;

import java.util.Locale;

/** The day-ahead price models a backtest can run. */
public enum ForecastModel
{
    /** The weekly naive forecast: the price of the same hour on D-7 (known at issue time). */
    NAIVE("naive", "weekly naive (price of the same hour on D-7)"),
    /** epftoolbox's LEAR, the mean over its calibration windows (56, 84, 1092, 1456 days by default). */
    LEAR("lear", "LEAR ensemble (epftoolbox recipe), mean over calibration windows"),
    /** Gradient-boosted trees (spark-mllib), one model for the 24 hours. */
    GBT("gbt", "gradient-boosted trees (spark-mllib GBTRegressor)"),
    /** The mean of the LEAR ensemble and the boosted model. */
    ENSEMBLE("ensemble", "mean of the LEAR ensemble and the gradient-boosted trees");

    private final String code;
    private final String description;

    ForecastModel(String code, String description)
    {
        this.code = code;
        this.description = description;
    }

    public String code()
    {
        return code;
    }

    public String description()
    {
        return description;
    }

    public boolean needsLear()
    {
        return this == LEAR || this == ENSEMBLE;
    }

    public boolean needsGbt()
    {
        return this == GBT || this == ENSEMBLE;
    }

    public static ForecastModel parse(String text)
    {
        for (ForecastModel model : values()) {
            if (model.code.equals(text.toLowerCase(Locale.ROOT))) {
                return model;
            }
        }
        throw new IllegalArgumentException("Cannot use model '" + text + "': use naive, lear, gbt or ensemble");
    }
}
