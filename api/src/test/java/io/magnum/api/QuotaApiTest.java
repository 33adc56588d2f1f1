package io.magnum.api;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.magnum.RequestContext;

import static io.magnum.api.ApiFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code /v1/quotas} in Magnum's shapes, and a cluster create past its project's limit. */
class QuotaApiTest
{
    private static final String[] V16 = {"OpenStack-API-Version", "container-infra 1.6"};
    private ApiFixture api;

    @BeforeEach
    void start()
    {
        api = new ApiFixture();
    }

    @AfterEach
    void stop()
    {
        api.close();
    }

    @Test
    void quotasAreSetShownChangedListedAndDeleted()
    {
        assertThat(api.get("/v1/quotas").status()).as("before 1.6").isEqualTo(406);

        ApiFixture.Response created = api.post("/v1/quotas", json(Map.of("project_id", "p1", "resource", "Cluster",
                "hard_limit", 3)), V16);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().path("project_id").asText()).isEqualTo("p1");
        assertThat(created.json().path("hard_limit").asInt()).isEqualTo(3);
        assertThat(created.json().path("id").isIntegralNumber()).isTrue();
        assertThat(created.json().path("created_at").asText()).isNotEmpty();

        JsonNode shown = api.get("/v1/quotas/p1/Cluster", V16).json();
        assertThat(shown.path("hard_limit").asInt()).isEqualTo(3);
        JsonNode defaults = api.get("/v1/quotas/p2/Cluster", V16).json();
        assertThat(defaults.path("hard_limit").asInt()).as("the default").isEqualTo(20);
        assertThat(defaults.path("id").isNull()).isTrue();

        ApiFixture.Response patched = api.patch("/v1/quotas/p1/Cluster", json(Map.of("project_id", "p1", "resource",
                "Cluster", "hard_limit", 5)), V16);
        assertThat(patched.status()).isEqualTo(202);
        assertThat(patched.json().path("hard_limit").asInt()).isEqualTo(5);

        api.post("/v1/quotas", json(Map.of("project_id", "p2", "resource", "Cluster", "hard_limit", 1)), V16);
        api.post("/v1/quotas", json(Map.of("project_id", "p3", "resource", "Cluster")), V16);
        assertThat(api.get("/v1/quotas/p3/Cluster", V16).json().path("hard_limit").asInt())
                .as("python-magnumclient's default").isEqualTo(1);
        assertThat(api.get("/v1/quotas", V16).json().path("quotas")).as("the admin's own project").isEmpty();
        JsonNode all = api.get("/v1/quotas?all_tenants=True", V16).json();
        assertThat(all.path("quotas")).extracting(q -> q.path("project_id").asText()).containsExactly("p1", "p2", "p3");
        JsonNode page = api.get("/v1/quotas?all_tenants=True&limit=2&sort_key=hard_limit&sort_dir=desc", V16).json();
        // ties break by id, in the same direction
        assertThat(page.path("quotas")).extracting(q -> q.path("project_id").asText()).containsExactly("p1", "p3");
        assertThat(page.path("next").asText()).contains("marker=").contains("sort_key=hard_limit");
        String marker = page.path("quotas").get(1).path("id").asText();
        JsonNode rest = api.get("/v1/quotas?all_tenants=True&limit=2&sort_key=hard_limit&sort_dir=desc&marker="
                + marker, V16).json();
        assertThat(rest.path("quotas")).extracting(q -> q.path("project_id").asText()).containsExactly("p2");
        assertThat(rest.has("next")).isFalse();

        assertThat(api.delete("/v1/quotas/p1/Cluster", V16).status()).isEqualTo(204);
        assertThat(api.delete("/v1/quotas/p1/Cluster", V16).status()).isEqualTo(404);
        assertThat(api.get("/v1/quotas/p1/Cluster", V16).json().path("hard_limit").asInt()).isEqualTo(20);
    }

    @Test
    void badQuotaRequestsAreMagnumsErrors()
    {
        ApiFixture.Response bad = api.post("/v1/quotas", json(Map.of("project_id", "", "resource", "Pods",
                "hard_limit", -1)), V16);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.detail()).contains("hard_limit");
        ApiFixture.Response resource = api.post("/v1/quotas", json(Map.of("project_id", "px", "resource", "Pods")), V16);
        assertThat(resource.status()).isEqualTo(400);
        assertThat(resource.detail()).contains("resource").contains("Cluster");
        assertThat(api.post("/v1/quotas", json(Map.of("resource", "Cluster")), V16).detail()).contains("project_id");
        assertThat(api.post("/v1/quotas", json(Map.of("project_id", "px", "resource", "Cluster", "colour", "red")),
                V16).detail()).contains("colour");
        assertThat(api.post("/v1/quotas", json(Map.of("project_id", "px", "resource", "Cluster", "hard_limit",
                "many")), V16).status()).isEqualTo(400);
        api.post("/v1/quotas", json(Map.of("project_id", "dup", "resource", "Cluster", "hard_limit", 2)), V16);
        assertThat(api.post("/v1/quotas", json(Map.of("project_id", "dup", "resource", "Cluster", "hard_limit", 2)),
                V16).status()).isEqualTo(409);
        ApiFixture.Response moved = api.patch("/v1/quotas/dup/Cluster", json(Map.of("project_id", "other",
                "hard_limit", 4)), V16);
        assertThat(moved.status()).isEqualTo(400);
        assertThat(moved.detail()).contains("project_id");
        assertThat(api.patch("/v1/quotas/nobody/Cluster", json(Map.of("hard_limit", 4)), V16).status()).isEqualTo(404);
        assertThat(api.get("/v1/quotas?sort_key=colour", V16).status()).isEqualTo(400);
        assertThat(api.get("/v1/quotas?all_tenants=maybe", V16).status()).isEqualTo(400);
        assertThat(api.get("/v1/quotas?all_tenants=True&marker=999999", V16).status()).isEqualTo(400);
    }

    @Test
    void aProjectReadsItsOwnQuotaAndIsRefusedPastIt()
    {
        try (ApiFixture user = new ApiFixture(TokenAuthenticator.acceptAll(RequestContext.of("tenant", "alice")))) {
            assertThat(user.post("/v1/quotas", json(Map.of("project_id", "tenant", "resource", "Cluster",
                    "hard_limit", 50)), V16).status()).isEqualTo(403);
            assertThat(user.get("/v1/quotas", V16).status()).isEqualTo(403);
            assertThat(user.get("/v1/quotas/other/Cluster", V16).status()).isEqualTo(403);
            assertThat(user.get("/v1/quotas/tenant/Cluster", V16).json().path("hard_limit").asInt()).isEqualTo(20);

            user.magnum.as(RequestContext.admin("ops", "root")).quotas().create("tenant", "Cluster", 1);
            assertThat(user.post("/v1/clustertemplates", json(ApiFixture.seedTemplate("k8s")), V16).status())
                    .isEqualTo(201);
            assertThat(user.post("/v1/clusters", json(Map.of("name", "first", "cluster_template_id", "k8s")), V16)
                    .status()).isEqualTo(202);
            ApiFixture.Response refused = user.post("/v1/clusters", json(Map.of("name", "second",
                    "cluster_template_id", "k8s")), V16);
            assertThat(refused.status()).isEqualTo(403);
            assertThat(refused.detail()).contains("maximum bays per project, 1");
        }
    }
}
