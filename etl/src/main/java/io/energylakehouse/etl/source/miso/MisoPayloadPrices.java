package io.energylakehouse.etl.source.miso;

import io.energylakehouse.etl.curate.CanonicalPrices;
import io.energylakehouse.etl.curate.PriceRow;
import io.energylakehouse.etl.curate.PriceRows;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The canonical prices of one MISO market report in plain Java: one {@code curated.market_prices} row per node and
 * hour, market MISO, the node as location, its Type as location type (Hub hub, Loadzone zone, any other node), price
 * LMP, congestion MCC, loss MLC. MISO's reports publish no energy component, so it is derived as LMP - MCC - MLC and
 * the row flagged {@link #ENERGY_DERIVED}. Operating date and hour ending are EST (UTC-05:00 all year): every day has
 * 24 hours. The preliminary and final real-time reports both feed {@code rt_hourly}: their rows are revisions of one
 * key, ordered by publication across payloads ({@link PriceRows#withRevisions}).
 */
public final class MisoPayloadPrices
{
    private MisoPayloadPrices() {}

    /** dq flag of a row whose energy component is LMP - MCC - MLC rather than published (the same flag PJM's connector sets). */
    public static final String ENERGY_DERIVED = io.energylakehouse.etl.curate.MarketPrices.ENERGY_DERIVED;
    /** Largest |LMP - (energy + MCC + MLC)| accepted without the {@code total_mismatch} flag; exact by construction here. */
    public static final double TOTAL_TOLERANCE_PER_MWH = 0.01;

    public static CanonicalPrices canonical(List<MisoLmpRecord> records, MisoReport report, Instant publishedAtUtc, String fetchId)
    {
        requireNonNull(records, "records is null");
        requireNonNull(report, "report is null");
        requireNonNull(publishedAtUtc, "publishedAtUtc is null");
        requireNonNull(fetchId, "fetchId is null");
        Map<NodeInterval, List<MisoLmpRecord>> groups = new LinkedHashMap<>();
        for (MisoLmpRecord record : records) {
            if (record.report() != report) {
                throw new IllegalArgumentException("Cannot canonicalise a MISO " + record.report().reportName() + " record (line " + record.lineNumber() + ") as "
                        + report.reportName());
            }
            groups.computeIfAbsent(new NodeInterval(record.node(), record.intervalStartUtc()), key -> new ArrayList<>(1)).add(record);
        }
        List<PriceRow> rows = new ArrayList<>(groups.size());
        List<CanonicalPrices.Rejected> rejected = new ArrayList<>();
        for (Map.Entry<NodeInterval, List<MisoLmpRecord>> group : groups.entrySet()) {
            List<MisoLmpRecord> items = group.getValue();
            MisoLmpRecord first = items.get(0);
            boolean agree = items.stream().allMatch(other -> other.lmp() == first.lmp() && other.mcc() == first.mcc() && other.mlc() == first.mlc()
                    && other.nodeType().equals(first.nodeType()));
            if (!agree) {
                rejected.add(new CanonicalPrices.Rejected(first.node(), first.intervalStartUtc(), String.format("%d records for node %s and hour ending %d disagree",
                        items.size(), first.node(), first.hourEnding()), json(items)));
                continue;
            }
            double energy = BigDecimal.valueOf(first.lmp()).subtract(BigDecimal.valueOf(first.mcc())).subtract(BigDecimal.valueOf(first.mlc())).doubleValue();
            List<String> flags = new ArrayList<>(PriceRows.dqFlags(first.lmp(), List.of(energy, first.mcc(), first.mlc()),
                    items.size() > 1 || first.hasDuplicateRows(), TOTAL_TOLERANCE_PER_MWH));
            flags.add(ENERGY_DERIVED);
            rows.add(new PriceRow(MisoMarket.MARKET, report.dataset(), first.node(), MisoMarket.locationType(first.nodeType()), first.intervalStartUtc(),
                    first.intervalEndUtc(), report.intervalMinutes(), MisoMarket.TIME.operatingDate(first.intervalStartUtc()),
                    MisoMarket.TIME.hourEnding(first.intervalStartUtc()), first.lmp(), energy, first.mcc(), first.mlc(), null, MisoMarket.CURRENCY,
                    publishedAtUtc, 0, fetchId, flags));
        }
        return new CanonicalPrices(PriceRows.withRevisions(rows), rejected);
    }

    /**
     * The rows of one weekly five-minute file ({@code rt_5min}): price LMP, congestion CON_LMP, loss LOSS_LMP, energy
     * derived; location type from the node's name. Lines repeating a node and interval collapse (flagged) when they agree
     * and are rejected when they do not.
     */
    public static CanonicalPrices canonicalFiveMinute(List<MisoFiveMinuteRecord> records, Instant publishedAtUtc, String fetchId)
    {
        requireNonNull(records, "records is null");
        requireNonNull(publishedAtUtc, "publishedAtUtc is null");
        requireNonNull(fetchId, "fetchId is null");
        MisoReport report = MisoReport.RT_5MIN_LMP;
        Map<NodeInterval, List<MisoFiveMinuteRecord>> groups = new LinkedHashMap<>();
        for (MisoFiveMinuteRecord record : records) {
            groups.computeIfAbsent(new NodeInterval(record.node(), record.intervalStartUtc()), key -> new ArrayList<>(1)).add(record);
        }
        List<PriceRow> rows = new ArrayList<>(groups.size());
        List<CanonicalPrices.Rejected> rejected = new ArrayList<>();
        for (List<MisoFiveMinuteRecord> items : groups.values()) {
            MisoFiveMinuteRecord first = items.get(0);
            boolean agree = items.stream().allMatch(other -> other.lmp() == first.lmp() && other.congestionLmp() == first.congestionLmp()
                    && other.lossLmp() == first.lossLmp());
            if (!agree) {
                StringBuilder json = new StringBuilder("[");
                for (MisoFiveMinuteRecord item : items) {
                    json.append(json.length() > 1 ? "," : "").append("{\"line\":").append(item.lineNumber()).append(",\"lmp\":").append(item.lmp())
                            .append(",\"con_lmp\":").append(item.congestionLmp()).append(",\"loss_lmp\":").append(item.lossLmp()).append('}');
                }
                rejected.add(new CanonicalPrices.Rejected(first.node(), first.intervalStartUtc(), String.format("%d lines for node %s and interval %s disagree",
                        items.size(), first.node(), first.mkthourEst()), json.append(']').toString()));
                continue;
            }
            double energy = BigDecimal.valueOf(first.lmp()).subtract(BigDecimal.valueOf(first.congestionLmp())).subtract(BigDecimal.valueOf(first.lossLmp()))
                    .doubleValue();
            List<String> flags = new ArrayList<>(PriceRows.dqFlags(first.lmp(), List.of(energy, first.congestionLmp(), first.lossLmp()), items.size() > 1,
                    TOTAL_TOLERANCE_PER_MWH));
            flags.add(ENERGY_DERIVED);
            rows.add(new PriceRow(MisoMarket.MARKET, report.dataset(), first.node(), MisoMarket.locationTypeOfName(first.node()), first.intervalStartUtc(),
                    first.intervalEndUtc(), report.intervalMinutes(), MisoMarket.TIME.operatingDate(first.intervalStartUtc()),
                    MisoMarket.TIME.hourEnding(first.intervalStartUtc()), first.lmp(), energy, first.congestionLmp(), first.lossLmp(), null, MisoMarket.CURRENCY,
                    publishedAtUtc, 0, fetchId, flags));
        }
        return new CanonicalPrices(PriceRows.withRevisions(rows), rejected);
    }

    private record NodeInterval(String node, Instant start) {}

    private static String json(List<MisoLmpRecord> items)
    {
        StringBuilder json = new StringBuilder("[");
        for (MisoLmpRecord item : items) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append("{\"line\":").append(item.lineNumber()).append(",\"hour_ending\":").append(item.hourEnding()).append(",\"lmp\":").append(item.lmp())
                    .append(",\"mcc\":").append(item.mcc()).append(",\"mlc\":").append(item.mlc()).append('}');
        }
        return json.append(']').toString();
    }
}
