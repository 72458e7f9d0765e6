package io.energylakehouse.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.energylakehouse.common.config.LakehouseConfig;
import io.energylakehouse.common.config.Profile;
import io.energylakehouse.common.table.Lakehouse;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

@Command(name = "sql",
        mixinStandardHelpOptions = true,
        description = {"Runs a SQL query on the lakehouse and prints the result.",
                "On the stack and cluster profiles the engine is Trino (catalog 'lakehouse', over HTTPS with a user and password;",
                "rows are filtered by the user's market entitlements). On the local profile it is Spark SQL with the Iceberg",
                "catalog as default (raw.*, curated.*, published.*).",
                "It only reads: SELECT, WITH, SHOW, DESCRIBE and EXPLAIN run; a statement that writes or drops is refused (exit 2),",
                "decided from the parsed statement: on the local profile from Spark's parse of it, on Trino by Trino's access rules",
                "(every user only reads). Tables change through ingest, curate, publish and maintain (maintain rollback undoes a change)."},
        footer = {"", "Examples:",
                "  bin/lakehouse sql \"SHOW TABLES IN curated\"",
                "  bin/lakehouse sql \"SELECT operating_date, count(DISTINCT hour_ending) FROM curated.market_prices GROUP BY 1\"",
                "  bin/lakehouse --profile stack sql --format csv \"SELECT * FROM published.hub_prices_daily\"",
                "  LAKEHOUSE_PASSWORD=... bin/lakehouse --profile stack sql --user alice \\",
                "      \"SELECT DISTINCT market FROM curated.market_prices\""})
