package io.magnum.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A scripted stand-in for Magnum's API on 127.0.0.1: each {@code METHOD /path?query} answers what the test set
 * (the last answer of a sequence repeats), anything else is Magnum's 404, and every request is recorded. Also runs
 * the CLI against itself in-process and keeps what it printed.
 */
final class FakeApi implements AutoCloseable
{
    static final ObjectMapper MAPPER = new ObjectMapper();

    /** A request the CLI made. */
    record Request(String method, String uri, String token, String version, String body)
    {
        JsonNode json()
        {
            try {
                return MAPPER.readTree(body);
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** What one CLI run printed. */
    record Run(int status, String out, String err)
    {
    }

    private record Answer(int status, String body)
    {
    }

    private final HttpServer server;
    private final Map<String, Deque<Answer>> answers = new HashMap<>();
    private final List<Request> requests = new ArrayList<>();

    FakeApi()
    {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    String url()
    {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * @param request {@code METHOD /path?query}, as the CLI sends it (percent-encoded)
     * @param status  the status
     * @param bodies  the JSON bodies answered in turn; the last one repeats
     * @return this
     */
    synchronized FakeApi on(String request, int status, String... bodies)
    {
        Deque<Answer> queue = new ArrayDeque<>();
        for (String body : bodies.length == 0 ? new String[] {""} : bodies) {
            queue.add(new Answer(status, body));
        }
        answers.put(request, queue);
        return this;
    }

    /** Appends answers with another status to a request's sequence. */
    synchronized FakeApi then(String request, int status, String body)
    {
        answers.get(request).add(new Answer(status, body));
        return this;
    }

    synchronized List<Request> requests()
    {
        return List.copyOf(requests);
    }

    /** @return the requests as {@code METHOD uri} lines */
    synchronized List<String> calls()
    {
        return requests.stream().map(r -> r.method() + " " + r.uri()).toList();
    }

    synchronized Request last(String method)
    {
        for (int i = requests.size() - 1; i >= 0; i--) {
            if (requests.get(i).method().equals(method)) {
                return requests.get(i);
            }
        }
        throw new AssertionError("no " + method + " request among " + calls());
    }

    private void handle(HttpExchange exchange) throws IOException
    {
        String uri = exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Answer answer;
        synchronized (this) {
            requests.add(new Request(exchange.getRequestMethod(), uri,
                    exchange.getRequestHeaders().getFirst("X-Auth-Token"),
                    exchange.getRequestHeaders().getFirst("OpenStack-API-Version"), body));
            Deque<Answer> queue = answers.get(exchange.getRequestMethod() + " " + uri);
            if (queue == null) {
                answer = new Answer(404, "{\"errors\": [{\"status\": 404, \"title\": \"Not Found\", "
                        + "\"detail\": \"The resource could not be found.\"}]}");
            }
            else {
                answer = queue.size() > 1 ? queue.poll() : queue.peek();
            }
        }
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }

    /** Runs the CLI in-process against this server, with stderr not a terminal. */
    Run run(String... args)
    {
        return run(false, Path.of("."), args);
    }

    Run run(boolean terminal, Path directory, String... args)
    {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = MagnumCli.builder()
                .out(new PrintStream(out, true, StandardCharsets.UTF_8))
                .err(new PrintStream(err, true, StandardCharsets.UTF_8))
                .environment(Map.of("MAGNUM_URL", url()))
                .terminal(terminal)
                .workingDirectory(directory)
                .pollInterval(Duration.ofMillis(20))
                .build()
                .run(args);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Override
    public void close()
    {
        server.stop(0);
    }
}
