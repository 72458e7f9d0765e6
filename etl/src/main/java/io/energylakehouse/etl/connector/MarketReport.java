package io.energylakehouse.etl.connector;

import io.energylakehouse.common.table.TableSpec;

import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * A report of a connector as users name it ({@code prc_lmp}, {@code da_hrl_lmps}, {@code dam_spp}): the raw table its
 * payloads land in and what it feeds.
 *
 * @param name the name users type after {@code --report}, lower case
 * @param source the source code of its payloads in {@code raw.fetch_log} (e.g. {@code caiso-oasis})
 * @param requestName the report's name at the operator ({@code PRC_LMP}, {@code NP4-190-CD}), for messages and request keys
 */
public record MarketReport(String name, String description, String source, String requestName, TableSpec rawTable, List<ReportOutput> outputs)
{
    public MarketReport
    {
        requireNonNull(name, "name is null");
        requireNonNull(description, "description is null");
        requireNonNull(source, "source is null");
        requireNonNull(requestName, "requestName is null");
        requireNonNull(rawTable, "rawTable is null");
        outputs = List.copyOf(requireNonNull(outputs, "outputs is null"));
        if (!name.equals(name.toLowerCase(java.util.Locale.ROOT)) || outputs.isEmpty()) {
            throw new IllegalArgumentException("Cannot declare report '" + name + "': a report name is lower case and a report feeds at least one output");
        }
    }

    /** The datasets the report feeds, in order. */
    public List<String> datasets()
    {
        return outputs.stream().map(ReportOutput::dataset).toList();
    }
}
