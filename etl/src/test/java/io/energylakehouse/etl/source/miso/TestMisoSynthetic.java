package io.energylakehouse.etl.source.miso;

import io.energylakehouse.etl.curate.CanonicalPrices;
import io.energylakehouse.etl.curate.PriceRow;
import io.energylakehouse.etl.curate.PriceRows;
import io.energylakehouse.etl.raw.FetchOutcome;
import io.energylakehouse.etl.raw.ParsedPayload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static io.energylakehouse.etl.source.miso.MisoTestFiles.parse;
import static io.energylakehouse.etl.source.miso.MisoTestFiles.records;
import static org.assertj.core.api.Assertions.assertThat;

/** The SYNTHETIC MISO sample generator: layout the parser reads cleanly, determinism, hubs, publication times, revisions. */
class TestMisoSynthetic
{
    private static final List<LocalDate> DST_DAYS_2024 = List.of(LocalDate.of(2024, 3, 10), LocalDate.of(2024, 11, 3));

    @Test
    void writesThreeReportsPerDayThatParseCleanly(@TempDir Path folder)
            throws IOException
    {
        List<SyntheticMiso.Node> nodes = SyntheticMiso.nodes(50);
        assertThat(nodes).hasSize(50).extracting(SyntheticMiso.Node::name).contains("INDIANA.HUB", "MICHIGAN.HUB", "MINN.HUB", "ILLINOIS.HUB", "ARKANSAS.HUB",
                "LOUISIANA.HUB", "TEXAS.HUB", "MS.HUB");

        List<Path> files = new MisoConnector().samples().orElseThrow().write(folder, DST_DAYS_2024, 50, 7);

        assertThat(files).extracting(path -> path.getFileName().toString()).containsExactly("20240310_da_expost_lmp.csv", "20240310_rt_lmp_prelim.csv",
                "20240310_rt_lmp_final.csv", "20241103_da_expost_lmp.csv", "20241103_rt_lmp_prelim.csv", "20241103_rt_lmp_final.csv");
        assertThat(Files.readString(folder.resolve("README.txt"))).startsWith("SYNTHETIC DATA.");
        // published: day-ahead 16:00 EST the day before, preliminary 06:00 EST the day after, final five days after
        assertThat(Files.getLastModifiedTime(files.get(0)).toInstant()).isEqualTo(Instant.parse("2024-03-09T21:00:00Z"));
        assertThat(Files.getLastModifiedTime(files.get(1)).toInstant()).isEqualTo(Instant.parse("2024-03-11T11:00:00Z"));
        assertThat(Files.getLastModifiedTime(files.get(2)).toInstant()).isEqualTo(Instant.parse("2024-03-15T11:00:00Z"));

        List<PriceRow> realTime = new ArrayList<>();
        for (Path file : files) {
            String name = file.getFileName().toString();
            MisoReport report = MisoReport.fromName(name.substring(9, name.length() - 4));
            byte[] bytes = Files.readAllBytes(file);
            assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("SYNTHETIC");
            ParsedPayload parsed = parse(report, name, bytes);
            assertThat(parsed.outcome()).as(name).isEqualTo(FetchOutcome.PARSED);
            assertThat(parsed.rejected()).as(name).isEmpty();
            assertThat(records(parsed)).as(name).hasSize(50 * 24);
            CanonicalPrices prices = MisoPayloadPrices.canonical(records(parsed), report, Files.getLastModifiedTime(file).toInstant(), name);
            assertThat(prices.rejected()).isEmpty();
            assertThat(PriceRows.dataQualityResults(prices.rows(), MisoMarket.TIME)).as(name).isEmpty();
            assertThat(prices.rows()).extracting(PriceRow::locationType).contains("hub", "zone", "node");
            if (report != MisoReport.DA_EXPOST_LMP) {
                realTime.addAll(prices.rows());
            }
        }
        List<PriceRow> revised = PriceRows.withRevisions(realTime);
        // the final files correct some hours of the preliminary ones: a second revision there, the preliminary prices kept elsewhere
        assertThat(revised).filteredOn(row -> row.revision() == 2).isNotEmpty().allSatisfy(row -> assertThat(row.fetchId()).endsWith("_rt_lmp_final.csv"));
        assertThat(PriceRows.latestRevision(revised)).hasSize(2 * 50 * 24);
        assertThat(revised).extracting(PriceRow::pricePerMwh).anyMatch(price -> price < 0);
    }

    @Test
    void sameArgumentsGiveTheSameBytes(@TempDir Path first, @TempDir Path second)
            throws IOException
    {
        List<Path> a = new SyntheticMiso(11).write(first, DST_DAYS_2024, SyntheticMiso.nodes(20));
        List<Path> b = new SyntheticMiso(11).write(second, DST_DAYS_2024, SyntheticMiso.nodes(20));
        for (int i = 0; i < a.size(); i++) {
            assertThat(Files.readAllBytes(a.get(i))).isEqualTo(Files.readAllBytes(b.get(i)));
        }
        assertThat(new SyntheticMiso(12).file(MisoReport.DA_EXPOST_LMP, DST_DAYS_2024.get(0), SyntheticMiso.nodes(20)).bytes())
                .isNotEqualTo(Files.readAllBytes(a.get(0)));
    }
}
