package io.energylakehouse.etl.maintenance;

import io.energylakehouse.common.ErrorCode;
import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.table.Lakehouse;
import io.energylakehouse.etl.publish.PublishedTags;
import org.apache.iceberg.HistoryEntry;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.SnapshotRef;
import org.apache.iceberg.SnapshotSummary;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.actions.DeleteOrphanFiles;
import org.apache.iceberg.actions.ExpireSnapshots;
import org.apache.iceberg.actions.RewriteDataFiles;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.SupportsNamespaces;
import org.apache.iceberg.exceptions.ValidationException;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.spark.actions.SparkActions;
import org.apache.iceberg.util.PropertyUtil;
import org.apache.iceberg.util.SnapshotUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * Keeps the Iceberg tables of the lakehouse small and tidy, table by table: rewrites small data files into larger
 * ones, expires old snapshots (snapshots tagged {@code published-*} stay readable, checked), and deletes orphan files
 * under each table's location. Only table locations are cleaned: the raw payload store and the published files are
 * never listed. Run it when no other job writes, or with the default orphan age, which leaves in-flight files alone.
 */
public final class TableMaintenance
{
    private static final Logger log = LoggerFactory.getLogger(TableMaintenance.class);

    /** The namespaces maintained, those of them that exist. */
    public static final List<String> NAMESPACES = List.of("raw", "curated", "analytics", "published");

    /** Scheme aliases of the same store: Hadoop lists {@code s3a://} where Iceberg's S3FileIO wrote {@code s3://}. */
    private static final Map<String, String> EQUAL_SCHEMES = Map.of("s3a,s3n", "s3");

    private final Lakehouse lakehouse;
    private final MaintenanceOptions options;

    public TableMaintenance(Lakehouse lakehouse, MaintenanceOptions options)
    {
        this.lakehouse = requireNonNull(lakehouse, "lakehouse is null");
        this.options = requireNonNull(options, "options is null");
    }

    /** Every Iceberg table in the lakehouse catalog's {@link #NAMESPACES} that exist, as {@code namespace.table}, by namespace then name. */
    public List<String> tables()
    {
        Catalog catalog = lakehouse.icebergCatalog();
        List<String> tables = new ArrayList<>();
        for (String name : NAMESPACES) {
            Namespace namespace = Namespace.of(name);
            if (catalog instanceof SupportsNamespaces namespaces && !namespaces.namespaceExists(namespace)) {
                continue;
            }
            catalog.listTables(namespace).stream()
                    .map(Object::toString)
                    .sorted()
                    .forEach(tables::add);
        }
        return List.copyOf(tables);
    }

    /** Maintains every table of {@link #tables()}, one after the other. */
    public MaintenanceResult execute()
    {
        List<String> tables = tables();
        log.info("Stage maintain: {} tables in namespaces {} of catalog {}", tables.size(), NAMESPACES, lakehouse.config().catalogName());
        List<MaintenanceResult.TableResult> results = new ArrayList<>();
        for (String table : tables) {
            results.add(maintain(table));
        }
        MaintenanceResult result = new MaintenanceResult(results);
        log.info("Stage maintain done: {} tables, {} data files rewritten, {} snapshots expired, {} orphan files removed",
                results.size(), result.rewrittenDataFiles(), result.expiredSnapshots(), result.orphanFilesRemoved());
        return result;
    }

    /** Maintains one table ({@code namespace.table}): rewrite small files, expire snapshots, remove orphan files, in this order. */
    public MaintenanceResult.TableResult maintain(String identifier)
    {
        Table table = lakehouse.icebergTable(identifier);
        int snapshotsBefore = snapshotIds(table).size();
        long dataFilesBefore = dataFiles(table);

        RewriteDataFiles.Result rewrite = rewriteDataFiles(identifier, table);
        int rewritten = rewrite == null ? 0 : rewrite.rewrittenDataFilesCount();
        int added = rewrite == null ? 0 : rewrite.addedDataFilesCount();
        long dataFilesAfter = dataFiles(table);
        if (rewrite != null) {
            log.info("Stage maintain rewrite: {} -> {} data files rewritten into {}, data files {} -> {}", identifier, rewritten, added, dataFilesBefore, dataFilesAfter);
        }

        Set<Long> beforeExpiry = snapshotIds(table);
        long filesDeletedByExpiry = expireSnapshots(identifier, table);
        Set<Long> afterExpiry = snapshotIds(table);
        int expired = (int) beforeExpiry.stream().filter(id -> !afterExpiry.contains(id)).count();
        List<String> tags = table.refs().entrySet().stream()
                .filter(ref -> ref.getValue().isTag())
                .map(Map.Entry::getKey)
                .sorted()
                .toList();
        log.info("Stage maintain expire: {} -> {} snapshots expired ({} -> {}), {} unreachable files deleted, tags kept {}",
                identifier, expired, beforeExpiry.size(), afterExpiry.size(), filesDeletedByExpiry, tags);

        long orphans = removeOrphanFiles(identifier, table);
        return new MaintenanceResult.TableResult(identifier, snapshotsBefore, afterExpiry.size(), expired, tags, dataFilesBefore, dataFilesAfter,
                rewritten, added, filesDeletedByExpiry, orphans);
    }

