package io.energylakehouse.etl.source.ercot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.energylakehouse.common.ErrorCode;
import io.energylakehouse.common.LakehouseException;
import io.energylakehouse.etl.http.ExpiringTokenSource;
import io.energylakehouse.etl.http.HttpSettings;
import io.energylakehouse.etl.http.PacedHttpClient;
import io.energylakehouse.etl.http.Sleeper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * Signs in to ERCOT's public API: POSTs the account's user name and password to Azure B2C's password flow
 * ({@code grant_type=password}, {@code response_type=id_token}, ERCOT's published client id) and returns the
 * {@code id_token}, which is valid about an hour ({@code id_token_expires_in} or {@code expires_in} when the answer says,
 * else an hour). An ERCOT id token cannot be refreshed: a new one is asked for. HTTP 429, 5xx and I/O errors are retried
 * after {@code throttle-backoff}, doubling, up to {@code max-attempts}; any other failure names the variables to check.
 * The password, user name and token never appear in messages or logs.
 */
final class ErcotSignIn
        implements Supplier<ExpiringTokenSource.Token>
{
    private static final Logger log = LoggerFactory.getLogger(ErcotSignIn.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** ERCOT's public client id, published in its registration guide (not a secret). */
    static final String CLIENT_ID = "fec253ea-0d06-4272-a5e6-b478baeecd70";
    static final String SCOPE = "openid " + CLIENT_ID + " offline_access";
    static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);
    private static final String REDACTED = "***";

    private final URI tokenUrl;
    private final String username;
    private final String password;
    private final HttpClient httpClient;
    private final HttpSettings settings;
    private final Clock clock;
    private final Sleeper sleeper;

    ErcotSignIn(URI tokenUrl, String username, String password, HttpClient httpClient, HttpSettings settings, Clock clock, Sleeper sleeper)
    {
        this.tokenUrl = requireNonNull(tokenUrl, "tokenUrl is null");
        this.username = requireNonNull(username, "username is null");
        this.password = requireNonNull(password, "password is null");
        this.httpClient = requireNonNull(httpClient, "httpClient is null");
        this.settings = requireNonNull(settings, "settings is null");
        this.clock = requireNonNull(clock, "clock is null");
        this.sleeper = requireNonNull(sleeper, "sleeper is null");
    }

    @Override
    public ExpiringTokenSource.Token get()
    {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "password");
        form.put("username", username);
        form.put("password", password);
        form.put("response_type", "id_token");
        form.put("scope", SCOPE);
        form.put("client_id", CLIENT_ID);
        String body = form.entrySet().stream().map(field -> encode(field.getKey()) + "=" + encode(field.getValue())).collect(Collectors.joining("&"));
        Duration backoff = settings.throttleBackoff();
        for (int attempt = 1; ; attempt++) {
            HttpRequest request = HttpRequest.newBuilder(tokenUrl)
                    .POST(HttpRequest.BodyPublishers.ofString(body))
                    .timeout(settings.requestTimeout())
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("User-Agent", "energy-lakehouse ercot connector")
                    .build();
            String failure;
            Exception cause = null;
            try {
                HttpResponse<byte[]> response = httpClient.send(request, HttpResponse.BodyHandlers.ofByteArray());
                int status = response.statusCode();
                if (status == 200) {
                    return token(response.body());
                }
                String excerpt = scrub(PacedHttpClient.excerpt(response.body()));
                failure = String.format("HTTP %d; body starts: %s", status, excerpt);
                if (status != 429 && (status < 500 || status > 599)) {
                    throw new LakehouseException(ErrorCode.EXTERNAL_SERVICE, String.format("Cannot sign in to ERCOT's public API at %s: %s; check %s and %s",
                            tokenUrl, failure, ErcotApiClient.USERNAME.name(), ErcotApiClient.PASSWORD.name()));
                }
            }
            catch (IOException e) {
                failure = scrub(e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage());
                cause = e;
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LakehouseException(ErrorCode.EXTERNAL_SERVICE, "Cannot sign in to ERCOT's public API at " + tokenUrl + ": interrupted", e);
            }
            if (attempt >= settings.maxAttempts()) {
                throw new LakehouseException(ErrorCode.EXTERNAL_SERVICE, String.format("Cannot sign in to ERCOT's public API at %s: %s; gave up after %d %s",
                        tokenUrl, failure, attempt, attempt == 1 ? "attempt" : "attempts"), cause);
            }
            log.info("Signing in to ERCOT's public API at {}: attempt {} of {} failed ({}); retrying in {}", tokenUrl, attempt, settings.maxAttempts(), failure, backoff);
            try {
                sleeper.sleep(backoff);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new LakehouseException(ErrorCode.EXTERNAL_SERVICE, "Cannot sign in to ERCOT's public API at " + tokenUrl + ": interrupted", e);
            }
            backoff = backoff.compareTo(settings.maxBackoff().dividedBy(2)) >= 0 ? settings.maxBackoff() : backoff.multipliedBy(2);
        }
    }

    private ExpiringTokenSource.Token token(byte[] body)
    {
        JsonNode answer;
        try {
            answer = JSON.readTree(body);
        }
        catch (IOException e) {
            throw new LakehouseException(ErrorCode.EXTERNAL_SERVICE, "Cannot sign in to ERCOT's public API at " + tokenUrl + ": the answer is not JSON");
        }
        JsonNode idToken = answer == null ? null : answer.get("id_token");
        if (idToken == null || !idToken.isTextual() || idToken.textValue().isBlank()) {
            throw new LakehouseException(ErrorCode.EXTERNAL_SERVICE, String.format("Cannot sign in to ERCOT's public API at %s: the answer has no id_token (fields %s)",
                    tokenUrl, answer == null ? "none" : fieldNames(answer)));
        }
        Duration lifetime = seconds(answer.get("id_token_expires_in")).or(() -> seconds(answer.get("expires_in"))).orElse(DEFAULT_LIFETIME);
        Instant expiresAt = clock.instant().plus(lifetime);
        log.info("Signed in to ERCOT's public API (the account of {}): id token valid until {}", ErcotApiClient.USERNAME.name(), expiresAt);
        return new ExpiringTokenSource.Token(idToken.textValue(), expiresAt);
    }

    /** B2C writes lifetimes as numbers or as strings of digits. */
    private static Optional<Duration> seconds(JsonNode value)
    {
        if (value == null) {
            return Optional.empty();
        }
        if (value.canConvertToLong() && value.isIntegralNumber() && value.longValue() > 0) {
            return Optional.of(Duration.ofSeconds(value.longValue()));
        }
        if (value.isTextual() && value.textValue().strip().matches("[0-9]{1,9}") && Long.parseLong(value.textValue().strip()) > 0) {
            return Optional.of(Duration.ofSeconds(Long.parseLong(value.textValue().strip())));
        }
        return Optional.empty();
    }

    private static String fieldNames(JsonNode answer)
    {
        List<String> names = new ArrayList<>();
        answer.fieldNames().forEachRemaining(names::add);
        return names.toString();
    }

    /** The text with the password and user name (as given and URL-encoded) replaced by ***. */
    private String scrub(String text)
    {
        String scrubbed = text;
        for (String secret : List.of(password, username)) {
            if (!secret.isEmpty()) {
                scrubbed = scrubbed.replace(secret, REDACTED).replace(encode(secret), REDACTED);
            }
        }
        return scrubbed;
    }

    private static String encode(String text)
    {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
