package io.energylakehouse.etl.source.caiso;

import io.energylakehouse.etl.raw.RawRecord;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

import java.time.Instant;
import java.time.LocalDate;

import static java.util.Objects.requireNonNull;

/**
 * One line of a PRC_LMP or PRC_INTVL_LMP file, typed, with the operator's own fields; {@code value} is the
 * file's {@code MW} or {@code VALUE} column. Null where the file version lacks the column or the field is empty.
 */
public record OasisLmpRecord(
        int lineNumber,
        Instant intervalStartUtc,
        Instant intervalEndUtc,
        LocalDate oprDt,
        Integer oprHr,
        Integer oprInterval,
        String nodeIdXml,
        String nodeId,
        String node,
        String marketRunId,
        String lmpType,
        String xmlDataItem,
        String pnodeResmrid,
        String grpType,
        Double pos,
        Double value,
        Integer group)
        implements RawRecord
{
    public OasisLmpRecord
    {
        requireNonNull(intervalStartUtc, "intervalStartUtc is null");
        requireNonNull(intervalEndUtc, "intervalEndUtc is null");
        requireNonNull(node, "node is null");
        requireNonNull(lmpType, "lmpType is null");
    }

    @Override
    public Row toRow(String fetchId, String landingId)
    {
        return RowFactory.create(fetchId, landingId, lineNumber, intervalStartUtc, intervalEndUtc, oprDt, oprHr, oprInterval, nodeIdXml, nodeId, node,
                marketRunId, lmpType, xmlDataItem, pnodeResmrid, grpType, pos, value, group);
    }
}
