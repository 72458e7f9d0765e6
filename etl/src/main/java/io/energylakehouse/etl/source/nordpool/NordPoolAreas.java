package io.energylakehouse.etl.source.nordpool;

import io.energylakehouse.common.market.BiddingZone;
import io.energylakehouse.common.market.Markets;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static java.util.Objects.requireNonNull;

/**
 * The mapping between Nord Pool's delivery-area names and ENTSO-E bidding zones ({@link Markets#biddingZone}): {@code SE3}
 * is {@code SE_3}, {@code NO1} {@code NO_1}, {@code DK1} {@code DK_1}, {@code DE-LU} (the licensed API spells it
 * {@code GER}) {@code DE_LU}, Romania's {@code TEL} {@code RO}, and so on. The system price {@code SYS} is a Nordic reference price, not a bidding zone:
 * it maps to none. This is the table the cross-source check (Nord Pool vs ENTSO-E A44 for one zone and interval) joins on.
 *
 * <p>Our location id of an area is Nord Pool's name as the data portal spells it ({@code SE3}, {@code DE-LU}); an alias
 * ({@code GER}) is read as its area.
 */
public final class NordPoolAreas
{
    private NordPoolAreas() {}

    /**
     * A Nord Pool delivery area.
     *
     * @param name Nord Pool's name, our location id ({@code SE3}, {@code DE-LU}, {@code SYS})
     * @param portalName the data portal's {@code deliveryArea} spelling ({@code GER} for {@code DE-LU}, else the name)
     * @param zoneCode the ENTSO-E bidding zone code ({@code SE_3}), empty for the system price
     * @param localCurrency the currency Nord Pool also quotes the area in besides EUR ({@code SEK}), empty where EUR is local
     * @param aliases other spellings Nord Pool uses for it ({@code GER} in the licensed API)
     */
    public record Area(String name, String portalName, Optional<String> zoneCode, Optional<String> localCurrency, List<String> aliases)
    {
        public Area
        {
            requireNonNull(name, "name is null");
            requireNonNull(portalName, "portalName is null");
            requireNonNull(zoneCode, "zoneCode is null");
            requireNonNull(localCurrency, "localCurrency is null");
            aliases = List.copyOf(requireNonNull(aliases, "aliases is null"));
        }

        /** The registry's bidding zone of the area; empty for SYS. */
        public Optional<BiddingZone> biddingZone()
        {
            return zoneCode.map(code -> Markets.biddingZone(code)
                    .orElseThrow(() -> new IllegalStateException("Cannot map Nord Pool area " + name + ": bidding zone " + code + " is not in the registry")));
        }
    }

    /** The system price: no bidding zone. */
    public static final String SYSTEM_PRICE = "SYS";

    private static final Map<String, Area> AREAS = areas();

    private static Map<String, Area> areas()
    {
        Map<String, Area> areas = new LinkedHashMap<>();
        for (int i = 1; i <= 4; i++) {
            add(areas, "SE" + i, "SE_" + i, "SEK");
        }
        for (int i = 1; i <= 5; i++) {
            add(areas, "NO" + i, "NO_" + i, "NOK");
        }
        add(areas, "DK1", "DK_1", "DKK");
        add(areas, "DK2", "DK_2", "DKK");
        add(areas, "FI", "FI", null);
        add(areas, "EE", "EE", null);
        add(areas, "LV", "LV", null);
        add(areas, "LT", "LT", null);
        areas.put(SYSTEM_PRICE, new Area(SYSTEM_PRICE, SYSTEM_PRICE, Optional.empty(), Optional.empty(), List.of()));
        // continental areas Nord Pool also prices in the SDAC coupling; the data portal and the licensed API call Germany GER
        areas.put("DE-LU", new Area("DE-LU", "GER", Optional.of("DE_LU"), Optional.empty(), List.of("GER", "DE_LU", "DELU")));
        add(areas, "AT", "AT", null);
        add(areas, "BE", "BE", null);
        add(areas, "FR", "FR", null);
        add(areas, "NL", "NL", null);
        add(areas, "PL", "PL", "PLN");
        // south-east Europe: Bulgaria, and Romania under its TSO's name (pynordpool's area list)
        add(areas, "BG", "BG", "BGN");
        areas.put("TEL", new Area("TEL", "TEL", Optional.of("RO"), Optional.of("RON"), List.of("RO")));
        return java.util.Collections.unmodifiableMap(areas);
    }

    private static void add(Map<String, Area> areas, String name, String zoneCode, String localCurrency)
    {
        areas.put(name, new Area(name, name, Optional.of(zoneCode), Optional.ofNullable(localCurrency), List.of()));
    }

    /** Every area in the table, Nordic and Baltic first, then SYS, then the continental ones. */
    public static List<Area> all()
    {
        return List.copyOf(AREAS.values());
    }

    /** The area of a Nord Pool name or alias in any case ({@code se3}, {@code GER}, {@code DE-LU}); empty for a name not in the table. */
    public static Optional<Area> area(String name)
    {
        if (name == null) {
            return Optional.empty();
        }
        String key = name.strip().toUpperCase(Locale.ROOT);
        Area exact = AREAS.get(key);
        if (exact != null) {
            return Optional.of(exact);
        }
        return AREAS.values().stream().filter(area -> area.aliases().contains(key)).findFirst();
    }

    /** The ENTSO-E bidding zone of a Nord Pool area name; empty for SYS and for names not in the table. */
    public static Optional<BiddingZone> biddingZone(String areaName)
    {
        return area(areaName).flatMap(Area::biddingZone);
    }

    /** The Nord Pool area of an ENTSO-E bidding zone code in any of the registry's spellings ({@code SE_3}, {@code SE3}, its EIC). */
    public static Optional<Area> ofBiddingZone(String zoneCode)
    {
        return Markets.biddingZone(zoneCode).flatMap(zone -> AREAS.values().stream()
                .filter(area -> area.zoneCode().filter(zone.code()::equals).isPresent())
                .findFirst());
    }

    /** Our location id of a published area name: the table's name for a known name or alias ({@code GER} is {@code DE-LU}), else empty. */
    public static Optional<String> locationId(String publishedName)
    {
        return area(publishedName).map(Area::name);
    }

    /** The Nordic and Baltic areas and SYS: what Nord Pool's own day-ahead pages show by default. */
    public static List<Area> nordicAndBaltic()
    {
        return AREAS.values().stream().takeWhile(area -> !area.name().equals("DE-LU")).toList();
    }
}
