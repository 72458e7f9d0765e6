package io.energylakehouse.etl.source.aeso;

import io.energylakehouse.etl.curate.CanonicalPrices;
import io.energylakehouse.etl.curate.MarketPrices;
import io.energylakehouse.etl.curate.PriceRow;
import io.energylakehouse.etl.raw.FetchOutcome;
import io.energylakehouse.etl.raw.ParsedPayload;
import io.energylakehouse.etl.raw.RejectedRecord;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import static io.energylakehouse.etl.source.aeso.AesoTestFiles.parse;
import static io.energylakehouse.etl.source.aeso.AesoTestFiles.parseResource;
import static io.energylakehouse.etl.source.aeso.AesoTestFiles.smpRecords;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The system marginal price report: the API's irregular intervals and the legacy CSV's starts on the DST days of 2024
 * and 2025, their time-weighted five-minute rows, and refused rows.
 */
class TestAesoSmpParser
{
    private static final Instant PUBLISHED = Instant.parse("2025-12-01T00:00:00Z");

    private static CanonicalPrices canonical(ParsedPayload parsed)
    {
        return AesoPayloadPrices.systemMarginalPrice(smpRecords(parsed), PUBLISHED, "fetch-1");
    }

    private static double priceAt(CanonicalPrices prices, String start)
    {
        return prices.rows().stream().filter(row -> row.intervalStartUtc().equals(Instant.parse(start))).findFirst().orElseThrow().pricePerMwh();
    }

    /** Hour endings of {@code hours} whole hours of five-minute rows, then {@code extra} rows of the next hour. */
    private static List<Integer> hoursEnding(int hours, int extra)
    {
        List<Integer> expected = new java.util.ArrayList<>();
        IntStream.rangeClosed(1, hours).forEach(hour -> expected.addAll(Collections.nCopies(12, hour)));
        expected.addAll(Collections.nCopies(extra, hours + 1));
        return expected;
    }

    @Test
    void apiFallBackDay2024IsTimeWeightedIntoFiveMinutes()
    {
        ParsedPayload parsed = parseResource(AesoReport.SYSTEM_MARGINAL_PRICE, "aeso_system_marginal_price_20241103_20241103.json");

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(parsed.rejected()).isEmpty();
        assertThat(parsed.operatingDates()).containsExactly(LocalDate.of(2024, 11, 3));
        List<AesoSmpRecord> records = smpRecords(parsed);
        assertThat(records).hasSize(9);
        // both passes of the wall hour 01:00 read 01:00 in begin_datetime_mpt; the UTC fields tell them apart
        assertThat(records.get(3)).isEqualTo(new AesoSmpRecord(4, Instant.parse("2024-11-03T07:00:00Z"), Instant.parse("2024-11-03T07:32:00Z"),
                "2024-11-03 01:00", "2024-11-03 01:32", 28.10, 80.0));
        assertThat(records.get(5).localTime()).isEqualTo("2024-11-03 01:00");
        assertThat(records.get(5).intervalStartUtc()).isEqualTo(Instant.parse("2024-11-03T08:00:00Z"));

        CanonicalPrices prices = canonical(parsed);
        assertThat(prices.rejected()).isEmpty();
        assertThat(prices.rows()).hasSize(48);
        assertThat(prices.rows()).extracting(PriceRow::hourEnding).containsExactlyElementsOf(hoursEnding(4, 0));
        assertThat(prices.rows()).extracting(PriceRow::intervalMinutes).containsOnly(5);
        assertThat(prices.rows()).extracting(PriceRow::dataset).containsOnly("rt_smp_5min");
        // 2 minutes at 31.50 and 3 at 29.99; 1 minute at 26.00, 3 at 150.25 and 1 at 26.00 in the repeated hour
        assertThat(priceAt(prices, "2024-11-03T06:15:00Z")).isEqualTo(30.594);
        assertThat(priceAt(prices, "2024-11-03T07:30:00Z")).isEqualTo(27.71);
        assertThat(priceAt(prices, "2024-11-03T08:00:00Z")).isEqualTo(100.55);
        assertThat(prices.rows().get(0)).isEqualTo(new PriceRow("AESO", "rt_smp_5min", "ALBERTA", "system", Instant.parse("2024-11-03T06:00:00Z"),
                Instant.parse("2024-11-03T06:05:00Z"), 5, LocalDate.of(2024, 11, 3), 1, 31.5, null, null, null, null, "CAD", PUBLISHED, 1, "fetch-1", List.of()));
    }

