package io.energylakehouse.etl.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import static java.util.Objects.requireNonNull;

/**
 * How a connector authenticates: headers and query parameters whose values come from environment variables,
 * a bearer token from a {@link TokenSource}, any combination of these ({@link #and}), or nothing. The secret
 * values never appear in {@link #toString()}, in URLs shown to users ({@link #redact}) or in error messages
 * ({@link #scrub}). A missing variable fails when the credentials are made, before any request.
 */
public final class Credentials
{
    static final String REDACTED = "***";

    private static final Credentials NONE = new Credentials(List.of(), List.of(), Optional.empty(), List.of());

    private final List<Secret> headers;
    private final List<Secret> queryParameters;
    private final Optional<TokenSource> tokens;
    private final List<String> variables;

    private Credentials(List<Secret> headers, List<Secret> queryParameters, Optional<TokenSource> tokens, List<String> variables)
    {
        this.headers = List.copyOf(headers);
        this.queryParameters = List.copyOf(queryParameters);
        this.tokens = requireNonNull(tokens, "tokens is null");
        this.variables = List.copyOf(variables);
    }

    /** No authentication (CAISO OASIS, ERCOT MIS). */
    public static Credentials none()
    {
        return NONE;
    }

    /** A header whose value is the variable's, e.g. {@code Ocp-Apim-Subscription-Key} from {@code PJM_API_KEY}. */
    public static Credentials header(String header, SecretVariable variable, String market, Function<String, String> environment)
    {
        requireNonNull(header, "header is null");
        String value = variable.read(market, environment);
        return new Credentials(List.of(new Secret(header, value)), List.of(), Optional.empty(), List.of(variable.name()));
    }

    /** A query parameter added to every URL, e.g. {@code api_key} from {@code EIA_API_KEY}. */
    public static Credentials queryParameter(String parameter, SecretVariable variable, String market, Function<String, String> environment)
    {
        requireNonNull(parameter, "parameter is null");
        String value = variable.read(market, environment);
        return new Credentials(List.of(), List.of(new Secret(parameter, value)), Optional.empty(), List.of(variable.name()));
    }

    /** {@code Authorization: Bearer <token>}, refreshed once when the service answers HTTP 401. */
    public static Credentials bearer(TokenSource tokens)
    {
        return new Credentials(List.of(), List.of(), Optional.of(requireNonNull(tokens, "tokens is null")), List.of());
    }

    /** Both these credentials and the other's (ERCOT: a bearer token and a subscription key header). */
    public Credentials and(Credentials other)
    {
        requireNonNull(other, "other is null");
        if (tokens.isPresent() && other.tokens.isPresent()) {
            throw new IllegalArgumentException("Cannot combine credentials: both have a bearer token source");
        }
        return new Credentials(concat(headers, other.headers), concat(queryParameters, other.queryParameters),
                tokens.isPresent() ? tokens : other.tokens, concat(variables, other.variables));
    }

    /** The environment variables these credentials were read from, to name in hints after HTTP 401 or 403. */
    public List<String> variables()
    {
        return variables;
    }

    Optional<TokenSource> tokens()
    {
        return tokens;
    }

    /** Adds the headers, and the bearer token if given. */
    void addHeaders(HttpRequest.Builder request, Optional<String> token)
    {
        headers.forEach(header -> request.header(header.name(), header.value()));
        token.ifPresent(value -> request.header("Authorization", "Bearer " + value));
    }

    /** The URI with the credential query parameters appended. */
    URI withQueryParameters(URI uri)
    {
        if (queryParameters.isEmpty()) {
            return uri;
        }
        String added = queryParameters.stream()
                .map(parameter -> encode(parameter.name()) + "=" + encode(parameter.value()))
                .collect(Collectors.joining("&"));
        String text = uri.toString();
        int fragment = text.indexOf('#');
        String beforeFragment = fragment < 0 ? text : text.substring(0, fragment);
        String afterFragment = fragment < 0 ? "" : text.substring(fragment);
        String separator = uri.getRawQuery() == null ? "?" : beforeFragment.endsWith("&") || beforeFragment.endsWith("?") ? "" : "&";
        try {
            return new URI(beforeFragment + separator + added + afterFragment);
        }
        catch (URISyntaxException e) {
            throw new IllegalStateException("Cannot add credentials to a valid URI: " + e.getMessage(), e);
        }
    }

    /** The URI as it may be shown: values of credential query parameters and any user information replaced by ***. */
    public String redact(URI uri)
    {
        String text = uri.toString();
        if (uri.getRawUserInfo() != null) {
            text = text.replace(uri.getRawUserInfo() + "@", REDACTED + "@");
        }
        String query = uri.getRawQuery();
        if (query == null || queryParameters.isEmpty()) {
            return text;
        }
        Set<String> secretNames = queryParameters.stream().map(Secret::name).collect(Collectors.toSet());
        List<String> shown = new ArrayList<>();
        for (String parameter : query.split("&", -1)) {
            int equals = parameter.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? parameter : parameter.substring(0, equals), StandardCharsets.UTF_8);
            shown.add(secretNames.contains(name) ? parameter.substring(0, equals < 0 ? parameter.length() : equals) + "=" + REDACTED : parameter);
        }
        int start = text.indexOf("?" + query);
        return text.substring(0, start + 1) + String.join("&", shown) + text.substring(start + 1 + query.length());
    }

    /** The text with every secret value (as given and URL-encoded) replaced by ***, for body excerpts and I/O errors. */
    String scrub(String text, Optional<String> token)
    {
        String scrubbed = text;
        List<String> values = new ArrayList<>();
        headers.forEach(header -> values.add(header.value()));
        queryParameters.forEach(parameter -> values.add(parameter.value()));
        token.ifPresent(values::add);
        for (String value : values) {
            if (!value.isEmpty()) {
                scrubbed = scrubbed.replace(value, REDACTED).replace(encode(value), REDACTED);
            }
        }
        return scrubbed;
    }

    @Override
    public String toString()
    {
        List<String> parts = new ArrayList<>();
        headers.forEach(header -> parts.add("header " + header.name()));
        queryParameters.forEach(parameter -> parts.add("query parameter " + parameter.name()));
        tokens.ifPresent(source -> parts.add("bearer token"));
        return parts.isEmpty() ? "Credentials[none]" : "Credentials[" + String.join(", ", parts) + " from " + variables + "]";
    }

    private static String encode(String text)
    {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static <T> List<T> concat(List<T> first, List<T> second)
    {
        List<T> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    /** A name and its secret value; never printed. */
    private record Secret(String name, String value)
    {
        Secret
        {
            requireNonNull(name, "name is null");
            requireNonNull(value, "value is null");
        }

        @Override
        public String toString()
        {
            return name + "=" + REDACTED;
        }
    }
}
