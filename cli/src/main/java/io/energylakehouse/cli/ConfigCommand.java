package io.energylakehouse.cli;

import io.energylakehouse.common.config.LakehouseConfig;
import io.energylakehouse.common.config.Settings;
import io.energylakehouse.etl.raw.PayloadLimits;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "config",
        mixinStandardHelpOptions = true,
        description = "Prints the effective configuration and where each explicitly set key came from (file, environment, command line).",
        footer = {"", "Example:", "  LAKEHOUSE_HOME=/data/lake bin/lakehouse config --profile local"})
final class ConfigCommand
        implements java.util.concurrent.Callable<Integer>
{
    @Mixin
    GlobalOptions global;

    @Override
    public Integer call()
    {
        Settings settings = global.settings();
        System.out.println(LakehouseConfig.from(settings));
        for (io.energylakehouse.etl.connector.MarketConnector connector : io.energylakehouse.etl.connector.Connectors.all()) {
            System.out.println(connector.settingsSummary(settings));
        }
        System.out.println(PayloadLimits.from(settings));
        for (String key : GlobalOptions.knownKeys()) {
            settings.value(key).ifPresent(value -> System.out.printf("  %s = %s (from %s)%n", key, value, settings.origin(key)));
        }
        return 0;
    }
}
