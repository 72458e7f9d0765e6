package io.energylakehouse.cli;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The whole forecasting path on a short slice of the real Nord Pool benchmark file, as CI runs it: the file
 * lands in raw, is curated, is read back as the models' panel, LEAR (windows 56 and 84) and the boosted trees
 * forecast three weeks with daily recalibration, metrics.json and forecasts.csv are written, the run is
 * recorded, and the Diebold-Mariano comparison with the published LEAR ensemble runs. The full test periods
 * run from the command in backtesting/README.md.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TestBacktestCommand
{
    private static final Path SHARED = Path.of(System.getProperty("lakehouse.shared-dir", "../../shared")).resolve("data/epf");

    @TempDir
    static Path folder;
    private Path slice;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args)
    {
        return LakehouseCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @BeforeAll
    void slice()
            throws IOException
    {
        Assumptions.assumeTrue(Files.isDirectory(SHARED.resolve("datasets")), "../shared/data/epf is not there");
        // 2016-06-01 .. 2017-01-31 of NP.csv, in the file's own layout (a temporary copy, never in the repository)
        List<String> lines = Files.readAllLines(SHARED.resolve("datasets/NP.csv"));
        List<String> kept = new ArrayList<>(List.of(lines.get(0)));
        for (String line : lines.subList(1, lines.size())) {
            String day = line.substring(0, 10);
            if (day.compareTo("2016-06-01") >= 0 && day.compareTo("2017-01-31") <= 0) {
                kept.add(line);
            }
        }
        slice = Files.write(folder.resolve("NP.csv"), kept);
    }

    @Test
    void ensembleBacktestOfThreeWeeksThroughRawAndCurated()
            throws IOException
    {
        Path result = folder.resolve("ensemble");
        int exitCode = run("backtest", "run", "--file", slice.toString(), "--format", "epftoolbox", "--model", "ensemble", "--windows", "56,84",
                "--test-from", "2016-12-27", "--test-to", "2017-01-16", "--quantile-warmup-days", "14", "--gbt-training-days", "150",
                "--gbt-recalibration-days", "21", "--gbt-trees", "40", "--out", result.toString(), "--home", folder.resolve("lake").toString());
        assertThat(exitCode).as(err.toString()).isZero();

        String metrics = Files.readString(result.resolve("metrics.json"));
        assertThat(metrics).contains("\"mae\": ", "\"rmae\": ", "\"smape\": ", "\"rmse\": ", "\"naive\": \"weekly naive", "\"pinball\"", "\"coverage\"");
        double mae = number(metrics, "mae");
        double rmae = number(metrics, "rmae");
        assertThat(mae).isBetween(0.3, 5.0);
        assertThat(rmae).as("better than the weekly naive").isLessThan(1.0);
        // the LEAR ensemble on its own is reported beside the members, as the epftoolbox publishes it
        assertThat(metrics).contains("\"lear_ensemble\": {\"mae\": ", "\"gbt\": {\"mae\": ", "\"lear_56\": {\"mae\": ");

        List<String> forecasts = Files.readAllLines(result.resolve("forecasts.csv"));
        assertThat(forecasts).hasSize(1 + 21 * 24);
        List<String> header = Arrays.asList(forecasts.get(0).split(","));
        assertThat(header).contains("issue_time_utc", "delivery_date", "hour", "actual_price", "forecast_price", "q05", "q95", "gbt", "lear_56", "lear_84");
        // Through raw and curated the panel is the file: LEAR 56 on the first day equals the scikit-learn reference
        // (models' TestLearAgainstScikitLearn) computed from the file itself.
        String[] first = forecasts.get(1).split(",");
        assertThat(first[1]).isEqualTo("2016-12-27");
        assertThat(Double.parseDouble(first[header.indexOf("lear_56")])).isCloseTo(25.152, within(1e-3));
        assertThat(Double.parseDouble(first[header.indexOf("actual_price")])).isCloseTo(24.08, within(1e-9));
        // the ensemble is the mean of the LEAR ensemble and the trees
        double lear = (Double.parseDouble(first[header.indexOf("lear_56")]) + Double.parseDouble(first[header.indexOf("lear_84")])) / 2;
        assertThat(Double.parseDouble(first[header.indexOf("forecast_price")])).isCloseTo((lear + Double.parseDouble(first[header.indexOf("gbt")])) / 2, within(1e-5));
        assertThat(Double.parseDouble(first[header.indexOf("lear_ensemble")])).isCloseTo(lear, within(1e-5));

        // the same run again is the same run (idempotent): one registry row, one set of forecast rows
        assertThat(run("backtest", "run", "--file", slice.toString(), "--format", "epftoolbox", "--model", "naive", "--test-from", "2016-12-27",
                "--test-to", "2017-01-16", "--out", folder.resolve("naive").toString(), "--home", folder.resolve("lake").toString())).as(err.toString()).isZero();
        assertThat(run("backtest", "run", "--file", slice.toString(), "--format", "epftoolbox", "--model", "naive", "--test-from", "2016-12-27",
                "--test-to", "2017-01-16", "--out", folder.resolve("naive").toString(), "--home", folder.resolve("lake").toString())).as(err.toString()).isZero();
        String registry = printed("sql", "--home", folder.resolve("lake").toString(), "--format", "csv",
                "SELECT model, count(*) AS runs FROM analytics.model_registry GROUP BY model ORDER BY model");
        assertThat(registry).contains("ensemble,1", "naive,1");
        String rows = printed("sql", "--home", folder.resolve("lake").toString(), "--format", "csv",
                "SELECT count(*) AS n FROM analytics.forecasts WHERE model = 'naive'");
        assertThat(rows).contains(String.valueOf(21 * 24));

        // Diebold-Mariano against the published LEAR ensemble on the shared days
        assertThat(run("backtest", "compare", "--a", result.toString(), "--b",
                SHARED.resolve("forecasts/Forecasts_NP_DNN_LEAR_ensembles.csv") + ":LEAR Ensemble")).as(err.toString()).isZero();
    }

    @Test
    void wrongArgumentsAreOneLineUserErrors()
    {
        assertThat(run("backtest", "run", "--file", slice.toString(), "--format", "epftoolbox", "--model", "arima", "--test-from", "2016-12-27",
                "--test-to", "2017-01-16", "--out", folder.resolve("x").toString(), "--home", folder.resolve("lake2").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("Cannot use model 'arima': use naive, lear, gbt or ensemble");
        assertThat(run("backtest", "run", "--file", folder.resolve("missing.csv").toString(), "--format", "epftoolbox", "--model", "lear", "--test-from",
                "2016-12-27", "--test-to", "2017-01-16", "--out", folder.resolve("x").toString())).isEqualTo(2);
        assertThat(run("backtest", "compare", "--a", folder.resolve("nothing").toString(), "--b", folder.resolve("nothing").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("Cannot read forecasts");
    }

    /** What a command prints on standard output (the commands print there, as the launcher does). */
    private String printed(String... args)
    {
        PrintStream original = System.out;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            assertThat(run(args)).as(err.toString()).isZero();
        }
        finally {
            System.setOut(original);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }

    private static double number(String json, String key)
    {
        int start = json.indexOf("\"" + key + "\": ") + key.length() + 4;
        int end = json.indexOf(',', start);
        return Double.parseDouble(json.substring(start, end).trim());
    }
}
