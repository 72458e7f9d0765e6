package io.energylakehouse.etl.source.caiso;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What an OASIS response or file holds once unwrapped: CSV data, or OASIS's XML error report. */
public sealed interface OasisContent
{
    /**
     * @param memberNames names of the CSV members (a zip may hold several; their lines are concatenated, each header checked)
     * @param reportName the OASIS query name in the member name, e.g. PRC_LMP, when the name follows OASIS's pattern
     * @param generatedAtUtc generation stamp in the member name, read as Pacific time (see {@link OasisFiles})
     */
    record Csv(List<String> memberNames, Optional<String> reportName, Optional<Instant> generatedAtUtc, List<CsvMember> members)
            implements OasisContent
    {
        public Csv
        {
            memberNames = List.copyOf(memberNames);
            members = List.copyOf(members);
        }
    }

    record CsvMember(String name, String text) {}

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
