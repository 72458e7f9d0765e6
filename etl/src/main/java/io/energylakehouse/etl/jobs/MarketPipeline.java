package io.energylakehouse.etl.jobs;

import io.energylakehouse.common.table.CanonicalTables;
import io.energylakehouse.common.table.Lakehouse;
import io.energylakehouse.etl.curate.CurateResult;
import io.energylakehouse.etl.curate.CurationInputs;
import io.energylakehouse.etl.curate.MarketPrices;
import io.energylakehouse.etl.publish.CongestionAnalytics;
import io.energylakehouse.etl.publish.DatasetExporter;
import io.energylakehouse.etl.publish.ExportResult;
import io.energylakehouse.etl.publish.HubPrices;
import io.energylakehouse.etl.publish.PublishedTables;
import io.energylakehouse.etl.publish.PublishedTags;
import io.energylakehouse.etl.raw.LandingResult;
import io.energylakehouse.etl.raw.Landing;
import io.energylakehouse.etl.raw.Payload;
import io.energylakehouse.etl.raw.PayloadLimits;
import io.energylakehouse.etl.raw.RawStore;
import io.energylakehouse.common.market.Market;
import io.energylakehouse.etl.connector.HubDatasets;
import io.energylakehouse.etl.connector.MarketConnector;
import io.energylakehouse.etl.connector.MarketReport;
import io.energylakehouse.etl.curate.PriceCuration;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

/**
 * The jobs of one market's connector on one lakehouse: land payloads, curate operating days, publish the hub datasets;
 * the same for every market. Each verb is idempotent for its input (same payloads, same days) and writes only what it
 * owns.
 */
public final class MarketPipeline
{
    private static final Logger log = LoggerFactory.getLogger(MarketPipeline.class);
    /**
     * Curated rows of a market (all locations, an upper bound from file metadata) up to which publishing reads the hub
     * rows and writes the hub tables and their files on the driver: some months of 50 CAISO nodes' five-minute prices; beyond, Spark jobs.
     */
    public static final long PUBLISH_DRIVER_MAX_ROWS = 2_000_000;

    private final Lakehouse lakehouse;
    private final MarketConnector connector;
    private final Market market;
    private final String code;
    private final PayloadLimits limits;
    private final long driverMaxRows;

    public MarketPipeline(Lakehouse lakehouse, MarketConnector connector)
    {
        this(lakehouse, connector, PayloadLimits.DEFAULTS);
    }

    /** @param limits what payloads are parsed: larger ones are kept, rejected and quarantined (see {@link PayloadLimits}) */
    public MarketPipeline(Lakehouse lakehouse, MarketConnector connector, PayloadLimits limits)
    {
        this(lakehouse, connector, limits, PUBLISH_DRIVER_MAX_ROWS);
    }

    /**
     * @param publishDriverMaxRows publish on the driver when the market's curated rows are at most this many (an upper
     * bound from file metadata); 0 always publishes with Spark jobs
     */
    public MarketPipeline(Lakehouse lakehouse, MarketConnector connector, PayloadLimits limits, long publishDriverMaxRows)
    {
        this.lakehouse = requireNonNull(lakehouse, "lakehouse is null");
        this.connector = requireNonNull(connector, "connector is null");
        this.market = connector.market();
        this.code = market.code();
        this.limits = requireNonNull(limits, "limits is null");
        if (publishDriverMaxRows < 0) {
            throw new IllegalArgumentException("publishDriverMaxRows must not be negative: " + publishDriverMaxRows);
        }
        this.driverMaxRows = publishDriverMaxRows;
    }

    public MarketConnector connector()
    {
        return connector;
    }

    /** Lands payloads of the connector's reports (each payload names its report; the connector's parser reads them all). */
    public LandingResult land(Iterator<Payload> payloads)
    {
        lakehouse.describe("Land " + code + " payloads");
        RawStore rawStore = new RawStore(lakehouse.config().rawStore(), lakehouse.spark().sparkContext().hadoopConfiguration());
        return new Landing(lakehouse, rawStore, parsers(code, limits), limits).land(payloads);
    }

