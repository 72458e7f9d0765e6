package io.energylakehouse.etl.source.spp;

import io.energylakehouse.etl.curate.CanonicalPrices;
import io.energylakehouse.etl.curate.MarketPrices;
import io.energylakehouse.etl.curate.PriceRow;
import io.energylakehouse.etl.curate.PriceRows;
import io.energylakehouse.etl.raw.ParsedPayload;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static io.energylakehouse.etl.source.spp.SppTestFiles.parse;
import static io.energylakehouse.etl.source.spp.SppTestFiles.parseResource;
import static io.energylakehouse.etl.source.spp.SppTestFiles.records;
import static org.assertj.core.api.Assertions.assertThat;

/** The SPP curation step on the hand-written SYNTHETIC files: canonical rows, hubs, components, DST hours ending, revisions. */
class TestSppPayloadPrices
{
    private static final Instant PUBLISHED = Instant.parse("2024-03-09T18:00:00Z");
    private static final String HEADER = "Interval,GMTIntervalEnd,Settlement Location,Pnode,LMP,MLC,MCC,MEC\n";

    @Test
    void mapsSpringForwardDayToCanonicalRows()
    {
        List<SppLmpRecord> records = records(parseResource(SppReport.DA_LMP_SL, "DA-LMP-SL-202403100100.csv"));

        CanonicalPrices prices = SppPayloadPrices.canonical(records, SppReport.DA_LMP_SL, PUBLISHED, "fetch-1");

        assertThat(prices.rejected()).isEmpty();
        assertThat(prices.rows()).hasSize(46);
        assertThat(prices.rows().get(0)).isEqualTo(new PriceRow("SPP", "da_hourly", "SPPNORTH_HUB", "hub", Instant.parse("2024-03-10T06:00:00Z"),
                Instant.parse("2024-03-10T07:00:00Z"), 60, LocalDate.of(2024, 3, 10), 1, 17.55, 18.0, -0.3, -0.15, null, "USD", PUBLISHED, 1, "fetch-1",
                List.of()));
        assertThat(prices.rows()).extracting(PriceRow::hourEnding).containsOnly(java.util.stream.IntStream.rangeClosed(1, 23).boxed().toArray(Integer[]::new));
        PriceRow negative = prices.rows().stream().filter(row -> row.pricePerMwh() < 0).findFirst().orElseThrow();
        assertThat(negative.locationId()).isEqualTo("SPPSOUTH_HUB");
        assertThat(negative.hourEnding()).isEqualTo(14);
        assertThat(negative.dqFlags()).isEmpty();
    }

    @Test
    void numbersTheFallBackDaysHoursOneTo25InKeyOrder()
    {
        List<SppLmpRecord> records = records(parseResource(SppReport.DA_LMP_SL, "DA-LMP-SL-202411030100.csv"));

        CanonicalPrices prices = SppPayloadPrices.canonical(records, SppReport.DA_LMP_SL, PUBLISHED, "fetch-1");

        List<PriceRow> north = prices.rows().stream().filter(row -> row.locationId().equals("SPPNORTH_HUB")).toList();
        assertThat(north).hasSize(25);
        assertThat(north).extracting(PriceRow::intervalStartUtc).isSorted();
        assertThat(north).extracting(PriceRow::hourEnding).containsExactly(java.util.stream.IntStream.rangeClosed(1, 25).boxed().toArray(Integer[]::new));
        assertThat(north).extracting(PriceRow::operatingDate).containsOnly(LocalDate.of(2024, 11, 3));
    }

    @Test
    void derivesEnergyWhenMecIsMissingAndFlagsMismatches()
    {
        String text = HEADER
                + "07/01/2024 10:05:00,07/01/2024 15:05:00,SPPNORTH_HUB,SPPNORTH_H,25.0000,-0.5000,0.7500,\n"
                + "07/01/2024 10:05:00,07/01/2024 15:05:00,AEC,SOUC,30.0000,-0.5000,0.5000,25.0000\n";
        List<SppLmpRecord> records = records(parse(SppReport.RTBM_LMP_SL, "RTBM-LMP-SL-202407011005.csv", text));

        CanonicalPrices prices = SppPayloadPrices.canonical(records, SppReport.RTBM_LMP_SL, Instant.parse("2024-07-01T15:05:00Z"), "fetch-2");

        assertThat(prices.rows()).hasSize(2);
        PriceRow aec = prices.rows().get(0);
        assertThat(aec.locationId()).isEqualTo("AEC");
        assertThat(aec.locationType()).isEqualTo("node");
        assertThat(aec.dqFlags()).containsExactly(MarketPrices.TOTAL_MISMATCH);
        PriceRow hub = prices.rows().get(1);
        assertThat(hub.energyPerMwh()).isEqualTo(24.75);
        assertThat(hub.dqFlags()).containsExactly(SppPayloadPrices.ENERGY_DERIVED);
        assertThat(hub.intervalMinutes()).isEqualTo(5);
        assertThat(hub.hourEnding()).isEqualTo(11);
    }

