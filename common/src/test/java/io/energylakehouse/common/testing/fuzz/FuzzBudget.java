package io.energylakehouse.common.testing.fuzz;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.Function;

import static java.util.Objects.requireNonNull;

/**
 * The fuzz suite's budget and loop: each property's {@code tries} (sized for about a minute of the whole suite in
 * {@code mvn verify}) times {@code -Dlakehouse.fuzz.scale} (e.g. 20 for a longer local run), drawn from a
 * {@link Random} of the property's fixed seed unless {@code -Dlakehouse.fuzz.seed} names another ({@code random}
 * for a new one each run). Every try runs, and the property fails once at the end with every failing try (seed,
 * try number, recipe). Logs one line per property: tries, time, seed and outcomes by target.
 */
public final class FuzzBudget
{
    public static final String SCALE = "lakehouse.fuzz.scale";
    public static final String SEED = "lakehouse.fuzz.seed";

    /** Failures printed with their stack traces; the others get one line each. */
    private static final int FAILURES_IN_FULL = 3;

    private static final Logger log = LoggerFactory.getLogger(FuzzBudget.class);

    private FuzzBudget() {}

    /**
     * Reads {@link #tries}({@code tries}) inputs drawn by {@code inputs} from a {@link Random} of {@link #seed}({@code seed})
     * with {@link Fuzzing#read}, and fails with every try that failed.
     */
    public static void run(String property, int tries, long seed, Duration timeout, Function<Random, FuzzInput> inputs)
    {
        requireNonNull(property, "property is null");
        requireNonNull(timeout, "timeout is null");
        requireNonNull(inputs, "inputs is null");
        int scaledTries = tries(tries);
        long usedSeed = seed(seed);
        Random random = new Random(usedSeed);
        List<String> failures = new ArrayList<>();
        Throwable first = null;
        Fuzzing.resetCounts();
        long started = System.nanoTime();
        long startedCpu = processCpuNanos();
        for (int attempt = 1; attempt <= scaledTries; attempt++) {
            FuzzInput input = inputs.apply(random);
            try {
                Fuzzing.read(input, timeout);
            }
            catch (AssertionError | RuntimeException e) {
                first = first == null ? e : first;
                String message = String.valueOf(e.getMessage());
                // Fuzzing's failures end with the recipe; others (a mutation that throws) get it here
                String recipe = message.contains(input.toString()) ? "" : ", input " + input;
                String failure = String.format("try %d of %d (seed %d)%s:%n  %s", attempt, scaledTries, usedSeed, recipe,
                        failures.size() < FAILURES_IN_FULL ? message : message.lines().findFirst().orElse(message));
                if (failures.size() < FAILURES_IN_FULL) {
                    StringWriter trace = new StringWriter();
                    e.printStackTrace(new PrintWriter(trace));
                    failure = failure + "\n" + trace;
                }
                failures.add(failure);
            }
        }
        log.info("Fuzzed {}: {} tries in {} s, {} s of CPU (seed {}, {} failed): {}", property, scaledTries,
                String.format(Locale.ROOT, "%.1f", (System.nanoTime() - started) / 1e9), String.format(Locale.ROOT, "%.1f", (processCpuNanos() - startedCpu) / 1e9),
                usedSeed, failures.size(), Fuzzing.counts());
        if (!failures.isEmpty()) {
            throw new AssertionError(String.format("%s failed %d of %d tries (seed %d; -D%s=%d repeats them, the first %d in full):%n%s",
                    property, failures.size(), scaledTries, usedSeed, SEED, usedSeed, Math.min(FAILURES_IN_FULL, failures.size()), String.join("\n", failures)), first);
        }
    }

    /** The property's tries times {@code -Dlakehouse.fuzz.scale}, at least one. */
    public static int tries(int tries)
    {
        return (int) Math.max(1, Math.round(tries * scale()));
    }

    /** {@code -Dlakehouse.fuzz.seed} if set ({@code random}: a new seed), else the property's own. */
    public static long seed(long defaultSeed)
    {
        String value = System.getProperty(SEED, "").trim();
        if (value.isEmpty()) {
            return defaultSeed;
        }
        if (value.equals("random")) {
            return new SecureRandom().nextLong();
        }
        try {
            return Long.parseLong(value);
        }
        catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + SEED + " must be a whole number or 'random', got '" + value + "'", e);
        }
    }

    /** CPU time of the whole test JVM (tries, garbage collection, compilation), which a loaded machine does not inflate as it does wall time. */
    private static long processCpuNanos()
    {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean system ? system.getProcessCpuTime() : 0;
    }

    private static double scale()
    {
        String value = System.getProperty(SCALE, "1").trim();
        try {
            double scale = Double.parseDouble(value);
            if (scale > 0 && Double.isFinite(scale)) {
                return scale;
            }
        }
        catch (NumberFormatException e) {
            // told below
        }
        throw new IllegalArgumentException("-D" + SCALE + " must be a positive number, got '" + value + "'");
    }
}
