package io.energylakehouse.etl.fuzz;

import io.energylakehouse.common.testing.fuzz.FuzzBudget;
import io.energylakehouse.common.testing.fuzz.FuzzInput;
import io.energylakehouse.common.testing.fuzz.FuzzOutcome;
import io.energylakehouse.common.testing.fuzz.FuzzTarget;
import io.energylakehouse.common.testing.fuzz.Fuzzing;
import io.energylakehouse.common.testing.fuzz.Mutation;
import io.energylakehouse.common.testing.fuzz.Mutations;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.GenerationMode;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;

import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The fuzz suite of the parsers of operator and user files ({@link ParserSamples}): thousands of mutations of
 * their real and hand-written samples, each answered with rows or a rejection with a reason, never an exception,
 * a hang or unbounded memory. Fixed seeds make a run repeatable; {@code -Dlakehouse.fuzz.scale=20} runs twenty
 * times the tries and {@code -Dlakehouse.fuzz.seed=random} new inputs (see {@link FuzzBudget}).
 */
@AddLifecycleHook(FuzzBudget.class)
class TestParserFuzz
{
    @Property(tries = 6_000, seed = "20261202", generation = GenerationMode.RANDOMIZED)
    void everyParserAnswersEveryMutation(@ForAll("mutated") FuzzInput input)
    {
        Fuzzing.read(input, Fuzzing.TIMEOUT);
    }

    @Property(tries = 16, seed = "13", generation = GenerationMode.RANDOMIZED)
    void everyParserAnswersLargeInputs(@ForAll("large") FuzzInput input)
    {
        Fuzzing.read(input, Fuzzing.LARGE_TIMEOUT);
    }

    @Example
    void everyParserReadsRowsFromItsSamples()
    {
        for (FuzzTarget target : ParserSamples.registered()) {
            List<FuzzOutcome> outcomes = target.samples().stream().map(sample -> Fuzzing.read(new FuzzInput(target, sample, List.of()), Fuzzing.TIMEOUT)).toList();
            assertThat(outcomes)
                    .as("%s reads rows from at least one of its samples %s", target.name(), target.samples())
                    .anySatisfy(outcome -> assertThat(outcome).isInstanceOfSatisfying(FuzzOutcome.Parsed.class, parsed -> assertThat(parsed.rows()).isPositive()));
        }
    }

    @Example
    void byteOrderMarkAndWindowsLineEndsChangeNothing()
    {
        ParserSamples.registered().forEach(Fuzzing::assertHarmlessChangesChangeNothing);
    }

    @Example
    void realOperatorFilesAreAmongTheSamples()
    {
        assumeThat(Files.isDirectory(ParserSamples.SHARED.resolve("fixtures/real"))).as("real fixtures at %s", ParserSamples.SHARED.toAbsolutePath()).isTrue();
        // ../shared holds no real settlement file yet
        for (FuzzTarget target : ParserSamples.registered().stream().filter(target -> !target.name().equals("futures settlements")).toList()) {
            assertThat(target.samples()).as("real samples of %s", target.name()).anySatisfy(sample -> assertThat(sample.name()).startsWith("real:"));
        }
    }

    @Provide
    Arbitrary<FuzzInput> mutated()
    {
        return Mutations.inputs(ParserSamples.registered(), Mutations.stacks());
    }

    /** A large input, then perhaps one more mutation (zipped: a small zip of a large file; truncated). */
    @Provide
    Arbitrary<FuzzInput> large()
    {
        Arbitrary<List<Mutation>> mutations = Mutations.large().flatMap(large -> Mutations.any().list().ofMaxSize(1)
                .map(more -> Stream.concat(Stream.of(large), more.stream()).toList()));
        return Mutations.inputs(ParserSamples.registered(), mutations);
    }
}
