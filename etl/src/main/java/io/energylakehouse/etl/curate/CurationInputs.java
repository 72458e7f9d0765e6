package io.energylakehouse.etl.curate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.energylakehouse.common.ErrorCode;
import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.table.CanonicalTables;
import io.energylakehouse.common.table.Lakehouse;
import io.energylakehouse.common.table.TableSpec;
import io.energylakehouse.etl.raw.FetchOutcome;
import io.energylakehouse.etl.raw.Hashing;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.util.SnapshotUtil;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import static java.util.Objects.requireNonNull;

/**
 * What a curation of one market, dataset and operating day read, so a rerun with nothing new finds that out
 * without reading a raw row. The inputs of a day are the fetches the fetch log committed for the report that
 * cover the day (raw rows of a committed fetch never change); their digest, with the day's summary, goes into the
 * snapshot summary of the commit that wrote the day ({@code lakehouse.curate.<market>.<dataset>.<date>}), atomically
 * with its rows. A rerun compares the digests of the current snapshot's history with today's inputs.
 */
public final class CurationInputs
{
    /** Bump when curation's rules change, so days curated by the old rules are curated again. */
    static final String RULES_VERSION = "market-prices-1";
    private static final String PROPERTY_PREFIX = "lakehouse.curate.";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What one day's curation wrote, as recorded with it. */
    public record DaySummary(String inputs, long rows, long locations, long intervals, long quarantined, Map<String, Long> issues)
    {
        public DaySummary
        {
            requireNonNull(inputs, "inputs is null");
            issues = Map.copyOf(issues);
        }

        String toJson()
        {
            ObjectNode node = JSON.createObjectNode();
            node.put("inputs", inputs);
            node.put("rows", rows);
            node.put("locations", locations);
            node.put("intervals", intervals);
            node.put("quarantined", quarantined);
            ObjectNode issueNode = node.putObject("issues");
            new TreeMap<>(issues).forEach(issueNode::put);
            return node.toString();
        }

        static DaySummary fromJson(String json)
        {
            try {
                JsonNode node = JSON.readTree(json);
                Map<String, Long> issues = new TreeMap<>();
                node.path("issues").fields().forEachRemaining(entry -> issues.put(entry.getKey(), entry.getValue().asLong()));
                return new DaySummary(node.path("inputs").asText(), node.path("rows").asLong(), node.path("locations").asLong(),
                        node.path("intervals").asLong(), node.path("quarantined").asLong(), issues);
            }
            catch (JsonProcessingException e) {
                throw new LakehouseException(ErrorCode.INTERNAL, "Cannot read a curation record: not JSON: " + json, e);
            }
        }
    }

    private CurationInputs() {}

    /** Per day, the digest of the committed fetches of {@code source}/{@code report} that cover it (driver-side read of the fetch log). */
    public static Map<LocalDate, String> digests(Lakehouse lakehouse, String source, String report, List<LocalDate> dates)
    {
        Map<LocalDate, TreeSet<String>> fetches = new TreeMap<>();
        dates.forEach(date -> fetches.put(date, new TreeSet<>()));
        for (Record fetch : lakehouse.scan(CanonicalTables.FETCH_LOG,
                Expressions.and(Expressions.equal("source", source), Expressions.equal("report", report), Expressions.equal("outcome", FetchOutcome.PARSED.code())),
                List.of("fetch_id", "operating_dates"))) {
            @SuppressWarnings("unchecked")
            List<LocalDate> covered = (List<LocalDate>) fetch.getField("operating_dates");
            for (LocalDate date : covered) {
                TreeSet<String> ids = fetches.get(date);
                if (ids != null) {
                    ids.add((String) fetch.getField("fetch_id"));
                }
            }
        }
        Map<LocalDate, String> digests = new TreeMap<>();
        fetches.forEach((date, ids) -> digests.put(date, Hashing.sha256(RULES_VERSION + "\n" + String.join("\n", ids))));
        return digests;
    }

    /** The snapshot properties recording each day's summary, for the commit that writes the days. */
    public static Map<String, String> snapshotProperties(String market, String dataset, Map<LocalDate, DaySummary> days)
    {
        Map<String, String> properties = new LinkedHashMap<>();
        days.forEach((date, summary) -> properties.put(key(market, dataset, date), summary.toJson()));
        return properties;
    }

    /**
     * The summaries the table's current history records for the days, newest first per day; a day never curated
     * (or last written without a record) is absent.
     */
    public static Map<LocalDate, DaySummary> recorded(Lakehouse lakehouse, TableSpec table, String market, String dataset, List<LocalDate> dates)
    {
        Table iceberg = lakehouse.icebergTable(table);
        iceberg.refresh();
        Map<String, LocalDate> wanted = new LinkedHashMap<>();
        dates.forEach(date -> wanted.put(key(market, dataset, date), date));
        Map<LocalDate, DaySummary> found = new TreeMap<>();
        if (iceberg.currentSnapshot() == null) {
            return found;
        }
        Iterator<Snapshot> history = SnapshotUtil.currentAncestors(iceberg).iterator();
        while (history.hasNext() && !wanted.isEmpty()) {
            Map<String, String> summary = history.next().summary();
            for (String key : new ArrayList<>(wanted.keySet())) {
                String json = summary.get(key);
                if (json != null) {
                    found.put(wanted.remove(key), DaySummary.fromJson(json));
                }
            }
        }
        return found;
    }

    /** The snapshot property a write of one market's rows records (besides any day summaries), for {@link #marketChangedSince}. */
    public static Map<String, String> marketWrite(String market)
    {
        return Map.of((PROPERTY_PREFIX + market + ".written").toLowerCase(java.util.Locale.ROOT), "true");
    }

    /**
     * Whether a market's rows of the table may have changed since {@code snapshotId}: true unless every later snapshot
     * of the current history is a compaction ({@code replace}) or a curation commit that records only other markets'
     * days. A commit without such records (another writer) counts as a change; so does a snapshot no longer in the history.
     */
    public static boolean marketChangedSince(Lakehouse lakehouse, TableSpec table, String market, long snapshotId)
    {
        Table iceberg = lakehouse.icebergTable(table);
        iceberg.refresh();
        String own = (PROPERTY_PREFIX + market + ".").toLowerCase(java.util.Locale.ROOT);
        String anyMarket = PROPERTY_PREFIX.toLowerCase(java.util.Locale.ROOT);
        for (Snapshot snapshot : SnapshotUtil.currentAncestors(iceberg)) {
            if (snapshot.snapshotId() == snapshotId) {
                return false;
            }
            if ("replace".equals(snapshot.operation())) {
                continue;
            }
            List<String> recorded = snapshot.summary().keySet().stream().filter(key -> key.startsWith(anyMarket)).toList();
            if (recorded.isEmpty() || recorded.stream().anyMatch(key -> key.startsWith(own))) {
                return true;
            }
        }
        return true;
    }

    /** Lower case: Spark passes write options (and so snapshot properties) through a case-insensitive, lower-casing map. */
    private static String key(String market, String dataset, LocalDate date)
    {
        return (PROPERTY_PREFIX + market + "." + dataset + "." + date).toLowerCase(java.util.Locale.ROOT);
    }
}
