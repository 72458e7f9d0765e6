package io.energylakehouse.etl.source.pjm;

import io.energylakehouse.etl.raw.FetchOutcome;
import io.energylakehouse.etl.raw.ParsedPayload;
import io.energylakehouse.etl.raw.Payload;
import io.energylakehouse.etl.raw.PayloadContent;
import io.energylakehouse.etl.raw.PayloadLimits;
import io.energylakehouse.etl.raw.RejectedRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The Data Miner 2 page parser on hand-written pages in PJM's real JSON format (src/test/resources/pjm). */
class TestPjmLmpParser
{
    private static final PjmLmpParser PARSER = new PjmLmpParser();
    private static final long WESTERN_HUB = 51288;
    private static final long COMED = 33092371;
    private static final String DA_FIELDS = "datetime_beginning_utc%2Cdatetime_beginning_ept%2Cpnode_id%2Cpnode_name%2Ctype%2Czone%2Cvoltage%2Cequipment"
            + "%2Ctotal_lmp_da%2Csystem_energy_price_da%2Ccongestion_price_da%2Cmarginal_loss_price_da%2Crow_is_current%2Cversion_nbr";

    @Test
    void parsesDayAheadNormalDay()
    {
        ParsedPayload parsed = parse(PjmReport.DA_HRL_LMPS, "da_hrl_lmps_20240701.json");

        assertThat(parsed).isEqualTo(new ParsedPayload(
                FetchOutcome.PARSED,
                "da_hourly",
                PjmTables.RAW_DA_HRL_LMPS,
                parsed.records(),
                List.of(),
                Optional.empty(),
                Optional.empty(),
                Optional.of("da_hrl_lmps|RowCount=50000&Order=Asc&StartRow=1&IsActiveMetadata=True&Fields=" + DA_FIELDS
                        + "&datetime_beginning_ept=2024-07-01T00%3A00to2024-07-01T23%3A59&row_is_current=TRUE"),
                Optional.empty(),
                Set.of(LocalDate.of(2024, 7, 1))));
        List<PjmLmpRecord> records = records(parsed);
        assertThat(records).hasSize(2 * 24);
        // hour ending 11 EDT (UTC-4) of the Western Hub
        assertThat(find(records, WESTERN_HUB, "2024-07-01T14:00:00Z")).usingRecursiveComparison().ignoringFields("itemNumber").isEqualTo(new PjmLmpRecord(
                PjmReport.DA_HRL_LMPS, 0, Instant.parse("2024-07-01T14:00:00Z"), "2024-07-01T10:00:00", WESTERN_HUB, "WESTERN HUB", "HUB", null, null, null,
                31.85, 30.0, 1.5, 0.35, true, 1, null, null));
        assertThat(find(records, COMED, "2024-07-01T04:00:00Z").zone()).isEqualTo("COMED");
        assertThat(records).extracting(PjmLmpRecord::itemNumber).containsExactlyElementsOf(IntStream.rangeClosed(1, 48).boxed().toList());
        for (long pnode : List.of(WESTERN_HUB, COMED)) {
            assertThat(starts(records, pnode)).as("hours of %d", pnode).containsExactlyElementsOf(PjmMarket.TIME.intervalStarts(LocalDate.of(2024, 7, 1), 60));
        }
        assertThat(records).allSatisfy(record -> {
            assertThat(record.intervalEndUtc()).isEqualTo(record.intervalStartUtc().plus(Duration.ofHours(1)));
            assertThat(record.isVerified()).isTrue();
        });
        assertTotalIsSumOfComponents(records);
    }

