package io.energylakehouse.etl.curate;

import io.energylakehouse.common.market.Market;
import io.energylakehouse.common.table.CanonicalTables;
import io.energylakehouse.common.table.Lakehouse;
import io.energylakehouse.etl.connector.Connectors;
import io.energylakehouse.etl.connector.MarketConnector;
import io.energylakehouse.etl.connector.MarketReport;
import io.energylakehouse.etl.raw.Hashing;
import io.energylakehouse.etl.raw.LandedRows;
import io.energylakehouse.etl.raw.Landing;
import io.energylakehouse.etl.raw.RawFields;
import io.energylakehouse.etl.raw.RawRecord;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
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
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;

/**
 * Curates the prices of one connector's report for a set of operating days into {@code curated.market_prices}, the same
 * way for every market: the raw rows of the days' window whose landing the fetch log committed, the connector's own step
 * ({@link MarketConnector#canonical}: records of a payload to canonical rows and refusals), revision numbering across
 * payloads, quarantine, data-quality results, and one write.
 *
 * <p>The run owns the rows of its own source and report inside the partitions (market, dataset, operating_date) of its
 * days and replaces them in one Iceberg commit: rerunning a day gives the same rows, a neighbouring day's hours (which
 * share its UTC dates) are never touched, and rows of other sources in those partitions (the benchmark series the
 * series importer writes to PJM {@code da_hourly}, say) are carried over unchanged. Such rows cannot share a key with a
 * connector's: the connectors name locations by the operator's node ids, the imported series by zone names.
 */
public final class PriceCuration
{
    private static final Logger log = LoggerFactory.getLogger(PriceCuration.class);

    /**
     * Raw rows up to which a curation runs on the driver instead of in Spark jobs: three days of 1,700 CAISO nodes'
     * hourly prices (four LMP types each), or six days of 50 nodes' five-minute prices, some 200 MB of driver memory at
     * most; planning and scheduling Spark's jobs for fewer rows costs many times the work.
     */
    public static final long DRIVER_MAX_RAW_ROWS = 500_000;

    private static final String REASON = "reason";
    private static final String RECORD = "record";
    /** What a row of the Spark step is: a price, a refusal, or what a payload says of a location ({@link #ATTRIBUTES}). */
    private static final String KIND = "_kind";
    private static final String PRICE = "price";
    private static final String REFUSED = "refused";
    private static final String ATTRIBUTES = "attributes";
    private static final String SAID_NAME = "_said_location_name";
    private static final String SAID_TYPE = "_said_operator_type_code";
    private static final String SAID_ZONE = "_said_zone_name";

    private final Lakehouse lakehouse;
    private final MarketConnector connector;
    private final Market market;
    private final long driverMaxRawRows;

    public PriceCuration(Lakehouse lakehouse, MarketConnector connector)
    {
        this(lakehouse, connector, DRIVER_MAX_RAW_ROWS);
    }

    /** @param driverMaxRawRows curate on the driver when the days' raw rows are at most this many; 0 always uses Spark */
    public PriceCuration(Lakehouse lakehouse, MarketConnector connector, long driverMaxRawRows)
    {
        this.lakehouse = requireNonNull(lakehouse, "lakehouse is null");
        this.connector = requireNonNull(connector, "connector is null");
        this.market = connector.market();
        if (driverMaxRawRows < 0) {
            throw new IllegalArgumentException("driverMaxRawRows must not be negative: " + driverMaxRawRows);
        }
        this.driverMaxRawRows = driverMaxRawRows;
    }

    public CurateResult curate(MarketReport report, List<LocalDate> operatingDates)
    {
        return curate(report, operatingDates, false);
    }

    /**
     * @param force curate even when the days' inputs are those the last curation of each day recorded; without it a
     * rerun with nothing new reads no raw row and commits nothing
     */
    public CurateResult curate(MarketReport report, List<LocalDate> operatingDates, boolean force)
    {
        if (operatingDates.isEmpty()) {
            throw io.energylakehouse.common.LakehouseException.userError("Cannot curate %s %s: no operating dates given", market.code(), report.requestName());
        }
        return curate(report.outputs().get(0).dataset(), operatingDates, force);
    }

