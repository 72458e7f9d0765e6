package io.energylakehouse.etl.source.ercot;

import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.etl.raw.FetchOutcome;
import io.energylakehouse.etl.raw.ParsedPayload;
import io.energylakehouse.etl.raw.PayloadContent;
import io.energylakehouse.etl.raw.PayloadLimits;
import io.energylakehouse.etl.raw.RejectedRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static io.energylakehouse.etl.source.ercot.ErcotTestFiles.DAM_MEMBER;
import static io.energylakehouse.etl.source.ercot.ErcotTestFiles.parse;
import static io.energylakehouse.etl.source.ercot.ErcotTestFiles.records;
import static io.energylakehouse.etl.source.ercot.ErcotTestFiles.resource;
import static io.energylakehouse.etl.source.ercot.ErcotTestFiles.zip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The settlement point price parser on hand-written files in ERCOT's formats (src/test/resources/ercot): MIS CSV,
 * wrapped at test time in the zip MIS sends, and public API pages.
 */
class TestErcotSppParser
{
    private static final ErcotReport DAM = ErcotReport.DAM_SPP;
    private static final ErcotReport RT = ErcotReport.RT_SPP;

    // DAM, NP4-190-CD

    @Test
    void parsesNormalDamDayFromMisZip()
    {
        ParsedPayload parsed = parse(DAM, "cdr.00012331.0000000000000000.20240630.133007215.DAMSPNP4190_csv.zip",
                zip(DAM_MEMBER, resource("dam_spp_20240701.csv")));

        assertThat(parsed).isEqualTo(new ParsedPayload(
                FetchOutcome.PARSED,
                "da_hourly",
                ErcotTables.RAW_DAM_SPP,
                parsed.records(),
                List.of(),
                Optional.empty(),
                Optional.empty(),
                // midnight CDT is 05:00Z
                Optional.of("NP4-190-CD|2024-07-01T05:00:00Z|2024-07-02T05:00:00Z"),
                // 2024-06-30 13:30:07 in the member name, Central daylight time (UTC-5)
                Optional.of(Instant.parse("2024-06-30T18:30:07Z")),
                Set.of(LocalDate.of(2024, 7, 1))));
        List<ErcotSppRecord> records = records(parsed);
        assertThat(records).hasSize(24 * 3);
        assertThat(records.get(0)).isEqualTo(new ErcotSppRecord(DAM, 2, Instant.parse("2024-07-01T05:00:00Z"), Instant.parse("2024-07-01T06:00:00Z"),
                LocalDate.of(2024, 7, 1), 1, null, "HB_HOUSTON", null, 22.95, false));
        // "24:00" is the last hour of the delivery date: 23:00..24:00 CDT
        ErcotSppRecord last = records.get(records.size() - 1);
        assertThat(last.hour()).isEqualTo(24);
        assertThat(last.intervalStartUtc()).isEqualTo(Instant.parse("2024-07-02T04:00:00Z"));
        assertThat(last.intervalEndUtc()).isEqualTo(Instant.parse("2024-07-02T05:00:00Z"));
        assertThat(records).allSatisfy(record -> {
            assertThat(Duration.between(record.intervalStartUtc(), record.intervalEndUtc())).isEqualTo(Duration.ofHours(1));
            assertThat(ErcotMarket.TIME.hourEnding(record.intervalStartUtc())).isEqualTo(record.hour());
        });
        assertThat(distinctStarts(records)).isEqualTo(new TreeSet<>(ErcotMarket.TIME.intervalStarts(LocalDate.of(2024, 7, 1), 60)));
    }

