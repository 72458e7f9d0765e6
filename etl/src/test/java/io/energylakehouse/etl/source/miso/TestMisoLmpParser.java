package io.energylakehouse.etl.source.miso;

import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.etl.raw.FetchOutcome;
import io.energylakehouse.etl.raw.ParsedPayload;
import io.energylakehouse.etl.raw.Payload;
import io.energylakehouse.etl.raw.RejectedRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static io.energylakehouse.etl.source.miso.MisoTestFiles.PARSER;
import static io.energylakehouse.etl.source.miso.MisoTestFiles.parse;
import static io.energylakehouse.etl.source.miso.MisoTestFiles.records;
import static io.energylakehouse.etl.source.miso.MisoTestFiles.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The MISO LMP market report parser on hand-written SYNTHETIC files (src/test/resources/miso: made-up values in MISO's
 * layout, four title and notes lines, a quoted header, rows in no particular order).
 */
class TestMisoLmpParser
{
    private static final MisoReport DA = MisoReport.DA_EXPOST_LMP;
    private static final MisoReport FINAL = MisoReport.RT_LMP_FINAL;
    private static final ZoneOffset EST = ZoneOffset.ofHours(-5);
    private static final Path SHARED = Path.of(System.getProperty("lakehouse.shared-dir", "../../shared"));

    @Test
    void springForwardDayHas24EstHours()
    {
        LocalDate day = LocalDate.of(2024, 3, 10);
        ParsedPayload parsed = parse(DA, "20240310_da_expost_lmp.csv", resource("20240310_da_expost_lmp.csv"));

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(parsed.rejected()).isEmpty();
        assertThat(parsed.dataset()).isEqualTo("da_hourly");
        assertThat(parsed.rawTable()).isEqualTo(MisoTables.RAW_DA_EXPOST_LMP);
        assertThat(parsed.contentKey()).contains("da_expost_lmp|2024-03-10");
        assertThat(parsed.operatingDates()).containsExactly(day);
        // the file says nothing of when it was published: landing takes the payload's time
        assertThat(parsed.publishedAtUtc()).isEmpty();
        List<MisoLmpRecord> records = records(parsed);
        assertThat(records).hasSize(4 * 24);
        assertEstHours(records, day);
        // America/Chicago skips 02:00 on this day; MISO's HE 3 is 02:00..03:00 EST all the same
        assertThat(ZoneId.of("America/Chicago").getRules().getValidOffsets(day.atTime(2, 0))).isEmpty();
        assertThat(records).filteredOn(record -> record.hourEnding() == 3).extracting(MisoLmpRecord::intervalStartUtc)
                .containsOnly(Instant.parse("2024-03-10T07:00:00Z"));
        assertThat(MisoMarket.TIME.hoursInDay(day)).isEqualTo(24);
    }

    @Test
    void fallBackDayHas24EstHours()
    {
        LocalDate day = LocalDate.of(2024, 11, 3);
        ParsedPayload parsed = parse(FINAL, "20241103_rt_lmp_final.csv", resource("20241103_rt_lmp_final.csv"));

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(parsed.rejected()).isEmpty();
        assertThat(parsed.dataset()).isEqualTo("rt_hourly");
        assertThat(parsed.operatingDates()).containsExactly(day);
        List<MisoLmpRecord> records = records(parsed);
        assertThat(records).hasSize(4 * 24);
        assertEstHours(records, day);
        // America/Chicago repeats 01:00 on this day; MISO's HE 2 is one hour, 01:00..02:00 EST, once per node
        assertThat(ZoneId.of("America/Chicago").getRules().getValidOffsets(day.atTime(1, 0))).hasSize(2);
        assertThat(records).filteredOn(record -> record.node().equals("ILLINOIS.HUB") && record.hourEnding() == 2)
                .extracting(MisoLmpRecord::intervalStartUtc).containsExactly(Instant.parse("2024-11-03T06:00:00Z"));
        assertThat(MisoMarket.TIME.hoursInDay(day)).isEqualTo(24);
    }

    /** Every node has HE 1..24, and HE n starts at day + (n - 1) h at UTC-05:00 exactly. */
    private static void assertEstHours(List<MisoLmpRecord> records, LocalDate day)
    {
        Instant midnightEst = day.atStartOfDay().toInstant(EST);
        assertThat(records).allSatisfy(record -> {
            assertThat(record.marketDay()).isEqualTo(day);
            assertThat(record.intervalStartUtc()).isEqualTo(midnightEst.plus(Duration.ofHours(record.hourEnding() - 1L)));
            assertThat(record.intervalEndUtc()).isEqualTo(record.intervalStartUtc().plus(Duration.ofHours(1)));
            assertThat(MisoMarket.TIME.operatingDate(record.intervalStartUtc())).isEqualTo(day);
            assertThat(MisoMarket.TIME.hourEnding(record.intervalStartUtc())).isEqualTo(record.hourEnding());
        });
        Set<Instant> starts = records.stream().map(MisoLmpRecord::intervalStartUtc).collect(Collectors.toCollection(TreeSet::new));
        assertThat(starts).hasSize(24).first().isEqualTo(midnightEst);
        assertThat(records.stream().collect(Collectors.groupingBy(MisoLmpRecord::node, Collectors.counting()))).allSatisfy((node, hours) ->
                assertThat(hours).as(node).isEqualTo(24L));
    }

