package io.energylakehouse.etl.source.pjm;

import io.energylakehouse.common.market.Markets;
import io.energylakehouse.common.time.MarketTime;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** PJM as a market: its code, clock, currency, the pnode types of Data Miner 2 and how they map to location types. */
public final class PjmMarket
{
    private PjmMarket() {}

    public static final String MARKET = Markets.PJM.code();
    public static final String SOURCE = "pjm-dataminer";
    public static final String CURRENCY = Markets.PJM.currency();
    /** Operating days and hours ending are Eastern prevailing time (EPT), with DST. */
    public static final MarketTime TIME = Markets.PJM.time();
    /** Largest |total - (energy + congestion + loss)| accepted without the {@code total_mismatch} flag. */
    public static final double TOTAL_TOLERANCE_PER_MWH = 0.01;

    /** Data Miner 2 pnode {@code type}s and the canonical location type each becomes. */
    public static final Map<String, String> LOCATION_TYPES = Map.ofEntries(
            Map.entry("HUB", "hub"),
            Map.entry("ZONE", "zone"),
            Map.entry("AGGREGATE", "node"),
            Map.entry("LOAD", "node"),
            Map.entry("GEN", "node"),
            Map.entry("EHV", "node"),
            Map.entry("INTERFACE", "node"),
            Map.entry("EXT", "node"),
            Map.entry("TIE", "node"),
            Map.entry("RESIDUAL_METERED_EDC", "node"));

    /** Trading hubs' pnode ids (gridstatus {@code hub_node_ids}), for pages requested without the {@code type} field. */
    public static final Set<Long> HUB_IDS = Set.of(51217L, 116013751L, 35010337L, 34497151L, 34497127L, 34497125L, 33092315L, 33092313L, 33092311L,
            4669664L, 51288L, 51287L);
    /** Zones' pnode ids (gridstatus {@code zone_node_ids}; PJM-RTO is 1), for pages requested without the {@code type} field. */
    public static final Set<Long> ZONE_IDS = Set.of(1L, 3L, 51291L, 51292L, 51293L, 51295L, 51296L, 51297L, 51298L, 51299L, 51300L, 51301L,
            7633629L, 8394954L, 8445784L, 33092371L, 34508503L, 34964545L, 37737283L, 116013753L, 124076095L, 970242670L, 1709725933L);

    /** The known pnode types, sorted, for messages. */
    public static List<String> knownTypes()
    {
        return LOCATION_TYPES.keySet().stream().sorted().toList();
    }

    /**
     * The canonical location type of a pnode: from its Data Miner {@code type} (case-insensitive), or, when the page
     * did not carry the type, from the known hub and zone ids; null for a type PJM has not used so far.
     */
    public static String locationType(String pnodeType, long pnodeId)
    {
        if (pnodeType == null) {
            if (HUB_IDS.contains(pnodeId)) {
                return "hub";
            }
            return ZONE_IDS.contains(pnodeId) ? "zone" : "node";
        }
        return LOCATION_TYPES.get(pnodeType.trim().toUpperCase(Locale.ROOT));
    }
}
