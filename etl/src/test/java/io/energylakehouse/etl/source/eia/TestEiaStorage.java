package io.energylakehouse.etl.source.eia;

import io.energylakehouse.common.table.CanonicalTables;
import io.energylakehouse.etl.curate.CanonicalPrices;
import io.energylakehouse.etl.curate.CanonicalRecords;
import io.energylakehouse.etl.raw.ParsedPayload;
import io.energylakehouse.etl.raw.PayloadLimits;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static io.energylakehouse.etl.source.eia.EiaTestFiles.page;
import static io.energylakehouse.etl.source.eia.EiaTestFiles.records;
import static io.energylakehouse.etl.source.eia.EiaTestFiles.resource;
import static io.energylakehouse.etl.source.eia.EiaTestFiles.storageRow;
import static org.assertj.core.api.Assertions.assertThat;

/** The weekly storage's week, hour and release mapping into curated.fundamentals, and a revised prior week. */
class TestEiaStorage
{
    private static final List<String> COLUMNS = CanonicalTables.FUNDAMENTALS.columnNames();

    private static Object value(Row row, String column)
    {
        return row.get(COLUMNS.indexOf(column));
    }

    private static ParsedPayload parse(String text, Instant receivedAt)
    {
        return new EiaParser(EiaReport.STORAGE_WEEKLY, PayloadLimits.DEFAULTS)
                .parse(EiaTestFiles.payload(EiaReport.STORAGE_WEEKLY, "s.json", text.getBytes(StandardCharsets.UTF_8), receivedAt));
    }

    @Test
    void aWeeklyStockIsTheReportWeekEndingFridayReleasedTheThursdayAfter()
    {
        ParsedPayload parsed = new EiaParser(EiaReport.STORAGE_WEEKLY, PayloadLimits.DEFAULTS).parse(EiaTestFiles.payload(EiaReport.STORAGE_WEEKLY, "s.json",
                resource("eia_storage_weekly_20240301_20240308.json"), Instant.parse("2024-03-14T15:00:00Z")));

        CanonicalRecords curated = EiaStorage.canonicalRecords(records(parsed), parsed.publishedAtUtc().orElseThrow(), "fetch-1");

        assertThat(curated.table()).isEqualTo(CanonicalTables.FUNDAMENTALS);
        assertThat(curated.rejected()).isEmpty();
        assertThat(curated.rows()).hasSize(12);
        assertThat(curated.rows()).allSatisfy(row -> assertThat(row.size()).isEqualTo(COLUMNS.size()));
        assertThat(curated.rows()).extracting(row -> value(row, "location_id")).containsOnly("R48", "R31", "R32", "R33", "R34", "R35");
        Row lower48 = curated.rows().stream().filter(row -> value(row, "location_id").equals("R48") && value(row, "operating_date").equals(LocalDate.of(2024, 3, 8)))
                .findFirst().orElseThrow();
        assertThat(value(lower48, "market")).isEqualTo("EIA");
        assertThat(value(lower48, "series")).isEqualTo("storage_bcf");
        assertThat(value(lower48, "unit")).isEqualTo("Bcf");
        assertThat(value(lower48, "value")).isEqualTo(2208.0);
        // the week Saturday 2024-03-02 00:00 EST .. Saturday 2024-03-09 00:00 EST
        assertThat(value(lower48, "interval_start_utc")).isEqualTo(Instant.parse("2024-03-02T05:00:00Z"));
        assertThat(value(lower48, "interval_end_utc")).isEqualTo(Instant.parse("2024-03-09T05:00:00Z"));
        assertThat(value(lower48, "interval_minutes")).isEqualTo(10_080);
        assertThat(value(lower48, "hour_ending")).isEqualTo(24);
        assertThat(value(lower48, "issued_at_utc")).isNull();
        // released Thursday 2024-03-14 10:30 EDT, not when it was fetched
        assertThat(value(lower48, "published_at_utc")).isEqualTo(Instant.parse("2024-03-14T14:30:00Z"));
        assertThat(value(lower48, "revision")).isNull();
        assertThat(value(lower48, "fetch_id")).isEqualTo("fetch-1");
    }

    @Test
    void aWeekWithTheSpringClockChangeIsAnHourShort()
    {
        // the week ending 2024-03-15 holds Sunday 2024-03-10, 23 hours long
        assertThat(EiaStorage.weekStart(LocalDate.of(2024, 3, 15))).isEqualTo(Instant.parse("2024-03-09T05:00:00Z"));
        assertThat(EiaStorage.weekEnd(LocalDate.of(2024, 3, 15))).isEqualTo(Instant.parse("2024-03-16T04:00:00Z"));
        CanonicalRecords curated = EiaStorage.canonicalRecords(records(parse(page("1", storageRow("2024-03-15", "R48", "2300")), Instant.parse("2024-03-21T15:00:00Z"))),
                Instant.parse("2024-03-21T14:30:00Z"), "f");
        assertThat(value(curated.rows().get(0), "interval_minutes")).isEqualTo(10_020);
    }

