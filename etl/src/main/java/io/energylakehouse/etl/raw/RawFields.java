package io.energylakehouse.etl.raw;

import org.apache.spark.sql.Row;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import static java.util.Objects.requireNonNull;

/**
 * The fields of one raw-table row by column name, whichever reader holds it: an Iceberg generic record (curation on
 * the driver) or a Spark row (curation in Spark tasks). What a connector turns back into its {@link RawRecord}: the
 * inverse of {@link RawRecord#toRow}. Values are null where the row holds null or lacks the column.
 */
@FunctionalInterface
public interface RawFields
{
    /** The column's value as the reader holds it, or null. */
    Object get(String column);

    static RawFields of(org.apache.iceberg.data.Record record)
    {
        requireNonNull(record, "record is null");
        return column -> record.struct().field(column) == null ? null : record.getField(column);
    }

    static RawFields of(Row row)
    {
        requireNonNull(row, "row is null");
        return column -> {
            int index = row.schema().getFieldIndex(column).getOrElse(() -> -1);
            return index < 0 || row.isNullAt(index) ? null : row.get(index);
        };
    }

    default String string(String column)
    {
        Object value = get(column);
        return value == null ? null : value.toString();
    }

    /** A timestamp column (Spark gives Instant with the java8 API, Iceberg OffsetDateTime) as an instant. */
    default Instant instant(String column)
    {
        Object value = get(column);
        if (value == null || value instanceof Instant) {
            return (Instant) value;
        }
        if (value instanceof OffsetDateTime time) {
            return time.toInstant();
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant();
        }
        throw new IllegalArgumentException("Cannot read raw column " + column + " as an instant: it holds " + value.getClass().getName());
    }

    default LocalDate date(String column)
    {
        Object value = get(column);
        return value instanceof java.sql.Date date ? date.toLocalDate() : (LocalDate) value;
    }

    default Integer integer(String column)
    {
        Object value = get(column);
        return value == null ? null : ((Number) value).intValue();
    }

    default Long longValue(String column)
    {
        Object value = get(column);
        return value == null ? null : ((Number) value).longValue();
    }

    default Double doubleValue(String column)
    {
        Object value = get(column);
        return value == null ? null : ((Number) value).doubleValue();
    }

    default Boolean bool(String column)
    {
        return (Boolean) get(column);
    }
}
