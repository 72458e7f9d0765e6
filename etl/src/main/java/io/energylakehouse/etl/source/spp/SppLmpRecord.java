package io.energylakehouse.etl.source.spp;

import io.energylakehouse.etl.raw.RawRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * One line of an SPP LMP file, typed, with the operator's own columns and the interval they mean in UTC.
 *
 * @param interval the {@code Interval} column as published (Central wall time of the interval end), null where absent
 * @param settlementLocation null in a file without the column (by-bus files may have none)
 * @param pnode null in a file without the column
 * @param baa the balancing authority area ({@code SPP}, {@code SWPW}) in files since 2026-04-01, null before
 */
public record SppLmpRecord(
        SppReport report,
        int lineNumber,
        Instant intervalStartUtc,
        Instant intervalEndUtc,
        String interval,
        String settlementLocation,
        String pnode,
        double lmp,
        Double mlc,
        Double mcc,
        Double mec,
        String baa)
        implements RawRecord
{
    public SppLmpRecord
    {
        requireNonNull(report, "report is null");
        requireNonNull(intervalStartUtc, "intervalStartUtc is null");
        requireNonNull(intervalEndUtc, "intervalEndUtc is null");
        if (report.locationColumn() == SppColumn.SETTLEMENT_LOCATION) {
            requireNonNull(settlementLocation, "settlementLocation is null");
        }
        else {
            requireNonNull(pnode, "pnode is null");
        }
    }

    /** The canonical location id: the settlement location, or the pnode in a by-bus file. */
    public String locationId()
    {
        return report.locationColumn() == SppColumn.SETTLEMENT_LOCATION ? settlementLocation : pnode;
    }

    @Override
    public Row toRow(String fetchId, String landingId)
    {
        return RowFactory.create(fetchId, landingId, lineNumber, intervalStartUtc, intervalEndUtc, interval, settlementLocation, pnode, lmp, mlc, mcc, mec, baa);
    }
}