    /** The connector's parser, made where payloads are parsed (a Spark task makes its own from the registry). */
    private static io.energylakehouse.etl.raw.ParserFactory parsers(String market, PayloadLimits limits)
    {
        return () -> {
            MarketConnector connector = io.energylakehouse.etl.connector.Connectors.require(market);
            return connector.parser(connector.reports().get(0), limits);
        };
    }

    public List<CurateResult> curate(List<MarketReport> reports, List<LocalDate> operatingDates)
    {
        return curate(reports, operatingDates, false);
    }

    /**
     * Curates the datasets of {@code curated.market_prices} the reports feed, each once (reports feeding one dataset are
     * curated together; a report feeding several has each curated).
     *
     * @param force rebuild days whose inputs did not change (else they are reported unchanged and not written)
     */
    public List<CurateResult> curate(List<MarketReport> reports, List<LocalDate> operatingDates, boolean force)
    {
        PriceCuration curation = new PriceCuration(lakehouse, connector);
        List<CurateResult> results = new ArrayList<>();
        java.util.Set<String> done = new java.util.HashSet<>();
        for (MarketReport report : reports) {
            boolean records = false;
            for (io.energylakehouse.etl.connector.ReportOutput output : report.outputs()) {
                if (output.canonicalTable().equals(CanonicalTables.MARKET_PRICES)) {
                    if (done.add(output.dataset())) {
                        results.add(curation.curate(output.dataset(), operatingDates, force));
                    }
                }
                else {
                    records = true;
                }
            }
            if (records) {
                // Another canonical table (fx_rates, spot_prices, fundamentals): the shared record curation of the report,
                // which always compares with the table and writes only what changed, so force changes nothing there.
                results.add(curateRecords(report, operatingDates).asCurateResult());
            }
        }
        if (results.stream().anyMatch(result -> !result.unchanged() && result.table().equals(CanonicalTables.MARKET_PRICES.identifier()))) {
            crossSourceChecks(operatingDates);
        }
        return results;
    }

    /** The checks of prices another source publishes too, of this market or with it, on the days just curated. */
    private void crossSourceChecks(List<LocalDate> operatingDates)
    {
        for (io.energylakehouse.etl.connector.MarketConnector any : io.energylakehouse.etl.connector.Connectors.all()) {
            for (io.energylakehouse.etl.curate.CrossSourcePrices.Pairing pairing : any.crossSourceChecks()) {
                if (pairing.market().equals(code) || pairing.otherMarket().equals(code)) {
                    long found = io.energylakehouse.etl.curate.CrossSourcePrices.record(lakehouse, pairing, operatingDates);
                    log.info("Stage check: {} against {} on {} days: {} location-days with a price differing by more than {}", pairing.market(),
                            pairing.otherMarket(), operatingDates.size(), found, pairing.tolerance());
                }
            }
        }
    }

    /**
     * Curates a report whose output is a canonical table other than {@code curated.market_prices} for the dates (of the
     * table's date column: rate_date, trade_date or operating_date) with the shared {@link RecordCuration}.
     */
    public io.energylakehouse.etl.curate.RecordCurateResult curateRecords(MarketReport report, List<LocalDate> dates)
    {
        return new io.energylakehouse.etl.curate.RecordCuration(lakehouse, connector).curate(report, dates);
    }

    /**
     * Rebuilds the market's rows of the published hub tables from the latest revisions in
     * {@code curated.market_prices} (read at one snapshot, recorded in the manifests) and exports them.
     */
    public PublishResult publish()
    {
        return publish(false);
    }

