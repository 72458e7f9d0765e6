package io.energylakehouse.etl.source.caiso;

import io.energylakehouse.common.ErrorCode;
import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.config.Settings;
import io.energylakehouse.etl.http.HttpSettings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestCaisoConfig
{
    @Test
    void testDefaults()
    {
        assertThat(CaisoConfig.from(Settings.empty())).isEqualTo(new CaisoConfig(
                "https://oasis.caiso.com/oasisapi/SingleZip",
                Duration.ofSeconds(5),
                5,
                Duration.ofSeconds(5),
                Duration.ofMinutes(2),
                39));
    }

    @Test
    void testKeys()
    {
        assertThat(CaisoConfig.KEYS).containsExactly(
                "etl.caiso.base-url",
                "etl.caiso.request-pause",
                "etl.caiso.max-attempts",
                "etl.caiso.throttle-backoff",
                "etl.caiso.request-timeout",
                "etl.caiso.retention-months");
    }

    @Test
    void testOverrides()
    {
        Settings settings = Settings.of(Map.of(
                "etl.caiso.base-url", "http://127.0.0.1:8080/oasisapi/SingleZip",
                "etl.caiso.request-pause", "6s",
                "etl.caiso.max-attempts", "3",
                "etl.caiso.throttle-backoff", "500ms",
                "etl.caiso.request-timeout", "PT30S",
                "etl.caiso.retention-months", "36"));
        assertThat(CaisoConfig.from(settings)).isEqualTo(new CaisoConfig(
                "http://127.0.0.1:8080/oasisapi/SingleZip",
                Duration.ofSeconds(6),
                3,
                Duration.ofMillis(500),
                Duration.ofSeconds(30),
                36));
    }

    @Test
    void testHttpSettings()
    {
        // The cap is the longest wait the doubling reaches within max-attempts, so OASIS's waits are uncapped as before.
        assertThat(CaisoConfig.from(Settings.empty()).httpSettings()).isEqualTo(new HttpSettings(
                "etl.caiso",
                "https://oasis.caiso.com/oasisapi/SingleZip",
                Duration.ofSeconds(5),
                5,
                Duration.ofSeconds(5),
                Duration.ofMinutes(2),
                Duration.ofSeconds(40)));
        assertThat(CaisoConfig.longestBackoff(Duration.ofSeconds(5), 1)).isEqualTo(Duration.ofSeconds(5));
        assertThat(CaisoConfig.longestBackoff(Duration.ofSeconds(5), 10)).isEqualTo(Duration.ofSeconds(5 * 256));
        assertThat(CaisoConfig.longestBackoff(Duration.ofSeconds(5), Integer.MAX_VALUE)).isPositive();
        assertThat(CaisoConfig.longestBackoff(Duration.ZERO, 5)).isZero();
    }

    @Test
    void testOverrideFromEnvironment()
    {
        Settings settings = Settings.load(null, Map.of("ETL_CAISO_MAX_ATTEMPTS", "7"), CaisoConfig.KEYS, Map.of());
        assertThat(CaisoConfig.from(settings).maxAttempts()).isEqualTo(7);
    }

    @Test
    void testUnknownKey()
    {
        assertThatThrownBy(() -> CaisoConfig.from(Settings.of(Map.of("etl.caiso.request-paus", "5s"))))
                .isInstanceOf(LakehouseException.class)
                .hasMessageStartingWith("Cannot use setting 'etl.caiso.request-paus' (from code): unknown key");
    }

    @Test
    void testInvalidValues()
    {
        assertThatThrownBy(() -> CaisoConfig.from(Settings.of(Map.of("etl.caiso.max-attempts", "0"))))
                .isInstanceOf(LakehouseException.class)
                .satisfies(error -> assertThat(((LakehouseException) error).errorCode()).isEqualTo(ErrorCode.USER_ERROR))
                .hasMessage("Cannot use etl.caiso.max-attempts 0: need at least 1 attempt");
        assertThatThrownBy(() -> CaisoConfig.from(Settings.of(Map.of("etl.caiso.base-url", "oasis.caiso.com/oasisapi/SingleZip"))))
                .hasMessage("Cannot use etl.caiso.base-url 'oasis.caiso.com/oasisapi/SingleZip': need an absolute http or https URL");
        assertThatThrownBy(() -> CaisoConfig.from(Settings.of(Map.of("etl.caiso.base-url", "https://oasis.caiso.com/oasisapi/SingleZip?queryname=PRC_LMP"))))
                .hasMessage("Cannot use etl.caiso.base-url 'https://oasis.caiso.com/oasisapi/SingleZip?queryname=PRC_LMP': "
                        + "the URL must not have a query or fragment, the connector adds the query");
        assertThatThrownBy(() -> CaisoConfig.from(Settings.of(Map.of("etl.caiso.request-timeout", "0s"))))
                .hasMessage("Cannot use etl.caiso.request-timeout PT0S: the timeout must be positive");
        assertThatThrownBy(() -> CaisoConfig.from(Settings.of(Map.of("etl.caiso.retention-months", "0"))))
                .hasMessage("Cannot use etl.caiso.retention-months 0: need at least 1 month");
        assertThatThrownBy(() -> CaisoConfig.from(Settings.of(Map.of("etl.caiso.request-pause", "five seconds"))))
                .hasMessage("Cannot read setting 'etl.caiso.request-pause' (from code): value 'five seconds' is not valid");
    }
}
