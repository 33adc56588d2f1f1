package io.magnum.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static io.magnum.api.ApiFixture.json;
import static io.magnum.api.ApiFixture.seedTemplate;
import static io.magnum.api.ClusterTemplateApiTest.fieldNames;
import static io.magnum.api.ClusterTemplateApiTest.find;
import static org.assertj.core.api.Assertions.assertThat;

class ClusterApiTest
{
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String V1_2 = "container-infra 1.2";

    private static ApiFixture api;

    @BeforeAll
    static void start()
    {
        api = new ApiFixture();
        assertThat(api.post("/v1/clustertemplates", json(seedTemplate("k8s"))).status()).isEqualTo(201);
    }

    @AfterAll
    static void stop()
    {
        api.close();
    }

    private static Map<String, Object> cluster(String name)
    {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("cluster_template_id", "k8s");
        body.put("node_count", 1);
        body.put("master_count", 1);
        return body;
    }

    private static JsonNode awaitStatus(String path, String status)
    {
        return api.await(path, c -> c.path("status").asText().equals(status), WAIT);
    }

    @Test
    void clustersAreAsynchronousWithTodaysFieldNames()
    {
        // python-magnumclient sends nulls for what it was not given
        Map<String, Object> body = cluster("c-life");
        body.put("keypair", null);
        body.put("discovery_url", null);
        body.put("create_timeout", 60);
        ApiFixture.Response accepted = api.post("/v1/clusters", json(body), "OpenStack-API-Version",
                "container-infra latest");

        assertThat(accepted.status()).isEqualTo(202);
        String uuid = accepted.json().path("uuid").asText();
        assertThat(fieldNames(accepted.json())).containsExactly("uuid");
        assertThat(accepted.header("OpenStack-API-Version")).isEqualTo("container-infra 1.6");
        assertThat(accepted.header("OpenStack-API-Minimum-Version")).isEqualTo("container-infra 1.1");
        assertThat(accepted.header("OpenStack-API-Maximum-Version")).isEqualTo("container-infra 1.6");

        JsonNode cluster = awaitStatus("/v1/clusters/" + uuid, "CREATE_COMPLETE");
        assertThat(cluster.path("name").asText()).isEqualTo("c-life");
        assertThat(cluster.path("cluster_template_id").asText())
                .isEqualTo(api.get("/v1/clustertemplates/k8s").json().path("uuid").asText());
        assertThat(cluster.path("keypair").asText()).isEqualTo("testkey");
        assertThat(cluster.path("create_timeout").asInt()).isEqualTo(60);
        assertThat(cluster.path("flavor_id").asText()).isEqualTo("m1.small");
        assertThat(cluster.path("api_address").asText()).startsWith("https://");
        assertThat(cluster.path("node_addresses")).hasSize(1);
        assertThat(cluster.path("stack_id").asText()).isNotEmpty();
        assertThat(cluster.has("baymodel_id")).isFalse();

        JsonNode listed = find(api.get("/v1/clusters").json().path("clusters"), "c-life");
        assertThat(fieldNames(listed)).containsExactlyInAnyOrder("uuid", "name", "cluster_template_id", "keypair",
                "docker_volume_size", "labels", "node_count", "status", "master_flavor_id", "flavor_id",
                "create_timeout", "master_count", "stack_id", "health_status", "links");

        ApiFixture.Response updated = api.patch("/v1/clusters/c-life",
                "[{\"op\": \"replace\", \"path\": \"/node_count\", \"value\": 2}]");
        assertThat(updated.status()).isEqualTo(202);
        assertThat(updated.json().path("uuid").asText()).isEqualTo(uuid);
        JsonNode scaled = awaitStatus("/v1/clusters/" + uuid, "UPDATE_COMPLETE");
        assertThat(scaled.path("node_count").asInt()).isEqualTo(2);

        // the same object as a bay
        JsonNode bay = api.get("/v1/bays/c-life").json();
        assertThat(bay.path("baymodel_id").asText()).isEqualTo(cluster.path("cluster_template_id").asText());
        assertThat(bay.path("bay_create_timeout").asInt()).isEqualTo(60);
        assertThat(bay.has("keypair")).isFalse();

        assertThat(api.delete("/v1/clusters/" + uuid).status()).isEqualTo(204);
        api.await("/v1/clusters", list -> list.path("clusters").findValues("uuid").stream()
                .noneMatch(u -> u.asText().equals(uuid)), WAIT);
        assertThat(api.get("/v1/clusters/" + uuid).status()).isEqualTo(404);
    }

