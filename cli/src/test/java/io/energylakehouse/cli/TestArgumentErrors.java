package io.energylakehouse.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command fed bad arguments (dates, numbers, enum values, unknown options, missing required options, files
 * that do not exist) answers with exactly one {@code error:} line that says what was expected, no Java type or
 * exception names and no stack trace, at most a {@code Try:} hint naming a command that exists, and exit code 2.
 * None of them gets as far as starting Spark.
 */
class TestArgumentErrors
{
    /** Java's words that a user should never see: packages, exception classes, stack frames, type names. */
    private static final Pattern JAVA = Pattern.compile("\\b(java|javax|scala|org|com|picocli)\\.[a-z]|[A-Z]\\w*(Exception|Error)\\b|^\\s+at |\\b(LocalDate|Integer|Long|Double|String|Path|int|double|class)\\b",
            Pattern.MULTILINE);

    @TempDir
    Path folder;

    private record Case(String expected, List<String> arguments) {}

    @Test
    void badArgumentsGiveOneErrorLineAndExitCodeTwo()
            throws IOException
    {
        String missing = folder.resolve("no-such-file.csv").toString();
        String empty = Files.createDirectories(folder.resolve("empty")).toString();
        String series = Files.writeString(folder.resolve("NP.csv"), "Date,Price,Exogenous 1,Exogenous 2\n2016-01-01 00:00:00,25.0,1,2\n").toString();
        String contracts = Path.of("../curves/examples/monthly-quarterly.csv").toString();
        List<Case> cases = List.of(
                // demo
                bad("--dates must be dates like 2024-08-01 or ranges like 2024-08-01..2024-08-07, got '2024/08/01'", "demo", "--dates", "2024/08/01"),
                bad("--nodes must be a whole number like 24, got 'many'", "demo", "--nodes", "many"),
                bad("Cannot read " + missing + ": no such file or folder", "demo", "--input", missing),
                bad("Unknown option '--no-such-option'", "demo", "--no-such-option"),
                // ingest
                bad("Missing required option: '--market=MARKET'", "ingest", "--files", empty),
                bad("Cannot read " + missing + ": no such file or folder", "ingest", "--market", "caiso", "--files", missing),
                bad("Cannot ingest: no files under " + empty, "ingest", "--market", "caiso", "--files", empty),
                bad("--run-date must be a date like 2024-08-01, got '2024/08/01'", "ingest", "--market", "caiso", "--files", empty, "--run-date", "2024/08/01"),
                bad("--end must be a date like 2024-08-01, got '01.08.2024'", "ingest", "--market", "caiso", "--files", empty, "--start", "2024-08-01", "--end", "01.08.2024"),
                bad("Cannot use CAISO report 'lmp': known reports are", "ingest", "--market", "caiso", "--files", empty, "--report", "lmp"),
                bad("Cannot use market 'nemo': available markets are [caiso, pjm, ercot, miso, nyiso, spp, ieso, aeso, entsoe, nordpool, eex, ecb, jepx, aemo, eia]", "ingest", "--market", "nemo", "--files", empty),
                // ingest-settlements, ingest-series
                bad("Missing required option: '--files=PATH'", "ingest-settlements"),
                bad("Cannot read " + missing + ": no such file or folder", "ingest-settlements", "--files", missing),
                bad("Cannot read " + missing + ": no such file", "ingest-series", "--file", missing, "--format", "epftoolbox"),
                bad("format 'excel' is not one of", "ingest-series", "--file", series, "--format", "excel"),
                bad("Missing required option: '--format=FORMAT'", "ingest-series", "--file", series),
                // curate, publish, check
                bad("--run-date must be a date like 2024-08-01, got '2024/08/01'", "curate", "--market", "caiso", "--run-date", "2024/08/01"),
                bad("--end must be a date like 2024-08-01, got '2024-13-01'", "curate", "--market", "caiso", "--run-date", "2024-08-01", "--end", "2024-13-01"),
                bad("Missing required option: '--market=MARKET'", "curate", "--run-date", "2024-08-01"),
                bad("Cannot use CAISO report 'lmp'", "curate", "--market", "caiso", "--run-date", "2024-08-01", "--report", "lmp"),
                bad("Cannot use date range 2024-08-02..2024-08-01: the end is before the start", "curate", "--market", "caiso", "--run-date", "2024-08-02", "--end", "2024-08-01"),
                bad("Missing required option: '--market=MARKET'", "publish"),
                bad("Cannot use market 'nemo': available markets are [caiso, pjm, ercot, miso, nyiso, spp, ieso, aeso, entsoe, nordpool, eex, ecb, jepx, aemo, eia]", "publish", "--market", "nemo"),
                bad("--run-date must be a date like 2024-08-01, got '2024-02-30'", "check", "--market", "caiso", "--run-date", "2024-02-30"),
                bad("Cannot check dataset 'hourly'", "check", "--market", "caiso", "--run-date", "2024-08-01", "--dataset", "hourly"),
                // samples, maintain
                bad("--nodes must be a whole number like 24, got '8.5'", "samples", "--market", "caiso", "--dates", "2024-08-01", "--nodes", "8.5", "--out", empty),
                bad("--dates must be dates like 2024-08-01 or ranges like 2024-08-01..2024-08-07, got '2024-08-01...2024-08-03'", "samples", "--market", "caiso",
                        "--dates", "2024-08-01...2024-08-03", "--out", empty),
                bad("Missing required option: '--out=DIR'", "samples", "--market", "caiso", "--dates", "2024-08-01"),
                bad("--retain-last must be a whole number like 24, got 'few'", "maintain", "--retain-last", "few"),
                bad("Unknown option '--tables'", "maintain", "--tables", "curated.market_prices"),
                // curves
                bad("Cannot read contracts " + missing + ": no such file or folder", "curves", "fit", "--contracts", missing, "--out", "-"),
                bad("Cannot read granularity 'week': use day or hour", "curves", "fit", "--contracts", contracts, "--granularity", "week", "--out", "-"),
                bad("--tolerance must be a number like 0.5, got 'tight'", "curves", "fit", "--contracts", contracts, "--tolerance", "tight", "--out", "-"),
                bad("--min-price must be a number like 0.5, got 'zero'", "curves", "fit", "--contracts", contracts, "--min-price", "zero", "--out", "-"),
                bad("Missing required option", "curves", "fit"),
                bad("Cannot read contracts " + missing + ": no such file or folder", "curves", "reconcile", "--contracts", missing),
                bad("--as-of must be a date like 2024-08-01, got '14.06.2024'", "curves", "build", "--as-of", "14.06.2024"),
                bad("Unknown command 'smooth'; the commands are fit, reconcile, build", "curves", "smooth"),
                // backtest
                bad("--test-from must be a date like 2024-08-01, got '2016/12/27'", "backtest", "run", "--file", series, "--format", "epftoolbox", "--model", "lear",
                        "--test-from", "2016/12/27", "--test-to", "2016-12-31", "--out", empty),
                bad("--windows must be a whole number like 24, got 'all'", "backtest", "run", "--file", series, "--format", "epftoolbox", "--model", "lear",
                        "--test-from", "2016-12-27", "--test-to", "2016-12-31", "--out", empty, "--windows", "56,all"),
                bad("Cannot read " + missing + ": no such file", "backtest", "run", "--file", missing, "--format", "epftoolbox", "--model", "lear",
                        "--test-from", "2016-12-27", "--test-to", "2016-12-31", "--out", empty),
                bad("--norm must be a whole number like 24, got 'abs'", "backtest", "compare", "--a", missing, "--b", missing, "--norm", "abs"),
                bad("Cannot read forecasts " + missing + ": no such file or folder", "backtest", "compare", "--a", missing, "--b", missing),
                bad("Cannot read Diebold-Mariano version 'bivariate'", "backtest", "compare", "--a", missing, "--b", missing, "--version", "bivariate"),
                bad("Missing required options: '--a=SET', '--b=SET'", "backtest", "compare"),
                // parse
                bad("Cannot read " + missing + ": no such file or folder", "parse", "--market", "caiso", "--report", "prc_lmp", "--file", missing, "--out", folder.resolve("x.csv").toString()),
                bad("Cannot use CAISO report 'lmp'", "parse", "--market", "caiso", "--report", "lmp", "--file", series, "--out", folder.resolve("x.csv").toString()),
                bad("Missing required option: '--out=FILE.csv'", "parse", "--market", "caiso", "--report", "prc_lmp", "--file", series),
                // sql, download-url
                bad("--format must be one of table, csv, json, got 'xml'", "sql", "--format", "xml", "SELECT 1"),
                bad("--engine must be one of spark, trino, got 'duckdb'", "sql", "--engine", "duckdb", "SELECT 1"),
                bad("--limit must be a whole number like 24, got 'ten'", "sql", "--limit", "ten", "SELECT 1"),
                bad("Missing required parameter: 'QUERY'", "sql"),
                bad("Unexpected argument 'SELECT 2'", "sql", "SELECT 1", "SELECT 2"),
                bad("Cannot use --expires soon: write a duration such as 15m, 1h or 2d", "download-url", "hub_prices_daily", "--expires", "soon"),
                bad("Missing required parameter: 'DATASET'", "download-url"),
                // access, bench, config
                bad("Cannot read entitlements file " + missing + ": no such file", "access", "show", "--entitlements", missing),
                bad("Missing required options", "access", "render-trino"),
                bad("--days must be a whole number like 24, got 'week'", "bench", "ingest", "--days", "week"),
                bad("--start must be a date like 2024-08-01, got '2024/07/01'", "bench", "ingest", "--start", "2024/07/01"),
                bad("Cannot run benchmark 'everything': available: ingest, curves", "bench", "everything"),
                bad("--set must be KEY=VALUE, got 'lakehouse.spark.ui'", "config", "--set", "lakehouse.spark.ui"),
                bad("Cannot read configuration file " + missing, "config", "--config", missing),
                bad("Cannot select profile 'production': known profiles are [local, stack, cluster]", "config", "--profile", "production"),
                // the launcher itself
                bad("Unknown command 'lakehouse'; the commands are demo, ingest", "lakehouse"),
                bad("Unknown option '--verbose'", "--verbose"),
                bad("Cannot use --profile with 'samples': it reads no lakehouse settings", "--profile", "stack", "samples", "--market", "caiso", "--dates", "2024-08-01",
                        "--out", empty),
                bad("Cannot use --profile local before the command and --profile stack after it: give it once", "--profile", "local", "config", "--profile", "stack"));

        Path lake = folder.resolve("lake");
        List<String> failures = new ArrayList<>();
        for (Case each : cases) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            List<String> arguments = new ArrayList<>(each.arguments());
            if (readsSettings(arguments)) {
                // A lakehouse of its own, which must never be made: every error comes before Spark starts.
                arguments.addAll(List.of("--home", lake.toString()));
            }
            int exitCode = LakehouseCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), arguments.toArray(String[]::new));
            String problem = problem(each, exitCode, out.toString(), err.toString());
            if (problem != null) {
                failures.add(String.join(" ", each.arguments()) + "\n    " + problem + "\n    stderr: " + err.toString().replace("\n", "\n            "));
            }
        }
        assertThat(failures).isEmpty();
        assertThat(lake).doesNotExist();
    }

    /** Whether the command the arguments name takes the global options (--home among them). */
    private static boolean readsSettings(List<String> arguments)
    {
        CommandLine command = LakehouseCli.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
        for (String argument : arguments) {
            CommandLine subcommand = command.getSubcommands().get(argument);
            if (subcommand != null) {
                command = subcommand;
            }
        }
        return command.getCommandSpec().mixins().values().stream().anyMatch(mixin -> mixin.userObject() instanceof GlobalOptions)
                && command.getParent() != null;
    }

    private static Case bad(String expected, String... arguments)
    {
        return new Case(expected, List.of(arguments));
    }

    /** What is wrong with a run's answer, or null. */
    private static String problem(Case each, int exitCode, String out, String err)
    {
        if (exitCode != 2) {
            return "exit code " + exitCode + ", expected 2";
        }
        List<String> lines = err.lines().toList();
        if (lines.isEmpty() || !lines.get(0).startsWith("error: ")) {
            return "the first line is not 'error: ...'";
        }
        if (lines.stream().filter(line -> line.startsWith("error")).count() != 1 || lines.size() > 2) {
            return "more than one error line";
        }
        if (!lines.get(0).contains(each.expected())) {
            return "expected the error to contain: " + each.expected();
        }
        if (JAVA.matcher(err).find() || JAVA.matcher(out).find()) {
            return "Java's words in the output: " + JAVA.matcher(err + out).results().map(result -> result.group()).toList();
        }
        if (lines.size() == 2) {
            String hint = lines.get(1);
            if (!hint.startsWith("Try: bin/lakehouse ") || !hint.endsWith(" --help")) {
                return "the second line is not a 'Try: bin/lakehouse ... --help' hint";
            }
            List<String> command = List.of(hint.substring("Try: bin/lakehouse ".length()).split(" "));
            try {
                CommandLine.ParseResult parsed = LakehouseCli.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()))
                        .parseArgs(command.toArray(String[]::new));
                while (parsed.hasSubcommand()) {
                    parsed = parsed.subcommand();
                }
                if (!parsed.isUsageHelpRequested()) {
                    return "the hint does not ask for help: " + hint;
                }
            }
            catch (CommandLine.ParameterException e) {
                return "the hint names a command that does not exist: " + hint;
            }
        }
        return null;
    }
}