    @Test
    void parsesSpringForwardDayWith23Hours()
    {
        ParsedPayload parsed = parse(PjmReport.DA_HRL_LMPS, "da_hrl_lmps_20240310_spring.json");

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(parsed.rejected()).isEmpty();
        assertThat(parsed.operatingDates()).containsExactly(LocalDate.of(2024, 3, 10));
        List<PjmLmpRecord> records = records(parsed);
        assertThat(records).hasSize(2 * 23);
        // midnight EST is 05:00Z, the day ends at midnight EDT, 04:00Z; EPT 02:00 does not exist
        assertThat(starts(records, WESTERN_HUB)).hasSize(23).containsExactlyElementsOf(PjmMarket.TIME.intervalStarts(LocalDate.of(2024, 3, 10), 60))
                .startsWith(Instant.parse("2024-03-10T05:00:00Z")).endsWith(Instant.parse("2024-03-11T03:00:00Z"));
        assertThat(records).extracting(PjmLmpRecord::datetimeBeginningEpt).doesNotContain("2024-03-10T02:00:00").contains("2024-03-10T01:00:00", "2024-03-10T03:00:00");
        assertTotalIsSumOfComponents(records);
    }

    @Test
    void parsesFallBackDayWith25HoursKeyedOnUtc()
    {
        ParsedPayload parsed = parse(PjmReport.DA_HRL_LMPS, "da_hrl_lmps_20241103_fall.json");

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(parsed.rejected()).isEmpty();
        assertThat(parsed.operatingDates()).containsExactly(LocalDate.of(2024, 11, 3));
        List<PjmLmpRecord> records = records(parsed);
        assertThat(records).hasSize(2 * 25);
        assertThat(starts(records, COMED)).hasSize(25).containsExactlyElementsOf(PjmMarket.TIME.intervalStarts(LocalDate.of(2024, 11, 3), 60));
        // EPT 01:00 repeats: once in daylight time (05:00Z), once in standard time (06:00Z), with different prices
        List<PjmLmpRecord> repeated = records.stream().filter(record -> record.pnodeId() == WESTERN_HUB && record.datetimeBeginningEpt().equals("2024-11-03T01:00:00"))
                .sorted(java.util.Comparator.comparing(PjmLmpRecord::intervalStartUtc)).toList();
        assertThat(repeated).extracting(PjmLmpRecord::intervalStartUtc).containsExactly(Instant.parse("2024-11-03T05:00:00Z"), Instant.parse("2024-11-03T06:00:00Z"));
        assertThat(repeated).extracting(PjmLmpRecord::totalLmp).containsExactly(22.85, 23.1);
        assertTotalIsSumOfComponents(records);
    }

    @Test
    void parsesNegativePrices()
    {
        ParsedPayload parsed = parse(PjmReport.DA_HRL_LMPS, "da_hrl_lmps_20240414_negative.json");

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(parsed.rejected()).isEmpty();
        List<PjmLmpRecord> records = records(parsed);
        assertThat(records).hasSize(2 * 4);
        assertThat(records).extracting(PjmLmpRecord::totalLmp).allSatisfy(total -> assertThat(total).isNegative());
        assertThat(find(records, COMED, "2024-04-14T16:00:00Z")).extracting(PjmLmpRecord::totalLmp, PjmLmpRecord::systemEnergyPrice, PjmLmpRecord::congestionPrice,
                PjmLmpRecord::marginalLossPrice).containsExactly(-34.7, -15.5, -18.4, -0.8);
        assertTotalIsSumOfComponents(records);
    }

    @Test
    void acceptsItemsInAnyOrder()
    {
        List<PjmLmpRecord> records = records(parse(PjmReport.DA_HRL_LMPS, "da_hrl_lmps_20240701.json"));
        List<Instant> pageOrder = records.stream().map(PjmLmpRecord::intervalStartUtc).toList();
        assertThat(pageOrder).as("the page is not in time order").isNotEqualTo(pageOrder.stream().sorted().toList());

        // the same items in reverse give the same records
        String text = text("da_hrl_lmps_20240701.json");
        List<String> lines = new ArrayList<>(text.lines().toList());
        List<String> items = new ArrayList<>(lines.subList(2, 2 + 48).stream().map(line -> line.endsWith(",") ? line.substring(0, line.length() - 1) : line).toList());
        java.util.Collections.reverse(items);
        String reversed = lines.get(0) + "\n" + lines.get(1) + "\n" + String.join(",\n", items) + "\n" + String.join("\n", lines.subList(50, lines.size()));
        List<PjmLmpRecord> again = records(PARSER.parse(payload(PjmReport.DA_HRL_LMPS, "reversed.json", reversed.getBytes(StandardCharsets.UTF_8))));
        assertThat(withoutItemNumbers(again)).containsExactlyInAnyOrderElementsOf(withoutItemNumbers(records));
    }

