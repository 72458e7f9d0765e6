package io.energylakehouse.etl.source.aeso;

import io.energylakehouse.etl.curate.CanonicalPrices;
import io.energylakehouse.etl.curate.MarketPrices;
import io.energylakehouse.etl.curate.PriceRow;
import io.energylakehouse.etl.raw.FetchOutcome;
import io.energylakehouse.etl.raw.ParsedPayload;
import io.energylakehouse.etl.raw.Payload;
import io.energylakehouse.etl.raw.RejectedRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

import static io.energylakehouse.etl.source.aeso.AesoTestFiles.parse;
import static io.energylakehouse.etl.source.aeso.AesoTestFiles.parseResource;
import static io.energylakehouse.etl.source.aeso.AesoTestFiles.poolRecords;
import static org.assertj.core.api.Assertions.assertThat;

/** The pool price report: the API's JSON and the legacy ETS CSV on the DST days of 2024 and 2025, blank actuals, bad rows, files of the other report. */
class TestAesoPoolPriceParser
{
    private static final Instant PUBLISHED = Instant.parse("2025-12-01T00:00:00Z");

    private static CanonicalPrices canonical(ParsedPayload parsed)
    {
        return AesoPayloadPrices.poolPrice(poolRecords(parsed), PUBLISHED, "fetch-1");
    }

    private static List<Integer> hoursEnding(int count)
    {
        return IntStream.rangeClosed(1, count).boxed().toList();
    }

    @Test
    void apiFallBackDay2024HasTwentyFiveHoursKeyedByUtc()
    {
        ParsedPayload parsed = parseResource(AesoReport.POOL_PRICE, "aeso_pool_price_20241103_20241103.json");

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(parsed.rejected()).isEmpty();
        assertThat(parsed.operatingDates()).containsExactly(LocalDate.of(2024, 11, 3));
        assertThat(parsed.contentKey()).contains("poolPrice|2024-11-03|2024-11-03");
        List<AesoPoolPriceRecord> records = poolRecords(parsed);
        assertThat(records).hasSize(25);
        // begin_datetime_mpt repeats 01:00 on the fall-back day; begin_datetime_utc does not
        assertThat(records.get(1)).isEqualTo(new AesoPoolPriceRecord(2, Instant.parse("2024-11-03T07:00:00Z"), Instant.parse("2024-11-03T08:00:00Z"),
                "2024-11-03 01:00", 28.4, 29.9, 58.31, null));
        assertThat(records.get(2).localTime()).isEqualTo("2024-11-03 01:00");
        assertThat(records.get(2).intervalStartUtc()).isEqualTo(Instant.parse("2024-11-03T08:00:00Z"));

        CanonicalPrices prices = canonical(parsed);
        assertThat(prices.rejected()).isEmpty();
        assertThat(prices.rows()).hasSize(25);
        assertThat(prices.rows()).extracting(PriceRow::hourEnding).containsExactlyElementsOf(hoursEnding(25));
        assertThat(prices.rows().get(0)).isEqualTo(new PriceRow("AESO", "rt_hourly", "ALBERTA", "system", Instant.parse("2024-11-03T06:00:00Z"),
                Instant.parse("2024-11-03T07:00:00Z"), 60, LocalDate.of(2024, 11, 3), 1, 31.05, null, null, null, null, "CAD", PUBLISHED, 1, "fetch-1", List.of()));
        assertThat(prices.rows()).extracting(PriceRow::operatingDate).containsOnly(LocalDate.of(2024, 11, 3));
    }

