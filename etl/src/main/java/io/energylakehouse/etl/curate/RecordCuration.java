package io.energylakehouse.etl.curate;

import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.market.Market;
import io.energylakehouse.common.table.CanonicalTables;
import io.energylakehouse.common.table.Lakehouse;
import io.energylakehouse.common.table.TableSpec;
import io.energylakehouse.etl.connector.MarketConnector;
import io.energylakehouse.etl.connector.MarketReport;
import io.energylakehouse.etl.connector.ReportOutput;
import io.energylakehouse.etl.raw.FetchOutcome;
import io.energylakehouse.etl.raw.Landing;
import io.energylakehouse.etl.raw.RawFields;
import io.energylakehouse.etl.raw.RawRecord;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

/**
 * The one curation of reports that feed a canonical table other than {@code curated.market_prices}
 * ({@code curated.fx_rates}, {@code curated.spot_prices}, {@code curated.fundamentals}, ...), the same for every
 * connector and generic over the target {@link TableSpec}. For a report and a set of dates of the target's date column
 * ({@link #dateColumn}):
 * <ol>
 * <li>the committed payloads of the report (and of the connector's other reports feeding the same table and dataset)
 * whose {@code raw.fetch_log.operating_dates} meet the dates, each read whole from its raw table with Iceberg's reader
 * on the driver (only the rows of the landing the fetch log committed), back to the parser's records with
 * {@link MarketConnector#record};</li>
 * <li>the connector's pure step {@link MarketConnector#canonicalRecords} per payload, on the driver (these sources are
 * small: the ECB's whole history is 276,627 raw cells, 210,545 rates, curated in some 60 s on a loaded two-core machine); rows whose date is not one of the dates are left out;</li>
 * <li>revisions by the project's one rule, {@link Revisions#number}, on the key without {@code revision}, values = every
 * other column except lineage ({@code published_at_utc}, {@code fetch_id}, {@code revision}, {@code dq_flags}).
 * Revisions follow the order of the payloads' publication (the fetch log's {@code published_at_utc}, then fetch id);
 * a row keeps the {@code published_at_utc} the connector gave it (the ECB's D 16:00 for a rate of D that arrives in a
 * history file years later), except that a revision after the first is never dated before the payload that brought it;</li>
 * <li>the rows, conformed to the spec, that are new or differ from the table on the dates are merged on the key
 * ({@link #writeChanged}); nothing changed commits nothing, not even a snapshot;</li>
 * <li>refused records go to {@code curated.quarantine} (stage curate), each once.</li>
 * </ol>
 * Dates are the connector's: Landing records each payload's {@code ParsedPayload.operatingDates}, which must be the
 * dates of the target's date column its rows will have.
 */
public final class RecordCuration
{
    private static final Logger log = LoggerFactory.getLogger(RecordCuration.class);
    /** Date columns a canonical table other than market_prices is curated by, in order of preference. */
    static final List<String> DATE_COLUMNS = List.of("rate_date", "trade_date", "operating_date");
    /** Columns that say where a row came from, not what it says: a change in them alone is no new revision. */
    static final Set<String> LINEAGE = Set.of("published_at_utc", "fetch_id", "revision", "dq_flags");
    private static final String PAYLOAD_PUBLISHED = "_payload_published_at_utc";
    private static final String ROW_PUBLISHED = "_row_published_at_utc";

    private final Lakehouse lakehouse;
    private final MarketConnector connector;
    private final Market market;

    public RecordCuration(Lakehouse lakehouse, MarketConnector connector)
    {
        this.lakehouse = requireNonNull(lakehouse, "lakehouse is null");
        this.connector = requireNonNull(connector, "connector is null");
        this.market = connector.market();
    }

