package io.magnum.local.coe.marathon;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.magnum.local.coe.docker.DockerEngine;

import static java.util.Objects.requireNonNull;

/**
 * One bay's Marathon stand-in on {@code 127.0.0.1} and an ephemeral port: the JDK's HTTP server in front of a
 * {@link MarathonApi}, and, when the bay runs on the local Docker engine, the {@link DockerTasks} that run its apps
 * there. {@link #close()} frees the port and the threads and removes the bay's containers.
 */
final class MarathonServer implements AutoCloseable
{
    private static final Logger log = LoggerFactory.getLogger(MarathonServer.class);

    private final HttpServer server;
    private final ExecutorService executor;
    private final MarathonApi api;
    private final DockerTasks tasks;

    private MarathonServer(HttpServer server, ExecutorService executor, MarathonApi api, DockerTasks tasks)
    {
        this.server = server;
        this.executor = executor;
        this.api = api;
        this.tasks = tasks;
    }

    /**
     * Starts serving.
     *
     * @param bayUuid         the bay, to name threads
     * @param stackApiAddress the bay's address from its stack
     * @param slaves          the bay's node addresses
     * @param deploymentTime  how long a deployment takes
     * @param clock           the time
     * @param docker          the local Docker engine the apps with an image run on, or null to simulate every task
     * @return the running server
     * @throws IOException when no port can be bound
     */
    static MarathonServer start(String bayUuid, String stackApiAddress, List<String> slaves, Duration deploymentTime,
                                Clock clock, DockerEngine docker)
            throws IOException
    {
        requireNonNull(bayUuid, "bayUuid is null");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String leader = "127.0.0.1:" + server.getAddress().getPort();
        MarathonApi api = new MarathonApi(leader, stackApiAddress, slaves, deploymentTime, clock);
        AtomicInteger threads = new AtomicInteger();
        String prefix = "magnum-marathon-" + bayUuid.substring(0, Math.min(8, bayUuid.length())) + "-";
        ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, prefix + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        DockerTasks tasks = docker == null ? null : DockerTasks.start(bayUuid, docker, api, slaves);
        MarathonServer running = new MarathonServer(server, executor, api, tasks);
        server.createContext("/", running::exchange);
        server.setExecutor(executor);
        server.start();
        return running;
    }

    /** @return the port it listens on */
    int port()
    {
        return server.getAddress().getPort();
    }

    /** @return whether the bay's apps with an image run on the local Docker engine */
    boolean onDocker()
    {
        return tasks != null;
    }

    /** @return the base URL, {@code http://127.0.0.1:port} */
    String address()
    {
        return "http://127.0.0.1:" + port();
    }

    private void exchange(HttpExchange exchange)
    {
        try (exchange) {
            String method = exchange.getRequestMethod().toUpperCase(java.util.Locale.ROOT);
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            MarathonApi.Reply reply;
            try {
                reply = api.handle(method, exchange.getRequestURI().getPath(), query(exchange.getRequestURI().getRawQuery()),
                        body);
            }
            catch (RuntimeException e) {
                log.warn("Marathon stand-in failed on {} {}", method, exchange.getRequestURI(), e);
                reply = new MarathonApi.Reply(500, "application/json",
                        "{\"message\":\"" + e.getClass().getSimpleName() + "\"}", Map.of());
            }
            byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", reply.contentType());
            // The JDK server writes headers and body as two segments on a socket without TCP_NODELAY (only a
            // JVM-wide property turns it on), so Nagle waits for the client's delayed ACK: 40 ms a call. Closing
            // the connection after each answer pushes the body out at once; a new loopback connection costs far less.
            exchange.getResponseHeaders().set("Connection", "close");
            reply.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
            boolean empty = bytes.length == 0 || method.equals("HEAD");
            exchange.sendResponseHeaders(reply.status(), empty ? -1 : bytes.length);
            if (!empty) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(bytes);
                }
            }
        }
        catch (IOException e) {
            log.debug("Marathon stand-in: the client went away: {}", e.toString());
        }
    }

    private static Map<String, List<String>> query(String raw)
    {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        }
        return query;
    }

    /** Stops serving, then stops the bay's tasks: its containers are removed whatever happens. */
    @Override
    public void close()
    {
        try {
            server.stop(0);
            executor.shutdownNow();
        }
        finally {
            if (tasks != null) {
                tasks.close();
            }
        }
    }
}
