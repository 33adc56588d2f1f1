package io.magnum.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.magnum.model.Bay;
import io.magnum.model.BayModelSpec;
import io.magnum.model.BaySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.magnum.api.ApiFixture.json;
import static io.magnum.api.ClusterTemplateApiTest.fieldNames;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /v1/containers} on a Mesos bay: its containers are apps of LocalCloud's Marathon stand-in, so no Docker is
 * needed. (The Docker verbs on a Swarm bay are in {@link SwarmContainerApiIT}.)
 */
class ContainerApiTest
{
    private static final Duration WAIT = Duration.ofSeconds(120);

    private static ApiFixture api;
    private static Bay mesosbay;
    private static Bay k8sbay;

    @BeforeAll
    static void bays()
    {
        api = new ApiFixture();
        api.magnum.bayModels().create(BayModelSpec.builder().name("mesosbaymodel").imageId("ubuntu-mesos")
                .keypairId("testkey").externalNetworkId("public").dnsNameserver("8.8.8.8").flavorId("m1.medium")
                .coe("mesos").build());
        api.magnum.bayModels().create(BayModelSpec.builder().name("k8sbaymodel").imageId("fedora-21-atomic-5")
                .keypairId("testkey").externalNetworkId("public").flavorId("m1.small").networkDriver("flannel")
                .coe("kubernetes").build());
        var mesos = api.magnum.bays().create(BaySpec.of("mesosbay", "mesosbaymodel", 1));
        var k8s = api.magnum.bays().create(BaySpec.of("k8sbay", "k8sbaymodel", 1));
        mesosbay = mesos.await(WAIT);
        k8sbay = k8s.await(WAIT);
    }

    @AfterAll
    static void stop()
    {
        api.close();
    }

    /** What python-magnumclient 2.0's container-create posts (nulls included). */
    static Map<String, Object> container(String name, String image, String bayUuid)
    {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("image", image);
        body.put("bay_uuid", bayUuid);
        body.put("command", null);
        body.put("memory", null);
        return body;
    }

    private static JsonNode awaitStatus(String container, String status)
    {
        return api.await("/v1/containers/" + container, c -> c.path("status").asText().equals(status), WAIT);
    }

