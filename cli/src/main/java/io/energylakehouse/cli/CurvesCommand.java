package io.energylakehouse.cli;

import io.energylakehouse.common.FileErrors;
import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.ErrorCode;
import io.energylakehouse.common.table.Lakehouse;
import io.energylakehouse.curves.Contract;
import io.energylakehouse.curves.ContractsCsv;
import io.energylakehouse.curves.CurveRequest;
import io.energylakehouse.curves.DeliveryGrid;
import io.energylakehouse.curves.EndCondition;
import io.energylakehouse.curves.ForwardCurve;
import io.energylakehouse.curves.ForwardCurveBuilder;
import io.energylakehouse.curves.Granularity;
import io.energylakehouse.curves.InconsistentQuotesException;
import io.energylakehouse.curves.MarketCalendar;
import io.energylakehouse.curves.ShapeProfile;
import io.energylakehouse.curves.TenorReconciliation;
import io.energylakehouse.curves.Weighting;
import io.energylakehouse.curves.job.CurveJobOptions;
import io.energylakehouse.curves.job.CurveJobResult;
import io.energylakehouse.curves.job.ForwardCurveJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;

@Command(name = "curves",
        mixinStandardHelpOptions = true,
        description = {"Forward curves: the maximum-smoothness curve of Benth, Koekebakker and Ollmar (2007) through traded contracts,",
                "with tenor reconciliation (calendars, seasons, quarters, months, weeks; base, peak, off-peak) and shape priors."},
        subcommands = {CurvesCommand.Fit.class, CurvesCommand.Reconcile.class, CurvesCommand.Build.class})
final class CurvesCommand
{
    /** Options shared by fit and reconcile: the quotes file and the calendar they average over. */
    static final class QuoteOptions
    {
        @Option(names = "--contracts", required = true, paramLabel = "FILE.csv",
                description = "Quotes: contract,delivery_start,delivery_end,price[,profile] (ISO dates, end exclusive; profile base|peak|offpeak)")
        Path contracts;

        @Option(names = "--market", paramLabel = "MARKET", description = "Calendar of peak hours and time zone: PJM, ERCOT, CAISO, MISO, NYISO, SPP or EEX (EEX-<area>); needed for peak/offpeak quotes")
        String market;

        @Option(names = "--timezone", paramLabel = "TZ", description = "Time zone of the delivery dates (default: the market's, else UTC), e.g. Europe/Berlin")
        String timezone;

        @Option(names = "--weights", defaultValue = "hours", paramLabel = "hours|days",
                description = "How a contract averages its periods: by delivery hours in the zone (default; DST days count 23 and 25) or each day equally")
        String weights;

        @Option(names = "--granularity", defaultValue = "day", paramLabel = "day|hour", description = "Curve periods (default ${DEFAULT-VALUE})")
        String granularity;

        @Option(names = "--tolerance", defaultValue = "0.005", paramLabel = "PRICE",
                description = "Gaps between a quote and the quotes that tile it up to this are rounding (default ${DEFAULT-VALUE})")
        double tolerance;

        MarketCalendar calendar()
        {
            try {
                MarketCalendar calendar = market == null ? MarketCalendar.baseOnly(ZoneOffset.UTC) : MarketCalendar.forMarket(market);
                if (timezone != null) {
                    ZoneId zone = ZoneId.of(timezone);
                    calendar = market == null ? MarketCalendar.baseOnly(zone) : calendar.withZone(zone);
                }
                return calendar;
            }
            catch (DateTimeException e) {
                throw LakehouseException.userError("Cannot use time zone '%s': %s", timezone, e.getMessage());
            }
            catch (IllegalArgumentException e) {
                throw LakehouseException.userError("%s", e.getMessage());
            }
        }

        List<Contract> read()
        {
            try {
                return ContractsCsv.parse(Files.readString(contracts, StandardCharsets.UTF_8), contracts.toString());
            }
            catch (IOException e) {
                throw LakehouseException.userError("Cannot read contracts %s: %s", contracts, FileErrors.reason(e));
            }
            catch (IllegalArgumentException e) {
                throw LakehouseException.badData("%s", e.getMessage());
            }
        }
    }

