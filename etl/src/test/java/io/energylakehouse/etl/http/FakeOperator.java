package io.energylakehouse.etl.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * An operator's API played by a real HTTP server on 127.0.0.1: answers {@code /data} with scripted responses
 * (then the standing one), redirects {@code /moved} there with a 302, {@code /away} to {@code /data} of another
 * server ({@link #redirectAwayTo}) and {@code /loop} to itself, and records every request with the fake time.
 */
final class FakeOperator
{
    enum Action
    {
        /** Send the response. */
        RESPOND,
        /** Close the connection without a response. */
        CLOSE,
        /** Answer nothing until the test ends. */
        HANG
    }

    record Response(int status, Map<String, String> headers, byte[] body, Action action)
    {
        static Response ok(String body)
        {
            return new Response(200, Map.of("Content-Type", "text/plain"), body.getBytes(StandardCharsets.UTF_8), Action.RESPOND);
        }

        static Response status(int status, String body)
        {
            return new Response(status, Map.of("Content-Type", "text/plain"), body.getBytes(StandardCharsets.UTF_8), Action.RESPOND);
        }

        static Response status(int status, String body, String retryAfter)
        {
            return new Response(status, Map.of("Content-Type", "text/plain", "Retry-After", retryAfter), body.getBytes(StandardCharsets.UTF_8), Action.RESPOND);
        }

        static Response close()
        {
            return new Response(0, Map.of(), new byte[0], Action.CLOSE);
        }

        static Response hang()
        {
            return new Response(0, Map.of(), new byte[0], Action.HANG);
        }
    }

    /** Header names in lower case, first values only. */
    record ReceivedRequest(String method, String path, String rawQuery, Map<String, String> headers, Instant receivedAt)
    {
        String header(String name)
        {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final FakeClock clock;
    private final CountDownLatch released = new CountDownLatch(1);
    private final Deque<Response> script = new ArrayDeque<>();
    private final List<ReceivedRequest> requests = new ArrayList<>();
    private Response standing;
    private String awayBaseUrl;

    FakeOperator(FakeClock clock)
            throws IOException
    {
        this.clock = clock;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/data", this::serve);
        server.createContext("/moved", this::redirect);
        server.createContext("/away", this::redirectAway);
        server.createContext("/loop", this::redirectToItself);
        server.setExecutor(executor);
        server.start();
    }

    String baseUrl()
    {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    URI uri(String pathAndQuery)
    {
        return URI.create(baseUrl() + pathAndQuery);
    }

    synchronized FakeOperator respond(Response response)
    {
        script.addLast(response);
        return this;
    }

    synchronized void respondAlways(Response response)
    {
        standing = response;
    }

    /** Where {@code /away} sends its requests: {@code /data} under that base URL, with the same query. */
    synchronized void redirectAwayTo(String baseUrl)
    {
        awayBaseUrl = baseUrl;
    }

    synchronized List<ReceivedRequest> requests()
    {
        return List.copyOf(requests);
    }

    void stop()
    {
        released.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    private void serve(HttpExchange exchange)
            throws IOException
    {
        Response response;
        synchronized (this) {
            record(exchange);
            response = script.isEmpty() ? standing : script.removeFirst();
        }
        if (response == null) {
            response = Response.status(500, "test server has no response scripted");
        }
        switch (response.action()) {
            case CLOSE -> {
                exchange.close();
                return;
            }
            case HANG -> {
                try {
                    released.await(30, TimeUnit.SECONDS);
                }
                catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
                return;
            }
            case RESPOND -> { }
        }
        response.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.sendResponseHeaders(response.status(), response.body().length == 0 ? -1 : response.body().length);
        try (OutputStream body = exchange.getResponseBody()) {
            body.write(response.body());
        }
    }

    private void redirect(HttpExchange exchange)
            throws IOException
    {
        synchronized (this) {
            record(exchange);
        }
        exchange.getResponseHeaders().add("Location", "/data?" + exchange.getRequestURI().getRawQuery());
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private void redirectAway(HttpExchange exchange)
            throws IOException
    {
        String location;
        synchronized (this) {
            record(exchange);
            location = awayBaseUrl + "/data?" + exchange.getRequestURI().getRawQuery();
        }
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private void redirectToItself(HttpExchange exchange)
            throws IOException
    {
        synchronized (this) {
            record(exchange);
        }
        exchange.getResponseHeaders().add("Location", "/loop?" + exchange.getRequestURI().getRawQuery());
        exchange.sendResponseHeaders(307, -1);
        exchange.close();
    }

    private void record(HttpExchange exchange)
    {
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
        requests.add(new ReceivedRequest(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), exchange.getRequestURI().getRawQuery(),
                headers, clock.instant()));
    }
}
