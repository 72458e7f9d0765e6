package io.energylakehouse.common.testing.fuzz;

import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;

/**
 * Feeds one input to its target's parser on a thread of its own and checks the answer: the parser's result (rows,
 * or a rejection with a reason) within a time limit, having allocated no more than a bound proportional to the
 * input. An exception escaping, no answer in time, an {@link OutOfMemoryError} or a {@link StackOverflowError}
 * fail with the input's recipe.
 */
public final class Fuzzing
{
    /** Time for one small input; parsers answer in milliseconds, this only tells a hang from a slow machine. */
    public static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** Time for one input of several megabytes. */
    public static final Duration LARGE_TIMEOUT = Duration.ofSeconds(60);

    /** Bytes a try may allocate whatever its size (class loading and first use of a parser allocate a few MB). */
    private static final long ALLOCATION_BASE = 256L << 20;
    /**
     * Bytes a try may allocate per input byte. Parsers allocate a few objects per line and per field (a file of short
     * lines costs some 150 bytes per byte); work that grows with the square of the input (each line compared with
     * every other line of its key) exceeds this on inputs of a few megabytes.
     */
    private static final long ALLOCATION_PER_BYTE = 256;

    private static final Map<String, LongAdder> COUNTS = new ConcurrentHashMap<>();

    private Fuzzing() {}

    /** Reads the input with its target's parser; the parser's answer, or an {@link AssertionError} saying what went wrong. */
    public static FuzzOutcome read(FuzzInput input, Duration timeout)
    {
        byte[] bytes = input.bytes();
        FutureTask<Answer> task = new FutureTask<>(() -> answer(input.target(), bytes));
        Thread thread = new Thread(task, "fuzz " + input.target().name());
        thread.setDaemon(true);
        thread.start();
        Answer answer;
        try {
            answer = task.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (TimeoutException e) {
            thread.interrupt();
            throw new AssertionError(String.format("%s gave no answer within %d s for %d bytes (a loop?): %s",
                    input.target().name(), timeout.toSeconds(), bytes.length, input));
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while reading " + input, e);
        }
        catch (ExecutionException e) {
            throw new AssertionError("the fuzz harness failed on " + input, e.getCause());
        }
        if (answer.thrown() != null) {
            String what = answer.thrown() instanceof OutOfMemoryError ? "ran out of memory"
                    : answer.thrown() instanceof StackOverflowError ? "overflowed its stack"
                    : "threw " + answer.thrown().getClass().getName() + " (" + answer.thrown().getMessage() + ")";
            throw new AssertionError(String.format("%s %s instead of answering, for %d bytes: %s", input.target().name(), what, bytes.length, input), answer.thrown());
        }
        long allowed = ALLOCATION_BASE + ALLOCATION_PER_BYTE * bytes.length;
        if (answer.allocatedBytes() > allowed) {
            throw new AssertionError(String.format("%s allocated %,d bytes for %,d bytes of input (allowed %,d): %s",
                    input.target().name(), answer.allocatedBytes(), bytes.length, allowed, input));
        }
        COUNTS.computeIfAbsent(input.target().name() + " " + answer.outcome().kind(), key -> new LongAdder()).increment();
        return answer.outcome();
    }

    /**
     * Fails unless each text sample of the target reads the same (kind, rows, rejected lines) once changed the way
     * editors and spreadsheets change files without changing their content: a UTF-8 byte-order mark, Windows line ends.
     */
    public static void assertHarmlessChangesChangeNothing(FuzzTarget target)
    {
        List<List<Mutation>> harmless = List.of(
                List.of(new Mutation.Reencode(Mutation.Encoding.UTF_8_BOM)),
                List.of(new Mutation.LineEndings(Mutation.LineEnding.CRLF)),
                List.of(new Mutation.Reencode(Mutation.Encoding.UTF_8_BOM), new Mutation.LineEndings(Mutation.LineEnding.CRLF)));
        for (FuzzTarget.Sample sample : target.samples()) {
            if (!isText(sample.bytes())) {
                continue;
            }
            FuzzOutcome original = read(new FuzzInput(target, sample, List.of()), TIMEOUT);
            // a second mark would not be harmless
            boolean hasMark = sample.bytes().length >= 3 && (sample.bytes()[0] & 0xff) == 0xef && (sample.bytes()[1] & 0xff) == 0xbb && (sample.bytes()[2] & 0xff) == 0xbf;
            // re-encoding reads the sample as UTF-8: for text in another encoding (JEPX's Shift_JIS) it destroys the content, so only line ends apply
            for (List<Mutation> mutations : hasMark || !isUtf8(sample.bytes()) ? harmless.subList(1, 2) : harmless) {
                FuzzInput changed = new FuzzInput(target, sample, mutations);
                FuzzOutcome outcome = read(changed, TIMEOUT);
                if (!summary(outcome).equals(summary(original))) {
                    throw new AssertionError(String.format("%s read %s, but %s for the same content: %s (was: %s)", target.name(), summary(original), summary(outcome),
                            changed, original));
                }
            }
        }
    }

    private static String summary(FuzzOutcome outcome)
    {
        return outcome instanceof FuzzOutcome.Parsed parsed ? String.format("%d rows and %d rejected lines", parsed.rows(), parsed.rejectedReasons().size()) : "a rejection";
    }

    /** Whether the bytes are well-formed UTF-8. */
    private static boolean isUtf8(byte[] bytes)
    {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            return true;
        }
        catch (CharacterCodingException e) {
            return false;
        }
    }

    /** Text, not a zip or other binary file: no NUL byte and no zip signature. */
    private static boolean isText(byte[] bytes)
    {
        for (byte b : bytes) {
            if (b == 0) {
                return false;
            }
        }
        return !(bytes.length >= 2 && bytes[0] == 'P' && bytes[1] == 'K');
    }

    /** Outcomes since the last {@link #resetCounts}, by target and kind: {@code {caiso-oasis PRC_LMP parsed=120, ...}}. */
    public static Map<String, Long> counts()
    {
        Map<String, Long> counts = new TreeMap<>();
        COUNTS.forEach((key, count) -> counts.put(key, count.sum()));
        return counts;
    }

    public static void resetCounts()
    {
        COUNTS.clear();
    }

    private static Answer answer(FuzzTarget target, byte[] bytes)
    {
        long before = allocatedBytes();
        try {
            FuzzOutcome outcome = target.reader().read(bytes);
            if (outcome == null) {
                throw new IllegalStateException("the reader returned null");
            }
            return new Answer(outcome, null, allocatedBytes() - before);
        }
        catch (Throwable thrown) {
            return new Answer(null, thrown, allocatedBytes() - before);
        }
    }

    /** Bytes the current thread has allocated so far (HotSpot's per-thread counter; 0 where the JVM lacks it). */
    private static long allocatedBytes()
    {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads && threads.isThreadAllocatedMemorySupported()) {
            return threads.getCurrentThreadAllocatedBytes();
        }
        return 0;
    }

    private record Answer(FuzzOutcome outcome, Throwable thrown, long allocatedBytes) {}
}
