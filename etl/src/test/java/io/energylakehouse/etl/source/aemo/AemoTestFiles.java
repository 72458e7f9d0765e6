package io.energylakehouse.etl.source.aemo;

import io.energylakehouse.etl.raw.ParsedPayload;
import io.energylakehouse.etl.raw.Payload;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** The hand-written AEMO files of src/test/resources/aemo, zipped as NEMweb serves them, and payloads of them. */
final class AemoTestFiles
{
    static final Path SHARED = Path.of(System.getProperty("lakehouse.shared-dir", "../../shared"));
    static final Path REAL = SHARED.resolve("fixtures/real/aemo");

    private AemoTestFiles() {}

    static byte[] resource(String name)
    {
        try (InputStream input = AemoTestFiles.class.getResourceAsStream("/aemo/" + name)) {
            if (input == null) {
                throw new IllegalStateException("No test resource aemo/" + name);
            }
            return input.readAllBytes();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(String name)
    {
        return new String(resource(name), StandardCharsets.UTF_8);
    }

    /** A zip holding one member, as NEMweb's files do. */
    static byte[] zip(String member, byte[] content)
    {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry(member));
            zip.write(content);
            zip.closeEntry();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static byte[] zip(String member, String content)
    {
        return zip(member, content.getBytes(StandardCharsets.UTF_8));
    }

    static Payload payload(AemoReport report, String fileName, byte[] bytes)
    {
        return new Payload(AemoMarket.SOURCE, report.requestName(), Payload.Origin.REPLAY, report.requestName() + "|test", Optional.empty(), fileName,
                Instant.parse("2024-07-01T00:00:00Z"), 200, bytes);
    }

    /** A resource zipped under its own name and parsed as the report. */
    static ParsedPayload parseResource(AemoReport report, String name)
    {
        String zipName = name.replaceAll("(?i)\\.csv$", ".zip");
        return new AemoParser().parse(payload(report, zipName, zip(name, resource(name))));
    }

    @SuppressWarnings("unchecked")
    static List<AemoPriceRecord> prices(ParsedPayload parsed)
    {
        return (List<AemoPriceRecord>) parsed.records();
    }
}
