package io.energylakehouse.etl.source.caiso;

import io.energylakehouse.common.ErrorCode;
import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.etl.raw.FetchOutcome;
import io.energylakehouse.etl.raw.ParsedPayload;
import io.energylakehouse.etl.raw.Payload;
import io.energylakehouse.etl.raw.RejectedRecord;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The OASIS price parser on hand-written files in OASIS's real layout (src/test/resources/caiso), wrapped at
 * test time into OASIS's zip the way SingleZip sends them.
 */
class TestOasisLmpParser
{
    private static final OasisLmpParser PARSER = new OasisLmpParser();
    private static final String NP15 = "TH_NP15_GEN-APND";
    private static final String PGAE = "DLAP_PGAE-APND";
    private static final String DAY_MEMBER = "20240701_20240701_PRC_LMP_DAM_20240630_13_05_12_v12.csv";
    private static final String HEADER = "INTERVALSTARTTIME_GMT,INTERVALENDTIME_GMT,OPR_DT,OPR_HR,OPR_INTERVAL,NODE_ID_XML,NODE_ID,NODE,"
            + "MARKET_RUN_ID,LMP_TYPE,XML_DATA_ITEM,PNODE_RESMRID,GRP_TYPE,POS,MW,GROUP";
    private static final String HEADER_NAMES = "[INTERVALSTARTTIME_GMT, INTERVALENDTIME_GMT, OPR_DT, OPR_HR, OPR_INTERVAL, NODE_ID_XML, NODE_ID, NODE, "
            + "MARKET_RUN_ID, LMP_TYPE, XML_DATA_ITEM, PNODE_RESMRID, GRP_TYPE, POS, MW, GROUP]";
    private static final List<String> LMP_TYPES = List.of("LMP", "MCE", "MCC", "MCL", "MGHG");

    @Test
    void parsesNormalDayFromZip()
    {
        ParsedPayload parsed = PARSER.parse(payload("PRC_LMP", "PRC_LMP_DAM_20240701.zip", zip(DAY_MEMBER, resource("prc_lmp_dam_20240701.csv"))));

        assertThat(parsed).isEqualTo(new ParsedPayload(
                FetchOutcome.PARSED,
                "da_hourly",
                CaisoTables.RAW_PRC_LMP,
                parsed.records(),
                List.of(),
                Optional.empty(),
                Optional.empty(),
                Optional.of("PRC_LMP|DAM|2024-07-01T07:00:00Z|2024-07-02T07:00:00Z|ALL_APNODES"),
                // 2024-06-30 13:05:12 in the member name, read as Pacific daylight time (UTC-7)
                Optional.of(Instant.parse("2024-06-30T20:05:12Z")),
                Set.of(LocalDate.of(2024, 7, 1))));

        List<OasisLmpRecord> records = lmpRecords(parsed);
        assertThat(records).hasSize(24 * 5 * 2);
        assertThat(records.get(0)).isEqualTo(new OasisLmpRecord(
                2,
                Instant.parse("2024-07-01T07:00:00Z"),
                Instant.parse("2024-07-01T08:00:00Z"),
                LocalDate.of(2024, 7, 1),
                1,
                0,
                NP15,
                NP15,
                NP15,
                "DAM",
                "LMP",
                "LMP_PRC",
                NP15,
                "ALL_APNODES",
                0.0,
                24.82,
                1));
        assertThat(records).extracting(OasisLmpRecord::node).containsOnly(NP15, PGAE);
        assertThat(records.stream().map(OasisLmpRecord::node).filter(node -> CaisoMarket.locationType(node).equals("hub")).distinct())
                .containsExactly(NP15);
        assertThat(records).extracting(OasisLmpRecord::lmpType).containsOnly(LMP_TYPES.toArray(String[]::new));

        List<Instant> hours = IntStream.range(0, 24).mapToObj(hour -> Instant.parse("2024-07-01T07:00:00Z").plus(Duration.ofHours(hour))).toList();
        for (String node : List.of(NP15, PGAE)) {
            for (String lmpType : LMP_TYPES) {
                assertThat(records.stream()
                        .filter(record -> record.node().equals(node) && record.lmpType().equals(lmpType))
                        .map(OasisLmpRecord::intervalStartUtc)
                        .sorted())
                        .as("interval starts of %s %s", node, lmpType)
                        .containsExactlyElementsOf(hours);
            }
        }
        assertThat(records).allSatisfy(record -> {
            assertThat(Duration.between(record.intervalStartUtc(), record.intervalEndUtc())).isEqualTo(Duration.ofHours(1));
            assertThat(record.oprDt()).isEqualTo(CaisoMarket.TIME.operatingDate(record.intervalStartUtc()));
            assertThat(record.oprHr()).isEqualTo(CaisoMarket.TIME.hourEnding(record.intervalStartUtc()));
        });
        assertLmpIsSumOfComponents(records);
    }

