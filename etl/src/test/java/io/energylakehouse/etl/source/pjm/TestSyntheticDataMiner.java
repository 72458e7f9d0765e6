package io.energylakehouse.etl.source.pjm;

import io.energylakehouse.etl.curate.PriceRow;
import io.energylakehouse.etl.raw.FetchOutcome;
import io.energylakehouse.etl.raw.ParsedPayload;
import io.energylakehouse.etl.raw.PayloadContent;
import io.energylakehouse.etl.raw.PayloadLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.energylakehouse.etl.source.pjm.TestPjmLmpParser.records;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The labelled-synthetic Data Miner pages: deterministic, in PJM's page format, read back by the parser without a rejection. */
class TestSyntheticDataMiner
{
    private static final List<SyntheticDataMiner.Pnode> PNODES = SyntheticDataMiner.pnodes(50);
    private static final LocalDate SPRING = LocalDate.of(2024, 3, 10);
    private static final LocalDate FALL = LocalDate.of(2024, 11, 3);

    @Test
    void pnodesAreTheMainHubsZonesAndLabelledSyntheticOnes()
    {
        assertThat(PNODES).hasSize(50);
        assertThat(PNODES).extracting(SyntheticDataMiner.Pnode::name)
                .contains("WESTERN HUB", "EASTERN HUB", "AEP-DAYTON HUB", "N ILLINOIS HUB", "DOMINION HUB", "PJM-RTO", "COMED", "DOM");
        assertThat(PNODES).filteredOn(pnode -> !pnode.type().equals("HUB") && !pnode.type().equals("ZONE"))
                .hasSize(30).allSatisfy(pnode -> {
                    assertThat(pnode.name()).startsWith("SYN_");
                    assertThat(pnode.id()).isGreaterThan(900_000_000L);
                });
        assertThat(PNODES).extracting(SyntheticDataMiner.Pnode::id).doesNotHaveDuplicates();
        assertThat(PNODES).allSatisfy(pnode -> assertThat(PjmMarket.locationType(pnode.type(), pnode.id())).isNotNull());
        assertThatThrownBy(() -> SyntheticDataMiner.pnodes(10)).hasMessage("Cannot generate 10 synthetic pnodes: the hubs and zones alone are 20");
    }

    @Test
    void sameSeedSameBytes()
    {
        List<SyntheticDataMiner.GeneratedPage> first = new SyntheticDataMiner(7).pages(PjmReport.DA_HRL_LMPS, FALL, PNODES, 500);
        List<SyntheticDataMiner.GeneratedPage> again = new SyntheticDataMiner(7).pages(PjmReport.DA_HRL_LMPS, FALL, PNODES, 500);
        List<SyntheticDataMiner.GeneratedPage> other = new SyntheticDataMiner(8).pages(PjmReport.DA_HRL_LMPS, FALL, PNODES, 500);

        assertThat(first).hasSize(3);
        for (int i = 0; i < first.size(); i++) {
            assertThat(first.get(i).bytes()).isEqualTo(again.get(i).bytes());
            assertThat(first.get(i).bytes()).isNotEqualTo(other.get(i).bytes());
        }
        assertThat(first).extracting(SyntheticDataMiner.GeneratedPage::fileName)
                .containsExactly("da_hrl_lmps_20241103_row000001.json", "da_hrl_lmps_20241103_row000501.json", "da_hrl_lmps_20241103_row001001.json");
    }

    @Test
    void everyReportOfBothDstDaysReadsBackWhole()
    {
        SyntheticDataMiner generator = new SyntheticDataMiner(20240310);
        for (LocalDate date : List.of(SPRING, FALL)) {
            for (PjmReport report : PjmReport.values()) {
                // all 50 pnodes for the hourly reports, the hubs and zones for the five-minute ones (a quarter of the bytes)
                List<SyntheticDataMiner.Pnode> pnodes = report.intervalMinutes() == 60 ? PNODES : PNODES.subList(0, 20);
                int rowCount = report.intervalMinutes() == 60 ? 500 : 2_000;
                List<SyntheticDataMiner.GeneratedPage> pages = generator.pages(report, date, pnodes, rowCount);
                List<Instant> starts = PjmMarket.TIME.intervalStarts(date, report.intervalMinutes());
                int totalRows = pnodes.size() * starts.size();
                assertThat(starts).hasSize((date.equals(SPRING) ? 23 : 25) * 60 / report.intervalMinutes());

                List<PjmLmpRecord> records = new ArrayList<>();
                for (int i = 0; i < pages.size(); i++) {
                    SyntheticDataMiner.GeneratedPage generated = pages.get(i);
                    DataMinerPage page = PjmLmpParser.page(report, PayloadContent.of(generated.bytes()), generated.fileName(), PayloadLimits.DEFAULTS);
                    ParsedPayload parsed = page.parsed();
                    assertThat(parsed.outcome()).as("%s", generated.fileName()).isEqualTo(FetchOutcome.PARSED);
                    assertThat(parsed.rejected()).as("%s", generated.fileName()).isEmpty();
                    assertThat(parsed.operatingDates()).containsExactly(date);
                    assertThat(page.totalRows()).contains((long) totalRows);
                    assertThat(page.startRow()).contains(1 + rowCount * i);
                    assertThat(page.nextHref().isPresent()).isEqualTo(i < pages.size() - 1);
                    assertThat(page.nextStartRow()).isEqualTo(i < pages.size() - 1 ? java.util.Optional.of(1 + rowCount * (i + 1)) : java.util.Optional.empty());
                    records.addAll(records(parsed));
                }
                Set<String> keys = new HashSet<>();
                records.forEach(record -> keys.add(record.pnodeId() + "@" + record.intervalStartUtc()));
                assertThat(keys).as("%s %s", report, date).hasSize(totalRows);
                assertThat(records).as("%s %s", report, date).hasSize(totalRows);

                List<PriceRow> rows = PjmPayloadPrices.canonical(records, report, Instant.parse("2024-12-01T00:00:00Z"), "fetch").rows();
                assertThat(rows).hasSize(totalRows);
                assertThat(rows).allSatisfy(row -> assertThat(row.energyPerMwh() + row.congestionPerMwh() + row.lossPerMwh()).isCloseTo(row.pricePerMwh(), within(1e-6)));
                assertThat(rows).allSatisfy(row -> assertThat(row.dqFlags()).isEqualTo(report.hasEnergyColumn() ? List.of() : List.of(PjmPayloadPrices.ENERGY_DERIVED)));
                assertThat(rows.stream().mapToInt(PriceRow::hourEnding).max().orElseThrow()).isEqualTo(date.equals(SPRING) ? 23 : 25);
            }
        }
    }

