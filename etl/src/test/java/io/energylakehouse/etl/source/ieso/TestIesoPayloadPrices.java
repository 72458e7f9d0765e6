package io.energylakehouse.etl.source.ieso;

import io.energylakehouse.etl.curate.CanonicalPrices;
import io.energylakehouse.etl.curate.PriceRow;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static io.energylakehouse.etl.source.ieso.IesoTestFiles.parse;
import static io.energylakehouse.etl.source.ieso.IesoTestFiles.parseResource;
import static io.energylakehouse.etl.source.ieso.IesoTestFiles.records;
import static org.assertj.core.api.Assertions.assertThat;

/** The curation step of IESO files: canonical rows in fixed EST, the Ontario zonal price as a zone, the HOEP / market-renewal cut-over. */
class TestIesoPayloadPrices
{
    private static final Instant PUBLISHED = Instant.parse("2025-11-01T18:31:22Z");

    @Test
    void nodalLmpsAreNodesWithDerivedEnergy()
    {
        CanonicalPrices prices = IesoPayloadPrices.canonical(records(parseResource(IesoReport.DA_HOURLY_ENERGY_LMP, "PUB_DAHourlyEnergyLMP_20251102.csv")),
                IesoReport.DA_HOURLY_ENERGY_LMP, PUBLISHED, "fetch-1");

        assertThat(prices.rejected()).isEmpty();
        assertThat(prices.rows()).hasSize(72);
        PriceRow first = prices.rows().stream().filter(row -> row.locationId().equals("BRUCEGS-LT.G1") && row.hourEnding() == 1).findFirst().orElseThrow();
        assertThat(first).isEqualTo(new PriceRow("IESO", "da_hourly", "BRUCEGS-LT.G1", "node", Instant.parse("2025-11-02T05:00:00Z"),
                Instant.parse("2025-11-02T06:00:00Z"), 60, LocalDate.of(2025, 11, 2), 1, first.pricePerMwh(), first.energyPerMwh(), -0.26, 0.42, null, "CAD",
                PUBLISHED, 1, "fetch-1", List.of("energy_derived")));
        assertThat(first.energyPerMwh()).isEqualTo(java.math.BigDecimal.valueOf(first.pricePerMwh()).subtract(java.math.BigDecimal.valueOf(0.42))
                .add(java.math.BigDecimal.valueOf(0.26)).doubleValue());
        // the fall-back day in fixed EST: 24 hours ending 1..24, one row each per location
        assertThat(prices.rows()).filteredOn(row -> row.locationId().equals("BRUCEGS-LT.G1")).extracting(PriceRow::hourEnding)
                .containsExactly(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24);
        assertThat(prices.rows()).extracting(PriceRow::operatingDate).containsOnly(LocalDate.of(2025, 11, 2));
    }

    @Test
    void zonalPriceIsTheZoneOntarioInFiveMinuteIntervals()
    {
        CanonicalPrices prices = IesoPayloadPrices.canonical(records(parseResource(IesoReport.RT_ONTARIO_ZONAL_PRICE,
                "PUB_RealtimeOntarioZonalPrice_2025110202.xml")), IesoReport.RT_ONTARIO_ZONAL_PRICE, PUBLISHED, "fetch-2");

        assertThat(prices.rows()).hasSize(11);
        assertThat(prices.rows()).extracting(PriceRow::locationId).containsOnly("ONTARIO");
        assertThat(prices.rows()).extracting(PriceRow::locationType).containsOnly("zone");
        assertThat(prices.rows()).extracting(PriceRow::dataset).containsOnly("rt_5min");
        assertThat(prices.rows()).extracting(PriceRow::intervalMinutes).containsOnly(5);
        assertThat(prices.rows()).extracting(PriceRow::hourEnding).containsOnly(2);
        assertThat(prices.rows().get(0).intervalStartUtc()).isEqualTo(Instant.parse("2025-11-02T06:00:00Z"));
    }

