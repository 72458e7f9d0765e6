package io.energylakehouse.etl.curate;

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

    /**
     * {@link MarketPrices#withRevisions}: per key (market, dataset, location, interval start), rows ordered by
     * publication then fetch id; the first is revision 1, a row whose prices differ from the previous row's is
     * the next revision, and a row repeating the previous prices is dropped. The result is ordered by key.
     */
    public static List<PriceRow> withRevisions(List<PriceRow> rows)
    {
        Map<List<Object>, List<PriceRow>> byKey = new LinkedHashMap<>();
        for (PriceRow row : rows) {
            byKey.computeIfAbsent(List.of(row.market(), row.dataset(), row.locationId(), row.intervalStartUtc()), key -> new ArrayList<>()).add(row);
        }
        Comparator<PriceRow> publication = Comparator.comparing(PriceRow::publishedAtUtc, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(PriceRow::fetchId, Comparator.nullsFirst(Comparator.naturalOrder()));
        List<PriceRow> revised = new ArrayList<>(rows.size());
        for (List<PriceRow> versions : byKey.values()) {
            versions.sort(publication);
            PriceRow previous = null;
            int revision = 0;
            for (PriceRow version : versions) {
                if (previous == null || !samePrices(previous.prices(), version.prices())) {
                    revised.add(version.withRevision(++revision));
                }
                previous = version;
            }
        }
        revised.sort(Comparator.comparing(PriceRow::market).thenComparing(PriceRow::dataset).thenComparing(PriceRow::locationId)
                .thenComparing(PriceRow::intervalStartUtc).thenComparingInt(PriceRow::revision));
        return revised;
    }

    /** Spark's null-safe equality on doubles: nulls equal each other, NaN equals NaN, 0.0 equals -0.0. */
    static boolean samePrices(List<Double> a, List<Double> b)
    {
        for (int i = 0; i < a.size(); i++) {
            Double x = a.get(i);
            Double y = b.get(i);
            if (x == null || y == null) {
                if (x != y) {
                    return false;
                }
            }
            else if (!(x.doubleValue() == y.doubleValue() || (x.isNaN() && y.isNaN()))) {
                return false;
            }
        }
        return true;
    }
}
