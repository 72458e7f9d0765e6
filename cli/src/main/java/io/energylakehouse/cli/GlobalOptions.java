package io.energylakehouse.cli;

import io.energylakehouse.common.config.LakehouseConfig;
import io.energylakehouse.common.config.Settings;
import io.energylakehouse.common.spark.LakehouseSpark;
import io.energylakehouse.common.table.Lakehouse;
import io.energylakehouse.etl.raw.PayloadLimits;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Options every subcommand takes: which profile, which configuration file, and single-key overrides. */
public final class GlobalOptions
{
    @Option(names = "--profile", paramLabel = "NAME", description = "local (default: Spark in-process, catalog in a SQLite file), stack or cluster")
    String profile;

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file with settings (keys like lakehouse.catalog.uri); the environment and --set win over it")
    Path configFile;

    @Option(names = "--home", paramLabel = "DIR", description = "Folder for the local lakehouse (default var/lakehouse, or $LAKEHOUSE_HOME)")
    Path home;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Override one setting, e.g. --set lakehouse.spark.ui=enabled")
    Map<String, String> overrides = new LinkedHashMap<>();

    /** The options given on the command line, e.g. {@code [--profile, --set]}. */
    List<String> given()
    {
        List<String> given = new ArrayList<>();
        if (profile != null) {
            given.add("--profile");
        }
        if (configFile != null) {
            given.add("--config");
        }
        if (home != null) {
            given.add("--home");
        }
        if (!overrides.isEmpty()) {
            given.add("--set");
        }
        return given;
    }

    /**
     * Takes the options given before the subcommand ({@code bin/lakehouse --profile stack sql ...}); those given
     * after it win for {@code --set} keys, and one option with two different values is refused.
     */
    void inherit(GlobalOptions before)
    {
        profile = once("--profile", before.profile, profile);
        configFile = once("--config", before.configFile, configFile);
        home = once("--home", before.home, home);
        Map<String, String> merged = new LinkedHashMap<>(before.overrides);
        merged.putAll(overrides);
        overrides = merged;
    }

    private static <T> T once(String option, T before, T after)
    {
        if (before != null && after != null && !before.equals(after)) {
            throw io.energylakehouse.common.LakehouseException.userError("Cannot use %s %s before the command and %s %s after it: give it once", option, before, option, after);
        }
        return after != null ? after : before;
    }

    static List<String> knownKeys()
    {
        List<String> keys = new ArrayList<>(LakehouseConfig.KEYS);
        for (io.energylakehouse.etl.connector.MarketConnector connector : io.energylakehouse.etl.connector.Connectors.all()) {
            keys.addAll(connector.settingKeys());
        }
        keys.addAll(PayloadLimits.KEYS);
        return keys;
    }

    Settings settings()
    {
        Map<String, String> commandLine = new LinkedHashMap<>(overrides);
        if (profile != null) {
            commandLine.put(LakehouseConfig.PROFILE, profile);
        }
        if (home != null) {
            commandLine.put(LakehouseConfig.HOME, home.toString());
        }
        Path file = configFile != null ? configFile : stackFileFor(commandLine);
        Settings settings = Settings.load(file, System.getenv(), knownKeys(), commandLine);
        settings.checkKnown("lakehouse.", knownKeys());
        settings.checkKnown("etl.", knownKeys());
        return settings;
    }

    /**
     * The stack and cluster profiles read {@code var/stack/stack.properties} (written by {@code bin/lakehouse
     * stack up}) unless {@code --config} names another file; the local profile reads no file by default.
     */
    static Path stackFileFor(Map<String, String> commandLine)
    {
        String profile = commandLine.getOrDefault(LakehouseConfig.PROFILE,
                System.getenv().getOrDefault(Settings.environmentName(LakehouseConfig.PROFILE), "local"));
        // An unknown name is told as such, not as missing stack settings.
        if (io.energylakehouse.common.config.Profile.fromName(profile.trim()) == io.energylakehouse.common.config.Profile.LOCAL) {
            return null;
        }
        Path file = stackDirectory().resolve("stack.properties");
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw io.energylakehouse.common.LakehouseException.userError(
                    "Cannot use profile %s: no stack settings at %s; start the stack with 'bin/lakehouse stack up' or pass --config FILE", profile, file);
        }
        return file;
    }

    static Path stackDirectory()
    {
        String directory = System.getenv("LAKEHOUSE_STACK_DIR");
        if (directory != null && !directory.isBlank()) {
            return Path.of(directory);
        }
        return Path.of(System.getProperty("lakehouse.project-dir", ".")).resolve("var/stack");
    }

    LakehouseConfig lakehouseConfig()
    {
        return LakehouseConfig.from(settings());
    }

    PayloadLimits payloadLimits()
    {
        return PayloadLimits.from(settings());
    }

    Lakehouse openLakehouse(String appName)
    {
        LakehouseConfig config = lakehouseConfig();
        return new Lakehouse(config, LakehouseSpark.session(config, appName));
    }
}
