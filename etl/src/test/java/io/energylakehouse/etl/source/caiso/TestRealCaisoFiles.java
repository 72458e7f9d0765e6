package io.energylakehouse.etl.source.caiso;

import io.energylakehouse.etl.raw.FetchOutcome;
import io.energylakehouse.etl.raw.ParsedPayload;
import io.energylakehouse.etl.raw.Payload;
import io.energylakehouse.etl.raw.PayloadContent;
import io.energylakehouse.etl.raw.PayloadLimits;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Real OASIS files from public repositories (see shared/fixtures/real/PROVENANCE.md, caiso section). The
 * class is skipped when the shared folder is not next to the repository.
 */
class TestRealCaisoFiles
{
    private static final String SEED = "seed_PRC_LMP_DAM_20200101_excerpt.csv";
    private static final String SEED_NODE = "AFPR_1_TOT_GEN-APND";
    private static final String RENEWABLES_ZIP = "20250204_20250211_SLD_REN_FCST_DAM_20250214_04_52_10_v1.zip";
    private static final String LOAD_ZIP = "20250219_20250227_SLD_FCST_7DA_20250221_01_09_58_v1.zip";

    private static Path directory;

    @BeforeAll
    static void findSharedFixtures()
    {
        directory = Path.of(System.getProperty("lakehouse.shared-dir", "../../shared")).resolve("fixtures/real/caiso");
        assumeTrue(Files.isDirectory(directory), "no real CAISO fixtures at " + directory.toAbsolutePath());
    }

    @Test
    void parsesRealPriceExcerpt()
    {
        ParsedPayload parsed = new OasisLmpParser().parse(payload("PRC_LMP", SEED));

        assertThat(parsed).isEqualTo(new ParsedPayload(
                FetchOutcome.PARSED,
                "da_hourly",
                CaisoTables.RAW_PRC_LMP,
                parsed.records(),
                List.of(),
                Optional.empty(),
                Optional.empty(),
                Optional.of("PRC_LMP|DAM|2020-01-02T00:00:00Z|2020-01-02T08:00:00Z|ALL_APNODES"),
                Optional.empty(),
                Set.of(LocalDate.of(2020, 1, 1))));
        List<OasisLmpRecord> records = parsed.records().stream().map(OasisLmpRecord.class::cast).toList();
        assertThat(records).hasSize(9);
        assertThat(records.get(0)).isEqualTo(new OasisLmpRecord(
                2,
                Instant.parse("2020-01-02T01:00:00Z"),
                Instant.parse("2020-01-02T02:00:00Z"),
                LocalDate.of(2020, 1, 1),
                18,
                0,
                SEED_NODE,
                SEED_NODE,
                SEED_NODE,
                "DAM",
                "LMP",
                "LMP_PRC",
                SEED_NODE,
                "ALL_APNODES",
                0.0,
                37.19566,
                1));
        assertThat(records.get(8)).isEqualTo(new OasisLmpRecord(
                10,
                Instant.parse("2020-01-02T03:00:00Z"),
                Instant.parse("2020-01-02T04:00:00Z"),
                LocalDate.of(2020, 1, 1),
                20,
                0,
                SEED_NODE,
                SEED_NODE,
                SEED_NODE,
                "DAM",
                "MCC",
                "LMP_CONG_PRC",
                SEED_NODE,
                "ALL_APNODES",
                0.0,
                0.0,
                2));
        assertThat(records).allSatisfy(record -> {
            assertThat(record.node()).isEqualTo(SEED_NODE);
            assertThat(record.oprDt()).isEqualTo(LocalDate.of(2020, 1, 1));
            assertThat(CaisoMarket.TIME.operatingDate(record.intervalStartUtc())).isEqualTo(record.oprDt());
            assertThat(record.oprHr()).as("OPR_HR of line %d", record.lineNumber()).isEqualTo(CaisoMarket.TIME.hourEnding(record.intervalStartUtc()));
        });
    }

    @Test
    void parseFileReadsRealPriceExcerpt()
    {
        ParsedPayload parsed = OasisLmpParser.parseFile(OasisReport.PRC_LMP, bytes(SEED), SEED);

        assertThat(parsed.outcome()).isEqualTo(FetchOutcome.PARSED);
        assertThat(parsed.records()).hasSize(9);
    }

