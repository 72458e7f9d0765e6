package io.energylakehouse.etl.source.epf;

import java.time.LocalDate;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * What one curation of a series dataset did, on the local days it curated.
 *
 * @param priceRows rows of {@code curated.market_prices} of the dataset's location on those days after the run, all revisions
 * @param fundamentalRows rows of {@code curated.fundamentals} of the dataset's series and locations on those days after the run, all revisions
 * @param rowsWritten rows of both tables this run inserted or changed: 0 when rerun with the same file
 * @param laterRevisions rows of both with a revision above 1 (a later file changed the value)
 * @param quarantined rows this run sent to {@code curated.quarantine} (stage curate): nonexistent local hours, zeros meaning gaps, prices without currency
 * @param missingIntervals {@code missing_intervals} rows of {@code curated.data_quality} for the dataset on those days after the run
 */
public record SeriesCurateResult(List<LocalDate> localDates, long priceRows, long fundamentalRows, long rowsWritten, long laterRevisions, long quarantined,
        long missingIntervals)
{
    public SeriesCurateResult
    {
        localDates = List.copyOf(requireNonNull(localDates, "localDates is null"));
    }

    public static SeriesCurateResult nothingToCurate()
    {
        return new SeriesCurateResult(List.of(), 0, 0, 0, 0, 0, 0);
    }
}
