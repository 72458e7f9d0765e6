package io.energylakehouse.common.market;

import io.energylakehouse.common.LakehouseException;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestMarkets
{
    @Test
    void everyMarketOfTheRoadmapIsRegisteredOnce()
    {
        assertThat(Markets.all()).extracting(Market::code).containsExactly(
                "CAISO", "PJM", "ERCOT", "MISO", "NYISO", "SPP", "IESO", "AESO", "ENTSOE", "NORDPOOL", "EPEX", "EEX", "JEPX", "AEMO", "EIA", "ECB");
        assertThat(Markets.require("pjm")).isSameAs(Markets.PJM);
        assertThat(Markets.requireWithArea("eex-de")).isSameAs(Markets.EEX);
        assertThatThrownBy(() -> Markets.require("NEMO"))
                .isInstanceOf(LakehouseException.class)
                .hasMessage("Cannot find market 'NEMO': the markets are CAISO, PJM, ERCOT, MISO, NYISO, SPP, IESO, AESO, ENTSOE, NORDPOOL, EPEX, EEX, JEPX, AEMO, EIA, ECB");
    }

    @Test
    void operatorsOnStandardTimeAllYearHaveNoShortOrLongDays()
    {
        LocalDate springForward = LocalDate.of(2024, 3, 10);
        LocalDate fallBack = LocalDate.of(2024, 11, 3);
        assertThat(List.of(Markets.PJM.time().hoursInDay(springForward), Markets.PJM.time().hoursInDay(fallBack))).containsExactly(23, 25);
        for (Market standardTime : List.of(Markets.MISO, Markets.IESO)) {
            assertThat(List.of(standardTime.time().hoursInDay(springForward), standardTime.time().hoursInDay(fallBack))).containsExactly(24, 24);
        }
        assertThat(Markets.AEMO.time().hoursInDay(LocalDate.of(2024, 10, 6))).isEqualTo(24);  // NSW moves its clocks that day; NEM time does not
        assertThat(Markets.MISO.time().dayStart(LocalDate.of(2024, 7, 1))).hasToString("2024-07-01T05:00:00Z");
    }

    @Test
    void peakBlocksAndTheirHolidays()
    {
        assertThat(Markets.PJM.peakBlock().orElseThrow().firstHourEnding()).isEqualTo(8);
        assertThat(Markets.ERCOT.peakBlock().orElseThrow().firstHourEnding()).isEqualTo(7);
        assertThat(Markets.PJM.holidays()).isEqualTo("NERC");
        assertThat(Markets.EEX.holidays()).startsWith("none");
        assertThatThrownBy(() -> Markets.IESO.requirePeakBlock("on-peak averages"))
                .hasMessageStartingWith("Cannot compute on-peak averages for market IESO: it has no on-peak block (base only); markets with one: CAISO, PJM");
        assertThat(Markets.JEPX.holidays()).isEqualTo("Japanese national and bank holidays");
        assertThat(Markets.AEMO.peakBlock().orElseThrow().source()).startsWith("ASX");
        assertThat(Markets.PJM.priceLabel()).isEqualTo("USD/MWh");
        assertThat(Markets.PJM.credentialVariables()).containsExactly("PJM_API_KEY");
    }

    @Test
    void everyUsMarketHasAReferenceHubAndMisoCountsItsPeakInEasternPrevailingTime()
    {
        assertThat(java.util.stream.Stream.of(Markets.CAISO, Markets.PJM, Markets.ERCOT, Markets.MISO, Markets.NYISO, Markets.SPP)
                .map(market -> market.code() + "=" + market.requireReferenceHub("basis").locationId()))
                .containsExactly("CAISO=TH_SP15_GEN-APND", "PJM=51288", "ERCOT=HB_NORTH", "MISO=INDIANA.HUB", "NYISO=61761", "SPP=SPPNORTH_HUB");
        assertThat(Markets.MISO.referenceHub().orElseThrow().source()).contains("EPT");
        // MISO's data stay in EST; its traded block is counted in Eastern prevailing time.
        assertThat(Markets.MISO.zone()).isEqualTo(java.time.ZoneId.of("-05:00"));
        assertThat(Markets.MISO.peakClock()).isEqualTo(java.time.ZoneId.of("America/New_York"));
        assertThat(Markets.PJM.peakClock()).isEqualTo(Markets.PJM.zone());
        assertThatThrownBy(() -> Markets.JEPX.requireReferenceHub("basis to hub"))
                .hasMessage("Cannot compute basis to hub for market JEPX: it has no reference hub in the market registry");
    }

    @Test
    void everyBiddingZoneIsFoundInEachSpellingWithItsClock()
    {
        Set<String> eics = new HashSet<>();
        for (BiddingZone zone : Markets.biddingZones()) {
            assertThat(eics.add(zone.eic())).as("EIC of %s is unique", zone.code()).isTrue();
            assertThat(Markets.biddingZone(zone.code())).contains(zone);
            assertThat(Markets.biddingZone(zone.eic())).contains(zone);
            assertThat(Markets.biddingZone(zone.code().replace("_", ""))).contains(zone);
        }
        assertThat(Markets.biddingZones()).hasSizeGreaterThanOrEqualTo(50);
        assertThat(Markets.biddingZone("DK_2").orElseThrow().zone().getId()).isEqualTo("Europe/Copenhagen");
        assertThat(Markets.biddingZone("dk2").orElseThrow().code()).isEqualTo("DK_2");
        assertThat(Markets.biddingZone("DE-LU").orElseThrow().eic()).isEqualTo("10Y1001A1001A82H");
        assertThat(Markets.biddingZone("10YNO-2--------T").orElseThrow().code()).isEqualTo("NO_2");
        assertThat(Markets.biddingZone("IT_NORD").orElseThrow().zone().getId()).isEqualTo("Europe/Rome");
        assertThat(Markets.biddingZone("GB").orElseThrow().currency()).isEqualTo("GBP");
        assertThat(Markets.biddingZone("DE_AT_LU").orElseThrow().until()).contains(LocalDate.of(2018, 9, 30));
        assertThat(Markets.biddingZone("ATLANTIS")).isEmpty();
    }
}
