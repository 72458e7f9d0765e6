package io.energylakehouse.etl.source.spp;

import io.energylakehouse.etl.curate.CanonicalPrices;
import io.energylakehouse.etl.curate.PriceRow;
import io.energylakehouse.etl.raw.FetchOutcome;
import io.energylakehouse.etl.raw.ParsedPayload;
import io.energylakehouse.etl.raw.Payload;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static io.energylakehouse.etl.source.spp.SppTestFiles.records;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The parser on a real SPP RTBM interval file, ../shared/fixtures/real/spp/RTBM-LMP-SL-202503310850.csv, read in place
 * (the test is skipped when the shared folder is absent): the interval ending 08:50 CDT on 2025-03-31, 1,234 settlement locations.
 */
class TestSppRealFile
{
    private static final Path SHARED = Path.of(System.getProperty("lakehouse.shared-dir", "../../shared"));
    private static final Path REAL_FILE = SHARED.resolve("fixtures/real/spp/RTBM-LMP-SL-202503310850.csv");

    @Test
    void parsesRealIntervalFile()
            throws IOException
    {
        assumeTrue(Files.isRegularFile(REAL_FILE), "the shared real fixture " + REAL_FILE + " is absent");
        Payload payload = Payload.ofFile(SppMarket.SOURCE, SppReport.RTBM_LMP_SL.filePrefix(), Payload.Origin.REPLAY, "replay", REAL_FILE);

        ParsedPayload parsed = new SppLmpParser().parse(payload);

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(parsed.rejected()).isEmpty();
        assertThat(parsed.operatingDates()).containsExactly(LocalDate.of(2025, 3, 31));
        assertThat(parsed.publishedAtUtc()).contains(Instant.parse("2025-03-31T13:50:00Z"));
        assertThat(parsed.contentKey()).contains("RTBM-LMP-SL|2025-03-31T13:45:00Z|2025-03-31T13:50:00Z");
        List<SppLmpRecord> records = records(parsed);
        assertThat(records).hasSize(1234);
        assertThat(records.get(0)).isEqualTo(new SppLmpRecord(SppReport.RTBM_LMP_SL, 2, Instant.parse("2025-03-31T13:45:00Z"),
                Instant.parse("2025-03-31T13:50:00Z"), "03/31/2025 08:50:00", "AEC", "SOUC", 29.0038, -0.7164, -0.0898, 29.81, null));

        CanonicalPrices prices = SppPayloadPrices.canonical(records, SppReport.RTBM_LMP_SL, parsed.publishedAtUtc().orElseThrow(), "real");
        assertThat(prices.rejected()).isEmpty();
        assertThat(prices.rows()).hasSize(1234);
        // LMP = MEC + MCC + MLC on every line
        assertThat(prices.rows()).allSatisfy(row -> assertThat(row.dqFlags()).isEmpty());
        assertThat(prices.rows()).filteredOn(row -> row.locationType().equals("hub")).extracting(PriceRow::locationId, PriceRow::pricePerMwh)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("SPPNORTH_HUB", 29.4415), org.assertj.core.groups.Tuple.tuple("SPPSOUTH_HUB", 28.4967));
        assertThat(prices.rows()).extracting(PriceRow::hourEnding).containsOnly(9);
    }
}
