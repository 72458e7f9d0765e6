package io.energylakehouse.common.config;

import io.energylakehouse.common.LakehouseException;

import java.util.Arrays;
import java.util.Locale;

/**
 * Where the lakehouse runs. {@code local} needs no services; {@code stack} and {@code cluster} use MinIO,
 * a PostgreSQL catalog and (for cluster) a Spark master, all started by the project's own scripts.
 */
public enum Profile
{
    LOCAL,
    STACK,
    CLUSTER;

    public static Profile fromName(String name)
    {
        return Arrays.stream(values())
                .filter(profile -> profile.configName().equals(name.trim().toLowerCase(Locale.ROOT)))
                .findFirst()
                .orElseThrow(() -> LakehouseException.userError(
                        "Cannot select profile '%s': known profiles are %s", name, Arrays.toString(values()).toLowerCase(Locale.ROOT)));
    }

    public String configName()
    {
        return name().toLowerCase(Locale.ROOT);
    }
}
