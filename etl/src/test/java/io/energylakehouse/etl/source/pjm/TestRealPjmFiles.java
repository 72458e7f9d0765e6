package io.energylakehouse.etl.source.pjm;

import io.energylakehouse.etl.curate.PriceRow;
import io.energylakehouse.etl.raw.FetchOutcome;
import io.energylakehouse.etl.raw.PayloadContent;
import io.energylakehouse.etl.raw.PayloadLimits;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import static io.energylakehouse.etl.source.pjm.TestPjmLmpParser.records;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A real Data Miner 2 page from a public repository (see shared/fixtures/real/PROVENANCE.md, pjm section), read in place;
 * skipped when the shared folder is not next to the repository.
 */
class TestRealPjmFiles
{
    private static final String UNVERIFIED = "rt_unverified_fivemin_lmps_2026-06-10.json";

    private static Path directory;

    @BeforeAll
    static void findSharedFixtures()
    {
        directory = Path.of(System.getProperty("lakehouse.shared-dir", "../../shared")).resolve("fixtures/real/pjm");
        assumeTrue(Files.isRegularFile(directory.resolve(UNVERIFIED)), "no real PJM fixtures at " + directory.toAbsolutePath());
    }

    @Test
    void parsesRealUnverifiedFiveMinutePage()
            throws IOException
    {
        DataMinerPage page = PjmLmpParser.page(PjmReport.RT_UNVERIFIED_FIVEMIN_LMPS, PayloadContent.of(directory.resolve(UNVERIFIED)), UNVERIFIED,
                PayloadLimits.DEFAULTS);

        assertThat(page.parsed().outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(page.parsed().rejected()).isEmpty();
        assertThat(page.parsed().operatingDates()).containsExactly(LocalDate.of(2026, 6, 10));
        assertThat(page.parsed().contentKey()).hasValueSatisfying(key -> assertThat(key).startsWith("rt_unverified_fivemin_lmps|RowCount=200&Order=Asc&StartRow=1&"));
        // the request asked for four fields only; one page holds the whole answer
        assertThat(page.fields()).containsExactly("datetime_beginning_utc", "pnode_id", "pnode_name", "total_lmp_rt");
        assertThat(page.totalRows()).contains(154L);
        assertThat(page.startRow()).contains(1);
        assertThat(page.rowCount()).contains(200);
        assertThat(page.nextHref()).isEmpty();
        assertThat(page.nextStartRow()).isEmpty();

        List<PjmLmpRecord> records = records(page.parsed());
        assertThat(records).hasSize(154);
        assertThat(records.get(0)).isEqualTo(new PjmLmpRecord(PjmReport.RT_UNVERIFIED_FIVEMIN_LMPS, 1, Instant.parse("2026-06-10T19:10:00Z"), null, 1, "PJM-RTO",
                null, null, null, null, 545.53, null, null, null, null, null, null, null));
        assertThat(records.get(153).intervalStartUtc()).isEqualTo(Instant.parse("2026-06-10T18:40:00Z"));
        // not in time order: seven 5-minute intervals from 18:40Z to 19:10Z (the request's window, 14:40 to 15:15 EPT, ends inclusive
        // at the 19:15Z start, which was not yet published), 22 pnodes each
        assertThat(new TreeSet<>(records.stream().map(PjmLmpRecord::intervalStartUtc).toList()))
                .hasSize(7).first().isEqualTo(Instant.parse("2026-06-10T18:40:00Z"));
        assertThat(records.stream().map(PjmLmpRecord::pnodeId).distinct()).hasSize(22);

        List<PriceRow> rows = PjmPayloadPrices.canonical(records, PjmReport.RT_UNVERIFIED_FIVEMIN_LMPS, Instant.parse("2026-06-10T19:20:00Z"), "fetch-real").rows();
        assertThat(rows).hasSize(154);
        // no type field: every pnode asked for is a zone by its id; without components, no energy to derive
        assertThat(rows).extracting(PriceRow::locationType).containsOnly("zone");
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.energyPerMwh()).isNull();
            assertThat(row.dqFlags()).isEmpty();
            assertThat(row.hourEnding()).isIn(15, 16);
        });
        assertThat(rows).extracting(PriceRow::revision).containsOnly(1);
        assertThat(Optional.of(rows.get(0).market())).contains("PJM");
    }
}
