package io.energylakehouse.common.spark;

import io.energylakehouse.common.FileErrors;
import io.energylakehouse.common.config.LakehouseConfig;
import io.energylakehouse.common.config.StackConfig;
import org.apache.spark.sql.SparkSession;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the one SparkSession a job uses: Iceberg and Delta side by side ({@code spark_catalog} is Delta's,
 * the Iceberg catalog has the configured name and is the default), UTC session time, few shuffle partitions.
 */
public final class LakehouseSpark
{
    private LakehouseSpark() {}

    public static SparkSession session(LakehouseConfig config, String appName)
    {
        createLocalFolders(config);
        SparkSession.Builder builder = SparkSession.builder().appName(appName);
        // Under spark-submit (the cluster profile, Airflow's SparkSubmitOperator) the submitter chose the master.
        if (System.getProperty("spark.master") == null) {
            builder.master(config.sparkMaster());
        }
        sparkProperties(config).forEach(builder::config);
        return builder.getOrCreate();
    }

    /** SQLite creates its database file but not the folder it sits in; local warehouse folders likewise. */
    static void createLocalFolders(LakehouseConfig config)
    {
        try {
            if (config.catalogUri().startsWith("jdbc:sqlite:")) {
                java.nio.file.Path catalogFile = java.nio.file.Path.of(config.catalogUri().substring("jdbc:sqlite:".length()));
                if (catalogFile.toAbsolutePath().getParent() != null) {
                    java.nio.file.Files.createDirectories(catalogFile.toAbsolutePath().getParent());
                }
            }
            for (String location : java.util.List.of(config.warehouse(), config.rawStore(), config.publishedRoot())) {
                if (!location.contains(":/")) {
                    java.nio.file.Files.createDirectories(java.nio.file.Path.of(location));
                }
            }
        }
        catch (java.io.IOException e) {
            throw io.energylakehouse.common.LakehouseException.userError("Cannot create the local lakehouse under %s: %s", config.home(), FileErrors.reason(e));
        }
    }

    /** Every Spark property the lakehouse sets, so spark-submit (cluster profile) can pass the same ones. */
    public static Map<String, String> sparkProperties(LakehouseConfig config)
    {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("spark.sql.extensions", String.join(",",
                "org.apache.iceberg.spark.extensions.IcebergSparkSessionExtensions",
                "io.delta.sql.DeltaSparkSessionExtension"));
        properties.put("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
        properties.put("spark.sql.defaultCatalog", config.catalogName());
        properties.put("spark.sql.session.timeZone", "UTC");
        // Rows carry java.time.Instant and LocalDate, never java.sql.Timestamp with its JVM-zone pitfalls.
        properties.put("spark.sql.datetime.java8API.enabled", "true");
        properties.put("spark.sql.shuffle.partitions", Integer.toString(config.shufflePartitions()));
        properties.put("spark.sql.adaptive.enabled", "true");
        properties.put("spark.ui.enabled", Boolean.toString(config.sparkUi() == LakehouseConfig.SparkUi.ENABLED));
        properties.put("spark.ui.showConsoleProgress", "false");
        properties.put("spark.driver.bindAddress", "127.0.0.1");
        properties.put("spark.driver.host", "127.0.0.1");
        properties.put("spark.sql.parquet.compression.codec", "zstd");
        // Local files without a forked chmod per file and folder (Hadoop's native library is not there).
        properties.put("spark.hadoop.fs.file.impl", io.energylakehouse.common.fs.LocalFileSystemWithoutForks.class.getName());
        // Delta rebuilds a table's state with 50 tasks by default (each a few hundred ms of scheduling on a laptop);
        // the published extracts are small tables with a handful of commits.
        properties.put("spark.databricks.delta.snapshotPartitions", "2");
        String catalog = "spark.sql.catalog." + config.catalogName();
        properties.put(catalog, "org.apache.iceberg.spark.SparkCatalog");
        properties.put(catalog + ".type", "jdbc");
        properties.put(catalog + ".uri", config.catalogUri());
        properties.put(catalog + ".warehouse", config.warehouse());
        // V1 of the JDBC catalog schema also stores views; SQLite and PostgreSQL both handle it.
        properties.put(catalog + ".jdbc.schema-version", "V1");
        properties.put(catalog + ".cache-enabled", "false");
        config.stack().catalogUser().ifPresent(user -> properties.put(catalog + ".jdbc.user", user));
        config.stack().catalogPassword().ifPresent(password -> properties.put(catalog + ".jdbc.password", password));
        config.stack().s3().ifPresent(s3 -> properties.putAll(objectStoreProperties(catalog, s3)));
        return properties;
    }

    /**
     * MinIO for both readers: Iceberg's own S3FileIO for the tables ({@code s3://}), Hadoop's S3A for every
     * Hadoop path (raw payloads, published files, Delta; {@code s3a://}, and {@code s3://} mapped to S3A for
     * Iceberg's Hadoop-based procedures). Path-style requests, few retries and short timeouts: a store that is
     * down fails the job in seconds with the cause, instead of retrying for minutes.
     */
    static Map<String, String> objectStoreProperties(String catalog, StackConfig.S3 s3)
    {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put(catalog + ".io-impl", "org.apache.iceberg.aws.s3.S3FileIO");
        properties.put(catalog + ".s3.endpoint", s3.endpoint());
        properties.put(catalog + ".s3.path-style-access", "true");
        properties.put(catalog + ".s3.access-key-id", s3.accessKey());
        properties.put(catalog + ".s3.secret-access-key", s3.secretKey());
        properties.put(catalog + ".client.region", s3.region());
        properties.put(catalog + ".s3.retry.num-retries", Integer.toString(s3.retries()));
        properties.put(catalog + ".s3.retry.min-wait-ms", "200");
        properties.put(catalog + ".s3.retry.max-wait-ms", "2000");
        properties.put(catalog + ".http-client.type", "apache");
        properties.put(catalog + ".http-client.apache.connection-timeout-ms", "5000");
        properties.put(catalog + ".http-client.apache.socket-timeout-ms", "60000");
        String hadoop = "spark.hadoop.fs.s3a.";
        properties.put(hadoop + "endpoint", s3.endpoint());
        properties.put(hadoop + "endpoint.region", s3.region());
        properties.put(hadoop + "path.style.access", "true");
        properties.put(hadoop + "access.key", s3.accessKey());
        properties.put(hadoop + "secret.key", s3.secretKey());
        properties.put(hadoop + "aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
        properties.put(hadoop + "connection.ssl.enabled", Boolean.toString(s3.endpoint().startsWith("https:")));
        properties.put(hadoop + "attempts.maximum", Integer.toString(s3.retries() + 1));
        properties.put(hadoop + "retry.limit", Integer.toString(s3.retries()));
        properties.put(hadoop + "retry.interval", "500ms");
        properties.put(hadoop + "retry.throttle.limit", Integer.toString(s3.retries()));
        properties.put(hadoop + "connection.establish.timeout", "15s");
        properties.put(hadoop + "connection.timeout", "60s");
        properties.put(hadoop + "change.detection.version.required", "false");
        properties.put("spark.hadoop.fs.s3.impl", "org.apache.hadoop.fs.s3a.S3AFileSystem");
        return properties;
    }
}
