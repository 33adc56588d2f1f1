package io.magnum.core.cloud.openstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.magnum.openstack.OpenStackCloud;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Enough of Keystone v3, Heat, Nova, Glance v2 and Neutron on 127.0.0.1 to test the OpenStack cloud: it answers
 * with the recorded responses under {@code src/test/resources/openstack/}, keeps a few stacks, checks tokens and
 * records every request. Tests change its answers with {@link #respond}.
 *
 * <p>Paths, as devstack lays them out: {@code /identity/v3}, {@code /heat-api/v1/{project}},
 * {@code /compute/v2.1}, {@code /image} (openstack4j adds {@code /v2}), {@code /networking} (it adds {@code /v2.0}).
 */
final class FakeOpenStack implements AutoCloseable
{
    static final String PROJECT_ID = "8d5c3c6a0e5d4f0a9a3c2b1e7f6d5c4b";
    static final String USER = "demo";
    static final String PASSWORD = "s3cret-Pa55word";
    static final String USER_TOKEN = "gAAAAABm-user-token-from-openrc";

    static final String K8S_NAME = "k8sbay-7f3c";
    static final String K8S_ID = "5b1f6d0e-4c2a-4f4e-9a43-2c7b8e9d1a01";
    static final String SWARM_NAME = "swarmbay-21aa";
    static final String SWARM_ID = "0c2e84d4-3b59-4a43-8f0e-6e5b2d9c7a12";
    static final String MESOS_NAME = "mesosbay-9e0d";
    static final String MESOS_ID = "e9a1f0c3-7d2b-4e65-b8a4-1f3c5d7e9b23";
    static final String DELETED_NAME = "old-bay";
    static final String DELETED_ID = "7a7a2c1e-9f3b-4d5c-8e6f-0a1b2c3d4e5f";

    static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern HEAT = Pattern.compile("/heat-api/v1/([^/]+)(/.*)");

    /** One request as the server received it. */
    record Request(String method, String path, Map<String, String> query, Headers headers, String body)
    {
        String token()
        {
            return headers.getFirst("X-Auth-Token");
        }

        JsonNode json()
        {
            try {
                return JSON.readTree(body);
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        boolean is(String method, String pathRegex)
        {
            return this.method.equals(method) && path.matches(pathRegex);
        }

        @Override
        public String toString()
        {
            return method + " " + path + (query.isEmpty() ? "" : " " + query);
        }
    }

    /** A canned answer that replaces the normal one. */
    private record Rule(String method, Pattern path, int status, String body, AtomicInteger remaining)
    {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final String base;
    private final int unreachablePort = closedPort();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<Rule> rules = new CopyOnWriteArrayList<>();
    private final Set<String> validTokens = ConcurrentHashMap.newKeySet();
    private final AtomicInteger tokensIssued = new AtomicInteger();
    private final Queue<Duration> tokenLifetimes = new ConcurrentLinkedQueue<>();
    private final FakeHeat heat = new FakeHeat(this);
    private final FakeInventory inventory = new FakeInventory(this);

    private FakeOpenStack() throws IOException
    {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        base = "http://127.0.0.1:" + server.getAddress().getPort();
        server.start();
    }

    static FakeOpenStack start()
    {
        try {
            return new FakeOpenStack();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return a port nothing listens on */
    static int closedPort()
    {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return a builder for a cloud on this server: user demo in project demo, region RegionOne */
    OpenStackCloud.Builder cloud()
    {
        return OpenStackCloud.builder()
                .authUrl(authUrl())
                .username(USER).password(PASSWORD).userDomainName("Default")
                .projectName("demo").projectDomainName("Default")
                .regionName("RegionOne");
    }

    String baseUrl()
    {
        return base;
    }

    String authUrl()
    {
        return base + "/identity/v3";
    }

    String heatUrl()
    {
        return base + "/heat-api/v1/" + PROJECT_ID;
    }

    /** @return every request so far, oldest first */
    List<Request> requests()
    {
        return List.copyOf(requests);
    }

    List<Request> requests(Predicate<Request> filter)
    {
        return requests.stream().filter(filter).toList();
    }

    /** @return the Keystone token requests */
    List<Request> authRequests()
    {
        return requests(r -> r.is("POST", "/identity/v3/auth/tokens"));
    }

    /** @return the requests to Heat */
    List<Request> heatRequests()
    {
        return requests(r -> r.path().startsWith("/heat-api/"));
    }

    void clearRequests()
    {
        requests.clear();
    }

    /** Makes every token issued so far invalid, as a Keystone restart with new keys would. */
    void revokeTokens()
    {
        validTokens.clear();
    }

    /** @param lifetime how long the next token issued lives (later ones: an hour) */
    void nextTokenLifetime(Duration lifetime)
    {
        tokenLifetimes.add(lifetime);
    }

    /**
     * Answers requests matching {@code method} and {@code pathRegex} with {@code status} and {@code body} (a resource
     * under {@code openstack/}, or literal text), {@code times} times (-1: always), before any other check.
     */
    void respond(String method, String pathRegex, int status, String body, int times)
    {
        rules.add(new Rule(method, Pattern.compile(pathRegex), status, body, new AtomicInteger(times)));
    }

    void respond(String method, String pathRegex, int status, String body)
    {
        respond(method, pathRegex, status, body, -1);
    }

    /** Stops answering: later requests find the port closed. */
    @Override
    public void close()
    {
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException
    {
        try (exchange) {
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            String path = exchange.getRequestURI().getRawPath();
            Request request = new Request(exchange.getRequestMethod(), path, query(exchange.getRequestURI().getRawQuery()),
                    exchange.getRequestHeaders(), body);
            requests.add(request);
            try {
                route(exchange, request);
            }
            catch (RuntimeException e) {
                send(exchange, 500, "{\"error\": {\"message\": \"fake server: " + e + "\"}}");
            }
        }
    }

    private void route(HttpExchange exchange, Request request) throws IOException
    {
        for (Rule rule : rules) {
            if (rule.method().equals(request.method()) && rule.path().matcher(request.path()).matches()
                    && (rule.remaining().get() < 0 || rule.remaining().getAndDecrement() > 0)) {
                send(exchange, rule.status(), rule.body().endsWith(".json") ? resource(rule.body(), Map.of()) : rule.body());
                return;
            }
        }
        String path = request.path();
        if (path.equals("/identity/v3/auth/tokens") && request.method().equals("POST")) {
            keystone(exchange, request);
            return;
        }
        if (request.token() == null || !validTokens.contains(request.token())) {
            send(exchange, 401, resource("keystone/error-401.json", Map.of()));
            return;
        }
        Matcher heat = HEAT.matcher(path);
        if (heat.matches()) {
            this.heat.handle(exchange, request, heat.group(2));
        }
        else if (path.startsWith("/compute/v2.1/")) {
            inventory.nova(exchange, request, path.substring("/compute/v2.1".length()));
        }
        else if (path.startsWith("/image/v2/")) {
            inventory.glance(exchange, request, path.substring("/image/v2".length()));
        }
        else if (path.startsWith("/networking/v2.0/")) {
            inventory.neutron(exchange, request, path.substring("/networking/v2.0".length()));
        }
        else {
            send(exchange, 404, "{\"error\": {\"message\": \"no such path " + path + "\"}}");
        }
    }

    private void keystone(HttpExchange exchange, Request request) throws IOException
    {
        JsonNode auth = request.json().path("auth");
        JsonNode identity = auth.path("identity");
        String method = identity.path("methods").path(0).asText();
        boolean known = switch (method) {
            case "password" -> {
                JsonNode user = identity.path("password").path("user");
                yield user.path("name").asText().equals(USER) && user.path("password").asText().equals(PASSWORD)
                        && (user.path("domain").path("name").asText().equals("Default") || user.path("domain").path("id").asText().equals("default"));
            }
            case "token" -> {
                String token = identity.path("token").path("id").asText();
                yield token.equals(USER_TOKEN) || validTokens.contains(token);
            }
            default -> false;
        };
        JsonNode project = auth.path("scope").path("project");
        boolean scoped = project.path("id").asText().equals(PROJECT_ID)
                || project.path("name").asText().equals("demo")
                && (project.path("domain").path("name").asText().equals("Default") || project.path("domain").path("id").asText().equals("default"));
        if (!known && method.equals("token")) {
            // as the real Keystone (22, Zed) answers a token it cannot read: 404, not 401
            send(exchange, 404, "{\"error\": {\"code\": 404, \"message\": \"Could not recognize Fernet token\", \"title\": \"Not Found\"}}");
            return;
        }
        if (!known || !scoped) {
            send(exchange, 401, resource("keystone/error-401.json", Map.of()));
            return;
        }
        String token = "gAAAAABm-fake-token-" + tokensIssued.incrementAndGet();
        validTokens.add(token);
        Duration lifetime = tokenLifetimes.poll();
        Instant now = Instant.now();
        Instant expires = now.plus(lifetime == null ? Duration.ofHours(1) : lifetime);
        exchange.getResponseHeaders().add("X-Subject-Token", token);
        send(exchange, 201, resource("keystone/token.json", Map.of(
                "method", method,
                "issued_at", keystoneTime(now),
                "expires_at", keystoneTime(expires))));
    }

    /** A recorded response, with {@code ${base}}, {@code ${heat}}, {@code ${project_id}} and the given values filled in. */
    String resource(String name, Map<String, String> values) throws IOException
    {
        String text;
        try (InputStream in = FakeOpenStack.class.getResourceAsStream("/openstack/" + name)) {
            if (in == null) {
                throw new IOException("no resource openstack/" + name);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, String> all = new LinkedHashMap<>(values);
        all.put("base", base);
        all.put("heat", heatUrl());
        all.put("project_id", PROJECT_ID);
        all.put("unreachable", "http://127.0.0.1:" + unreachablePort);
        for (Map.Entry<String, String> value : all.entrySet()) {
            text = text.replace("${" + value.getKey() + "}", value.getValue());
        }
        return text;
    }

    static void send(HttpExchange exchange, int status, String body) throws IOException
    {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        if (!exchange.getResponseHeaders().containsKey("Content-Type")) {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
        }
        exchange.getResponseHeaders().add("X-Openstack-Request-Id", "req-" + UUID.randomUUID());
        if (bytes.length == 0) {
            exchange.sendResponseHeaders(status, -1);
        }
        else {
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
        }
    }

    private static Map<String, String> query(String raw)
    {
        Map<String, String> query = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            query.put(key, value);
        }
        return query;
    }

    /** Keystone writes {@code 2024-05-14T10:02:41.000000Z}. */
    private static String keystoneTime(Instant instant)
    {
        Instant micros = instant.truncatedTo(ChronoUnit.MICROS);
        String text = micros.toString();
        return text.contains(".") ? text : text.replace("Z", ".000000Z");
    }
}
