package io.energylakehouse.etl.source.nordpool;

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

import static io.energylakehouse.etl.source.nordpool.NordPoolTestFiles.parse;
import static io.energylakehouse.etl.source.nordpool.NordPoolTestFiles.parseResource;
import static io.energylakehouse.etl.source.nordpool.NordPoolTestFiles.records;
import static org.assertj.core.api.Assertions.assertThat;

/** The parser on hand-written SYNTHETIC payloads in both of Nord Pool's JSON shapes: DST days, the 15-minute switch, currencies, bad prices, refusals. */
class TestNordPoolPriceParser
{
    private static final String ENTRY = "{\"deliveryStart\":\"2024-07-08T22:00:00Z\",\"deliveryEnd\":\"2024-07-08T23:00:00Z\",\"entryPerArea\":%s}";

    private static String portal(String currency, String areas, String... entries)
    {
        return "{\"deliveryDateCET\":\"2024-07-09\",\"version\":1,\"updatedAt\":\"2024-07-08T11:00:00Z\",\"deliveryAreas\":" + areas
                + ",\"market\":\"DayAhead\",\"multiAreaEntries\":[" + String.join(",", entries) + "],\"currency\":\"" + currency + "\",\"exchangeRate\":1}";
    }

    @Test
    void readsSpringForwardDay2024As23HoursPerArea()
    {
        ParsedPayload parsed = parseResource("DayAheadPrices_SE3+FI_EUR_2024-03-31.json");

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(parsed.rejected()).isEmpty();
        List<NordPoolPriceRecord> records = records(parsed);
        assertThat(records).hasSize(46);
        assertThat(records).filteredOn(record -> record.deliveryArea().equals("FI")).hasSize(23);
        assertThat(records.get(0)).isEqualTo(new NordPoolPriceRecord(1, "SE3", LocalDate.of(2024, 3, 31), Instant.parse("2024-03-30T23:00:00Z"),
                Instant.parse("2024-03-31T00:00:00Z"), -12.0, "EUR", "DayAhead", 1.0, "Final", Instant.parse("2024-03-30T11:52:47.2151536Z"), 2));
        assertThat(records.get(records.size() - 1).intervalEndUtc()).isEqualTo(Instant.parse("2024-03-31T22:00:00Z"));
        assertThat(parsed.operatingDates()).containsExactly(LocalDate.of(2024, 3, 31));
        assertThat(parsed.publishedAtUtc()).contains(Instant.parse("2024-03-30T11:52:47.2151536Z"));
        assertThat(parsed.contentKey()).contains("DayAheadPrices|FI,SE3|EUR|2024-03-31");
        assertThat(parsed.dataset()).isEqualTo("da_hourly");
    }

    @Test
    void readsFallBackDay2024InTheLicensedShapeAs25Hours()
    {
        ParsedPayload parsed = parseResource("licensed_NO1_NOK_2024-10-27.json");

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        List<NordPoolPriceRecord> records = records(parsed);
        assertThat(records).hasSize(25);
        assertThat(records).extracting(NordPoolPriceRecord::currency).containsOnly("NOK");
        assertThat(records).extracting(NordPoolPriceRecord::exchangeRate).containsOnly(11.8665);
        assertThat(records.get(0).intervalStartUtc()).isEqualTo(Instant.parse("2024-10-26T22:00:00Z"));
        assertThat(records.get(24).intervalEndUtc()).isEqualTo(Instant.parse("2024-10-27T23:00:00Z"));
        assertThat(records.get(0).version()).isNull();
        assertThat(parsed.dataset()).isEqualTo("da_hourly_nok");
    }

    @Test
    void readsDstDays2025And2026AcrossTheSwitchToQuarterHours()
    {
        // 2025-03-30: still hourly, 23 hours
        assertThat(records(parseResource("DayAheadPrices_SE4_SEK_2025-03-30.json"))).hasSize(23).allSatisfy(record -> assertThat(record.intervalMinutes()).isEqualTo(60));
        // the last hourly day and the first quarter-hourly one
        assertThat(records(parseResource("DayAheadPrices_DK1_EUR_2025-09-30.json"))).hasSize(24);
        ParsedPayload first = parseResource("DayAheadPrices_DK1_DKK_2025-10-01.json");
        assertThat(records(first)).hasSize(96).allSatisfy(record -> assertThat(record.intervalMinutes()).isEqualTo(15));
        assertThat(records(first).get(0).intervalStartUtc()).isEqualTo(Instant.parse("2025-09-30T22:00:00Z"));
        assertThat(first.dataset()).isEqualTo("da_15min_dkk");
        // 2025-10-26: 100 quarter hours per area; 2026-03-29: 92
        ParsedPayload fallBack = parseResource("DayAheadPrices_SE3+EE_EUR_2025-10-26.json");
        assertThat(records(fallBack)).filteredOn(record -> record.deliveryArea().equals("EE")).hasSize(100);
        assertThat(fallBack.rejected()).isEmpty();
        ParsedPayload springForward = parseResource("DayAheadPrices_GER+SYS_EUR_2026-03-29.json");
        assertThat(records(springForward)).filteredOn(record -> record.deliveryArea().equals("GER")).hasSize(92);
        assertThat(springForward.dataset()).isEqualTo("da_15min");
    }

