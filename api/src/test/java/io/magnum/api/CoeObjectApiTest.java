package io.magnum.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.magnum.model.Bay;
import io.magnum.model.BayModelSpec;
import io.magnum.model.BaySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.magnum.api.ApiFixture.json;
import static io.magnum.api.ClusterTemplateApiTest.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed's section 4.2 over HTTP: the replicated redis example on a Kubernetes bay through {@code /v1/pods},
 * {@code /v1/services} and {@code /v1/rcs} with Magnum 2.0's requests (as python-magnumclient 2.0 and bin/magnum send
 * them), and their error cases.
 */
class CoeObjectApiTest
{
    private static final Duration WAIT = Duration.ofSeconds(120);

    private static ApiFixture api;
    private static Bay k8sbay;
    private static Bay swarmbay;

    @BeforeAll
    static void bays()
    {
        api = new ApiFixture();
        api.magnum.bayModels().create(BayModelSpec.builder().name("k8sbaymodel").imageId("fedora-21-atomic-5")
                .keypairId("testkey").externalNetworkId("public").dnsNameserver("8.8.8.8").flavorId("m1.small")
                .dockerVolumeSize(5).networkDriver("flannel").coe("kubernetes").build());
        api.magnum.bayModels().create(BayModelSpec.builder().name("swarmbaymodel").imageId("fedora-21-atomic-5")
                .keypairId("testkey").externalNetworkId("public").dnsNameserver("8.8.8.8").flavorId("m1.small")
                .networkDriver("docker").coe("swarm").build());
        var k8s = api.magnum.bays().create(BaySpec.of("k8sbay", "k8sbaymodel", 1));
        var swarm = api.magnum.bays().create(BaySpec.of("swarmbay", "swarmbaymodel", 1));
        k8sbay = k8s.await(WAIT);
        swarmbay = swarm.await(WAIT);
    }

    @AfterAll
    static void stop()
    {
        api.close();
    }

