package io.energylakehouse.etl.fuzz;

import io.energylakehouse.common.testing.fuzz.FuzzOutcome;
import io.energylakehouse.common.testing.fuzz.FuzzTarget;
import io.energylakehouse.common.testing.fuzz.FuzzTarget.Sample;
import io.energylakehouse.common.testing.fuzz.Mutation;
import io.energylakehouse.etl.raw.ParsedPayload;
import io.energylakehouse.etl.raw.Payload;
import io.energylakehouse.etl.raw.PayloadParser;
import io.energylakehouse.etl.raw.RejectedRecord;
import io.energylakehouse.etl.source.caiso.CaisoMarket;
import io.energylakehouse.etl.source.caiso.OasisLmpParser;
import io.energylakehouse.etl.source.epf.SeriesDataset;
import io.energylakehouse.etl.source.epf.SeriesFormat;
import io.energylakehouse.etl.source.epf.SeriesParser;
import io.energylakehouse.etl.source.epf.SeriesSource;
import io.energylakehouse.etl.source.ercot.ErcotMarket;
import io.energylakehouse.etl.source.ercot.ErcotReport;
import io.energylakehouse.etl.source.ercot.ErcotSppParser;
import io.energylakehouse.etl.source.miso.MisoLmpParser;
import io.energylakehouse.etl.source.miso.MisoMarket;
import io.energylakehouse.etl.source.miso.MisoReport;
import io.energylakehouse.etl.source.nyiso.NyisoLbmpParser;
import io.energylakehouse.etl.source.nyiso.NyisoMarket;
import io.energylakehouse.etl.source.nyiso.NyisoReport;
import io.energylakehouse.etl.source.pjm.PjmLmpParser;
import io.energylakehouse.etl.source.pjm.PjmMarket;
import io.energylakehouse.etl.source.pjm.PjmReport;
import io.energylakehouse.etl.source.spp.SppLmpParser;
import io.energylakehouse.etl.source.spp.SppMarket;
import io.energylakehouse.etl.source.spp.SppReport;
import io.energylakehouse.etl.source.settlements.SettlementParser;
import io.energylakehouse.etl.source.settlements.SettlementSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

/**
 * The registry of the fuzz suite ({@link TestParserFuzz}): every parser of operator and user files, with how it
 * reads bytes and where its samples are. A new connector's parser joins the suite by adding one entry to
 * {@link #registered()}: its name, the {@link PayloadParser} with the source and report its payloads carry, and
 * its samples (hand-written files under src/test/resources, real operator files under ../shared/fixtures/real or
 * ../shared/data, which are read in place and never copied into the project; absent real files are skipped).
 */
public final class ParserSamples
{
    /** Lines of a large real file taken as a sample (header included): enough for every layout, cheap per try. */
    private static final int HEAD_LINES = 120;

    /** The shared folder beside the repository, as the build passes it (see the parent pom). */
    static final Path SHARED = Path.of(System.getProperty("lakehouse.shared-dir", "../../shared"));

    private static final SeriesDataset EPFTOOLBOX_NP = SeriesDataset.resolve(SeriesFormat.EPFTOOLBOX, "NP", Optional.empty(), Optional.empty());
    private static final SeriesDataset DEEPFORKIT_DE_LU = SeriesDataset.resolve(SeriesFormat.DEEPFORKIT, "DE_LU", Optional.empty(), Optional.empty());

    private static List<FuzzTarget> registered;

    private ParserSamples() {}

