package io.magnum.api;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.magnum.api.ApiFixture.json;
import static io.magnum.api.ApiFixture.seedTemplate;
import static org.assertj.core.api.Assertions.assertThat;

/** Whatever a client sends, the answer is a clear 4xx in Magnum's error body, never a 500. */
class BadInputTest
{
    private static ApiFixture api;

    @BeforeAll
    static void start()
    {
        api = new ApiFixture();
        api.post("/v1/clustertemplates", json(seedTemplate("k8s")));
    }

    @AfterAll
    static void stop()
    {
        api.close();
    }

    private static void assertBadRequest(ApiFixture.Response response, String... details)
    {
        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.header("Content-Type")).isEqualTo("application/json");
        assertThat(response.json().path("errors").get(0).path("status").asInt()).isEqualTo(400);
        for (String detail : details) {
            assertThat(response.detail()).contains(detail);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"{", "{\"name\": }", "[1, 2", "not json", "{\"name\": \"a\"} trailing",
            "{\"name\": \"a\", \"name\": \"b\"}", "\"just a string\"", "42", "null", "[]", ""})
    void malformedBodies(String body)
    {
        assertBadRequest(api.post("/v1/clustertemplates", body));
        assertBadRequest(api.post("/v1/clusters", body));
        assertBadRequest(api.post("/v1/bays", body));
        assertBadRequest(api.post("/v1/certificates", body));
    }

    @Test
    void malformedJsonSaysWhere()
    {
        assertBadRequest(api.post("/v1/clusters", "{\"name\": }"), "not valid JSON", "line 1");
        assertBadRequest(api.post("/v1/clusters", "{\"name\": \"a\", \"name\": \"b\"}"), "Duplicate field 'name'");
    }

    @Test
    void wrongTypes()
    {
        Map<String, Object> template = seedTemplate("typed");
        template.put("docker_volume_size", "five");
        template.put("tls_disabled", "maybe");
        template.put("labels", List.of("a"));
        template.put("name", 12);
        assertBadRequest(api.post("/v1/clustertemplates", json(template)),
                "docker_volume_size. Value: 'five'. Wrong type. Expected an integer, got a string",
                "tls_disabled", "labels", "name. Value: '12'. Wrong type. Expected a string, got an integer");

        assertBadRequest(api.post("/v1/clusters", json(Map.of("cluster_template_id", "k8s", "node_count", 1.5))),
                "node_count", "Expected an integer, got a number");
        assertBadRequest(api.post("/v1/clusters", json(Map.of("cluster_template_id", "k8s", "master_count", true))),
                "master_count");
        assertBadRequest(api.post("/v1/clusters", json(Map.of("cluster_template_id", List.of("k8s")))),
                "cluster_template_id");
        assertBadRequest(api.post("/v1/clusters", json(Map.of("cluster_template_id", "k8s",
                "node_count", 99999999999L))), "node_count");
        assertBadRequest(api.post("/v1/clusters", json(Map.of("cluster_template_id", "k8s", "master_count", 0))),
                "master_count", "greater than or equal to 1");
        assertBadRequest(api.post("/v1/clustertemplates", json(Map.of("image_id", "fedora-21-atomic-5", "coe",
                "kubernetes", "apiserver_port", 80))), "apiserver_port", "between 1024 and 65535");
    }

    @Test
    void unknownAndMissingFields()
    {
        Map<String, Object> template = seedTemplate("unknown");
        template.put("colour", "blue");
        template.put("public_template", true);
        assertBadRequest(api.post("/v1/clustertemplates", json(template)),
                "Unknown attributes for argument cluster_template: colour, public_template");
        assertBadRequest(api.post("/v1/clusters", json(Map.of("cluster_template_id", "k8s", "nodes", 2))),
                "Unknown attribute for argument cluster: nodes");
        assertBadRequest(api.post("/v1/bays", json(Map.of("baymodel_id", "k8s", "cluster_template_id", "k8s"))),
                "Unknown attribute for argument bay: cluster_template_id");
        assertBadRequest(api.post("/v1/clusters", json(Map.of("name", "x"))), "cluster_template_id",
                "Mandatory field missing");
        assertBadRequest(api.post("/v1/clustertemplates", json(Map.of("name", "x"))), "image_id", "coe");
        assertBadRequest(api.post("/v1/clusters", json(Map.of("cluster_template_id", "k8s", "status",
                "CREATE_COMPLETE"))), "status is read-only");
    }

    @Test
    void hugeBodies()
    {
        String huge = "{\"name\": \"" + "x".repeat(MagnumApiServer.DEFAULT_MAX_BODY_BYTES) + "\"}";
        assertBadRequest(api.post("/v1/clustertemplates", huge), "this server takes at most 114688 bytes");
        String enormous = "{\"name\": \"" + "x".repeat(8 << 20) + "\"}";
        assertBadRequest(api.post("/v1/clusters", enormous), "at most 114688 bytes");
        // the server is still fine afterwards
        assertThat(api.get("/v1/clustertemplates/k8s").status()).isEqualTo(200);
    }

    @Test
    void badPatches()
    {
        String path = "/v1/clustertemplates/k8s";
        assertBadRequest(api.patch(path, "{\"op\": \"replace\"}"), "must be a JSON-patch");
        assertBadRequest(api.patch(path, "[{\"op\": \"move\", \"path\": \"/name\", \"from\": \"/x\"}]"),
                "Unknown attribute for argument patch: from");
        assertBadRequest(api.patch(path, "[{\"op\": \"copy\", \"path\": \"/name\", \"value\": \"x\"}]"),
                "Value should be one of: add, remove, replace");
        assertBadRequest(api.patch(path, "[{\"op\": \"replace\", \"path\": \"name\", \"value\": \"x\"}]"),
                "Value should match the pattern");
        assertBadRequest(api.patch(path, "[{\"op\": \"replace\", \"path\": \"/name\"}]"), "need a value");
        assertBadRequest(api.patch(path, "[{\"path\": \"/name\", \"value\": \"x\"}]"), "op", "Mandatory field");
        assertBadRequest(api.patch(path, "[{\"op\": \"replace\", \"path\": \"/name\", \"value\": [1]}]"),
                "Wrong type");
        assertBadRequest(api.patch(path, "[{\"op\": \"replace\", \"path\": \"/no_such\", \"value\": \"x\"}]"),
                "can't replace non-existent object 'no_such'");
        assertBadRequest(api.patch(path, "[\"replace\"]"), "must be an object");
        assertBadRequest(api.patch(path, "[{\"op\": \"replace\", \"path\": \"/labels\", \"value\": \"{'a': \"}]"),
                "not a dict literal");
        assertBadRequest(api.patch(path, "[{\"op\": \"replace\", \"path\": \"/docker_volume_size\","
                + " \"value\": \"lots\"}]"), "docker_volume_size");
        assertBadRequest(api.patch(path, "[{\"op\": \"replace\", \"path\": \"/name/x\", \"value\": \"y\"}]"));
        assertBadRequest(api.patch("/v1/clusters/whatever", "[{\"op\": \"replace\"}]"), "path");
        assertThat(api.get(path).json().path("name").asText()).isEqualTo("k8s");
    }

    @Test
    void badQueriesAndPaths()
    {
        assertBadRequest(api.get("/v1/clustertemplates?colour=blue"), "Unknown argument: colour");
        assertBadRequest(api.get("/v1/clusters?limit=-1"), "limit");
        assertBadRequest(api.get("/v1/clusters?marker=not-a-uuid"), "marker");
        assertThat(rawStatus("GET /v1/clusters/%zz HTTP/1.1")).isEqualTo(400);
        assertThat(rawStatus("GET /v1/clusters?marker=%zz HTTP/1.1")).isEqualTo(400);
        assertThat(api.get("/v1/nothing-here").status()).isEqualTo(404);
        assertThat(api.get("/v1/nothing-here").json().path("errors").get(0).path("status").asInt()).isEqualTo(404);
        ApiFixture.Response method = api.send("PUT", "/v1/clusters", "{}");
        assertThat(method.status()).isEqualTo(405);
        assertThat(method.header("Allow")).isEqualTo("GET, POST");
        assertThat(api.send("POST", "/", "{}").status()).isEqualTo(405);
    }

    /** Sends a request line that Java's URI would refuse to build; returns the status. */
    private static int rawStatus(String requestLine)
    {
        try (Socket socket = new Socket("127.0.0.1", api.server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write((requestLine + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            return Integer.parseInt(status.split(" ")[1]);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void randomBodiesNeverReachA500()
    {
        Random random = new Random(6);
        String[] fragments = {"{", "}", "[", "]", "\"name\"", ":", ",", "\"k8s\"", "1", "-1", "1e400", "true", "null",
                "\"cluster_template_id\"", "\"node_count\"", "\"labels\"", "{\"a\": 1}", "\"\\u0000\"", "\"op\"",
                "\"path\"", "\"/node_count\"", "\"value\"", "\"replace\"", "\u00e9", " "};
        List<String> posts = List.of("/v1/clusters", "/v1/bays", "/v1/clustertemplates", "/v1/baymodels",
                "/v1/certificates");
        for (int i = 0; i < 300; i++) {
            StringBuilder body = new StringBuilder();
            int length = 1 + random.nextInt(12);
            for (int j = 0; j < length; j++) {
                body.append(fragments[random.nextInt(fragments.length)]);
            }
            ApiFixture.Response post = api.post(posts.get(random.nextInt(posts.size())), body.toString());
            assertThat(post.status()).as(body.toString()).isBetween(200, 499);
            ApiFixture.Response patch = api.patch("/v1/clustertemplates/k8s", body.toString());
            assertThat(patch.status()).as(body.toString()).isBetween(200, 499);
        }
    }
}
