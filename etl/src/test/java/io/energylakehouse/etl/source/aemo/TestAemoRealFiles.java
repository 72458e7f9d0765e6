package io.energylakehouse.etl.source.aemo;

import io.energylakehouse.etl.curate.CanonicalPrices;
import io.energylakehouse.etl.curate.PriceRow;
import io.energylakehouse.etl.raw.FetchOutcome;
import io.energylakehouse.etl.raw.ParsedPayload;
import io.energylakehouse.etl.raw.Payload;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.energylakehouse.etl.source.aemo.AemoTestFiles.REAL;
import static io.energylakehouse.etl.source.aemo.AemoTestFiles.prices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The three real AEMO archives of ../shared/fixtures/real/aemo (NEMOSIS's trimmed copies: NSW1 and SA1 only, footers of
 * the originals), read in place; skipped when the shared folder is absent.
 */
class TestAemoRealFiles
{
    private static ParsedPayload parse(AemoReport report, String fileName)
            throws IOException
    {
        Path file = REAL.resolve(fileName);
        assumeTrue(Files.isRegularFile(file), "the shared real fixture " + file + " is absent");
        assertThat(new AemoConnector().reportOfFile(fileName).orElseThrow().name()).isEqualTo(report.reportName());
        return new AemoParser().parse(Payload.ofFile(AemoMarket.SOURCE, report.requestName(), Payload.Origin.REPLAY, "replay", file));
    }

    @Test
    void dispatchPriceArchiveOfApril2018()
            throws IOException
    {
        ParsedPayload parsed = parse(AemoReport.DISPATCH_PRICE, "PUBLIC_DVD_DISPATCHPRICE_201804010000.zip");

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(parsed.rejected()).isEmpty();
        List<AemoPriceRecord> records = prices(parsed);
        assertThat(records).hasSize(5342);
        Map<String, Long> perRunAndRegion = records.stream().collect(Collectors.groupingBy(record -> record.regionId() + "/" + record.intervention(),
                Collectors.counting()));
        assertThat(perRunAndRegion).containsExactlyInAnyOrderEntriesOf(Map.of("NSW1/0", 1440L, "NSW1/1", 1231L, "SA1/0", 1440L, "SA1/1", 1231L));
        assertThat(records).extracting(AemoPriceRecord::tableVersion).containsOnly(1);
        // version 1 has the eight FCAS services, not the one-second ones
        assertThat(records.get(0).fcasPrices()).hasSize(8).doesNotContainKey(FcasService.RAISE1SEC);
        // the footer is the original's, 68,073 lines: a warning only
        assertThat(parsed.detail().orElseThrow()).contains("the footer of member PUBLIC_DVD_DISPATCHPRICE_201804010000.CSV counts 68073 lines, the member has 5345");
        assertThat(parsed.publishedAtUtc()).contains(Instant.parse("2018-05-07T14:20:04Z"));
        // NEMOSIS trimmed by SETTLEMENTDATE day: the interval ending 2018/04/29 00:00 is the last of the NEM day 2018-04-28
        assertThat(parsed.operatingDates()).containsExactlyInAnyOrder(LocalDate.of(2018, 4, 1), LocalDate.of(2018, 4, 2), LocalDate.of(2018, 4, 3),
                LocalDate.of(2018, 4, 28), LocalDate.of(2018, 4, 29), LocalDate.of(2018, 4, 30));
        assertThat(records.get(0).fieldsJson()).contains("\"CUMUL_PRE_AP_ENERGY_PRICE\":\"22051.3819749999999999999999\"");
        scala.Function1<Object, Object> toRaw = org.apache.spark.sql.catalyst.CatalystTypeConverters.createToCatalystConverter(AemoTables.RAW_DISPATCH_PRICE.schema());
        records.forEach(record -> assertThat(toRaw.apply(record.toRow("f", "l"))).isNotNull());

        // the intervention pair of 2018/04/01 00:05 NSW1: both in raw, the pricing run (INTERVENTION 0) curated
        List<AemoPriceRecord> pair = records.stream().filter(record -> record.regionId().equals("NSW1") && record.settlementDate().equals("2018/04/01 00:05:00"))
                .toList();
        assertThat(pair).extracting(AemoPriceRecord::intervention).containsExactly(0, 1);
        assertThat(pair).extracting(AemoPriceRecord::rrp).containsExactly(new BigDecimal("67.58327"), new BigDecimal("68.30654"));

        AemoPayloadPrices.Curated curated = AemoPayloadPrices.curate(records, parsed.publishedAtUtc().orElseThrow(), "f");
        CanonicalPrices prices = curated.prices();
        assertThat(prices.rejected()).isEmpty();
        assertThat(curated.counts().intervention()).isEqualTo(2462);
        // 5 days of 288 intervals, 2 regions, 9 datasets (energy and 8 FCAS services)
        assertThat(prices.rows()).hasSize(5 * 288 * 2 * 9);
        Map<String, Long> rt5PerDay = prices.rows().stream().filter(row -> row.dataset().equals("rt_5min"))
                .collect(Collectors.groupingBy(row -> row.locationId() + " " + row.operatingDate(), Collectors.counting()));
        Map<String, Long> expected = new java.util.HashMap<>();
        for (String region : List.of("NSW1", "SA1")) {
            expected.putAll(Map.of(region + " 2018-04-01", 288L, region + " 2018-04-02", 288L, region + " 2018-04-03", 287L, region + " 2018-04-28", 1L,
                    region + " 2018-04-29", 288L, region + " 2018-04-30", 288L));
        }
        assertThat(rt5PerDay).containsExactlyInAnyOrderEntriesOf(expected);
        PriceRow first = prices.rows().stream().filter(row -> row.dataset().equals("rt_5min") && row.locationId().equals("NSW1")
                && row.intervalEndUtc().equals(Instant.parse("2018-03-31T14:05:00Z"))).findFirst().orElseThrow();
        assertThat(first.pricePerMwh()).isEqualTo(67.58327);
        assertThat(first.intervalStartUtc()).isEqualTo(Instant.parse("2018-03-31T14:00:00Z"));
        assertThat(first.operatingDate()).isEqualTo(LocalDate.of(2018, 4, 1));
        PriceRow raise6 = prices.rows().stream().filter(row -> row.dataset().equals("fcas_raise6sec_5min") && row.locationId().equals("NSW1")
                && row.intervalEndUtc().equals(Instant.parse("2018-03-31T14:05:00Z"))).findFirst().orElseThrow();
        assertThat(raise6.pricePerMwh()).isEqualTo(19.99);
    }

