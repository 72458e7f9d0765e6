package io.energylakehouse.etl.source.entsoe;

import io.energylakehouse.etl.raw.ParsedPayload;
import io.energylakehouse.etl.raw.PayloadContent;
import io.energylakehouse.etl.raw.PayloadLimits;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Reads the hand-written SYNTHETIC ENTSO-E documents of src/test/resources/entsoe (ENTSO-E's format, made-up prices) and parses them. */
final class EntsoeTestFiles
{
    private EntsoeTestFiles() {}

    static byte[] resource(String name)
    {
        try (InputStream input = EntsoeTestFiles.class.getResourceAsStream("/entsoe/" + name)) {
            if (input == null) {
                throw new IllegalArgumentException("no test resource entsoe/" + name);
            }
            return input.readAllBytes();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ParsedPayload parse(EntsoeReport report, String fileName, byte[] bytes)
    {
        return EntsoeParser.parse(report, PayloadContent.of(bytes), fileName, PayloadLimits.DEFAULTS);
    }

    static ParsedPayload parse(EntsoeReport report, String fileName, String text)
    {
        return parse(report, fileName, text.getBytes(StandardCharsets.UTF_8));
    }

    static ParsedPayload parseResource(String name)
    {
        return parse(EntsoeReport.A44, name, resource(name));
    }

    @SuppressWarnings("unchecked")
    static List<EntsoePointRecord> records(ParsedPayload parsed)
    {
        return (List<EntsoePointRecord>) parsed.records();
    }
}