final class SqlCommand
        implements java.util.concurrent.Callable<Integer>, SparkJob
{
    enum Format
    {
        table, csv, json
    }

    enum Engine
    {
        spark, trino
    }

    @Mixin
    GlobalOptions global;

    @Parameters(index = "0", paramLabel = "QUERY", description = "The SQL statement")
    String query;

    @Option(names = "--format", paramLabel = "FORMAT", description = "table (default), csv or json (one object per line)", defaultValue = "table")
    Format format;

    @Option(names = "--limit", paramLabel = "N", description = "At most this many rows are printed (default ${DEFAULT-VALUE})", defaultValue = "1000")
    int limit;

    @Option(names = "--engine", paramLabel = "ENGINE", description = "trino (default on stack and cluster) or spark (default on local)")
    Engine engine;

    @Option(names = "--user", paramLabel = "USER", description = "Trino user (default $LAKEHOUSE_USER, else lakehouse); password from $LAKEHOUSE_PASSWORD, else the stack's generated passwords file")
    String user;

    @Override
    public GlobalOptions global()
    {
        return global;
    }

    @Override
    public boolean needsSpark()
    {
        return resolvedEngine(global.lakehouseConfig()) == Engine.spark;
    }

    private Engine resolvedEngine(LakehouseConfig config)
    {
        return engine != null ? engine : config.profile() == Profile.LOCAL ? Engine.spark : Engine.trino;
    }

    @Override
    public Integer call()
    {
        LakehouseConfig config = global.lakehouseConfig();
        if (resolvedEngine(config) == Engine.trino) {
            TrinoClient trino = TrinoClient.forUser(config, user);
            long started = System.nanoTime();
            try (Connection connection = trino.connect(); Statement statement = connection.createStatement()) {
                statement.setMaxRows(limit);
                try (ResultSet resultSet = statement.executeQuery(query)) {
                    Table table = Table.from(resultSet);
                    print(System.out, table, format);
                }
            }
            catch (SQLException e) {
                throw trino.explain(e, query);
            }
            if (format == Format.table) {
                System.err.printf("(Trino, user %s, %.2f s)%n", trino.user(), (System.nanoTime() - started) / 1e9);
            }
            return 0;
        }
        try (Lakehouse lakehouse = global.openLakehouse("lakehouse-sql")) {
            ReadOnlySql.requireReadOnly(ReadOnlySql.parse(lakehouse.spark(), query));
            Dataset<Row> result;
            try {
                result = lakehouse.spark().sql(query);
            }
            catch (Exception e) {
                // An unknown table or column, a type mismatch: Spark's first line names it. (Scala throws
                // AnalysisException, a checked exception, without declaring it.)
                if (e instanceof org.apache.spark.sql.AnalysisException analysis) {
                    throw io.energylakehouse.common.LakehouseException.userError("Cannot run the query: %s%s", ReadOnlySql.oneLine(e.getMessage()),
                            ReadOnlySql.unknownNamespace(analysis).map(namespace -> "; " + lakehouse.whatExists(namespace.orElse(null))).orElse(""));
                }
                // SHOW TABLES IN an unknown namespace: Iceberg's catalog answers, not Spark's analyser.
                if (e instanceof org.apache.iceberg.exceptions.NoSuchNamespaceException || e instanceof org.apache.iceberg.exceptions.NoSuchTableException) {
                    throw io.energylakehouse.common.LakehouseException.userError("Cannot run the query: %s; %s", ReadOnlySql.oneLine(e.getMessage()), lakehouse.whatExists(null));
                }
                throw e;
            }
            print(System.out, Table.from(result, limit), format);
        }
        return 0;
    }

    /** A result as column names and typed values, whichever engine produced it. */
    record Table(List<String> columns, List<Object[]> rows)
    {
        static Table from(Dataset<Row> result, int limit)
        {
            List<Object[]> rows = new ArrayList<>();
            for (Row row : result.limit(limit).collectAsList()) {
                Object[] values = new Object[row.length()];
                for (int i = 0; i < values.length; i++) {
                    Object value = row.get(i);
                    values[i] = value instanceof scala.collection.Seq<?> sequence ? scala.jdk.javaapi.CollectionConverters.asJava(sequence) : value;
                }
                rows.add(values);
            }
            return new Table(List.of(result.columns()), rows);
        }

        static Table from(ResultSet resultSet)
                throws SQLException
        {
            ResultSetMetaData metadata = resultSet.getMetaData();
            List<String> columns = new ArrayList<>();
            for (int i = 1; i <= metadata.getColumnCount(); i++) {
                columns.add(metadata.getColumnLabel(i));
            }
            List<Object[]> rows = new ArrayList<>();
            while (resultSet.next()) {
                Object[] values = new Object[columns.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = resultSet.getObject(i + 1);
                }
                rows.add(values);
            }
            return new Table(columns, rows);
        }
    }

    static void print(PrintStream out, Table table, Format format)
    {
        List<String> columns = table.columns();
        if (format == Format.json) {
            ObjectMapper mapper = new ObjectMapper();
            for (Object[] values : table.rows()) {
                ObjectNode node = mapper.createObjectNode();
                for (int i = 0; i < columns.size(); i++) {
                    Object value = values[i];
                    if (value == null) {
                        node.putNull(columns.get(i));
                    }
                    else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
                        node.put(columns.get(i), ((Number) value).longValue());
                    }
                    else if (value instanceof BigDecimal decimal) {
                        node.put(columns.get(i), decimal);
                    }
                    else if (value instanceof Number number) {
                        node.put(columns.get(i), number.doubleValue());
                    }
                    else if (value instanceof Boolean bool) {
                        node.put(columns.get(i), bool);
                    }
                    else {
                        node.put(columns.get(i), value.toString());
                    }
                }
                out.println(node);
            }
            return;
        }
        List<String[]> rows = new ArrayList<>();
        for (Object[] values : table.rows()) {
            String[] fields = new String[columns.size()];
            for (int i = 0; i < fields.length; i++) {
                fields[i] = values[i] == null ? (format == Format.csv ? "" : "NULL") : values[i].toString();
            }
            rows.add(fields);
        }
        if (format == Format.csv) {
            out.println(String.join(",", columns.stream().map(SqlCommand::quote).toList()));
            rows.forEach(fields -> out.println(String.join(",", java.util.Arrays.stream(fields).map(SqlCommand::quote).toList())));
            return;
        }
        int[] widths = new int[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            widths[i] = columns.get(i).length();
            for (String[] fields : rows) {
                widths[i] = Math.max(widths[i], fields[i].length());
            }
        }
        out.println(line(columns.toArray(String[]::new), widths));
        StringBuilder rule = new StringBuilder();
        for (int width : widths) {
            rule.append(rule.length() == 0 ? "" : "-+-").append("-".repeat(width));
        }
        out.println(rule);
        rows.forEach(fields -> out.println(line(fields, widths)));
        out.printf("(%d row%s)%n", rows.size(), rows.size() == 1 ? "" : "s");
    }

    private static String line(String[] fields, int[] widths)
    {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            line.append(i == 0 ? "" : " | ").append(String.format("%-" + widths[i] + "s", fields[i]));
        }
        return line.toString().stripTrailing();
    }

    private static String quote(String field)
    {
        return field.contains(",") || field.contains("\"") || field.contains("\n") ? "\"" + field.replace("\"", "\"\"") + "\"" : field;
    }
}
