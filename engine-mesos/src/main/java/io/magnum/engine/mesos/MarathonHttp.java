package io.magnum.engine.mesos;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.magnum.spi.coe.CoeException;
import io.magnum.spi.coe.CoeException.Reason;

import static java.util.Objects.requireNonNull;

/**
 * Marathon's v2 REST API over {@code java.net.http}, with each error turned into a {@link CoeException}.
 *
 * <p>Why not {@code com.mesosphere:marathon-client:0.6.3}: it brings Feign 8 (Netflix), Gson 2.5, Guava 20,
 * nimbus-jose-jwt 7.9, an OAuth library and commons-io 2.4 onto every user's class path (Guava 20 would meet
 * Guice 7's Guava 33 in the same application), retries a refused connection five times by default, and reports HTTP
 * errors as a message string we would have to parse back. The handful of calls a container needs is a small JSON
 * API; the JDK client and the Jackson already in the project do it with no new dependency and with direct access
 * to each status code.
 *
 * <p>Error mapping: 404 is {@link Reason#NOT_FOUND}; 409 (the id exists, or a deployment holds the app) is
 * {@link Reason#CONFLICT}; 400 and 422 are {@link Reason#INVALID}, with Marathon's message and details and the
 * field at fault; a refused or timed-out connection is {@link Reason#UNREACHABLE}; a TLS failure (only with an
 * {@code https} address, which Magnum never gives) is {@link Reason#TLS}; anything else is {@link Reason#FAILED}.
 *
 * <p>Thread-safe. {@link #close()} shuts the client's executor down (on Java 17 the JDK client has no close of its
 * own; its selector thread is a daemon and ends once the client is collected).
 */
final class MarathonHttp implements AutoCloseable
{
    /** Marathon's JSON fields and the names of {@code container-create}'s inputs. */
    private static final Map<String, String> FIELDS = Map.of(
            "/id", "name",
            "/container/docker/image", "image",
            "/cmd", "command",
            "/mem", "memory",
            "/env", "environment",
            "/instances", "instances");

    private final URI base;
    private final Duration timeout;
    private final ExecutorService executor;
    private final HttpClient client;
    private final ObjectMapper json = new ObjectMapper();

    /** One HTTP response: its status and its body, parsed when it is JSON. */
    record Response(int status, JsonNode body, String text)
    {
    }

