package io.energylakehouse.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code maintain snapshots} and {@code maintain rollback} as a user calls them, on a local lake: two landings, the
 * second undone. Each command opens and stops its own Spark session.
 */
class TestMaintainCommand
{
    @TempDir
    Path folder;

    @Test
    void argumentsAreCheckedBeforeSparkStarts()
    {
        Run help = run("maintain", "rollback", "--help");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--table", "--to-snapshot", "--reason", "raw.maintenance_log", "Examples:");
        assertThat(run("maintain", "--help").out()).contains("snapshots", "rollback");

        Run missing = run("maintain", "rollback", "--table", "curated.market_prices");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).startsWith("error: Missing required option: '--to-snapshot=SNAPSHOT_ID'");

        Run notANumber = run("maintain", "rollback", "--table", "curated.market_prices", "--to-snapshot", "latest");
        assertThat(notANumber.exitCode()).isEqualTo(2);
        assertThat(notANumber.err()).startsWith("error: --to-snapshot must be a whole number like 24, got 'latest'");
    }

    @Test
    void listsSnapshotsAndRollsBackALanding()
            throws IOException
    {
        Path home = folder.resolve("lake");
        Path samples = folder.resolve("samples");
        assertThat(run("samples", "--market", "caiso", "--dates", "2024-08-01..2024-08-02", "--nodes", "8", "--out", samples.toString()).exitCode()).isZero();
        List<Path> dayAhead;
        try (Stream<Path> files = Files.list(samples)) {
            dayAhead = files.filter(file -> file.getFileName().toString().contains("PRC_LMP_DAM")).sorted().toList();
        }
        assertThat(dayAhead).hasSize(2);
        for (Path file : dayAhead) {
            Run ingest = run("ingest", "--home", home.toString(), "--market", "caiso", "--files", file.toString());
            assertThat(ingest.exitCode()).as(ingest.err()).isZero();
        }

        Run listed = run("maintain", "snapshots", "--home", home.toString(), "--table", "raw.fetch_log");
        assertThat(listed.exitCode()).as(listed.err()).isZero();
        List<String> lines = listed.out().lines().toList();
        assertThat(lines.get(0)).startsWith("snapshot_id").contains("committed_at_utc", "operation", "added", "deleted", "records", "parent_id", "state", "refs");
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).contains(" append ", " ancestor ").doesNotContain("main");
        assertThat(lines.get(2)).contains(" append ", " current ").endsWith("main");
        String first = lines.get(1).split("\\s+")[0];
        String second = lines.get(2).split("\\s+")[0];

        Run rollback = run("maintain", "rollback", "--home", home.toString(), "--table", "raw.fetch_log", "--to-snapshot", first, "--reason", "second landing was wrong");
        assertThat(rollback.exitCode()).as(rollback.err()).isZero();
        assertThat(rollback.out()).isEqualTo("raw.fetch_log: rolled back to snapshot " + first + " (was " + second + "), records 2 -> 1; 1 snapshot undone: " + second
                + "\nrecorded in raw.maintenance_log\n");

        Run again = run("maintain", "snapshots", "--home", home.toString(), "--table", "raw.fetch_log");
        assertThat(again.out().lines().toList().get(1)).contains(" current ").endsWith("main");
        assertThat(again.out().lines().toList().get(2)).contains(" off-main ");

        Run undo = run("maintain", "rollback", "--home", home.toString(), "--table", "raw.fetch_log", "--to-snapshot", second);
        assertThat(undo.exitCode()).isEqualTo(2);
        assertThat(undo.err()).startsWith("error: Cannot roll back raw.fetch_log to snapshot " + second + ": it is not an ancestor of the current snapshot " + first)
                .hasLineCount(1);

        Run unknown = run("maintain", "rollback", "--home", home.toString(), "--table", "raw.fetch_logs", "--to-snapshot", first);
        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).startsWith("error: Cannot load table raw.fetch_logs: no such table; the tables in raw are ")
                .contains("fetch_log", "maintenance_log", "(namespaces of catalog lakehouse: ").hasLineCount(1);

        Run log = run("sql", "--home", home.toString(), "--format", "csv",
                "SELECT action, table_name, from_snapshot_id, to_snapshot_id, records_before, records_after, reason FROM raw.maintenance_log");
        assertThat(log.exitCode()).as(log.err()).isZero();
        assertThat(log.out()).isEqualTo("action,table_name,from_snapshot_id,to_snapshot_id,records_before,records_after,reason\n"
                + "rollback,raw.fetch_log," + second + "," + first + ",2,1,second landing was wrong\n");
    }

    private record Run(int exitCode, String out, String err) {}

    private static Run run(String... args)
    {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        PrintStream systemOut = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            int exitCode = LakehouseCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
            return new Run(exitCode, printed.toString(StandardCharsets.UTF_8) + out, err.toString());
        }
        finally {
            System.setOut(systemOut);
        }
    }
}
