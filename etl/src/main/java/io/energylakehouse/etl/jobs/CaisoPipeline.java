package io.energylakehouse.etl.jobs;

import io.energylakehouse.common.calendar.NercHolidays;
import io.energylakehouse.common.table.CanonicalTables;
import io.energylakehouse.common.table.Lakehouse;
import io.energylakehouse.etl.curate.CurateResult;
import io.energylakehouse.etl.curate.MarketPrices;
import io.energylakehouse.etl.publish.DatasetExporter;
import io.energylakehouse.etl.publish.ExportResult;
import io.energylakehouse.etl.publish.HubPrices;
import io.energylakehouse.etl.publish.PublishedTables;
import io.energylakehouse.etl.publish.PublishedTags;
import io.energylakehouse.etl.raw.LandingResult;
import io.energylakehouse.etl.raw.Landing;
import io.energylakehouse.etl.raw.Payload;
import io.energylakehouse.etl.raw.RawStore;
import io.energylakehouse.etl.source.caiso.CaisoCuration;
import io.energylakehouse.etl.source.caiso.CaisoMarket;
import io.energylakehouse.etl.source.caiso.OasisLmpParser;
import io.energylakehouse.etl.source.caiso.OasisReport;
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
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;

/**
 * The CAISO jobs on one lakehouse: land payloads, curate operating days, publish the hub datasets. Each
 * verb is idempotent for its input (same payloads, same days) and writes only what it owns.
 */
public final class CaisoPipeline
{
    private static final Logger log = LoggerFactory.getLogger(CaisoPipeline.class);
    public static final int LANDING_CHUNK_ROWS = 500_000;

    private final Lakehouse lakehouse;

    public CaisoPipeline(Lakehouse lakehouse)
    {
        this.lakehouse = requireNonNull(lakehouse, "lakehouse is null");
    }

    public LandingResult land(Iterator<Payload> payloads)
    {
        lakehouse.describe("Land CAISO OASIS payloads");
        RawStore rawStore = new RawStore(lakehouse.config().rawStore(), lakehouse.spark().sparkContext().hadoopConfiguration());
        return new Landing(lakehouse, rawStore, new OasisLmpParser(), LANDING_CHUNK_ROWS).land(payloads);
    }

    public List<CurateResult> curate(List<OasisReport> reports, List<LocalDate> operatingDates)
    {
        CaisoCuration curation = new CaisoCuration(lakehouse);
        List<CurateResult> results = new ArrayList<>();
        for (OasisReport report : reports) {
            results.add(curation.curate(report, operatingDates));
        }
        return results;
    }

    /**
     * Rebuilds the CAISO rows of the published hub tables from the latest revisions in
     * {@code curated.market_prices} (read at one snapshot, recorded in the manifests) and exports them.
     */
    public PublishResult publish()
    {
        lakehouse.describe("Publish CAISO hub prices");
        lakehouse.ensureAll(CanonicalTables.all());
        lakehouse.ensureAll(PublishedTables.all());
        long curatedSnapshot = lakehouse.currentSnapshotId(CanonicalTables.MARKET_PRICES)
                .orElseThrow(() -> io.energylakehouse.common.LakehouseException.userError("Cannot publish CAISO hub prices: curated.market_prices is empty; run curate first"));
        Dataset<Row> curated = lakehouse.readAtSnapshot(CanonicalTables.MARKET_PRICES, curatedSnapshot)
                .where(col("market").equalTo(CaisoMarket.MARKET).and(col("location_type").equalTo("hub")));
        Dataset<Row> latest = MarketPrices.latestRevision(curated).persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Row range = latest.agg(min("operating_date"), max("operating_date")).first();
            if (range.isNullAt(0)) {
                throw io.energylakehouse.common.LakehouseException.userError("Cannot publish CAISO hub prices: no hub rows in curated.market_prices");
            }
            LocalDate first = range.getAs(0);
            LocalDate last = range.getAs(1);
            Dataset<Row> hourly = HubPrices.hourly(latest, CaisoMarket.MARKET, CaisoMarket.TIME, CaisoMarket.PEAK_BLOCK, NercHolidays.between(first, last),
                    OasisReport.PRC_LMP.dataset(), OasisReport.PRC_INTVL_LMP.dataset()).persist(StorageLevel.MEMORY_AND_DISK());
            try {
                lakehouse.overwrite(PublishedTables.HUB_PRICES_HOURLY, hourly, col("market").equalTo(CaisoMarket.MARKET));
                lakehouse.overwrite(PublishedTables.HUB_PRICES_DAILY, HubPrices.daily(hourly), col("market").equalTo(CaisoMarket.MARKET));
            }
            finally {
                hourly.unpersist();
            }
            List<String> origins = lakehouse.read(CanonicalTables.FETCH_LOG)
                    .join(latest.select("fetch_id").distinct(), "fetch_id")
                    .select("origin").distinct().orderBy("origin")
                    .as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
            List<String> notices = origins.contains("synthetic")
                    ? List.of("SYNTHETIC: some or all rows come from the lakehouse's generated sample files, not from CAISO. Do not use them as market data.")
                    : List.of();

            DatasetExporter exporter = new DatasetExporter(lakehouse.config().publishedRoot(), lakehouse.spark().sparkContext().hadoopConfiguration());
            PublishedTags tags = new PublishedTags(lakehouse);
            List<ExportResult> exports = new ArrayList<>();
            Map<String, Long> sources = new LinkedHashMap<>();
            sources.put(CanonicalTables.MARKET_PRICES.identifier(), curatedSnapshot);
            for (io.energylakehouse.common.table.TableSpec spec : PublishedTables.all()) {
                long snapshot = lakehouse.currentSnapshotId(spec).orElseThrow();
                Dataset<Row> rows = lakehouse.readAtSnapshot(spec, snapshot)
                        .where(col("market").equalTo(CaisoMarket.MARKET))
                        .orderBy(spec.key().stream().map(org.apache.spark.sql.functions::col).toArray(org.apache.spark.sql.Column[]::new));
                ExportResult export = exporter.export(spec, CaisoMarket.MARKET, rows, snapshot, sources, notices);
                log.info("Stage publish: {} -> {} rows, {} files, manifest {}", spec.identifier(), export.rows(), export.files().size(), export.manifestPath());
                // After the manifest is in place: the tags keep exactly the snapshots it names readable through snapshot expiry.
                tags.apply(PublishedTags.tags(spec.name(), CaisoMarket.MARKET, export.sourceSnapshots()));
                exports.add(export);
            }
            return new PublishResult(exports, curatedSnapshot, origins, hubSummaries());
        }
        finally {
            latest.unpersist();
        }
    }

    private List<PublishResult.HubSummary> hubSummaries()
    {
        List<PublishResult.HubSummary> summaries = new ArrayList<>();
        for (Row row : lakehouse.read(PublishedTables.HUB_PRICES_DAILY)
                .where(col("market").equalTo(CaisoMarket.MARKET))
                .groupBy("location_id")
                .agg(count("operating_date").as("days"), avg("da_on_peak_price_per_mwh"), avg("da_off_peak_price_per_mwh"),
                        avg("rt_on_peak_price_per_mwh"), avg("rt_off_peak_price_per_mwh"))
                .orderBy("location_id")
                .collectAsList()) {
            summaries.add(new PublishResult.HubSummary(row.getString(0), row.getLong(1), (Double) row.get(2), (Double) row.get(3),
                    (Double) row.get(4), (Double) row.get(5)));
        }
        return summaries;
    }
}
