package io.energylakehouse.etl.raw;

import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.table.CanonicalTables;
import io.energylakehouse.common.table.Lakehouse;
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

    private final Lakehouse lakehouse;
    private final RawStore rawStore;
    private final PayloadParser parser;
    private final int chunkRows;
    private final PayloadLimits limits;

    public Landing(Lakehouse lakehouse, RawStore rawStore, PayloadParser parser, int chunkRows)
    {
        this(lakehouse, rawStore, parser, chunkRows, PayloadLimits.DEFAULTS);
    }

    /** @param limits payloads larger than {@link PayloadLimits#maxPayloadBytes()} are kept and rejected unparsed */
    public Landing(Lakehouse lakehouse, RawStore rawStore, PayloadParser parser, int chunkRows, PayloadLimits limits)
    {
        this.limits = requireNonNull(limits, "limits is null");
        this.lakehouse = requireNonNull(lakehouse, "lakehouse is null");
        this.rawStore = requireNonNull(rawStore, "rawStore is null");
        this.parser = requireNonNull(parser, "parser is null");
        if (chunkRows < 1) {
            throw new IllegalArgumentException("chunkRows must be positive: " + chunkRows);
        }
        for (TableSpec rawTable : parser.rawTables()) {
            List<String> columns = rawTable.columnNames();
            if (columns.size() < 2 || !columns.get(0).equals("fetch_id") || !columns.get(1).equals(LANDING_ID)) {
                throw new IllegalArgumentException("Cannot land into " + rawTable.identifier() + ": a raw table starts with fetch_id and " + LANDING_ID + ", not " + columns);
            }
        }
        this.chunkRows = chunkRows;
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
        known.values().forEach(fetch -> knownBySha.putIfAbsent(fetch.source + "|" + fetch.report + "|" + fetch.sha256, fetch));
        Map<String, Set<String>> fileNames = new HashMap<>();
        known.values().forEach(fetch -> fileNames.put(fetch.fetchId, new LinkedHashSet<>(fetch.fileNames)));
        Set<String> renamed = new LinkedHashSet<>();

        Counters counters = new Counters();
        Map<String, Landed> pending = new LinkedHashMap<>();
        long pendingRows = 0;
        while (payloads.hasNext()) {
            Payload payload = payloads.next();
            // Kept first, whatever it holds: streamed into the raw store while hashed, so no payload is held whole.
            RawStore.Stored stored = rawStore.store(payload.content());
            String sha256 = stored.sha256();
            LoggedFetch sameBytes = knownBySha.get(payload.source() + "|" + payload.report() + "|" + sha256);
            // A payload rejected before under the name it was rejected under is read again (within the limits): after a limit was raised,
            // it lands. Under another name, it is the earlier payload delivered again, and the error says so.
            boolean replayOfRejected = sameBytes != null && sameBytes.outcome.equals(FetchOutcome.REJECTED.code())
                    && sameBytes.fileNames.get(0).equals(payload.fileName());
            if (sameBytes != null && !replayOfRejected && (payload.requestKey().isEmpty() || payload.requestKey().equals(sameBytes.requestKey))) {
                alreadyLanded(payload, sameBytes, counters, fileNames, pending.keySet(), renamed);
                continue;
            }
            String tooLarge = limits.tooLarge(stored.size());
            // The parser reads the raw store's copy: what is parsed is exactly what was hashed and kept.
            ParsedPayload parsed = tooLarge == null ? parser.parse(payload.withContent(rawStore.content(stored)))
                    : parser.rejected(payload, String.format("Cannot land %s: %s; kept unparsed", payload.fileName(), tooLarge));
            String requestKey = !payload.requestKey().isEmpty() ? payload.requestKey()
                    : parsed.contentKey().orElse("file:" + payload.fileName());
            String fetchId = fetchId(payload, requestKey, sha256);
            if (known.containsKey(fetchId)) {
                alreadyLanded(payload, known.get(fetchId), counters, fileNames, pending.keySet(), renamed);
                continue;
            }
            int revision = 1 + known.values().stream()
                    .filter(fetch -> fetch.source.equals(payload.source()) && fetch.report.equals(payload.report()) && fetch.requestKey.equals(requestKey))
                    .mapToInt(fetch -> fetch.revision)
                    .max().orElse(0);
            String payloadPath = stored.path();
            Landed landed = new Landed(payload.withRequestKey(requestKey), parsed, fetchId, sha256, revision, payloadPath, stored.size());
            pending.put(fetchId, landed);
            LoggedFetch logged = new LoggedFetch(fetchId, payload.source(), payload.report(), requestKey, sha256, revision, parsed.operatingDates(),
                    parsed.outcome().code(), payloadPath, parsed.detail().orElse(""), List.of(payload.fileName()));
            known.put(fetchId, logged);
            knownBySha.putIfAbsent(payload.source() + "|" + payload.report() + "|" + sha256, logged);
            fileNames.put(fetchId, new LinkedHashSet<>(logged.fileNames));
            if (parsed.outcome() != FetchOutcome.PARSED) {
                String message = String.format("%s %s: %s%s", payload.fileName(), parsed.outcome().code(),
                        parsed.operatorErrorCode().map(code -> "ERR_CODE " + code + " ").orElse(""), parsed.detail().orElse(""));
                counters.messages.add(message);
                log.warn("Payload {}", message);
            }
            pendingRows += parsed.records().size() + parsed.rejected().size();
            if (pendingRows >= chunkRows) {
                flush(landingId, pending.values(), known, fileNames, counters, renamed);
                pending.clear();
                pendingRows = 0;
            }
        }
        flush(landingId, pending.values(), known, fileNames, counters, renamed);
        recordFileNames(renamed, fileNames);
        LandingResult result = new LandingResult(counters.landedNew, counters.alreadyLanded, counters.outcomes, counters.rowsParsed,
                counters.rowsRejected, counters.operatingDates, counters.messages, counters.rejectedPayloads);
        log.info("Landed {} new payloads ({} already landed): {} rows parsed, {} rejected, outcomes {}",
                result.payloadsNew(), result.payloadsAlreadyLanded(), result.rowsParsed(), result.rowsRejected(), result.outcomes());
        return result;
    }

    /**
     * Counts a payload whose bytes the fetch log (or this run) already holds, and remembers its file name when the
     * bytes came under another name before, so the log lists it too.
     */
    private static void alreadyLanded(Payload payload, LoggedFetch logged, Counters counters, Map<String, Set<String>> fileNames, Set<String> pending, Set<String> renamed)
    {
        counters.alreadyLanded(payload, logged);
        if (fileNames.computeIfAbsent(logged.fetchId, id -> new LinkedHashSet<>(logged.fileNames)).add(payload.fileName())) {
            String message = String.format("%s: same bytes as %s, landed before as fetch_id %s; recorded as another name of it", payload.fileName(),
                    logged.fileNames.get(0), logged.fetchId);
            counters.messages.add(message);
            log.info("Payload {}", message);
            if (!pending.contains(logged.fetchId)) {
                renamed.add(logged.fetchId);
            }
        }
    }

    static String fetchId(Payload payload, String requestKey, String sha256)
    {
        return Hashing.sha256(String.join("\n", payload.source(), payload.report(), requestKey, sha256)).substring(0, 32);
    }

    private void flush(String landingId, Collection<Landed> batch, Map<String, LoggedFetch> known, Map<String, Set<String>> fileNames, Counters counters,
            Set<String> renamed)
    {
        if (batch.isEmpty()) {
            return;
        }
        for (TableSpec rawTable : parser.rawTables()) {
            List<Row> rows = new ArrayList<>();
            for (Landed landed : batch) {
                if (landed.parsed.rawTable().equals(rawTable)) {
                    landed.parsed.records().forEach(record -> rows.add(record.toRow(landed.fetchId, landingId)));
                }
            }
            if (!rows.isEmpty()) {
                lakehouse.describe("Land " + rows.size() + " rows into " + rawTable.identifier());
                lakehouse.appendRows(rawTable, rows);
                log.info("Stage raw: appended {} rows to {}", rows.size(), rawTable.identifier());
            }
        }
        List<Row> quarantine = batch.stream().flatMap(landed -> quarantineRows(landed).stream()).toList();
        if (!quarantine.isEmpty()) {
            lakehouse.describe("Quarantine " + quarantine.size() + " rejected records");
            lakehouse.insertNewRows(CanonicalTables.QUARANTINE, quarantine);
            log.info("Stage raw: quarantined {} records at parse time", quarantine.size());
        }
        List<Row> fetchLog = batch.stream().map(landed -> fetchLogRow(landingId, landed, List.copyOf(fileNames.get(landed.fetchId)))).toList();
        lakehouse.describe("Record " + fetchLog.size() + " payloads in raw.fetch_log");
        int recorded = lakehouse.insertNewRows(CanonicalTables.FETCH_LOG, fetchLog);
        Map<String, LoggedFetch> byOthers = recorded == batch.size() ? Map.of() : recordedByOthers(landingId, batch);
        for (Landed landed : batch) {
            LoggedFetch other = byOthers.get(landed.fetchId);
            if (other == null) {
                counters.count(landed, known.get(landed.fetchId));
                continue;
            }
            // Another landing recorded the same payload between our read of the log and our commit: its rows count, ours are ignored.
            known.put(landed.fetchId, other);
            counters.alreadyLanded(landed.payload, other);
            if (!other.fileNames.containsAll(fileNames.get(landed.fetchId))) {
                renamed.add(landed.fetchId);
            }
        }
        if (!byOthers.isEmpty()) {
            log.info("Stage raw: {} of {} payloads were recorded by another landing at the same moment; this run's rows of them are ignored",
                    byOthers.size(), batch.size());
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
        ParsedPayload parsed = landed.parsed;
        Instant publishedAt = parsed.publishedAtUtc().orElse(payload.fetchedAtUtc());
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
                parsed.operatorErrorCode().orElse(null),
                parsed.detail().orElse(null),
                (long) parsed.records().size(),
                (long) parsed.rejected().size(),
                new ArrayList<>(parsed.operatingDates()));
    }

    private List<Row> quarantineRows(Landed landed)
    {
        List<Row> rows = new ArrayList<>();
        for (RejectedRecord rejected : landed.parsed.rejected()) {
            String id = Hashing.sha256(String.join("|", landed.fetchId, "parse", String.valueOf(rejected.lineNumber().orElse(0)), rejected.reason())).substring(0, 32);
            rows.add(RowFactory.create(
                    id,
                    rejected.market().orElse(parser.market()),
                    landed.parsed.dataset(),
                    "parse",
                    landed.payload.source(),
                    landed.payload.report(),
                    landed.fetchId,
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

    private record Landed(Payload payload, ParsedPayload parsed, String fetchId, String sha256, int revision, String payloadPath, long size) {}

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
            rowsParsed += landed.parsed.records().size();
            rowsRejected += landed.parsed.rejected().size();
            outcomes.merge(landed.parsed.outcome(), 1, Integer::sum);
            operatingDates.addAll(landed.parsed.operatingDates());
        }
    }
}
