package io.energylakehouse.etl.source.spp;

import io.energylakehouse.etl.curate.CanonicalPrices;
import io.energylakehouse.etl.curate.PriceRow;
import io.energylakehouse.etl.curate.PriceRows;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import static java.util.Objects.requireNonNull;

/**
 * The canonical prices of one SPP file in plain Java: one {@code curated.market_prices} row per location and interval,
 * market SPP, the settlement location (or, by bus, the pnode) as location, {@code SPPNORTH_HUB} and
 * {@code SPPSOUTH_HUB} hubs and every other location a node. {@code price_per_mwh} is LMP, {@code energy_per_mwh} MEC,
 * {@code congestion_per_mwh} MCC, {@code loss_per_mwh} MLC; where MEC is missing but LMP, MCC and MLC are given, the
 * energy component is LMP - MCC - MLC and the row is flagged {@link #ENERGY_DERIVED}. Operating date and hour ending are
 * Central prevailing time.
 *
 * <p>The interval files ({@code rtbm_lmp_sl}) and the daily file ({@code rtbm_lmp_daily}) feed the same keys of
 * {@code rt_5min}: revisions are numbered across payloads by publication, and the daily file is published after the
 * day's interval files (see {@link SppLmpParser#DAILY_FILE_PUBLICATION_DELAY}), so it is the later revision where its
 * prices differ.
 */
public final class SppPayloadPrices
{
    private SppPayloadPrices() {}

    /** dq flag of a row whose energy component is LMP - MCC - MLC rather than published. */
    public static final String ENERGY_DERIVED = io.energylakehouse.etl.curate.MarketPrices.ENERGY_DERIVED;

    /**
     * Lines repeating one location and interval collapse into one row flagged {@code duplicate_rows_collapsed} when their
     * prices agree and are refused when they disagree; an interval of another length than the report's is refused.
     */
    public static CanonicalPrices canonical(List<SppLmpRecord> records, SppReport report, Instant publishedAtUtc, String fetchId)
    {
        requireNonNull(records, "records is null");
        requireNonNull(report, "report is null");
        requireNonNull(publishedAtUtc, "publishedAtUtc is null");
        requireNonNull(fetchId, "fetchId is null");
        Map<LocationInterval, List<SppLmpRecord>> groups = new LinkedHashMap<>();
        for (SppLmpRecord record : records) {
            if (record.report() != report) {
                throw new IllegalArgumentException("Cannot canonicalise an SPP " + record.report().reportName() + " record (line " + record.lineNumber() + ") as "
                        + report.reportName());
            }
            groups.computeIfAbsent(new LocationInterval(record.locationId(), record.intervalStartUtc(), record.intervalEndUtc()), key -> new ArrayList<>(1))
                    .add(record);
        }
        List<PriceRow> rows = new ArrayList<>(groups.size());
        List<CanonicalPrices.Rejected> rejected = new ArrayList<>();
        Map<Instant, LocalDate> operatingDates = new HashMap<>();
        Map<Instant, Integer> hoursEnding = new HashMap<>();
        for (Map.Entry<LocationInterval, List<SppLmpRecord>> group : groups.entrySet()) {
            LocationInterval key = group.getKey();
            List<SppLmpRecord> lines = group.getValue();
            Duration length = Duration.between(key.start(), key.end());
            if (!length.equals(report.intervalLength())) {
                rejected.add(new CanonicalPrices.Rejected(key.locationId(), key.start(), String.format("interval %s..%s lasts %d minutes, expected %d",
                        key.start(), key.end(), length.toMinutes(), report.intervalMinutes()), json(lines)));
                continue;
            }
            SppLmpRecord first = lines.get(0);
            String disagreement = disagreement(lines);
            if (disagreement != null) {
                rejected.add(new CanonicalPrices.Rejected(key.locationId(), key.start(), "lines for one location and interval disagree: " + disagreement,
                        json(lines)));
                continue;
            }
            Double energy = first.mec();
            boolean derived = false;
            if (energy == null && first.mcc() != null && first.mlc() != null) {
                energy = BigDecimal.valueOf(first.lmp()).subtract(BigDecimal.valueOf(first.mcc())).subtract(BigDecimal.valueOf(first.mlc())).doubleValue();
                derived = true;
            }
            List<String> flags = new ArrayList<>(PriceRows.dqFlags(first.lmp(), Arrays.asList(energy, first.mcc(), first.mlc()), lines.size() > 1,
                    SppMarket.TOTAL_TOLERANCE_PER_MWH));
            if (derived) {
                flags.add(ENERGY_DERIVED);
            }
            LocalDate operatingDate = operatingDates.computeIfAbsent(key.start(), SppMarket.TIME::operatingDate);
            int hourEnding = hoursEnding.computeIfAbsent(key.start(), SppMarket.TIME::hourEnding);
            rows.add(new PriceRow(SppMarket.MARKET, report.dataset(), key.locationId(), SppMarket.locationType(key.locationId()), key.start(), key.end(),
                    report.intervalMinutes(), operatingDate, hourEnding, first.lmp(), energy, first.mcc(), first.mlc(), null, SppMarket.CURRENCY,
                    publishedAtUtc, 0, fetchId, flags));
        }
        return new CanonicalPrices(PriceRows.withRevisions(rows), rejected);
    }

    private record LocationInterval(String locationId, Instant start, Instant end) {}

    /** Why lines of one key are not the same prices, or null when they are. */
    private static String disagreement(List<SppLmpRecord> lines)
    {
        SppLmpRecord first = lines.get(0);
        for (SppLmpRecord other : lines.subList(1, lines.size())) {
            List<String> differences = new ArrayList<>();
            difference(differences, "LMP", first.lmp(), other.lmp());
            difference(differences, "MEC", first.mec(), other.mec());
            difference(differences, "MCC", first.mcc(), other.mcc());
            difference(differences, "MLC", first.mlc(), other.mlc());
            if (!differences.isEmpty()) {
                return String.join("; ", differences) + " (lines " + first.lineNumber() + " and " + other.lineNumber() + ")";
            }
        }
        return null;
    }

    private static void difference(List<String> differences, String column, Double a, Double b)
    {
        if (!Objects.equals(a, b)) {
            differences.add(column + " " + a + " vs " + b);
        }
    }

    /** The lines' values: {@code [{"line":3,"lmp":25.1,...},...]}, null fields left out. */
    private static String json(List<SppLmpRecord> lines)
    {
        StringBuilder json = new StringBuilder("[");
        for (SppLmpRecord line : lines) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append("{\"line\":").append(line.lineNumber());
            append(json, "lmp", line.lmp());
            append(json, "mlc", line.mlc());
            append(json, "mcc", line.mcc());
            append(json, "mec", line.mec());
            json.append('}');
        }
        return json.append(']').toString();
    }

    private static void append(StringBuilder json, String field, Double value)
    {
        if (value != null) {
            json.append(",\"").append(field).append("\":").append(value);
        }
    }
}
