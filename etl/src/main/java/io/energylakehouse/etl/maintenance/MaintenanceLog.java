package io.energylakehouse.etl.maintenance;

import io.energylakehouse.common.table.Lakehouse;
import io.energylakehouse.common.table.TableSpec;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

/**
 * {@code raw.maintenance_log}: one row per change a maintenance command made to a table's history (today: each
 * rollback), so what was undone, when, by whom and why outlives the console and the log files. It sits in the raw
 * layer beside {@code raw.fetch_log}, the other record of what happened to the lake, and is written by Iceberg's
 * own writers in one commit (no Spark job).
 */
public final class MaintenanceLog
{
    public static final String ROLLBACK = "rollback";

    public static final TableSpec SPEC = TableSpec.builder("raw", "maintenance_log",
                    "One row per change a maintenance command made to a table's snapshot history, e.g. a rollback")
            .required("entry_id", StringType, "Stable id: hash of action, table, snapshots and time")
            .required("performed_at_utc", TimestampType, "When the change was committed")
            .required("action", StringType, "What was done: rollback")
            .required("table_name", StringType, "Table changed, namespace.table")
            .required("from_snapshot_id", LongType, "Snapshot that was current before")
            .required("to_snapshot_id", LongType, "Snapshot that is current after")
            .required("undone_snapshot_ids", DataTypes.createArrayType(LongType, false), "Snapshots the table no longer reads, newest first")
            .optional("records_before", LongType, "Records in the table before, from the snapshot summary")
            .optional("records_after", LongType, "Records in the table after, from the snapshot summary")
            .required("performed_by", StringType, "Operating-system user who ran the command")
            .optional("reason", StringType, "Why, as the user gave it")
            .key("entry_id")
            .build();

    private final Lakehouse lakehouse;

    public MaintenanceLog(Lakehouse lakehouse)
    {
        this.lakehouse = requireNonNull(lakehouse, "lakehouse is null");
    }

    /** Appends the rollback's row, one commit. */
    public void record(RollbackResult rollback)
    {
        lakehouse.appendRows(SPEC, List.of(row(rollback)));
    }

    static Row row(RollbackResult rollback)
    {
        String id = hash(String.join("|", ROLLBACK, rollback.table(), Long.toString(rollback.fromSnapshotId()), Long.toString(rollback.toSnapshotId()),
                rollback.performedAtUtc().toString()));
        return RowFactory.create(id, rollback.performedAtUtc(), ROLLBACK, rollback.table(), rollback.fromSnapshotId(), rollback.toSnapshotId(),
                rollback.undoneSnapshotIds(), boxed(rollback.recordsBefore()), boxed(rollback.recordsAfter()), rollback.performedBy(),
                rollback.reason().orElse(null));
    }

    private static Long boxed(java.util.OptionalLong value)
    {
        return value.isPresent() ? value.getAsLong() : null;
    }

    private static String hash(String text)
    {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8))).substring(0, 32);
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