    /**
     * @param force republish even when the last publication was made from the current curated snapshot and its
     * files are in place; without it such a rerun writes nothing, moves no tag and returns what was published
     */
    public PublishResult publish(boolean force)
    {
        if (connector.hubDatasets().isEmpty()) {
            // A publisher of no energy prices (the ECB's rates, EEX's auctions): its rows are in their curated table.
            log.info("Stage publish: {} publishes nothing: its connector names no hub datasets (its reports feed {})", code,
                    connector.reports().stream().map(report -> report.outputs().get(0).canonicalTable().identifier()).distinct().toList());
            return PublishResult.nothing();
        }
        lakehouse.describe("Publish " + code + " hub prices");
        lakehouse.ensureAll(CanonicalTables.all());
        lakehouse.ensureAll(PublishedTables.all());
        long curatedSnapshot = lakehouse.currentSnapshotId(CanonicalTables.MARKET_PRICES)
                .orElseThrow(() -> io.energylakehouse.common.LakehouseException.userError("Cannot publish %s hub prices: curated.market_prices is empty; run curate first", code));
        DatasetExporter exporter = new DatasetExporter(lakehouse.config().publishedRoot(), lakehouse.spark().sparkContext().hadoopConfiguration());
        if (!force) {
            java.util.Optional<PublishResult> unchanged = unchangedPublication(exporter, curatedSnapshot);
            if (unchanged.isPresent()) {
                log.info("Stage publish: {} unchanged: {} were made from curated.market_prices snapshot {} and the market's rows have not changed since; "
                                + "nothing written (use --force to rebuild)", code, PublishedTables.all().stream().map(io.energylakehouse.common.table.TableSpec::identifier).toList(),
                        unchanged.get().curatedSnapshotId());
                return unchanged.get();
            }
        }
        org.apache.iceberg.expressions.Expression marketRows = org.apache.iceberg.expressions.Expressions.equal("market", code);
        long rowsAtMost = lakehouse.rowsAtMost(CanonicalTables.MARKET_PRICES, curatedSnapshot, marketRows);
        Publication publication;
        if (rowsAtMost <= driverMaxRows) {
            log.info("Stage publish start: {} hub prices from curated.market_prices snapshot {} on the driver (at most {} rows of the market, the limit is {})",
                    code, curatedSnapshot, rowsAtMost, driverMaxRows);
            publication = hubTablesOnDriver(curatedSnapshot, marketRows);
        }
        else {
            log.info("Stage publish start: {} hub prices from curated.market_prices snapshot {} in Spark jobs ({} rows of the market, the driver's limit is {})",
                    code, curatedSnapshot, rowsAtMost, driverMaxRows);
            publication = hubTablesWithSpark(curatedSnapshot);
        }
        List<String> origins = publication.origins();
        List<String> notices = new ArrayList<>();
        if (origins.contains("synthetic")) {
            notices.add("SYNTHETIC: some or all rows come from the lakehouse's generated sample files, not from " + code + ". Do not use them as market data.");
        }
        notices.add("Data terms: " + market.dataTerms());

        PublishedTags tags = new PublishedTags(lakehouse);
        List<ExportResult> exports = new ArrayList<>();
        Map<String, Long> sources = new LinkedHashMap<>();
        sources.put(CanonicalTables.MARKET_PRICES.identifier(), curatedSnapshot);
        for (io.energylakehouse.common.table.TableSpec spec : PublishedTables.all()) {
            List<String> specNotices = new ArrayList<>(notices);
            specNotices.addAll(publication.notices().getOrDefault(spec.name(), List.of()));
            ExportResult export = publication.export(spec, exporter, sources, specNotices);
            log.info("Stage publish: {} -> {} rows, {} files, manifest {}", spec.identifier(), export.rows(), export.files().size(), export.manifestPath());
            // After the manifest is in place: the tags keep exactly the snapshots it names readable through snapshot expiry.
            tags.apply(PublishedTags.tags(spec.name(), code, export.sourceSnapshots()));
            exports.add(export);
        }
        PublishResult result = new PublishResult(exports, curatedSnapshot, origins, hubSummaries(), partialDays(), false);
        if (!result.partialDays().isEmpty()) {
            log.warn("Stage publish: {} hub days published from fewer intervals than the day holds, flagged is_da_complete/is_rt_complete = false: {}",
                    result.partialDays().size(), result.partialDays().subList(0, Math.min(5, result.partialDays().size())));
        }
        return result;
    }

