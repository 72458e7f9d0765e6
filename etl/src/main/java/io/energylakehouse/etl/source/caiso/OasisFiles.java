package io.energylakehouse.etl.source.caiso;

import io.energylakehouse.common.LakehouseException;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
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
 * every other error. A bare CSV (a user's extract) or a bare XML report are accepted too.
 */
public final class OasisFiles
{
    /** {@code 20240310_20240310_PRC_LMP_DAM_20240309_13_05_12_v12.csv}: start, end, query, market run, generated, version. */
    private static final Pattern MEMBER_NAME = Pattern.compile(
            "(\\d{8})_(\\d{8})_(.+)_([A-Z0-9]+)_(\\d{8}_\\d{2}_\\d{2}_\\d{2})_v(\\d+)\\.(csv|xml)", Pattern.CASE_INSENSITIVE);
    private static final DateTimeFormatter GENERATED = DateTimeFormatter.ofPattern("yyyyMMdd_HH_mm_ss");
    private static final int END_OF_CENTRAL_DIRECTORY = 0x06054b50;

    private OasisFiles() {}

    public static OasisContent read(byte[] bytes, String fileName)
    {
        if (bytes.length == 0) {
            throw bad(fileName, "the file is empty");
        }
        if (bytes.length >= 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4) {
            return readZip(bytes, fileName);
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        String start = text.stripLeading();
        if (start.startsWith("\uFEFF")) {
            start = start.substring(1);
        }
        if (start.startsWith("<")) {
            return readErrorReport(bytes, fileName, fileName);
        }
        if (bytes[0] == 'P' && bytes.length > 1 && bytes[1] == 'K') {
            throw bad(fileName, "not a readable zip (unknown zip record)");
        }
        if (!looksLikeText(bytes)) {
            throw bad(fileName, "neither a zip, an XML report nor a CSV text file");
        }
        MemberName name = MemberName.parse(fileName);
        return new OasisContent.Csv(List.of(fileName), name.report(), name.generatedAtUtc(), List.of(new OasisContent.CsvMember(fileName, text)));
    }

    private static OasisContent readZip(byte[] bytes, String fileName)
    {
        if (!hasEndOfCentralDirectory(bytes)) {
            throw bad(fileName, "not a readable zip: no end-of-central-directory record (the download was cut short)");
        }
        List<OasisContent.CsvMember> members = new ArrayList<>();
        OasisContent.ErrorReport error = null;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
                if (entry.isDirectory()) {
                    continue;
                }
                byte[] member = zip.readAllBytes();
                String name = entry.getName();
                String lower = name.toLowerCase(java.util.Locale.ROOT);
                if (lower.endsWith(".xml")) {
                    error = readErrorReport(member, fileName, name);
                }
                else if (lower.endsWith(".csv")) {
                    members.add(new OasisContent.CsvMember(name, new String(member, StandardCharsets.UTF_8)));
                }
                else {
                    throw bad(fileName, "zip member '" + name + "' is neither CSV nor XML");
                }
            }
        }
        catch (IOException e) {
            throw bad(fileName, "not a readable zip (" + e.getMessage() + ")");
        }
        catch (IllegalArgumentException e) {
            // ZipInputStream's answer to an entry name whose bytes are not UTF-8
            throw bad(fileName, "not a readable zip (an entry name is not UTF-8 text)");
        }
        if (error != null) {
            return error;
        }
        if (members.isEmpty()) {
            throw bad(fileName, "the zip holds no CSV member");
        }
        MemberName name = MemberName.parse(members.get(0).name());
        return new OasisContent.Csv(members.stream().map(OasisContent.CsvMember::name).toList(), name.report(), name.generatedAtUtc(), members);
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

    private static boolean hasEndOfCentralDirectory(byte[] bytes)
    {
        // The record is 22 bytes plus a comment of at most 65535 bytes, at the very end of the file.
        int lowest = Math.max(0, bytes.length - 22 - 65535);
        for (int i = bytes.length - 22; i >= lowest; i--) {
            int signature = (bytes[i] & 0xff) | (bytes[i + 1] & 0xff) << 8 | (bytes[i + 2] & 0xff) << 16 | (bytes[i + 3] & 0xff) << 24;
            if (signature == END_OF_CENTRAL_DIRECTORY) {
                return true;
            }
        }
        return false;
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
