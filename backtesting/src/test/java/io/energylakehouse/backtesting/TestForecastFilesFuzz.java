package io.energylakehouse.backtesting;

import io.energylakehouse.common.testing.fuzz.FuzzBudget;
import io.energylakehouse.common.testing.fuzz.FuzzInput;
import io.energylakehouse.common.testing.fuzz.FuzzOutcome;
import io.energylakehouse.common.testing.fuzz.FuzzTarget;
import io.energylakehouse.common.testing.fuzz.FuzzTarget.Sample;
import io.energylakehouse.common.testing.fuzz.Fuzzing;
import io.energylakehouse.common.testing.fuzz.Mutations;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The forecast files of {@code backtest compare} in the fuzz suite (see the etl module's ParserSamples): mutations
 * of our forecasts.csv layout and of epftoolbox's published forecasts (hand-written, and the first lines of the real
 * files in ../shared/data/epf/forecasts when present) are read into forecast sets or refused with "Cannot read
 * forecasts ...", never anything else.
 */
class TestForecastFilesFuzz
{
    private static final Path SHARED_FORECASTS = Path.of(System.getProperty("lakehouse.shared-dir", "../../shared")).resolve("data/epf/forecasts");

    private static final FuzzTarget OURS = new FuzzTarget("backtest forecasts.csv", bytes -> read(bytes, ""), List.of(
            new Sample("hand-written forecasts.csv", ours().getBytes(StandardCharsets.UTF_8))));
    private static final FuzzTarget PUBLISHED = new FuzzTarget("epftoolbox forecasts", bytes -> read(bytes, ":LEAR Ensemble"), published());

    /** Fewer tries than the other files': each writes a file, as the command reads one. */
    @Test
    void forecastFilesAnswerEveryMutation()
    {
        FuzzBudget.run("forecastFilesAnswerEveryMutation", 800, 20261202L, Fuzzing.TIMEOUT, random -> Mutations.input(random, List.of(OURS, PUBLISHED), Mutations::stack));
    }

    @Test
    void forecastFilesAnswerLargeInputs()
    {
        FuzzBudget.run("forecastFilesAnswerLargeInputs", 4, 13L, Fuzzing.LARGE_TIMEOUT, random -> Mutations.input(random, List.of(OURS, PUBLISHED), r -> List.of(Mutations.large(r))));
    }

    @Test
    void everySampleReadsForecasts()
    {
        for (FuzzTarget target : List.of(OURS, PUBLISHED)) {
            for (Sample sample : target.samples()) {
                assertThat(Fuzzing.read(new FuzzInput(target, sample, List.of()), Fuzzing.TIMEOUT)).as(sample.name())
                        .isInstanceOfSatisfying(FuzzOutcome.Parsed.class, parsed -> assertThat(parsed.rows()).isPositive());
            }
        }
    }

    @Test
    void byteOrderMarkAndWindowsLineEndsChangeNothing()
    {
        List.of(OURS, PUBLISHED).forEach(Fuzzing::assertHarmlessChangesChangeNothing);
    }

    /** As {@code backtest compare FILE[:COLUMN]} reads a file: from a file of its own. */
    private static FuzzOutcome read(byte[] bytes, String column)
    {
        Path file = null;
        try {
            file = Files.createTempFile("fuzz-forecasts", ".csv");
            Files.write(file, bytes);
            return new FuzzOutcome.Parsed(ForecastFiles.read(file + column).realAndForecast().size(), List.of());
        }
        catch (IllegalArgumentException e) {
            if (e.getMessage() != null && e.getMessage().startsWith("Cannot read forecasts " + file)) {
                return new FuzzOutcome.Rejected(e.getMessage());
            }
            throw e;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        finally {
            if (file != null) {
                file.toFile().delete();
            }
        }
    }

    /** Two days of our layout with quantile and member columns, as BacktestReport writes it. */
    private static String ours()
    {
        StringBuilder csv = new StringBuilder("issue_time_utc,delivery_date,hour,actual_price,forecast_price,q0.1,q0.9,lear_56,dnn_1\n");
        for (String day : List.of("2017-03-25", "2017-03-26")) {
            for (int h = 0; h < 24; h++) {
                csv.append("2017-03-24T09:00:00Z,").append(day).append(',').append(h).append(',').append(20.0 + h).append(",25.5,21,30,25.25,-1.5\n");
            }
        }
        return csv.toString();
    }

    private static List<Sample> published()
    {
        List<Sample> samples = new ArrayList<>();
        StringBuilder csv = new StringBuilder(",Real price,DNN Ensemble,LEAR Ensemble\n");
        for (int h = 0; h < 24; h++) {
            csv.append(String.format(Locale.ROOT, "2017-03-26 %02d:00:00,%.2f,29.0,30.0\n", h, 20.0 + h / 3.0));
        }
        samples.add(new Sample("hand-written epftoolbox forecasts", csv.toString().getBytes(StandardCharsets.UTF_8)));
        if (Files.isDirectory(SHARED_FORECASTS)) {
            try (Stream<Path> files = Files.list(SHARED_FORECASTS)) {
                files.filter(file -> file.toString().endsWith(".csv")).sorted()
                        .forEach(file -> samples.add(Sample.head("real:data/epf/forecasts/" + file.getFileName() + " (first 120 lines)", file, 120)));
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return samples;
    }
}
