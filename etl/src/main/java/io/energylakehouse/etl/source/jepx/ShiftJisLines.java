package io.energylakehouse.etl.source.jepx;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.Arrays;

import static java.util.Objects.requireNonNull;

/**
 * The lines of a Shift_JIS text read from a stream one at a time, decoded strictly: JEPX's files are Shift_JIS, read as
 * {@code windows-31j} (MS932, Microsoft's superset with the characters Japanese Windows writes). A byte that is not
 * Shift_JIS, or a character the charset cannot map, stops the reading with {@link MalformedException} naming the line
 * and the byte offset in the file; nothing is ever replaced by U+FFFD. Lines end at {@code \n}, {@code \r\n} or
 * {@code \r}: in Shift_JIS these bytes never occur inside a two-byte character (trail bytes are 0x40..0xFC), so the
 * lines are split as bytes and decoded one by one. A line longer than the bound ends the reading too.
 */
final class ShiftJisLines
{
    static final Charset CHARSET = Charset.forName("windows-31j");
    static final int MAX_LINE_BYTES = 1 << 20;

    private final InputStream input;
    private final CharsetDecoder decoder = CHARSET.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private byte[] buffer = new byte[1 << 16];
    private int start;
    private int end;
    private long bufferOffset;
    private boolean endOfInput;
    private boolean skipLineFeed;
    private int lineNumber;

    /** @param offset the bytes of the file before the stream's first (a skipped byte order mark), for the offsets errors name */
    ShiftJisLines(InputStream input, long offset)
    {
        this.input = requireNonNull(input, "input is null");
        this.bufferOffset = offset;
    }

    /** The number of the line {@link #next()} returned last, from 1. */
    int lineNumber()
    {
        return lineNumber;
    }

    /** The next line without its break, or null after the last one. */
    String next()
            throws IOException
    {
        int scanned = start;
        while (true) {
            if (skipLineFeed && scanned < end) {
                skipLineFeed = false;
                if (buffer[scanned] == '\n') {
                    start++;
                    scanned++;
                }
            }
            for (int i = scanned; i < end; i++) {
                byte b = buffer[i];
                if (b == '\n' || b == '\r') {
                    String line = decode(start, i);
                    start = i + 1;
                    skipLineFeed = b == '\r';
                    return line;
                }
            }
            scanned = end;
            if (end - start > MAX_LINE_BYTES) {
                throw new IOException(String.format("line %d is longer than %d bytes: not a JEPX CSV", lineNumber + 1, MAX_LINE_BYTES));
            }
            if (endOfInput) {
                if (start == end) {
                    return null;
                }
                String line = decode(start, end);
                start = end;
                return line;
            }
            scanned -= start;
            fill();
        }
    }

    private void fill()
            throws IOException
    {
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            bufferOffset += start;
            start = 0;
        }
        if (end == buffer.length) {
            buffer = Arrays.copyOf(buffer, Math.min(buffer.length * 2, MAX_LINE_BYTES + 2));
        }
        int read = input.read(buffer, end, buffer.length - end);
        if (read < 0) {
            endOfInput = true;
        }
        else {
            end += read;
        }
    }

    private String decode(int from, int to)
            throws MalformedException
    {
        lineNumber++;
        ByteBuffer bytes = ByteBuffer.wrap(buffer, from, to - from);
        CharBuffer chars = CharBuffer.allocate((to - from) + 1);
        decoder.reset();
        CoderResult result = decoder.decode(bytes, chars, true);
        if (!result.isError()) {
            result = decoder.flush(chars);
        }
        if (result.isError()) {
            int position = bytes.position();
            StringBuilder shown = new StringBuilder();
            for (int i = position; i < Math.min(position + result.length(), to); i++) {
                shown.append(String.format("%s0x%02X", shown.length() == 0 ? "" : " ", buffer[i] & 0xFF));
            }
            throw new MalformedException(lineNumber, bufferOffset + position, shown.toString(), result.isMalformed());
        }
        chars.flip();
        return chars.toString();
    }

    /** Bytes that are not Shift_JIS (windows-31j) text. */
    static final class MalformedException
            extends IOException
    {
        private final int lineNumber;
        private final long byteOffset;

        MalformedException(int lineNumber, long byteOffset, String bytes, boolean malformed)
        {
            super(String.format("%s %s at byte offset %d (line %d) is not Shift_JIS (windows-31j) text: JEPX files are Shift_JIS; the file is "
                    + "refused whole rather than decoded with replacement characters", malformed ? "malformed byte(s)" : "unmappable character", bytes,
                    byteOffset, lineNumber));
            this.lineNumber = lineNumber;
            this.byteOffset = byteOffset;
        }

        int lineNumber()
        {
            return lineNumber;
        }

        long byteOffset()
        {
            return byteOffset;
        }
    }
}
