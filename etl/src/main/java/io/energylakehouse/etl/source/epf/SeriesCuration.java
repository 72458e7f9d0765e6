package io.energylakehouse.etl.source.epf;

import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.table.CanonicalTables;
import io.energylakehouse.common.table.Lakehouse;
import io.energylakehouse.common.table.TableSpec;
import io.energylakehouse.common.time.MarketTime;
import io.energylakehouse.etl.raw.LandedRows;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

/**
 * Curates a series dataset's local days into {@code curated.market_prices} (its prices) and
 * {@code curated.fundamentals} (its exogenous series). Revisions are numbered from every file landed for the
 * same keys (market, series, location, interval), so the result depends only on the raw layer; only the days
 * (partitions) where rows are new or differ from the tables are rewritten, one commit per table. A rerun with the
 * same file writes nothing (not even an Iceberg snapshot); a later file with a different value is the key's next
 * revision.
 *
 * <p>Local clock hours become real intervals ({@link ClockHours}): the line of a clock hour the zone skips is
 * quarantined (the authors inserted it), the line of a repeated clock hour is curated on its first interval with
 * {@link SeriesSource#REPEATED_HOUR_SINGLE_VALUE} and the second interval is a {@code missing_intervals} result.
 */
public final class SeriesCuration
{
    private static final Logger log = LoggerFactory.getLogger(SeriesCuration.class);
    private static final StructType CLOCK_HOURS = new StructType()
            .add("time_zone", DataTypes.StringType, false)
            .add("local_date", DataTypes.DateType, false)
            .add("clock_hour", DataTypes.IntegerType, false)
            .add("clock_kind", DataTypes.StringType, false)
            .add("interval_start_utc", DataTypes.TimestampType, true)
            .add("interval_end_utc", DataTypes.TimestampType, true)
            .add("hour_ending", DataTypes.IntegerType, false)
            .add("transition", DataTypes.StringType, true);
    private static final StructType INTERVALS = new StructType()
            .add("operating_date", DataTypes.DateType, false)
            .add("interval_start_utc", DataTypes.TimestampType, false);

    private final Lakehouse lakehouse;

    public SeriesCuration(Lakehouse lakehouse)
    {
        this.lakehouse = requireNonNull(lakehouse, "lakehouse is null");
    }

