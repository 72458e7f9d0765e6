package io.energylakehouse.etl.source.spp;

import io.energylakehouse.etl.curate.CanonicalPrices;
import io.energylakehouse.etl.curate.PriceRow;
import io.energylakehouse.etl.raw.FetchOutcome;
import io.energylakehouse.etl.raw.ParsedPayload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.energylakehouse.etl.source.spp.SppTestFiles.parse;
import static io.energylakehouse.etl.source.spp.SppTestFiles.records;
import static org.assertj.core.api.Assertions.assertThat;

/** The SYNTHETIC SPP sample generator: SPP's layout, parsed back without a rejection, DST days, deterministic bytes. */
class TestSppSynthetic
{
    private static final SppConnector CONNECTOR = new SppConnector();

    @Test
    void writesFilesTheParserReadsBackOnDstDays(@TempDir Path folder)
            throws IOException
    {
        List<LocalDate> days = SyntheticSpp.DST_DAYS_2024;
        List<Path> files = CONNECTOR.samples().orElseThrow().write(folder, days, 50, 42);

        // three files a day, and the last day's 300 interval files
        assertThat(files).hasSize(3 * 2 + 300);
        assertThat(Files.readString(folder.resolve("README.txt"))).startsWith("SYNTHETIC DATA.");
        Map<SppReport, Integer> payloads = new HashMap<>();
        for (Path file : files) {
            SppReport report = SppReport.fromName(CONNECTOR.reportOfFile(file.getFileName().toString()).orElseThrow().name());
            ParsedPayload parsed = parse(report, file.getFileName().toString(), Files.readAllBytes(file));
            assertThat(parsed.outcome()).as(file.toString()).isEqualTo(FetchOutcome.PARSED);
            assertThat(parsed.rejected()).as(file.toString()).isEmpty();
            assertThat(Files.getLastModifiedTime(file).toInstant()).as(file.toString()).isEqualTo(parsed.publishedAtUtc()
                    .orElse(Files.getLastModifiedTime(file).toInstant()));
            CanonicalPrices prices = SppPayloadPrices.canonical(records(parsed), report, Instant.EPOCH, "synthetic");
            assertThat(prices.rejected()).isEmpty();
            assertThat(prices.rows()).allSatisfy(row -> assertThat(row.dqFlags()).as(row.toString()).isEmpty());
            assertThat(prices.rows()).extracting(PriceRow::locationId).contains(report == SppReport.DA_LMP_B ? "SPPNORTH_H" : "SPPNORTH_HUB");
            payloads.merge(report, 1, Integer::sum);
            if (report == SppReport.RTBM_LMP_DAILY) {
                LocalDate day = parsed.operatingDates().iterator().next();
                assertThat(records(parsed)).hasSize(50 * SppMarket.TIME.hoursInDay(day) * 12);
            }
            if (report == SppReport.DA_LMP_SL) {
                LocalDate day = parsed.operatingDates().iterator().next();
                assertThat(records(parsed)).hasSize(50 * SppMarket.TIME.hoursInDay(day));
            }
        }
        assertThat(payloads).containsEntry(SppReport.DA_LMP_SL, 2).containsEntry(SppReport.DA_LMP_B, 2).containsEntry(SppReport.RTBM_LMP_DAILY, 2)
                .containsEntry(SppReport.RTBM_LMP_SL, 300);
        assertThat(folder.resolve("RTBM-LMP-SL-202411030105d.csv")).exists();
        assertThat(folder.resolve("RTBM-LMP-SL-202411030105.csv")).exists();
        assertThat(folder.resolve("DA-LMP-SL-202403100100.csv")).exists();
        assertThat(Files.readAllLines(folder.resolve("RTBM-LMP-SL-202411030105d.csv")).get(0)).isEqualTo(SyntheticSpp.HEADER);
    }

    @Test
    void intervalFilesHoldTheDailyFilesPrices()
    {
        SyntheticSpp synthetic = new SyntheticSpp(7);
        List<SyntheticSpp.SettlementLocation> locations = SyntheticSpp.settlementLocations(5);
        LocalDate day = LocalDate.of(2024, 7, 1);
        List<SppLmpRecord> daily = records(parse(SppReport.RTBM_LMP_DAILY, "RTBM-LMP-DAILY-SL-20240701.csv", synthetic.realTimeDay(day, locations).bytes()));
        Instant end = Instant.parse("2024-07-01T15:05:00Z");
        SyntheticSpp.GeneratedFile file = synthetic.realTimeInterval(end, locations);
        assertThat(file.fileName()).isEqualTo("RTBM-LMP-SL-202407011005.csv");
        List<SppLmpRecord> interval = records(parse(SppReport.RTBM_LMP_SL, file.fileName(), file.bytes()));

        List<Double> fromDaily = new ArrayList<>();
        daily.stream().filter(record -> record.intervalEndUtc().equals(end)).forEach(record -> fromDaily.add(record.lmp()));
        assertThat(interval).extracting(SppLmpRecord::lmp).containsExactlyElementsOf(fromDaily);
        assertThat(interval).extracting(SppLmpRecord::settlementLocation).containsExactly("SPPNORTH_HUB", "SPPSOUTH_HUB", "SYN_MO_001", "SYN_NE_002",
                "SYN_OK_003");
    }

    @Test
    void sameArgumentsGiveSameBytes(@TempDir Path first, @TempDir Path second)
            throws IOException
    {
        List<LocalDate> days = List.of(LocalDate.of(2024, 7, 1));
        List<Path> a = new SyntheticSpp(3).write(first, days, SyntheticSpp.settlementLocations(10));
        List<Path> b = new SyntheticSpp(3).write(second, days, SyntheticSpp.settlementLocations(10));

        assertThat(a).hasSameSizeAs(b);
        for (int i = 0; i < a.size(); i++) {
            assertThat(Files.readAllBytes(a.get(i))).isEqualTo(Files.readAllBytes(b.get(i)));
        }
        assertThat(Files.readAllBytes(new SyntheticSpp(4).write(second, days, SyntheticSpp.settlementLocations(10)).get(0)))
                .isNotEqualTo(Files.readAllBytes(a.get(0)));
    }
}
