package io.energylakehouse.common.market;

import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.calendar.PeakBlock;
import io.energylakehouse.common.time.MarketTime;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The one registry of markets and ENTSO-E bidding zones that etl, curves, backtesting, the CLI and (through
 * {@code bin/lakehouse markets --format json}) Airflow read. A market's facts are written here once.
 *
 * <p>Peak blocks are given where the market's standard block is settled, each with the contract it comes from
 * ({@link PeakBlock#source}): the US ISOs (NERC holidays off-peak), the European exchanges (EEX peak, holidays
 * on-peak), the NEM (ASX peak) and JEPX (the Japanese peakload futures, national holidays off-peak); IESO and AESO
 * are base only until their block is checked against an exchange's contract specifications.
 */
public final class Markets
{
    private static final String PUBLIC = "public: the operator publishes it for anyone";

    public static final Market CAISO = us("CAISO", "California Independent System Operator", "America/Los_Angeles", PeakBlock.WECC_6X16, List.of(), PUBLIC)
            .withReferenceHub(new ReferenceHub("TH_SP15_GEN-APND", "SP-15 Trading Hub",
                    "ICE SP-15 Day-Ahead Peak (SQP): HE 0700-2200 PPT Monday-Saturday, NERC holidays excluded"), ZoneId.of("America/Los_Angeles"));
    public static final Market PJM = us("PJM", "PJM Interconnection", "America/New_York", PeakBlock.EASTERN_5X16, List.of("PJM_API_KEY"),
            "PJM members and licensees only: PJM's terms forbid redistribution to non-members; granted to no group by default")
            .withReferenceHub(new ReferenceHub("51288", "PJM Western Hub",
                    "CME PJM Western Hub Peak Calendar-Month Day-Ahead LMP (JM): HE 0800-2300 EPT Monday-Friday, NERC holidays excluded"), ZoneId.of("America/New_York"));
    public static final Market ERCOT = us("ERCOT", "Electric Reliability Council of Texas", "America/Chicago", PeakBlock.ERCOT_5X16,
            List.of("ERCOT_API_USERNAME", "ERCOT_API_PASSWORD", "ERCOT_PUBLIC_API_SUBSCRIPTION_KEY"), PUBLIC)
            .withReferenceHub(new ReferenceHub("HB_NORTH", "ERCOT North 345 kV Hub",
                    "ICE ERCOT North 345KV Real-Time Peak Fixed Price Future (ERN): HE 0700-2200 CPT Monday-Friday, NERC holidays excluded"), ZoneId.of("America/Chicago"));
    /**
     * MISO counts its days in Eastern Standard Time all year (hours 1..24 every day); the traded 5x16 block of Indiana
     * Hub is counted in Eastern prevailing time, so in summer its hours are HE 7-22 of MISO's EST data.
     */
    public static final Market MISO = new Market("MISO", "Midcontinent Independent System Operator", new MarketTime(ZoneId.of("-05:00")), "USD", "MWh",
            Optional.of(PeakBlock.EASTERN_5X16), ZoneId.of("-05:00"), List.of("MISO_API_KEY"), PUBLIC)
            .withReferenceHub(new ReferenceHub("INDIANA.HUB", "MISO Indiana Hub",
                    "CME MISO Indiana Hub Peak Calendar-Month Day-Ahead (FDM) and ICE Indiana Hub Day-Ahead Peak: HE 0800-2300 EPT Monday-Friday, NERC holidays excluded"),
                    ZoneId.of("America/New_York"));
    /** NYISO's reference is zone J (New York City, PTID 61761): it has no trading hub; NYISO's files key on PTIDs. */
    public static final Market NYISO = us("NYISO", "New York Independent System Operator", "America/New_York", PeakBlock.EASTERN_5X16, List.of(), PUBLIC)
            .withReferenceHub(new ReferenceHub("61761", "NYISO Zone J (N.Y.C.)",
                    "CME NYISO Zone J Day-Ahead Peak Calendar-Month (KJ): HE 0800-2300 EPT Monday-Friday, NERC holidays excluded"), ZoneId.of("America/New_York"));
    public static final Market SPP = us("SPP", "Southwest Power Pool", "America/Chicago", PeakBlock.CENTRAL_5X16, List.of(), PUBLIC)
            .withReferenceHub(new ReferenceHub("SPPNORTH_HUB", "SPP North Hub",
                    "ICE SPP North Hub Day-Ahead Peak Fixed Price Future: HE 0700-2200 CPT Monday-Friday, NERC holidays excluded"), ZoneId.of("America/Chicago"));
    /** IESO publishes Eastern Standard Time all year. */
    public static final Market IESO = new Market("IESO", "Independent Electricity System Operator (Ontario)", new MarketTime(ZoneId.of("-05:00")), "CAD", "MWh",
            Optional.empty(), ZoneId.of("-05:00"), List.of(), PUBLIC);
    public static final Market AESO = new Market("AESO", "Alberta Electric System Operator", MarketTime.of("America/Edmonton"), "CAD", "MWh",
            Optional.empty(), ZoneId.of("America/Edmonton"), List.of("AESO_API_KEY"), PUBLIC);
    public static final Market ENTSOE = new Market("ENTSOE", "ENTSO-E Transparency Platform", MarketTime.of("Europe/Brussels"), "EUR", "MWh",
            Optional.of(PeakBlock.EEX_PEAK), ZoneId.of("Europe/Brussels"), List.of("ENTSOE_API_TOKEN"), "public, with ENTSO-E's terms of use: cite the source");
    public static final Market NORDPOOL = new Market("NORDPOOL", "Nord Pool", MarketTime.of("Europe/Oslo"), "EUR", "MWh",
            Optional.of(PeakBlock.EEX_PEAK), ZoneId.of("Europe/Oslo"), List.of(), "Nord Pool's data portal terms: no redistribution without a licence");
    public static final Market EPEX = new Market("EPEX", "EPEX SPOT", MarketTime.of("Europe/Berlin"), "EUR", "MWh",
            Optional.of(PeakBlock.EEX_PEAK), ZoneId.of("Europe/Berlin"), List.of(), "EPEX SPOT's terms: licensed data");
    public static final Market EEX = new Market("EEX", "European Energy Exchange", MarketTime.of("Europe/Berlin"), "EUR", "MWh",
            Optional.of(PeakBlock.EEX_PEAK), ZoneId.of("Europe/Berlin"), List.of(), "EEX's terms: the public auction results");
    /** JEPX quotes JPY/kWh; the lakehouse stores JPY/MWh (x1000). Its peak block is the peakload of the futures on its spot prices. */
    public static final Market JEPX = new Market("JEPX", "Japan Electric Power Exchange", MarketTime.of("Asia/Tokyo"), "JPY", "MWh",
            Optional.of(PeakBlock.JAPAN_PEAKLOAD), ZoneId.of("Asia/Tokyo"), List.of(), PUBLIC);
    /** AEMO's NEM time is UTC+10 all year, although four of its regions keep DST locally. */
    public static final Market AEMO = new Market("AEMO", "Australian Energy Market Operator (NEM)", MarketTime.of("Australia/Brisbane"), "AUD", "MWh",
            Optional.of(PeakBlock.ASX_PEAK), ZoneId.of("Australia/Brisbane"), List.of(), PUBLIC);
    public static final Market EIA = new Market("EIA", "U.S. Energy Information Administration", MarketTime.of("America/New_York"), "USD", "MMBtu",
            Optional.empty(), ZoneId.of("America/New_York"), List.of("EIA_API_KEY"), "public domain (U.S. government work)");

    /** The ECB publishes the euro reference rates (no prices): a publisher in the registry so that its feed is run like a market's. */
    public static final Market ECB = new Market("ECB", "European Central Bank (euro foreign exchange reference rates)", MarketTime.of("Europe/Berlin"), "EUR", "EUR",
            Optional.empty(), ZoneId.of("Europe/Berlin"), List.of(), "public: the ECB's reference rates are free to reuse, citing the source");

    private static final Map<String, Market> MARKETS = index(List.of(CAISO, PJM, ERCOT, MISO, NYISO, SPP, IESO, AESO, ENTSOE, NORDPOOL, EPEX, EEX, JEPX, AEMO, EIA, ECB));

    private static final Map<String, BiddingZone> ZONES = zones();

    private Markets() {}

    private static Market us(String code, String operator, String zone, PeakBlock peakBlock, List<String> credentials, String terms)
    {
        return new Market(code, operator, MarketTime.of(zone), "USD", "MWh", Optional.of(peakBlock), ZoneId.of(zone), credentials, terms);
    }

    private static Map<String, Market> index(List<Market> markets)
    {
        Map<String, Market> byCode = new LinkedHashMap<>();
        markets.forEach(market -> {
            if (byCode.put(market.code(), market) != null) {
                throw new IllegalStateException("Market " + market.code() + " is registered twice");
            }
        });
        return java.util.Collections.unmodifiableMap(byCode);
    }

    /** Every market, in registration order. */
    public static List<Market> all()
    {
        return List.copyOf(MARKETS.values());
    }

    public static Optional<Market> find(String code)
    {
        return code == null ? Optional.empty() : Optional.ofNullable(MARKETS.get(code.strip().toUpperCase(Locale.ROOT)));
    }

    /** The market of a code (any case), or a user error listing the codes there are. */
    public static Market require(String code)
    {
        return find(code).orElseThrow(() -> LakehouseException.userError("Cannot find market '%s': the markets are %s", code, String.join(", ", MARKETS.keySet())));
    }

    /**
     * The market of a code, where a code may also name an area of an exchange ({@code EEX-DE}: EEX's calendar; the
     * area only names the contract).
     */
    public static Market requireWithArea(String code)
    {
        String upper = code.strip().toUpperCase(Locale.ROOT);
        int dash = upper.indexOf('-');
        return find(upper).or(() -> dash > 0 ? find(upper.substring(0, dash)) : Optional.empty())
                .orElseThrow(() -> LakehouseException.userError("Cannot find market '%s': the markets are %s (and <market>-<area>, e.g. EEX-DE)", code,
                        String.join(", ", MARKETS.keySet())));
    }

    /** Codes of the markets with an on-peak block, for messages. */
    public static String withPeakBlock()
    {
        return String.join(", ", MARKETS.values().stream().filter(market -> market.peakBlock().isPresent()).map(Market::code).toList());
    }

    /** Every ENTSO-E bidding zone, by code. */
    public static List<BiddingZone> biddingZones()
    {
        return List.copyOf(ZONES.values());
    }

    /**
     * The bidding zone of a code in ENTSO-E's spelling ({@code DK_2}, {@code NO_1}, {@code IT_NORD}), also written
     * without the underscore ({@code DK2}), with a hyphen ({@code DE-LU}), or as its EIC.
     */
    public static Optional<BiddingZone> biddingZone(String code)
    {
        if (code == null) {
            return Optional.empty();
        }
        String key = normalized(code);
        return ZONES.values().stream().filter(zone -> normalized(zone.code()).equals(key) || zone.eic().equalsIgnoreCase(code.strip())).findFirst();
    }

    private static String normalized(String code)
    {
        return code.strip().toUpperCase(Locale.ROOT).replace("_", "").replace("-", "");
    }

    private static Map<String, BiddingZone> zones()
    {
        Map<String, BiddingZone> zones = new LinkedHashMap<>();
        // Code, EIC and zone as the transparency platform's area list gives them (entsoe-py's mappings agree).
        zone(zones, "AL", "10YAL-KESH-----5", "Albania", "Europe/Tirane");
        zone(zones, "AT", "10YAT-APG------L", "Austria", "Europe/Vienna");
        zone(zones, "BA", "10YBA-JPCC-----D", "Bosnia and Herzegovina", "Europe/Sarajevo");
        zone(zones, "BE", "10YBE----------2", "Belgium", "Europe/Brussels");
        zone(zones, "BG", "10YCA-BULGARIA-R", "Bulgaria", "Europe/Sofia");
        zone(zones, "CH", "10YCH-SWISSGRIDZ", "Switzerland", "Europe/Zurich");
        zone(zones, "CY", "10YCY-1001A0003J", "Cyprus", "Asia/Nicosia");
        zone(zones, "CZ", "10YCZ-CEPS-----N", "Czech Republic", "Europe/Prague");
        zones.put("DE_AT_LU", new BiddingZone("DE_AT_LU", "10Y1001A1001A63L", "Germany-Austria-Luxembourg (split on 2018-10-01)", ZoneId.of("Europe/Berlin"), "EUR",
                Optional.of(LocalDate.of(2018, 9, 30))));
        zone(zones, "DE_LU", "10Y1001A1001A82H", "Germany-Luxembourg", "Europe/Berlin");
        zone(zones, "DK_1", "10YDK-1--------W", "Denmark West", "Europe/Copenhagen");
        zone(zones, "DK_2", "10YDK-2--------M", "Denmark East", "Europe/Copenhagen");
        zone(zones, "EE", "10Y1001A1001A39I", "Estonia", "Europe/Tallinn");
        zone(zones, "ES", "10YES-REE------0", "Spain", "Europe/Madrid");
        zone(zones, "FI", "10YFI-1--------U", "Finland", "Europe/Helsinki");
        zone(zones, "FR", "10YFR-RTE------C", "France", "Europe/Paris");
        zones.put("GB", new BiddingZone("GB", "10YGB----------A", "Great Britain", ZoneId.of("Europe/London"), "GBP", Optional.empty()));
        zone(zones, "GR", "10YGR-HTSO-----Y", "Greece", "Europe/Athens");
        zone(zones, "HR", "10YHR-HEP------M", "Croatia", "Europe/Zagreb");
        zone(zones, "HU", "10YHU-MAVIR----U", "Hungary", "Europe/Budapest");
        zone(zones, "IE_SEM", "10Y1001A1001A59C", "Ireland and Northern Ireland (SEM)", "Europe/Dublin");
        zone(zones, "IT_CALA", "10Y1001C--00096J", "Italy Calabria", "Europe/Rome");
        zone(zones, "IT_CNOR", "10Y1001A1001A70O", "Italy Centre-North", "Europe/Rome");
        zone(zones, "IT_CSUD", "10Y1001A1001A71M", "Italy Centre-South", "Europe/Rome");
        zone(zones, "IT_NORD", "10Y1001A1001A73I", "Italy North", "Europe/Rome");
        zone(zones, "IT_SARD", "10Y1001A1001A74G", "Italy Sardinia", "Europe/Rome");
        zone(zones, "IT_SICI", "10Y1001A1001A75E", "Italy Sicily", "Europe/Rome");
        zone(zones, "IT_SUD", "10Y1001A1001A788", "Italy South", "Europe/Rome");
        zone(zones, "LT", "10YLT-1001A0008Q", "Lithuania", "Europe/Vilnius");
        zone(zones, "LV", "10YLV-1001A00074", "Latvia", "Europe/Riga");
        zone(zones, "MD", "10Y1001A1001A990", "Moldova", "Europe/Chisinau");
        zone(zones, "ME", "10YCS-CG-TSO---S", "Montenegro", "Europe/Podgorica");
        zone(zones, "MK", "10YMK-MEPSO----8", "North Macedonia", "Europe/Skopje");
        zone(zones, "MT", "10Y1001A1001A93C", "Malta", "Europe/Malta");
        zone(zones, "NL", "10YNL----------L", "Netherlands", "Europe/Amsterdam");
        zone(zones, "NO_1", "10YNO-1--------2", "Norway South-East", "Europe/Oslo");
        zone(zones, "NO_2", "10YNO-2--------T", "Norway South-West", "Europe/Oslo");
        zone(zones, "NO_3", "10YNO-3--------J", "Norway Central", "Europe/Oslo");
        zone(zones, "NO_4", "10YNO-4--------9", "Norway North", "Europe/Oslo");
        zone(zones, "NO_5", "10Y1001A1001A48H", "Norway West", "Europe/Oslo");
        zone(zones, "PL", "10YPL-AREA-----S", "Poland", "Europe/Warsaw");
        zone(zones, "PT", "10YPT-REN------W", "Portugal", "Europe/Lisbon");
        zone(zones, "RO", "10YRO-TEL------P", "Romania", "Europe/Bucharest");
        zone(zones, "RS", "10YCS-SERBIATSOV", "Serbia", "Europe/Belgrade");
        zone(zones, "SE_1", "10Y1001A1001A44P", "Sweden Luleå", "Europe/Stockholm");
        zone(zones, "SE_2", "10Y1001A1001A45N", "Sweden Sundsvall", "Europe/Stockholm");
        zone(zones, "SE_3", "10Y1001A1001A46L", "Sweden Stockholm", "Europe/Stockholm");
        zone(zones, "SE_4", "10Y1001A1001A47J", "Sweden Malmö", "Europe/Stockholm");
        zone(zones, "SI", "10YSI-ELES-----O", "Slovenia", "Europe/Ljubljana");
        zone(zones, "SK", "10YSK-SEPS-----K", "Slovakia", "Europe/Bratislava");
        zone(zones, "TR", "10YTR-TEIAS----W", "Türkiye", "Europe/Istanbul");
        zone(zones, "UA_IPS", "10Y1001C--000182", "Ukraine IPS", "Europe/Kiev");
        zone(zones, "XK", "10Y1001C--00100H", "Kosovo", "Europe/Belgrade");
        return java.util.Collections.unmodifiableMap(zones);
    }

    private static void zone(Map<String, BiddingZone> zones, String code, String eic, String name, String zone)
    {
        zones.put(code, new BiddingZone(code, eic, name, ZoneId.of(zone), "EUR", Optional.empty()));
    }
}
