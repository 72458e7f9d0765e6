package io.energylakehouse.common.testing.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static java.util.Objects.requireNonNull;

/**
 * One parser of operator or user files, as the fuzz suite sees it: how it reads bytes, and the samples whose
 * mutations it is fed.
 *
 * @param name the parser's name in failures and counts, e.g. {@code caiso-oasis PRC_LMP}
 * @param reader reads bytes with the parser, as the product does; returns its answer, never throws on bad input
 * @param samples real and hand-written files of the parser's format; at least one
 */
public record FuzzTarget(String name, Reader reader, List<Sample> samples)
{
    public FuzzTarget
    {
        requireNonNull(name, "name is null");
        requireNonNull(reader, "reader is null");
        samples = List.copyOf(requireNonNull(samples, "samples is null"));
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("fuzz target " + name + " has no sample");
        }
    }

    @FunctionalInterface
    public interface Reader
    {
        /** The parser's answer for these bytes; an exception thrown here is a finding of the suite. */
        FuzzOutcome read(byte[] bytes);
    }

    /**
     * @param name where the sample comes from, e.g. {@code caiso/prc_lmp_dam_20240701.csv} or {@code real:caiso/seed.csv}
     * @param bytes the file's bytes (or a slice of a large real file's first lines)
     */
    public record Sample(String name, byte[] bytes)
    {
        public Sample
        {
            requireNonNull(name, "name is null");
            bytes = requireNonNull(bytes, "bytes is null").clone();
        }

        @Override
        public byte[] bytes()
        {
            return bytes.clone();
        }

        @Override
        public String toString()
        {
            return name + " (" + bytes.length + " bytes)";
        }

        public static Sample of(String name, Path file)
        {
            try {
                return new Sample(name, Files.readAllBytes(file));
            }
            catch (IOException e) {
                throw new UncheckedIOException("Cannot read fuzz sample " + file + ": " + e.getMessage(), e);
            }
        }

        /** The first {@code lines} lines of a large file (header included), so that a try stays cheap. */
        public static Sample head(String name, Path file, int lines)
        {
            try (Stream<String> all = Files.lines(file, StandardCharsets.UTF_8)) {
                return new Sample(name, String.join("\n", all.limit(lines).toList()).concat("\n").getBytes(StandardCharsets.UTF_8));
            }
            catch (IOException e) {
                throw new UncheckedIOException("Cannot read fuzz sample " + file + ": " + e.getMessage(), e);
            }
        }
    }
}
