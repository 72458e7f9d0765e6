package io.energylakehouse.etl.publish;

import io.energylakehouse.common.ErrorCode;
import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.table.Lakehouse;
import org.apache.iceberg.ManageSnapshots;
import org.apache.iceberg.SnapshotRef;
import org.apache.iceberg.Table;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * Iceberg tags on the snapshots a published dataset was made from, {@code published-<dataset>-<market>} on each
 * table its manifest names (the published table itself and its sources). A tag keeps its snapshot readable
 * ({@code VERSION AS OF 'published-hub_prices_daily-caiso'}) through snapshot expiry; a republish moves it. Tags
 * are set without a max ref age, so no later write or expiry removes them.
 */
public final class PublishedTags
{
    private static final Logger log = LoggerFactory.getLogger(PublishedTags.class);

    public static final String PREFIX = "published-";

    /** One tag to set: {@code name} on snapshot {@code snapshotId} of {@code table} ({@code namespace.table}). */
    public record Tag(String table, String name, long snapshotId)
    {
        public Tag
        {
            requireNonNull(table, "table is null");
            requireNonNull(name, "name is null");
        }
    }

    private final Lakehouse lakehouse;

    public PublishedTags(Lakehouse lakehouse)
    {
        this.lakehouse = requireNonNull(lakehouse, "lakehouse is null");
    }

    /** The tag name of a market's published dataset, e.g. {@code published-hub_prices_daily-caiso}. */
    public static String name(String dataset, String market)
    {
        requireNonNull(dataset, "dataset is null");
        requireNonNull(market, "market is null");
        if (!dataset.matches("[a-z][a-z0-9_]*")) {
            throw LakehouseException.userError("Cannot name the published tag of dataset '%s': use lower-case letters, digits and underscores", dataset);
        }
        if (!market.matches("[A-Za-z][A-Za-z0-9_]*")) {
            throw LakehouseException.userError("Cannot name the published tag of market '%s': use letters, digits and underscores", market);
        }
        return PREFIX + dataset + "-" + market.toLowerCase(Locale.ROOT);
    }

    /**
     * The tags to set for one published dataset: one per table in {@code sourceSnapshots} (table identifier to the
     * snapshot id the manifest records), all with the dataset's tag name, in the map's order.
     */
    public static List<Tag> tags(String dataset, String market, Map<String, Long> sourceSnapshots)
    {
        requireNonNull(sourceSnapshots, "sourceSnapshots is null");
        String name = name(dataset, market);
        List<Tag> tags = new ArrayList<>();
        sourceSnapshots.forEach((table, snapshotId) -> tags.add(new Tag(table, name, requireNonNull(snapshotId, "snapshotId is null"))));
        return List.copyOf(tags);
    }

    /**
     * Creates each tag, or moves it to its new snapshot; one Iceberg commit per table, none for a table whose tags
     * are already where they should be. Logs one line for the tags given (one dataset's).
     */
    public void apply(List<Tag> tags)
    {
        Map<String, List<Tag>> byTable = new LinkedHashMap<>();
        tags.forEach(tag -> byTable.computeIfAbsent(tag.table(), ignored -> new ArrayList<>()).add(tag));
        List<String> changes = new ArrayList<>();
        for (Map.Entry<String, List<Tag>> entry : byTable.entrySet()) {
            Table table = lakehouse.icebergTable(entry.getKey());
            ManageSnapshots update = table.manageSnapshots();
            boolean changed = false;
            for (Tag tag : entry.getValue()) {
                if (table.snapshot(tag.snapshotId()) == null) {
                    throw new LakehouseException(ErrorCode.INTERNAL,
                            String.format("Cannot tag snapshot %d of %s as %s: the table has no such snapshot", tag.snapshotId(), tag.table(), tag.name()));
                }
                SnapshotRef existing = table.refs().get(tag.name());
                if (existing == null) {
                    update.createTag(tag.name(), tag.snapshotId());
                    changes.add(tag.table() + "@" + tag.snapshotId() + " (new)");
                    changed = true;
                }
                else if (!existing.isTag()) {
                    throw new LakehouseException(ErrorCode.INTERNAL,
                            String.format("Cannot tag snapshot %d of %s as %s: a branch of that name exists", tag.snapshotId(), tag.table(), tag.name()));
                }
                else if (existing.snapshotId() != tag.snapshotId()) {
                    update.replaceTag(tag.name(), tag.snapshotId());
                    changes.add(tag.table() + "@" + tag.snapshotId() + " (moved from " + existing.snapshotId() + ")");
                    changed = true;
                }
                else {
                    changes.add(tag.table() + "@" + tag.snapshotId() + " (unchanged)");
                }
            }
            if (changed) {
                update.commit();
            }
        }
        log.info("Stage publish tags: {} -> {}", tags.stream().map(Tag::name).distinct().toList(), changes);
    }
}
