package io.magnum.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VersionDocumentsTest
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
    void rootListsVersionOne()
    {
        JsonNode root = api.get("/").json();
        assertThat(root.path("name").asText()).isEqualTo("OpenStack Magnum API");
        JsonNode v1 = root.path("versions").get(0);
        assertThat(v1.path("id").asText()).isEqualTo("v1");
        assertThat(v1.path("status").asText()).isEqualTo("CURRENT");
        assertThat(v1.path("min_version").asText()).isEqualTo("1.1");
        assertThat(v1.path("max_version").asText()).isEqualTo("1.6");
        assertThat(v1.path("links").get(0).path("href").asText()).isEqualTo(api.url("/v1/"));
    }

    @Test
    void versionOneLinksItsCollections()
    {
        ApiFixture.Response response = api.get("/v1");
        JsonNode v1 = response.json();
        assertThat(v1.path("id").asText()).isEqualTo("v1");
        assertThat(v1.path("media_types").get(0).path("type").asText())
                .isEqualTo("application/vnd.openstack.magnum.v1+json");
        assertThat(v1.path("clusters").get(0).path("href").asText()).isEqualTo(api.url("/v1/clusters/"));
        assertThat(v1.path("clusters").get(1).path("href").asText()).isEqualTo(api.url("/clusters/"));
        assertThat(v1.has("baymodels")).isTrue();
        assertThat(v1.has("mservices")).isTrue();
        assertThat(response.header("OpenStack-API-Version")).isEqualTo("container-infra 1.1");
        assertThat(api.get("/v1/").status()).isEqualTo(200);
    }

    @Test
    void versionHeaderIsNegotiated()
    {
        assertThat(api.get("/v1/clusters", "OpenStack-API-Version", "container-infra 1.3")
                .header("OpenStack-API-Version")).isEqualTo("container-infra 1.3");
        assertThat(api.get("/v1/clusters", "OpenStack-API-Version", "container-infra 1.9").status()).isEqualTo(406);
        assertThat(api.get("/v1/clusters", "OpenStack-API-Version", "compute 1.2").status()).isEqualTo(406);
        assertThat(api.get("/v1/clusters", "OpenStack-API-Version", "container-infra one").status()).isEqualTo(406);
        // quotas need 1.6; a request without the header asks for 1.1
        assertThat(api.get("/v1/quotas").status()).isEqualTo(406);
        assertThat(api.get("/v1/quotas", "OpenStack-API-Version", "container-infra latest").status()).isEqualTo(200);
    }

    @Test
    void servicesListTheConductor()
    {
        JsonNode services = api.get("/v1/mservices").json().path("mservices");
        assertThat(services).hasSize(1);
        JsonNode conductor = services.get(0);
        assertThat(conductor.path("binary").asText()).isEqualTo("magnum-conductor");
        assertThat(conductor.path("state").asText()).isEqualTo("up");
        assertThat(conductor.path("id").asInt()).isPositive();
        assertThat(conductor.has("report_count")).isTrue();
        assertThat(conductor.has("disabled_reason")).isTrue();
    }
}
