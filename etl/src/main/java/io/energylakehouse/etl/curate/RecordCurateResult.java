package io.energylakehouse.etl.curate;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * What one {@link RecordCuration} run did for a report's table and dataset.
 *
 * @param table the canonical table, e.g. {@code curated.fx_rates}
 * @param dates the dates asked for (the table's date column: rate_date, trade_date, operating_date)
 * @param payloads the committed payloads read (those whose fetch-log dates meet the dates)
 * @param rowsCurated rows of the table on the dates after the run, every revision
 * @param rowsWritten rows this run inserted or replaced (0: nothing changed, no snapshot was committed)
 * @param laterRevisions rows on the dates with a revision above 1
 * @param quarantined records the connector's step refused on the dates (already quarantined ones included: a rerun finds them again)
 * @param quarantinedNew of those, the rows this run added to {@code curated.quarantine}
 */
public record RecordCurateResult(
        String market,
        String table,
        String dataset,
        List<LocalDate> dates,
        long payloads,
        long rowsCurated,
        long rowsWritten,
        long laterRevisions,
        long quarantined,
        long quarantinedNew)
{
    public RecordCurateResult
    {
        requireNonNull(market, "market is null");
        requireNonNull(table, "table is null");
        requireNonNull(dataset, "dataset is null");
        dates = List.copyOf(dates);
    }

    /**
     * As the result the price curation returns, for callers that list both ({@code MarketPipeline.curate}): rows are the
     * table's rows on the dates, {@code unchanged} says this run wrote nothing. Locations and intervals do not apply.
     */
    public CurateResult asCurateResult()
    {
        return new CurateResult(table, market, dataset, dates, rowsCurated, 0, Map.of(), quarantined, Map.of(), rowsWritten == 0 && quarantinedNew == 0);
    }
}