    /**
     * Curates one dataset of {@code curated.market_prices} on the days: every report feeding it is read, and of the rows
     * their payloads make, those of this dataset are kept (a report feeding several, such as ENTSO-E's A44 with hourly,
     * quarter-hourly and EXAA prices, is read once per dataset; its refused records are quarantined with its first).
     */
    public CurateResult curate(String dataset, List<LocalDate> operatingDates, boolean force)
    {
        if (operatingDates.isEmpty()) {
            throw io.energylakehouse.common.LakehouseException.userError("Cannot curate %s %s: no operating dates given", market.code(), dataset);
        }
        // Every report feeding the dataset is curated with it: PJM's unverified five-minute prices are the earlier
        // revisions of the keys whose verified prices come later in another feed.
        List<MarketReport> group = connector.reports().stream().filter(other -> other.datasets().contains(dataset)).toList();
        List<LocalDate> dates = operatingDates.stream().sorted().distinct().toList();
        String description = "Curate " + market.code() + " " + dataset + " " + dates.get(0) + (dates.size() > 1 ? ".." + dates.get(dates.size() - 1) : "");
        lakehouse.describe(description);
        lakehouse.ensureAll(CanonicalTables.all());

        Map<LocalDate, String> inputs = inputs(group, dates);
        Map<LocalDate, CurationInputs.DaySummary> recorded = CurationInputs.recorded(lakehouse, CanonicalTables.MARKET_PRICES, market.code(), dataset, dates);
        boolean unchanged = dates.stream().allMatch(date -> recorded.containsKey(date) && recorded.get(date).inputs().equals(inputs.get(date)));
        if (unchanged && !force) {
            CurateResult result = CurateResult.unchanged(market.code(), dataset, recorded);
            log.info("Stage curate: {} unchanged: the {} days' inputs are those their last curation read; nothing written ({} rows, use --force to rebuild)",
                    description, dates.size(), result.rowsWritten());
            return result;
        }
        long rawRows = group.stream().mapToLong(member -> rawRowsInWindow(member, dates)).sum();
        String rawTables = String.join(", ", group.stream().map(member -> member.rawTable().identifier()).toList());
        Map<LocalDate, CurationInputs.DaySummary> days;
        if (rawRows <= driverMaxRawRows) {
            log.info("Stage curate start: {}: reading {} and raw.fetch_log on the driver (at most {} raw rows, the limit is {})",
                    description, rawTables, rawRows, driverMaxRawRows);
            days = curateOnDriver(group, dataset, dates, inputs);
        }
        else {
            log.info("Stage curate start: {}: reading {} and raw.fetch_log with Spark (up to {} raw rows, more than {})",
                    description, rawTables, rawRows, driverMaxRawRows);
            days = curateWithSpark(group, dataset, dates, inputs);
        }
        CurateResult result = CurateResult.written(market.code(), dataset, days);
        log.info("Stage curate: {} -> {} rows for {} locations on {} days, {} quarantined, data-quality issues {}",
                description, result.rowsWritten(), result.locations(), dates.size(), result.quarantined(), result.dataQualityIssues());
        return result;
    }

