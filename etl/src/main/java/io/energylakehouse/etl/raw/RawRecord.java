package io.energylakehouse.etl.raw;

import org.apache.spark.sql.Row;

/** A parsed record of a source's raw table; it becomes a row once its payload has a fetch id. */
public interface RawRecord
{
    Row toRow(String fetchId);
}
