package io.energylakehouse.etl.source.ercot;

import io.energylakehouse.etl.raw.FetchOutcome;
import io.energylakehouse.etl.raw.ParsedPayload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static io.energylakehouse.etl.source.ercot.ErcotTestFiles.records;
import static org.assertj.core.api.Assertions.assertThat;

/** The sample generator: deterministic, MIS's format, the real hubs and zones, both DST days. */
class TestSyntheticErcot
{
    private static final List<SyntheticErcot.SettlementPoint> POINTS = SyntheticErcot.settlementPoints(50);

    @Test
    void namesRealHubsAndZonesAndSyntheticNodes()
    {
        assertThat(POINTS).hasSize(50);
        assertThat(POINTS).extracting(SyntheticErcot.SettlementPoint::name).doesNotHaveDuplicates()
                .contains("HB_HOUSTON", "HB_NORTH", "HB_SOUTH", "HB_WEST", "HB_BUSAVG", "HB_HUBAVG", "LZ_HOUSTON", "LZ_NORTH", "LZ_SOUTH", "LZ_WEST");
        assertThat(POINTS.stream().filter(point -> point.type().equals("RN"))).hasSize(35).allSatisfy(point -> assertThat(point.name()).startsWith("SYN_"));
        assertThat(POINTS).contains(new SyntheticErcot.SettlementPoint("HB_BUSAVG", "SH"), new SyntheticErcot.SettlementPoint("HB_HUBAVG", "AH"));
    }

    @Test
    void sameSeedGivesTheSameBytesAndAnotherSeedOtherPrices()
    {
        LocalDate day = LocalDate.of(2024, 11, 3);
        assertThat(new SyntheticErcot(5).dayAhead(day, POINTS).bytes()).isEqualTo(new SyntheticErcot(5).dayAhead(day, POINTS).bytes());
        assertThat(new SyntheticErcot(6).dayAhead(day, POINTS).bytes()).isNotEqualTo(new SyntheticErcot(5).dayAhead(day, POINTS).bytes());
    }

    @Test
    void writesMisDocumentsInErcotsFormat()
            throws IOException
    {
        SyntheticErcot.GeneratedFile file = new SyntheticErcot(5).dayAhead(LocalDate.of(2024, 11, 3), POINTS);

        assertThat(file.fileName()).isEqualTo("cdr.00012331.0000000000000000.20241102.133007215.DAMSPNP4190_csv.zip");
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(file.bytes()))) {
            ZipEntry entry = zip.getNextEntry();
            assertThat(entry.getName()).isEqualTo("cdr.00012331.0000000000000000.20241102.133007.DAMSPNP4190.csv");
            List<String> lines = new String(zip.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
            assertThat(lines.get(0)).isEqualTo("DeliveryDate,HourEnding,SettlementPoint,SettlementPointPrice,DSTFlag");
            assertThat(lines.get(1)).startsWith("11/03/2024,01:00,HB_BUSAVG,").endsWith(",N");
            assertThat(lines).hasSize(1 + 25 * 50);
            assertThat(lines.stream().filter(line -> line.contains(",02:00,HB_NORTH,"))).hasSize(2).last().satisfies(line -> assertThat(line).endsWith(",Y"));
            assertThat(lines.get(lines.size() - 1)).startsWith("11/03/2024,24:00,");
            assertThat(zip.getNextEntry()).isNull();
        }
        ParsedPayload parsed = ErcotSppParser.parseFile(ErcotReport.DAM_SPP, file.bytes(), file.fileName());
        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(parsed.rejected()).isEmpty();
        assertThat(parsed.records()).hasSize(25 * 50);
        // the member name stamps the posting to the second
        assertThat(parsed.publishedAtUtc()).contains(Instant.parse("2024-11-02T18:30:07Z"));
    }

    @Test
    void realTimeFilesAreUniqueOnTheFallBackDayAndParseBack()
    {
        SyntheticErcot generator = new SyntheticErcot(5);
        Set<String> names = new HashSet<>();
        for (Instant start : ErcotMarket.TIME.intervalStarts(LocalDate.of(2024, 11, 3), 15)) {
            SyntheticErcot.GeneratedFile file = generator.realTimeInterval(start, POINTS);
            names.add(file.fileName());
            ParsedPayload parsed = ErcotSppParser.parseFile(ErcotReport.RT_SPP, file.bytes(), file.fileName());
            assertThat(parsed.rejected()).isEmpty();
            // 50 points and the energy-weighted variants of the 8 load zones
            assertThat(records(parsed)).hasSize(58).allSatisfy(record -> assertThat(record.intervalStartUtc()).isEqualTo(start));
            assertThat(parsed.publishedAtUtc()).contains(file.postedAtUtc().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
        }
        assertThat(names).hasSize(100);
        // posted in the repeated hour, on its second pass: marked xhr as MIS does
        assertThat(names).anySatisfy(name -> assertThat(name).endsWith(".SPPHLZNP6905_20241103_0115_xhr_csv.zip"));
    }

    @Test
    void writesEveryDocumentOfTheDstDaysWithAReadme(@TempDir Path directory)
            throws IOException
    {
        List<Path> files = new SyntheticErcot(5).write(directory, SyntheticErcot.DST_DAYS_2024, SyntheticErcot.settlementPoints(20));

        assertThat(files).hasSize(2 + 92 + 100);
        assertThat(Files.readString(directory.resolve("README.txt"))).startsWith("SYNTHETIC DATA.");
        assertThat(files).allSatisfy(file -> assertThat(file.getFileName().toString()).startsWith("cdr.000123").endsWith("_csv.zip"));
    }
}