    /**
     * The rows of the days in Spark: for inputs larger than the driver should hold. The connector's step runs in the
     * tasks, one payload (fetch) per group. Writes quarantine, data quality and prices, the prices last: their commit
     * records the inputs, so a run that dies before it is done again in full.
     */
    private Map<LocalDate, CurationInputs.DaySummary> curateWithSpark(List<MarketReport> group, String dataset, List<LocalDate> dates, Map<LocalDate, String> inputs)
    {
        Column runPartitions = col("market").equalTo(market.code())
                .and(col("dataset").equalTo(dataset))
                .and(col("operating_date").isin(dates.toArray()));
        String code = market.code();
        Dataset<Row> canonical = null;
        for (MarketReport report : group) {
            Dataset<Row> raw = lakehouse.read(report.rawTable()).where(rawWindow(dates, market));
            // Only rows whose landing the fetch log committed count: rows of an interrupted landing are ignored.
            Dataset<Row> withPublication = LandedRows.committed(raw, lakehouse.read(CanonicalTables.FETCH_LOG));
            String reportName = report.name();
            Dataset<Row> reportRows = withPublication
                    .groupByKey((MapFunction<Row, String>) row -> row.getAs("fetch_id"), Encoders.STRING())
                    .flatMapGroups((FlatMapGroupsFunction<String, Row, Row>) (fetchId, rows) -> canonicalRows(code, reportName, fetchId, rows),
                            Encoders.row(canonicalSchema()));
            canonical = canonical == null ? reportRows : canonical.union(reportRows);
        }
        // One pass over the raw rows makes the prices, the refusals and what the payloads say of their locations; kept as
        // rows (not the columnar cache, whose encoding cost a third of the run) for the steps below.
        Dataset<Row> made = canonical.localCheckpoint();
        Dataset<Row> attributes = made.where(col(KIND).equalTo(lit(ATTRIBUTES)))
                .select(col("location_id"), col(SAID_NAME).as("location_name"), col(SAID_TYPE).as("operator_type_code"), col(SAID_ZONE).as("zone_name"),
                        col("published_at_utc"), col("fetch_id"));
        made = made.where(col(KIND).notEqual(lit(ATTRIBUTES))).drop(KIND, SAID_NAME, SAID_TYPE, SAID_ZONE);
        // Refused records carry their report's first dataset: they are quarantined in that dataset's run only.
        Dataset<Row> prices = made.where(col("operating_date").isin(dates.toArray()).and(col("dataset").equalTo(dataset)));
        Dataset<Row> curated = MarketPrices.withRevisions(prices.where(col(REASON).isNull()).drop(REASON, RECORD)).localCheckpoint();
        Dataset<Row> rejected = prices.where(col(REASON).isNotNull());
        Map<LocalDate, Long> quarantinedPerDay = countPerDay(rejected);
        if (!quarantinedPerDay.isEmpty()) {
            for (MarketReport report : group) {
                Dataset<Row> reportRejected = rejected.join(ownFetches(List.of(report)), col("fetch_id").equalTo(col("_own_fetch_id")), "left_semi");
                lakehouse.insertNew(CanonicalTables.QUARANTINE, MarketPrices.asQuarantine(reportRejected, report.source(), report.requestName()));
            }
        }
        Dataset<Row> others = lakehouse.read(CanonicalTables.MARKET_PRICES).where(runPartitions)
                .join(ownFetches(group), col("fetch_id").equalTo(col("_own_fetch_id")), "left_anti")
                // as read back, the flags' elements may be null; they never are: array_compact says so to the schema
                .withColumn("dq_flags", org.apache.spark.sql.functions.array_compact(col("dq_flags")));
        Dataset<Row> written = CanonicalTables.MARKET_PRICES.conform(curated).unionByName(CanonicalTables.MARKET_PRICES.conform(others))
                .localCheckpoint();
        LocationMaster.Sightings sightings = new LocationMaster.Sightings(code);
        Map<LocalDate, Set<String>> present = new TreeMap<>();
        for (Row row : curated.groupBy("location_id", "dataset", "operating_date")
                .agg(min(struct(col("published_at_utc"), col("fetch_id"))), max(struct(col("published_at_utc"), col("fetch_id"), col("location_type"))))
                .collectAsList()) {
            Row first = row.getStruct(3);
            Row last = row.getStruct(4);
            LocalDate day = row.getAs("operating_date");
            sightings.add(row.getString(0), last.getString(2), row.getString(1), day, new LocationMaster.Payload(first.getString(1), first.getAs(0)),
                    new LocationMaster.Payload(last.getString(1), last.getAs(0)));
            present.computeIfAbsent(day, date -> new HashSet<>()).add(row.getString(0));
        }
        for (Row row : attributes.groupBy("location_id")
                .agg(max(struct(col("published_at_utc"), col("fetch_id"), col("location_name"), col("operator_type_code"), col("zone_name"))))
                .collectAsList()) {
            Row latest = row.getStruct(1);
            sightings.add(new LocationAttributes(row.getString(0), latest.getString(2), latest.getString(3), latest.getString(4)), latest.getString(1),
                    latest.getAs(0));
        }
        List<String> qualityColumns = CanonicalTables.DATA_QUALITY.columnNames();
        List<Row> missing = refreshLocations(group, dataset, dates, sightings.locations(), present).stream()
                .map(result -> rowOf(qualityColumns, result::value)).toList();
        Dataset<Row> dataQuality = CanonicalTables.DATA_QUALITY.conform(MarketPrices.dataQualityResults(MarketPrices.latestRevision(written), market.time()))
                .unionByName(lakehouse.spark().createDataFrame(missing, CanonicalTables.DATA_QUALITY.schema()))
                .persist(StorageLevel.MEMORY_AND_DISK());
        Map<LocalDate, CurationInputs.DaySummary> days;
        try {
            lakehouse.overwrite(CanonicalTables.DATA_QUALITY, dataQuality, runPartitions);
            days = summarize(dates, inputs, curated, quarantinedPerDay, dataQuality);
        }
        finally {
            dataQuality.unpersist();
        }
        lakehouse.overwrite(CanonicalTables.MARKET_PRICES, written, runPartitions, CurationInputs.snapshotProperties(market.code(), dataset, days));
        return days;
    }