    @Test
    void parsesRealTimeHourly()
    {
        ParsedPayload normal = parse(PjmReport.RT_HRL_LMPS, "rt_hrl_lmps_20240701.json");
        ParsedPayload fall = parse(PjmReport.RT_HRL_LMPS, "rt_hrl_lmps_20241103_fall.json");

        assertThat(normal.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(normal.dataset()).isEqualTo("rt_hourly");
        assertThat(normal.rawTable()).isEqualTo(PjmTables.RAW_RT_HRL_LMPS);
        assertThat(normal.rejected()).isEmpty();
        assertThat(records(normal)).hasSize(48);
        assertThat(find(records(normal), WESTERN_HUB, "2024-07-01T14:00:00Z").totalLmp()).isEqualTo(31.85);
        assertThat(fall.rejected()).isEmpty();
        assertThat(starts(records(fall), WESTERN_HUB)).hasSize(25);
        assertTotalIsSumOfComponents(records(fall));
    }

    @Test
    void parsesFiveMinuteFallBackHourTwice()
    {
        ParsedPayload parsed = parse(PjmReport.RT_FIVEMIN_HRL_LMPS, "rt_fivemin_hrl_lmps_20241103_fall_01h.json");

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(parsed.dataset()).isEqualTo("rt_5min");
        assertThat(parsed.rejected()).isEmpty();
        List<PjmLmpRecord> records = records(parsed);
        assertThat(records).hasSize(2 * 24);
        // 24 five-minute starts from 05:00Z to 06:55Z; the EPT column shows only 12 distinct values, each twice
        assertThat(starts(records, COMED)).hasSize(24).first().isEqualTo(Instant.parse("2024-11-03T05:00:00Z"));
        Map<String, Long> eptCounts = records.stream().filter(record -> record.pnodeId() == COMED)
                .collect(Collectors.groupingBy(PjmLmpRecord::datetimeBeginningEpt, Collectors.counting()));
        assertThat(eptCounts).hasSize(12).allSatisfy((ept, count) -> assertThat(count).isEqualTo(2));
        assertThat(records).allSatisfy(record -> assertThat(record.intervalEndUtc()).isEqualTo(record.intervalStartUtc().plus(Duration.ofMinutes(5))));
    }

    @Test
    void parsesUnverifiedFiveMinuteAcrossTheSpringGap()
    {
        ParsedPayload parsed = parse(PjmReport.RT_UNVERIFIED_FIVEMIN_LMPS, "rt_unverified_fivemin_lmps_20240310_spring.json");

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(parsed.rawTable()).isEqualTo(PjmTables.RAW_RT_UNVERIFIED_FIVEMIN_LMPS);
        assertThat(parsed.rejected()).isEmpty();
        List<PjmLmpRecord> records = records(parsed);
        assertThat(records).hasSize(2 * 24);
        assertThat(records).allSatisfy(record -> {
            assertThat(record.isVerified()).isFalse();
            assertThat(record.systemEnergyPrice()).isNull();
            assertThat(record.congestionPrice()).isNotNull();
            assertThat(record.versionNbr()).isNull();
        });
        // 06:55Z is 01:55 EST, 07:00Z is 03:00 EDT: consecutive instants, no EPT 02:xx
        List<PjmLmpRecord> hub = records.stream().filter(record -> record.pnodeId() == WESTERN_HUB).sorted(java.util.Comparator.comparing(PjmLmpRecord::intervalStartUtc)).toList();
        assertThat(hub).extracting(PjmLmpRecord::datetimeBeginningEpt).contains("2024-03-10T01:55:00", "2024-03-10T03:00:00")
                .noneMatch(ept -> ept.startsWith("2024-03-10T02:"));
        assertThat(hub.get(11).intervalStartUtc()).isEqualTo(Instant.parse("2024-03-10T06:55:00Z"));
        assertThat(hub.get(12).intervalStartUtc()).isEqualTo(Instant.parse("2024-03-10T07:00:00Z"));
    }

    @Test
    void readsThreePagesOfOneRequest()
    {
        List<DataMinerPage> pages = new ArrayList<>();
        for (int page = 1; page <= 3; page++) {
            String name = "rt_fivemin_hrl_lmps_20240701_h10_page" + page + ".json";
            pages.add(PjmLmpParser.page(PjmReport.RT_FIVEMIN_HRL_LMPS, PayloadContent.of(resource(name)), name, PayloadLimits.DEFAULTS));
        }

        assertThat(pages).extracting(page -> page.parsed().outcome()).containsOnly(FetchOutcome.PARSED);
        assertThat(pages).extracting(page -> page.parsed().records().size()).containsExactly(25, 25, 10);
        assertThat(pages).extracting(DataMinerPage::totalRows).containsOnly(Optional.of(60L));
        assertThat(pages).extracting(DataMinerPage::startRow).containsExactly(Optional.of(1), Optional.of(26), Optional.of(51));
        assertThat(pages).extracting(DataMinerPage::rowCount).containsOnly(Optional.of(25));
        assertThat(pages).extracting(DataMinerPage::nextStartRow).containsExactly(Optional.of(26), Optional.of(51), Optional.empty());
        assertThat(pages.get(0).nextHref()).hasValueSatisfying(href -> assertThat(href).startsWith("https://api.pjm.com/api/v1/rt_fivemin_hrl_lmps?").contains("StartRow=26"));
        assertThat(pages.get(1).nextHref()).hasValueSatisfying(href -> assertThat(href).contains("StartRow=51"));
        assertThat(pages.get(2).nextHref()).isEmpty();
        assertThat(pages.get(0).fields()).isEqualTo(PjmReport.RT_FIVEMIN_HRL_LMPS.requestFields());
        // pages of one request are not revisions of each other
        assertThat(pages.stream().map(page -> page.parsed().contentKey().orElseThrow()).distinct()).hasSize(3);

        Set<String> keys = new HashSet<>();
        pages.forEach(page -> records(page.parsed()).forEach(record -> keys.add(record.pnodeId() + "@" + record.intervalStartUtc())));
        assertThat(keys).hasSize(5 * 12);
    }

    @Test
    void reportsNoData()
    {
        DataMinerPage page = PjmLmpParser.page(PjmReport.RT_HRL_LMPS, PayloadContent.of(resource("rt_hrl_lmps_no_data.json")), "rt_hrl_lmps_no_data.json",
                PayloadLimits.DEFAULTS);

        assertThat(page.parsed().outcome()).isEqualTo(FetchOutcome.NO_DATA);
        assertThat(page.parsed().records()).isEmpty();
        assertThat(page.parsed().rejected()).isEmpty();
        assertThat(page.parsed().detail()).contains("totalRows is 0: no data for the selection");
        assertThat(page.totalRows()).contains(0L);
        assertThat(page.nextStartRow()).isEmpty();

        ParsedPayload pastTheEnd = PARSER.parse(payload(PjmReport.RT_HRL_LMPS, "past.json",
                "{\"items\":[],\"searchSpecification\":{\"startRow\":101,\"rowCount\":100},\"totalRows\":60}".getBytes(StandardCharsets.UTF_8)));
        assertThat(pastTheEnd.outcome()).isEqualTo(FetchOutcome.NO_DATA);
        assertThat(pastTheEnd.detail()).contains("the page holds no items although totalRows is 60 (startRow 101): past the last page");
    }

    @Test
    void reportsTheOperatorsError()
    {
        ParsedPayload parsed = parse(PjmReport.DA_HRL_LMPS, "da_hrl_lmps_errors.json");

        assertThat(parsed).isEqualTo(ParsedPayload.operatorAnswer(FetchOutcome.OPERATOR_ERROR, "da_hourly", PjmTables.RAW_DA_HRL_LMPS, "Filters",
                "Filters: Date range in the API request spans over archived and standard data. Please update the request. Refer to API Guide for more information. "
                        + "[datetime_beginning_ept]"));
    }

    @Test
    void rejectsTruncatedPage()
    {
        byte[] whole = resource("da_hrl_lmps_20240701.json");
        String text = new String(whole, StandardCharsets.UTF_8);
        // in the middle of the fourth item, at the end of an item, and inside the envelope after the items
        int inFourthItem = nthIndexOf(text, "\"pnode_name\"", 4);
        int afterItem = nthIndexOf(text, "},\n", 10) + 2;
        int inSpecification = text.indexOf("\"fields\"");
        for (int cut : List.of(inFourthItem, afterItem, inSpecification)) {
            ParsedPayload parsed = PARSER.parse(payload(PjmReport.DA_HRL_LMPS, "cut.json", java.util.Arrays.copyOf(whole, cut)));
            assertThat(parsed.outcome()).as("cut at %d", cut).isEqualTo(FetchOutcome.REJECTED);
            assertThat(parsed.records()).isEmpty();
            assertThat(parsed.rejected()).containsExactly(RejectedRecord.wholePayload(parsed.detail().orElseThrow()));
        }
        assertThat(PARSER.parse(payload(PjmReport.DA_HRL_LMPS, "cut.json", java.util.Arrays.copyOf(whole, inFourthItem))).detail())
                .hasValueSatisfying(detail -> assertThat(detail)
                        .startsWith("Cannot parse PJM Data Miner page cut.json as da_hrl_lmps: it ends before the page is complete, at line 6")
                        .endsWith("(item 4); truncated?"));
        assertThat(PARSER.parse(payload(PjmReport.DA_HRL_LMPS, "cut.json", java.util.Arrays.copyOf(whole, afterItem))).detail())
                .hasValueSatisfying(detail -> assertThat(detail).contains("(item 11)").contains("truncated"));
    }

    @Test
    void rejectsMalformedJsonNamingWhere()
    {
        String text = text("da_hrl_lmps_20240701.json");
        int secondItem = nthIndexOf(text, "{\"datetime_beginning_utc\"", 2);
        String broken = text.substring(0, secondItem) + "{\"datetime_beginning_utc\" \"2024" + text.substring(secondItem + "{\"datetime_beginning_utc\":\"2024".length());

        ParsedPayload parsed = PARSER.parse(payload(PjmReport.DA_HRL_LMPS, "broken.json", broken.getBytes(StandardCharsets.UTF_8)));

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.REJECTED);
        assertThat(parsed.detail()).hasValueSatisfying(detail -> assertThat(detail)
                .startsWith("Cannot parse PJM Data Miner page broken.json as da_hrl_lmps: malformed JSON at line 4, column 27 (item 2): Unexpected character"));

        assertThat(rejection(PjmReport.DA_HRL_LMPS, "")).isEqualTo("Cannot parse PJM Data Miner page page.json as da_hrl_lmps: it is empty");
        assertThat(rejection(PjmReport.DA_HRL_LMPS, "[1,2]"))
                .isEqualTo("Cannot parse PJM Data Miner page page.json as da_hrl_lmps: it is not a Data Miner JSON page: it starts with an array at line 1, expected an object");
        assertThat(rejection(PjmReport.DA_HRL_LMPS, "{\"items\":[],\"totalRows\":0} {}"))
                .isEqualTo("Cannot parse PJM Data Miner page page.json as da_hrl_lmps: it goes on after the page's closing brace with an object at line 1");
        assertThat(rejection(PjmReport.DA_HRL_LMPS, "{\"items\":{},\"totalRows\":0}"))
                .isEqualTo("Cannot parse PJM Data Miner page page.json as da_hrl_lmps: items is an object at line 1, expected an array");
        assertThat(rejection(PjmReport.DA_HRL_LMPS, "{\"links\":[]}"))
                .isEqualTo("Cannot parse PJM Data Miner page page.json as da_hrl_lmps: it has neither items nor errors; not a Data Miner page");
        assertThat(rejection(PjmReport.DA_HRL_LMPS, "{\"items\":[{\"pnode_id\":1,\"pnode_id\":2}]}"))
                .startsWith("Cannot parse PJM Data Miner page page.json as da_hrl_lmps: malformed JSON at line 1, column 35 (item 1): Duplicate field 'pnode_id'");
    }

