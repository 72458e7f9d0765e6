package io.energylakehouse.etl.source.aemo;

import io.energylakehouse.etl.raw.RawFields;
import io.energylakehouse.etl.raw.RawRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static java.util.Objects.requireNonNull;

/**
 * One {@code D} row of DISPATCHPRICE or TRADINGPRICE, typed by the columns its {@code I} row names.
 *
 * @param settlementDate SETTLEMENTDATE as published: the interval's END in NEM time
 * @param intervalStartUtc the end less the interval's length ({@link AemoPayloadPrices#intervalMinutes})
 * @param intervention null where the table version has no INTERVENTION column
 * @param fcasPrices the FCAS prices of the columns the table version has (a missing column or a blank field has no entry)
 * @param fieldsJson every field of the row as published, a JSON object by column name
 */
public record AemoPriceRecord(
        String member,
        int lineNumber,
        MmsTable table,
        int tableVersion,
        String settlementDate,
        Instant intervalStartUtc,
        Instant intervalEndUtc,
        String regionId,
        Integer runNo,
        Integer intervention,
        Integer periodId,
        String dispatchInterval,
        BigDecimal rrp,
        Map<FcasService, BigDecimal> fcasPrices,
        String priceStatus,
        String lastChanged,
        String fieldsJson)
        implements RawRecord
{
    public AemoPriceRecord
    {
        requireNonNull(member, "member is null");
        requireNonNull(table, "table is null");
        requireNonNull(settlementDate, "settlementDate is null");
        requireNonNull(intervalStartUtc, "intervalStartUtc is null");
        requireNonNull(intervalEndUtc, "intervalEndUtc is null");
        requireNonNull(regionId, "regionId is null");
        rrp = AemoTables.canonical(rrp);
        EnumMap<FcasService, BigDecimal> copy = new EnumMap<>(FcasService.class);
        requireNonNull(fcasPrices, "fcasPrices is null").forEach((service, price) -> copy.put(service, AemoTables.canonical(price)));
        fcasPrices = Collections.unmodifiableMap(copy);
        requireNonNull(fieldsJson, "fieldsJson is null");
    }

    /** Whether the row is of the pricing run: INTERVENTION 0, or a table without the column. */
    public boolean isPricingRun()
    {
        return intervention == null || intervention == 0;
    }

    @Override
    public Row toRow(String fetchId, String landingId)
    {
        List<Object> values = new ArrayList<>(32);
        values.addAll(java.util.Arrays.asList(fetchId, landingId, member, lineNumber, table.tableName(), tableVersion, settlementDate, intervalStartUtc,
                intervalEndUtc, regionId, runNo, intervention, periodId, dispatchInterval, AemoTables.rawValue(rrp)));
        for (FcasService service : FcasService.values()) {
            values.add(AemoTables.rawValue(fcasPrices.get(service)));
        }
        values.addAll(java.util.Arrays.asList(priceStatus, lastChanged, fieldsJson));
        return RowFactory.create(values.toArray());
    }

    /** The record a raw row holds: the inverse of {@link #toRow}. */
    public static AemoPriceRecord of(RawFields row)
    {
        Map<FcasService, BigDecimal> fcas = new EnumMap<>(FcasService.class);
        for (FcasService service : FcasService.values()) {
            if (row.get(service.rawColumn()) != null) {
                fcas.put(service, decimal(row, service.rawColumn()));
            }
        }
        String tableName = row.string("mms_table");
        MmsTable table = MmsTable.TRADING_PRICE.tableName().equals(tableName) ? MmsTable.TRADING_PRICE : MmsTable.DISPATCH_PRICE;
        return new AemoPriceRecord(row.string("member"), row.integer("line_number"), table, row.integer("table_version"), row.string("settlement_date"),
                row.instant("interval_start_utc"), row.instant("interval_end_utc"), row.string("region_id"), row.integer("run_no"), row.integer("intervention"), row.integer("period_id"),
                row.string("dispatch_interval"), decimal(row, "rrp"), fcas, row.string("price_status"), row.string("last_changed"), row.string("fields_json"));
    }

    static BigDecimal decimal(RawFields row, String column)
    {
        Object value = row.get(column);
        if (value == null) {
            return null;
        }
        return value instanceof BigDecimal decimal ? decimal : new BigDecimal(value.toString());
    }
}
