package io.energylakehouse.etl.source.nyiso;

import io.energylakehouse.etl.curate.CanonicalPrices;
import io.energylakehouse.etl.curate.MarketPrices;
import io.energylakehouse.etl.curate.PriceRow;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static io.energylakehouse.etl.source.nyiso.NyisoTestFiles.parse;
import static io.energylakehouse.etl.source.nyiso.NyisoTestFiles.records;
import static io.energylakehouse.etl.source.nyiso.NyisoTestFiles.resource;
import static org.assertj.core.api.Assertions.assertThat;

/** NYISO's curation step on hand-written SYNTHETIC files: congestion sign flipped, energy derived, PTIDs as locations. */
class TestNyisoPayloadPrices
{
    private static final Instant PUBLISHED = Instant.parse("2024-06-30T15:00:00Z");

    @Test
    void derivedEnergyIsTheSameForEveryPtidOfAnInterval()
    {
        CanonicalPrices prices = canonical(NyisoReport.DAMLBMP_GEN, "20240701damlbmp_gen.csv");

        assertThat(prices.rejected()).isEmpty();
        assertThat(prices.rows()).hasSize(6);
        Map<Instant, Set<Double>> energies = prices.rows().stream()
                .collect(Collectors.groupingBy(PriceRow::intervalStartUtc, Collectors.mapping(PriceRow::energyPerMwh, Collectors.toSet())));
        // with NYISO's congestion taken as published the generators' energies would differ from the reference bus (53.8 and 34.05 at 14:00)
        assertThat(energies).isEqualTo(Map.of(Instant.parse("2024-07-01T18:00:00Z"), Set.of(41.2), Instant.parse("2024-07-01T19:00:00Z"), Set.of(-3.5)));
        assertThat(prices.rows()).allSatisfy(row -> {
            assertThat(row.dqFlags()).containsExactly(NyisoPayloadPrices.ENERGY_DERIVED);
            assertThat(row.energyPerMwh() + row.congestionPerMwh() + row.lossPerMwh()).isCloseTo(row.pricePerMwh(), org.assertj.core.data.Offset.offset(1e-9));
            assertThat(row.locationType()).isEqualTo("node");
        });
    }

    @Test
    void congestionHasTheOppositeSignToNyisos()
    {
        CanonicalPrices prices = canonical(NyisoReport.DAMLBMP_GEN, "20240701damlbmp_gen.csv");

        PriceRow astoria = row(prices, "323001", Instant.parse("2024-07-01T18:00:00Z"));
        // published "Marginal Cost Congestion" -6.3: our congestion is +6.3
        assertThat(astoria).isEqualTo(new PriceRow("NYISO", "da_hourly", "323001", "node", Instant.parse("2024-07-01T18:00:00Z"),
                Instant.parse("2024-07-01T19:00:00Z"), 60, LocalDate.of(2024, 7, 1), 15, 48.65, 41.2, 6.3, 1.15, null, "USD", PUBLISHED, 1, "fetch-1",
                List.of(NyisoPayloadPrices.ENERGY_DERIVED)));
        // a negative price whose published congestion is positive (0.4): ours is -0.4
        PriceRow niagara = row(prices, "323002", Instant.parse("2024-07-01T19:00:00Z"));
        assertThat(niagara.pricePerMwh()).isEqualTo(-4.0);
        assertThat(niagara.congestionPerMwh()).isEqualTo(-0.4);
        assertThat(niagara.energyPerMwh()).isEqualTo(-3.5);
    }

    @Test
    void zonesAreKeyedOnPtidAcrossBothDstDays()
    {
        CanonicalPrices spring = canonical(NyisoReport.DAMLBMP_ZONE, "20240310damlbmp_zone.csv");
        CanonicalPrices fall = canonical(NyisoReport.DAMLBMP_ZONE, "20241103damlbmp_zone.csv");

        assertThat(spring.rows()).hasSize(46);
        assertThat(fall.rows()).hasSize(50);
        assertThat(fall.rows()).extracting(PriceRow::locationId).containsOnly("61757", "61761");
        assertThat(fall.rows()).extracting(PriceRow::locationType).containsOnly("zone");
        assertThat(fall.rows()).extracting(PriceRow::operatingDate).containsOnly(LocalDate.of(2024, 11, 3));
        assertThat(fall.rows().stream().filter(row -> row.locationId().equals("61757")).map(PriceRow::hourEnding).sorted().toList())
                .isEqualTo(java.util.stream.IntStream.rangeClosed(1, 25).boxed().toList());
        assertThat(spring.rows().stream().filter(row -> row.locationId().equals("61757")).map(PriceRow::hourEnding).distinct().count()).isEqualTo(23);
        // one interval: every zone has the same derived energy
        assertThat(fall.rows().stream().collect(Collectors.groupingBy(PriceRow::intervalStartUtc, Collectors.mapping(PriceRow::energyPerMwh, Collectors.toSet()))))
                .allSatisfy((start, energies) -> assertThat(energies).hasSize(1));
    }

    @Test
    void duplicatesCollapseWhenTheyAgreeAndAreRejectedWhenTheyDisagree()
    {
        List<NyisoLbmpRecord> records = new ArrayList<>(records(parse(NyisoReport.DAMLBMP_ZONE, "20240701damlbmp_zone.csv", resource("20240701damlbmp_zone.csv"))));
        NyisoLbmpRecord capital = records.stream().filter(record -> record.ptid() == 61757).findFirst().orElseThrow();
        NyisoLbmpRecord west = records.stream().filter(record -> record.ptid() == 61752).findFirst().orElseThrow();
        records.add(new NyisoLbmpRecord(capital.report(), capital.member(), 99, capital.intervalStartUtc(), capital.intervalEndUtc(), capital.timeStamp(), null,
                capital.name(), capital.ptid(), capital.lbmp(), capital.marginalCostLosses(), capital.marginalCostCongestion()));
        records.add(new NyisoLbmpRecord(west.report(), west.member(), 100, west.intervalStartUtc(), west.intervalEndUtc(), west.timeStamp(), null, west.name(),
                west.ptid(), west.lbmp() + 1, west.marginalCostLosses(), west.marginalCostCongestion()));

        CanonicalPrices prices = NyisoPayloadPrices.canonical(records, NyisoReport.DAMLBMP_ZONE, PUBLISHED, "fetch-1");

        assertThat(prices.rows()).hasSize(5);
        assertThat(row(prices, "61757", capital.intervalStartUtc()).dqFlags()).containsExactly(MarketPrices.DUPLICATE_ROWS_COLLAPSED, NyisoPayloadPrices.ENERGY_DERIVED);
        assertThat(prices.rejected()).singleElement().satisfies(rejected -> {
            assertThat(rejected.locationId()).isEqualTo("61752");
            assertThat(rejected.reason()).startsWith("duplicate rows for one PTID and interval disagree: LBMP");
        });
    }

    private static CanonicalPrices canonical(NyisoReport report, String file)
    {
        return NyisoPayloadPrices.canonical(records(parse(report, file, resource(file))), report, PUBLISHED, "fetch-1");
    }

    private static PriceRow row(CanonicalPrices prices, String locationId, Instant start)
    {
        return prices.rows().stream().filter(row -> row.locationId().equals(locationId) && row.intervalStartUtc().equals(start)).findFirst().orElseThrow();
    }
}
