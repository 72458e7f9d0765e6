package io.energylakehouse.common.testing.fuzz;

import net.jqwik.api.Example;
import net.jqwik.api.lifecycle.AroundPropertyHook;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.PropertyExecutionResult;
import net.jqwik.api.lifecycle.PropertyExecutor;
import net.jqwik.api.lifecycle.PropertyLifecycleContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.util.Locale;

/**
 * The fuzz suite's budget: each property's {@code tries} (sized for about a minute of the whole suite in
 * {@code mvn verify}) times {@code -Dlakehouse.fuzz.scale} (e.g. 20 for a longer local run), its fixed seed
 * unless {@code -Dlakehouse.fuzz.seed} names another ({@code random} for a new one each run). Logs one line per
 * property: tries, time, seed and outcomes by target.
 */
public final class FuzzBudget
        implements AroundPropertyHook
{
    public static final String SCALE = "lakehouse.fuzz.scale";
    public static final String SEED = "lakehouse.fuzz.seed";

    private static final Logger log = LoggerFactory.getLogger(FuzzBudget.class);

    /** Registered on a test class, the budget applies to each of its properties. */
    @Override
    public PropagationMode propagateTo()
    {
        return PropagationMode.DIRECT_DESCENDANTS;
    }

    @Override
    public PropertyExecutionResult aroundProperty(PropertyLifecycleContext context, PropertyExecutor property)
    {
        double scale = scale();
        if (!context.targetMethod().isAnnotationPresent(Example.class)) {
            context.attributes().tries().ifPresent(tries -> context.attributes().setTries((int) Math.max(1, Math.round(tries * scale))));
        }
        String seed = System.getProperty(SEED, "").trim();
        if (!seed.isEmpty()) {
            // jqwik takes an empty seed as "choose one at random"
            context.attributes().setSeed(seed.equals("random") ? "" : seed);
        }
        Fuzzing.resetCounts();
        long started = System.nanoTime();
        long startedCpu = processCpuNanos();
        PropertyExecutionResult result = property.execute();
        log.info("Fuzzed {}: {} tries in {} s, {} s of CPU (seed {}, {}): {}", context.label(), result.countTries(),
                String.format(Locale.ROOT, "%.1f", (System.nanoTime() - started) / 1e9), String.format(Locale.ROOT, "%.1f", (processCpuNanos() - startedCpu) / 1e9),
                result.seed().orElse("none"), result.status(), Fuzzing.counts());
        return result;
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
