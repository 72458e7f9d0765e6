package io.energylakehouse.etl.source.miso;

import io.energylakehouse.etl.curate.CanonicalPrices;
import io.energylakehouse.etl.curate.PriceRow;
import io.energylakehouse.etl.raw.FetchOutcome;
import io.energylakehouse.etl.raw.ParsedPayload;
import io.energylakehouse.etl.raw.Payload;
import io.energylakehouse.etl.raw.RejectedRecord;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static io.energylakehouse.etl.source.miso.MisoTestFiles.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/**
 * The weekly five-minute LMP parser on a hand-written SYNTHETIC CSV (made-up values in the columns public descriptions
 * give the file: MKTHOUR_EST, PNODENAME, LMP, CON_LMP, LOSS_LMP, title lines above and a footer line), zipped at test
 * time as MISO serves it.
 */
class TestMisoFiveMinuteParser
{
    private static final MisoFiveMinuteParser PARSER = new MisoFiveMinuteParser();
    private static final String HEADER = "MKTHOUR_EST,PNODENAME,LMP,CON_LMP,LOSS_LMP";
    private static final String PREAMBLE = "\"Real-Time Final Market 5 Minute LMPs\"\r\n\"SYNTHETIC test sample hand-written for the lakehouse tests: not MISO data\"\r\n"
            + "\"All times are Eastern Standard Time (EST)\"\r\n\r\n";
    private static final String FOOTER = "\"Disclaimer: synthetic test footer\"\r\n";

    private static String csv(String... lines)
    {
        return PREAMBLE + HEADER + "\r\n" + String.join("\r\n", lines) + "\r\n" + FOOTER;
    }