    /** The column a table's rows are curated and windowed by: rate_date, trade_date or operating_date, whichever it has first. */
    public static String dateColumn(TableSpec table)
    {
        return DATE_COLUMNS.stream().filter(table.columnNames()::contains).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Cannot curate records into " + table.identifier() + ": it has none of the date columns "
                        + DATE_COLUMNS + " (columns " + table.columnNames() + ")"));
    }

    /** The key without {@code revision}. */
    public static List<String> keyWithoutRevision(TableSpec table)
    {
        return table.key().stream().filter(column -> !column.equals("revision")).toList();
    }

    /** What a row says: every column but the key and lineage; a later payload changing any of them is a new revision. */
    public static List<String> valueColumns(TableSpec table)
    {
        return table.columnNames().stream().filter(column -> !table.key().contains(column) && !LINEAGE.contains(column)).toList();
    }

    public RecordCurateResult curate(MarketReport report, Collection<LocalDate> requestedDates)
    {
        requireNonNull(report, "report is null");
        ReportOutput output = report.outputs().get(0);
        TableSpec target = output.canonicalTable();
        if (target.equals(CanonicalTables.MARKET_PRICES)) {
            throw new IllegalArgumentException("Cannot curate " + market.code() + " report " + report.name() + " with RecordCuration: it feeds "
                    + target.identifier() + ", which PriceCuration curates");
        }
        if (requestedDates.isEmpty()) {
            throw LakehouseException.userError("Cannot curate %s %s: no dates given", market.code(), report.requestName());
        }
        String dateColumn = dateColumn(target);
        List<LocalDate> dates = requestedDates.stream().sorted().distinct().toList();
        Set<LocalDate> wanted = new HashSet<>(dates);
        LocalDate first = dates.get(0);
        LocalDate last = dates.get(dates.size() - 1);
        List<MarketReport> group = connector.reports().stream()
                .filter(other -> other.outputs().get(0).canonicalTable().equals(target) && other.outputs().get(0).dataset().equals(output.dataset())).toList();
        String description = "Curate " + market.code() + " " + output.dataset() + " into " + target.identifier() + " " + first
                + (dates.size() > 1 ? ".." + last + " (" + dates.size() + " dates)" : "");
        lakehouse.describe(description);
        List<TableSpec> tables = new ArrayList<>(List.of(CanonicalTables.FETCH_LOG, CanonicalTables.QUARANTINE, target));
        group.forEach(member -> tables.add(member.rawTable()));
        lakehouse.ensureAll(tables.stream().distinct().toList());
        log.info("Stage curate start: {}: reading {} and raw.fetch_log on the driver", description,
                group.stream().map(member -> member.rawTable().identifier()).distinct().toList());

        List<Row> rows = new ArrayList<>();
        List<Row> quarantine = new ArrayList<>();
        long rawRows = 0;
        long refused = 0;
        int payloads = 0;
        for (MarketReport member : group) {
            for (Fetch fetch : fetches(member, wanted)) {
                payloads++;
                List<RawRecord> records = new ArrayList<>();
                for (Record raw : lakehouse.scan(member.rawTable(), Expressions.equal("fetch_id", fetch.fetchId()), member.rawTable().columnNames())) {
                    if (Objects.equals(fetch.landingId(), raw.getField(Landing.LANDING_ID))) {
                        records.add(connector.record(member, RawFields.of(raw)));
                    }
                }
                rawRows += records.size();
                CanonicalRecords canonical = connector.canonicalRecords(member, records, fetch.publishedAtUtc(), fetch.fetchId());
                if (!canonical.table().equals(target)) {
                    throw new IllegalStateException("Cannot curate " + market.code() + " report " + member.name() + ": its step made rows of "
                            + canonical.table().identifier() + ", the report feeds " + target.identifier());
                }
                int dateIndex = target.columnNames().indexOf(dateColumn);
                for (Row row : canonical.rows()) {
                    if (row.size() != target.columnNames().size()) {
                        throw new IllegalStateException("Cannot curate " + market.code() + " report " + member.name() + ": a row has " + row.size()
                                + " values, " + target.identifier() + " has " + target.columnNames().size() + " columns " + target.columnNames());
                    }
                    if (wanted.contains(date(row.get(dateIndex)))) {
                        rows.add(withPayloadPublication(row, fetch.publishedAtUtc()));
                    }
                }
                for (CanonicalPrices.Rejected rejected : canonical.rejected()) {
                    LocalDate date = rejected.intervalStartUtc() == null ? null : market.time().operatingDate(rejected.intervalStartUtc());
                    if (date == null || wanted.contains(date)) {
                        refused++;
                        quarantine.add(quarantineRow(member, output.dataset(), fetch.fetchId(), date, rejected));
                    }
                }
            }
        }
        log.info("Stage curate read: {}: {} payloads, {} raw rows -> {} rows on the dates, {} refused", description, payloads, rawRows, rows.size(), refused);

        Dataset<Row> canonical = lakehouse.spark().createDataFrame(rows, schemaWithPayloadPublication(target));
        Dataset<Row> curated = target.conform(withRevisions(canonical, target));
        long written = writeChanged(lakehouse, target, dateColumn, dates, curated);
        int quarantinedNew = lakehouse.insertNewRows(CanonicalTables.QUARANTINE, quarantine);
        // Counted from the table's files on the driver: no Spark job.
        long rowsCurated = 0;
        long laterRevisions = 0;
        for (Record row : lakehouse.scan(target, Expressions.and(Expressions.greaterThanOrEqual(dateColumn, first.toString()),
                Expressions.lessThanOrEqual(dateColumn, last.toString())), List.of(dateColumn, "revision"))) {
            if (wanted.contains(date(row.getField(dateColumn)))) {
                rowsCurated++;
                laterRevisions += ((Integer) row.getField("revision")) > 1 ? 1 : 0;
            }
        }
        RecordCurateResult result = new RecordCurateResult(market.code(), target.identifier(), output.dataset(), dates, payloads, rowsCurated, written,
                laterRevisions, refused, quarantinedNew);
        log.info("Stage curate: {} -> {} rows in {} on the dates ({} written by this run, {} later revisions), {} refused ({} newly quarantined)",
                description, result.rowsCurated(), target.identifier(), written, result.laterRevisions(), refused, quarantinedNew);
        return result;
    }

    /**
     * Numbers revisions in the order of the payloads' publication ({@code _payload_published_at_utc}), keeping each row's
     * own {@code published_at_utc} for revision 1 and never dating a later one before its payload. Pure.
     */
    static Dataset<Row> withRevisions(Dataset<Row> rows, TableSpec target)
    {
        Columns.require(rows, "RecordCuration.withRevisions", List.of("published_at_utc", PAYLOAD_PUBLISHED));
        Dataset<Row> byPayload = rows.withColumn(ROW_PUBLISHED, col("published_at_utc")).withColumn("published_at_utc", col(PAYLOAD_PUBLISHED));
        Dataset<Row> numbered = Revisions.number(byPayload, keyWithoutRevision(target), valueColumns(target));
        return numbered.withColumn("published_at_utc", when(col("revision").equalTo(1), col(ROW_PUBLISHED))
                        .otherwise(greatest(col(ROW_PUBLISHED), col(PAYLOAD_PUBLISHED))))
                .drop(ROW_PUBLISHED, PAYLOAD_PUBLISHED);
    }

    /**
     * Writes the rows of {@code curated} (conformed to {@code target}, all on the dates) that the table lacks on the dates:
     * new keys are inserted, rows whose key is there with other values (a revision renumbered by a payload published
     * between two others) replaced, by one MERGE on the key within the dates' window. Returns the rows written; 0 commits
     * nothing. Shared by every curation into a table other than market_prices (and by the settlements' curation).
     */
    public static long writeChanged(Lakehouse lakehouse, TableSpec target, String dateColumn, List<LocalDate> dates, Dataset<Row> curated)
    {
        LocalDate first = dates.stream().min(LocalDate::compareTo).orElseThrow();
        LocalDate last = dates.stream().max(LocalDate::compareTo).orElseThrow();
        // Materialized (and cut from the tables it was read from) before MERGE uses it: a MERGE source whose plan reads
        // Iceberg tables fails in Spark 4.1 with "No plan for TableReference" (apache/iceberg#16451).
        Dataset<Row> changed = curated.except(conformRead(target, lakehouse.read(target).where(inWindow(dateColumn, first, last)))).localCheckpoint();
        long written = changed.count();
        if (written == 0) {
            return 0;
        }
        String view = "changed_" + target.name() + "_" + Long.toHexString(System.nanoTime());
        changed.createOrReplaceTempView(view);
        try {
            String on = target.key().stream().map(column -> "t." + column + " = s." + column).collect(Collectors.joining(" AND "));
            String window = "t." + dateColumn + " BETWEEN DATE '" + first + "' AND DATE '" + last + "'";
            lakehouse.spark().sql("MERGE INTO " + target.identifier() + " t USING " + view + " s ON " + on + " AND " + window
                    + " WHEN MATCHED THEN UPDATE SET * WHEN NOT MATCHED THEN INSERT *");
        }
        finally {
            lakehouse.spark().catalog().dropTempView(view);
        }
        return written;
    }

    /** Rows read back from {@code target} in its spec's types: as read, an array's elements may be null; they never are (array_compact says so). */
    private static Dataset<Row> conformRead(TableSpec target, Dataset<Row> read)
    {
        Dataset<Row> compacted = read;
        for (StructField field : target.schema().fields()) {
            if (field.dataType() instanceof org.apache.spark.sql.types.ArrayType) {
                compacted = compacted.withColumn(field.name(), org.apache.spark.sql.functions.array_compact(col(field.name())));
            }
        }
        return target.conform(compacted);
    }

    private static Column inWindow(String dateColumn, LocalDate first, LocalDate last)
    {
        return col(dateColumn).between(lit(first), lit(last));
    }

    /** A committed payload of a report: the landing that owns its raw rows and its publication. */
    private record Fetch(String fetchId, String landingId, Instant publishedAtUtc) {}

    /** The report's committed, parsed payloads whose fetch-log dates meet {@code dates}, by fetch id. */
    private List<Fetch> fetches(MarketReport report, Set<LocalDate> dates)
    {
        Map<String, Fetch> fetches = new TreeMap<>();
        for (Record fetch : lakehouse.scan(CanonicalTables.FETCH_LOG, Expressions.and(Expressions.equal("outcome", FetchOutcome.PARSED.code()),
                        Expressions.and(Expressions.equal("source", report.source()), Expressions.equal("report", report.requestName()))),
                List.of("fetch_id", Landing.LANDING_ID, "published_at_utc", "operating_dates"))) {
            @SuppressWarnings("unchecked")
            List<Object> covered = (List<Object>) fetch.getField("operating_dates");
            if (covered != null && covered.stream().anyMatch(date -> dates.contains(date(date)))) {
                String fetchId = (String) fetch.getField("fetch_id");
                fetches.put(fetchId, new Fetch(fetchId, (String) fetch.getField(Landing.LANDING_ID), Lakehouse.instant(fetch.getField("published_at_utc"))));
            }
        }
        return List.copyOf(fetches.values());
    }

    private static LocalDate date(Object value)
    {
        return value instanceof java.sql.Date date ? date.toLocalDate() : (LocalDate) value;
    }

    /** The target's columns, every one nullable (revision is null until numbered), then the payload's publication. */
    private static StructType schemaWithPayloadPublication(TableSpec target)
    {
        StructType schema = new StructType();
        for (StructField field : target.schema().fields()) {
            schema = schema.add(field.name(), field.dataType(), true);
        }
        return schema.add(PAYLOAD_PUBLISHED, DataTypes.TimestampType, false);
    }

    /** The row's values (lists as Scala sequences, which Spark's rows hold), then the payload's publication. */
    private static Row withPayloadPublication(Row row, Instant payloadPublishedAtUtc)
    {
        Object[] values = new Object[row.size() + 1];
        for (int i = 0; i < row.size(); i++) {
            Object value = row.get(i);
            values[i] = value instanceof List<?> list ? scala.jdk.javaapi.CollectionConverters.asScala(list).toSeq() : value;
        }
        values[row.size()] = payloadPublishedAtUtc;
        return RowFactory.create(values);
    }

    /** A refused record as a {@code curated.quarantine} row of stage curate; its id is stable, so a rerun adds it once. */
    private Row quarantineRow(MarketReport report, String dataset, String fetchId, LocalDate date, CanonicalPrices.Rejected rejected)
    {
        String id = sha256(fetchId + "|curate|" + rejected.locationId() + "|" + rejected.intervalStartUtc() + "|" + rejected.reason() + "|" + rejected.record())
                .substring(0, 32);
        List<String> columns = CanonicalTables.QUARANTINE.columnNames();
        Object[] values = new Object[columns.size()];
        values[columns.indexOf("quarantine_id")] = id;
        values[columns.indexOf("market")] = market.code();
        values[columns.indexOf("dataset")] = dataset;
        values[columns.indexOf("stage")] = "curate";
        values[columns.indexOf("source")] = report.source();
        values[columns.indexOf("report")] = report.requestName();
        values[columns.indexOf("fetch_id")] = fetchId;
        values[columns.indexOf("operating_date")] = date;
        values[columns.indexOf("location_id")] = rejected.locationId();
        values[columns.indexOf("interval_start_utc")] = rejected.intervalStartUtc();
        values[columns.indexOf("reason")] = rejected.reason();
        values[columns.indexOf("record")] = rejected.record();
        return RowFactory.create(values);
    }

    private static String sha256(String text)
    {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from the JVM", e);
        }
    }
}