    @Test
    void readsNegativePricesFromUnorderedRows()
    {
        ParsedPayload parsed = parse(DA, "20240310_da_expost_lmp.csv", resource("20240310_da_expost_lmp.csv"));
        List<MisoLmpRecord> records = records(parsed);

        // line 6 is ILLINOIS.HUB's MCC row, line 7 SYN_MN_GN001's LMP row, line 8 ILLINOIS.HUB's LMP row: nodes come in the order their first row does
        assertThat(records).extracting(MisoLmpRecord::node).containsSubsequence("ILLINOIS.HUB", "SYN_MN_GN001", "SYN_LZ_MN", "SYN_IF_01");
        assertThat(records.get(0)).isEqualTo(new MisoLmpRecord(DA, 8, Instant.parse("2024-03-10T05:00:00Z"), LocalDate.of(2024, 3, 10), 1,
                "ILLINOIS.HUB", "Hub", 19.69, 1.25, -0.31, false));
        assertThat(records).filteredOn(record -> record.node().equals("SYN_MN_GN001") && record.hourEnding() == 1).containsExactly(
                new MisoLmpRecord(DA, 7, Instant.parse("2024-03-10T05:00:00Z"), LocalDate.of(2024, 3, 10), 1, "SYN_MN_GN001", "Gennode", -25.22, -41.5,
                        -2.47, false));
        assertThat(records).filteredOn(record -> record.lmp() < 0).extracting(MisoLmpRecord::node).containsOnly("SYN_MN_GN001").hasSize(20);
    }

    @Test
    void findsTheHeaderBelowAnyNumberOfTitleLines()
    {
        String text = new String(resource("20240310_da_expost_lmp.csv"), StandardCharsets.UTF_8);
        String moreNotes = "\"Day Ahead Market ExPost LMPs\"\r\n\r\n\"a further note: real-time final prices replace the preliminary ones later\"\r\n" + text.substring(text.indexOf('\n') + 1);
        ParsedPayload parsed = parse(DA, "20240310_da_expost_lmp.csv", moreNotes.getBytes(StandardCharsets.UTF_8));

        assertThat(parsed.rejected()).isEmpty();
        assertThat(records(parsed)).hasSize(4 * 24);
        assertThat(records(parsed).get(0).lineNumber()).isEqualTo(10);
    }

    @Test
    void headerOnTheFirstLineAfterAByteOrderMarkTakesTheDayFromTheName()
    {
        String text = new String(resource("20240310_da_expost_lmp.csv"), StandardCharsets.UTF_8);
        String bare = "\uFEFF" + text.substring(text.indexOf("\"Node\""));
        ParsedPayload parsed = parse(DA, "20240310_da_expost_lmp.csv", bare.getBytes(StandardCharsets.UTF_8));

        assertThat(parsed.rejected()).isEmpty();
        assertThat(parsed.operatingDates()).containsExactly(LocalDate.of(2024, 3, 10));
        assertThat(records(parsed)).hasSize(4 * 24);

        ParsedPayload unnamed = parse(DA, "download.csv", bare.getBytes(StandardCharsets.UTF_8));
        assertThat(unnamed.detail()).contains("Cannot parse MISO file download.csv as da_expost_lmp: no market day (no MM/DD/YYYY line above the header and "
                + "no yyyyMMdd_ at the start of its name)");
    }

