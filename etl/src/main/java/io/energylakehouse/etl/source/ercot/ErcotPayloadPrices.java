package io.energylakehouse.etl.source.ercot;

import io.energylakehouse.etl.curate.CanonicalPrices;
import io.energylakehouse.etl.curate.MarketPrices;
import io.energylakehouse.etl.curate.PriceRow;
import io.energylakehouse.etl.curate.PriceRows;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The canonical prices of one ERCOT payload in plain Java: one {@code curated.market_prices} row per settlement point
 * and interval, market ERCOT, the settlement point as location (energy-weighted zones with {@code _EW}), its type as
 * location type (hub, zone, node), no price components. Operating date and hour ending are Central prevailing time,
 * so a spring-forward day has 23 hours (92 quarter hours) and a fall-back day 25 (100). Used by {@code parse}, which
 * needs no lakehouse.
 */
public final class ErcotPayloadPrices
{
    private ErcotPayloadPrices() {}

    /**
     * Rows repeating one settlement point and interval collapse into one flagged {@link MarketPrices#DUPLICATE_ROWS_COLLAPSED}
     * when their prices agree and are rejected when they disagree; an interval of another length than the report's is rejected.
     */
    public static CanonicalPrices canonical(List<ErcotSppRecord> records, ErcotReport report, Instant publishedAtUtc, String fetchId)
    {
        requireNonNull(records, "records is null");
        requireNonNull(report, "report is null");
        Map<PointInterval, Group> groups = new LinkedHashMap<>();
        for (ErcotSppRecord record : records) {
            String locationId = ErcotMarket.locationId(record.settlementPoint(), record.settlementPointType());
            groups.computeIfAbsent(new PointInterval(locationId, record.intervalStartUtc(), record.intervalEndUtc()), key -> new Group(record)).add(record);
        }
        List<PriceRow> accepted = new ArrayList<>(groups.size());
        List<CanonicalPrices.Rejected> rejected = new ArrayList<>();
        Map<Instant, LocalDate> operatingDates = new HashMap<>();
        Map<Instant, Integer> hoursEnding = new HashMap<>();
        for (Map.Entry<PointInterval, Group> entry : groups.entrySet()) {
            PointInterval key = entry.getKey();
            Group group = entry.getValue();
            Duration length = Duration.between(key.start(), key.end());
            if (!length.equals(report.intervalLength())) {
                rejected.add(new CanonicalPrices.Rejected(key.locationId(), key.start(), String.format("interval %s..%s lasts %d minutes, expected %d", key.start(), key.end(),
                        length.toMinutes(), report.intervalMinutes()), group.json()));
                continue;
            }
            if (group.min != group.max) {
                rejected.add(new CanonicalPrices.Rejected(key.locationId(), key.start(), String.format("duplicate rows for one settlement point and interval disagree: %d rows "
                        + "(%s vs %s)", group.rows, group.min, group.max), group.json()));
                continue;
            }
            LocalDate operatingDate = operatingDates.computeIfAbsent(key.start(), ErcotMarket.TIME::operatingDate);
            int hourEnding = hoursEnding.computeIfAbsent(key.start(), ErcotMarket.TIME::hourEnding);
            ErcotSppRecord first = group.first;
            accepted.add(new PriceRow(ErcotMarket.MARKET, report.dataset(), key.locationId(), ErcotMarket.locationType(first.settlementPoint(),
                    first.settlementPointType()), key.start(), key.end(), report.intervalMinutes(), operatingDate, hourEnding, group.max, null, null, null, null,
                    ErcotMarket.CURRENCY, publishedAtUtc, 0, fetchId, PriceRows.dqFlags(group.max, List.of(), group.rows > 1, 0.0)));
        }
        return new CanonicalPrices(PriceRows.withRevisions(accepted), rejected);
    }

    private record PointInterval(String locationId, Instant start, Instant end) {}

    private static final class Group
    {
        private final ErcotSppRecord first;
        private int rows;
        private double min = Double.POSITIVE_INFINITY;
        private double max = Double.NEGATIVE_INFINITY;

        Group(ErcotSppRecord first)
        {
            this.first = first;
        }

        void add(ErcotSppRecord record)
        {
            rows++;
            min = Math.min(min, record.settlementPointPrice());
            max = Math.max(max, record.settlementPointPrice());
        }

        String json()
        {
            return "{\"min_price\":" + min + ",\"max_price\":" + max + ",\"rows\":" + rows + ",\"first_line\":" + first.lineNumber() + "}";
        }
    }
}
