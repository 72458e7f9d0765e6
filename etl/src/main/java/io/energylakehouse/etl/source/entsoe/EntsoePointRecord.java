package io.energylakehouse.etl.source.entsoe;

import io.energylakehouse.etl.raw.RawRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.time.Duration;
import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * One {@code Point} of a Transparency Platform document as published, with what its {@code TimeSeries}, {@code Period}
 * and document say of it, and the interval it means in UTC (period start + (position - 1) x resolution).
 *
 * @param pointNumber the point's place in the document, 1-based: the raw key with the fetch id
 * @param lineNumber the XML line of the {@code Point} element
 * @param timeSeriesNumber the series' place in the document, 1-based
 * @param processType the document's {@code process.processType} (A16 realised, A01 day-ahead), null where absent (A44)
 * @param contractType the series' {@code contract_MarketAgreement.type} (A01 day-ahead, A07 intraday), null where absent
 * @param domainEic the zone's EIC: {@code in_Domain.mRID} (A44, A69) or {@code outBiddingZone_Domain.mRID} (A65)
 * @param psrType {@code MktPSRType/psrType} (B16 solar, B18 wind offshore, B19 wind onshore), null where absent
 * @param classificationSequence {@code classificationSequence_AttributeInstanceComponent.position} (1 SDAC, 2 EXAA), null where absent
 * @param currency {@code currency_Unit.name} (A44), null where absent
 * @param measureUnit {@code price_Measure_Unit.name} (MWH) or {@code quantity_Measure_Unit.name} (MAW)
 * @param createdAtUtc the document's {@code createdDateTime}
 */
public record EntsoePointRecord(
        EntsoeReport report,
        int pointNumber,
        int lineNumber,
        int timeSeriesNumber,
        String timeSeriesMrid,
        String businessType,
        String processType,
        String contractType,
        String domainEic,
        String psrType,
        Integer classificationSequence,
        String currency,
        String measureUnit,
        String curveType,
        String resolution,
        Instant periodStartUtc,
        Instant periodEndUtc,
        int position,
        Instant intervalStartUtc,
        Instant intervalEndUtc,
        double value,
        Instant createdAtUtc)
        implements RawRecord
{
    public EntsoePointRecord
    {
        requireNonNull(report, "report is null");
        requireNonNull(domainEic, "domainEic is null");
        requireNonNull(resolution, "resolution is null");
        requireNonNull(periodStartUtc, "periodStartUtc is null");
        requireNonNull(periodEndUtc, "periodEndUtc is null");
        requireNonNull(intervalStartUtc, "intervalStartUtc is null");
        requireNonNull(intervalEndUtc, "intervalEndUtc is null");
    }

    public Duration resolutionLength()
    {
        return Duration.between(intervalStartUtc, intervalEndUtc);
    }

    public int intervalMinutes()
    {
        return (int) resolutionLength().toMinutes();
    }

    /** A03: a run of equal values is sent once, at its first position. */
    public boolean isVariableSizedBlocks()
    {
        return "A03".equals(curveType);
    }

    @Override
    public Row toRow(String fetchId, String landingId)
    {
        return RowFactory.create(fetchId, landingId, pointNumber, lineNumber, timeSeriesNumber, timeSeriesMrid, businessType, processType, contractType,
                domainEic, psrType, classificationSequence, currency, measureUnit, curveType, resolution, periodStartUtc, periodEndUtc, position,
                intervalStartUtc, intervalEndUtc, value, createdAtUtc);
    }
}
