package io.energylakehouse.etl.source.nyiso;

import io.energylakehouse.etl.raw.RawRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * One row of a NYISO LBMP file, typed, with the operator's own fields and the interval they mean.
 *
 * @param member the daily CSV the row is in: the file itself, or a member of a monthly zip
 * @param lineNumber the row's line in its daily CSV (the first line is 1, a leading blank line counted)
 * @param timeStamp the Time Stamp as published, {@code MM/DD/YYYY HH:MM:SS} local prevailing time
 * @param timeZone the Time Zone column (EST or EDT), null where the file has none
 * @param marginalCostCongestion as NYISO publishes it: the opposite sign to our congestion component
 */
public record NyisoLbmpRecord(
        NyisoReport report,
        String member,
        int lineNumber,
        Instant intervalStartUtc,
        Instant intervalEndUtc,
        String timeStamp,
        String timeZone,
        String name,
        long ptid,
        double lbmp,
        double marginalCostLosses,
        double marginalCostCongestion)
        implements RawRecord
{
    public NyisoLbmpRecord
    {
        requireNonNull(report, "report is null");
        requireNonNull(member, "member is null");
        requireNonNull(intervalStartUtc, "intervalStartUtc is null");
        requireNonNull(intervalEndUtc, "intervalEndUtc is null");
        requireNonNull(timeStamp, "timeStamp is null");
        requireNonNull(name, "name is null");
    }

    @Override
    public Row toRow(String fetchId, String landingId)
    {
        return RowFactory.create(fetchId, landingId, member, lineNumber, intervalStartUtc, intervalEndUtc, timeStamp, timeZone, name, ptid, lbmp, marginalCostLosses,
                marginalCostCongestion);
    }
}
