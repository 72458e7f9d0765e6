package io.energylakehouse.etl.connector;

import io.energylakehouse.common.table.TableSpec;

import java.util.OptionalInt;

import static java.util.Objects.requireNonNull;

/**
 * One thing a report feeds: a canonical table and the dataset its rows carry there. A report may feed several (an
 * ENTSO-E A44 document hourly and quarter-hourly prices, an AEMO DISPATCHPRICE file the energy price and eight FCAS
 * prices), so the interval length is the output's typical one, for documentation and expected-interval checks; each
 * row still carries its own, taken from its row or period.
 *
 * @param intervalMinutes the length of the output's intervals when it has one length; empty when each period says
 */
public record ReportOutput(TableSpec canonicalTable, String dataset, OptionalInt intervalMinutes)
{
    public ReportOutput
    {
        requireNonNull(canonicalTable, "canonicalTable is null");
        requireNonNull(dataset, "dataset is null");
        requireNonNull(intervalMinutes, "intervalMinutes is null");
    }

    public static ReportOutput of(TableSpec canonicalTable, String dataset, int intervalMinutes)
    {
        return new ReportOutput(canonicalTable, dataset, OptionalInt.of(intervalMinutes));
    }
}
