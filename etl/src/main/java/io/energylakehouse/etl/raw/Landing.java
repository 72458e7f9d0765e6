package io.energylakehouse.etl.raw;

import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.table.CanonicalTables;
import io.energylakehouse.common.table.Lakehouse;
import io.energylakehouse.common.table.TableFileWriter;
import io.energylakehouse.common.table.TableSpec;
import org.apache.iceberg.SnapshotSummary;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.util.SnapshotUtil;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.array_union;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.forall;
import static org.apache.spark.sql.functions.not;

/**
 * Lands payloads: keeps every payload's bytes in the raw store, parses them, appends the records to the
 * source's raw table, quarantines what the parser rejected, and records each payload in
 * {@code raw.fetch_log}.
 *
 * <p>Every run has its own landing id, written with its raw rows and with its fetch-log rows. The fetch log is
 * written last in each chunk and is the commit marker: a raw row counts only where the log records its fetch id
 * <em>with its landing id</em> ({@link LandedRows#committed}). Rows of a run that died before its fetch-log
 * commit, or of a run that lost a race to land the same payload, carry a landing id the log never names: they
 * are invisible to curation, and landing the payload again writes it once more under a new id without
 * duplicating anything. Nothing is ever deleted here: such leftovers stay as a little dead storage, since no run
 * can prove another dead from the log's silence (it may still be landing). The fetch log is never a reason to delete either:
 * when it is missing or empty while the raw tables hold rows (dropped or emptied by hand), the landing stops
 * before writing anything and says how to restore it.
 *
 * <p>Two landings may run at the same moment (same or different markets): raw appends never conflict, and the
 * fetch-log insert is validated against concurrent inserts of the same fetch ids and retried, so each payload
 * ends up recorded once, by one of the runs; the other counts it as already landed. No lock is taken, so the same
 * holds on the stack profile, where the runs may be on different machines.
 *
 * <p>Identical bytes for the same request are a no-op; different bytes for the same request are the next
 * revision. Landing the same payloads twice leaves the tables as they were. The same bytes under another file
 * name are landed once; the fetch log lists every name that delivered them ({@code file_names}), and messages
 * about them name the file this run was given.
 */
public final class Landing
{
    /** The raw-table column holding the landing run that wrote a row; every raw table declares it after {@code fetch_id}. */
    public static final String LANDING_ID = "landing_id";
    public static final String LANDING_ID_DOC = "Landing run that wrote the row: it counts only where raw.fetch_log records the fetch_id with this landing_id "
            + "(rows of an interrupted run are ignored). Null for rows landed before landing ids existed";

    private static final Logger log = LoggerFactory.getLogger(Landing.class);
    private static final int UPDATE_ATTEMPTS = 10;

    /**
     * Payload bytes (as received) up to which a batch is parsed and written on the driver, with no Spark job: a few
     * small files cost less to parse than to schedule.
     */
    public static final long DRIVER_MAX_BYTES = 16L << 20;

    /** Payload bytes (as received) per batch: each batch is one commit per raw table and one fetch-log commit. */
    public static final long BATCH_MAX_BYTES = 1L << 30;

    /** Payload bytes a Spark task is given at most when a batch is large; smaller batches are cut into two slices per core. */
    private static final long SLICE_TARGET_BYTES = 64L << 20;

    private final Lakehouse lakehouse;
    private final RawStore rawStore;
    private final ParserFactory parsers;
    private final PayloadParser parser;
    private final long batchBytes;
    private final long driverMaxBytes;
    private final PayloadLimits limits;

    public Landing(Lakehouse lakehouse, RawStore rawStore, ParserFactory parsers, PayloadLimits limits)
    {
        this(lakehouse, rawStore, parsers, limits, BATCH_MAX_BYTES, DRIVER_MAX_BYTES);
    }

