package io.energylakehouse.cli;

import io.energylakehouse.common.ErrorCode;
import io.energylakehouse.common.FileErrors;
import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.config.LakehouseConfig;
import io.energylakehouse.common.config.StackConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The cluster profile: runs the same command line through {@code spark-submit} against the standalone
 * master, in client mode (the driver runs here, as the launcher does on the local profile; executors run
 * on the worker). The application jar is the CLI's; {@code --jars} carries every dependency the Spark
 * installation does not already have, matched by artifact name, so no class reaches the executors twice.
 */
final class SparkSubmitter
{
    private static final Logger log = LoggerFactory.getLogger(SparkSubmitter.class);
    static final String SUBMITTED = "LAKEHOUSE_SUBMITTED";
    private static final Pattern VERSIONED = Pattern.compile("(.+?)-\\d[^-]*(-[A-Za-z0-9_.]+)*\\.jar");

    private SparkSubmitter() {}

    /** True inside the driver that spark-submit started: do the work instead of submitting again. */
    static boolean insideSubmittedDriver()
    {
        return "1".equals(System.getenv(SUBMITTED));
    }

    static int submit(LakehouseConfig config, String commandName, List<String> arguments)
    {
        Path sparkHome = Path.of(config.stack().sparkHome().orElseThrow(() -> LakehouseException.userError(
                "Cannot submit to the cluster: %s is not set (start the stack with 'bin/lakehouse stack up')", StackConfig.SPARK_HOME)));
        Path sparkSubmit = sparkHome.resolve("bin/spark-submit");
        if (!Files.isExecutable(sparkSubmit)) {
            throw LakehouseException.userError("Cannot submit to the cluster: no spark-submit at %s", sparkSubmit);
        }
        Path projectDirectory = Path.of(System.getProperty("lakehouse.project-dir", "."));
        Path applicationJar = projectDirectory.resolve("cli/target/lakehouse-cli.jar");
        Path libraries = projectDirectory.resolve("cli/target/lib");
        List<String> command = new ArrayList<>();
        command.add(sparkSubmit.toString());
        command.addAll(List.of("--master", config.sparkMaster(), "--deploy-mode", "client",
                "--name", "lakehouse-" + commandName,
                "--class", LakehouseCli.class.getName(),
                "--jars", String.join(",", extraJars(libraries, sparkHome.resolve("jars"))),
                "--driver-memory", System.getenv().getOrDefault("LAKEHOUSE_DRIVER_MEMORY", "4g"),
                "--executor-memory", System.getenv().getOrDefault("LAKEHOUSE_EXECUTOR_MEMORY", "3g"),
                "--driver-java-options", String.join(" ", jvmFlags()) + " -Dlog4j2.configurationFile="
                        + projectDirectory.resolve("cli/src/main/resources/log4j2.properties").toAbsolutePath()
                        + (System.getProperty("lakehouse.log-file") == null ? "" : " -Dlakehouse.log-file=" + System.getProperty("lakehouse.log-file")),
                "--conf", "spark.executor.extraJavaOptions=" + String.join(" ", jvmFlags()),
                "--conf", "spark.driver.host=127.0.0.1",
                "--conf", "spark.driver.bindAddress=127.0.0.1",
                "--conf", "spark.task.maxFailures=1"));
        command.add(applicationJar.toString());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().put(SUBMITTED, "1");
        builder.environment().put("SPARK_HOME", sparkHome.toString());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putIfAbsent("SPARK_LOCAL_IP", "127.0.0.1");
        log.info("Stage submit: {} to {} with spark-submit from {}", commandName, config.sparkMaster(), sparkHome);
        try {
            Process process = builder.start();
            return process.waitFor();
        }
        catch (IOException e) {
            throw new LakehouseException(ErrorCode.EXTERNAL_SERVICE, "Cannot start spark-submit at " + sparkSubmit + ": " + FileErrors.reason(e), e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LakehouseException(ErrorCode.INTERNAL, "Cannot wait for spark-submit: interrupted", e);
        }
    }

    /** Our dependencies minus the artifacts the Spark installation ships (same artifact name, any version). */
    static List<String> extraJars(Path libraries, Path sparkJars)
    {
        Set<String> provided;
        try (Stream<Path> jars = Files.list(sparkJars)) {
            provided = jars.map(path -> artifact(path.getFileName().toString())).collect(Collectors.toSet());
        }
        catch (IOException e) {
            throw LakehouseException.userError("Cannot list the Spark installation's jars in %s: %s", sparkJars, FileErrors.reason(e));
        }
        try (Stream<Path> jars = Files.list(libraries)) {
            return jars.filter(path -> path.toString().endsWith(".jar"))
                    .filter(path -> !provided.contains(artifact(path.getFileName().toString())))
                    .map(Path::toString)
                    .sorted()
                    .toList();
        }
        catch (IOException e) {
            throw LakehouseException.userError("Cannot list the lakehouse's libraries in %s (build with mvn install): %s", libraries, FileErrors.reason(e));
        }
    }

    /** {@code jackson-databind-2.20.0.jar} -> {@code jackson-databind}; {@code spark-sql_2.13-4.1.0.jar} -> {@code spark-sql_2.13}. */
    static String artifact(String fileName)
    {
        Matcher matcher = VERSIONED.matcher(fileName);
        return matcher.matches() ? matcher.group(1) : fileName;
    }

    /** The JVM flags of bin/lakehouse (Spark on Java 17), passed to the submitted driver and the executors. */
    static List<String> jvmFlags()
    {
        return java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(flag -> flag.startsWith("--add-opens") || flag.startsWith("--enable-native-access")
                        || flag.startsWith("-Djdk.reflect") || flag.startsWith("-Dio.netty"))
                .toList();
    }
}
