package io.energylakehouse.etl.raw;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Remembers the last byte read, to tell a file that ends inside a line (cut short) from one that ends with a line break. */
public final class LastByteInputStream
        extends FilterInputStream
{
    private int lastByte = -1;

    public LastByteInputStream(InputStream input)
    {
        super(input);
    }

    @Override
    public int read()
            throws IOException
    {
        int b = super.read();
        if (b >= 0) {
            lastByte = b;
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length)
            throws IOException
    {
        int read = super.read(buffer, offset, length);
        if (read > 0) {
            lastByte = buffer[offset + read - 1];
        }
        return read;
    }

    public boolean endsWithLineBreak()
    {
        return lastByte == '\n' || lastByte == '\r';
    }
}