    /**
     * The table's snapshots ({@code namespace.table}) in the order they were committed, each with its summary's record
     * counts, where it stands against the current snapshot, and the branches and tags pointing at it.
     */
    public List<TableSnapshot> snapshots(String identifier)
    {
        Table table = lakehouse.icebergTable(identifier);
        Snapshot current = table.currentSnapshot();
        Set<Long> ancestors = current == null ? Set.of() : new HashSet<>(SnapshotUtil.ancestorIds(current, table::snapshot));
        Map<Long, List<String>> refs = new HashMap<>();
        new TreeMap<>(table.refs()).forEach((name, ref) -> refs.computeIfAbsent(ref.snapshotId(), id -> new ArrayList<>()).add(name));
        List<TableSnapshot> snapshots = new ArrayList<>();
        for (Snapshot snapshot : table.snapshots()) {
            TableSnapshot.Lineage lineage = current != null && snapshot.snapshotId() == current.snapshotId() ? TableSnapshot.Lineage.CURRENT
                    : ancestors.contains(snapshot.snapshotId()) ? TableSnapshot.Lineage.ANCESTOR : TableSnapshot.Lineage.OFF_MAIN;
            Map<String, String> summary = snapshot.summary() == null ? Map.of() : snapshot.summary();
            snapshots.add(new TableSnapshot(snapshot.snapshotId(), Instant.ofEpochMilli(snapshot.timestampMillis()),
                    snapshot.operation() == null ? "unknown" : snapshot.operation(),
                    snapshot.parentId() == null ? OptionalLong.empty() : OptionalLong.of(snapshot.parentId()),
                    count(summary, SnapshotSummary.ADDED_RECORDS_PROP), count(summary, SnapshotSummary.DELETED_RECORDS_PROP),
                    count(summary, SnapshotSummary.TOTAL_RECORDS_PROP), lineage, refs.getOrDefault(snapshot.snapshotId(), List.of())));
        }
        snapshots.sort(Comparator.comparing(TableSnapshot::committedAtUtc).thenComparingLong(snapshot -> snapshot.parentId().orElse(Long.MIN_VALUE)));
        log.info("Stage snapshots: {} -> {} snapshots, current {}", identifier, snapshots.size(), current == null ? "none" : current.snapshotId());
        return snapshots;
    }