    /** Every registered parser with its samples, read once. */
    public static synchronized List<FuzzTarget> registered()
    {
        if (registered == null) {
            // each report's own files, bare and zipped as OASIS sends them, OASIS's XML answers and every real OASIS file
            List<Sample> dayAhead = oasisSamples("prc_lmp", "20240701_20240701_PRC_LMP_DAM_20240630_13_05_12_v12.csv");
            List<Sample> realTime = oasisSamples("prc_intvl_lmp", "20240701_20240701_PRC_INTVL_LMP_RTM_20240701_10_05_12_v3.csv");
            registered = List.of(
                    payloadParser("caiso-oasis PRC_LMP", new OasisLmpParser(), CaisoMarket.SOURCE, "PRC_LMP", dayAhead),
                    payloadParser("caiso-oasis PRC_INTVL_LMP", new OasisLmpParser(), CaisoMarket.SOURCE, "PRC_INTVL_LMP", realTime),
                    // DAM prices as MIS CSV and API pages; the one real ERCOT answer in ../shared is an archive listing, which the parser refuses
                    payloadParser("ercot-public NP4-190-CD", new ErcotSppParser(), ErcotMarket.SOURCE, ErcotReport.DAM_SPP.reportName(),
                            concat(resources("ercot", name -> name.startsWith("dam_spp_")), shared("fixtures/real/ercot", name -> true))),
                    payloadParser("futures settlements", new SettlementParser(), SettlementSource.SOURCE, SettlementSource.REPORT,
                            resources("settlements", name -> true)),
                    payloadParser("epf series epftoolbox", new SeriesParser(EPFTOOLBOX_NP), SeriesSource.SOURCE, SeriesFormat.EPFTOOLBOX.report(),
                            concat(resources("epf", name -> name.startsWith("np_")), sharedHeads("data/epf/datasets"))),
                    payloadParser("epf series deepforkit", new SeriesParser(DEEPFORKIT_DE_LU), SeriesSource.SOURCE, SeriesFormat.DEEPFORKIT.report(),
                            concat(resources("epf", name -> !name.startsWith("np_")), sharedHeads("data/entsoe_deepforkit"))),
                    // the feed's hand-written pages, PJM's error body and the real unverified page
                    payloadParser("pjm-dataminer rt_unverified_fivemin_lmps", new PjmLmpParser(), PjmMarket.SOURCE, PjmReport.RT_UNVERIFIED_FIVEMIN_LMPS.feed(),
                            concat(resources("pjm", name -> name.startsWith("rt_unverified_") || name.endsWith("_errors.json")), shared("fixtures/real/pjm", name -> true))),
                    // the wide HE 1..24 layout under its title lines, whole and cut short
                    payloadParser("miso-marketreports da_expost_lmp", new MisoLmpParser(), MisoMarket.SOURCE, MisoReport.DA_EXPOST_LMP.reportName(),
                            resources("miso", name -> name.contains("da_expost_lmp"))),
                    // MIS CSVs with their leading blank line, the repeated fall-back hour and a missing column
                    payloadParser("nyiso-mis damlbmp_zone", new NyisoLbmpParser(), NyisoMarket.SOURCE, NyisoReport.DAMLBMP_ZONE.reportName(),
                            resources("nyiso", name -> name.contains("damlbmp_zone"))),
                    // interval files, the fall-back "d" file and the real RTBM file
                    payloadParser("spp-marketplace RTBM-LMP-SL", new SppLmpParser(), SppMarket.SOURCE, SppReport.RTBM_LMP_SL.reportName(),
                            concat(resources("spp", name -> name.startsWith("RTBM-LMP-SL")), shared("fixtures/real/spp", name -> name.startsWith("RTBM-LMP-SL")))),
                    // IESO's namespaced zonal price XMLs (both real-time layouts) and its LMP CSV with its preamble
                    connectorParser(new io.energylakehouse.etl.source.ieso.IesoConnector(), "rt_ontario_zonal_price",
                            resources("ieso", name -> name.contains("OntarioZonalPrice"))),
                    connectorParser(new io.energylakehouse.etl.source.ieso.IesoConnector(), "da_hourly_energy_lmp",
                            resources("ieso", name -> name.contains("EnergyLMP"))),
                    // AESO's API JSON (with and without the return wrapper) and legacy CSVs with the 02* hour; the real CSD report it refuses
                    connectorParser(new io.energylakehouse.etl.source.aeso.AesoConnector(), "pool_price",
                            concat(resources("aeso", name -> name.toLowerCase(java.util.Locale.ROOT).contains("pool")), shared("fixtures/real/aeso", name -> true))),
                    // A44 documents (mixed resolutions, A03 gaps, EXAA, acknowledgements) and the real French one
                    connectorParser(new io.energylakehouse.etl.source.entsoe.EntsoeConnector(), "a44",
                            concat(resources("entsoe", name -> name.startsWith("A44") || name.startsWith("ack")), shared("fixtures/real/entsoe", name -> true))),
                    // the data portal's and the licensed API's JSON, and the real answer
                    connectorParser(new io.energylakehouse.etl.source.nordpool.NordPoolConnector(), "day_ahead_prices",
                            concat(resources("nordpool", name -> name.endsWith(".json")), shared("fixtures/real/nordpool", name -> true))),
                    // the head of the real ECB history (trailing commas, N/A)
                    connectorParser(new io.energylakehouse.etl.source.ecb.EcbConnector(), "eurofxref", sharedHeads("data/connectors-gaps/ecb")),
                    // JEPX's Shift_JIS fiscal-year file: the hand-made two days with the spacer columns, and a synthetic file across 1 April
                    connectorParser(new io.energylakehouse.etl.source.jepx.JepxConnector(), "spot", concat(resources("jepx", name -> name.endsWith(".csv")),
                            new io.energylakehouse.etl.source.jepx.SyntheticJepx(1).files(List.of(java.time.LocalDate.of(2025, 3, 31), java.time.LocalDate.of(2025, 4, 1)))
                                    .stream().map(file -> new Sample("synthetic jepx " + file.fileName(), file.bytes())).toList())),
                    // a synthetic EEX auction workbook (.xlsx, a zip of XML read by Apache POI)
                    connectorParser(new io.energylakehouse.etl.source.eex.EexConnector(), "eua_primary_auction", concat(
                            shared("data/connectors-gaps/eex_eua_auctions", name -> name.contains("2012")), List.of(new Sample("synthetic eex 2024.xlsx",
                            new io.energylakehouse.etl.source.eex.SyntheticEex(1).files(List.of(java.time.LocalDate.of(2024, 3, 26), java.time.LocalDate.of(2024, 3, 27)))
                                    .get(0).bytes())))),
                    // EIA's API v2 pages (string totals and values, a row repeated across pages) and the head of the real normalized Henry Hub histories
                    connectorParser(new io.energylakehouse.etl.source.eia.EiaConnector(), "henry_hub_spot", concat(
                            resources("eia", name -> name.contains("henry_hub")), sharedHeads("fixtures/real/eia"))),
                    // AEMO MMS C/I/D files: the hand-written ones bare and zipped as NEMweb serves them, and the real (trimmed) archives
                    connectorParser(new io.energylakehouse.etl.source.aemo.AemoConnector(), "dispatch_price",
                            concat(aemoSamples(), shared("fixtures/real/aemo", name -> name.contains("DISPATCHPRICE")))),
                    connectorParser(new io.energylakehouse.etl.source.aemo.AemoConnector(), "trading_price",
                            concat(aemoSamples(), shared("fixtures/real/aemo", name -> name.contains("TRADINGPRICE")))));
        }
        return registered;
    }