    @Test
    void tradingPriceArchiveOfApril2018IsThirtyMinutes()
            throws IOException
    {
        ParsedPayload parsed = parse(AemoReport.TRADING_PRICE, "PUBLIC_DVD_TRADINGPRICE_201804010000.zip");

        assertThat(parsed.rejected()).isEmpty();
        List<AemoPriceRecord> records = prices(parsed);
        assertThat(records).hasSize(480);
        assertThat(records).extracting(AemoPriceRecord::tableVersion).containsOnly(2);
        assertThat(records).extracting(AemoPriceRecord::intervention).containsOnlyNulls();
        assertThat(records.get(0).intervalStartUtc()).isEqualTo(Instant.parse("2018-03-31T14:00:00Z"));
        assertThat(records.get(0).intervalEndUtc()).isEqualTo(Instant.parse("2018-03-31T14:30:00Z"));

        CanonicalPrices prices = AemoPayloadPrices.canonical(records, parsed.publishedAtUtc().orElseThrow(), "f");
        assertThat(prices.rejected()).isEmpty();
        assertThat(prices.rows()).hasSize(480).extracting(PriceRow::dataset).containsOnly("trading_30min");
        assertThat(prices.rows()).extracting(PriceRow::intervalMinutes).containsOnly(30);
        Map<String, Long> perDay = prices.rows().stream().collect(Collectors.groupingBy(row -> row.locationId() + " " + row.operatingDate(), Collectors.counting()));
        // NEMOSIS trimmed the file by SETTLEMENTDATE (interval end): by NEM day of the interval start, the 3rd lacks its last half hour and
        // the 28th holds the one interval ending at 00:00 on the 29th
        Map<String, Long> expected = new java.util.HashMap<>();
        for (String region : List.of("NSW1", "SA1")) {
            expected.putAll(Map.of(region + " 2018-04-01", 48L, region + " 2018-04-02", 48L, region + " 2018-04-03", 47L, region + " 2018-04-28", 1L,
                    region + " 2018-04-29", 48L, region + " 2018-04-30", 48L));
        }
        assertThat(perDay).containsExactlyInAnyOrderEntriesOf(expected);
        PriceRow sa = prices.rows().stream().filter(row -> row.locationId().equals("SA1") && row.intervalEndUtc().equals(Instant.parse("2018-03-31T14:30:00Z")))
                .findFirst().orElseThrow();
        assertThat(sa.pricePerMwh()).isEqualTo(108.16);
        assertThat(sa.intervalStartUtc()).isEqualTo(Instant.parse("2018-03-31T14:00:00Z"));
    }

