package io.energylakehouse.cli;

import io.energylakehouse.common.table.CanonicalTables;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The ECB's reference rates through the commands: parse to curated.fx_rates columns, samples, ingest that curates, publish that publishes nothing. */
class TestEcbCommands
{
    private static final String HISTORY = """
            Date,USD,JPY,NOK,HRK,
            2025-01-03,1.0299,162.88,11.7940,N/A,
            2025-01-02,1.0321,163.11,11.7880,N/A,
            """;

    @TempDir
    Path folder;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    /** Runs a command; what it prints to System.out (the commands' own lines) is collected in {@link #out} too. */
    private int run(String... args)
    {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        java.io.PrintStream original = System.out;
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            return LakehouseCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        }
        finally {
            System.setOut(original);
            out.append(printed.toString(java.nio.charset.StandardCharsets.UTF_8));
        }
    }

    @Test
    void parseWritesFxRateRowsAndRefusesAnotherReportsFile()
            throws IOException
    {
        Path file = Files.writeString(folder.resolve("eurofxref-hist.csv"), HISTORY);
        Path csv = folder.resolve("rates.csv");
        assertThat(run("parse", "--market", "ecb", "--report", "eurofxref", "--file", file.toString(), "--out", csv.toString())).as(err.toString()).isZero();
        assertThat(Files.readAllLines(csv)).containsExactly(
                "rate_date,currency,units_per_eur,source,published_at_utc,dq_flags",
                "2025-01-02,JPY,163.11000000,ECB,2025-01-02T15:00:00Z,",
                "2025-01-02,NOK,11.78800000,ECB,2025-01-02T15:00:00Z,",
                "2025-01-02,USD,1.03210000,ECB,2025-01-02T15:00:00Z,",
                "2025-01-03,JPY,162.88000000,ECB,2025-01-03T15:00:00Z,",
                "2025-01-03,NOK,11.79400000,ECB,2025-01-03T15:00:00Z,",
                "2025-01-03,USD,1.02990000,ECB,2025-01-03T15:00:00Z,");
        assertThat(CanonicalTables.FX_RATES.columnNames()).contains("revision", "fetch_id");

        // No data: exit 0 and a CSV with its header only.
        Path empty = Files.writeString(folder.resolve("eurofxref.csv"), "Date, USD, JPY, \n");
        Path emptyCsv = folder.resolve("empty.csv");
        assertThat(run("parse", "--market", "ecb", "--report", "eurofxref", "--file", empty.toString(), "--out", emptyCsv.toString())).as(err.toString()).isZero();
        assertThat(Files.readAllLines(emptyCsv)).containsExactly("rate_date,currency,units_per_eur,source,published_at_utc,dq_flags");
        assertThat(out.toString()).contains("no data");

        // A file of another report: one line, exit 2.
        Path other = Files.writeString(folder.resolve("da_hrl_lmps.csv"), "datetime_beginning_utc,pnode_id,total_lmp_da\n2024-07-01T04:00:00,51288,30.1\n");
        assertThat(run("parse", "--market", "ecb", "--report", "eurofxref", "--file", other.toString(), "--out", folder.resolve("x.csv").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("Cannot parse ECB eurofxref file da_hrl_lmps.csv: the header starts with 'datetime_beginning_utc', not Date").hasLineCount(1);

        // A publisher of no prices: publish says so, exit 0, no Spark.
        assertThat(run("publish", "--market", "ecb", "--home", folder.resolve("lake").toString())).as(err.toString()).isZero();
        assertThat(out.toString()).isEqualTo("ECB publishes nothing: it has no hub datasets (its reports feed curated.fx_rates, read them there)\n");

        // Samples in the history file's exact format parse back.
        Path samples = folder.resolve("samples");
        assertThat(run("samples", "--market", "ecb", "--dates", "2025-01-02..2025-01-06", "--nodes", "4", "--out", samples.toString())).as(err.toString()).isZero();
        Path sampleCsv = folder.resolve("samples.csv");
        assertThat(run("parse", "--market", "ecb", "--report", "eurofxref", "--file", samples.resolve("eurofxref-hist.csv").toString(), "--out", sampleCsv.toString()))
                .as(err.toString()).isZero();
        assertThat(Files.readAllLines(sampleCsv)).hasSize(1 + 3 * 4);
    }

    @Test
    void ingestLandsAndCuratesAndARerunWritesNothing()
            throws IOException
    {
        Path file = Files.writeString(folder.resolve("eurofxref-hist.csv"), HISTORY);
        String home = folder.resolve("lake").toString();
        assertThat(run("ingest", "--market", "ecb", "--report", "eurofxref", "--files", file.toString(), "--home", home)).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Operating dates: 2025-01-02..2025-01-03 (2 dates)",
                "ECB eurofxref -> curated.fx_rates: 6 rows on 2025-01-02..2025-01-03 (2 dates) (6 written by this run, 0 later revisions); 0 refused to curated.quarantine (0 new)");

        assertThat(run("ingest", "--market", "ecb", "--files", file.toString(), "--home", home)).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Payloads: 0 new, 1 already landed",
                "ECB eurofxref -> curated.fx_rates: 6 rows on 2025-01-02..2025-01-03 (2 dates) (0 written by this run: nothing changed, no snapshot, 0 later revisions)");
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).noneMatch(line -> line.startsWith("Next:"));
    }
}