    @Test
    void parsesSpringForwardDayWith23Hours()
    {
        ParsedPayload parsed = PARSER.parse(payload("PRC_LMP", "PRC_LMP_DAM_20240310.zip",
                zip("20240310_20240310_PRC_LMP_DAM_20240309_13_02_44_v12.csv", resource("prc_lmp_dam_20240310_spring.csv"))));

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(parsed.rejected()).isEmpty();
        assertThat(parsed.records()).hasSize(23 * 5 * 2);
        assertThat(parsed.operatingDates()).containsExactly(LocalDate.of(2024, 3, 10));
        // midnight PST is 08:00Z; the day ends at midnight PDT, 07:00Z
        assertThat(parsed.contentKey()).contains("PRC_LMP|DAM|2024-03-10T08:00:00Z|2024-03-11T07:00:00Z|ALL_APNODES");
        // 2024-03-09 13:02:44 is still standard time (UTC-8)
        assertThat(parsed.publishedAtUtc()).contains(Instant.parse("2024-03-09T21:02:44Z"));
        assertThat(distinctStarts(lmpRecords(parsed))).hasSize(23).isEqualTo(new TreeSet<>(CaisoMarket.TIME.intervalStarts(LocalDate.of(2024, 3, 10), 60)));
        assertThat(lmpRecords(parsed)).allSatisfy(record -> assertThat(record.oprHr()).isEqualTo(CaisoMarket.TIME.hourEnding(record.intervalStartUtc())));
        assertLmpIsSumOfComponents(lmpRecords(parsed));
    }

    @Test
    void parsesFallBackDayWith25Hours()
    {
        ParsedPayload parsed = PARSER.parse(payload("PRC_LMP", "PRC_LMP_DAM_20241103.zip",
                zip("20241103_20241103_PRC_LMP_DAM_20241102_13_01_09_v12.csv", resource("prc_lmp_dam_20241103_fall.csv"))));

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(parsed.rejected()).isEmpty();
        assertThat(parsed.records()).hasSize(25 * 5 * 2);
        assertThat(parsed.operatingDates()).containsExactly(LocalDate.of(2024, 11, 3));
        assertThat(parsed.contentKey()).contains("PRC_LMP|DAM|2024-11-03T07:00:00Z|2024-11-04T08:00:00Z|ALL_APNODES");
        assertThat(distinctStarts(lmpRecords(parsed))).hasSize(25).isEqualTo(new TreeSet<>(CaisoMarket.TIME.intervalStarts(LocalDate.of(2024, 11, 3), 60)));
        // the file labels the hours 1..25; the repeated 01:00 hour (01:00 PST = 09:00Z) is hour 3
        TreeSet<Integer> hoursEnding = lmpRecords(parsed).stream().map(OasisLmpRecord::oprHr).collect(Collectors.toCollection(TreeSet::new));
        assertThat(hoursEnding).containsExactlyElementsOf(IntStream.rangeClosed(1, 25).boxed().toList());
        assertThat(lmpRecords(parsed)).allSatisfy(record -> assertThat(record.oprHr()).isEqualTo(CaisoMarket.TIME.hourEnding(record.intervalStartUtc())));
        assertThat(lmpRecords(parsed).stream().filter(record -> record.oprHr() == 3).map(OasisLmpRecord::intervalStartUtc).distinct())
                .containsExactly(Instant.parse("2024-11-03T09:00:00Z"));
    }