    @Test
    void apiSpringForwardDay2025()
    {
        ParsedPayload parsed = parseResource(AesoReport.SYSTEM_MARGINAL_PRICE, "aeso_system_marginal_price_20250309_20250309.json");

        assertThat(parsed.rejected()).isEmpty();
        assertThat(smpRecords(parsed)).hasSize(6);
        CanonicalPrices prices = canonical(parsed);
        assertThat(prices.rows()).hasSize(36);
        // 09:00Z is 03:00 MDT, the third hour of the 23-hour day
        assertThat(prices.rows()).extracting(PriceRow::hourEnding).containsExactlyElementsOf(hoursEnding(3, 0));
        assertThat(priceAt(prices, "2025-03-09T08:00:00Z")).isEqualTo(38.91);
        assertThat(priceAt(prices, "2025-03-09T09:55:00Z")).isEqualTo(36.2);
    }

    @Test
    void legacySpringForwardDay2024DerivesEndsFromTheNextStart()
    {
        ParsedPayload parsed = parseResource(AesoReport.SYSTEM_MARGINAL_PRICE, "HistoricalSystemMarginalPriceReport_20240310.csv");

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(parsed.rejected()).isEmpty();
        List<AesoSmpRecord> records = smpRecords(parsed);
        // newest first as ETS lists them; the newest has no end yet
        assertThat(records).extracting(AesoSmpRecord::lineNumber, AesoSmpRecord::intervalStartUtc, AesoSmpRecord::intervalEndUtc).containsExactly(
                Tuple.tuple(4, Instant.parse("2024-03-10T09:41:00Z"), null),
                Tuple.tuple(5, Instant.parse("2024-03-10T09:00:00Z"), Instant.parse("2024-03-10T09:41:00Z")),
                Tuple.tuple(6, Instant.parse("2024-03-10T08:12:00Z"), Instant.parse("2024-03-10T09:00:00Z")),
                Tuple.tuple(7, Instant.parse("2024-03-10T08:00:00Z"), Instant.parse("2024-03-10T08:12:00Z")),
                Tuple.tuple(8, Instant.parse("2024-03-10T07:30:00Z"), Instant.parse("2024-03-10T08:00:00Z")),
                Tuple.tuple(9, Instant.parse("2024-03-10T07:00:00Z"), Instant.parse("2024-03-10T07:30:00Z")));
        assertThat(records.get(1)).isEqualTo(new AesoSmpRecord(5, Instant.parse("2024-03-10T09:00:00Z"), Instant.parse("2024-03-10T09:41:00Z"),
                "03/10/2024 04 03:00", null, 40.02, 180.0));

        CanonicalPrices prices = canonical(parsed);
        assertThat(prices.rejected()).isEmpty();
        // 07:00Z..09:40Z are covered; 09:40..09:45 only for one minute
        assertThat(prices.rows()).hasSize(32);
        assertThat(prices.rows()).extracting(PriceRow::hourEnding).containsExactlyElementsOf(hoursEnding(2, 8));
        assertThat(priceAt(prices, "2024-03-10T08:10:00Z")).isEqualTo(38.8);
    }

