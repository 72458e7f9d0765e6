package io.energylakehouse.etl.source.ercot;

import io.energylakehouse.common.market.Markets;
import io.energylakehouse.common.time.MarketTime;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/** ERCOT as a market: its code, clock, currency, settlement point types and how they become location types. */
public final class ErcotMarket
{
    private ErcotMarket() {}

    public static final String MARKET = Markets.ERCOT.code();
    public static final String SOURCE = "ercot-public";
    public static final String CURRENCY = Markets.ERCOT.currency();
    /** Delivery dates and hours ending are Central prevailing time, with DST. */
    public static final MarketTime TIME = Markets.ERCOT.time();

    public static final List<String> HUBS = List.of("HB_BUSAVG", "HB_HOUSTON", "HB_HUBAVG", "HB_NORTH", "HB_PAN", "HB_SOUTH", "HB_WEST");
    public static final List<String> LOAD_ZONES = List.of("LZ_AEN", "LZ_CPS", "LZ_HOUSTON", "LZ_LCRA", "LZ_NORTH", "LZ_RAYBN", "LZ_SOUTH", "LZ_WEST");

    /** Hubs: HU hub, SH 345 kV hub-bus average (HB_BUSAVG), AH hub average (HB_HUBAVG). */
    public static final Set<String> HUB_TYPES = Set.of("HU", "SH", "AH");
    /** Load zones, DC-tie load zones, and their energy-weighted real-time variants. */
    public static final Set<String> ZONE_TYPES = Set.of("LZ", "LZ_DC", "LZEW", "LZ_DCEW");
    /** Energy-weighted load zones: real time only, their names collide with the plain zones'. */
    public static final Set<String> ENERGY_WEIGHTED_TYPES = Set.of("LZEW", "LZ_DCEW");
    /** Resource nodes: normal, combined-cycle physical and logical, private-use network. */
    public static final Set<String> NODE_TYPES = Set.of("RN", "PCCRN", "LCCRN", "PUN");
    /** Suffix of an energy-weighted zone's location id: {@code LZ_HOUSTON_EW}. */
    public static final String ENERGY_WEIGHTED_SUFFIX = "_EW";

    /** Whether {@code type} is a SettlementPointType we know. */
    public static boolean isKnownType(String type)
    {
        return HUB_TYPES.contains(type) || ZONE_TYPES.contains(type) || NODE_TYPES.contains(type);
    }

    /**
     * The canonical location type: from the settlement point type when the file has one (hub, zone, node), else
     * from the name: {@code HB_*} hub, {@code LZ_*} and {@code DC_*} zone, any other a (resource) node.
     */
    public static String locationType(String settlementPoint, String settlementPointType)
    {
        if (settlementPointType != null) {
            String type = settlementPointType.toUpperCase(Locale.ROOT);
            if (HUB_TYPES.contains(type)) {
                return "hub";
            }
            if (ZONE_TYPES.contains(type)) {
                return "zone";
            }
            if (NODE_TYPES.contains(type)) {
                return "node";
            }
        }
        if (settlementPoint.startsWith("HB_")) {
            return "hub";
        }
        if (settlementPoint.startsWith("LZ_") || settlementPoint.startsWith("DC_")) {
            return "zone";
        }
        return "node";
    }

    /** The canonical location id: the settlement point, with {@code _EW} for an energy-weighted zone. */
    public static String locationId(String settlementPoint, String settlementPointType)
    {
        if (settlementPointType != null && ENERGY_WEIGHTED_TYPES.contains(settlementPointType.toUpperCase(Locale.ROOT))) {
            return settlementPoint + ENERGY_WEIGHTED_SUFFIX;
        }
        return settlementPoint;
    }
}
