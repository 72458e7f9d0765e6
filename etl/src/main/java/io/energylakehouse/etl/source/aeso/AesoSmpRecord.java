package io.energylakehouse.etl.source.aeso;

import io.energylakehouse.etl.raw.RawRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * One system marginal price interval as AESO published it: the price held from its start until its end (minutes,
 * irregular).
 *
 * @param intervalEndUtc null where the payload does not say (the last SMP of a legacy CSV)
 * @param localTime the start as published in Mountain prevailing time, null where absent
 * @param localEndTime the end as published ({@code end_datetime_mpt}), null where absent
 * @param volumeMw the dispatched volume at that price, null where absent
 */
public record AesoSmpRecord(
        int lineNumber,
        Instant intervalStartUtc,
        Instant intervalEndUtc,
        String localTime,
        String localEndTime,
        double systemMarginalPrice,
        Double volumeMw)
        implements RawRecord
{
    public AesoSmpRecord
    {
        requireNonNull(intervalStartUtc, "intervalStartUtc is null");
    }

    public AesoSmpRecord withEnd(Instant end)
    {
        return new AesoSmpRecord(lineNumber, intervalStartUtc, end, localTime, localEndTime, systemMarginalPrice, volumeMw);
    }

    @Override
    public Row toRow(String fetchId, String landingId)
    {
        return RowFactory.create(fetchId, landingId, lineNumber, intervalStartUtc, intervalEndUtc, localTime, localEndTime, systemMarginalPrice, volumeMw);
    }
}
