package io.energylakehouse.etl.source.spp;

import io.energylakehouse.common.market.Markets;
import io.energylakehouse.common.time.MarketTime;

import java.util.List;

/** SPP as a market: its code, clock, currency, and the settlement locations that are its trading hubs. */
public final class SppMarket
{
    private SppMarket() {}

    public static final String MARKET = Markets.SPP.code();
    public static final String SOURCE = "spp-marketplace";
    public static final String CURRENCY = Markets.SPP.currency();
    /** Operating days and hours ending are Central prevailing time (America/Chicago), with DST. */
    public static final MarketTime TIME = Markets.SPP.time();
    /** Largest |LMP - (MEC + MCC + MLC)| accepted without the {@code total_mismatch} flag: prices have 4 decimals. */
    public static final double TOTAL_TOLERANCE_PER_MWH = 0.01;

    /** SPP's two market hubs; every other settlement location, and every bus, is a node. */
    public static final List<String> HUBS = List.of("SPPNORTH_HUB", "SPPSOUTH_HUB");

    /** The canonical location type of a settlement location or bus. */
    public static String locationType(String locationId)
    {
        return HUBS.contains(locationId) ? "hub" : "node";
    }
}