    public SeriesCurateResult curate(SeriesDataset dataset, Collection<LocalDate> localDates)
    {
        if (localDates.isEmpty()) {
            throw LakehouseException.userError("Cannot curate %s dataset %s: no local dates given", dataset.format().code(), dataset.name());
        }
        List<LocalDate> dates = localDates.stream().sorted().distinct().toList();
        String description = "Curate " + dataset.format().code() + " " + dataset.name() + " " + dates.get(0)
                + (dates.size() > 1 ? ".." + dates.get(dates.size() - 1) : "") + " (" + dates.size() + " local days)";
        lakehouse.describe(description);
        lakehouse.ensureAll(List.of(CanonicalTables.FETCH_LOG, CanonicalTables.QUARANTINE, CanonicalTables.MARKET_PRICES, CanonicalTables.FUNDAMENTALS,
                CanonicalTables.DATA_QUALITY, SeriesTables.RAW_SERIES));
        List<SeriesPair> pairs = LandedRows.committed(lakehouse.read(SeriesTables.RAW_SERIES), lakehouse.read(CanonicalTables.FETCH_LOG))
                .where(col("format").equalTo(dataset.format().code()).and(col("dataset_name").equalTo(dataset.name())).and(expr(dateWindow("local_date", dates))))
                .select("series", "location_id").distinct().orderBy("series", "location_id").collectAsList().stream()
                .map(row -> new SeriesPair(row.getString(0), row.getString(1)))
                .toList();
        if (pairs.isEmpty()) {
            log.info("Stage curate: {}: no raw values", description);
            return new SeriesCurateResult(dates, 0, 0, 0, 0, 0, 0);
        }
        Scope scope = new Scope(dataset.market(), dates, pairs);
        log.info("Stage curate start: {}: reading {} for {} series {}", description, SeriesTables.RAW_SERIES.identifier(), pairs.size(), pairs);

        // Only rows whose landing the fetch log committed count: rows of an interrupted landing are ignored.
        Dataset<Row> raw = LandedRows.committed(lakehouse.read(SeriesTables.RAW_SERIES).where(expr(scope.rawCondition())), lakehouse.read(CanonicalTables.FETCH_LOG));
        List<String> zones = raw.select("time_zone").distinct().as(Encoders.STRING()).collectAsList();
        Dataset<Row> rows = SeriesRows.withUtcInterval(raw, clockHours(zones, dates)).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Dataset<Row> valued = SeriesRows.withReason(rows, dataset.priceRefusal().orElse("the import named none"));
            Dataset<Row> accepted = valued.where(col("reason").isNull());
            Dataset<Row> prices = CanonicalTables.MARKET_PRICES.conform(SeriesRows.prices(accepted)).persist(StorageLevel.MEMORY_AND_DISK());
            Dataset<Row> fundamentals = CanonicalTables.FUNDAMENTALS.conform(SeriesRows.fundamentals(accepted)).persist(StorageLevel.MEMORY_AND_DISK());
            try {
                long rowsWritten = write(dataset.market(), CanonicalTables.MARKET_PRICES, prices, scope.pricesCondition(), scope.partitions("dataset", List.of(SeriesSource.DATASET)));
                rowsWritten += write(dataset.market(), CanonicalTables.FUNDAMENTALS, fundamentals, scope.fundamentalsCondition(), scope.partitions("series", scope.fundamentalSeries()));
                // Other datasets' files may hold values of this scope (BE's and FR's files both hold French load): their own imports quarantined them.
                Column ownFiles = col("format").equalTo(dataset.format().code()).and(col("dataset_name").equalTo(dataset.name()));
                long quarantined = quarantine(SeriesRows.nonexistentLines(rows.where(ownFiles))
                        .unionByName(SeriesRows.rejectedValues(valued.where(col("reason").isNotNull().and(ownFiles)))), dataset.market());
                Dataset<Row> latest = SeriesRows.latestRevision(prices, "dataset").select("market", "dataset", "location_id", "interval_start_utc")
                        .unionByName(SeriesRows.latestRevision(fundamentals, "series").select("market", "dataset", "location_id", "interval_start_utc"));
                Dataset<Row> missingIntervals = CanonicalTables.DATA_QUALITY.conform(SeriesRows.missingIntervals(latest, intervals(dataset.zone(), dates))).localCheckpoint();
                // A rerun writes nothing; a corrected file that fills a gap removes its result.
                long dataQuality = write(dataset.market(), CanonicalTables.DATA_QUALITY, missingIntervals, scope.dataQualityCondition(), scope.partitions("dataset", scope.dataQualityDatasets()));

                // After the writes the scope's rows in the tables are these.
                Row priceCounts = prices.agg(count(lit(1)), count(when(col("revision").gt(1), lit(1)))).first();
                Row fundamentalCounts = fundamentals.agg(count(lit(1)), count(when(col("revision").gt(1), lit(1)))).first();
                SeriesCurateResult result = new SeriesCurateResult(dates, priceCounts.getLong(0), fundamentalCounts.getLong(0), rowsWritten,
                        priceCounts.getLong(1) + fundamentalCounts.getLong(1), quarantined, missingIntervals.count());
                log.info("Stage curate: {} -> {} rows in {} and {} in {} ({} written by this run, {} later revisions), {} quarantined, "
                                + "{} missing_intervals results ({} changed)", description, result.priceRows(), CanonicalTables.MARKET_PRICES.identifier(),
                        result.fundamentalRows(), CanonicalTables.FUNDAMENTALS.identifier(), rowsWritten, result.laterRevisions(), quarantined,
                        result.missingIntervals(), dataQuality);
                return result;
            }
            finally {
                prices.unpersist();
                fundamentals.unpersist();
            }
        }
        finally {
            rows.unpersist();
        }
    }

    /**
     * Makes the scope's rows of the table what curation says, rewriting only the partitions (days) where they
     * differ, in one commit; returns how many rows are new or changed (0 on a rerun, and then nothing is written).
     * Rows of other locations or series in those partitions are kept as they are. The write is clustered by
     * partition ({@code fanout-enabled=false}): a six-year file touches thousands of daily partitions, and a fanout
     * writer keeps a Parquet writer open for each of them.
     *
     * @param partitions the table's partitions on given days, e.g. {@code market = 'NORDPOOL' AND dataset IN ('da_hourly') AND operating_date ...}
     */
    private long write(String market, TableSpec target, Dataset<Row> curated, String scopeCondition, Function<List<LocalDate>, String> partitions)
    {
        Dataset<Row> desired = target.conform(curated);
        // Read once and materialized: a long series is thousands of small daily files, and the table is rewritten from these.
        Dataset<Row> existing = lakehouse.read(target).where(expr(scopeCondition)).localCheckpoint();
        Dataset<Row> changed = desired.except(existing).localCheckpoint();
        long rows = changed.count();
        List<LocalDate> days = changed.select("operating_date").union(existing.except(desired).select("operating_date")).distinct()
                .collectAsList().stream().map(row -> row.getLocalDate(0)).sorted().toList();
        if (!days.isEmpty()) {
            lakehouse.describe("Rewrite " + days.size() + " days of " + target.identifier());
            Column rewritten = expr(partitions.apply(days));
            Dataset<Row> others = lakehouse.read(target).where(rewritten.and(not(expr(scopeCondition))));
            Dataset<Row> replacement = others.unionByName(desired.where(expr(dateWindow("operating_date", days)))).localCheckpoint();
            try {
                org.apache.spark.sql.DataFrameWriterV2<Row> writer = replacement.writeTo(target.identifier()).option("fanout-enabled", "false");
                // Says whose rows the commit wrote, so that a later re-import of another market's file knows its own rows were not touched.
                for (Map.Entry<String, String> property : io.energylakehouse.etl.curate.CurationInputs.marketWrite(market).entrySet()) {
                    writer = writer.option("snapshot-property." + property.getKey(), property.getValue());
                }
                writer.overwrite(rewritten);
            }
            catch (org.apache.spark.sql.catalyst.analysis.NoSuchTableException e) {
                throw new IllegalStateException("Table " + target.identifier() + " vanished while writing", e);
            }
        }
        log.info("Stage curate: {} rows new or changed in {}, {} days rewritten", rows, target.identifier(), days.size());
        return rows;
    }

    /** Inserts the quarantine rows not there yet; returns how many. */
    private long quarantine(Dataset<Row> rejected, String market)
    {
        Dataset<Row> known = lakehouse.read(CanonicalTables.QUARANTINE).where(col("market").equalTo(market).and(col("stage").equalTo("curate")))
                .select("quarantine_id");
        Dataset<Row> fresh = CanonicalTables.QUARANTINE.conform(rejected).join(known, new String[] {"quarantine_id"}, "left_anti").localCheckpoint();
        long rows = fresh.count();
        if (rows > 0) {
            lakehouse.describe("Quarantine " + rows + " series values");
            lakehouse.insertNew(CanonicalTables.QUARANTINE, fresh);
        }
        log.info("Stage curate: quarantined {} new records", rows);
        return rows;
    }

    /** The clock-hour table of every zone and day: how each local clock hour maps to an interval. */
    private Dataset<Row> clockHours(List<String> zones, List<LocalDate> dates)
    {
        List<Row> rows = new ArrayList<>(zones.size() * dates.size() * 24);
        for (String zone : zones) {
            ZoneId zoneId = ZoneId.of(zone);
            for (LocalDate date : dates) {
                for (ClockHours.ClockHour hour : ClockHours.day(zoneId, date)) {
                    Instant start = hour.intervalStartUtc().orElse(null);
                    rows.add(RowFactory.create(zone, date, hour.hour(), hour.kind().name(), start,
                            start == null ? null : start.plus(Duration.ofMinutes(SeriesSource.INTERVAL_MINUTES)), hour.hourEnding(), hour.transition().orElse(null)));
                }
            }
        }
        return lakehouse.spark().createDataFrame(rows, CLOCK_HOURS);
    }

    /** Every real hourly interval of the days in the zone: 23, 24 or 25 per day. */
    private Dataset<Row> intervals(ZoneId zone, List<LocalDate> dates)
    {
        MarketTime time = new MarketTime(zone);
        List<Row> rows = new ArrayList<>(dates.size() * 25);
        for (LocalDate date : dates) {
            for (Instant start : time.intervalStarts(date, SeriesSource.INTERVAL_MINUTES)) {
                rows.add(RowFactory.create(date, start));
            }
        }
        return lakehouse.spark().createDataFrame(rows, INTERVALS);
    }

    /** One SQL condition per run of consecutive days, so a sparse set of days never reads the months between them. */
    static String dateWindow(String column, List<LocalDate> sortedDates)
    {
        List<String> runs = new ArrayList<>();
        int runStart = 0;
        for (int i = 1; i <= sortedDates.size(); i++) {
            if (i == sortedDates.size() || !sortedDates.get(i).equals(sortedDates.get(i - 1).plusDays(1))) {
                runs.add(column + " BETWEEN DATE '" + sortedDates.get(runStart) + "' AND DATE '" + sortedDates.get(i - 1) + "'");
                runStart = i;
            }
        }
        return "(" + String.join(" OR ", runs) + ")";
    }

    private static String quoted(String value)
    {
        return "'" + value.replace("'", "''") + "'";
    }

    private record SeriesPair(String series, String locationId)
    {
        boolean isPrice()
        {
            return series.equals(Series.PRICE_PER_MWH.code());
        }

        /** The dataset column of its rows in curated.quarantine and curated.data_quality: da_hourly for the price, else the series. */
        String dataset()
        {
            return isPrice() ? SeriesSource.DATASET : series;
        }

        @Override
        public String toString()
        {
            return series + "@" + locationId;
        }
    }

    /** What one curation owns: a market's series at their locations on a set of local days, as SQL conditions. */
    private record Scope(String market, List<LocalDate> dates, List<SeriesPair> pairs)
    {
        String rawCondition()
        {
            return "market = " + quoted(market) + " AND " + dateWindow("local_date", dates) + " AND " + anyPair("series", pair -> pair.series);
        }

        String pricesCondition()
        {
            List<SeriesPair> prices = pairs.stream().filter(SeriesPair::isPrice).toList();
            return "market = " + quoted(market) + " AND dataset = " + quoted(SeriesSource.DATASET) + " AND " + dateWindow("operating_date", dates) + " AND "
                    + (prices.isEmpty() ? "false" : "location_id IN (" + prices.stream().map(pair -> quoted(pair.locationId)).collect(Collectors.joining(", ")) + ")");
        }

        String fundamentalsCondition()
        {
            return "market = " + quoted(market) + " AND " + dateWindow("operating_date", dates) + " AND "
                    + anyPair("series", pair -> pair.series, pair -> !pair.isPrice());
        }

        String dataQualityCondition()
        {
            return "market = " + quoted(market) + " AND check_name = " + quoted(SeriesSource.MISSING_INTERVALS) + " AND " + dateWindow("operating_date", dates)
                    + " AND " + anyPair("dataset", SeriesPair::dataset);
        }

        List<String> fundamentalSeries()
        {
            return pairs.stream().filter(pair -> !pair.isPrice()).map(SeriesPair::series).distinct().toList();
        }

        List<String> dataQualityDatasets()
        {
            return pairs.stream().map(SeriesPair::dataset).distinct().toList();
        }

        /** Whole partitions (market, {@code column}, operating_date) of the values given, on the days asked for. */
        Function<List<LocalDate>, String> partitions(String column, List<String> values)
        {
            return days -> "market = " + quoted(market) + " AND " + column + " IN (" + values.stream().map(SeriesCuration::quoted).collect(Collectors.joining(", "))
                    + ") AND " + dateWindow("operating_date", days);
        }

        private String anyPair(String column, Function<SeriesPair, String> value)
        {
            return anyPair(column, value, pair -> true);
        }

        /** {@code (column = value AND location_id = location) OR ...} over the pairs kept; {@code false} when none is. */
        private String anyPair(String column, Function<SeriesPair, String> value, Predicate<SeriesPair> kept)
        {
            List<String> terms = pairs.stream().filter(kept)
                    .map(pair -> "(" + column + " = " + quoted(value.apply(pair)) + " AND location_id = " + quoted(pair.locationId) + ")")
                    .toList();
            return terms.isEmpty() ? "false" : "(" + String.join(" OR ", terms) + ")";
        }
    }
}
