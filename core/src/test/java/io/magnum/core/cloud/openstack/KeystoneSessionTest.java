package io.magnum.core.cloud.openstack;

import com.fasterxml.jackson.databind.JsonNode;
import io.magnum.core.cloud.openstack.FakeOpenStack.Request;
import io.magnum.openstack.OpenStackCloud;
import io.magnum.spi.cloud.CloudException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.magnum.core.cloud.openstack.FakeOpenStack.K8S_ID;
import static io.magnum.core.cloud.openstack.FakeOpenStack.PASSWORD;
import static io.magnum.core.cloud.openstack.FakeOpenStack.PROJECT_ID;
import static io.magnum.core.cloud.openstack.FakeOpenStack.USER_TOKEN;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Keystone v3 authentication, the shared token, renewal, and openstack4j's thread-local session. */
class KeystoneSessionTest
{
    private final FakeOpenStack fake = FakeOpenStack.start();

    @AfterEach
    void stop()
    {
        fake.close();
    }

    @Test
    void passwordAuthenticationSendsTheUserItsDomainAndTheProjectScope()
    {
        try (OpenStackCloud cloud = fake.cloud().build()) {
            assertThat(fake.requests()).as("build() does not connect").isEmpty();
            cloud.stacks().list();
        }
        List<Request> auth = fake.authRequests();
        assertThat(auth).hasSize(1);
        JsonNode body = auth.get(0).json().path("auth");
        assertThat(body.path("identity").path("methods")).extracting(JsonNode::asText).containsExactly("password");
        JsonNode user = body.path("identity").path("password").path("user");
        assertThat(user.path("name").asText()).isEqualTo("demo");
        assertThat(user.path("password").asText()).isEqualTo(PASSWORD);
        assertThat(user.path("domain").path("name").asText()).isEqualTo("Default");
        JsonNode project = body.path("scope").path("project");
        assertThat(project.path("name").asText()).isEqualTo("demo");
        assertThat(project.path("domain").path("name").asText()).isEqualTo("Default");
        assertThat(auth.get(0).headers().getFirst("X-Auth-Token")).isNull();
    }

    @Test
    void projectAndUserDomainsCanBeGivenById()
    {
        try (OpenStackCloud cloud = OpenStackCloud.builder().authUrl(fake.authUrl())
                .username("demo").password(PASSWORD).userDomainId("default").projectId(PROJECT_ID).regionName("RegionOne").build()) {
            cloud.stacks().list();
        }
        JsonNode body = fake.authRequests().get(0).json().path("auth");
        assertThat(body.path("identity").path("password").path("user").path("domain").path("id").asText()).isEqualTo("default");
        assertThat(body.path("scope").path("project").path("id").asText()).isEqualTo(PROJECT_ID);
        assertThat(body.path("scope").path("project").has("name")).isFalse();
    }

    @Test
    void theTokenFromKeystoneIsUsedOnEveryLaterCallAndAuthenticationHappensOnce()
    {
        try (OpenStackCloud cloud = fake.cloud().build()) {
            cloud.stacks().list();
            cloud.flavors();
            cloud.images();
            cloud.networks();
            cloud.stacks().get(K8S_ID);
        }
        assertThat(fake.authRequests()).hasSize(1);
        List<Request> calls = fake.requests(r -> !r.path().startsWith("/identity/"));
        assertThat(calls).hasSizeGreaterThanOrEqualTo(5);
        assertThat(calls).allSatisfy(r -> assertThat(r.token()).isEqualTo("gAAAAABm-fake-token-1"));
    }

    @Test
    void endpointsComeFromTheCatalogInTheChosenRegion()
    {
        // the catalog lists RegionTwo's Heat (unreachable) first; RegionOne's must be used
        try (OpenStackCloud cloud = fake.cloud().regionName("RegionOne").build()) {
            assertThat(cloud.stacks().list()).isNotEmpty();
        }
        assertThat(fake.heatRequests()).extracting(Request::path).containsExactly("/heat-api/v1/" + PROJECT_ID + "/stacks");
    }

