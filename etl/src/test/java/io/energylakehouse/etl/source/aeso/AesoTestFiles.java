package io.energylakehouse.etl.source.aeso;

import io.energylakehouse.etl.raw.ParsedPayload;
import io.energylakehouse.etl.raw.PayloadContent;
import io.energylakehouse.etl.raw.PayloadLimits;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** The hand-written AESO test files in src/test/resources/aeso/ (in the operator's formats, with made-up prices), and typed access to parsed records. */
final class AesoTestFiles
{
    private AesoTestFiles() {}

    static byte[] resource(String name)
    {
        try (InputStream input = AesoTestFiles.class.getResourceAsStream("/aeso/" + name)) {
            if (input == null) {
                throw new IllegalArgumentException("No test resource /aeso/" + name);
            }
            return input.readAllBytes();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ParsedPayload parse(AesoReport report, String fileName, byte[] bytes)
    {
        return AesoParser.parse(report, PayloadContent.of(bytes), fileName, PayloadLimits.DEFAULTS);
    }

    static ParsedPayload parse(AesoReport report, String fileName, String text)
    {
        return parse(report, fileName, text.getBytes(StandardCharsets.UTF_8));
    }

    static ParsedPayload parseResource(AesoReport report, String name)
    {
        return parse(report, name, resource(name));
    }

    @SuppressWarnings("unchecked")
    static List<AesoPoolPriceRecord> poolRecords(ParsedPayload parsed)
    {
        return (List<AesoPoolPriceRecord>) parsed.records();
    }

    @SuppressWarnings("unchecked")
    static List<AesoSmpRecord> smpRecords(ParsedPayload parsed)
    {
        return (List<AesoSmpRecord>) parsed.records();
    }
}