    /** The market's rows of the published tables, written, and how to export each; the data origins behind them. */
    private interface Publication
    {
        List<String> origins();

        /** Per published dataset, what the market's rows lack and why (e.g. no congestion component), for its manifest. */
        Map<String, List<String>> notices();

        ExportResult export(io.energylakehouse.common.table.TableSpec spec, DatasetExporter exporter, Map<String, Long> sources, List<String> notices);
    }

    /** The columns of {@code curated.market_prices} the published tables are made of: what the driver's local relation holds. */
    private static final List<String> LOCAL_COLUMNS = List.of("market", "dataset", "location_id", "location_type", "interval_start_utc", "operating_date",
            "price_per_mwh", "energy_per_mwh", "congestion_per_mwh", "loss_per_mwh", "ghg_per_mwh", "currency");

    /**
     * The published tables from the market's curated rows read on the driver: the same transforms ({@link HubPrices},
     * {@link CongestionAnalytics}) over local relations, the rows written by Iceberg's writers and exported by the
     * driver. Four small Spark jobs in all: every location's hourly prices (collected once: the hub tables, the DART
     * spreads and the basis are made from them), the daily hub means, the top congested nodes and the basis.
     */
    private Publication hubTablesOnDriver(long curatedSnapshot, org.apache.iceberg.expressions.Expression marketRows)
    {
        HubDatasets datasets = hubDatasets();
        List<io.energylakehouse.etl.curate.PriceRow> latest = io.energylakehouse.etl.curate.PriceRows.latestRevision(datasetRows(curatedSnapshot, marketRows));
        if (latest.stream().noneMatch(row -> datasets.publishedLocationTypes().contains(row.locationType()))) {
            throw io.energylakehouse.common.LakehouseException.userError("Cannot publish %s hub prices: no hub rows in curated.market_prices", code);
        }
        org.apache.spark.sql.types.StructType schema = new org.apache.spark.sql.types.StructType(LOCAL_COLUMNS.stream()
                .map(column -> CanonicalTables.MARKET_PRICES.schema().apply(column)).toArray(org.apache.spark.sql.types.StructField[]::new));
        List<Row> latestRows = latest.stream().map(row -> (Row) org.apache.spark.sql.RowFactory.create(LOCAL_COLUMNS.stream().map(row::value).toArray())).toList();
        LocalDate first = latest.stream().map(io.energylakehouse.etl.curate.PriceRow::operatingDate).min(LocalDate::compareTo).orElseThrow();
        LocalDate last = latest.stream().map(io.energylakehouse.etl.curate.PriceRow::operatingDate).max(LocalDate::compareTo).orElseThrow();
        Dataset<Row> latestLocal = lakehouse.spark().createDataFrame(latestRows, schema);
        Dataset<Row> everyLocation = hourlyOfEveryLocation(latestLocal, first, last);
        Dataset<Row> everyLocationLocal = lakehouse.spark().createDataFrame(everyLocation.collectAsList(), everyLocation.schema());
        java.util.Optional<String> hub = referenceHub();
        Tables published = tables(latestLocal, everyLocationLocal, CongestionAnalytics.coverage(latest, code, datasets, hub));
        Map<String, List<Row>> tables = new LinkedHashMap<>();
        published.tables().forEach((spec, rows) -> tables.put(spec.name(), sorted(spec, spec.conform(rows).collectAsList())));
        Map<String, Long> snapshots = new LinkedHashMap<>();
        for (io.energylakehouse.common.table.TableSpec spec : PublishedTables.all()) {
            lakehouse.overwriteRows(spec, tables.get(spec.name()), marketRows, CurationInputs.marketWrite(code));
            snapshots.put(spec.name(), lakehouse.currentSnapshotId(spec).orElseThrow());
        }
        Set<String> fetchIds = new java.util.HashSet<>();
        latest.forEach(row -> fetchIds.add(row.fetchId()));
        java.util.Set<String> origins = new java.util.TreeSet<>();
        for (org.apache.iceberg.data.Record fetch : lakehouse.scan(CanonicalTables.FETCH_LOG, org.apache.iceberg.expressions.Expressions.alwaysTrue(),
                List.of("fetch_id", "origin"))) {
            if (fetchIds.contains((String) fetch.getField("fetch_id"))) {
                origins.add((String) fetch.getField("origin"));
            }
        }
        List<String> originList = List.copyOf(origins);
        return new Publication()
        {
            @Override
            public List<String> origins()
            {
                return originList;
            }

            @Override
            public Map<String, List<String>> notices()
            {
                return published.notices();
            }

            @Override
            public ExportResult export(io.energylakehouse.common.table.TableSpec spec, DatasetExporter exporter, Map<String, Long> sources, List<String> notices)
            {
                return exporter.export(lakehouse, spec, code, tables.get(spec.name()), snapshots.get(spec.name()), sources, notices, originList);
            }
        };
    }

