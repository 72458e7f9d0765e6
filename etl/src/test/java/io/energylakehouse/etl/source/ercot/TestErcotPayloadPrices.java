package io.energylakehouse.etl.source.ercot;

import io.energylakehouse.etl.curate.CanonicalPrices;
import io.energylakehouse.etl.curate.MarketPrices;
import io.energylakehouse.etl.curate.PriceRow;
import io.energylakehouse.etl.raw.ParsedPayload;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static io.energylakehouse.etl.source.ercot.ErcotTestFiles.parse;
import static io.energylakehouse.etl.source.ercot.ErcotTestFiles.records;
import static io.energylakehouse.etl.source.ercot.ErcotTestFiles.resource;
import static org.assertj.core.api.Assertions.assertThat;

/** Raw ERCOT records to canonical market_prices rows, without Spark. */
class TestErcotPayloadPrices
{
    private static final Instant PUBLISHED = Instant.parse("2024-11-02T18:30:07Z");

    @Test
    void turnsDamRowsIntoCanonicalRows()
    {
        CanonicalPrices result = canonical(ErcotReport.DAM_SPP, "dam_spp_20240701.csv");

        assertThat(result.rejected()).isEmpty();
        assertThat(result.rows()).hasSize(72);
        assertThat(result.rows().get(0)).isEqualTo(new PriceRow("ERCOT", "da_hourly", "HB_HOUSTON", "hub", Instant.parse("2024-07-01T05:00:00Z"),
                Instant.parse("2024-07-01T06:00:00Z"), 60, LocalDate.of(2024, 7, 1), 1, 22.95, null, null, null, null, "USD", PUBLISHED, 1, "fetch-1", List.of()));
        assertThat(result.rows()).extracting(PriceRow::locationId, PriceRow::locationType).containsOnly(
                org.assertj.core.groups.Tuple.tuple("HB_HOUSTON", "hub"), org.assertj.core.groups.Tuple.tuple("HB_NORTH", "hub"),
                org.assertj.core.groups.Tuple.tuple("LZ_WEST", "zone"));
        // the 24:00 hour belongs to its delivery date
        assertThat(result.rows().stream().filter(row -> row.hourEnding() == 24)).allSatisfy(row -> assertThat(row.operatingDate()).isEqualTo(LocalDate.of(2024, 7, 1)));
    }

    @Test
    void countsHoursOfBothDstDaysInCentralTime()
    {
        List<PriceRow> spring = canonical(ErcotReport.DAM_SPP, "dam_spp_20240310_spring.csv").rows();
        List<PriceRow> fall = canonical(ErcotReport.DAM_SPP, "dam_spp_20241103_fall.csv").rows();

        assertThat(hoursEnding(spring, "HB_NORTH")).containsExactlyElementsOf(IntStream.rangeClosed(1, 23).boxed().toList());
        assertThat(hoursEnding(fall, "HB_NORTH")).containsExactlyElementsOf(IntStream.rangeClosed(1, 25).boxed().toList());
        assertThat(spring).allSatisfy(row -> assertThat(row.operatingDate()).isEqualTo(LocalDate.of(2024, 3, 10)));
        assertThat(fall).allSatisfy(row -> assertThat(row.operatingDate()).isEqualTo(LocalDate.of(2024, 11, 3)));
        // the file's second 02:00 (DSTFlag Y) is elapsed hour 3
        PriceRow repeated = fall.stream().filter(row -> row.locationId().equals("HB_NORTH") && row.hourEnding() == 3).findFirst().orElseThrow();
        assertThat(repeated.intervalStartUtc()).isEqualTo(Instant.parse("2024-11-03T07:00:00Z"));
    }

