package io.energylakehouse.etl.source.caiso;

import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.config.DataSize;
import io.energylakehouse.etl.raw.PayloadContent;
import io.energylakehouse.etl.raw.PayloadLimits;
import io.energylakehouse.etl.raw.PayloadLines;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Unwraps what OASIS sends: a zip holding one (in principle several) CSV members, or a zip holding an XML
 * {@code OASISReport} with ERR_CODE and ERR_DESC, which OASIS sends with HTTP 200 for "no data" and for
 * every other error. A bare CSV (a user's extract) or a bare XML report are accepted too. Everything is read as a
 * stream, within {@link PayloadLimits}.
 */
public final class OasisFiles
{
    /** {@code 20240310_20240310_PRC_LMP_DAM_20240309_13_05_12_v12.csv}: start, end, query, market run, generated, version. */
    private static final Pattern MEMBER_NAME = Pattern.compile(
            "(\\d{8})_(\\d{8})_(.+)_([A-Z0-9]+)_(\\d{8}_\\d{2}_\\d{2}_\\d{2})_v(\\d+)\\.(csv|xml)", Pattern.CASE_INSENSITIVE);
    private static final DateTimeFormatter GENERATED = DateTimeFormatter.ofPattern("yyyyMMdd_HH_mm_ss");
    private static final int END_OF_CENTRAL_DIRECTORY = 0x06054b50;

    /** An OASIS error report is a few hundred bytes; an XML member larger than this is not one. */
    private static final int MAX_XML_BYTES = 1 << 20;
    private static final int PEEK_BYTES = 4096;

    private OasisFiles() {}

    /** Reads one CSV member's lines as they are unwrapped; throws a bad-data {@link LakehouseException} when the whole file is unreadable. */
    @FunctionalInterface
    public interface MemberReader
    {
        void read(String memberName, PayloadLines lines)
                throws IOException;
    }

    /**
     * Unwraps the content as a stream and hands each CSV member's lines to {@code reader}; the content is never
     * held whole. A zip's members are inflated within {@code limits} (counted as they inflate; the sizes its
     * headers declare are not trusted), and a zip without its end-of-central-directory record is refused, after
     * its members were read. Throws a bad-data {@link LakehouseException} naming the file when it cannot be read.
     */
    public static OasisContent read(PayloadContent content, String fileName, PayloadLimits limits, MemberReader reader)
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
            String start = new String(head, StandardCharsets.UTF_8).stripLeading();
            if (start.startsWith("\uFEFF")) {
                start = start.substring(1);
            }
            if (start.startsWith("<")) {
                return readErrorReport(readXml(input, fileName, fileName), fileName, fileName);
            }
            if (head[0] == 'P' && head.length > 1 && head[1] == 'K') {
                throw bad(fileName, "not a readable zip (unknown zip record)");
            }
            if (!looksLikeText(head)) {
                throw bad(fileName, "neither a zip, an XML report nor a CSV text file");
            }
            MemberName name = MemberName.parse(fileName);
            try {
                reader.read(fileName, new PayloadLines(input, PayloadLines.Breaks.LINE_FEED, PayloadLines.Decoding.REPLACE));
            }
            catch (PayloadLines.LineTooLongException e) {
                throw bad(fileName, e.getMessage() + ": not a CSV text file");
            }
            return new OasisContent.Csv(List.of(fileName), name.report(), name.generatedAtUtc());
        }
        catch (IOException e) {
            throw bad(fileName, "cannot be read (" + e.getMessage() + ")");
        }
    }

    private static OasisContent readZip(InputStream input, long zipSize, String fileName, PayloadLimits limits, MemberReader reader)
            throws IOException
    {
        Tail tail = new Tail(input);
        Expansion expansion = new Expansion(limits, zipSize, tail);
        List<String> csvMembers = new ArrayList<>();
        OasisContent.ErrorReport error = null;
        ZipInputStream zip = new ZipInputStream(tail);
        try {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                InputStream member = expansion.count(zip);
                String name = entry.getName();
                String lower = name.toLowerCase(java.util.Locale.ROOT);
                if (entry.isDirectory()) {
                    member.transferTo(OutputStream.nullOutputStream());
                }
                else if (lower.endsWith(".xml")) {
                    error = readErrorReport(readXml(member, fileName, name), fileName, name);
                }
                else if (lower.endsWith(".csv")) {
                    csvMembers.add(name);
                    try {
                        reader.read(name, new PayloadLines(member, PayloadLines.Breaks.LINE_FEED, PayloadLines.Decoding.REPLACE));
                    }
                    catch (PayloadLines.LineTooLongException e) {
                        throw bad(fileName, "zip member '" + name + "': " + e.getMessage() + ": not a CSV text file");
                    }
                }
                else {
                    throw bad(fileName, "zip member '" + name + "' is neither CSV nor XML");
                }
            }
        }
        catch (Expansion.LimitException e) {
            throw bad(fileName, e.getMessage());
        }
        catch (IOException e) {
            tail.drain();
            if (!tail.hasEndOfCentralDirectory()) {
                throw cutShort(fileName);
            }
            throw bad(fileName, "not a readable zip (" + e.getMessage() + ")");
        }
        catch (IllegalArgumentException e) {
            // ZipInputStream's answer to an entry name whose bytes are not UTF-8
            throw bad(fileName, "not a readable zip (an entry name is not UTF-8 text)");
        }
        tail.drain();
        if (!tail.hasEndOfCentralDirectory()) {
            throw cutShort(fileName);
        }
        if (error != null) {
            return error;
        }
        if (csvMembers.isEmpty()) {
            throw bad(fileName, "the zip holds no CSV member");
        }
        MemberName name = MemberName.parse(csvMembers.get(0));
        return new OasisContent.Csv(csvMembers, name.report(), name.generatedAtUtc());
    }

    private static LakehouseException cutShort(String fileName)
    {
        return bad(fileName, "not a readable zip: no end-of-central-directory record (the download was cut short)");
    }

    private static byte[] readXml(InputStream input, String fileName, String memberName)
            throws IOException
    {
        byte[] xml = input.readNBytes(MAX_XML_BYTES + 1);
        if (xml.length > MAX_XML_BYTES) {
            throw bad(fileName, "XML member '" + memberName + "' is larger than " + DataSize.format(MAX_XML_BYTES) + ": not an OASIS error report");
        }
        return xml;
    }

    private static OasisContent.ErrorReport readErrorReport(byte[] xml, String fileName, String memberName)
    {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            // Without a handler the parser prints "[Fatal Error] ..." on stderr before it throws; this one only throws
            // (DefaultHandler's fatalError), and the exception is told below.
            builder.setErrorHandler(new DefaultHandler());
            Document document = builder.parse(new ByteArrayInputStream(xml));
            String code = firstText(document, "ERR_CODE");
            if (code == null) {
                throw bad(fileName, "XML member '" + memberName + "' is not an OASIS error report (no ERR_CODE)");
            }
            String description = firstText(document, "ERR_DESC");
            return new OasisContent.ErrorReport(memberName, code.trim(), description == null ? "" : description.trim());
        }
        catch (ParserConfigurationException | SAXException | IOException e) {
            throw bad(fileName, "XML member '" + memberName + "' cannot be read (" + e.getMessage() + ")");
        }
    }

    private static String firstText(Document document, String localName)
    {
        NodeList nodes = document.getElementsByTagNameNS("*", localName);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent();
    }

    private static boolean looksLikeText(byte[] bytes)
    {
        int sample = Math.min(bytes.length, 4096);
        for (int i = 0; i < sample; i++) {
            if (bytes[i] == 0) {
                return false;
            }
        }
        return true;
    }

    /** Keeps the last bytes of a stream, where a zip's end-of-central-directory record is. */
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
                // keep reading: only the tail matters
            }
        }

        boolean hasEndOfCentralDirectory()
        {
            int length = (int) Math.min(count, last.length);
            byte[] bytes = new byte[length];
            for (int i = 0; i < length; i++) {
                bytes[i] = last[(int) ((count - length + i) % last.length)];
            }
            for (int i = length - 22; i >= 0; i--) {
                int signature = (bytes[i] & 0xff) | (bytes[i + 1] & 0xff) << 8 | (bytes[i + 2] & 0xff) << 16 | (bytes[i + 3] & 0xff) << 24;
                if (signature == END_OF_CENTRAL_DIRECTORY) {
                    return true;
                }
            }
            return false;
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

    static LakehouseException bad(String fileName, String why)
    {
        return LakehouseException.badData("Cannot parse CAISO OASIS file %s: %s", fileName, why);
    }

    /**
     * What OASIS's member name says. The generation stamp carries no zone; we read it as Pacific time, which
     * can only make it later than the truth if OASIS wrote it in GMT, never earlier: an as-of query then never
     * sees data before it existed. (Unverified against the OASIS interface specification.)
     */
    record MemberName(Optional<String> report, Optional<String> marketRunId, Optional<Instant> generatedAtUtc)
    {
        static MemberName parse(String name)
        {
            String base = name.substring(name.lastIndexOf('/') + 1);
            Matcher matcher = MEMBER_NAME.matcher(base);
            if (!matcher.matches()) {
                return new MemberName(Optional.empty(), Optional.empty(), Optional.empty());
            }
            Optional<Instant> generated;
            try {
                generated = Optional.of(LocalDateTime.parse(matcher.group(5), GENERATED).atZone(CaisoMarket.TIME.zone()).toInstant());
            }
            catch (DateTimeParseException e) {
                // a renamed file whose stamp is no date and time (month 13, hour 25): the name still says the report
                generated = Optional.empty();
            }
            return new MemberName(Optional.of(matcher.group(3).toUpperCase(java.util.Locale.ROOT)), Optional.of(matcher.group(4)), generated);
        }
    }
}
