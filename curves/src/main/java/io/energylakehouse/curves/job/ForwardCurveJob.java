package io.energylakehouse.curves.job;

import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.table.CanonicalTables;
import io.energylakehouse.common.table.Lakehouse;
import io.energylakehouse.curves.Contract;
import io.energylakehouse.curves.CurveRequest;
import io.energylakehouse.curves.ForwardCurve;
import io.energylakehouse.curves.ForwardCurveBuilder;
import io.energylakehouse.curves.Granularity;
import io.energylakehouse.curves.MarketCalendar;
import io.energylakehouse.curves.Profile;
import io.energylakehouse.curves.ShapeProfile;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;

/**
 * The daily curve job: reads the futures settlements of one trade date from {@code curated.commodity_prices}
 * (latest revision of each contract, at one snapshot, which it records), fits each market's maximum-smoothness
 * curve, and replaces that market's curves of that date and granularity in {@code analytics.forward_curves}.
 * A rerun gives the same rows. A market whose quotes are inconsistent is refused with every inconsistency
 * (unless resolve is asked for) and the other markets are still written.
 */
public final class ForwardCurveJob
{
    private static final Logger log = LoggerFactory.getLogger(ForwardCurveJob.class);

    private final Lakehouse lakehouse;

    public ForwardCurveJob(Lakehouse lakehouse)
    {
        this.lakehouse = requireNonNull(lakehouse, "lakehouse is null");
    }

