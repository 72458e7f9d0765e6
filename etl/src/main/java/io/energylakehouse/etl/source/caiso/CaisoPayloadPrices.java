package io.energylakehouse.etl.source.caiso;

import io.energylakehouse.etl.curate.PriceRow;
import io.energylakehouse.etl.curate.PriceRows;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The canonical prices of one OASIS payload in plain Java, by the rules {@link CaisoPrices#pivotLmpTypes},
 * {@link CaisoPrices#withMarketColumns} and {@link io.energylakehouse.etl.curate.MarketPrices} apply in Spark: long
 * rows (one per node, interval and LMP_TYPE) become one row per node and interval. Used by {@code parse},
 * which must answer in about a second and needs no lakehouse.
 */
public final class CaisoPayloadPrices
{
    private CaisoPayloadPrices() {}

    /** A node and interval that cannot become a price row, with the reason curation would quarantine it for. */
    public record Rejected(String locationId, Instant intervalStartUtc, String reason) {}

    public record Result(List<PriceRow> rows, List<Rejected> rejected) {}

    public static Result canonical(List<OasisLmpRecord> records, OasisReport report, Instant publishedAtUtc, String fetchId)
    {
        requireNonNull(report, "report is null");
        Map<List<Object>, TypeValues[]> groups = new LinkedHashMap<>();
        List<String> types = List.copyOf(CaisoPrices.COMPONENTS.keySet());
        for (OasisLmpRecord record : records) {
            int type = types.indexOf(record.lmpType());
            if (type < 0) {
                // The parser rejects unknown LMP_TYPEs; Spark's pivot would ignore such a row too.
                continue;
            }
            TypeValues[] values = groups.computeIfAbsent(List.of(record.node(), record.intervalStartUtc(), record.intervalEndUtc()), key -> {
                TypeValues[] empty = new TypeValues[types.size()];
                for (int i = 0; i < empty.length; i++) {
                    empty[i] = new TypeValues();
                }
                return empty;
            });
            values[type].add(record.value());
        }

        List<PriceRow> accepted = new ArrayList<>(groups.size());
        List<Rejected> rejected = new ArrayList<>();
        for (Map.Entry<List<Object>, TypeValues[]> group : groups.entrySet()) {
            String node = (String) group.getKey().get(0);
            Instant start = (Instant) group.getKey().get(1);
            Instant end = (Instant) group.getKey().get(2);
            TypeValues[] values = group.getValue();
            List<String> conflicts = new ArrayList<>();
            boolean hasDuplicates = false;
            for (int i = 0; i < types.size(); i++) {
                if (values[i].disagree()) {
                    conflicts.add(types.get(i) + ": " + values[i].rows + " rows disagree (" + text(values[i].min) + " vs " + text(values[i].max) + ")");
                }
                hasDuplicates |= values[i].rows > 1;
            }
            if (!conflicts.isEmpty()) {
                rejected.add(new Rejected(node, start, "duplicate rows for one node and interval disagree: " + String.join("; ", conflicts)));
                continue;
            }
            if (values[0].values == 0) {
                rejected.add(new Rejected(node, start, "no LMP total for this node and interval (components only)"));
                continue;
            }
            Double[] prices = new Double[types.size()];
            for (int i = 0; i < types.size(); i++) {
                prices[i] = values[i].max;
            }
            List<Double> components = java.util.Arrays.asList(prices).subList(1, prices.length);
            LocalDate operatingDate = CaisoMarket.TIME.operatingDate(start);
            accepted.add(new PriceRow(CaisoMarket.MARKET, report.dataset(), node, CaisoMarket.locationType(node), start, end, report.intervalMinutes(),
                    operatingDate, CaisoMarket.TIME.hourEnding(start), prices[0], prices[1], prices[2], prices[3], prices[4], CaisoMarket.CURRENCY,
                    publishedAtUtc, 0, fetchId,
                    PriceRows.dqFlags(prices[0], components, hasDuplicates, CaisoCuration.TOTAL_TOLERANCE_PER_MWH)));
        }
        return new Result(PriceRows.withRevisions(accepted), rejected);
    }

    private static String text(Double value)
    {
        return value == null ? "null" : value.toString();
    }

    /** min, max and counts of one LMP_TYPE's rows for a node and interval, as Spark's aggregates compute them. */
    private static final class TypeValues
    {
        private int rows;
        private int values;
        private Double min;
        private Double max;

        void add(Double value)
        {
            rows++;
            if (value != null) {
                values++;
                // Spark orders NaN above every number, as Double.compare does.
                min = min == null || Double.compare(value, min) < 0 ? value : min;
                max = max == null || Double.compare(value, max) > 0 ? value : max;
            }
        }

        boolean disagree()
        {
            return rows > 1 && ((values > 0 && Double.compare(min, max) != 0) || (values != rows && values > 0));
        }
    }
}