    /**
     * @param parsers makes the source's parser on the driver and in every Spark task
     * @param limits payloads larger than {@link PayloadLimits#maxPayloadBytes()} are kept and rejected unparsed
     * @param batchBytes payload bytes per batch (one commit each)
     * @param driverMaxBytes a batch of at most this many payload bytes is parsed on the driver; 0 always uses Spark tasks
     */
    public Landing(Lakehouse lakehouse, RawStore rawStore, ParserFactory parsers, PayloadLimits limits, long batchBytes, long driverMaxBytes)
    {
        this.limits = requireNonNull(limits, "limits is null");
        this.lakehouse = requireNonNull(lakehouse, "lakehouse is null");
        this.rawStore = requireNonNull(rawStore, "rawStore is null");
        this.parsers = requireNonNull(parsers, "parsers is null");
        this.parser = parsers.create();
        if (batchBytes < 1) {
            throw new IllegalArgumentException("batchBytes must be positive: " + batchBytes);
        }
        if (driverMaxBytes < 0) {
            throw new IllegalArgumentException("driverMaxBytes must not be negative: " + driverMaxBytes);
        }
        for (TableSpec rawTable : parser.rawTables()) {
            List<String> columns = rawTable.columnNames();
            if (columns.size() < 2 || !columns.get(0).equals("fetch_id") || !columns.get(1).equals(LANDING_ID)) {
                throw new IllegalArgumentException("Cannot land into " + rawTable.identifier() + ": a raw table starts with fetch_id and " + LANDING_ID + ", not " + columns);
            }
        }
        this.batchBytes = batchBytes;
        this.driverMaxBytes = driverMaxBytes;
    }

    public LandingResult land(Iterator<Payload> payloads)
    {
        requireFetchLogIntact();
        lakehouse.ensure(CanonicalTables.FETCH_LOG);
        lakehouse.ensure(CanonicalTables.QUARANTINE);
        parser.rawTables().forEach(lakehouse::ensure);
        String landingId = UUID.randomUUID().toString();
        log.info("Stage raw: landing run {}", landingId);

        Map<String, LoggedFetch> known = loadFetchLog();
        Map<String, LoggedFetch> knownBySha = new HashMap<>();
        known.values().forEach(fetch -> knownBySha.putIfAbsent(shaKey(fetch.source, fetch.report, fetch.sha256), fetch));
        Map<String, Set<String>> fileNames = new HashMap<>();
        known.values().forEach(fetch -> fileNames.put(fetch.fetchId, new LinkedHashSet<>(fetch.fileNames)));
        Set<String> renamed = new LinkedHashSet<>();
        Batch batch = new Batch(landingId, known, knownBySha, fileNames, new Counters(), renamed);

        List<Pending> pending = new ArrayList<>();
        Set<String> pendingShas = new HashSet<>();
        long pendingBytes = 0;
        while (payloads.hasNext()) {
            Payload payload = payloads.next();
            // Kept first, whatever it holds: streamed into the raw store while hashed, so no payload is held whole.
            RawStore.Stored stored = rawStore.store(payload.content());
            String sha256 = stored.sha256();
            String shaKey = shaKey(payload.source(), payload.report(), sha256);
            if (pendingShas.contains(shaKey)) {
                // The same bytes twice in one batch: the first must be recorded before the second can be told apart from it.
                flush(batch, pending);
                pending.clear();
                pendingShas.clear();
                pendingBytes = 0;
            }
            LoggedFetch sameBytes = knownBySha.get(shaKey);
            // A payload rejected before under the name it was rejected under is read again (within the limits): after a limit was raised,
            // it lands. Under another name, it is the earlier payload delivered again, and the error says so.
            boolean replayOfRejected = sameBytes != null && sameBytes.outcome.equals(FetchOutcome.REJECTED.code())
                    && sameBytes.fileNames.get(0).equals(payload.fileName());
            if (sameBytes != null && !replayOfRejected && (payload.requestKey().isEmpty() || payload.requestKey().equals(sameBytes.requestKey))) {
                alreadyLanded(payload, sameBytes, batch.counters, fileNames, renamed);
                continue;
            }
            // A fetch id is a digest of the bytes and the request: only fetches of the same bytes can share it.
            Set<String> sameBytesFetchIds = known.values().stream()
                    .filter(fetch -> fetch.sha256.equals(sha256) && fetch.source.equals(payload.source()) && fetch.report.equals(payload.report()))
                    .map(LoggedFetch::fetchId)
                    .collect(java.util.stream.Collectors.toCollection(HashSet::new));
            pending.add(new Pending(pending.size(), Delivery.of(payload), stored.path(), stored.size(), sha256, limits.tooLarge(stored.size()), sameBytesFetchIds));
            pendingShas.add(shaKey);
            pendingBytes += stored.size();
            if (pendingBytes >= batchBytes) {
                flush(batch, pending);
                pending.clear();
                pendingShas.clear();
                pendingBytes = 0;
            }
        }
        flush(batch, pending);
        recordFileNames(renamed, fileNames);
        Counters counters = batch.counters;
        LandingResult result = new LandingResult(counters.landedNew, counters.alreadyLanded, counters.outcomes, counters.rowsParsed,
                counters.rowsRejected, counters.operatingDates, counters.messages, counters.rejectedPayloads);
        log.info("Landed {} new payloads ({} already landed): {} rows parsed, {} rejected, outcomes {}",
                result.payloadsNew(), result.payloadsAlreadyLanded(), result.rowsParsed(), result.rowsRejected(), result.outcomes());
        return result;
    }

