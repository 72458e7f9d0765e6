package io.energylakehouse.etl.source.caiso;

import io.energylakehouse.etl.curate.CanonicalPrices;
import io.energylakehouse.common.table.CanonicalTables;
import io.energylakehouse.common.table.Lakehouse;
import io.energylakehouse.etl.curate.CurateResult;
import io.energylakehouse.etl.curate.CurationInputs;
import io.energylakehouse.etl.curate.DataQualityResult;
import io.energylakehouse.etl.raw.Landing;
import io.energylakehouse.etl.raw.LandedRows;
import io.energylakehouse.etl.curate.MarketPrices;
import io.energylakehouse.etl.curate.PriceRow;
import io.energylakehouse.etl.curate.PriceRows;
import io.energylakehouse.etl.raw.Hashing;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;

/**
 * Curates CAISO prices of one report for a set of operating days into {@code curated.market_prices}.
 * The run owns exactly the partitions (CAISO, dataset, operating_date) of its days and replaces them in
 * one Iceberg commit: rerunning a day gives the same rows, and a neighbouring day's hours (which share its
 * UTC dates) are never touched.
 */
public final class CaisoCuration
{
    private static final Logger log = LoggerFactory.getLogger(CaisoCuration.class);

    /** $/MWh: OASIS rounds components to 5 decimals, so their sum may differ from the total by a few 1e-5. */
    public static final double TOTAL_TOLERANCE_PER_MWH = 0.01;

    /**
     * Raw rows up to which a curation runs on the driver instead of in Spark jobs: about two days of a thousand nodes'
     * hourly prices, or a day of 170 nodes' five-minute prices, some 100 MB of driver memory at most.
     */
    public static final long DRIVER_MAX_RAW_ROWS = 250_000;

    private final Lakehouse lakehouse;
    private final long driverMaxRawRows;

    public CaisoCuration(Lakehouse lakehouse)
    {
        this(lakehouse, DRIVER_MAX_RAW_ROWS);
    }

    /** @param driverMaxRawRows curate on the driver when the days' raw rows are at most this many; 0 always uses Spark */
    public CaisoCuration(Lakehouse lakehouse, long driverMaxRawRows)
    {
        this.lakehouse = requireNonNull(lakehouse, "lakehouse is null");
        if (driverMaxRawRows < 0) {
            throw new IllegalArgumentException("driverMaxRawRows must not be negative: " + driverMaxRawRows);
        }
        this.driverMaxRawRows = driverMaxRawRows;
    }

    public CurateResult curate(OasisReport report, List<LocalDate> operatingDates)
    {
        return curate(report, operatingDates, false);
    }

