package io.energylakehouse.etl.source.nordpool;

import io.energylakehouse.etl.raw.RawRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.time.Instant;
import java.time.LocalDate;

import static java.util.Objects.requireNonNull;

/**
 * One price of a Nord Pool day-ahead payload, typed: an area's price for one delivery interval, with what the payload
 * says of itself (currency, Nord Pool's exchange rate, status, update time).
 *
 * @param entryNumber the price's position in the payload, 1-based over every area (the raw key with the fetch id)
 * @param deliveryArea the area as published ({@code SE3}, {@code GER})
 * @param deliveryDateCet the payload's {@code deliveryDateCET}, null where absent
 * @param exchangeRate Nord Pool's EUR-to-{@code currency} rate of the auction (not the ECB's), null where absent
 * @param status {@code Final} or {@code Preliminary} (the area's state), null where absent
 * @param updatedAt when Nord Pool last updated the result, null where absent
 * @param version the portal's result version, null where absent (the licensed API's per-area shape has none)
 */
public record NordPoolPriceRecord(
        int entryNumber,
        String deliveryArea,
        LocalDate deliveryDateCet,
        Instant intervalStartUtc,
        Instant intervalEndUtc,
        double price,
        String currency,
        String market,
        Double exchangeRate,
        String status,
        Instant updatedAt,
        Integer version)
        implements RawRecord
{
    public NordPoolPriceRecord
    {
        requireNonNull(deliveryArea, "deliveryArea is null");
        requireNonNull(intervalStartUtc, "intervalStartUtc is null");
        requireNonNull(intervalEndUtc, "intervalEndUtc is null");
        requireNonNull(currency, "currency is null");
    }

    public int intervalMinutes()
    {
        return (int) java.time.Duration.between(intervalStartUtc, intervalEndUtc).toMinutes();
    }

    @Override
    public Row toRow(String fetchId, String landingId)
    {
        return RowFactory.create(fetchId, landingId, entryNumber, deliveryArea, deliveryDateCet, intervalStartUtc, intervalEndUtc, price, currency, market,
                exchangeRate, status, updatedAt, version);
    }
}