    private static String shaKey(String source, String report, String sha256)
    {
        return source + "|" + report + "|" + sha256;
    }

    /**
     * Counts a payload whose bytes the fetch log (or this run) already holds, and remembers its file name when the
     * bytes came under another name before, so the log lists it too.
     */
    private static void alreadyLanded(Payload payload, LoggedFetch logged, Counters counters, Map<String, Set<String>> fileNames, Set<String> renamed)
    {
        counters.alreadyLanded(payload, logged);
        if (fileNames.computeIfAbsent(logged.fetchId, id -> new LinkedHashSet<>(logged.fileNames)).add(payload.fileName())) {
            String message = String.format("%s: same bytes as %s, landed before as fetch_id %s; recorded as another name of it", payload.fileName(),
                    logged.fileNames.get(0), logged.fetchId);
            counters.messages.add(message);
            log.info("Payload {}", message);
            // The fetch is committed (a batch ends before the same bytes come twice): its row gains the name by a merge at the end.
            renamed.add(logged.fetchId);
        }
    }

    static String fetchId(Payload payload, String requestKey, String sha256)
    {
        return Hashing.sha256(String.join("\n", payload.source(), payload.report(), requestKey, sha256)).substring(0, 32);
    }

    /**
     * Parses the batch's payloads (on the driver when they are small, else in Spark tasks that write the raw data files
     * themselves), then, in payload order, numbers revisions and commits: the raw tables' files, the quarantine, and
     * last the fetch log, the commit marker.
     */
    private void flush(Batch batch, List<Pending> pending)
    {
        if (pending.isEmpty()) {
            return;
        }
        List<Parsed> parsedAll = parse(batch.landingId, pending);
        Map<String, LoggedFetch> known = batch.known;
        List<Landed> landedAll = new ArrayList<>();
        for (Parsed parsed : parsedAll) {
            Pending delivered = pending.get(parsed.index());
            // What the fetch log records of the delivery; its bytes were read in the slice and are not read again.
            Payload payload = delivered.delivery().payload(PayloadContent.of(new byte[0]));
            if (known.containsKey(parsed.fetchId())) {
                // Its rows were not written: the task saw the fetch id among those of the same bytes.
                alreadyLanded(payload, known.get(parsed.fetchId()), batch.counters, batch.fileNames, batch.renamed);
                continue;
            }
            String requestKey = parsed.requestKey();
            int revision = 1 + known.values().stream()
                    .filter(fetch -> fetch.source.equals(payload.source()) && fetch.report.equals(payload.report()) && fetch.requestKey.equals(requestKey))
                    .mapToInt(fetch -> fetch.revision)
                    .max().orElse(0);
            Landed landed = new Landed(payload.withRequestKey(requestKey), parsed, parsed.fetchId(), delivered.sha256(), revision, delivered.storedPath(), delivered.size());
            landedAll.add(landed);
            LoggedFetch logged = new LoggedFetch(landed.fetchId, payload.source(), payload.report(), requestKey, landed.sha256, revision, Set.copyOf(parsed.operatingDates()),
                    parsed.outcome().code(), landed.payloadPath, parsed.detail() == null ? "" : parsed.detail(), List.of(payload.fileName()));
            known.put(landed.fetchId, logged);
            batch.knownBySha.putIfAbsent(shaKey(payload.source(), payload.report(), landed.sha256), logged);
            batch.fileNames.put(landed.fetchId, new LinkedHashSet<>(logged.fileNames));
            if (parsed.outcome() != FetchOutcome.PARSED) {
                String message = String.format("%s %s: %s%s", payload.fileName(), parsed.outcome().code(),
                        parsed.operatorErrorCode() == null ? "" : "ERR_CODE " + parsed.operatorErrorCode() + " ", parsed.detail() == null ? "" : parsed.detail());
                batch.counters.messages.add(message);
                log.warn("Payload {}", message);
            }
        }
        for (TableSpec rawTable : parser.rawTables()) {
            List<org.apache.iceberg.DataFile> files = parsedAll.stream().flatMap(parsed -> parsed.files().stream())
                    .filter(file -> file.table().equals(rawTable.identifier()))
                    .map(WrittenFile::file)
                    .toList();
            if (!files.isEmpty()) {
                long rows = files.stream().mapToLong(org.apache.iceberg.DataFile::recordCount).sum();
                lakehouse.appendFiles(rawTable, files, Map.of("landing-id", batch.landingId));
                log.info("Stage raw: appended {} rows to {} ({} data files)", rows, rawTable.identifier(), files.size());
            }
        }
        List<Row> quarantine = landedAll.stream().flatMap(landed -> landed.parsed.quarantine().stream()).toList();
        if (!quarantine.isEmpty()) {
            lakehouse.describe("Quarantine " + quarantine.size() + " rejected records");
            lakehouse.insertNewRows(CanonicalTables.QUARANTINE, quarantine);
            log.info("Stage raw: quarantined {} records at parse time", quarantine.size());
        }
        if (landedAll.isEmpty()) {
            return;
        }
        List<Row> fetchLog = landedAll.stream().map(landed -> fetchLogRow(batch.landingId, landed, List.copyOf(batch.fileNames.get(landed.fetchId)))).toList();
        lakehouse.describe("Record " + fetchLog.size() + " payloads in raw.fetch_log");
        int recorded = lakehouse.insertNewRows(CanonicalTables.FETCH_LOG, fetchLog);
        Map<String, LoggedFetch> byOthers = recorded == landedAll.size() ? Map.of() : recordedByOthers(batch.landingId, landedAll);
        for (Landed landed : landedAll) {
            LoggedFetch other = byOthers.get(landed.fetchId);
            if (other == null) {
                batch.counters.count(landed, known.get(landed.fetchId));
                continue;
            }
            // Another landing recorded the same payload between our read of the log and our commit: its rows count, ours are ignored.
            known.put(landed.fetchId, other);
            batch.counters.alreadyLanded(landed.payload, other);
            if (!other.fileNames.containsAll(batch.fileNames.get(landed.fetchId))) {
                batch.renamed.add(landed.fetchId);
            }
        }
        if (!byOthers.isEmpty()) {
            log.info("Stage raw: {} of {} payloads were recorded by another landing at the same moment; this run's rows of them are ignored",
                    byOthers.size(), landedAll.size());
        }
    }

