package io.energylakehouse.etl.source.eia;

import io.energylakehouse.etl.raw.FetchOutcome;
import io.energylakehouse.etl.raw.ParsedPayload;
import io.energylakehouse.etl.raw.Payload;
import io.energylakehouse.etl.raw.PayloadLimits;
import io.energylakehouse.etl.raw.RejectedRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static io.energylakehouse.etl.source.eia.EiaTestFiles.page;
import static io.energylakehouse.etl.source.eia.EiaTestFiles.parse;
import static io.energylakehouse.etl.source.eia.EiaTestFiles.records;
import static io.energylakehouse.etl.source.eia.EiaTestFiles.resource;
import static io.energylakehouse.etl.source.eia.EiaTestFiles.spotRow;
import static io.energylakehouse.etl.source.eia.EiaTestFiles.storageRow;
import static org.assertj.core.api.Assertions.assertThat;

class TestEiaParser
{
    @Test
    void readsPagesOneAfterTheOtherCollapsingARowRepeatedAcrossPages()
    {
        ParsedPayload parsed = parse(EiaReport.HENRY_HUB_SPOT, "eia_henry_hub_spot_20240304_20240308.json", resource("eia_henry_hub_spot_20240304_20240308.json"));

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(parsed.rejected()).isEmpty();
        List<EiaValueRecord> records = records(parsed);
        // six rows on two pages, 2024-03-06 on both (null both times): five values of total "5"
        assertThat(records).extracting(EiaValueRecord::period).containsExactly(LocalDate.of(2024, 3, 4), LocalDate.of(2024, 3, 5), LocalDate.of(2024, 3, 6),
                LocalDate.of(2024, 3, 7), LocalDate.of(2024, 3, 8));
        // a string value, a number value, null, strings
        assertThat(records).extracting(EiaValueRecord::value).containsExactly(1.62, 1.71, null, 1.80, 1.49);
        assertThat(records).extracting(EiaValueRecord::valueStatus).containsExactly("published", "published", "missing", "published", "published");
        assertThat(records).extracting(EiaValueRecord::repeatCount).containsExactly(1, 1, 2, 1, 1);
        assertThat(records).extracting(EiaValueRecord::pageNumber).containsExactly(1, 1, 1, 2, 2);
        assertThat(records.get(0).valueText()).isEqualTo("1.62");
        assertThat(records.get(0).units()).isEqualTo("$/MMBTU");
        assertThat(records.get(0).duoarea()).isEqualTo("RGC");
        assertThat(parsed.detail().orElseThrow()).startsWith("1 repeated rows collapsed (RNGWHHD 2024-03-06)");
        assertThat(parsed.contentKey()).contains("RNGWHHD|2024-03-04|2024-03-08");
        assertThat(parsed.operatingDates()).hasSize(5);
        // a spot payload is dated when it was received
        assertThat(parsed.publishedAtUtc()).isEmpty();
    }

    @Test
    void aRowRepeatedWithAnotherValueIsRejectedEveryTimeWithBothValues()
    {
        String pages = page("3", spotRow("2024-03-04", "\"1.62\""), spotRow("2024-03-05", "1.71")) + "\n"
                + page("3", spotRow("2024-03-05", "\"1.75\""), spotRow("2024-03-06", "1.80"));

        ParsedPayload parsed = parse(EiaReport.HENRY_HUB_SPOT, "pages.json", pages);

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(records(parsed)).extracting(EiaValueRecord::period).containsExactly(LocalDate.of(2024, 3, 4), LocalDate.of(2024, 3, 6));
        assertThat(parsed.rejected()).hasSize(2);
        assertThat(parsed.rejected()).extracting(RejectedRecord::lineNumber).containsExactly(Optional.of(2), Optional.of(3));
        assertThat(parsed.rejected().get(0).reason()).isEqualTo("Cannot land EIA RNGWHHD 2024-03-05 from pages.json: the payload holds it 2 times with "
                + "different values (1.71 at page 1 (row 2 of the payload), 1.75 at page 2 (row 3 of the payload)); which one EIA means cannot be told, so none is kept");
        assertThat(parsed.rejected().get(0).operatingDate()).contains(LocalDate.of(2024, 3, 5));
    }

