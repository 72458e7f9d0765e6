package io.energylakehouse.etl.source.pjm;

import io.energylakehouse.etl.raw.RawRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * One item of a Data Miner 2 LMP page, typed, with the operator's own fields; the prices are the feed's {@code *_da} or
 * {@code *_rt} fields. Null where the request did not ask for the field or the item holds null.
 *
 * @param itemNumber position of the item in the page's {@code items}, from 1
 * @param datetimeBeginningEpt the EPT wall time as published (never used for instants)
 * @param pnodeType the item's {@code type}
 */
public record PjmLmpRecord(
        PjmReport report,
        int itemNumber,
        Instant intervalStartUtc,
        String datetimeBeginningEpt,
        long pnodeId,
        String pnodeName,
        String pnodeType,
        String zone,
        String voltage,
        String equipment,
        double totalLmp,
        Double systemEnergyPrice,
        Double congestionPrice,
        Double marginalLossPrice,
        Boolean rowIsCurrent,
        Integer versionNbr,
        String occCheck,
        String refCaseIdUsedMultiInterval)
        implements RawRecord
{
    public PjmLmpRecord
    {
        requireNonNull(report, "report is null");
        requireNonNull(intervalStartUtc, "intervalStartUtc is null");
    }

    public Instant intervalEndUtc()
    {
        return intervalStartUtc.plusSeconds(60L * report.intervalMinutes());
    }

    public boolean isVerified()
    {
        return report.verification() != PjmReport.Verification.UNVERIFIED;
    }

    @Override
    public Row toRow(String fetchId, String landingId)
    {
        return RowFactory.create(fetchId, landingId, itemNumber, intervalStartUtc, datetimeBeginningEpt, pnodeId, pnodeName, pnodeType, zone, voltage,
                equipment, totalLmp, systemEnergyPrice, congestionPrice, marginalLossPrice, rowIsCurrent, versionNbr, occCheck, refCaseIdUsedMultiInterval,
                isVerified());
    }
}
