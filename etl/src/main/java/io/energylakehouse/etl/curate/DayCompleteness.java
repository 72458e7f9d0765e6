package io.energylakehouse.etl.curate;

import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.table.CanonicalTables;
import io.energylakehouse.common.table.Lakehouse;
import io.energylakehouse.common.time.MarketTime;
import org.apache.iceberg.expressions.Expressions;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;

/**
 * Does an operating day's partition of {@code curated.market_prices} hold the whole day? The scheduled pipeline
 * runs this between curating and publishing, so a day that is not whole is never published as if it were. The
 * day is whole when each of its declared {@link Check}s passes:
 * <ul>
 * <li>{@code rows}: the partition holds rows;</li>
 * <li>{@code hours}: it holds every hour ending of the day in the market's time zone (23 on a spring-forward day,
 * 25 on a fall-back day, else 24);</li>
 * <li>{@code published_locations}: every location a published dataset is made of (the location types the caller
 * names, e.g. the hubs that publishing averages) holds every interval of the day.</li>
 * </ul>
 * Other locations missing intervals are counted and named but do not fail the day: nothing published averages
 * them, and their gaps are rows of {@code curated.data_quality}. A location of {@code curated.locations} that is valid
 * on the day but has no row on it at all ({@code location_missing_day}, found by curation) misses every interval: it
 * fails the day when it is of a published type, and is counted and named with the others otherwise.
 */
public final class DayCompleteness
{
    private static final Logger log = LoggerFactory.getLogger(DayCompleteness.class);
    private static final int EXAMPLES = 5;

    private final Lakehouse lakehouse;

    public DayCompleteness(Lakehouse lakehouse)
    {
        this.lakehouse = requireNonNull(lakehouse, "lakehouse is null");
    }

    /** One declared check of a day: its name, whether it passed, how many things failed it, and what it found. */
    public record Check(String name, boolean passed, long failing, String detail)
    {
        public Check
        {
            requireNonNull(name, "name is null");
            requireNonNull(detail, "detail is null");
        }
    }

    /**
     * @param hoursSeen distinct hour-ending values in the partition
     * @param publishedShort locations of a published type holding fewer intervals than the day has, e.g. {@code TH_NP15_GEN-APND (23 of 24 intervals)}
     * @param otherShortLocations other locations holding fewer intervals than the day has (up to five named in {@code otherExamples})
     */
    public record Result(String market, String dataset, LocalDate operatingDate, int expectedHours, int hoursSeen, long locations,
            List<String> publishedShort, long otherShortLocations, List<String> otherExamples, List<Check> declared)
    {
        public Result
        {
            requireNonNull(market, "market is null");
            requireNonNull(dataset, "dataset is null");
            requireNonNull(operatingDate, "operatingDate is null");
            publishedShort = List.copyOf(publishedShort);
            otherExamples = List.copyOf(otherExamples);
            declared = List.copyOf(declared);
        }

        /** The declared checks of the day, in order. */
        public List<Check> checks()
        {
            List<Check> checks = new ArrayList<>(List.of(
                    new Check("rows", locations > 0, locations > 0 ? 0 : 1, locations + " locations"),
                    new Check("hours", locations > 0 && hoursSeen == expectedHours, Math.abs(expectedHours - hoursSeen), hoursSeen + " of " + expectedHours + " hours"),
                    new Check("published_locations", locations > 0 && publishedShort.isEmpty(), publishedShort.size(), publishedShort.isEmpty()
                            ? "every published location holds every interval"
                            : publishedShort.size() + " published locations miss intervals: " + String.join(", ", publishedShort))));
            checks.addAll(declared);
            return checks;
        }

        public boolean complete()
        {
            return checks().stream().allMatch(Check::passed);
        }

        /** Why the day is not complete, as the error a scheduler shows; empty when it is. */
        public Optional<String> problem()
        {
            String day = market + " " + dataset + " for operating day " + operatingDate;
            if (locations == 0) {
                return Optional.of("Cannot confirm " + day + ": curated.market_prices holds no rows for it "
                        + "(was it ingested and curated? see curated.quarantine and raw.fetch_log)");
            }
            if (hoursSeen != expectedHours) {
                return Optional.of(String.format("Cannot confirm %s: the partition holds %d distinct hours where the day has %d in the market's time zone",
                        day, hoursSeen, expectedHours));
            }
            if (!publishedShort.isEmpty()) {
                return Optional.of("Cannot confirm " + day + ": published datasets average locations that miss intervals: " + String.join(", ", publishedShort)
                        + " (published rows of the day carry is_*_complete = false; see curated.data_quality)");
            }
            return declared.stream().filter(check -> !check.passed()).findFirst()
                    .map(check -> "Cannot confirm " + day + ": check " + check.name() + " failed: " + check.detail());
        }
    }

