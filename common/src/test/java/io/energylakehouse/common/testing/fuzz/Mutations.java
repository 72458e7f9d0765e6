package io.energylakehouse.common.testing.fuzz;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.ZipEntry;

/** jqwik generators of {@link Mutation}s and of whole fuzz inputs (a target, one of its samples, mutations applied in order). */
public final class Mutations
{
    /** Values that break parsers: quoting, numbers Java reads but files should not hold, impossible dates, other alphabets. */
    static final List<String> TOKENS = List.of(
            "", " ", "\"", "\"\"", "\"a,b\"", "\"unterminated", "a\"b",
            "NaN", "-NaN", "Infinity", "-Infinity", "+Inf", "1e309", "-1e309", "1e-400", "-0", "0x1p3", "1_000", "1,5", "1.5.5", ".", "-", "+", "e5",
            "2147483648", "-2147483649", "99999999999999999999", "1".repeat(400), "0.".concat("0".repeat(300)).concat("1"),
            "\u0661\u0662\u0663", "\uFF19", "é", "€", "\u0000", "\uFEFF", "\uD800", "\u202Etxt",
            "2024-02-30", "2024-13-01", "0000-00-00", "+999999999-12-31", "-999999999-01-01", "2024-3-1", "20240301", "2024-03-10 02:00:00",
            "2024-03-10T02:00:00-00:00", "2024-03-10T08:00:00+14:00", "2024-03-10T08:00:00Z", "2024-03-10T08:00-00:00", "+999999999-12-31T23:59:59-00:00",
            "-999999999-01-01T00:00:00+18:00", "2020-01-01 24:00:00", "2020-01-01 00:30:00", "2020-01-01 23:00:00", "1/1/2020 0:00", "12/31/9999 23:00",
            "2/30/2020 1:00", "13/1/2020 0:00",
            "0", "-1", "24", "25", "99", "null", "NULL", "N/A", "base", "PEAK", "offpeak", "XXX", "usd", "EUR",
            "DAM", "RTM", "LMP", "MGHG", "MCC", "ALL_APNODES");

    /** OASIS-style and other member names, with a stamp that is not a date among them. */
    static final List<String> MEMBER_NAMES = List.of(
            "20240701_20240701_PRC_LMP_DAM_20240630_13_05_12_v12.csv",
            "20240701_20240701_PRC_INTVL_LMP_RTM_20240630_13_05_12_v1.csv",
            "20241399_20241399_PRC_LMP_DAM_20241399_25_61_61_v1.csv",
            "20240701_20240701_SLD_FCST_7DA_20240630_13_05_12_v1.CSV",
            "report.csv", "nested/dir/report.csv", "../report.csv", "report.xml", "report.zip", "report", "r\u00e9port.csv");