    @Test
    void baysAtTheSeedsVersionAnswerWithTheBay()
    {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "b-seed");
        body.put("baymodel_id", "k8s");
        body.put("node_count", 1);
        ApiFixture.Response created = api.post("/v1/bays", json(body));

        assertThat(created.status()).isEqualTo(201);
        JsonNode bay = created.json();
        assertThat(bay.path("status").asText()).isEqualTo("CREATE_IN_PROGRESS");
        assertThat(bay.path("bay_create_timeout").asInt()).isEqualTo(0);
        assertThat(created.header("Location")).endsWith("/v1/bays/" + bay.path("uuid").asText());
        assertThat(fieldNames(bay)).containsExactlyInAnyOrder("uuid", "name", "baymodel_id", "node_count",
                "master_count", "bay_create_timeout", "stack_id", "status", "status_reason", "discovery_url",
                "api_address", "node_addresses", "master_addresses", "created_at", "updated_at", "links");
        awaitStatus("/v1/bays/b-seed", "CREATE_COMPLETE");

        JsonNode listed = find(api.get("/v1/bays").json().path("bays"), "b-seed");
        assertThat(fieldNames(listed)).containsExactlyInAnyOrder("uuid", "name", "baymodel_id", "node_count",
                "master_count", "status", "bay_create_timeout", "stack_id", "links");

