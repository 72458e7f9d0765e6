package io.energylakehouse.etl.source.ieso;

import io.energylakehouse.etl.curate.CanonicalPrices;
import io.energylakehouse.etl.curate.MarketPrices;
import io.energylakehouse.etl.curate.PriceRow;
import io.energylakehouse.etl.curate.PriceRows;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * The canonical prices of one IESO file in plain Java: one {@code curated.market_prices} row per location and
 * interval, market IESO, currency CAD, operating date and hour ending in fixed EST.
 *
 * <ul>
 * <li>LMP files: the pricing location without its {@code :LMP} suffix, a {@code node}.</li>
 * <li>Ontario zonal price and HOEP: location {@link IesoMarket#ONTARIO}, a {@code zone}.</li>
 * </ul>
 *
 * <p>{@code price_per_mwh} is the LMP, zonal price or HOEP; {@code loss_per_mwh} and {@code congestion_per_mwh} the
 * published components; IESO publishes no energy component, so {@code energy_per_mwh} is price - loss - congestion,
 * flagged {@code energy_derived} (null where a component is missing, and always for HOEP, which has none).
 *
 * <p>Refused with a reason: a price of an operating day the report does not price (market-renewal reports before
 * 2025-05-01, HOEP from that day: IESO's trial runs and files published by mistake are not market prices), several
 * prices of one location and interval (the parser quarantines them already; rows read back from a raw table are
 * checked again), and a pricing location named like the Ontario zonal price's id (its dataset and location would get
 * rows from two reports).
 */
public final class IesoPayloadPrices
{
    private IesoPayloadPrices() {}

    public static CanonicalPrices canonical(List<IesoPriceRecord> records, IesoReport report, Instant publishedAtUtc, String fetchId)
    {
        requireNonNull(records, "records is null");
        requireNonNull(report, "report is null");
        requireNonNull(publishedAtUtc, "publishedAtUtc is null");
        requireNonNull(fetchId, "fetchId is null");
        Map<String, List<IesoPriceRecord>> groups = new LinkedHashMap<>();
        for (IesoPriceRecord record : records) {
            if (record.report() != report) {
                throw new IllegalArgumentException("Cannot canonicalise an IESO " + record.report().reportName() + " record (" + record.sourceIndex() + ") as "
                        + report.reportName());
            }
            groups.computeIfAbsent(record.locationId() + "|" + record.intervalStartUtc(), key -> new ArrayList<>(1)).add(record);
        }
        List<PriceRow> rows = new ArrayList<>(groups.size());
        List<CanonicalPrices.Rejected> rejected = new ArrayList<>();
        for (List<IesoPriceRecord> group : groups.values()) {
            IesoPriceRecord first = group.get(0);
            String locationId = first.locationId();
            Instant start = first.intervalStartUtc();
            LocalDate operatingDate = IesoMarket.TIME.operatingDate(start);
            if (group.size() > 1) {
                rejected.add(new CanonicalPrices.Rejected(locationId, start, String.format("%d prices for one location and interval (%s %s): duplicate hour "
                        + "endings are quarantined, not renumbered", group.size(), sourceUnit(report), group.stream().map(IesoPriceRecord::sourceIndex).toList()),
                        json(group)));
                continue;
            }
            if (!report.era().covers(operatingDate)) {
                rejected.add(new CanonicalPrices.Rejected(locationId, start, String.format("IESO %s prices operating days %s; %s is not one", report.directory(),
                        report.era().describe(), operatingDate), json(group)));
                continue;
            }
            if (!report.isOntarioWide() && locationId.equals(IesoMarket.ONTARIO)) {
                rejected.add(new CanonicalPrices.Rejected(locationId, start, "pricing location " + first.pricingLocation() + " has the id of the Ontario zonal "
                        + "price (" + IesoMarket.ONTARIO + "); its prices would mix with the zonal report's", json(group)));
                continue;
            }
            Double energy = null;
            List<String> flags = new ArrayList<>();
            if (first.loss() != null && first.congestion() != null) {
                energy = BigDecimal.valueOf(first.price()).subtract(BigDecimal.valueOf(first.loss())).subtract(BigDecimal.valueOf(first.congestion())).doubleValue();
                flags.add(MarketPrices.ENERGY_DERIVED);
            }
            List<String> dqFlags = new ArrayList<>(PriceRows.dqFlags(first.price(), Arrays.asList(energy, first.congestion(), first.loss()), false,
                    IesoMarket.TOTAL_TOLERANCE_PER_MWH));
            dqFlags.addAll(flags);
            rows.add(new PriceRow(IesoMarket.MARKET, report.dataset(), locationId, locationType(report), start, first.intervalEndUtc(), report.intervalMinutes(),
                    operatingDate, IesoMarket.TIME.hourEnding(start), first.price(), energy, first.congestion(), first.loss(), null, IesoMarket.CURRENCY,
                    publishedAtUtc, 0, fetchId, dqFlags));
        }
        return new CanonicalPrices(PriceRows.withRevisions(rows), rejected);
    }

    /** {@code zone} for the Ontario zonal price and HOEP, {@code node} for the pricing locations of the LMP files. */
    public static String locationType(IesoReport report)
    {
        return report.isOntarioWide() ? IesoMarket.ZONE : IesoMarket.NODE;
    }

    private static String sourceUnit(IesoReport report)
    {
        return report.layout() == IesoReport.Layout.ZONAL_XML ? "elements" : "lines";
    }

    /** The records' values: {@code [{"source_index":3,"price":25.1,...}]}, null fields left out. */
    private static String json(List<IesoPriceRecord> group)
    {
        StringBuilder json = new StringBuilder("[");
        for (IesoPriceRecord record : group) {
            if (json.length() > 1) {
                json.append(',');
            }
            json.append("{\"source_index\":").append(record.sourceIndex()).append(",\"delivery_date\":\"").append(record.deliveryDate())
                    .append("\",\"delivery_hour\":").append(record.deliveryHour());
            if (record.interval() != null) {
                json.append(",\"interval\":").append(record.interval());
            }
            if (record.pricingLocation() != null) {
                json.append(",\"pricing_location\":\"").append(record.pricingLocation().replace("\\", "\\\\").replace("\"", "\\\"")).append('"');
            }
            json.append(",\"price\":").append(record.price());
            if (record.loss() != null) {
                json.append(",\"loss\":").append(record.loss());
            }
            if (record.congestion() != null) {
                json.append(",\"congestion\":").append(record.congestion());
            }
            json.append('}');
        }
        return json.append(']').toString();
    }
}