    private static final List<byte[]> INTERESTING_BYTES = List.of(
            new byte[] {','}, new byte[] {'"'}, new byte[] {'\n'}, new byte[] {'\r'}, new byte[] {0}, new byte[] {(byte) 0xff},
            new byte[] {(byte) 0xc3}, new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}, new byte[] {'<'}, "PK\u0003\u0004".getBytes(StandardCharsets.ISO_8859_1),
            new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}, ",,,,,,,,".getBytes(StandardCharsets.US_ASCII));

    private Mutations() {}

    /** Every fast mutation. */
    public static Arbitrary<Mutation> any()
    {
        return Arbitraries.frequencyOf(
                Tuple.of(4, truncations()),
                Tuple.of(5, bitFlips()),
                Tuple.of(4, insertions()),
                Tuple.of(3, deletions()),
                Tuple.of(3, lineChanges()),
                Tuple.of(4, fieldChanges()),
                Tuple.of(2, Arbitraries.of(Mutation.Encoding.class).map(Mutation.Reencode::new)),
                Tuple.of(1, Arbitraries.of(Mutation.LineEnding.class).map(Mutation.LineEndings::new)),
                Tuple.of(1, Arbitraries.of(Mutation.Whole.class).map(Mutation.Replace::new)),
                Tuple.of(2, zips()));
    }

    /** Inputs grown large: a 10 MB field, many repeated lines, and such inputs zipped (a small zip of a large file). */
    public static Arbitrary<Mutation> large()
    {
        Arbitrary<Mutation> hugeField = Combinators.combine(lines(), columns(), Arbitraries.of(1 << 16, 1 << 20, 10 << 20), Arbitraries.of('9', 'x', '"', ',', ' '))
                .as(Mutation.HugeField::new);
        Arbitrary<Mutation> repeated = Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.of(100, 1_000, 5_000))
                .as(Mutation.RepeatBody::new);
        return Arbitraries.oneOf(hugeField, repeated);
    }

    public static Arbitrary<Mutation> truncations()
    {
        return positions().map(Mutation.Truncate::new);
    }

    public static Arbitrary<Mutation> bitFlips()
    {
        return Combinators.combine(positions(), Arbitraries.integers().between(1, 255)).as(Mutation.FlipBits::new);
    }

    public static Arbitrary<Mutation> insertions()
    {
        Arbitrary<byte[]> bytes = Arbitraries.oneOf(Arbitraries.of(INTERESTING_BYTES), Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(16));
        return Combinators.combine(positions(), bytes).as(Mutation.InsertBytes::new);
    }

    public static Arbitrary<Mutation> deletions()
    {
        return Combinators.combine(positions(), Arbitraries.integers().between(1, 64)).as(Mutation.DeleteBytes::new);
    }

    public static Arbitrary<Mutation> lineChanges()
    {
        return Arbitraries.oneOf(
                Combinators.combine(lines(), Arbitraries.integers().between(1, 3)).as(Mutation.DuplicateLine::new),
                lines().map(Mutation.DeleteLine::new),
                Combinators.combine(Arbitraries.longs(), Arbitraries.integers().between(0, 1)).as(Mutation.ShuffleLines::new));
    }

    public static Arbitrary<Mutation> fieldChanges()
    {
        return Arbitraries.oneOf(
                Combinators.combine(columns(), columns(), Arbitraries.of(Mutation.Lines.class)).as(Mutation.SwapColumns::new),
                Combinators.combine(lines(), columns(), Arbitraries.oneOf(Arbitraries.of(TOKENS), Arbitraries.strings().ofMaxLength(12)))
                        .as(Mutation.ReplaceField::new),
                Combinators.combine(lines(), columns(), lines(), columns()).as(Mutation.CopyField::new));
    }

    public static Arbitrary<Mutation> zips()
    {
        return Combinators.combine(Arbitraries.of(MEMBER_NAMES), Arbitraries.of(Mutation.ZipCompanion.class), Arbitraries.of(ZipEntry.DEFLATED, ZipEntry.STORED))
                .as(Mutation.Zip::new);
    }

    /** Mutations to apply in order: one to three of {@link #any}. */
    public static Arbitrary<List<Mutation>> stacks()
    {
        return any().list().ofMinSize(1).ofMaxSize(3);
    }

    /** A target, one of its samples, and mutations. */
    public static Arbitrary<FuzzInput> inputs(List<FuzzTarget> targets, Arbitrary<List<Mutation>> mutations)
    {
        // without edge cases, which would pick the first target and sample far more often than the others
        return Arbitraries.of(targets).withoutEdgeCases().flatMap(target -> Combinators.combine(Arbitraries.of(target.samples()).withoutEdgeCases(), mutations)
                .as((sample, applied) -> new FuzzInput(target, sample, applied)));
    }

    private static Arbitrary<Integer> positions()
    {
        return Arbitraries.integers().between(0, 1 << 20);
    }

    private static Arbitrary<Integer> lines()
    {
        return Arbitraries.integers().between(0, 4_096);
    }

    private static Arbitrary<Integer> columns()
    {
        return Arbitraries.integers().between(0, 31);
    }
}
