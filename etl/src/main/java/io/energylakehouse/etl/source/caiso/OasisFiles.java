package io.energylakehouse.etl.source.caiso;

import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.config.DataSize;
import io.energylakehouse.etl.raw.BoundedZip;
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
import java.io.IOException;
import java.io.InputStream;
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
    {
        List<String> csvMembers = new ArrayList<>();
        OasisContent.ErrorReport[] error = new OasisContent.ErrorReport[1];
        BoundedZip.walk(input, zipSize, limits, (name, member) -> {
            String lower = name.toLowerCase(java.util.Locale.ROOT);
            if (lower.endsWith(".xml")) {
                error[0] = readErrorReport(readXml(member, fileName, name), fileName, name);
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
                return OasisFiles.cutShort(fileName);
            }
        });
        if (error[0] != null) {
            return error[0];
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
