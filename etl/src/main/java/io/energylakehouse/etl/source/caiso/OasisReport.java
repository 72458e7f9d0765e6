package io.energylakehouse.etl.source.caiso;

import io.energylakehouse.common.LakehouseException;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;

/**
 * The OASIS price reports we ingest, with what OASIS requires of a request for them and where their price
 * sits in the file.
 *
 * @param version the mandatory {@code version} query parameter
 * @param valueColumn header of the price column: {@code MW} in PRC_LMP, {@code VALUE} in PRC_INTVL_LMP
 * @param allNodesWindow longest window OASIS serves in one request for all nodes
 */
public enum OasisReport
{
    PRC_LMP("PRC_LMP", 12, "DAM", "MW", "da_hourly", 60, Duration.ofDays(1), "caiso_prc_lmp"),
    PRC_INTVL_LMP("PRC_INTVL_LMP", 3, "RTM", "VALUE", "rt_5min", 5, Duration.ofHours(1), "caiso_prc_intvl_lmp");

    private final String queryName;
    private final int version;
    private final String marketRunId;
    private final String valueColumn;
    private final String dataset;
    private final int intervalMinutes;
    private final Duration allNodesWindow;
    private final String rawTableName;

    OasisReport(String queryName, int version, String marketRunId, String valueColumn, String dataset, int intervalMinutes, Duration allNodesWindow,
            String rawTableName)
    {
        this.queryName = queryName;
        this.version = version;
        this.marketRunId = marketRunId;
        this.valueColumn = valueColumn;
        this.dataset = dataset;
        this.intervalMinutes = intervalMinutes;
        this.allNodesWindow = allNodesWindow;
        this.rawTableName = rawTableName;
    }

    /** Accepts {@code prc_lmp}, {@code PRC_LMP}, {@code prc-intvl-lmp}. */
    public static OasisReport fromName(String name)
    {
        String normalized = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        return Arrays.stream(values())
                .filter(report -> report.queryName.equals(normalized))
                .findFirst()
                .orElseThrow(() -> LakehouseException.userError("Cannot use CAISO report '%s': known reports are %s", name, Arrays.toString(values())));
    }

    public String queryName()
    {
        return queryName;
    }

    public int version()
    {
        return version;
    }

    public String marketRunId()
    {
        return marketRunId;
    }

    public String valueColumn()
    {
        return valueColumn;
    }

    public String dataset()
    {
        return dataset;
    }

    public int intervalMinutes()
    {
        return intervalMinutes;
    }

    public Duration allNodesWindow()
    {
        return allNodesWindow;
    }

    public String rawTableName()
    {
        return rawTableName;
    }
}
