package io.energylakehouse.etl.source.settlements;

import io.energylakehouse.common.table.CanonicalTables;
import io.energylakehouse.common.table.Lakehouse;
import io.energylakehouse.common.testing.TestLakehouses;
import io.energylakehouse.etl.jobs.SettlementsPipeline;
import io.energylakehouse.etl.jobs.SettlementsResult;
import io.energylakehouse.etl.raw.RejectedPayload;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Settlement files through the whole connector on a tiny lake: land, curate, rerun, a corrected file, a file
 * published between two others, bad lines and a file without a header. The tests use distinct trade dates.
 */
class TestSettlementsPipeline
{
    private static final String HEADER = "trade_date,market,contract_code,profile,delivery_start,delivery_end,settlement_price,currency,unit,exchange";
    private static final LocalDate JUNE_4 = LocalDate.of(2024, 6, 4);

    @TempDir
    static Path home;

    @TempDir
    static Path files;

    private static Lakehouse lakehouse;
    private static SettlementsPipeline pipeline;

    @BeforeAll
    static void start()
    {
        lakehouse = TestLakehouses.create(home);
        pipeline = new SettlementsPipeline(lakehouse);
    }

    @AfterAll
    static void stop()
    {
        lakehouse.close();
    }

    @Test
    void landsCuratesRerunsAndRevises()
            throws IOException
    {
        Path fixtures = Files.createDirectories(files.resolve("june"));
        write(fixtures.resolve("settlements_20240603_20240605.csv"), TestSettlementParser.resource("settlements_20240603_20240605.csv"), "2024-06-05T21:30:00Z");
        Files.writeString(fixtures.resolve("README.txt"), "not a settlement file: folders are read for .csv files only");

        SettlementsResult first = pipeline.load(List.of(fixtures));

        assertThat(first.payloads()).isEqualTo(1);
        assertThat(first.rowsLanded()).isEqualTo(36);
        assertThat(first.rowsRejected()).isZero();
        assertThat(first.rowsCurated()).isEqualTo(36);
        assertThat(first.curation().rowsWritten()).isEqualTo(36);
        assertThat(first.curation().laterRevisions()).isZero();
        assertThat(first.curation().tradeDates()).containsExactly(LocalDate.of(2024, 6, 3), JUNE_4, LocalDate.of(2024, 6, 5));
        assertThat(first.rejectedPayloads()).isEmpty();
        assertThat(Arrays.asList(lakehouse.read(CanonicalTables.COMMODITY_PRICES).columns())).isEqualTo(CanonicalTables.COMMODITY_PRICES.columnNames());
        String originalFetch = fetchIdOf("settlements_20240603_20240605.csv");
        assertThat(revisions("PJM", "PMI-JUL24", "peak", JUNE_4)).containsExactly(
                List.of("PJM", "PMI-JUL24", "peak", JUNE_4, LocalDate.of(2024, 7, 1), LocalDate.of(2024, 8, 1), 78.25, "USD", "MWh", "ICE",
                        Instant.parse("2024-06-05T21:30:00Z"), 1, originalFetch, List.of()));
        assertThat(lakehouse.read(CanonicalTables.COMMODITY_PRICES).where(col("market").equalTo("HENRY-HUB")).orderBy("trade_date")
                .select("settlement_price", "unit", "profile").collectAsList())
                .extracting(row -> row.getDouble(0), row -> row.getString(1), row -> row.getString(2))
                .containsExactly(tuple(2.766, "MMBtu", "base"), tuple(2.708, "MMBtu", "base"), tuple(2.792, "MMBtu", "base"));

        // The same files again: nothing landed, nothing written, not even a snapshot.
        long snapshot = lakehouse.currentSnapshotId(CanonicalTables.COMMODITY_PRICES).orElseThrow();
        SettlementsResult again = pipeline.load(List.of(fixtures));
        assertThat(again.landing().payloadsNew()).isZero();
        assertThat(again.landing().payloadsAlreadyLanded()).isEqualTo(1);
        assertThat(again.rowsLanded()).isZero();
        assertThat(again.rowsCurated()).isEqualTo(36);
        assertThat(again.curation().rowsWritten()).isZero();
        assertThat(lakehouse.currentSnapshotId(CanonicalTables.COMMODITY_PRICES).orElseThrow()).isEqualTo(snapshot);
        assertThat(lakehouse.read(SettlementTables.RAW_FUTURES_SETTLEMENTS).where(col("fetch_id").equalTo(originalFetch)).count()).isEqualTo(36);

        // A correction published the next morning: a changed price is revision 2, an unchanged one is no revision.
        Path corrected = write(files.resolve("settlements_20240604_corrected.csv"), (HEADER + "\n"
                + "2024-06-04,PJM,PMI-JUL24,peak,2024-07-01,2024-08-01,78.45,USD,MWh,ICE\n"
                + "2024-06-04,PJM,OPJ-JUL24,offpeak,2024-07-01,2024-08-01,37.40,USD,MWh,ICE\n").getBytes(StandardCharsets.UTF_8), "2024-06-06T08:00:00Z");
        SettlementsResult correction = pipeline.load(List.of(corrected));
        assertThat(correction.rowsLanded()).isEqualTo(2);
        assertThat(correction.curation().rowsWritten()).isEqualTo(1);
        assertThat(correction.rowsCurated()).isEqualTo(13);
        assertThat(correction.curation().laterRevisions()).isEqualTo(1);
        String correctionFetch = fetchIdOf("settlements_20240604_corrected.csv");
        assertThat(revisions("PJM", "PMI-JUL24", "peak", JUNE_4)).extracting(row -> row.get(11), row -> row.get(6), row -> row.get(10), row -> row.get(12))
                .containsExactly(
                        tuple(1, 78.25, Instant.parse("2024-06-05T21:30:00Z"), originalFetch),
                        tuple(2, 78.45, Instant.parse("2024-06-06T08:00:00Z"), correctionFetch));
        assertThat(revisions("PJM", "OPJ-JUL24", "offpeak", JUNE_4)).extracting(row -> row.get(11), row -> row.get(12)).containsExactly(tuple(1, originalFetch));

        // A file that was published between the two arrives last: revisions follow publication, the later one is renumbered.
        Path between = write(files.resolve("settlements_20240604_intraday.csv"), (HEADER + "\n"
                + "2024-06-04,PJM,PMI-JUL24,peak,2024-07-01,2024-08-01,78.35,USD,MWh,ICE\n").getBytes(StandardCharsets.UTF_8), "2024-06-06T02:00:00Z");
        SettlementsResult late = pipeline.load(List.of(between));
        assertThat(late.curation().rowsWritten()).isEqualTo(2);
        assertThat(revisions("PJM", "PMI-JUL24", "peak", JUNE_4)).extracting(row -> row.get(11), row -> row.get(6), row -> row.get(12))
                .containsExactly(tuple(1, 78.25, originalFetch), tuple(2, 78.35, fetchIdOf("settlements_20240604_intraday.csv")), tuple(3, 78.45, correctionFetch));

        SettlementsResult everything = pipeline.load(List.of(fixtures, corrected, between));
        assertThat(everything.landing().payloadsAlreadyLanded()).isEqualTo(3);
        assertThat(everything.curation().rowsWritten()).isZero();
        assertThat(everything.rowsCurated()).isEqualTo(38);
    }

