package io.energylakehouse.etl.jobs;

import io.energylakehouse.etl.raw.LandingResult;
import io.energylakehouse.etl.raw.RejectedPayload;
import io.energylakehouse.etl.source.epf.SeriesCurateResult;
import io.energylakehouse.etl.source.epf.SeriesDataset;

import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * What importing one series file did: the landing, the curation of its local days, and the snapshot of each
 * table written or read afterwards (table identifier to Iceberg snapshot id; a table never written is absent).
 */
public record SeriesImportResult(SeriesDataset dataset, LandingResult landing, SeriesCurateResult curation, Map<String, Long> snapshotIds)
{
    public SeriesImportResult
    {
        requireNonNull(dataset, "dataset is null");
        requireNonNull(landing, "landing is null");
        requireNonNull(curation, "curation is null");
        snapshotIds = Map.copyOf(requireNonNull(snapshotIds, "snapshotIds is null"));
    }

    /** Values this run appended to {@code raw.epf_series}, one per line and column (0 for a file landed before). */
    public long rowsLanded()
    {
        return landing.rowsParsed();
    }

    /** Rows of {@code curated.market_prices} and {@code curated.fundamentals} on the file's days, all revisions. */
    public long rowsCurated()
    {
        return curation.priceRows() + curation.fundamentalRows();
    }

    /** Records this run sent to {@code curated.quarantine}: lines rejected at parse time, values at curation, the file if rejected whole. */
    public long rowsQuarantined()
    {
        return landing.rowsRejected() + curation.quarantined();
    }

    /** The file, when it was rejected whole: kept in the raw store, reason in quarantine. */
    public List<RejectedPayload> rejectedPayloads()
    {
        return landing.rejectedPayloads();
    }
}
