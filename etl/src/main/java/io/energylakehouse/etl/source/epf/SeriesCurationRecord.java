package io.energylakehouse.etl.source.epf;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.energylakehouse.common.table.CanonicalTables;
import io.energylakehouse.common.table.Lakehouse;
import io.energylakehouse.common.table.TableSpec;
import io.energylakehouse.etl.curate.CurationInputs;
import io.energylakehouse.etl.raw.FetchOutcome;
import io.energylakehouse.etl.raw.Hashing;
import io.energylakehouse.etl.raw.Landing;
import org.apache.iceberg.Table;
import org.apache.iceberg.expressions.Expressions;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import static java.util.Objects.requireNonNull;

/**
 * What the last complete curation of a series dataset read and left, so that importing the same file again finds out
 * in a second that nothing would change, instead of reading back thousands of daily partitions to compare.
 *
 * <p>A series curation depends only on the committed series payloads (any dataset's file may hold values of the scope,
 * so all of them count) and writes only {@code curated.market_prices}, {@code curated.fundamentals} and
 * {@code curated.data_quality} rows of its market. After it finishes, the digest of those payloads and the three
 * tables' snapshots are kept as a property of {@code raw.epf_series} ({@code lakehouse.series-curated.<format>.<name>}).
 * The curation is skipped when the digest is the same and none of the three tables had a commit since that may have
 * changed the market's rows ({@link CurationInputs#marketChangedSince}: compactions and other markets' writes do not
 * count; a rollback past the recorded snapshot does). Anything else curates again, which is always correct.
 */
public final class SeriesCurationRecord
{
    private static final String PROPERTY_PREFIX = "lakehouse.series-curated.";
    private static final List<TableSpec> WRITTEN = List.of(CanonicalTables.MARKET_PRICES, CanonicalTables.FUNDAMENTALS, CanonicalTables.DATA_QUALITY);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Lakehouse lakehouse;

    public SeriesCurationRecord(Lakehouse lakehouse)
    {
        this.lakehouse = requireNonNull(lakehouse, "lakehouse is null");
    }

    /** The digest of every committed series payload (fetch and landing ids): what any series curation may read. */
    public String inputs()
    {
        List<String> fetches = new ArrayList<>();
        for (org.apache.iceberg.data.Record fetch : lakehouse.scan(CanonicalTables.FETCH_LOG,
                Expressions.and(Expressions.equal("source", SeriesSource.SOURCE), Expressions.equal("outcome", FetchOutcome.PARSED.code())),
                List.of("fetch_id", Landing.LANDING_ID))) {
            fetches.add(fetch.getField("fetch_id") + ":" + fetch.getField(Landing.LANDING_ID));
        }
        fetches.sort(null);
        return Hashing.sha256(String.join("\n", fetches));
    }

    /** The result the last curation of the dataset recorded, when it read the same inputs and its tables' rows of the market have not changed since. */
    public Optional<SeriesCurateResult> unchanged(SeriesDataset dataset, String inputs, List<LocalDate> localDates)
    {
        String recorded = table().properties().get(property(dataset));
        if (recorded == null) {
            return Optional.empty();
        }
        try {
            ObjectNode record = (ObjectNode) JSON.readTree(recorded);
            if (!inputs.equals(record.path("inputs").asText()) || !localDates.stream().map(LocalDate::toString).toList().equals(datesOf(record))) {
                return Optional.empty();
            }
            for (TableSpec written : WRITTEN) {
                if (!record.path("snapshots").has(written.identifier())
                        || CurationInputs.marketChangedSince(lakehouse, written, dataset.market(), record.path("snapshots").path(written.identifier()).asLong())) {
                    return Optional.empty();
                }
            }
            return Optional.of(new SeriesCurateResult(localDates, record.path("price_rows").asLong(), record.path("fundamental_rows").asLong(), 0,
                    record.path("later_revisions").asLong(), 0, record.path("missing_intervals").asLong()));
        }
        catch (JsonProcessingException | ClassCastException e) {
            // An unreadable record is no record: curate again.
            return Optional.empty();
        }
    }

    /** Records a finished curation of the dataset (a table property: one metadata commit, retried by Iceberg on conflicts). */
    public void record(SeriesDataset dataset, String inputs, SeriesCurateResult result)
    {
        Map<String, Object> record = new LinkedHashMap<>();
        record.put("inputs", inputs);
        record.put("local_dates", result.localDates().stream().map(LocalDate::toString).toList());
        Map<String, Long> snapshots = new LinkedHashMap<>();
        for (TableSpec written : WRITTEN) {
            OptionalLong snapshot = lakehouse.currentSnapshotId(written);
            if (snapshot.isEmpty()) {
                return;
            }
            snapshots.put(written.identifier(), snapshot.getAsLong());
        }
        record.put("snapshots", snapshots);
        record.put("price_rows", result.priceRows());
        record.put("fundamental_rows", result.fundamentalRows());
        record.put("later_revisions", result.laterRevisions());
        record.put("missing_intervals", result.missingIntervals());
        try {
            table().updateProperties().set(property(dataset), JSON.writeValueAsString(record)).commit();
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot record the curation of series dataset " + dataset.name(), e);
        }
    }

    private static List<String> datesOf(ObjectNode record)
    {
        List<String> dates = new ArrayList<>();
        record.path("local_dates").forEach(date -> dates.add(date.asText()));
        return dates;
    }

    private Table table()
    {
        Table table = lakehouse.icebergTable(SeriesTables.RAW_SERIES);
        table.refresh();
        return table;
    }

    private static String property(SeriesDataset dataset)
    {
        return (PROPERTY_PREFIX + dataset.format().code() + "." + dataset.name()).toLowerCase(java.util.Locale.ROOT);
    }
}