    @Test
    void badLinesAreQuarantinedAndAFileWithoutHeaderIsRejectedWhole()
            throws IOException
    {
        Path folder = Files.createDirectories(files.resolve("july"));
        write(folder.resolve("a_settlements_20240701.csv"), (HEADER + "\n"
                + "2024-07-01,PJM,PMI-AUG24,peak,2024-08-01,2024-09-01,71.90,USD,MWh,ICE\n"
                + "2024-07-01,PJM,OPJ-AUG24,offpeak,2024-08-01,2024-09-01,NaN,USD,MWh,ICE\n"
                + "2024-07-01,EEX-DE,F1BM-AUG24,base,2024-08-01,2024-09-01,79.10,EUR,MWh,EEX\n"
                + "2024-07-01,EEX-DE,F1PM-AUG24,peak,2024-08-01,2024-09-01,74.60,EUR,MWh,EEX\n"
                + "2024-07-01,EEX-DE,F1BM-AUG24,base,2024-08-01,2024-09-01,79.10,EUR,MWh,EEX\n"
                + "2024-07-01,EEX-DE,F1PM-AUG24,peak,2024-08-01,2024-09-01,74.65,EUR,MWh,EEX\n").getBytes(StandardCharsets.UTF_8), "2024-07-01T20:00:00Z");
        write(folder.resolve("b_no_header.csv"), "2024-07-01,PJM,PMI-SEP24,peak,2024-09-01,2024-10-01,60.15,USD,MWh,ICE\n".getBytes(StandardCharsets.UTF_8),
                "2024-07-01T20:00:00Z");

        SettlementsResult result = pipeline.load(List.of(folder));

        assertThat(result.payloads()).isEqualTo(2);
        assertThat(result.rowsLanded()).isEqualTo(3);
        // Three lines, and the file without a header as one record.
        assertThat(result.rowsRejected()).isEqualTo(4);
        assertThat(result.rowsCurated()).isEqualTo(2);
        assertThat(result.rejectedPayloads()).extracting(RejectedPayload::fileName).containsExactly("b_no_header.csv");
        assertThat(result.rejectedPayloads().get(0).reason()).startsWith("Cannot parse futures settlements file b_no_header.csv: columns trade_date, market,");
        assertThat(lakehouse.read(CanonicalTables.COMMODITY_PRICES).where(col("trade_date").equalTo(LocalDate.of(2024, 7, 1))).orderBy("market")
                .select("market", "contract_code", "settlement_price", "dq_flags").collectAsList())
                .extracting(row -> row.getString(0), row -> row.getString(1), row -> row.getDouble(2), row -> row.getList(3))
                .containsExactly(tuple("EEX-DE", "F1BM-AUG24", 79.10, List.of("duplicate_rows_collapsed")), tuple("PJM", "PMI-AUG24", 71.90, List.of()));
        List<Row> quarantined = lakehouse.read(CanonicalTables.QUARANTINE)
                .where(col("fetch_id").isin(fetchIdOf("a_settlements_20240701.csv"), fetchIdOf("b_no_header.csv")))
                .orderBy(col("line_number").asc_nulls_last()).collectAsList();
        assertThat(quarantined).extracting(row -> row.getAs("market"), row -> row.getAs("line_number"), row -> row.getAs("operating_date"),
                        row -> row.getAs("stage"), row -> row.getAs("source"), row -> row.getAs("dataset"))
                .containsExactly(
                        tuple("PJM", 3, LocalDate.of(2024, 7, 1), "parse", "settlements-csv", "futures_settlements"),
                        tuple("EEX-DE", 5, LocalDate.of(2024, 7, 1), "parse", "settlements-csv", "futures_settlements"),
                        tuple("EEX-DE", 7, LocalDate.of(2024, 7, 1), "parse", "settlements-csv", "futures_settlements"),
                        tuple("UNKNOWN", null, null, "parse", "settlements-csv", "futures_settlements"));
        assertThat(quarantined.get(0).<String>getAs("reason")).isEqualTo("settlement_price 'NaN' is not a finite number");
        assertThat(quarantined.get(3).<String>getAs("reason")).isEqualTo(result.rejectedPayloads().get(0).reason());
    }