    /**
     * Every location's rows of the market's day-ahead and real-time datasets (all revisions) at the snapshot: the hub
     * tables take the hubs' latest, the analytics every location's.
     */
    private List<io.energylakehouse.etl.curate.PriceRow> datasetRows(long curatedSnapshot, org.apache.iceberg.expressions.Expression marketRows)
    {
        HubDatasets datasets = hubDatasets();
        List<io.energylakehouse.etl.curate.PriceRow> rows = new ArrayList<>();
        for (org.apache.iceberg.data.Record record : lakehouse.scanAtSnapshot(CanonicalTables.MARKET_PRICES, curatedSnapshot,
                org.apache.iceberg.expressions.Expressions.and(marketRows, org.apache.iceberg.expressions.Expressions.in("dataset", (Object[]) datasets.names())),
                CanonicalTables.MARKET_PRICES.columnNames())) {
            rows.add(io.energylakehouse.etl.curate.PriceRows.fromFields(io.energylakehouse.etl.raw.RawFields.of(record)));
        }
        return rows;
    }

    /** The rows in the spec's key order (ascending, nulls first), as the Spark export orders them. */
    private static List<Row> sorted(io.energylakehouse.common.table.TableSpec spec, List<Row> rows)
    {
        int[] key = spec.key().stream().mapToInt(column -> spec.schema().fieldIndex(column)).toArray();
        @SuppressWarnings({"unchecked", "rawtypes"})
        java.util.Comparator<Row> order = (a, b) -> {
            for (int position : key) {
                int compared = java.util.Comparator.nullsFirst(java.util.Comparator.<Comparable>naturalOrder())
                        .compare((Comparable) a.get(position), (Comparable) b.get(position));
                if (compared != 0) {
                    return compared;
                }
            }
            return 0;
        };
        List<Row> sorted = new ArrayList<>(rows);
        sorted.sort(order);
        return sorted;
    }

    private java.util.Optional<String> referenceHub()
    {
        return market.referenceHub().map(io.energylakehouse.common.market.ReferenceHub::locationId);
    }