    /**
     * @param force curate even when the days' inputs are those the last curation of each day recorded; without it a
     * rerun with nothing new reads no raw row and commits nothing
     */
    public CurateResult curate(OasisReport report, List<LocalDate> operatingDates, boolean force)
    {
        if (operatingDates.isEmpty()) {
            throw io.energylakehouse.common.LakehouseException.userError("Cannot curate CAISO %s: no operating dates given", report.queryName());
        }
        List<LocalDate> dates = operatingDates.stream().sorted().distinct().toList();
        String description = "Curate CAISO " + report.dataset() + " " + dates.get(0) + (dates.size() > 1 ? ".." + dates.get(dates.size() - 1) : "");
        lakehouse.describe(description);
        lakehouse.ensureAll(CanonicalTables.all());

        Map<LocalDate, String> inputs = CurationInputs.digests(lakehouse, CaisoMarket.SOURCE, report.queryName(), dates);
        Map<LocalDate, CurationInputs.DaySummary> recorded = CurationInputs.recorded(lakehouse, CanonicalTables.MARKET_PRICES, CaisoMarket.MARKET, report.dataset(), dates);
        boolean unchanged = dates.stream().allMatch(date -> recorded.containsKey(date) && recorded.get(date).inputs().equals(inputs.get(date)));
        if (unchanged && !force) {
            CurateResult result = CurateResult.unchanged(CaisoMarket.MARKET, report.dataset(), recorded);
            log.info("Stage curate: {} unchanged: the {} days' inputs are those their last curation read; nothing written ({} rows, use --force to rebuild)",
                    description, dates.size(), result.rowsWritten());
            return result;
        }
        Column runPartitions = col("market").equalTo(CaisoMarket.MARKET)
                .and(col("dataset").equalTo(report.dataset()))
                .and(col("operating_date").isin(dates.toArray()));
        long rawRows = rawRowsInWindow(report, dates);
        Map<LocalDate, CurationInputs.DaySummary> days;
        if (rawRows <= driverMaxRawRows) {
            log.info("Stage curate start: {}: reading {} and raw.fetch_log on the driver (at most {} raw rows, the limit is {})",
                    description, CaisoTables.rawTable(report).identifier(), rawRows, driverMaxRawRows);
            days = curateOnDriver(report, dates, inputs);
        }
        else {
            log.info("Stage curate start: {}: reading {} and raw.fetch_log with Spark (up to {} raw rows, more than {})",
                    description, CaisoTables.rawTable(report).identifier(), rawRows, driverMaxRawRows);
            days = curateWithSpark(report, dates, inputs, runPartitions);
        }
        CurateResult result = CurateResult.written(CaisoMarket.MARKET, report.dataset(), days);
        log.info("Stage curate: {} -> {} rows for {} locations on {} days, {} quarantined, data-quality issues {}",
                description, result.rowsWritten(), result.locations(), dates.size(), result.quarantined(), result.dataQualityIssues());
        return result;
    }

