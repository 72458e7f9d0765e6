package io.energylakehouse.etl.source.caiso;

import io.energylakehouse.etl.curate.CanonicalPrices;
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

    /**
     * A node and interval that cannot become a price row, with the reason curation quarantines it for and its values as
     * grouped ({@code record}: the JSON {@link CaisoPrices#pivotLmpTypes} writes, min, max and rows of each LMP_TYPE).
     */
    public static CanonicalPrices canonical(List<OasisLmpRecord> records, OasisReport report, Instant publishedAtUtc, String fetchId)
    {
        return canonical(records, report, publishedAtUtc, fetchId, records.size() < 50_000 ? 1 : Runtime.getRuntime().availableProcessors());
    }

    /**
     * {@link #canonical(List, OasisReport, Instant, String)} with the nodes split into {@code parts} worked on in
     * parallel: a node's rows never meet another node's. The result does not depend on {@code parts}: rows come
     * sorted by key, rejections in the order of their group's first record in the payload.
     */
    public static CanonicalPrices canonical(List<OasisLmpRecord> records, OasisReport report, Instant publishedAtUtc, String fetchId, int parts)
    {
        requireNonNull(report, "report is null");
        if (parts < 1) {
            throw new IllegalArgumentException("Cannot canonicalise in " + parts + " parts: at least one is needed");
        }
        int[][] positions = new int[parts][records.size() / parts + 16];
        int[] counts = new int[parts];
        for (int position = 0; position < records.size(); position++) {
            int part = Math.floorMod(records.get(position).node().hashCode(), parts);
            if (counts[part] == positions[part].length) {
                positions[part] = java.util.Arrays.copyOf(positions[part], positions[part].length * 2);
            }
            positions[part][counts[part]++] = position;
        }
        List<Part> done = java.util.stream.IntStream.range(0, parts).parallel()
                .mapToObj(part -> canonicalPart(records, positions[part], counts[part], report, publishedAtUtc, fetchId))
                .toList();
        List<PriceRow> rows = new ArrayList<>(records.size() / 5 + 1);
        List<OrderedRejection> rejected = new ArrayList<>();
        for (Part part : done) {
            rows.addAll(part.rows());
            rejected.addAll(part.rejected());
        }
        rejected.sort(java.util.Comparator.comparingInt(OrderedRejection::firstPosition));
        return new CanonicalPrices(PriceRows.sortedByKey(rows), rejected.stream().map(OrderedRejection::rejected).toList());
    }

    private record Part(List<PriceRow> rows, List<OrderedRejection> rejected) {}

    private record OrderedRejection(int firstPosition, CanonicalPrices.Rejected rejected) {}

    /** The groups of the records at {@code positions[0..count)}, each rejection with the position of its group's first record. */
    private static Part canonicalPart(List<OasisLmpRecord> records, int[] positions, int count, OasisReport report, Instant publishedAtUtc, String fetchId)
    {
        Map<NodeInterval, TypeValues[]> groups = new LinkedHashMap<>();
        List<String> types = List.copyOf(CaisoPrices.COMPONENTS.keySet());
        for (int index = 0; index < count; index++) {
            OasisLmpRecord record = records.get(positions[index]);
            int type = types.indexOf(record.lmpType());
            if (type < 0) {
                // The parser rejects unknown LMP_TYPEs; Spark's pivot would ignore such a row too.
                continue;
            }
            NodeInterval key = new NodeInterval(record.node(), record.intervalStartUtc(), record.intervalEndUtc());
            TypeValues[] values = groups.get(key);
            if (values == null) {
                values = new TypeValues[types.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = new TypeValues();
                }
                values[0].firstPosition = positions[index];
                groups.put(key, values);
            }
            values[type].add(record.value());
        }

        List<PriceRow> accepted = new ArrayList<>(groups.size());
        List<OrderedRejection> rejected = new ArrayList<>();
        Map<Instant, LocalDate> operatingDates = new java.util.HashMap<>();
        Map<Instant, Integer> hoursEnding = new java.util.HashMap<>();
        for (Map.Entry<NodeInterval, TypeValues[]> group : groups.entrySet()) {
            String node = group.getKey().node();
            Instant start = group.getKey().start();
            Instant end = group.getKey().end();
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
                rejected.add(new OrderedRejection(values[0].firstPosition,
                        new CanonicalPrices.Rejected(node, start, "duplicate rows for one node and interval disagree: " + String.join("; ", conflicts), recordJson(types, values))));
                continue;
            }
            if (values[0].values == 0) {
                rejected.add(new OrderedRejection(values[0].firstPosition,
                        new CanonicalPrices.Rejected(node, start, "no LMP total for this node and interval (components only)", recordJson(types, values))));
                continue;
            }
            Double[] prices = new Double[types.size()];
            for (int i = 0; i < types.size(); i++) {
                prices[i] = values[i].max;
            }
            List<Double> components = java.util.Arrays.asList(prices).subList(1, prices.length);
            // A payload's nodes share a few dozen interval starts: each is placed on the local clock once.
            LocalDate operatingDate = operatingDates.computeIfAbsent(start, CaisoMarket.TIME::operatingDate);
            int hourEnding = hoursEnding.computeIfAbsent(start, CaisoMarket.TIME::hourEnding);
            accepted.add(new PriceRow(CaisoMarket.MARKET, report.dataset(), node, CaisoMarket.locationType(node), start, end, report.intervalMinutes(),
                    operatingDate, hourEnding, prices[0], prices[1], prices[2], prices[3], prices[4], CaisoMarket.CURRENCY,
                    publishedAtUtc, 0, fetchId,
                    PriceRows.dqFlags(prices[0], components, hasDuplicates, CaisoMarket.TOTAL_TOLERANCE_PER_MWH)));
        }
        return new Part(PriceRows.withRevisions(accepted), rejected);
    }

    private record NodeInterval(String node, Instant start, Instant end) {}

    /** Spark's {@code to_json} of the grouped values: min, max and rows per type in that order, null fields left out. */
    private static String recordJson(List<String> types, TypeValues[] values)
    {
        StringBuilder json = new StringBuilder("{");
        for (int i = 0; i < types.size(); i++) {
            if (values[i].min != null) {
                json.append("\"min_").append(types.get(i)).append("\":").append(jsonNumber(values[i].min)).append(',');
                json.append("\"max_").append(types.get(i)).append("\":").append(jsonNumber(values[i].max)).append(',');
            }
            json.append("\"rows_").append(types.get(i)).append("\":").append(values[i].rows).append(',');
        }
        json.setCharAt(json.length() - 1, '}');
        return json.toString();
    }

    /** Jackson, which Spark's JSON writer uses, writes a double as Java prints it and quotes NaN and the infinities. */
    private static String jsonNumber(double value)
    {
        return Double.isFinite(value) ? Double.toString(value) : "\"" + value + "\"";
    }

    private static String text(Double value)
    {
        return value == null ? "null" : value.toString();
    }

    /** min, max and counts of one LMP_TYPE's rows for a node and interval, as Spark's aggregates compute them. */
    private static final class TypeValues
    {
        /** Where the group's first record is in the payload's records (kept on the group's first type only). */
        private int firstPosition;
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
