package io.energylakehouse.etl.source.miso;

import io.energylakehouse.etl.raw.RawRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.time.Duration;
import java.time.Instant;

import static java.util.Objects.requireNonNull;

/**
 * One line of MISO's weekly five-minute LMP file, typed: a node's prices for the five minutes starting at MKTHOUR_EST.
 *
 * @param mkthourEst the MKTHOUR_EST text as published (EST wall time; read at UTC-05:00 for {@code intervalStartUtc})
 */
public record MisoFiveMinuteRecord(
        int lineNumber,
        Instant intervalStartUtc,
        String mkthourEst,
        String node,
        double lmp,
        double congestionLmp,
        double lossLmp)
        implements RawRecord
{
    public static final Duration INTERVAL = Duration.ofMinutes(5);

    public MisoFiveMinuteRecord
    {
        requireNonNull(intervalStartUtc, "intervalStartUtc is null");
        requireNonNull(mkthourEst, "mkthourEst is null");
        requireNonNull(node, "node is null");
    }

    public Instant intervalEndUtc()
    {
        return intervalStartUtc.plus(INTERVAL);
    }

    @Override
    public Row toRow(String fetchId, String landingId)
    {
        return RowFactory.create(fetchId, landingId, lineNumber, intervalStartUtc, mkthourEst, node, lmp, congestionLmp, lossLmp);
    }
}
