package io.energylakehouse.backtesting;

import io.energylakehouse.common.FileErrors;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * What a backtest measured over its test period (warm-up days left out): the point metrics as epftoolbox computes
 * them (rMAE against the weekly naive built from the test period's own prices), the members' MAEs, and the
 * quantiles' pinball loss and interval coverage. Writes {@code metrics.json} and {@code forecasts.csv}.
 */
public record BacktestReport(RollingBacktest.Run run, String dataset, ZoneId zone, LocalTime issueTime, ForecastMetrics.Summary point,
        Map<String, ForecastMetrics.Summary> members, Map<Double, Double> pinball, Map<String, Double> coverage, int quantileHours)
{
    public BacktestReport
    {
        requireNonNull(run, "run is null");
        requireNonNull(dataset, "dataset is null");
        requireNonNull(zone, "zone is null");
        requireNonNull(issueTime, "issueTime is null");
        requireNonNull(point, "point is null");
        members = Map.copyOf(members);
        pinball = Map.copyOf(pinball);
        coverage = Map.copyOf(coverage);
    }

    /** Forecasts for D are issued on D-1 at this local time, before the day-ahead auctions close (noon in Europe, 10:30 in PJM). */
    public static final LocalTime DEFAULT_ISSUE_TIME = LocalTime.of(10, 0);

    public static BacktestReport of(RollingBacktest.Run run, String dataset, ZoneId zone, LocalTime issueTime)
    {
        List<Integer> test = run.testDayIndexes();
        int hours = test.size() * 24;
        double[] actual = new double[hours];
        double[] forecast = new double[hours];
        TreeSet<String> memberNames = new TreeSet<>(run.days().get(test.get(0)).members().keySet());
        Map<String, double[]> memberForecasts = new LinkedHashMap<>();
        for (String name : memberNames) {
            memberForecasts.put(name, new double[hours]);
        }
        for (int t = 0; t < test.size(); t++) {
            DayForecast day = run.days().get(test.get(t));
            System.arraycopy(day.actual(), 0, actual, t * 24, 24);
            System.arraycopy(day.point(), 0, forecast, t * 24, 24);
            for (String name : memberNames) {
                System.arraycopy(day.members().get(name), 0, memberForecasts.get(name), t * 24, 24);
            }
        }
        Map<String, ForecastMetrics.Summary> members = new LinkedHashMap<>();
        if (memberNames.size() > 1) {
            memberForecasts.forEach((name, values) -> members.put(name, ForecastMetrics.summarise(actual, values)));
        }
        // in an ensemble with the boosted model, the LEAR ensemble on its own is the figure the epftoolbox publishes
        if (hasLearEnsemble(memberNames)) {
            double[] learEnsemble = new double[hours];
            for (int t = 0; t < test.size(); t++) {
                System.arraycopy(RollingBacktest.learEnsemble(run.days().get(test.get(t)).members()), 0, learEnsemble, t * 24, 24);
            }
            members.put("lear_ensemble", ForecastMetrics.summarise(actual, learEnsemble));
        }
        double[] levels = run.spec().quantiles().levels();
        Map<Double, Double> pinball = new LinkedHashMap<>();
        int quantileHours = 0;
        double[][] quantile = new double[levels.length][];
        for (int q = 0; q < levels.length; q++) {
            List<Double> real = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            for (int t = 0; t < test.size(); t++) {
                for (int h = 0; h < 24; h++) {
                    double value = run.quantiles()[test.get(t)][q][h];
                    if (Double.isFinite(value)) {
                        real.add(actual[t * 24 + h]);
                        values.add(value);
                    }
                }
            }
            quantileHours = real.size();
            if (!real.isEmpty()) {
                pinball.put(levels[q], ForecastMetrics.pinball(toArray(real), toArray(values), levels[q]));
            }
            quantile[q] = new double[hours];
            for (int t = 0; t < test.size(); t++) {
                System.arraycopy(run.quantiles()[test.get(t)][q], 0, quantile[q], t * 24, 24);
            }
        }
        Map<String, Double> coverage = new LinkedHashMap<>();
        for (int low = 0; low < levels.length; low++) {
            for (int high = levels.length - 1; high > low; high--) {
                if (Math.abs(levels[low] + levels[high] - 1.0) < 1e-9) {
                    String name = String.format(Locale.ROOT, "%.0f%% (%s..%s)", (levels[high] - levels[low]) * 100, label(levels[low]), label(levels[high]));
                    double[] lower = quantile[low];
                    double[] upper = quantile[high];
                    List<Double> real = new ArrayList<>();
                    List<Double> lo = new ArrayList<>();
                    List<Double> hi = new ArrayList<>();
                    for (int i = 0; i < hours; i++) {
                        if (Double.isFinite(lower[i]) && Double.isFinite(upper[i])) {
                            real.add(actual[i]);
                            lo.add(lower[i]);
                            hi.add(upper[i]);
                        }
                    }
                    if (!real.isEmpty()) {
                        coverage.put(name, ForecastMetrics.coverage(toArray(real), toArray(lo), toArray(hi)));
                    }
                }
            }
        }
        return new BacktestReport(run, dataset, zone, issueTime, ForecastMetrics.summarise(actual, forecast), members, pinball, coverage, quantileHours);
    }

    private static double[] toArray(List<Double> values)
    {
        return values.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static String label(double level)
    {
        return String.format(Locale.ROOT, "q%02.0f", level * 100);
    }

    public int testDays()
    {
        return run.testDayIndexes().size();
    }

    /** metrics.json: mae, rmae, smape, rmse, naive first (the keys the issue names), then the rest. */
    public String metricsJson()
    {
        StringBuilder json = new StringBuilder();
        json.append("{\n");
        field(json, "mae", point.mae());
        field(json, "rmae", point.rmae());
        field(json, "smape", point.smapePercent());
        field(json, "rmse", point.rmse());
        json.append("  \"naive\": \"").append(point.naive()).append("\",\n");
        field(json, "mape", point.mapePercent());
        json.append("  \"mape_zero_price_hours_left_out\": ").append(point.mapeZeroPriceHours()).append(",\n");
        field(json, "wape", point.wapePercent());
        json.append("  \"units\": \"mae, rmse in currency per MWh; smape, mape, wape in percent; rmae a ratio\",\n");
        json.append("  \"model\": \"").append(run.spec().model().code()).append("\",\n");
        json.append("  \"model_description\": \"").append(run.spec().model().description()).append("\",\n");
        json.append("  \"dataset\": \"").append(dataset).append("\",\n");
        json.append("  \"test_from\": \"").append(run.spec().testFrom()).append("\",\n");
        json.append("  \"test_to\": \"").append(run.spec().testTo()).append("\",\n");
        json.append("  \"test_days\": ").append(testDays()).append(",\n");
        json.append("  \"hours\": ").append(point.hours()).append(",\n");
        if (run.spec().model().needsLear()) {
            json.append("  \"lear_windows_days\": ").append(run.spec().windows()).append(",\n");
        }
        json.append("  \"members\": {");
        List<String> entries = new ArrayList<>();
        members.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(member -> entries.add(String.format(Locale.ROOT,
                "\n    \"%s\": {\"mae\": %.6f, \"rmae\": %.6f, \"smape\": %.6f, \"rmse\": %.6f}", member.getKey(), member.getValue().mae(),
                member.getValue().rmae(), member.getValue().smapePercent(), member.getValue().rmse())));
        json.append(String.join(",", entries)).append(entries.isEmpty() ? "},\n" : "\n  },\n");
        json.append("  \"quantile_method\": \"point forecast + empirical quantile of the same hour's errors over the last ")
                .append(run.spec().quantiles().lookbackDays()).append(" days before issue (at least ").append(run.spec().quantiles().minimumDays()).append(")\",\n");
        json.append("  \"quantile_hours\": ").append(quantileHours).append(",\n");
        json.append("  \"pinball\": {");
        List<String> losses = new ArrayList<>();
        pinball.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(loss -> losses.add(String.format(Locale.ROOT, "\"%s\": %.6f", label(loss.getKey()), loss.getValue())));
        json.append(String.join(", ", losses)).append("},\n");
        double meanPinball = pinball.values().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        field(json, "pinball_mean", meanPinball);
        json.append("  \"coverage\": {");
        List<String> covered = new ArrayList<>();
        coverage.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(interval -> covered.add(String.format(Locale.ROOT, "\"%s\": %.6f", interval.getKey(), interval.getValue())));
        json.append(String.join(", ", covered)).append("},\n");
        json.append("  \"issue_time\": \"D-1 ").append(issueTime).append(' ').append(zone).append("\",\n");
        json.append("  \"executor\": \"").append(run.spec().executor().name().toLowerCase(Locale.ROOT)).append("\",\n");
        json.append(String.format(Locale.ROOT, "  \"wall_seconds\": %.1f%n", run.wallSeconds()));
        json.append("}\n");
        return json.toString().replace("NaN", "null");
    }

    private static void field(StringBuilder json, String name, double value)
    {
        // JSON has no NaN: an undefined metric (MAPE with every real price zero) is null
        json.append(Double.isFinite(value) ? String.format(Locale.ROOT, "  \"%s\": %.6f,%n", name, value) : String.format(Locale.ROOT, "  \"%s\": null,%n", name));
    }

    /** The UTC instant a forecast for {@code day} is issued. */
    public ZonedDateTime issuedAt(LocalDate day)
    {
        return ZonedDateTime.of(day.minusDays(1), issueTime, zone);
    }

    /**
     * forecasts.csv: one row per test day and local clock hour with the issue time, what came true, the point
     * forecast, the quantiles and every member.
     */
    public String forecastsCsv()
    {
        double[] levels = run.spec().quantiles().levels();
        List<String> memberNames = new ArrayList<>(new TreeSet<>(run.days().get(run.testDayIndexes().get(0)).members().keySet()));
        StringBuilder csv = new StringBuilder("issue_time_utc,delivery_date,hour,actual_price,forecast_price");
        for (double level : levels) {
            csv.append(',').append(label(level));
        }
        for (String member : memberNames) {
            csv.append(',').append(member);
        }
        boolean learEnsemble = hasLearEnsemble(memberNames);
        if (learEnsemble) {
            csv.append(",lear_ensemble");
        }
        csv.append('\n');
        for (int index : run.testDayIndexes()) {
            DayForecast day = run.days().get(index);
            String issued = issuedAt(day.day()).toInstant().toString();
            double[] learMean = learEnsemble ? RollingBacktest.learEnsemble(day.members()) : null;
            for (int h = 0; h < 24; h++) {
                csv.append(issued).append(',').append(day.day()).append(',').append(h).append(',').append(number(day.actual()[h])).append(',')
                        .append(number(day.point()[h]));
                for (int q = 0; q < levels.length; q++) {
                    csv.append(',').append(number(run.quantiles()[index][q][h]));
                }
                for (String member : memberNames) {
                    csv.append(',').append(number(day.members().get(member)[h]));
                }
                if (learEnsemble) {
                    csv.append(',').append(number(learMean[h]));
                }
                csv.append('\n');
            }
        }
        return csv.toString();
    }

    /** An ensemble with the boosted model reports its LEAR ensemble on its own too (in a LEAR run it is the forecast). */
    private static boolean hasLearEnsemble(Collection<String> memberNames)
    {
        return memberNames.contains("gbt") && memberNames.stream().anyMatch(name -> name.startsWith("lear_"));
    }

    static String number(double value)
    {
        return Double.isFinite(value) ? String.format(Locale.ROOT, "%.6f", value) : "";
    }

    public void write(Path directory)
    {
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve("metrics.json"), metricsJson(), StandardCharsets.UTF_8);
            Files.writeString(directory.resolve("forecasts.csv"), forecastsCsv(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot write the backtest's results to " + directory + ": " + FileErrors.reason(e), e);
        }
    }
}