    @Test
    void unwrapsRealRenewablesForecastZip()
    {
        Map<String, List<String>> members = new LinkedHashMap<>();
        OasisContent content = read(RENEWABLES_ZIP, members);

        String member = "20250204_20250211_SLD_REN_FCST_DAM_20250214_04_52_10_v1.csv";
        assertThat(content).isInstanceOfSatisfying(OasisContent.Csv.class, csv -> {
            assertThat(csv.memberNames()).containsExactly(member);
            assertThat(csv.reportName()).contains("SLD_REN_FCST");
            // 2025-02-14 04:52:10 read as Pacific standard time (UTC-8)
            assertThat(csv.generatedAtUtc()).contains(Instant.parse("2025-02-14T12:52:10Z"));
            assertThat(members.keySet()).containsExactly(member);
            assertThat(members.get(member).get(0)).startsWith("OPR_DT,OPR_HR,OPR_INTERVAL,INTERVALSTARTTIME_GMT,INTERVALENDTIME_GMT,TRADING_HUB,");
            assertThat(dataRows(members.get(member))).isEqualTo(1_008);
        });
    }

    @Test
    void unwrapsRealLoadForecastZip()
    {
        Map<String, List<String>> members = new LinkedHashMap<>();
        OasisContent content = read(LOAD_ZIP, members);

        String member = "20250219_20250227_SLD_FCST_7DA_20250221_01_09_58_v1.csv";
        assertThat(content).isInstanceOfSatisfying(OasisContent.Csv.class, csv -> {
            assertThat(csv.memberNames()).containsExactly(member);
            assertThat(csv.reportName()).contains("SLD_FCST");
            assertThat(csv.generatedAtUtc()).contains(Instant.parse("2025-02-21T09:09:58Z"));
            assertThat(members.get(member).get(0)).startsWith("INTERVALSTARTTIME_GMT,INTERVALENDTIME_GMT,LOAD_TYPE,OPR_DT,");
            assertThat(dataRows(members.get(member))).isEqualTo(6_432);
        });
    }

    @Test
    void rejectsRenewablesForecastParsedAsPrices()
    {
        ParsedPayload parsed = new OasisLmpParser().parse(payload("PRC_LMP", RENEWABLES_ZIP));

        assertThat(parsed).isEqualTo(ParsedPayload.rejected("da_hourly", CaisoTables.RAW_PRC_LMP,
                "Cannot parse CAISO OASIS file " + RENEWABLES_ZIP + " as PRC_LMP: it holds report SLD_REN_FCST "
                        + "(member 20250204_20250211_SLD_REN_FCST_DAM_20250214_04_52_10_v1.csv)"));
    }

    @Test
    void rejectsLoadForecastParsedAsPrices()
    {
        ParsedPayload parsed = new OasisLmpParser().parse(payload("PRC_LMP", LOAD_ZIP));

        assertThat(parsed).isEqualTo(ParsedPayload.rejected("da_hourly", CaisoTables.RAW_PRC_LMP,
                "Cannot parse CAISO OASIS file " + LOAD_ZIP + " as PRC_LMP: it holds report SLD_FCST "
                        + "(member 20250219_20250227_SLD_FCST_7DA_20250221_01_09_58_v1.csv)"));
    }

    /** Unwraps the file as the parser does, keeping each CSV member's lines. */
    private static OasisContent read(String fileName, Map<String, List<String>> members)
    {
        return OasisFiles.read(PayloadContent.of(bytes(fileName)), fileName, PayloadLimits.DEFAULTS, (memberName, lines) -> {
            List<String> read = new ArrayList<>();
            for (String line = lines.next(); line != null; line = lines.next()) {
                read.add(line);
            }
            members.put(memberName, read);
        });
    }

    private static long dataRows(List<String> lines)
    {
        return lines.stream().filter(line -> !line.isBlank()).count() - 1;
    }

    private static Payload payload(String report, String fileName)
    {
        return new Payload(CaisoMarket.SOURCE, report, Payload.Origin.REPLAY, report + "|" + fileName, Optional.empty(), fileName,
                Instant.parse("2025-03-01T00:00:00Z"), 200, bytes(fileName));
    }

    private static byte[] bytes(String fileName)
    {
        try {
            return Files.readAllBytes(directory.resolve(fileName));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