    @Test
    void parsesSpringForwardDayWith23Hours()
    {
        ParsedPayload parsed = parse(DAM, "dam_spp_20240310_spring.csv", resource("dam_spp_20240310_spring.csv"));

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(parsed.rejected()).isEmpty();
        assertThat(parsed.records()).hasSize(23 * 2);
        // a bare CSV whose name is not MIS's says nothing about its posting
        assertThat(parsed.publishedAtUtc()).isEmpty();
        // midnight CST is 06:00Z; the day ends at midnight CDT, 05:00Z
        assertThat(parsed.contentKey()).contains("NP4-190-CD|2024-03-10T06:00:00Z|2024-03-11T05:00:00Z");
        List<ErcotSppRecord> records = records(parsed);
        assertThat(distinctStarts(records)).isEqualTo(new TreeSet<>(ErcotMarket.TIME.intervalStarts(LocalDate.of(2024, 3, 10), 60)));
        // HE 02:00 starts at 01:00 CST (07:00Z); the next label, 04:00, starts at 03:00 CDT (08:00Z)
        assertThat(startOf(records, "HB_NORTH", 2)).isEqualTo(Instant.parse("2024-03-10T07:00:00Z"));
        assertThat(startOf(records, "HB_NORTH", 4)).isEqualTo(Instant.parse("2024-03-10T08:00:00Z"));
    }

    @Test
    void rejectsTheHourTheClockSkips()
    {
        String text = "DeliveryDate,HourEnding,SettlementPoint,SettlementPointPrice,DSTFlag\n03/10/2024,02:00,HB_NORTH,20,N\n03/10/2024,03:00,HB_NORTH,21,N\n";
        ParsedPayload parsed = parse(DAM, "spring.csv", text.getBytes(StandardCharsets.UTF_8));

        assertThat(parsed.records()).hasSize(1);
        assertThat(parsed.rejected()).containsExactly(new RejectedRecord(Optional.of(3), Optional.of("03/10/2024,03:00,HB_NORTH,21,N"),
                "HourEnding 03:00 of 2024-03-10 does not exist in Central time: the clocks spring forward from 02:00 to 03:00", Optional.of("HB_NORTH"),
                Optional.empty(), Optional.of(LocalDate.of(2024, 3, 10))));
    }

    @Test
    void parsesFallBackDayWithDstFlagOnTheRepeatedHour()
    {
        ParsedPayload parsed = parse(DAM, "dam_spp_20241103_fall.csv", resource("dam_spp_20241103_fall.csv"));

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(parsed.rejected()).isEmpty();
        assertThat(parsed.records()).hasSize(25 * 2);
        assertThat(parsed.contentKey()).contains("NP4-190-CD|2024-11-03T05:00:00Z|2024-11-04T06:00:00Z");
        List<ErcotSppRecord> records = records(parsed);
        assertThat(distinctStarts(records)).isEqualTo(new TreeSet<>(ErcotMarket.TIME.intervalStarts(LocalDate.of(2024, 11, 3), 60)));
        // HE 02:00 twice: N is 01:00 CDT (06:00Z), Y is the second 01:00, in CST (07:00Z)
        List<ErcotSppRecord> repeated = records.stream().filter(record -> record.settlementPoint().equals("HB_NORTH") && record.hour() == 2).toList();
        assertThat(repeated).extracting(ErcotSppRecord::dstFlag, ErcotSppRecord::intervalStartUtc).containsExactly(
                org.assertj.core.groups.Tuple.tuple(false, Instant.parse("2024-11-03T06:00:00Z")),
                org.assertj.core.groups.Tuple.tuple(true, Instant.parse("2024-11-03T07:00:00Z")));
        assertThat(startOf(records, "HB_NORTH", 3)).isEqualTo(Instant.parse("2024-11-03T08:00:00Z"));
        assertThat(startOf(records, "HB_NORTH", 24)).isEqualTo(Instant.parse("2024-11-04T05:00:00Z"));
    }

