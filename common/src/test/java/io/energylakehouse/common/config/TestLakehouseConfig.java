package io.energylakehouse.common.config;

import io.energylakehouse.common.ErrorCode;
import io.energylakehouse.common.LakehouseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestLakehouseConfig
{
    private static final String POSTGRES = "jdbc:postgresql://postgres:5432/iceberg_catalog";

    @Test
    void pinsEveryDefault()
    {
        String home = Path.of("var/lakehouse").toAbsolutePath().normalize().toString();

        assertThat(LakehouseConfig.from(Settings.empty())).isEqualTo(new LakehouseConfig(
                Profile.LOCAL,
                home,
                "lakehouse",
                "jdbc:sqlite:" + home + "/catalog.db",
                home + "/warehouse",
                home + "/raw",
                home + "/published",
                "local[*]",
                4,
                LakehouseConfig.SparkUi.DISABLED,
                StackConfig.from(Settings.empty())));
    }

    @Test
    void pinsKeys()
    {
        assertThat(LakehouseConfig.KEYS).containsExactly(
                "lakehouse.profile",
                "lakehouse.home",
                "lakehouse.catalog.name",
                "lakehouse.catalog.uri",
                "lakehouse.warehouse",
                "lakehouse.raw-store",
                "lakehouse.published-root",
                "lakehouse.spark.master",
                "lakehouse.spark.shuffle-partitions",
                "lakehouse.spark.ui",
                "lakehouse.catalog.user",
                "lakehouse.catalog.password",
                "lakehouse.s3.endpoint",
                "lakehouse.s3.region",
                "lakehouse.s3.access-key",
                "lakehouse.s3.secret-key",
                "lakehouse.s3.retries",
                "lakehouse.spark.home",
                "lakehouse.trino.url",
                "lakehouse.access.entitlements",
                "lakehouse.access.password-db",
                "lakehouse.access.passwords");
    }

    @Test
    void derivesLocationsFromHome(@TempDir Path home)
    {
        String root = home.toAbsolutePath().normalize().toString();

        assertThat(LakehouseConfig.local(home)).isEqualTo(new LakehouseConfig(
                Profile.LOCAL,
                root,
                "lakehouse",
                "jdbc:sqlite:" + root + "/catalog.db",
                root + "/warehouse",
                root + "/raw",
                root + "/published",
                "local[*]",
                4,
                LakehouseConfig.SparkUi.DISABLED,
                StackConfig.from(Settings.empty())));
    }

    @Test
    void readsExplicitValues()
    {
        Settings settings = Settings.of(Map.ofEntries(
                Map.entry(LakehouseConfig.PROFILE, "cluster"),
                Map.entry(LakehouseConfig.HOME, "/srv/lakehouse"),
                Map.entry(LakehouseConfig.CATALOG_NAME, "energy"),
                Map.entry(LakehouseConfig.CATALOG_URI, POSTGRES),
                Map.entry(LakehouseConfig.WAREHOUSE, "s3://warehouse/"),
                Map.entry(LakehouseConfig.RAW_STORE, "s3://raw/"),
                Map.entry(LakehouseConfig.PUBLISHED_ROOT, "s3://published/"),
                Map.entry(LakehouseConfig.SPARK_MASTER, "spark://spark-master:7077"),
                Map.entry(LakehouseConfig.SPARK_SHUFFLE_PARTITIONS, "16"),
                Map.entry(LakehouseConfig.SPARK_UI, "enabled"),
                Map.entry(StackConfig.S3_ENDPOINT, "http://127.0.0.1:9000"),
                Map.entry(StackConfig.S3_ACCESS_KEY, "admin"),
                Map.entry(StackConfig.S3_SECRET_KEY, "secret")));

        assertThat(LakehouseConfig.from(settings)).isEqualTo(new LakehouseConfig(
                Profile.CLUSTER,
                "/srv/lakehouse",
                "energy",
                POSTGRES,
                "s3://warehouse/",
                "s3://raw/",
                "s3://published/",
                "spark://spark-master:7077",
                16,
                LakehouseConfig.SparkUi.ENABLED,
                StackConfig.from(settings)));
        assertThat(LakehouseConfig.from(settings).stack().s3()).contains(new StackConfig.S3("http://127.0.0.1:9000", "us-east-1", "admin", "secret", 2));
    }

    @Test
    void environmentOverridesFileAndCommandLineOverridesEnvironment(@TempDir Path directory)
            throws IOException
    {
        Path file = directory.resolve("lakehouse.properties");
        Files.writeString(file, "lakehouse.catalog.uri=jdbc:sqlite:/from/file.db\nlakehouse.spark.master=local[2]\n");
        Map<String, String> environment = Map.of(
                "LAKEHOUSE_CATALOG_URI", POSTGRES,
                "LAKEHOUSE_SPARK_SHUFFLE_PARTITIONS", "8",
                "PATH", "/usr/bin");

        Settings fromEnvironment = Settings.load(file, environment, LakehouseConfig.KEYS, Map.of());
        assertThat(LakehouseConfig.from(fromEnvironment).catalogUri()).isEqualTo(POSTGRES);
        assertThat(LakehouseConfig.from(fromEnvironment).shufflePartitions()).isEqualTo(8);
        assertThat(LakehouseConfig.from(fromEnvironment).sparkMaster()).isEqualTo("local[2]");
        assertThat(fromEnvironment.origin(LakehouseConfig.CATALOG_URI)).isEqualTo("environment");
        assertThat(fromEnvironment.origin(LakehouseConfig.SPARK_MASTER)).isEqualTo(file.toString());
        assertThat(fromEnvironment.origin(LakehouseConfig.WAREHOUSE)).isEqualTo("default");
        // variables that are not settings never leak in
        assertThat(fromEnvironment.value("PATH")).isEmpty();

        Settings fromCommandLine = Settings.load(file, environment, LakehouseConfig.KEYS, Map.of(LakehouseConfig.CATALOG_URI, "jdbc:sqlite:/from/cli.db"));
        assertThat(LakehouseConfig.from(fromCommandLine).catalogUri()).isEqualTo("jdbc:sqlite:/from/cli.db");
        assertThat(LakehouseConfig.from(fromCommandLine).shufflePartitions()).isEqualTo(8);
        assertThat(fromCommandLine.origin(LakehouseConfig.CATALOG_URI)).isEqualTo("command line");
    }

    @Test
    void rejectsUnknownKey()
    {
        Settings settings = Settings.load(null, Map.of(), LakehouseConfig.KEYS, Map.of("lakehouse.catalgo.uri", POSTGRES));

        assertThatThrownBy(() -> settings.checkKnown("lakehouse.", LakehouseConfig.KEYS))
                .isInstanceOfSatisfying(LakehouseException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.USER_ERROR))
                .hasMessage("Cannot use setting 'lakehouse.catalgo.uri' (from command line): unknown key; known keys are " + new TreeSet<>(LakehouseConfig.KEYS));
        assertThat(new TreeSet<>(LakehouseConfig.KEYS)).startsWith("lakehouse.access.entitlements").contains("lakehouse.catalog.uri").hasSize(22);
    }

    @Test
    void checkKnownIgnoresKeysOfOtherPrefixes()
    {
        Settings settings = Settings.of(Map.of(LakehouseConfig.CATALOG_URI, POSTGRES, "etl.caiso.base-url", "https://oasis.caiso.com/oasisapi"));

        settings.checkKnown("lakehouse.", LakehouseConfig.KEYS);
    }

    @Test
    void rejectsStackProfileWithoutCatalogUri()
    {
        Settings settings = Settings.of(Map.of(LakehouseConfig.PROFILE, "stack", LakehouseConfig.WAREHOUSE, "s3://warehouse/"));

        assertThatThrownBy(() -> LakehouseConfig.from(settings))
                .isInstanceOfSatisfying(LakehouseException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.USER_ERROR))
                .hasMessage("Cannot use profile stack: set lakehouse.catalog.uri, lakehouse.raw-store, lakehouse.published-root (the stack's PostgreSQL catalog, its s3:// locations)");
    }

    @Test
    void rejectsClusterProfileWithoutWarehouse()
    {
        Settings settings = Settings.of(Map.of(LakehouseConfig.PROFILE, "cluster", LakehouseConfig.CATALOG_URI, POSTGRES));

        assertThatThrownBy(() -> LakehouseConfig.from(settings))
                .isInstanceOf(LakehouseException.class)
                .hasMessage("Cannot use profile cluster: set lakehouse.warehouse, lakehouse.raw-store, lakehouse.published-root, lakehouse.spark.master "
                        + "(the stack's PostgreSQL catalog, its s3:// locations and the Spark master)");
    }

    @Test
    void rejectsUnknownProfile()
    {
        assertThatThrownBy(() -> LakehouseConfig.from(Settings.of(Map.of(LakehouseConfig.PROFILE, "prod"))))
                .isInstanceOfSatisfying(LakehouseException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.USER_ERROR))
                .hasMessage("Cannot select profile 'prod': known profiles are [local, stack, cluster]");
    }

    @Test
    void rejectsBadInt()
    {
        Settings settings = Settings.load(null, Map.of(), LakehouseConfig.KEYS, Map.of(LakehouseConfig.SPARK_SHUFFLE_PARTITIONS, "four"));

        assertThatThrownBy(() -> LakehouseConfig.from(settings))
                .isInstanceOfSatisfying(LakehouseException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.USER_ERROR))
                .hasMessage("Cannot read setting 'lakehouse.spark.shuffle-partitions' (from command line): value 'four' is not valid");
    }

    @Test
    void rejectsZeroShufflePartitions()
    {
        assertThatThrownBy(() -> LakehouseConfig.from(Settings.of(Map.of(LakehouseConfig.SPARK_SHUFFLE_PARTITIONS, "0"))))
                .isInstanceOf(LakehouseException.class)
                .hasMessage("Cannot use 0 shuffle partitions: need at least 1");
    }

    @Test
    void rejectsBadCatalogName()
    {
        assertThatThrownBy(() -> LakehouseConfig.from(Settings.of(Map.of(LakehouseConfig.CATALOG_NAME, "Lake-House"))))
                .isInstanceOf(LakehouseException.class)
                .hasMessage("Cannot use catalog name 'Lake-House': use lower-case letters, digits and underscores");
    }

    @Test
    void rejectsBadSparkUiAsUserError()
    {
        // A mistyped setting is a user error naming the key and the value, like every other bad setting; an
        // IllegalArgumentException from Enum.valueOf would reach the launcher as a stack trace.
        assertThatThrownBy(() -> LakehouseConfig.from(Settings.of(Map.of(LakehouseConfig.SPARK_UI, "off"))))
                .isInstanceOfSatisfying(LakehouseException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.USER_ERROR))
                .hasMessageContainingAll("lakehouse.spark.ui", "'off'");
    }

    @Test
    void acceptsSparkUiInAnyCase()
    {
        assertThat(LakehouseConfig.from(Settings.of(Map.of(LakehouseConfig.SPARK_UI, "Enabled"))).sparkUi()).isEqualTo(LakehouseConfig.SparkUi.ENABLED);
        assertThat(List.of(LakehouseConfig.SparkUi.values())).containsExactly(LakehouseConfig.SparkUi.ENABLED, LakehouseConfig.SparkUi.DISABLED);
    }
}
