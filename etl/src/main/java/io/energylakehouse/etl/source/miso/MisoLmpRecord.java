package io.energylakehouse.etl.source.miso;

import io.energylakehouse.etl.raw.RawRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.time.Instant;
import java.time.LocalDate;

import static java.util.Objects.requireNonNull;

/**
 * One node and hour of a MISO LMP market report, typed: the HE column of the node's LMP, MCC and MLC rows.
 *
 * @param lineNumber the line of the node's LMP row in the file
 * @param nodeType the {@code Type} as published (Hub, Loadzone, Interface, Gennode, ...)
 * @param hasDuplicateRows whether the file repeated one of the node's rows with the same values
 */
public record MisoLmpRecord(
        MisoReport report,
        int lineNumber,
        Instant intervalStartUtc,
        LocalDate marketDay,
        int hourEnding,
        String node,
        String nodeType,
        double lmp,
        double mcc,
        double mlc,
        boolean hasDuplicateRows)
        implements RawRecord
{
    public MisoLmpRecord
    {
        requireNonNull(report, "report is null");
        requireNonNull(intervalStartUtc, "intervalStartUtc is null");
        requireNonNull(marketDay, "marketDay is null");
        requireNonNull(node, "node is null");
        requireNonNull(nodeType, "nodeType is null");
    }

    public Instant intervalEndUtc()
    {
        return intervalStartUtc.plus(report.intervalLength());
    }

    @Override
    public Row toRow(String fetchId, String landingId)
    {
        return RowFactory.create(fetchId, landingId, lineNumber, intervalStartUtc, marketDay, hourEnding, node, nodeType, lmp, mcc, mlc, hasDuplicateRows);
    }
}
