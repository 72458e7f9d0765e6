package io.energylakehouse.etl.source.pjm;

import io.energylakehouse.etl.curate.CanonicalPrices;
import io.energylakehouse.etl.curate.MarketPrices;
import io.energylakehouse.etl.curate.PriceRow;
import io.energylakehouse.etl.curate.PriceRows;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static io.energylakehouse.etl.source.pjm.TestPjmLmpParser.parse;
import static io.energylakehouse.etl.source.pjm.TestPjmLmpParser.records;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Data Miner items to canonical {@code curated.market_prices} rows, in plain Java. */
class TestPjmPayloadPrices
{
    private static final Instant RECEIVED = Instant.parse("2024-07-01T15:10:00Z");
    private static final Instant VERIFIED_RECEIVED = Instant.parse("2024-07-03T09:00:00Z");

    @Test
    void dayAheadBecomesOneRowPerPnodeAndHour()
    {
        CanonicalPrices result = PjmPayloadPrices.canonical(records(parse(PjmReport.DA_HRL_LMPS, "da_hrl_lmps_20240701.json")), PjmReport.DA_HRL_LMPS,
                RECEIVED, "fetch-da");

        assertThat(result.rejected()).isEmpty();
        assertThat(result.rows()).hasSize(48);
        // rows come in key order: location id as text, then interval start
        assertThat(result.rows().get(0).locationId()).isEqualTo("33092371");
        PriceRow hub = result.rows().stream().filter(row -> row.locationId().equals("51288") && row.intervalStartUtc().equals(Instant.parse("2024-07-01T14:00:00Z")))
                .findFirst().orElseThrow();
        assertThat(hub).isEqualTo(new PriceRow("PJM", "da_hourly", "51288", "hub", Instant.parse("2024-07-01T14:00:00Z"), Instant.parse("2024-07-01T15:00:00Z"), 60,
                LocalDate.of(2024, 7, 1), 11, 31.85, 30.0, 1.5, 0.35, null, "USD", RECEIVED, 1, "fetch-da", List.of()));
        assertThat(result.rows()).filteredOn(row -> row.locationId().equals("33092371")).extracting(PriceRow::locationType).containsOnly("zone");
        assertThat(result.rows()).filteredOn(row -> row.locationId().equals("33092371")).extracting(PriceRow::hourEnding)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 24).boxed().toList());
    }

    @Test
    void hoursEndingFollowTheDstDays()
    {
        List<PriceRow> spring = PjmPayloadPrices.canonical(records(parse(PjmReport.DA_HRL_LMPS, "da_hrl_lmps_20240310_spring.json")), PjmReport.DA_HRL_LMPS,
                RECEIVED, "fetch-spring").rows();
        List<PriceRow> fall = PjmPayloadPrices.canonical(records(parse(PjmReport.RT_HRL_LMPS, "rt_hrl_lmps_20241103_fall.json")), PjmReport.RT_HRL_LMPS,
                RECEIVED, "fetch-fall").rows();

        assertThat(spring).filteredOn(row -> row.locationId().equals("51288")).extracting(PriceRow::hourEnding)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 23).boxed().toList());
        assertThat(spring).extracting(PriceRow::operatingDate).containsOnly(LocalDate.of(2024, 3, 10));
        List<PriceRow> fallHub = fall.stream().filter(row -> row.locationId().equals("51288")).toList();
        assertThat(fallHub).extracting(PriceRow::hourEnding).containsExactlyElementsOf(IntStream.rangeClosed(1, 25).boxed().toList());
        assertThat(fallHub).extracting(PriceRow::dataset).containsOnly("rt_hourly");
        // the two hours starting at 01:00 EPT are hours ending 2 (EDT) and 3 (EST)
        assertThat(fallHub.get(1).intervalStartUtc()).isEqualTo(Instant.parse("2024-11-03T05:00:00Z"));
        assertThat(fallHub.get(2).intervalStartUtc()).isEqualTo(Instant.parse("2024-11-03T06:00:00Z"));
        assertThat(fallHub).extracting(PriceRow::operatingDate).containsOnly(LocalDate.of(2024, 11, 3));
    }

    @Test
    void derivesAndFlagsTheEnergyOfUnverifiedPrices()
    {
        List<PriceRow> rows = PjmPayloadPrices.canonical(records(parse(PjmReport.RT_UNVERIFIED_FIVEMIN_LMPS, "rt_unverified_fivemin_lmps_20240701_h10.json")),
                PjmReport.RT_UNVERIFIED_FIVEMIN_LMPS, RECEIVED, "fetch-unverified").rows();

        assertThat(rows).hasSize(3 * 12);
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.dataset()).isEqualTo("rt_5min");
            assertThat(row.intervalMinutes()).isEqualTo(5);
            assertThat(row.intervalEndUtc()).isEqualTo(row.intervalStartUtc().plusSeconds(300));
            assertThat(row.hourEnding()).isEqualTo(11);
            assertThat(row.dqFlags()).containsExactly(PjmPayloadPrices.ENERGY_DERIVED);
            assertThat(row.energyPerMwh() + row.congestionPerMwh() + row.lossPerMwh()).isCloseTo(row.pricePerMwh(), within(1e-9));
        });
        // 26.95 - (-2.25) - (-0.8), computed in decimal: exactly 30.0
        assertThat(rows).filteredOn(row -> row.locationId().equals("33092371")).extracting(PriceRow::energyPerMwh).containsOnly(30.0);
    }

    @Test
    void verifiedPricesRevisePriorUnverifiedOnes()
    {
        List<PjmLmpRecord> unverified = records(parse(PjmReport.RT_UNVERIFIED_FIVEMIN_LMPS, "rt_unverified_fivemin_lmps_20240701_h10.json"));
        List<PjmLmpRecord> verified = records(parse(PjmReport.RT_FIVEMIN_HRL_LMPS, "rt_fivemin_hrl_lmps_20240701_h10.json"));
        // the raw tables tell which is which
        assertThat(unverified).extracting(PjmLmpRecord::isVerified).containsOnly(false);
        assertThat(verified).extracting(PjmLmpRecord::isVerified).containsOnly(true);
        assertThat(PjmTables.RAW_RT_UNVERIFIED_FIVEMIN_LMPS.columnNames()).contains("is_verified");

        List<PriceRow> first = PjmPayloadPrices.canonical(unverified, PjmReport.RT_UNVERIFIED_FIVEMIN_LMPS, RECEIVED, "fetch-unverified").rows();
        List<PriceRow> later = PjmPayloadPrices.canonical(verified, PjmReport.RT_FIVEMIN_HRL_LMPS, VERIFIED_RECEIVED, "fetch-verified").rows();
        List<PriceRow> all = new ArrayList<>(first);
        all.addAll(later);
        List<PriceRow> revised = PriceRows.withRevisions(all);

        // one interval of COMED was corrected by verification: a second revision from the verified page
        Instant corrected = Instant.parse("2024-07-01T14:25:00Z");
        assertThat(revised).filteredOn(row -> row.locationId().equals("33092371") && row.intervalStartUtc().equals(corrected))
                .extracting(PriceRow::revision, PriceRow::fetchId, PriceRow::pricePerMwh, PriceRow::congestionPerMwh, PriceRow::dqFlags)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, "fetch-unverified", 26.95, -2.25, List.of(PjmPayloadPrices.ENERGY_DERIVED)),
                        org.assertj.core.groups.Tuple.tuple(2, "fetch-verified", 28.7, -0.5, List.of()));
        // every other interval was verified unchanged: same prices, so no new revision; the latest revision is still the one
        // from the unverified page, and market_prices has no column to say it has been verified since
        assertThat(revised).hasSize(3 * 12 + 1);
        assertThat(PriceRows.latestRevision(revised)).filteredOn(row -> !row.intervalStartUtc().equals(corrected) || !row.locationId().equals("33092371"))
                .extracting(PriceRow::fetchId).containsOnly("fetch-unverified");
    }

    @Test
    void versionsOfOneKeyBecomeRevisionsInVersionOrder()
    {
        Instant start = Instant.parse("2024-07-01T14:00:00Z");
        List<PjmLmpRecord> records = List.of(
                record(1, 51288, start, 25.5, 2, false),
                record(2, 51288, start, 25.0, 1, false),
                record(3, 51288, start, 26.0, 3, true),
                // the same version twice, agreeing: collapsed and flagged
                record(4, 51217, start, 30.0, 1, true),
                record(5, 51217, start, 30.0, 1, true),
                // the same version twice, disagreeing: rejected
                record(6, 4669664, start, 31.0, 1, true),
                record(7, 4669664, start, 32.0, 1, true));

        CanonicalPrices result = PjmPayloadPrices.canonical(records, PjmReport.DA_HRL_LMPS, RECEIVED, "fetch-versions");

        assertThat(result.rows()).extracting(PriceRow::locationId, PriceRow::revision, PriceRow::pricePerMwh, PriceRow::dqFlags).containsExactly(
                org.assertj.core.groups.Tuple.tuple("51217", 1, 30.0, List.of(MarketPrices.DUPLICATE_ROWS_COLLAPSED)),
                org.assertj.core.groups.Tuple.tuple("51288", 1, 25.0, List.of()),
                org.assertj.core.groups.Tuple.tuple("51288", 2, 25.5, List.of()),
                org.assertj.core.groups.Tuple.tuple("51288", 3, 26.0, List.of()));
        assertThat(result.rejected()).containsExactly(new CanonicalPrices.Rejected("4669664", start,
                "items for one pnode, interval and version_nbr disagree: total_lmp_da 31.0 vs 32.0 (items 6 and 7)",
                "[{\"item\":6,\"version_nbr\":1,\"type\":\"HUB\",\"total_lmp_da\":31.0},{\"item\":7,\"version_nbr\":1,\"type\":\"HUB\",\"total_lmp_da\":32.0}]"));
    }

    @Test
    void mapsPnodeTypesAndRejectsUnknownOnes()
    {
        Instant start = Instant.parse("2024-07-01T14:00:00Z");
        List<PjmLmpRecord> records = List.of(
                typed(1, 5021703, "AGGREGATE"), typed(2, 5021704, "load"), typed(3, 33092371, "ZONE"), typed(4, 51288, "HUB"),
                // the request did not ask for type: the known hub and zone ids tell
                typed(5, 51217, null), typed(6, 51291, null), typed(7, 123, null),
                typed(8, 777, "SPACEPORT"));

        CanonicalPrices result = PjmPayloadPrices.canonical(records, PjmReport.DA_HRL_LMPS, RECEIVED, "fetch-types");

        assertThat(result.rows()).extracting(PriceRow::locationId, PriceRow::locationType).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("5021703", "node"),
                org.assertj.core.groups.Tuple.tuple("5021704", "node"),
                org.assertj.core.groups.Tuple.tuple("33092371", "zone"),
                org.assertj.core.groups.Tuple.tuple("51288", "hub"),
                org.assertj.core.groups.Tuple.tuple("51217", "hub"),
                org.assertj.core.groups.Tuple.tuple("51291", "zone"),
                org.assertj.core.groups.Tuple.tuple("123", "node"));
        assertThat(result.rejected()).extracting(CanonicalPrices.Rejected::locationId, CanonicalPrices.Rejected::intervalStartUtc, CanonicalPrices.Rejected::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("777", start,
                        "unknown pnode type 'SPACEPORT' (known: AGGREGATE, EHV, EXT, GEN, HUB, INTERFACE, LOAD, RESIDUAL_METERED_EDC, TIE, ZONE)"));
    }

    @Test
    void flagsATotalThatIsNotTheSumOfItsComponents()
    {
        PjmLmpRecord record = new PjmLmpRecord(PjmReport.DA_HRL_LMPS, 1, Instant.parse("2024-07-01T14:00:00Z"), null, 51288, null, "HUB", null, null, null,
                40.0, 30.0, 1.5, 0.35, true, 1, null, null);

        assertThat(PjmPayloadPrices.canonical(List.of(record), PjmReport.DA_HRL_LMPS, RECEIVED, "fetch").rows())
                .extracting(PriceRow::dqFlags).containsExactly(List.of(MarketPrices.TOTAL_MISMATCH));
    }

    private static PjmLmpRecord record(int item, long pnodeId, Instant start, double total, int version, boolean current)
    {
        return new PjmLmpRecord(PjmReport.DA_HRL_LMPS, item, start, null, pnodeId, null, "HUB", null, null, null, total, null, null, null, current, version, null, null);
    }

    private static PjmLmpRecord typed(int item, long pnodeId, String type)
    {
        return new PjmLmpRecord(PjmReport.DA_HRL_LMPS, item, Instant.parse("2024-07-01T14:00:00Z"), null, pnodeId, null, type, null, null, null, 20.0, null, null, null,
                null, null, null, null);
    }
}
