package io.energylakehouse.etl.source.spp;

import io.energylakehouse.etl.raw.ParsedPayload;
import io.energylakehouse.etl.raw.PayloadContent;
import io.energylakehouse.etl.raw.PayloadLimits;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Reads the hand-written SYNTHETIC SPP files of src/test/resources/spp (SPP's layout, made-up prices) and parses them. */
final class SppTestFiles
{
    private SppTestFiles() {}

    static byte[] resource(String name)
    {
        try (InputStream input = SppTestFiles.class.getResourceAsStream("/spp/" + name)) {
            if (input == null) {
                throw new IllegalArgumentException("no test resource spp/" + name);
            }
            return input.readAllBytes();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ParsedPayload parse(SppReport report, String fileName, byte[] bytes)
    {
        return SppLmpParser.parse(report, PayloadContent.of(bytes), fileName, PayloadLimits.DEFAULTS);
    }

    static ParsedPayload parse(SppReport report, String fileName, String text)
    {
        return parse(report, fileName, text.getBytes(StandardCharsets.UTF_8));
    }

    static ParsedPayload parseResource(SppReport report, String name)
    {
        return parse(report, name, resource(name));
    }

    @SuppressWarnings("unchecked")
    static List<SppLmpRecord> records(ParsedPayload parsed)
    {
        return (List<SppLmpRecord>) parsed.records();
    }
}
