package io.energylakehouse.cli;

import io.energylakehouse.common.table.Lakehouse;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

@Command(name = "sql",
        mixinStandardHelpOptions = true,
        description = {"Runs a SQL query on the lakehouse and prints the result. On the local profile the engine is Spark SQL",
                "with the Iceberg catalog as default (raw.*, curated.*, published.*)."},
        footer = {"", "Examples:",
                "  bin/lakehouse sql \"SHOW TABLES IN curated\"",
                "  bin/lakehouse sql \"SELECT operating_date, count(DISTINCT hour_ending) FROM curated.market_prices WHERE dataset = 'da_hourly' GROUP BY 1 ORDER BY 1\"",
                "  bin/lakehouse sql --format csv \"SELECT * FROM published.hub_prices_daily\""})
final class SqlCommand
        implements java.util.concurrent.Callable<Integer>
{
    enum Format
    {
        table, csv, json
    }

    @Mixin
    GlobalOptions global;

    @Parameters(index = "0", paramLabel = "QUERY", description = "The SQL statement")
    String query;

    @Option(names = "--format", paramLabel = "FORMAT", description = "table (default), csv or json (one object per line)", defaultValue = "table")
    Format format;

    @Option(names = "--limit", paramLabel = "N", description = "At most this many rows are printed (default ${DEFAULT-VALUE})", defaultValue = "1000")
    int limit;

    @Override
    public Integer call()
    {
        try (Lakehouse lakehouse = global.openLakehouse("lakehouse-sql")) {
            Dataset<Row> result = lakehouse.spark().sql(query);
            print(System.out, result, format, limit);
        }
        return 0;
    }

    static void print(PrintStream out, Dataset<Row> result, Format format, int limit)
    {
        String[] columns = result.columns();
        if (format == Format.json) {
            result.limit(limit).toJSON().collectAsList().forEach(out::println);
            return;
        }
        List<String[]> rows = new ArrayList<>();
        for (Row row : result.limit(limit).collectAsList()) {
            String[] fields = new String[columns.length];
            for (int i = 0; i < columns.length; i++) {
                Object value = row.get(i);
                fields[i] = value == null ? (format == Format.csv ? "" : "NULL") : value instanceof scala.collection.Seq<?> sequence
                        ? scala.jdk.javaapi.CollectionConverters.asJava(sequence).toString() : value.toString();
            }
            rows.add(fields);
        }
        if (format == Format.csv) {
            out.println(String.join(",", columns));
            rows.forEach(fields -> out.println(String.join(",", java.util.Arrays.stream(fields).map(SqlCommand::quote).toList())));
            return;
        }
        int[] widths = new int[columns.length];
        for (int i = 0; i < columns.length; i++) {
            widths[i] = columns[i].length();
            for (String[] fields : rows) {
                widths[i] = Math.max(widths[i], fields[i].length());
            }
        }
        out.println(line(columns, widths));
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
        return field.contains(",") || field.contains("\"") ? "\"" + field.replace("\"", "\"\"") + "\"" : field;
    }
}
