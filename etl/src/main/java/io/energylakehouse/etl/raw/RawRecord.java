package io.energylakehouse.etl.raw;

import org.apache.spark.sql.Row;

/**
 * A parsed record of a source's raw table; it becomes a row once its payload has a fetch id and a landing run
 * writes it. The row starts with {@code fetch_id} and {@code landing_id} (see {@link Landing#LANDING_ID}).
 */
public interface RawRecord
{
    Row toRow(String fetchId, String landingId);
}
