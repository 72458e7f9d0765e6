package io.energylakehouse.etl.source.caiso;

import io.energylakehouse.common.calendar.PeakBlock;
import io.energylakehouse.common.market.Markets;
import io.energylakehouse.common.time.MarketTime;

import java.util.List;

/** CAISO as a market: its registry entry ({@link Markets#CAISO}: code, clock, currency, on-peak block) and its trading hubs and zones. */
public final class CaisoMarket
{
    private CaisoMarket() {}

    public static final String MARKET = Markets.CAISO.code();
    public static final String SOURCE = "caiso-oasis";
    public static final String CURRENCY = Markets.CAISO.currency();
    /** Operating days and hours ending are Pacific prevailing time, with DST. */
    public static final MarketTime TIME = Markets.CAISO.time();
    public static final PeakBlock PEAK_BLOCK = Markets.CAISO.peakBlock().orElseThrow();

    /** $/MWh: OASIS rounds components to 5 decimals, so their sum may differ from the total by a few 1e-5. */
    public static final double TOTAL_TOLERANCE_PER_MWH = 0.01;

    public static final String NP15 = "TH_NP15_GEN-APND";
    public static final String SP15 = "TH_SP15_GEN-APND";
    public static final String ZP26 = "TH_ZP26_GEN-APND";
    public static final List<String> TRADING_HUBS = List.of(NP15, SP15, ZP26);
    /** Default load aggregation points, priced as zones. */
    public static final String ZONE_PREFIX = "DLAP_";

    /** The rule {@link CaisoPrices#withMarketColumns} applies in Spark: hub for the three trading hubs, zone for default load aggregation points (DLAP_*), node otherwise. */
    public static String locationType(String node)
    {
        if (TRADING_HUBS.contains(node)) {
            return "hub";
        }
        if (node.startsWith(ZONE_PREFIX)) {
            return "zone";
        }
        return "node";
    }
}