    /**
     * Makes an earlier snapshot of the table ({@code namespace.table}) its current one again (Iceberg's
     * {@code rollbackTo}, one metadata commit: no data file is written or deleted, and the undone snapshots stay until
     * expiry), then records it in {@link MaintenanceLog raw.maintenance_log} and the log. Only an ancestor of the current
     * snapshot is accepted; the one that is current already changes nothing and records nothing.
     */
    public RollbackResult rollback(String identifier, long snapshotId, String performedBy, Optional<String> reason)
    {
        requireNonNull(performedBy, "performedBy is null");
        requireNonNull(reason, "reason is null");
        if (identifier.strip().equals(MaintenanceLog.SPEC.identifier())) {
            throw LakehouseException.userError("Cannot roll back %s: it is the record of rollbacks, and a rollback of it would erase that record", identifier);
        }
        Table table = lakehouse.icebergTable(identifier);
        String name = identifier.strip();
        Snapshot target = table.snapshot(snapshotId);
        Snapshot current = table.currentSnapshot();
        if (target == null) {
            throw LakehouseException.userError("Cannot roll back %s to snapshot %d: %s has no such snapshot (its current one is %s; "
                    + "bin/lakehouse maintain snapshots --table %s lists them)", name, snapshotId, name, current == null ? "none" : current.snapshotId(), name);
        }
        if (current != null && current.snapshotId() == snapshotId) {
            log.info("Stage rollback: {} -> snapshot {} is current already, nothing to do", name, snapshotId);
            return new RollbackResult(name, snapshotId, snapshotId, List.of(), List.of(), totalRecords(current), totalRecords(current), Instant.now(), performedBy, reason);
        }
        if (current == null || !SnapshotUtil.isAncestorOf(table, current.snapshotId(), snapshotId)) {
            throw LakehouseException.userError("Cannot roll back %s to snapshot %d: it is not an ancestor of the current snapshot %s (undone by an earlier "
                    + "rollback or on another branch); roll back only to a snapshot marked ancestor by bin/lakehouse maintain snapshots --table %s",
                    name, snapshotId, current == null ? "(none)" : current.snapshotId(), name);
        }
        try {
            table.manageSnapshots().rollbackTo(snapshotId).commit();
        }
        catch (ValidationException e) {
            // A writer committed in the meantime and the snapshot left the table's history.
            throw LakehouseException.userError("Cannot roll back %s to snapshot %d: %s", name, snapshotId, e.getMessage());
        }
        table.refresh();
        // The snapshot current just before the commit: the entry before the last of the table's snapshot log, so a
        // write committed between our read and the rollback is named as undone too.
        List<HistoryEntry> history = table.history();
        long from = history.size() >= 2 && history.get(history.size() - 1).snapshotId() == snapshotId
                ? history.get(history.size() - 2).snapshotId() : current.snapshotId();
        List<Long> undone = new ArrayList<>();
        for (Snapshot snapshot : SnapshotUtil.ancestorsBetween(from, snapshotId, table::snapshot)) {
            undone.add(snapshot.snapshotId());
        }
        Set<Long> undoneIds = new HashSet<>(undone);
        List<String> refsOnUndone = new TreeMap<>(table.refs()).entrySet().stream()
                .filter(ref -> undoneIds.contains(ref.getValue().snapshotId()))
                .map(Map.Entry::getKey)
                .toList();
        RollbackResult result = new RollbackResult(name, from, snapshotId, undone, refsOnUndone, totalRecords(table.snapshot(from)), totalRecords(target),
                Instant.ofEpochMilli(history.isEmpty() ? System.currentTimeMillis() : history.get(history.size() - 1).timestampMillis()), performedBy, reason);
        log.info("Stage rollback: {} -> snapshot {} current again (was {}), {} snapshots undone {}, records {} -> {}, by {}{}{}", name, snapshotId, from, undone.size(),
                undone, text(result.recordsBefore()), text(result.recordsAfter()), performedBy, reason.map(text -> ", reason: " + text).orElse(""),
                refsOnUndone.isEmpty() ? "" : ", refs still on undone snapshots " + refsOnUndone);
        try {
            new MaintenanceLog(lakehouse).record(result);
        }
        catch (RuntimeException e) {
            throw new LakehouseException(ErrorCode.INTERNAL, String.format("Rolled back %s to snapshot %d (was %d) but cannot record it in %s: %s",
                    name, snapshotId, from, MaintenanceLog.SPEC.identifier(), e.getMessage()), e);
        }
        log.info("Stage rollback recorded: {} -> 1 row in {}", name, MaintenanceLog.SPEC.identifier());
        return result;
    }

    private static OptionalLong totalRecords(Snapshot snapshot)
    {
        return snapshot == null || snapshot.summary() == null ? OptionalLong.empty() : count(snapshot.summary(), SnapshotSummary.TOTAL_RECORDS_PROP);
    }

