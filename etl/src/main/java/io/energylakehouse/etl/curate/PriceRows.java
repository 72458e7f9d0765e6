package io.energylakehouse.etl.curate;

import io.energylakehouse.common.time.MarketTime;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rules of {@link MarketPrices} for rows held in plain Java: what the {@code parse} command applies to
 * one payload, so it needs no Spark. {@code TestPriceRowsAgreeWithSpark} runs both on the same files and
 * checks they give the same rows; a rule changed in one place must change in the other.
 */
public final class PriceRows
{
    private PriceRows() {}

    /**
     * The {@code dq_flags} of {@link MarketPrices#withDqFlags}: {@link MarketPrices#TOTAL_MISMATCH} when at least one
     * component is present and |total - sum of the non-null components| exceeds {@code tolerance}, then
     * {@link MarketPrices#DUPLICATE_ROWS_COLLAPSED} when the payload repeated the record.
     */
    public static List<String> dqFlags(Double total, List<Double> components, boolean hasDuplicates, double tolerance)
    {
        boolean anyComponent = false;
        double sum = 0.0;
        for (Double component : components) {
            if (component != null) {
                anyComponent = true;
                sum += component;
            }
        }
        List<String> flags = new ArrayList<>(2);
        if (anyComponent && total != null && Math.abs(total - sum) > tolerance) {
            flags.add(MarketPrices.TOTAL_MISMATCH);
        }
        if (hasDuplicates) {
            flags.add(MarketPrices.DUPLICATE_ROWS_COLLAPSED);
        }
        return flags;
    }

    /** A row of {@code curated.market_prices} as read back (by Iceberg or Spark), as a {@link PriceRow}. */
    public static PriceRow fromFields(io.energylakehouse.etl.raw.RawFields row)
    {
        @SuppressWarnings("unchecked")
        List<String> flags = row.get("dq_flags") instanceof List<?> list ? (List<String>) list : List.of();
        return new PriceRow(row.string("market"), row.string("dataset"), row.string("location_id"), row.string("location_type"),
                row.instant("interval_start_utc"), row.instant("interval_end_utc"), row.integer("interval_minutes"), row.date("operating_date"),
                row.integer("hour_ending"), row.doubleValue("price_per_mwh"), row.doubleValue("energy_per_mwh"), row.doubleValue("congestion_per_mwh"),
                row.doubleValue("loss_per_mwh"), row.doubleValue("ghg_per_mwh"), row.string("currency"), row.instant("published_at_utc"),
                row.integer("revision"), row.string("fetch_id"), flags);
    }

    /**
     * {@link MarketPrices#withRevisions}: per key (market, dataset, location, interval start), rows ordered by
     * publication then fetch id; the first is revision 1, a row whose prices differ from the previous row's is
     * the next revision, and a row repeating the previous prices is dropped. The result is ordered by key.
     */
    public static List<PriceRow> withRevisions(List<PriceRow> rows)
    {
        Map<Key, List<PriceRow>> byKey = new LinkedHashMap<>();
        for (PriceRow row : rows) {
            byKey.computeIfAbsent(new Key(row.market(), row.dataset(), row.locationId(), row.intervalStartUtc()), key -> new ArrayList<>(1)).add(row);
        }
        List<PriceRow> revised = new ArrayList<>(rows.size());
        for (List<PriceRow> versions : byKey.values()) {
            if (versions.size() > 1) {
                versions.sort(PUBLICATION);
            }
            PriceRow previous = null;
            int revision = 0;
            for (PriceRow version : versions) {
                if (previous == null || !samePrices(previous, version)) {
                    revised.add(version.withRevision(++revision));
                }
                previous = version;
            }
        }
        revised.sort(KEY_ORDER);
        return revised;
    }

    /** {@link MarketPrices#latestRevision}: the highest revision of every key, in key order. */
    public static List<PriceRow> latestRevision(List<PriceRow> rows)
    {
        Map<Key, PriceRow> latest = new LinkedHashMap<>();
        for (PriceRow row : rows) {
            latest.merge(new Key(row.market(), row.dataset(), row.locationId(), row.intervalStartUtc()), row,
                    (kept, candidate) -> candidate.revision() > kept.revision() ? candidate : kept);
        }
        return sortedByKey(latest.values());
    }