    /** Every revision of a key as a list of values in the table's column order, dq_flags as a Java list. */
    private static List<List<Object>> revisions(String market, String contractCode, String profile, LocalDate tradeDate)
    {
        return lakehouse.read(CanonicalTables.COMMODITY_PRICES)
                .where(col("market").equalTo(market).and(col("contract_code").equalTo(contractCode)).and(col("profile").equalTo(profile))
                        .and(col("trade_date").equalTo(tradeDate)))
                .orderBy("revision")
                .collectAsList().stream()
                .map(row -> {
                    List<Object> values = new java.util.ArrayList<>();
                    for (int i = 0; i < row.size() - 1; i++) {
                        values.add(row.get(i));
                    }
                    values.add(row.getList(row.size() - 1));
                    return values;
                })
                .toList();
    }

    private static String fetchIdOf(String fileName)
    {
        List<Row> rows = lakehouse.read(CanonicalTables.FETCH_LOG).where(col("file_name").equalTo(fileName)).select("fetch_id").collectAsList();
        assertThat(rows).as("fetch log rows of %s", fileName).hasSize(1);
        return rows.get(0).getString(0);
    }

    private static Path write(Path file, byte[] bytes, String modifiedAtUtc)
            throws IOException
    {
        Files.write(file, bytes);
        Files.setLastModifiedTime(file, FileTime.from(Instant.parse(modifiedAtUtc)));
        return file;
    }
}
