package io.magnum.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;

/** Just enough HTTP for the server's tests. */
final class Http
{
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Http()
    {
    }

    record Response(int status, JsonNode json)
    {
    }

    static Response send(String method, URI uri, String body)
    {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).header("X-Auth-Token", "x")
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        try {
            HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            return new Response(response.statusCode(), text.isEmpty() ? MAPPER.missingNode() : MAPPER.readTree(text));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode await(URI uri, Predicate<JsonNode> done, Duration timeout) throws InterruptedException
    {
        Instant deadline = Instant.now().plus(timeout);
        JsonNode last = null;
        while (Instant.now().isBefore(deadline)) {
            Response response = send("GET", uri, null);
            last = response.json();
            if (response.status() == 200 && done.test(last)) {
                return last;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("timed out waiting for " + uri + "; last: " + last);
    }

    static final String TEMPLATE = "{\"name\": \"k8s\", \"image_id\": \"fedora-21-atomic-5\", \"keypair_id\": \"testkey\","
            + " \"external_network_id\": \"public\", \"flavor_id\": \"m1.small\", \"network_driver\": \"flannel\","
            + " \"coe\": \"kubernetes\"}";
}
