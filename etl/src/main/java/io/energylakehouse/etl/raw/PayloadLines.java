package io.energylakehouse.etl.raw;

import io.energylakehouse.common.config.DataSize;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static java.util.Objects.requireNonNull;

/**
 * The lines of a payload's UTF-8 text, read from a stream one at a time: a parser never holds the whole
 * text, and a line longer than {@link #MAX_LINE_BYTES} (a file of zeros, a zip bomb, a field gone wild) ends
 * the reading with {@link LineTooLongException} instead of growing one buffer without bound. Line breaks are
 * bytes ({@code \n}, {@code \r}), which UTF-8 never uses inside a character, so lines are decoded one by one
 * exactly as the whole text would have been. Text in another charset whose multi-byte characters never hold those
 * bytes either (Shift_JIS: trail bytes are 0x40..0xFC) is read strictly in that charset ({@link #strict}): a byte that
 * is not text of it fails the reading with {@link MalformedTextException}, naming the line, the bytes and their offset
 * in the file; nothing is ever replaced by U+FFFD.
 */
public final class PayloadLines
{
    /** No operator's line comes near this: OASIS lines are some 200 bytes. */
    public static final int MAX_LINE_BYTES = 1 << 20;

    public enum Breaks
    {
        /** Lines end at {@code \n}; a {@code \r} just before it is dropped, a {@code \r} elsewhere is text (OASIS's reading). */
        LINE_FEED,
        /** Lines end at {@code \n}, {@code \r\n} or {@code \r}, as {@link String#lines()} splits them. */
        ANY
    }

    public enum Decoding
    {
        /** Malformed bytes become U+FFFD, as {@code new String(bytes, UTF_8)} does. */
        REPLACE,
        /** Malformed bytes fail the reading with a {@link CharacterCodingException}. */
        STRICT
    }

    private final InputStream input;
    private final Breaks breaks;
    private final CharsetDecoder strictDecoder;
    /** The strict decoder of another charset than UTF-8, which reports offsets; null for UTF-8. */
    private final CharsetDecoder charsetDecoder;
    private final int maxLineBytes;
    /** Bytes of the file before the buffer's first: those read and dropped, and any skipped before the stream. */
    private long bufferOffset;
    private byte[] buffer = new byte[1 << 16];
    private int start;
    private int end;
    private boolean endOfInput;
    private boolean skipLineFeed;
    private int lineNumber;

    public PayloadLines(InputStream input, Breaks breaks, Decoding decoding)
    {
        this(input, breaks, decoding, MAX_LINE_BYTES);
    }

    public PayloadLines(InputStream input, Breaks breaks, Decoding decoding, int maxLineBytes)
    {
        this(input, breaks, requireNonNull(decoding, "decoding is null") == Decoding.STRICT
                ? StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                : null, null, 0, maxLineBytes);
    }

    private PayloadLines(InputStream input, Breaks breaks, CharsetDecoder strictDecoder, CharsetDecoder charsetDecoder, long firstByteOffset, int maxLineBytes)
    {
        this.input = requireNonNull(input, "input is null");
        this.breaks = requireNonNull(breaks, "breaks is null");
        this.strictDecoder = strictDecoder;
        this.charsetDecoder = charsetDecoder;
        this.bufferOffset = firstByteOffset;
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("maxLineBytes must be positive: " + maxLineBytes);
        }
        this.maxLineBytes = maxLineBytes;
    }

    /**
     * The lines of text in {@code charset} (whose characters never hold the bytes of a line break), decoded strictly;
     * {@code firstByteOffset} is the number of the file's bytes before the stream's first (a byte order mark skipped), so
     * that the offsets errors name are the file's.
     */
    public static PayloadLines strict(InputStream input, Breaks breaks, Charset charset, long firstByteOffset)
    {
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        return new PayloadLines(input, breaks, null, decoder, firstByteOffset, MAX_LINE_BYTES);
    }

    /** The number of the line {@link #next()} returned last, counting from 1. */
    public int lineNumber()
    {
        return lineNumber;
    }

    /** The next line without its break, or null after the last one (text ending with a break has no empty last line). */
    public String next()
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
                if (b == '\n' || (b == '\r' && breaks == Breaks.ANY)) {
                    int lineEnd = i;
                    if (b == '\n' && breaks == Breaks.LINE_FEED && lineEnd > start && buffer[lineEnd - 1] == '\r') {
                        lineEnd--;
                    }
                    String line = decode(start, lineEnd);
                    start = i + 1;
                    skipLineFeed = b == '\r';
                    return line;
                }
            }
            scanned = end;
            if (end - start > maxLineBytes) {
                throw new LineTooLongException(lineNumber + 1, maxLineBytes);
            }
            if (endOfInput) {
                if (start == end) {
                    return null;
                }
                int lineEnd = end;
                if (breaks == Breaks.LINE_FEED && buffer[lineEnd - 1] == '\r') {
                    lineEnd--;
                }
                String line = decode(start, lineEnd);
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
            buffer = Arrays.copyOf(buffer, Math.min(buffer.length * 2, maxLineBytes + 2));
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
            throws IOException
    {
        lineNumber++;
        if (charsetDecoder != null) {
            return decodeStrictly(from, to);
        }
        if (strictDecoder == null) {
            return new String(buffer, from, to - from, StandardCharsets.UTF_8);
        }
        return strictDecoder.decode(ByteBuffer.wrap(buffer, from, to - from)).toString();
    }

    private String decodeStrictly(int from, int to)
            throws MalformedTextException
    {
        ByteBuffer bytes = ByteBuffer.wrap(buffer, from, to - from);
        CharBuffer chars = CharBuffer.allocate((to - from) + 1);
        charsetDecoder.reset();
        CoderResult result = charsetDecoder.decode(bytes, chars, true);
        if (!result.isError()) {
            result = charsetDecoder.flush(chars);
        }
        if (result.isError()) {
            int position = bytes.position();
            StringBuilder shown = new StringBuilder();
            for (int i = position; i < Math.min(position + result.length(), to); i++) {
                shown.append(String.format("%s0x%02X", shown.length() == 0 ? "" : " ", buffer[i] & 0xFF));
            }
            throw new MalformedTextException(lineNumber, bufferOffset + position, shown.toString(), result.isMalformed(), charsetDecoder.charset());
        }
        chars.flip();
        return chars.toString();
    }

    /** Bytes that are not text of the charset the lines are read in. */
    public static final class MalformedTextException
            extends IOException
    {
        private final int lineNumber;
        private final long byteOffset;

        MalformedTextException(int lineNumber, long byteOffset, String bytes, boolean malformed, Charset charset)
        {
            super(String.format("%s %s at byte offset %d (line %d) is not %s text", malformed ? "malformed byte(s)" : "unmappable character", bytes,
                    byteOffset, lineNumber, charset.name()));
            this.lineNumber = lineNumber;
            this.byteOffset = byteOffset;
        }

        public int lineNumber()
        {
            return lineNumber;
        }

        public long byteOffset()
        {
            return byteOffset;
        }
    }

    /** A line longer than the bound: the payload is not the text it claims to be. */
    public static final class LineTooLongException
            extends IOException
    {
        private final int lineNumber;

        LineTooLongException(int lineNumber, int maxLineBytes)
        {
            super(String.format("line %d is longer than %s", lineNumber, DataSize.format(maxLineBytes)));
            this.lineNumber = lineNumber;
        }

        public int lineNumber()
        {
            return lineNumber;
        }
    }
}