    /** The fetch ids of the reports' own payloads, as column {@code _own_fetch_id}. */
    private Dataset<Row> ownFetches(List<MarketReport> reports)
    {
        Column own = lit(false);
        for (MarketReport report : reports) {
            own = own.or(col("source").equalTo(report.source()).and(col("report").equalTo(report.requestName())));
        }
        return lakehouse.read(CanonicalTables.FETCH_LOG).where(own).select(col("fetch_id").as("_own_fetch_id"));
    }

    /** {@link #ownFetches} on the driver, from the fetch log's files. */
    private Set<String> ownFetchIds(List<MarketReport> reports)
    {
        Set<String> own = new HashSet<>();
        for (MarketReport report : reports) {
            for (Record fetch : lakehouse.scan(CanonicalTables.FETCH_LOG,
                    Expressions.and(Expressions.equal("source", report.source()), Expressions.equal("report", report.requestName())), List.of("fetch_id"))) {
                own.add((String) fetch.getField("fetch_id"));
            }
        }
        return own;
    }

    /** Per day, the inputs of the reports (their committed payloads' digests), joined: what a rerun compares. */
    private Map<LocalDate, String> inputs(List<MarketReport> group, List<LocalDate> dates)
    {
        Map<LocalDate, String> inputs = new TreeMap<>();
        for (MarketReport report : group) {
            CurationInputs.digests(lakehouse, report.source(), report.requestName(), dates)
                    .forEach((date, digest) -> inputs.merge(date, digest, (first, next) -> first + "|" + next));
        }
        return inputs;
    }

    /** The columns of {@code curated.market_prices}, every one nullable, then the reason a row is refused and the refused record. */
    private static StructType canonicalSchema()
    {
        StructType schema = new StructType();
        for (StructField field : CanonicalTables.MARKET_PRICES.schema().fields()) {
            schema = schema.add(field.name(), field.dataType(), true);
        }
        return schema.add(REASON, DataTypes.StringType, true).add(RECORD, DataTypes.StringType, true).add(KIND, DataTypes.StringType, false)
                .add(SAID_NAME, DataTypes.StringType, true).add(SAID_TYPE, DataTypes.StringType, true).add(SAID_ZONE, DataTypes.StringType, true);
    }

