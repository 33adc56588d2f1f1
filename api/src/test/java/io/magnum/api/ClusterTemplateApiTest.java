package io.magnum.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.magnum.api.ApiFixture.json;
import static io.magnum.api.ApiFixture.seedTemplate;
import static org.assertj.core.api.Assertions.assertThat;

class ClusterTemplateApiTest
{
    private static ApiFixture api;

    @BeforeAll
    static void start()
    {
        api = new ApiFixture();
    }

    @AfterAll
    static void stop()
    {
        api.close();
    }

    @Test
    void createShowsTodaysShapeWith201AndLocation()
    {
        ApiFixture.Response created = api.post("/v1/clustertemplates", json(seedTemplate("ct-create")));

        assertThat(created.status()).isEqualTo(201);
        JsonNode template = created.json();
        String uuid = template.path("uuid").asText();
        assertThat(created.header("Location")).isEqualTo(api.url("/v1/clustertemplates/" + uuid));
        assertThat(template.path("name").asText()).isEqualTo("ct-create");
        assertThat(template.path("cluster_distro").asText()).isEqualTo("fedora-atomic");
        assertThat(template.path("docker_volume_size").asInt()).isEqualTo(5);
        assertThat(template.path("server_type").asText()).isEqualTo("vm");
        assertThat(template.path("floating_ip_enabled").asBoolean()).isTrue();
        assertThat(template.path("docker_storage_driver").asText()).isEqualTo("devicemapper");
        assertThat(template.path("project_id").asText()).isEqualTo("default");
        assertThat(template.path("created_at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+00:00");
        assertThat(template.has("updated_at")).isTrue();
        assertThat(template.path("updated_at").isNull()).isTrue();
        assertThat(template.path("links").get(0).path("href").asText())
                .isEqualTo(api.url("/v1/clustertemplates/" + uuid));
        assertThat(template.path("links").get(1).path("href").asText())
                .isEqualTo(api.url("/clustertemplates/" + uuid));
        assertThat(template.path("links").get(1).path("rel").asText()).isEqualTo("bookmark");

        assertThat(api.get("/v1/clustertemplates/ct-create").json().path("uuid").asText()).isEqualTo(uuid);
        assertThat(api.get("/v1/clustertemplates/" + uuid).json().path("name").asText()).isEqualTo("ct-create");
        // the bookmark link works too, as Magnum routes paths without a version to v1
        assertThat(api.get("/clustertemplates/" + uuid).status()).isEqualTo(200);
    }

    @Test
    void baymodelsSpeakTheSeedsShape()
    {
        ApiFixture.Response created = api.post("/v1/baymodels", json(seedTemplate("bm-seed")));

        assertThat(created.status()).isEqualTo(201);
        JsonNode model = created.json();
        assertThat(model.has("project_id")).isFalse();
        assertThat(model.has("hidden")).isFalse();
        assertThat(model.has("volume_driver")).isTrue();
        assertThat(model.path("links").get(0).path("href").asText()).contains("/v1/baymodels/");
        // the seed's list is a summary; /detail has every field
        JsonNode listed = find(api.get("/v1/baymodels").json().path("baymodels"), "bm-seed");
        assertThat(fieldNames(listed)).containsExactlyInAnyOrder("uuid", "name", "image_id", "apiserver_port", "coe",
                "links");
        JsonNode detailed = find(api.get("/v1/baymodels/detail").json().path("baymodels"), "bm-seed");
        assertThat(detailed.path("docker_volume_size").asInt()).isEqualTo(5);
        // the same object under today's name
        assertThat(api.get("/v1/clustertemplates/bm-seed").json().path("uuid").asText())
                .isEqualTo(model.path("uuid").asText());
    }

    @Test
    void unnamedTemplatesGetANameAsToday()
    {
        Map<String, Object> body = seedTemplate(null);
        body.remove("name");
        JsonNode template = api.post("/v1/clustertemplates", json(body)).json();
        assertThat(template.path("name").asText()).matches("[a-z]+-\\d+-template");
    }

    @Test
    void listPagesWithNextLinks()
    {
        for (int i = 0; i < 3; i++) {
            assertThat(api.post("/v1/clustertemplates", json(seedTemplate("page-" + i))).status()).isEqualTo(201);
        }
        List<String> names = new ArrayList<>();
        String next = "/v1/clustertemplates?limit=2&sort_key=name&sort_dir=desc";
        int pages = 0;
        while (next != null) {
            JsonNode page = api.get(next).json();
            page.path("clustertemplates").forEach(t -> names.add(t.path("name").asText()));
            next = page.has("next") ? page.path("next").asText().substring(api.url("").length()) : null;
            if (next != null) {
                assertThat(next).startsWith("/v1/clustertemplates?sort_key=name&sort_dir=desc&limit=2&marker=");
            }
            pages++;
        }
        assertThat(names).isSortedAccordingTo((a, b) -> b.compareTo(a));
        assertThat(names).contains("page-0", "page-1", "page-2");
        assertThat(pages).isGreaterThanOrEqualTo(2);
    }

    @Test
    void patchReplacesAddsAndRemoves()
    {
        api.post("/v1/clustertemplates", json(seedTemplate("ct-patch")));

        ApiFixture.Response replaced = api.patch("/v1/clustertemplates/ct-patch",
                "[{\"op\": \"replace\", \"path\": \"/docker_volume_size\", \"value\": 10},"
                        + " {\"op\": \"add\", \"path\": \"/http_proxy\", \"value\": \"http://proxy:8080\"}]");
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.json().path("docker_volume_size").asInt()).isEqualTo(10);
        assertThat(replaced.json().path("http_proxy").asText()).isEqualTo("http://proxy:8080");
        assertThat(replaced.json().path("updated_at").isNull()).isFalse();

        // what python-magnumclient sends for: cluster-template-update ct-patch replace labels=a=b,c=d
        JsonNode labelled = api.patch("/v1/clustertemplates/ct-patch",
                "[{\"op\": \"replace\", \"path\": \"/labels\", \"value\": \"{'a': 'b', 'c': 'd'}\"}]").json();
        assertThat(labelled.path("labels").path("a").asText()).isEqualTo("b");
        assertThat(labelled.path("labels").path("c").asText()).isEqualTo("d");

        JsonNode oneLabel = api.patch("/v1/clustertemplates/ct-patch",
                "[{\"op\": \"remove\", \"path\": \"/labels/a\"}, {\"op\": \"add\", \"path\": \"/labels/e\","
                        + " \"value\": \"f\"}]").json();
        assertThat(fieldNames(oneLabel.path("labels"))).containsExactly("c", "e");

        JsonNode removed = api.patch("/v1/clustertemplates/ct-patch",
                "[{\"op\": \"remove\", \"path\": \"/http_proxy\"}]").json();
        assertThat(removed.path("http_proxy").isNull()).isTrue();

        // what Magnum refuses
        ApiFixture.Response exists = api.patch("/v1/clustertemplates/ct-patch",
                "[{\"op\": \"add\", \"path\": \"/flavor_id\", \"value\": \"m1.large\"}]");
        assertThat(exists.status()).isEqualTo(400);
        assertThat(exists.detail()).contains("has existed, please use 'replace'");
        ApiFixture.Response internal = api.patch("/v1/clustertemplates/ct-patch",
                "[{\"op\": \"replace\", \"path\": \"/uuid\", \"value\": \"x\"}]");
        assertThat(internal.status()).isEqualTo(400);
        assertThat(internal.detail()).contains("'/uuid' is an internal attribute and can not be updated");
        ApiFixture.Response mandatory = api.patch("/v1/clustertemplates/ct-patch",
                "[{\"op\": \"remove\", \"path\": \"/coe\"}]");
        assertThat(mandatory.status()).isEqualTo(400);
        assertThat(mandatory.detail()).contains("'/coe' is a mandatory attribute and can not be removed");
        ApiFixture.Response unsupported = api.patch("/v1/clustertemplates/ct-patch",
                "[{\"op\": \"replace\", \"path\": \"/hidden\", \"value\": true}]");
        assertThat(unsupported.status()).isEqualTo(400);
        assertThat(unsupported.detail()).contains("hidden 'true' is not supported by this server");
        ApiFixture.Response rule = api.patch("/v1/clustertemplates/ct-patch",
                "[{\"op\": \"replace\", \"path\": \"/network_driver\", \"value\": \"calico\"}]");
        assertThat(rule.status()).isEqualTo(400);
        assertThat(rule.detail()).contains("network_driver");
    }

