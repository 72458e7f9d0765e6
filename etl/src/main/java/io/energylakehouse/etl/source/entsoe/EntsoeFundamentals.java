package io.energylakehouse.etl.source.entsoe;

import io.energylakehouse.common.market.BiddingZone;
import io.energylakehouse.common.table.CanonicalTables;
import io.energylakehouse.etl.curate.CanonicalPrices;
import io.energylakehouse.etl.curate.CanonicalRecords;
import io.energylakehouse.etl.curate.MarketPrices;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The {@code curated.fundamentals} rows of one A65 (load) or A69 (wind and solar forecast) document in plain Java, in
 * the order of {@link CanonicalTables#FUNDAMENTALS}'s columns with revision null: market ENTSOE, location the zone's
 * code, value the point's quantity in MW, operating date and hour ending in CET/CEST.
 *
 * <p>Series: A65 process type A16 is {@code load_actual_mw}, A01 {@code load_forecast_mw}; A69 psrType B16 is
 * {@code solar_forecast_mw}, B18 {@code wind_offshore_forecast_mw}, B19 {@code wind_onshore_forecast_mw}. Forecasts carry
 * the document's {@code createdDateTime} as {@code issued_at_utc}; actuals carry null. A03 gaps are filled and flagged
 * {@link EntsoePayloadPrices#A03_FILLED}. Refused with the reason: an unknown zone, process type or psrType, a unit other
 * than MAW (MW), and intervals two series give different values for.
 */
public final class EntsoeFundamentals
{
    private EntsoeFundamentals() {}

    public static final String UNIT = "MW";

    public static CanonicalRecords canonical(List<EntsoePointRecord> records, Instant publishedAtUtc, String fetchId)
    {
        requireNonNull(records, "records is null");
        requireNonNull(publishedAtUtc, "publishedAtUtc is null");
        requireNonNull(fetchId, "fetchId is null");
        List<CanonicalPrices.Rejected> rejected = new ArrayList<>();
        List<EntsoePointRecord> accepted = new ArrayList<>(records.size());
        for (EntsoePointRecord record : records) {
            if (record.report().isPrices()) {
                throw new IllegalArgumentException("Cannot canonicalise an ENTSO-E A44 point (point " + record.pointNumber() + ") as fundamentals");
            }
            String problem = problem(record);
            if (problem != null) {
                rejected.add(new CanonicalPrices.Rejected(EntsoeMarket.zone(record.domainEic()).map(BiddingZone::code).orElse(record.domainEic()),
                        record.intervalStartUtc(), problem, EntsoePayloadPrices.json(record)));
            }
            else {
                accepted.add(record);
            }
        }
        Map<Key, List<EntsoeCurves.Interval>> byKey = new LinkedHashMap<>();
        for (EntsoeCurves.Interval interval : EntsoeCurves.intervals(accepted)) {
            EntsoePointRecord point = interval.point();
            byKey.computeIfAbsent(new Key(series(point).orElseThrow(), EntsoeMarket.zone(point.domainEic()).orElseThrow().code(), interval.startUtc()),
                    key -> new ArrayList<>(1)).add(interval);
        }
        List<Row> rows = new ArrayList<>(byKey.size());
        for (Map.Entry<Key, List<EntsoeCurves.Interval>> entry : byKey.entrySet()) {
            Key key = entry.getKey();
            List<EntsoeCurves.Interval> intervals = entry.getValue();
            EntsoeCurves.Interval first = intervals.get(0);
            Optional<EntsoeCurves.Interval> other = intervals.stream()
                    .filter(interval -> Double.compare(interval.point().value(), first.point().value()) != 0 || interval.minutes() != first.minutes())
                    .findFirst();
            if (other.isPresent()) {
                rejected.add(new CanonicalPrices.Rejected(key.zone(), key.start(), String.format("points of one zone, series %s and interval disagree: %s "
                        + "(point %d) vs %s (point %d)", key.series(), first.point().value(), first.point().pointNumber(), other.get().point().value(),
                        other.get().point().pointNumber()), "[" + String.join(",", intervals.stream().map(interval -> EntsoePayloadPrices.json(interval.point()))
                        .toList()) + "]"));
                continue;
            }
            List<String> flags = new ArrayList<>(2);
            if (intervals.size() > 1) {
                flags.add(MarketPrices.DUPLICATE_ROWS_COLLAPSED);
            }
            if (intervals.stream().allMatch(EntsoeCurves.Interval::filled)) {
                flags.add(EntsoePayloadPrices.A03_FILLED);
            }
            Instant issuedAt = key.series().equals("load_actual_mw") ? null : first.point().createdAtUtc();
            rows.add(RowFactory.create(EntsoeMarket.MARKET, key.series(), key.zone(), key.start(), first.endUtc(), first.minutes(),
                    EntsoeMarket.TIME.operatingDate(key.start()), EntsoeMarket.TIME.hourEnding(key.start()), first.point().value(), UNIT, issuedAt,
                    publishedAtUtc, null, fetchId, List.copyOf(flags)));
        }
        return new CanonicalRecords(CanonicalTables.FUNDAMENTALS, rows, rejected);
    }

    /** The series a point measures, by report, process type and psrType; empty when it is none we know. */
    public static Optional<String> series(EntsoePointRecord point)
    {
        return switch (point.report()) {
            case A44 -> Optional.empty();
            case A65 -> switch (String.valueOf(point.processType())) {
                case "A16" -> Optional.of("load_actual_mw");
                case "A01" -> Optional.of("load_forecast_mw");
                default -> Optional.empty();
            };
            case A69 -> "A01".equals(point.processType()) ? switch (String.valueOf(point.psrType())) {
                case "B16" -> Optional.of("solar_forecast_mw");
                case "B18" -> Optional.of("wind_offshore_forecast_mw");
                case "B19" -> Optional.of("wind_onshore_forecast_mw");
                default -> Optional.empty();
            } : Optional.empty();
        };
    }

    private static String problem(EntsoePointRecord record)
    {
        if (EntsoeMarket.zone(record.domainEic()).isEmpty()) {
            return "zone EIC " + record.domainEic() + " is not a bidding zone of the registry (Markets.biddingZones())";
        }
        if (series(record).isEmpty()) {
            return String.format("%s process type %s, psrType %s is no series we curate", record.report().documentType(), record.processType(),
                    record.psrType());
        }
        if (record.measureUnit() == null || !record.measureUnit().toUpperCase(Locale.ROOT).equals("MAW")) {
            return "quantity unit " + record.measureUnit() + " is not MAW (MW)";
        }
        return null;
    }

    private record Key(String series, String zone, Instant start) {}
}