    @Test
    void rejectsMissingBlankAndNonNumericPricesAlone()
    {
        ParsedPayload parsed = parse("bad_prices.json", portal("EUR", "[\"SE1\",\"SE2\",\"SE3\",\"SE4\",\"FI\"]",
                String.format(ENTRY, "{\"SE1\":null,\"SE2\":\"\",\"SE3\":\"n/a\",\"SE4\":\"31.5\"}")));

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(records(parsed)).singleElement().satisfies(record -> {
            assertThat(record.deliveryArea()).isEqualTo("SE4");
            assertThat(record.price()).isEqualTo(31.5);
        });
        assertThat(parsed.rejected()).extracting(RejectedRecord::reason).containsExactly(
                "the price of SE1 is missing (null)",
                "the price of SE2 is blank",
                "the price of SE3 'n/a' is not a number",
                "entryPerArea has no price for FI, one of deliveryAreas [SE1, SE2, SE3, SE4, FI]");
        RejectedRecord first = parsed.rejected().get(0);
        assertThat(first.locationId()).contains("SE1");
        assertThat(first.intervalStartUtc()).contains(Instant.parse("2024-07-08T22:00:00Z"));
        assertThat(first.operatingDate()).contains(LocalDate.of(2024, 7, 9));
        assertThat(parsed.detail()).contains("4 prices rejected");
    }

    @Test
    void rejectsIntervalsThatCannotBeReadOrLieOutsideTheDeliveryDay()
    {
        ParsedPayload parsed = parse("bad_times.json", portal("EUR", "[\"SE3\"]",
                "{\"deliveryStart\":\"2024-07-09 00:00\",\"deliveryEnd\":\"2024-07-08T23:00:00Z\",\"entryPerArea\":{\"SE3\":1}}",
                "{\"deliveryStart\":\"2024-07-09T01:00:00Z\",\"deliveryEnd\":\"2024-07-09T01:00:00Z\",\"entryPerArea\":{\"SE3\":1}}",
                "{\"deliveryStart\":\"2024-07-09T22:00:00Z\",\"deliveryEnd\":\"2024-07-09T23:00:00Z\",\"entryPerArea\":{\"SE3\":1}}"));

        assertThat(records(parsed)).isEmpty();
        assertThat(parsed.rejected()).extracting(RejectedRecord::reason).containsExactly(
                "deliveryStart '2024-07-09 00:00' / deliveryEnd '2024-07-08T23:00:00Z' is not a UTC time like 2024-07-08T22:00:00Z",
                "deliveryEnd 2024-07-09T01:00:00Z is not after deliveryStart 2024-07-09T01:00:00Z",
                "interval 2024-07-09T22:00:00Z..2024-07-09T23:00:00Z lies outside delivery day 2024-07-09 (CET: 2024-07-08T22:00:00Z..2024-07-09T22:00:00Z)");
    }

    @Test
    void readsAnUpdateTimeWithoutOffsetAsUtc()
    {
        ParsedPayload parsed = parse("x.json", portal("EUR", "[\"SE3\"]", String.format(ENTRY, "{\"SE3\":1}")).replace("2024-07-08T11:00:00Z", "2024-07-08T11:00:00.12"));

        assertThat(parsed.publishedAtUtc()).contains(Instant.parse("2024-07-08T11:00:00.12Z"));
        assertRejected(parse("x.json", portal("EUR", "[\"SE3\"]").replace("2024-07-08T11:00:00Z", "yesterday")),
                "Cannot parse Nord Pool file x.json as DayAheadPrices: the payload has updatedAt 'yesterday', not a UTC time");
    }

    @Test
    void refusesAnEntryWithoutAreasRatherThanDroppingIt()
    {
        ParsedPayload parsed = parse("x.json", portal("EUR", "[]", String.format(ENTRY, "{}")).replace("\"deliveryAreas\":[],", ""));

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(parsed.rejected()).extracting(RejectedRecord::reason).containsExactly("the entry has no entryPerArea prices and the payload no deliveryAreas");
    }

