package io.energylakehouse.common.table;

import io.energylakehouse.common.LakehouseException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;

/**
 * A table declared once in code: its namespace and name, schema (with a doc per column), key, partitioning,
 * properties and the values its code columns may hold. Readers apply it, writers conform to it, {@code CREATE TABLE}
 * comes from it, and the declarative data checks (key uniqueness, required columns not null, allowed values) read it.
 *
 * @param partitioning Iceberg partition transforms in order, e.g. {@code market}, {@code days(interval_start_utc)}
 * @param allowedValues per code column, the values it may hold (e.g. {@code location_type}: node, hub, zone, ...)
 */
public record TableSpec(String namespace, String name, String description, List<ColumnSpec> columns, List<String> key, List<String> partitioning,
        Map<String, String> properties, Map<String, List<String>> allowedValues)
        implements java.io.Serializable
{
    public TableSpec(String namespace, String name, String description, List<ColumnSpec> columns, List<String> key, List<String> partitioning,
            Map<String, String> properties)
    {
        this(namespace, name, description, columns, key, partitioning, properties, Map.of());
    }

    public TableSpec
    {
        requireNonNull(namespace, "namespace is null");
        requireNonNull(name, "name is null");
        requireNonNull(description, "description is null");
        columns = List.copyOf(requireNonNull(columns, "columns is null"));
        key = List.copyOf(requireNonNull(key, "key is null"));
        partitioning = List.copyOf(requireNonNull(partitioning, "partitioning is null"));
        properties = Map.copyOf(requireNonNull(properties, "properties is null"));
        allowedValues = Map.copyOf(requireNonNull(allowedValues, "allowedValues is null"));
        Set<String> names = columns.stream().map(ColumnSpec::name).collect(Collectors.toSet());
        for (String allowedColumn : allowedValues.keySet()) {
            if (!names.contains(allowedColumn)) {
                throw new IllegalArgumentException("Cannot declare table " + namespace + "." + name + ": allowed values for " + allowedColumn + ", which is not in the schema");
            }
        }
        for (String keyColumn : key) {
            if (!names.contains(keyColumn)) {
                throw new IllegalArgumentException("Cannot declare table " + namespace + "." + name + ": key column " + keyColumn + " is not in the schema");
            }
        }
    }

    public static Builder builder(String namespace, String name, String description)
    {
        return new Builder(namespace, name, description);
    }

    /** {@code namespace.name}, without the catalog; the session's default catalog is the lakehouse. */
    public String identifier()
    {
        return namespace + "." + name;
    }

    public StructType schema()
    {
        return new StructType(columns.stream()
                .map(column -> new StructField(column.name(), column.type(), column.nullable(), org.apache.spark.sql.types.Metadata.empty())
                        .withComment(column.doc()))
                .toArray(StructField[]::new));
    }

    public List<String> columnNames()
    {
        return columns.stream().map(ColumnSpec::name).toList();
    }

    public List<String> requiredColumns()
    {
        return columns.stream().filter(column -> !column.nullable()).map(ColumnSpec::name).toList();
    }

    public String createStatement()
    {
        StringBuilder sql = new StringBuilder("CREATE TABLE IF NOT EXISTS ").append(identifier()).append(" (\n");
        sql.append(columns.stream()
                .map(column -> "  " + column.name() + " " + column.type().sql() + (column.nullable() ? "" : " NOT NULL")
                        + " COMMENT '" + column.doc().replace("'", "\\'") + "'")
                .collect(Collectors.joining(",\n")));
        sql.append("\n) USING iceberg");
        if (!partitioning.isEmpty()) {
            sql.append("\nPARTITIONED BY (").append(String.join(", ", partitioning)).append(")");
        }
        sql.append("\nCOMMENT '").append(description.replace("'", "\\'")).append("'");
        Map<String, String> allProperties = new LinkedHashMap<>();
        allProperties.put("format-version", "2");
        allProperties.put("write.parquet.compression-codec", "zstd");
        allProperties.putAll(properties);
        sql.append("\nTBLPROPERTIES (").append(allProperties.entrySet().stream()
                .map(entry -> "'" + entry.getKey() + "'='" + entry.getValue() + "'")
                .collect(Collectors.joining(", "))).append(")");
        return sql.toString();
    }

    /**
     * Selects the table's columns in order, cast to their declared types. Fails naming every column the
     * input lacks; extra input columns are dropped (a transform's helper columns never reach a table).
     */
    public Dataset<Row> conform(Dataset<Row> input)
    {
        Set<String> available = Set.of(input.columns());
        List<String> missing = columnNames().stream().filter(column -> !available.contains(column)).toList();
        if (!missing.isEmpty()) {
            throw new LakehouseException(io.energylakehouse.common.ErrorCode.INTERNAL,
                    String.format("Cannot write %s: columns %s missing from input with columns %s", identifier(), missing, Arrays.toString(input.columns())));
        }
        List<Column> selected = new ArrayList<>();
        for (ColumnSpec column : columns) {
            selected.add(col(column.name()).cast(column.type()).as(column.name()));
        }
        return input.select(selected.toArray(Column[]::new));
    }

    public record ColumnSpec(String name, DataType type, boolean nullable, String doc)
            implements java.io.Serializable
    {
        public ColumnSpec
        {
            requireNonNull(name, "name is null");
            requireNonNull(type, "type is null");
            requireNonNull(doc, "doc is null");
        }
    }

    public static final class Builder
    {
        private final String namespace;
        private final String name;
        private final String description;
        private final List<ColumnSpec> columns = new ArrayList<>();
        private final List<String> key = new ArrayList<>();
        private final List<String> partitioning = new ArrayList<>();
        private final Map<String, String> properties = new LinkedHashMap<>();
        private final Map<String, List<String>> allowedValues = new LinkedHashMap<>();

        private Builder(String namespace, String name, String description)
        {
            this.namespace = namespace;
            this.name = name;
            this.description = description;
        }

        public Builder required(String column, DataType type, String doc)
        {
            columns.add(new ColumnSpec(column, type, false, doc));
            return this;
        }

        public Builder optional(String column, DataType type, String doc)
        {
            columns.add(new ColumnSpec(column, type, true, doc));
            return this;
        }

        public Builder key(String... columns)
        {
            key.addAll(List.of(columns));
            return this;
        }

        public Builder partitionedBy(String... transforms)
        {
            partitioning.addAll(List.of(transforms));
            return this;
        }

        /** The values a code column may hold; the data checks count any other value. */
        public Builder allowed(String column, String... values)
        {
            allowedValues.put(column, List.of(values));
            return this;
        }

        public Builder property(String property, String value)
        {
            properties.put(property, value);
            return this;
        }

        public TableSpec build()
        {
            return new TableSpec(namespace, name, description, columns, key, partitioning, properties, allowedValues);
        }
    }
}
