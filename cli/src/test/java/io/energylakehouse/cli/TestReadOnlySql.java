package io.energylakehouse.cli;

import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.config.LakehouseConfig;
import io.energylakehouse.common.spark.LakehouseSpark;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code lakehouse sql} reads and never writes: decided from Spark's parse of the statement, with the Iceberg and Delta
 * extensions. One session, on the lake the command test uses last (the command stops the session when it is done).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TestReadOnlySql
{
    @TempDir
    static Path folder;

    private static SparkSession spark;

    @BeforeAll
    static void session()
    {
        spark = LakehouseSpark.session(LakehouseConfig.local(folder.resolve("lake")), "test-read-only-sql");
    }

    @AfterAll
    static void stop()
    {
        spark.stop();
    }

    private static void check(String statement)
    {
        ReadOnlySql.requireReadOnly(ReadOnlySql.parse(spark, statement));
    }

    @Test
    @Order(1)
    void queriesAndStatementsThatShowRun()
    {
        for (String statement : List.of(
                "SELECT 1",
                "select operating_date, count(*) from curated.market_prices where dataset = 'da_hourly' group by 1 order by 1",
                "WITH d AS (SELECT count(*) AS n FROM raw.fetch_log) SELECT n FROM d",
                "SELECT * FROM curated.market_prices.snapshots",
                "SELECT name FROM curated.market_prices.refs WHERE type = 'TAG'",
                "SELECT a FROM (SELECT 1 AS a) x WHERE a IN (SELECT 1) UNION ALL SELECT 2",
                "VALUES (1, 2)",
                "TABLE curated.data_quality",
                "SHOW TABLES IN curated",
                "SHOW NAMESPACES",
                "DESCRIBE curated.market_prices",
                "DESCRIBE TABLE EXTENDED curated.market_prices",
                "EXPLAIN SELECT 1",
                "EXPLAIN DELETE FROM curated.market_prices")) {
            check(statement);
        }
    }

    @Test
    @Order(2)
    void writesDropsProceduresAndSettingsAreRefusedWithOneLine()
    {
        List<List<String>> refused = List.of(
                List.of("DELETE FROM curated.market_prices WHERE operating_date = DATE '2024-08-01'", "DELETE FROM TABLE"),
                List.of("DROP TABLE raw.fetch_log", "DROP TABLE"),
                List.of("DROP TABLE curated.quarantine PURGE", "DROP TABLE"),
                List.of("TRUNCATE TABLE raw.fetch_log", "TRUNCATE TABLE"),
                List.of("INSERT INTO curated.quarantine SELECT * FROM curated.quarantine", "INSERT INTO"),
                List.of("INSERT OVERWRITE curated.quarantine SELECT * FROM curated.quarantine", "INSERT INTO"),
                List.of("UPDATE curated.market_prices SET price_per_mwh = 0", "UPDATE TABLE"),
                List.of("MERGE INTO curated.quarantine t USING curated.quarantine s ON t.quarantine_id = s.quarantine_id WHEN MATCHED THEN DELETE", "MERGE INTO TABLE"),
                List.of("CREATE TABLE curated.copy AS SELECT * FROM curated.market_prices", "CREATE TABLE AS SELECT"),
                List.of("ALTER TABLE curated.market_prices DROP COLUMN currency", "DROP COLUMNS"),
                List.of("CALL lakehouse.system.rollback_to_snapshot('raw.fetch_log', 1)", "CALL"),
                List.of("CALL lakehouse.system.expire_snapshots(table => 'raw.fetch_log')", "CALL"),
                List.of("EXECUTE IMMEDIATE 'DROP TABLE raw.fetch_log'", "EXECUTE IMMEDIATE"),
                List.of("CACHE TABLE curated.market_prices", "CACHE TABLE"),
                List.of("SET spark.sql.shuffle.partitions = 1", "SET"),
                List.of("USE published", "SET CATALOG AND NAMESPACE"),
                List.of("CREATE OR REPLACE TEMPORARY VIEW v AS SELECT 1", "CREATE VIEW"));
        for (List<String> statement : refused) {
            assertThatThrownBy(() -> check(statement.get(0)))
                    .as(statement.get(0))
                    .isInstanceOf(LakehouseException.class)
                    .hasMessageStartingWith("Cannot run ")
                    .hasMessageStartingWith("Cannot run " + statement.get(1) + ": ")
                    .hasMessageContaining("'lakehouse sql' only reads")
                    .satisfies(error -> assertThat(error.getMessage()).doesNotContain("\n"));
        }
        assertThatThrownBy(() -> check("DELETE FROM curated.market_prices")).hasMessageStartingWith("Cannot run DELETE FROM TABLE: ");
    }

    @Test
    @Order(3)
    void theCommandRefusesADropLeavesTheTableAndTellsBadSqlInOneLine()
    {
        Path home = folder.resolve("lake");
        Path samples = folder.resolve("samples");
        assertThat(run("samples", "--market", "caiso", "--dates", "2024-08-01", "--nodes", "8", "--out", samples.toString()).exitCode()).isZero();
        Path dayAhead;
        try (var files = java.nio.file.Files.list(samples)) {
            dayAhead = files.filter(file -> file.getFileName().toString().contains("PRC_LMP_DAM")).findFirst().orElseThrow();
        }
        catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Run ingest = run("ingest", "--home", home.toString(), "--market", "caiso", "--files", dayAhead.toString());
        assertThat(ingest.exitCode()).as(ingest.err()).isZero();

        Run delete = run("sql", "--home", home.toString(), "DROP TABLE raw.fetch_log");
        assertThat(delete.exitCode()).isEqualTo(2);
        assertThat(delete.err()).startsWith("error: Cannot run DROP TABLE: ").hasLineCount(1);

        Run syntax = run("sql", "--home", home.toString(), "SELEC 1");
        assertThat(syntax.exitCode()).isEqualTo(2);
        assertThat(syntax.err()).startsWith("error: Cannot run the query: [PARSE_SYNTAX_ERROR] Syntax error at or near 'SELEC'").hasLineCount(1);

        Run unknown = run("sql", "--home", home.toString(), "SELECT * FROM curated.nope");
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("error: Cannot run the query: [TABLE_OR_VIEW_NOT_FOUND]").contains("`curated`.`nope`").hasLineCount(1);
        // ... and what the catalog holds: the tables of the namespace named, and the namespaces.
        assertThat(unknown.err()).contains("; the tables in curated are ", "quarantine", " (namespaces of catalog lakehouse: ").contains("raw");

        Run unknownNamespace = run("sql", "--home", home.toString(), "SELECT * FROM curate.market_prices");
        assertThat(unknownNamespace.exitCode()).isEqualTo(2);
        assertThat(unknownNamespace.err()).startsWith("error: Cannot run the query: [TABLE_OR_VIEW_NOT_FOUND]")
                .contains("; catalog lakehouse has no namespace curate; its namespaces are ", "curated", "raw").hasLineCount(1);

        Run noNamespace = run("sql", "--home", home.toString(), "SELECT * FROM fetch_log");
        assertThat(noNamespace.exitCode()).isEqualTo(2);
        assertThat(noNamespace.err()).contains("; the namespaces of catalog lakehouse are ", "raw").hasLineCount(1);

        Run showUnknown = run("sql", "--home", home.toString(), "SHOW TABLES IN curate");
        assertThat(showUnknown.exitCode()).as(showUnknown.err()).isEqualTo(2);
        assertThat(showUnknown.err()).startsWith("error: Cannot run the query: ").contains("curate", "namespaces of catalog lakehouse are ", "raw").hasLineCount(1);

        Run unknownColumn = run("sql", "--home", home.toString(), "SELECT nope FROM raw.fetch_log");
        assertThat(unknownColumn.exitCode()).isEqualTo(2);
        assertThat(unknownColumn.err()).startsWith("error: Cannot run the query: [UNRESOLVED_COLUMN").contains("`nope`", "Did you mean one of the following?").hasLineCount(1);

        Run still = run("sql", "--home", home.toString(), "--format", "csv", "SELECT count(*) AS n FROM raw.fetch_log");
        assertThat(still.exitCode()).as(still.err()).isZero();
        assertThat(still.out()).isEqualTo("n\n1\n");
    }

    private record Run(int exitCode, String out, String err) {}

    private static Run run(String... args)
    {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        java.io.PrintStream systemOut = System.out;
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            int exitCode = LakehouseCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
            return new Run(exitCode, printed.toString(java.nio.charset.StandardCharsets.UTF_8) + out, err.toString());
        }
        finally {
            System.setOut(systemOut);
        }
    }
}