    /**
     * In a Spark task: the connector's step over the raw rows of one fetch (their {@code published_at_utc} is the
     * fetch's), as canonical rows of {@link #canonicalSchema}, refusals with their reason and record.
     */
    private static Iterator<Row> canonicalRows(String marketCode, String reportName, String fetchId, Iterator<Row> rows)
    {
        MarketConnector connector = Connectors.require(marketCode);
        MarketReport report = connector.report(reportName);
        List<RawRecord> records = new ArrayList<>();
        // The first that each location's rows of the payload say, as the driver keeps it.
        Map<String, LocationAttributes> said = new java.util.LinkedHashMap<>();
        Instant publishedAtUtc = null;
        while (rows.hasNext()) {
            Row row = rows.next();
            RawFields fields = RawFields.of(row);
            publishedAtUtc = fields.instant("published_at_utc");
            RawRecord record = connector.record(report, fields);
            records.add(record);
            connector.locationAttributes(report, record).ifPresent(attributes -> said.putIfAbsent(attributes.locationId(), attributes));
        }
        CanonicalPrices prices = connector.canonical(report, records, publishedAtUtc, fetchId);
        List<String> columns = CanonicalTables.MARKET_PRICES.columnNames();
        int width = columns.size() + 6;
        int kind = columns.size() + 2;
        List<Row> out = new ArrayList<>(prices.rows().size() + prices.rejected().size() + said.size());
        for (PriceRow price : prices.rows()) {
            Object[] values = new Object[width];
            for (int i = 0; i < columns.size(); i++) {
                Object value = price.value(columns.get(i));
                values[i] = value instanceof List<?> list ? scala.jdk.javaapi.CollectionConverters.asScala(list).toSeq() : value;
            }
            values[kind] = PRICE;
            out.add(RowFactory.create(values));
        }
        String dataset = report.outputs().get(0).dataset();
        for (CanonicalPrices.Rejected rejected : prices.rejected()) {
            Object[] values = new Object[width];
            values[columns.indexOf("market")] = connector.market().code();
            values[columns.indexOf("dataset")] = dataset;
            values[columns.indexOf("location_id")] = rejected.locationId();
            values[columns.indexOf("interval_start_utc")] = rejected.intervalStartUtc();
            values[columns.indexOf("operating_date")] = operatingDate(connector.market(), rejected);
            values[columns.indexOf("fetch_id")] = fetchId;
            values[columns.size()] = rejected.reason();
            values[columns.size() + 1] = rejected.record();
            values[kind] = REFUSED;
            out.add(RowFactory.create(values));
        }
        for (LocationAttributes attributes : said.values()) {
            Object[] values = new Object[width];
            values[columns.indexOf("location_id")] = attributes.locationId();
            values[columns.indexOf("published_at_utc")] = publishedAtUtc;
            values[columns.indexOf("fetch_id")] = fetchId;
            values[kind] = ATTRIBUTES;
            values[kind + 1] = attributes.locationName();
            values[kind + 2] = attributes.operatorTypeCode();
            values[kind + 3] = attributes.zoneName();
            out.add(RowFactory.create(values));
        }
        return out.iterator();
    }

    /** The operating date of a refused record, or null where it has no interval. */
    private static LocalDate operatingDate(Market market, CanonicalPrices.Rejected rejected)
    {
        return rejected.intervalStartUtc() == null ? null : market.time().operatingDate(rejected.intervalStartUtc());
    }

