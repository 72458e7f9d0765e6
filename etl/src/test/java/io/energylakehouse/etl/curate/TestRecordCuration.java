package io.energylakehouse.etl.curate;

import io.energylakehouse.common.table.CanonicalTables;
import io.energylakehouse.common.table.Lakehouse;
import io.energylakehouse.common.testing.TestLakehouses;
import io.energylakehouse.etl.jobs.MarketPipeline;
import io.energylakehouse.etl.jobs.PublishResult;
import io.energylakehouse.etl.raw.LandingResult;
import io.energylakehouse.etl.raw.Payload;
import io.energylakehouse.etl.source.ecb.EcbConnector;
import io.energylakehouse.etl.source.ecb.EcbRates;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The shared curation of reports feeding a table other than curated.market_prices, through the ECB connector on a tiny
 * lake: first landing, a rerun that writes nothing, a rewritten history file adding one date, a changed value as
 * revision 2, a refused record in quarantine; then publishing (nothing) and the Spark twin of {@link FxRates}.
 */
class TestRecordCuration
{
    private static final String HEADER = "Date,USD,JPY,NOK,HRK,\n";
    private static final String JANUARY_3 = "2025-01-03,1.0299,162.88,11.7940,N/A,\n";
    /** NOK 0 is not a rate: refused and quarantined. */
    private static final String JANUARY_2 = "2025-01-02,1.0321,163.11,0,N/A,\n";
    private static final String JANUARY_6 = "2025-01-06,1.0307,163.50,11.8010,N/A,\n";
    private static final String JANUARY_7 = "2025-01-07,1.0388,163.20,11.7650,N/A,\n";

    @TempDir
    static Path home;

    private static Lakehouse lakehouse;
    private static MarketPipeline pipeline;

    @BeforeAll
    static void start()
    {
        lakehouse = TestLakehouses.create(home);
        pipeline = new MarketPipeline(lakehouse, new EcbConnector());
    }

    @AfterAll
    static void stop()
    {
        lakehouse.close();
    }