    @Test
    void parsesFallBackDayNumberedTo25()
    {
        ParsedPayload parsed = parse(DAM, "dam_spp_20241103_fall_he25.csv", resource("dam_spp_20241103_fall_he25.csv"));

        assertThat(parsed.rejected()).isEmpty();
        List<ErcotSppRecord> records = records(parsed);
        assertThat(records).hasSize(25);
        assertThat(records).allSatisfy(record -> assertThat(record.dstFlag()).isNull());
        // hours counted from midnight: hour 3 is the second 01:00 (CST), hour 25 the day's last, 23:00 CST, priced -10 as in gridstatus#473
        assertThat(records).extracting(ErcotSppRecord::intervalStartUtc).containsExactlyElementsOf(ErcotMarket.TIME.intervalStarts(LocalDate.of(2024, 11, 3), 60));
        assertThat(startOf(records, "HB_NORTH", 3)).isEqualTo(Instant.parse("2024-11-03T07:00:00Z"));
        assertThat(records.get(24).hour()).isEqualTo(25);
        assertThat(records.get(24).intervalStartUtc()).isEqualTo(Instant.parse("2024-11-04T05:00:00Z"));
        assertThat(records.get(24).settlementPointPrice()).isEqualTo(-10.0);
        assertThat(records).allSatisfy(record -> assertThat(ErcotMarket.TIME.hourEnding(record.intervalStartUtc())).isEqualTo(record.hour()));
    }

    @Test
    void rejectsFlagsThatDoNotFitTheDay()
    {
        String text = """
                DeliveryDate,HourEnding,SettlementPoint,SettlementPointPrice,DSTFlag
                11/03/2024,02:00,HB_NORTH,20,
                11/03/2024,03:00,HB_NORTH,21,Y
                07/01/2024,25:00,HB_NORTH,22,N
                07/01/2024,05:00,HB_NORTH,23,maybe
                07/01/2024,00:00,HB_NORTH,24,N
                """;
        ParsedPayload parsed = parse(DAM, "flags.csv", text.getBytes(StandardCharsets.UTF_8));

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(parsed.records()).isEmpty();
        assertThat(parsed.rejected()).extracting(rejected -> rejected.lineNumber().orElseThrow(), RejectedRecord::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple(2, "HourEnding 02:00 of 2024-11-03 is the repeated hour of the fall-back day and the row has no DSTFlag to tell which"),
                // the trap of gridstatus#694: the flag on the hour after the repeated one
                org.assertj.core.groups.Tuple.tuple(3, "DSTFlag Y on HourEnding 03:00 of 2024-11-03, which is not the repeated hour of a fall-back day"),
                org.assertj.core.groups.Tuple.tuple(4, "hour 25 on 2024-07-01, a day of 24 hours (only a fall-back day has a 25th)"),
                org.assertj.core.groups.Tuple.tuple(5, "DSTFlag 'maybe' is not Y or N"),
                org.assertj.core.groups.Tuple.tuple(6, "HourEnding '00:00' is outside 1..24 (25 on a fall-back day)"));
    }

    @Test
    void keepsNegativePricesAndRejectsOnlyTheBadLine()
    {
        ParsedPayload parsed = parse(DAM, "dam_spp_negative.csv", resource("dam_spp_negative.csv"));

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(detail(parsed)).contains("1 lines rejected");
        assertThat(parsed.rejected()).containsExactly(RejectedRecord.line(5, "04/14/2024,13:00,HB_PAN,n/a,N", "SettlementPointPrice 'n/a' is not a number"));
        assertThat(records(parsed)).extracting(ErcotSppRecord::settlementPoint, ErcotSppRecord::settlementPointPrice).containsExactly(
                org.assertj.core.groups.Tuple.tuple("HB_WEST", -3.07),
                org.assertj.core.groups.Tuple.tuple("HB_WEST", -12.5),
                org.assertj.core.groups.Tuple.tuple("HB_WEST", -21.48),
                org.assertj.core.groups.Tuple.tuple("HB_WEST", -0.01),
                org.assertj.core.groups.Tuple.tuple("LZ_WEST", 0.0));
    }

