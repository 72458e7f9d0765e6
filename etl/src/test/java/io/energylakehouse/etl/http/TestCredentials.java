package io.energylakehouse.etl.http;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestCredentials
{
    private static final Function<String, String> ENVIRONMENT = Map.of(
            "EIA_API_KEY", "eia key&1",
            "ENTSOE_API_TOKEN", "entsoe-token",
            "AESO_API_KEY", " aeso-key \n")::get;
    private static final SecretVariable EIA_API_KEY = new SecretVariable("EIA_API_KEY", "an EIA open-data key");

    @Test
    void testQueryParameterIsAddedAndRedacted()
    {
        Credentials credentials = Credentials.queryParameter("api_key", EIA_API_KEY, "EIA", ENVIRONMENT);

        URI withKey = credentials.withQueryParameters(URI.create("https://api.eia.gov/v2/natural-gas/pri/fut/data/?frequency=daily&data[0]=value"));

        assertThat(withKey.getRawQuery()).isEqualTo("frequency=daily&data[0]=value&api_key=eia+key%261");
        assertThat(credentials.redact(withKey)).isEqualTo("https://api.eia.gov/v2/natural-gas/pri/fut/data/?frequency=daily&data[0]=value&api_key=***");
        assertThat(credentials.withQueryParameters(URI.create("https://api.eia.gov/v2/"))).hasToString("https://api.eia.gov/v2/?api_key=eia+key%261");
        assertThat(credentials.redact(credentials.withQueryParameters(URI.create("https://api.eia.gov/v2/#top"))))
                .isEqualTo("https://api.eia.gov/v2/?api_key=***#top");
    }

    @Test
    void testRedactsUserInformationAndKeysTheCallerPutInTheUrl()
    {
        Credentials credentials = Credentials.queryParameter("securityToken", new SecretVariable("ENTSOE_API_TOKEN", "a token"), "ENTSO-E", ENVIRONMENT);

        assertThat(credentials.redact(URI.create("https://user:pw@web-api.tp.entsoe.eu/api?securityToken=abc&documentType=A44")))
                .isEqualTo("https://***@web-api.tp.entsoe.eu/api?securityToken=***&documentType=A44");
        assertThat(Credentials.none().redact(URI.create("https://oasis.caiso.com/oasisapi/SingleZip?queryname=PRC_LMP")))
                .isEqualTo("https://oasis.caiso.com/oasisapi/SingleZip?queryname=PRC_LMP");
    }

    @Test
    void testScrubsSecretValuesAsGivenAndEncoded()
    {
        Credentials credentials = Credentials.queryParameter("api_key", EIA_API_KEY, "EIA", ENVIRONMENT)
                .and(Credentials.header("API-KEY", new SecretVariable("AESO_API_KEY", "an AESO API key"), "AESO", ENVIRONMENT));

        assertThat(credentials.scrub("bad key 'eia key&1' (eia+key%261), aeso-key, token t0k3n", Optional.of("t0k3n")))
                .isEqualTo("bad key '***' (***), ***, token ***");
        assertThat(credentials.variables()).containsExactly("EIA_API_KEY", "AESO_API_KEY");
        assertThat(credentials.toString())
                .isEqualTo("Credentials[header API-KEY, query parameter api_key from [EIA_API_KEY, AESO_API_KEY]]")
                .doesNotContain("eia key").doesNotContain("aeso-key");
        assertThat(Credentials.none()).hasToString("Credentials[none]");
    }

    @Test
    void testOneTokenSourceOnly()
    {
        TokenSource tokens = new ExpiringTokenSource(() -> new ExpiringTokenSource.Token("t", Instant.MAX), Duration.ZERO, new FakeClock(Instant.EPOCH));
        assertThatThrownBy(() -> Credentials.bearer(tokens).and(Credentials.bearer(tokens)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Cannot combine credentials: both have a bearer token source");
    }

    @Test
    void testExpiringTokenSourceRefetchesBeforeExpiry()
    {
        FakeClock clock = new FakeClock(Instant.parse("2024-07-01T12:00:00Z"));
        List<String> fetched = new ArrayList<>();
        ExpiringTokenSource tokens = new ExpiringTokenSource(() -> {
            String value = "token-" + (fetched.size() + 1);
            fetched.add(value);
            return new ExpiringTokenSource.Token(value, clock.instant().plus(Duration.ofHours(1)));
        }, Duration.ofMinutes(5), clock);

        assertThat(tokens.token()).isEqualTo("token-1");
        clock.advance(Duration.ofMinutes(54));
        assertThat(tokens.token()).isEqualTo("token-1");
        clock.advance(Duration.ofMinutes(1));
        assertThat(tokens.token()).isEqualTo("token-2");
        assertThat(tokens.refresh()).isEqualTo("token-3");
        assertThat(tokens.token()).isEqualTo("token-3");
        assertThat(new ExpiringTokenSource.Token("secret", Instant.EPOCH).toString()).doesNotContain("secret");
    }
}