    @Test
    void landsRerunsAddsADateRevisesAndQuarantines()
    {
        // First landing: two dates, HRK N/A (no row), NOK 0 on January 2 (refused).
        String first = HEADER + JANUARY_3 + JANUARY_2;
        RecordCurateResult landed = landAndCurate(first, "2025-01-03T18:00:00Z");
        String fetchA = fetchIdOf(first);
        assertThat(landed).isEqualTo(new RecordCurateResult("ECB", "curated.fx_rates", "eurofxref", List.of(LocalDate.of(2025, 1, 2), LocalDate.of(2025, 1, 3)),
                1, 5, 5, 0, 1, 1));
        assertThat(Arrays.asList(lakehouse.read(CanonicalTables.FX_RATES).columns())).isEqualTo(CanonicalTables.FX_RATES.columnNames());
        assertThat(rows("USD")).containsExactly(
                List.of(LocalDate.of(2025, 1, 2), "USD", new BigDecimal("1.03210000"), "ECB", Instant.parse("2025-01-02T15:00:00Z"), 1, fetchA, List.of()),
                List.of(LocalDate.of(2025, 1, 3), "USD", new BigDecimal("1.02990000"), "ECB", Instant.parse("2025-01-03T15:00:00Z"), 1, fetchA, List.of()));
        assertThat(lakehouse.read(CanonicalTables.FX_RATES).where(col("currency").equalTo("HRK")).count()).as("N/A is no rate").isZero();
        assertThat(lakehouse.read(CanonicalTables.QUARANTINE).where(col("stage").equalTo("curate")).collectAsList())
                .extracting(row -> row.getAs("market"), row -> row.getAs("dataset"), row -> row.getAs("source"), row -> row.getAs("location_id"),
                        row -> row.getAs("operating_date"), row -> row.getAs("fetch_id"), row -> row.getAs("reason"))
                .containsExactly(tuple("ECB", "eurofxref", EcbRates.SOURCE, "NOK", LocalDate.of(2025, 1, 2), fetchA,
                        "eurofxref-hist.csv line 3: NOK on 2025-01-02 is 0: not a rate (units per EUR must be positive)"));

        // The same payload again: nothing landed, nothing written, no snapshot in either table.
        long ratesSnapshot = lakehouse.currentSnapshotId(CanonicalTables.FX_RATES).orElseThrow();
        long quarantineSnapshot = lakehouse.currentSnapshotId(CanonicalTables.QUARANTINE).orElseThrow();
        RecordCurateResult rerun = landAndCurate(first, "2025-01-03T18:00:00Z");
        assertThat(rerun.rowsWritten()).isZero();
        assertThat(rerun.quarantinedNew()).isZero();
        assertThat(rerun.rowsCurated()).isEqualTo(5);
        assertThat(rerun.asCurateResult().unchanged()).isTrue();
        assertThat(lakehouse.currentSnapshotId(CanonicalTables.FX_RATES).orElseThrow()).isEqualTo(ratesSnapshot);
        assertThat(lakehouse.currentSnapshotId(CanonicalTables.QUARANTINE).orElseThrow()).isEqualTo(quarantineSnapshot);

        // The history file rewritten the next business day: one more date (newest first). Only its rows are added; the
        // older ones keep their first payload. (Its own NOK 0 is a refusal of that payload, quarantined once for it.)
        String rewritten = HEADER + JANUARY_6 + JANUARY_3 + JANUARY_2;
        RecordCurateResult oneMoreDate = landAndCurate(rewritten, "2025-01-06T18:00:00Z");
        assertThat(oneMoreDate.payloads()).isEqualTo(2);
        assertThat(oneMoreDate.rowsWritten()).isEqualTo(3);
        assertThat(oneMoreDate.rowsCurated()).isEqualTo(8);
        assertThat(oneMoreDate.laterRevisions()).isZero();
        assertThat(rows("USD")).extracting(row -> row.get(0), row -> row.get(6)).containsExactly(
                tuple(LocalDate.of(2025, 1, 2), fetchA), tuple(LocalDate.of(2025, 1, 3), fetchA), tuple(LocalDate.of(2025, 1, 6), fetchIdOf(rewritten)));

        // A later file that changes one value: revision 2, dated when the file that changed it was published.
        String corrected = HEADER + JANUARY_7 + JANUARY_6 + JANUARY_3.replace("162.88", "162.90") + JANUARY_2;
        RecordCurateResult revised = landAndCurate(corrected, "2025-01-07T18:00:00Z");
        assertThat(revised.rowsWritten()).isEqualTo(4);
        assertThat(revised.rowsCurated()).isEqualTo(12);
        assertThat(revised.laterRevisions()).isEqualTo(1);
        assertThat(rows("JPY")).filteredOn(row -> row.get(0).equals(LocalDate.of(2025, 1, 3))).containsExactly(
                List.of(LocalDate.of(2025, 1, 3), "JPY", new BigDecimal("162.88000000"), "ECB", Instant.parse("2025-01-03T15:00:00Z"), 1, fetchA, List.of()),
                List.of(LocalDate.of(2025, 1, 3), "JPY", new BigDecimal("162.90000000"), "ECB", Instant.parse("2025-01-07T15:00:00Z"), 2, fetchIdOf(corrected), List.of()));

        // Publishing a connector without hub datasets publishes nothing, and says so.
        PublishResult published = pipeline.publish();
        assertThat(published.isNothingToPublish()).isTrue();
        assertThat(published.exports()).isEmpty();

        // The one-currency view's rate: Saturday takes Friday's latest rate, EUR is 1, CHF has none.
        StructType schema = new StructType().add("operating_date", DataTypes.DateType).add("currency", DataTypes.StringType);
        Dataset<Row> prices = lakehouse.spark().createDataFrame(List.of(
                RowFactory.create(LocalDate.of(2025, 1, 4), "JPY"),
                RowFactory.create(LocalDate.of(2025, 1, 3), "USD"),
                RowFactory.create(LocalDate.of(2025, 1, 4), "EUR"),
                RowFactory.create(LocalDate.of(2025, 1, 4), "CHF")), schema);
        assertThat(FxRates.withRate(prices, lakehouse.read(CanonicalTables.FX_RATES), "operating_date", "currency").orderBy("currency").collectAsList())
                .extracting(row -> row.getAs("currency"), row -> row.getAs(FxRates.RATE_DATE), row -> row.getAs(FxRates.UNITS_PER_EUR), row -> row.getAs(FxRates.RULE))
                .containsExactly(
                        tuple("CHF", null, null, null),
                        tuple("EUR", LocalDate.of(2025, 1, 4), new BigDecimal("1.00000000"), FxRates.SAME_DAY),
                        tuple("JPY", LocalDate.of(2025, 1, 3), new BigDecimal("162.90000000"), FxRates.PREVIOUS_BUSINESS_DAY),
                        tuple("USD", LocalDate.of(2025, 1, 3), new BigDecimal("1.02990000"), FxRates.SAME_DAY));
    }

    private static RecordCurateResult landAndCurate(String csv, String fetchedAt)
    {
        Payload payload = new Payload(EcbRates.SOURCE, EcbRates.REPORT, Payload.Origin.REPLAY, "replay", Optional.empty(), "eurofxref-hist.csv",
                Instant.parse(fetchedAt), 200, csv.getBytes(StandardCharsets.UTF_8));
        Iterator<Payload> payloads = List.of(payload).iterator();
        LandingResult landing = pipeline.land(payloads);
        assertThat(landing.rejectedPayloads()).isEmpty();
        return pipeline.curateRecords(EcbConnector.EUROFXREF, landing.operatingDates().stream().sorted().toList());
    }

    private static String fetchIdOf(String csv)
    {
        String sha256 = io.energylakehouse.etl.raw.Hashing.sha256(csv.getBytes(StandardCharsets.UTF_8));
        return lakehouse.read(CanonicalTables.FETCH_LOG).where(col("sha256").equalTo(sha256)).select("fetch_id").first().getString(0);
    }

    private static List<List<Object>> rows(String currency)
    {
        return lakehouse.read(CanonicalTables.FX_RATES).where(col("currency").equalTo(currency)).orderBy("rate_date", "revision").collectAsList().stream()
                .map(row -> Arrays.asList(row.get(0), row.get(1), row.get(2), row.get(3), row.get(4), row.get(5), row.get(6),
                        (Object) scala.jdk.javaapi.CollectionConverters.asJava(row.<scala.collection.Seq<Object>>getAs("dq_flags"))))
                .toList();
    }
}
