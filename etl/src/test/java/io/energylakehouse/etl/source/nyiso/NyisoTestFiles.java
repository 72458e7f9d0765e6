package io.energylakehouse.etl.source.nyiso;

import io.energylakehouse.etl.raw.ParsedPayload;
import io.energylakehouse.etl.raw.Payload;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** The hand-written SYNTHETIC NYISO files of src/test/resources/nyiso and how the tests parse them. */
final class NyisoTestFiles
{
    static final NyisoLbmpParser PARSER = new NyisoLbmpParser();

    private NyisoTestFiles() {}

    static byte[] resource(String name)
    {
        try (InputStream input = NyisoTestFiles.class.getResourceAsStream("/nyiso/" + name)) {
            if (input == null) {
                throw new IllegalArgumentException("no test resource nyiso/" + name);
            }
            return input.readAllBytes();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A zip holding the members in order, as NYISO's monthly archives hold daily CSVs. */
    static byte[] zip(Object... namesAndBytes)
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (int i = 0; i < namesAndBytes.length; i += 2) {
                zip.putNextEntry(new ZipEntry((String) namesAndBytes[i]));
                zip.write((byte[]) namesAndBytes[i + 1]);
                zip.closeEntry();
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static ParsedPayload parse(NyisoReport report, String fileName, byte[] bytes)
    {
        return PARSER.parse(new Payload(NyisoMarket.SOURCE, report.reportName(), Payload.Origin.REPLAY, report.reportName() + "|test", Optional.empty(), fileName,
                Instant.parse("2024-12-01T00:00:00Z"), 200, bytes));
    }

    @SuppressWarnings("unchecked")
    static List<NyisoLbmpRecord> records(ParsedPayload parsed)
    {
        return (List<NyisoLbmpRecord>) parsed.records();
    }
}