    @Test
    void legacyFallBackDay2025ReadsStarredHoursAndTimes()
    {
        ParsedPayload parsed = parseResource(AesoReport.SYSTEM_MARGINAL_PRICE, "HistoricalSystemMarginalPriceReport_20251102.csv");

        assertThat(parsed.rejected()).isEmpty();
        assertThat(smpRecords(parsed)).extracting(AesoSmpRecord::localTime, AesoSmpRecord::intervalStartUtc).containsExactly(
                Tuple.tuple("11/02/2025 03 02:00", Instant.parse("2025-11-02T09:00:00Z")),
                Tuple.tuple("11/02/2025 02* 01:45*", Instant.parse("2025-11-02T08:45:00Z")),
                Tuple.tuple("11/02/2025 02* 01:00*", Instant.parse("2025-11-02T08:00:00Z")),
                Tuple.tuple("11/02/2025 02 01:20", Instant.parse("2025-11-02T07:20:00Z")),
                Tuple.tuple("11/02/2025 02 01:00", Instant.parse("2025-11-02T07:00:00Z")),
                Tuple.tuple("11/02/2025 01 00:05", Instant.parse("2025-11-02T06:05:00Z")),
                Tuple.tuple("11/02/2025 01 00:00", Instant.parse("2025-11-02T06:00:00Z")));

        CanonicalPrices prices = canonical(parsed);
        assertThat(prices.rows()).hasSize(36);
        assertThat(prices.rows()).extracting(PriceRow::hourEnding).containsExactlyElementsOf(hoursEnding(3, 0));
        assertThat(priceAt(prices, "2025-11-02T07:20:00Z")).isEqualTo(28.75);
        assertThat(priceAt(prices, "2025-11-02T08:00:00Z")).isEqualTo(25.5);
        assertThat(priceAt(prices, "2025-11-02T08:45:00Z")).isEqualTo(27.0);
    }

    @Test
    void refusesOverlapsDisagreementsAndMalformedRows()
    {
        String json = """
                {"System Marginal Price Report":[
                {"begin_datetime_utc":"2024-07-01 06:00","end_datetime_utc":"2024-07-01 06:10","system_marginal_price":50.0},
                {"begin_datetime_utc":"2024-07-01 06:00","end_datetime_utc":"2024-07-01 06:10","system_marginal_price":"50.00"},
                {"begin_datetime_utc":"2024-07-01 06:10","end_datetime_utc":"2024-07-01 06:20","system_marginal_price":51.0},
                {"begin_datetime_utc":"2024-07-01 06:15","end_datetime_utc":"2024-07-01 06:25","system_marginal_price":52.0},
                {"begin_datetime_utc":"2024-07-01 06:25","end_datetime_utc":"2024-07-01 06:30","system_marginal_price":53.0},
                {"begin_datetime_utc":"2024-07-01 06:30","end_datetime_utc":"2024-07-01 06:35","system_marginal_price":54.0},
                {"begin_datetime_utc":"2024-07-01 06:30","end_datetime_utc":"2024-07-01 06:35","system_marginal_price":55.0},
                {"begin_datetime_utc":"2024-07-01 06:35","end_datetime_utc":"2024-07-01 06:35","system_marginal_price":56.0},
                {"begin_datetime_utc":"2024-07-01 06:40","end_datetime_utc":"2024-07-01 06:45","system_marginal_price":""},
                {"begin_datetime_utc":"2024-07-01 06:45","end_datetime_utc":"","system_marginal_price":57.0}
                ]}
                """;
        ParsedPayload parsed = parse(AesoReport.SYSTEM_MARGINAL_PRICE, "aeso_system_marginal_price_20240701_20240701.json", json);

        assertThat(parsed.rejected()).extracting(RejectedRecord::lineNumber, RejectedRecord::reason).containsExactly(
                Tuple.tuple(Optional.of(8), "end_datetime_utc '2024-07-01 06:35' is not after begin_datetime_utc '2024-07-01 06:35'"),
                Tuple.tuple(Optional.of(9), "system_marginal_price is empty"));
        // the SMP without an end is kept as received
        assertThat(smpRecords(parsed)).hasSize(8);
        assertThat(smpRecords(parsed).get(7).intervalEndUtc()).isNull();

        CanonicalPrices prices = canonical(parsed);
        assertThat(prices.rejected()).extracting(CanonicalPrices.Rejected::reason).containsExactly(
                "SMP rows starting 2024-07-01T06:30:00Z disagree: 54.0 until 2024-07-01T06:35:00Z vs 55.0 until 2024-07-01T06:35:00Z (rows 6 and 7)",
                "SMP intervals overlap: 2024-07-01T06:10:00Z..2024-07-01T06:20:00Z (row 3) and 2024-07-01T06:15:00Z..2024-07-01T06:25:00Z (row 4)");
        assertThat(prices.rows()).extracting(PriceRow::intervalStartUtc, PriceRow::pricePerMwh, PriceRow::dqFlags).containsExactly(
                Tuple.tuple(Instant.parse("2024-07-01T06:00:00Z"), 50.0, List.of(MarketPrices.DUPLICATE_ROWS_COLLAPSED)),
                Tuple.tuple(Instant.parse("2024-07-01T06:05:00Z"), 50.0, List.of(MarketPrices.DUPLICATE_ROWS_COLLAPSED)),
                Tuple.tuple(Instant.parse("2024-07-01T06:25:00Z"), 53.0, List.of()));
    }

