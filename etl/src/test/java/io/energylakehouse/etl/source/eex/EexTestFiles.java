package io.energylakehouse.etl.source.eex;

import io.energylakehouse.etl.raw.ParsedPayload;
import io.energylakehouse.etl.raw.Payload;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What the EEX tests share: the shared real files' folder, payloads of files and bytes, the records of a parsed payload. */
final class EexTestFiles
{
    static final Path SHARED = Path.of(System.getProperty("lakehouse.shared-dir", "../../shared"));
    static final Path REAL_FILES = SHARED.resolve("data/connectors-gaps/eex_eua_auctions");

    private EexTestFiles() {}

    static Path realFile(int year)
    {
        return REAL_FILES.resolve(EexFileName.yearly(year));
    }

    static Payload payload(Path file)
            throws IOException
    {
        return Payload.ofFile(EexAuctions.SOURCE, EexAuctions.REQUEST_NAME, Payload.Origin.REPLAY, "", file);
    }

    static Payload payload(String fileName, byte[] bytes)
    {
        return new Payload(EexAuctions.SOURCE, EexAuctions.REQUEST_NAME, Payload.Origin.REPLAY, "", Optional.empty(), fileName,
                Instant.parse("2022-12-19T10:30:00Z"), 200, bytes);
    }

    @SuppressWarnings("unchecked")
    static List<EexAuctionRecord> records(ParsedPayload parsed)
    {
        return (List<EexAuctionRecord>) parsed.records();
    }
}