    @Test
    void apiSpringForwardDay2025WithoutEnvelopeKeepsBlankActualsOutOfPrices()
    {
        ParsedPayload parsed = parseResource(AesoReport.POOL_PRICE, "aeso_pool_price_20250309_20250309.json");

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(parsed.rejected()).isEmpty();
        List<AesoPoolPriceRecord> records = poolRecords(parsed);
        assertThat(records).hasSize(23);
        // the last two hours are not settled: "" and null are no price, and the forecast is kept in the raw record
        assertThat(records.get(21).poolPrice()).isNull();
        assertThat(records.get(22).poolPrice()).isNull();
        assertThat(records.get(22).forecastPoolPrice()).isEqualTo(44.05);
        // 01:00 MST is followed by 03:00 MDT
        assertThat(records.get(2).intervalStartUtc()).isEqualTo(Instant.parse("2025-03-09T09:00:00Z"));

        CanonicalPrices prices = canonical(parsed);
        assertThat(prices.rejected()).isEmpty();
        assertThat(prices.rows()).hasSize(21);
        assertThat(prices.rows()).extracting(PriceRow::hourEnding).containsExactlyElementsOf(hoursEnding(21));
        assertThat(prices.rows()).extracting(PriceRow::pricePerMwh).doesNotContainNull().doesNotContain(0.0);
        assertThat(AesoMarket.TIME.hoursInDay(LocalDate.of(2025, 3, 9))).isEqualTo(23);
    }

    @Test
    void legacySpringForwardDay2024HasNoHourEndingThree()
    {
        ParsedPayload parsed = parseResource(AesoReport.POOL_PRICE, "HistoricalPoolPriceReport_20240310.csv");

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(parsed.rejected()).isEmpty();
        List<AesoPoolPriceRecord> records = poolRecords(parsed);
        assertThat(records).hasSize(23);
        // newest first, as ETS lists them; the header spells the average "30Ray AVG ($)"
        AesoPoolPriceRecord hourEndingFour = records.stream().filter(record -> record.localTime().equals("03/10/2024 04")).findFirst().orElseThrow();
        assertThat(hourEndingFour).isEqualTo(new AesoPoolPriceRecord(hourEndingFour.lineNumber(), Instant.parse("2024-03-10T09:00:00Z"),
                Instant.parse("2024-03-10T10:00:00Z"), "03/10/2024 04", 26.91, null, 64.17, 9174.0));

        CanonicalPrices prices = canonical(parsed);
        assertThat(prices.rows()).hasSize(23);
        assertThat(prices.rows()).extracting(PriceRow::hourEnding).containsExactlyElementsOf(hoursEnding(23));
        assertThat(prices.rows().get(22).intervalEndUtc()).isEqualTo(AesoMarket.TIME.dayEnd(LocalDate.of(2024, 3, 10)));
    }

    @Test
    void legacyFallBackDay2025ReadsTheStarredRepeatedHour()
    {
        ParsedPayload parsed = parseResource(AesoReport.POOL_PRICE, "HistoricalPoolPriceReport_20251102.csv");

        assertThat(parsed.rejected()).isEmpty();
        List<AesoPoolPriceRecord> records = poolRecords(parsed);
        assertThat(records).hasSize(25);
        assertThat(records).filteredOn(record -> record.localTime().startsWith("11/02/2025 02")).extracting(AesoPoolPriceRecord::localTime,
                AesoPoolPriceRecord::intervalStartUtc).containsExactly(
                org.assertj.core.groups.Tuple.tuple("11/02/2025 02*", Instant.parse("2025-11-02T08:00:00Z")),
                org.assertj.core.groups.Tuple.tuple("11/02/2025 02", Instant.parse("2025-11-02T07:00:00Z")));
        // hour ending 24 is "-": not settled, no price
        assertThat(records.get(0).localTime()).isEqualTo("11/02/2025 24");
        assertThat(records.get(0).poolPrice()).isNull();

        CanonicalPrices prices = canonical(parsed);
        assertThat(prices.rejected()).isEmpty();
        assertThat(prices.rows()).hasSize(24);
        assertThat(prices.rows()).extracting(PriceRow::hourEnding).containsExactlyElementsOf(hoursEnding(24));
        assertThat(prices.rows()).filteredOn(row -> row.hourEnding() == 3).extracting(PriceRow::pricePerMwh).containsExactly(26.91);
    }

