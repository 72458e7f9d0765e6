package io.energylakehouse.etl.source.ercot;

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

/** The hand-written files of src/test/resources/ercot, and the zips MIS would wrap them in, built at test time. */
final class ErcotTestFiles
{
    static final ErcotSppParser PARSER = new ErcotSppParser();
    /** The MIS member name of a DAM document posted 2024-06-30 13:30:07 CDT. */
    static final String DAM_MEMBER = "cdr.00012331.0000000000000000.20240630.133007.DAMSPNP4190.csv";

    private ErcotTestFiles() {}

    static byte[] resource(String name)
    {
        try (InputStream input = ErcotTestFiles.class.getResourceAsStream("/ercot/" + name)) {
            if (input == null) {
                throw new IllegalArgumentException("no test resource ercot/" + name);
            }
            return input.readAllBytes();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A zip holding the members in order, as MIS and the archive download send one CSV. */
    static byte[] zip(String memberName, byte[] bytes, Object... more)
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(memberName));
            zip.write(bytes);
            zip.closeEntry();
            for (int i = 0; i < more.length; i += 2) {
                zip.putNextEntry(new ZipEntry((String) more[i]));
                zip.write((byte[]) more[i + 1]);
                zip.closeEntry();
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static Payload payload(ErcotReport report, String fileName, byte[] bytes)
    {
        return new Payload(ErcotMarket.SOURCE, report.reportName(), Payload.Origin.REPLAY, report.reportName() + "|test", Optional.empty(), fileName,
                Instant.parse("2024-12-01T00:00:00Z"), 200, bytes);
    }

    static ParsedPayload parse(ErcotReport report, String fileName, byte[] bytes)
    {
        return PARSER.parse(payload(report, fileName, bytes));
    }

    @SuppressWarnings("unchecked")
    static List<ErcotSppRecord> records(ParsedPayload parsed)
    {
        return (List<ErcotSppRecord>) parsed.records();
    }
}
