package io.energylakehouse.etl.fuzz;

import io.energylakehouse.common.testing.fuzz.FuzzBudget;
import io.energylakehouse.common.testing.fuzz.FuzzInput;
import io.energylakehouse.common.testing.fuzz.FuzzOutcome;
import io.energylakehouse.common.testing.fuzz.FuzzTarget;
import io.energylakehouse.common.testing.fuzz.Fuzzing;
import io.energylakehouse.common.testing.fuzz.Mutation;
import io.energylakehouse.common.testing.fuzz.Mutations;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The fuzz suite of the parsers of operator and user files ({@link ParserSamples}): thousands of mutations of
 * their real and hand-written samples, each answered with rows or a rejection with a reason, never an exception,
 * a hang or unbounded memory. Fixed seeds make a run repeatable; {@code -Dlakehouse.fuzz.scale=20} runs twenty
 * times the tries and {@code -Dlakehouse.fuzz.seed=random} new inputs (see {@link FuzzBudget}).
 */
class TestParserFuzz
{
    @Test
    void everyParserAnswersEveryMutation()
    {
        List<FuzzTarget> targets = ParserSamples.registered();
        FuzzBudget.run("everyParserAnswersEveryMutation", 6_000, 20261202L, Fuzzing.TIMEOUT, random -> Mutations.input(random, targets, Mutations::stack));
    }

    /** A large input, then perhaps one more mutation (zipped: a small zip of a large file; truncated). */
    @Test
    void everyParserAnswersLargeInputs()
    {
        List<FuzzTarget> targets = ParserSamples.registered();
        FuzzBudget.run("everyParserAnswersLargeInputs", 16, 13L, Fuzzing.LARGE_TIMEOUT, random -> Mutations.input(random, targets, TestParserFuzz::largeThenPerhapsAnother));
    }

    @Test
    void everyParserReadsRowsFromItsSamples()
    {
        for (FuzzTarget target : ParserSamples.registered()) {
            List<FuzzOutcome> outcomes = target.samples().stream().map(sample -> Fuzzing.read(new FuzzInput(target, sample, List.of()), Fuzzing.TIMEOUT)).toList();
            assertThat(outcomes)
                    .as("%s reads rows from at least one of its samples %s", target.name(), target.samples())
                    .anySatisfy(outcome -> assertThat(outcome).isInstanceOfSatisfying(FuzzOutcome.Parsed.class, parsed -> assertThat(parsed.rows()).isPositive()));
        }
    }

    @Test
    void byteOrderMarkAndWindowsLineEndsChangeNothing()
    {
        ParserSamples.registered().forEach(Fuzzing::assertHarmlessChangesChangeNothing);
    }

    @Test
    void realOperatorFilesAreAmongTheSamples()
    {
        assumeThat(Files.isDirectory(ParserSamples.SHARED.resolve("fixtures/real"))).as("real fixtures at %s", ParserSamples.SHARED.toAbsolutePath()).isTrue();
        // ../shared holds no real settlement, MISO price, NYISO price, IESO or JEPX file yet
        java.util.Set<String> withoutRealFiles = java.util.Set.of("futures settlements", "miso-marketreports da_expost_lmp", "nyiso-mis damlbmp_zone",
                "ieso rt_ontario_zonal_price", "ieso da_hourly_energy_lmp", "jepx spot");
        for (FuzzTarget target : ParserSamples.registered().stream().filter(target -> !withoutRealFiles.contains(target.name())).toList()) {
            assertThat(target.samples()).as("real samples of %s", target.name()).anySatisfy(sample -> assertThat(sample.name()).startsWith("real:"));
        }
    }

    private static List<Mutation> largeThenPerhapsAnother(Random random)
    {
        Mutation large = Mutations.large(random);
        return random.nextBoolean() ? List.of(large) : List.of(large, Mutations.any(random));
    }
}
