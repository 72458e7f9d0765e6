package io.energylakehouse.etl.connector;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;

/** What every connector's sample generator does the same way: write a file only when its bytes changed, write decimals plainly. */
public final class SampleFiles
{
    private SampleFiles() {}

    /** The demo's days of North America: a spring-forward and a fall-back week-end, so 23-, 24- and 25-hour days. */
    public static final java.util.List<java.time.LocalDate> NORTH_AMERICAN_DST_WEEKENDS = java.util.List.of(
            java.time.LocalDate.of(2024, 3, 9), java.time.LocalDate.of(2024, 3, 10), java.time.LocalDate.of(2024, 3, 11),
            java.time.LocalDate.of(2024, 11, 2), java.time.LocalDate.of(2024, 11, 3), java.time.LocalDate.of(2024, 11, 4));

    /**
     * The demo's days of Europe: a working day and both 2024 clock changes in hours (24, 23 and 25), and in quarter hours
     * after the day-ahead auction moved to them: its first day 2025-10-01 (96), the 100 of 2025-10-26, the 92 of 2026-03-29.
     */
    public static final java.util.List<java.time.LocalDate> EUROPEAN_DST_DAYS = java.util.List.of(
            java.time.LocalDate.of(2024, 3, 28), java.time.LocalDate.of(2024, 3, 31), java.time.LocalDate.of(2024, 10, 27),
            java.time.LocalDate.of(2025, 10, 1), java.time.LocalDate.of(2025, 10, 26), java.time.LocalDate.of(2026, 3, 29));

    /**
     * A Monday every market's clock calls an ordinary day (no clock change, after IESO's market renewal and Europe's move
     * to quarter hours, inside the demo's ECB rates), in the demo days of the markets outside North America: with
     * {@code demo --dates 2025-11-03 --market} of the North American ones, one query reads every market on one day.
     */
    public static final java.time.LocalDate ORDINARY_DAY = java.time.LocalDate.of(2025, 11, 3);

    /** The days with {@link #ORDINARY_DAY} among them, in order. */
    public static java.util.List<java.time.LocalDate> withOrdinaryDay(java.util.List<java.time.LocalDate> days)
    {
        java.util.TreeSet<java.time.LocalDate> all = new java.util.TreeSet<>(days);
        all.add(ORDINARY_DAY);
        return java.util.List.copyOf(all);
    }

    /**
     * Writes the bytes unless the file already holds them (a second run of a generator leaves the folder as it was),
     * and dates the file at {@code publishedAtUtc}, as a download from the operator would be.
     */
    public static Path write(Path directory, String fileName, byte[] bytes, Instant publishedAtUtc)
            throws IOException
    {
        Path path = directory.resolve(fileName);
        if (!Files.exists(path) || !Arrays.equals(Files.readAllBytes(path), bytes)) {
            Files.write(path, bytes);
        }
        Files.setLastModifiedTime(path, FileTime.from(publishedAtUtc));
        return path;
    }

    /** The shortest plain decimal of a value: {@code 23.5}, {@code -3.07}, {@code 18}, never {@code -0} or an exponent. */
    public static String plainDecimal(double value)
    {
        String text = BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
        return text.equals("-0") ? "0" : text;
    }
}
