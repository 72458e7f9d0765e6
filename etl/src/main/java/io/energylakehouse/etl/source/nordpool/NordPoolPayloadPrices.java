package io.energylakehouse.etl.source.nordpool;

import io.energylakehouse.etl.curate.CanonicalPrices;
import io.energylakehouse.etl.curate.PriceRow;
import io.energylakehouse.etl.curate.PriceRows;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The canonical prices of one Nord Pool payload in plain Java: one {@code curated.market_prices} row per area and
 * interval, market NORDPOOL, location the area's name ({@code SE3}, {@code DE-LU}; {@code GER} read as {@code DE-LU}),
 * location type {@code area}, {@code price_per_mwh} the price in the payload's currency, no components.
 *
 * <p>Dataset by interval length and currency ({@link NordPoolReport#dataset}): {@code da_hourly} / {@code da_15min} in
 * EUR, {@code da_hourly_sek}, {@code da_15min_nok}... in a local currency. Operating date and hour ending are on the CET
 * clock of the delivery day for every area (see {@link NordPoolMarket}). Refused with a reason: an area not in
 * {@link NordPoolAreas}, a currency not curated, an interval neither 15 nor 60 minutes, and prices repeated for one area
 * and interval that disagree; repeats that agree collapse into one row flagged {@code duplicate_rows_collapsed}. An hourly
 * price after 2025-10-01 is not refused (Nord Pool may still show hourly averages): it goes to {@code da_hourly}.
 */
public final class NordPoolPayloadPrices
{
    private NordPoolPayloadPrices() {}

    public static CanonicalPrices canonical(List<NordPoolPriceRecord> records, Instant publishedAtUtc, String fetchId)
    {
        requireNonNull(records, "records is null");
        requireNonNull(publishedAtUtc, "publishedAtUtc is null");
        requireNonNull(fetchId, "fetchId is null");
        Map<Key, List<NordPoolPriceRecord>> groups = new LinkedHashMap<>();
        for (NordPoolPriceRecord record : records) {
            groups.computeIfAbsent(new Key(record.deliveryArea(), record.currency(), record.intervalStartUtc(), record.intervalEndUtc()),
                    key -> new ArrayList<>(1)).add(record);
        }
        List<PriceRow> rows = new ArrayList<>(groups.size());
        List<CanonicalPrices.Rejected> rejected = new ArrayList<>();
        for (Map.Entry<Key, List<NordPoolPriceRecord>> group : groups.entrySet()) {
            Key key = group.getKey();
            List<NordPoolPriceRecord> prices = group.getValue();
            NordPoolPriceRecord first = prices.get(0);
            Optional<String> locationId = NordPoolAreas.locationId(key.area());
            if (locationId.isEmpty()) {
                rejected.add(new CanonicalPrices.Rejected(key.area(), key.start(), String.format("area %s is not in the Nord Pool area table %s", key.area(),
                        NordPoolAreas.all().stream().map(NordPoolAreas.Area::name).toList()), json(prices)));
                continue;
            }
            int minutes = first.intervalMinutes();
            if (minutes != 15 && minutes != 60) {
                rejected.add(new CanonicalPrices.Rejected(locationId.get(), key.start(), String.format("interval %s..%s lasts %d minutes, expected 15 or 60",
                        key.start(), key.end(), minutes), json(prices)));
                continue;
            }
            Optional<String> dataset = NordPoolReport.dataset(minutes, key.currency());
            if (dataset.isEmpty()) {
                rejected.add(new CanonicalPrices.Rejected(locationId.get(), key.start(), String.format("currency %s is not curated: EUR and %s are; the "
                        + "payload stays in the raw table", key.currency(), NordPoolReport.LOCAL_CURRENCIES), json(prices)));
                continue;
            }
            String disagreement = disagreement(prices);
            if (disagreement != null) {
                rejected.add(new CanonicalPrices.Rejected(locationId.get(), key.start(), "prices for one area and interval disagree: " + disagreement,
                        json(prices)));
                continue;
            }
            LocalDate operatingDate = NordPoolMarket.TIME.operatingDate(key.start());
            int hourEnding = NordPoolMarket.TIME.hourEnding(key.start());
            rows.add(new PriceRow(NordPoolMarket.MARKET, dataset.get(), locationId.get(), NordPoolMarket.LOCATION_TYPE, key.start(), key.end(), minutes,
                    operatingDate, hourEnding, first.price(), null, null, null, null, key.currency(), publishedAtUtc, 0, fetchId,
                    PriceRows.dqFlags(first.price(), List.of(), prices.size() > 1, 0.0)));
        }
        return new CanonicalPrices(PriceRows.withRevisions(rows), rejected);
    }

    private record Key(String area, String currency, Instant start, Instant end) {}

    private static String disagreement(List<NordPoolPriceRecord> prices)
    {
        NordPoolPriceRecord first = prices.get(0);
        for (NordPoolPriceRecord other : prices.subList(1, prices.size())) {
            if (Double.compare(first.price(), other.price()) != 0) {
                return String.format("%s vs %s (entries %d and %d)", first.price(), other.price(), first.entryNumber(), other.entryNumber());
            }
        }
        return null;
    }

    /** The prices as JSON for the quarantine: {@code [{"entry":3,"area":"SE3","price":25.1,"currency":"EUR"},...]}. */
    private static String json(List<NordPoolPriceRecord> prices)
    {
        StringBuilder json = new StringBuilder("[");
        for (NordPoolPriceRecord price : prices) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append("{\"entry\":").append(price.entryNumber())
                    .append(",\"area\":\"").append(price.deliveryArea().replace("\"", "\\\""))
                    .append("\",\"start\":\"").append(price.intervalStartUtc())
                    .append("\",\"end\":\"").append(price.intervalEndUtc())
                    .append("\",\"price\":").append(price.price())
                    .append(",\"currency\":\"").append(price.currency().replace("\"", "\\\"")).append("\"}");
        }
        return json.append(']').toString();
    }
}
