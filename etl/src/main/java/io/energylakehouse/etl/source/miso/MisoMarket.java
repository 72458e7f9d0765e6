package io.energylakehouse.etl.source.miso;

import io.energylakehouse.common.market.Markets;
import io.energylakehouse.common.time.MarketTime;

import java.util.List;
import java.util.Locale;

/** MISO as a market: its code, clock, currency, hubs and how the market reports' node types become location types. */
public final class MisoMarket
{
    private MisoMarket() {}

    public static final String MARKET = Markets.MISO.code();
    public static final String SOURCE = "miso-marketreports";
    public static final String CURRENCY = Markets.MISO.currency();
    /**
     * Market days and hours ending are Eastern Standard Time all year (a fixed UTC-05:00 clock, never America/Chicago):
     * every market day has hours ending 1..24.
     */
    public static final MarketTime TIME = Markets.MISO.time();
    /** Where the market reports are published: {@code {base}/{yyyyMMdd}_{report}.csv}. */
    public static final String MARKET_REPORTS_URL = "https://docs.misoenergy.org/marketreports";

    /** MISO's trading hubs as the market reports name them. */
    public static final List<String> HUBS = List.of("ARKANSAS.HUB", "ILLINOIS.HUB", "INDIANA.HUB", "LOUISIANA.HUB", "MICHIGAN.HUB", "MINN.HUB", "MS.HUB",
            "TEXAS.HUB");

    /** The market reports' {@code Type} of a hub. */
    public static final String HUB_TYPE = "Hub";
    /** The market reports' {@code Type} of a load zone. */
    public static final String LOAD_ZONE_TYPE = "Loadzone";
    /** Types seen besides hubs and load zones; all become {@code node}. */
    public static final String INTERFACE_TYPE = "Interface";
    public static final String GENERATOR_NODE_TYPE = "Gennode";

    /**
     * The canonical location type of a node named in a file without a Type column (the five-minute zip): hub for a
     * name ending {@code .HUB}, otherwise node (load zones cannot be told apart there).
     */
    public static String locationTypeOfName(String node)
    {
        return node.toUpperCase(Locale.ROOT).endsWith(".HUB") ? "hub" : "node";
    }

    /** The canonical location type of a node by its {@code Type}: Hub hub, Loadzone zone, any other (Interface, Gennode, ...) node. */
    public static String locationType(String nodeType)
    {
        String type = nodeType == null ? "" : nodeType.strip().toLowerCase(Locale.ROOT);
        return switch (type) {
            case "hub" -> "hub";
            case "loadzone" -> "zone";
            default -> "node";
        };
    }
}
