package io.energylakehouse.etl.source.ieso;

import io.energylakehouse.etl.raw.RawRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * One price of an IESO report file, typed: a line of an LMP or HOEP CSV, or a price element of a zonal price XML, with
 * the interval it means in UTC.
 *
 * @param sourceIndex the line of a CSV file, or the ordinal of the price element of an XML file
 * @param interval the five-minute interval (1..12) of real-time reports, null for hourly ones
 * @param pricingLocation the {@code Pricing Location} as published (with its {@code :LMP} suffix), null for the Ontario-wide reports
 * @param loss the loss component, null where not published
 * @param congestion the congestion component, null where not published
 * @param flag the zonal price's {@code Flag}, null where absent or empty
 * @param createdAtUtc when IESO says it created the file, null where it does not say
 */
public record IesoPriceRecord(
        IesoReport report,
        int sourceIndex,
        Instant intervalStartUtc,
        Instant intervalEndUtc,
        LocalDate deliveryDate,
        int deliveryHour,
        Integer interval,
        String pricingLocation,
        double price,
        Double loss,
        Double congestion,
        String flag,
        Instant createdAtUtc)
        implements RawRecord
{
    public IesoPriceRecord
    {
        requireNonNull(report, "report is null");
        requireNonNull(intervalStartUtc, "intervalStartUtc is null");
        requireNonNull(intervalEndUtc, "intervalEndUtc is null");
        requireNonNull(deliveryDate, "deliveryDate is null");
        if (report.isOntarioWide() != (pricingLocation == null)) {
            throw new IllegalArgumentException("Cannot make an IESO " + report.directory() + " record with pricing location " + pricingLocation);
        }
        if (report.hasInterval() != (interval != null)) {
            throw new IllegalArgumentException("Cannot make an IESO " + report.directory() + " record with interval " + interval);
        }
    }

    /** The canonical location id: the pricing location without IESO's {@code :LMP} suffix, or {@link IesoMarket#ONTARIO}. */
    public String locationId()
    {
        return pricingLocation == null ? IesoMarket.ONTARIO : locationIdOf(pricingLocation);
    }

    /** The suffix IESO puts after the pricing location's name ({@code LMP} of {@code ABC.XYZ:LMP}), null where none. */
    public String locationSuffix()
    {
        if (pricingLocation == null) {
            return null;
        }
        int colon = pricingLocation.lastIndexOf(':');
        return colon < 0 ? null : pricingLocation.substring(colon + 1);
    }

    /** {@code ABC.XYZ:LMP} to {@code ABC.XYZ}: IESO's {@code :LMP} suffix dropped (another suffix is kept). */
    public static String locationIdOf(String pricingLocation)
    {
        return pricingLocation.endsWith(":LMP") ? pricingLocation.substring(0, pricingLocation.length() - ":LMP".length()) : pricingLocation;
    }

    /** The value of one raw-table field. */
    public Object value(IesoTables.Field field)
    {
        return switch (field) {
            case SOURCE_INDEX -> sourceIndex;
            case INTERVAL_START_UTC -> intervalStartUtc;
            case INTERVAL_END_UTC -> intervalEndUtc;
            case DELIVERY_DATE -> deliveryDate;
            case DELIVERY_HOUR -> deliveryHour;
            case INTERVAL -> interval;
            case PRICING_LOCATION -> pricingLocation;
            case PRICE -> price;
            case LOSS -> loss;
            case CONGESTION -> congestion;
            case FLAG -> flag;
            case CREATED_AT_UTC -> createdAtUtc;
        };
    }

    @Override
    public Row toRow(String fetchId, String landingId)
    {
        List<IesoTables.Column> columns = IesoTables.columns(report);
        Object[] values = new Object[columns.size() + 2];
        values[0] = fetchId;
        values[1] = landingId;
        for (int i = 0; i < columns.size(); i++) {
            values[i + 2] = value(columns.get(i).field());
        }
        return RowFactory.create(values);
    }
}
