package io.energylakehouse.common.config;

import io.energylakehouse.common.ErrorCode;
import io.energylakehouse.common.LakehouseException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestSettings
{
    private static final String KEY = "etl.caiso.request-spacing";

    @Test
    void parsesDurations()
    {
        assertThat(duration("5s")).isEqualTo(Duration.ofSeconds(5));
        assertThat(duration("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(duration("2m")).isEqualTo(Duration.ofMinutes(2));
        assertThat(duration("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(duration("1d")).isEqualTo(Duration.ofDays(1));
        assertThat(duration("PT1H")).isEqualTo(Duration.ofHours(1));
        assertThat(duration("pt5s")).isEqualTo(Duration.ofSeconds(5));
        assertThat(duration(" 10S ")).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void usesDefaultDurationWhenUnsetOrBlank()
    {
        assertThat(Settings.empty().durationValue(KEY, Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(5));
        assertThat(Settings.of(Map.of(KEY, "  ")).durationValue(KEY, Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void rejectsBadDurations()
    {
        for (String bad : List.of("5x", "5", "s", "five seconds", "P")) {
            assertThatThrownBy(() -> duration(bad))
                    .as("duration '%s'", bad)
                    .isInstanceOfSatisfying(LakehouseException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.USER_ERROR))
                    .hasMessage("Cannot read setting '" + KEY + "' (from code): value '" + bad.trim() + "' is not valid");
        }
    }

    @Test
    void namesEnvironmentVariables()
    {
        assertThat(Settings.environmentName("lakehouse.catalog.uri")).isEqualTo("LAKEHOUSE_CATALOG_URI");
        assertThat(Settings.environmentName("lakehouse.spark.shuffle-partitions")).isEqualTo("LAKEHOUSE_SPARK_SHUFFLE_PARTITIONS");
        assertThat(Settings.environmentName("etl.caiso.base-url")).isEqualTo("ETL_CAISO_BASE_URL");
    }

    @Test
    void readsTypedValues()
    {
        Settings settings = Settings.of(Map.of("a.int", " 42 ", "a.double", "0.25", "a.text", "  hello  ", "a.blank", " "));

        assertThat(settings.intValue("a.int", 1)).isEqualTo(42);
        assertThat(settings.intValue("a.missing", 1)).isEqualTo(1);
        assertThat(settings.doubleValue("a.double", 1.0)).isEqualTo(0.25);
        assertThat(settings.value("a.text")).contains("hello");
        assertThat(settings.value("a.blank")).isEmpty();
        assertThat(settings.value("a.blank", "fallback")).isEqualTo("fallback");
        assertThat(settings.origin("a.int")).isEqualTo("code");
        assertThat(settings.origin("a.missing")).isEqualTo("default");
    }

    @Test
    void laterLayerWins()
    {
        Settings settings = Settings.of(Map.of("a.key", "first")).withOverrides(Map.of("a.key", "second"), "command line");

        assertThat(settings.value("a.key")).contains("second");
        assertThat(settings.origin("a.key")).isEqualTo("command line");
    }

    @Test
    void rejectsMissingFile()
    {
        Path missing = Path.of("/nonexistent/lakehouse.properties");

        assertThatThrownBy(() -> Settings.load(missing, Map.of(), List.of(), Map.of()))
                .isInstanceOfSatisfying(LakehouseException.class, e -> assertThat(e.errorCode()).isEqualTo(ErrorCode.USER_ERROR))
                .hasMessage("Cannot read configuration file /nonexistent/lakehouse.properties: no such file");
    }

    private static Duration duration(String text)
    {
        return Settings.of(Map.of(KEY, text)).durationValue(KEY, Duration.ZERO);
    }
}