    private static OptionalLong count(Map<String, String> summary, String property)
    {
        String value = summary.get(property);
        if (value == null) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(value));
        }
        catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }

    private static String text(OptionalLong value)
    {
        return value.isPresent() ? Long.toString(value.getAsLong()) : "?";
    }

    /** Bin-packs data files smaller than the target, in groups of at least two; null when skipped. */
    private RewriteDataFiles.Result rewriteDataFiles(String identifier, Table table)
    {
        if (!options.rewriteDataFiles()) {
            log.info("Stage maintain rewrite: {} -> skipped (rewrite disabled)", identifier);
            return null;
        }
        if (table.currentSnapshot() == null) {
            log.info("Stage maintain rewrite: {} -> skipped (no snapshot)", identifier);
            return null;
        }
        lakehouse.describe("Maintain " + identifier + ": rewrite small data files");
        RewriteDataFiles.Result result = SparkActions.get(lakehouse.spark()).rewriteDataFiles(table)
                .binPack()
                .option(RewriteDataFiles.TARGET_FILE_SIZE_BYTES, Long.toString(options.targetFileSizeBytes()))
                .option("min-input-files", "2")
                .execute();
        table.refresh();
        return result;
    }

    /** Expires old snapshots; checks before and after that every {@code published-*} tag keeps its snapshot. */
    private long expireSnapshots(String identifier, Table table)
    {
        if (table.currentSnapshot() == null) {
            return 0;
        }
        long now = System.currentTimeMillis();
        Map<String, SnapshotRef> published = publishedTags(table);
        requireTagsOutlive(identifier, table, published, now);
        lakehouse.describe("Maintain " + identifier + ": expire snapshots");
        ExpireSnapshots.Result result = SparkActions.get(lakehouse.spark()).expireSnapshots(table)
                .expireOlderThan(now - options.snapshotMaxAge().toMillis())
                .retainLast(options.retainLast())
                .execute();
        table.refresh();
        for (Map.Entry<String, SnapshotRef> tag : published.entrySet()) {
            SnapshotRef after = table.refs().get(tag.getKey());
            if (after == null || after.snapshotId() != tag.getValue().snapshotId() || table.snapshot(after.snapshotId()) == null) {
                throw new LakehouseException(ErrorCode.INTERNAL, String.format("Cannot expire snapshots of %s: published tag %s on snapshot %d does not resolve after expiry (now %s)",
                        identifier, tag.getKey(), tag.getValue().snapshotId(), after == null ? "removed" : "on snapshot " + after.snapshotId()));
            }
        }
        return result.deletedDataFilesCount() + result.deletedEqualityDeleteFilesCount() + result.deletedPositionDeleteFilesCount()
                + result.deletedManifestsCount() + result.deletedManifestListsCount() + result.deletedStatisticsFilesCount();
    }

    /**
     * Iceberg keeps a tag's snapshot for as long as the tag lives, and drops a tag older than its max ref age (the
     * tag's own, else the table's {@code history.expire.max-ref-age-ms}). Published tags have none; should one have
     * gained one, fail before expiring anything rather than lose a published snapshot.
     */
    private static void requireTagsOutlive(String identifier, Table table, Map<String, SnapshotRef> published, long now)
    {
        long tableMaxRefAge = PropertyUtil.propertyAsLong(table.properties(), TableProperties.MAX_REF_AGE_MS, TableProperties.MAX_REF_AGE_MS_DEFAULT);
        for (Map.Entry<String, SnapshotRef> tag : published.entrySet()) {
            Snapshot snapshot = table.snapshot(tag.getValue().snapshotId());
            long maxRefAge = tag.getValue().maxRefAgeMs() != null ? tag.getValue().maxRefAgeMs() : tableMaxRefAge;
            if (snapshot == null || now - snapshot.timestampMillis() > maxRefAge) {
                throw new LakehouseException(ErrorCode.INTERNAL, String.format(
                        "Cannot expire snapshots of %s: published tag %s on snapshot %d would not survive (snapshot %s, max ref age %d ms)",
                        identifier, tag.getKey(), tag.getValue().snapshotId(), snapshot == null ? "missing" : "from " + java.time.Instant.ofEpochMilli(snapshot.timestampMillis()), maxRefAge));
            }
        }
    }

    private long removeOrphanFiles(String identifier, Table table)
    {
        if (!options.removeOrphans()) {
            log.info("Stage maintain orphans: {} -> skipped (orphan removal disabled)", identifier);
            return 0;
        }
        for (String protectedRoot : List.of(lakehouse.config().rawStore(), lakehouse.config().publishedRoot())) {
            if (overlaps(table.location(), protectedRoot)) {
                throw new LakehouseException(ErrorCode.INTERNAL, String.format(
                        "Cannot remove orphan files of %s: its location %s overlaps %s, which is not the table's", identifier, table.location(), protectedRoot));
            }
        }
        lakehouse.describe("Maintain " + identifier + ": remove orphan files");
        DeleteOrphanFiles.Result result;
        try {
            result = SparkActions.get(lakehouse.spark()).deleteOrphanFiles(table)
                    .olderThan(System.currentTimeMillis() - options.orphanMinAge().toMillis())
                    .equalSchemes(EQUAL_SCHEMES)
                    // A file whose scheme or authority differs from every referenced one stops the run: never guess.
                    .prefixMismatchMode(DeleteOrphanFiles.PrefixMismatchMode.ERROR)
                    .execute();
        }
        catch (ValidationException e) {
            throw new LakehouseException(ErrorCode.INTERNAL, "Cannot remove orphan files of " + identifier + " under " + table.location() + ": " + e.getMessage(), e);
        }
        long removed = result.orphanFilesCount();
        log.info("Stage maintain orphans: {} -> {} orphan files removed, older than {}", identifier, removed, options.orphanMinAge());
        return removed;
    }

    /** Whether one location is inside the other (or the same), comparing {@code file:} and plain paths, {@code s3a://} and {@code s3://}. */
    static boolean overlaps(String location, String other)
    {
        String first = comparable(location);
        String second = comparable(other);
        return first.startsWith(second) || second.startsWith(first);
    }

    private static String comparable(String location)
    {
        String path = location.replaceFirst("^s3[an]://", "s3://").replaceFirst("^file:(//)?", "");
        return path.endsWith("/") ? path : path + "/";
    }

    private static Map<String, SnapshotRef> publishedTags(Table table)
    {
        Map<String, SnapshotRef> tags = new TreeMap<>();
        table.refs().forEach((name, ref) -> {
            if (ref.isTag() && name.startsWith(PublishedTags.PREFIX)) {
                tags.put(name, ref);
            }
        });
        return tags;
    }

    private static Set<Long> snapshotIds(Table table)
    {
        Set<Long> ids = new HashSet<>();
        table.snapshots().forEach(snapshot -> ids.add(snapshot.snapshotId()));
        return ids;
    }

    /** Data files of the current snapshot: from its summary, else by planning the scan. */
    /**
     * The sizes of a table's current data files: what the file-size rule of {@link #layout} reads. After the small-file
     * rewrite, a partition holds at most one data file below {@link FileLayout#smallFileBytes} (three quarters of the
     * target size: Iceberg's bin-pack threshold), so its average file size is at least the smaller of its bytes and
     * half that threshold, and at most the target plus one row group.
     */
    public FileLayout layout(String identifier)
    {
        Table table = lakehouse.icebergTable(identifier);
        table.refresh();
        long smallFileBytes = (long) (options.targetFileSizeBytes() * 0.75);
        Map<String, long[]> partitions = new TreeMap<>();
        if (table.currentSnapshot() != null) {
            try (CloseableIterable<org.apache.iceberg.FileScanTask> tasks = table.newScan().planFiles()) {
                for (org.apache.iceberg.FileScanTask task : tasks) {
                    long[] counts = partitions.computeIfAbsent(task.spec().partitionToPath(task.file().partition()), path -> new long[3]);
                    counts[0]++;
                    counts[1] += task.file().fileSizeInBytes();
                    counts[2] += task.file().fileSizeInBytes() < smallFileBytes ? 1 : 0;
                }
            }
            catch (IOException e) {
                throw new UncheckedIOException("Cannot list the data files of " + identifier, e);
            }
        }
        long files = partitions.values().stream().mapToLong(counts -> counts[0]).sum();
        long bytes = partitions.values().stream().mapToLong(counts -> counts[1]).sum();
        List<String> crowded = partitions.entrySet().stream().filter(entry -> entry.getValue()[2] > 1)
                .map(entry -> (entry.getKey().isEmpty() ? "(unpartitioned)" : entry.getKey()) + ": " + entry.getValue()[2] + " small files").toList();
        return new FileLayout(identifier, files, bytes, partitions.size(), smallFileBytes, crowded);
    }

    /**
     * @param crowdedPartitions partitions with more than one file below {@code smallFileBytes}, with their count: none after a rewrite
     */
    public record FileLayout(String table, long files, long bytes, int partitions, long smallFileBytes, List<String> crowdedPartitions)
    {
        public FileLayout
        {
            requireNonNull(table, "table is null");
            crowdedPartitions = List.copyOf(requireNonNull(crowdedPartitions, "crowdedPartitions is null"));
        }

        public long averageFileBytes()
        {
            return files == 0 ? 0 : bytes / files;
        }
    }

    private static long dataFiles(Table table)
    {
        Snapshot current = table.currentSnapshot();
        if (current == null) {
            return 0;
        }
        String total = current.summary().get(SnapshotSummary.TOTAL_DATA_FILES_PROP);
        if (total != null) {
            return Long.parseLong(total);
        }
        try (CloseableIterable<org.apache.iceberg.FileScanTask> tasks = table.newScan().planFiles()) {
            long files = 0;
            for (org.apache.iceberg.FileScanTask ignored : tasks) {
                files++;
            }
            return files;
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