    @Test
    void missingColumnRejectsTheFileNamingFileAndColumn()
    {
        ParsedPayload parsed = parse(DA, "20240701_da_expost_lmp.csv", resource("da_expost_lmp_missing_he7.csv"));

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.REJECTED);
        assertThat(parsed.records()).isEmpty();
        assertThat(parsed.detail().orElseThrow())
                .startsWith("Cannot parse MISO file 20240701_da_expost_lmp.csv as da_expost_lmp: column HE 7 missing in header [Node, Type, Value, HE 1,")
                .endsWith("HE 24] (line 5)");
        assertThatThrownBy(() -> MisoLmpParser.parseFile(DA, resource("da_expost_lmp_missing_he7.csv"), "20240701_da_expost_lmp.csv"))
                .isInstanceOf(LakehouseException.class)
                .hasMessageContaining("20240701_da_expost_lmp.csv")
                .hasMessageContaining("column HE 7 missing");
    }

    @Test
    void truncatedFileKeepsWholeNodesAndRejectsTheRest()
    {
        ParsedPayload parsed = parse(FINAL, "20241103_rt_lmp_final.csv", resource("rt_lmp_final_truncated.csv"));

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(records(parsed)).hasSize(3 * 24).extracting(MisoLmpRecord::node).doesNotContain("SYN_IF_01");
        assertThat(parsed.rejected()).extracting(rejection -> rejection.lineNumber().orElseThrow(), RejectedRecord::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple(17, "expected 27 fields as in the header, found 11"),
                org.assertj.core.groups.Tuple.tuple(15, "node SYN_IF_01 has no MLC row (each node has LMP, MCC and MLC rows; is the file truncated?)"),
                org.assertj.core.groups.Tuple.tuple(16, "node SYN_IF_01 has no MLC row (each node has LMP, MCC and MLC rows; is the file truncated?)"));
        assertThat(parsed.detail()).contains("3 lines or node hours rejected");
    }

    @Test
    void emptyCellRejectsThatNodeHourAlone()
    {
        String text = new String(resource("20240310_da_expost_lmp.csv"), StandardCharsets.UTF_8).replace("SYN_LZ_MN,Loadzone,MCC,-3.10,", "SYN_LZ_MN,Loadzone,MCC,,");
        ParsedPayload parsed = parse(DA, "20240310_da_expost_lmp.csv", text.getBytes(StandardCharsets.UTF_8));

        assertThat(records(parsed)).hasSize(4 * 24 - 1);
        assertThat(parsed.rejected()).singleElement().satisfies(rejection -> {
            assertThat(rejection.reason()).isEqualTo("MCC HE 1 of node SYN_LZ_MN is empty");
            assertThat(rejection.locationId()).contains("SYN_LZ_MN");
            assertThat(rejection.intervalStartUtc()).contains(Instant.parse("2024-03-10T05:00:00Z"));
        });
    }

    @Test
    void unknownValueRowAndDisagreeingTypesAreRejectedAlone()
    {
        String text = new String(resource("20240310_da_expost_lmp.csv"), StandardCharsets.UTF_8);
        String mcc = text.lines().filter(line -> line.startsWith("SYN_IF_01,Interface,MCC")).findFirst().orElseThrow();
        String changed = text.replace(mcc, mcc.replace("Interface", "Gennode")) + mcc.replace(",MCC,", ",MEC,") + "\r\n";
        ParsedPayload parsed = parse(DA, "20240310_da_expost_lmp.csv", changed.getBytes(StandardCharsets.UTF_8));

        assertThat(records(parsed)).hasSize(3 * 24).extracting(MisoLmpRecord::node).doesNotContain("SYN_IF_01");
        assertThat(parsed.rejected()).extracting(rejection -> rejection.lineNumber().orElseThrow(), RejectedRecord::reason).containsExactly(
                org.assertj.core.groups.Tuple.tuple(18, "unknown Value 'MEC' (known: LMP, MCC, MLC)"),
                org.assertj.core.groups.Tuple.tuple(15, "node SYN_IF_01 has rows of different Types: Interface, Gennode, Interface"),
                org.assertj.core.groups.Tuple.tuple(16, "node SYN_IF_01 has rows of different Types: Interface, Gennode, Interface"),
                org.assertj.core.groups.Tuple.tuple(17, "node SYN_IF_01 has rows of different Types: Interface, Gennode, Interface"));
    }

    @Test
    void headerWithoutRowsIsNoData()
    {
        ParsedPayload parsed = parse(DA, "20240701_da_expost_lmp.csv", resource("da_expost_lmp_no_data.csv"));

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.NO_DATA);
        assertThat(parsed.records()).isEmpty();
        assertThat(parsed.rejected()).isEmpty();
        assertThat(parsed.detail()).contains("the file has a header but no rows");
    }

    @Test
    void fileOfAnotherReportIsRefusedWithOneLine()
    {
        // by its name
        ParsedPayload byName = parse(DA, "20241103_rt_lmp_final.csv", resource("20241103_rt_lmp_final.csv"));
        assertThat(byName.outcome()).isEqualTo(FetchOutcome.REJECTED);
        assertThat(byName.rejected()).singleElement().extracting(RejectedRecord::reason)
                .isEqualTo("Cannot parse MISO file 20241103_rt_lmp_final.csv as da_expost_lmp: its name says it is rt_lmp_final");

        // by its title, under a name that says nothing
        ParsedPayload byTitle = parse(DA, "download.csv", resource("20241103_rt_lmp_final.csv"));
        assertThat(byTitle.outcome()).isEqualTo(FetchOutcome.REJECTED);
        assertThat(byTitle.rejected()).singleElement().extracting(RejectedRecord::reason)
                .isEqualTo("Cannot parse MISO file download.csv as da_expost_lmp: its title 'Real-Time Final Market LMPs' (line 1) is the rt_lmp_final report");

        // preliminary real-time given as final
        ParsedPayload prelim = parse(FINAL, "rt.csv", resource("20241103_rt_lmp_prelim.csv"));
        assertThat(prelim.detail()).contains("Cannot parse MISO file rt.csv as rt_lmp_final: its title 'Preliminary Real-Time Market LMPs' (line 1) is the "
                + "rt_lmp_prelim report");

        // a CSV of another layout altogether
        byte[] other = "MKTHOUR_EST,PNODENAME,LMP,CON_LMP,LOSS_LMP\r\n2024-07-01 00:00,ILLINOIS.HUB,20.1,0.5,0.1\r\n".getBytes(StandardCharsets.UTF_8);
        ParsedPayload otherLayout = parse(DA, "20240701_da_expost_lmp.csv", other);
        assertThat(otherLayout.rejected()).singleElement().extracting(RejectedRecord::reason)
                .isEqualTo("Cannot parse MISO file 20240701_da_expost_lmp.csv as da_expost_lmp: no header row (Node,Type,Value,HE 1..HE 24) in its first 20 lines");
    }

    @Test
    void dateLineAndNameMustAgree()
    {
        ParsedPayload parsed = parse(DA, "20240311_da_expost_lmp.csv", resource("20240310_da_expost_lmp.csv"));

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.REJECTED);
        assertThat(parsed.detail()).contains("Cannot parse MISO file 20240311_da_expost_lmp.csv as da_expost_lmp: its date line says market day 2024-03-10, "
                + "its name 2024-03-11");
    }

    @Test
    void duplicateRowsCollapseWhenTheyAgreeAndAreRejectedWhenNot()
    {
        String text = new String(resource("20240310_da_expost_lmp.csv"), StandardCharsets.UTF_8);
        String mcc = text.lines().filter(line -> line.startsWith("ILLINOIS.HUB,Hub,MCC")).findFirst().orElseThrow();
        ParsedPayload same = parse(DA, "20240310_da_expost_lmp.csv", (text + mcc + "\r\n").getBytes(StandardCharsets.UTF_8));
        assertThat(same.rejected()).isEmpty();
        assertThat(records(same)).filteredOn(MisoLmpRecord::hasDuplicateRows).extracting(MisoLmpRecord::node).containsOnly("ILLINOIS.HUB").hasSize(24);

        ParsedPayload different = parse(DA, "20240310_da_expost_lmp.csv", (text + mcc.replace(",1.25,", ",9.99,") + "\r\n").getBytes(StandardCharsets.UTF_8));
        assertThat(different.rejected()).singleElement().extracting(RejectedRecord::reason)
                .isEqualTo("node ILLINOIS.HUB has a second MCC row that disagrees with line 6");
    }

    @Test
    void unpublishedDayIsNoDataAndAServerErrorAnOperatorAnswer()
    {
        ParsedPayload notFound = PARSER.parse(live(404));
        assertThat(notFound.outcome()).isEqualTo(FetchOutcome.NO_DATA);
        assertThat(notFound.detail()).contains("MISO has not published 20300101_da_expost_lmp.csv (yet): HTTP 404");

        ParsedPayload failed = PARSER.parse(live(500));
        assertThat(failed.outcome()).isEqualTo(FetchOutcome.OPERATOR_ERROR);
        assertThat(failed.operatorErrorCode()).contains("HTTP 500");
    }

    private static Payload live(int status)
    {
        return new Payload(MisoMarket.SOURCE, DA.reportName(), Payload.Origin.LIVE, "da_expost_lmp|2030-01-01", Optional.empty(),
                "20300101_da_expost_lmp.csv", Instant.parse("2024-12-01T00:00:00Z"), status, "<html>Not Found</html>".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void realLoadWorkbookIsNotAnLmpReport()
            throws IOException
    {
        Path workbook = SHARED.resolve("fixtures/real/miso/20250310_df_al.xls");
        assumeTrue(Files.isRegularFile(workbook), "the shared real fixture " + workbook + " is absent");
        byte[] bytes = Files.readAllBytes(workbook);

        assertThat(parse(DA, workbook.getFileName().toString(), bytes).rejected()).singleElement().extracting(RejectedRecord::reason)
                .isEqualTo("Cannot parse MISO file 20250310_df_al.xls as da_expost_lmp: its name says it is df_al");
        ParsedPayload unnamed = parse(DA, "upload.bin", bytes);
        assertThat(unnamed.outcome()).isEqualTo(FetchOutcome.REJECTED);
        assertThat(unnamed.rejected()).singleElement().extracting(RejectedRecord::reason).asString().startsWith("Cannot parse MISO file upload.bin");
    }
}
