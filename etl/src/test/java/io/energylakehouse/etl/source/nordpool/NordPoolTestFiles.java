package io.energylakehouse.etl.source.nordpool;

import io.energylakehouse.etl.raw.ParsedPayload;
import io.energylakehouse.etl.raw.PayloadContent;
import io.energylakehouse.etl.raw.PayloadLimits;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Reads the hand-written SYNTHETIC Nord Pool files of src/test/resources/nordpool (Nord Pool's JSON shapes, made-up prices) and parses them. */
final class NordPoolTestFiles
{
    private NordPoolTestFiles() {}

    static byte[] resource(String name)
    {
        try (InputStream input = NordPoolTestFiles.class.getResourceAsStream("/nordpool/" + name)) {
            if (input == null) {
                throw new IllegalArgumentException("no test resource nordpool/" + name);
            }
            return input.readAllBytes();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ParsedPayload parse(String fileName, byte[] bytes)
    {
        return NordPoolPriceParser.parse(PayloadContent.of(bytes), fileName, PayloadLimits.DEFAULTS);
    }

    static ParsedPayload parse(String fileName, String text)
    {
        return parse(fileName, text.getBytes(StandardCharsets.UTF_8));
    }

    static ParsedPayload parseResource(String name)
    {
        return parse(name, resource(name));
    }

    @SuppressWarnings("unchecked")
    static List<NordPoolPriceRecord> records(ParsedPayload parsed)
    {
        return (List<NordPoolPriceRecord>) parsed.records();
    }
}