    @Test
    void countsQuarterHoursOfBothDstDays()
    {
        SyntheticErcot generator = new SyntheticErcot(11);
        List<SyntheticErcot.SettlementPoint> points = SyntheticErcot.settlementPoints(16);
        Map<LocalDate, Integer> quarters = SyntheticErcot.DST_DAYS_2024.stream().collect(Collectors.toMap(day -> day, day -> 0));
        List<LocalDate> days = List.of(LocalDate.of(2024, 3, 10), LocalDate.of(2024, 7, 1), LocalDate.of(2024, 11, 3));
        for (LocalDate day : days) {
            int count = 0;
            for (Instant start : ErcotMarket.TIME.intervalStarts(day, 15)) {
                SyntheticErcot.GeneratedFile file = generator.realTimeInterval(start, points);
                ParsedPayload parsed = ErcotSppParser.parseFile(ErcotReport.RT_SPP, file.bytes(), file.fileName());
                List<PriceRow> rows = ErcotPayloadPrices.canonical(records(parsed), ErcotReport.RT_SPP, file.postedAtUtc(), "fetch").rows();
                count += (int) rows.stream().filter(row -> row.locationId().equals("HB_NORTH")).count();
                assertThat(rows).allSatisfy(row -> assertThat(row.operatingDate()).isEqualTo(day));
            }
            quarters.put(day, count);
        }
        assertThat(quarters).containsEntry(LocalDate.of(2024, 3, 10), 92).containsEntry(LocalDate.of(2024, 7, 1), 96).containsEntry(LocalDate.of(2024, 11, 3), 100);
    }

    @Test
    void keepsEnergyWeightedZonesApartAndTypesAsLocationTypes()
    {
        CanonicalPrices result = canonical(ErcotReport.RT_SPP, "rt_spp_20240701_h10.csv");

        assertThat(result.rejected()).isEmpty();
        assertThat(result.rows()).hasSize(16);
        assertThat(result.rows()).allSatisfy(row -> {
            assertThat(row.intervalMinutes()).isEqualTo(15);
            assertThat(row.hourEnding()).isEqualTo(10);
            assertThat(row.energyPerMwh()).isNull();
            assertThat(row.congestionPerMwh()).isNull();
            assertThat(row.lossPerMwh()).isNull();
            assertThat(row.ghgPerMwh()).isNull();
        });
        assertThat(result.rows().stream().collect(Collectors.toMap(PriceRow::locationId, PriceRow::locationType, (a, b) -> a))).isEqualTo(Map.of(
                "HB_NORTH", "hub", "LZ_HOUSTON", "zone", "LZ_HOUSTON_EW", "zone", "SYN_NORTH_001_RN", "node"));
    }

    @Test
    void collapsesAgreeingDuplicatesAndRejectsDisagreeingOnes()
    {
        String text = """
                DeliveryDate,HourEnding,SettlementPoint,SettlementPointPrice,DSTFlag
                07/01/2024,01:00,HB_NORTH,20.5,N
                07/01/2024,01:00,HB_NORTH,20.5,N
                07/01/2024,02:00,HB_NORTH,21,N
                07/01/2024,02:00,HB_NORTH,-21,N
                """;
        ParsedPayload parsed = parse(ErcotReport.DAM_SPP, "dup.csv", text.getBytes(StandardCharsets.UTF_8));
        CanonicalPrices result = ErcotPayloadPrices.canonical(records(parsed), ErcotReport.DAM_SPP, PUBLISHED, "fetch-1");

        assertThat(result.rows()).singleElement().satisfies(row -> {
            assertThat(row.hourEnding()).isEqualTo(1);
            assertThat(row.dqFlags()).containsExactly(MarketPrices.DUPLICATE_ROWS_COLLAPSED);
        });
        assertThat(result.rejected()).containsExactly(new CanonicalPrices.Rejected("HB_NORTH", Instant.parse("2024-07-01T06:00:00Z"),
                "duplicate rows for one settlement point and interval disagree: 2 rows (-21.0 vs 21.0)",
                "{\"min_price\":-21.0,\"max_price\":21.0,\"rows\":2,\"first_line\":4}"));
    }

    private static CanonicalPrices canonical(ErcotReport report, String resource)
    {
        ParsedPayload parsed = parse(report, resource, resource(resource));
        return ErcotPayloadPrices.canonical(records(parsed), report, PUBLISHED, "fetch-1");
    }

    private static List<Integer> hoursEnding(List<PriceRow> rows, String location)
    {
        return rows.stream().filter(row -> row.locationId().equals(location)).map(PriceRow::hourEnding).toList();
    }
}
