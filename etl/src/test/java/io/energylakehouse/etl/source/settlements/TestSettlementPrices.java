package io.energylakehouse.etl.source.settlements;

import io.energylakehouse.common.table.CanonicalTables;
import io.energylakehouse.common.table.Lakehouse;
import io.energylakehouse.common.testing.TestLakehouses;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** The settlement curation transforms on tiny inline inputs. */
class TestSettlementPrices
{
    private static final LocalDate TRADE_DATE = LocalDate.of(2024, 6, 3);
    private static final LocalDate JULY = LocalDate.of(2024, 7, 1);
    private static final LocalDate AUGUST = LocalDate.of(2024, 8, 1);
    private static final StructType RAW = new StructType()
            .add("fetch_id", DataTypes.StringType)
            .add("published_at_utc", DataTypes.TimestampType)
            .add("line_number", DataTypes.IntegerType)
            .add("market", DataTypes.StringType)
            .add("contract_code", DataTypes.StringType)
            .add("profile", DataTypes.StringType)
            .add("trade_date", DataTypes.DateType)
            .add("delivery_start", DataTypes.DateType)
            .add("delivery_end", DataTypes.DateType)
            .add("settlement_price", DataTypes.DoubleType)
            .add("currency", DataTypes.StringType)
            .add("unit", DataTypes.StringType)
            .add("exchange", DataTypes.StringType);

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
    void collapsesAgreeingLinesOfOneFileAndGivesDisagreeingOnesAReason()
    {
        Dataset<Row> perFile = SettlementPrices.collapseDuplicates(raw(List.of(
                line("f1", "2024-06-03T21:00:00Z", 4, "PMI-JUL24", 79.40, "ICE"),
                line("f1", "2024-06-03T21:00:00Z", 2, "PMI-JUL24", 79.40, "ICE"),
                line("f1", "2024-06-03T21:00:00Z", 3, "OPJ-JUL24", 37.85, "ICE"),
                line("f1", "2024-06-03T21:00:00Z", 5, "OPJ-JUL24", 37.90, "ICE"),
                line("f2", "2024-06-04T08:00:00Z", 2, "PMI-JUL24", 79.40, "ICE"))));

        assertThat(perFile.orderBy("fetch_id", "contract_code").collectAsList())
                .extracting(row -> row.getAs("fetch_id"), row -> row.getAs("contract_code"), row -> row.getAs("line_number"), row -> row.getAs("lines_in_file"),
                        row -> row.getAs("reason"))
                .containsExactly(
                        tuple("f1", "OPJ-JUL24", 3, 2L, "lines of one file hold key (PJM, OPJ-JUL24, peak, 2024-06-03) with different values"),
                        tuple("f1", "PMI-JUL24", 2, 2L, null),
                        tuple("f2", "PMI-JUL24", 2, 1L, null));
        assertThat(perFile.where(col("reason").isNull()).select("settlement_price", "currency", "unit", "exchange", "delivery_start", "delivery_end").distinct()
                .collectAsList()).extracting(row -> List.of(row.get(0), row.get(1), row.get(2), row.get(3), row.get(4), row.get(5)))
                .containsExactly(List.of(79.40, "USD", "MWh", "ICE", JULY, AUGUST));
        Row conflict = perFile.where(col("reason").isNotNull()).first();
        assertThat(conflict.<String>getAs("record")).contains("\"settlement_price\":37.85", "\"settlement_price\":37.9");

        Row quarantined = SettlementPrices.asQuarantine(perFile.where(col("reason").isNotNull())).first();
        assertThat(Arrays.asList(quarantined.schema().fieldNames())).isEqualTo(CanonicalTables.QUARANTINE.columnNames());
        assertThat(List.of(quarantined.getAs("market"), quarantined.getAs("dataset"), quarantined.getAs("stage"), quarantined.getAs("source"),
                quarantined.getAs("report"), quarantined.getAs("fetch_id"), quarantined.getAs("operating_date"), quarantined.getAs("line_number")))
                .isEqualTo(List.of("PJM", "futures_settlements", "curate", "settlements-csv", "FUTURES_SETTLEMENTS", "f1", TRADE_DATE, 3));
    }

    @Test
    void aRevisionIsALaterFileThatChangedTheSettlement()
    {
        Dataset<Row> revised = SettlementPrices.withDqFlags(SettlementPrices.withRevisions(SettlementPrices.collapseDuplicates(raw(List.of(
                // Arrival order is not publication order.
                line("f4", "2024-06-06T09:00:00Z", 2, "PMI-JUL24", 79.40, "ICE"),
                line("f1", "2024-06-03T21:00:00Z", 2, "PMI-JUL24", 79.40, null),
                line("f2", "2024-06-04T08:00:00Z", 2, "PMI-JUL24", 79.40, null),
                line("f3", "2024-06-05T08:00:00Z", 2, "PMI-JUL24", 79.55, null),
                line("f3", "2024-06-05T08:00:00Z", 3, "PMI-JUL24", 79.55, null),
                line("f1", "2024-06-03T21:00:00Z", 3, "OPJ-JUL24", 37.85, "ICE"),
                line("f2", "2024-06-04T08:00:00Z", 3, "OPJ-JUL24", 37.85, "ICE"))))));

        // f2 repeats f1 unchanged: no revision. f4 gives the exchange the earlier files left out: a revision.
        assertThat(revised.orderBy("contract_code", "revision").collectAsList())
                .extracting(row -> row.getAs("contract_code"), row -> row.getAs("revision"), row -> row.getAs("fetch_id"), row -> row.getAs("settlement_price"),
                        row -> row.getAs("exchange"), row -> row.getAs("published_at_utc"), row -> row.getList(row.fieldIndex("dq_flags")))
                .containsExactly(
                        tuple("OPJ-JUL24", 1, "f1", 37.85, "ICE", Instant.parse("2024-06-03T21:00:00Z"), List.of()),
                        tuple("PMI-JUL24", 1, "f1", 79.40, null, Instant.parse("2024-06-03T21:00:00Z"), List.of()),
                        tuple("PMI-JUL24", 2, "f3", 79.55, null, Instant.parse("2024-06-05T08:00:00Z"), List.of("duplicate_rows_collapsed")),
                        tuple("PMI-JUL24", 3, "f4", 79.40, "ICE", Instant.parse("2024-06-06T09:00:00Z"), List.of()));
        assertThat(CanonicalTables.COMMODITY_PRICES.conform(revised).count()).isEqualTo(4);
    }

    private static Dataset<Row> raw(List<Row> rows)
    {
        return lakehouse.spark().createDataFrame(rows, RAW);
    }

    private static Row line(String fetchId, String publishedAtUtc, int lineNumber, String contractCode, double price, String exchange)
    {
        return RowFactory.create(fetchId, Instant.parse(publishedAtUtc), lineNumber, "PJM", contractCode, "peak", TRADE_DATE, JULY, AUGUST, price, "USD", "MWh",
                exchange);
    }
}
