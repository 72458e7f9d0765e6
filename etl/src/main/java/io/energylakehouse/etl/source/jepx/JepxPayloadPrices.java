package io.energylakehouse.etl.source.jepx;

import io.energylakehouse.etl.curate.CanonicalPrices;
import io.energylakehouse.etl.curate.PriceRow;
import io.energylakehouse.etl.curate.PriceRows;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The canonical prices of one JEPX spot payload in plain Java: market JEPX, dataset {@code da_30min}, 30-minute
 * intervals, currency JPY, one row per slot and location: {@code SYSTEM} (type {@code system}) and the nine areas (type
 * {@code area}). JEPX publishes JPY per kWh; {@code price_per_mwh} is that times 1000, computed exactly in
 * {@link BigDecimal} ({@code 12.34} JPY/kWh is {@code 12340} JPY/MWh, {@code 0.01} is {@code 10}); the published two
 * decimals make a whole number per MWh, which a double holds exactly.
 *
 * <p>Refused per location and slot, with the line: an empty price cell (JEPX leaves no price blank for a cleared slot;
 * an empty one is not a price of 0 and makes no row), and a price below JEPX's floor of 0.01 JPY/kWh, including 0 and
 * negative prices. Operating date and hour ending are JST (slots 1 and 2 are hour ending 1).
 */
public final class JepxPayloadPrices
{
    private JepxPayloadPrices() {}

    private static final Logger log = LoggerFactory.getLogger(JepxPayloadPrices.class);

    /** JEPX's price floor, JPY per kWh. */
    public static final BigDecimal FLOOR_JPY_PER_KWH = new BigDecimal("0.01");
    private static final BigDecimal KWH_PER_MWH = BigDecimal.valueOf(1000);

    /** JPY per kWh to JPY per MWh: times 1000 exactly, no rounding. */
    public static BigDecimal perMwh(BigDecimal jpyPerKwh)
    {
        return requireNonNull(jpyPerKwh, "jpyPerKwh is null").multiply(KWH_PER_MWH);
    }

    public static CanonicalPrices prices(List<JepxSpotRecord> records, Instant publishedAtUtc, String fetchId)
    {
        requireNonNull(records, "records is null");
        requireNonNull(publishedAtUtc, "publishedAtUtc is null");
        requireNonNull(fetchId, "fetchId is null");
        List<PriceRow> rows = new ArrayList<>(records.size() * JepxPriceColumn.values().length);
        List<CanonicalPrices.Rejected> rejected = new ArrayList<>();
        // the parser refuses repeated slots; records read back from the raw table are checked again, never collapsed
        Map<Instant, Integer> lineOfSlot = new HashMap<>();
        for (JepxSpotRecord record : records) {
            Integer other = lineOfSlot.putIfAbsent(record.intervalStartUtc(), record.lineNumber());
            for (JepxPriceColumn column : JepxPriceColumn.values()) {
                BigDecimal price = record.price(column);
                String where = String.format("line %d (%s slot %d)", record.lineNumber(), record.operatingDate(), record.slotCode());
                String reason = null;
                if (other != null) {
                    reason = String.format("%s repeats the half hour of line %d", where, other);
                }
                else if (price == null) {
                    reason = String.format("%s is empty on %s: no price, not a price of 0", column.header(), where);
                }
                else if (price.compareTo(FLOOR_JPY_PER_KWH) < 0) {
                    reason = String.format("%s %s JPY/kWh on %s is below JEPX's floor of %s JPY/kWh", column.header(), shown(price), where,
                            FLOOR_JPY_PER_KWH.toPlainString());
                }
                if (reason != null) {
                    rejected.add(new CanonicalPrices.Rejected(column.locationId(), record.intervalStartUtc(), reason, json(record, column)));
                    continue;
                }
                rows.add(new PriceRow(JepxMarket.MARKET, JepxMarket.DATASET, column.locationId(), column.locationType(), record.intervalStartUtc(),
                        record.intervalEndUtc(), JepxMarket.INTERVAL_MINUTES, record.operatingDate(), JepxMarket.TIME.hourEnding(record.intervalStartUtc()),
                        perMwh(price).doubleValue(), null, null, null, null, JepxMarket.CURRENCY, publishedAtUtc, 0, fetchId, List.of()));
            }
        }
        log.debug("JEPX spot of fetch {}: {} lines to {} prices, {} refused", fetchId, records.size(), rows.size(), rejected.size());
        return new CanonicalPrices(PriceRows.withRevisions(rows), rejected);
    }

    private static String json(JepxSpotRecord record, JepxPriceColumn column)
    {
        BigDecimal price = record.price(column);
        return String.format("{\"line\":%d,\"date\":\"%s\",\"slot\":%d,\"location\":\"%s\",\"price_jpy_per_kwh\":%s}", record.lineNumber(),
                record.operatingDate(), record.slotCode(), column.locationId(), price == null ? "null" : shown(price));
    }

    /** A price as text without the raw column's trailing zeros: {@code 0.009}, {@code -1.5}, {@code 0}; the same read from the parser or the raw table. */
    private static String shown(BigDecimal price)
    {
        return price.signum() == 0 ? "0" : price.stripTrailingZeros().toPlainString();
    }
}