    @Test
    void aTotalThatChangesBetweenPagesRejectsThePayload()
    {
        String pages = page("2", spotRow("2024-03-04", "1.62")) + page("3", spotRow("2024-03-05", "1.71"), spotRow("2024-03-06", "1.72"));

        ParsedPayload parsed = parse(EiaReport.HENRY_HUB_SPOT, "pages.json", pages);

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.REJECTED);
        assertThat(parsed.records()).isEmpty();
        assertThat(parsed.detail().orElseThrow()).isEqualTo("Cannot parse EIA henry_hub_spot payload pages.json: page 2 says response.total 3, the pages "
                + "before it 2: EIA's data changed while the request was paged, so its pages may mix two releases; the next fetch asks again");
    }

    @Test
    void fewerRowsThanTheTotalIsATruncatedPayload()
    {
        ParsedPayload parsed = parse(EiaReport.HENRY_HUB_SPOT, "page1.json", page("5001", spotRow("2024-03-04", "1.62")));

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.REJECTED);
        assertThat(parsed.detail().orElseThrow()).isEqualTo("Cannot parse EIA henry_hub_spot payload page1.json: its 1 page(s) hold 1 rows of "
                + "response.total 5001: pages are missing (a truncated payload)");
        assertThat(parse(EiaReport.HENRY_HUB_SPOT, "cut.json", page("1", spotRow("2024-03-04", "1.62")).substring(0, 60)).outcome())
                .isEqualTo(FetchOutcome.REJECTED);
    }

    @Test
    void rowsThatCannotBeReadAreRejectedAloneWithWhereAndWhy()
    {
        assertThat(parse(EiaReport.HENRY_HUB_SPOT, "hex.json", page("1", spotRow("2024-03-04", "\"0x1p3\""))).rejected()).singleElement()
                .satisfies(rejected -> assertThat(rejected.reason()).endsWith("value \"0x1p3\" of RNGWHHD on 2024-03-04 is not a number"));
        String answer = page("4", spotRow("2024-03-04", "\"n/a\""), spotRow("2024-13-01", "1.7"), storageRow("2024-03-01", "R48", "2200"),
                spotRow("2024-03-07", "1.8"));

        ParsedPayload parsed = parse(EiaReport.HENRY_HUB_SPOT, "bad.json", answer);

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(records(parsed)).extracting(EiaValueRecord::period).containsExactly(LocalDate.of(2024, 3, 7));
        assertThat(parsed.rejected()).extracting(RejectedRecord::reason).containsExactly(
                "Cannot read row 1 (page 1) of EIA bad.json: value \"n/a\" of RNGWHHD on 2024-03-04 is not a number",
                "Cannot read row 2 (page 1) of EIA bad.json: period \"2024-13-01\" is not a date YYYY-MM-DD",
                "Cannot land EIA NW2_EPG0_SWO_R48_BCF at page 1 (row 3 of the payload) as henry_hub_spot: series NW2_EPG0_SWO_R48_BCF is not one of the "
                        + "report's (RNGWHHD, RNGWHHW)".replace("(RNGWHHD, RNGWHHW)", "(" + String.join(", ", EiaSpotPrices.PRODUCTS.keySet()) + ")"));
    }

    @Test
    void theOperatorsErrorsAreOperatorAnswers()
    {
        ParsedPayload error = parse(EiaReport.STORAGE_WEEKLY, "error.json", "{\"error\":\"Invalid facet: duoarea R99\",\"code\":400}");
        assertThat(error.outcome()).isEqualTo(FetchOutcome.OPERATOR_ERROR);
        assertThat(error.operatorErrorCode()).contains("400");
        assertThat(error.detail().orElseThrow()).isEqualTo("EIA answered an error on page 1 of error.json: Invalid facet: duoarea R99");

        ParsedPayload gateway = parse(EiaReport.STORAGE_WEEKLY, "key.json", "{\"error\":{\"code\":\"API_KEY_INVALID\",\"message\":\"An invalid api_key has been supplied.\"}}");
        assertThat(gateway.operatorErrorCode()).contains("API_KEY_INVALID");
        assertThat(gateway.detail().orElseThrow()).isEqualTo("EIA answered an error on page 1 of key.json: An invalid api_key has been supplied.");

        Payload forbidden = new Payload(Eia.SOURCE, "WNGSR", Payload.Origin.LIVE, "k", Optional.empty(), "x.json", Instant.EPOCH, 503,
                "Service Unavailable".getBytes(StandardCharsets.UTF_8));
        ParsedPayload unavailable = new EiaParser(EiaReport.STORAGE_WEEKLY, PayloadLimits.DEFAULTS).parse(forbidden);
        assertThat(unavailable.outcome()).isEqualTo(FetchOutcome.OPERATOR_ERROR);
        assertThat(unavailable.operatorErrorCode()).contains("HTTP 503");

        ParsedPayload empty = parse(EiaReport.STORAGE_WEEKLY, "none.json", page("\"0\""));
        assertThat(empty.outcome()).isEqualTo(FetchOutcome.NO_DATA);
    }

    @Test
    void aStoragePayloadIsDatedAtTheLastReleaseBeforeItWasReceived()
    {
        byte[] bytes = resource("eia_storage_weekly_20240301_20240308.json");
        EiaParser parser = new EiaParser(EiaReport.STORAGE_WEEKLY, PayloadLimits.DEFAULTS);

        // received Thursday 2024-03-14 10:31 EDT: the release of the week ending 2024-03-08
        ParsedPayload justAfter = parser.parse(EiaTestFiles.payload(EiaReport.STORAGE_WEEKLY, "s.json", bytes, Instant.parse("2024-03-14T14:31:00Z")));
        // received 10:29 EDT the same day: still the release of the week before (Thursday 2024-03-07 10:30 EST)
        ParsedPayload justBefore = parser.parse(EiaTestFiles.payload(EiaReport.STORAGE_WEEKLY, "s.json", bytes, Instant.parse("2024-03-14T14:29:00Z")));

        assertThat(justAfter.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(justAfter.records()).hasSize(12);
        assertThat(justAfter.rejected()).isEmpty();
        assertThat(justAfter.publishedAtUtc()).contains(Instant.parse("2024-03-14T14:30:00Z"));
        assertThat(justBefore.publishedAtUtc()).contains(Instant.parse("2024-03-07T15:30:00Z"));
        assertThat(justAfter.operatingDates()).containsExactlyInAnyOrder(LocalDate.of(2024, 3, 1), LocalDate.of(2024, 3, 8));
        assertThat(records(justAfter)).filteredOn(record -> record.seriesId().equals("NW2_EPG0_SWO_R48_BCF")).extracting(EiaValueRecord::value)
                .containsExactly(2224.0, 2208.0);
    }

    @Test
    void theHistorysZeroFillsAreMissingValuesNeverZeros()
    {
        ParsedPayload daily = parse(EiaReport.HENRY_HUB_SPOT, "henry_hub_daily_history_sample.csv", resource("henry_hub_daily_history_sample.csv"));

        assertThat(daily.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(daily.rejected()).isEmpty();
        List<EiaValueRecord> records = records(daily);
        assertThat(records).extracting(EiaValueRecord::seriesId).containsOnly("RNGWHHD");
        assertThat(records).extracting(EiaValueRecord::period).containsExactly(LocalDate.of(1997, 1, 6), LocalDate.of(1997, 1, 7), LocalDate.of(1997, 1, 8),
                LocalDate.of(2001, 12, 24), LocalDate.of(2008, 7, 3));
        assertThat(records).extracting(EiaValueRecord::value).containsExactly(null, 3.82, 3.80, null, 13.0);
        assertThat(records).extracting(EiaValueRecord::valueStatus).containsExactly("zero_filled_missing", "published", "published", "missing", "published");
        assertThat(records.get(0).valueText()).isEqualTo("0.0");
        assertThat(records).extracting(EiaValueRecord::lineNumber).containsExactly(2, 3, 4, 5, 6);

        ParsedPayload weekly = parse(EiaReport.HENRY_HUB_SPOT, "henry_hub_weekly_history_sample.csv", resource("henry_hub_weekly_history_sample.csv"));
        assertThat(records(weekly)).extracting(EiaValueRecord::seriesId).containsOnly("RNGWHHW");
        assertThat(records(weekly)).extracting(EiaValueRecord::value).containsExactly(3.79, 4.19, null);
    }

    @Test
    void historyLinesThatCannotBeReadAreRejectedAlone()
    {
        ParsedPayload parsed = parse(EiaReport.HENRY_HUB_SPOT, "h.csv", "\uFEFFDate,Price\r\n1997 Jan 7,3.82\r\n1997 Foo 8,3.80\r\n1997 Jan 9,abc\r\n"
                + "1997 Jan 10,1,2\r\n1997 Jan 7,3.82\r\n");

        assertThat(records(parsed)).extracting(EiaValueRecord::repeatCount).containsExactly(2);
        assertThat(parsed.rejected()).extracting(RejectedRecord::reason).containsExactly(
                "Cannot read line 3 of EIA history h.csv: date '1997 Foo 8' is neither like 1997 Jan 6 nor YYYY-MM-DD",
                "Cannot read line 4 of EIA history h.csv: price 'abc' is not a number",
                "Cannot read line 5 of EIA history h.csv: 3 cells, the history has 2 (date, price)");
    }

    @Test
    void quotedHistoryCellsAreRead()
    {
        ParsedPayload parsed = parse(EiaReport.HENRY_HUB_SPOT, "q.csv", "\"Date\",\"Price\"\n\"1997 Jan 7\",\"3.82\"\n");

        assertThat(records(parsed)).extracting(EiaValueRecord::period, EiaValueRecord::value)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(LocalDate.of(1997, 1, 7), 3.82));
    }

    @Test
    void oneParserReadsThePayloadsOfBothReportsByTheReportTheyName()
    {
        // landing hands the parser of the connector's first report every payload
        EiaParser parser = (EiaParser) new EiaConnector().parser(EiaConnector.HENRY_HUB_SPOT, PayloadLimits.DEFAULTS);

        ParsedPayload storage = parser.parse(EiaTestFiles.payload(EiaReport.STORAGE_WEEKLY, "s.json", resource("eia_storage_weekly_20240301_20240308.json"),
                Instant.parse("2024-03-14T15:00:00Z")));

        assertThat(storage.rawTable()).isEqualTo(Eia.STORAGE_WEEKLY_RAW);
        assertThat(storage.dataset()).isEqualTo("storage_weekly");
        assertThat(storage.records()).hasSize(12);
        assertThat(storage.rejected()).isEmpty();
        assertThat(parser.rawTables()).containsExactly(Eia.HENRY_HUB_SPOT_RAW, Eia.STORAGE_WEEKLY_RAW);
        assertThat(parser.rejected(EiaTestFiles.payload(EiaReport.STORAGE_WEEKLY, "s.json", new byte[0], Instant.EPOCH), "too large").rawTable())
                .isEqualTo(Eia.STORAGE_WEEKLY_RAW);
    }

    @Test
    void contentOfNeitherLayoutIsRejectedWhole()
    {
        assertThat(parse(EiaReport.HENRY_HUB_SPOT, "x.csv", "Period,Value\n2024-01-01,1\n").detail().orElseThrow())
                .isEqualTo("Cannot parse EIA henry_hub_spot payload x.csv: line 1 'Period,Value' is not the header of EIA's history export (Date,Price or "
                        + "Week Ending,Price) and the payload is not API v2 JSON");
        assertThat(parse(EiaReport.STORAGE_WEEKLY, "h.csv", "Date,Price\n1997 Jan 7,3.82\n").detail().orElseThrow())
                .isEqualTo("Cannot parse EIA storage_weekly payload h.csv: it is the Henry Hub price history (header 'Date,Price'), not a storage_weekly payload");
        assertThat(parse(EiaReport.STORAGE_WEEKLY, "e.json", "").outcome()).isEqualTo(FetchOutcome.REJECTED);
        assertThat(parse(EiaReport.STORAGE_WEEKLY, "a.json", "{\"data\":[]}").detail().orElseThrow())
                .isEqualTo("Cannot parse EIA storage_weekly payload a.json: page 1 has no \"response\" object (fields [data]): not an API v2 answer");
        assertThat(parse(EiaReport.STORAGE_WEEKLY, "t.json", page("\"many\"")).detail().orElseThrow())
                .isEqualTo("Cannot parse EIA storage_weekly payload t.json: page 1's response.total \"many\" is not a whole number");
    }
}
