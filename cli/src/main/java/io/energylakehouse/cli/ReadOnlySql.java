package io.energylakehouse.cli;

import io.energylakehouse.common.LakehouseException;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.catalyst.plans.logical.Command;
import org.apache.spark.sql.catalyst.plans.logical.ExecutableDuringAnalysis;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.ParsedStatement;
import org.apache.spark.sql.catalyst.plans.logical.V2WriteCommand;

import java.util.ArrayDeque;
import java.util.Deque;

import static scala.jdk.javaapi.CollectionConverters.asJava;

/**
 * Decides from Spark's parse of a statement (with the Iceberg and Delta parser extensions the session carries),
 * never from its words, whether {@code bin/lakehouse sql} may run it: queries ({@code SELECT}, {@code WITH},
 * {@code VALUES}, {@code TABLE}) and the statements that only show ({@code SHOW ...}, {@code DESCRIBE ...},
 * {@code EXPLAIN ...}). Everything else (a write, a drop, an Iceberg procedure {@code CALL}, {@code CACHE},
 * {@code SET}, {@code USE}) is refused: tables change through the lakehouse's own commands, which keep the raw
 * layer, the fetch log and the curated layer consistent.
 */
final class ReadOnlySql
{
    private ReadOnlySql() {}

    /** Parses {@code query}, or fails with the parser's message on one line (exit 2). */
    static LogicalPlan parse(SparkSession spark, String query)
    {
        try {
            return spark.sessionState().sqlParser().parsePlan(query);
        }
        catch (ParseException e) {
            throw LakehouseException.userError("Cannot run the query: %s", oneLine(e.getMessage()));
        }
    }

    /** Fails (exit 2) unless {@code plan} only reads, naming the statement it is. */
    static void requireReadOnly(LogicalPlan plan)
    {
        String statement = plan.getClass().getSimpleName();
        if (statement.startsWith("Show") || statement.startsWith("Describe") || statement.equals("ExplainCommand")) {
            return;
        }
        Deque<LogicalPlan> nodes = new ArrayDeque<>();
        nodes.push(plan);
        while (!nodes.isEmpty()) {
            LogicalPlan node = nodes.pop();
            // Commands and statements write or change state; CALL (a procedure such as Iceberg's rollback_to_snapshot)
            // and EXECUTE IMMEDIATE run while the plan is analysed, before any query would.
            if (node instanceof Command || node instanceof ParsedStatement || node instanceof V2WriteCommand
                    || node instanceof ExecutableDuringAnalysis || node.getClass().getSimpleName().contains("ExecuteImmediate")) {
                throw LakehouseException.userError("Cannot run %s: 'lakehouse sql' only reads (SELECT, WITH, SHOW, DESCRIBE, EXPLAIN); "
                        + "tables change through the lakehouse's own commands (ingest, curate, publish, maintain)", describe(node));
            }
            asJava(node.children()).forEach(nodes::push);
            for (Object inner : asJava(node.innerChildren())) {
                if (inner instanceof LogicalPlan innerPlan) {
                    nodes.push(innerPlan);
                }
            }
        }
    }

    /** {@code DeleteFromTable} -> {@code DELETE FROM TABLE}: the statement in the words a user typed, near enough. */
    private static String describe(LogicalPlan node)
    {
        String name = node.getClass().getSimpleName().replaceAll("(Command|Statement|Exec)$", "").replaceAll("^Unresolved", "");
        return name.replaceAll("([a-z0-9])([A-Z])", "$1 $2").toUpperCase(java.util.Locale.ROOT);
    }

    /**
     * For an analysis error about a table, view or namespace that does not exist (Spark's error condition, not its
     * words): the namespace the statement named, empty inside when it named none; empty for any other error.
     */
    static java.util.Optional<java.util.Optional<String>> unknownNamespace(org.apache.spark.sql.AnalysisException exception)
    {
        String condition = exception.getCondition();
        java.util.Map<String, String> parameters = exception.getMessageParameters();
        if (condition == null || parameters == null) {
            return java.util.Optional.empty();
        }
        String name;
        if (condition.startsWith("TABLE_OR_VIEW_NOT_FOUND")) {
            name = parameters.get("relationName");
        }
        else if (condition.startsWith("SCHEMA_NOT_FOUND")) {
            name = parameters.get("schemaName");
            if (name != null) {
                name = name + ".x";
            }
        }
        else {
            return java.util.Optional.empty();
        }
        if (name == null) {
            return java.util.Optional.of(java.util.Optional.empty());
        }
        // `catalog`.`namespace`.`table` or `namespace`.`table` or `table`: the part before the table name
        java.util.List<String> parts = java.util.Arrays.stream(name.split("\\.")).map(part -> part.replace("`", "").strip()).toList();
        return java.util.Optional.of(parts.size() < 2 ? java.util.Optional.empty() : java.util.Optional.of(parts.get(parts.size() - 2)));
    }

    /** Spark's messages carry the statement and a caret line under it: the first line says what is wrong. */
    static String oneLine(String message)
    {
        if (message == null || message.isBlank()) {
            return "no reason given";
        }
        String first = message.strip().lines().findFirst().orElse(message).strip();
        return first.replaceAll("\\s*SQLSTATE: [0-9A-Z]+", "");
    }
}
