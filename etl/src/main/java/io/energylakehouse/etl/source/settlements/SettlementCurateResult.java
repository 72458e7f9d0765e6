package io.energylakehouse.etl.source.settlements;

import java.time.LocalDate;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * What one curation of settlements did.
 *
 * @param tradeDates the trade dates the run curated (every market)
 * @param rowsCurated rows of {@code curated.commodity_prices} on those trade dates after the run, all revisions
 * @param rowsWritten rows this run inserted or changed: 0 when rerun with the same files
 * @param laterRevisions rows on those trade dates with a revision above 1 (a later file changed the settlement)
 * @param quarantined rows this run sent to {@code curated.quarantine} (stage curate)
 */
public record SettlementCurateResult(List<LocalDate> tradeDates, long rowsCurated, long rowsWritten, long laterRevisions, long quarantined)
{
    public SettlementCurateResult
    {
        tradeDates = List.copyOf(requireNonNull(tradeDates, "tradeDates is null"));
    }

    public static SettlementCurateResult nothingToCurate()
    {
        return new SettlementCurateResult(List.of(), 0, 0, 0, 0);
    }
}