    @Test
    void rejectsMalformedRowsAndDisagreeingDuplicatesWithReasons()
    {
        String json = """
                {"return":{"Pool Price Report":[
                {"begin_datetime_utc":"2024-07-01 06:00","begin_datetime_mpt":"2024-07-01 00:00","pool_price":"40.00"},
                {"begin_datetime_utc":"2024-07-01 06:00","begin_datetime_mpt":"2024-07-01 00:00","pool_price":40},
                {"begin_datetime_utc":"2024-07-01 07:00","pool_price":"41.00"},
                {"begin_datetime_utc":"2024-07-01 07:00","pool_price":"41.50"},
                {"begin_datetime_utc":"07/01/2024 08:00","pool_price":"42.00"},
                {"begin_datetime_utc":"2024-07-01 09:00","pool_price":"n/a"},
                {"begin_datetime_utc":"2024-07-01 10:00","begin_datetime_mpt":"2024-07-01 10:00","pool_price":"44.00"},
                {"begin_datetime_utc":"2024-07-01 11:30","pool_price":"45.00"},
                {"pool_price":"46.00"},
                {"begin_datetime_utc":"2024-07-01 12:00","pool_price":"0"}
                ]}}
                """;
        ParsedPayload parsed = parse(AesoReport.POOL_PRICE, "aeso_pool_price_20240701_20240701.json", json);

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(parsed.rejected()).extracting(RejectedRecord::lineNumber, RejectedRecord::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Optional.of(5), "'07/01/2024 08:00' is not a time like 2024-11-03 08:00"),
                org.assertj.core.groups.Tuple.tuple(Optional.of(6), "pool_price 'n/a' is not a number"),
                org.assertj.core.groups.Tuple.tuple(Optional.of(7), "begin_datetime_mpt '2024-07-01 10:00' is not 2024-07-01T10:00:00Z on Mountain prevailing "
                        + "time's clock (2024-07-01 04:00)"),
                org.assertj.core.groups.Tuple.tuple(Optional.of(8), "begin_datetime_utc '2024-07-01 11:30' is not the start of an hour"),
                org.assertj.core.groups.Tuple.tuple(Optional.of(9), "begin_datetime_utc is missing or empty"));
        assertThat(parsed.rejected().get(0).record()).contains("{\"begin_datetime_utc\":\"07/01/2024 08:00\",\"pool_price\":\"42.00\"}");

