package io.energylakehouse.etl.jobs;

import io.energylakehouse.common.table.Lakehouse;
import io.energylakehouse.etl.raw.Landing;
import io.energylakehouse.etl.raw.LandingResult;
import io.energylakehouse.etl.raw.PayloadLimits;
import io.energylakehouse.etl.raw.RawStore;
import io.energylakehouse.etl.source.settlements.SettlementCurateResult;
import io.energylakehouse.etl.source.settlements.SettlementCuration;
import io.energylakehouse.etl.source.settlements.SettlementFiles;
import io.energylakehouse.etl.source.settlements.SettlementParser;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * Loads futures settlement files: lands them in the raw layer (bytes kept, lines in
 * {@code raw.futures_settlements}, rejected lines in {@code curated.quarantine}, each file in
 * {@code raw.fetch_log}), then curates every trade date they hold into {@code curated.commodity_prices}.
 * Loading the same files again changes nothing.
 */
public final class SettlementsPipeline
{
    private static final Logger log = LoggerFactory.getLogger(SettlementsPipeline.class);

    private final Lakehouse lakehouse;
    private final PayloadLimits limits;

    public SettlementsPipeline(Lakehouse lakehouse)
    {
        this(lakehouse, PayloadLimits.DEFAULTS);
    }

    /** @param limits what payloads are parsed: larger ones are kept, rejected and quarantined (see {@link PayloadLimits}) */
    public SettlementsPipeline(Lakehouse lakehouse, PayloadLimits limits)
    {
        this.lakehouse = requireNonNull(lakehouse, "lakehouse is null");
        this.limits = requireNonNull(limits, "limits is null");
    }

    /** Lands and curates the files named and the {@code .csv} files of the folders named. */
    public SettlementsResult load(List<Path> paths)
    {
        List<Path> files = SettlementFiles.list(paths);
        log.info("Stage list: {} settlement files under {}", files.size(), paths);
        lakehouse.describe("Land " + files.size() + " futures settlement files");
        RawStore rawStore = new RawStore(lakehouse.config().rawStore(), lakehouse.spark().sparkContext().hadoopConfiguration());
        LandingResult landing = new Landing(lakehouse, rawStore, () -> new SettlementParser(limits), limits).land(SettlementFiles.payloads(files));
        SettlementCurateResult curation = landing.operatingDates().isEmpty()
                ? SettlementCurateResult.nothingToCurate()
                : new SettlementCuration(lakehouse).curate(landing.operatingDates());
        SettlementsResult result = new SettlementsResult(landing, curation);
        log.info("Stage load: {} settlement files ({} new), {} lines landed, {} rejected, {} files rejected whole; {} rows curated on {} trade dates",
                result.payloads(), landing.payloadsNew(), result.rowsLanded(), result.rowsRejected(), result.rejectedPayloads().size(),
                result.rowsCurated(), curation.tradeDates().size());
        return result;
    }
}