    @Test
    void withoutARegionTheFirstPublicEndpointIsUsed()
    {
        OpenStackCloud.Builder builder = OpenStackCloud.builder().authUrl(fake.authUrl())
                .username("demo").password(PASSWORD).userDomainName("Default").projectId(PROJECT_ID);
        try (OpenStackCloud cloud = builder.build()) {
            assertThat(cloud.images()).as("Glance has one endpoint").hasSize(3);
            assertThatThrownBy(() -> cloud.stacks().list())
                    .as("Heat's first public endpoint is RegionTwo's, which nothing answers")
                    .isInstanceOf(CloudException.class)
                    .hasMessageContaining("Cannot reach Heat");
        }
    }

    @Test
    void aServiceMissingFromTheRegionIsACloudExceptionThatSaysSo()
    {
        try (OpenStackCloud cloud = fake.cloud().regionName("RegionTwo").build()) {
            assertThatThrownBy(cloud::images)
                    .isInstanceOf(CloudException.class)
                    .hasMessageContaining("no public image (Glance) endpoint in region RegionTwo");
        }
    }

    @Test
    void tokenAuthenticationRescopesTheGivenTokenToTheProject()
    {
        try (OpenStackCloud cloud = OpenStackCloud.builder().authUrl(fake.authUrl()).token(USER_TOKEN)
                .projectName("demo").projectDomainId("default").regionName("RegionOne").build()) {
            cloud.stacks().list();
        }
        JsonNode body = fake.authRequests().get(0).json().path("auth");
        assertThat(body.path("identity").path("methods")).extracting(JsonNode::asText).containsExactly("token");
        assertThat(body.path("identity").path("token").path("id").asText()).isEqualTo(USER_TOKEN);
        assertThat(body.path("scope").path("project").path("domain").path("id").asText()).isEqualTo("default");
        assertThat(fake.heatRequests()).allSatisfy(r -> assertThat(r.token()).isEqualTo("gAAAAABm-fake-token-1"));
    }

    @Test
    void aTokenNearItsExpiryIsRenewedBeforeTheNextCall()
    {
        fake.nextTokenLifetime(Duration.ofMinutes(2)); // inside the five-minute margin
        try (OpenStackCloud cloud = fake.cloud().build()) {
            cloud.stacks().list();
            cloud.stacks().list();
            cloud.stacks().list();
        }
        assertThat(fake.authRequests()).hasSize(2);
        List<Request> heat = fake.heatRequests();
        assertThat(heat.get(0).token()).isEqualTo("gAAAAABm-fake-token-1");
        assertThat(heat.get(1).token()).isEqualTo("gAAAAABm-fake-token-2");
        assertThat(heat.get(2).token()).isEqualTo("gAAAAABm-fake-token-2");
    }

    @Test
    void a401MakesOneNewAuthenticationAndTheRequestIsRetriedWithTheNewToken()
    {
        try (OpenStackCloud cloud = fake.cloud().build()) {
            cloud.stacks().list();
            fake.revokeTokens();
            fake.clearRequests();

            assertThat(cloud.stacks().list()).isNotEmpty();
            assertThat(cloud.flavors()).isNotEmpty();
        }
        assertThat(fake.requests()).extracting(Request::toString).containsExactly(
                "GET /heat-api/v1/" + PROJECT_ID + "/stacks",
                "POST /identity/v3/auth/tokens",
                "GET /heat-api/v1/" + PROJECT_ID + "/stacks",
                "GET /compute/v2.1/flavors/detail");
        List<Request> requests = fake.requests();
        assertThat(requests.get(0).token()).isEqualTo("gAAAAABm-fake-token-1");
        assertThat(requests.get(2).token()).isEqualTo("gAAAAABm-fake-token-2");
        assertThat(requests.get(3).token()).isEqualTo("gAAAAABm-fake-token-2");
        // openstack4j's own re-authentication on 401 (on the calling thread only) is switched off by this header
        assertThat(requests.get(0).headers().getFirst("OS4J-Auth-Command")).isNotNull();
    }

