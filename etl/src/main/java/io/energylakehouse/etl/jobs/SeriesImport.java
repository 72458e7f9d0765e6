package io.energylakehouse.etl.jobs;

import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.table.CanonicalTables;
import io.energylakehouse.common.table.Lakehouse;
import io.energylakehouse.common.table.TableSpec;
import io.energylakehouse.etl.raw.Landing;
import io.energylakehouse.etl.raw.LandingResult;
import io.energylakehouse.etl.raw.PayloadLimits;
import io.energylakehouse.etl.raw.RawStore;
import io.energylakehouse.etl.source.epf.SeriesCurateResult;
import io.energylakehouse.etl.source.epf.SeriesCuration;
import io.energylakehouse.etl.source.epf.SeriesCurationRecord;
import io.energylakehouse.etl.source.epf.SeriesDataset;
import io.energylakehouse.etl.source.epf.SeriesFiles;
import io.energylakehouse.etl.source.epf.SeriesParser;
import io.energylakehouse.etl.source.epf.SeriesSource;
import io.energylakehouse.etl.source.epf.SeriesTables;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;

/**
 * Imports one hourly series file (epftoolbox or deepforkit layout): lands it in the raw layer (bytes kept,
 * values in {@code raw.epf_series}, rejected lines in {@code curated.quarantine}, the file in
 * {@code raw.fetch_log}), then curates its local days into {@code curated.market_prices} and
 * {@code curated.fundamentals}. Importing the same file again changes nothing; a changed file of the same
 * dataset is its next revision.
 */
public final class SeriesImport
{
    private static final Logger log = LoggerFactory.getLogger(SeriesImport.class);
    private static final List<TableSpec> REPORTED = List.of(CanonicalTables.MARKET_PRICES, CanonicalTables.FUNDAMENTALS, CanonicalTables.QUARANTINE,
            CanonicalTables.DATA_QUALITY, SeriesTables.RAW_SERIES, CanonicalTables.FETCH_LOG);

    private final Lakehouse lakehouse;
    private final PayloadLimits limits;

    public SeriesImport(Lakehouse lakehouse)
    {
        this(lakehouse, PayloadLimits.DEFAULTS);
    }

    /** @param limits what payloads are parsed: larger ones are kept, rejected and quarantined (see {@link PayloadLimits}) */
    public SeriesImport(Lakehouse lakehouse, PayloadLimits limits)
    {
        this.lakehouse = requireNonNull(lakehouse, "lakehouse is null");
        this.limits = requireNonNull(limits, "limits is null");
    }

    /** The series parser, made where the file is parsed; the dataset's optional parts travel as plain values. */
    private static io.energylakehouse.etl.raw.ParserFactory parsers(SeriesDataset dataset, PayloadLimits limits)
    {
        io.energylakehouse.etl.source.epf.SeriesFormat format = dataset.format();
        String name = dataset.name();
        String market = dataset.market();
        String locationId = dataset.locationId();
        String locationType = dataset.locationType();
        java.time.ZoneId zone = dataset.zone();
        String currency = dataset.currency().orElse(null);
        String priceRefusal = dataset.priceRefusal().orElse(null);
        return () -> new SeriesParser(new SeriesDataset(format, name, market, locationId, locationType, zone, java.util.Optional.ofNullable(currency),
                java.util.Optional.ofNullable(priceRefusal)), limits);
    }

    public SeriesImportResult load(Path file, SeriesDataset dataset)
    {
        SeriesFiles.check(file);
        lakehouse.ensureAll(List.of(CanonicalTables.FETCH_LOG, SeriesTables.RAW_SERIES));
        requireSameZoneAndCurrency(dataset);
        log.info("Stage list: {} as {} dataset {} (market {}, location {}, zone {}, currency {})", file, dataset.format().code(), dataset.name(),
                dataset.market(), dataset.locationId(), dataset.zone(), dataset.currency().orElseGet(() -> "none: " + dataset.priceRefusal().orElseThrow()));
        lakehouse.describe("Land " + dataset.format().code() + " file " + file.getFileName());
        RawStore rawStore = new RawStore(lakehouse.config().rawStore(), lakehouse.spark().sparkContext().hadoopConfiguration());
        LandingResult landing = new Landing(lakehouse, rawStore, parsers(dataset, limits), limits)
                .land(List.of(SeriesFiles.payload(file, dataset)).iterator());
        SeriesCurateResult curation = landing.operatingDates().isEmpty() ? SeriesCurateResult.nothingToCurate() : curate(dataset, landing);
        Map<String, Long> snapshots = new LinkedHashMap<>();
        for (TableSpec table : REPORTED) {
            OptionalLong snapshot = lakehouse.currentSnapshotId(table);
            if (snapshot.isPresent()) {
                snapshots.put(table.identifier(), snapshot.getAsLong());
            }
        }
        SeriesImportResult result = new SeriesImportResult(dataset, landing, curation, snapshots);
        log.info("Stage load: {} ({}), {} values landed, {} records quarantined, {} rejected whole; {} rows curated on {} local days; snapshots {}",
                file.getFileName(), landing.payloadsNew() > 0 ? "new" : "landed before", result.rowsLanded(), result.rowsQuarantined(),
                result.rejectedPayloads().size(), result.rowsCurated(), curation.localDates().size(), snapshots);
        return result;
    }

    /** Curates the landed days, unless the same file again finds its last curation's inputs and rows as they were. */
    private SeriesCurateResult curate(SeriesDataset dataset, LandingResult landing)
    {
        SeriesCurationRecord record = new SeriesCurationRecord(lakehouse);
        String inputs = record.inputs();
        List<java.time.LocalDate> dates = landing.operatingDates().stream().sorted().distinct().toList();
        if (landing.payloadsNew() == 0) {
            java.util.Optional<SeriesCurateResult> unchanged = record.unchanged(dataset, inputs, dates);
            if (unchanged.isPresent()) {
                log.info("Stage curate: {} dataset {} unchanged: the same series payloads as its last curation, whose rows no commit has touched since; nothing written",
                        dataset.format().code(), dataset.name());
                return unchanged.get();
            }
        }
        SeriesCurateResult result = new SeriesCuration(lakehouse).curate(dataset, dates);
        record.record(dataset, inputs, result);
        return result;
    }

    /**
     * A dataset name is read in one zone and one currency: files imported under the name with other ones would put
     * two readings of the same hours in the curated tables. Refused before anything is written.
     */
    private void requireSameZoneAndCurrency(SeriesDataset dataset)
    {
        List<Row> others = lakehouse.read(CanonicalTables.FETCH_LOG)
                .where(col("source").equalTo(SeriesSource.SOURCE).and(col("report").equalTo(dataset.format().report()))
                        .and(col("request_key").startsWith(dataset.requestKeyPrefix())).and(col("request_key").notEqual(dataset.requestKey())))
                .select("request_key", "file_name").limit(1).collectAsList();
        if (!others.isEmpty()) {
            throw LakehouseException.userError("Cannot import %s dataset %s as %s: file %s was imported under that name as %s (format|name|zone|currency); "
                            + "use the same --zone and --currency, or another --name", dataset.format().code(), dataset.name(), dataset.requestKey(),
                    others.get(0).getString(1), others.get(0).getString(0));
        }
    }
}
