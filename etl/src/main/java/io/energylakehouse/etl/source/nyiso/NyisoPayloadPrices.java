package io.energylakehouse.etl.source.nyiso;

import io.energylakehouse.etl.curate.CanonicalPrices;
import io.energylakehouse.etl.curate.PriceRow;
import io.energylakehouse.etl.curate.PriceRows;

import java.math.BigDecimal;
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
 * The canonical prices of one NYISO payload in plain Java: one {@code curated.market_prices} row per PTID and interval,
 * market NYISO, the PTID as location id, zone for the zonal files and node for the generator files.
 *
 * <p>NYISO publishes "Marginal Cost Congestion" with the opposite sign to ours: {@code congestion_per_mwh} is its
 * negation, so that price = energy + congestion + loss. NYISO publishes no energy component: {@code energy_per_mwh} is
 * LBMP - loss - congestion, flagged {@link #ENERGY_DERIVED} (the same for every PTID of an interval: the reference bus
 * price).
 */
public final class NyisoPayloadPrices
{
    private NyisoPayloadPrices() {}

    /** dq flag of a row whose energy component is total - congestion - loss rather than published (the same flag as PJM's). */
    public static final String ENERGY_DERIVED = io.energylakehouse.etl.curate.MarketPrices.ENERGY_DERIVED;

    /**
     * Rows repeating one PTID and interval collapse into one flagged as duplicates when their values agree and are rejected
     * when they disagree.
     *
     * @param publishedAtUtc when NYISO published the file; MIS files do not say, so the caller passes when it was received
     */
    public static CanonicalPrices canonical(List<NyisoLbmpRecord> records, NyisoReport report, Instant publishedAtUtc, String fetchId)
    {
        requireNonNull(records, "records is null");
        requireNonNull(report, "report is null");
        requireNonNull(fetchId, "fetchId is null");
        Map<PtidInterval, List<NyisoLbmpRecord>> groups = new LinkedHashMap<>();
        for (NyisoLbmpRecord record : records) {
            if (record.report() != report) {
                throw new IllegalArgumentException("Cannot canonicalise a " + record.report().reportName() + " record (line " + record.lineNumber() + ") as "
                        + report.reportName());
            }
            groups.computeIfAbsent(new PtidInterval(record.ptid(), record.intervalStartUtc()), key -> new ArrayList<>(1)).add(record);
        }
        List<PriceRow> rows = new ArrayList<>(groups.size());
        List<CanonicalPrices.Rejected> rejected = new ArrayList<>();
        Map<Instant, LocalDate> operatingDates = new HashMap<>();
        Map<Instant, Integer> hoursEnding = new HashMap<>();
        for (Map.Entry<PtidInterval, List<NyisoLbmpRecord>> group : groups.entrySet()) {
            String locationId = Long.toString(group.getKey().ptid());
            Instant start = group.getKey().start();
            List<NyisoLbmpRecord> items = group.getValue();
            NyisoLbmpRecord first = items.get(0);
            String disagreement = disagreement(items);
            if (disagreement != null) {
                rejected.add(new CanonicalPrices.Rejected(locationId, start, "duplicate rows for one PTID and interval disagree: " + disagreement, json(items)));
                continue;
            }
            if (!Duration.between(start, first.intervalEndUtc()).equals(report.intervalLength())) {
                rejected.add(new CanonicalPrices.Rejected(locationId, start, String.format("interval %s..%s is not %d minutes long", start, first.intervalEndUtc(),
                        report.intervalMinutes()), json(items)));
                continue;
            }
            double loss = first.marginalCostLosses();
            double congestion = congestion(first.marginalCostCongestion());
            double energy = energy(first.lbmp(), loss, congestion);
            List<String> flags = new ArrayList<>(PriceRows.dqFlags(first.lbmp(), List.of(energy, congestion, loss), items.size() > 1,
                    NyisoMarket.TOTAL_TOLERANCE_PER_MWH));
            flags.add(ENERGY_DERIVED);
            LocalDate operatingDate = operatingDates.computeIfAbsent(start, NyisoMarket.TIME::operatingDate);
            int hourEnding = hoursEnding.computeIfAbsent(start, NyisoMarket.TIME::hourEnding);
            rows.add(new PriceRow(NyisoMarket.MARKET, report.dataset(), locationId, report.locationType(), start, first.intervalEndUtc(), report.intervalMinutes(),
                    operatingDate, hourEnding, first.lbmp(), energy, congestion, loss, null, NyisoMarket.CURRENCY, publishedAtUtc, 0, fetchId, flags));
        }
        return new CanonicalPrices(PriceRows.withRevisions(rows), rejected);
    }

    /** Our congestion component from NYISO's published Marginal Cost Congestion: its negation. */
    public static double congestion(double marginalCostCongestion)
    {
        return marginalCostCongestion == 0.0 ? 0.0 : -marginalCostCongestion;
    }

    /** The energy component NYISO does not publish: LBMP - loss - congestion, in exact decimals. */
    public static double energy(double lbmp, double loss, double congestion)
    {
        return BigDecimal.valueOf(lbmp).subtract(BigDecimal.valueOf(loss)).subtract(BigDecimal.valueOf(congestion)).doubleValue();
    }

    private record PtidInterval(long ptid, Instant start) {}

    private static String disagreement(List<NyisoLbmpRecord> items)
    {
        NyisoLbmpRecord first = items.get(0);
        for (NyisoLbmpRecord other : items.subList(1, items.size())) {
            if (first.lbmp() != other.lbmp() || first.marginalCostLosses() != other.marginalCostLosses()
                    || first.marginalCostCongestion() != other.marginalCostCongestion() || !first.intervalEndUtc().equals(other.intervalEndUtc())) {
                return String.format("LBMP %s vs %s, losses %s vs %s, congestion %s vs %s (lines %d and %d)", first.lbmp(), other.lbmp(), first.marginalCostLosses(),
                        other.marginalCostLosses(), first.marginalCostCongestion(), other.marginalCostCongestion(), first.lineNumber(), other.lineNumber());
            }
        }
        return null;
    }

    /** The rows' values: {@code [{"line":3,"name":"WEST","lbmp":25.1,...},...]}. */
    private static String json(List<NyisoLbmpRecord> items)
    {
        StringBuilder json = new StringBuilder("[");
        for (NyisoLbmpRecord item : items) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append("{\"line\":").append(item.lineNumber())
                    .append(",\"name\":\"").append(item.name().replace("\\", "\\\\").replace("\"", "\\\"")).append('"')
                    .append(",\"lbmp\":").append(item.lbmp())
                    .append(",\"marginal_cost_losses\":").append(item.marginalCostLosses())
                    .append(",\"marginal_cost_congestion\":").append(item.marginalCostCongestion())
                    .append('}');
        }
        return json.append(']').toString();
    }
}
