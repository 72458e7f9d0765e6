package io.energylakehouse.common.config;

import io.energylakehouse.common.LakehouseException;

import java.nio.file.Path;
import java.util.List;

import static java.util.Objects.requireNonNull;

/**
 * The lakehouse-wide configuration: which profile, where the catalog and the warehouse live, how Spark
 * runs. Every location defaults to a place under {@code lakehouse.home}, so the local profile needs no
 * setting at all; the stack and cluster profiles point the same keys at PostgreSQL, MinIO and a master.
 *
 * @param home folder for everything the local profile keeps (catalog file, warehouse, raw store, published files)
 * @param catalogName Iceberg catalog name in Spark; Trino's JDBC catalog must use the same name
 * @param catalogUri JDBC URL of the Iceberg catalog ({@code jdbc:sqlite:...} locally, PostgreSQL in the stack)
 * @param warehouse root of the Iceberg tables: a folder or an {@code s3://} URI
 * @param rawStore root of the content-addressed raw payload store
 * @param publishedRoot root of the downloadable datasets (Parquet, CSV.gz, Delta, manifests)
 * @param sparkMaster Spark master URL ({@code local[*]} on the local profile)
 * @param shufflePartitions {@code spark.sql.shuffle.partitions}; small data wants few
 * @param stack credentials and endpoints of the stack's services (empty on the local profile)
 */
public record LakehouseConfig(
        Profile profile,
        String home,
        String catalogName,
        String catalogUri,
        String warehouse,
        String rawStore,
        String publishedRoot,
        String sparkMaster,
        int shufflePartitions,
        SparkUi sparkUi,
        StackConfig stack)
{
    public static final String PROFILE = "lakehouse.profile";
    public static final String HOME = "lakehouse.home";
    public static final String CATALOG_NAME = "lakehouse.catalog.name";
    public static final String CATALOG_URI = "lakehouse.catalog.uri";
    public static final String WAREHOUSE = "lakehouse.warehouse";
    public static final String RAW_STORE = "lakehouse.raw-store";
    public static final String PUBLISHED_ROOT = "lakehouse.published-root";
    public static final String SPARK_MASTER = "lakehouse.spark.master";
    public static final String SPARK_SHUFFLE_PARTITIONS = "lakehouse.spark.shuffle-partitions";
    public static final String SPARK_UI = "lakehouse.spark.ui";

    public static final List<String> KEYS = java.util.stream.Stream.concat(
            java.util.stream.Stream.of(PROFILE, HOME, CATALOG_NAME, CATALOG_URI, WAREHOUSE, RAW_STORE, PUBLISHED_ROOT, SPARK_MASTER,
                    SPARK_SHUFFLE_PARTITIONS, SPARK_UI),
            StackConfig.KEYS.stream()).toList();

    public static final String DEFAULT_HOME = "var/lakehouse";

    public enum SparkUi
    {
        ENABLED, DISABLED
    }

    public LakehouseConfig
    {
        requireNonNull(profile, "profile is null");
        requireNonNull(home, "home is null");
        requireNonNull(catalogName, "catalogName is null");
        requireNonNull(catalogUri, "catalogUri is null");
        requireNonNull(warehouse, "warehouse is null");
        requireNonNull(rawStore, "rawStore is null");
        requireNonNull(publishedRoot, "publishedRoot is null");
        requireNonNull(sparkMaster, "sparkMaster is null");
        requireNonNull(sparkUi, "sparkUi is null");
        requireNonNull(stack, "stack is null");
        for (String location : List.of(warehouse, rawStore, publishedRoot)) {
            if ((location.startsWith("s3://") || location.startsWith("s3a://")) && stack.s3().isEmpty()) {
                throw LakehouseException.userError("Cannot use location %s: it is on S3 but no endpoint is set (%s and its keys)", location, StackConfig.S3_ENDPOINT);
            }
        }
        if (!catalogName.matches("[a-z][a-z0-9_]*")) {
            throw LakehouseException.userError("Cannot use catalog name '%s': use lower-case letters, digits and underscores", catalogName);
        }
        if (shufflePartitions < 1) {
            throw LakehouseException.userError("Cannot use %d shuffle partitions: need at least 1", shufflePartitions);
        }
    }

    public static LakehouseConfig from(Settings settings)
    {
        Profile profile = Profile.fromName(settings.value(PROFILE, Profile.LOCAL.configName()));
        String home = Path.of(settings.value(HOME, DEFAULT_HOME)).toAbsolutePath().normalize().toString();
        String catalogUri = settings.value(CATALOG_URI).orElse(null);
        String warehouse = settings.value(WAREHOUSE).orElse(null);
        if (profile != Profile.LOCAL) {
            // The stack and cluster profiles never fall back to local files: a job that meant to write to
            // MinIO must not quietly write to the laptop instead.
            List<String> missing = java.util.stream.Stream.of(CATALOG_URI, WAREHOUSE, RAW_STORE, PUBLISHED_ROOT)
                    .filter(key -> settings.value(key).isEmpty())
                    .toList();
            if (profile == Profile.CLUSTER && settings.value(SPARK_MASTER).isEmpty()) {
                missing = java.util.stream.Stream.concat(missing.stream(), java.util.stream.Stream.of(SPARK_MASTER)).toList();
            }
            if (!missing.isEmpty()) {
                throw LakehouseException.userError("Cannot use profile %s: set %s (the stack's PostgreSQL catalog, its s3:// locations%s)",
                        profile.configName(), String.join(", ", missing), profile == Profile.CLUSTER ? " and the Spark master" : "");
            }
        }
        return new LakehouseConfig(
                profile,
                home,
                settings.value(CATALOG_NAME, "lakehouse"),
                catalogUri != null ? catalogUri : "jdbc:sqlite:" + home + "/catalog.db",
                warehouse != null ? warehouse : home + "/warehouse",
                settings.value(RAW_STORE, home + "/raw"),
                settings.value(PUBLISHED_ROOT, home + "/published"),
                sparkMaster(profile, settings),
                settings.intValue(SPARK_SHUFFLE_PARTITIONS, 4),
                sparkUi(settings),
                StackConfig.from(settings));
    }

    /**
     * The stack profile runs Spark in-process against the stack's services; the master URL in the stack's
     * settings is for the cluster profile, whose jobs go through spark-submit with the jars. A local master
     * may still be chosen explicitly.
     */
    private static String sparkMaster(Profile profile, Settings settings)
    {
        String master = settings.value(SPARK_MASTER, "local[*]");
        if (profile == Profile.STACK && !master.startsWith("local")) {
            return "local[*]";
        }
        return master;
    }

    private static SparkUi sparkUi(Settings settings)
    {
        String value = settings.value(SPARK_UI, "disabled");
        try {
            return SparkUi.valueOf(value.toUpperCase(java.util.Locale.ROOT));
        }
        catch (IllegalArgumentException e) {
            throw LakehouseException.userError("Cannot read setting '%s' (from %s): value '%s' is not valid; use enabled or disabled",
                    SPARK_UI, settings.origin(SPARK_UI), value);
        }
    }

    /** The same configuration rooted at another home: every location that was derived from home moves with it. */
    public static LakehouseConfig local(Path home)
    {
        return from(Settings.of(java.util.Map.of(HOME, home.toString())));
    }
}