    @Test
    void hoepIsTheZoneOntarioHourlyWithoutComponents()
    {
        CanonicalPrices prices = IesoPayloadPrices.canonical(records(parseResource(IesoReport.HOEP, "PUB_DispUnconsHOEP_20250309.csv")), IesoReport.HOEP,
                PUBLISHED, "fetch-3");

        assertThat(prices.rows()).hasSize(24);
        PriceRow third = prices.rows().get(2);
        assertThat(third.dataset()).isEqualTo("rt_hourly");
        assertThat(third.locationId()).isEqualTo("ONTARIO");
        assertThat(third.locationType()).isEqualTo("zone");
        // 2025-03-09 02:00 EST: America/Toronto skips this hour, IESO does not
        assertThat(third.intervalStartUtc()).isEqualTo(Instant.parse("2025-03-09T07:00:00Z"));
        assertThat(third.hourEnding()).isEqualTo(3);
        assertThat(third.energyPerMwh()).isNull();
        assertThat(third.lossPerMwh()).isNull();
        assertThat(third.dqFlags()).isEmpty();
    }

    @Test
    void refusesPricesOnTheWrongSideOfMarketRenewal()
    {
        String hoepAfter = "\\\\FOR 2025/05/01\n1,20.5\n";
        CanonicalPrices hoep = IesoPayloadPrices.canonical(records(parse(IesoReport.HOEP, "PUB_DispUnconsHOEP_20250501.csv", hoepAfter)), IesoReport.HOEP,
                PUBLISHED, "fetch-4");
        assertThat(hoep.rows()).isEmpty();
        assertThat(hoep.rejected()).singleElement().satisfies(rejected -> {
            assertThat(rejected.reason()).isEqualTo("IESO DispUnconsHOEP prices operating days before market renewal (2025-05-01); 2025-05-01 is not one");
            assertThat(rejected.locationId()).isEqualTo("ONTARIO");
            assertThat(rejected.intervalStartUtc()).isEqualTo(Instant.parse("2025-05-01T05:00:00Z"));
        });
        // the last HOEP day is kept
        assertThat(IesoPayloadPrices.canonical(records(parse(IesoReport.HOEP, "PUB_DispUnconsHOEP_20250430.csv", "\\\\FOR 2025/04/30\n24,20.5\n")),
                IesoReport.HOEP, PUBLISHED, "fetch-5").rows()).hasSize(1);

        String lmpBefore = "CREATED AT 2025/04/29 13:00:00 FOR 2025/04/30\nDelivery Hour,Pricing Location,LMP,Energy Loss Price,Energy Congestion Price\n"
                + "24,A.B:LMP,20.5,0.1,0.2\n";
        CanonicalPrices lmp = IesoPayloadPrices.canonical(records(parse(IesoReport.DA_HOURLY_ENERGY_LMP, "PUB_DAHourlyEnergyLMP_20250430.csv", lmpBefore)),
                IesoReport.DA_HOURLY_ENERGY_LMP, PUBLISHED, "fetch-6");
        assertThat(lmp.rows()).isEmpty();
        assertThat(lmp.rejected()).extracting(CanonicalPrices.Rejected::reason)
                .containsExactly("IESO DAHourlyEnergyLMP prices operating days from market renewal (2025-05-01); 2025-04-30 is not one");
        String lmpFirstDay = lmpBefore.replace("2025/04/30", "2025/05/01").replace("24,", "1,");
        assertThat(IesoPayloadPrices.canonical(records(parse(IesoReport.DA_HOURLY_ENERGY_LMP, "PUB_DAHourlyEnergyLMP_20250501.csv", lmpFirstDay)),
                IesoReport.DA_HOURLY_ENERGY_LMP, PUBLISHED, "fetch-7").rows()).singleElement()
                .satisfies(row -> assertThat(row.intervalStartUtc()).isEqualTo(Instant.parse("2025-05-01T05:00:00Z")));
    }