    @Test
    void parsesNegativePrices()
    {
        ParsedPayload parsed = PARSER.parse(payload("PRC_LMP", "prc_lmp_dam_negative.csv", resource("prc_lmp_dam_negative.csv")));

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(parsed.rejected()).isEmpty();
        // a bare CSV whose name is not OASIS's member pattern says nothing about when it was generated
        assertThat(parsed.publishedAtUtc()).isEmpty();
        List<OasisLmpRecord> records = lmpRecords(parsed);
        assertThat(records).hasSize(4 * 5);
        assertThat(records.get(0)).isEqualTo(new OasisLmpRecord(
                2,
                Instant.parse("2024-04-14T17:00:00Z"),
                Instant.parse("2024-04-14T18:00:00Z"),
                LocalDate.of(2024, 4, 14),
                11,
                0,
                "TH_SP15_GEN-APND",
                "TH_SP15_GEN-APND",
                "TH_SP15_GEN-APND",
                "DAM",
                "LMP",
                "LMP_PRC",
                "TH_SP15_GEN-APND",
                "ALL_APNODES",
                0.0,
                -30.08,
                1));
        assertThat(records.stream().filter(record -> record.lmpType().equals("LMP")).map(OasisLmpRecord::value))
                .hasSize(4)
                .allSatisfy(price -> assertThat(price).isNegative());
        assertThat(records.stream().filter(record -> record.lmpType().equals("MCC")).map(OasisLmpRecord::value))
                .containsExactlyInAnyOrder(-2.7, -2.65, -2.6, -2.55);
        assertLmpIsSumOfComponents(records);
    }

