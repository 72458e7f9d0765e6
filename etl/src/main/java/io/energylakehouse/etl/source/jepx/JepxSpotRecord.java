package io.energylakehouse.etl.source.jepx;

import io.energylakehouse.etl.raw.RawRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * One row of a JEPX spot file (one half-hour slot of one JST day), typed, with its interval in UTC. Prices are JPY per
 * kWh and volumes kWh exactly as published (decimals, never rounded); an empty cell is null.
 *
 * @param lineNumber the row's line in the file, from 1
 * @param operatingDate the JST day of {@code 年月日}
 * @param slotCode {@code 時刻コード}, 1..48
 * @param prices the ten prices of {@link JepxPriceColumn}; a price whose cell is empty is absent
 * @param otherColumnsJson the row's other non-empty cells as a JSON object, header text to text as published
 */
public record JepxSpotRecord(
        int lineNumber,
        LocalDate operatingDate,
        int slotCode,
        Instant intervalStartUtc,
        Instant intervalEndUtc,
        BigDecimal sellBidVolumeKwh,
        BigDecimal buyBidVolumeKwh,
        BigDecimal contractVolumeKwh,
        Map<JepxPriceColumn, BigDecimal> prices,
        String otherColumnsJson)
        implements RawRecord
{
    public JepxSpotRecord
    {
        requireNonNull(operatingDate, "operatingDate is null");
        requireNonNull(intervalStartUtc, "intervalStartUtc is null");
        requireNonNull(intervalEndUtc, "intervalEndUtc is null");
        EnumMap<JepxPriceColumn, BigDecimal> copy = new EnumMap<>(JepxPriceColumn.class);
        requireNonNull(prices, "prices is null").forEach((column, price) -> {
            if (price != null) {
                copy.put(column, price);
            }
        });
        prices = Collections.unmodifiableMap(copy);
    }

    /** The price of a column in JPY per kWh as published, null where the cell is empty. */
    public BigDecimal price(JepxPriceColumn column)
    {
        return prices.get(column);
    }

    @Override
    public Row toRow(String fetchId, String landingId)
    {
        List<Object> values = new ArrayList<>(JepxTables.RAW_SPOT.columns().size());
        values.add(fetchId);
        values.add(landingId);
        values.add(lineNumber);
        values.add(operatingDate);
        values.add(slotCode);
        values.add(intervalStartUtc);
        values.add(intervalEndUtc);
        values.add(sellBidVolumeKwh);
        values.add(buyBidVolumeKwh);
        values.add(contractVolumeKwh);
        for (JepxPriceColumn column : JepxPriceColumn.values()) {
            values.add(prices.get(column));
        }
        values.add(otherColumnsJson);
        return RowFactory.create(values.toArray());
    }
}
