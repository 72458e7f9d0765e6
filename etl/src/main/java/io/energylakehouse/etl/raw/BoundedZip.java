package io.energylakehouse.etl.raw;

import io.energylakehouse.common.LakehouseException;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Walks a zip read as a stream, within {@link PayloadLimits}: every member's bytes are counted as they inflate (the
 * sizes its headers declare are not trusted) and the walk stops at the limits; a zip without its end-of-central-directory
 * record (a download cut short) is refused after its members were read. One implementation for every connector that
 * receives zips (CAISO OASIS, ERCOT MIS, ...); each words the failures for its own files.
 */
public final class BoundedZip
{
    private static final int END_OF_CENTRAL_DIRECTORY = 0x06054b50;

    private BoundedZip() {}

    /** Reads one member; what it leaves unread is read (and counted) after it returns. */
    @FunctionalInterface
    public interface MemberVisitor
    {
        void member(String name, InputStream content)
                throws IOException;
    }

    /** How the caller words the two ways a zip fails, naming its file. */
    public interface Failures
    {
        /** The zip cannot be read, or inflates past the limits; {@code why} says which. */
        LakehouseException unreadable(String why);

        /** The zip ends before its directory; {@code membersRead} are the members read before the end. */
        LakehouseException cutShort(List<String> membersRead);
    }

    /**
     * Hands each member that is not a directory to {@code visitor}, in order. Exceptions the visitor throws pass
     * through, except the limits' and the zip's own, which become {@link Failures}.
     *
     * @param zipSize the zip's size in bytes, the base of the expansion ratio
     * @return the names of the members visited
     */
    public static List<String> walk(InputStream input, long zipSize, PayloadLimits limits, MemberVisitor visitor, Failures failures)
    {
        Tail tail = new Tail(input);
        Expansion expansion = new Expansion(limits, zipSize, tail);
        List<String> members = new ArrayList<>();
        ZipInputStream zip = new ZipInputStream(tail);
        try {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                InputStream member = expansion.count(zip);
                if (!entry.isDirectory()) {
                    members.add(entry.getName());
                    visitor.member(entry.getName(), member);
                }
                member.transferTo(OutputStream.nullOutputStream());
            }
            tail.drain();
        }
        catch (Expansion.LimitException e) {
            throw failures.unreadable(e.getMessage());
        }
        catch (IOException e) {
            drainQuietly(tail);
            if (!tail.hasEndOfCentralDirectory()) {
                throw failures.cutShort(members);
            }
            throw failures.unreadable("not a readable zip (" + e.getMessage() + ")");
        }
        catch (IllegalArgumentException e) {
            // ZipInputStream's answer to an entry name whose bytes are not UTF-8
            throw failures.unreadable("not a readable zip (an entry name is not UTF-8 text)");
        }
        if (!tail.hasEndOfCentralDirectory()) {
            throw failures.cutShort(members);
        }
        return members;
    }

    private static void drainQuietly(Tail tail)
    {
        try {
            tail.drain();
        }
        catch (IOException e) {
            // the source itself fails: what was read decides
        }
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