    @Test
    void acceptsRowsInAnyOrder()
    {
        String text = new String(resource("prc_lmp_dam_20240701.csv"), StandardCharsets.UTF_8);
        List<String> lines = text.lines().toList();
        List<Instant> fileOrder = lines.stream().skip(1).limit(24).map(line -> OffsetDateTime.parse(line.split(",")[0]).toInstant()).toList();
        assertThat(fileOrder).as("the fixture is grouped by node and LMP_TYPE, not sorted by time").isNotEqualTo(fileOrder.stream().sorted().toList());

        List<String> reversed = new ArrayList<>(lines.subList(1, lines.size()));
        Collections.reverse(reversed);
        String reversedText = HEADER + "\n" + String.join("\n", reversed) + "\n";

        ParsedPayload original = PARSER.parse(payload("PRC_LMP", "PRC_LMP_DAM_20240701.zip", zip(DAY_MEMBER, text.getBytes(StandardCharsets.UTF_8))));
        ParsedPayload shuffled = PARSER.parse(payload("PRC_LMP", "PRC_LMP_DAM_20240701.zip", zip(DAY_MEMBER, reversedText.getBytes(StandardCharsets.UTF_8))));

        assertThat(shuffled.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(shuffled.rejected()).isEmpty();
        assertThat(shuffled.contentKey()).isEqualTo(original.contentKey());
        assertThat(shuffled.operatingDates()).isEqualTo(original.operatingDates());
        assertThat(withoutLineNumbers(lmpRecords(shuffled))).containsExactlyInAnyOrderElementsOf(withoutLineNumbers(lmpRecords(original)));
    }

    @Test
    void concatenatesSeveralCsvMembers()
    {
        List<String> lines = new String(resource("prc_lmp_dam_20240701.csv"), StandardCharsets.UTF_8).lines().toList();
        String first = HEADER + "\n" + lines.stream().skip(1).filter(line -> line.contains(NP15)).collect(Collectors.joining("\n")) + "\n";
        String second = HEADER + "\n" + lines.stream().skip(1).filter(line -> line.contains(PGAE)).collect(Collectors.joining("\n")) + "\n";

        ParsedPayload parsed = PARSER.parse(payload("PRC_LMP", "PRC_LMP_DAM_20240701.zip", zip(Map.of(
                DAY_MEMBER, first.getBytes(StandardCharsets.UTF_8),
                "20240701_20240701_PRC_LMP_DAM_20240630_13_05_13_v12.csv", second.getBytes(StandardCharsets.UTF_8)))));

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(parsed.records()).hasSize(24 * 5 * 2);
        assertThat(lmpRecords(parsed)).extracting(OasisLmpRecord::node).containsOnly(NP15, PGAE);
    }

    @Test
    void parsesRealTimeIntervalFileWithValueColumn()
    {
        ParsedPayload parsed = PARSER.parse(payload("PRC_INTVL_LMP", "PRC_INTVL_LMP_RTM_20240701_16.zip",
                zip("20240701_20240701_PRC_INTVL_LMP_RTM_20240701_10_02_11_v3.csv", resource("prc_intvl_lmp_rtm_20240701_h10.csv"))));

        assertThat(parsed).isEqualTo(new ParsedPayload(
                FetchOutcome.PARSED,
                "rt_5min",
                CaisoTables.RAW_PRC_INTVL_LMP,
                parsed.records(),
                List.of(),
                Optional.empty(),
                Optional.empty(),
                Optional.of("PRC_INTVL_LMP|RTM|2024-07-01T16:00:00Z|2024-07-01T17:00:00Z|ALL_APNODES"),
                Optional.of(Instant.parse("2024-07-01T17:02:11Z")),
                Set.of(LocalDate.of(2024, 7, 1))));
        List<OasisLmpRecord> records = lmpRecords(parsed);
        assertThat(records).hasSize(12 * 5 * 2);
        assertThat(records.get(0)).isEqualTo(new OasisLmpRecord(
                2,
                Instant.parse("2024-07-01T16:00:00Z"),
                Instant.parse("2024-07-01T16:05:00Z"),
                LocalDate.of(2024, 7, 1),
                10,
                1,
                NP15,
                NP15,
                NP15,
                "RTM",
                "LMP",
                "LMP_PRC",
                NP15,
                "ALL_APNODES",
                0.0,
                37.68,
                1));
        assertThat(distinctStarts(records))
                .containsExactlyElementsOf(IntStream.range(0, 12).mapToObj(k -> Instant.parse("2024-07-01T16:00:00Z").plus(Duration.ofMinutes(5L * k))).toList());
        assertThat(records).allSatisfy(record -> {
            assertThat(Duration.between(record.intervalStartUtc(), record.intervalEndUtc())).isEqualTo(Duration.ofMinutes(5));
            assertThat(record.oprInterval())
                    .isEqualTo((int) Duration.between(Instant.parse("2024-07-01T16:00:00Z"), record.intervalStartUtc()).toMinutes() / 5 + 1);
            assertThat(record.oprHr()).isEqualTo(10);
        });
        assertLmpIsSumOfComponents(records);
    }

    @Test
    void rejectsDayAheadFileParsedAsRealTimeForItsMissingValueColumn()
    {
        ParsedPayload parsed = PARSER.parse(payload("PRC_INTVL_LMP", "prc_lmp_dam_20240701.csv", resource("prc_lmp_dam_20240701.csv")));

        assertThat(parsed).isEqualTo(ParsedPayload.rejected("rt_5min", CaisoTables.RAW_PRC_INTVL_LMP,
                "Cannot parse CAISO OASIS file prc_lmp_dam_20240701.csv as PRC_INTVL_LMP: column VALUE missing in header " + HEADER_NAMES));
    }

    @Test
    void rejectsDayAheadZipParsedAsRealTimeForTheReportInItsMemberName()
    {
        ParsedPayload parsed = PARSER.parse(payload("PRC_INTVL_LMP", "PRC_LMP_DAM_20240701.zip", zip(DAY_MEMBER, resource("prc_lmp_dam_20240701.csv"))));

        assertThat(parsed).isEqualTo(ParsedPayload.rejected("rt_5min", CaisoTables.RAW_PRC_INTVL_LMP,
                "Cannot parse CAISO OASIS file PRC_LMP_DAM_20240701.zip as PRC_INTVL_LMP: it holds report PRC_LMP (member " + DAY_MEMBER + ")"));
    }

    @Test
    void reportsNoDataAnswer()
    {
        ParsedPayload parsed = PARSER.parse(payload("PRC_LMP", "PRC_LMP_DAM_20240701.zip",
                zip("20240701_20240701_PRC_LMP_DAM_20240701_13_05_12_v12.xml", resource("oasis_no_data.xml"))));

        assertThat(parsed).isEqualTo(ParsedPayload.operatorAnswer(FetchOutcome.NO_DATA, "da_hourly", CaisoTables.RAW_PRC_LMP,
                "1000", "No data returned for the specified selection"));
        assertThat(parsed.operatorErrorCode()).contains("1000");
        assertThat(parsed.records()).isEmpty();
    }

    @Test
    void reportsNoDataAnswerInBareXml()
    {
        ParsedPayload parsed = PARSER.parse(payload("PRC_LMP", "INVALID_REQUEST.xml", resource("oasis_no_data.xml")));

        assertThat(parsed).isEqualTo(ParsedPayload.operatorAnswer(FetchOutcome.NO_DATA, "da_hourly", CaisoTables.RAW_PRC_LMP,
                "1000", "No data returned for the specified selection"));
    }

    @Test
    void reportsInvalidRequestAsOperatorError()
    {
        ParsedPayload parsed = PARSER.parse(payload("PRC_LMP", "PRC_LMP_DAM_20240601_20240705.zip", zip("INVALID_REQUEST.xml", resource("oasis_invalid_request.xml"))));

        assertThat(parsed).isEqualTo(ParsedPayload.operatorAnswer(FetchOutcome.OPERATOR_ERROR, "da_hourly", CaisoTables.RAW_PRC_LMP,
                "1004", "Data can be requested for period of 31 days only"));
        assertThat(parsed.operatorErrorCode()).contains("1004");
    }

    @Test
    void rejectsTruncatedZip()
    {
        ParsedPayload parsed = PARSER.parse(payload("PRC_LMP", "PRC_LMP_DAM_20240701.zip", truncatedZip()));

        assertThat(parsed).isEqualTo(ParsedPayload.rejected("da_hourly", CaisoTables.RAW_PRC_LMP,
                "Cannot parse CAISO OASIS file PRC_LMP_DAM_20240701.zip: not a readable zip: no end-of-central-directory record (the download was cut short)"));
    }

    @Test
    void rejectsZipWhoseEntryNameIsNotUtf8()
    {
        // Found by the fuzz suite (TestParserFuzz): ZipInputStream threw IllegalArgumentException out of the parser.
        byte[] bytes = zip(DAY_MEMBER, resource("prc_lmp_dam_20240701.csv"));
        // the first byte of the local header's file name
        bytes[30] = (byte) 0xff;

        assertThat(PARSER.parse(payload("PRC_LMP", "PRC_LMP_DAM_20240701.zip", bytes))).isEqualTo(ParsedPayload.rejected("da_hourly", CaisoTables.RAW_PRC_LMP,
                "Cannot parse CAISO OASIS file PRC_LMP_DAM_20240701.zip: not a readable zip (an entry name is not UTF-8 text)"));
    }

    @Test
    void readsMemberWhoseNameStampIsNoDateWithoutPublicationTime()
    {
        // Found by the fuzz suite: month 13 and hour 25 in the member name's stamp threw DateTimeParseException out of the parser.
        ParsedPayload parsed = PARSER.parse(payload("PRC_LMP", "PRC_LMP_DAM_20240701.zip",
                zip("20240701_20240701_PRC_LMP_DAM_20241399_25_61_61_v12.csv", resource("prc_lmp_dam_20240701.csv"))));

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(parsed.records()).hasSize(24 * 5 * 2);
        assertThat(parsed.publishedAtUtc()).isEmpty();
        assertThat(PARSER.parse(payload("PRC_INTVL_LMP", "PRC_LMP_DAM_20240701.zip",
                zip("20240701_20240701_PRC_LMP_DAM_20241399_25_61_61_v12.csv", resource("prc_lmp_dam_20240701.csv")))).detail())
                .as("the name still says which report the file holds")
                .contains("Cannot parse CAISO OASIS file PRC_LMP_DAM_20240701.zip as PRC_INTVL_LMP: it holds report PRC_LMP "
                        + "(member 20240701_20240701_PRC_LMP_DAM_20241399_25_61_61_v12.csv)");
    }

    @Test
    void rejectsBrokenXmlWithoutPrintingOnStandardError()
    {
        // Found by the fuzz suite: the XML parser printed "[Fatal Error] :1:61: ..." on stderr for every broken report.
        PrintStream standardError = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        ParsedPayload parsed;
        System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            parsed = PARSER.parse(payload("PRC_LMP", "broken.xml", "<?xml version=\"1.0\"?><OASISReport><ERR_CODE>1000".getBytes(StandardCharsets.UTF_8)));
        }
        finally {
            System.setErr(standardError);
        }

        assertThat(parsed.detail()).contains("Cannot parse CAISO OASIS file broken.xml: XML member 'broken.xml' cannot be read "
                + "(XML document structures must start and end within the same entity.)");
        assertThat(printed.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void parseFileThrowsBadExternalDataForTruncatedZip()
    {
        assertThatThrownBy(() -> OasisLmpParser.parseFile(OasisReport.PRC_LMP, truncatedZip(), "PRC_LMP_DAM_20240701.zip"))
                .isInstanceOfSatisfying(LakehouseException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.BAD_EXTERNAL_DATA))
                .hasMessage("Cannot parse CAISO OASIS file PRC_LMP_DAM_20240701.zip: not a readable zip: no end-of-central-directory record (the download was cut short)");
    }

    @Test
    void rejectsFileWithoutPriceColumn()
    {
        ParsedPayload parsed = PARSER.parse(payload("PRC_LMP", "prc_lmp_missing_mw.csv", resource("prc_lmp_missing_mw.csv")));

        String message = "Cannot parse CAISO OASIS file prc_lmp_missing_mw.csv as PRC_LMP: column MW missing in header "
                + HEADER_NAMES.replace(", MW,", ",");
        assertThat(parsed).isEqualTo(ParsedPayload.rejected("da_hourly", CaisoTables.RAW_PRC_LMP, message));
        assertThat(parsed.detail()).hasValueSatisfying(detail -> assertThat(detail).contains("column MW missing in header"));
    }

    @Test
    void parseFileThrowsBadExternalDataForMissingPriceColumn()
    {
        assertThatThrownBy(() -> OasisLmpParser.parseFile(OasisReport.PRC_LMP, resource("prc_lmp_missing_mw.csv"), "prc_lmp_missing_mw.csv"))
                .isInstanceOfSatisfying(LakehouseException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.BAD_EXTERNAL_DATA))
                .hasMessageContaining("Cannot parse CAISO OASIS file prc_lmp_missing_mw.csv as PRC_LMP: column MW missing in header");
    }

