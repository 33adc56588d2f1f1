package io.magnum.core.cloud.openstack;

import io.magnum.openstack.OpenStackCloud;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static io.magnum.core.cloud.openstack.FakeOpenStack.PASSWORD;
import static io.magnum.core.cloud.openstack.FakeOpenStack.PROJECT_ID;
import static io.magnum.core.cloud.openstack.FakeOpenStack.USER_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link OpenStackCloud#fromEnvironment(Map)}: the variables of an openrc file. */
class OpenStackEnvironmentTest
{
    private static Map<String, String> openrc(String authUrl)
    {
        Map<String, String> env = new HashMap<>();
        env.put("OS_AUTH_URL", authUrl);
        env.put("OS_USERNAME", "demo");
        env.put("OS_PASSWORD", PASSWORD);
        env.put("OS_USER_DOMAIN_NAME", "Default");
        env.put("OS_PROJECT_NAME", "demo");
        env.put("OS_PROJECT_DOMAIN_NAME", "Default");
        env.put("OS_REGION_NAME", "RegionOne");
        env.put("OS_IDENTITY_API_VERSION", "3");
        return env;
    }

    @Test
    void aCompleteOpenrcWorks()
    {
        try (FakeOpenStack fake = FakeOpenStack.start();
                OpenStackCloud cloud = OpenStackCloud.fromEnvironment(openrc(fake.authUrl()))) {
            assertThat(cloud.stacks().list()).hasSize(3);
            assertThat(cloud.describe()).isEqualTo("openstack " + fake.authUrl() + " project demo (domain Default) region RegionOne");
            assertThat(fake.authRequests().get(0).json().path("auth").path("identity").path("password").path("user").path("name").asText())
                    .isEqualTo("demo");
        }
    }

    @Test
    void eachMissingVariableIsNamed()
    {
        assertMissing("OS_AUTH_URL", env -> env.remove("OS_AUTH_URL"));
        assertMissing("OS_USERNAME", env -> env.remove("OS_USERNAME"));
        assertMissing("OS_PASSWORD", env -> env.remove("OS_PASSWORD"));
        assertMissing("OS_USER_DOMAIN_NAME (or OS_USER_DOMAIN_ID)", env -> env.remove("OS_USER_DOMAIN_NAME"));
        assertMissing("OS_PROJECT_NAME (or OS_PROJECT_ID)", env -> env.remove("OS_PROJECT_NAME"));
        assertMissing("OS_PROJECT_DOMAIN_NAME (or OS_PROJECT_DOMAIN_ID)", env -> env.remove("OS_PROJECT_DOMAIN_NAME"));
        assertMissing("OS_TOKEN (or OS_AUTH_TOKEN)", env -> env.put("OS_AUTH_TYPE", "v3token"));
        assertMissing("OS_PASSWORD", env -> env.put("OS_PASSWORD", ""));
    }

    @Test
    void aMissingPasswordIsNotConfusedWithThePasswordItself()
    {
        Map<String, String> env = openrc("http://keystone:5000/v3");
        env.remove("OS_USER_DOMAIN_NAME");
        assertThatThrownBy(() -> OpenStackCloud.fromEnvironment(env)).hasMessageNotContaining(PASSWORD);
    }

    @Test
    void theUsualAliasesAreRead()
    {
        try (FakeOpenStack fake = FakeOpenStack.start()) {
            Map<String, String> env = openrc(fake.baseUrl() + "/identity");
            env.remove("OS_PROJECT_NAME");
            env.put("OS_TENANT_NAME", "demo");
            env.remove("OS_PROJECT_DOMAIN_NAME");
            env.put("OS_PROJECT_DOMAIN_ID", "default");
            env.remove("OS_USER_DOMAIN_NAME");
            env.put("OS_USER_DOMAIN_ID", "default");
            try (OpenStackCloud cloud = OpenStackCloud.fromEnvironment(env)) {
                cloud.flavors();
            }
            var auth = fake.authRequests().get(0).json().path("auth");
            assertThat(auth.path("scope").path("project").path("name").asText()).isEqualTo("demo");
            assertThat(auth.path("scope").path("project").path("domain").path("id").asText()).isEqualTo("default");
            assertThat(auth.path("identity").path("password").path("user").path("domain").path("id").asText()).isEqualTo("default");
        }
    }

    @Test
    void aTokenWithoutAUserMeansTokenAuthentication()
    {
        try (FakeOpenStack fake = FakeOpenStack.start()) {
            Map<String, String> env = new HashMap<>();
            env.put("OS_AUTH_URL", fake.authUrl());
            env.put("OS_AUTH_TOKEN", USER_TOKEN);
            env.put("OS_PROJECT_ID", PROJECT_ID);
            env.put("OS_REGION_NAME", "RegionOne");
            try (OpenStackCloud cloud = OpenStackCloud.fromEnvironment(env)) {
                cloud.flavors();
            }
            var identity = fake.authRequests().get(0).json().path("auth").path("identity");
            assertThat(identity.path("methods").get(0).asText()).isEqualTo("token");
            assertThat(identity.path("token").path("id").asText()).isEqualTo(USER_TOKEN);
        }
    }

    @Test
    void theAuthTypeDecidesWhenBothAreSet()
    {
        Map<String, String> env = openrc("http://keystone:5000/v3");
        env.put("OS_TOKEN", USER_TOKEN);
        env.put("OS_AUTH_TYPE", "password");
        assertThat(OpenStackCloud.fromEnvironment(env).toString()).contains("user demo");
        env.put("OS_AUTH_TYPE", "v3token");
        assertThat(OpenStackCloud.fromEnvironment(env).toString()).contains("a token").doesNotContain(USER_TOKEN);
        env.put("OS_AUTH_TYPE", "v3applicationcredential");
        assertThatThrownBy(() -> OpenStackCloud.fromEnvironment(env))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("OS_AUTH_TYPE=v3applicationcredential is not supported");
    }

    private static void assertMissing(String variable, java.util.function.Consumer<Map<String, String>> change)
    {
        Map<String, String> env = openrc("http://keystone:5000/v3");
        change.accept(env);
        assertThatThrownBy(() -> OpenStackCloud.fromEnvironment(env))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(variable + " is not set");
    }
}
