package io.energylakehouse.etl.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * An operator's API for the connectors' tests, played by a real HTTP server on 127.0.0.1 (port chosen by the system):
 * each path prefix is answered by a handler (computed answers, e.g. a page by its {@code startRow}) or by a script of
 * answers, and every request is recorded with the fake clock's time. Close it after the test.
 */
public final class LoopbackApi
        implements AutoCloseable
{
    /** A request as received: query parameters decoded (first value of each), header names in lower case. */
    public record Request(String method, String path, String rawQuery, Map<String, String> parameters, Map<String, String> headers, String body,
            Instant receivedAt)
    {
        public String header(String name)
        {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        public String parameter(String name)
        {
            return parameters.get(name);
        }
    }

    public record Response(int status, Map<String, String> headers, byte[] body)
    {
        public static Response json(String json)
        {
            return json(200, json);
        }

        public static Response json(int status, String json)
        {
            return new Response(status, Map.of("Content-Type", "application/json"), json.getBytes(StandardCharsets.UTF_8));
        }

        public static Response text(int status, String text)
        {
            return new Response(status, Map.of("Content-Type", "text/plain"), text.getBytes(StandardCharsets.UTF_8));
        }

        public static Response bytes(byte[] body, String contentType)
        {
            return new Response(200, Map.of("Content-Type", contentType), body);
        }

        public static Response redirect(int status, String location)
        {
            return new Response(status, Map.of("Location", location), new byte[0]);
        }

        public Response withHeader(String name, String value)
        {
            Map<String, String> all = new LinkedHashMap<>(headers);
            all.put(name, value);
            return new Response(status, all, body);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final FakeClock clock;
    private final List<Request> requests = new ArrayList<>();

    public LoopbackApi(FakeClock clock)
            throws IOException
    {
        this.clock = clock;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.start();
    }

    public String baseUrl()
    {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers requests under {@code path} (a path prefix, as {@link HttpServer#createContext} takes it) by the handler. */
    public LoopbackApi route(String path, Function<Request, Response> handler)
    {
        server.createContext(path, exchange -> serve(exchange, handler));
        return this;
    }

    /** Answers requests under {@code path} with the responses in order, then with HTTP 500. */
    public LoopbackApi script(String path, Response... responses)
    {
        Deque<Response> script = new ArrayDeque<>(List.of(responses));
        return route(path, request -> {
            synchronized (script) {
                return script.isEmpty() ? Response.text(500, "test server has no more responses scripted for " + path) : script.removeFirst();
            }
        });
    }

    public synchronized List<Request> requests()
    {
        return List.copyOf(requests);
    }

    /** The requests whose path starts with {@code path}. */
    public synchronized List<Request> requests(String path)
    {
        return requests.stream().filter(request -> request.path().startsWith(path)).toList();
    }

    @Override
    public void close()
    {
        server.stop(0);
        executor.shutdownNow();
    }

    private void serve(HttpExchange exchange, Function<Request, Response> handler)
            throws IOException
    {
        Request request = record(exchange);
        Response response;
        try {
            response = handler.apply(request);
        }
        catch (RuntimeException e) {
            response = Response.text(500, "test handler failed: " + e);
        }
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.sendResponseHeaders(response.status(), response.body().length == 0 ? -1 : response.body().length);
        try (OutputStream body = exchange.getResponseBody()) {
            body.write(response.body());
        }
    }

    private Request record(HttpExchange exchange)
            throws IOException
    {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
        Map<String, String> parameters = new LinkedHashMap<>();
        String rawQuery = exchange.getRequestURI().getRawQuery();
        if (rawQuery != null) {
            for (String parameter : rawQuery.split("&")) {
                int equals = parameter.indexOf('=');
                String name = URLDecoder.decode(equals < 0 ? parameter : parameter.substring(0, equals), StandardCharsets.UTF_8);
                String value = equals < 0 ? "" : URLDecoder.decode(parameter.substring(equals + 1), StandardCharsets.UTF_8);
                parameters.putIfAbsent(name, value);
            }
        }
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), rawQuery, parameters, headers, body, clock.instant());
        synchronized (this) {
            requests.add(request);
        }
        return request;
    }
}