    /**
     * The batch parsed, in payload order: on the driver when its payloads are at most {@code driverMaxBytes}, else in Spark
     * tasks, each given a slice of the payloads balanced by size; either way {@link #landSlice} runs, so no record passes
     * through the driver on the Spark path.
     */
    private List<Parsed> parse(String landingId, List<Pending> pending)
    {
        Map<String, TableFileWriter.Target> targets = new HashMap<>();
        for (TableSpec rawTable : parser.rawTables()) {
            targets.put(rawTable.identifier(), lakehouse.fileTarget(rawTable));
        }
        SliceContext context = new SliceContext(parsers, rawStore.reader(), targets, landingId, parser.market());
        long bytes = pending.stream().mapToLong(Pending::size).sum();
        List<Parsed> parsed = new ArrayList<>(pending.size());
        if (bytes <= driverMaxBytes) {
            parsed.addAll(landSlice(context, pending));
        }
        else {
            int cores = Math.max(1, lakehouse.spark().sparkContext().defaultParallelism());
            int sliceCount = (int) Math.min(pending.size(), Math.max(2L * cores, (bytes + SLICE_TARGET_BYTES - 1) / SLICE_TARGET_BYTES));
            List<List<Pending>> slices = slices(pending, sliceCount);
            lakehouse.describe(String.format("Land %d payloads (%,d bytes) in %d tasks", pending.size(), bytes, slices.size()));
            log.info("Stage raw: parsing {} payloads ({} bytes) in {} Spark tasks", pending.size(), bytes, slices.size());
            org.apache.spark.api.java.JavaSparkContext spark = org.apache.spark.api.java.JavaSparkContext.fromSparkContext(lakehouse.spark().sparkContext());
            spark.parallelize(slices, slices.size())
                    .map(slice -> landSlice(context, slice))
                    .collect()
                    .forEach(parsed::addAll);
        }
        parsed.sort(java.util.Comparator.comparingInt(Parsed::index));
        return parsed;
    }

