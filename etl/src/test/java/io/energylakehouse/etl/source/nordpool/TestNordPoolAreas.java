package io.energylakehouse.etl.source.nordpool;

import io.energylakehouse.common.market.BiddingZone;
import io.energylakehouse.common.market.Markets;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The table between Nord Pool area names and ENTSO-E bidding zones that the cross-source price check joins on. */
class TestNordPoolAreas
{
    @Test
    void mapsEveryAreaToItsBiddingZoneExceptTheSystemPrice()
    {
        assertThat(NordPoolAreas.all()).extracting(NordPoolAreas.Area::name).containsExactly("SE1", "SE2", "SE3", "SE4", "NO1", "NO2", "NO3", "NO4", "NO5",
                "DK1", "DK2", "FI", "EE", "LV", "LT", "SYS", "DE-LU", "AT", "BE", "FR", "NL", "PL", "BG", "TEL");
        assertThat(NordPoolAreas.biddingZone("SE3")).map(BiddingZone::code).contains("SE_3");
        assertThat(NordPoolAreas.biddingZone("NO1")).map(BiddingZone::code).contains("NO_1");
        assertThat(NordPoolAreas.biddingZone("DK1")).map(BiddingZone::code).contains("DK_1");
        assertThat(NordPoolAreas.biddingZone("DE-LU")).map(BiddingZone::code).contains("DE_LU");
        assertThat(NordPoolAreas.biddingZone("GER")).map(BiddingZone::code).contains("DE_LU");
        assertThat(NordPoolAreas.biddingZone("FI")).map(BiddingZone::eic).contains("10YFI-1--------U");
        assertThat(NordPoolAreas.biddingZone("TEL")).map(BiddingZone::code).contains("RO");
        assertThat(NordPoolAreas.biddingZone("SYS")).isEmpty();
        assertThat(NordPoolAreas.biddingZone("UK")).isEmpty();
        assertThat(NordPoolAreas.biddingZone(null)).isEmpty();
        // every zone of the table is in the registry (Area.biddingZone would fail otherwise), and no two areas share one
        assertThat(NordPoolAreas.all().stream().flatMap(area -> area.biddingZone().stream()).map(BiddingZone::code).distinct()).hasSize(23);
    }

    @Test
    void mapsZonesBackToAreasInAnyRegistrySpelling()
    {
        assertThat(NordPoolAreas.ofBiddingZone("SE_3")).map(NordPoolAreas.Area::name).contains("SE3");
        assertThat(NordPoolAreas.ofBiddingZone("NO5")).map(NordPoolAreas.Area::name).contains("NO5");
        assertThat(NordPoolAreas.ofBiddingZone("DE_LU")).map(NordPoolAreas.Area::name).contains("DE-LU");
        assertThat(NordPoolAreas.ofBiddingZone(Markets.biddingZone("DK_2").orElseThrow().eic())).map(NordPoolAreas.Area::name).contains("DK2");
        assertThat(NordPoolAreas.ofBiddingZone("IT_NORD")).isEmpty();
        for (NordPoolAreas.Area area : NordPoolAreas.all()) {
            area.zoneCode().ifPresent(zone -> assertThat(NordPoolAreas.ofBiddingZone(zone)).contains(area));
        }
    }

    @Test
    void namesLocationsAsNordPoolDoesAndKnowsLocalCurrencies()
    {
        assertThat(NordPoolAreas.locationId("se3")).contains("SE3");
        assertThat(NordPoolAreas.locationId("GER")).contains("DE-LU");
        // the portal's spelling of an area, for requests
        assertThat(NordPoolAreas.area("DE-LU").map(NordPoolAreas.Area::portalName)).contains("GER");
        assertThat(NordPoolAreas.area("SE3").map(NordPoolAreas.Area::portalName)).contains("SE3");
        assertThat(NordPoolAreas.locationId("Oslo")).isEmpty();
        assertThat(NordPoolAreas.area("SE1").flatMap(NordPoolAreas.Area::localCurrency)).contains("SEK");
        assertThat(NordPoolAreas.area("NO4").flatMap(NordPoolAreas.Area::localCurrency)).contains("NOK");
        assertThat(NordPoolAreas.area("DK2").flatMap(NordPoolAreas.Area::localCurrency)).contains("DKK");
        assertThat(NordPoolAreas.area("FI").flatMap(NordPoolAreas.Area::localCurrency)).isEmpty();
        assertThat(NordPoolAreas.nordicAndBaltic()).extracting(NordPoolAreas.Area::name).endsWith("LT", "SYS");
    }
}
