package io.energylakehouse.common.testing.fuzz;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class TestFuzzBudget
{
    /** Throws on inputs of an odd length: a parser bug that some tries find and others do not. */
    private static final FuzzTarget ODD_FAILS = new FuzzTarget("odd fails", bytes -> {
        if (bytes.length % 2 == 1) {
            throw new IllegalStateException("odd length " + bytes.length);
        }
        return new FuzzOutcome.Parsed(1, List.of());
    }, List.of(new FuzzTarget.Sample("sample.csv", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8))));

    @Test
    void everyFailingTryIsReportedInOneAssertionWithSeedTryAndRecipe()
    {
        // as -Dlakehouse.fuzz.scale and -Dlakehouse.fuzz.seed make them, 200 and 7 by default
        int tries = FuzzBudget.tries(200);
        boolean randomSeed = System.getProperty(FuzzBudget.SEED, "").trim().equals("random");
        String seed = randomSeed ? "-?\\d+" : String.valueOf(FuzzBudget.seed(7));
        AssertionError failure = catchThrowableOfType(AssertionError.class, () -> runOddFails());
        assertThat(failure.getMessage())
                .contains("oddFails failed ")
                .containsPattern(" of " + tries + " tries \\(seed " + seed + "; -Dlakehouse\\.fuzz\\.seed=" + seed + " repeats them, the first 3 in full\\)")
                .containsPattern("try \\d+ of " + tries + " \\(seed " + seed + "\\):\n  odd fails threw java\\.lang\\.IllegalStateException \\(odd length ")
                .contains(" bytes: odd fails <- sample.csv: ")
                .contains("\tat ");
        assertThat(tries(failure)).hasSizeGreaterThan(2 * 3);
        assertThat(failure).hasCauseInstanceOf(AssertionError.class);
        // the same seed draws the same tries
        if (!randomSeed) {
            assertThat(tries(catchThrowableOfType(AssertionError.class, () -> runOddFails()))).isEqualTo(tries(failure));
        }
    }

    @Test
    void aTargetThatAlwaysAnswersPasses()
    {
        FuzzTarget answers = new FuzzTarget("answers", bytes -> new FuzzOutcome.Rejected("Cannot read: " + bytes.length + " bytes"), ODD_FAILS.samples());
        FuzzBudget.run("answers", 50, 7, Fuzzing.TIMEOUT, random -> Mutations.input(random, List.of(answers), Mutations::stack));
        assertThat(Fuzzing.counts()).containsEntry("answers rejected", (long) FuzzBudget.tries(50));
    }

    /** Each failing try's number and message, without the stack traces. */
    private static List<String> tries(AssertionError failure)
    {
        return failure.getMessage().lines().filter(line -> line.startsWith("try ") || line.startsWith("  odd fails ")).toList();
    }

    private static void runOddFails()
    {
        FuzzBudget.run("oddFails", 200, 7, Fuzzing.TIMEOUT, random -> Mutations.input(random, List.of(ODD_FAILS), Mutations::stack));
    }
}
