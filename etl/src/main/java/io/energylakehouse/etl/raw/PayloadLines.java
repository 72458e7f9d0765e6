package io.energylakehouse.etl.raw;

import io.energylakehouse.common.config.DataSize;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static java.util.Objects.requireNonNull;

/**
 * The lines of a payload's UTF-8 text, read from a stream one at a time: a parser never holds the whole
 * text, and a line longer than {@link #MAX_LINE_BYTES} (a file of zeros, a zip bomb, a field gone wild) ends
 * the reading with {@link LineTooLongException} instead of growing one buffer without bound. Line breaks are
 * bytes ({@code \n}, {@code \r}), which UTF-8 never uses inside a character, so lines are decoded one by one
 * exactly as the whole text would have been.
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
    private final int maxLineBytes;
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
        this.input = requireNonNull(input, "input is null");
        this.breaks = requireNonNull(breaks, "breaks is null");
        this.strictDecoder = requireNonNull(decoding, "decoding is null") == Decoding.STRICT
                ? StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                : null;
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("maxLineBytes must be positive: " + maxLineBytes);
        }
        this.maxLineBytes = maxLineBytes;
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
            throws CharacterCodingException
    {
        lineNumber++;
        if (strictDecoder == null) {
            return new String(buffer, from, to - from, StandardCharsets.UTF_8);
        }
        return strictDecoder.decode(ByteBuffer.wrap(buffer, from, to - from)).toString();
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
