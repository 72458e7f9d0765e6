package io.energylakehouse.etl.source.caiso;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What an OASIS response or file held once unwrapped: CSV data (whose lines {@link OasisFiles} handed to the
 * caller's reader as it streamed them), or OASIS's XML error report.
 */
public sealed interface OasisContent
{
    /**
     * @param memberNames names of the CSV members (a zip may hold several; their lines are concatenated, each header checked)
     * @param reportName the OASIS query name in the member name, e.g. PRC_LMP, when the name follows OASIS's pattern
     * @param generatedAtUtc generation stamp in the member name, read as Pacific time (see {@link OasisFiles})
     */
    record Csv(List<String> memberNames, Optional<String> reportName, Optional<Instant> generatedAtUtc)
            implements OasisContent
    {
        public Csv
        {
            memberNames = List.copyOf(memberNames);
        }
    }

    /** {@code OASISReport/MessagePayload/RTO/ERROR}: ERR_CODE 1000 means no data for the selection. */
    record ErrorReport(String memberName, String errorCode, String errorDescription)
            implements OasisContent
    {
        public boolean isNoData()
        {
            return "1000".equals(errorCode);
        }
    }
}
