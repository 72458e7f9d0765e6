package io.energylakehouse.etl.raw;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestPayloadLines
{
    @Test
    void lineFeedBreaksDropTheCarriageReturnBeforeThemOnly()
            throws IOException
    {
        assertThat(lines("a,b\r\nc\rd\n\ne\r", PayloadLines.Breaks.LINE_FEED)).containsExactly("a,b", "c\rd", "", "e");
        assertThat(lines("a\n", PayloadLines.Breaks.LINE_FEED)).containsExactly("a");
        assertThat(lines("", PayloadLines.Breaks.LINE_FEED)).isEmpty();
    }

    @Test
    void anyBreaksSplitAsStringLines()
            throws IOException
    {
        for (String text : List.of("a\r\nb\rc\n\nd", "a\r\n", "\r\r\n\n", "x\ry\r\n\rz\r")) {
            assertThat(lines(text, PayloadLines.Breaks.ANY)).as(text.replace("\r", "\\r").replace("\n", "\\n")).isEqualTo(text.lines().toList());
        }
    }

    @Test
    void linesLongerThanTheBufferAndUtf8AcrossReadsAreWhole()
            throws IOException
    {
        String longLine = "é".repeat(100_000);
        // A stream that hands out 7 bytes at a time splits characters and breaks between reads.
        InputStream trickle = new ByteArrayInputStream((longLine + "\r\nnext").getBytes(StandardCharsets.UTF_8))
        {
            @Override
            public synchronized int read(byte[] buffer, int offset, int length)
            {
                return super.read(buffer, offset, Math.min(length, 7));
            }
        };
        PayloadLines lines = new PayloadLines(trickle, PayloadLines.Breaks.LINE_FEED, PayloadLines.Decoding.REPLACE);

        assertThat(lines.next()).isEqualTo(longLine);
        assertThat(lines.next()).isEqualTo("next");
        assertThat(lines.lineNumber()).isEqualTo(2);
        assertThat(lines.next()).isNull();
    }

    @Test
    void aLineWithoutEndStopsAtTheBoundInsteadOfFillingTheHeap()
            throws IOException
    {
        // An endless stream of zeros, as a zip bomb's member: the reading must end, and soon.
        InputStream zeros = new InputStream()
        {
            @Override
            public int read()
            {
                return 0;
            }

            @Override
            public int read(byte[] buffer, int offset, int length)
            {
                java.util.Arrays.fill(buffer, offset, offset + length, (byte) 0);
                return length;
            }
        };
        PayloadLines lines = new PayloadLines(zeros, PayloadLines.Breaks.LINE_FEED, PayloadLines.Decoding.REPLACE, 1000);

        assertThatThrownBy(lines::next)
                .isInstanceOfSatisfying(PayloadLines.LineTooLongException.class, e -> assertThat(e.lineNumber()).isEqualTo(1))
                .hasMessage("line 1 is longer than 1000 B");

        PayloadLines second = new PayloadLines(new ByteArrayInputStream(("ok\n" + "x".repeat(1001)).getBytes(StandardCharsets.UTF_8)),
                PayloadLines.Breaks.ANY, PayloadLines.Decoding.STRICT, 1000);
        assertThat(second.next()).isEqualTo("ok");
        assertThatThrownBy(second::next).hasMessage("line 2 is longer than 1000 B");
        // Exactly at the bound is still a line.
        assertThat(new PayloadLines(new ByteArrayInputStream("y".repeat(1000).getBytes(StandardCharsets.UTF_8)), PayloadLines.Breaks.ANY,
                PayloadLines.Decoding.STRICT, 1000).next()).hasSize(1000);
    }

    @Test
    void strictDecodingRefusesMalformedBytesAndReplaceDecodingReplacesThem()
            throws IOException
    {
        byte[] bytes = {'o', 'k', '\n', 'b', (byte) 0xff, 'd', '\n'};

        PayloadLines strict = new PayloadLines(new ByteArrayInputStream(bytes), PayloadLines.Breaks.ANY, PayloadLines.Decoding.STRICT);
        assertThat(strict.next()).isEqualTo("ok");
        assertThatThrownBy(strict::next).isInstanceOf(MalformedInputException.class).hasMessage("Input length = 1");

        PayloadLines replace = new PayloadLines(new ByteArrayInputStream(bytes), PayloadLines.Breaks.ANY, PayloadLines.Decoding.REPLACE);
        assertThat(List.of(replace.next(), replace.next())).containsExactly("ok", "b\uFFFDd");
    }

    private static List<String> lines(String text, PayloadLines.Breaks breaks)
            throws IOException
    {
        PayloadLines lines = new PayloadLines(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), breaks, PayloadLines.Decoding.REPLACE);
        List<String> read = new ArrayList<>();
        for (String line = lines.next(); line != null; line = lines.next()) {
            read.add(line);
        }
        return read;
    }
}