    @Test
    void aMesosBaysContainersOverHttp()
    {
        // on a machine with a Docker engine the bay's Marathon runs it for real: an image the engine has
        Map<String, Object> body = container("web", "local/busybox:latest", mesosbay.uuid());
        body.put("command", "sleep 3600");
        body.put("memory", "128m");
        body.put("environment", Map.of("GREETING", "hello"));
        ApiFixture.Response created = api.post("/v1/containers", json(body));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        JsonNode web = created.json();
        String uuid = web.path("uuid").asText();
        assertThat(created.header("Location")).isEqualTo(api.url("/v1/containers/" + uuid));
        assertThat(web.path("name").asText()).isEqualTo("web");
        assertThat(web.path("image").asText()).isEqualTo("local/busybox:latest");
        assertThat(web.path("bay_uuid").asText()).isEqualTo(mesosbay.uuid());
        assertThat(web.path("command").asText()).isEqualTo("sleep 3600");
        assertThat(web.path("memory").asText()).isEqualTo("128m");
        assertThat(web.path("environment").path("GREETING").asText()).isEqualTo("hello");
        assertThat(web.path("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+00:00");
        assertThat(web.path("links").get(0).path("href").asText()).isEqualTo(api.url("/v1/containers/" + uuid));
        assertThat(web.path("links").get(1).path("href").asText()).isEqualTo(api.url("/containers/" + uuid));

        // show, by name and uuid; Marathon runs it
        assertThat(awaitStatus("web", "Running").path("uuid").asText()).isEqualTo(uuid);
        assertThat(api.get("/v1/containers/" + uuid).json().path("name").asText()).isEqualTo("web");

        // stop and start: each answers the container
        ApiFixture.Response stopped = api.put("/v1/containers/web/stop", null);
        assertThat(stopped.status()).as(stopped.body()).isEqualTo(200);
        assertThat(stopped.json().path("uuid").asText()).isEqualTo(uuid);
        awaitStatus("web", "Stopped");
        ApiFixture.Response started = api.put("/v1/containers/" + uuid + "/start", null);
        assertThat(started.status()).as(started.body()).isEqualTo(200);
        awaitStatus("web", "Running");

        // Marathon cannot pause or execute: a 400 that says so
        ApiFixture.Response pause = api.put("/v1/containers/web/pause", null);
        assertThat(pause.status()).as(pause.body()).isEqualTo(400);
        assertThat(pause.detail()).isNotEmpty().doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(api.put("/v1/containers/web/execute?command=ls", null).status()).isEqualTo(400);
        assertThat(api.put("/v1/containers/web/execute", null).status()).as("no command").isEqualTo(400);
        assertThat(api.get("/v1/containers/web/start").status()).isEqualTo(405);

        // lists: one bay's, paged
        ApiFixture.Response second = api.post("/v1/containers", json(container("web2", "nginx", "mesosbay")));
        assertThat(second.status()).as(second.body()).isEqualTo(201);
        JsonNode all = api.get("/v1/containers?bay_ident=mesosbay").json();
        assertThat(all.path("containers")).extracting(c -> c.path("name").asText())
                .containsExactlyInAnyOrder("web", "web2");
        assertThat(fieldNames(all.path("containers").get(0))).containsExactlyInAnyOrder("uuid", "name", "bay_uuid",
                "image", "command", "status", "memory", "environment", "links");
        assertThat(api.get("/v1/containers/detail").json().path("containers").get(0).has("created_at")).isTrue();
        assertThat(api.get("/v1/containers?bay_ident=" + k8sbay.uuid()).json().path("containers")).isEmpty();
        assertThat(api.get("/v1/containers?bay_ident=nobay").status()).isEqualTo(404);
        JsonNode page = api.get("/v1/containers?bay_ident=mesosbay&limit=1&sort_key=name").json();
        assertThat(page.path("containers")).hasSize(1);
        assertThat(page.path("containers").get(0).path("name").asText()).isEqualTo("web");
        assertThat(page.path("next").asText()).contains("limit=1").contains("marker=" + uuid);
        JsonNode rest = api.get("/v1/containers?bay_ident=mesosbay&limit=1&sort_key=name&marker=" + uuid).json();
        assertThat(rest.path("containers")).extracting(c -> c.path("name").asText()).containsExactly("web2");

        // delete
        assertThat(api.delete("/v1/containers/web").status()).isEqualTo(204);
        assertThat(api.delete("/v1/containers/web2").status()).isEqualTo(204);
        assertThat(api.get("/v1/containers/web").status()).isEqualTo(404);
        assertThat(api.get("/v1/containers").json().path("containers")).isEmpty();
    }

    @Test
    void wrongRequestsAreMagnumsErrors()
    {
        assertThat(api.get("/v1/containers/nope").status()).isEqualTo(404);
        assertThat(api.put("/v1/containers/nope/start", null).status()).isEqualTo(404);
        assertThat(api.delete("/v1/containers/nope").status()).isEqualTo(404);
        assertThat(api.get("/v1/containers/nope/logs").status()).isEqualTo(404);

        ApiFixture.Response noBay = api.post("/v1/containers", json(container("c", "nginx", "nobay")));
        assertThat(noBay.status()).isEqualTo(400);
        assertThat(noBay.detail()).contains("nobay");
        assertThat(api.post("/v1/containers", "{\"name\": ").status()).isEqualTo(400);
        Map<String, Object> badEnvironment = container("c", "nginx", mesosbay.uuid());
        badEnvironment.put("environment", Map.of("A", 1));
        assertThat(api.post("/v1/containers", json(badEnvironment)).detail()).contains("environment");
        Map<String, Object> unknown = container("c", "nginx", mesosbay.uuid());
        unknown.put("colour", "blue");
        assertThat(api.post("/v1/containers", json(unknown)).detail()).contains("colour");
        Map<String, Object> status = container("c", "nginx", mesosbay.uuid());
        status.put("status", "Running");
        assertThat(api.post("/v1/containers", json(status)).status()).isEqualTo(400);
        Map<String, Object> memory = container("c", "nginx", mesosbay.uuid());
        memory.put("memory", 512);
        assertThat(api.post("/v1/containers", json(memory)).status()).isEqualTo(400);
        assertThat(api.get("/v1/containers?limit=x").status()).isEqualTo(400);
        assertThat(api.get("/v1/containers?colour=blue").status()).isEqualTo(400);
        assertThat(api.patch("/v1/containers/nope", json(List.of())).status()).isEqualTo(400);

        // a Kubernetes bay has no containers
        ApiFixture.Response k8s = api.post("/v1/containers", json(container("c", "nginx", k8sbay.uuid())));
        assertThat(k8s.status()).as(k8s.body()).isEqualTo(400);
        assertThat(api.get("/v1/containers").json().path("containers")).isEmpty();
    }
}
