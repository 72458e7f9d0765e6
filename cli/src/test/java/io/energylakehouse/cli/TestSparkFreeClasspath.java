package io.energylakehouse.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The commands {@code bin/lakehouse} starts on the small classpath (the project's jars and the libraries listed in
 * {@code conf/spark-free-classpath}) run there, good input and bad, in a JVM with exactly that classpath: a class
 * of a library left off the list fails here, not on a user's machine.
 */
class TestSparkFreeClasspath
{
    private static final Path PROJECT = Path.of(System.getProperty("lakehouse.project-dir", "..")).toAbsolutePath().normalize();
    private static final Pattern VERSIONED_JAR = Pattern.compile("(.+?)-\\d[^/]*\\.jar");

    @TempDir
    static Path folder;

    private static String classpath;

    @BeforeAll
    static void smallClasspath()
            throws IOException
    {
        Set<String> listed = Files.readAllLines(PROJECT.resolve("conf/spark-free-classpath")).stream()
                .map(String::trim)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .collect(Collectors.toSet());
        List<String> kept = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String artifact = artifact(Path.of(entry));
            if (artifact.equals("lakehouse-cli") || listed.contains(artifact)) {
                kept.add(entry);
            }
        }
        // The project's own modules (as classes folders or jars) plus each listed library.
        assertThat(kept.stream().map(entry -> artifact(Path.of(entry))).collect(Collectors.toSet()))
                .as("every artifact of conf/spark-free-classpath is a dependency of the CLI")
                .containsAll(listed)
                .contains("lakehouse-cli");
        classpath = String.join(File.pathSeparator, kept);
    }

    /** {@code etl/target/classes} -> lakehouse-etl, {@code picocli-4.7.7.jar} -> picocli. */
    private static String artifact(Path entry)
    {
        if (entry.endsWith(Path.of("target", "classes")) || entry.endsWith(Path.of("target", "test-classes"))) {
            String module = entry.getParent().getParent().getFileName().toString();
            return entry.endsWith(Path.of("target", "classes")) ? "lakehouse-" + module : "test:" + module;
        }
        Matcher matcher = VERSIONED_JAR.matcher(entry.getFileName().toString());
        return matcher.matches() ? matcher.group(1) : entry.getFileName().toString();
    }

    private record Run(int exitCode, String out, String err) {}

    private static Run run(String... args)
            throws IOException, InterruptedException
    {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
                "-Dlakehouse.spark-free=true", "-Dlakehouse.project-dir=" + PROJECT, "-cp", classpath, LakehouseCli.class.getName()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(folder, "out", ".txt");
        Path err = Files.createTempFile(folder, "err", ".txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("lakehouse %s finished within 2 minutes", String.join(" ", args)).isTrue();
        return new Run(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void sparkIsNotOnTheSmallClasspath()
    {
        assertThat(classpath).doesNotContain("spark-core", "spark-sql_", "iceberg-", "hadoop-");
    }

    @Test
    void samplesAndParseRunWithoutSpark()
            throws IOException, InterruptedException
    {
        Path samples = folder.resolve("samples");
        Run generated = run("samples", "--market", "caiso", "--dates", "2024-11-03", "--nodes", "8", "--out", samples.toString());
        assertThat(generated.exitCode()).as(generated.err()).isZero();

        Path dayAhead;
        Path realTime;
        try (var files = Files.list(samples)) {
            List<Path> zips = files.filter(path -> path.toString().endsWith(".zip")).sorted().toList();
            dayAhead = zips.stream().filter(path -> path.getFileName().toString().contains("PRC_LMP_DAM")).findFirst().orElseThrow();
            realTime = zips.stream().filter(path -> path.getFileName().toString().contains("PRC_INTVL_LMP")).findFirst().orElseThrow();
        }
        Run parsedDayAhead = run("parse", "--market", "caiso", "--report", "prc_lmp", "--file", dayAhead.toString(), "--out", folder.resolve("da.csv").toString());
        assertThat(parsedDayAhead.exitCode()).as(parsedDayAhead.err()).isZero();
        assertThat(Files.readAllLines(folder.resolve("da.csv"))).hasSize(1 + 25 * 8); // the fall-back day has 25 hours
        Run parsedRealTime = run("parse", "--market", "caiso", "--report", "prc_intvl_lmp", "--file", realTime.toString(), "--out", folder.resolve("rt.csv").toString());
        assertThat(parsedRealTime.exitCode()).as(parsedRealTime.err()).isZero();
        assertThat(Files.readAllLines(folder.resolve("rt.csv"))).hasSize(1 + 12 * 8);

        // The error paths load classes of their own.
        Path truncated = Files.write(folder.resolve("truncated.zip"), java.util.Arrays.copyOf(Files.readAllBytes(dayAhead), 200));
        Run bad = run("parse", "--market", "caiso", "--report", "prc_lmp", "--file", truncated.toString(), "--out", folder.resolve("x.csv").toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).startsWith("error: Cannot parse CAISO OASIS file truncated.zip: not a readable zip");
        Run wrongReport = run("parse", "--market", "caiso", "--report", "prc_intvl_lmp", "--file", dayAhead.toString(), "--out", folder.resolve("y.csv").toString());
        assertThat(wrongReport.exitCode()).isEqualTo(2);
        assertThat(wrongReport.err()).contains("it holds report PRC_LMP");
        Path withBadLine = folder.resolve("with-bad-line.csv");
        try (var zip = new java.util.zip.ZipInputStream(Files.newInputStream(dayAhead))) {
            zip.getNextEntry();
            Files.write(withBadLine, zip.readAllBytes());
        }
        Files.writeString(withBadLine, "not,a,line,of,this,file\n", java.nio.file.StandardOpenOption.APPEND);
        Run rejectedLine = run("parse", "--market", "caiso", "--report", "prc_lmp", "--file", withBadLine.toString(), "--out", folder.resolve("w.csv").toString());
        assertThat(rejectedLine.exitCode()).as(rejectedLine.err()).isZero();
        assertThat(rejectedLine.err()).contains("rejected line", "expected");
        Run unknownMarket = run("parse", "--market", "nowhere", "--report", "prc_lmp", "--file", dayAhead.toString(), "--out", folder.resolve("z.csv").toString());
        assertThat(unknownMarket.exitCode()).isEqualTo(2);
        // A report feeding another canonical table (ECB rates to curated.fx_rates) parses on the small classpath too.
        Path rates = Files.writeString(folder.resolve("eurofxref-hist.csv"), "Date,USD,JPY,HRK,\n2025-01-03,1.0299,162.88,N/A,\n");
        Run parsedRates = run("parse", "--market", "ecb", "--report", "eurofxref", "--file", rates.toString(), "--out", folder.resolve("rates.csv").toString());
        assertThat(parsedRates.exitCode()).as(parsedRates.err()).isZero();
        assertThat(Files.readAllLines(folder.resolve("rates.csv"))).hasSize(3);
        // EEX's auction reports are workbooks, read with Apache POI, which is on the small classpath for it.
        List<Path> auctions = new io.energylakehouse.etl.source.eex.SyntheticEex(7).write(folder.resolve("eex"), List.of(LocalDate.of(2024, 3, 26), LocalDate.of(2024, 3, 27)));
        Path workbook = auctions.stream().filter(file -> file.toString().endsWith(".xlsx")).findFirst().orElseThrow();
        Run parsedAuctions = run("parse", "--market", "eex", "--report", "eua_primary_auction", "--file", workbook.toString(), "--out",
                folder.resolve("auctions.csv").toString());
        assertThat(parsedAuctions.exitCode()).as(parsedAuctions.err()).isZero();
        assertThat(Files.readAllLines(folder.resolve("auctions.csv"))).hasSizeGreaterThan(1);
    }

    @Test
    void configAndHelpRunWithoutSpark()
            throws IOException, InterruptedException
    {
        Run config = run("config", "--home", folder.resolve("lake").toString());
        assertThat(config.exitCode()).as(config.err()).isZero();
        assertThat(config.out()).contains("LakehouseConfig[profile=LOCAL");
        Run help = run("parse", "--help");
        assertThat(help.exitCode()).as(help.err()).isZero();
        assertThat(help.out()).contains("--report", "--file");
        for (String command : List.of("samples", "config", "help")) {
            Run commandHelp = run(command, "--help");
            assertThat(commandHelp.exitCode()).as(commandHelp.err()).isZero();
            assertThat(commandHelp.out()).contains("Usage: lakehouse " + command);
        }
        Run markets = run("markets", "--format", "json");
        assertThat(markets.exitCode()).as(markets.err()).isZero();
        assertThat(markets.out()).contains("\"code\" : \"caiso\"", "\"dataset\" : \"da_hourly\"");
        Run rootHelp = run("--help");
        assertThat(rootHelp.exitCode()).as(rootHelp.err()).isZero();
        assertThat(rootHelp.out()).contains("parse", "samples", "config", "--profile");
        // Global options before the subcommand, and a wrong argument in one line, on the small classpath too.
        Run before = run("--home", folder.resolve("lake").toString(), "config");
        assertThat(before.exitCode()).as(before.err()).isZero();
        assertThat(before.out()).contains("lakehouse.home = " + folder.resolve("lake") + " (from command line)");
        Run badNumber = run("samples", "--market", "caiso", "--dates", "2024-08-01", "--nodes", "many", "--out", folder.toString());
        assertThat(badNumber.exitCode()).isEqualTo(2);
        assertThat(badNumber.err()).isEqualTo("error: --nodes must be a whole number like 24, got 'many'" + System.lineSeparator()
                + "Try: bin/lakehouse samples --help" + System.lineSeparator());
    }
}
