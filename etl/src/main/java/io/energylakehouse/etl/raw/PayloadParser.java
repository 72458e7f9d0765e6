package io.energylakehouse.etl.raw;

import io.energylakehouse.common.table.TableSpec;

import java.util.List;

/** A source's parser: bytes to typed records, pure Java, no Spark, never throws on bad data (it rejects instead). */
public interface PayloadParser
{
    /** Market code for quarantine rows, e.g. CAISO. */
    String market();

    /** The raw tables this parser's records go to. */
    List<TableSpec> rawTables();

    /** Reads the payload's content as a stream (never whole into memory), within the parser's {@link PayloadLimits}. */
    ParsedPayload parse(Payload payload);

    /**
     * The payload rejected whole, unread, for a reason found outside the parser (it is larger than
     * {@link PayloadLimits#maxPayloadBytes()}): the dataset and raw table it would have fed, for its quarantine row.
     */
    ParsedPayload rejected(Payload payload, String reason);
}
