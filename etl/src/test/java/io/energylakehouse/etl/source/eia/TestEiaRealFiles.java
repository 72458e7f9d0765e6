package io.energylakehouse.etl.source.eia;

import io.energylakehouse.etl.curate.CanonicalRecords;
import io.energylakehouse.etl.raw.FetchOutcome;
import io.energylakehouse.etl.raw.ParsedPayload;
import io.energylakehouse.etl.raw.Payload;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static io.energylakehouse.etl.source.eia.EiaTestFiles.records;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The real normalized Henry Hub histories in ../shared/fixtures/real/eia (RNGWHHD daily 1997-01-06..2020-03-13, the weekly
 * average 1997-01-10..2020-03-13, re-written by a scraper that filled 214 missing days with 0.0), read in place (skipped
 * when the shared folder is absent).
 */
class TestEiaRealFiles
{
    private static final Path SHARED = Path.of(System.getProperty("lakehouse.shared-dir", "../../shared"));
    private static final Path DAILY = SHARED.resolve("fixtures/real/eia/henry_hub_daily_normalized.csv");
    private static final Path WEEKLY = SHARED.resolve("fixtures/real/eia/henry_hub_weekly_normalized.csv");

    private static ParsedPayload parse(Path file)
            throws IOException
    {
        assumeTrue(Files.isRegularFile(file), "the shared real fixture " + file + " is absent");
        EiaConnector connector = new EiaConnector();
        assertThat(connector.reportOfFile(file.getFileName().toString())).contains(EiaConnector.HENRY_HUB_SPOT);
        return connector.parser(EiaConnector.HENRY_HUB_SPOT, io.energylakehouse.etl.raw.PayloadLimits.DEFAULTS)
                .parse(Payload.ofFile(Eia.SOURCE, EiaReport.HENRY_HUB_SPOT.requestName(), Payload.Origin.REPLAY, "replay", file));
    }

    @Test
    void theDailyHistoryHasEveryLineWithItsZeroFillsAsMissingValues()
            throws IOException
    {
        ParsedPayload parsed = parse(DAILY);

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(parsed.rejected()).isEmpty();
        List<EiaValueRecord> records = records(parsed);
        assertThat(records).hasSize(6_045);
        assertThat(records).extracting(EiaValueRecord::seriesId).containsOnly("RNGWHHD");
        assertThat(records).filteredOn(record -> record.valueStatus().equals(Eia.VALUE_ZERO_FILLED_MISSING)).hasSize(214)
                .allSatisfy(record -> assertThat(record.value()).isNull());
        assertThat(records).extracting(EiaValueRecord::value).doesNotContain(0.0);
        assertThat(records.get(0).period()).isEqualTo(LocalDate.of(1997, 1, 6));
        assertThat(records.get(0).valueStatus()).isEqualTo(Eia.VALUE_ZERO_FILLED_MISSING);
        assertThat(records).filteredOn(record -> record.period().equals(LocalDate.of(2008, 7, 3))).singleElement()
                .satisfies(record -> assertThat(record.value()).isEqualTo(13.0));
        assertThat(records.get(records.size() - 1).period()).isEqualTo(LocalDate.of(2020, 3, 13));
        assertThat(records.get(records.size() - 1).value()).isEqualTo(1.94);

        CanonicalRecords curated = EiaSpotPrices.canonicalRecords(records, java.time.Instant.parse("2020-03-20T00:00:00Z"), "real");
        assertThat(curated.rows()).hasSize(6_045 - 214);
        assertThat(curated.rejected()).hasSize(214);
    }

    @Test
    void theWeeklyHistoryIsTheWeeklyAverageSeries()
            throws IOException
    {
        ParsedPayload parsed = parse(WEEKLY);

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(parsed.rejected()).isEmpty();
        List<EiaValueRecord> records = records(parsed);
        assertThat(records).hasSize(1_209);
        assertThat(records).extracting(EiaValueRecord::seriesId).containsOnly("RNGWHHW");
        assertThat(records).extracting(EiaValueRecord::valueStatus).containsOnly(Eia.VALUE_PUBLISHED);
        assertThat(records.get(0).period()).isEqualTo(LocalDate.of(1997, 1, 10));
        assertThat(records.get(0).value()).isEqualTo(3.79);
        assertThat(records).extracting(record -> record.period().getDayOfWeek()).containsOnly(java.time.DayOfWeek.FRIDAY);
    }
}