    /** The payloads in {@code count} slices of about equal bytes: largest first, each to the lightest slice so far. */
    static List<List<Pending>> slices(List<Pending> pending, int count)
    {
        List<List<Pending>> slices = new ArrayList<>();
        long[] loads = new long[count];
        for (int i = 0; i < count; i++) {
            slices.add(new ArrayList<>());
        }
        List<Pending> bySize = new ArrayList<>(pending);
        bySize.sort(java.util.Comparator.comparingLong(Pending::size).reversed().thenComparingInt(Pending::index));
        for (Pending payload : bySize) {
            int lightest = 0;
            for (int i = 1; i < count; i++) {
                if (loads[i] < loads[lightest]) {
                    lightest = i;
                }
            }
            slices.get(lightest).add(payload);
            loads[lightest] += Math.max(1, payload.size());
        }
        slices.removeIf(List::isEmpty);
        return slices;
    }

    /**
     * Parses a slice of payloads from the raw store's copies (what is parsed is exactly what was hashed and kept) and writes
     * their records into new data files of the raw tables, not committed; returns per payload what the driver records. Runs
     * in a Spark task or on the driver. A payload whose fetch id the log already holds (the same bytes and request) is not
     * written. On failure the files written so far are deleted.
     */
    private static List<Parsed> landSlice(SliceContext context, List<Pending> slice)
    {
        PayloadParser parser = context.parsers().create();
        Map<String, TableFileWriter> writers = new LinkedHashMap<>();
        List<Parsed> parsedAll = new ArrayList<>(slice.size());
        try {
            for (Pending pending : slice) {
                Payload payload = pending.delivery().payload(context.reader().content(pending.storedPath(), pending.size()));
                ParsedPayload parsed = pending.tooLarge() == null ? parser.parse(payload)
                        : parser.rejected(payload, String.format("Cannot land %s: %s; kept unparsed", payload.fileName(), pending.tooLarge()));
                String requestKey = !payload.requestKey().isEmpty() ? payload.requestKey() : parsed.contentKey().orElse("file:" + payload.fileName());
                String fetchId = fetchId(payload, requestKey, pending.sha256());
                boolean write = !pending.sameBytesFetchIds().contains(fetchId);
                if (write && !parsed.records().isEmpty()) {
                    String table = parsed.rawTable().identifier();
                    TableFileWriter writer = writers.computeIfAbsent(table, name -> {
                        TableFileWriter.Target target = context.targets().get(name);
                        if (target == null) {
                            throw new IllegalStateException("Cannot land " + payload.fileName() + ": its parser wrote to " + name + ", not one of " + context.targets().keySet());
                        }
                        return new TableFileWriter(target);
                    });
                    for (RawRecord record : parsed.records()) {
                        writer.write(record.toRow(fetchId, context.landingId()));
                    }
                }
                parsedAll.add(new Parsed(pending.index(), requestKey, fetchId, parsed.outcome(), parsed.records().size(), parsed.rejected().size(),
                        parsed.operatorErrorCode().orElse(null), parsed.detail().orElse(null), parsed.publishedAtUtc().orElse(null),
                        new ArrayList<>(parsed.operatingDates()), write ? quarantineRows(context.market(), payload, parsed, fetchId) : List.of(), new ArrayList<>()));
            }
            List<WrittenFile> files = new ArrayList<>();
            writers.forEach((table, writer) -> writer.finish().forEach(file -> files.add(new WrittenFile(table, file))));
            // The files travel with the slice's first payload: the driver gathers them per table.
            if (!parsedAll.isEmpty()) {
                parsedAll.get(0).files().addAll(files);
            }
            return parsedAll;
        }
        catch (RuntimeException e) {
            writers.values().forEach(writer -> writer.abort(e));
            throw e;
        }
    }

    /** The fetches of the batch whose fetch-log row another landing run wrote. */
    private Map<String, LoggedFetch> recordedByOthers(String landingId, Collection<Landed> batch)
    {
        Map<String, LoggedFetch> others = new HashMap<>();
        List<String> ids = batch.stream().map(Landed::fetchId).toList();
        readFetchLog(Expressions.in("fetch_id", ids.toArray())).forEach((fetchId, logged) -> {
            if (!landingId.equals(logged.landingId)) {
                others.put(fetchId, logged);
            }
        });
        return others;
    }