    @Test
    void acceptsRowsInAnyOrder()
    {
        List<String> lines = new String(resource("dam_spp_20240701.csv"), StandardCharsets.UTF_8).lines().toList();
        List<String> shuffled = new ArrayList<>(lines.subList(1, lines.size()));
        java.util.Collections.shuffle(shuffled, new java.util.Random(3));
        String text = lines.get(0) + "\n" + String.join("\n", shuffled) + "\n";

        ParsedPayload ordered = parse(DAM, "ordered.csv", resource("dam_spp_20240701.csv"));
        ParsedPayload unordered = parse(DAM, "unordered.csv", text.getBytes(StandardCharsets.UTF_8));

        assertThat(unordered.rejected()).isEmpty();
        assertThat(unordered.contentKey()).isEqualTo(ordered.contentKey());
        assertThat(keys(records(unordered))).isEqualTo(keys(records(ordered)));
    }

    @Test
    void apiPagesGiveTheSameRowsAsTheMisFile()
    {
        List<String> fromPages = new ArrayList<>();
        List<String> contentKeys = new ArrayList<>();
        for (int page = 1; page <= 3; page++) {
            ParsedPayload parsed = parse(DAM, "dam_stlmnt_pnt_prices_page" + page + ".json", resource("dam_spp_api_20240701_page" + page + ".json"));
            assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
            assertThat(parsed.rejected()).isEmpty();
            assertThat(parsed.records()).hasSize(24);
            // an API page says nothing about when ERCOT posted the prices: the landing uses the fetch time
            assertThat(parsed.publishedAtUtc()).isEmpty();
            assertThat(records(parsed)).extracting(ErcotSppRecord::lineNumber).containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 24).boxed().toList());
            fromPages.addAll(keys(records(parsed)));
            contentKeys.add(parsed.contentKey().orElseThrow());
        }
        // the pages of one request are not revisions of each other
        assertThat(contentKeys).containsExactly(
                "NP4-190-CD|2024-07-01T05:00:00Z|2024-07-01T13:00:00Z|page 1 of 3",
                "NP4-190-CD|2024-07-01T13:00:00Z|2024-07-01T21:00:00Z|page 2 of 3",
                "NP4-190-CD|2024-07-02T21:00:00Z|2024-07-02T05:00:00Z|page 3 of 3".replace("2024-07-02T21", "2024-07-01T21"));
        List<String> fromMis = keys(records(parse(DAM, "dam.zip", zip(DAM_MEMBER, resource("dam_spp_20240701.csv")))));
        assertThat(fromPages).containsExactlyInAnyOrderElementsOf(fromMis);
    }

    @Test
    void apiPageWithoutRecordsIsNoData()
    {
        ParsedPayload parsed = parse(DAM, "no_data.json", resource("dam_spp_api_no_data.json"));

        assertThat(parsed).isEqualTo(new ParsedPayload(FetchOutcome.NO_DATA, "da_hourly", ErcotTables.RAW_DAM_SPP, List.of(), List.of(), Optional.empty(),
                Optional.of("the API answered totalRecords 0: no data for the selection"), Optional.empty(), Optional.empty(), Set.of()));
        // a page beyond the last one
        String beyond = "{\"_meta\":{\"totalRecords\":72,\"totalPages\":3,\"currentPage\":4},\"fields\":[{\"name\":\"deliveryDate\"},{\"name\":\"hourEnding\"},"
                + "{\"name\":\"settlementPoint\"},{\"name\":\"settlementPointPrice\"},{\"name\":\"DSTFlag\"}],\"data\":[]}";
        assertThat(detail(parse(DAM, "beyond.json", beyond.getBytes(StandardCharsets.UTF_8)))).contains("the API page holds no rows (page 4 of 3)");
        // a MIS file with a header and nothing else
        assertThat(parse(DAM, "empty.csv", "DeliveryDate,HourEnding,SettlementPoint,SettlementPointPrice,DSTFlag\r\n".getBytes(StandardCharsets.UTF_8)).outcome())
                .isEqualTo(FetchOutcome.NO_DATA);
    }

    @Test
    void apiErrorIsAnOperatorError()
    {
        String answer = "{\"statusCode\": 401, \"message\": \"Access denied due to invalid subscription key.\"}";
        ParsedPayload parsed = parse(DAM, "error.json", answer.getBytes(StandardCharsets.UTF_8));

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.OPERATOR_ERROR);
        assertThat(parsed.operatorErrorCode()).contains("401");
        assertThat(detail(parsed)).contains("Access denied due to invalid subscription key.");
    }

    @Test
    void rejectsTruncatedZip()
    {
        byte[] whole = zip(DAM_MEMBER, resource("dam_spp_20240701.csv"));
        ParsedPayload parsed = parse(DAM, "cut.zip", Arrays.copyOf(whole, whole.length * 2 / 3));

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.REJECTED);
        assertThat(parsed.records()).isEmpty();
        assertThat(parsed.detail()).hasValueSatisfying(detail -> assertThat(detail)
                .startsWith("Cannot parse ERCOT file cut.zip: not a readable zip")
                .contains("cut short"));
        assertThat(parsed.rejected()).containsExactly(RejectedRecord.wholePayload(parsed.detail().orElseThrow()));
    }

    @Test
    void rejectsTruncatedApiPage()
    {
        byte[] whole = resource("dam_spp_api_20240701_page1.json");
        ParsedPayload parsed = parse(DAM, "page1.json", Arrays.copyOf(whole, whole.length - 40));

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.REJECTED);
        assertThat(parsed.detail()).hasValueSatisfying(detail -> assertThat(detail).startsWith("Cannot parse ERCOT file page1.json: not readable JSON (")
                .contains("at line 1, column"));
    }

    @Test
    void rejectsMissingColumnNamingIt()
    {
        ParsedPayload parsed = parse(DAM, "dam_spp_missing_price.csv", resource("dam_spp_missing_price.csv"));

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.REJECTED);
        assertThat(detail(parsed)).contains("Cannot parse ERCOT file dam_spp_missing_price.csv as NP4-190-CD: column SettlementPointPrice missing in header "
                + "[DeliveryDate, HourEnding, SettlementPoint, DSTFlag] (member dam_spp_missing_price.csv, line 1)");
    }

    @Test
    void rejectsZipOfAnotherReport()
    {
        byte[] member = resource("as_disclosure_2d_agg_as_offers_regup.csv");
        ParsedPayload parsed = parse(DAM, "np3-911-er_1049861718.zip",
                zip("2d_Agg_AS_Offers_REGUP-05-NOV-24.csv", member, "2d_Agg_AS_Offers_REGDN-05-NOV-24.csv", member));

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.REJECTED);
        assertThat(detail(parsed)).contains("Cannot parse ERCOT file np3-911-er_1049861718.zip: not NP4-190: member 2d_Agg_AS_Offers_REGUP-05-NOV-24.csv is "
                + "NP3-911-ER (2-Day Ancillary Services Reports), expected NP4-190-CD (DAM settlement point prices)");

        // a real-time document given as DAM: its MIS name says so
        ParsedPayload realTime = parse(DAM, "rt.zip", zip("cdr.00012301.0000000000000000.20240701.094602.SPPHLZNP6905_20240701_0945.csv",
                resource("rt_spp_20240701_h10.csv")));
        assertThat(detail(realTime)).contains("not NP4-190: member cdr.00012301.0000000000000000.20240701.094602.SPPHLZNP6905_20240701_0945.csv is "
                + "NP6-905-CD (real-time settlement point prices)");
        // and a real-time CSV whose name says nothing: its header does
        assertThat(parse(DAM, "prices.csv", resource("rt_spp_20240701_h10.csv")).detail()).hasValueSatisfying(detail -> assertThat(detail)
                .startsWith("Cannot parse ERCOT file prices.csv: not NP4-190: its header [DeliveryDate, DeliveryHour, DeliveryInterval,"));
        // an API page of another report
        String page = new String(resource("rt_spp_api_20241103_fall.json"), StandardCharsets.UTF_8);
        assertThat(parse(DAM, "page.json", page.getBytes(StandardCharsets.UTF_8)).detail())
                .contains("Cannot parse ERCOT file page.json: not NP4-190: the API page is of report NP6-905-CD (real-time settlement point prices), "
                        + "expected NP4-190-CD (DAM settlement point prices)");
    }

    @Test
    void rejectsWhatIsNoErcotFile()
    {
        assertThat(detail(parse(DAM, "empty.csv", new byte[0]))).contains("Cannot parse ERCOT file empty.csv: the file is empty");
        assertThat(detail(parse(DAM, "binary.bin", new byte[] {1, 0, 2, 0}))).contains("neither a zip, a CSV text file nor an API JSON page");
        assertThat(detail(parse(DAM, "listing.json", "{\"_meta\":{\"totalRecords\":1},\"product\":{\"emilId\":\"NP4-190-CD\"},\"archives\":[]}"
                .getBytes(StandardCharsets.UTF_8)))).contains("an archive listing (archives[]), not a page of NP4-190-CD data");
        assertThat(detail(parse(DAM, "empty.zip", zip("readme.txt", new byte[] {'x'})))).contains("zip member 'readme.txt' is neither CSV nor JSON");
    }

    @Test
    void respectsPayloadLimits()
    {
        byte[] zipped = zip(DAM_MEMBER, resource("dam_spp_20240701.csv"));
        ParsedPayload tooLarge = ErcotSppParser.parse(DAM, PayloadContent.of(zipped), "big.zip", new PayloadLimits(100, 1 << 20, 200));
        assertThat(tooLarge.detail()).hasValueSatisfying(detail -> assertThat(detail).startsWith("Cannot parse ERCOT file big.zip: it is ")
                .contains("etl.raw.max-payload-bytes"));

        ParsedPayload expands = ErcotSppParser.parse(DAM, PayloadContent.of(zipped), "bomb.zip", new PayloadLimits(1 << 20, 1000, 200));
        assertThat(expands.detail()).hasValueSatisfying(detail -> assertThat(detail).startsWith("Cannot parse ERCOT file bomb.zip: its members expand to more than"));

        assertThatThrownBy(() -> ErcotSppParser.parseFile(DAM, PayloadContent.of(zipped), "big.zip", new PayloadLimits(100, 1 << 20, 200)))
                .isInstanceOf(LakehouseException.class)
                .hasMessageStartingWith("Cannot parse ERCOT file big.zip: it is ");
    }

    @Test
    void mapsColumnSpellingsWithoutCase()
    {
        String text = "\uFEFF\"Delivery Date\",\"HOUR_ENDING\",\"Settlement Point\",\"settlementpointprice\",\"Repeated Hour Flag    \"\r\n"
                + "\"07/01/2024\",\"1:00\",\"HB_NORTH\",\"  22.1\",\"N\"\r\n";
        ParsedPayload parsed = parse(DAM, "old.csv", text.getBytes(StandardCharsets.UTF_8));

        assertThat(parsed.rejected()).isEmpty();
        assertThat(records(parsed)).containsExactly(new ErcotSppRecord(DAM, 2, Instant.parse("2024-07-01T05:00:00Z"), Instant.parse("2024-07-01T06:00:00Z"),
                LocalDate.of(2024, 7, 1), 1, null, "HB_NORTH", null, 22.1, false));
    }

    // RT, NP6-905-CD

    @Test
    void parsesRealTimeQuarterHoursInAnyOrder()
    {
        ParsedPayload parsed = parse(RT, "cdr.00012301.0000000000000000.20240701.100102.SPPHLZNP6905_20240701_1000_csv.zip",
                zip("cdr.00012301.0000000000000000.20240701.100102.SPPHLZNP6905_20240701_1000.csv", resource("rt_spp_20240701_h10.csv")));

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(parsed.dataset()).isEqualTo("rt_15min");
        assertThat(parsed.rawTable()).isEqualTo(ErcotTables.RAW_RT_SPP);
        assertThat(parsed.rejected()).isEmpty();
        assertThat(parsed.publishedAtUtc()).contains(Instant.parse("2024-07-01T15:01:02Z"));
        // DeliveryHour 10 is 09:00..10:00 CDT, 14:00Z..15:00Z
        assertThat(parsed.contentKey()).contains("NP6-905-CD|2024-07-01T14:00:00Z|2024-07-01T15:00:00Z");
        List<ErcotSppRecord> records = records(parsed);
        assertThat(records).hasSize(16);
        assertThat(records).allSatisfy(record -> {
            assertThat(record.intervalStartUtc()).isEqualTo(Instant.parse("2024-07-01T14:00:00Z").plus(Duration.ofMinutes(15L * (record.deliveryInterval() - 1))));
            assertThat(Duration.between(record.intervalStartUtc(), record.intervalEndUtc())).isEqualTo(Duration.ofMinutes(15));
        });
        assertThat(records).extracting(ErcotSppRecord::settlementPointType).containsOnly("HU", "LZ", "LZEW", "RN");
        assertThat(records.stream().filter(record -> record.settlementPoint().equals("SYN_NORTH_001_RN")).map(ErcotSppRecord::settlementPointPrice))
                .allSatisfy(price -> assertThat(price).isNegative());
    }

    @Test
    void parsesRealTimeFallBackDayFromMisAndApiAlike()
    {
        ParsedPayload mis = parse(RT, "rt_spp_20241103_fall.csv", resource("rt_spp_20241103_fall.csv"));
        ParsedPayload api = parse(RT, "spp_node_zone_hub.json", resource("rt_spp_api_20241103_fall.json"));

        assertThat(mis.rejected()).isEmpty();
        assertThat(api.rejected()).isEmpty();
        assertThat(keys(records(api))).isEqualTo(keys(records(mis)));
        assertThat(records(api)).extracting(ErcotSppRecord::dstFlag).isEqualTo(records(mis).stream().map(ErcotSppRecord::dstFlag).toList());
        List<Instant> starts = records(mis).stream().map(ErcotSppRecord::intervalStartUtc).toList();
        // hours 1, 2 (N), 2 (Y), 3: sixteen quarter hours in a row from midnight CDT (05:00Z)
        assertThat(starts).containsExactlyElementsOf(java.util.stream.IntStream.range(0, 16)
                .mapToObj(quarter -> Instant.parse("2024-11-03T05:00:00Z").plus(Duration.ofMinutes(15L * quarter))).toList());
    }

    @Test
    void parsesRealTimeFallBackDayNumberedTo25()
    {
        ParsedPayload parsed = parse(RT, "rt_spp_20241103_fall_h25.csv", resource("rt_spp_20241103_fall_h25.csv"));

        assertThat(parsed.rejected()).isEmpty();
        assertThat(records(parsed)).extracting(ErcotSppRecord::intervalStartUtc)
                .containsExactlyElementsOf(ErcotMarket.TIME.intervalStarts(LocalDate.of(2024, 11, 3), 60));
    }

    @Test
    void rejectsRealTimeHourTheClockSkips()
    {
        ParsedPayload parsed = parse(RT, "rt_spp_20240310_spring.csv", resource("rt_spp_20240310_spring.csv"));

        assertThat(parsed.records()).hasSize(8);
        assertThat(parsed.rejected()).extracting(RejectedRecord::reason)
                .containsExactly("DeliveryHour 3 interval 1 of 2024-03-10 does not exist in Central time: the clocks spring forward from 02:00 to 03:00");
        // hour 2 interval 4 is 01:45 CST (07:45Z); hour 4 interval 1 is 03:00 CDT (08:00Z)
        assertThat(records(parsed)).extracting(ErcotSppRecord::intervalStartUtc).contains(Instant.parse("2024-03-10T07:45:00Z"), Instant.parse("2024-03-10T08:00:00Z"));
    }

    @Test
    void rejectsRealTimeLinesAlone()
    {
        String text = """
                DeliveryDate,DeliveryHour,DeliveryInterval,SettlementPointName,SettlementPointType,SettlementPointPrice,DSTFlag
                07/01/2024,10,5,HB_NORTH,HU,20,N
                07/01/2024,10,1,HB_NORTH,XX,20,N
                07/01/2024,10,1,,HU,20,N
                07/01/2024,10,1,HB_NORTH,HU,20
                2024-13-01,10,1,HB_NORTH,HU,20,N
                07/01/2024,10,1,HB_NORTH,HU,20,N
                """;
        ParsedPayload parsed = parse(RT, "bad.csv", text.getBytes(StandardCharsets.UTF_8));

        assertThat(parsed.records()).hasSize(1);
        assertThat(parsed.rejected()).extracting(RejectedRecord::reason).containsExactly(
                "DeliveryInterval '5' is outside 1..4",
                "unknown SettlementPointType 'XX' (known: AH, HU, LCCRN, LZ, LZEW, LZ_DC, LZ_DCEW, PCCRN, PUN, RN, SH)",
                "SettlementPoint is empty",
                "expected 7 fields as in the header, found 6",
                "DeliveryDate '2024-13-01' is not a date (MM/DD/YYYY or YYYY-MM-DD)");
    }

    @Test
    void rejectsDamFileGivenAsRealTime()
    {
        ParsedPayload parsed = parse(RT, "dam.csv", resource("dam_spp_20240701.csv"));

        assertThat(detail(parsed)).contains("Cannot parse ERCOT file dam.csv as NP6-905-CD: column DeliveryInterval missing in header "
                + "[DeliveryDate, HourEnding, SettlementPoint, SettlementPointPrice, DSTFlag] (member dam.csv, line 1)");
    }

    @Test
    void knowsTheReportsByEveryName()
    {
        assertThat(ErcotReport.fromName("dam_spp")).isEqualTo(DAM);
        assertThat(ErcotReport.fromName("NP4-190-CD")).isEqualTo(DAM);
        assertThat(ErcotReport.fromName("np6-905")).isEqualTo(RT);
        assertThatThrownBy(() -> ErcotReport.fromName("np6-788-cd"))
                .hasMessage("Cannot use ERCOT report 'np6-788-cd': known reports are dam_spp (NP4-190-CD) and rt_spp (NP6-905-CD)");
        assertThat(ErcotTables.RAW_DAM_SPP.columnNames()).startsWith("fetch_id", "landing_id").contains("hour_ending", "dst_flag")
                .doesNotContain("settlement_point_type");
        assertThat(ErcotTables.RAW_RT_SPP.columnNames()).startsWith("fetch_id", "landing_id")
                .contains("delivery_hour", "delivery_interval", "settlement_point_type", "dst_flag");
    }

    private static String detail(ParsedPayload parsed)
    {
        return parsed.detail().orElse("");
    }

    private static Set<Instant> distinctStarts(List<ErcotSppRecord> records)
    {
        return records.stream().map(ErcotSppRecord::intervalStartUtc).collect(Collectors.toCollection(TreeSet::new));
    }

    private static Instant startOf(List<ErcotSppRecord> records, String point, int hour)
    {
        return records.stream().filter(record -> record.settlementPoint().equals(point) && record.hour() == hour).map(ErcotSppRecord::intervalStartUtc)
                .findFirst().orElseThrow();
    }

    /** What a record means, whatever its line: point, type, interval, price. */
    private static List<String> keys(List<ErcotSppRecord> records)
    {
        return records.stream().map(record -> record.settlementPoint() + "|" + record.settlementPointType() + "|" + record.intervalStartUtc() + "|"
                + record.intervalEndUtc() + "|" + record.settlementPointPrice()).sorted().toList();
    }
}
