package io.energylakehouse.etl.source.ercot;

import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.etl.raw.PayloadContent;
import io.energylakehouse.etl.raw.PayloadLimits;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Unwraps what ERCOT sends: an MIS document or API archive download (a zip holding one CSV), a bare CSV (a user's
 * extract), or a public API page (JSON). Everything is read as a stream, within {@link PayloadLimits}: a zip's members
 * are counted as they inflate (the sizes its headers declare are not trusted), and a zip without its
 * end-of-central-directory record (a download cut short) is refused once its members were read.
 */
final class ErcotFiles
{
    private static final int END_OF_CENTRAL_DIRECTORY = 0x06054b50;
    private static final int PEEK_BYTES = 4096;

    private ErcotFiles() {}

    enum Kind
    {
        CSV,
        JSON
    }

    /** Reads one member (or the bare file) as it is unwrapped; throws a bad-data {@link LakehouseException} when the whole file is unreadable. */
    @FunctionalInterface
    interface MemberReader
    {
        void read(String memberName, Kind kind, InputStream input)
                throws IOException;
    }

    /** What the file held: its members' names (the file's own name for a bare file) and their kind. */
    record Unwrapped(List<String> memberNames, Kind kind, boolean zipped)
    {
        Unwrapped
        {
            memberNames = List.copyOf(memberNames);
        }
    }

    static Unwrapped read(PayloadContent content, String fileName, PayloadLimits limits, MemberReader reader)
    {
        try (InputStream opened = content.open()) {
            BufferedInputStream input = new BufferedInputStream(opened, 1 << 16);
            input.mark(PEEK_BYTES);
            byte[] head = input.readNBytes(PEEK_BYTES);
            input.reset();
            if (head.length == 0) {
                throw bad(fileName, "the file is empty");
            }
            if (head.length >= 4 && head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) {
                return readZip(input, content.size(), fileName, limits, reader);
            }
            if (head[0] == 'P' && head.length > 1 && head[1] == 'K') {
                throw bad(fileName, "not a readable zip (no member before its directory: an empty or unknown zip)");
            }
            if (!looksLikeText(head)) {
                throw bad(fileName, "neither a zip, a CSV text file nor an API JSON page");
            }
            Kind kind = kind(head);
            reader.read(fileName, kind, input);
            return new Unwrapped(List.of(fileName), kind, false);
        }
        catch (IOException e) {
            throw bad(fileName, "cannot be read (" + e.getMessage() + ")");
        }
    }