    /**
     * Adds the names this run delivered known bytes under to their fetch-log rows: one row-level MERGE, retried when
     * another landing committed to the log at the same moment (names are added, never replaced, so no run's are lost).
     */
    private void recordFileNames(Set<String> renamed, Map<String, Set<String>> fileNames)
    {
        if (renamed.isEmpty()) {
            return;
        }
        List<Row> rows = renamed.stream().map(fetchId -> RowFactory.create(fetchId, new ArrayList<>(fileNames.get(fetchId)))).toList();
        StructType schema = new StructType()
                .add("delivered_fetch_id", DataTypes.StringType, false)
                .add("delivered_names", DataTypes.createArrayType(DataTypes.StringType, false), false);
        Column known = coalesce(col("file_names"), array(col("file_name")));
        lakehouse.describe("Record further file names of " + rows.size() + " payloads in raw.fetch_log");
        for (int attempt = 1; ; attempt++) {
            try {
                lakehouse.spark().createDataFrame(rows, schema)
                        .mergeInto(CanonicalTables.FETCH_LOG.identifier(), col("fetch_id").equalTo(col("delivered_fetch_id")))
                        .whenMatched(not(forall(col("delivered_names"), name -> array_contains(known, name))))
                        .update(new scala.collection.immutable.Map.Map1<>("file_names", array_union(known, col("delivered_names"))))
                        .merge();
                log.info("Stage raw: recorded further file names of {} payloads in raw.fetch_log", rows.size());
                return;
            }
            catch (RuntimeException e) {
                if (attempt >= UPDATE_ATTEMPTS || !isCommitConflict(e)) {
                    throw e;
                }
                sleep(50L * attempt);
            }
        }
    }