    /**
     * {@link MarketPrices#dataQualityResults}: per location and operating day of the latest revisions,
     * {@code missing_intervals} where fewer distinct intervals arrived than the local day holds, and
     * {@link MarketPrices#TOTAL_MISMATCH} where rows carry that flag. Results only for problems found.
     */
    public static List<DataQualityResult> dataQualityResults(List<PriceRow> latest, MarketTime time)
    {
        Map<LocationDay, DayCounts> days = new LinkedHashMap<>();
        for (PriceRow row : latest) {
            DayCounts counts = days.computeIfAbsent(new LocationDay(row.market(), row.dataset(), row.locationId(), row.operatingDate()), day -> new DayCounts());
            counts.intervals.add(row.intervalStartUtc());
            counts.intervalMinutes = Math.max(counts.intervalMinutes, row.intervalMinutes());
            if (row.dqFlags().contains(MarketPrices.TOTAL_MISMATCH)) {
                counts.mismatches++;
            }
        }
        List<DataQualityResult> results = new ArrayList<>();
        for (Map.Entry<LocationDay, DayCounts> entry : days.entrySet()) {
            LocationDay day = entry.getKey();
            DayCounts counts = entry.getValue();
            long daySeconds = time.dayEnd(day.operatingDate()).getEpochSecond() - time.dayStart(day.operatingDate()).getEpochSecond();
            long expected = daySeconds / (counts.intervalMinutes * 60L);
            long observed = counts.intervals.size();
            if (observed < expected) {
                results.add(new DataQualityResult(day.market(), day.dataset(), day.operatingDate(), "missing_intervals", day.locationId(), expected, observed,
                        (expected - observed) + " of " + expected + " intervals missing"));
            }
            if (counts.mismatches > 0) {
                results.add(new DataQualityResult(day.market(), day.dataset(), day.operatingDate(), MarketPrices.TOTAL_MISMATCH, day.locationId(), 0, counts.mismatches,
                        "intervals whose total differs from the sum of its components"));
            }
        }
        return results;
    }

    private record LocationDay(String market, String dataset, String locationId, java.time.LocalDate operatingDate) {}

    private static final class DayCounts
    {
        private final java.util.Set<Instant> intervals = new java.util.HashSet<>();
        private int intervalMinutes;
        private long mismatches;
    }

    /** Rows in the order {@link #withRevisions} returns them: market, dataset, location, interval start, revision. */
    public static List<PriceRow> sortedByKey(java.util.Collection<PriceRow> rows)
    {
        List<PriceRow> sorted = new ArrayList<>(rows);
        sorted.sort(KEY_ORDER);
        return sorted;
    }

    private record Key(String market, String dataset, String locationId, Instant intervalStartUtc) {}

    /** Publication time, then fetch id, nulls first. */
    private static final Comparator<PriceRow> PUBLICATION = Comparator.comparing(PriceRow::publishedAtUtc, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(PriceRow::fetchId, Comparator.nullsFirst(Comparator.naturalOrder()));

    /** Market, dataset, location, interval start, revision: written out, as a day of all nodes sorts some 40,000 rows on a cold JVM. */
    private static final Comparator<PriceRow> KEY_ORDER = (a, b) -> {
        int order = a.market().compareTo(b.market());
        if (order == 0) {
            order = a.dataset().compareTo(b.dataset());
        }
        if (order == 0) {
            order = a.locationId().compareTo(b.locationId());
        }
        if (order == 0) {
            order = a.intervalStartUtc().compareTo(b.intervalStartUtc());
        }
        return order != 0 ? order : Integer.compare(a.revision(), b.revision());
    };

    private static boolean samePrices(PriceRow a, PriceRow b)
    {
        return samePrice(a.pricePerMwh(), b.pricePerMwh()) && samePrice(a.energyPerMwh(), b.energyPerMwh())
                && samePrice(a.congestionPerMwh(), b.congestionPerMwh()) && samePrice(a.lossPerMwh(), b.lossPerMwh())
                && samePrice(a.ghgPerMwh(), b.ghgPerMwh());
    }

    /** Spark's null-safe equality on doubles: nulls equal each other, NaN equals NaN, 0.0 equals -0.0. */
    static boolean samePrice(Double x, Double y)
    {
        if (x == null || y == null) {
            return x == y;
        }
        return x.doubleValue() == y.doubleValue() || (x.isNaN() && y.isNaN());
    }
}
