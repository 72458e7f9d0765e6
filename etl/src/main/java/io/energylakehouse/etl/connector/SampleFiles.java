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