    static String manifest(String file)
    {
        try (InputStream in = CoeObjectApiTest.class.getResourceAsStream("/redis/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The seed's {@code sed -i 's/\(replicas: \)1/\1 2/'}. */
    static String twoReplicas(String manifest)
    {
        return manifest.replaceAll("(replicas: )1\\b", "$1 2");
    }

    /** What python-magnumclient 2.0 posts: {@code manifest_url}, {@code bay_uuid}, {@code manifest}, nulls too. */
    static String createBody(String bayUuid, String manifest)
    {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("manifest_url", null);
        body.put("bay_uuid", bayUuid);
        body.put("manifest", manifest);
        return json(body);
    }

    static String replace(String path, Object value)
    {
        return json(List.of(Map.of("op", "replace", "path", path, "value", value)));
    }

    private static List<String> names(JsonNode list, String key)
    {
        List<String> names = new ArrayList<>();
        list.path(key).forEach(item -> names.add(item.path("name").asText()));
        return names;
    }

    @Test
    void theReplicatedRedisExampleOverHttp()
    {
        // pod-create --manifest ./redis-master.yaml --bay k8sbay
        ApiFixture.Response pod = api.post("/v1/pods", createBody(k8sbay.uuid(), manifest("redis-master.yaml")));
        assertThat(pod.status()).as(pod.body()).isEqualTo(201);
        JsonNode master = pod.json();
        assertThat(master.path("name").asText()).isEqualTo("redis-master");
        assertThat(master.path("bay_uuid").asText()).isEqualTo(k8sbay.uuid());
        assertThat(master.path("labels").path("name").asText()).isEqualTo("redis");
        assertThat(master.path("images").get(0).asText()).isEqualTo("kubernetes/redis:v2");
        assertThat(fieldNames(master)).contains("uuid", "name", "desc", "bay_uuid", "images", "labels", "status", "host",
                "manifest_url", "links");
        String podUuid = master.path("uuid").asText();
        assertThat(pod.header("Location")).isEqualTo(api.url("/v1/pods/" + podUuid));
        assertThat(master.path("links").get(0).path("href").asText()).isEqualTo(api.url("/v1/pods/" + podUuid));
        assertThat(master.path("links").get(1).path("href").asText()).isEqualTo(api.url("/pods/" + podUuid));

        // coe-service-create --manifest ./redis-sentinel-service.yaml --bay k8sbay
        ApiFixture.Response service = api.post("/v1/services", createBody(k8sbay.uuid(),
                manifest("redis-sentinel-service.yaml")));
        assertThat(service.status()).as(service.body()).isEqualTo(201);
        assertThat(service.json().path("name").asText()).isEqualTo("redis-sentinel");
        assertThat(service.json().path("ports").get(0).path("port").asInt()).isEqualTo(26379);
        assertThat(service.json().path("ip").asText()).isNotEmpty();

        // sed ... redis-controller.yaml; rc-create --manifest ./redis-controller.yaml --bay k8sbay (and the sentinels)
        ApiFixture.Response rc = api.post("/v1/rcs", createBody(k8sbay.uuid(),
                twoReplicas(manifest("redis-controller.yaml"))));
        assertThat(rc.status()).as(rc.body()).isEqualTo(201);
        assertThat(rc.json().path("name").asText()).isEqualTo("redis");
        assertThat(rc.json().path("replicas").asInt()).isEqualTo(2);
        ApiFixture.Response sentinels = api.post("/v1/rcs", createBody(k8sbay.uuid(),
                twoReplicas(manifest("redis-sentinel-controller.yaml"))));
        assertThat(sentinels.status()).as(sentinels.body()).isEqualTo(201);
        assertThat(sentinels.json().path("replicas").asInt()).isEqualTo(2);

        // the lists, by the bay's name or uuid
        ApiFixture.Response pods = api.get("/v1/pods?bay_ident=k8sbay");
        assertThat(pods.status()).isEqualTo(200);
        // the controllers' pods: redis adopted redis-master (its selector, name=redis, matches) and made one more; the
        // sentinels made two
        assertThat(names(pods.json(), "pods")).hasSize(4).contains("redis-master")
                .filteredOn(name -> name.matches("redis-sentinel-[a-z0-9]{5}")).hasSize(2);
        JsonNode listed = pods.json().path("pods").get(0);
        assertThat(fieldNames(listed)).containsExactlyInAnyOrder("uuid", "name", "desc", "bay_uuid", "images", "labels",
                "status", "host", "links");
        assertThat(api.get("/v1/pods/detail?bay_ident=" + k8sbay.uuid()).json().path("pods").get(0).has("manifest_url"))
                .isTrue();
        assertThat(names(api.get("/v1/services?bay_ident=k8sbay").json(), "services")).containsExactly("redis-sentinel");
        assertThat(names(api.get("/v1/rcs?bay_ident=" + k8sbay.uuid()).json(), "rcs"))
                .containsExactlyInAnyOrder("redis", "redis-sentinel");

        // the shows, by name or uid
        JsonNode shown = api.get("/v1/pods/redis-master?bay_ident=k8sbay").json();
        assertThat(shown.path("uuid").asText()).isEqualTo(podUuid);
        assertThat(shown.path("status").asText()).isEqualTo("Running");
        assertThat(k8sbay.nodeAddresses()).contains(shown.path("host").asText());
        assertThat(api.get("/v1/pods/" + podUuid + "?bay_ident=k8sbay").json().path("name").asText())
                .isEqualTo("redis-master");
        assertThat(api.get("/v1/rcs/redis?bay_ident=k8sbay").json().path("replicas").asInt()).isEqualTo(2);
        assertThat(api.get("/v1/services/redis-sentinel?bay_ident=k8sbay").json().path("selector")
                .path("redis-sentinel").asText()).isEqualTo("true");

        // pod-update redis-master --bay k8sbay replace manifest=<a new manifest>
        String relabelled = manifest("redis-master.yaml").replace("    name: redis\n", "    name: redis\n    tier: db\n");
        assertThat(relabelled).contains("tier: db");
        ApiFixture.Response updated = api.patch("/v1/pods/redis-master?bay_ident=k8sbay",
                replace("/manifest", relabelled));
        assertThat(updated.status()).as(updated.body()).isEqualTo(200);
        assertThat(updated.json().path("labels").path("tier").asText()).isEqualTo("db");

        // an rc scaled by /replicas, then replaced by its manifest
        ApiFixture.Response scaled = api.patch("/v1/rcs/redis?bay_ident=k8sbay", replace("/replicas", 3));
        assertThat(scaled.status()).as(scaled.body()).isEqualTo(200);
        assertThat(scaled.json().path("replicas").asInt()).isEqualTo(3);
        ApiFixture.Response replaced = api.patch("/v1/rcs/redis?bay_ident=k8sbay",
                replace("/manifest", manifest("redis-controller.yaml")));
        assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
        assertThat(replaced.json().path("replicas").asInt()).isEqualTo(1);

        // the deletes
        assertThat(api.delete("/v1/pods/redis-master?bay_ident=k8sbay").status()).isEqualTo(204);
        assertThat(api.get("/v1/pods/redis-master?bay_ident=k8sbay").status()).isEqualTo(404);
        assertThat(api.delete("/v1/rcs/redis?bay_ident=k8sbay").status()).isEqualTo(204);
        assertThat(api.delete("/v1/rcs/redis-sentinel?bay_ident=k8sbay").status()).isEqualTo(204);
        assertThat(api.delete("/v1/services/redis-sentinel?bay_ident=k8sbay").status()).isEqualTo(204);
        assertThat(api.get("/v1/rcs?bay_ident=k8sbay").json().path("rcs")).isEmpty();
        assertThat(api.get("/v1/pods?bay_ident=k8sbay").json().path("pods")).as("deleted with their controllers")
                .isEmpty();
        assertThat(api.get("/v1/services?bay_ident=k8sbay").json().path("services")).isEmpty();
    }

    @Test
    void wrongRequestsAreMagnumsErrors() throws IOException
    {
        // a Service's manifest is not a pod
        ApiFixture.Response wrongKind = api.post("/v1/pods", createBody(k8sbay.uuid(),
                manifest("redis-sentinel-service.yaml")));
        assertThat(wrongKind.status()).isEqualTo(400);
        assertThat(wrongKind.detail()).contains("Service");
        assertThat(wrongKind.json().path("errors").get(0).path("code").asText()).isEqualTo("client");

        // missing objects and bays
        assertThat(api.get("/v1/pods/nope?bay_ident=k8sbay").status()).isEqualTo(404);
        assertThat(api.delete("/v1/rcs/nope?bay_ident=k8sbay").status()).isEqualTo(404);
        assertThat(api.patch("/v1/services/nope?bay_ident=k8sbay",
                replace("/manifest", manifest("redis-sentinel-service.yaml"))).status()).isEqualTo(404);
        assertThat(api.get("/v1/pods?bay_ident=nobay").status()).isEqualTo(404);
        ApiFixture.Response noBay = api.post("/v1/pods", createBody("nobay", manifest("redis-master.yaml")));
        assertThat(noBay.status()).isEqualTo(400);
        assertThat(noBay.detail()).contains("nobay");
        ApiFixture.Response noIdent = api.get("/v1/pods");
        assertThat(noIdent.status()).isEqualTo(400);
        assertThat(noIdent.detail()).contains("bay_ident");

        // manifest_url is read over http(s): a create, then a replace through a patch; file: and 404 are refused
        com.sun.net.httpserver.HttpServer files = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        files.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            String web = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\n  labels: {app: %s}\nspec:\n"
                    + "  containers:\n    - {name: web, image: nginx}\n";
            byte[] body = path.equals("/web.yaml") ? web.formatted("web").getBytes(StandardCharsets.UTF_8)
                    : path.equals("/web-2.yaml") ? web.formatted("web2").getBytes(StandardCharsets.UTF_8) : null;
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            if (body != null) {
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        files.start();
        try {
            String base = "http://127.0.0.1:" + files.getAddress().getPort();
            ApiFixture.Response fromUrl = api.post("/v1/pods", json(Map.of("bay_uuid", k8sbay.uuid(), "manifest_url",
                    base + "/web.yaml")));
            assertThat(fromUrl.status()).as(fromUrl.body()).isEqualTo(201);
            assertThat(fromUrl.json().path("name").asText()).isEqualTo("web");
            ApiFixture.Response replaced = api.patch("/v1/pods/web?bay_ident=k8sbay",
                    replace("/manifest_url", base + "/web-2.yaml"));
            assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
            assertThat(replaced.json().path("labels").toString()).contains("web2");
            ApiFixture.Response missing = api.post("/v1/pods", json(Map.of("bay_uuid", k8sbay.uuid(), "manifest_url",
                    base + "/nope.yaml")));
            assertThat(missing.status()).isEqualTo(400);
            assertThat(missing.detail()).contains("manifest_url").contains("HTTP 404");
            assertThat(api.delete("/v1/pods/web?bay_ident=k8sbay").status()).isEqualTo(204);
        }
        finally {
            files.stop(0);
        }
        ApiFixture.Response file = api.post("/v1/pods", json(Map.of("bay_uuid", k8sbay.uuid(), "manifest_url",
                "file:///etc/passwd")));
        assertThat(file.status()).isEqualTo(400);
        assertThat(file.detail()).contains("manifest_url").contains("http or https");

        // bad JSON, types and fields
        assertThat(api.post("/v1/pods", "{\"bay_uuid\": ").status()).isEqualTo(400);
        assertThat(api.post("/v1/pods", "[]").status()).isEqualTo(400);
        assertThat(api.post("/v1/rcs", json(Map.of("bay_uuid", k8sbay.uuid(), "manifest", 7))).detail())
                .contains("manifest").contains("Expected a string");
        ApiFixture.Response unknown = api.post("/v1/services", json(Map.of("bay_uuid", k8sbay.uuid(), "manifest",
                manifest("redis-sentinel-service.yaml"), "colour", "blue")));
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.detail()).contains("colour");
        assertThat(api.post("/v1/pods", json(Map.of("bay_uuid", k8sbay.uuid(), "manifest",
                manifest("redis-master.yaml"), "name", "other"))).status()).isEqualTo(400);
        assertThat(api.post("/v1/pods", json(Map.of("manifest", manifest("redis-master.yaml")))).detail())
                .contains("bay_uuid");
        assertThat(api.post("/v1/pods", createBody(k8sbay.uuid(), "kind: Pod\nmetadata: [unclosed")).status())
                .isEqualTo(400);

        // patches: only the manifest (and an rc's replicas)
        api.post("/v1/pods", createBody(k8sbay.uuid(), manifest("redis-master.yaml").replace("name: redis-master",
                "name: patched")));
        assertThat(api.patch("/v1/pods/patched?bay_ident=k8sbay", replace("/name", "x")).status()).isEqualTo(400);
        assertThat(api.patch("/v1/pods/patched?bay_ident=k8sbay", replace("/replicas", 2)).status()).isEqualTo(400);
        assertThat(api.patch("/v1/pods/patched?bay_ident=k8sbay", replace("/manifest", 2)).status()).isEqualTo(400);
        assertThat(api.patch("/v1/pods/patched?bay_ident=k8sbay", "{\"op\": \"replace\"}").status()).isEqualTo(400);
        assertThat(api.patch("/v1/pods/patched?bay_ident=k8sbay", "[]").status()).isEqualTo(400);
        assertThat(api.patch("/v1/pods/patched?bay_ident=k8sbay", json(List.of(Map.of("op", "remove", "path",
                "/manifest")))).status()).isEqualTo(400);
        assertThat(api.get("/v1/pods/patched?bay_ident=k8sbay&colour=blue").status()).isEqualTo(400);
        assertThat(api.delete("/v1/pods/patched?bay_ident=k8sbay").status()).isEqualTo(204);
    }

    @Test
    void aSwarmBayHasNoPods()
    {
        ApiFixture.Response list = api.get("/v1/pods?bay_ident=swarmbay");
        assertThat(list.status()).as(list.body()).isEqualTo(400);
        assertThat(list.detail()).containsIgnoringCase("swarm");
        assertThat(api.post("/v1/rcs", createBody(swarmbay.uuid(), manifest("redis-controller.yaml"))).status())
                .isEqualTo(400);
    }

    @Test
    void aBayInProgressIsAConflict()
    {
        api.cloud.heat().defaultLatency(Duration.ofSeconds(5));
        try {
            Bay slow = api.magnum.bays().create(BaySpec.of("slowbay", "k8sbaymodel", 1)).accepted();
            ApiFixture.Response created = api.post("/v1/pods", createBody(slow.uuid(), manifest("redis-master.yaml")));
            assertThat(created.status()).as(created.body()).isEqualTo(409);
            assertThat(created.detail()).contains("CREATE_IN_PROGRESS");
            assertThat(api.get("/v1/services?bay_ident=slowbay").status()).isEqualTo(409);
        }
        finally {
            api.cloud.heat().defaultLatency(Duration.ZERO);
        }
    }

    @Test
    void theVersionDocumentLinksTheCoeCollections()
    {
        JsonNode v1 = api.get("/v1").json();
        assertThat(v1.has("pods")).isTrue();
        assertThat(v1.has("services")).isTrue();
        assertThat(v1.has("rcs")).isTrue();
        assertThat(v1.has("containers")).isTrue();
    }
}