        CanonicalPrices prices = canonical(parsed);
        // a real price of 0 (the floor) stays 0; agreeing duplicates collapse, disagreeing ones are refused
        assertThat(prices.rows()).extracting(PriceRow::intervalStartUtc, PriceRow::pricePerMwh, PriceRow::dqFlags).containsExactly(
                org.assertj.core.groups.Tuple.tuple(Instant.parse("2024-07-01T06:00:00Z"), 40.0, List.of(MarketPrices.DUPLICATE_ROWS_COLLAPSED)),
                org.assertj.core.groups.Tuple.tuple(Instant.parse("2024-07-01T12:00:00Z"), 0.0, List.of()));
        assertThat(prices.rejected()).extracting(CanonicalPrices.Rejected::reason)
                .containsExactly("rows for the hour starting 2024-07-01T07:00:00Z disagree: pool price 41.0 vs 41.5 (rows 3 and 4)");
    }

    @Test
    void rejectsLegacyLabelsThatNameNoHour()
    {
        String csv = """
                Pool Price
                "Date (HE)","Price ($)","30Ravg ($)","AIL Demand (MW)"

                "03/10/2024 03","50.00","60.00","9000.0"
                "11/04/2024 02*","51.00","60.00","9000.0"
                "11/04/2024 25","52.00","60.00","9000.0"
                "11/04/2024 05","abc","60.00","9000.0"
                "11/04/2024 06"
                "11/04/2024 07","53.00","60.00","9000.0"
                """;
        ParsedPayload parsed = parse(AesoReport.POOL_PRICE, "pool.csv", csv);

        assertThat(parsed.rejected()).extracting(RejectedRecord::reason).containsExactly(
                "hour ending 03 names the wall hour from 02:00, which Mountain time skips on 2024-03-10 (spring forward)",
                "hour ending 02* is starred but the wall hour from 01:00 is not repeated on 2024-11-04",
                "Date (HE) '11/04/2024 25' has hour ending 25, outside 1..24",
                "Price ($) 'abc' is not a number",
                "expected at least 4 fields as in the header, found 1");
        assertThat(poolRecords(parsed)).extracting(AesoPoolPriceRecord::intervalStartUtc).containsExactly(Instant.parse("2024-11-04T13:00:00Z"));
    }

    @Test
    void refusesFilesOfTheOtherReportAndUnreadablePayloads()
    {
        ParsedPayload smpJson = parse(AesoReport.POOL_PRICE, "x.json", AesoTestFiles.resource("aeso_system_marginal_price_20241103_20241103.json"));
        assertThat(smpJson.outcome()).isEqualTo(FetchOutcome.REJECTED);
        assertThat(smpJson.detail()).contains("Cannot parse AESO file x.json as pool_price: it holds a 'System Marginal Price Report' list, which is AESO's "
                + "system_marginal_price report, not pool_price");

        ParsedPayload smpCsv = parse(AesoReport.POOL_PRICE, "y.csv", AesoTestFiles.resource("HistoricalSystemMarginalPriceReport_20240310.csv"));
        assertThat(smpCsv.outcome()).isEqualTo(FetchOutcome.REJECTED);
        assertThat(smpCsv.detail().orElseThrow()).contains("it has a Time column, as AESO's system marginal price report has, not the pool price report");

        ParsedPayload malformed = parse(AesoReport.POOL_PRICE, "z.json", "{\"return\":{\"Pool Price Report\":[{\"begin_datetime_utc\":");
        assertThat(malformed.outcome()).isEqualTo(FetchOutcome.REJECTED);
        assertThat(malformed.detail().orElseThrow()).startsWith("Cannot parse AESO file z.json as pool_price: the JSON is malformed");

        ParsedPayload noList = parse(AesoReport.POOL_PRICE, "w.json", "{\"statusCode\":401,\"message\":\"Access denied due to missing subscription key.\"}");
        assertThat(noList.detail()).contains("Cannot parse AESO file w.json as pool_price: the JSON has no 'Pool Price Report' list (keys: statusCode, "
                + "message; message: Access denied due to missing subscription key.)");

        ParsedPayload empty = parse(AesoReport.POOL_PRICE, "v.json", "{\"timestamp\":\"x\",\"responseCode\":\"200\",\"return\":{\"Pool Price Report\":[]}}");
        assertThat(empty.outcome()).isEqualTo(FetchOutcome.NO_DATA);
        assertThat(parse(AesoReport.POOL_PRICE, "u.json", "  \n").outcome()).isEqualTo(FetchOutcome.NO_DATA);
    }

    @Test
    void readsClientErrorsAsOperatorAnswers()
    {
        Payload notFound = new Payload(AesoMarket.SOURCE, "poolPrice", Payload.Origin.LIVE, "poolPrice|2024-07-01|2024-07-01", Optional.empty(), "a.json",
                Instant.EPOCH, 404, "{}".getBytes(StandardCharsets.UTF_8));
        assertThat(new AesoParser().parse(notFound).outcome()).isEqualTo(FetchOutcome.NO_DATA);
        Payload badRequest = new Payload(AesoMarket.SOURCE, "poolPrice", Payload.Origin.LIVE, "poolPrice|2024-07-01|2024-07-01", Optional.empty(), "a.json",
                Instant.EPOCH, 400, "{\"message\":\"startDate is required\"}".getBytes(StandardCharsets.UTF_8));
        ParsedPayload parsed = new AesoParser().parse(badRequest);
        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.OPERATOR_ERROR);
        assertThat(parsed.operatorErrorCode()).contains("HTTP 400");
        assertThat(parsed.detail().orElseThrow()).contains("startDate is required");
    }
}
