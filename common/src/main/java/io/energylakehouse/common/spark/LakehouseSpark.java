package io.energylakehouse.common.spark;

import io.energylakehouse.common.config.LakehouseConfig;
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
        SparkSession.Builder builder = SparkSession.builder().appName(appName).master(config.sparkMaster());
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
            throw io.energylakehouse.common.LakehouseException.userError("Cannot create the local lakehouse under %s: %s", config.home(), e.getMessage());
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
        String catalog = "spark.sql.catalog." + config.catalogName();
        properties.put(catalog, "org.apache.iceberg.spark.SparkCatalog");
        properties.put(catalog + ".type", "jdbc");
        properties.put(catalog + ".uri", config.catalogUri());
        properties.put(catalog + ".warehouse", config.warehouse());
        // V1 of the JDBC catalog schema also stores views; SQLite and PostgreSQL both handle it.
        properties.put(catalog + ".jdbc.schema-version", "V1");
        properties.put(catalog + ".cache-enabled", "false");
        return properties;
    }
}