    /**
     * @param base           Marathon's base URL, from {@link MarathonAddress}
     * @param connectTimeout how long to wait for a connection
     * @param timeout        how long to wait for an answer
     */
    MarathonHttp(URI base, Duration connectTimeout, Duration timeout)
    {
        this.base = requireNonNull(base, "base is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
        String name = "magnum-marathon-" + base.getHost() + ":" + base.getPort() + "-";
        AtomicInteger threads = new AtomicInteger();
        // our own daemon threads, so a connection that is never closed cannot keep a JVM alive, and close() is real
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, name + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.client = HttpClient.newBuilder()
                .connectTimeout(requireNonNull(connectTimeout, "connectTimeout is null"))
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
    }

    /** @return the base URL */
    URI base()
    {
        return base;
    }

    /** @return a fresh JSON object, for request bodies */
    ObjectNode object()
    {
        return json.createObjectNode();
    }

    /**
     * Sends a call and fails unless Marathon answered 2xx.
     *
     * @param method the HTTP method
     * @param path   the path and query under the base, starting with {@code /}
     * @param body   the JSON body, or null
     * @return the response
     */
    Response call(String method, String path, JsonNode body)
    {
        Response response = send(method, path, body, timeout);
        if (response.status() / 100 != 2) {
            throw error(method, path, response);
        }
        return response;
    }

    /**
     * Sends a call with the usual timeout and returns whatever Marathon answered.
     *
     * @param method the HTTP method
     * @param path   the path and query under the base
     * @param body   the JSON body, or null
     * @return the response, whatever its status
     */
    Response send(String method, String path, JsonNode body)
    {
        return send(method, path, body, timeout);
    }

    /**
     * Sends a call and returns whatever Marathon answered; only a failure to talk to it is an exception.
     *
     * @param method  the HTTP method
     * @param path    the path and query under the base
     * @param body    the JSON body, or null
     * @param timeout how long to wait for the answer
     * @return the response, whatever its status
     */
    Response send(String method, String path, JsonNode body, Duration timeout)
    {
        URI uri = URI.create(base + path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json");
        if (body != null) {
            request.header("Content-Type", "application/json; charset=utf-8")
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString()));
        }
        else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CoeException(Reason.FAILED, "interrupted while calling Marathon at " + base, e);
        }
        catch (IOException e) {
            throw unreachable(method, uri, e);
        }
        return new Response(response.statusCode(), parse(response.body()), response.body());
    }

    private JsonNode parse(String text)
    {
        if (text == null || text.isBlank()) {
            return MissingNode.getInstance();
        }
        try {
            return json.readTree(text);
        }
        catch (JsonProcessingException e) {
            return MissingNode.getInstance();
        }
    }

    private CoeException unreachable(String method, URI uri, IOException e)
    {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SSLException) {
                return new CoeException(Reason.TLS, "TLS with Marathon at " + base + " failed: " + t.getMessage(), e);
            }
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException || t instanceof HttpConnectTimeoutException
                    || t instanceof NoRouteToHostException || t instanceof UnknownHostException
                    || t instanceof UnresolvedAddressException) {
                return new CoeException(Reason.UNREACHABLE, "Marathon at " + base + " cannot be reached: " + describe(t), e);
            }
        }
        if (e instanceof HttpTimeoutException) {
            return new CoeException(Reason.UNREACHABLE, "Marathon at " + base + " did not answer " + method + " "
                    + uri.getRawPath() + " within " + timeout.toMillis() + " ms", e);
        }
        return new CoeException(Reason.FAILED, method + " " + uri + " failed: " + describe(e), e);
    }

    private static String describe(Throwable t)
    {
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    /**
     * @param method   the method called
     * @param path     the path called
     * @param response Marathon's non-2xx answer
     * @return the exception for it
     */
    CoeException error(String method, String path, Response response)
    {
        String message = message(response);
        return switch (response.status()) {
            case 404 -> new CoeException(Reason.NOT_FOUND, message);
            case 409 -> new CoeException(Reason.CONFLICT, message);
            case 400, 422 -> new CoeException(Reason.INVALID, field(response.body()), message, null);
            default -> new CoeException(Reason.FAILED, "Marathon answered " + method + " " + path + " with "
                    + response.status() + ": " + message);
        };
    }

    /** Marathon's {@code message}, followed by each {@code details} entry as {@code path: errors}. */
    private static String message(Response response)
    {
        JsonNode body = response.body();
        String message = body.path("message").asText("");
        if (message.isEmpty()) {
            message = response.text() == null || response.text().isBlank() ? "HTTP " + response.status()
                    : response.text().strip();
        }
        StringBuilder text = new StringBuilder(message);
        for (JsonNode detail : body.path("details")) {
            text.append("; ").append(detail.path("path").asText("/")).append(": ");
            Iterator<JsonNode> errors = detail.path("errors").elements();
            while (errors.hasNext()) {
                text.append(errors.next().asText());
                if (errors.hasNext()) {
                    text.append(", ");
                }
            }
        }
        return text.toString();
    }

    /** The input at fault, from the first detail whose path we know. */
    private static String field(JsonNode body)
    {
        for (JsonNode detail : body.path("details")) {
            String path = detail.path("path").asText("");
            for (Map.Entry<String, String> field : FIELDS.entrySet()) {
                if (path.equals(field.getKey()) || path.startsWith(field.getKey() + "/")
                        || path.startsWith(field.getKey() + "(")) {
                    return field.getValue();
                }
            }
        }
        return null;
    }

    @Override
    public void close()
    {
        executor.shutdownNow();
    }
}