    @Test
    void rejectsPageWithoutARequiredColumn()
    {
        ParsedPayload parsed = parse(PjmReport.DA_HRL_LMPS, "da_hrl_lmps_missing_total.json");

        assertThat(parsed).isEqualTo(ParsedPayload.rejected("da_hourly", PjmTables.RAW_DA_HRL_LMPS,
                "Cannot parse PJM Data Miner page da_hrl_lmps_missing_total.json as da_hrl_lmps: field total_lmp_da missing in all 4 items"));

        // the request's own field list tells, even on a page without items
        assertThat(rejection(PjmReport.RT_HRL_LMPS, "{\"items\":[],\"searchSpecification\":{\"fields\":[\"datetime_beginning_utc\",\"total_lmp_rt\"]},\"totalRows\":0}"))
                .isEqualTo("Cannot parse PJM Data Miner page page.json as rt_hrl_lmps: the request asked for fields [datetime_beginning_utc, total_lmp_rt], "
                        + "without the required pnode_id");
    }

    @Test
    void rejectsPageOfAnotherReport()
    {
        ParsedPayload hourlyAsDayAhead = parse(PjmReport.DA_HRL_LMPS, "rt_hrl_lmps_20240701.json");
        assertThat(hourlyAsDayAhead.outcome()).isEqualTo(FetchOutcome.REJECTED);
        assertThat(hourlyAsDayAhead.detail()).hasValueSatisfying(detail -> assertThat(detail)
                .startsWith("Cannot parse PJM Data Miner page rt_hrl_lmps_20240701.json as da_hrl_lmps: it is a page of feed rt_hrl_lmps "
                        + "(its self link https://api.pjm.com/api/v1/rt_hrl_lmps?RowCount=50000"));

        // same fields, another feed: only the self link tells
        ParsedPayload fiveMinuteAsHourly = parse(PjmReport.RT_HRL_LMPS, "rt_fivemin_hrl_lmps_20240701_h10.json");
        assertThat(fiveMinuteAsHourly.outcome()).isEqualTo(FetchOutcome.REJECTED);
        assertThat(fiveMinuteAsHourly.detail()).hasValueSatisfying(detail -> assertThat(detail).contains("it is a page of feed rt_fivemin_hrl_lmps"));

        // a page saved without its envelope: the items tell
        assertThat(rejection(PjmReport.DA_HRL_LMPS, "{\"items\":[{\"datetime_beginning_utc\":\"2024-07-01T04:00:00\",\"pnode_id\":51288,\"total_lmp_rt\":25.1}],\"totalRows\":1}"))
                .isEqualTo("Cannot parse PJM Data Miner page page.json as da_hrl_lmps: it holds items of another feed: item 1 has total_lmp_rt, expected total_lmp_da");
    }