    @Test
    void thePriceThresholdsArchiveAgreesWithTheBuiltInTable()
            throws IOException
    {
        ParsedPayload parsed = parse(AemoReport.PRICE_THRESHOLDS, "PUBLIC_DVD_MARKET_PRICE_THRESHOLDS_202104010000.zip");

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(parsed.rejected()).isEmpty();
        @SuppressWarnings("unchecked")
        List<AemoThresholdRecord> records = (List<AemoThresholdRecord>) parsed.records();
        assertThat(records).hasSize(12);
        // the fetch log's dates of the payload are the effective dates, the trade_date of its rows in curated.spot_prices
        assertThat(parsed.operatingDates()).hasSize(12).contains(LocalDate.of(1997, 11, 4), LocalDate.of(2020, 7, 1));
        for (AemoThresholdRecord record : records) {
            AemoThresholds.Threshold known = AemoThresholds.inEffect(record.effectiveDate()).orElseThrow();
            assertThat(known.effectiveDate()).as("effective date of line %d", record.lineNumber()).isEqualTo(record.effectiveDate());
            assertThat(known.marketPriceCap()).as("cap from %s", record.effectiveDate()).isEqualByComparingTo(record.voll());
            assertThat(known.marketPriceFloor()).as("floor from %s", record.effectiveDate()).isEqualByComparingTo(record.marketPriceFloor());
            if (record.administeredPriceThreshold() == null) {
                assertThat(known.administeredPriceThreshold()).isNull();
            }
            else {
                assertThat(known.administeredPriceThreshold()).isEqualByComparingTo(record.administeredPriceThreshold());
            }
        }
        // every built-in row up to the archive's last is in the archive
        assertThat(AemoThresholds.KNOWN.stream().filter(known -> !known.effectiveDate().isAfter(LocalDate.of(2020, 7, 1))).map(AemoThresholds.Threshold::effectiveDate))
                .containsExactlyElementsOf(records.stream().map(AemoThresholdRecord::effectiveDate).toList());

        var curated = AemoThresholds.canonicalRecords(records, parsed.publishedAtUtc().orElseThrow(), "f");
        assertThat(curated.rejected()).isEmpty();
        // cap and floor for 12 dates, the administered price threshold for 11 (1997 has none)
        assertThat(curated.rows()).hasSize(35);
        scala.Function1<Object, Object> toSpotPrices = org.apache.spark.sql.catalyst.CatalystTypeConverters.createToCatalystConverter(
                io.energylakehouse.common.table.CanonicalTables.SPOT_PRICES.schema());
        curated.rows().forEach(row -> assertThat(toSpotPrices.apply(row)).isNotNull());
        assertThat(curated.rows().get(curated.rows().size() - 3).toString()).isEqualTo(
                "[AEMO,MARKET_PRICE_CAP,2020-07-01,2020-07-01,2021-07-01,15000.0,AUD,MWh,settled,null,null,null,null,null,null,2021-05-07T03:10:02Z,null,f,[]]");
    }
}
