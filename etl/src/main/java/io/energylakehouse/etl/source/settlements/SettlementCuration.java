package io.energylakehouse.etl.source.settlements;

import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.table.CanonicalTables;
import io.energylakehouse.common.table.Lakehouse;
import io.energylakehouse.common.table.TableSpec;
import io.energylakehouse.etl.curate.RecordCuration;
import io.energylakehouse.etl.raw.LandedRows;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.LocalDate;
import java.util.Collection;
import java.util.List;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * Curates settlement files' rows of a set of trade dates into {@code curated.commodity_prices}. Revisions
 * are numbered from every file landed for those dates, so the result depends only on the raw layer; only
 * rows that are new or differ from the table are merged on the key. A rerun with the same files writes
 * nothing (not even an Iceberg snapshot); a later file with a different price is the key's next revision.
 */
public final class SettlementCuration
{
    private static final Logger log = LoggerFactory.getLogger(SettlementCuration.class);
    private static final TableSpec TARGET = CanonicalTables.COMMODITY_PRICES;

    private final Lakehouse lakehouse;

    public SettlementCuration(Lakehouse lakehouse)
    {
        this.lakehouse = requireNonNull(lakehouse, "lakehouse is null");
    }

    public SettlementCurateResult curate(Collection<LocalDate> tradeDates)
    {
        if (tradeDates.isEmpty()) {
            throw LakehouseException.userError("Cannot curate futures settlements: no trade dates given");
        }
        List<LocalDate> dates = tradeDates.stream().sorted().distinct().toList();
        String description = "Curate futures settlements " + dates.get(0) + (dates.size() > 1 ? ".." + dates.get(dates.size() - 1) : "")
                + " (" + dates.size() + " trade dates)";
        lakehouse.describe(description);
        lakehouse.ensureAll(List.of(CanonicalTables.FETCH_LOG, CanonicalTables.QUARANTINE, TARGET, SettlementTables.RAW_FUTURES_SETTLEMENTS));
        log.info("Stage curate start: {}: reading {} and raw.fetch_log", description, SettlementTables.RAW_FUTURES_SETTLEMENTS.identifier());

        Column inRun = col("trade_date").isin(dates.toArray());
        // Only rows whose landing the fetch log committed count: rows of an interrupted landing are ignored.
        Dataset<Row> perFile = SettlementPrices.collapseDuplicates(
                        LandedRows.committed(lakehouse.read(SettlementTables.RAW_FUTURES_SETTLEMENTS).where(inRun), lakehouse.read(CanonicalTables.FETCH_LOG)))
                .persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Dataset<Row> curated = TARGET.conform(SettlementPrices.withDqFlags(SettlementPrices.withRevisions(perFile.where(col("reason").isNull()))));
            // The shared write of every curation into a table other than market_prices: rows new or changed, one MERGE on the key.
            long rowsWritten = RecordCuration.writeChanged(lakehouse, TARGET, "trade_date", dates, curated);
            Dataset<Row> rejected = perFile.where(col("reason").isNotNull());
            long quarantined = rejected.count();
            if (quarantined > 0) {
                lakehouse.insertNew(CanonicalTables.QUARANTINE, SettlementPrices.asQuarantine(rejected).localCheckpoint());
            }
            Row counts = lakehouse.read(TARGET).where(inRun).agg(count(lit(1)), count(when(col("revision").gt(1), lit(1)))).first();
            SettlementCurateResult result = new SettlementCurateResult(dates, counts.getLong(0), rowsWritten, counts.getLong(1), quarantined);
            log.info("Stage curate: {} -> {} rows in {} ({} written by this run, {} later revisions), {} quarantined",
                    description, result.rowsCurated(), TARGET.identifier(), result.rowsWritten(), result.laterRevisions(), quarantined);
            return result;
        }
        finally {
            perFile.unpersist();
        }
    }
}