    @Test
    void fallBackPagesRepeatTheEptHourAndSpringPagesSkipIt()
    {
        String fall = new String(new SyntheticDataMiner(1).pages(PjmReport.DA_HRL_LMPS, FALL, PNODES, 50_000).get(0).bytes(), StandardCharsets.UTF_8);
        String spring = new String(new SyntheticDataMiner(1).pages(PjmReport.DA_HRL_LMPS, SPRING, PNODES, 50_000).get(0).bytes(), StandardCharsets.UTF_8);

        assertThat(count(fall, "\"datetime_beginning_ept\":\"2024-11-03T01:00:00\"")).isEqualTo(2 * PNODES.size());
        assertThat(count(fall, "\"datetime_beginning_utc\":\"2024-11-03T05:00:00\"")).isEqualTo(PNODES.size());
        assertThat(count(fall, "\"datetime_beginning_utc\":\"2024-11-03T06:00:00\"")).isEqualTo(PNODES.size());
        assertThat(spring).doesNotContain("\"datetime_beginning_ept\":\"2024-03-10T02:00:00\"");
        assertThat(fall).startsWith("{\"links\":[{\"rel\":\"self\",\"href\":\"https://api.pjm.com/api/v1/da_hrl_lmps?RowCount=50000&Order=Asc&StartRow=1&")
                .contains("\"totalRows\":1250}").contains("\"total_lmp_da\":");
    }

    @Test
    void verifiedFiveMinutePricesCorrectAFewUnverifiedOnes()
    {
        SyntheticDataMiner generator = new SyntheticDataMiner(3);
        LocalDate day = LocalDate.of(2024, 7, 1);
        Map<String, PriceRow> unverified = byKey(generator, PjmReport.RT_UNVERIFIED_FIVEMIN_LMPS, day);
        Map<String, PriceRow> verified = byKey(generator, PjmReport.RT_FIVEMIN_HRL_LMPS, day);

        assertThat(verified.keySet()).isEqualTo(unverified.keySet());
        long corrected = verified.keySet().stream().filter(key -> verified.get(key).pricePerMwh().doubleValue() != unverified.get(key).pricePerMwh()).count();
        assertThat(corrected).isPositive().isLessThan(verified.size() / 10);
        // where not corrected, the derived energy is the published one
        assertThat(verified.keySet()).allSatisfy(key -> assertThat(unverified.get(key).energyPerMwh()).isCloseTo(verified.get(key).energyPerMwh(), within(1e-9)));
    }

    @Test
    void writesPagesWithAReadme(@TempDir Path directory)
            throws IOException
    {
        List<Path> files = new SyntheticDataMiner(5).write(directory, List.of(SPRING), PNODES.subList(0, 20), 50_000);

        assertThat(files).extracting(file -> file.getFileName().toString()).containsExactly(
                "da_hrl_lmps_20240310_row000001.json", "rt_hrl_lmps_20240310_row000001.json", "rt_fivemin_hrl_lmps_20240310_row000001.json",
                "rt_unverified_fivemin_lmps_20240310_row000001.json");
        assertThat(Files.readString(directory.resolve("README.txt"))).startsWith("SYNTHETIC DATA.").contains("They are not market data.");
        assertThat(new SyntheticDataMiner(5).write(directory, List.of(SPRING), PNODES.subList(0, 20), 50_000)).isEqualTo(files);
    }

    private static Map<String, PriceRow> byKey(SyntheticDataMiner generator, PjmReport report, LocalDate day)
    {
        List<PjmLmpRecord> records = new ArrayList<>();
        for (SyntheticDataMiner.GeneratedPage page : generator.pages(report, day, PNODES.subList(0, 20), 50_000)) {
            records.addAll(records(new PjmLmpParser().parse(TestPjmLmpParser.payload(report, page.fileName(), page.bytes()))));
        }
        Map<String, PriceRow> rows = new HashMap<>();
        PjmPayloadPrices.canonical(records, report, Instant.parse("2024-07-02T00:00:00Z"), "fetch").rows()
                .forEach(row -> rows.put(row.locationId() + "@" + row.intervalStartUtc(), row));
        return rows;
    }

    private static int count(String text, String part)
    {
        int count = 0;
        for (int index = text.indexOf(part); index >= 0; index = text.indexOf(part, index + 1)) {
            count++;
        }
        return count;
    }
}
