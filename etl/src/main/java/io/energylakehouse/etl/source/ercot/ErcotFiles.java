package io.energylakehouse.etl.source.ercot;

import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.etl.raw.BoundedZip;
import io.energylakehouse.etl.raw.PayloadContent;
import io.energylakehouse.etl.raw.PayloadLimits;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * Unwraps what ERCOT sends: an MIS document or API archive download (a zip holding one CSV), a bare CSV (a user's
 * extract), or a public API page (JSON). Everything is read as a stream, within {@link PayloadLimits}: a zip's members
 * are counted as they inflate (the sizes its headers declare are not trusted), and a zip without its
 * end-of-central-directory record (a download cut short) is refused once its members were read.
 */
final class ErcotFiles
{
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
    {
        Kind[] kind = {Kind.CSV};
        List<String> members = BoundedZip.walk(input, zipSize, limits, (name, member) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!lower.endsWith(".csv") && !lower.endsWith(".json")) {
                throw bad(fileName, "zip member '" + name + "' is neither CSV nor JSON");
            }
            kind[0] = lower.endsWith(".json") ? Kind.JSON : Kind.CSV;
            reader.read(name, kind[0], member);
        }, new BoundedZip.Failures()
        {
            @Override
            public LakehouseException unreadable(String why)
            {
                return bad(fileName, why);
            }

            @Override
            public LakehouseException cutShort(List<String> membersRead)
            {
                return ErcotFiles.cutShort(fileName, membersRead);
            }
        });
        if (members.isEmpty()) {
            throw bad(fileName, "the zip holds no CSV member");
        }
        return new Unwrapped(members, kind[0], true);
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
}