    @Test
    void errorsHaveMagnumsBodyAndCodes()
    {
        ApiFixture.Response missing = api.get("/v1/clustertemplates/nope");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.header("Content-Type")).isEqualTo("application/json");
        JsonNode error = missing.json().path("errors").get(0);
        assertThat(error.path("status").asInt()).isEqualTo(404);
        assertThat(error.path("code").asText()).isEqualTo("client");
        assertThat(error.path("title").asText()).isNotEmpty();
        assertThat(error.path("detail").asText()).contains("nope");
        assertThat(error.path("request_id").asText()).startsWith("req-");
        assertThat(missing.header("X-Openstack-Request-Id")).isEqualTo(error.path("request_id").asText());

        api.post("/v1/clustertemplates", json(seedTemplate("ct-dup")));
        assertThat(api.post("/v1/clustertemplates", json(seedTemplate("ct-dup"))).status()).isEqualTo(409);

        Map<String, Object> badImage = seedTemplate("ct-bad-image");
        badImage.put("image_id", "no-such-image");
        ApiFixture.Response invalid = api.post("/v1/clustertemplates", json(badImage));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.detail()).contains("no-such-image");
    }

    @Test
    void deleteAnswers204()
    {
        api.post("/v1/clustertemplates", json(seedTemplate("ct-delete")));
        ApiFixture.Response deleted = api.delete("/v1/clustertemplates/ct-delete");
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(deleted.body()).isEmpty();
        assertThat(api.get("/v1/clustertemplates/ct-delete").status()).isEqualTo(404);
    }

    static JsonNode find(JsonNode list, String name)
    {
        for (JsonNode item : list) {
            if (item.path("name").asText().equals(name)) {
                return item;
            }
        }
        throw new AssertionError(name + " not in " + list);
    }

    static List<String> fieldNames(JsonNode node)
    {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