    @Test
    void refusesDuplicatesReadBackAndANodeNamedLikeTheZone()
    {
        IesoPriceRecord record = records(parseResource(IesoReport.DA_ONTARIO_ZONAL_PRICE, "PUB_DAHourlyOntarioZonalPrice_20251102.xml")).get(0);
        IesoPriceRecord again = new IesoPriceRecord(record.report(), 30, record.intervalStartUtc(), record.intervalEndUtc(), record.deliveryDate(),
                record.deliveryHour(), null, null, record.price() + 1, record.loss(), record.congestion(), null, null);
        CanonicalPrices duplicates = IesoPayloadPrices.canonical(List.of(record, again), IesoReport.DA_ONTARIO_ZONAL_PRICE, PUBLISHED, "fetch-8");
        assertThat(duplicates.rows()).isEmpty();
        assertThat(duplicates.rejected()).extracting(CanonicalPrices.Rejected::reason)
                .containsExactly("2 prices for one location and interval (elements [1, 30]): duplicate hour endings are quarantined, not renumbered");

        String csv = "CREATED AT 2025/11/01 13:00:00 FOR 2025/11/02\nDelivery Hour,Pricing Location,LMP,Energy Loss Price,Energy Congestion Price\n"
                + "1,ONTARIO:LMP,20.5,0.1,0.2\n";
        CanonicalPrices clash = IesoPayloadPrices.canonical(records(parse(IesoReport.DA_HOURLY_ENERGY_LMP, "PUB_DAHourlyEnergyLMP_20251102.csv", csv)),
                IesoReport.DA_HOURLY_ENERGY_LMP, PUBLISHED, "fetch-9");
        assertThat(clash.rejected()).extracting(CanonicalPrices.Rejected::reason).containsExactly(
                "pricing location ONTARIO:LMP has the id of the Ontario zonal price (ONTARIO); its prices would mix with the zonal report's");
    }

    @Test
    void laterVersionsOfADayAreLaterRevisions()
    {
        String v1 = IesoTestFiles.text("PUB_DAHourlyOntarioZonalPrice_20251102.xml");
        String v2 = v1.replace("<CreatedAt>2025-11-01T13:32:40</CreatedAt>", "<CreatedAt>2025-11-01T16:05:00</CreatedAt>")
                .replaceFirst("<ZonalPrice>[^<]*</ZonalPrice>", "<ZonalPrice>99.99</ZonalPrice>");
        io.energylakehouse.etl.raw.ParsedPayload first = parse(IesoReport.DA_ONTARIO_ZONAL_PRICE, "PUB_DAHourlyOntarioZonalPrice_20251102_v1.xml", v1);
        io.energylakehouse.etl.raw.ParsedPayload second = parse(IesoReport.DA_ONTARIO_ZONAL_PRICE, "PUB_DAHourlyOntarioZonalPrice_20251102_v2.xml", v2);
        assertThat(first.contentKey()).isEqualTo(second.contentKey());

        List<PriceRow> rows = new java.util.ArrayList<>();
        // landed in either order: revisions follow the versions' CreatedAt
        rows.addAll(IesoPayloadPrices.canonical(records(second), IesoReport.DA_ONTARIO_ZONAL_PRICE, second.publishedAtUtc().orElseThrow(), "fetch-v2").rows());
        rows.addAll(IesoPayloadPrices.canonical(records(first), IesoReport.DA_ONTARIO_ZONAL_PRICE, first.publishedAtUtc().orElseThrow(), "fetch-v1").rows());
        List<PriceRow> revised = io.energylakehouse.etl.curate.PriceRows.withRevisions(rows);

        List<PriceRow> hourOne = revised.stream().filter(row -> row.hourEnding() == 1).toList();
        assertThat(hourOne).extracting(PriceRow::revision).containsExactly(1, 2);
        assertThat(hourOne).extracting(PriceRow::fetchId).containsExactly("fetch-v1", "fetch-v2");
        assertThat(hourOne.get(1).pricePerMwh()).isEqualTo(99.99);
        // unchanged hours keep one revision
        assertThat(revised).filteredOn(row -> row.hourEnding() == 2).extracting(PriceRow::revision).containsExactly(1);
    }
}
