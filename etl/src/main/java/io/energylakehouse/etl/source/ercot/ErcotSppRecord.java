package io.energylakehouse.etl.source.ercot;

import io.energylakehouse.etl.raw.RawRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.time.Instant;
import java.time.LocalDate;

import static java.util.Objects.requireNonNull;

/**
 * One row of an NP4-190 or NP6-905 file or API page, typed, with the operator's own fields and the interval they mean.
 *
 * @param hour the HourEnding (DAM) or DeliveryHour (RT) as a number: 1..24, or 1..25 on a fall-back day numbered so
 * @param deliveryInterval 1..4 in RT rows, null in DAM rows
 * @param settlementPointType null in DAM rows and where the file has no such column
 * @param dstFlag null where the file has no DSTFlag
 */
public record ErcotSppRecord(
        ErcotReport report,
        int lineNumber,
        Instant intervalStartUtc,
        Instant intervalEndUtc,
        LocalDate deliveryDate,
        int hour,
        Integer deliveryInterval,
        String settlementPoint,
        String settlementPointType,
        double settlementPointPrice,
        Boolean dstFlag)
        implements RawRecord
{
    public ErcotSppRecord
    {
        requireNonNull(report, "report is null");
        requireNonNull(intervalStartUtc, "intervalStartUtc is null");
        requireNonNull(intervalEndUtc, "intervalEndUtc is null");
        requireNonNull(deliveryDate, "deliveryDate is null");
        requireNonNull(settlementPoint, "settlementPoint is null");
    }

    @Override
    public Row toRow(String fetchId, String landingId)
    {
        if (report.hasIntervals()) {
            return RowFactory.create(fetchId, landingId, lineNumber, intervalStartUtc, intervalEndUtc, deliveryDate, hour, deliveryInterval, settlementPoint,
                    settlementPointType, settlementPointPrice, dstFlag);
        }
        return RowFactory.create(fetchId, landingId, lineNumber, intervalStartUtc, intervalEndUtc, deliveryDate, hour, settlementPoint, settlementPointPrice,
                dstFlag);
    }
}
