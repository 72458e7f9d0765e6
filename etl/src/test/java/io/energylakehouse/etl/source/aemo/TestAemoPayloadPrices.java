package io.energylakehouse.etl.source.aemo;

import io.energylakehouse.etl.curate.CanonicalPrices;
import io.energylakehouse.etl.curate.MarketPrices;
import io.energylakehouse.etl.curate.PriceRow;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import static io.energylakehouse.etl.source.aemo.AemoTestFiles.parseResource;
import static io.energylakehouse.etl.source.aemo.AemoTestFiles.prices;
import static org.assertj.core.api.Assertions.assertThat;

/** Curation of AEMO prices: intervals, the pricing run, FCAS datasets, five-minute settlement, duplicates and the range check. */
class TestAemoPayloadPrices
{
    private static final Instant PUBLISHED = Instant.parse("2024-06-30T14:05:13Z");

    private static AemoPriceRecord record(int line, MmsTable table, String settlementDate, String region, Integer intervention, String rrp)
    {
        Instant end = AemoMarket.instant(LocalDateTime.parse(settlementDate, AemoMarket.MMS_DATE_TIME));
        Instant start = end.minus(java.time.Duration.ofMinutes(AemoPayloadPrices.intervalMinutes(table, end)));
        return new AemoPriceRecord("m.CSV", line, table, table == MmsTable.TRADING_PRICE ? 2 : 1, settlementDate, start, end, region, 1, intervention, null, null,
                new BigDecimal(rrp), Map.of(), "FIRM", null, "{}");
    }