    /**
     * @param publishedLocationTypes the {@code location_type}s published datasets are made of (e.g. {@code hub})
     */
    public Result check(String market, String dataset, LocalDate operatingDate, MarketTime time, Set<String> publishedLocationTypes)
    {
        Dataset<Row> day = lakehouse.read(CanonicalTables.MARKET_PRICES)
                .where(col("market").equalTo(lit(market)).and(col("dataset").equalTo(lit(dataset))).and(col("operating_date").equalTo(lit(java.sql.Date.valueOf(operatingDate)))));
        int expectedHours = time.hoursInDay(operatingDate);
        Row overall = day.agg(countDistinct(col("hour_ending")), countDistinct(col("location_id"))).first();
        int hoursSeen = (int) overall.getLong(0);
        long locations = overall.getLong(1);
        List<String> publishedShort = new ArrayList<>();
        List<String> otherExamples = new ArrayList<>();
        long otherShort = 0;
        if (locations > 0) {
            // Every location should hold hours * (60 / interval length) distinct intervals; at most one row per location.
            List<Row> shortLocations = day.groupBy("location_id", "location_type", "interval_minutes")
                    .agg(countDistinct(col("interval_start_utc")).as("intervals"))
                    .where(col("intervals").lt(lit(expectedHours).multiply(lit(60)).divide(col("interval_minutes"))))
                    .orderBy("location_id")
                    .collectAsList();
            for (Row row : shortLocations) {
                String description = row.getString(0) + " (" + row.getLong(3) + " of " + expectedHours * 60 / row.getInt(2) + " intervals)";
                if (publishedLocationTypes.contains(row.getString(1))) {
                    publishedShort.add(description);
                }
                else {
                    otherShort++;
                    if (otherExamples.size() < EXAMPLES) {
                        otherExamples.add(description);
                    }
                }
            }
        }
        // Locations of curated.locations valid on the day but without a row on it (curation's location_missing_day results) miss every interval.
        Map<String, String> locationTypes = null;
        for (org.apache.iceberg.data.Record missing : lakehouse.scan(CanonicalTables.DATA_QUALITY, Expressions.and(Expressions.equal("market", market),
                Expressions.equal("dataset", dataset), Expressions.equal("operating_date", (int) operatingDate.toEpochDay()),
                Expressions.equal("check_name", LocationMaster.LOCATION_MISSING_DAY)), List.of("location_id", "expected_count", "detail"))) {
            if (locationTypes == null) {
                locationTypes = new java.util.HashMap<>();
                for (org.apache.iceberg.data.Record location : lakehouse.scan(CanonicalTables.LOCATIONS, Expressions.equal("market", market),
                        List.of("location_id", "location_type"))) {
                    locationTypes.put((String) location.getField("location_id"), (String) location.getField("location_type"));
                }
            }
            String locationId = (String) missing.getField("location_id");
            String description = locationId + " (0 of " + missing.getField("expected_count") + " intervals: " + missing.getField("detail") + ")";
            if (publishedLocationTypes.contains(locationTypes.get(locationId))) {
                publishedShort.add(description);
            }
            else {
                otherShort++;
                if (otherExamples.size() < EXAMPLES) {
                    otherExamples.add(description);
                }
            }
        }
        List<Check> declared = locations > 0 ? DeclaredChecks.of(CanonicalTables.MARKET_PRICES, day) : List.of();
        Result result = new Result(market, dataset, operatingDate, expectedHours, hoursSeen, locations, publishedShort, otherShort, otherExamples, declared);
        log.info("Stage check: {} {} {}: {} of {} hours, {} locations, {} published locations short, {} others short: {}", market, dataset, operatingDate,
                hoursSeen, expectedHours, locations, publishedShort.size(), otherShort, result.complete() ? "whole" : "NOT WHOLE");
        return result;
    }

    /** Prefix of the check names the day checks write to {@code curated.data_quality}, beside curation's per-location results. */
    public static final String RECORDED_PREFIX = "day_";

    /**
     * Records the days' failed checks in {@code curated.data_quality} (check {@code day_<name>}, location {@code *}),
     * replacing what an earlier check of the day recorded; writes nothing when a day passes and nothing was recorded
     * for it before, so a passing check stays a reader.
     */
    public void record(List<Result> results)
    {
        for (Result result : results) {
            List<Check> failed = result.checks().stream().filter(check -> !check.passed()).toList();
            org.apache.iceberg.expressions.Expression partition = org.apache.iceberg.expressions.Expressions.and(
                    org.apache.iceberg.expressions.Expressions.equal("market", result.market()),
                    org.apache.iceberg.expressions.Expressions.equal("dataset", result.dataset()),
                    org.apache.iceberg.expressions.Expressions.equal("operating_date", (int) result.operatingDate().toEpochDay()),
                    org.apache.iceberg.expressions.Expressions.startsWith("check_name", RECORDED_PREFIX));
            boolean recordedBefore = !lakehouse.scan(CanonicalTables.DATA_QUALITY, partition, List.of("check_name")).isEmpty();
            if (failed.isEmpty() && !recordedBefore) {
                continue;
            }
            String where = String.format("market = '%s' AND dataset = '%s' AND operating_date = DATE '%s' AND check_name LIKE '%s%%'",
                    result.market().replace("'", "''"), result.dataset().replace("'", "''"), result.operatingDate(), RECORDED_PREFIX);
            lakehouse.ensure(CanonicalTables.DATA_QUALITY);
            if (recordedBefore) {
                lakehouse.spark().sql("DELETE FROM " + CanonicalTables.DATA_QUALITY.identifier() + " WHERE " + where);
            }
            if (!failed.isEmpty()) {
                lakehouse.appendRows(CanonicalTables.DATA_QUALITY, failed.stream().map(check -> org.apache.spark.sql.RowFactory.create(result.market(),
                        result.dataset(), result.operatingDate(), RECORDED_PREFIX + check.name(), "*", 0L, check.failing(), check.detail())).toList());
            }
            log.info("Stage check: {} {} {}: {} failed checks recorded in {}", result.market(), result.dataset(), result.operatingDate(), failed.size(),
                    CanonicalTables.DATA_QUALITY.identifier());
        }
    }

    /** Throws the problem of the first day that is not whole as a data error. */
    public static void requireComplete(List<Result> results)
    {
        for (Result result : results) {
            Optional<String> problem = result.problem();
            if (problem.isPresent()) {
                throw LakehouseException.badData("%s", problem.get());
            }
        }
    }
}
