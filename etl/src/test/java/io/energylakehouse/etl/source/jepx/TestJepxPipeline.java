package io.energylakehouse.etl.source.jepx;

import io.energylakehouse.common.table.CanonicalTables;
import io.energylakehouse.common.table.Lakehouse;
import io.energylakehouse.common.testing.TestLakehouses;
import io.energylakehouse.etl.curate.CurateResult;
import io.energylakehouse.etl.jobs.MarketPipeline;
import io.energylakehouse.etl.raw.LandingResult;
import io.energylakehouse.etl.raw.Payload;
import io.energylakehouse.common.table.TableSpec;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.expressions.Expressions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import static io.energylakehouse.etl.source.jepx.JepxTestFiles.resource;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two daily downloads of the same fiscal-year file through landing and curation on a small lake: every line of both
 * lands in raw (decimals at their columns' scale), only the requests' day is curated, a changed price is revision 2, and
 * a price below the floor is quarantined with its line while the first download's price stands.
 */
class TestJepxPipeline
{
    private static final LocalDate DAY = LocalDate.of(2025, 3, 31);

    @TempDir
    static Path home;

    private static Lakehouse lakehouse;
    private static LandingResult landed;
    private static List<CurateResult> curated;

    @BeforeAll
    static void landAndCurate()
    {
        lakehouse = TestLakehouses.create(home.resolve("lake"));
        byte[] first = resource(JepxTestFiles.FIXTURE);
        // the next download: slot 10's system price changed, slot 11's Hokkaido price below the floor
        List<String> lines = new ArrayList<>(Arrays.asList(new String(first, JepxTestFiles.SHIFT_JIS).split("\r\n")));
        lines.replaceAll(line -> line.startsWith("2025/03/31,10,") ? withField(line, 5, "12.50") : line.startsWith("2025/03/31,11,") ? withField(line, 6, "0.00") : line);
        byte[] second = JepxTestFiles.shiftJis(lines);
        String key = "spot_2024.csv|2025-03-31..2025-03-31";
        MarketPipeline pipeline = new MarketPipeline(lakehouse, new JepxConnector());
        landed = pipeline.land(List.of(payload(first, key, "2025-03-30T01:10:00Z"), payload(second, key, "2025-03-31T01:10:00Z")).iterator());
        curated = pipeline.curate(List.of(JepxConnector.SPOT), new ArrayList<>(landed.operatingDates()));
    }

    @AfterAll
    static void stop()
    {
        lakehouse.close();
    }

    private static String withField(String line, int index, String value)
    {
        String[] fields = line.split(",", -1);
        fields[index] = value;
        return String.join(",", fields);
    }

    private static Payload payload(byte[] bytes, String requestKey, String fetchedAt)
    {
        return new Payload(JepxMarket.SOURCE, JepxSpotParser.REPORT, Payload.Origin.LIVE, requestKey, Optional.of(URI.create("https://www.jepx.jp/market/excel/spot_2024.csv")),
                "spot_2024.csv", Instant.parse(fetchedAt), 200, bytes);
    }

    /** The table's rows (the columns asked for) read with Iceberg's own reader: no Spark job, so the class stays quick. */
    private static List<Record> scan(TableSpec spec, String... columns)
    {
        return lakehouse.scan(spec, spec.columnNames().contains("market") ? Expressions.equal("market", "JEPX") : Expressions.alwaysTrue(), List.of(columns));
    }

    private static Instant start(Record record)
    {
        return Lakehouse.instant(record.getField("interval_start_utc"));
    }

    @Test
    void everyLineLandsAndOnlyTheRequestedDayIsCurated()
    {
        assertThat(landed.payloadsNew()).isEqualTo(2);
        assertThat(landed.rowsParsed()).isEqualTo(192);
        assertThat(landed.operatingDates()).containsExactly(DAY);
        List<Record> raw = scan(JepxTables.RAW_SPOT, "operating_date", "slot_code", "sell_bid_volume_kwh", "system_price_jpy_per_kwh", "other_columns_json");
        assertThat(raw).hasSize(192);
        Record line = raw.stream().filter(record -> record.getField("operating_date").equals(DAY) && record.getField("slot_code").equals(10)).findFirst().orElseThrow();
        assertThat((BigDecimal) line.getField("sell_bid_volume_kwh")).isEqualByComparingTo("30010000");
        assertThat((BigDecimal) line.getField("system_price_jpy_per_kwh")).isIn(new BigDecimal("12.100000"), new BigDecimal("12.500000"));
        assertThat((String) line.getField("other_columns_json")).contains("スポット・時間前平均価格(円/kWh)");

        List<Record> prices = scan(CanonicalTables.MARKET_PRICES, "operating_date", "location_id", "interval_start_utc");
        assertThat(prices).extracting(record -> record.getField("operating_date")).containsOnly(DAY);
        assertThat(prices.stream().map(record -> record.getField("location_id") + "@" + start(record)).distinct()).hasSize(480);
        assertThat(prices).hasSize(481);
        assertThat(curated).extracting(CurateResult::dataset).containsExactly("da_30min");
    }

    @Test
    void aChangedPriceIsTheNextRevisionAndASubFloorPriceIsQuarantined()
    {
        List<Record> prices = scan(CanonicalTables.MARKET_PRICES, "location_id", "location_type", "interval_start_utc", "interval_minutes", "revision",
                "price_per_mwh", "currency");
        Instant slot10 = JepxMarket.slotStartUtc(DAY, 10);
        assertThat(prices.stream().filter(record -> record.getField("location_id").equals("SYSTEM") && start(record).equals(slot10))
                .sorted(java.util.Comparator.comparing(record -> (Integer) record.getField("revision")))
                .map(record -> List.of(record.getField("revision"), record.getField("price_per_mwh"), record.getField("currency"), record.getField("interval_minutes"),
                        record.getField("location_type"))))
                .containsExactly(List.of(1, 12100.0, "JPY", 30, "system"), List.of(2, 12500.0, "JPY", 30, "system"));

        Instant slot11 = JepxMarket.slotStartUtc(DAY, 11);
        assertThat(prices.stream().filter(record -> record.getField("location_id").equals("HOKKAIDO") && start(record).equals(slot11))
                .map(record -> List.of(record.getField("revision"), record.getField("price_per_mwh"), record.getField("location_type"))))
                .containsExactly(List.of(1, 12110.0, "area"));
        List<Record> quarantined = scan(CanonicalTables.QUARANTINE, "location_id", "reason", "stage");
        assertThat(quarantined).extracting(record -> record.getField("location_id") + " " + record.getField("stage") + ": " + record.getField("reason")).containsExactly(
                "HOKKAIDO curate: エリアプライス北海道(円/kWh) 0 JPY/kWh on line 60 (2025-03-31 slot 11) is below JEPX's floor of 0.01 JPY/kWh");
        assertThat(scan(CanonicalTables.DATA_QUALITY, "check_name", "location_id")).isEmpty();
    }
}