    /**
     * A payload as the landing hands it to a parser: the one place the suite builds payloads, so that a change of
     * {@link Payload} (streamed bytes) changes only this method.
     */
    static Payload payload(String source, String report, byte[] bytes)
    {
        return new Payload(source, report, Payload.Origin.REPLAY, report + "|fuzz", Optional.empty(), "fuzz.csv", Instant.parse("2026-01-01T00:00:00Z"), 200, bytes);
    }

    /** A connector's parser of one of its reports, as landing uses it, as a fuzz target. */
    static FuzzTarget connectorParser(io.energylakehouse.etl.connector.MarketConnector connector, String reportName, List<Sample> samples)
    {
        io.energylakehouse.etl.connector.MarketReport report = connector.report(reportName);
        return payloadParser(connector.market().code().toLowerCase(java.util.Locale.ROOT) + " " + reportName,
                connector.parser(report, io.energylakehouse.etl.raw.PayloadLimits.DEFAULTS), report.source(), report.requestName(), samples);
    }

    /** A {@link PayloadParser} as a fuzz target: its {@link ParsedPayload} must be rows or a rejection with a reason. */
    static FuzzTarget payloadParser(String name, PayloadParser parser, String source, String report, List<Sample> samples)
    {
        return new FuzzTarget(name, bytes -> outcome(parser.parse(payload(source, report, bytes))), samples);
    }

    /** The parser's answer in the suite's terms; fails on an answer that breaks {@link ParsedPayload}'s contract. */
    static FuzzOutcome outcome(ParsedPayload parsed)
    {
        for (RejectedRecord rejected : parsed.rejected()) {
            check(!rejected.reason().isBlank(), "a rejected record without a reason", parsed);
            check(rejected.lineNumber().map(line -> line >= 1).orElse(true), "a rejected record with line number " + rejected.lineNumber().orElse(0), parsed);
        }
        String detail = parsed.detail().orElse("");
        return switch (parsed.outcome()) {
            case PARSED -> {
                check(!parsed.records().isEmpty() || !parsed.rejected().isEmpty(), "PARSED with neither records nor rejected lines", parsed);
                yield new FuzzOutcome.Parsed(parsed.records().size(), parsed.rejected().stream().map(RejectedRecord::reason).toList());
            }
            case NO_DATA -> {
                // the operator's own answer may have its code and no description (an OASIS report without ERR_DESC)
                check((!detail.isBlank() || parsed.operatorErrorCode().isPresent()) && parsed.records().isEmpty(),
                        "NO_DATA with neither a detail nor the operator's code, or with records", parsed);
                yield new FuzzOutcome.Rejected("no data: " + parsed.operatorErrorCode().map(code -> "operator code " + code + " ").orElse("") + detail);
            }
            case OPERATOR_ERROR -> {
                check(parsed.operatorErrorCode().isPresent() && parsed.records().isEmpty(), "OPERATOR_ERROR without the operator's code, or with records", parsed);
                yield new FuzzOutcome.Rejected("operator error " + parsed.operatorErrorCode().get() + ": " + detail);
            }
            case REJECTED -> {
                check(!detail.isBlank(), "REJECTED without a reason", parsed);
                check(parsed.records().isEmpty(), "REJECTED with records", parsed);
                check(parsed.rejected().contains(RejectedRecord.wholePayload(detail)), "REJECTED without a quarantine row for the whole payload", parsed);
                yield new FuzzOutcome.Rejected(detail);
            }
        };
    }

