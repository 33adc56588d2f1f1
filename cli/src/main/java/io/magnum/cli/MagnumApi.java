package io.magnum.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

import static java.util.Objects.requireNonNull;

/**
 * A small client of Magnum's v1 REST API, as python-magnumclient 2.x talks to it: JSON in and out, the token in
 * {@code X-Auth-Token}, the seed era's API version ({@code container-infra 1.1}, where a bay create answers with the
 * bay). An error status becomes an {@link ApiError} carrying the body's message; a server that cannot be reached
 * becomes a {@link CliException} that says how to start one. Not thread-safe in its use by the CLI, though the
 * underlying {@link HttpClient} is.
 */
final class MagnumApi
{
    private static final Logger log = LoggerFactory.getLogger(MagnumApi.class);

    /** The API version asked for: the seed era's, whose answers python-magnumclient 2.0 was written against. */
    static final String API_VERSION = "container-infra 1.1";
    private static final String USER_AGENT = "magnum4j-cli";

    private final URI base;
    private final String token;
    private final Duration timeout;
    private final HttpClient http;
    private final ObjectMapper mapper;

    /**
     * @param url     the API's base URL ({@code http://127.0.0.1:9511}); a trailing {@code /v1} is dropped, as the
     *                python client does
     * @param token   the token sent in {@code X-Auth-Token}
     * @param timeout how long one request may take
     * @param mapper  the JSON mapper
     * @throws CliException when the URL is not an http(s) URL
     */
    MagnumApi(String url, String token, Duration timeout, ObjectMapper mapper)
    {
        this.base = base(requireNonNull(url, "url is null"));
        this.token = requireNonNull(token, "token is null");
        this.timeout = requireNonNull(timeout, "timeout is null");
        this.mapper = requireNonNull(mapper, "mapper is null");
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    private static URI base(String url)
    {
        String trimmed = url.strip();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        if (trimmed.endsWith("/v1")) {
            trimmed = trimmed.substring(0, trimmed.length() - 3);
        }
        try {
            URI uri = new URI(trimmed);
            if (uri.getScheme() == null || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                    || uri.getHost() == null) {
                throw new URISyntaxException(url, "not an http or https URL");
            }
            return uri;
        }
        catch (URISyntaxException e) {
            throw new CliException("the Magnum API URL '" + url + "' is not an http(s) URL such as"
                    + " http://127.0.0.1:9511 (set MAGNUM_URL or --magnum-url)", 2, e);
        }
    }

    /** @return the API's base URL, without {@code /v1} */
    URI base()
    {
        return base;
    }

    /**
     * A path from raw segments, each percent-encoded: {@code path("v1", "bays", "my bay")} is
     * {@code /v1/bays/my%20bay}.
     *
     * @param segments the segments
     * @return the path
     */
    static String path(String... segments)
    {
        StringBuilder path = new StringBuilder();
        for (String segment : segments) {
            path.append('/').append(encode(segment));
        }
        return path.toString();
    }

    /**
     * @param path       a path made by {@link #path}
     * @param parameters query parameters; null values are left out
     * @return the path with its query string
     */
    static String query(String path, Map<String, ?> parameters)
    {
        StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
        parameters.forEach((name, value) -> {
            if (value != null) {
                query.add(encode(name) + "=" + encode(String.valueOf(value)));
            }
        });
        return path + query;
    }

    /**
     * @param name  a parameter name
     * @param value its value, or null to leave it out
     * @return a one-entry ordered map for {@link #query}
     */
    static Map<String, Object> parameter(String name, Object value)
    {
        Map<String, Object> parameters = new LinkedHashMap<>();
        parameters.put(name, value);
        return parameters;
    }

    private static String encode(String text)
    {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** @return the answer's JSON (a missing node for an empty body) */
    JsonNode get(String path)
    {
        return send("GET", path, null);
    }

    /** @return the answer's JSON */
    JsonNode post(String path, JsonNode body)
    {
        return send("POST", path, body);
    }

    /** @return the answer's JSON */
    JsonNode patch(String path, JsonNode body)
    {
        return send("PATCH", path, body);
    }

    /** An action such as {@code PUT /v1/containers/{id}/start}, with an empty body. @return the answer's JSON */
    JsonNode put(String path)
    {
        return send("PUT", path, null);
    }

    /** Deletes; the answer's body (if any) is dropped. */
    void delete(String path)
    {
        send("DELETE", path, null);
    }

    private JsonNode send(String method, String path, JsonNode body)
    {
        URI uri = base.resolve(base.getRawPath() + path);
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("X-Auth-Token", token)
                .header("Accept", "application/json")
                .header("OpenStack-API-Version", API_VERSION)
                .header("User-Agent", USER_AGENT);
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(write(body)));
        }
        else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        log.debug("{} {}", method, uri);
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        }
        catch (HttpConnectTimeoutException | ConnectException e) {
            throw unreachable(e);
        }
        catch (HttpTimeoutException e) {
            throw new CliException("the Magnum API at " + base + " did not answer " + method + " " + path
                    + " within " + timeout.toSeconds() + " s", 1, e);
        }
        catch (IOException e) {
            if (e.getCause() instanceof ConnectException) {
                throw unreachable(e);
            }
            throw new CliException("the Magnum API at " + base + " failed on " + method + " " + path + ": "
                    + oneLine(String.valueOf(e.getMessage())), 1, e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while waiting for the Magnum API", 130, e);
        }
        log.debug("{} {} -> {} {}", method, uri, response.statusCode(), response.body());
        if (response.statusCode() >= 400) {
            throw new ApiError(response.statusCode(), message(response));
        }
        return read(response.body());
    }

