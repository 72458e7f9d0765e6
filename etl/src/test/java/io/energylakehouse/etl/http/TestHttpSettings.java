package io.energylakehouse.etl.http;

import io.energylakehouse.common.ErrorCode;
import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.common.config.Settings;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestHttpSettings
{
    private static final HttpSettings PJM = new HttpSettings("etl.pjm", "https://api.pjm.com/api/v1", Duration.ofSeconds(10), 5,
            Duration.ofSeconds(10), Duration.ofMinutes(2), HttpSettings.DEFAULT_MAX_BACKOFF);

    @Test
    void testDefaultsComeFromTheConnector()
    {
        assertThat(HttpSettings.from(Settings.empty(), PJM)).isEqualTo(PJM);
        assertThat(HttpSettings.DEFAULT_MAX_BACKOFF).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void testKeys()
    {
        assertThat(HttpSettings.keys("etl.pjm")).containsExactly(
                "etl.pjm.base-url",
                "etl.pjm.request-pause",
                "etl.pjm.max-attempts",
                "etl.pjm.throttle-backoff",
                "etl.pjm.request-timeout",
                "etl.pjm.max-backoff");
        assertThat(HttpSettings.keys(HttpSettings.prefix("ercot"))).first().isEqualTo("etl.ercot.base-url");
        assertThat(PJM.key(HttpSettings.MAX_ATTEMPTS)).isEqualTo("etl.pjm.max-attempts");
        assertThatThrownBy(() -> HttpSettings.keys("etl.pjm."))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Cannot use settings prefix 'etl.pjm.': need dotted lower-case words without a final dot, e.g. etl.pjm");
    }

    @Test
    void testOverrides()
    {
        Settings settings = Settings.of(Map.of(
                "etl.pjm.base-url", "http://127.0.0.1:8080/api/v1",
                "etl.pjm.request-pause", "1s",
                "etl.pjm.max-attempts", "3",
                "etl.pjm.throttle-backoff", "500ms",
                "etl.pjm.request-timeout", "PT30S",
                "etl.pjm.max-backoff", "5m"));
        assertThat(HttpSettings.from(settings, PJM)).isEqualTo(new HttpSettings("etl.pjm", "http://127.0.0.1:8080/api/v1", Duration.ofSeconds(1), 3,
                Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofMinutes(5)));
    }

    @Test
    void testOverrideFromEnvironment()
    {
        Settings settings = Settings.load(null, Map.of("ETL_PJM_MAX_BACKOFF", "30s"), HttpSettings.keys("etl.pjm"), Map.of());
        assertThat(HttpSettings.from(settings, PJM).maxBackoff()).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void testUnknownKey()
    {
        Settings settings = Settings.of(Map.of("etl.pjm.request-paus", "5s", "etl.pjm.retention-days", "731"));
        assertThatThrownBy(() -> HttpSettings.from(settings, PJM))
                .isInstanceOf(LakehouseException.class)
                .hasMessageStartingWith("Cannot use setting 'etl.pjm.request-paus' (from code): unknown key");
        // A connector with keys of its own reads without the check and checks its whole list itself.
        assertThat(HttpSettings.read(Settings.of(Map.of("etl.pjm.retention-days", "731")), PJM)).isEqualTo(PJM);
    }

    @Test
    void testInvalidValues()
    {
        assertThatThrownBy(() -> HttpSettings.from(Settings.of(Map.of("etl.pjm.max-attempts", "0")), PJM))
                .isInstanceOf(LakehouseException.class)
                .satisfies(error -> assertThat(((LakehouseException) error).errorCode()).isEqualTo(ErrorCode.USER_ERROR))
                .hasMessage("Cannot use etl.pjm.max-attempts 0: need at least 1 attempt");
        assertThatThrownBy(() -> HttpSettings.from(Settings.of(Map.of("etl.pjm.base-url", "api.pjm.com/api/v1")), PJM))
                .hasMessage("Cannot use etl.pjm.base-url 'api.pjm.com/api/v1': need an absolute http or https URL");
        assertThatThrownBy(() -> HttpSettings.from(Settings.of(Map.of("etl.pjm.base-url", "https://api.pjm.com/api/v1?rowCount=5")), PJM))
                .hasMessage("Cannot use etl.pjm.base-url 'https://api.pjm.com/api/v1?rowCount=5': the URL must not have a query or fragment, "
                        + "the connector adds the query");
        assertThatThrownBy(() -> HttpSettings.from(Settings.of(Map.of("etl.pjm.request-pause", "-1s")), PJM))
                .hasMessage("Cannot use etl.pjm.request-pause PT-1S: the pause must not be negative");
        assertThatThrownBy(() -> HttpSettings.from(Settings.of(Map.of("etl.pjm.throttle-backoff", "-1s")), PJM))
                .hasMessage("Cannot use etl.pjm.throttle-backoff PT-1S: the back-off must not be negative");
        assertThatThrownBy(() -> HttpSettings.from(Settings.of(Map.of("etl.pjm.request-timeout", "0s")), PJM))
                .hasMessage("Cannot use etl.pjm.request-timeout PT0S: the timeout must be positive");
        assertThatThrownBy(() -> HttpSettings.from(Settings.of(Map.of("etl.pjm.max-backoff", "5s")), PJM))
                .hasMessage("Cannot use etl.pjm.max-backoff PT5S: it is shorter than etl.pjm.throttle-backoff PT10S");
        assertThatThrownBy(() -> HttpSettings.from(Settings.of(Map.of("etl.pjm.max-backoff", "soon")), PJM))
                .hasMessage("Cannot read setting 'etl.pjm.max-backoff' (from code): value 'soon' is not valid");
    }
}