    @Test
    void rejectsBadLinesOneByOneAndKeepsTheGoodOnes()
    {
        String good = "2024-07-01T07:00:00-00:00,2024-07-01T08:00:00-00:00,2024-07-01,1,0,TH_NP15_GEN-APND,TH_NP15_GEN-APND,TH_NP15_GEN-APND,"
                + "DAM,LMP,LMP_PRC,TH_NP15_GEN-APND,ALL_APNODES,0,24.82,1";
        String badNumber = "2024-07-01T08:00:00-00:00,2024-07-01T09:00:00-00:00,2024-07-01,2,0,TH_NP15_GEN-APND,TH_NP15_GEN-APND,TH_NP15_GEN-APND,"
                + "DAM,LMP,LMP_PRC,TH_NP15_GEN-APND,ALL_APNODES,0,26.1x,1";
        String shortLine = "2024-07-01T09:00:00-00:00,2024-07-01T10:00:00-00:00,2024-07-01,3,0,TH_NP15_GEN-APND,TH_NP15_GEN-APND,"
                + "DAM,LMP,LMP_PRC,TH_NP15_GEN-APND,ALL_APNODES,0,27.5,1";
        String unknownType = "2024-07-01T10:00:00-00:00,2024-07-01T11:00:00-00:00,2024-07-01,4,0,TH_NP15_GEN-APND,TH_NP15_GEN-APND,TH_NP15_GEN-APND,"
                + "DAM,XYZ,LMP_XYZ_PRC,TH_NP15_GEN-APND,ALL_APNODES,0,1.5,7";
        String alsoGood = "2024-07-01T11:00:00-00:00,2024-07-01T12:00:00-00:00,2024-07-01,5,0,TH_NP15_GEN-APND,TH_NP15_GEN-APND,TH_NP15_GEN-APND,"
                + "DAM,LMP,LMP_PRC,TH_NP15_GEN-APND,ALL_APNODES,0,29.93,1";
        String text = String.join("\r\n", HEADER, good, badNumber, shortLine, unknownType, alsoGood) + "\r\n";

        ParsedPayload parsed = PARSER.parse(payload("PRC_LMP", DAY_MEMBER, text.getBytes(StandardCharsets.UTF_8)));

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(parsed.detail()).contains("3 lines rejected");
        assertThat(parsed.rejected()).containsExactly(
                RejectedRecord.line(3, badNumber, "MW '26.1x' is not a number"),
                RejectedRecord.line(4, shortLine, "expected 16 fields as in the header, found 15"),
                new RejectedRecord(Optional.of(5), Optional.of(unknownType), "unknown LMP_TYPE 'XYZ' (known: LMP, MCE, MCC, MCL, MGHG)",
                        Optional.of(NP15), Optional.of(Instant.parse("2024-07-01T10:00:00Z")), Optional.of(LocalDate.of(2024, 7, 1))));
        assertThat(lmpRecords(parsed)).containsExactly(
                new OasisLmpRecord(2, Instant.parse("2024-07-01T07:00:00Z"), Instant.parse("2024-07-01T08:00:00Z"), LocalDate.of(2024, 7, 1), 1, 0,
                        NP15, NP15, NP15, "DAM", "LMP", "LMP_PRC", NP15, "ALL_APNODES", 0.0, 24.82, 1),
                new OasisLmpRecord(6, Instant.parse("2024-07-01T11:00:00Z"), Instant.parse("2024-07-01T12:00:00Z"), LocalDate.of(2024, 7, 1), 5, 0,
                        NP15, NP15, NP15, "DAM", "LMP", "LMP_PRC", NP15, "ALL_APNODES", 0.0, 29.93, 1));
        // the content key covers the kept lines only
        assertThat(parsed.contentKey()).contains("PRC_LMP|DAM|2024-07-01T07:00:00Z|2024-07-01T12:00:00Z|ALL_APNODES");
        assertThat(parsed.publishedAtUtc()).contains(Instant.parse("2024-06-30T20:05:12Z"));
    }