    private static void check(boolean holds, String problem, ParsedPayload parsed)
    {
        if (!holds) {
            throw new AssertionError("The parser answered " + problem + ": " + parsed.outcome() + " " + parsed.detail() + " " + parsed.rejected().size()
                    + " rejected");
        }
    }

    /** The hand-written files of a folder of src/test/resources (as copied to the test classpath). */
    static List<Sample> resources(String folder, Predicate<String> names)
    {
        try {
            Path directory = Path.of(ParserSamples.class.getResource("/" + folder).toURI());
            return files(directory, names).stream().map(file -> Sample.of(folder + "/" + file.getFileName(), file)).toList();
        }
        catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Real operator files of a folder of ../shared, whole; none when the folder is absent. */
    static List<Sample> shared(String folder, Predicate<String> names)
    {
        Path directory = SHARED.resolve(folder);
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        return files(directory, names).stream().map(file -> Sample.of("real:" + folder + "/" + file.getFileName(), file)).toList();
    }

    /** The first lines of the real CSV files of a folder of ../shared; none when the folder is absent. */
    static List<Sample> sharedHeads(String folder)
    {
        Path directory = SHARED.resolve(folder);
        if (!Files.isDirectory(directory)) {
            return List.of();
        }
        return files(directory, name -> name.endsWith(".csv")).stream()
                .map(file -> Sample.head("real:" + folder + "/" + file.getFileName() + " (first " + HEAD_LINES + " lines)", file, HEAD_LINES))
                .toList();
    }

    private static List<Sample> oasisSamples(String prefix, String memberName)
    {
        List<Sample> csv = resources("caiso", name -> name.startsWith(prefix + "_"));
        List<Sample> samples = new ArrayList<>(csv);
        csv.forEach(sample -> samples.add(oasisZip(sample, memberName)));
        samples.addAll(resources("caiso", name -> name.endsWith(".xml")));
        samples.addAll(shared("fixtures/real/caiso", name -> true));
        return List.copyOf(samples);
    }

    /** The hand-written AEMO files, bare and each zipped under its own name, as NEMweb serves them. */
    private static List<Sample> aemoSamples()
    {
        List<Sample> csv = resources("aemo", name -> name.toUpperCase(java.util.Locale.ROOT).endsWith(".CSV"));
        List<Sample> samples = new ArrayList<>(csv);
        csv.forEach(sample -> samples.add(new Sample(sample.name() + " zipped", new Mutation.Zip(sample.name().substring(sample.name().indexOf('/') + 1),
                Mutation.ZipCompanion.NONE, ZipEntry.DEFLATED).apply(sample.bytes()))));
        return List.copyOf(samples);
    }

    /** A CSV sample the way OASIS's SingleZip sends it: a zip holding it under OASIS's member name. */
    private static Sample oasisZip(Sample csv, String memberName)
    {
        return new Sample(csv.name() + " zipped as " + memberName, new Mutation.Zip(memberName, Mutation.ZipCompanion.NONE, ZipEntry.DEFLATED).apply(csv.bytes()));
    }

    private static List<Path> files(Path directory, Predicate<String> names)
    {
        try (Stream<Path> listing = Files.list(directory)) {
            return listing.filter(Files::isRegularFile)
                    .filter(file -> !file.getFileName().toString().endsWith(".md"))
                    .filter(file -> names.test(file.getFileName().toString()))
                    .sorted()
                    .toList();
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot list fuzz samples in " + directory + ": " + e.getMessage(), e);
        }
    }

    private static List<Sample> concat(List<Sample> first, List<Sample> second)
    {
        return Stream.concat(first.stream(), second.stream()).toList();
    }
}