    @Test
    void aRevisedPriorWeekKeepsBothValuesWithTheirPublications()
    {
        // the release of 2024-03-07 (week ending 2024-03-01), then the release of 2024-03-14 revising that week by +2 Bcf
        ParsedPayload first = parse(page("1", storageRow("2024-03-01", "R48", "2224")), Instant.parse("2024-03-07T16:00:00Z"));
        ParsedPayload second = parse(page("2", storageRow("2024-03-01", "R48", "2226"), storageRow("2024-03-08", "R48", "2208")),
                Instant.parse("2024-03-14T15:00:00Z"));

        CanonicalRecords one = EiaStorage.canonicalRecords(records(first), first.publishedAtUtc().orElseThrow(), "fetch-1");
        CanonicalRecords two = EiaStorage.canonicalRecords(records(second), second.publishedAtUtc().orElseThrow(), "fetch-2");

        assertThat(first.publishedAtUtc()).contains(Instant.parse("2024-03-07T15:30:00Z"));
        assertThat(second.publishedAtUtc()).contains(Instant.parse("2024-03-14T14:30:00Z"));
        Row original = one.rows().get(0);
        Row revised = two.rows().stream().filter(row -> value(row, "operating_date").equals(LocalDate.of(2024, 3, 1))).findFirst().orElseThrow();
        // the same key (market, series, location, interval start), two values: the shared rule numbers them 1 and 2 in the order of the
        // payloads' publication, and dates revision 2 no earlier than its payload (2024-03-14 10:30 EDT)
        for (String column : List.of("market", "series", "location_id", "interval_start_utc")) {
            assertThat(value(revised, column)).isEqualTo(value(original, column));
        }
        assertThat(value(original, "value")).isEqualTo(2224.0);
        assertThat(value(revised, "value")).isEqualTo(2226.0);
        assertThat(value(original, "published_at_utc")).isEqualTo(Instant.parse("2024-03-07T15:30:00Z"));
        assertThat(value(original, "fetch_id")).isEqualTo("fetch-1");
        assertThat(value(revised, "fetch_id")).isEqualTo("fetch-2");
    }

    @Test
    void refusesWhatIsNotAWeeklyStockOfAKnownLocation()
    {
        ParsedPayload parsed = parse(page("4", storageRow("2024-03-07", "R48", "2224"), storageRow("2024-03-08", "R99", "12"),
                storageRow("2024-03-08", "R31", "null"), storageRow("2024-03-08", "R32", "500").replace("\"BCF\"", "\"MMCF\"")), Instant.parse("2024-03-14T15:00:00Z"));

        CanonicalRecords curated = EiaStorage.canonicalRecords(records(parsed), parsed.publishedAtUtc().orElseThrow(), "f");

        assertThat(curated.rows()).isEmpty();
        assertThat(curated.rejected()).extracting(CanonicalPrices.Rejected::reason).containsExactly(
                "Cannot curate EIA storage NW2_EPG0_SWO_R48_BCF week ending 2024-03-07 (page 1 (row 1 of the payload)): the period is a thursday, a storage "
                        + "week ends on a Friday",
                "Cannot curate EIA storage NW2_EPG0_SWO_R99_BCF week ending 2024-03-08 (page 1 (row 2 of the payload)): duoarea R99 is not a storage location "
                        + "we know (R48, R31, R32, R33, R34, R35)",
                "Cannot curate EIA storage NW2_EPG0_SWO_R31_BCF week ending 2024-03-08 (page 1 (row 3 of the payload)): EIA has no value for the week "
                        + "(missing); the gap is kept in the raw table",
                "Cannot curate EIA storage NW2_EPG0_SWO_R32_BCF week ending 2024-03-08 (page 1 (row 4 of the payload)): units 'MMCF' are not BCF");
        assertThat(curated.rejected()).extracting(CanonicalPrices.Rejected::locationId).containsExactly("R48", "R99", "R31", "R32");
        assertThat(curated.rejected().get(1).intervalStartUtc()).isEqualTo(Instant.parse("2024-03-08T05:00:00Z"));
    }

    @Test
    void releasesAreThursdaysAtHalfPastTenEastern()
    {
        assertThat(EiaStorage.releaseAt(LocalDate.of(2024, 11, 1))).isEqualTo(Instant.parse("2024-11-07T15:30:00Z"));
        assertThat(EiaStorage.lastReleaseAtOrBefore(Instant.parse("2024-11-07T15:30:00Z"))).isEqualTo(Instant.parse("2024-11-07T15:30:00Z"));
        assertThat(EiaStorage.lastReleaseAtOrBefore(Instant.parse("2024-11-10T12:00:00Z"))).isEqualTo(Instant.parse("2024-11-07T15:30:00Z"));
        assertThat(EiaStorage.lastReleaseAtOrBefore(Instant.parse("2024-11-07T15:29:59Z"))).isEqualTo(Instant.parse("2024-10-31T14:30:00Z"));
    }
}
