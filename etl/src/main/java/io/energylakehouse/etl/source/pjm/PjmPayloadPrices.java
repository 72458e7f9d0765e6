package io.energylakehouse.etl.source.pjm;

import io.energylakehouse.etl.curate.CanonicalPrices;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import io.energylakehouse.etl.curate.PriceRow;
import io.energylakehouse.etl.curate.PriceRows;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * The canonical prices of one Data Miner 2 page in plain Java: one {@code curated.market_prices} row per pnode,
 * interval and version. {@code location_id} is the pnode id; the pnode's name has no place in the canonical table and
 * stays in the raw table. Where the item has no system energy price (always so in {@code rt_unverified_fivemin_lmps})
 * but total, congestion and loss, the energy component is derived as total - congestion - loss and the row flagged
 * {@link #ENERGY_DERIVED}. Versions of a key ({@code version_nbr}, when a request asked for every version) become
 * successive revisions in version order; items repeating a version are collapsed when they agree and rejected when
 * they do not.
 */
public final class PjmPayloadPrices
{
    private PjmPayloadPrices() {}

    /** dq flag of a row whose energy component is total - congestion - loss rather than published. */
    public static final String ENERGY_DERIVED = io.energylakehouse.etl.curate.MarketPrices.ENERGY_DERIVED;

    /**
     * @param publishedAtUtc when PJM published the page; Data Miner pages do not say, so the caller passes when it was received
     */
    public static CanonicalPrices canonical(List<PjmLmpRecord> records, PjmReport report, Instant publishedAtUtc, String fetchId)
    {
        requireNonNull(records, "records is null");
        requireNonNull(report, "report is null");
        requireNonNull(publishedAtUtc, "publishedAtUtc is null");
        requireNonNull(fetchId, "fetchId is null");
        Map<PnodeInterval, List<PjmLmpRecord>> groups = new LinkedHashMap<>();
        for (PjmLmpRecord record : records) {
            if (record.report() != report) {
                throw new IllegalArgumentException("Cannot canonicalise a " + record.report().feed() + " record (item " + record.itemNumber() + ") as " + report.feed());
            }
            groups.computeIfAbsent(new PnodeInterval(record.pnodeId(), record.intervalStartUtc()), key -> new ArrayList<>(1)).add(record);
        }
        List<PriceRow> rows = new ArrayList<>(groups.size());
        List<CanonicalPrices.Rejected> rejected = new ArrayList<>();
        Map<Instant, LocalDate> operatingDates = new HashMap<>();
        Map<Instant, Integer> hoursEnding = new HashMap<>();
        for (Map.Entry<PnodeInterval, List<PjmLmpRecord>> group : groups.entrySet()) {
            String locationId = Long.toString(group.getKey().pnodeId());
            Instant start = group.getKey().start();
            // versions in order, an item without version_nbr before the numbered ones
            TreeMap<Integer, List<PjmLmpRecord>> versions = new TreeMap<>(Comparator.nullsFirst(Comparator.<Integer>naturalOrder()));
            for (PjmLmpRecord record : group.getValue()) {
                versions.computeIfAbsent(record.versionNbr(), version -> new ArrayList<>(1)).add(record);
            }
            List<PriceRow> keyRows = new ArrayList<>(versions.size());
            String problem = null;
            String problemRecord = null;
            for (List<PjmLmpRecord> items : versions.values()) {
                PjmLmpRecord first = items.get(0);
                String disagreement = disagreement(items);
                if (disagreement != null) {
                    problem = "items for one pnode, interval and version_nbr disagree: " + disagreement;
                    problemRecord = json(items);
                    break;
                }
                String locationType = PjmMarket.locationType(first.pnodeType(), first.pnodeId());
                if (locationType == null) {
                    problem = "unknown pnode type '" + first.pnodeType() + "' (known: " + String.join(", ", PjmMarket.knownTypes()) + ")";
                    problemRecord = json(items);
                    break;
                }
                Double energy = first.systemEnergyPrice();
                boolean derived = false;
                if (energy == null && first.congestionPrice() != null && first.marginalLossPrice() != null) {
                    energy = BigDecimal.valueOf(first.totalLmp()).subtract(BigDecimal.valueOf(first.congestionPrice()))
                            .subtract(BigDecimal.valueOf(first.marginalLossPrice())).doubleValue();
                    derived = true;
                }
                List<String> flags = new ArrayList<>(PriceRows.dqFlags(first.totalLmp(), java.util.Arrays.asList(energy, first.congestionPrice(), first.marginalLossPrice()),
                        items.size() > 1, PjmMarket.TOTAL_TOLERANCE_PER_MWH));
                if (derived) {
                    flags.add(ENERGY_DERIVED);
                }
                // A page's pnodes share a few hundred interval starts: each is placed on PJM's clock once.
                LocalDate operatingDate = operatingDates.computeIfAbsent(start, PjmMarket.TIME::operatingDate);
                int hourEnding = hoursEnding.computeIfAbsent(start, PjmMarket.TIME::hourEnding);
                keyRows.add(new PriceRow(PjmMarket.MARKET, report.dataset(), locationId, locationType, start, first.intervalEndUtc(), report.intervalMinutes(),
                        operatingDate, hourEnding, first.totalLmp(), energy, first.congestionPrice(), first.marginalLossPrice(), null, PjmMarket.CURRENCY,
                        publishedAtUtc, 0, fetchId, flags));
            }
            if (problem != null) {
                rejected.add(new CanonicalPrices.Rejected(locationId, start, problem, problemRecord));
                continue;
            }
            rows.addAll(keyRows);
        }
        // one publication time and fetch id for the whole page: the stable sort keeps version order, so versions become revisions 1, 2, ...
        return new CanonicalPrices(PriceRows.withRevisions(rows), rejected);
    }

    private record PnodeInterval(long pnodeId, Instant start) {}

    /** Why items of one version are not the same prices and type, or null when they are. */
    private static String disagreement(List<PjmLmpRecord> items)
    {
        PjmLmpRecord first = items.get(0);
        for (PjmLmpRecord other : items.subList(1, items.size())) {
            List<String> differences = new ArrayList<>();
            difference(differences, first.report().totalField(), first.totalLmp(), other.totalLmp());
            difference(differences, first.report().energyField(), first.systemEnergyPrice(), other.systemEnergyPrice());
            difference(differences, first.report().congestionField(), first.congestionPrice(), other.congestionPrice());
            difference(differences, first.report().lossField(), first.marginalLossPrice(), other.marginalLossPrice());
            if (!java.util.Objects.equals(first.pnodeType(), other.pnodeType())) {
                differences.add("type " + first.pnodeType() + " vs " + other.pnodeType());
            }
            if (!differences.isEmpty()) {
                return String.join("; ", differences) + " (items " + first.itemNumber() + " and " + other.itemNumber() + ")";
            }
        }
        return null;
    }

    private static void difference(List<String> differences, String field, Double a, Double b)
    {
        boolean same = a == null || b == null ? a == b : a.doubleValue() == b.doubleValue();
        if (!same) {
            differences.add(field + " " + a + " vs " + b);
        }
    }

    /** The items' values: {@code [{"item":3,"version_nbr":1,"total_lmp_rt":25.1,...},...]}, null fields left out. */
    private static String json(List<PjmLmpRecord> items)
    {
        StringBuilder json = new StringBuilder("[");
        for (PjmLmpRecord item : items) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append("{\"item\":").append(item.itemNumber());
            append(json, "version_nbr", item.versionNbr());
            if (item.pnodeType() != null) {
                json.append(",\"type\":\"").append(JsonStringEncoder.getInstance().quoteAsString(item.pnodeType())).append('"');
            }
            append(json, item.report().totalField(), item.totalLmp());
            append(json, item.report().energyField(), item.systemEnergyPrice());
            append(json, item.report().congestionField(), item.congestionPrice());
            append(json, item.report().lossField(), item.marginalLossPrice());
            json.append('}');
        }
        return json.append(']').toString();
    }

    private static void append(StringBuilder json, String field, Number value)
    {
        if (value != null) {
            json.append(",\"").append(field).append("\":").append(value);
        }
    }
}