    private static byte[] zip(String csv)
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("5MIN_LMP.csv"));
            zip.write(csv.getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static ParsedPayload parse(String fileName, byte[] bytes)
    {
        return PARSER.parse(new Payload(MisoMarket.SOURCE, "rt_5min_lmp", Payload.Origin.REPLAY, "rt_5min_lmp|test", Optional.empty(), fileName,
                Instant.parse("2024-12-01T00:00:00Z"), 200, bytes));
    }

    @SuppressWarnings("unchecked")
    private static List<MisoFiveMinuteRecord> records(ParsedPayload parsed)
    {
        return (List<MisoFiveMinuteRecord>) parsed.records();
    }

    @Test
    void readsBothDstDaysAtUtcMinusFiveFromUnorderedLines()
    {
        byte[] bytes = zip(csv(
                "2024-03-10 02:05:00,ILLINOIS.HUB,23.1,0.4,-0.2",
                "2024-03-10 02:00:00,SYN_MN_GN001,-12.75,-30.1,-1.4",
                "2024-03-10 02:00:00,ILLINOIS.HUB,22.5,0.5,-0.2",
                "2024-11-03 01:00:00,ILLINOIS.HUB,19.25,0.25,-0.15",
                "2024-11-03 01:55:00,ILLINOIS.HUB,18.5,0,-0.1"));

        ParsedPayload parsed = parse("20240318_5MIN_LMP.zip", bytes);

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(parsed.rejected()).isEmpty();
        assertThat(parsed.detail()).contains("footer line 11 skipped");
        assertThat(parsed.dataset()).isEqualTo("rt_5min");
        assertThat(parsed.contentKey()).contains("rt_5min_lmp|2024-03-18");
        assertThat(parsed.operatingDates()).containsExactlyInAnyOrder(LocalDate.of(2024, 3, 10), LocalDate.of(2024, 11, 3));
        // 02:00 EST on 2024-03-10 (a wall time America/Chicago skips) is 07:00Z; 01:00 EST on 2024-11-03 (one Chicago repeats) is 06:00Z, once
        assertThat(records(parsed)).extracting(MisoFiveMinuteRecord::lineNumber, MisoFiveMinuteRecord::intervalStartUtc, MisoFiveMinuteRecord::node,
                MisoFiveMinuteRecord::lmp).containsExactly(
                tuple(6, Instant.parse("2024-03-10T07:05:00Z"), "ILLINOIS.HUB", 23.1),
                tuple(7, Instant.parse("2024-03-10T07:00:00Z"), "SYN_MN_GN001", -12.75),
                tuple(8, Instant.parse("2024-03-10T07:00:00Z"), "ILLINOIS.HUB", 22.5),
                tuple(9, Instant.parse("2024-11-03T06:00:00Z"), "ILLINOIS.HUB", 19.25),
                tuple(10, Instant.parse("2024-11-03T06:55:00Z"), "ILLINOIS.HUB", 18.5));

        CanonicalPrices prices = MisoPayloadPrices.canonicalFiveMinute(records(parsed), Instant.parse("2024-03-18T15:00:00Z"), "fetch-5min");
        assertThat(prices.rejected()).isEmpty();
        assertThat(prices.rows()).filteredOn(row -> row.locationId().equals("SYN_MN_GN001")).singleElement().isEqualTo(new PriceRow("MISO", "rt_5min",
                "SYN_MN_GN001", "node", Instant.parse("2024-03-10T07:00:00Z"), Instant.parse("2024-03-10T07:05:00Z"), 5, LocalDate.of(2024, 3, 10), 3, -12.75,
                18.75, -30.1, -1.4, null, "USD", Instant.parse("2024-03-18T15:00:00Z"), 1, "fetch-5min", List.of(MisoPayloadPrices.ENERGY_DERIVED)));
        assertThat(prices.rows()).filteredOn(row -> row.locationId().equals("ILLINOIS.HUB")).extracting(PriceRow::locationType, PriceRow::hourEnding)
                .containsExactly(tuple("hub", 3), tuple("hub", 3), tuple("hub", 2), tuple("hub", 2));
    }

    @Test
    void missingColumnRejectsTheFileNamingFileAndColumn()
    {
        String csv = csv("2024-03-10 02:00:00,ILLINOIS.HUB,22.5,-0.2").replace(HEADER, "MKTHOUR_EST,PNODENAME,LMP,LOSS_LMP");

        ParsedPayload parsed = parse("20240318_5MIN_LMP.zip", zip(csv));

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.REJECTED);
        assertThat(parsed.rejected()).singleElement().extracting(RejectedRecord::reason).isEqualTo("Cannot parse MISO file 20240318_5MIN_LMP.zip as rt_5min_lmp: "
                + "column CON_LMP missing in header [MKTHOUR_EST, PNODENAME, LMP, LOSS_LMP] (line 5)");
    }

    @Test
    void truncatedFilesAreRejected()
    {
        // a CSV cut in its last line: the line is rejected, the rest kept
        String cut = PREAMBLE + HEADER + "\r\n2024-03-10 02:00:00,ILLINOIS.HUB,22.5,0.5,-0.2\r\n2024-03-10 02:05:00,ILLINOIS.HUB,23";
        ParsedPayload parsed = parse("20240318_5MIN_LMP.zip", zip(cut));
        assertThat(records(parsed)).hasSize(1);
        assertThat(parsed.rejected()).singleElement().extracting(RejectedRecord::reason).isEqualTo("expected 5 fields as in the header, found 3");

        // a zip cut short: rejected whole
        byte[] zip = zip(csv("2024-03-10 02:00:00,ILLINOIS.HUB,22.5,0.5,-0.2"));
        ParsedPayload cutZip = parse("20240318_5MIN_LMP.zip", Arrays.copyOf(zip, zip.length - 30));
        assertThat(cutZip.outcome()).isEqualTo(FetchOutcome.REJECTED);
        assertThat(cutZip.detail().orElseThrow()).startsWith("Cannot parse MISO file 20240318_5MIN_LMP.zip as rt_5min_lmp: ");
    }

    @Test
    void headerAndFooterWithoutLinesIsNoData()
    {
        ParsedPayload parsed = parse("20240318_5MIN_LMP.zip", zip(PREAMBLE + HEADER + "\r\n" + FOOTER));

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.NO_DATA);
        assertThat(parsed.rejected()).isEmpty();
    }

    @Test
    void filesOfOtherReportsAreRefusedWithOneLine()
    {
        assertThat(parse("20240310_da_expost_lmp.csv", resource("20240310_da_expost_lmp.csv")).rejected()).singleElement().extracting(RejectedRecord::reason)
                .isEqualTo("Cannot parse MISO file 20240310_da_expost_lmp.csv as rt_5min_lmp: its name says it is da_expost_lmp");
        assertThat(parse("download.csv", resource("20240310_da_expost_lmp.csv")).rejected()).singleElement().extracting(RejectedRecord::reason)
                .isEqualTo("Cannot parse MISO file download.csv as rt_5min_lmp: no header row with MKTHOUR_EST in its first 20 lines");
    }

    @Test
    void badTimesAndPricesAreRejectedAlone()
    {
        ParsedPayload parsed = parse("20240318_5MIN_LMP.zip", zip(csv(
                "2024-03-10 02:03:00,ILLINOIS.HUB,22.5,0.5,-0.2",
                "03/10/2024 02:10,ILLINOIS.HUB,x,0.5,-0.2",
                "3/10/2024 2:15:00 AM,ILLINOIS.HUB,22.5,0.5,-0.2")));

        assertThat(records(parsed)).extracting(MisoFiveMinuteRecord::intervalStartUtc).containsExactly(Instant.parse("2024-03-10T07:15:00Z"));
        assertThat(parsed.rejected()).extracting(RejectedRecord::reason).containsExactly(
                "MKTHOUR_EST '2024-03-10 02:03:00' does not start a five-minute interval",
                "LMP 'x' is not a number");
    }
}
