package io.energylakehouse.etl.source.ieso;

import io.energylakehouse.etl.raw.ParsedPayload;
import io.energylakehouse.etl.raw.PayloadContent;
import io.energylakehouse.etl.raw.PayloadLimits;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Reads the hand-written SYNTHETIC IESO files of src/test/resources/ieso (IESO's layouts, made-up prices) and parses them. */
final class IesoTestFiles
{
    private IesoTestFiles() {}

    static byte[] resource(String name)
    {
        try (InputStream input = IesoTestFiles.class.getResourceAsStream("/ieso/" + name)) {
            if (input == null) {
                throw new IllegalArgumentException("no test resource ieso/" + name);
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

    static ParsedPayload parse(IesoReport report, String fileName, byte[] bytes)
    {
        return IesoParser.parse(report, PayloadContent.of(bytes), fileName, PayloadLimits.DEFAULTS);
    }

    static ParsedPayload parse(IesoReport report, String fileName, String text)
    {
        return parse(report, fileName, text.getBytes(StandardCharsets.UTF_8));
    }

    static ParsedPayload parseResource(IesoReport report, String name)
    {
        return parse(report, name, resource(name));
    }

    @SuppressWarnings("unchecked")
    static List<IesoPriceRecord> records(ParsedPayload parsed)
    {
        return (List<IesoPriceRecord>) parsed.records();
    }
}