    /**
     * Every published table of the market, in {@link PublishedTables#all} order, from its latest rows and every location's
     * {@link HubPrices#hourlyOfEveryLocation} rows (the hub tables take the hubs' rows of it), with the notices of what
     * the analytics datasets lack (logged), made of the coverage of the latest rows.
     */
    private Tables tables(Dataset<Row> latest, Dataset<Row> everyLocationHourly, List<CongestionAnalytics.Coverage> coverage)
    {
        HubDatasets datasets = hubDatasets();
        java.util.Optional<String> hub = referenceHub();
        Dataset<Row> hubHourly = everyLocationHourly.where(col("location_type").isin(datasets.publishedLocationTypes().toArray()));
        Map<io.energylakehouse.common.table.TableSpec, Dataset<Row>> tables = new LinkedHashMap<>();
        // One-currency views: EUR and USD twins of the prices at the ECB rate of the day (curated.fx_rates, empty without the ECB's feed).
        Dataset<Row> fxRates = lakehouse.read(CanonicalTables.FX_RATES);
        tables.put(PublishedTables.HUB_PRICES_HOURLY, io.energylakehouse.etl.publish.CurrencyViews.withEurAndUsd(hubHourly, fxRates, PublishedTables.HOURLY_PRICES));
        tables.put(PublishedTables.HUB_PRICES_DAILY, io.energylakehouse.etl.publish.CurrencyViews.withEurAndUsd(HubPrices.daily(hubHourly, market.time()), fxRates,
                PublishedTables.DAILY_PRICES));
        tables.put(PublishedTables.CONGESTION_TOP_NODES_DAILY, CongestionAnalytics.topCongestedNodesDaily(latest, code, datasets));
        tables.put(PublishedTables.DART_SPREADS_HOURLY, CongestionAnalytics.dartSpreadsHourly(hubHourly));
        tables.put(PublishedTables.BASIS_TO_HUB_HOURLY, hub.isEmpty()
                ? lakehouse.spark().createDataFrame(List.of(), PublishedTables.BASIS_TO_HUB_HOURLY.schema())
                : CongestionAnalytics.basisToHubHourly(everyLocationHourly, hub.get()));
        if (!tables.keySet().equals(new java.util.HashSet<>(PublishedTables.all()))) {
            throw new IllegalStateException("Cannot publish " + code + ": the published tables are " + PublishedTables.all() + ", made here " + tables.keySet());
        }
        CongestionAnalytics.Notices notices = CongestionAnalytics.notices(code, datasets, hub, coverage);
        Map<String, List<String>> byDataset = new LinkedHashMap<>();
        byDataset.put(PublishedTables.CONGESTION_TOP_NODES_DAILY.name(), notices.topNodes());
        byDataset.put(PublishedTables.BASIS_TO_HUB_HOURLY.name(), notices.basis());
        byDataset.forEach((dataset, lines) -> lines.forEach(line -> log.warn("Stage publish: {} {}: {}", code, dataset, line)));
        return new Tables(tables, byDataset);
    }

    /** The published tables to write, and per dataset the notices of their manifests. */
    private record Tables(Map<io.energylakehouse.common.table.TableSpec, Dataset<Row>> tables, Map<String, List<String>> notices) {}

    /** {@link HubPrices#hourlyOfEveryLocation} of the latest revisions, in the market's time and peak calendar. */
    private Dataset<Row> hourlyOfEveryLocation(Dataset<Row> latest, LocalDate first, LocalDate last)
    {
        // A market whose block is not settled publishes base means only (on- and off-peak null).
        io.energylakehouse.common.calendar.PeakBlock block = market.peakBlock().orElse(io.energylakehouse.common.calendar.PeakBlock.BASE_ONLY);
        return HubPrices.hourlyOfEveryLocation(latest, code, market.time(), market.peakClock(), block,
                block.holidays().between(first, last), hubDatasets());
    }

