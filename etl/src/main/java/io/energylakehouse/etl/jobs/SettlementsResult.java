package io.energylakehouse.etl.jobs;

import io.energylakehouse.etl.raw.LandingResult;
import io.energylakehouse.etl.raw.RejectedPayload;
import io.energylakehouse.etl.source.settlements.SettlementCurateResult;

import java.util.List;

import static java.util.Objects.requireNonNull;

/** What loading a set of settlement files did: the landing and the curation of their trade dates. */
public record SettlementsResult(LandingResult landing, SettlementCurateResult curation)
{
    public SettlementsResult
    {
        requireNonNull(landing, "landing is null");
        requireNonNull(curation, "curation is null");
    }

    /** Files read, whether new or landed before. */
    public int payloads()
    {
        return landing.payloadsNew() + landing.payloadsAlreadyLanded();
    }

    /** Lines this run appended to {@code raw.futures_settlements} (0 for files landed before). */
    public long rowsLanded()
    {
        return landing.rowsParsed();
    }

    /** Records this run sent to {@code curated.quarantine}: rejected lines (at parse time and at curation), and one per new file rejected whole. */
    public long rowsRejected()
    {
        return landing.rowsRejected() + curation.quarantined();
    }

    /** Rows of {@code curated.commodity_prices} on the files' trade dates, all revisions. */
    public long rowsCurated()
    {
        return curation.rowsCurated();
    }

    /** Files rejected whole (no required header, not text): kept in the raw store, reason in quarantine. */
    public List<RejectedPayload> rejectedPayloads()
    {
        return landing.rejectedPayloads();
    }
}