    private static Unwrapped readZip(InputStream input, long zipSize, String fileName, PayloadLimits limits, MemberReader reader)
            throws IOException
    {
        Tail tail = new Tail(input);
        Expansion expansion = new Expansion(limits, zipSize, tail);
        List<String> members = new ArrayList<>();
        Kind kind = Kind.CSV;
        ZipInputStream zip = new ZipInputStream(tail);
        try {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                InputStream member = expansion.count(zip);
                String name = entry.getName();
                String lower = name.toLowerCase(Locale.ROOT);
                if (entry.isDirectory()) {
                    member.transferTo(OutputStream.nullOutputStream());
                }
                else if (lower.endsWith(".csv") || lower.endsWith(".json")) {
                    members.add(name);
                    kind = lower.endsWith(".json") ? Kind.JSON : Kind.CSV;
                    reader.read(name, kind, member);
                    member.transferTo(OutputStream.nullOutputStream());
                }
                else {
                    throw bad(fileName, "zip member '" + name + "' is neither CSV nor JSON");
                }
            }
        }
        catch (Expansion.LimitException e) {
            throw bad(fileName, e.getMessage());
        }
        catch (IOException e) {
            tail.drain();
            if (!tail.hasEndOfCentralDirectory()) {
                throw cutShort(fileName, members);
            }
            throw bad(fileName, "not a readable zip (" + e.getMessage() + ")");
        }
        catch (IllegalArgumentException e) {
            // ZipInputStream's answer to an entry name whose bytes are not UTF-8
            throw bad(fileName, "not a readable zip (an entry name is not UTF-8 text)");
        }
        tail.drain();
        if (!tail.hasEndOfCentralDirectory()) {
            throw cutShort(fileName, members);
        }
        if (members.isEmpty()) {
            throw bad(fileName, "the zip holds no CSV member");
        }
        return new Unwrapped(members, kind, true);
    }

    private static LakehouseException cutShort(String fileName, List<String> members)
    {
        return bad(fileName, "not a readable zip: no end-of-central-directory record (the download was cut short"
                + (members.isEmpty() ? "" : " after member " + members.get(members.size() - 1)) + ")");
    }

    /** JSON when the text starts with '{' (after spaces and a byte-order mark), CSV otherwise. */
    private static Kind kind(byte[] head)
    {
        String start = new String(head, StandardCharsets.UTF_8).stripLeading();
        if (start.startsWith("\uFEFF")) {
            start = start.substring(1).stripLeading();
        }
        return start.startsWith("{") || start.startsWith("[") ? Kind.JSON : Kind.CSV;
    }

    private static boolean looksLikeText(byte[] bytes)
    {
        for (byte b : bytes) {
            if (b == 0) {
                return false;
            }
        }
        return true;
    }

    static LakehouseException bad(String fileName, String why)
    {
        return LakehouseException.badData("Cannot parse ERCOT file %s: %s", fileName, why);
    }

    /** Keeps the last bytes of a stream, where a zip's end-of-central-directory record is, and counts what was read. */
    private static final class Tail
            extends FilterInputStream
    {
        // The record is 22 bytes plus a comment of at most 65535 bytes, at the very end of the file.
        private final byte[] last = new byte[22 + 65535];
        private long count;

        Tail(InputStream input)
        {
            super(input);
        }

        @Override
        public int read()
                throws IOException
        {
            int read = in.read();
            if (read >= 0) {
                last[(int) (count++ % last.length)] = (byte) read;
            }
            return read;
        }

        @Override
        public int read(byte[] buffer, int offset, int length)
                throws IOException
        {
            int read = in.read(buffer, offset, length);
            for (int i = 0; i < read; i++) {
                last[(int) (count++ % last.length)] = buffer[offset + i];
            }
            return read;
        }

        @Override
        public long skip(long n)
                throws IOException
        {
            return Math.max(0, read(new byte[(int) Math.min(n, 8192)]));
        }

        void drain()
                throws IOException
        {
            byte[] buffer = new byte[8192];
            while (read(buffer, 0, buffer.length) >= 0) {
                // only the tail matters
            }
        }

        boolean hasEndOfCentralDirectory()
        {
            int length = (int) Math.min(count, last.length);
            for (int i = length - 22; i >= 0; i--) {
                int signature = at(i, length) | at(i + 1, length) << 8 | at(i + 2, length) << 16 | at(i + 3, length) << 24;
                if (signature == END_OF_CENTRAL_DIRECTORY) {
                    return true;
                }
            }
            return false;
        }

        private int at(int index, int length)
        {
            return last[(int) ((count - length + index) % last.length)] & 0xff;
        }
    }

    /** Counts the bytes a zip's members inflate to, across members, and stops at the limits. */
    private static final class Expansion
    {
        private final PayloadLimits limits;
        private final long zipSize;
        private final Tail compressed;
        private long inflated;

        Expansion(PayloadLimits limits, long zipSize, Tail compressed)
        {
            this.limits = limits;
            this.zipSize = zipSize;
            this.compressed = compressed;
        }

        /** The current member, counted; closing it leaves the zip open. */
        InputStream count(ZipInputStream zip)
        {
            return new FilterInputStream(zip)
            {
                @Override
                public int read()
                        throws IOException
                {
                    int read = in.read();
                    if (read >= 0) {
                        add(1);
                    }
                    return read;
                }

                @Override
                public int read(byte[] buffer, int offset, int length)
                        throws IOException
                {
                    int read = in.read(buffer, offset, length);
                    if (read > 0) {
                        add(read);
                    }
                    return read;
                }

                @Override
                public long skip(long n)
                        throws IOException
                {
                    return Math.max(0, read(new byte[(int) Math.min(n, 8192)]));
                }

                @Override
                public void close()
                {
                    // the zip stream stays open for the next member
                }
            };
        }

        private void add(long bytes)
                throws LimitException
        {
            inflated += bytes;
            String problem = limits.expansionProblem(zipSize, compressed.count, inflated);
            if (problem != null) {
                throw new LimitException(problem);
            }
        }

        static final class LimitException
                extends IOException
        {
            LimitException(String reason)
            {
                super(reason, null);
            }
        }
    }
}