    /** The published tables in Spark jobs: for markets whose curated rows the driver should not hold. */
    private Publication hubTablesWithSpark(long curatedSnapshot)
    {
        HubDatasets datasets = hubDatasets();
        Dataset<Row> curated = lakehouse.readAtSnapshot(CanonicalTables.MARKET_PRICES, curatedSnapshot)
                .where(col("market").equalTo(code).and(col("dataset").isin((Object[]) datasets.names())));
        Dataset<Row> latest = MarketPrices.latestRevision(curated).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Row range = latest.agg(min("operating_date"), max("operating_date"),
                    org.apache.spark.sql.functions.count(org.apache.spark.sql.functions.when(col("location_type").isin(datasets.publishedLocationTypes().toArray()), 1))).first();
            if (range.getLong(2) == 0) {
                throw io.energylakehouse.common.LakehouseException.userError("Cannot publish %s hub prices: no hub rows in curated.market_prices", code);
            }
            List<CongestionAnalytics.Coverage> coverage = CongestionAnalytics.coverage(latest, code, datasets, referenceHub()).collectAsList().stream()
                    .map(CongestionAnalytics.Coverage::of).toList();
            Dataset<Row> everyLocation = hourlyOfEveryLocation(latest, range.getAs(0), range.getAs(1)).persist(StorageLevel.MEMORY_AND_DISK());
            Tables published;
            try {
                published = tables(latest, everyLocation, coverage);
                published.tables().forEach((spec, rows) -> lakehouse.overwrite(spec, rows, col("market").equalTo(code), CurationInputs.marketWrite(code)));
            }
            finally {
                everyLocation.unpersist();
            }
            List<String> origins = lakehouse.read(CanonicalTables.FETCH_LOG)
                    .join(latest.select("fetch_id").distinct(), "fetch_id")
                    .select("origin").distinct().orderBy("origin")
                    .as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
            return new Publication()
            {
                @Override
                public List<String> origins()
                {
                    return origins;
                }

                @Override
                public Map<String, List<String>> notices()
                {
                    return published.notices();
                }

                @Override
                public ExportResult export(io.energylakehouse.common.table.TableSpec spec, DatasetExporter exporter, Map<String, Long> sources, List<String> notices)
                {
                    long snapshot = lakehouse.currentSnapshotId(spec).orElseThrow();
                    Dataset<Row> rows = lakehouse.readAtSnapshot(spec, snapshot)
                            .where(col("market").equalTo(code))
                            .orderBy(spec.key().stream().map(org.apache.spark.sql.functions::col).toArray(org.apache.spark.sql.Column[]::new));
                    return exporter.export(spec, code, rows, snapshot, sources, notices, origins);
                }
            };
        }
        finally {
            latest.unpersist();
        }
    }

    /**
     * The last publication, when every published dataset of the market was made from a curated.market_prices snapshot
     * (its tag there says which) after which no commit changed the market's rows, its published table's rows of the
     * market have not changed since its tag either (other markets' commits aside), and its files are where its
     * manifest says.
     */
    private java.util.Optional<PublishResult> unchangedPublication(DatasetExporter exporter, long curatedSnapshot)
    {
        org.apache.iceberg.Table curated = lakehouse.icebergTable(CanonicalTables.MARKET_PRICES);
        long publishedFrom = curatedSnapshot;
        List<ExportResult> exports = new ArrayList<>();
        java.util.Set<String> origins = new java.util.TreeSet<>();
        for (io.energylakehouse.common.table.TableSpec spec : PublishedTables.all()) {
            String tag = PublishedTags.name(spec.name(), code);
            org.apache.iceberg.Table published = lakehouse.icebergTable(spec);
            published.refresh();
            org.apache.iceberg.SnapshotRef curatedTag = curated.refs().get(tag);
            org.apache.iceberg.SnapshotRef publishedTag = published.refs().get(tag);
            // Other markets' curations and publications move the shared tables' snapshots without touching this market's rows.
            if (curatedTag == null || publishedTag == null || published.currentSnapshot() == null
                    || CurationInputs.marketChangedSince(lakehouse, CanonicalTables.MARKET_PRICES, code, curatedTag.snapshotId())
                    || CurationInputs.marketChangedSince(lakehouse, spec, code, publishedTag.snapshotId())) {
                return java.util.Optional.empty();
            }
            java.util.Optional<DatasetExporter.Published> manifest = exporter.published(spec, code);
            if (manifest.isEmpty() || !java.util.Objects.equals(manifest.get().export().sourceSnapshots().get(CanonicalTables.MARKET_PRICES.identifier()),
                    curatedTag.snapshotId())) {
                return java.util.Optional.empty();
            }
            publishedFrom = curatedTag.snapshotId();
            exports.add(manifest.get().export());
            origins.addAll(manifest.get().origins());
        }
        return java.util.Optional.of(new PublishResult(exports, publishedFrom, List.copyOf(origins), hubSummaries(), partialDays(), true));
    }

    /**
     * The published hub days whose day-ahead or real-time means were made from some but not all of the day's intervals;
     * read from the table's files, no Spark job. (A day with no real-time price at all has null real-time means, not partial ones.)
     */
    private List<PublishResult.PartialDay> partialDays()
    {
        List<PublishResult.PartialDay> days = new ArrayList<>();
        for (org.apache.iceberg.data.Record day : lakehouse.scan(PublishedTables.HUB_PRICES_DAILY,
                org.apache.iceberg.expressions.Expressions.equal("market", code),
                List.of("location_id", "operating_date", "hours_in_day", "da_interval_count", "rt_interval_count", "rt_expected_interval_count"))) {
            if (day.getField("hours_in_day") == null) {
                continue; // a row published by an earlier version, before the counts existed
            }
            int hours = (Integer) day.getField("hours_in_day");
            int dayAhead = (Integer) day.getField("da_interval_count");
            long realTime = (Long) day.getField("rt_interval_count");
            long expectedRealTime = (Long) day.getField("rt_expected_interval_count");
            if ((dayAhead > 0 && dayAhead < hours) || (realTime > 0 && realTime < expectedRealTime)) {
                days.add(new PublishResult.PartialDay((String) day.getField("location_id"), (LocalDate) day.getField("operating_date"), hours, dayAhead,
                        realTime, expectedRealTime));
            }
        }
        days.sort(java.util.Comparator.comparing(PublishResult.PartialDay::operatingDate).thenComparing(PublishResult.PartialDay::locationId));
        return days;
    }

    /** Per hub, the days published and the mean of each daily average (nulls left out); read from the table's files, no Spark job. */
    private List<PublishResult.HubSummary> hubSummaries()
    {
        List<String> averages = List.of("da_on_peak_price_per_mwh", "da_off_peak_price_per_mwh", "rt_on_peak_price_per_mwh", "rt_off_peak_price_per_mwh",
                "da_base_price_per_mwh", "rt_base_price_per_mwh");
        List<String> columns = new ArrayList<>(List.of("location_id", "operating_date"));
        columns.addAll(averages);
        Map<String, double[]> sums = new java.util.TreeMap<>();
        Map<String, long[]> counts = new java.util.TreeMap<>();
        for (org.apache.iceberg.data.Record day : lakehouse.scan(PublishedTables.HUB_PRICES_DAILY,
                org.apache.iceberg.expressions.Expressions.equal("market", code), columns)) {
            String hub = (String) day.getField("location_id");
            double[] sum = sums.computeIfAbsent(hub, ignored -> new double[averages.size()]);
            long[] count = counts.computeIfAbsent(hub, ignored -> new long[averages.size() + 1]);
            count[averages.size()] += day.getField("operating_date") == null ? 0 : 1;
            for (int i = 0; i < averages.size(); i++) {
                Object value = day.getField(averages.get(i));
                if (value != null) {
                    sum[i] += (Double) value;
                    count[i]++;
                }
            }
        }
        List<PublishResult.HubSummary> summaries = new ArrayList<>();
        sums.forEach((hub, sum) -> {
            long[] count = counts.get(hub);
            Double[] means = new Double[averages.size()];
            for (int i = 0; i < means.length; i++) {
                means[i] = count[i] == 0 ? null : sum[i] / count[i];
            }
            summaries.add(new PublishResult.HubSummary(hub, count[averages.size()], means[0], means[1], means[2], means[3], means[4], means[5]));
        });
        return summaries;
    }

    /** The connector's hub datasets: publishing hub prices needs them (a publisher without energy prices has none). */
    private HubDatasets hubDatasets()
    {
        return connector.hubDatasets().orElseThrow(() -> new IllegalStateException("Cannot publish hub prices of " + connector.market().code()
                + ": its connector names no hub datasets (it lands no energy prices)"));
    }

}