    @Test
    void a401AfterANewAuthenticationIsACloudException()
    {
        fake.respond("GET", "/heat-api/.*/stacks", 401, "keystone/error-401.json");
        try (OpenStackCloud cloud = fake.cloud().build()) {
            assertThatThrownBy(() -> cloud.stacks().list())
                    .isInstanceOf(CloudException.class)
                    .isNotInstanceOf(OpenStackHttpException.class)
                    .hasMessageContaining("Heat refused the Keystone token (401) after a new authentication")
                    .hasMessageContaining("requires authentication");
        }
        assertThat(fake.authRequests()).hasSize(2);
        assertThat(fake.heatRequests()).hasSize(2);
    }

    @Test
    void aGivenTokenKeystoneDoesNotRecogniseIsACloudExceptionThatSaysSo()
    {
        // the real Keystone answers an unknown token with 404, not 401 (seen against Keystone 22 in openstack-it)
        try (OpenStackCloud cloud = OpenStackCloud.builder().authUrl(fake.authUrl()).token("gAAAAABm-expired-token")
                .projectId(PROJECT_ID).build()) {
            assertThatThrownBy(() -> cloud.stacks().list())
                    .isInstanceOf(CloudException.class)
                    .hasMessageContaining("does not recognise the token given to magnum4j (404)")
                    .hasMessageNotContaining("gAAAAABm-expired-token")
                    .hasMessageNotContaining("Keystone v3 endpoint");
        }
    }

    @Test
    void aGivenTokenIsNotRenewedAfterA401()
    {
        try (OpenStackCloud cloud = OpenStackCloud.builder().authUrl(fake.authUrl()).token(USER_TOKEN).projectId(PROJECT_ID)
                .regionName("RegionOne").build()) {
            cloud.stacks().list();
            fake.revokeTokens();
            assertThatThrownBy(() -> cloud.stacks().list())
                    .isInstanceOf(CloudException.class)
                    .hasMessageContaining("cannot be renewed");
        }
        assertThat(fake.authRequests()).hasSize(1);
    }

    @Test
    void wrongCredentialsAreACloudExceptionWithoutThePassword()
    {
        try (OpenStackCloud cloud = fake.cloud().password("not-the-password").build()) {
            assertThatThrownBy(() -> cloud.stacks().list())
                    .isInstanceOf(CloudException.class)
                    .hasMessageContaining("refused user demo (domain Default) for project demo (domain Default)")
                    .hasMessageContaining("401")
                    .hasMessageNotContaining("not-the-password");
        }
    }

    @Test
    void anUnreachableKeystoneIsACloudExceptionWithTheCause()
    {
        int port = FakeOpenStack.closedPort();
        try (OpenStackCloud cloud = fake.cloud().authUrl("http://127.0.0.1:" + port + "/identity/v3")
                .connectTimeout(Duration.ofSeconds(2)).build()) {
            assertThatThrownBy(() -> cloud.stacks().list())
                    .isInstanceOf(CloudException.class)
                    .hasMessageContaining("Cannot authenticate with Keystone at http://127.0.0.1:" + port + "/identity/v3")
                    .hasMessageContaining("Cannot reach Keystone")
                    .hasCauseInstanceOf(RuntimeException.class)
                    .hasRootCauseInstanceOf(java.net.ConnectException.class);
        }
    }

    @Test
    void callsFromOtherThreadsWorkWithTheTokenAuthenticatedOnThisOne() throws Exception
    {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try (OpenStackCloud cloud = fake.cloud().build()) {
            cloud.stacks().list(); // authenticates here, on the test thread
            Future<Integer> first = pool.submit(() -> cloud.stacks().list().size());
            Future<Integer> second = CompletableFuture.supplyAsync(() -> cloud.flavors().size(), pool);
            Thread fresh = new Thread(() -> cloud.networks());
            fresh.start();
            fresh.join();
            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(3);
            assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo(4);
        }
        finally {
            pool.shutdownNow();
        }
        assertThat(fake.authRequests()).hasSize(1);
        assertThat(fake.requests(r -> r.path().startsWith("/networking/"))).hasSize(1);
    }

