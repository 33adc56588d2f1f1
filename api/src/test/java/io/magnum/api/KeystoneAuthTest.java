package io.magnum.api;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.magnum.api.ApiFixture.json;
import static io.magnum.api.ApiFixture.seedTemplate;
import static org.assertj.core.api.Assertions.assertThat;

class KeystoneAuthTest
{
    private static FakeKeystone keystone;
    private static ApiFixture api;

    @BeforeAll
    static void start()
    {
        keystone = new FakeKeystone().user("alice", "secret", "project-a").user("bob", "secret", "project-b")
                .user("root", "secret", "ops", "admin");
        api = new ApiFixture(KeystoneTokenAuthenticator.builder(keystone.authUrl()).build());
    }

    @AfterAll
    static void stop()
    {
        api.close();
        keystone.close();
    }

    @Test
    void requestsWithoutAValidTokenGet401()
    {
        ApiFixture.Response none = api.get("/v1/clustertemplates");
        assertThat(none.status()).isEqualTo(401);
        assertThat(none.header("WWW-Authenticate")).isEqualTo("Keystone uri=\"" + keystone.authUrl() + "\"");
        assertThat(none.detail()).contains("requires authentication");
        assertThat(api.get("/v1/clustertemplates", "X-Auth-Token", "forged").status()).isEqualTo(401);
    }

    @Test
    void versionDocumentsArePublic()
    {
        assertThat(api.get("/").status()).isEqualTo(200);
        assertThat(api.get("/v1").status()).isEqualTo(200);
    }

    @Test
    void tokensActForTheirProjectAndUser()
    {
        String alice = keystone.token("alice");
        String bob = keystone.token("bob");
        ApiFixture.Response created = api.post("/v1/clustertemplates", json(seedTemplate("alices")),
                "X-Auth-Token", alice);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.json().path("project_id").asText()).isEqualTo("project-a");
        assertThat(created.json().path("user_id").asText()).isEqualTo("user-alice");

        // another project sees nothing of it, and may not touch it
        assertThat(api.get("/v1/clustertemplates/alices", "X-Auth-Token", bob).status()).isEqualTo(404);
        assertThat(api.get("/v1/clustertemplates", "X-Auth-Token", bob).json().path("clustertemplates")).isEmpty();
        // publishing takes the admin role; service-list too
        Map<String, Object> published = seedTemplate("public-one");
        published.put("public", true);
        assertThat(api.post("/v1/clustertemplates", json(published), "X-Auth-Token", alice).status())
                .isEqualTo(403);
        assertThat(api.get("/v1/mservices", "X-Auth-Token", alice).status()).isEqualTo(403);
        String root = keystone.token("root");
        assertThat(api.get("/v1/mservices", "X-Auth-Token", root).status()).isEqualTo(200);
        assertThat(api.get("/v1/clustertemplates/alices", "X-Auth-Token", root).status()).isEqualTo(200);
    }

    @Test
    void validTokensAreCached()
    {
        String bob = keystone.token("bob");
        int before = keystone.validations();
        for (int i = 0; i < 5; i++) {
            assertThat(api.get("/v1/clusters", "X-Auth-Token", bob).status()).isEqualTo(200);
        }
        assertThat(keystone.validations() - before).isEqualTo(1);
    }

    @Test
    void anUnreachableKeystoneIsA503()
    {
        try (ApiFixture cut = new ApiFixture(KeystoneTokenAuthenticator.builder("http://127.0.0.1:9/v3").build())) {
            ApiFixture.Response response = cut.get("/v1/clusters", "X-Auth-Token", "whatever");
            assertThat(response.status()).isEqualTo(503);
            assertThat(response.detail()).contains("could not be reached");
        }
    }
}