    /**
     * The rows of the days in Spark: for inputs larger than the driver should hold. Writes quarantine, data quality and
     * prices, the prices last: their commit records the inputs, so a run that dies before it is done again in full.
     */
    private Map<LocalDate, CurationInputs.DaySummary> curateWithSpark(OasisReport report, List<LocalDate> dates, Map<LocalDate, String> inputs, Column runPartitions)
    {
        Column inWindow = rawWindow(dates);
        Dataset<Row> raw = CaisoPrices.withValueColumn(lakehouse.read(CaisoTables.rawTable(report)).where(inWindow), report);
        // Only rows whose landing the fetch log committed count: rows of an interrupted landing are ignored.
        Dataset<Row> withPublication = LandedRows.committed(raw, lakehouse.read(CanonicalTables.FETCH_LOG));

        Dataset<Row> prices = MarketPrices.withOperatingTime(
                        CaisoPrices.withMarketColumns(CaisoPrices.pivotLmpTypes(withPublication), report), CaisoMarket.TIME)
                .where(col("operating_date").isin(dates.toArray()))
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Dataset<Row> accepted = prices.where(col("reason").isNull());
            Dataset<Row> curated = MarketPrices.withDqFlags(MarketPrices.withRevisions(accepted), TOTAL_TOLERANCE_PER_MWH)
                    .persist(StorageLevel.MEMORY_AND_DISK());
            try {
                Dataset<Row> rejected = prices.where(col("reason").isNotNull());
                Map<LocalDate, Long> quarantinedPerDay = countPerDay(rejected);
                if (!quarantinedPerDay.isEmpty()) {
                    lakehouse.insertNew(CanonicalTables.QUARANTINE, MarketPrices.asQuarantine(rejected, CaisoMarket.SOURCE, report.queryName()));
                }
                Dataset<Row> dataQuality = MarketPrices.dataQualityResults(MarketPrices.latestRevision(curated), CaisoMarket.TIME)
                        .persist(StorageLevel.MEMORY_AND_DISK());
                Map<LocalDate, CurationInputs.DaySummary> days;
                try {
                    lakehouse.overwrite(CanonicalTables.DATA_QUALITY, dataQuality, runPartitions);
                    days = summarize(dates, inputs, curated, quarantinedPerDay, dataQuality);
                }
                finally {
                    dataQuality.unpersist();
                }
                lakehouse.overwrite(CanonicalTables.MARKET_PRICES, curated, runPartitions,
                        CurationInputs.snapshotProperties(CaisoMarket.MARKET, report.dataset(), days));
                return days;
            }
            finally {
                curated.unpersist();
            }
        }
        finally {
            prices.unpersist();
        }
    }

    /**
     * The same rows as {@link #curateWithSpark} computed in plain Java ({@link CaisoPayloadPrices}, {@link PriceRows}) and
     * written by Iceberg's own writers: for a few days of a few hundred nodes, where planning and scheduling Spark's
     * jobs costs many times the work. {@code TestDriverCuration} curates the same lake both ways and compares the tables.
     */
    private Map<LocalDate, CurationInputs.DaySummary> curateOnDriver(OasisReport report, List<LocalDate> dates, Map<LocalDate, String> inputs)
    {
        // Only rows whose landing the fetch log committed count: rows of an interrupted landing are ignored.
        Map<String, LandedRows.CommittedFetch> committed = LandedRows.committedFetches(lakehouse);
        String valueColumn = report.valueColumn().toLowerCase(Locale.ROOT);
        Map<String, List<OasisLmpRecord>> recordsByFetch = new TreeMap<>();
        List<Instant[]> windows = windows(dates);
        for (Record row : lakehouse.scan(CaisoTables.rawTable(report), icebergWindow(windows),
                List.of("fetch_id", Landing.LANDING_ID, "line_number", "interval_start_utc", "interval_end_utc", "node", "lmp_type", valueColumn))) {
            String fetchId = (String) row.getField("fetch_id");
            LandedRows.CommittedFetch fetch = committed.get(fetchId);
            Instant start = Lakehouse.instant(row.getField("interval_start_utc"));
            if (fetch == null || !fetch.owns((String) row.getField(Landing.LANDING_ID))
                    || windows.stream().noneMatch(window -> !start.isBefore(window[0]) && start.isBefore(window[1]))) {
                continue;
            }
            recordsByFetch.computeIfAbsent(fetchId, id -> new ArrayList<>()).add(new OasisLmpRecord((Integer) row.getField("line_number"), start,
                    Lakehouse.instant(row.getField("interval_end_utc")), null, null, null, null, null, (String) row.getField("node"), null,
                    (String) row.getField("lmp_type"), null, null, null, null, (Double) row.getField(valueColumn), null));
        }

        Set<LocalDate> wanted = Set.copyOf(dates);
        List<PriceRow> accepted = new ArrayList<>();
        List<Row> quarantine = new ArrayList<>();
        Map<LocalDate, Long> quarantinedPerDay = new TreeMap<>();
        for (Map.Entry<String, List<OasisLmpRecord>> fetch : recordsByFetch.entrySet()) {
            CanonicalPrices prices = CaisoPayloadPrices.canonical(fetch.getValue(), report, committed.get(fetch.getKey()).publishedAtUtc(), fetch.getKey());
            prices.rows().stream().filter(row -> wanted.contains(row.operatingDate())).forEach(accepted::add);
            for (CanonicalPrices.Rejected rejected : prices.rejected()) {
                LocalDate operatingDate = CaisoMarket.TIME.operatingDate(rejected.intervalStartUtc());
                if (wanted.contains(operatingDate)) {
                    quarantine.add(quarantineRow(report, fetch.getKey(), operatingDate, rejected));
                    quarantinedPerDay.merge(operatingDate, 1L, Long::sum);
                }
            }
        }
        List<PriceRow> curated = PriceRows.withRevisions(accepted);
        List<DataQualityResult> dataQuality = PriceRows.dataQualityResults(PriceRows.latestRevision(curated), CaisoMarket.TIME);

        // As in Spark: quarantine and data quality first, the prices last, whose commit records the inputs.
        if (!quarantine.isEmpty()) {
            lakehouse.insertNewRows(CanonicalTables.QUARANTINE, quarantine);
        }
        Expression runPartitions = Expressions.and(Expressions.equal("market", CaisoMarket.MARKET), Expressions.equal("dataset", report.dataset()),
                Expressions.in("operating_date", dates.stream().map(date -> (Object) (int) date.toEpochDay()).toArray()));
        List<String> qualityColumns = CanonicalTables.DATA_QUALITY.columnNames();
        lakehouse.overwriteRows(CanonicalTables.DATA_QUALITY, dataQuality.stream().map(result -> rowOf(qualityColumns, result::value)).toList(), runPartitions, Map.of());
        Map<LocalDate, CurationInputs.DaySummary> days = summarize(dates, inputs, curated, quarantinedPerDay, dataQuality);
        List<String> priceColumns = CanonicalTables.MARKET_PRICES.columnNames();
        lakehouse.overwriteRows(CanonicalTables.MARKET_PRICES, curated.stream().map(row -> rowOf(priceColumns, row::value)).toList(), runPartitions,
                CurationInputs.snapshotProperties(CaisoMarket.MARKET, report.dataset(), days));
        return days;
    }

    /** {@link MarketPrices#asQuarantine} of one rejected node and interval. */
    private static Row quarantineRow(OasisReport report, String fetchId, LocalDate operatingDate, CanonicalPrices.Rejected rejected)
    {
        String id = Hashing.sha256(String.join("|", fetchId, "curate", rejected.locationId(),
                DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC).format(rejected.intervalStartUtc()), rejected.reason())).substring(0, 32);
        return RowFactory.create(id, CaisoMarket.MARKET, report.dataset(), "curate", CaisoMarket.SOURCE, report.queryName(), fetchId, operatingDate,
                rejected.locationId(), rejected.intervalStartUtc(), null, rejected.reason(), rejected.record());
    }

    private static Row rowOf(List<String> columns, java.util.function.Function<String, Object> value)
    {
        return RowFactory.create(columns.stream().map(value).toArray());
    }

    /** Upper bound of the raw rows a curation of the days reads: the record counts of the data files in their window, from metadata. */
    private long rawRowsInWindow(OasisReport report, List<LocalDate> dates)
    {
        org.apache.iceberg.Table table = lakehouse.icebergTable(CaisoTables.rawTable(report));
        table.refresh();
        if (table.currentSnapshot() == null) {
            return 0;
        }
        long rows = 0;
        try (CloseableIterable<FileScanTask> tasks = table.newScan().filter(icebergWindow(windows(dates))).planFiles()) {
            for (FileScanTask task : tasks) {
                rows += task.file().recordCount();
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot plan the read of " + CaisoTables.rawTable(report).identifier(), e);
        }
        return rows;
    }

    /** [start, end) instants of each run of consecutive operating days. */
    private static List<Instant[]> windows(List<LocalDate> sortedDates)
    {
        List<Instant[]> windows = new ArrayList<>();
        int runStart = 0;
        for (int i = 1; i <= sortedDates.size(); i++) {
            if (i == sortedDates.size() || !sortedDates.get(i).equals(sortedDates.get(i - 1).plusDays(1))) {
                windows.add(new Instant[] {CaisoMarket.TIME.dayStart(sortedDates.get(runStart)), CaisoMarket.TIME.dayEnd(sortedDates.get(i - 1))});
                runStart = i;
            }
        }
        return windows;
    }

    private static Expression icebergWindow(List<Instant[]> windows)
    {
        Expression window = Expressions.alwaysFalse();
        for (Instant[] run : windows) {
            window = Expressions.or(window, Expressions.and(
                    Expressions.greaterThanOrEqual("interval_start_utc", micros(run[0])), Expressions.lessThan("interval_start_utc", micros(run[1]))));
        }
        return window;
    }

    private static long micros(Instant instant)
    {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    }

    /** One UTC window per run of consecutive operating days, so a sparse set of days never reads the months between them. */
    static Column rawWindow(List<LocalDate> sortedDates)
    {
        Column window = lit(false);
        for (Instant[] run : windows(sortedDates)) {
            window = window.or(col("interval_start_utc").geq(lit(run[0])).and(col("interval_start_utc").lt(lit(run[1]))));
        }
        return window;
    }

    private static Map<LocalDate, Long> countPerDay(Dataset<Row> rows)
    {
        Map<LocalDate, Long> counts = new TreeMap<>();
        rows.groupBy("operating_date").count().collectAsList().forEach(row -> counts.put(row.getAs("operating_date"), row.getLong(1)));
        return counts;
    }

    /** {@link #summarize(List, Map, Dataset, Map, Dataset)} of rows the driver holds. */
    private static Map<LocalDate, CurationInputs.DaySummary> summarize(List<LocalDate> dates, Map<LocalDate, String> inputs, List<PriceRow> curated,
            Map<LocalDate, Long> quarantinedPerDay, List<DataQualityResult> dataQuality)
    {
        Map<LocalDate, Long> rows = new TreeMap<>();
        Map<LocalDate, Set<String>> locations = new TreeMap<>();
        Map<LocalDate, Set<Instant>> intervals = new TreeMap<>();
        for (PriceRow row : curated) {
            rows.merge(row.operatingDate(), 1L, Long::sum);
            locations.computeIfAbsent(row.operatingDate(), date -> new HashSet<>()).add(row.locationId());
            intervals.computeIfAbsent(row.operatingDate(), date -> new HashSet<>()).add(row.intervalStartUtc());
        }
        Map<LocalDate, Map<String, Long>> issues = new TreeMap<>();
        dataQuality.forEach(result -> issues.computeIfAbsent(result.operatingDate(), date -> new TreeMap<>()).merge(result.checkName(), 1L, Long::sum));
        Map<LocalDate, CurationInputs.DaySummary> days = new TreeMap<>();
        for (LocalDate date : dates) {
            days.put(date, new CurationInputs.DaySummary(inputs.get(date), rows.getOrDefault(date, 0L), locations.getOrDefault(date, Set.of()).size(),
                    intervals.getOrDefault(date, Set.of()).size(), quarantinedPerDay.getOrDefault(date, 0L), issues.getOrDefault(date, Map.of())));
        }
        return days;
    }

    /** Per day: rows, locations and intervals written, rows quarantined, data-quality results per check; with the day's inputs. */
    private static Map<LocalDate, CurationInputs.DaySummary> summarize(List<LocalDate> dates, Map<LocalDate, String> inputs, Dataset<Row> curated,
            Map<LocalDate, Long> quarantinedPerDay, Dataset<Row> dataQuality)
    {
        Map<LocalDate, Row> written = new TreeMap<>();
        for (Row row : curated.groupBy("operating_date")
                .agg(org.apache.spark.sql.functions.count(lit(1)).as("rows"), countDistinct("location_id").as("locations"),
                        countDistinct("interval_start_utc").as("intervals"))
                .collectAsList()) {
            written.put(row.getAs("operating_date"), row);
        }
        Map<LocalDate, Map<String, Long>> issues = new TreeMap<>();
        for (Row row : dataQuality.groupBy("operating_date", "check_name").count().collectAsList()) {
            issues.computeIfAbsent(row.getAs("operating_date"), date -> new TreeMap<>()).put(row.getString(1), row.getLong(2));
        }
        Map<LocalDate, CurationInputs.DaySummary> days = new TreeMap<>();
        for (LocalDate date : dates) {
            Row row = written.get(date);
            days.put(date, new CurationInputs.DaySummary(inputs.get(date), row == null ? 0 : row.<Long>getAs("rows"), row == null ? 0 : row.<Long>getAs("locations"),
                    row == null ? 0 : row.<Long>getAs("intervals"), quarantinedPerDay.getOrDefault(date, 0L), issues.getOrDefault(date, Map.of())));
        }
        return days;
    }
}