    @Test
    void twoCloudsInterleavedOnOneThreadEachUseTheirOwnToken()
    {
        try (FakeOpenStack other = FakeOpenStack.start();
                OpenStackCloud one = fake.cloud().build();
                OpenStackCloud two = other.cloud().build()) {
            one.stacks().list();
            two.stacks().list();
            one.flavors();   // openstack4j's thread-local session now belongs to "two"
            two.flavors();
            assertThat(fake.requests(r -> !r.path().startsWith("/identity/"))).hasSize(2)
                    .allSatisfy(r -> assertThat(r.token()).isEqualTo("gAAAAABm-fake-token-1"));
            assertThat(other.requests(r -> !r.path().startsWith("/identity/"))).hasSize(2);
            assertThat(fake.authRequests()).hasSize(1);
            assertThat(other.authRequests()).hasSize(1);
        }
    }

    @Test
    void closeIsIdempotentAndLaterCallsThrowIllegalStateException()
    {
        OpenStackCloud cloud = fake.cloud().build();
        cloud.stacks().list();
        cloud.close();
        cloud.close();
        assertThatThrownBy(() -> cloud.stacks().list()).isInstanceOf(IllegalStateException.class).hasMessage("OpenStackCloud is closed");
        assertThatThrownBy(cloud::flavors).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void describeAndToStringCarryNoSecrets()
    {
        OpenStackCloud.Builder builder = fake.cloud();
        try (OpenStackCloud cloud = builder.build();
                OpenStackCloud withToken = OpenStackCloud.builder().authUrl(fake.authUrl()).token(USER_TOKEN).projectId(PROJECT_ID).build()) {
            cloud.stacks().list();
            assertThat(cloud.describe()).isEqualTo("openstack " + fake.authUrl() + " project demo (domain Default) region RegionOne");
            for (String text : List.of(cloud.describe(), cloud.toString(), builder.toString(), withToken.describe(), withToken.toString())) {
                assertThat(text).doesNotContain(PASSWORD).doesNotContain(USER_TOKEN).doesNotContain("gAAAAABm-fake-token");
            }
        }
    }

    @Test
    void theBuilderChecksWhatIsMissing()
    {
        assertThatThrownBy(() -> OpenStackCloud.builder().username("demo").password("x").userDomainName("Default").projectId("p").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("authUrl is required");
        assertThatThrownBy(() -> OpenStackCloud.builder().authUrl(fake.authUrl()).username("demo").userDomainName("Default").projectId("p").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessage("password is required with username");
        assertThatThrownBy(() -> OpenStackCloud.builder().authUrl(fake.authUrl()).username("demo").password("x").projectId("p").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("userDomainName or userDomainId");
        assertThatThrownBy(() -> OpenStackCloud.builder().authUrl(fake.authUrl()).token("t").projectName("demo").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("projectDomainName or projectDomainId");
        assertThatThrownBy(() -> OpenStackCloud.builder().authUrl(fake.authUrl()).token("t").username("demo").projectId("p").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not both");
        assertThatThrownBy(() -> OpenStackCloud.builder().authUrl("http://keystone:5000/v2.0").token("t").projectId("p").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("v3");
    }

    @Test
    void anAuthUrlWithoutTheVersionGetsV3()
    {
        try (OpenStackCloud cloud = fake.cloud().authUrl(fake.baseUrl() + "/identity/").build()) {
            assertThat(cloud.describe()).startsWith("openstack " + fake.authUrl() + " ");
            cloud.stacks().list();
        }
        assertThat(fake.authRequests()).hasSize(1);
    }
}
