package io.energylakehouse.cli;

/**
 * A subcommand that runs Spark. On the cluster profile the launcher does not run it in its own JVM: it
 * hands the same command line to spark-submit against the standalone master ({@link SparkSubmitter}).
 */
interface SparkJob
        extends LakehouseCommand
{
    /** False when this invocation needs no Spark at all (e.g. {@code sql} on Trino). */
    default boolean needsSpark()
    {
        return true;
    }
}