    private static boolean isCommitConflict(Throwable e)
    {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof org.apache.iceberg.exceptions.ValidationException || cause instanceof org.apache.iceberg.exceptions.CommitFailedException) {
                return true;
            }
        }
        return false;
    }

    private static void sleep(long millis)
    {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while retrying a commit to raw.fetch_log", e);
        }
    }

    private Row fetchLogRow(String landingId, Landed landed, List<String> fileNames)
    {
        Payload payload = landed.payload;
        Parsed parsed = landed.parsed;
        Instant publishedAt = parsed.publishedAtUtc() != null ? parsed.publishedAtUtc() : payload.fetchedAtUtc();
        return RowFactory.create(
                landed.fetchId,
                landingId,
                payload.source(),
                payload.report(),
                payload.origin().name().toLowerCase(java.util.Locale.ROOT),
                payload.requestKey(),
                payload.requestUri().map(Object::toString).orElse(null),
                payload.fileName(),
                new ArrayList<>(fileNames),
                payload.fetchedAtUtc(),
                publishedAt,
                payload.httpStatus(),
                landed.size,
                landed.sha256,
                landed.payloadPath,
                landed.revision,
                parsed.outcome().code(),
                parsed.operatorErrorCode(),
                parsed.detail(),
                parsed.records(),
                parsed.rejected(),
                new ArrayList<>(new TreeSet<>(parsed.operatingDates())));
    }

    private static List<Row> quarantineRows(String market, Payload payload, ParsedPayload parsed, String fetchId)
    {
        List<Row> rows = new ArrayList<>();
        for (RejectedRecord rejected : parsed.rejected()) {
            String id = Hashing.sha256(String.join("|", fetchId, "parse", String.valueOf(rejected.lineNumber().orElse(0)), rejected.reason())).substring(0, 32);
            rows.add(RowFactory.create(
                    id,
                    rejected.market().orElse(market),
                    parsed.dataset(),
                    "parse",
                    payload.source(),
                    payload.report(),
                    fetchId,
                    rejected.operatingDate().orElse(null),
                    rejected.locationId().orElse(null),
                    rejected.intervalStartUtc().orElse(null),
                    rejected.lineNumber().orElse(null),
                    rejected.reason(),
                    rejected.record().orElse(null)));
        }
        return rows;
    }

    private Map<String, LoggedFetch> loadFetchLog()
    {
        return readFetchLog(Expressions.alwaysTrue());
    }

    private Map<String, LoggedFetch> readFetchLog(Expression filter)
    {
        Map<String, LoggedFetch> known = new LinkedHashMap<>();
        // One row per payload ever landed: small metadata, read straight from the table's files into the driver.
        for (org.apache.iceberg.data.Record row : lakehouse.scan(CanonicalTables.FETCH_LOG, filter,
                List.of("fetch_id", "landing_id", "source", "report", "request_key", "file_name", "file_names", "sha256", "revision", "operating_dates", "outcome",
                        "payload_path", "detail"))) {
            @SuppressWarnings("unchecked")
            List<LocalDate> dates = (List<LocalDate>) row.getField("operating_dates");
            @SuppressWarnings("unchecked")
            List<String> names = (List<String>) row.getField("file_names");
            String fetchId = (String) row.getField("fetch_id");
            Object detail = row.getField("detail");
            known.put(fetchId, new LoggedFetch(fetchId, (String) row.getField("source"), (String) row.getField("report"), (String) row.getField("request_key"),
                    (String) row.getField("sha256"), (Integer) row.getField("revision"), Set.copyOf(dates), (String) row.getField("outcome"),
                    (String) row.getField("payload_path"), detail == null ? "" : (String) detail,
                    names == null || names.isEmpty() ? List.of((String) row.getField("file_name")) : List.copyOf(names), (String) row.getField("landing_id")));
        }
        return known;
    }

    /**
     * Refuses to land when the fetch log was dropped or emptied while the raw tables hold rows: those rows would be
     * unreachable (curation reads only what the log records), and a landing on top would bury the damage. Nothing
     * is written; the error says how to bring the log back. A log that was never written yet while another landing
     * is writing its first raw rows is not damage: its raw snapshots are all younger than the log.
     */
    private void requireFetchLogIntact()
    {
        TableSpec fetchLog = CanonicalTables.FETCH_LOG;
        boolean logExists = lakehouse.exists(fetchLog);
        org.apache.iceberg.Table logTable = logExists ? lakehouse.icebergTable(fetchLog) : null;
        if (logTable != null && logTable.currentSnapshot() != null && rowCount(fetchLog, logTable) > 0) {
            return;
        }
        for (TableSpec rawTable : parser.rawTables()) {
            if (!lakehouse.exists(rawTable)) {
                continue;
            }
            org.apache.iceberg.Table raw = lakehouse.icebergTable(rawTable);
            if (raw.currentSnapshot() == null || rowCount(rawTable, raw) == 0) {
                continue;
            }
            if (logTable != null && logTable.currentSnapshot() == null && SnapshotUtil.oldestAncestor(raw).timestampMillis() >= createdMillis(logTable)) {
                continue;
            }
            long rows = rowCount(rawTable, raw);
            long fetches = lakehouse.read(rawTable).select("fetch_id").distinct().count();
            String state = logTable == null ? "does not exist (dropped?)" : logTable.currentSnapshot() == null ? "is empty (dropped and created again?)" : "is empty";
            String restore = logTable == null || logTable.currentSnapshot() == null
                    ? "register its last metadata file again (Iceberg's register_table procedure; unless it was purged, the files stay under "
                    + (logTable == null ? lakehouse.config().warehouse() + "/" + fetchLog.namespace() + "/" + fetchLog.name() : logTable.location()) + "/metadata)"
                    : "bin/lakehouse maintain snapshots --table " + fetchLog.identifier() + " lists its snapshots, bin/lakehouse maintain rollback --table "
                    + fetchLog.identifier() + " --to-snapshot <id> restores the last one with rows";
            throw LakehouseException.userError("Cannot land payloads: %s %s but %s holds %,d rows of %,d fetches, which only the fetch log makes readable; "
                    + "nothing was written. Restore the log first: %s", fetchLog.identifier(), state, rawTable.identifier(), rows, fetches, restore);
        }
    }

    /** Rows of the table's current snapshot, from its summary (no scan) where the writer recorded the total. */
    private long rowCount(TableSpec spec, org.apache.iceberg.Table table)
    {
        String total = table.currentSnapshot().summary().get(SnapshotSummary.TOTAL_RECORDS_PROP);
        return total != null ? Long.parseLong(total) : lakehouse.read(spec).count();
    }

    /** When the table was created: the first entry of its metadata log, or its only metadata. */
    private static long createdMillis(org.apache.iceberg.Table table)
    {
        org.apache.iceberg.TableMetadata metadata = ((org.apache.iceberg.HasTableOperations) table).operations().current();
        return metadata.previousFiles().isEmpty() ? metadata.lastUpdatedMillis() : metadata.previousFiles().get(0).timestampMillis();
    }

    private record LoggedFetch(String fetchId, String source, String report, String requestKey, String sha256, int revision, Set<LocalDate> operatingDates,
            String outcome, String payloadPath, String detail, List<String> fileNames, String landingId)
    {
        LoggedFetch(String fetchId, String source, String report, String requestKey, String sha256, int revision, Set<LocalDate> operatingDates,
                String outcome, String payloadPath, String detail, List<String> fileNames)
        {
            this(fetchId, source, report, requestKey, sha256, revision, operatingDates, outcome, payloadPath, detail, fileNames, null);
        }
    }

    private record Landed(Payload payload, Parsed parsed, String fetchId, String sha256, int revision, String payloadPath, long size) {}

    /** What the driver keeps of a payload while its batch is parsed: how it was delivered and where its bytes are stored. */
    record Pending(int index, Delivery delivery, String storedPath, long size, String sha256, String tooLarge, Set<String> sameBytesFetchIds)
            implements java.io.Serializable {}

    /** A payload's description without its bytes, serialisable (a {@link Payload} holds its content). */
    record Delivery(String source, String report, Payload.Origin origin, String requestKey, String requestUri, String fileName, Instant fetchedAtUtc, int httpStatus)
            implements java.io.Serializable
    {
        static Delivery of(Payload payload)
        {
            return new Delivery(payload.source(), payload.report(), payload.origin(), payload.requestKey(), payload.requestUri().map(Object::toString).orElse(null),
                    payload.fileName(), payload.fetchedAtUtc(), payload.httpStatus());
        }

        Payload payload(PayloadContent content)
        {
            return new Payload(source, report, origin, requestKey, java.util.Optional.ofNullable(requestUri).map(java.net.URI::create), fileName, fetchedAtUtc,
                    httpStatus, content);
        }
    }

    /** What a slice's task needs: serialisable. */
    private record SliceContext(ParserFactory parsers, RawStore.Reader reader, Map<String, TableFileWriter.Target> targets, String landingId, String market)
            implements java.io.Serializable {}

    /** A data file a task wrote, with the raw table it belongs to. */
    private record WrittenFile(String table, org.apache.iceberg.DataFile file)
            implements java.io.Serializable {}

    /**
     * What a task made of one payload, without its records (they are in the data files): what the fetch log records, the
     * quarantine rows, and (on a slice's first payload) the data files the slice wrote.
     */
    private record Parsed(int index, String requestKey, String fetchId, FetchOutcome outcome, long records, long rejected, String operatorErrorCode, String detail,
            Instant publishedAtUtc, List<LocalDate> operatingDates, List<Row> quarantine, List<WrittenFile> files)
            implements java.io.Serializable {}

    /** The state of one landing run across its batches. */
    private record Batch(String landingId, Map<String, LoggedFetch> known, Map<String, LoggedFetch> knownBySha, Map<String, Set<String>> fileNames, Counters counters,
            Set<String> renamed) {}

    private static final class Counters
    {
        private int landedNew;
        private int alreadyLanded;
        private long rowsParsed;
        private long rowsRejected;
        private final Map<FetchOutcome, Integer> outcomes = new EnumMap<>(FetchOutcome.class);
        private final Set<LocalDate> operatingDates = new TreeSet<>();
        private final List<String> messages = new ArrayList<>();
        private final List<RejectedPayload> rejectedPayloads = new ArrayList<>();

        private void alreadyLanded(Payload payload, LoggedFetch logged)
        {
            alreadyLanded++;
            operatingDates.addAll(logged.operatingDates);
            rejected(payload, logged);
        }

        private void rejected(Payload payload, LoggedFetch logged)
        {
            if (logged.outcome.equals(FetchOutcome.REJECTED.code())) {
                // The reason was written for the first file that delivered these bytes; the message names the file given now.
                String reason = logged.fileNames.contains(payload.fileName()) ? logged.detail
                        : "same bytes as " + logged.fileNames.get(0) + ", rejected when that was landed: " + logged.detail;
                rejectedPayloads.add(new RejectedPayload(payload.fileName(), logged.fetchId, logged.payloadPath, reason));
            }
        }

        private void count(Landed landed, LoggedFetch logged)
        {
            rejected(landed.payload, logged);
            landedNew++;
            rowsParsed += landed.parsed.records();
            rowsRejected += landed.parsed.rejected();
            outcomes.merge(landed.parsed.outcome(), 1, Integer::sum);
            operatingDates.addAll(landed.parsed.operatingDates());
        }
    }
}
