package io.magnum.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A Keystone v3 on 127.0.0.1 that knows a few users: it issues tokens for a password ({@code POST /v3/auth/tokens},
 * with a catalog naming the Magnum endpoint given) and validates them ({@code GET /v3/auth/tokens}), as real Keystone
 * does, and counts the validations.
 */
final class FakeKeystone implements AutoCloseable
{
    record User(String name, String password, String id, String projectId, List<String> roles)
    {
    }

    private final HttpServer server;
    private final Map<String, User> users = new ConcurrentHashMap<>();
    private final Map<String, User> tokens = new ConcurrentHashMap<>();
    private final AtomicInteger validations = new AtomicInteger();
    private volatile String magnumUrl = "http://127.0.0.1:9/v1";

    FakeKeystone()
    {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v3/auth/tokens", this::tokens);
        server.start();
    }

    String authUrl()
    {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v3";
    }

    FakeKeystone user(String name, String password, String projectId, String... roles)
    {
        users.put(name, new User(name, password, "user-" + name, projectId, List.of(roles)));
        return this;
    }

    /** @return a valid token for a known user, as if it had logged in */
    String token(String name)
    {
        String token = "tok-" + UUID.randomUUID();
        tokens.put(token, users.get(name));
        return token;
    }

    void magnumUrl(String url)
    {
        this.magnumUrl = url;
    }

    int validations()
    {
        return validations.get();
    }

    private void tokens(HttpExchange exchange) throws IOException
    {
        try (exchange) {
            if (exchange.getRequestMethod().equals("POST")) {
                JsonNode body = ApiFixture.MAPPER.readTree(exchange.getRequestBody());
                JsonNode user = body.path("auth").path("identity").path("password").path("user");
                User known = users.get(user.path("name").asText());
                if (known == null || !known.password().equals(user.path("password").asText())) {
                    send(exchange, 401, Map.of("error", Map.of("code", 401, "title", "Unauthorized")), null);
                    return;
                }
                String token = "tok-" + UUID.randomUUID();
                tokens.put(token, known);
                send(exchange, 201, tokenBody(known, true), token);
                return;
            }
            validations.incrementAndGet();
            String caller = exchange.getRequestHeaders().getFirst("X-Auth-Token");
            String subject = exchange.getRequestHeaders().getFirst("X-Subject-Token");
            if (caller == null || !tokens.containsKey(caller)) {
                send(exchange, 401, Map.of("error", Map.of("code", 401, "title", "Unauthorized")), null);
                return;
            }
            User user = subject == null ? null : tokens.get(subject);
            if (user == null) {
                send(exchange, 404, Map.of("error", Map.of("code", 404, "title", "Not Found")), null);
                return;
            }
            send(exchange, 200, tokenBody(user, false), subject);
        }
    }

    private Map<String, Object> tokenBody(User user, boolean catalog)
    {
        Map<String, Object> token = new LinkedHashMap<>();
        token.put("methods", List.of("password"));
        token.put("user", Map.of("id", user.id(), "name", user.name(), "domain", Map.of("id", "default", "name",
                "Default")));
        token.put("project", Map.of("id", user.projectId(), "name", user.projectId(), "domain", Map.of("id",
                "default", "name", "Default")));
        token.put("roles", user.roles().stream().map(r -> Map.of("id", "role-" + r, "name", r)).toList());
        token.put("issued_at", Instant.now().truncatedTo(ChronoUnit.MICROS).toString());
        token.put("expires_at", Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MICROS).toString());
        if (catalog) {
            token.put("catalog", List.of(
                    Map.of("id", "svc-magnum", "type", "container-infra", "name", "magnum", "endpoints", List.of(
                            Map.of("id", "ep-magnum", "interface", "public", "region", "RegionOne", "region_id",
                                    "RegionOne", "url", magnumUrl))),
                    Map.of("id", "svc-keystone", "type", "identity", "name", "keystone", "endpoints", List.of(
                            Map.of("id", "ep-keystone", "interface", "public", "region", "RegionOne", "region_id",
                                    "RegionOne", "url", authUrl())))));
        }
        return Map.of("token", token);
    }

    private static void send(HttpExchange exchange, int status, Object body, String subjectToken) throws IOException
    {
        byte[] bytes = ApiFixture.json(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (subjectToken != null) {
            exchange.getResponseHeaders().set("X-Subject-Token", subjectToken);
        }
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close()
    {
        server.stop(0);
    }
}
