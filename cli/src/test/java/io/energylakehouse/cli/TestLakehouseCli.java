package io.energylakehouse.cli;

import io.energylakehouse.etl.jobs.ParseToCsv;
import io.energylakehouse.etl.source.caiso.SyntheticOasis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The launcher's commands as a user calls them: exit codes, one-line errors, the parse command's CSV. */
class TestLakehouseCli
{
    @TempDir
    Path folder;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args)
    {
        return LakehouseCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void helpListsTheSubcommands()
    {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("demo", "ingest", "curate", "publish", "parse", "sql", "bench");
        assertThat(run("parse", "--help")).isZero();
        assertThat(out.toString()).contains("--report", "--file", "--out", "Example");
    }

    @Test
    void parsesADownloadedFileIntoCanonicalRows()
            throws IOException
    {
        SyntheticOasis.GeneratedFile file = new SyntheticOasis(7).dayAhead(LocalDate.of(2024, 3, 10), SyntheticOasis.nodes(9));
        Path zip = Files.write(folder.resolve(file.fileName()), file.bytes());
        Path csv = folder.resolve("out/dam.csv");

        int exitCode = run("parse", "--market", "caiso", "--report", "prc_lmp", "--file", zip.toString(), "--out", csv.toString(),
                "--home", folder.resolve("lake").toString());

        assertThat(exitCode).as(err.toString()).isZero();
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo(String.join(",", ParseToCsv.COLUMNS));
        assertThat(lines).hasSize(1 + 23 * 9);
        int hourEnding = ParseToCsv.COLUMNS.indexOf("hour_ending");
        assertThat(lines.subList(1, lines.size()).stream().map(line -> Integer.parseInt(line.split(",")[hourEnding])).distinct().sorted().toList())
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 23).boxed().toList());
        String first = lines.get(1);
        assertThat(first).startsWith("CAISO,da_hourly,DLAP_PGAE-APND,zone,2024-03-10T08:00:00Z,2024-03-10T09:00:00Z,60,2024-03-10,1,");
        assertThat(first).endsWith(",USD,2024-03-09T21:05:12Z,");
    }

    @Test
    void parsesPjmDataMinerPagesThroughTheSameCommand()
            throws IOException
    {
        // Items in any order; instants from datetime_beginning_utc (the EPT column repeats on the fall-back day).
        Path page = Files.writeString(folder.resolve("da_hrl_lmps.json"), """
                {"totalRows": 2, "items": [
                  {"datetime_beginning_utc": "2024-11-03T06:00:00", "datetime_beginning_ept": "2024-11-03T01:00:00", "pnode_id": 51217,
                   "pnode_name": "WESTERN HUB", "type": "HUB", "total_lmp_da": 31.5, "system_energy_price_da": 30.0,
                   "congestion_price_da": 1.0, "marginal_loss_price_da": 0.5, "row_is_current": true, "version_nbr": 1},
                  {"datetime_beginning_utc": "2024-11-03T05:00:00", "datetime_beginning_ept": "2024-11-03T01:00:00", "pnode_id": 51217,
                   "pnode_name": "WESTERN HUB", "type": "HUB", "total_lmp_da": 29.5, "system_energy_price_da": 29.0,
                   "congestion_price_da": 0.25, "marginal_loss_price_da": 0.25, "row_is_current": true, "version_nbr": 1}
                ]}
                """);
        Path csv = folder.resolve("pjm.csv");
        assertThat(run("parse", "--market", "pjm", "--report", "da_hrl_lmps", "--file", page.toString(), "--out", csv.toString())).as(err.toString()).isZero();
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).startsWith("PJM,da_hourly,51217,hub,2024-11-03T05:00:00Z,2024-11-03T06:00:00Z,60,2024-11-03,2,29.5,");
        assertThat(lines.get(2)).startsWith("PJM,da_hourly,51217,hub,2024-11-03T06:00:00Z,2024-11-03T07:00:00Z,60,2024-11-03,3,31.5,");
    }

    @Test
    void samplesOfEachMarketParseBackToTheirDays()
            throws IOException
    {
        for (String market : List.of("pjm", "ercot")) {
            Path replay = folder.resolve("replay-" + market);
            assertThat(run("samples", "--market", market, "--dates", "2024-11-03", "--nodes", "24", "--out", replay.toString())).as(err.toString()).isZero();
            assertThat(Files.readString(replay.resolve("README.txt"))).startsWith("SYNTHETIC DATA.");
            String report = market.equals("pjm") ? "da_hrl_lmps" : "dam_spp";
            Path dayAhead;
            try (java.util.stream.Stream<Path> files = Files.list(replay)) {
                dayAhead = files.filter(file -> file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).contains(market.equals("pjm") ? "da_hrl_lmps" : "dam"))
                        .sorted().findFirst().orElseThrow();
            }
            Path csv = folder.resolve(market + "-samples.csv");
            assertThat(run("parse", "--market", market, "--report", report, "--file", dayAhead.toString(), "--out", csv.toString())).as(err.toString()).isZero();
            List<String> rows = Files.readAllLines(csv).subList(1, Files.readAllLines(csv).size());
            // The fall-back day: 25 hours of 24 locations.
            assertThat(rows).as(market).hasSize(25 * 24).allMatch(row -> row.startsWith(market.toUpperCase(java.util.Locale.ROOT) + ",da_hourly,"));
        }
        assertThat(run("samples", "--market", "nemo", "--dates", "2024-11-03", "--out", folder.toString())).isEqualTo(2);
    }

    @Test
    void parsesErcotFilesThroughTheSameCommand()
            throws IOException
    {
        // An MIS NP4-190-CD CSV as ERCOT writes it: hour ending "24:00" is the day's last hour.
        Path dam = Files.writeString(folder.resolve("cdr.00012331.0000000000000000.20240630.131500.DAMSPNP4190.csv"), """
                "DeliveryDate","HourEnding","SettlementPoint","SettlementPointPrice","DSTFlag"
                "07/01/2024","01:00","HB_HOUSTON","22.95","N"
                "07/01/2024","24:00","HB_HOUSTON","-3.10","N"
                """);
        Path csv = folder.resolve("ercot.csv");
        assertThat(run("parse", "--market", "ercot", "--report", "dam_spp", "--file", dam.toString(), "--out", csv.toString())).as(err.toString()).isZero();
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo(String.join(",", ParseToCsv.COLUMNS));
        assertThat(lines.subList(1, lines.size())).hasSize(2).allMatch(line -> line.startsWith("ERCOT,da_hourly,HB_HOUSTON,hub,"));
        assertThat(lines.get(2)).contains(",2024-07-02T04:00:00Z,2024-07-02T05:00:00Z,60,2024-07-01,24,-3.1,");

        // No data is an answer: exit 0 and a CSV with its header only.
        Path empty = Files.writeString(folder.resolve("page.json"), """
                {"_meta":{"totalRecords":0,"pageSize":100000,"totalPages":0,"currentPage":1},
                 "report":{"reportName":"dam_stlmnt_pnt_prices","reportEMIL":"NP4-190-CD"},
                 "fields":[{"name":"deliveryDate"},{"name":"hourEnding"},{"name":"settlementPoint"},{"name":"settlementPointPrice"},{"name":"DSTFlag"}],
                 "data":[]}
                """);
        Path emptyCsv = folder.resolve("empty.csv");
        assertThat(run("parse", "--market", "ercot", "--report", "dam_spp", "--file", empty.toString(), "--out", emptyCsv.toString())).as(err.toString()).isZero();
        assertThat(Files.readAllLines(emptyCsv)).containsExactly(String.join(",", ParseToCsv.COLUMNS));

        // A file of another report: one line, exit 2.
        Path other = Files.writeString(folder.resolve("2d_Agg_AS_Offers_REGUP_03-NOV-24.csv"), "Delivery Date,Hour Ending,MW Offered,REGUP Offer Price\n11/03/2024,1,1250.5,4.99\n");
        err.getBuffer().setLength(0);
        assertThat(run("parse", "--market", "ercot", "--report", "dam_spp", "--file", other.toString(), "--out", folder.resolve("x.csv").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("not NP4-190").hasLineCount(1);
    }

    @Test
    void fileThatIsNotWhatItClaimsGivesOneErrorLineAndExitCodeTwo()
            throws IOException
    {
        SyntheticOasis.GeneratedFile file = new SyntheticOasis(7).dayAhead(LocalDate.of(2024, 7, 1), SyntheticOasis.nodes(7));
        Path truncated = Files.write(folder.resolve("truncated.zip"), Arrays.copyOf(file.bytes(), file.bytes().length / 2));
        Path dayAhead = Files.write(folder.resolve(file.fileName()), file.bytes());

        assertThat(run("parse", "--market", "caiso", "--report", "prc_lmp", "--file", truncated.toString(), "--out", folder.resolve("x.csv").toString()))
                .isEqualTo(2);
        assertThat(err.toString()).isEqualTo("error: Cannot parse CAISO OASIS file truncated.zip: not a readable zip: no end-of-central-directory record "
                + "(the download was cut short)" + System.lineSeparator());

        err.getBuffer().setLength(0);
        assertThat(run("parse", "--market", "caiso", "--report", "prc_intvl_lmp", "--file", dayAhead.toString(), "--out", folder.resolve("y.csv").toString()))
                .isEqualTo(2);
        assertThat(err.toString().lines().toList()).hasSize(1);
        assertThat(err.toString()).startsWith("error: Cannot parse CAISO OASIS file " + file.fileName() + " as PRC_INTVL_LMP: it holds report PRC_LMP");
        assertThat(folder.resolve("x.csv")).doesNotExist();
    }

    @Test
    void aFileOverTheSizeLimitGivesOneErrorLineNamingTheFileAndTheLimit()
            throws IOException
    {
        SyntheticOasis.GeneratedFile file = new SyntheticOasis(7).dayAhead(LocalDate.of(2024, 7, 1), SyntheticOasis.nodes(7));
        Path zip = Files.write(folder.resolve(file.fileName()), file.bytes());

        assertThat(run("parse", "--market", "caiso", "--report", "prc_lmp", "--file", zip.toString(), "--out", folder.resolve("x.csv").toString(),
                "--set", "etl.raw.max-payload-bytes=1kB")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo(String.format("error: Cannot parse CAISO OASIS file %s: it is %s (%d bytes), larger than the limit of 1 KiB "
                + "(etl.raw.max-payload-bytes)%n", file.fileName(), io.energylakehouse.common.config.DataSize.format(file.bytes().length), file.bytes().length));
        assertThat(folder.resolve("x.csv")).doesNotExist();

        err.getBuffer().setLength(0);
        assertThat(run("parse", "--market", "caiso", "--report", "prc_lmp", "--file", zip.toString(), "--out", folder.resolve("x.csv").toString(),
                "--set", "etl.raw.max-expanded-bytes=10kB")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo(String.format("error: Cannot parse CAISO OASIS file %s: its members expand to more than 10 KiB "
                + "(etl.raw.max-expanded-bytes); a zip bomb or not an operator file%n", file.fileName()));
    }

    @Test
    void ingestSettlementsExplainsItselfAndNamesAMissingPathBeforeSparkStarts()
    {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("ingest-settlements");
        assertThat(run("ingest-settlements", "--help")).isZero();
        assertThat(out.toString()).contains("--files", "curated.commodity_prices", "Examples:", "bin/lakehouse ingest-settlements --files ~/settlements/");

        Path missing = folder.resolve("no-such-folder");
        assertThat(run("ingest-settlements", "--files", missing.toString(), "--home", folder.resolve("lake").toString())).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("error: Cannot read " + missing + ": no such file or folder" + System.lineSeparator());
        assertThat(folder.resolve("lake")).doesNotExist();
    }

    @Test
    void curvesFitWritesTheCurveAndRefusesInconsistentQuotes()
            throws Exception
    {
        Path curve = folder.resolve("curve.csv");
        assertThat(run("curves", "fit", "--contracts", "../curves/examples/monthly-quarterly.csv", "--granularity", "day", "--weights", "days",
                "--dow-shape", "0.95,0.99,1.05,1.01,0.98,0.92,0.91", "--out", curve.toString())).isZero();
        java.util.List<String> lines = java.nio.file.Files.readAllLines(curve);
        assertThat(lines).hasSize(276);
        assertThat(lines.get(0)).isEqualTo("period_start,period_end,price");
        assertThat(lines.get(1)).isEqualTo("2019-07-01,2019-07-02,77.685392");
        assertThat(lines.get(275)).isEqualTo("2020-03-31,2020-04-01,87.305504");

        Path quotes = folder.resolve("inconsistent.csv");
        java.nio.file.Files.writeString(quotes, """
                contract,delivery_start,delivery_end,price
                Q1-25,2025-01-01,2025-04-01,60.00
                Q2-25,2025-04-01,2025-07-01,50.00
                H1-25,2025-01-01,2025-07-01,54.00
                """);
        assertThat(run("curves", "fit", "--contracts", quotes.toString(), "--out", folder.resolve("refused.csv").toString())).isEqualTo(2);
        assertThat(folder.resolve("refused.csv")).doesNotExist();
        assertThat(run("curves", "reconcile", "--contracts", quotes.toString())).isEqualTo(2);
        assertThat(run("curves", "fit", "--contracts", quotes.toString(), "--resolve", "--out", folder.resolve("resolved.csv").toString())).isZero();
        assertThat(run("curves", "fit", "--contracts", quotes.toString(), "--granularity", "week", "--out", folder.resolve("x.csv").toString())).isEqualTo(2);
    }

    @Test
    void wrongArgumentsAreUserErrors()
    {
        assertThat(run("parse", "--market", "nemo", "--report", "prc_lmp", "--file", "a.zip", "--out", "a.csv")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("error: Cannot use market 'nemo': available markets are [caiso, pjm, ercot, miso, nyiso, spp, ieso, aeso, entsoe, nordpool, eex, ecb, jepx, aemo, eia]" + System.lineSeparator());
        err.getBuffer().setLength(0);
        assertThat(run("parse", "--market", "pjm", "--report", "prc_lmp", "--file", "a.zip", "--out", "a.csv")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("error: Cannot use PJM report 'prc_lmp': known reports are da_hrl_lmps, rt_hrl_lmps, rt_fivemin_hrl_lmps, "
                + "rt_unverified_fivemin_lmps" + System.lineSeparator());
        err.getBuffer().setLength(0);
        assertThat(run("curate", "--market", "caiso")).isEqualTo(2);
        assertThat(err.toString()).contains("Missing required option");
        err.getBuffer().setLength(0);
        assertThat(run("config", "--set", "lakehouse.catalgo.uri=x")).isEqualTo(2);
        assertThat(err.toString()).startsWith("error: Cannot use setting 'lakehouse.catalgo.uri' (from command line): unknown key");
        err.getBuffer().setLength(0);
        // A date in another format is told in words, and the hint names a command that exists.
        assertThat(run("curate", "--market", "caiso", "--run-date", "2024/08/01")).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("error: --run-date must be a date like 2024-08-01, got '2024/08/01'"
                + System.lineSeparator() + "Try: bin/lakehouse curate --help" + System.lineSeparator());
        err.getBuffer().setLength(0);
        assertThat(run("--no-such-option")).isEqualTo(2);
        assertThat(err.toString()).endsWith("Try: bin/lakehouse --help" + System.lineSeparator());
    }

    @Test
    void helpWorksOnEveryCommandWithoutItsRequiredOptions()
    {
        List<List<String>> paths = new java.util.ArrayList<>();
        collect(LakehouseCli.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())), List.of(), paths);
        assertThat(paths).contains(List.of("backtest", "compare"), List.of("curves", "fit"), List.of("ingest"), List.of("sql"));
        for (List<String> path : paths) {
            for (String help : List.of("--help", "-h")) {
                out.getBuffer().setLength(0);
                err.getBuffer().setLength(0);
                List<String> arguments = new java.util.ArrayList<>(path);
                arguments.add(help);
                assertThat(run(arguments.toArray(String[]::new))).as("%s: %s", arguments, err).isZero();
                assertThat(out.toString()).as("%s", arguments).startsWith("Usage: lakehouse " + String.join(" ", path));
                assertThat(err.toString()).isEmpty();
            }
        }
    }

    private static io.energylakehouse.common.config.LakehouseConfig configOf(String... arguments)
    {
        picocli.CommandLine.ParseResult parsed = LakehouseCli.commandLine(new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())).parseArgs(arguments);
        LakehouseCli.inheritGlobalOptions(parsed);
        return ((ConfigCommand) parsed.subcommand().commandSpec().userObject()).global.lakehouseConfig();
    }

    private static void collect(picocli.CommandLine command, List<String> path, List<List<String>> paths)
    {
        command.getSubcommands().forEach((name, subcommand) -> {
            if (!name.equals("help")) {
                List<String> subpath = new java.util.ArrayList<>(path);
                subpath.add(name);
                paths.add(subpath);
                collect(subcommand, subpath, paths);
            }
        });
    }

    @Test
    void optionsThatTakeFilesTakeSeveralAfterOneFlag()
            throws IOException
    {
        picocli.CommandLine commandLine = LakehouseCli.commandLine(new PrintWriter(out), new PrintWriter(err));
        IngestCommand ingest = (IngestCommand) commandLine.parseArgs("ingest", "--market", "caiso", "--files", "a.zip", "b.zip", "folder/", "--report", "prc_lmp")
                .subcommand().commandSpec().userObject();
        assertThat(ingest.files).containsExactly(Path.of("a.zip"), Path.of("b.zip"), Path.of("folder/"));
        assertThat(ingest.reports).containsExactly("prc_lmp");
        // Repeating the flag still works, and so does a mix.
        ingest = (IngestCommand) LakehouseCli.commandLine(new PrintWriter(out), new PrintWriter(err))
                .parseArgs("ingest", "--files", "a.zip", "--market", "caiso", "--files", "b.zip", "c.zip").subcommand().commandSpec().userObject();
        assertThat(ingest.files).containsExactly(Path.of("a.zip"), Path.of("b.zip"), Path.of("c.zip"));

        DemoCommand demo = (DemoCommand) LakehouseCli.commandLine(new PrintWriter(out), new PrintWriter(err))
                .parseArgs("demo", "--input", "x/", "y.zip", "--dates", "2024-03-09", "2024-11-02..2024-11-03").subcommand().commandSpec().userObject();
        assertThat(demo.input).containsExactly(Path.of("x/"), Path.of("y.zip"));
        assertThat(Dates.parse("--dates", demo.dates)).containsExactly(LocalDate.of(2024, 3, 9), LocalDate.of(2024, 11, 2), LocalDate.of(2024, 11, 3));

        IngestSettlementsCommand settlements = (IngestSettlementsCommand) LakehouseCli.commandLine(new PrintWriter(out), new PrintWriter(err))
                .parseArgs("ingest-settlements", "--files", "eex.csv", "pjm.csv").subcommand().commandSpec().userObject();
        assertThat(settlements.files).containsExactly(Path.of("eex.csv"), Path.of("pjm.csv"));

        // Missing files after one flag: the first one is named, before Spark starts.
        Path missing = folder.resolve("missing.csv");
        Path present = java.nio.file.Files.writeString(folder.resolve("present.csv"), "trade_date\n");
        assertThat(run("ingest-settlements", "--files", present.toString(), missing.toString(), "--home", folder.resolve("lake").toString())).isEqualTo(2);
        assertThat(err.toString()).isEqualTo("error: Cannot read " + missing + ": no such file or folder" + System.lineSeparator());
        assertThat(folder.resolve("lake")).doesNotExist();
    }

    @Test
    void globalOptionsComeBeforeOrAfterTheSubcommand()
    {
        String home = folder.resolve("lake").toString();
        io.energylakehouse.common.config.LakehouseConfig before = configOf("--home", home, "--set", "lakehouse.spark.ui=enabled", "config");
        assertThat(before.home()).isEqualTo(home);
        assertThat(before.sparkUi().toString()).isEqualTo("ENABLED");
        assertThat(configOf("config", "--home", home, "--set", "lakehouse.spark.ui=enabled")).isEqualTo(before);
        // Split across both places: --set keys merge, the ones after the subcommand win.
        assertThat(configOf("--set", "lakehouse.spark.ui=disabled", "--home", home, "config", "--set", "lakehouse.spark.ui=enabled")).isEqualTo(before);
        assertThat(configOf("config")).isNotEqualTo(before);

        // The --profile stack examples of sql's and download-url's help parse with the option in front.
        picocli.CommandLine.ParseResult parsed = LakehouseCli.commandLine(new PrintWriter(out), new PrintWriter(err))
                .parseArgs("--profile", "stack", "sql", "--format", "csv", "SELECT 1");
        LakehouseCli.inheritGlobalOptions(parsed);
        assertThat(((SqlCommand) parsed.subcommand().commandSpec().userObject()).global.profile).isEqualTo("stack");
        parsed = LakehouseCli.commandLine(new PrintWriter(out), new PrintWriter(err)).parseArgs("download-url", "--profile", "stack", "hub_prices_daily");
        LakehouseCli.inheritGlobalOptions(parsed);
        assertThat(((DownloadUrlCommand) parsed.subcommand().commandSpec().userObject()).global.profile).isEqualTo("stack");
        // Two levels down.
        parsed = LakehouseCli.commandLine(new PrintWriter(out), new PrintWriter(err)).parseArgs("--home", home, "backtest", "run", "--file", "NP.csv", "--format", "epftoolbox",
                "--model", "naive", "--test-from", "2016-12-27", "--test-to", "2016-12-31", "--out", "x");
        LakehouseCli.inheritGlobalOptions(parsed);
        assertThat(((BacktestCommand.Run) parsed.subcommand().subcommand().commandSpec().userObject()).global.home).isEqualTo(Path.of(home));
    }
}
