package io.energylakehouse.etl.source.aeso;

import io.energylakehouse.etl.raw.RawRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * One hour of AESO's pool price report, typed, with the interval it means in UTC.
 *
 * @param localTime the time as published in Mountain prevailing time ({@code begin_datetime_mpt}, or the CSV's
 *        {@code Date (HE)} such as {@code 11/03/2024 02*}), null where absent
 * @param poolPrice null for an hour not settled yet: AESO leaves it blank, which is not a price of 0
 * @param ailDemandMw Alberta internal load, in the legacy CSV only
 */
public record AesoPoolPriceRecord(
        int lineNumber,
        Instant intervalStartUtc,
        Instant intervalEndUtc,
        String localTime,
        Double poolPrice,
        Double forecastPoolPrice,
        Double rolling30DayAverage,
        Double ailDemandMw)
        implements RawRecord
{
    public AesoPoolPriceRecord
    {
        requireNonNull(intervalStartUtc, "intervalStartUtc is null");
        requireNonNull(intervalEndUtc, "intervalEndUtc is null");
    }

    @Override
    public Row toRow(String fetchId, String landingId)
    {
        return RowFactory.create(fetchId, landingId, lineNumber, intervalStartUtc, intervalEndUtc, localTime, poolPrice, forecastPoolPrice,
                rolling30DayAverage, ailDemandMw);
    }
}