    @Test
    void theActiveSmpHoldsOnlyUntilTheAnswerWasReceived()
    {
        // asked at 00:17 MDT: the active SMP (from 00:09) has the placeholder end 23:59 of the day; 06:05..06:10 is 4 minutes at 60.5, 1 at 70.5
        String json = """
                {"timestamp":"2024-07-01 06:17:31.000+0000","responseCode":"200","return":{"System Marginal Price Report":[
                {"begin_datetime_utc":"2024-07-01 06:00","end_datetime_utc":"2024-07-01 06:09","begin_datetime_mpt":"2024-07-01 00:00","end_datetime_mpt":"2024-07-01 00:09","system_marginal_price":60.5,"volume":"100"},
                {"begin_datetime_utc":"2024-07-01 06:09","end_datetime_utc":"2024-07-02 05:59","begin_datetime_mpt":"2024-07-01 00:09","end_datetime_mpt":"2024-07-01 23:59","system_marginal_price":70.5,"volume":"120"}
                ]}}
                """;
        ParsedPayload parsed = parse(AesoReport.SYSTEM_MARGINAL_PRICE, "aeso_system_marginal_price_20240701_20240701.json", json);
        assertThat(parsed.rejected()).isEmpty();

        CanonicalPrices prices = AesoPayloadPrices.systemMarginalPrice(smpRecords(parsed), Instant.parse("2024-07-01T06:17:31Z"), "fetch-1");

        assertThat(prices.rows()).extracting(PriceRow::intervalStartUtc, PriceRow::pricePerMwh).containsExactly(
                Tuple.tuple(Instant.parse("2024-07-01T06:00:00Z"), 60.5),
                Tuple.tuple(Instant.parse("2024-07-01T06:05:00Z"), 62.5),
                Tuple.tuple(Instant.parse("2024-07-01T06:10:00Z"), 70.5));
    }

    @Test
    void rejectsLegacyTimesOutsideTheirHourAndRefusesPoolPriceFiles()
    {
        String csv = """
                Historical System Marginal Price
                "Date (HE)","Time","Price ($)","Volume (MW)"

                "07/01/2024 05","05:10","44.00","100"
                "07/01/2024 05","4:30","","100"
                "07/01/2024 05","04:xx","43.00","100"
                "07/01/2024 05","04:00","42.00","100"
                """;
        ParsedPayload parsed = parse(AesoReport.SYSTEM_MARGINAL_PRICE, "smp.csv", csv);
        assertThat(parsed.rejected()).extracting(RejectedRecord::reason).containsExactly(
                "Time '05:10' is not in the hour ending 05 of Date (HE) '07/01/2024 05'",
                "Price ($) is empty",
                "Time '04:xx' is not a time like 01:36");
        assertThat(smpRecords(parsed)).extracting(AesoSmpRecord::intervalStartUtc).containsExactly(Instant.parse("2024-07-01T10:00:00Z"));

        ParsedPayload pool = parse(AesoReport.SYSTEM_MARGINAL_PRICE, "pool.csv", AesoTestFiles.resource("HistoricalPoolPriceReport_20240310.csv"));
        assertThat(pool.outcome()).isEqualTo(FetchOutcome.REJECTED);
        assertThat(pool.detail().orElseThrow()).contains("it has no Time column: not AESO's system marginal price report (a pool price report?)");
        ParsedPayload poolJson = parse(AesoReport.SYSTEM_MARGINAL_PRICE, "pool.json", AesoTestFiles.resource("aeso_pool_price_20241103_20241103.json"));
        assertThat(poolJson.outcome()).isEqualTo(FetchOutcome.REJECTED);
        assertThat(poolJson.detail().orElseThrow()).contains("it holds a 'Pool Price Report' list, which is AESO's pool_price report, not system_marginal_price");
    }
}
