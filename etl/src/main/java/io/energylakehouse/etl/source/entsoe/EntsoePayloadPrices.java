package io.energylakehouse.etl.source.entsoe;

import io.energylakehouse.common.market.BiddingZone;
import io.energylakehouse.etl.curate.CanonicalPrices;
import io.energylakehouse.etl.curate.MarketPrices;
import io.energylakehouse.etl.curate.PriceRow;
import io.energylakehouse.etl.curate.PriceRows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The canonical prices of one A44 document in plain Java: one {@code curated.market_prices} row per zone, dataset and
 * interval; market ENTSOE, location the zone's code ({@code FR}, {@code DE_LU}, {@code NO_1}), type {@code zone},
 * {@code price_per_mwh} the point's {@code price.amount}, currency as {@code currency_Unit.name} says, no components;
 * operating date and hour ending in CET/CEST (Europe/Brussels).
 *
 * <p>The dataset comes from the classification sequence, then the resolution: sequence 1 (SDAC) is {@code da_hourly}
 * or {@code da_15min}; sequence 2 (EXAA's 10:15 auction) is {@code exaa_15min}, never substituted for SDAC; any other
 * combination (PT30M, hourly EXAA) is refused interval by interval with the reason. A series without a sequence is SDAC, except a DE_LU or AT quarter-hour series for delivery
 * before 2025-10-01 (SDAC was hourly then; the quarter hours were EXAA's), which is EXAA and flagged {@link #SEQUENCE_INFERRED}.
 *
 * <p>A03 gaps are filled from the previous position and flagged {@link #A03_FILLED}. Refused, with the reason: a zone
 * the registry does not know, a contract type other than A01 (day-ahead), a price unit other than MWH, a sequence other
 * than 1 or 2, and intervals two series give different prices for (equal ones collapse, flagged
 * {@code duplicate_rows_collapsed}).
 */
public final class EntsoePayloadPrices
{
    private EntsoePayloadPrices() {}

    /** dq flag of an interval whose price repeats the previous position's: curve type A03 sends a run of equal prices once. */
    public static final String A03_FILLED = "a03_position_filled";
    /** dq flag of an interval whose auction (SDAC or EXAA) was told from zone, resolution and date, the series having no classification sequence. */
    public static final String SEQUENCE_INFERRED = "sequence_inferred";

    public static final int SEQUENCE_SDAC = 1;
    public static final int SEQUENCE_EXAA = 2;

    private static final Set<String> EXAA_ZONES = Set.of("DE_LU", "AT");

    /** The datasets A44 feeds; a series that would feed another (a PT30M series, an hourly EXAA one) is refused as new, not guessed at. */
    public static final List<String> DATASETS = List.of("da_hourly", "da_15min", "exaa_15min");

    public static CanonicalPrices canonical(List<EntsoePointRecord> records, Instant publishedAtUtc, String fetchId)
    {
        requireNonNull(records, "records is null");
        requireNonNull(publishedAtUtc, "publishedAtUtc is null");
        requireNonNull(fetchId, "fetchId is null");
        List<CanonicalPrices.Rejected> rejected = new ArrayList<>();
        List<EntsoePointRecord> accepted = new ArrayList<>(records.size());
        for (EntsoePointRecord record : records) {
            if (record.report() != EntsoeReport.A44) {
                throw new IllegalArgumentException("Cannot canonicalise an ENTSO-E " + record.report().documentType() + " point (point " + record.pointNumber()
                        + ") as prices");
            }
            String problem = problem(record);
            if (problem != null) {
                rejected.add(new CanonicalPrices.Rejected(EntsoeMarket.zone(record.domainEic()).map(BiddingZone::code).orElse(record.domainEic()),
                        record.intervalStartUtc(), problem, json(record)));
            }
            else {
                accepted.add(record);
            }
        }
        Map<Key, List<Candidate>> byKey = new LinkedHashMap<>();
        for (EntsoeCurves.Interval interval : EntsoeCurves.intervals(accepted)) {
            EntsoePointRecord point = interval.point();
            BiddingZone zone = EntsoeMarket.zone(point.domainEic()).orElseThrow();
            Dataset dataset = dataset(point, zone, interval.startUtc());
            if (!DATASETS.contains(dataset.name())) {
                rejected.add(new CanonicalPrices.Rejected(zone.code(), interval.startUtc(), String.format("a %s series of classification sequence %s "
                        + "would feed %s, which A44 does not declare (%s)", point.resolution(), point.classificationSequence(), dataset.name(),
                        String.join(", ", DATASETS)), json(point)));
                continue;
            }
            byKey.computeIfAbsent(new Key(dataset.name(), zone.code(), interval.startUtc()), key -> new ArrayList<>(1))
                    .add(new Candidate(interval, dataset.inferred()));
        }
        List<PriceRow> rows = new ArrayList<>(byKey.size());
        for (Map.Entry<Key, List<Candidate>> entry : byKey.entrySet()) {
            Key key = entry.getKey();
            List<Candidate> candidates = entry.getValue();
            Candidate first = candidates.get(0);
            Optional<Candidate> other = candidates.stream()
                    .filter(candidate -> Double.compare(candidate.interval().point().value(), first.interval().point().value()) != 0
                            || candidate.interval().minutes() != first.interval().minutes())
                    .findFirst();
            if (other.isPresent()) {
                rejected.add(new CanonicalPrices.Rejected(key.zone(), key.start(), String.format("points of one zone, dataset %s and interval disagree: %s "
                        + "(point %d) vs %s (point %d)", key.dataset(), first.interval().point().value(), first.interval().point().pointNumber(),
                        other.get().interval().point().value(), other.get().interval().point().pointNumber()),
                        "[" + String.join(",", candidates.stream().map(candidate -> json(candidate.interval().point())).toList()) + "]"));
                continue;
            }
            EntsoePointRecord point = first.interval().point();
            List<String> flags = new ArrayList<>(2);
            if (candidates.size() > 1) {
                flags.add(MarketPrices.DUPLICATE_ROWS_COLLAPSED);
            }
            if (candidates.stream().allMatch(candidate -> candidate.interval().filled())) {
                flags.add(A03_FILLED);
            }
            if (first.inferred()) {
                flags.add(SEQUENCE_INFERRED);
            }
            rows.add(new PriceRow(EntsoeMarket.MARKET, key.dataset(), key.zone(), EntsoeMarket.LOCATION_TYPE, key.start(), first.interval().endUtc(),
                    first.interval().minutes(), EntsoeMarket.TIME.operatingDate(key.start()), EntsoeMarket.TIME.hourEnding(key.start()), point.value(), null,
                    null, null, null, point.currency(), publishedAtUtc, 0, fetchId, flags));
        }
        return new CanonicalPrices(PriceRows.withRevisions(rows), rejected);
    }

    /** Why a point cannot be a zone's day-ahead price, or null. */
    private static String problem(EntsoePointRecord record)
    {
        if (EntsoeMarket.zone(record.domainEic()).isEmpty()) {
            return "zone EIC " + record.domainEic() + " is not a bidding zone of the registry (Markets.biddingZones())";
        }
        if (record.contractType() != null && !record.contractType().equals("A01")) {
            return "contract type " + record.contractType() + " is not A01 (day-ahead)";
        }
        if (record.measureUnit() == null || !record.measureUnit().toUpperCase(Locale.ROOT).equals("MWH")) {
            return "price unit " + record.measureUnit() + " is not MWH";
        }
        if (record.currency() == null || record.currency().isBlank()) {
            return "the series has no currency_Unit.name";
        }
        Integer sequence = record.classificationSequence();
        if (sequence != null && sequence != SEQUENCE_SDAC && sequence != SEQUENCE_EXAA) {
            return "classification sequence " + sequence + " is neither 1 (SDAC) nor 2 (EXAA)";
        }
        return null;
    }

    /** The dataset of an interval, by its series' sequence, then its resolution. */
    static Dataset dataset(EntsoePointRecord point, BiddingZone zone, Instant start)
    {
        Integer sequence = point.classificationSequence();
        int minutes = point.intervalMinutes();
        boolean inferred = false;
        if (sequence == null) {
            inferred = minutes == 15 && EXAA_ZONES.contains(zone.code())
                    && EntsoeMarket.TIME.operatingDate(start).isBefore(EntsoeMarket.SDAC_15_MINUTE_FIRST_DAY);
            sequence = inferred ? SEQUENCE_EXAA : SEQUENCE_SDAC;
        }
        String prefix = sequence == SEQUENCE_EXAA ? "exaa_" : "da_";
        return new Dataset(prefix + (minutes == 60 ? "hourly" : minutes + "min"), inferred);
    }

    record Dataset(String name, boolean inferred) {}

    private record Key(String dataset, String zone, Instant start) {}

    private record Candidate(EntsoeCurves.Interval interval, boolean inferred) {}

    static String json(EntsoePointRecord point)
    {
        return String.format(Locale.ROOT, "{\"point\":%d,\"line\":%d,\"zone_eic\":\"%s\",\"sequence\":%s,\"contract_type\":%s,\"resolution\":\"%s\","
                        + "\"position\":%d,\"interval_start_utc\":\"%s\",\"value\":%s}", point.pointNumber(), point.lineNumber(), point.domainEic(),
                point.classificationSequence(), point.contractType() == null ? "null" : "\"" + point.contractType() + "\"", point.resolution(),
                point.position(), point.intervalStartUtc(), point.value());
    }
}
