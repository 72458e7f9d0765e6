package io.energylakehouse.common.testing.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.zip.ZipEntry;

/**
 * Draws {@link Mutation}s and whole fuzz inputs (a target, one of its samples, mutations applied in order) from a
 * seeded {@link Random}, so that a seed repeats a run try for try.
 */
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

    /** Any fast mutation, by kind with these weights: truncation 4, bit flip 5, insertion 4, deletion 3, line change 3, field change 4, re-encoding 2, line ends 1, whole replacement 1, zip 2. */
    public static Mutation any(Random random)
    {
        int draw = random.nextInt(29);
        if ((draw -= 4) < 0) {
            return truncation(random);
        }
        if ((draw -= 5) < 0) {
            return bitFlip(random);
        }
        if ((draw -= 4) < 0) {
            return insertion(random);
        }
        if ((draw -= 3) < 0) {
            return deletion(random);
        }
        if ((draw -= 3) < 0) {
            return lineChange(random);
        }
        if ((draw -= 4) < 0) {
            return fieldChange(random);
        }
        if ((draw -= 2) < 0) {
            return new Mutation.Reencode(pick(random, Mutation.Encoding.values()));
        }
        if ((draw -= 1) < 0) {
            return new Mutation.LineEndings(pick(random, Mutation.LineEnding.values()));
        }
        if ((draw -= 1) < 0) {
            return new Mutation.Replace(pick(random, Mutation.Whole.values()));
        }
        return zip(random);
    }

    /** An input grown large: a field of up to 10 MB, or many repeated lines (then perhaps zipped: a small zip of a large file). */
    public static Mutation large(Random random)
    {
        if (random.nextBoolean()) {
            return new Mutation.HugeField(line(random), column(random), pick(random, List.of(1 << 16, 1 << 20, 10 << 20)), pick(random, List.of('9', 'x', '"', ',', ' ')));
        }
        return new Mutation.RepeatBody(between(random, 0, 2), pick(random, List.of(100, 1_000, 5_000)));
    }

    public static Mutation truncation(Random random)
    {
        return new Mutation.Truncate(position(random));
    }

    public static Mutation bitFlip(Random random)
    {
        return new Mutation.FlipBits(position(random), between(random, 1, 255));
    }

    public static Mutation insertion(Random random)
    {
        byte[] bytes;
        if (random.nextBoolean()) {
            bytes = pick(random, INTERESTING_BYTES).clone();
        }
        else {
            bytes = new byte[between(random, 1, 16)];
            random.nextBytes(bytes);
        }
        return new Mutation.InsertBytes(position(random), bytes);
    }

    public static Mutation deletion(Random random)
    {
        return new Mutation.DeleteBytes(position(random), between(random, 1, 64));
    }

    public static Mutation lineChange(Random random)
    {
        return switch (random.nextInt(3)) {
            case 0 -> new Mutation.DuplicateLine(line(random), between(random, 1, 3));
            case 1 -> new Mutation.DeleteLine(line(random));
            default -> new Mutation.ShuffleLines(random.nextLong(), between(random, 0, 1));
        };
    }

    public static Mutation fieldChange(Random random)
    {
        return switch (random.nextInt(3)) {
            case 0 -> new Mutation.SwapColumns(column(random), column(random), pick(random, Mutation.Lines.values()));
            case 1 -> new Mutation.ReplaceField(line(random), column(random), random.nextBoolean() ? pick(random, TOKENS) : string(random, 12));
            default -> new Mutation.CopyField(line(random), column(random), line(random), column(random));
        };
    }

    public static Mutation zip(Random random)
    {
        return new Mutation.Zip(pick(random, MEMBER_NAMES), pick(random, Mutation.ZipCompanion.values()), random.nextBoolean() ? ZipEntry.DEFLATED : ZipEntry.STORED);
    }

    /** Mutations to apply in order: one to three of {@link #any}. */
    public static List<Mutation> stack(Random random)
    {
        int size = between(random, 1, 3);
        List<Mutation> mutations = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            mutations.add(any(random));
        }
        return List.copyOf(mutations);
    }

    /** A target and one of its samples, each uniformly, then the mutations drawn by {@code mutations}. */
    public static FuzzInput input(Random random, List<FuzzTarget> targets, Function<Random, List<Mutation>> mutations)
    {
        FuzzTarget target = pick(random, targets);
        return new FuzzInput(target, pick(random, target.samples()), mutations.apply(random));
    }

    /** Up to {@code maxLength} characters: printable ASCII or any UTF-16 unit (lone surrogates and controls included), half and half. */
    private static String string(Random random, int maxLength)
    {
        int length = between(random, 0, maxLength);
        StringBuilder string = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            string.append(random.nextBoolean() ? (char) between(random, ' ', '~') : (char) random.nextInt(Character.MAX_VALUE + 1));
        }
        return string.toString();
    }

    private static int position(Random random)
    {
        return between(random, 0, 1 << 20);
    }

    private static int line(Random random)
    {
        return between(random, 0, 4_096);
    }

    private static int column(Random random)
    {
        return between(random, 0, 31);
    }

    private static int between(Random random, int min, int max)
    {
        return min + random.nextInt(max - min + 1);
    }

    private static <T> T pick(Random random, List<T> values)
    {
        return values.get(random.nextInt(values.size()));
    }

    private static <T> T pick(Random random, T[] values)
    {
        return values[random.nextInt(values.length)];
    }
}
