package io.magnum.openstack.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Heat's REST API spoken directly (JDK HTTP client, Jackson), beside openstack4j: a second opinion on what the real
 * Heat holds, and the calls magnum4j's cloud contract does not make ({@code POST /validate}).
 */
final class HeatRest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private final String token;
    private final String endpoint;

    /** An answer: the HTTP status and the JSON body (a missing node when there is none). */
    record Answer(int status, JsonNode body)
    {
        /** @return Heat's error message ({@code error.message}), or the validate answer's {@code Error} */
        String message()
        {
            JsonNode message = body.path("error").path("message");
            return message.isTextual() ? message.asText() : body.path("Error").asText("");
        }
    }

    private HeatRest(String token, String endpoint)
    {
        this.token = token;
        this.endpoint = endpoint;
    }

    /**
     * Authenticates with a password, scoped to the project of the {@code OS_*} variables, and finds Heat's public
     * endpoint in the catalog.
     *
     * @param env the {@code OS_*} variables
     * @return a client
     */
    static HeatRest login(Map<String, String> env)
    {
        ObjectNode auth = JSON.createObjectNode();
        ObjectNode identity = auth.putObject("auth").putObject("identity");
        identity.putArray("methods").add("password");
        ObjectNode user = identity.putObject("password").putObject("user");
        user.put("name", env.get("OS_USERNAME"));
        user.put("password", env.get("OS_PASSWORD"));
        user.putObject("domain").put("name", env.getOrDefault("OS_USER_DOMAIN_NAME", "Default"));
        ObjectNode project = ((ObjectNode) auth.get("auth")).putObject("scope").putObject("project");
        project.put("name", env.get("OS_PROJECT_NAME"));
        project.putObject("domain").put("name", env.getOrDefault("OS_PROJECT_DOMAIN_NAME", "Default"));
        String authUrl = env.get("OS_AUTH_URL").replaceAll("/+$", "");
        HttpClient http = HttpClient.newHttpClient();
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(authUrl + "/auth/tokens"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(auth))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 201) {
                throw new AssertionError("Keystone refused the test's login: " + response.statusCode() + " " + response.body());
            }
            String token = response.headers().firstValue("X-Subject-Token").orElseThrow();
            for (JsonNode service : JSON.readTree(response.body()).path("token").path("catalog")) {
                if (service.path("type").asText().equals("orchestration")) {
                    for (JsonNode endpoint : service.path("endpoints")) {
                        if (endpoint.path("interface").asText().equals("public")) {
                            return new HeatRest(token, endpoint.path("url").asText().replaceAll("/+$", ""));
                        }
                    }
                }
            }
            throw new AssertionError("the catalog has no public orchestration endpoint");
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** @return the token of this client's login */
    String token()
    {
        return token;
    }

    /**
     * @param method GET, POST, PUT, PATCH or DELETE
     * @param path   below the endpoint, such as {@code /stacks}
     * @param query  query parameters
     * @param body   a JSON body, or null
     * @return the answer
     */
    Answer send(String method, String path, Map<String, String> query, JsonNode body)
    {
        String q = query.isEmpty() ? "" : "?" + query.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(endpoint + path + q))
                    .timeout(Duration.ofSeconds(60))
                    .header("X-Auth-Token", token).header("Accept", "application/json")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            JsonNode json = response.body().isBlank() ? JSON.missingNode() : JSON.readTree(response.body());
            return new Answer(response.statusCode(), json);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * {@code POST /validate}: the real Heat's template validation.
     *
     * @param template    the template text
     * @param files       the files it names
     * @param parameters  parameter values
     * @param environment the environment (a map, as Heat's API takes it), or null
     * @return the answer: 200 with the parameters, or 400 with Heat's message
     */
    Answer validate(String template, Map<String, String> files, Map<String, String> parameters, Map<String, ?> environment)
    {
        ObjectNode body = JSON.createObjectNode();
        body.put("template", template);
        body.set("files", JSON.valueToTree(files));
        body.set("parameters", JSON.valueToTree(parameters));
        if (environment != null) {
            body.set("environment", JSON.valueToTree(environment));
        }
        return send("POST", "/validate", Map.of(), body);
    }

    /**
     * @param namePrefix a stack-name prefix
     * @return the ids of the stacks Heat lists whose name starts with it and that are not deleted
     */
    java.util.List<String> liveStacks(String namePrefix)
    {
        Answer answer = send("GET", "/stacks", Map.of(), null);
        if (answer.status() != 200) {
            throw new AssertionError("stack list: " + answer.status() + " " + answer.body());
        }
        java.util.List<String> ids = new java.util.ArrayList<>();
        for (JsonNode stack : answer.body().path("stacks")) {
            if (stack.path("stack_name").asText().startsWith(namePrefix)
                    && !stack.path("stack_status").asText().equals("DELETE_COMPLETE")) {
                ids.add(stack.path("id").asText());
            }
        }
        return ids;
    }
}
