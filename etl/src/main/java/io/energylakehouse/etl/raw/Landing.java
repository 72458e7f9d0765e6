package io.energylakehouse.etl.raw;

import io.energylakehouse.common.table.CanonicalTables;
import io.energylakehouse.common.table.Lakehouse;
import io.energylakehouse.common.table.TableSpec;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Lands payloads: keeps every payload's bytes in the raw store, parses them, appends the records to the
 * source's raw table, quarantines what the parser rejected, and records each payload in
 * {@code raw.fetch_log}. The fetch log is written last in each chunk and is the commit marker: raw rows
 * of a fetch id the log does not know are leftovers of an interrupted run and are deleted on the next one.
 *
 * <p>Identical bytes for the same request are a no-op; different bytes for the same request are the next
 * revision. Landing the same payloads twice leaves the tables as they were.
 */
public final class Landing
{
    private static final Logger log = LoggerFactory.getLogger(Landing.class);

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
        this.chunkRows = chunkRows;
    }

    public LandingResult land(Iterator<Payload> payloads)
    {
        lakehouse.ensure(CanonicalTables.FETCH_LOG);
        lakehouse.ensure(CanonicalTables.QUARANTINE);
        parser.rawTables().forEach(lakehouse::ensure);
        deleteUncommittedRawRows();

        Map<String, LoggedFetch> known = loadFetchLog();
        Map<String, LoggedFetch> knownBySha = new HashMap<>();
        known.values().forEach(fetch -> knownBySha.putIfAbsent(fetch.source + "|" + fetch.report + "|" + fetch.sha256, fetch));

        Counters counters = new Counters();
        List<Landed> pending = new ArrayList<>();
        long pendingRows = 0;
        while (payloads.hasNext()) {
            Payload payload = payloads.next();
            // Kept first, whatever it holds: streamed into the raw store while hashed, so no payload is held whole.
            RawStore.Stored stored = rawStore.store(payload.content());
            String sha256 = stored.sha256();
            LoggedFetch sameBytes = knownBySha.get(payload.source() + "|" + payload.report() + "|" + sha256);
            // A payload rejected before is read again (within the limits): after a limit was raised, it lands.
            if (sameBytes != null && !sameBytes.outcome.equals(FetchOutcome.REJECTED.code())
                    && (payload.requestKey().isEmpty() || payload.requestKey().equals(sameBytes.requestKey))) {
                counters.alreadyLanded(payload, sameBytes);
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
                counters.alreadyLanded(payload, known.get(fetchId));
                continue;
            }
            int revision = 1 + known.values().stream()
                    .filter(fetch -> fetch.source.equals(payload.source()) && fetch.report.equals(payload.report()) && fetch.requestKey.equals(requestKey))
                    .mapToInt(fetch -> fetch.revision)
                    .max().orElse(0);
            String payloadPath = stored.path();
            Landed landed = new Landed(payload.withRequestKey(requestKey), parsed, fetchId, sha256, revision, payloadPath, stored.size());
            pending.add(landed);
            LoggedFetch logged = new LoggedFetch(fetchId, payload.source(), payload.report(), requestKey, sha256, revision, parsed.operatingDates(),
                    parsed.outcome().code(), payloadPath, parsed.detail().orElse(""));
            known.put(fetchId, logged);
            knownBySha.putIfAbsent(payload.source() + "|" + payload.report() + "|" + sha256, logged);
            counters.count(landed, logged);
            if (parsed.outcome() != FetchOutcome.PARSED) {
                String message = String.format("%s %s: %s%s", payload.fileName(), parsed.outcome().code(),
                        parsed.operatorErrorCode().map(code -> "ERR_CODE " + code + " ").orElse(""), parsed.detail().orElse(""));
                counters.messages.add(message);
                log.warn("Payload {}", message);
            }
            pendingRows += parsed.records().size() + parsed.rejected().size();
            if (pendingRows >= chunkRows) {
                flush(pending);
                pending.clear();
                pendingRows = 0;
            }
        }
        flush(pending);
        LandingResult result = new LandingResult(counters.landedNew, counters.alreadyLanded, counters.outcomes, counters.rowsParsed,
                counters.rowsRejected, counters.operatingDates, counters.messages, counters.rejectedPayloads);
        log.info("Landed {} new payloads ({} already landed): {} rows parsed, {} rejected, outcomes {}",
                result.payloadsNew(), result.payloadsAlreadyLanded(), result.rowsParsed(), result.rowsRejected(), result.outcomes());
        return result;
    }

    static String fetchId(Payload payload, String requestKey, String sha256)
    {
        return Hashing.sha256(String.join("\n", payload.source(), payload.report(), requestKey, sha256)).substring(0, 32);
    }

    private void flush(List<Landed> batch)
    {
        if (batch.isEmpty()) {
            return;
        }
        for (TableSpec rawTable : parser.rawTables()) {
            List<Row> rows = new ArrayList<>();
            for (Landed landed : batch) {
                if (landed.parsed.rawTable().equals(rawTable)) {
                    landed.parsed.records().forEach(record -> rows.add(record.toRow(landed.fetchId)));
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
        List<Row> fetchLog = batch.stream().map(this::fetchLogRow).toList();
        lakehouse.describe("Record " + fetchLog.size() + " payloads in raw.fetch_log");
        lakehouse.insertNewRows(CanonicalTables.FETCH_LOG, fetchLog);
    }

    private Row fetchLogRow(Landed landed)
    {
        Payload payload = landed.payload;
        ParsedPayload parsed = landed.parsed;
        Instant publishedAt = parsed.publishedAtUtc().orElse(payload.fetchedAtUtc());
        return RowFactory.create(
                landed.fetchId,
                payload.source(),
                payload.report(),
                payload.origin().name().toLowerCase(java.util.Locale.ROOT),
                payload.requestKey(),
                payload.requestUri().map(Object::toString).orElse(null),
                payload.fileName(),
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
        Map<String, LoggedFetch> known = new LinkedHashMap<>();
        // One row per payload ever landed: small metadata, read straight from the table's files into the driver.
        for (org.apache.iceberg.data.Record row : lakehouse.scan(CanonicalTables.FETCH_LOG, org.apache.iceberg.expressions.Expressions.alwaysTrue(),
                List.of("fetch_id", "source", "report", "request_key", "sha256", "revision", "operating_dates", "outcome", "payload_path", "detail"))) {
            @SuppressWarnings("unchecked")
            List<LocalDate> dates = (List<LocalDate>) row.getField("operating_dates");
            String fetchId = (String) row.getField("fetch_id");
            Object detail = row.getField("detail");
            known.put(fetchId, new LoggedFetch(fetchId, (String) row.getField("source"), (String) row.getField("report"), (String) row.getField("request_key"),
                    (String) row.getField("sha256"), (Integer) row.getField("revision"), Set.copyOf(dates), (String) row.getField("outcome"),
                    (String) row.getField("payload_path"), detail == null ? "" : (String) detail));
        }
        return known;
    }

    /**
     * Raw rows are appended before their fetch-log rows; a run that died in between leaves raw rows whose
     * fetch id the log does not know. They can only exist if a raw table changed after the fetch log did.
     */
    private void deleteUncommittedRawRows()
    {
        OptionalTimestamp fetchLogCommit = lastCommit(CanonicalTables.FETCH_LOG);
        for (TableSpec rawTable : parser.rawTables()) {
            OptionalTimestamp rawCommit = lastCommit(rawTable);
            if (rawCommit.millis().isEmpty() || (fetchLogCommit.millis().isPresent() && rawCommit.millis().get() <= fetchLogCommit.millis().get())) {
                continue;
            }
            List<String> orphans = lakehouse.read(rawTable).select("fetch_id").distinct()
                    .join(lakehouse.read(CanonicalTables.FETCH_LOG).select("fetch_id"), new String[] {"fetch_id"}, "left_anti")
                    .as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
            if (!orphans.isEmpty()) {
                log.warn("Deleting rows of {} fetches from {} left by an interrupted run: {}", orphans.size(), rawTable.identifier(), orphans);
                lakehouse.spark().sql("DELETE FROM " + rawTable.identifier() + " WHERE fetch_id IN ("
                        + orphans.stream().map(id -> "'" + id + "'").collect(Collectors.joining(",")) + ")");
            }
        }
    }

    private OptionalTimestamp lastCommit(TableSpec spec)
    {
        org.apache.iceberg.Table table = lakehouse.icebergTable(spec);
        table.refresh();
        return new OptionalTimestamp(table.currentSnapshot() == null ? Optional.empty() : Optional.of(table.currentSnapshot().timestampMillis()));
    }

    private record OptionalTimestamp(Optional<Long> millis) {}

    private record LoggedFetch(String fetchId, String source, String report, String requestKey, String sha256, int revision, Set<LocalDate> operatingDates,
            String outcome, String payloadPath, String detail) {}

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
                rejectedPayloads.add(new RejectedPayload(payload.fileName(), logged.fetchId, logged.payloadPath, logged.detail));
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
