package io.energylakehouse.etl.source.miso;

import io.energylakehouse.etl.raw.ParsedPayload;
import io.energylakehouse.etl.raw.Payload;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The hand-written SYNTHETIC files of src/test/resources/miso (made-up values in MISO's market report layout). */
final class MisoTestFiles
{
    static final MisoLmpParser PARSER = new MisoLmpParser();

    private MisoTestFiles() {}

    static byte[] resource(String name)
    {
        try (InputStream input = MisoTestFiles.class.getResourceAsStream("/miso/" + name)) {
            if (input == null) {
                throw new IllegalArgumentException("no test resource miso/" + name);
            }
            return input.readAllBytes();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Payload payload(MisoReport report, String fileName, byte[] bytes)
    {
        return new Payload(MisoMarket.SOURCE, report.reportName(), Payload.Origin.REPLAY, report.reportName() + "|test", Optional.empty(), fileName,
                Instant.parse("2024-12-01T00:00:00Z"), 200, bytes);
    }

    static ParsedPayload parse(MisoReport report, String fileName, byte[] bytes)
    {
        return PARSER.parse(payload(report, fileName, bytes));
    }

    @SuppressWarnings("unchecked")
    static List<MisoLmpRecord> records(ParsedPayload parsed)
    {
        return (List<MisoLmpRecord>) parsed.records();
    }
}