    @Command(name = "fit",
            mixinStandardHelpOptions = true,
            description = {"Fits a forward curve to the quotes of a CSV file and writes period_start,period_end,price (plus profile when",
                    "daily base, peak and off-peak curves are fitted together). Prints what it fitted and every inconsistency it found;",
                    "inconsistent quotes are refused (exit 2) unless --resolve adjusts them by least squares."},
            footer = {"", "Examples:",
                    "  bin/lakehouse curves fit --contracts quotes.csv --granularity day --weights days \\",
                    "      --dow-shape 0.95,0.99,1.05,1.01,0.98,0.92,0.91 --out curve.csv",
                    "  bin/lakehouse curves fit --contracts pjm.csv --market PJM --granularity hour \\",
                    "      --shape pjm-shape.csv --min-price 0 --out pjm-hourly.csv"})
    static final class Fit
            implements Callable<Integer>
    {
        @Mixin
        QuoteOptions quotes;

        @Option(names = "--dow-shape", paramLabel = "M,T,W,T,F,S,S", description = "Multiplicative day-of-week prior, Monday first")
        String dowShape;

        @Option(names = "--shape", paramLabel = "FILE.csv", description = "Shape prior: factor with day_of_week (1..7 or Mon..Sun) and/or hour_ending (1..24) columns")
        Path shapeFile;

        @Option(names = "--shape-mode", defaultValue = "multiply", paramLabel = "multiply|add", description = "How --shape applies: price = spline x factor (default) or spline + factor")
        String shapeMode;

        @Option(names = "--end-condition", defaultValue = "none", paramLabel = "none|zero-slope",
                description = "none (default, as cmdty/curves) or zero-slope at the far end (Benth et al.)")
        String endCondition;

        @Option(names = "--min-price", paramLabel = "PRICE", description = "Lower bound on every period's price (e.g. 0); solved as a QP")
        Double minPrice;

        @Option(names = "--max-price", paramLabel = "PRICE", description = "Upper bound on every period's price; solved as a QP")
        Double maxPrice;

        @Option(names = "--resolve", description = "Adjust inconsistent quotes by least squares over the finest partition (closest to the prior) instead of refusing them")
        boolean resolve;

        @Option(names = "--out", required = true, paramLabel = "FILE.csv", description = "Where to write the curve ('-' for standard output)")
        String out;

        @Override
        public Integer call()
        {
            List<Contract> contracts = quotes.read();
            CurveRequest request;
            try {
                request = CurveRequest.defaults(quotes.calendar(), Granularity.parse(quotes.granularity))
                        .withWeighting(Weighting.parse(quotes.weights))
                        .withShape(shape())
                        .withEndCondition(EndCondition.parse(endCondition))
                        .withBounds(optional(minPrice), optional(maxPrice))
                        .withResolve(resolve)
                        .withTolerance(quotes.tolerance);
            }
            catch (IllegalArgumentException e) {
                throw LakehouseException.userError("%s", e.getMessage());
            }
            long started = System.nanoTime();
            ForwardCurve curve;
            try {
                curve = ForwardCurveBuilder.build(contracts, request);
            }
            catch (InconsistentQuotesException e) {
                e.lines().forEach(line -> System.err.println("inconsistent: " + line));
                throw new LakehouseException(ErrorCode.BAD_EXTERNAL_DATA, "Cannot fit the curve: " + e.lines().size()
                        + " inconsistencies among the quotes of " + quotes.contracts + " (listed above); fix them or rerun with --resolve");
            }
            catch (IllegalArgumentException e) {
                throw LakehouseException.badData("%s", e.getMessage());
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            curve.report().describe().forEach(line -> System.err.println("resolved: " + line));
            String csv = ContractsCsv.format(curve, request.granularity());
            if (out.equals("-")) {
                System.out.print(csv);
            }
            else {
                try {
                    Files.writeString(Path.of(out), csv, StandardCharsets.UTF_8);
                }
                catch (IOException e) {
                    throw LakehouseException.userError("Cannot write the curve to %s: %s", out, FileErrors.reason(e));
                }
            }
            System.err.printf(Locale.ROOT, "curve: %d contracts (%d fitted, %d implied by others), %d %s points, %s, fitted in %.3f s%s%n",
                    contracts.size(), curve.fittedContracts().size(), contracts.size() - curve.fittedContracts().size(), curve.points().size(),
                    request.granularity().name().toLowerCase(Locale.ROOT), request.calendar().market() + " " + request.calendar().zone(), seconds,
                    out.equals("-") ? "" : " -> " + out);
            return 0;
        }

        private ShapeProfile shape()
        {
            if (dowShape != null && shapeFile != null) {
                throw new IllegalArgumentException("Cannot use both --dow-shape and --shape: give one prior");
            }
            if (dowShape != null) {
                return ShapeProfile.parseDayOfWeek(dowShape);
            }
            if (shapeFile != null) {
                try {
                    return ShapeProfile.parseCsv(Files.readString(shapeFile, StandardCharsets.UTF_8), ShapeProfile.Mode.parse(shapeMode), shapeFile.toString());
                }
                catch (IOException e) {
                    throw new IllegalArgumentException("Cannot read shape " + shapeFile + ": " + FileErrors.reason(e));
                }
            }
            return ShapeProfile.flat();
        }
    }

    @Command(name = "reconcile",
            mixinStandardHelpOptions = true,
            description = {"Checks overlapping quotes for arbitrage: every contract that other quotes tile exactly (a calendar and its quarters,",
                    "a quarter and its months, a base month and its peak and off-peak) is compared with the average they imply, and",
                    "least-squares residuals catch the rest. Prints each inconsistency with its size and the bootstrapped non-overlapping",
                    "contracts (least squares over the finest partition). Exit 0 when consistent, 2 when not."},
            footer = {"", "Example:", "  bin/lakehouse curves reconcile --contracts quotes.csv --market EEX"})
    static final class Reconcile
            implements Callable<Integer>
    {
        @Mixin
        QuoteOptions quotes;

        @Override
        public Integer call()
        {
            List<Contract> contracts = quotes.read();
            TenorReconciliation reconciliation;
            try {
                DeliveryGrid grid = DeliveryGrid.covering(quotes.calendar(), Granularity.parse(quotes.granularity), Weighting.parse(quotes.weights), contracts);
                reconciliation = new TenorReconciliation(grid, contracts, ShapeProfile.flat().onGrid(grid), quotes.tolerance);
            }
            catch (IllegalArgumentException e) {
                throw LakehouseException.userError("%s", e.getMessage());
            }
            TenorReconciliation.Report report = reconciliation.check();
            if (report.consistent()) {
                System.out.printf("consistent: %d quotes, %d independent%n", contracts.size(), reconciliation.independentSubset().size());
            }
            report.describe().forEach(line -> System.out.println("inconsistent: " + line));
            System.out.println("bootstrapped (least squares over the finest partition):");
            System.out.println("delivery_start,delivery_end,profile,price");
            for (Contract cell : reconciliation.resolve().bootstrapped()) {
                System.out.printf(Locale.ROOT, "%s,%s,%s,%.6f%n", cell.deliveryStart(), cell.deliveryEnd(), cell.profile().label(), cell.price());
            }
            return report.consistent() ? 0 : ErrorCode.BAD_EXTERNAL_DATA.exitCode();
        }
    }

    @Command(name = "build",
            mixinStandardHelpOptions = true,
            description = {"The daily curve job: fits every market's curve (or --market's) to the futures settlements of trade date --as-of in",
                    "curated.commodity_prices and replaces them in analytics.forward_curves (idempotent). A market with inconsistent",
                    "quotes is refused with every inconsistency (exit 2 at the end) unless --resolve; the others are still written."},
            footer = {"", "Examples:", "  bin/lakehouse curves build --as-of 2024-06-14",
                    "  bin/lakehouse curves build --as-of 2024-06-14 --market PJM --granularity hour --shape-from-history"})
    static final class Build
            implements Callable<Integer>, SparkJob
    {
        @Mixin
        GlobalOptions global;

        @Override
        public GlobalOptions global()
        {
            return global;
        }

        @Option(names = "--as-of", required = true, paramLabel = "DATE", description = "Trade date of the settlements")
        LocalDate asOf;

        @Option(names = "--market", paramLabel = "MARKET", description = "Only this market (default: every market with settlements that day)")
        String market;

        @Option(names = "--granularity", defaultValue = "day", paramLabel = "day|hour", description = "Curve periods (default ${DEFAULT-VALUE})")
        String granularity;

        @Option(names = "--weights", defaultValue = "hours", paramLabel = "hours|days", description = "How a contract averages its periods (default ${DEFAULT-VALUE})")
        String weights;

        @Option(names = "--end-condition", defaultValue = "none", paramLabel = "none|zero-slope", description = "End condition (default ${DEFAULT-VALUE})")
        String endCondition;

        @Option(names = "--shape-from-history", description = "Hourly curves: estimate the day-of-week x hour shape from the market's curated day-ahead prices")
        boolean shapeFromHistory;

        @Option(names = "--lookback-days", defaultValue = "365", paramLabel = "DAYS", description = "History used for the shape (default ${DEFAULT-VALUE})")
        int lookbackDays;

        @Option(names = "--min-price", paramLabel = "PRICE", description = "Lower bound on every period's price")
        Double minPrice;

        @Option(names = "--resolve", description = "Adjust inconsistent quotes by least squares instead of refusing the market")
        boolean resolve;

        @Override
        public Integer call()
        {
            CurveJobOptions options;
            try {
                options = new CurveJobOptions(asOf, Optional.ofNullable(market), Granularity.parse(granularity), Weighting.parse(weights),
                        EndCondition.parse(endCondition), resolve, shapeFromHistory, lookbackDays, optional(minPrice));
            }
            catch (IllegalArgumentException e) {
                throw LakehouseException.userError("%s", e.getMessage());
            }
            CurveJobResult result;
            try (Lakehouse lakehouse = global.openLakehouse("lakehouse-curves")) {
                result = new ForwardCurveJob(lakehouse).run(options);
            }
            for (CurveJobResult.MarketCurve curve : result.curves()) {
                System.out.printf(Locale.ROOT, "%-10s %3d quotes, %3d fitted, %7d rows, %6d ms  %s%n", curve.market(), curve.contractsQuoted(),
                        curve.contractsFitted(), curve.rows(), curve.fitMillis(), curve.method());
            }
            result.failures().forEach(failure -> System.out.println("refused: " + failure));
            System.out.printf("curves %s: %d markets, %d rows in analytics.forward_curves (commodity_prices snapshot %d)%n", options.asOf(),
                    result.curves().size(), result.rows(), result.inputSnapshotId());
            if (!result.failures().isEmpty()) {
                throw LakehouseException.badData("Cannot build the curves of %d market(s) for %s: their quotes are inconsistent (listed above); rerun with --resolve to adjust them",
                        result.failures().size(), options.asOf());
            }
            return 0;
        }
    }

    static OptionalDouble optional(Double value)
    {
        return value == null ? OptionalDouble.empty() : OptionalDouble.of(value);
    }
}
