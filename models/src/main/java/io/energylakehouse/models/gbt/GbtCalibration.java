package io.energylakehouse.models.gbt;

import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.series.DailyPanel;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.regression.GBTRegressionModel;

import java.time.Duration;
import java.time.LocalDate;

import static java.util.Objects.requireNonNull;

/**
 * One fitted model: trained on the target days [{@code trainedFrom}, {@code firstTargetDay}), so it may forecast
 * {@code firstTargetDay} and any later day, never an earlier one.
 *
 * @param priceScaler the asinh scaler of the prices of the training days; targets and price features go through it
 * @param trainingRows (day, hour) rows the model was fitted on, after rows with a missing input were dropped
 * @param fitTime wall time of the Spark fit alone
 */
public record GbtCalibration(String panelName, LocalDate trainedFrom, LocalDate firstTargetDay, AsinhScaler priceScaler, GBTRegressionModel model,
        long trainingRows, Duration fitTime)
{
    public GbtCalibration
    {
        requireNonNull(panelName, "panelName is null");
        requireNonNull(trainedFrom, "trainedFrom is null");
        requireNonNull(firstTargetDay, "firstTargetDay is null");
        requireNonNull(priceScaler, "priceScaler is null");
        requireNonNull(model, "model is null");
        requireNonNull(fitTime, "fitTime is null");
        if (!trainedFrom.isBefore(firstTargetDay)) {
            throw new IllegalArgumentException("Cannot build GBT calibration of " + panelName + ": trained from " + trainedFrom
                    + ", not before the first target day " + firstTargetDay);
        }
    }

    /**
     * The 24 price forecasts of {@code day}, from prices of days before it and exogenous values up to it.
     *
     * @throws LakehouseException if {@code day} is before {@link #firstTargetDay} (the model has seen it) or an input is missing
     */
    public double[] forecast(DailyPanel panel, LocalDate day)
    {
        requireNonNull(panel, "panel is null");
        requireNonNull(day, "day is null");
        if (day.isBefore(firstTargetDay)) {
            throw LakehouseException.userError("Cannot forecast %s %s with the GBT trained on target days %s..%s: the day is not after the training window",
                    panel.name(), day, trainedFrom, firstTargetDay.minusDays(1));
        }
        if (!panel.contains(day)) {
            throw LakehouseException.userError("Cannot forecast %s %s: the panel holds %s..%s", panel.name(), day, panel.firstDay(), panel.endDay().minusDays(1));
        }
        int index = panel.dayIndex(day);
        double[] forecast = new double[DailyPanel.HOURS];
        for (int hour = 0; hour < DailyPanel.HOURS; hour++) {
            double[] features = GbtFeatures.row(panel, index, hour, priceScaler);
            for (int i = 0; i < features.length; i++) {
                if (Double.isNaN(features[i])) {
                    throw LakehouseException.badData("Cannot forecast %s %s hour %d: feature %s is missing (NaN)", panel.name(), day, hour,
                            GbtFeatures.names(panel).get(i));
                }
            }
            forecast[hour] = priceScaler.inverse(GbtFeatures.level(panel, index, priceScaler) + model.predict(Vectors.dense(features)));
        }
        return forecast;
    }
}
