package io.energylakehouse.etl.source.entsoe;

import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.market.BiddingZone;
import io.energylakehouse.common.market.Markets;
import io.energylakehouse.common.time.MarketTime;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/** ENTSO-E as a market: its code, clock, the location type of its bidding zones and the zones of the EPEX and Nord Pool day-ahead markets. */
public final class EntsoeMarket
{
    private EntsoeMarket() {}

    public static final String MARKET = Markets.ENTSOE.code();
    public static final String SOURCE = "entsoe-transparency";
    /** Operating dates and hours ending are CET/CEST (Europe/Brussels), as SDAC counts its delivery days, for every zone. */
    public static final MarketTime TIME = Markets.ENTSOE.time();
    /** Every location of ENTSO-E is a bidding zone. */
    public static final String LOCATION_TYPE = "zone";
    /** The first delivery day of DE_LU, the day after DE_AT_LU's last. */
    public static final LocalDate DE_LU_FIRST_DAY = LocalDate.of(2018, 10, 1);
    /** The first delivery day of SDAC's 15-minute market time unit. */
    public static final LocalDate SDAC_15_MINUTE_FIRST_DAY = LocalDate.of(2025, 10, 1);

    /** The bidding zones of the EPEX and Nord Pool day-ahead markets we fetch by default, in the registry's spelling. */
    public static final List<String> DEFAULT_ZONES = List.of("DE_AT_LU", "DE_LU", "FR", "NL", "BE", "AT", "CH", "PL", "CZ", "NO_1", "NO_2", "NO_3", "NO_4",
            "NO_5", "SE_1", "SE_2", "SE_3", "SE_4", "DK_1", "DK_2", "FI", "EE", "LV", "LT", "ES", "PT", "IT_NORD", "IT_CNOR", "IT_CSUD", "IT_SUD", "IT_SICI",
            "IT_SARD", "IT_CALA");

    /** The zone of an EIC or code ({@code 10YFR-RTE------C}, {@code FR}, {@code NO1}), if the registry has it. */
    public static Optional<BiddingZone> zone(String codeOrEic)
    {
        return Markets.biddingZone(codeOrEic);
    }

    /** The zone of a code users typed, or a user error listing the default zones. */
    public static BiddingZone requireZone(String code)
    {
        return zone(code).orElseThrow(() -> LakehouseException.userError("Cannot find ENTSO-E bidding zone '%s': known zones include %s", code,
                String.join(", ", DEFAULT_ZONES)));
    }

    /** Whether the zone delivered on the day: DE_AT_LU until 2018-09-30, DE_LU from 2018-10-01, the others always. */
    public static boolean existsOn(BiddingZone zone, LocalDate day)
    {
        if (zone.until().isPresent() && day.isAfter(zone.until().get())) {
            return false;
        }
        return !zone.code().equals("DE_LU") || !day.isBefore(DE_LU_FIRST_DAY);
    }
}
