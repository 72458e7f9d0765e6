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

    ParsedPayload parse(Payload payload);
}
