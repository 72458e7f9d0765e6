package io.energylakehouse.etl.source.caiso;

import io.energylakehouse.common.table.CanonicalTables;
import io.energylakehouse.common.table.Lakehouse;
import io.energylakehouse.etl.curate.CurateResult;
import io.energylakehouse.etl.curate.CurationInputs;
import io.energylakehouse.etl.raw.LandedRows;
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
        log.info("Stage curate start: {}: reading {} and raw.fetch_log", description, CaisoTables.rawTable(report).identifier());

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
                Column runPartitions = col("market").equalTo(CaisoMarket.MARKET)
                        .and(col("dataset").equalTo(report.dataset()))
                        .and(col("operating_date").isin(dates.toArray()));
                // Quarantine and data quality first, the prices last: their commit records the inputs, so a run that
                // dies before it is done again in full by the next one.
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

                CurateResult result = CurateResult.written(CaisoMarket.MARKET, report.dataset(), days);
                log.info("Stage curate: {} -> {} rows for {} locations on {} days, {} quarantined, data-quality issues {}",
                        description, result.rowsWritten(), result.locations(), dates.size(), result.quarantined(), result.dataQualityIssues());
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

    private static Map<LocalDate, Long> countPerDay(Dataset<Row> rows)
    {
        Map<LocalDate, Long> counts = new TreeMap<>();
        rows.groupBy("operating_date").count().collectAsList().forEach(row -> counts.put(row.getAs("operating_date"), row.getLong(1)));
        return counts;
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
