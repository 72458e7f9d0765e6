package io.energylakehouse.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.energylakehouse.common.config.LakehouseConfig;
import io.energylakehouse.common.config.Settings;
import io.energylakehouse.common.spark.LakehouseSpark;
import io.energylakehouse.common.table.CanonicalTables;
import io.energylakehouse.common.table.TableSpec;
import io.energylakehouse.etl.publish.PublishedTables;
import io.energylakehouse.etl.raw.Hashing;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The production stack, for real: MinIO, the PostgreSQL catalog, Trino and Spark standalone started by
 * deploy/stack.sh into target/it-stack; the CAISO demo on the stack and cluster profiles; Spark and Trino
 * reading the same tables; entitlements at both doors; the fault cases; and a stack that leaves nothing
 * running when it is taken down. Timings are printed (a benchmark, not an assertion).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StackIT
{
    private static final Duration JOB_TIMEOUT = Duration.ofMinutes(8);
    private static final String CLUSTER_CATALOG = "lakehouse_cluster";
    private static final String LOCAL_CATALOG = "lakehouse_local";
    /** The ECB first: the hub tables carry EUR and USD twins, so every lake compared needs the same rates. */
    private static final String PROFILE_MARKETS = "ecb,caiso,miso";
    private static final List<TableSpec> COMPARED = List.of(CanonicalTables.MARKET_PRICES, PublishedTables.HUB_PRICES_HOURLY, PublishedTables.HUB_PRICES_DAILY,
            PublishedTables.CONGESTION_TOP_NODES_DAILY, PublishedTables.DART_SPREADS_HOURLY, PublishedTables.BASIS_TO_HUB_HOURLY);

    private final Map<String, Duration> timings = new LinkedHashMap<>();
    private final Map<String, String> pidsAfterUp = new TreeMap<>();
    private SparkSession spark;
    private LakehouseConfig config;
    private Path localHome;

    @BeforeAll
    void stackUp()
            throws Exception
    {
        // A clean stack every run: a previous run's processes stopped, its data removed.
        if (Files.isDirectory(StackProcess.STACK_DIR)) {
            StackProcess.stack("down").await(Duration.ofMinutes(3));
            new ProcessBuilder("rm", "-rf", StackProcess.STACK_DIR.toString()).inheritIO().start().waitFor();
        }
        StackProcess.Result up = StackProcess.stack("up").await(Duration.ofMinutes(15)).requireSuccess("stack up");
        timings.put("stack up (first)", up.elapsed());
        System.out.println(up.stdout());
        for (String service : List.of("minio", "postgres", "trino", "spark-master", "spark-worker")) {
            pidsAfterUp.put(service, Files.readString(StackProcess.STACK_DIR.resolve("run/" + service + ".pid")).trim());
        }
        config = LakehouseConfig.from(Settings.load(StackProcess.STACK_DIR.resolve("stack.properties"), Map.of(), GlobalOptions.knownKeys(),
                Map.of(LakehouseConfig.PROFILE, "stack", LakehouseConfig.HOME, StackProcess.STACK_DIR.resolve("it-home").toString())));
        localHome = StackProcess.STACK_DIR.resolve("it-local-home");
    }

    @AfterAll
    void report()
            throws Exception
    {
        if (spark != null) {
            spark.stop();
        }
        // Safety net: the last test takes the stack down and checks it; this runs even when a test failed.
        StackProcess.stack("down").await(Duration.ofMinutes(3));
        System.out.println("StackIT timings:");
        timings.forEach((what, elapsed) -> System.out.printf("  %-40s %6.1f s%n", what, elapsed.toMillis() / 1000.0));
    }

    private SparkSession spark()
    {
        if (spark == null) {
            spark = LakehouseSpark.session(config, "stack-it");
            // The cluster and local runs wrote to catalogs of their own; register them beside the stack's.
            register(otherCatalog(CLUSTER_CATALOG, "s3://lakehouse-warehouse/it-cluster", null));
            register(otherCatalog(LOCAL_CATALOG, localHome.resolve("warehouse").toString(), "jdbc:sqlite:" + localHome.resolve("catalog.db")));
        }
        return spark;
    }

    private Map<String, String> otherCatalog(String name, String warehouse, String uri)
    {
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put(LakehouseConfig.CATALOG_NAME, name);
        overrides.put(LakehouseConfig.WAREHOUSE, warehouse);
        overrides.put(LakehouseConfig.PROFILE, "stack");
        if (uri != null) {
            overrides.put(LakehouseConfig.CATALOG_URI, uri);
        }
        LakehouseConfig other = LakehouseConfig.from(Settings.load(StackProcess.STACK_DIR.resolve("stack.properties"), Map.of(), GlobalOptions.knownKeys(), overrides));
        Map<String, String> properties = new LinkedHashMap<>();
        LakehouseSpark.sparkProperties(other).forEach((key, value) -> {
            if (key.startsWith("spark.sql.catalog." + name)) {
                properties.put(key, value);
            }
        });
        if (uri != null) {
            // The local run keeps its files in folders: Hadoop's file IO, no S3 and no catalog password.
            properties.keySet().removeIf(key -> key.contains(".s3.") || key.endsWith(".io-impl") || key.contains(".jdbc.user") || key.contains(".jdbc.password")
                    || key.contains("http-client") || key.endsWith(".client.region"));
        }
        return properties;
    }

    private void register(Map<String, String> properties)
    {
        properties.forEach((key, value) -> spark.conf().set(key, value));
    }

    @Test
    @Order(1)
    void secondUpIsHarmless()
            throws Exception
    {
        StackProcess.Result again = StackProcess.stack("up").await(Duration.ofMinutes(3)).requireSuccess("second stack up");
        timings.put("stack up (already running)", again.elapsed());
        assertThat(again.stdout()).contains("minio: already running", "postgres: already running", "trino: already running", "spark: already running");
        for (Map.Entry<String, String> pid : pidsAfterUp.entrySet()) {
            assertThat(Files.readString(StackProcess.STACK_DIR.resolve("run/" + pid.getKey() + ".pid")).trim()).as(pid.getKey()).isEqualTo(pid.getValue());
        }
        StackProcess.Result status = StackProcess.stack("status").await(Duration.ofMinutes(1));
        assertThat(status.exitCode()).isZero();
        assertThat(status.stdout().lines().filter(line -> line.contains(" up ")).count()).isEqualTo(4);
        assertThat(status.stdout()).contains("127.0.0.1:");
    }

    @Test
    @Order(2)
    void demoRunsOnTheStackProfile()
            throws Exception
    {
        StackProcess.Result demo = StackProcess.lakehouse(Map.of(), "demo", "--profile", "stack").await(JOB_TIMEOUT).requireSuccess("demo on stack");
        timings.put("demo --profile stack", demo.elapsed());
        // One line per market on the console; the details of each in the report file it names.
        assertThat(demo.stdout().lines().filter(line -> line.matches("^[A-Z][A-Z-]+ +[0-9]+\\.[0-9] .*")).map(line -> line.split(" ")[0]).toList())
                .containsExactlyInAnyOrder("ECB", "EEX", "EIA", "CAISO", "PJM", "ERCOT", "MISO", "NYISO", "SPP", "IESO", "AESO", "ENTSOE", "NORDPOOL", "JEPX", "AEMO");
        String details = Files.readString(Path.of(demo.stdout().lines().filter(line -> line.startsWith("Details per market")).findFirst().orElseThrow()
                .replaceFirst("^[^/]*", "")));
        assertThat(details).contains("2024-03-10=23", "2024-11-03=25", "2024-11-03=300", "s3://lakehouse-warehouse/warehouse", "jdbc:postgresql://127.0.0.1:",
                "== JEPX", "== AEMO", "== EIA", "== CAISO", "== PJM", "== ERCOT", "== MISO", "== NYISO", "== SPP", "2024-11-03=100", "market=PJM", "market=ERCOT", "market=MISO", "market=NYISO",
                "market=SPP", "== ECB", "== EEX", "== IESO", "== AESO", "== ENTSOE", "== NORDPOOL", "2025-10-26=100", "2026-03-29=92", "market=NORDPOOL",
                "market=ENTSOE", "market=IESO", "market=AESO");
    }

    @Test
    @Order(3)
    void sparkAndTrinoReadTheSameRowsAndValues()
            throws Exception
    {
        TrinoClient trino = TrinoClient.forUser(config, "lakehouse");
        for (TableSpec table : COMPARED) {
            String groupColumn = table.columnNames().contains("operating_date") ? "operating_date" : "location_id";
            List<String> doubles = doubleColumns(table);
            String query = "SELECT CAST(" + groupColumn + " AS VARCHAR) AS g, count(*) AS n"
                    + doubles.stream().map(column -> ", sum(" + column + ") AS " + column).collect(Collectors.joining())
                    + " FROM " + table.identifier() + " GROUP BY 1 ORDER BY 1";
            Map<String, List<Double>> fromSpark = new TreeMap<>();
            for (Row row : spark().sql(query.replace("VARCHAR", "STRING")).collectAsList()) {
                List<Double> values = new ArrayList<>();
                values.add((double) row.getLong(1));
                for (int i = 0; i < doubles.size(); i++) {
                    values.add(row.isNullAt(2 + i) ? null : row.getDouble(2 + i));
                }
                fromSpark.put(row.getString(0), values);
            }
            Map<String, List<Double>> fromTrino = new TreeMap<>();
            long started = System.nanoTime();
            try (Connection connection = trino.connect(); Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(query)) {
                while (result.next()) {
                    List<Double> values = new ArrayList<>();
                    values.add((double) result.getLong(2));
                    for (int i = 0; i < doubles.size(); i++) {
                        double value = result.getDouble(3 + i);
                        values.add(result.wasNull() ? null : value);
                    }
                    fromTrino.put(result.getString(1), values);
                }
            }
            timings.put("trino aggregate " + table.identifier(), Duration.ofNanos(System.nanoTime() - started));
            assertThat(fromTrino.keySet()).as(table.identifier()).isEqualTo(fromSpark.keySet()).isNotEmpty();
            for (String group : fromSpark.keySet()) {
                List<Double> sparkValues = fromSpark.get(group);
                List<Double> trinoValues = fromTrino.get(group);
                for (int i = 0; i < sparkValues.size(); i++) {
                    if (sparkValues.get(i) == null) {
                        assertThat(trinoValues.get(i)).isNull();
                    }
                    else {
                        assertThat(trinoValues.get(i)).as("%s %s column %d", table.identifier(), group, i)
                                .isCloseTo(sparkValues.get(i), within(1e-9 * Math.max(1, Math.abs(sparkValues.get(i)))));
                    }
                }
            }
        }
        // Three typical queries, timed: a node's hourly prices for a month, daily hub averages for a month,
        // the top 20 congested nodes of a day.
        timeTrino(trino, "trino: a node's hourly DA prices, a month",
                "SELECT interval_start_utc, price_per_mwh FROM curated.market_prices WHERE market = 'CAISO' AND dataset = 'da_hourly' "
                        + "AND location_id = 'TH_NP15_GEN-APND' AND operating_date BETWEEN DATE '2024-11-01' AND DATE '2024-11-30' ORDER BY 1");
        timeTrino(trino, "trino: daily hub averages, a month",
                "SELECT operating_date, location_id, avg(price_per_mwh) FROM curated.market_prices WHERE market = 'CAISO' AND dataset = 'da_hourly' "
                        + "AND location_type = 'hub' AND operating_date BETWEEN DATE '2024-11-01' AND DATE '2024-11-30' GROUP BY 1, 2 ORDER BY 1, 2");
        timeTrino(trino, "trino: top 20 congested nodes of a day",
                "SELECT location_id, avg(abs(congestion_per_mwh)) AS congestion FROM curated.market_prices WHERE market = 'CAISO' AND dataset = 'rt_5min' "
                        + "AND operating_date = DATE '2024-11-03' GROUP BY 1 ORDER BY 2 DESC LIMIT 20");
        // The node master and the congestion analytics, one query each (their first rows printed for the record).
        timeTrino(trino, "trino: curated.locations per market",
                "SELECT market, count(*) AS locations, min(valid_from) AS first_day, max(valid_to) AS last_day, count_if(location_name IS NOT NULL) AS named, "
                        + "count_if(operator_type_code IS NOT NULL) AS typed FROM curated.locations GROUP BY 1 ORDER BY 1");
        timeTrino(trino, "trino: published.congestion_top_nodes_daily, MISO's five most congested of the fall-back day",
                "SELECT market_run, congestion_rank, location_id, mean_abs_congestion_per_mwh, interval_count FROM published.congestion_top_nodes_daily "
                        + "WHERE market = 'MISO' AND operating_date = DATE '2024-11-03' AND congestion_rank <= 5 ORDER BY 1, 2");
        timeTrino(trino, "trino: published.dart_spreads_hourly, NYISO zone J on- and off-peak",
                "SELECT is_on_peak, count(*) AS hours, round(avg(dart_spread_per_mwh), 4) AS mean_dart_per_mwh FROM published.dart_spreads_hourly "
                        + "WHERE market = 'NYISO' AND location_id = '61761' GROUP BY 1 ORDER BY 1");
        timeTrino(trino, "trino: published.basis_to_hub_hourly, SPP's widest day-ahead basis to North Hub",
                "SELECT location_id, hub_location_id, round(avg(da_basis_per_mwh), 4) AS mean_da_basis_per_mwh, round(avg(rt_basis_per_mwh), 4) AS mean_rt_basis_per_mwh "
                        + "FROM published.basis_to_hub_hourly WHERE market = 'SPP' GROUP BY 1, 2 ORDER BY abs(avg(da_basis_per_mwh)) DESC LIMIT 5");
        // One currency: every market's reference location's mean daily base price in its own currency, EUR and USD.
        timeTrino(trino, "trino: published.hub_prices_daily in EUR and USD, one reference location per market",
                "SELECT market, location_id, currency, count(*) AS days, round(avg(coalesce(da_base_price_per_mwh, rt_base_price_per_mwh)), 2) AS base, "
                        + "round(avg(coalesce(da_base_price_eur_per_mwh, rt_base_price_eur_per_mwh)), 2) AS base_eur, "
                        + "round(avg(coalesce(da_base_price_usd_per_mwh, rt_base_price_usd_per_mwh)), 2) AS base_usd, count_if(fx_rule = 'previous_business_day') AS days_on_earlier_rate "
                        + "FROM published.hub_prices_daily WHERE location_id IN ('TH_SP15_GEN-APND', '51288', 'HB_NORTH', 'INDIANA.HUB', '61761', 'SPPNORTH_HUB', "
                        + "'ONTARIO', 'ALBERTA', 'FR', 'SE3') GROUP BY 1, 2, 3 ORDER BY 1, 2");
        timeTrino(trino, "trino: curated.fx_rates and curated.spot_prices",
                "SELECT 'fx_rates' AS t, count(*) AS n, min(rate_date) AS first_day, max(rate_date) AS last_day FROM curated.fx_rates "
                        + "UNION ALL SELECT 'spot_prices', count(*), min(trade_date), max(trade_date) FROM curated.spot_prices ORDER BY 1");
    }

    private void timeTrino(TrinoClient trino, String what, String query)
            throws Exception
    {
        long started = System.nanoTime();
        int rows = 0;
        List<String> printed = new ArrayList<>();
        try (Connection connection = trino.connect(); Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(query)) {
            int columns = result.getMetaData().getColumnCount();
            while (result.next()) {
                rows++;
                if (printed.size() < 6) {
                    List<String> fields = new ArrayList<>();
                    for (int i = 1; i <= columns; i++) {
                        fields.add(result.getString(i));
                    }
                    printed.add(String.join(" | ", fields));
                }
            }
        }
        timings.put(what + " (" + rows + " rows)", Duration.ofNanos(System.nanoTime() - started));
        System.out.println(what + ":\n  " + query + "\n  " + String.join("\n  ", printed));
        assertThat(rows).as(what).isPositive();
    }

    private static List<String> doubleColumns(TableSpec table)
    {
        List<String> columns = new ArrayList<>();
        for (StructField field : table.schema().fields()) {
            if (field.dataType() instanceof DoubleType) {
                columns.add(field.name());
            }
        }
        return columns;
    }

    @Test
    @Order(4)
    void publishedDeltaTableReadsBackWithDeltaSpark()
    {
        for (TableSpec table : List.of(PublishedTables.HUB_PRICES_DAILY, PublishedTables.HUB_PRICES_HOURLY)) {
            String delta = config.publishedRoot() + "/" + table.name() + "/market=CAISO/delta";
            Dataset<Row> fromDelta = spark().read().format("delta").load(delta);
            Dataset<Row> fromIceberg = spark().table(table.identifier()).where("market = 'CAISO'").select(fromDelta.columns()[0],
                    java.util.Arrays.copyOfRange(fromDelta.columns(), 1, fromDelta.columns().length));
            assertThat(fromDelta.count()).isEqualTo(fromIceberg.count()).isPositive();
            assertThat(fromDelta.exceptAll(fromIceberg).count()).isZero();
            assertThat(fromIceberg.exceptAll(fromDelta).count()).isZero();
        }
    }

    @Test
    @Order(5)
    void entitlementsHoldInTrinoAndForDownloads()
            throws Exception
    {
        Map<String, String> rowsByUser = new TreeMap<>();
        for (String user : List.of("alice", "bob", "carol")) {
            StackProcess.Result result = StackProcess.lakehouse(Map.of(), "sql", "--profile", "stack", "--user", user, "--format", "csv",
                    "SELECT market, count(*) AS n FROM curated.market_prices GROUP BY 1 ORDER BY 1").await(JOB_TIMEOUT).requireSuccess("sql as " + user);
            rowsByUser.put(user, result.stdout().strip());
        }
        // The demo curated the six US markets: each desk sees its markets' rows, and no desk PJM's (licensed data).
        assertThat(rowsByUser.get("alice")).isEqualTo("market,n\nCAISO,93600");
        assertThat(rowsByUser.get("carol")).isEqualTo("market,n\nCAISO,93600\nERCOT,40608\nMISO,15300\nNYISO,95760\nSPP,100800");
        assertThat(rowsByUser.get("bob")).isEqualTo("market,n\nERCOT,40608");

        StackProcess.Result raw = StackProcess.lakehouse(Map.of(), "sql", "--profile", "stack", "--user", "bob", "SELECT count(*) FROM raw.caiso_prc_lmp").await(JOB_TIMEOUT);
        assertThat(raw.exitCode()).isEqualTo(2);
        assertThat(raw.errorLine()).contains("Cannot run the query as 'bob'", "Access Denied");
        StackProcess.Result wrongPassword = StackProcess.lakehouse(Map.of("LAKEHOUSE_PASSWORD", "not-it"), "sql", "--profile", "stack", "--user", "alice", "SELECT 1")
                .await(JOB_TIMEOUT);
        assertThat(wrongPassword.errorLine()).contains("Cannot log in to Trino", "'alice'", "wrong user name or password");

        StackProcess.Result urls = StackProcess.lakehouse(Map.of(), "download-url", "--profile", "stack", "hub_prices_daily", "--user", "alice", "--expires", "10m")
                .await(JOB_TIMEOUT).requireSuccess("download-url as alice");
        Map<String, String> urlByFile = new TreeMap<>();
        urls.stdout().lines().filter(line -> !line.startsWith("#")).forEach(line -> urlByFile.put(line.split("\t")[0], line.split("\t")[1]));
        assertThat(urlByFile).containsOnlyKeys("market=CAISO/hub_prices_daily.parquet", "market=CAISO/hub_prices_daily.csv.gz", "market=CAISO/manifest.json");
        HttpClient http = HttpClient.newHttpClient();
        JsonNode manifest = new ObjectMapper().readTree(http.send(HttpRequest.newBuilder(URI.create(urlByFile.get("market=CAISO/manifest.json"))).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        for (JsonNode file : manifest.get("files")) {
            HttpResponse<byte[]> download = http.send(HttpRequest.newBuilder(URI.create(urlByFile.get("market=CAISO/" + file.get("path").asText()))).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(download.statusCode()).isEqualTo(200);
            assertThat(Hashing.sha256(download.body())).isEqualTo(file.get("sha256").asText());
        }
        // Without the signature the object store refuses: the URL is the entitlement.
        String unsigned = urlByFile.get("market=CAISO/manifest.json").replaceFirst("\\?.*", "");
        assertThat(http.send(HttpRequest.newBuilder(URI.create(unsigned)).build(), HttpResponse.BodyHandlers.discarding()).statusCode()).isEqualTo(403);

        StackProcess.Result refused = StackProcess.lakehouse(Map.of(), "download-url", "--profile", "stack", "hub_prices_daily", "--user", "bob", "--market", "CAISO")
                .await(JOB_TIMEOUT);
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.errorLine()).isEqualTo("error: Cannot grant access to CAISO data: user 'bob' (groups [ercot_desk]) is entitled to [ERCOT] only");
        assertThat(refused.stdout()).doesNotContain("http");
    }

    @Test
    @Order(5)
    void sqlOnTrinoOnlyReadsEvenForAdmins()
            throws Exception
    {
        Row prices = fingerprint(config.catalogName(), CanonicalTables.MARKET_PRICES);
        Row fetchLog = fingerprint(config.catalogName(), CanonicalTables.FETCH_LOG);
        assertThat(prices.getLong(0)).isPositive();
        // The default user 'lakehouse' is in the admins group (every market): Trino still refuses, after analysing the statement.
        assertOneLineError(2, "Cannot run the query as 'lakehouse': Access Denied: Cannot delete from table lakehouse.curated.market_prices",
                "sql", "--profile", "stack", "DELETE FROM curated.market_prices WHERE operating_date = DATE '2024-11-03'");
        assertOneLineError(2, "Cannot run the query as 'lakehouse': Access Denied: Cannot drop table lakehouse.raw.fetch_log",
                "sql", "--profile", "stack", "DROP TABLE raw.fetch_log");
        // A table procedure passes Trino's file rules; the catalog's own read-only security refuses it.
        assertOneLineError(2, "Access Denied",
                "sql", "--profile", "stack", "ALTER TABLE curated.market_prices EXECUTE expire_snapshots(retention_threshold => '7d')");
        assertOneLineError(2, "Cannot run the query as 'alice': Access Denied: Cannot insert into table lakehouse.curated.quarantine",
                "sql", "--profile", "stack", "--user", "alice", "INSERT INTO curated.quarantine SELECT * FROM curated.quarantine");
        spark().sql("REFRESH TABLE " + config.catalogName() + "." + CanonicalTables.MARKET_PRICES.identifier());
        spark().sql("REFRESH TABLE " + config.catalogName() + "." + CanonicalTables.FETCH_LOG.identifier());
        assertThat(fingerprint(config.catalogName(), CanonicalTables.MARKET_PRICES)).isEqualTo(prices);
        assertThat(fingerprint(config.catalogName(), CanonicalTables.FETCH_LOG)).isEqualTo(fetchLog);
        StackProcess.Result read = StackProcess.lakehouse(Map.of(), "sql", "--profile", "stack", "--format", "csv", "SELECT count(*) AS n FROM raw.fetch_log")
                .await(JOB_TIMEOUT).requireSuccess("sql count of raw.fetch_log");
        assertThat(read.stdout().strip()).isEqualTo("n\n" + fetchLog.getLong(0));
    }

    @Test
    @Order(6)
    void clusterAndLocalProfilesProduceTheSameTables()
            throws Exception
    {
        // Two markets, one of the first three and one of the later ones: the profiles differ in where Spark runs and where
        // files go, not per market; the stack profile's demo above runs all six.
        StackProcess.Result cluster = StackProcess.lakehouse(Map.of(), "demo", "--market", PROFILE_MARKETS, "--profile", "cluster", "--home", StackProcess.STACK_DIR.resolve("it-cluster-home").toString(),
                "--set", LakehouseConfig.CATALOG_NAME + "=" + CLUSTER_CATALOG,
                "--set", LakehouseConfig.WAREHOUSE + "=s3://lakehouse-warehouse/it-cluster",
                "--set", LakehouseConfig.RAW_STORE + "=s3a://lakehouse-raw/it-cluster",
                "--set", LakehouseConfig.PUBLISHED_ROOT + "=s3a://lakehouse-published/it-cluster").await(JOB_TIMEOUT).requireSuccess("demo on cluster");
        timings.put("demo --profile cluster", cluster.elapsed());
        assertThat(cluster.stderr()).contains("Stage submit: demo to spark://127.0.0.1:");
        // The standalone master saw the application run to the end.
        String masterUi = Files.readString(StackProcess.STACK_DIR.resolve("run/spark-master-ui.port")).trim();
        JsonNode master = new ObjectMapper().readTree(HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + masterUi + "/json/")).build(), HttpResponse.BodyHandlers.ofString()).body());
        List<String> completed = new ArrayList<>();
        master.get("completedapps").forEach(app -> completed.add(app.get("name").asText() + " " + app.get("state").asText()));
        assertThat(completed).contains("lakehouse-demo FINISHED");

        StackProcess.Result local = StackProcess.lakehouse(Map.of(), "demo", "--market", PROFILE_MARKETS, "--home", localHome.toString(), "--set", LakehouseConfig.CATALOG_NAME + "=" + LOCAL_CATALOG)
                .await(JOB_TIMEOUT).requireSuccess("demo on local");
        timings.put("demo --profile local", local.elapsed());

        for (TableSpec table : COMPARED) {
            Row stack = fingerprint(config.catalogName(), table, "WHERE market IN ('CAISO', 'MISO')");
            assertThat(stack.getLong(0)).isPositive();
            assertThat(fingerprint(CLUSTER_CATALOG, table)).as("cluster " + table.identifier()).isEqualTo(stack);
            assertThat(fingerprint(LOCAL_CATALOG, table)).as("local " + table.identifier()).isEqualTo(stack);
        }
    }

    /**
     * One operating day of every power market in one currency: 2025-11-03 (a Monday every market's clock calls an
     * ordinary day, among the demo days of the markets outside North America) demoed on the stack for the North American
     * ones, then Trino reads published.hub_prices_daily in EUR for that day across all of
     * them; a user entitled to two markets sees those two markets' rows only.
     */
    @Test
    @Order(7)
    void oneDayOfEveryMarketInEurThroughTrino()
            throws Exception
    {
        // The markets outside North America have the day among their demo days (SampleFiles.ORDINARY_DAY); North America's are added.
        StackProcess.Result demo = StackProcess.lakehouse(Map.of(), "demo", "--profile", "stack", "--dates", "2025-11-03", "--nodes", "20",
                "--market", "caiso,pjm,ercot,miso,nyiso,spp,aeso").await(JOB_TIMEOUT).requireSuccess("one-day demo on stack");
        timings.put("demo --dates 2025-11-03 (North America)", demo.elapsed());
        String query = "SELECT market, location_id, currency, coalesce(da_base_price_per_mwh, rt_base_price_per_mwh) AS base_per_mwh, "
                + "coalesce(da_base_price_eur_per_mwh, rt_base_price_eur_per_mwh) AS base_eur_per_mwh, fx_rate_date, da_interval_count, rt_interval_count "
                + "FROM published.hub_prices_daily WHERE operating_date = DATE '2025-11-03' ORDER BY market, location_id";
        TrinoClient trino = TrinoClient.forUser(config, "lakehouse");
        timeTrino(trino, "trino: published.hub_prices_daily in EUR, 2025-11-03, every market", query);
        Map<String, String> currencies = new TreeMap<>();
        List<String> printed = new ArrayList<>();
        try (Connection connection = trino.connect(); Statement statement = connection.createStatement(); ResultSet result = statement.executeQuery(query)) {
            while (result.next()) {
                currencies.put(result.getString("market"), result.getString("currency"));
                printed.add(String.format("%-9s %-18s %s %14s %12s EUR", result.getString("market"), result.getString("location_id"), result.getString("currency"),
                        result.getString("base_per_mwh"), result.getString("base_eur_per_mwh")));
                assertThat(result.getObject("base_eur_per_mwh")).as("EUR base of %s %s", result.getString("market"), result.getString("location_id")).isNotNull();
                assertThat(result.getDate("fx_rate_date").toLocalDate()).isEqualTo(java.time.LocalDate.of(2025, 11, 3));
            }
        }
        System.out.println("published.hub_prices_daily, 2025-11-03, every market (base price per MWh, own currency and EUR):\n  " + String.join("\n  ", printed));
        assertThat(currencies).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(Map.entry("CAISO", "USD"), Map.entry("PJM", "USD"), Map.entry("ERCOT", "USD"),
                Map.entry("MISO", "USD"), Map.entry("NYISO", "USD"), Map.entry("SPP", "USD"), Map.entry("IESO", "CAD"), Map.entry("AESO", "CAD"),
                Map.entry("ENTSOE", "EUR"), Map.entry("NORDPOOL", "EUR"), Map.entry("JEPX", "JPY"), Map.entry("AEMO", "AUD")));
        StackProcess.Result grace = StackProcess.lakehouse(Map.of(), "sql", "--profile", "stack", "--user", "grace", "--format", "csv",
                "SELECT market, count(*) > 0 AS has_rows FROM published.hub_prices_daily GROUP BY 1 ORDER BY 1").await(JOB_TIMEOUT).requireSuccess("sql as grace");
        assertThat(grace.stdout().strip()).isEqualTo("market,has_rows\nAEMO,true\nJEPX,true");
    }

    /** Row count and an order-independent hash of every column of every row. */
    private Row fingerprint(String catalog, TableSpec table)
    {
        return fingerprint(catalog, table, "");
    }

    private Row fingerprint(String catalog, TableSpec table, String where)
    {
        String columns = String.join(", ", table.columnNames());
        return spark().sql("SELECT count(*), sum(CAST(xxhash64(" + columns + ") AS DECIMAL(38, 0))) FROM " + catalog + "." + table.identifier() + " " + where).first();
    }

    @Test
    @Order(8)
    void minioStoppedDuringCurateFailsCleanlyAndRerunSucceeds()
            throws Exception
    {
        String table = config.catalogName() + "." + CanonicalTables.MARKET_PRICES.identifier();
        long snapshotBefore = currentSnapshot(table);
        Row before = fingerprint(config.catalogName(), CanonicalTables.MARKET_PRICES);

        // --force: the days' inputs did not change since the demo curated them, and the point is a curate that writes.
        StackProcess curate = StackProcess.lakehouse(Map.of(), "curate", "--profile", "stack", "--market", "caiso", "--start", "2024-11-02", "--end", "2024-11-04",
                "--report", "prc_intvl_lmp", "--force");
        curate.awaitOutput("Stage curate start", JOB_TIMEOUT);
        Thread.sleep(1500);
        StackProcess.stack("stop", "minio").await(Duration.ofMinutes(1)).requireSuccess("stop minio");
        StackProcess.Result failed = curate.await(JOB_TIMEOUT);
        StackProcess.stack("start", "minio").await(Duration.ofMinutes(2)).requireSuccess("start minio");
        timings.put("curate until MinIO loss is reported", failed.elapsed());

        assertThat(failed.exitCode()).as(failed.stderr()).isEqualTo(3);
        assertThat(failed.errorLine()).startsWith("error: Cannot run 'curate': the object store (MinIO) at 127.0.0.1:")
                .contains("is unreachable", "nothing was committed");
        assertThat(failed.stderr().lines().filter(line -> line.startsWith("\tat ")).count()).isZero();
        assertThat(currentSnapshot(table)).as("no commit while MinIO was down").isEqualTo(snapshotBefore);
        assertThat(fingerprint(config.catalogName(), CanonicalTables.MARKET_PRICES)).isEqualTo(before);

        // The failed run committed nothing, so a plain rerun finds the days' inputs unchanged and writes nothing ...
        StackProcess.Result rerun = StackProcess.lakehouse(Map.of(), "curate", "--profile", "stack", "--market", "caiso", "--start", "2024-11-02", "--end", "2024-11-04",
                "--report", "prc_intvl_lmp").await(JOB_TIMEOUT).requireSuccess("curate after MinIO is back");
        assertThat(rerun.stdout()).contains("rt_5min unchanged (nothing written)");
        assertThat(currentSnapshot(table)).isEqualTo(snapshotBefore);
        // ... and a forced one rewrites the same rows.
        StackProcess.lakehouse(Map.of(), "curate", "--profile", "stack", "--market", "caiso", "--start", "2024-11-02", "--end", "2024-11-04", "--report", "prc_intvl_lmp",
                "--force").await(JOB_TIMEOUT).requireSuccess("forced curate after MinIO is back");
        assertThat(currentSnapshot(table)).isNotEqualTo(snapshotBefore);
        assertThat(fingerprint(config.catalogName(), CanonicalTables.MARKET_PRICES)).isEqualTo(before);
    }

    private long currentSnapshot(String table)
    {
        spark().sql("REFRESH TABLE " + table);
        return spark().sql("SELECT snapshot_id FROM " + table + ".snapshots ORDER BY committed_at DESC LIMIT 1").first().getLong(0);
    }

    @Test
    @Order(9)
    void concurrentCuratesOfDifferentDaysBothCommit()
            throws Exception
    {
        String table = config.catalogName() + "." + CanonicalTables.MARKET_PRICES.identifier();
        Row before = fingerprint(config.catalogName(), CanonicalTables.MARKET_PRICES);
        long snapshots = spark().sql("SELECT count(*) FROM " + table + ".snapshots").first().getLong(0);
        StackProcess march = StackProcess.lakehouse(Map.of(), "curate", "--profile", "stack", "--market", "caiso", "--start", "2024-03-09", "--end", "2024-03-11", "--force");
        StackProcess november = StackProcess.lakehouse(Map.of(), "curate", "--profile", "stack", "--market", "caiso", "--start", "2024-11-02", "--end", "2024-11-04", "--force");
        StackProcess.Result marchResult = march.await(JOB_TIMEOUT);
        StackProcess.Result novemberResult = november.await(JOB_TIMEOUT);
        timings.put("two concurrent curates", marchResult.elapsed().compareTo(novemberResult.elapsed()) > 0 ? marchResult.elapsed() : novemberResult.elapsed());
        marchResult.requireSuccess("curate March");
        novemberResult.requireSuccess("curate November");
        spark().sql("REFRESH TABLE " + table);
        // Each job commits once per report: four new snapshots, and every row still there.
        assertThat(spark().sql("SELECT count(*) FROM " + table + ".snapshots").first().getLong(0)).isEqualTo(snapshots + 4);
        assertThat(fingerprint(config.catalogName(), CanonicalTables.MARKET_PRICES)).isEqualTo(before);
    }

    @Test
    @Order(10)
    void failingServicesGiveOneClearLine()
            throws Exception
    {
        assertOneLineError(3, "Cannot reach Trino at 127.0.0.1:1: connection refused",
                "sql", "--profile", "stack", "--set", "lakehouse.trino.url=jdbc:trino://127.0.0.1:1/lakehouse?SSL=true", "SELECT 1");
        assertOneLineError(2, "rejected the credentials: wrong access key or secret key",
                "curate", "--profile", "stack", "--market", "caiso", "--start", "2024-11-02", "--report", "prc_lmp", "--set", "lakehouse.s3.secret-key=wrong");
        assertOneLineError(2, "bucket 'lakehouse-nonexistent' does not exist",
                "ingest", "--profile", "stack", "--market", "caiso", "--files", StackProcess.PROJECT.resolve("../shared/fixtures/real/caiso/seed_PRC_LMP_DAM_20200101_excerpt.csv").toString(),
                "--set", "lakehouse.raw-store=s3a://lakehouse-nonexistent/raw");
        assertOneLineError(2, "the catalog database (PostgreSQL) refused user 'lakehouse': wrong password",
                "curate", "--profile", "stack", "--market", "caiso", "--start", "2024-11-02", "--set", "lakehouse.catalog.password=wrong");
    }

    private void assertOneLineError(int exitCode, String message, String... args)
            throws Exception
    {
        StackProcess.Result result = StackProcess.lakehouse(Map.of(), args).await(JOB_TIMEOUT);
        assertThat(result.exitCode()).as(result.stderr()).isEqualTo(exitCode);
        assertThat(result.errorLine()).as(result.stderr()).contains(message);
        assertThat(result.stderr().lines().filter(line -> line.startsWith("error: ")).count()).isEqualTo(1);
        assertThat(result.stderr().lines().filter(line -> line.startsWith("\tat ")).count()).as(result.stderr()).isZero();
    }

    @Test
    @Order(11)
    void stackDownLeavesNoProcessOfOurs()
            throws Exception
    {
        if (spark != null) {
            spark.stop();
            spark = null;
        }
        StackProcess.Result down = StackProcess.stack("down").await(Duration.ofMinutes(3)).requireSuccess("stack down");
        timings.put("stack down", down.elapsed());
        for (Map.Entry<String, String> pid : pidsAfterUp.entrySet()) {
            assertThat(ProcessHandle.of(Long.parseLong(pid.getValue())).map(ProcessHandle::isAlive).orElse(false)).as(pid.getKey()).isFalse();
        }
        List<String> ours = ProcessHandle.allProcesses()
                .filter(process -> process.info().commandLine().map(line -> line.contains(StackProcess.STACK_DIR.toString())).orElse(false))
                .map(process -> process.pid() + " " + process.info().commandLine().orElse(""))
                .toList();
        assertThat(ours).isEmpty();
        StackProcess.Result status = StackProcess.stack("status").await(Duration.ofMinutes(1));
        assertThat(status.exitCode()).isEqualTo(1);
        assertThat(status.stdout().lines().filter(line -> line.endsWith("down")).count()).isEqualTo(4);
    }

}
