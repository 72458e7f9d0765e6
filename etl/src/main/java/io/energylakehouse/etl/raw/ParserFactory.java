package io.energylakehouse.etl.raw;

import java.io.Serializable;

/**
 * Makes a source's parser where the payloads are parsed: on the driver, or in each Spark task that lands a slice of
 * them. Serialisable, so a landing sends the recipe rather than a parser (parsers are pure Java and cheap to make).
 */
@FunctionalInterface
public interface ParserFactory
        extends Serializable
{
    PayloadParser create();
}
