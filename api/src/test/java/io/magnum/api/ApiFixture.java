package io.magnum.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.magnum.Magnum;
import io.magnum.local.LocalCloud;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A running API server on 127.0.0.1 (an ephemeral port) over a fresh facade on LocalCloud, and a small HTTP client
 * for it. Close it after each test class.
 */
final class ApiFixture implements AutoCloseable
{
    static final ObjectMapper MAPPER = new ObjectMapper();

    final LocalCloud cloud;
    final Magnum magnum;
    final MagnumApiServer server;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ApiFixture()
    {
        this(null);
    }

    ApiFixture(TokenAuthenticator authenticator)
    {
        this.cloud = LocalCloud.create();
        this.magnum = Magnum.builder().cloud(cloud).heartbeatInterval(Duration.ofHours(1))
                .syncInterval(Duration.ofMillis(20)).build();
        MagnumApiServer.Builder builder = MagnumApiServer.builder(magnum).port(0);
        if (authenticator != null) {
            builder.authenticator(authenticator);
        }
        this.server = builder.start();
    }

    String url(String path)
    {
        return server.uri() + path;
    }

    Response get(String path, String... headers)
    {
        return send("GET", path, null, headers);
    }

    Response post(String path, String body, String... headers)
    {
        return send("POST", path, body, headers);
    }

    Response patch(String path, String body, String... headers)
    {
        return send("PATCH", path, body, headers);
    }

    Response put(String path, String body, String... headers)
    {
        return send("PUT", path, body, headers);
    }

    Response delete(String path, String... headers)
    {
        return send("DELETE", path, null, headers);
    }

    Response send(String method, String path, String body, String... headers)
    {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        for (int i = 0; i + 1 < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.body(), response.headers().map());
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Polls a resource until its JSON matches. */
    JsonNode await(String path, Predicate<JsonNode> done, Duration timeout)
    {
        Instant deadline = Instant.now().plus(timeout);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            Response response = get(path);
            last = response.json();
            if (response.status() == 200 && done.test(last)) {
                return last;
            }
            try {
                Thread.sleep(20);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("timed out waiting for " + path + "; last: " + last);
    }

    static String json(Object value)
    {
        try {
            return MAPPER.writeValueAsString(value);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The seed walkthrough's template, as a request body. */
    static Map<String, Object> seedTemplate(String name)
    {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("image_id", "fedora-21-atomic-5");
        body.put("keypair_id", "testkey");
        body.put("external_network_id", "public");
        body.put("dns_nameserver", "8.8.8.8");
        body.put("flavor_id", "m1.small");
        body.put("docker_volume_size", 5);
        body.put("network_driver", "flannel");
        body.put("coe", "kubernetes");
        return body;
    }

    @Override
    public void close()
    {
        server.close();
        magnum.close();
        cloud.close();
    }

    record Response(int status, String body, Map<String, java.util.List<String>> headers)
    {
        JsonNode json()
        {
            try {
                return body == null || body.isEmpty() ? MAPPER.missingNode() : MAPPER.readTree(body);
            }
            catch (IOException e) {
                throw new AssertionError("not JSON: " + body, e);
            }
        }

        String header(String name)
        {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(e -> e.getValue().get(0)).findFirst().orElse(null);
        }

        /** The error body's detail. */
        String detail()
        {
            return json().path("errors").path(0).path("detail").asText();
        }
    }
}