    @Test
    void rejectsBadItemsAloneAndKeepsTheOthers()
    {
        String page = """
                {"items":[
                {"datetime_beginning_utc":"2024-07-01T14:00:00","datetime_beginning_ept":"2024-07-01T10:00:00","pnode_id":51288,"total_lmp_rt":31.85},
                {"datetime_beginning_utc":"2024-07-01T14:05:00.000","pnode_id":"51288","total_lmp_rt":30.5,"row_is_current":"TRUE","version_nbr":2},
                {"datetime_beginning_utc":"2024-07-01T14:10:00","pnode_id":51288,"total_lmp_rt":null},
                {"datetime_beginning_utc":"2024-07-01T14:15:00","pnode_id":51288,"total_lmp_rt":"n/a"},
                {"datetime_beginning_utc":"07/01/2024 14:20","pnode_id":51288,"total_lmp_rt":30.1},
                {"datetime_beginning_utc":"2024-07-01T14:22:00","pnode_id":51288,"total_lmp_rt":30.1},
                {"datetime_beginning_utc":"2024-07-01T14:30:00","datetime_beginning_ept":"2024-07-01T14:30:00","pnode_id":51288,"total_lmp_rt":30.1},
                {"datetime_beginning_utc":"2024-07-01T14:35:00","pnode_id":-4,"total_lmp_rt":30.1},
                {"datetime_beginning_utc":"2024-07-01T14:40:00","pnode_id":51288,"total_lmp_rt":30.1,"version_nbr":1.5},
                {"datetime_beginning_utc":"2024-07-01T14:45:00","pnode_id":51288,"total_lmp_rt":30.1,"pnode_name":{"a":1}},
                "not an item",
                {"datetime_beginning_utc":"2024-07-01T14:55:00","pnode_id":51288,"total_lmp_rt":-1.5E2}
                ],"totalRows":12}
                """;

        ParsedPayload parsed = PARSER.parse(payload(PjmReport.RT_FIVEMIN_HRL_LMPS, "items.json", page.getBytes(StandardCharsets.UTF_8)));

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(parsed.detail()).contains("9 of 12 items rejected");
        assertThat(records(parsed)).extracting(PjmLmpRecord::itemNumber, PjmLmpRecord::totalLmp, PjmLmpRecord::rowIsCurrent, PjmLmpRecord::versionNbr)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, 31.85, null, null),
                        org.assertj.core.groups.Tuple.tuple(2, 30.5, true, 2),
                        org.assertj.core.groups.Tuple.tuple(12, -150.0, null, null));
        assertThat(parsed.rejected()).extracting(rejected -> rejected.lineNumber().orElseThrow(), RejectedRecord::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple(3, "total_lmp_rt is null"),
                org.assertj.core.groups.Tuple.tuple(4, "total_lmp_rt \"n/a\" is not a number"),
                org.assertj.core.groups.Tuple.tuple(5, "datetime_beginning_utc '07/01/2024 14:20' is not an ISO date-time"),
                org.assertj.core.groups.Tuple.tuple(6, "datetime_beginning_utc '2024-07-01T14:22:00' is not the start of a 5-minute interval"),
                org.assertj.core.groups.Tuple.tuple(7, "datetime_beginning_ept '2024-07-01T14:30:00' is not 2024-07-01T14:30:00Z on PJM's clock (2024-07-01T10:30)"),
                org.assertj.core.groups.Tuple.tuple(8, "pnode_id -4 is not a pnode id (a whole number)"),
                org.assertj.core.groups.Tuple.tuple(9, "version_nbr 1.5 is not a whole number"),
                org.assertj.core.groups.Tuple.tuple(10, "pnode_name is object, expected text"),
                org.assertj.core.groups.Tuple.tuple(11, "the item is string, expected an object"));
        RejectedRecord nullTotal = parsed.rejected().get(0);
        assertThat(nullTotal.record()).contains("{\"datetime_beginning_utc\":\"2024-07-01T14:10:00\",\"pnode_id\":51288,\"total_lmp_rt\":null}");
        assertThat(nullTotal.locationId()).contains("51288");
        assertThat(nullTotal.intervalStartUtc()).contains(Instant.parse("2024-07-01T14:10:00Z"));
        assertThat(nullTotal.operatingDate()).contains(LocalDate.of(2024, 7, 1));
    }

    @Test
    void respectsPayloadLimits()
    {
        byte[] bytes = resource("da_hrl_lmps_20240701.json");
        PjmLmpParser small = new PjmLmpParser(new PayloadLimits(1000, PayloadLimits.DEFAULTS.maxExpandedBytes(), PayloadLimits.DEFAULTS.maxExpansionRatio()));

        ParsedPayload parsed = small.parse(payload(PjmReport.DA_HRL_LMPS, "big.json", bytes));

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.REJECTED);
        assertThat(parsed.detail()).hasValueSatisfying(detail -> assertThat(detail)
                .startsWith("Cannot parse PJM Data Miner page big.json as da_hrl_lmps: it is ")
                .endsWith("(" + bytes.length + " bytes), larger than the limit of 1000 B (etl.raw.max-payload-bytes)"));
        assertThat(small.rejected(payload(PjmReport.DA_HRL_LMPS, "big.json", bytes), "too big"))
                .isEqualTo(ParsedPayload.rejected("da_hourly", PjmTables.RAW_DA_HRL_LMPS, "too big"));
    }

    @Test
    void failsClearlyOnAFileThatIsNotAPage()
    {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> PjmLmpParser.parseFile(PjmReport.DA_HRL_LMPS, PayloadContent.of("nope".getBytes(StandardCharsets.UTF_8)),
                        "nope.json", PayloadLimits.DEFAULTS))
                .isInstanceOf(io.energylakehouse.common.LakehouseException.class)
                .hasMessageStartingWith("Cannot parse PJM Data Miner page nope.json as da_hrl_lmps: malformed JSON at line 1, column 5: Unrecognized token 'nope'");
        assertThat(PjmLmpParser.parseFile(PjmReport.DA_HRL_LMPS, PayloadContent.of(resource("da_hrl_lmps_20240701.json")), "day.json", PayloadLimits.DEFAULTS)
                .parsed().records()).hasSize(48);
    }

    static ParsedPayload parse(PjmReport report, String resourceName)
    {
        return PARSER.parse(payload(report, resourceName, resource(resourceName)));
    }

    private static String rejection(PjmReport report, String page)
    {
        ParsedPayload parsed = PARSER.parse(payload(report, "page.json", page.getBytes(StandardCharsets.UTF_8)));
        assertThat(parsed.outcome()).as(page).isEqualTo(FetchOutcome.REJECTED);
        assertThat(parsed.rejected()).containsExactly(RejectedRecord.wholePayload(parsed.detail().orElseThrow()));
        return parsed.detail().orElseThrow();
    }

    static Payload payload(PjmReport report, String fileName, byte[] bytes)
    {
        return new Payload(PjmMarket.SOURCE, report.feed(), Payload.Origin.REPLAY, "", Optional.empty(), fileName, Instant.parse("2024-07-02T00:00:00Z"), 200, bytes);
    }

    static byte[] resource(String name)
    {
        try (InputStream input = TestPjmLmpParser.class.getResourceAsStream("/pjm/" + name)) {
            if (input == null) {
                throw new IllegalStateException("no test resource pjm/" + name);
            }
            return input.readAllBytes();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String text(String name)
    {
        return new String(resource(name), StandardCharsets.UTF_8);
    }

    static List<PjmLmpRecord> records(ParsedPayload parsed)
    {
        return parsed.records().stream().map(PjmLmpRecord.class::cast).toList();
    }

    private static PjmLmpRecord find(List<PjmLmpRecord> records, long pnodeId, String start)
    {
        return records.stream().filter(record -> record.pnodeId() == pnodeId && record.intervalStartUtc().equals(Instant.parse(start))).findFirst().orElseThrow();
    }

    private static List<Instant> starts(List<PjmLmpRecord> records, long pnodeId)
    {
        return new ArrayList<>(records.stream().filter(record -> record.pnodeId() == pnodeId).map(PjmLmpRecord::intervalStartUtc)
                .collect(Collectors.toCollection(TreeSet::new)));
    }

    private static List<PjmLmpRecord> withoutItemNumbers(List<PjmLmpRecord> records)
    {
        return records.stream().map(record -> new PjmLmpRecord(record.report(), 0, record.intervalStartUtc(), record.datetimeBeginningEpt(), record.pnodeId(),
                record.pnodeName(), record.pnodeType(), record.zone(), record.voltage(), record.equipment(), record.totalLmp(), record.systemEnergyPrice(),
                record.congestionPrice(), record.marginalLossPrice(), record.rowIsCurrent(), record.versionNbr(), record.occCheck(), record.refCaseIdUsedMultiInterval()))
                .toList();
    }

    private static void assertTotalIsSumOfComponents(List<PjmLmpRecord> records)
    {
        assertThat(records).allSatisfy(record -> assertThat(record.systemEnergyPrice() + record.congestionPrice() + record.marginalLossPrice())
                .isCloseTo(record.totalLmp(), within(1e-9)));
    }

    private static int nthIndexOf(String text, String part, int n)
    {
        int index = -1;
        for (int i = 0; i < n; i++) {
            index = text.indexOf(part, index + 1);
        }
        return index;
    }
}