    private CliException unreachable(Exception e)
    {
        return new CliException("cannot reach the Magnum API at " + base + " (connection refused). Start it with"
                + " bin/magnum-server, or point MAGNUM_URL or --magnum-url at a running one.", 1, e);
    }

    private JsonNode read(String body)
    {
        if (body == null || body.isBlank()) {
            return mapper.missingNode();
        }
        try {
            return mapper.readTree(body);
        }
        catch (JsonProcessingException e) {
            throw new CliException("the Magnum API at " + base + " answered with something other than JSON: "
                    + oneLine(abbreviate(body)), 1, e);
        }
    }

    private String write(JsonNode body)
    {
        try {
            return mapper.writeValueAsString(body);
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a request body", e);
        }
    }

    /**
     * The message of an error answer, read the ways Magnum has written it: {@code errors[0].detail} (its
     * parsable-error middleware), the seed era's {@code error_message} holding a JSON {@code faultstring}, or
     * {@code {"<kind>": {"message": ...}}}; else the body itself, or the status's reason.
     */
    private String message(HttpResponse<String> response)
    {
        String body = response.body();
        try {
            JsonNode json = body == null || body.isBlank() ? null : mapper.readTree(body);
            if (json != null && json.isObject()) {
                JsonNode error = json.path("errors").path(0);
                String text = firstText(error.path("detail"), error.path("title"));
                if (text == null && json.path("error_message").isTextual()) {
                    JsonNode fault = mapper.readTree(json.path("error_message").textValue());
                    text = firstText(fault.path("faultstring"));
                }
                if (text == null && json.size() == 1) {
                    JsonNode first = json.elements().next();
                    text = firstText(first.path("message"), first.path("faultstring"));
                }
                if (text != null) {
                    return oneLine(text);
                }
            }
        }
        catch (JsonProcessingException e) {
            // not JSON: the body itself, below
        }
        if (body != null && !body.isBlank()) {
            return oneLine(abbreviate(body));
        }
        return reason(response.statusCode());
    }

    private static String firstText(JsonNode... candidates)
    {
        for (JsonNode candidate : candidates) {
            if (candidate.isTextual() && !candidate.textValue().isBlank()) {
                return candidate.textValue();
            }
        }
        return null;
    }

    private static String reason(int status)
    {
        return switch (status) {
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 406 -> "Not Acceptable";
            case 409 -> "Conflict";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "HTTP Error";
        };
    }

    /** Line breaks and the blanks around them become one space: an error is one line. */
    static String oneLine(String text)
    {
        return text.strip().replaceAll("\\s*\\R\\s*", " ");
    }

    private static String abbreviate(String text)
    {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }
}
