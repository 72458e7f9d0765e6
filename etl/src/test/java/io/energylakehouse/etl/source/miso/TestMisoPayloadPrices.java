package io.energylakehouse.etl.source.miso;

import io.energylakehouse.etl.curate.CanonicalPrices;
import io.energylakehouse.etl.curate.MarketPrices;
import io.energylakehouse.etl.curate.PriceRow;
import io.energylakehouse.etl.curate.PriceRows;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.energylakehouse.etl.source.miso.MisoTestFiles.parse;
import static io.energylakehouse.etl.source.miso.MisoTestFiles.records;
import static io.energylakehouse.etl.source.miso.MisoTestFiles.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

/** MISO's curation step on the hand-written SYNTHETIC files: canonical rows, derived energy, EST days, prelim and final as revisions. */
class TestMisoPayloadPrices
{
    private static final Instant DA_PUBLISHED = Instant.parse("2024-03-09T21:00:00Z");
    private static final Instant PRELIM_PUBLISHED = Instant.parse("2024-11-04T11:00:00Z");
    private static final Instant FINAL_PUBLISHED = Instant.parse("2024-11-08T11:00:00Z");

    @Test
    void dayAheadRowsCarryLmpComponentsAndDerivedEnergy()
    {
        List<MisoLmpRecord> records = records(parse(MisoReport.DA_EXPOST_LMP, "20240310_da_expost_lmp.csv", resource("20240310_da_expost_lmp.csv")));

        CanonicalPrices prices = MisoPayloadPrices.canonical(records, MisoReport.DA_EXPOST_LMP, DA_PUBLISHED, "fetch-da");

        assertThat(prices.rejected()).isEmpty();
        assertThat(prices.rows()).hasSize(4 * 24);
        assertThat(prices.rows()).filteredOn(row -> row.locationId().equals("SYN_MN_GN001") && row.hourEnding() == 1).containsExactly(
                new PriceRow("MISO", "da_hourly", "SYN_MN_GN001", "node", Instant.parse("2024-03-10T05:00:00Z"), Instant.parse("2024-03-10T06:00:00Z"), 60,
                        LocalDate.of(2024, 3, 10), 1, -25.22, 18.75, -41.5, -2.47, null, "USD", DA_PUBLISHED, 1, "fetch-da",
                        List.of(MisoPayloadPrices.ENERGY_DERIVED)));
        Map<String, String> types = prices.rows().stream().collect(Collectors.toMap(PriceRow::locationId, PriceRow::locationType, (a, b) -> a));
        assertThat(types).containsExactlyInAnyOrderEntriesOf(Map.of("ILLINOIS.HUB", "hub", "SYN_LZ_MN", "zone", "SYN_MN_GN001", "node", "SYN_IF_01", "node"));
        assertThat(prices.rows()).allSatisfy(row -> {
            assertThat(row.dqFlags()).containsExactly(MisoPayloadPrices.ENERGY_DERIVED);
            assertThat(row.energyPerMwh() + row.congestionPerMwh() + row.lossPerMwh()).isCloseTo(row.pricePerMwh(), org.assertj.core.data.Offset.offset(1e-9));
            assertThat(row.operatingDate()).isEqualTo(LocalDate.of(2024, 3, 10));
        });
        // 24 hours ending on the spring-forward day, per location
        assertThat(prices.rows()).filteredOn(row -> row.locationId().equals("ILLINOIS.HUB")).extracting(PriceRow::hourEnding)
                .containsExactlyInAnyOrderElementsOf(java.util.stream.IntStream.rangeClosed(1, 24).boxed().toList());
        // no missing intervals on a 24-hour EST day, no total mismatch
        assertThat(PriceRows.dataQualityResults(prices.rows(), MisoMarket.TIME)).isEmpty();
    }

    @Test
    void finalPricesAreALaterRevisionOfPreliminaryOnes()
    {
        CanonicalPrices prelim = MisoPayloadPrices.canonical(records(parse(MisoReport.RT_LMP_PRELIM, "20241103_rt_lmp_prelim.csv",
                resource("20241103_rt_lmp_prelim.csv"))), MisoReport.RT_LMP_PRELIM, PRELIM_PUBLISHED, "fetch-prelim");
        CanonicalPrices last = MisoPayloadPrices.canonical(records(parse(MisoReport.RT_LMP_FINAL, "20241103_rt_lmp_final.csv",
                resource("20241103_rt_lmp_final.csv"))), MisoReport.RT_LMP_FINAL, FINAL_PUBLISHED, "fetch-final");
        assertThat(prelim.rows()).extracting(PriceRow::dataset).containsOnly("rt_hourly");
        assertThat(last.rows()).extracting(PriceRow::dataset).containsOnly("rt_hourly");

        // the final file landed first: publication time, not landing order, decides
        List<PriceRow> all = new ArrayList<>(last.rows());
        all.addAll(prelim.rows());
        List<PriceRow> revised = PriceRows.withRevisions(all);

        assertThat(revised).filteredOn(row -> row.revision() == 2)
                .extracting(PriceRow::locationId, PriceRow::hourEnding, PriceRow::fetchId)
                .containsExactlyInAnyOrder(tuple("ILLINOIS.HUB", 2, "fetch-final"), tuple("SYN_LZ_MN", 18, "fetch-final"));
        assertThat(revised).filteredOn(row -> row.locationId().equals("ILLINOIS.HUB") && row.hourEnding() == 2)
                .extracting(PriceRow::revision, PriceRow::fetchId, PriceRow::pricePerMwh)
                .containsExactly(tuple(1, "fetch-prelim", 23.44), tuple(2, "fetch-final", 25.19));
        // every other hour was final as first published: one revision, the preliminary one
        assertThat(revised).hasSize(4 * 24 + 2);
        List<PriceRow> latest = PriceRows.latestRevision(revised);
        assertThat(latest).hasSize(4 * 24);
        assertThat(latest).filteredOn(row -> row.fetchId().equals("fetch-final")).hasSize(2);
    }

    @Test
    void recordsOfAnotherReportAreRefused()
    {
        List<MisoLmpRecord> records = records(parse(MisoReport.RT_LMP_FINAL, "20241103_rt_lmp_final.csv", resource("20241103_rt_lmp_final.csv")));

        assertThatThrownBy(() -> MisoPayloadPrices.canonical(records, MisoReport.RT_LMP_PRELIM, FINAL_PUBLISHED, "fetch"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Cannot canonicalise a MISO rt_lmp_final record (line 8) as rt_lmp_prelim");
    }

    @Test
    void duplicateRowsAreFlagged()
    {
        MisoLmpRecord record = new MisoLmpRecord(MisoReport.DA_EXPOST_LMP, 8, Instant.parse("2024-07-01T05:00:00Z"), LocalDate.of(2024, 7, 1), 1,
                "MINN.HUB", "Hub", -5.5, -7.25, 0.5, true);

        CanonicalPrices prices = MisoPayloadPrices.canonical(List.of(record), MisoReport.DA_EXPOST_LMP, DA_PUBLISHED, "fetch");

        assertThat(prices.rows()).singleElement().satisfies(row -> {
            assertThat(row.energyPerMwh()).isEqualTo(1.25);
            assertThat(row.dqFlags()).containsExactly(MarketPrices.DUPLICATE_ROWS_COLLAPSED, MisoPayloadPrices.ENERGY_DERIVED);
        });
    }
}
