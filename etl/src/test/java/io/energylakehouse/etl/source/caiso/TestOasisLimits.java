package io.energylakehouse.etl.source.caiso;

import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.config.DataSize;
import io.energylakehouse.etl.raw.FetchOutcome;
import io.energylakehouse.etl.raw.ParsedPayload;
import io.energylakehouse.etl.raw.Payload;
import io.energylakehouse.etl.raw.PayloadContent;
import io.energylakehouse.etl.raw.PayloadLimits;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static io.energylakehouse.etl.source.caiso.TestOasisLmpParser.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The OASIS reader within {@link PayloadLimits}, with limits small enough to keep the inputs small: too large a
 * payload, zips that expand beyond the total or the ratio (counted while inflating), a member without line
 * breaks. Each is a rejection with its reason, never an exhausted heap.
 */
class TestOasisLimits
{
    private static final String MEMBER = "20240701_20240701_PRC_LMP_DAM_20240630_13_05_12_v12.csv";
    private static final byte[] DAY = resource("prc_lmp_dam_20240701.csv");

    @Test
    void aPayloadOverTheSizeLimitIsRejectedUnread()
    {
        PayloadLimits limits = new PayloadLimits(DAY.length - 1, 1L << 30, 200);

        ParsedPayload parsed = new OasisLmpParser(limits).parse(payload("day.csv", DAY));

        assertThat(parsed).isEqualTo(ParsedPayload.rejected("da_hourly", CaisoTables.RAW_PRC_LMP, String.format(
                "Cannot parse CAISO OASIS file day.csv: it is %s (%d bytes), larger than the limit of %s (etl.raw.max-payload-bytes)",
                DataSize.format(DAY.length), DAY.length, DataSize.format(DAY.length - 1))));
        assertThat(new OasisLmpParser(new PayloadLimits(DAY.length, 1L << 30, 200)).parse(payload("day.csv", DAY)).outcome()).isEqualTo(FetchOutcome.PARSED);
    }

    @Test
    void aZipWhoseMembersExpandBeyondTheTotalIsRejected()
    {
        byte[] zip = zip(Map.of(MEMBER, DAY));
        PayloadLimits limits = new PayloadLimits(1L << 30, DAY.length - 1, 1_000_000);

        ParsedPayload parsed = new OasisLmpParser(limits).parse(payload("day.zip", zip));

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.REJECTED);
        assertThat(parsed.detail()).contains(String.format("Cannot parse CAISO OASIS file day.zip: its members expand to more than %s (etl.raw.max-expanded-bytes); "
                + "a zip bomb or not an operator file", DataSize.format(DAY.length - 1)));
        assertThat(parsed.records()).isEmpty();
        assertThat(new OasisLmpParser(new PayloadLimits(1L << 30, DAY.length, 1_000_000)).parse(payload("day.zip", zip)).outcome()).isEqualTo(FetchOutcome.PARSED);
    }

    @Test
    void theTotalCountsEveryMember()
    {
        Map<String, byte[]> members = new LinkedHashMap<>();
        members.put(MEMBER, DAY);
        members.put(MEMBER.replace("v12", "v13"), DAY);
        PayloadLimits limits = new PayloadLimits(1L << 30, DAY.length + DAY.length / 2, 1_000_000);

        ParsedPayload parsed = new OasisLmpParser(limits).parse(payload("two.zip", zip(members)));

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.REJECTED);
        assertThat(parsed.detail().orElseThrow()).contains("its members expand to more than");
    }

    @Test
    void aZipThatExpandsBeyondTheRatioIsRejected()
    {
        // Repeated lines compress far better than an operator's file: a bomb in miniature.
        String line = "2024-07-01T07:00:00-00:00,2024-07-01T08:00:00-00:00,2024-07-01,1,0,X,X,X,DAM,LMP,LMP_PRC,X,ALL_APNODES,0,24.82,1\n";
        String text = new String(DAY, StandardCharsets.UTF_8).lines().findFirst().orElseThrow() + "\n" + line.repeat(20_000);
        byte[] zip = zip(Map.of(MEMBER, text.getBytes(StandardCharsets.UTF_8)));
        assertThat((double) text.length() / zip.length).as("compression ratio").isGreaterThan(100);
        PayloadLimits limits = new PayloadLimits(1L << 30, 1L << 30, 20);

        ParsedPayload parsed = new OasisLmpParser(limits).parse(payload("bomb.zip", zip));

        assertThat(parsed.detail()).contains("Cannot parse CAISO OASIS file bomb.zip: its members expand to more than 20 times their compressed size "
                + "(etl.raw.max-expansion-ratio); a zip bomb or not an operator file");
        // An operator's file compresses some 15 to 1: well within the default ratio.
        assertThat(new OasisLmpParser().parse(payload("day.zip", zip(Map.of(MEMBER, DAY)))).outcome()).isEqualTo(FetchOutcome.PARSED);
    }

    @Test
    void aMemberOfZerosStopsAtTheRatioOrAtTheLineBoundNotAtTheHeap()
    {
        // 8 MiB of zeros deflate to some 8 KB: the ratio stops them after the first MiB...
        byte[] zip = zip(Map.of(MEMBER, new byte[8 << 20]));

        ParsedPayload parsed = new OasisLmpParser().parse(payload("zeros.zip", zip));

        assertThat(parsed).isEqualTo(ParsedPayload.rejected("da_hourly", CaisoTables.RAW_PRC_LMP,
                "Cannot parse CAISO OASIS file zeros.zip: its members expand to more than 200 times their compressed size (etl.raw.max-expansion-ratio); "
                        + "a zip bomb or not an operator file"));
        // ...and without a ratio, a line without end stops at 1 MiB.
        ParsedPayload withoutRatio = new OasisLmpParser(new PayloadLimits(1L << 30, 1L << 30, 1_000_000)).parse(payload("zeros.zip", zip));
        assertThat(withoutRatio.detail()).contains(
                "Cannot parse CAISO OASIS file zeros.zip: zip member '" + MEMBER + "': line 1 is longer than 1 MiB: not a CSV text file");
    }

    @Test
    void parseFileNamesTheLimitInOneMessage()
    {
        assertThatThrownBy(() -> OasisLmpParser.parseFile(OasisReport.PRC_LMP, PayloadContent.of(zip(Map.of(MEMBER, DAY))), "day.zip",
                new PayloadLimits(100, 1L << 30, 200)))
                .isInstanceOf(LakehouseException.class)
                .hasMessageMatching("Cannot parse CAISO OASIS file day\\.zip: it is .* bytes\\), larger than the limit of 100 B \\(etl\\.raw\\.max-payload-bytes\\)");
    }

    private static Payload payload(String fileName, byte[] bytes)
    {
        return new Payload(CaisoMarket.SOURCE, "PRC_LMP", Payload.Origin.REPLAY, "", Optional.empty(), fileName, Instant.parse("2024-07-01T21:00:00Z"), 200, bytes);
    }

    private static byte[] zip(Map<String, byte[]> members)
    {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> member : members.entrySet()) {
                zip.putNextEntry(new ZipEntry(member.getKey()));
                zip.write(member.getValue());
                zip.closeEntry();
            }
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
