package io.energylakehouse.etl.raw;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static java.util.Objects.requireNonNull;

/**
 * The bytes of a payload, read as a stream each time they are needed: in memory (a live response, a test's
 * payload) or in a file (a replayed file, the raw store's copy). A file is never read into one array.
 */
public interface PayloadContent
{
    /** A new stream over the bytes, from the start; the caller closes it. */
    InputStream open()
            throws IOException;

    /** The number of bytes, as known before reading them (a file's size when it was listed). */
    long size();

    static PayloadContent of(byte[] bytes)
    {
        requireNonNull(bytes, "bytes is null");
        return new PayloadContent()
        {
            @Override
            public InputStream open()
            {
                return new ByteArrayInputStream(bytes);
            }

            @Override
            public long size()
            {
                return bytes.length;
            }

            @Override
            public String toString()
            {
                return bytes.length + " bytes in memory";
            }
        };
    }

    /** A file's bytes; its size is read now, so a missing file fails here with the file's name. */
    static PayloadContent of(Path file)
            throws IOException
    {
        requireNonNull(file, "file is null");
        long size = Files.size(file);
        return new PayloadContent()
        {
            @Override
            public InputStream open()
                    throws IOException
            {
                return Files.newInputStream(file);
            }

            @Override
            public long size()
            {
                return size;
            }

            @Override
            public String toString()
            {
                return file.toString();
            }
        };
    }

    /** Every byte, for tests and small payloads only: what parsers read, they read from {@link #open()}. */
    default byte[] readAllBytes()
            throws IOException
    {
        try (InputStream input = open()) {
            return input.readAllBytes();
        }
    }
}