    /**
     * The same rows as {@link #curateWithSpark} computed in plain Java (the connector's step, {@link PriceRows}) and
     * written by Iceberg's own writers: for a few days of a few hundred nodes, where planning and scheduling Spark's
     * jobs costs many times the work. {@code TestDriverCuration} curates the same lake both ways and compares the tables.
     */
    private Map<LocalDate, CurationInputs.DaySummary> curateOnDriver(List<MarketReport> group, String dataset, List<LocalDate> dates, Map<LocalDate, String> inputs)
    {
        // Only rows whose landing the fetch log committed count: rows of an interrupted landing are ignored.
        Map<String, LandedRows.CommittedFetch> committed = LandedRows.committedFetches(lakehouse);
        Map<String, List<RawRecord>> recordsByFetch = new TreeMap<>();
        Map<String, MarketReport> reportOfFetch = new HashMap<>();
        LocationMaster.Sightings sightings = new LocationMaster.Sightings(market.code());
        List<Instant[]> windows = windows(dates, market);
        for (MarketReport report : group) {
            for (Record row : lakehouse.scan(report.rawTable(), icebergWindow(windows), report.rawTable().columnNames())) {
                String fetchId = (String) row.getField("fetch_id");
                LandedRows.CommittedFetch fetch = committed.get(fetchId);
                Instant start = Lakehouse.instant(row.getField("interval_start_utc"));
                if (fetch == null || !fetch.owns((String) row.getField(Landing.LANDING_ID))
                        || windows.stream().noneMatch(window -> !start.isBefore(window[0]) && start.isBefore(window[1]))) {
                    continue;
                }
                RawRecord record = connector.record(report, RawFields.of(row));
                recordsByFetch.computeIfAbsent(fetchId, id -> new ArrayList<>()).add(record);
                reportOfFetch.put(fetchId, report);
                connector.locationAttributes(report, record).ifPresent(said -> sightings.add(said, fetchId, fetch.publishedAtUtc()));
            }
        }

        Set<LocalDate> wanted = Set.copyOf(dates);
        List<PriceRow> accepted = new ArrayList<>();
        List<Row> quarantine = new ArrayList<>();
        Map<LocalDate, Long> quarantinedPerDay = new TreeMap<>();
        for (Map.Entry<String, List<RawRecord>> fetch : recordsByFetch.entrySet()) {
            MarketReport report = reportOfFetch.get(fetch.getKey());
            CanonicalPrices prices = connector.canonical(report, fetch.getValue(), committed.get(fetch.getKey()).publishedAtUtc(), fetch.getKey());
            prices.rows().stream().filter(row -> wanted.contains(row.operatingDate()) && row.dataset().equals(dataset)).forEach(accepted::add);
            boolean quarantines = report.outputs().get(0).dataset().equals(dataset);
            for (CanonicalPrices.Rejected rejected : prices.rejected()) {
                LocalDate operatingDate = operatingDate(market, rejected);
                if (quarantines && operatingDate != null && wanted.contains(operatingDate)) {
                    quarantine.add(quarantineRow(report, dataset, fetch.getKey(), operatingDate, rejected));
                    quarantinedPerDay.merge(operatingDate, 1L, Long::sum);
                }
            }
        }
        List<PriceRow> curated = PriceRows.withRevisions(accepted);
        Expression runPartitions = Expressions.and(Expressions.equal("market", market.code()), Expressions.equal("dataset", dataset),
                Expressions.in("operating_date", dates.stream().map(date -> (Object) (int) date.toEpochDay()).toArray()));
        List<String> priceColumns = CanonicalTables.MARKET_PRICES.columnNames();
        List<Row> written = new ArrayList<>(curated.size());
        curated.forEach(row -> written.add(rowOf(priceColumns, row::value)));
        List<PriceRow> others = otherSourcesRows(group, dataset, runPartitions);
        others.forEach(row -> written.add(rowOf(priceColumns, row::value)));
        List<PriceRow> all = new ArrayList<>(curated);
        all.addAll(others);
        List<DataQualityResult> dataQuality = new ArrayList<>(PriceRows.dataQualityResults(PriceRows.latestRevision(all), market.time()));

        // As in Spark: quarantine, the location master and data quality first, the prices last, whose commit records the inputs.
        if (!quarantine.isEmpty()) {
            lakehouse.insertNewRows(CanonicalTables.QUARANTINE, quarantine);
        }
        Map<LocalDate, Set<String>> present = new TreeMap<>();
        PriceRow previous = null;
        for (PriceRow row : curated) {
            // In key order a location's rows of one day and payload mostly follow each other: the first stands for them.
            if (previous == null || !row.locationId().equals(previous.locationId()) || !row.operatingDate().equals(previous.operatingDate())
                    || !row.fetchId().equals(previous.fetchId())) {
                sightings.add(row);
                present.computeIfAbsent(row.operatingDate(), date -> new HashSet<>()).add(row.locationId());
                previous = row;
            }
        }
        dataQuality.addAll(refreshLocations(group, dataset, dates, sightings.locations(), present));
        List<String> qualityColumns = CanonicalTables.DATA_QUALITY.columnNames();
        lakehouse.overwriteRows(CanonicalTables.DATA_QUALITY, dataQuality.stream().map(result -> rowOf(qualityColumns, result::value)).toList(), runPartitions, Map.of());
        Map<LocalDate, CurationInputs.DaySummary> days = summarize(dates, inputs, curated, quarantinedPerDay, dataQuality);
        lakehouse.overwriteRows(CanonicalTables.MARKET_PRICES, written, runPartitions, CurationInputs.snapshotProperties(market.code(), dataset, days));
        return days;
    }

    /**
     * Refreshes the market's rows of {@code curated.locations} with the run's locations, then returns the
     * {@value LocationMaster#LOCATION_MISSING_DAY} results of the run's days (days without any row are left to the day
     * checks: nothing was curated for them).
     */
    private List<DataQualityResult> refreshLocations(List<MarketReport> group, String dataset, List<LocalDate> dates, List<LocationMaster.Location> runLocations,
            Map<LocalDate, Set<String>> present)
    {
        String description = "Refresh " + market.code() + " locations from " + dataset + " " + dates.get(0) + (dates.size() > 1 ? ".." + dates.get(dates.size() - 1) : "");
        Map<String, LocationMaster.Location> master = LocationMaster.refresh(lakehouse, market.code(), runLocations, description);
        int intervalMinutes = group.stream().flatMap(report -> report.outputs().stream()).filter(output -> output.dataset().equals(dataset))
                .map(io.energylakehouse.etl.connector.ReportOutput::intervalMinutes).filter(java.util.OptionalInt::isPresent).mapToInt(java.util.OptionalInt::getAsInt)
                .findFirst().orElse(60);
        List<DataQualityResult> missing = LocationMaster.missingDays(market.code(), dataset, master.values(), present,
                dates.stream().filter(present::containsKey).toList(), intervalMinutes, market.time());
        if (!missing.isEmpty()) {
            log.info("Stage curate: {} {}: {} locations missing for a whole day inside their validity (check {})", market.code(), dataset, missing.size(),
                    LocationMaster.LOCATION_MISSING_DAY);
        }
        return missing;
    }

