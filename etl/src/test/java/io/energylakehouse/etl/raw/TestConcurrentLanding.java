package io.energylakehouse.etl.raw;

import io.energylakehouse.common.table.CanonicalTables;
import io.energylakehouse.common.table.Lakehouse;
import io.energylakehouse.common.table.TableSpec;
import io.energylakehouse.common.testing.TestLakehouses;
import io.energylakehouse.etl.source.caiso.CaisoMarket;
import io.energylakehouse.etl.source.caiso.CaisoTables;
import io.energylakehouse.etl.source.caiso.OasisLmpParser;
import io.energylakehouse.etl.source.caiso.SyntheticOasis;
import io.energylakehouse.etl.source.settlements.SettlementParser;
import io.energylakehouse.etl.source.settlements.SettlementSource;
import io.energylakehouse.etl.source.settlements.SettlementTables;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two landings at the same moment, on purpose and many times, starting on an empty lake: of the same payloads, of
 * overlapping ones, and of different markets (three rounds each). Afterwards every payload has one fetch-log row and its
 * rows are read once.
 */
class TestConcurrentLanding
{
    private static final int ROUNDS = 9;

    @TempDir
    static Path home;

    private static Lakehouse lakehouse;

    @BeforeAll
    static void start()
    {
        lakehouse = TestLakehouses.create(home);
    }

    @AfterAll
    static void stop()
    {
        lakehouse.close();
    }

    @Test
    void twoLandingsAtTheSameMomentBothLandEverythingOnce()
            throws Exception
    {
        Map<String, Expected> expected = new HashMap<>();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < ROUNDS; round++) {
                List<Payload> caiso = List.of(caiso(round, 0), caiso(round, 1));
                Payload settlements = settlements(round);
                // Round by round: the same payloads, overlapping ones, and two markets.
                List<Job> jobs = switch (round % 3) {
                    case 0 -> List.of(caisoJob(caiso), caisoJob(caiso));
                    case 1 -> List.of(caisoJob(List.of(caiso.get(0), caiso.get(1))), caisoJob(List.of(caiso.get(1), caiso(round, 2))));
                    default -> List.of(caisoJob(caiso), new Job(new SettlementParser(), List.of(settlements)));
                };
                CyclicBarrier together = new CyclicBarrier(jobs.size());
                List<Future<LandingResult>> results = new ArrayList<>();
                for (Job job : jobs) {
                    results.add(threads.submit(() -> {
                        together.await();
                        return new Landing(lakehouse, store(), job::parser, PayloadLimits.DEFAULTS).land(job.payloads().iterator());
                    }));
                    for (Payload payload : job.payloads()) {
                        ParsedPayload parsed = job.parser().parse(payload);
                        String requestKey = !payload.requestKey().isEmpty() ? payload.requestKey() : parsed.contentKey().orElseThrow();
                        expected.put(Landing.fetchId(payload, requestKey, sha256(payload)), new Expected(parsed.rawTable(), parsed.records().size()));
                    }
                }
                int landedNew = 0;
                for (Future<LandingResult> result : results) {
                    landedNew += result.get(2, TimeUnit.MINUTES).payloadsNew();
                }
                int distinct = (int) jobs.stream().flatMap(job -> job.payloads().stream()).map(TestConcurrentLanding::sha256).distinct().count();
                assertThat(landedNew).as("payloads counted new in round %d", round).isEqualTo(distinct);
            }
        }
        finally {
            threads.shutdownNow();
        }

        Map<String, Long> logRows = new HashMap<>();
        List<org.apache.iceberg.data.Record> log = lakehouse.scan(CanonicalTables.FETCH_LOG, org.apache.iceberg.expressions.Expressions.alwaysTrue(),
                List.of("fetch_id", "landing_id"));
        log.forEach(row -> logRows.merge((String) row.getField("fetch_id"), 1L, Long::sum));
        assertThat(log).allMatch(row -> row.getField("landing_id") != null);
        Map<String, Long> committedRows = new HashMap<>();
        for (TableSpec rawTable : List.of(CaisoTables.RAW_PRC_LMP, SettlementTables.RAW_FUTURES_SETTLEMENTS)) {
            for (Row row : LandedRows.committed(lakehouse.read(rawTable), lakehouse.read(CanonicalTables.FETCH_LOG)).groupBy("fetch_id").count().collectAsList()) {
                committedRows.put(row.getString(0), row.getLong(1));
            }
        }
        assertThat(logRows.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
        assertThat(logRows.values()).allMatch(count -> count == 1);
        Map<String, Long> expectedRows = new HashMap<>();
        expected.forEach((fetchId, payload) -> expectedRows.put(fetchId, (long) payload.rows()));
        assertThat(committedRows).isEqualTo(expectedRows);
        // Nothing was ever deleted: the raw tables hold at least every committed row (a race's loser adds ignored ones).
        assertThat(lakehouse.read(CaisoTables.RAW_PRC_LMP).count()).isGreaterThanOrEqualTo(
                expected.values().stream().filter(payload -> payload.rawTable().equals(CaisoTables.RAW_PRC_LMP)).mapToLong(Expected::rows).sum());
    }

    private record Job(PayloadParser parser, List<Payload> payloads) {}

    private record Expected(TableSpec rawTable, int rows) {}

    private static Job caisoJob(List<Payload> payloads)
    {
        return new Job(new OasisLmpParser(), payloads);
    }

    private static RawStore store()
    {
        return new RawStore(lakehouse.config().rawStore(), lakehouse.spark().sparkContext().hadoopConfiguration());
    }

    private static Payload caiso(int round, int part)
    {
        LocalDate day = LocalDate.of(2024, 1, 1).plusDays(round * 3L + part);
        byte[] bytes = new SyntheticOasis(round * 10L + part).dayAhead(day, SyntheticOasis.nodes(7)).bytes();
        return new Payload(CaisoMarket.SOURCE, "PRC_LMP", Payload.Origin.LIVE, "PRC_LMP|DAM|" + day + "|race", Optional.of(URI.create("https://oasis.caiso.com/oasisapi/SingleZip")),
                "response.zip", Instant.parse("2024-07-01T20:00:00Z"), 200, bytes);
    }

    private static Payload settlements(int round)
    {
        LocalDate day = LocalDate.of(2024, 6, 3).plusDays(round);
        String text = "trade_date,market,contract_code,profile,delivery_start,delivery_end,settlement_price,currency,unit,exchange\n"
                + day + ",PJM,PMI-JUL24,peak,2024-07-01,2024-08-01," + (70 + round) + ".40,USD,MWh,ICE\n";
        return new Payload(SettlementSource.SOURCE, SettlementSource.REPORT, Payload.Origin.REPLAY, "", Optional.empty(), "settlements_" + day + ".csv",
                Instant.parse("2024-06-05T21:30:00Z"), 200, text.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(Payload payload)
    {
        try {
            return Hashing.sha256(payload.content().readAllBytes());
        }
        catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
