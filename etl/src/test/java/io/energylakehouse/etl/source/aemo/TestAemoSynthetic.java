package io.energylakehouse.etl.source.aemo;

import io.energylakehouse.etl.curate.CanonicalPrices;
import io.energylakehouse.etl.curate.PriceRow;
import io.energylakehouse.etl.raw.FetchOutcome;
import io.energylakehouse.etl.raw.ParsedPayload;
import io.energylakehouse.etl.raw.Payload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static io.energylakehouse.etl.source.aemo.AemoTestFiles.prices;
import static org.assertj.core.api.Assertions.assertThat;

/** The sample generator: deterministic, labelled, and parsed and curated with no rejection. */
class TestAemoSynthetic
{
    @Test
    void writesDeterministicLabelledFilesThatParseWithNoRejection(@TempDir Path folder)
            throws IOException
    {
        AemoConnector connector = new AemoConnector();
        List<Path> written = connector.samples().orElseThrow().write(folder, connector.demoDates(), 5, 42);

        // a DISPATCHPRICE and a TRADINGPRICE zip a day, and the price thresholds as of the last day
        assertThat(written).hasSize(2 * connector.demoDates().size() + 1);
        assertThat(Files.readString(folder.resolve("README-aemo.md"))).contains("SYNTHETIC").contains("NOT MARKET DATA");
        List<SyntheticAemo.GeneratedFile> again = new SyntheticAemo(42).files(connector.demoDates(), 5);
        for (int i = 0; i < written.size(); i++) {
            assertThat(Files.readAllBytes(written.get(i))).isEqualTo(again.get(i).bytes());
        }
        assertThat(new SyntheticAemo(43).files(connector.demoDates(), 5).get(0).bytes()).isNotEqualTo(again.get(0).bytes());

        for (Path file : written) {
            AemoReport report = AemoReport.fromName(connector.reportOfFile(file.getFileName().toString()).orElseThrow().requestName());
            ParsedPayload parsed = new AemoParser().parse(Payload.ofFile(AemoMarket.SOURCE, report.requestName(), Payload.Origin.SYNTHETIC, "k", file));
            assertThat(parsed.outcome()).as(file.toString()).isEqualTo(FetchOutcome.PARSED);
            assertThat(parsed.rejected()).as(file.toString()).isEmpty();
            assertThat(parsed.detail()).as(file.toString()).isEmpty();
            if (report == AemoReport.PRICE_THRESHOLDS) {
                @SuppressWarnings("unchecked")
                List<AemoThresholdRecord> thresholds = (List<AemoThresholdRecord>) parsed.records();
                // as of 2025-11-03: 1997-11-04 .. 2025-07-01, the 20,300 cap last
                assertThat(thresholds).hasSize(17);
                assertThat(thresholds.get(16).voll()).isEqualByComparingTo("20300");
                assertThat(parsed.operatingDates()).contains(LocalDate.of(2024, 7, 1), LocalDate.of(2025, 7, 1));
                assertThat(AemoThresholds.canonicalRecords(thresholds, parsed.publishedAtUtc().orElseThrow(), "f").rejected()).isEmpty();
                continue;
            }
            AemoPayloadPrices.Curated curated = AemoPayloadPrices.curate(prices(parsed), parsed.publishedAtUtc().orElseThrow(), "f");
            CanonicalPrices canonical = curated.prices();
            assertThat(canonical.rejected()).as(file.toString()).isEmpty();
            String name = file.getFileName().toString();
            LocalDate day = LocalDate.parse(name.substring(name.length() - 12, name.length() - 4), java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
            if (report == AemoReport.DISPATCH_PRICE) {
                assertThat(curated.counts().intervention()).isEqualTo(3);
                Map<String, Long> perDataset = canonical.rows().stream().collect(Collectors.groupingBy(PriceRow::dataset, Collectors.counting()));
                assertThat(perDataset.get("rt_5min")).isEqualTo(5 * 288L);
                // one-second FCAS from 2023-10-09 only
                assertThat(perDataset.containsKey("fcas_raise1sec_5min")).isEqualTo(!day.isBefore(SyntheticAemo.ONE_SECOND_FCAS_START));
                assertThat(canonical.rows()).extracting(PriceRow::operatingDate).containsOnly(day);
            }
            else if (day.isBefore(LocalDate.of(2021, 10, 1))) {
                assertThat(canonical.rows()).hasSize(5 * 48).extracting(PriceRow::dataset).containsOnly("trading_30min");
            }
            else {
                assertThat(canonical.rows()).isEmpty();
                assertThat(curated.counts().tradingAfterFiveMinuteSettlement()).isEqualTo(5 * 288);
            }
        }
    }
}