    @Test
    void collapsesAgreeingDuplicatesAndRefusesDisagreeingOnes()
    {
        String line = "07/01/2024 10:05:00,07/01/2024 15:05:00,SPPNORTH_HUB,SPPNORTH_H,25.0000,-0.5000,0.5000,25.0000\n";
        String text = HEADER + line + line
                + "07/01/2024 10:05:00,07/01/2024 15:05:00,AEC,SOUC,25.0000,-0.5000,0.5000,25.0000\n"
                + "07/01/2024 10:05:00,07/01/2024 15:05:00,AEC,SOUC,26.0000,-0.5000,0.5000,26.0000\n";
        List<SppLmpRecord> records = records(parse(SppReport.RTBM_LMP_SL, "RTBM-LMP-SL-202407011005.csv", text));

        CanonicalPrices prices = SppPayloadPrices.canonical(records, SppReport.RTBM_LMP_SL, Instant.parse("2024-07-01T15:05:00Z"), "fetch-3");

        assertThat(prices.rows()).singleElement().satisfies(row -> {
            assertThat(row.locationId()).isEqualTo("SPPNORTH_HUB");
            assertThat(row.dqFlags()).containsExactly(MarketPrices.DUPLICATE_ROWS_COLLAPSED);
        });
        assertThat(prices.rejected()).singleElement().satisfies(rejected -> {
            assertThat(rejected.locationId()).isEqualTo("AEC");
            assertThat(rejected.reason()).isEqualTo("lines for one location and interval disagree: LMP 25.0 vs 26.0; MEC 25.0 vs 26.0 (lines 4 and 5)");
            assertThat(rejected.record()).isEqualTo("[{\"line\":4,\"lmp\":25.0,\"mlc\":-0.5,\"mcc\":0.5,\"mec\":25.0},{\"line\":5,\"lmp\":26.0,\"mlc\":-0.5,\"mcc\":0.5,"
                    + "\"mec\":26.0}]");
        });
    }

    @Test
    void dailyFileIsTheLaterRevisionOfTheIntervalFiles()
    {
        String interval = HEADER + "11/03/2024 01:05:00,11/03/2024 07:05:00,SPPNORTH_HUB,SPPNORTH_H,20.0000,-0.5000,0.5000,20.0000\n";
        ParsedPayload intervalFile = parse(SppReport.RTBM_LMP_SL, "RTBM-LMP-SL-202411030105d.csv", interval);
        ParsedPayload dailyFile = parseResource(SppReport.RTBM_LMP_DAILY, "RTBM-LMP-DAILY-SL-20241103.csv");
        assertThat(dailyFile.publishedAtUtc().orElseThrow()).isAfter(intervalFile.publishedAtUtc().orElseThrow());

        List<PriceRow> rows = new ArrayList<>();
        rows.addAll(SppPayloadPrices.canonical(records(dailyFile), SppReport.RTBM_LMP_DAILY, dailyFile.publishedAtUtc().orElseThrow(), "daily").rows());
        rows.addAll(SppPayloadPrices.canonical(records(intervalFile), SppReport.RTBM_LMP_SL, intervalFile.publishedAtUtc().orElseThrow(), "interval").rows());
        List<PriceRow> revised = PriceRows.withRevisions(rows);

        Instant start = Instant.parse("2024-11-03T07:00:00Z");
        assertThat(revised.stream().filter(row -> row.intervalStartUtc().equals(start)).toList())
                .extracting(PriceRow::revision, PriceRow::fetchId, PriceRow::pricePerMwh)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "interval", 20.0), org.assertj.core.groups.Tuple.tuple(2, "daily", 21.26));
        assertThat(PriceRows.latestRevision(revised)).hasSize(300).extracting(PriceRow::fetchId).containsOnly("daily");
    }
}
