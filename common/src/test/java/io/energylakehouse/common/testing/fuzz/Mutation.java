package io.energylakehouse.common.testing.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static java.util.Objects.requireNonNull;

/**
 * One change to a file's bytes. Positions, line and column numbers are taken modulo what the bytes have when the
 * mutation applies, so mutations compose (a zip of a truncated file, a truncated zip) and shrink towards 0.
 * Lines are split on {@code \n} and fields on {@code ,} at the byte level, without reading quotes: a quoted comma
 * is split too, which is one more way to make a bad file. Each mutation prints as what it does, so a failing
 * case reads as a recipe to write as an example-based test.
 */
public sealed interface Mutation
{
    byte[] apply(byte[] bytes);

    /** Keeps the first bytes: a download cut short. */
    record Truncate(int length)
            implements Mutation
    {
        @Override
        public byte[] apply(byte[] bytes)
        {
            return Arrays.copyOf(bytes, Math.floorMod(length, bytes.length + 1));
        }

        @Override
        public String toString()
        {
            return "truncate to " + length + " bytes (mod size+1)";
        }
    }

    /** Flips the bits of {@code mask} in one byte. */
    record FlipBits(int position, int mask)
            implements Mutation
    {
        @Override
        public byte[] apply(byte[] bytes)
        {
            if (bytes.length == 0) {
                return bytes;
            }
            byte[] flipped = bytes.clone();
            int at = Math.floorMod(position, bytes.length);
            flipped[at] = (byte) (flipped[at] ^ mask);
            return flipped;
        }

        @Override
        public String toString()
        {
            return String.format("flip bits 0x%02x of byte %d (mod size)", mask & 0xff, position);
        }
    }

    record InsertBytes(int position, byte[] inserted)
            implements Mutation
    {
        public InsertBytes
        {
            inserted = requireNonNull(inserted, "inserted is null").clone();
        }

        @Override
        public byte[] apply(byte[] bytes)
        {
            int at = Math.floorMod(position, bytes.length + 1);
            ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + inserted.length);
            out.write(bytes, 0, at);
            out.writeBytes(inserted);
            out.write(bytes, at, bytes.length - at);
            return out.toByteArray();
        }

