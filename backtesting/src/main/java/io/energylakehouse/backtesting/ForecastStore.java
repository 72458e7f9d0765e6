package io.energylakehouse.backtesting;

import io.energylakehouse.common.table.Lakehouse;
import io.energylakehouse.models.ForecastTables;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;

/**
 * Records a backtest in the lakehouse: its forecasts in analytics.forecasts and the run in
 * analytics.model_registry. The run id is a hash of what determines the result, so a rerun on the same inputs
 * replaces its own rows (idempotent) and a run on newer inputs is a new run.
 */
public final class ForecastStore
{
    private static final Logger log = LoggerFactory.getLogger(ForecastStore.class);
    public static final String MODEL_VERSION = "0.1.0";

    private final Lakehouse lakehouse;

    public ForecastStore(Lakehouse lakehouse)
    {
        this.lakehouse = requireNonNull(lakehouse, "lakehouse is null");
    }

    /** What the run saw: the input tables' snapshot ids, in a stable order, e.g. {@code curated.market_prices=123}. */
    public record Inputs(Map<String, Long> snapshots, String currency)
    {
        public Inputs
        {
            snapshots = Map.copyOf(requireNonNull(snapshots, "snapshots is null"));
            requireNonNull(currency, "currency is null");
        }

        String describe()
        {
            List<String> parts = new ArrayList<>();
            snapshots.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(entry -> parts.add(entry.getKey() + "=" + entry.getValue()));
            return String.join(",", parts);
        }
    }

    public static String parameters(RollingBacktest.Spec spec)
    {
        StringBuilder json = new StringBuilder("{\"model\": \"").append(spec.model().code()).append('"');
        if (spec.model().needsLear()) {
            json.append(", \"lear_windows_days\": ").append(spec.windows())
                    .append(", \"lear_penalty\": \"LARS path, AIC as scikit-learn < 1.1, Lasso refit (max_iter 2500, tol 1e-4)\"");
        }
        double[] levels = spec.quantiles().levels();
        json.append(", \"quantile_levels\": ").append(java.util.Arrays.toString(levels));
        json.append(", \"quantile_warmup_days\": ").append(spec.quantiles().minimumDays());
        json.append(", \"quantile_lookback_days\": ").append(spec.quantiles().lookbackDays());
        return json.append('}').toString();
    }

    public static String runId(BacktestReport report, Inputs inputs, String gbtParameters)
    {
        String identity = String.join("|", report.run().spec().model().code(), MODEL_VERSION, parameters(report.run().spec()), gbtParameters, report.dataset(),
                report.run().spec().testFrom().toString(), report.run().spec().testTo().toString(), inputs.describe());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return report.run().spec().model().code() + "-" + HexFormat.of().formatHex(digest, 0, 8);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the test period's forecasts and the registry row; returns the run id. */
    public String save(BacktestReport report, Inputs inputs, String gbtParameters, String artifactLocation)
    {
        RollingBacktest.Run run = report.run();
        String runId = runId(report, inputs, gbtParameters);
        Instant now = Instant.now();
        String model = run.spec().model().code();
        List<Row> rows = new ArrayList<>();
        for (int index : run.testDayIndexes()) {
            DayForecast day = run.days().get(index);
            Instant issued = report.issuedAt(day.day()).toInstant();
            for (int h = 0; h < 24; h++) {
                LocalDateTime local = day.day().atTime(h, 0);
                // a fall-back day's repeated clock hour: its first occurrence; a spring-forward day's missing one: null
                List<ZoneOffset> offsets = report.zone().getRules().getValidOffsets(local);
                Instant startUtc = offsets.isEmpty() ? null : local.toInstant(offsets.get(0));
                double[][] quantiles = run.quantiles()[index];
                rows.add(RowFactory.create(runId, model, MODEL_VERSION, report.dataset(), issued, day.day(), h, startUtc, day.point()[h],
                        nullable(quantiles, 0, h), nullable(quantiles, 1, h), nullable(quantiles, 2, h), nullable(quantiles, 3, h), nullable(quantiles, 4, h),
                        day.actual()[h], inputs.currency(), now));
            }
        }
        lakehouse.ensure(ForecastTables.FORECASTS);
        lakehouse.ensure(ForecastTables.MODEL_REGISTRY);
        Dataset<Row> forecasts = lakehouse.spark().createDataFrame(rows, ForecastTables.FORECASTS.schema());
        lakehouse.overwrite(ForecastTables.FORECASTS, forecasts, col("run_id").equalTo(runId));
        String training = run.spec().model().needsLear()
                ? "rolling " + run.spec().windows() + " days before each delivery day, recalibrated daily"
                : "none (weekly naive)";
        if (run.spec().model().needsGbt()) {
            training += "; gbt: " + gbtParameters;
        }
        Row registry = RowFactory.create(runId, model, MODEL_VERSION, parameters(run.spec()), training, report.dataset(), run.spec().testFrom(), run.spec().testTo(),
                inputs.describe(), report.metricsJson(), report.point().mae(), report.point().rmae(), artifactLocation, run.wallSeconds(), now);
        lakehouse.overwrite(ForecastTables.MODEL_REGISTRY, lakehouse.spark().createDataFrame(List.of(registry), ForecastTables.MODEL_REGISTRY.schema()),
                col("run_id").equalTo(runId));
        log.info("Recorded run {}: {} forecast rows in {}, registry row in {}", runId, rows.size(), ForecastTables.FORECASTS.identifier(),
                ForecastTables.MODEL_REGISTRY.identifier());
        return runId;
    }

    private static Double nullable(double[][] quantiles, int level, int hour)
    {
        if (level >= quantiles.length) {
            return null;
        }
        double value = quantiles[level][hour];
        return Double.isFinite(value) ? value : null;
    }
}