        ApiFixture.Response updated = api.patch("/v1/bays/b-seed",
                "[{\"op\": \"replace\", \"path\": \"/node_count\", \"value\": \"2\"}]");
        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.json().path("status").asText()).isEqualTo("UPDATE_IN_PROGRESS");
        assertThat(updated.json().path("node_count").asInt()).isEqualTo(2);
        awaitStatus("/v1/bays/b-seed", "UPDATE_COMPLETE");

        assertThat(api.delete("/v1/bays/b-seed").status()).isEqualTo(204);
    }

    @Test
    void baysFromVersionOnePointTwoAreAsynchronous()
    {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "b-async");
        body.put("baymodel_id", "k8s");
        ApiFixture.Response created = api.post("/v1/bays", json(body), "OpenStack-API-Version", V1_2);
        assertThat(created.status()).isEqualTo(202);
        assertThat(fieldNames(created.json())).containsExactly("uuid");
        awaitStatus("/v1/bays/b-async", "CREATE_COMPLETE");
        ApiFixture.Response updated = api.patch("/v1/bays/b-async",
                "[{\"op\": \"replace\", \"path\": \"/node_count\", \"value\": 3}]", "OpenStack-API-Version", V1_2);
        assertThat(updated.status()).isEqualTo(202);
        awaitStatus("/v1/bays/b-async", "UPDATE_COMPLETE");
        assertThat(api.delete("/v1/bays/b-async").status()).isEqualTo(204);
    }

    @Test
    void updatesChangeOnlyTheNodeCount()
    {
        String uuid = api.post("/v1/clusters", json(cluster("c-rules"))).json().path("uuid").asText();
        awaitStatus("/v1/clusters/" + uuid, "CREATE_COMPLETE");

        ApiFixture.Response name = api.patch("/v1/clusters/" + uuid,
                "[{\"op\": \"replace\", \"path\": \"/name\", \"value\": \"other\"}]");
        assertThat(name.status()).isEqualTo(400);
        assertThat(name.detail()).contains("cannot change cluster property(ies) name");
        ApiFixture.Response internal = api.patch("/v1/clusters/" + uuid,
                "[{\"op\": \"replace\", \"path\": \"/stack_id\", \"value\": \"x\"}]");
        assertThat(internal.status()).isEqualTo(400);
        assertThat(internal.detail()).contains("'/stack_id' is an internal attribute");
        ApiFixture.Response unknown = api.patch("/v1/clusters/" + uuid,
                "[{\"op\": \"add\", \"path\": \"/colour\", \"value\": \"blue\"}]");
        assertThat(unknown.status()).isEqualTo(400);
        assertThat(unknown.detail()).contains("Adding a new attribute /colour");
        ApiFixture.Response zero = api.patch("/v1/clusters/" + uuid,
                "[{\"op\": \"replace\", \"path\": \"/node_count\", \"value\": 0}]");
        assertThat(zero.status()).isEqualTo(400);
        ApiFixture.Response rollback = api.patch("/v1/clusters/" + uuid + "?rollback=True",
                "[{\"op\": \"replace\", \"path\": \"/node_count\", \"value\": 2}]", "OpenStack-API-Version",
                "container-infra 1.3");
        assertThat(rollback.status()).isEqualTo(400);
        assertThat(rollback.detail()).contains("rollback is not supported");
        // the same name, unchanged, is no change
        ApiFixture.Response same = api.patch("/v1/clusters/" + uuid,
                "[{\"op\": \"replace\", \"path\": \"/name\", \"value\": \"c-rules\"}]");
        assertThat(same.status()).isEqualTo(202);
        assertThat(api.get("/v1/clusters/" + uuid).json().path("status").asText()).isEqualTo("CREATE_COMPLETE");
    }

    @Test
    void clusterCreateRefusesWhatItCannotKeep()
    {
        Map<String, Object> keypair = cluster("c-keypair");
        keypair.put("keypair", "otherkey");
        ApiFixture.Response refused = api.post("/v1/clusters", json(keypair));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.detail()).contains("keypair 'otherkey' differs from the cluster template's keypair_id");

        Map<String, Object> same = cluster("c-same-keypair");
        same.put("keypair", "testkey");
        same.put("flavor_id", "m1.small");
        same.put("labels", Map.of());
        assertThat(api.post("/v1/clusters", json(same)).status()).isEqualTo(202);

        Map<String, Object> missing = cluster("c-missing");
        missing.put("cluster_template_id", "no-such-template");
        ApiFixture.Response notFound = api.post("/v1/clusters", json(missing));
        assertThat(notFound.status()).isEqualTo(400);
        assertThat(notFound.detail()).contains("ClusterTemplate no-such-template could not be found");
    }

    @Test
    void listsPageWithTodaysSortKeys()
    {
        for (int i = 0; i < 3; i++) {
            assertThat(api.post("/v1/clusters", json(cluster("c-page-" + i))).status()).isEqualTo(202);
        }
        JsonNode first = api.get("/v1/clusters/detail?limit=2&sort_key=create_timeout").json();
        assertThat(first.path("clusters")).hasSize(2);
        assertThat(first.path("clusters").get(0).has("status_reason")).isTrue();
        String next = first.path("next").asText();
        assertThat(next).startsWith(api.url("/v1/clusters/detail?sort_key=create_timeout&sort_dir=asc&limit=2&marker="));
        JsonNode second = api.get(next.substring(api.url("").length())).json();
        assertThat(second.path("clusters").size()).isGreaterThanOrEqualTo(1);
        assertThat(api.get("/v1/clusters?sort_key=colour").status()).isEqualTo(400);
        assertThat(api.get("/v1/clusters?sort_dir=up").status()).isEqualTo(400);
        assertThat(api.get("/v1/clusters?limit=0").status()).isEqualTo(400);
        assertThat(api.get("/v1/clusters?limit=x").status()).isEqualTo(400);
    }

    @Test
    void statsCountClustersAndNodesFromVersionOnePointFour()
    {
        assertThat(api.get("/v1/stats").status()).isEqualTo(406);
        JsonNode stats = api.get("/v1/stats", "OpenStack-API-Version", "container-infra 1.4").json();
        assertThat(stats.path("clusters").asInt()).isGreaterThanOrEqualTo(0);
        assertThat(stats.has("nodes")).isTrue();
        assertThat(api.get("/v1/stats?type=pods", "OpenStack-API-Version", "container-infra 1.4").status())
                .isEqualTo(400);
    }
}
