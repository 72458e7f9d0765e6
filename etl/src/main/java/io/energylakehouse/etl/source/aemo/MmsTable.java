package io.energylakehouse.etl.source.aemo;

import java.util.Optional;

/**
 * The MMS Data Model tables we read, by the group and table their {@code I} and {@code D} rows name in fields 2 and 3
 * ({@code I,DISPATCH,PRICE,5,...}); the table version (field 4) decides the columns, read from each {@code I} row.
 */
public enum MmsTable
{
    DISPATCH_PRICE("DISPATCH", "PRICE", "DISPATCHPRICE"),
    TRADING_PRICE("TRADING", "PRICE", "TRADINGPRICE"),
    MARKET_PRICE_THRESHOLDS("MARKET_CONFIG", "MARKET_PRICE_THRESHOLDS", "MARKET_PRICE_THRESHOLDS");

    private final String group;
    private final String table;
    private final String tableName;

    MmsTable(String group, String table, String tableName)
    {
        this.group = group;
        this.table = table;
        this.tableName = tableName;
    }

    /** The table of an {@code I} row's group and table fields, if it is one we read. */
    public static Optional<MmsTable> of(String group, String table)
    {
        for (MmsTable candidate : values()) {
            if (candidate.group.equals(group) && candidate.table.equals(table)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    public String group()
    {
        return group;
    }

    public String table()
    {
        return table;
    }

    /** The table's name in the MMS Data Model and in raw rows: {@code DISPATCHPRICE}. */
    public String tableName()
    {
        return tableName;
    }
}