    @Test
    void rejectsBareFileThatIsNeitherZipXmlNorText()
    {
        ParsedPayload parsed = PARSER.parse(payload("PRC_LMP", "garbage.bin", new byte[] {1, 0, 2, 0, 3}));

        assertThat(parsed).isEqualTo(ParsedPayload.rejected("da_hourly", CaisoTables.RAW_PRC_LMP,
                "Cannot parse CAISO OASIS file garbage.bin: neither a zip, an XML report nor a CSV text file"));
    }

    @Test
    void offsetDateTimeReadsMinusZeroOffsetAsUtc()
    {
        // OASIS writes -00:00 ("UTC, local offset unknown" in RFC 3339), not Z; java.time reads it as offset zero
        OffsetDateTime parsed = OffsetDateTime.parse("2020-01-02T01:00:00-00:00");

        assertThat(parsed.getOffset()).isEqualTo(ZoneOffset.UTC);
        assertThat(parsed.toInstant()).isEqualTo(Instant.parse("2020-01-02T01:00:00Z"));
        assertThat(parsed).isEqualTo(OffsetDateTime.of(2020, 1, 2, 1, 0, 0, 0, ZoneOffset.UTC));
    }

    private static byte[] truncatedZip()
    {
        byte[] whole = zip(DAY_MEMBER, resource("prc_lmp_dam_20240701.csv"));
        return Arrays.copyOf(whole, whole.length / 2);
    }

