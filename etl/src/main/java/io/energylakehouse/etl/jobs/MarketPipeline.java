package io.energylakehouse.etl.jobs;

import io.energylakehouse.common.calendar.NercHolidays;
import io.energylakehouse.common.table.CanonicalTables;
import io.energylakehouse.common.table.Lakehouse;
import io.energylakehouse.etl.curate.CurateResult;
import io.energylakehouse.etl.curate.CurationInputs;
import io.energylakehouse.etl.curate.MarketPrices;
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
    public static final int LANDING_CHUNK_ROWS = 500_000;

    private final Lakehouse lakehouse;
    private final MarketConnector connector;
    private final Market market;
    private final String code;
    private final PayloadLimits limits;

    public MarketPipeline(Lakehouse lakehouse, MarketConnector connector)
    {
        this(lakehouse, connector, PayloadLimits.DEFAULTS);
    }

    /** @param limits what payloads are parsed: larger ones are kept, rejected and quarantined (see {@link PayloadLimits}) */
    public MarketPipeline(Lakehouse lakehouse, MarketConnector connector, PayloadLimits limits)
    {
        this.lakehouse = requireNonNull(lakehouse, "lakehouse is null");
        this.connector = requireNonNull(connector, "connector is null");
        this.market = connector.market();
        this.code = market.code();
        this.limits = requireNonNull(limits, "limits is null");
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
        return new Landing(lakehouse, rawStore, connector.parser(connector.reports().get(0), limits), LANDING_CHUNK_ROWS, limits).land(payloads);
    }

    public List<CurateResult> curate(List<MarketReport> reports, List<LocalDate> operatingDates)
    {
        return curate(reports, operatingDates, false);
    }

    /**
     * Curates the datasets the reports feed, each once (reports feeding one dataset are curated together).
     *
     * @param force rebuild days whose inputs did not change (else they are reported unchanged and not written)
     */
    public List<CurateResult> curate(List<MarketReport> reports, List<LocalDate> operatingDates, boolean force)
    {
        PriceCuration curation = new PriceCuration(lakehouse, connector);
        List<CurateResult> results = new ArrayList<>();
        java.util.Set<String> done = new java.util.HashSet<>();
        for (MarketReport report : reports) {
            if (done.add(report.outputs().get(0).dataset())) {
                results.add(curation.curate(report, operatingDates, force));
            }
        }
        return results;
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
        Dataset<Row> curated = lakehouse.readAtSnapshot(CanonicalTables.MARKET_PRICES, curatedSnapshot)
                .where(col("market").equalTo(code).and(col("location_type").equalTo(HubPrices.LOCATION_TYPE)));
        Dataset<Row> latest = MarketPrices.latestRevision(curated).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Row range = latest.agg(min("operating_date"), max("operating_date")).first();
            if (range.isNullAt(0)) {
                throw io.energylakehouse.common.LakehouseException.userError("Cannot publish %s hub prices: no hub rows in curated.market_prices", code);
            }
            LocalDate first = range.getAs(0);
            LocalDate last = range.getAs(1);
            HubDatasets datasets = connector.hubDatasets();
            io.energylakehouse.common.calendar.PeakBlock block = market.requirePeakBlock("published on-peak averages");
            Dataset<Row> hourly = HubPrices.hourly(latest, code, market.time(), block,
                    block.nercHolidaysOffPeak() ? NercHolidays.between(first, last) : List.of(),
                    datasets.dayAhead(), datasets.realTime(), datasets.realTimeIntervalMinutes())
                    .persist(StorageLevel.MEMORY_AND_DISK());
            try {
                lakehouse.overwrite(PublishedTables.HUB_PRICES_HOURLY, hourly, col("market").equalTo(code), CurationInputs.marketWrite(code));
                lakehouse.overwrite(PublishedTables.HUB_PRICES_DAILY, HubPrices.daily(hourly, market.time()), col("market").equalTo(code),
                        CurationInputs.marketWrite(code));
            }
            finally {
                hourly.unpersist();
            }
            List<String> origins = lakehouse.read(CanonicalTables.FETCH_LOG)
                    .join(latest.select("fetch_id").distinct(), "fetch_id")
                    .select("origin").distinct().orderBy("origin")
                    .as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
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
                long snapshot = lakehouse.currentSnapshotId(spec).orElseThrow();
                Dataset<Row> rows = lakehouse.readAtSnapshot(spec, snapshot)
                        .where(col("market").equalTo(code))
                        .orderBy(spec.key().stream().map(org.apache.spark.sql.functions::col).toArray(org.apache.spark.sql.Column[]::new));
                ExportResult export = exporter.export(spec, code, rows, snapshot, sources, notices, origins);
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
        List<String> averages = List.of("da_on_peak_price_per_mwh", "da_off_peak_price_per_mwh", "rt_on_peak_price_per_mwh", "rt_off_peak_price_per_mwh");
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
            summaries.add(new PublishResult.HubSummary(hub, count[averages.size()], means[0], means[1], means[2], means[3]));
        });
        return summaries;
    }
}