    private static PriceRow only(CanonicalPrices prices, String dataset, String region)
    {
        List<PriceRow> rows = prices.rows().stream().filter(row -> row.dataset().equals(dataset) && row.locationId().equals(region)).toList();
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    @Test
    void curatesThePricingRunOfDispatchPriceIntoRt5minAndTheFcasDatasets()
    {
        AemoPayloadPrices.Curated curated = AemoPayloadPrices.curate(prices(parseResource(AemoReport.DISPATCH_PRICE,
                "PUBLIC_DISPATCHIS_202407010005_0000000428183218.CSV")), PUBLISHED, "fetch-1");
        CanonicalPrices prices = curated.prices();

        assertThat(prices.rejected()).isEmpty();
        // five regions, eleven datasets each; the SA1 intervention row is not curated, and counted
        assertThat(prices.rows()).hasSize(55);
        assertThat(curated.counts().intervention()).isEqualTo(1);
        PriceRow sa = only(prices, "rt_5min", "SA1");
        // 16,600 AUD/MWh on 2024-07-01, when the cap is 17,500: a real price
        assertThat(sa.pricePerMwh()).isEqualTo(16600.0);
        assertThat(sa.intervalStartUtc()).isEqualTo(Instant.parse("2024-06-30T14:00:00Z"));
        assertThat(sa.intervalEndUtc()).isEqualTo(Instant.parse("2024-06-30T14:05:00Z"));
        assertThat(sa.intervalMinutes()).isEqualTo(5);
        assertThat(sa.operatingDate()).isEqualTo(LocalDate.of(2024, 7, 1));
        assertThat(sa.hourEnding()).isEqualTo(1);
        assertThat(sa.locationType()).isEqualTo("region");
        assertThat(sa.currency()).isEqualTo("AUD");
        assertThat(sa.market()).isEqualTo("AEMO");
        assertThat(sa.revision()).isEqualTo(1);
        assertThat(sa.dqFlags()).isEmpty();
        assertThat(only(prices, "fcas_raise6sec_5min", "SA1").pricePerMwh()).isEqualTo(16600.0);
        assertThat(only(prices, "fcas_raise1sec_5min", "SA1").pricePerMwh()).isEqualTo(1.2);
        assertThat(only(prices, "fcas_lower1sec_5min", "NSW1").pricePerMwh()).isEqualTo(0.08);
        // the floor itself is a real price
        assertThat(only(prices, "rt_5min", "VIC1").pricePerMwh()).isEqualTo(-1000.0);
        assertThat(prices.rows()).extracting(PriceRow::dataset).containsOnly("rt_5min", "fcas_raise6sec_5min", "fcas_raise60sec_5min", "fcas_raise5min_5min",
                "fcas_raisereg_5min", "fcas_lower6sec_5min", "fcas_lower60sec_5min", "fcas_lower5min_5min", "fcas_lowerreg_5min", "fcas_raise1sec_5min",
                "fcas_lower1sec_5min");
    }

    @Test
    void theLastIntervalOfANemDayEndsAtMidnight()
    {
        CanonicalPrices prices = AemoPayloadPrices.canonical(List.of(record(1, MmsTable.DISPATCH_PRICE, "2024/07/02 00:00:00", "QLD1", 0, "80")), PUBLISHED,
                "f");

        PriceRow row = prices.rows().get(0);
        assertThat(row.intervalStartUtc()).isEqualTo(Instant.parse("2024-07-01T13:55:00Z"));
        assertThat(row.operatingDate()).isEqualTo(LocalDate.of(2024, 7, 1));
        assertThat(row.hourEnding()).isEqualTo(24);
    }

    @Test
    void tradingPricesAre30MinutesUntilFiveMinuteSettlementAndNotCuratedAfter()
    {
        AemoPayloadPrices.Curated curated = AemoPayloadPrices.curate(prices(parseResource(AemoReport.TRADING_PRICE,
                "PUBLIC_TRADINGIS_5MS_START_202110010010.CSV")), PUBLISHED, "f");

        assertThat(curated.prices().rejected()).isEmpty();
        assertThat(curated.prices().rows()).extracting(row -> row.locationId() + " " + row.intervalStartUtc() + " " + row.intervalMinutes() + " " + row.pricePerMwh())
                .containsExactly("NSW1 2021-09-30T13:00:00Z 30 61.2", "NSW1 2021-09-30T13:30:00Z 30 58.04", "VIC1 2021-09-30T13:30:00Z 30 40.17");
        assertThat(curated.prices().rows()).extracting(PriceRow::dataset).containsOnly("trading_30min");
        assertThat(curated.prices().rows()).extracting(PriceRow::operatingDate).containsOnly(LocalDate.of(2021, 9, 30));
        // the three five-minute trading prices equal the dispatch prices, which rt_5min holds
        assertThat(curated.counts().tradingAfterFiveMinuteSettlement()).isEqualTo(3);
    }

    @Test
    void duplicateRowsCollapseWhenTheyAgreeAndAreRefusedWhenTheyDisagree()
    {
        List<AemoPriceRecord> records = List.of(
                record(3, MmsTable.DISPATCH_PRICE, "2024/07/01 00:05:00", "NSW1", 0, "50.1"),
                record(4, MmsTable.DISPATCH_PRICE, "2024/07/01 00:05:00", "NSW1", 0, "50.10"),
                record(5, MmsTable.DISPATCH_PRICE, "2024/07/01 00:05:00", "QLD1", 0, "44"),
                record(6, MmsTable.DISPATCH_PRICE, "2024/07/01 00:05:00", "QLD1", 0, "45"));

        CanonicalPrices prices = AemoPayloadPrices.canonical(records, PUBLISHED, "f");

        assertThat(prices.rows()).extracting(PriceRow::locationId).containsExactly("NSW1");
        assertThat(prices.rows().get(0).dqFlags()).containsExactly(MarketPrices.DUPLICATE_ROWS_COLLAPSED);
        assertThat(prices.rejected()).hasSize(2).extracting(CanonicalPrices.Rejected::reason)
                .containsOnly("duplicate rt_5min rows of QLD1 at 2024/07/01 00:05:00 disagree: RRP 44 (line 5) vs 45 (line 6)");
    }

    @Test
    void refusesPricesOutsideTheCapAndFloorInEffectOnTheirDate()
    {
        List<AemoPriceRecord> records = List.of(
                // 16,600 was above the 2020-21 cap of 15,000
                record(2, MmsTable.DISPATCH_PRICE, "2020/08/01 18:00:00", "SA1", 0, "16600"),
                record(3, MmsTable.DISPATCH_PRICE, "2020/08/01 18:00:00", "NSW1", 0, "15000"),
                record(4, MmsTable.DISPATCH_PRICE, "2024/07/01 18:00:00", "VIC1", 0, "-1000.01"),
                // 30 June 2024 was under the 2023-24 cap of 16,600; 1 July under 17,500
                record(5, MmsTable.DISPATCH_PRICE, "2024/06/30 18:00:00", "SA1", 0, "16600"),
                record(6, MmsTable.DISPATCH_PRICE, "2024/06/30 18:05:00", "SA1", 0, "17500"),
                record(7, MmsTable.DISPATCH_PRICE, "2024/07/01 18:05:00", "SA1", 0, "17500"));

        CanonicalPrices prices = AemoPayloadPrices.canonical(records, PUBLISHED, "f");

        assertThat(prices.rows()).extracting(row -> row.locationId() + " " + row.pricePerMwh()).containsExactly("NSW1 15000.0", "SA1 16600.0", "SA1 17500.0");
        assertThat(prices.rejected()).extracting(CanonicalPrices.Rejected::reason).containsExactly(
                "RRP of SA1 at 2020/08/01 18:00:00 (line 2) 16600 AUD/MWh is above the market price cap: the range on 2020-08-01 is floor -1000 .. cap 15000 "
                        + "AUD/MWh (in effect from 2020-07-01)",
                "RRP of VIC1 at 2024/07/01 18:00:00 (line 4) -1000.01 AUD/MWh is below the market price floor: the range on 2024-07-01 is floor -1000 .. cap "
                        + "17500 AUD/MWh (in effect from 2024-07-01)",
                "RRP of SA1 at 2024/06/30 18:05:00 (line 6) 17500 AUD/MWh is above the market price cap: the range on 2024-06-30 is floor -1000 .. cap 16600 "
                        + "AUD/MWh (in effect from 2023-07-01)");
    }

    @Test
    void datesBeyondTheBuiltInTableAreCheckedAgainstTheLatestThresholdsAndFlagged()
    {
        LocalDate beyond = AemoThresholds.lastCoveredDay().plusDays(1);
        String settlement = beyond.format(java.time.format.DateTimeFormatter.ofPattern("uuuu/MM/dd")) + " 12:00:00";
        List<AemoPriceRecord> records = List.of(record(2, MmsTable.DISPATCH_PRICE, settlement, "NSW1", 0, "300"),
                record(3, MmsTable.DISPATCH_PRICE, settlement, "QLD1", 0, "99999"));

        CanonicalPrices prices = AemoPayloadPrices.canonical(records, PUBLISHED, "f");

        assertThat(prices.rows()).hasSize(1);
        assertThat(prices.rows().get(0).dqFlags()).containsExactly(AemoThresholds.ASSUMED_FLAG);
        assertThat(prices.rejected().get(0).reason()).contains("is above the market price cap").contains("cap 20300")
                .contains("the latest known, assumed for a date beyond the built-in table");
    }

    @Test
    void refusesAnUnknownRegionAndADateBeforeAnyThreshold()
    {
        List<AemoPriceRecord> records = List.of(record(2, MmsTable.DISPATCH_PRICE, "2024/07/01 00:05:00", "SNOWY1", 0, "50"),
                record(3, MmsTable.DISPATCH_PRICE, "1997/01/01 00:05:00", "NSW1", 0, "50"));

        CanonicalPrices prices = AemoPayloadPrices.canonical(records, PUBLISHED, "f");

        assertThat(prices.rows()).isEmpty();
        // every refusal has its interval, so that curation quarantines it on its operating day
        assertThat(prices.rejected()).extracting(CanonicalPrices.Rejected::intervalStartUtc).containsExactly(Instant.parse("2024-06-30T14:00:00Z"),
                Instant.parse("1996-12-31T14:00:00Z"));
        assertThat(prices.rejected()).extracting(CanonicalPrices.Rejected::reason).containsExactly(
                "unknown NEM region 'SNOWY1' at 2024/07/01 00:05:00 (line 2 of m.CSV): the regions are [NSW1, QLD1, SA1, TAS1, VIC1]",
                "RRP of NSW1 at 1997/01/01 00:05:00 (line 3) 50 AUD/MWh on 1997-01-01: no market price cap is known before 1997-11-04");
    }
}
