package io.energylakehouse.models;

import io.energylakehouse.common.table.TableSpec;

import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

/** Where forecasts and the models that made them are recorded. */
public final class ForecastTables
{
    private ForecastTables() {}

    public static final TableSpec FORECASTS = TableSpec.builder("analytics", "forecasts",
                    "Day-ahead price forecasts, one row per run, issue time, delivery day and local clock hour, with their quantiles and (in backtests) the price that came true")
            .required("run_id", StringType, "analytics.model_registry row of the run that made the forecast")
            .required("model", StringType, "naive, lear, gbt or ensemble")
            .required("model_version", StringType, "Version of the model's code")
            .required("series", StringType, "The priced series forecast, e.g. NP (a dataset name) or a market and location")
            .required("issue_time_utc", TimestampType, "When the forecast was issued: D-1 before the day-ahead auction; only what was known then entered it")
            .required("delivery_date", DateType, "Local delivery day D in the series' time zone")
            .required("hour", IntegerType, "Local clock hour 0..23 of D (the models' 24-hour grid; DST days as described in the README)")
            .optional("interval_start_utc", TimestampType, "Start of the hour (instant); null for the clock hour a spring-forward day does not have")
            .required("price_per_mwh", DoubleType, "Point forecast in currency per MWh")
            .optional("price_q05_per_mwh", DoubleType, "5 % quantile")
            .optional("price_q10_per_mwh", DoubleType, "10 % quantile")
            .optional("price_q50_per_mwh", DoubleType, "Median")
            .optional("price_q90_per_mwh", DoubleType, "90 % quantile")
            .optional("price_q95_per_mwh", DoubleType, "95 % quantile")
            .optional("actual_price_per_mwh", DoubleType, "The price that came true (backtests)")
            .required("currency", StringType, "ISO 4217 code of the prices")
            .required("created_at_utc", TimestampType, "When the run wrote this row")
            .key("run_id", "issue_time_utc", "delivery_date", "hour")
            // a run owns its partition: a rerun replaces exactly its own files
            .partitionedBy("series", "run_id")
            .build();

    public static final TableSpec MODEL_REGISTRY = TableSpec.builder("analytics", "model_registry",
                    "Every model run (backtest or forecast): what it was, its parameters, the data it saw, how it did and where its files are")
            .required("run_id", StringType, "Stable id: a hash of model, version, parameters, series, test period and input snapshots (a rerun on the same inputs has the same id)")
            .required("model", StringType, "naive, lear, gbt or ensemble")
            .required("model_version", StringType, "Version of the model's code")
            .required("parameters", StringType, "The model's parameters as JSON")
            .required("training_window", StringType, "How the model was calibrated, e.g. 'rolling 56,84,1092,1456 days, recalibrated daily'")
            .required("series", StringType, "The priced series")
            .required("test_from", DateType, "First delivery day forecast")
            .required("test_to", DateType, "Last delivery day forecast (inclusive)")
            .required("input_snapshots", StringType, "Iceberg snapshot id of every input table, e.g. curated.market_prices=123,curated.fundamentals=456")
            .required("metrics", StringType, "metrics.json of the run")
            .optional("mae", DoubleType, "MAE over the test period")
            .optional("rmae", DoubleType, "rMAE against the weekly naive over the test period")
            .required("artifact_location", StringType, "Where the run's files (metrics.json, forecasts.csv) are")
            .required("wall_seconds", DoubleType, "Wall time of the run")
            .required("created_at_utc", TimestampType, "When the run was recorded")
            .key("run_id")
            .partitionedBy("run_id")
            .build();
}
