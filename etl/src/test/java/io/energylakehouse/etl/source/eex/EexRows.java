package io.energylakehouse.etl.source.eex;

import io.energylakehouse.common.table.TableSpec;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Checks that a row fits a table's schema as Spark's java8 time API reads it: one value per column, of the column's type, non-null where required (revision aside). */
final class EexRows
{
    private EexRows() {}

    static void assertFits(TableSpec table, Row row)
    {
        StructField[] fields = table.schema().fields();
        assertThat(row.size()).as("columns of %s", table.identifier()).isEqualTo(fields.length);
        for (int i = 0; i < fields.length; i++) {
            Object value = row.get(i);
            StructField field = fields[i];
            if (value == null) {
                // revision is numbered by the shared curation across payloads: the connector's rows leave it null
                assertThat(field.nullable() || field.name().equals("revision")).as("%s may be null", field.name()).isTrue();
                continue;
            }
            assertThat(value).as("%s", field.name()).isInstanceOf(javaType(field.dataType()));
        }
    }

    private static Class<?> javaType(DataType type)
    {
        if (type.equals(DataTypes.StringType)) {
            return String.class;
        }
        if (type.equals(DataTypes.IntegerType)) {
            return Integer.class;
        }
        if (type.equals(DataTypes.DoubleType)) {
            return Double.class;
        }
        if (type.equals(DataTypes.DateType)) {
            return LocalDate.class;
        }
        if (type.equals(DataTypes.TimestampType)) {
            return Instant.class;
        }
        if (type instanceof ArrayType) {
            return List.class;
        }
        throw new IllegalArgumentException("Cannot check a value of type " + type);
    }
}
