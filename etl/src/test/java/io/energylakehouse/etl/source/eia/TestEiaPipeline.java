package io.energylakehouse.etl.source.eia;

import io.energylakehouse.common.table.CanonicalTables;
import io.energylakehouse.common.table.Lakehouse;
import io.energylakehouse.common.testing.TestLakehouses;
import io.energylakehouse.etl.connector.ReplayFiles;
import io.energylakehouse.etl.curate.RecordCurateResult;
import io.energylakehouse.etl.jobs.MarketPipeline;
import io.energylakehouse.etl.raw.LandingResult;
import io.energylakehouse.etl.raw.Payload;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The synthetic EIA samples through the shared landing and curation on a tiny lake (one session for the class): the
 * release of 2024-03-14 revises the week ending 2024-03-01, which keeps both values with their releases; Henry Hub
 * prices land in curated.spot_prices; a rerun writes nothing.
 */
class TestEiaPipeline
{
    @TempDir
    static Path home;

    private static Lakehouse lakehouse;
    private static MarketPipeline pipeline;

    @BeforeAll
    static void start()
    {
        lakehouse = TestLakehouses.create(home);
        pipeline = new MarketPipeline(lakehouse, new EiaConnector());
    }

    @AfterAll
    static void stop()
    {
        lakehouse.close();
    }

    @Test
    void landsCuratesKeepsTheRevisedWeekAndRerunsToNothing()
    {
        EiaConnector connector = new EiaConnector();
        Path samples = home.resolve("samples");
        connector.samples().orElseThrow().write(samples, connector.demoDates(), 5, 7);
        List<Path> files = ReplayFiles.list(List.of(samples));

        LandingResult landing = pipeline.land(ReplayFiles.payloads(connector, files, Optional.empty(), Payload.Origin.REPLAY));
        assertThat(landing.rejectedPayloads()).isEmpty();
        List<LocalDate> dates = connector.demoDates();
        RecordCurateResult storage = pipeline.curateRecords(EiaConnector.STORAGE_WEEKLY, dates);
        RecordCurateResult spot = pipeline.curateRecords(EiaConnector.HENRY_HUB_SPOT, dates);

        // on the dates: weeks ending 2024-03-01, 2024-03-08 and 2024-11-01, six locations each, and revision 2 of R48 and R35 of each
        // (the releases of 2024-03-14, 2024-03-21 and 2024-11-14 revise them)
        assertThat(storage.rowsCurated()).isEqualTo(24);
        assertThat(storage.laterRevisions()).isEqualTo(6);
        assertThat(storage.quarantined()).isZero();
        List<Row> lower48 = lakehouse.read(CanonicalTables.FUNDAMENTALS)
                .where(col("market").equalTo("EIA").and(col("location_id").equalTo("R48")).and(col("operating_date").equalTo(LocalDate.of(2024, 3, 1))))
                .orderBy("revision").collectAsList();
        assertThat(lower48).extracting(row -> row.getAs("revision"), row -> row.getAs("published_at_utc"), row -> row.getAs("series"), row -> row.getAs("unit"),
                        row -> row.getAs("hour_ending"), row -> row.getAs("interval_minutes"))
                .containsExactly(tuple(1, Instant.parse("2024-03-07T15:30:00Z"), "storage_bcf", "Bcf", 24, 10_080),
                        tuple(2, Instant.parse("2024-03-14T14:30:00Z"), "storage_bcf", "Bcf", 24, 10_080));
        assertThat((Double) lower48.get(1).getAs("value") - (Double) lower48.get(0).getAs("value")).isEqualTo(2.0);

        assertThat(spot.rowsCurated()).isEqualTo(5);
        assertThat(spot.quarantined()).isZero();
        assertThat(lakehouse.read(CanonicalTables.SPOT_PRICES).where(col("market").equalTo("HENRY-HUB")).orderBy("trade_date").collectAsList())
                .extracting(row -> row.getAs("product"), row -> row.getAs("trade_date"), row -> row.getAs("delivery_start"), row -> row.getAs("delivery_end"),
                        row -> row.getAs("status"), row -> row.getAs("revision"))
                .containsExactly(tuple("RNGWHHD", LocalDate.of(2024, 3, 1), LocalDate.of(2024, 3, 2), LocalDate.of(2024, 3, 5), "settled", 1),
                        tuple("RNGWHHD", LocalDate.of(2024, 3, 8), LocalDate.of(2024, 3, 9), LocalDate.of(2024, 3, 12), "settled", 1),
                        tuple("RNGWHHD", LocalDate.of(2024, 3, 11), LocalDate.of(2024, 3, 12), LocalDate.of(2024, 3, 13), "settled", 1),
                        tuple("RNGWHHD", LocalDate.of(2024, 11, 1), LocalDate.of(2024, 11, 2), LocalDate.of(2024, 11, 5), "settled", 1),
                        tuple("RNGWHHD", LocalDate.of(2024, 11, 4), LocalDate.of(2024, 11, 5), LocalDate.of(2024, 11, 6), "settled", 1));
        assertThat(lakehouse.read(CanonicalTables.QUARANTINE).where(col("market").equalTo("EIA")).count()).isZero();

        // the same files again: nothing landed, nothing written
        pipeline.land(ReplayFiles.payloads(connector, files, Optional.empty(), Payload.Origin.REPLAY));
        assertThat(pipeline.curateRecords(EiaConnector.STORAGE_WEEKLY, dates).rowsWritten()).isZero();
        assertThat(pipeline.curateRecords(EiaConnector.HENRY_HUB_SPOT, dates).rowsWritten()).isZero();
    }
}
