package io.energylakehouse.common.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An amount of bytes as settings write it: a whole number with an optional unit {@code B}, {@code kB}, {@code MB},
 * {@code GB}, {@code TB} (powers of 1024, as Trino's data sizes; {@code KiB}, {@code MiB}... are accepted too, case
 * does not matter), e.g. {@code 512MB}, {@code 1GB}, {@code 65536}.
 */
public record DataSize(long bytes)
{
    private static final Pattern FORM = Pattern.compile("(\\d+)\\s*([kmgt]i?b?|b)?");
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

    public DataSize
    {
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes is negative: " + bytes);
        }
    }

    public static DataSize ofBytes(long bytes)
    {
        return new DataSize(bytes);
    }

    public static DataSize ofMegabytes(long megabytes)
    {
        return new DataSize(Math.multiplyExact(megabytes, 1L << 20));
    }

    /** @throws IllegalArgumentException when the text is not a size */
    public static DataSize parse(String text)
    {
        Matcher matcher = FORM.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a data size: " + text);
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2) == null ? "b" : matcher.group(2);
        int shift = switch (unit.charAt(0)) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            case 't' -> 40;
            default -> 0;
        };
        if (amount > Long.MAX_VALUE >> shift) {
            throw new IllegalArgumentException("too large: " + text);
        }
        return new DataSize(amount << shift);
    }

    /** The largest unit that keeps one decimal readable: {@code 512 MiB}, {@code 2.0 GiB}, {@code 700 B}. */
    @Override
    public String toString()
    {
        return format(bytes);
    }

    public static String format(long bytes)
    {
        int unit = 0;
        double value = bytes;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        if (unit == 0 || value == Math.rint(value)) {
            return String.format(Locale.ROOT, "%d %s", (long) value, UNITS[unit]);
        }
        return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }
}