    /**
     * The rows in the run's partitions that other sources wrote (not a payload of this report's): carried over by the
     * overwrite. Reads the fetch ids alone first, and the rows only where there are such.
     */
    private List<PriceRow> otherSourcesRows(List<MarketReport> group, String dataset, Expression runPartitions)
    {
        Set<String> present = new HashSet<>();
        for (Record row : lakehouse.scan(CanonicalTables.MARKET_PRICES, runPartitions, List.of("fetch_id"))) {
            present.add((String) row.getField("fetch_id"));
        }
        if (present.isEmpty()) {
            return List.of();
        }
        Set<String> own = ownFetchIds(group);
        if (own.containsAll(present)) {
            return List.of();
        }
        List<PriceRow> others = new ArrayList<>();
        for (Record row : lakehouse.scan(CanonicalTables.MARKET_PRICES, runPartitions, CanonicalTables.MARKET_PRICES.columnNames())) {
            if (!own.contains((String) row.getField("fetch_id"))) {
                others.add(PriceRows.fromFields(RawFields.of(row)));
            }
        }
        log.info("Stage curate: {} rows of other sources in {} {}'s partitions carried over", others.size(), market.code(), dataset);
        return others;
    }

    /** {@link MarketPrices#asQuarantine} of one rejected node and interval. */
    private Row quarantineRow(MarketReport report, String dataset, String fetchId, LocalDate operatingDate, CanonicalPrices.Rejected rejected)
    {
        String id = Hashing.sha256(String.join("|", fetchId, "curate", rejected.locationId(),
                DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'").withZone(ZoneOffset.UTC).format(rejected.intervalStartUtc()), rejected.reason())).substring(0, 32);
        return RowFactory.create(id, market.code(), dataset, "curate", report.source(), report.requestName(), fetchId, operatingDate,
                rejected.locationId(), rejected.intervalStartUtc(), null, rejected.reason(), rejected.record());
    }

    private static Row rowOf(List<String> columns, java.util.function.Function<String, Object> value)
    {
        return RowFactory.create(columns.stream().map(value).toArray());
    }

    /** Upper bound of the raw rows a curation of the days reads: the record counts of the data files in their window, from metadata. */
    private long rawRowsInWindow(MarketReport report, List<LocalDate> dates)
    {
        org.apache.iceberg.Table table = lakehouse.icebergTable(report.rawTable());
        table.refresh();
        if (table.currentSnapshot() == null) {
            return 0;
        }
        long rows = 0;
        try (CloseableIterable<FileScanTask> tasks = table.newScan().filter(icebergWindow(windows(dates, market))).planFiles()) {
            for (FileScanTask task : tasks) {
                rows += task.file().recordCount();
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException("Cannot plan the read of " + report.rawTable().identifier(), e);
        }
        return rows;
    }

    /** [start, end) instants of each run of consecutive operating days. */
    private static List<Instant[]> windows(List<LocalDate> sortedDates, Market market)
    {
        List<Instant[]> windows = new ArrayList<>();
        int runStart = 0;
        for (int i = 1; i <= sortedDates.size(); i++) {
            if (i == sortedDates.size() || !sortedDates.get(i).equals(sortedDates.get(i - 1).plusDays(1))) {
                windows.add(new Instant[] {market.time().dayStart(sortedDates.get(runStart)), market.time().dayEnd(sortedDates.get(i - 1))});
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
    static Column rawWindow(List<LocalDate> sortedDates, Market market)
    {
        Column window = lit(false);
        for (Instant[] run : windows(sortedDates, market)) {
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
