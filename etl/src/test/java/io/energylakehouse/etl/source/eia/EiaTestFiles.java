package io.energylakehouse.etl.source.eia;

import io.energylakehouse.etl.raw.ParsedPayload;
import io.energylakehouse.etl.raw.Payload;
import io.energylakehouse.etl.raw.PayloadLimits;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The hand-written EIA test files in src/test/resources/eia/ (in the API v2 and history layouts, with made-up values), and typed access to parsed records. */
final class EiaTestFiles
{
    private EiaTestFiles() {}

    static byte[] resource(String name)
    {
        try (InputStream input = EiaTestFiles.class.getResourceAsStream("/eia/" + name)) {
            if (input == null) {
                throw new IllegalArgumentException("No test resource /eia/" + name);
            }
            return input.readAllBytes();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Payload payload(EiaReport report, String fileName, byte[] bytes, Instant receivedAt)
    {
        return new Payload(Eia.SOURCE, report.requestName(), Payload.Origin.REPLAY, "test", Optional.empty(), fileName, receivedAt, 200, bytes);
    }

    static ParsedPayload parse(EiaReport report, String fileName, byte[] bytes)
    {
        return new EiaParser(report, PayloadLimits.DEFAULTS).parse(payload(report, fileName, bytes, Instant.parse("2024-03-15T12:00:00Z")));
    }

    static ParsedPayload parse(EiaReport report, String fileName, String text)
    {
        return parse(report, fileName, text.getBytes(StandardCharsets.UTF_8));
    }

    @SuppressWarnings("unchecked")
    static List<EiaValueRecord> records(ParsedPayload parsed)
    {
        return (List<EiaValueRecord>) parsed.records();
    }

    /** One API v2 answer of the rows (each a JSON object text) with {@code total} as given (a number or a quoted string). */
    static String page(String total, String... rows)
    {
        return "{\"response\":{\"total\":" + total + ",\"data\":[" + String.join(",", rows) + "]},\"apiVersion\":\"2.1.8\"}";
    }

    static String spotRow(String period, String value)
    {
        return "{\"period\":\"" + period + "\",\"duoarea\":\"RGC\",\"process\":\"PS0\",\"series\":\"RNGWHHD\",\"series-description\":\"Henry Hub Natural Gas "
                + "Spot Price (Dollars per Million Btu)\",\"value\":" + value + ",\"units\":\"$/MMBTU\"}";
    }

    static String storageRow(String period, String duoarea, String value)
    {
        return "{\"period\":\"" + period + "\",\"duoarea\":\"" + duoarea + "\",\"process\":\"SWO\",\"series\":\"NW2_EPG0_SWO_" + duoarea + "_BCF\","
                + "\"value\":" + value + ",\"units\":\"BCF\"}";
    }
}
