package io.energylakehouse.etl.source.settlements;

import io.energylakehouse.etl.raw.RawRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import static java.util.Objects.requireNonNull;

/**
 * One line of a settlement file, typed and checked: market upper case, profile as its code, currency an ISO
 * 4217 code, a finite price, delivery_end after delivery_start. {@code exchange} is null when the file does not say.
 */
public record SettlementRecord(
        int lineNumber,
        LocalDate tradeDate,
        String market,
        String contractCode,
        DeliveryProfile profile,
        LocalDate deliveryStart,
        LocalDate deliveryEnd,
        double settlementPrice,
        String currency,
        String unit,
        String exchange)
        implements RawRecord
{
    public SettlementRecord
    {
        requireNonNull(tradeDate, "tradeDate is null");
        requireNonNull(market, "market is null");
        requireNonNull(contractCode, "contractCode is null");
        requireNonNull(profile, "profile is null");
        requireNonNull(deliveryStart, "deliveryStart is null");
        requireNonNull(deliveryEnd, "deliveryEnd is null");
        requireNonNull(currency, "currency is null");
        requireNonNull(unit, "unit is null");
        if (!Double.isFinite(settlementPrice)) {
            throw new IllegalArgumentException("settlementPrice is not finite: " + settlementPrice);
        }
        if (!deliveryEnd.isAfter(deliveryStart)) {
            throw new IllegalArgumentException("deliveryEnd " + deliveryEnd + " is not after deliveryStart " + deliveryStart);
        }
    }

    /** What identifies a settlement: one price per market, contract, profile and trade date. */
    public record Key(String market, String contractCode, DeliveryProfile profile, LocalDate tradeDate)
    {
        public Key
        {
            requireNonNull(market, "market is null");
            requireNonNull(contractCode, "contractCode is null");
            requireNonNull(profile, "profile is null");
            requireNonNull(tradeDate, "tradeDate is null");
        }

        @Override
        public String toString()
        {
            return "(" + market + ", " + contractCode + ", " + profile.code() + ", " + tradeDate + ")";
        }
    }

    public Key key()
    {
        return new Key(market, contractCode, profile, tradeDate);
    }

    /** The fields in which another record of the same key differs from this one, as {@code name this/other}; empty when they agree. */
    List<String> differencesFrom(SettlementRecord other)
    {
        List<String> differences = new ArrayList<>();
        if (Double.compare(settlementPrice, other.settlementPrice) != 0) {
            differences.add("settlement_price " + settlementPrice + "/" + other.settlementPrice);
        }
        if (!deliveryStart.equals(other.deliveryStart)) {
            differences.add("delivery_start " + deliveryStart + "/" + other.deliveryStart);
        }
        if (!deliveryEnd.equals(other.deliveryEnd)) {
            differences.add("delivery_end " + deliveryEnd + "/" + other.deliveryEnd);
        }
        if (!currency.equals(other.currency)) {
            differences.add("currency " + currency + "/" + other.currency);
        }
        if (!unit.equals(other.unit)) {
            differences.add("unit " + unit + "/" + other.unit);
        }
        if (!Objects.equals(exchange, other.exchange)) {
            differences.add("exchange " + exchange + "/" + other.exchange);
        }
        return differences;
    }

    @Override
    public Row toRow(String fetchId, String landingId)
    {
        return RowFactory.create(fetchId, landingId, lineNumber, tradeDate, market, contractCode, profile.code(), deliveryStart, deliveryEnd, settlementPrice,
                currency, unit, exchange);
    }
}
