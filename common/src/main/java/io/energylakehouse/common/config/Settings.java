package io.energylakehouse.common.config;

import io.energylakehouse.common.FileErrors;
import io.energylakehouse.common.LakehouseException;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

import static java.util.Objects.requireNonNull;

/**
 * Raw configuration values, layered: a properties file, then the environment, then command-line
 * {@code --set key=value} flags; a later layer wins. Keys are dotted between levels and kebab-case inside a
 * concept ({@code lakehouse.catalog.uri}); the environment spells them upper-case with underscores
 * ({@code LAKEHOUSE_CATALOG_URI}). Typed views ({@link LakehouseConfig} and one per module) read from here
 * and reject keys they do not know, so a typo is an error rather than a silently ignored setting.
 */
public final class Settings
{
    private final Map<String, String> values;
    private final Map<String, String> origins;

    private Settings(Map<String, String> values, Map<String, String> origins)
    {
        this.values = Map.copyOf(values);
        this.origins = Map.copyOf(origins);
    }

    public static Settings empty()
    {
        return new Settings(Map.of(), Map.of());
    }

    public static Settings of(Map<String, String> values)
    {
        return empty().withOverrides(values, "code");
    }

    /**
     * Loads the layers in order. {@code file} may be null (no file); the environment is read for keys known
     * to the given typed configs only, so unrelated variables never leak in.
     */
    public static Settings load(Path file, Map<String, String> environment, Collection<String> knownKeys, Map<String, String> cliOverrides)
    {
        Settings settings = empty();
        if (file != null) {
            settings = settings.withOverrides(readProperties(file, "configuration file"), file.toString());
        }
        Map<String, String> fromEnvironment = new LinkedHashMap<>();
        for (String key : knownKeys) {
            String value = environment.get(environmentName(key));
            if (value != null) {
                fromEnvironment.put(key, value);
            }
        }
        return settings.withOverrides(fromEnvironment, "environment").withOverrides(cliOverrides, "command line");
    }

    public Settings withOverrides(Map<String, String> overrides, String origin)
    {
        Map<String, String> merged = new LinkedHashMap<>(values);
        Map<String, String> mergedOrigins = new LinkedHashMap<>(origins);
        overrides.forEach((key, value) -> {
            merged.put(key, requireNonNull(value, "value is null for " + key));
            mergedOrigins.put(key, origin);
        });
        return new Settings(merged, mergedOrigins);
    }

    /** {@code lakehouse.catalog.uri} is read from {@code LAKEHOUSE_CATALOG_URI}. */
    public static String environmentName(String key)
    {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    public Optional<String> value(String key)
    {
        return Optional.ofNullable(values.get(key)).map(String::trim).filter(value -> !value.isEmpty());
    }

    public String value(String key, String defaultValue)
    {
        return value(key).orElse(defaultValue);
    }

    public int intValue(String key, int defaultValue)
    {
        return value(key).map(value -> parse(key, value, Integer::parseInt)).orElse(defaultValue);
    }

    public double doubleValue(String key, double defaultValue)
    {
        return value(key).map(value -> parse(key, value, Double::parseDouble)).orElse(defaultValue);
    }

    /** Sizes are written as {@code 512MB}, {@code 1GB}, {@code 65536} (bytes); see {@link DataSize}. */
    public DataSize dataSizeValue(String key, DataSize defaultValue)
    {
        return value(key).map(value -> parse(key, value, DataSize::parse)).orElse(defaultValue);
    }

    /** Durations are written as {@code 5s}, {@code 500ms}, {@code 2m}, {@code 1h} or ISO-8601 ({@code PT5S}). */
    public Duration durationValue(String key, Duration defaultValue)
    {
        return value(key).map(value -> parse(key, value, Settings::parseDuration)).orElse(defaultValue);
    }

    public String origin(String key)
    {
        return origins.getOrDefault(key, "default");
    }

    /** Fails on any key under {@code prefix} that none of the typed configs declares. */
    public void checkKnown(String prefix, Collection<String> knownKeys)
    {
        for (String key : new TreeMap<>(values).keySet()) {
            if (key.startsWith(prefix) && !knownKeys.contains(key)) {
                throw LakehouseException.userError("Cannot use setting '%s' (from %s): unknown key; known keys are %s",
                        key, origin(key), new java.util.TreeSet<>(knownKeys));
            }
        }
    }

    public static Duration parseDuration(String text)
    {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.startsWith("pt") || value.startsWith("p")) {
            return Duration.parse(text.trim().toUpperCase(Locale.ROOT));
        }
        if (value.endsWith("ms")) {
            return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
        }
        long amount = Long.parseLong(value.substring(0, value.length() - 1));
        return switch (value.charAt(value.length() - 1)) {
            case 's' -> Duration.ofSeconds(amount);
            case 'm' -> Duration.ofMinutes(amount);
            case 'h' -> Duration.ofHours(amount);
            case 'd' -> Duration.ofDays(amount);
            default -> throw new IllegalArgumentException("unknown unit");
        };
    }

    private <T> T parse(String key, String value, java.util.function.Function<String, T> parser)
    {
        try {
            return parser.apply(value);
        }
        catch (RuntimeException e) {
            throw LakehouseException.userError("Cannot read setting '%s' (from %s): value '%s' is not valid", key, origin(key), value);
        }
    }

    /**
     * Reads a properties file (UTF-8) into a map in file order; {@code what} names the file in errors,
     * e.g. "entitlements file".
     */
    public static Map<String, String> readProperties(Path file, String what)
    {
        if (!Files.isRegularFile(file)) {
            throw LakehouseException.userError("Cannot read %s %s: no such file", what, file);
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        }
        catch (IOException e) {
            throw LakehouseException.userError("Cannot read %s %s: %s", what, file, FileErrors.reason(e));
        }
        Map<String, String> values = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(name -> values.put(name, properties.getProperty(name)));
        return values;
    }
}
