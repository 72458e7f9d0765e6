package io.energylakehouse.etl.source.aemo;

import io.energylakehouse.etl.raw.RawFields;
import io.energylakehouse.etl.raw.RawRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.math.BigDecimal;
import java.time.LocalDate;

import static java.util.Objects.requireNonNull;

/**
 * One {@code D} row of MARKET_PRICE_THRESHOLDS: the market price cap ({@code VOLL}), the market price floor and the
 * administered price threshold that hold from {@code effectiveDate} (NEM day), in version {@code versionNo}.
 */
public record AemoThresholdRecord(
        String member,
        int lineNumber,
        int tableVersion,
        LocalDate effectiveDate,
        Integer versionNo,
        BigDecimal voll,
        BigDecimal marketPriceFloor,
        BigDecimal administeredPriceThreshold,
        String lastChanged,
        String fieldsJson)
        implements RawRecord
{
    public AemoThresholdRecord
    {
        requireNonNull(member, "member is null");
        requireNonNull(effectiveDate, "effectiveDate is null");
        requireNonNull(fieldsJson, "fieldsJson is null");
        voll = AemoTables.canonical(voll);
        marketPriceFloor = AemoTables.canonical(marketPriceFloor);
        administeredPriceThreshold = AemoTables.canonical(administeredPriceThreshold);
    }

    @Override
    public Row toRow(String fetchId, String landingId)
    {
        return RowFactory.create(fetchId, landingId, member, lineNumber, tableVersion, effectiveDate, versionNo, AemoTables.rawValue(voll),
                AemoTables.rawValue(marketPriceFloor), AemoTables.rawValue(administeredPriceThreshold), lastChanged, fieldsJson);
    }

    public static AemoThresholdRecord of(RawFields row)
    {
        return new AemoThresholdRecord(row.string("member"), row.integer("line_number"), row.integer("table_version"), row.date("effective_date"),
                row.integer("version_no"), AemoPriceRecord.decimal(row, "voll"), AemoPriceRecord.decimal(row, "market_price_floor"),
                AemoPriceRecord.decimal(row, "administered_price_threshold"), row.string("last_changed"), row.string("fields_json"));
    }
}
