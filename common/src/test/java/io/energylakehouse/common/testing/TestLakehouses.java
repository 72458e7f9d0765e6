package io.energylakehouse.common.testing;

import io.energylakehouse.common.config.LakehouseConfig;
import io.energylakehouse.common.config.Settings;
import io.energylakehouse.common.spark.LakehouseSpark;
import io.energylakehouse.common.table.Lakehouse;
import org.apache.spark.sql.SparkSession;

import java.nio.file.Path;
import java.util.Map;

/** A tiny local lakehouse for a test class: local[2], UI off, two shuffle partitions, everything under one folder. */
public final class TestLakehouses
{
    private TestLakehouses() {}

    public static LakehouseConfig config(Path home)
    {
        return LakehouseConfig.from(Settings.of(Map.of(
                LakehouseConfig.HOME, home.toString(),
                LakehouseConfig.SPARK_MASTER, "local[2]",
                LakehouseConfig.SPARK_SHUFFLE_PARTITIONS, "2")));
    }

    public static Lakehouse create(Path home)
    {
        LakehouseConfig config = config(home);
        SparkSession spark = LakehouseSpark.session(config, "lakehouse-test");
        return new Lakehouse(config, spark);
    }
}
