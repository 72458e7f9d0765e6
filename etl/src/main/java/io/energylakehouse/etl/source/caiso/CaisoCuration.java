package io.energylakehouse.etl.source.caiso;

import io.energylakehouse.common.table.CanonicalTables;
import io.energylakehouse.common.table.Lakehouse;
import io.energylakehouse.etl.curate.CurateResult;
import io.energylakehouse.etl.curate.MarketPrices;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
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

    private final Lakehouse lakehouse;

    public CaisoCuration(Lakehouse lakehouse)
    {
        this.lakehouse = requireNonNull(lakehouse, "lakehouse is null");
    }

    public CurateResult curate(OasisReport report, List<LocalDate> operatingDates)
    {
        if (operatingDates.isEmpty()) {
            throw io.energylakehouse.common.LakehouseException.userError("Cannot curate CAISO %s: no operating dates given", report.queryName());
        }
        List<LocalDate> dates = operatingDates.stream().sorted().distinct().toList();
        String description = "Curate CAISO " + report.dataset() + " " + dates.get(0) + (dates.size() > 1 ? ".." + dates.get(dates.size() - 1) : "");
        lakehouse.describe(description);
        lakehouse.ensureAll(CanonicalTables.all());
        log.info("Stage curate start: {}: reading {} and raw.fetch_log", description, CaisoTables.rawTable(report).identifier());

        Column inWindow = rawWindow(dates);
        Dataset<Row> raw = CaisoPrices.withValueColumn(lakehouse.read(CaisoTables.rawTable(report)).where(inWindow), report);
        // Only fetches the log committed count: rows of an interrupted landing are ignored.
        Dataset<Row> fetches = lakehouse.read(CanonicalTables.FETCH_LOG)
                .where(col("outcome").equalTo("parsed"))
                .select("fetch_id", "published_at_utc");
        Dataset<Row> withPublication = raw.join(fetches, "fetch_id");

        Dataset<Row> prices = MarketPrices.withOperatingTime(
                        CaisoPrices.withMarketColumns(CaisoPrices.pivotLmpTypes(withPublication), report), CaisoMarket.TIME)
                .where(col("operating_date").isin(dates.toArray()))
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Dataset<Row> accepted = prices.where(col("reason").isNull());
            Dataset<Row> curated = MarketPrices.withDqFlags(MarketPrices.withRevisions(accepted), TOTAL_TOLERANCE_PER_MWH)
                    .persist(StorageLevel.MEMORY_AND_DISK());
            try {
                Column runPartitions = col("market").equalTo(CaisoMarket.MARKET)
                        .and(col("dataset").equalTo(report.dataset()))
                        .and(col("operating_date").isin(dates.toArray()));
                lakehouse.overwrite(CanonicalTables.MARKET_PRICES, curated, runPartitions);

                Dataset<Row> rejected = prices.where(col("reason").isNotNull());
                long quarantined = rejected.count();
                if (quarantined > 0) {
                    lakehouse.insertNew(CanonicalTables.QUARANTINE, MarketPrices.asQuarantine(rejected, CaisoMarket.SOURCE, report.queryName()));
                }

                Dataset<Row> dataQuality = MarketPrices.dataQualityResults(MarketPrices.latestRevision(curated), CaisoMarket.TIME);
                lakehouse.overwrite(CanonicalTables.DATA_QUALITY, dataQuality, runPartitions);

                CurateResult result = summarize(report, dates, curated, quarantined);
                log.info("Stage curate: {} -> {} rows for {} locations on {} days, {} quarantined, data-quality issues {}",
                        description, result.rowsWritten(), result.locations(), dates.size(), quarantined, result.dataQualityIssues());
                return result;
            }
            finally {
                curated.unpersist();
            }
        }
        finally {
            prices.unpersist();
        }
    }

    /** One UTC window per run of consecutive operating days, so a sparse set of days never reads the months between them. */
    static Column rawWindow(List<LocalDate> sortedDates)
    {
        Column window = null;
        int runStart = 0;
        for (int i = 1; i <= sortedDates.size(); i++) {
            if (i == sortedDates.size() || !sortedDates.get(i).equals(sortedDates.get(i - 1).plusDays(1))) {
                Column run = col("interval_start_utc").geq(lit(CaisoMarket.TIME.dayStart(sortedDates.get(runStart))))
                        .and(col("interval_start_utc").lt(lit(CaisoMarket.TIME.dayEnd(sortedDates.get(i - 1)))));
                window = window == null ? run : window.or(run);
                runStart = i;
            }
        }
        return window;
    }

    private CurateResult summarize(OasisReport report, List<LocalDate> dates, Dataset<Row> curated, long quarantined)
    {
        Map<LocalDate, Long> intervalsPerDay = new TreeMap<>();
        long rows = 0;
        for (Row row : curated.groupBy("operating_date")
                .agg(countDistinct("interval_start_utc").as("intervals"), org.apache.spark.sql.functions.count(lit(1)).as("rows"))
                .collectAsList()) {
            intervalsPerDay.put(row.getAs("operating_date"), row.getAs("intervals"));
            rows += row.<Long>getAs("rows");
        }
        long locations = curated.select("location_id").distinct().count();
        Map<String, Long> issues = new TreeMap<>();
        lakehouse.read(CanonicalTables.DATA_QUALITY)
                .where(col("market").equalTo(CaisoMarket.MARKET).and(col("dataset").equalTo(report.dataset())).and(col("operating_date").isin(dates.toArray())))
                .groupBy("check_name").count().collectAsList()
                .forEach(row -> issues.put(row.getString(0), row.getLong(1)));
        return new CurateResult(CaisoMarket.MARKET, report.dataset(), dates, rows, locations, intervalsPerDay, quarantined, issues);
    }
}