    private static void assertLmpIsSumOfComponents(List<OasisLmpRecord> records)
    {
        Map<String, Map<String, Double>> byInterval = records.stream().collect(Collectors.groupingBy(
                record -> record.node() + "@" + record.intervalStartUtc(),
                Collectors.toMap(OasisLmpRecord::lmpType, OasisLmpRecord::value)));
        assertThat(byInterval).allSatisfy((interval, prices) -> {
            assertThat(prices).containsOnlyKeys(LMP_TYPES);
            assertThat(prices.get("LMP"))
                    .as("LMP = MCE + MCC + MCL + MGHG at %s", interval)
                    .isCloseTo(prices.get("MCE") + prices.get("MCC") + prices.get("MCL") + prices.get("MGHG"), within(1e-9));
        });
    }

    private static List<OasisLmpRecord> lmpRecords(ParsedPayload parsed)
    {
        return parsed.records().stream().map(OasisLmpRecord.class::cast).toList();
    }

    private static TreeSet<Instant> distinctStarts(List<OasisLmpRecord> records)
    {
        return records.stream().map(OasisLmpRecord::intervalStartUtc).collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<OasisLmpRecord> withoutLineNumbers(List<OasisLmpRecord> records)
    {
        return records.stream()
                .map(r -> new OasisLmpRecord(0, r.intervalStartUtc(), r.intervalEndUtc(), r.oprDt(), r.oprHr(), r.oprInterval(), r.nodeIdXml(), r.nodeId(),
                        r.node(), r.marketRunId(), r.lmpType(), r.xmlDataItem(), r.pnodeResmrid(), r.grpType(), r.pos(), r.value(), r.group()))
                .toList();
    }

    private static Payload payload(String report, String fileName, byte[] bytes)
    {
        return new Payload(CaisoMarket.SOURCE, report, Payload.Origin.REPLAY, report + "|" + fileName, Optional.empty(), fileName,
                Instant.parse("2024-07-01T21:00:00Z"), 200, bytes);
    }

    static byte[] resource(String name)
    {
        try (InputStream in = TestOasisLmpParser.class.getResourceAsStream("/caiso/" + name)) {
            assertThat(in).as("test resource caiso/%s", name).isNotNull();
            return in.readAllBytes();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** OASIS's SingleZip wrapper: one member. */
    static byte[] zip(String memberName, byte[] content)
    {
        return zip(Map.of(memberName, content));
    }

    static byte[] zip(Map<String, byte[]> members)
    {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (String name : new TreeSet<>(members.keySet())) {
                zip.putNextEntry(new ZipEntry(name));
                zip.write(members.get(name));
                zip.closeEntry();
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