        @Override
        public String toString()
        {
            return "insert bytes " + HexFormat.ofDelimiter(" ").formatHex(inserted) + " at " + position + " (mod size+1)";
        }
    }

    record DeleteBytes(int position, int length)
            implements Mutation
    {
        @Override
        public byte[] apply(byte[] bytes)
        {
            if (bytes.length == 0) {
                return bytes;
            }
            int from = Math.floorMod(position, bytes.length);
            int to = Math.min(bytes.length, from + length);
            ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length);
            out.write(bytes, 0, from);
            out.write(bytes, to, bytes.length - to);
            return out.toByteArray();
        }

        @Override
        public String toString()
        {
            return "delete " + length + " bytes at " + position + " (mod size)";
        }
    }

    /** Repeats one line {@code times} times more, right after it. */
    record DuplicateLine(int line, int times)
            implements Mutation
    {
        @Override
        public byte[] apply(byte[] bytes)
        {
            List<byte[]> lines = lines(bytes);
            int at = Math.floorMod(line, lines.size());
            for (int i = 0; i < times; i++) {
                lines.add(at, lines.get(at));
            }
            return join(lines);
        }

        @Override
        public String toString()
        {
            return "repeat line " + line + " (mod lines) " + times + " more times";
        }
    }

    record DeleteLine(int line)
            implements Mutation
    {
        @Override
        public byte[] apply(byte[] bytes)
        {
            List<byte[]> lines = lines(bytes);
            lines.remove(Math.floorMod(line, lines.size()));
            return join(lines);
        }

        @Override
        public String toString()
        {
            return "delete line " + line + " (mod lines)";
        }
    }

    /** Shuffles the lines from {@code from} on (0: the header too, 1: the rows only). */
    record ShuffleLines(long seed, int from)
            implements Mutation
    {
        @Override
        public byte[] apply(byte[] bytes)
        {
            List<byte[]> lines = lines(bytes);
            if (from < lines.size()) {
                Collections.shuffle(lines.subList(from, lines.size()), new Random(seed));
            }
            return join(lines);
        }

        @Override
        public String toString()
        {
            return "shuffle lines from line " + from + " with seed " + seed;
        }
    }

    /** Every line {@code times} more times after the first {@code keep} lines: a file grown large by repeats. */
    record RepeatBody(int keep, int times)
            implements Mutation
    {
        private static final long MAX_REPEATED_BYTES = 8 << 20;

        @Override
        public byte[] apply(byte[] bytes)
        {
            List<byte[]> lines = lines(bytes);
            int first = Math.min(keep, lines.size());
            List<byte[]> body = List.copyOf(lines.subList(first, lines.size()));
            long bodyBytes = body.stream().mapToLong(line -> line.length + 1L).sum();
            long repeats = Math.min(times, MAX_REPEATED_BYTES / Math.max(1, bodyBytes));
            for (long i = 0; i < repeats; i++) {
                lines.addAll(body);
            }
            return join(lines);
        }

        @Override
        public String toString()
        {
            return "repeat every line after the first " + keep + " " + times + " more times (at most 8 MB more)";
        }
    }

    /** Which lines a column swap touches. */
    enum Lines
    {
        ALL,
        HEADER,
        ROWS
    }

    /** Swaps two columns: on every line (the same file with columns reordered), on the header only, or on the rows only. */
    record SwapColumns(int first, int second, Lines scope)
            implements Mutation
    {
        @Override
        public byte[] apply(byte[] bytes)
        {
            List<byte[]> lines = lines(bytes);
            for (int index = scope == Lines.ROWS ? 1 : 0; index < (scope == Lines.HEADER ? Math.min(1, lines.size()) : lines.size()); index++) {
                List<byte[]> fields = fields(lines.get(index));
                if (fields.size() > 1) {
                    Collections.swap(fields, Math.floorMod(first, fields.size()), Math.floorMod(second, fields.size()));
                    lines.set(index, joinFields(fields));
                }
            }
            return join(lines);
        }

        @Override
        public String toString()
        {
            return "swap columns " + first + " and " + second + " (mod fields) on " + scope.name().toLowerCase(Locale.ROOT) + " lines";
        }
    }

    /** Puts {@code value} (UTF-8) in place of one field of one line. */
    record ReplaceField(int line, int column, String value)
            implements Mutation
    {
        public ReplaceField
        {
            requireNonNull(value, "value is null");
        }

        @Override
        public byte[] apply(byte[] bytes)
        {
            List<byte[]> lines = lines(bytes);
            int at = Math.floorMod(line, lines.size());
            List<byte[]> fields = fields(lines.get(at));
            fields.set(Math.floorMod(column, fields.size()), value.getBytes(StandardCharsets.UTF_8));
            lines.set(at, joinFields(fields));
            return join(lines);
        }

        @Override
        public String toString()
        {
            String shown = value.length() > 40 ? value.substring(0, 40) + "... (" + value.length() + " chars)" : value;
            return "field " + column + " (mod fields) of line " + line + " (mod lines) := '" + shown.replace("\n", "\\n").replace("\r", "\\r") + "'";
        }
    }

    /** Copies one field onto another, often of another column: a value where another kind of value belongs. */
    record CopyField(int fromLine, int fromColumn, int toLine, int toColumn)
            implements Mutation
    {
        @Override
        public byte[] apply(byte[] bytes)
        {
            List<byte[]> lines = lines(bytes);
            List<byte[]> source = fields(lines.get(Math.floorMod(fromLine, lines.size())));
            int at = Math.floorMod(toLine, lines.size());
            List<byte[]> target = fields(lines.get(at));
            target.set(Math.floorMod(toColumn, target.size()), source.get(Math.floorMod(fromColumn, source.size())));
            lines.set(at, joinFields(target));
            return join(lines);
        }

        @Override
        public String toString()
        {
            return "copy field " + fromColumn + " of line " + fromLine + " onto field " + toColumn + " of line " + toLine + " (all mod)";
        }
    }

    /** A field of {@code size} bytes of {@code fill} in place of one field (10 MB: a file nobody should have sent). */
    record HugeField(int line, int column, int size, char fill)
            implements Mutation
    {
        @Override
        public byte[] apply(byte[] bytes)
        {
            List<byte[]> lines = lines(bytes);
            int at = Math.floorMod(line, lines.size());
            List<byte[]> fields = fields(lines.get(at));
            byte[] huge = new byte[size];
            Arrays.fill(huge, (byte) fill);
            fields.set(Math.floorMod(column, fields.size()), huge);
            lines.set(at, joinFields(fields));
            return join(lines);
        }

        @Override
        public String toString()
        {
            return "field " + column + " of line " + line + " (mod) := " + size + " times '" + fill + "'";
        }
    }

    /** Encodings a user's spreadsheet or an operator's other system may have written the same text in. */
    enum Encoding
    {
        UTF_8_BOM(StandardCharsets.UTF_8, new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}),
        DOUBLE_UTF_8_BOM(StandardCharsets.UTF_8, new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf, (byte) 0xef, (byte) 0xbb, (byte) 0xbf}),
        UTF_16LE(StandardCharsets.UTF_16LE, new byte[0]),
        UTF_16LE_BOM(StandardCharsets.UTF_16LE, new byte[] {(byte) 0xff, (byte) 0xfe}),
        UTF_16BE_BOM(StandardCharsets.UTF_16BE, new byte[] {(byte) 0xfe, (byte) 0xff}),
        UTF_32(Charset.forName("UTF-32"), new byte[0]),
        LATIN_1(StandardCharsets.ISO_8859_1, new byte[0]),
        WINDOWS_1252(Charset.forName("windows-1252"), new byte[0]);

        private final Charset charset;
        private final byte[] bom;

        Encoding(Charset charset, byte[] bom)
        {
            this.charset = charset;
            this.bom = bom;
        }
    }

    /** The text (read as UTF-8, bad bytes replaced) written again in another encoding. */
    record Reencode(Encoding encoding)
            implements Mutation
    {
        @Override
        public byte[] apply(byte[] bytes)
        {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(encoding.bom);
            out.writeBytes(new String(bytes, StandardCharsets.UTF_8).getBytes(encoding.charset));
            return out.toByteArray();
        }

        @Override
        public String toString()
        {
            return "re-encode as " + encoding;
        }
    }

    enum LineEnding
    {
        /** Windows line ends. */
        CRLF,
        /** Classic Mac line ends: no {@code \n} at all. */
        CR,
        /** No line end after the last line. */
        NONE_AT_END,
        /** Blank lines between lines. */
        BLANK_LINES
    }

    record LineEndings(LineEnding ending)
            implements Mutation
    {
        @Override
        public byte[] apply(byte[] bytes)
        {
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            String changed = switch (ending) {
                case CRLF -> text.replace("\r\n", "\n").replace("\n", "\r\n");
                case CR -> text.replace("\r\n", "\n").replace('\n', '\r');
                case NONE_AT_END -> text.replaceAll("[\r\n]+$", "");
                case BLANK_LINES -> text.replace("\n", "\n\n \n");
            };
            return changed.getBytes(StandardCharsets.ISO_8859_1);
        }

        @Override
        public String toString()
        {
            return "line endings " + ending;
        }
    }

    /** Inputs that are not files of anything. */
    enum Whole
    {
        EMPTY(new byte[0]),
        SPACE(new byte[] {' '}),
        NEWLINES(new byte[] {'\n', '\r', '\n'}),
        BOM_ONLY(new byte[] {(byte) 0xef, (byte) 0xbb, (byte) 0xbf}),
        NUL_BYTES(new byte[64]),
        ZIP_SIGNATURE_ONLY(new byte[] {'P', 'K', 3, 4}),
        XML_PROLOG_ONLY("<?xml version=\"1.0\"?>".getBytes(StandardCharsets.UTF_8));

        private final byte[] bytes;

        Whole(byte[] bytes)
        {
            this.bytes = bytes;
        }
    }

    record Replace(Whole whole)
            implements Mutation
    {
        @Override
        public byte[] apply(byte[] bytes)
        {
            return whole.bytes.clone();
        }

        @Override
        public String toString()
        {
            return "replace all by " + whole;
        }
    }

    /** What else a zip holds beside the member under test. */
    enum ZipCompanion
    {
        NONE,
        /** The same member again under another name. */
        SAME_AGAIN,
        /** A directory entry before the member. */
        DIRECTORY_FIRST,
        /** An OASIS-style XML error report after the member. */
        ERROR_REPORT,
        /** A text file that is neither CSV nor XML. */
        TEXT_FILE,
        /** An empty CSV member. */
        EMPTY_CSV
    }

    /** The bytes as a member of a zip (a zip of a zip when applied twice), stored or deflated. */
    record Zip(String memberName, ZipCompanion companion, int method)
            implements Mutation
    {
        public Zip
        {
            requireNonNull(memberName, "memberName is null");
            requireNonNull(companion, "companion is null");
            if (method != ZipEntry.STORED && method != ZipEntry.DEFLATED) {
                throw new IllegalArgumentException("method is not STORED or DEFLATED: " + method);
            }
        }

        @Override
        public byte[] apply(byte[] bytes)
        {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(out)) {
                if (companion == ZipCompanion.DIRECTORY_FIRST) {
                    put(zip, "data/", new byte[0]);
                }
                put(zip, memberName, bytes);
                switch (companion) {
                    case SAME_AGAIN -> put(zip, "copy_" + memberName.replace('/', '_'), bytes);
                    case ERROR_REPORT -> put(zip, "error.xml", ("<OASISReport><MessagePayload><RTO><ERROR><ERR_CODE>1000</ERR_CODE>"
                            + "<ERR_DESC>No data returned for the specified selection</ERR_DESC></ERROR></RTO></MessagePayload></OASISReport>").getBytes(StandardCharsets.UTF_8));
                    case TEXT_FILE -> put(zip, "readme.txt", "not data".getBytes(StandardCharsets.UTF_8));
                    case EMPTY_CSV -> put(zip, "empty.csv", new byte[0]);
                    default -> { }
                }
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return out.toByteArray();
        }

        private void put(ZipOutputStream zip, String name, byte[] content)
                throws IOException
        {
            ZipEntry entry = new ZipEntry(name);
            if (method == ZipEntry.STORED || name.endsWith("/")) {
                CRC32 crc = new CRC32();
                crc.update(content);
                entry.setMethod(ZipEntry.STORED);
                entry.setSize(content.length);
                entry.setCompressedSize(content.length);
                entry.setCrc(crc.getValue());
            }
            zip.putNextEntry(entry);
            zip.write(content);
            zip.closeEntry();
        }

        @Override
        public String toString()
        {
            return "zip as member '" + memberName + "' (" + (method == ZipEntry.STORED ? "stored" : "deflated") + ", companion " + companion + ")";
        }
    }

    private static List<byte[]> lines(byte[] bytes)
    {
        return split(bytes, (byte) '\n');
    }

    private static List<byte[]> fields(byte[] line)
    {
        return split(line, (byte) ',');
    }

    private static List<byte[]> split(byte[] bytes, byte separator)
    {
        List<byte[]> parts = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == separator) {
                parts.add(Arrays.copyOfRange(bytes, start, i));
                start = i + 1;
            }
        }
        parts.add(Arrays.copyOfRange(bytes, start, bytes.length));
        return parts;
    }

    private static byte[] join(List<byte[]> lines)
    {
        return join(lines, (byte) '\n');
    }

    private static byte[] joinFields(List<byte[]> fields)
    {
        return join(fields, (byte) ',');
    }

    private static byte[] join(List<byte[]> parts, byte separator)
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < parts.size(); i++) {
            if (i > 0) {
                out.write(separator);
            }
            out.writeBytes(parts.get(i));
        }
        return out.toByteArray();
    }
}
