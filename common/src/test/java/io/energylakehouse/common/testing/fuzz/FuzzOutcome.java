package io.energylakehouse.common.testing.fuzz;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * What a parser made of one input, in the parser's own terms: rows (some lines may have been refused, each with
 * a reason), or the whole input refused with a reason. Anything else a parser does (an exception escaping, no
 * answer within the time limit, running out of memory) is a failure of the fuzz suite.
 */
public sealed interface FuzzOutcome
{
    /** A short label for the suite's counts: {@code parsed} or {@code rejected}. */
    String kind();

    /**
     * @param rows records read
     * @param rejectedReasons one reason per line the parser refused
     */
    record Parsed(int rows, List<String> rejectedReasons)
            implements FuzzOutcome
    {
        public Parsed
        {
            if (rows < 0) {
                throw new IllegalArgumentException("rows is negative: " + rows);
            }
            rejectedReasons = List.copyOf(requireNonNull(rejectedReasons, "rejectedReasons is null"));
            for (String reason : rejectedReasons) {
                if (reason.isBlank()) {
                    throw new IllegalArgumentException("a rejected line has no reason");
                }
            }
        }

        @Override
        public String kind()
        {
            return "parsed";
        }
    }

    /** @param reason why the whole input was refused (a parser's no-data or operator-error answer counts too) */
    record Rejected(String reason)
            implements FuzzOutcome
    {
        public Rejected
        {
            requireNonNull(reason, "reason is null");
            if (reason.isBlank()) {
                throw new IllegalArgumentException("a rejection has no reason");
            }
        }

        @Override
        public String kind()
        {
            return "rejected";
        }
    }
}