    public CurveJobResult run(CurveJobOptions options)
    {
        lakehouse.ensure(CanonicalTables.COMMODITY_PRICES);
        lakehouse.ensure(CurveTables.FORWARD_CURVES);
        OptionalLong snapshot = lakehouse.currentSnapshotId(CanonicalTables.COMMODITY_PRICES);
        if (snapshot.isEmpty()) {
            throw LakehouseException.userError("Cannot build curves for %s: curated.commodity_prices is empty; load settlement files first", options.asOf());
        }
        Dataset<Row> settlements = lakehouse.readAtSnapshot(CanonicalTables.COMMODITY_PRICES, snapshot.getAsLong())
                .filter(col("trade_date").equalTo(lit(options.asOf())));
        if (options.market().isPresent()) {
            settlements = settlements.filter(col("market").equalTo(options.market().get().toUpperCase(Locale.ROOT)));
        }
        List<Row> latest = settlements
                .withColumn("latest_revision", max("revision").over(Window.partitionBy("market", "contract_code", "profile")))
                .filter(col("revision").equalTo(col("latest_revision")))
                .select("market", "contract_code", "profile", "delivery_start", "delivery_end", "settlement_price", "currency", "unit")
                .orderBy("market", "delivery_start", "delivery_end", "profile", "contract_code")
                .collectAsList();
        log.info("curves {}: {} settlements of {} from commodity_prices snapshot {}", options.asOf(), latest.size(),
                options.market().orElse("every market"), snapshot.getAsLong());
        if (latest.isEmpty()) {
            throw LakehouseException.userError("Cannot build curves for %s: no settlements of %s on that trade date in curated.commodity_prices",
                    options.asOf(), options.market().orElse("any market"));
        }

        Map<String, List<Row>> byMarket = new TreeMap<>();
        for (Row row : latest) {
            byMarket.computeIfAbsent(row.getString(0) + "|" + row.getString(6) + "|" + row.getString(7), ignored -> new ArrayList<>()).add(row);
        }
        List<CurveJobResult.MarketCurve> curves = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, List<Row>> entry : byMarket.entrySet()) {
            String[] key = entry.getKey().split("\\|");
            String market = key[0];
            try {
                curves.add(fitMarket(market, key[1], key[2], entry.getValue(), options, snapshot.getAsLong()));
            }
            catch (IllegalArgumentException e) {
                log.warn("curves {} {}: refused: {}", options.asOf(), market, e.getMessage());
                failures.add(market + ": " + e.getMessage());
            }
        }
        return new CurveJobResult(curves, failures, snapshot.getAsLong());
    }

    private CurveJobResult.MarketCurve fitMarket(String market, String currency, String unit, List<Row> rows, CurveJobOptions options, long snapshotId)
    {
        long started = System.nanoTime();
        MarketCalendar calendar = calendarOf(market);
        List<Contract> contracts = new ArrayList<>();
        for (Row row : rows) {
            contracts.add(new Contract(row.getString(1), row.getLocalDate(3), row.getLocalDate(4), row.getDouble(5), Profile.parse(row.getString(2))));
        }
        ShapeProfile shape = ShapeProfile.flat();
        String prior = "flat";
        if (options.granularity() == Granularity.HOUR && options.shapeFromHistory()) {
            Optional<ShapeProfile> estimated = ShapeEstimator.estimate(lakehouse.read(CanonicalTables.MARKET_PRICES), market, calendar.zone(),
                    options.asOf(), options.lookbackDays());
            if (estimated.isPresent()) {
                shape = estimated.get();
                prior = "history" + options.lookbackDays() + "d";
            }
            else {
                log.info("curves {} {}: no day-ahead history before {} in curated.market_prices: flat prior", options.asOf(), market, options.asOf());
            }
        }
        CurveRequest request = CurveRequest.defaults(calendar, options.granularity())
                .withWeighting(options.weighting())
                .withShape(shape)
                .withEndCondition(options.endCondition())
                .withBounds(options.lowerBound(), java.util.OptionalDouble.empty())
                .withResolve(options.resolve());
        ForwardCurve curve = ForwardCurveBuilder.build(contracts, request);
        String method = String.format(Locale.ROOT, "max_smoothness weights=%s end=%s prior=%s%s%s", options.weighting().name().toLowerCase(Locale.ROOT),
                options.endCondition().name().toLowerCase(Locale.ROOT).replace('_', '-'), prior,
                options.lowerBound().isPresent() ? " lower=" + options.lowerBound().getAsDouble() : "",
                curve.report().consistent() ? "" : " resolved=least-squares");

        List<Row> output = new ArrayList<>();
        LocalDate asOf = options.asOf();
        for (ForwardCurve.Point point : curve.points()) {
            ZonedDateTime start = point.periodStart();
            Integer hourEnding = null;
            if (options.granularity() == Granularity.HOUR) {
                hourEnding = Math.toIntExact(Duration.between(start.toLocalDate().atStartOfDay(start.getZone()), start).toHours()) + 1;
            }
            output.add(RowFactory.create(asOf, market, point.profile().label(), options.granularity().name().toLowerCase(Locale.ROOT),
                    start.toInstant(), point.periodEnd().toInstant(), start.toLocalDate(), hourEnding,
                    point.price(), currency, unit, method, curve.fittedContracts().size(), contracts.size(), snapshotId));
        }
        Dataset<Row> frame = lakehouse.spark().createDataFrame(output, CurveTables.FORWARD_CURVES.schema());
        lakehouse.overwrite(CurveTables.FORWARD_CURVES, frame, col("market").equalTo(market)
                .and(col("as_of_date").equalTo(lit(asOf)))
                .and(col("granularity").equalTo(options.granularity().name().toLowerCase(Locale.ROOT))));
        long millis = (System.nanoTime() - started) / 1_000_000;
        log.info("curves {} {}: {} contracts ({} fitted) -> {} {} rows in analytics.forward_curves ({} ms, {})", options.asOf(), market, contracts.size(),
                curve.fittedContracts().size(), output.size(), options.granularity().name().toLowerCase(Locale.ROOT), millis, method);
        return new CurveJobResult.MarketCurve(market, contracts.size(), curve.fittedContracts().size(), output.size(), method, millis);
    }

    /** The forward calendar of a market; markets without one (gas hubs, carbon) are base-only in UTC. */
    static MarketCalendar calendarOf(String market)
    {
        try {
            return MarketCalendar.forMarket(market);
        }
        catch (IllegalArgumentException unknown) {
            return new MarketCalendar(market, ZoneOffset.UTC, Optional.empty());
        }
    }
}
