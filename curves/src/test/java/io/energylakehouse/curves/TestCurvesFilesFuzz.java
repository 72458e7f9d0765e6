package io.energylakehouse.curves;

import io.energylakehouse.common.testing.fuzz.FuzzBudget;
import io.energylakehouse.common.testing.fuzz.FuzzInput;
import io.energylakehouse.common.testing.fuzz.FuzzOutcome;
import io.energylakehouse.common.testing.fuzz.FuzzTarget;
import io.energylakehouse.common.testing.fuzz.FuzzTarget.Sample;
import io.energylakehouse.common.testing.fuzz.Fuzzing;
import io.energylakehouse.common.testing.fuzz.Mutations;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The user files of {@code curves fit} in the fuzz suite (see the etl module's ParserSamples): mutations of the
 * contracts and shape files in curves/examples and of hand-written ones are read into quotes or a shape, or refused
 * with "Cannot read contracts ..." or "Cannot read shape ...", never anything else.
 */
class TestCurvesFilesFuzz
{
    private static final String HAND_WRITTEN = """
            \uFEFF# quotes with a profile column, quoted names and a comment
            Contract,Delivery_Start,Delivery_End,Price,Profile
            "Jul-24, base",2024-07-01,2024-08-01,58.40,base
            Jul-24 peak,2024-07-01,2024-08-01,79.15,PEAK
            # the offpeak hours
            ,2024-07-01,2024-08-01,41.05,off-peak
            Q4-24,2024-10-01,2025-01-01,-1.5e1,
            """;

    private static final String HAND_WRITTEN_SHAPE = """
            day_of_week,factor
            Mon,1.1
            tue,1.1
            3,1.05
            4,1
            5,0.95
            Saturday,0.8
            7,0.75
            """;

    private static final FuzzTarget CONTRACTS = new FuzzTarget("curves contracts", TestCurvesFilesFuzz::readContracts, List.of(
            new Sample("hand-written contracts.csv", HAND_WRITTEN.getBytes(StandardCharsets.UTF_8)),
            Sample.of("curves/examples/monthly-quarterly.csv", Path.of("examples/monthly-quarterly.csv")),
            Sample.of("curves/examples/pjm-western-hub.csv", Path.of("examples/pjm-western-hub.csv"))));
    private static final FuzzTarget SHAPE = new FuzzTarget("curves shape", TestCurvesFilesFuzz::readShape, List.of(
            new Sample("hand-written day-of-week shape.csv", HAND_WRITTEN_SHAPE.getBytes(StandardCharsets.UTF_8)),
            Sample.of("curves/examples/pjm-hourly-shape.csv", Path.of("examples/pjm-hourly-shape.csv"))));
    private static final List<FuzzTarget> TARGETS = List.of(CONTRACTS, SHAPE);

    @Test
    void curvesFilesAnswerEveryMutation()
    {
        FuzzBudget.run("curvesFilesAnswerEveryMutation", 1_500, 20261202L, Fuzzing.TIMEOUT, random -> Mutations.input(random, TARGETS, Mutations::stack));
    }

    @Test
    void curvesFilesAnswerLargeInputs()
    {
        FuzzBudget.run("curvesFilesAnswerLargeInputs", 4, 13L, Fuzzing.LARGE_TIMEOUT, random -> Mutations.input(random, TARGETS, r -> List.of(Mutations.large(r))));
    }

    @Test
    void everySampleReads()
    {
        for (FuzzTarget target : TARGETS) {
            for (Sample sample : target.samples()) {
                assertThat(Fuzzing.read(new FuzzInput(target, sample, List.of()), Fuzzing.TIMEOUT)).as(sample.name())
                        .isInstanceOfSatisfying(FuzzOutcome.Parsed.class, parsed -> assertThat(parsed.rows()).isPositive());
            }
        }
    }

    @Test
    void byteOrderMarkAndWindowsLineEndsChangeNothing()
    {
        TARGETS.forEach(Fuzzing::assertHarmlessChangesChangeNothing);
    }

    /**
     * As {@code curves fit} reads the file, except that bytes that are not UTF-8 are replaced rather than refused
     * before the parser (the command refuses them), so that the parser sees every mutation.
     */
    private static FuzzOutcome readContracts(byte[] bytes)
    {
        try {
            return new FuzzOutcome.Parsed(ContractsCsv.parse(new String(bytes, StandardCharsets.UTF_8), "contracts.csv").size(), List.of());
        }
        catch (IllegalArgumentException e) {
            return rejection(e, "Cannot read contracts contracts.csv");
        }
    }

    /** As {@code curves fit --shape-file} reads the file (bytes that are not UTF-8 replaced, as above); rows: the 168 factors. */
    private static FuzzOutcome readShape(byte[] bytes)
    {
        try {
            ShapeProfile.parseCsv(new String(bytes, StandardCharsets.UTF_8), ShapeProfile.Mode.MULTIPLY, "shape.csv");
            return new FuzzOutcome.Parsed(7 * 24, List.of());
        }
        catch (IllegalArgumentException e) {
            return rejection(e, "Cannot read shape shape.csv", "Cannot use shape factor ");
        }
    }

    /** The parser's refusal, when it says what it refused; any other exception is a finding. */
    private static FuzzOutcome rejection(IllegalArgumentException e, String... prefixes)
    {
        for (String prefix : prefixes) {
            if (e.getMessage() != null && e.getMessage().startsWith(prefix)) {
                return new FuzzOutcome.Rejected(e.getMessage());
            }
        }
        throw e;
    }
}