    @Test
    void keepsRepeatedIntervalsForCurationToJudge()
    {
        ParsedPayload parsed = parse("repeated.json", portal("EUR", "[\"SE3\"]", String.format(ENTRY, "{\"SE3\":10.5}"), String.format(ENTRY, "{\"SE3\":10.5}")));

        assertThat(records(parsed)).extracting(NordPoolPriceRecord::entryNumber).containsExactly(1, 2);
    }

    @Test
    void rejectsWholePayloadsThatAreNotNordPoolPrices()
    {
        assertRejected(parse("x.json", "<html>Service Unavailable</html>"), "Cannot parse Nord Pool file x.json as DayAheadPrices: it is not valid JSON");
        assertRejected(parse("x.json", "{\"deliveryDateCET\":\"2024-07-09\"}"),
                "Cannot parse Nord Pool file x.json as DayAheadPrices: it is neither the data portal's object with multiAreaEntries nor the licensed API's array");
        assertRejected(parse("x.json", portal("EUR", "[\"SE3\"]").replace("\"market\":\"DayAhead\"", "\"market\":\"GbHalfHour_DayAhead\"")),
                "Cannot parse Nord Pool file x.json as DayAheadPrices: the payload is of market GbHalfHour_DayAhead, not DayAhead");
        assertRejected(parse("x.json", portal("EUR", "[\"SE3\"]").replace("\"currency\":\"EUR\",", "")),
                "Cannot parse Nord Pool file x.json as DayAheadPrices: the payload has no currency");
        assertRejected(parse("x.json", "[{\"deliveryArea\":\"SE3\",\"currency\":\"SEK\",\"unit\":\"EUR/MWh\",\"prices\":[]}]"),
                "Cannot parse Nord Pool file x.json as DayAheadPrices: area SE3 has unit EUR/MWh but currency SEK");
        // an area twice in one entry: the parser will not pick one of the two prices
        assertRejected(parse("x.json", portal("EUR", "[\"SE3\"]", String.format(ENTRY, "{\"SE3\":1,\"SE3\":2}"))),
                "Cannot parse Nord Pool file x.json as DayAheadPrices: it is not valid JSON (Duplicate field 'SE3'");
        assertRejected(parse("x.json", portal("EUR", "[\"SE3\"]", String.format(ENTRY, "{\"SE3\":1}")).substring(0, 150)),
                "Cannot parse Nord Pool file x.json as DayAheadPrices: it is not valid JSON");
    }

    @Test
    void readsNothingPublishedYetAsNoData()
    {
        assertThat(parse("x.json", "").outcome()).isEqualTo(FetchOutcome.NO_DATA);
        assertThat(parse("x.json", " \n").detail()).contains("the body is empty: Nord Pool has not published these prices (yet)");
        assertThat(parse("x.json", "[]").outcome()).isEqualTo(FetchOutcome.NO_DATA);
        assertThat(parse("x.json", portal("EUR", "[\"SE3\"]")).detail()).contains("the payload lists no prices for [2024-07-09]");

        NordPoolPriceParser parser = new NordPoolPriceParser();
        ParsedPayload noContent = parser.parse(payload(204, ""));
        assertThat(noContent.outcome()).isEqualTo(FetchOutcome.NO_DATA);
        assertThat(noContent.detail()).contains("Nord Pool has no prices for DayAheadPrices_SE3_EUR_2024-07-09.json (HTTP 204): not published yet, or outside "
                + "the portal's history");
        ParsedPayload badRequest = parser.parse(payload(400, "{\"message\":\"Invalid deliveryArea\"}"));
        assertThat(badRequest.outcome()).isEqualTo(FetchOutcome.OPERATOR_ERROR);
        assertThat(badRequest.operatorErrorCode()).contains("HTTP 400");
    }

    private static Payload payload(int status, String body)
    {
        return new Payload(NordPoolMarket.SOURCE, "DayAheadPrices", Payload.Origin.LIVE, "DayAheadPrices|SE3|EUR|2024-07-09", Optional.empty(),
                "DayAheadPrices_SE3_EUR_2024-07-09.json", Instant.parse("2024-07-08T12:00:00Z"), status, body.getBytes(StandardCharsets.UTF_8));
    }

    private static void assertRejected(ParsedPayload parsed, String reasonStart)
    {
        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.REJECTED);
        assertThat(parsed.detail().orElseThrow()).startsWith(reasonStart);
        assertThat(parsed.records()).isEmpty();
    }
}
