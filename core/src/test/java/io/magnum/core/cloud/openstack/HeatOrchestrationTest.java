package io.magnum.core.cloud.openstack;

import com.fasterxml.jackson.databind.JsonNode;
import io.magnum.core.cloud.openstack.FakeOpenStack.Request;
import io.magnum.openstack.OpenStackCloud;
import io.magnum.spi.cloud.CloudException;
import io.magnum.spi.cloud.InvalidStackException;
import io.magnum.spi.cloud.Orchestration;
import io.magnum.spi.cloud.Stack;
import io.magnum.spi.cloud.StackEvent;
import io.magnum.spi.cloud.StackNotFoundException;
import io.magnum.spi.cloud.StackRequest;
import io.magnum.spi.cloud.StackResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.magnum.core.cloud.openstack.FakeOpenStack.DELETED_ID;
import static io.magnum.core.cloud.openstack.FakeOpenStack.K8S_ID;
import static io.magnum.core.cloud.openstack.FakeOpenStack.K8S_NAME;
import static io.magnum.core.cloud.openstack.FakeOpenStack.MESOS_ID;
import static io.magnum.core.cloud.openstack.FakeOpenStack.MESOS_NAME;
import static io.magnum.core.cloud.openstack.FakeOpenStack.PROJECT_ID;
import static io.magnum.core.cloud.openstack.FakeOpenStack.SWARM_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Heat through {@link OpenStackCloud#stacks()}, against recorded Heat responses. */
class HeatOrchestrationTest
{
    private static final String STACKS = "/heat-api/v1/" + PROJECT_ID + "/stacks";
    private static final String TEMPLATE = """
            heat_template_version: 2014-10-16
            parameters:
              number_of_minions: {type: number}
              ssh_key_name: {type: string}
            resources:
              kube_minions:
                type: OS::Heat::ResourceGroup
                properties:
                  count: {get_param: number_of_minions}
                  resource_def: {type: kubeminion.yaml}
            """;
    private static final Map<String, String> FILES = Map.of("kubeminion.yaml", "heat_template_version: 2014-10-16\nresources: {}\n");

    private final FakeOpenStack fake = FakeOpenStack.start();
    private OpenStackCloud cloud;
    private Orchestration heat;

    @BeforeEach
    void connect()
    {
        cloud = fake.cloud().build();
        heat = cloud.stacks();
        cloud.flavors(); // authenticate before the test, so it sees only its own requests
        fake.clearRequests();
    }

    @AfterEach
    void stop()
    {
        cloud.close();
        fake.close();
    }

    @Test
    void createSendsTemplateFilesParametersAndTimeoutThenShowsTheStack()
    {
        StackRequest request = new StackRequest("k8sbay-new1", TEMPLATE, FILES,
                Map.of("number_of_minions", "2", "ssh_key_name", "testkey"), null, 60);

        Stack stack = heat.create(request);

        assertThat(stack.name()).isEqualTo("k8sbay-new1");
        assertThat(stack.status()).isEqualTo("CREATE_IN_PROGRESS");
        assertThat(stack.inProgress()).isTrue();
        assertThat(stack.outputs()).as("api_address is not evaluated yet").isEmpty();
        List<Request> requests = fake.heatRequests();
        assertThat(requests).extracting(Request::toString)
                .containsExactly("POST " + STACKS, "GET " + STACKS + "/k8sbay-new1/" + stack.id());
        JsonNode body = requests.get(0).json();
        assertThat(body.path("stack_name").asText()).isEqualTo("k8sbay-new1");
        assertThat(body.path("template").asText()).isEqualTo(TEMPLATE);
        assertThat(body.path("files").path("kubeminion.yaml").asText()).isEqualTo(FILES.get("kubeminion.yaml"));
        assertThat(body.path("parameters").path("number_of_minions").asText()).isEqualTo("2");
        assertThat(body.path("parameters").path("ssh_key_name").asText()).isEqualTo("testkey");
        assertThat(body.path("timeout_mins").asInt()).isEqualTo(60);
        assertThat(body.path("disable_rollback").asBoolean()).isTrue();
        assertThat(body.has("environment")).isFalse();
        assertThat(requests.get(0).headers().getFirst("Content-Type")).startsWith("application/json");
        assertThat(requests).allSatisfy(r -> assertThat(r.token()).isEqualTo("gAAAAABm-fake-token-1"));
    }

    @Test
    void createSendsTheEnvironmentAndLeavesOutAZeroTimeout()
    {
        String environment = "parameter_defaults:\n  dns_nameserver: 8.8.8.8\n";
        heat.create(new StackRequest("k8sbay-env", TEMPLATE, Map.of(), Map.of(), environment, 0));

        JsonNode body = fake.heatRequests().get(0).json();
        assertThat(body.path("environment").asText()).isEqualTo(environment);
        assertThat(body.has("timeout_mins")).isFalse();
        assertThat(body.path("files").isObject()).isTrue();
    }

    @Test
    void getMapsStatusReasonOutputsParametersAndTimes()
    {
        Stack stack = heat.get(K8S_ID).orElseThrow();

        assertThat(stack.id()).isEqualTo(K8S_ID);
        assertThat(stack.name()).isEqualTo(K8S_NAME);
        assertThat(stack.status()).isEqualTo("CREATE_COMPLETE");
        assertThat(stack.statusReason()).isEqualTo("Stack CREATE completed successfully");
        assertThat(stack.timeoutMinutes()).isEqualTo(60);
        assertThat(stack.createdAt()).isEqualTo(Instant.parse("2024-05-14T09:12:03Z"));
        assertThat(stack.updatedAt()).isNull();
        assertThat(stack.outputs()).containsOnlyKeys("api_address", "kube_minions", "kube_minions_external",
                "kube_masters", "registry_options");
        assertThat(stack.output("api_address")).contains("172.24.4.10");
        assertThat(stack.outputs().get("kube_minions")).isEqualTo(List.of("10.0.0.4", "10.0.0.5"));
        assertThat(stack.outputs().get("registry_options")).isEqualTo(Map.of("storage", "swift", "chunksize", 5242880));
        assertThat(stack.output("api_pool_address")).as("an output with output_error is absent").isEmpty();
        assertThat(stack.parameters())
                .containsEntry("number_of_minions", "2")
                .containsEntry("ssh_key_name", "testkey")
                .containsEntry("user_token", "******")
                .containsEntry("OS::stack_id", K8S_ID);
        // Heat's lookup redirects to the canonical path, which OkHttp follows with the token
        assertThat(fake.heatRequests()).extracting(Request::toString)
                .containsExactly("GET " + STACKS + "/" + K8S_ID, "GET " + STACKS + "/" + K8S_NAME + "/" + K8S_ID);
        assertThat(fake.heatRequests()).allSatisfy(r -> assertThat(r.token()).isNotNull());
    }

    @Test
    void getFindsAStackByNameAndMapsAFailure()
    {
        Stack stack = heat.get(MESOS_NAME).orElseThrow();

        assertThat(stack.id()).isEqualTo(MESOS_ID);
        assertThat(stack.status()).isEqualTo("CREATE_FAILED");
        assertThat(stack.statusReason()).startsWith("Resource CREATE failed: ResourceInError: resources.mesos_slaves");
        assertThat(stack.updatedAt()).isEqualTo(Instant.parse("2024-05-14T10:11:42Z"));
        assertThat(stack.outputs()).isEmpty();
    }

    @Test
    void getOfAMissingOrDeletedStackIsEmpty()
    {
        assertThat(heat.get("no-such-stack")).isEmpty();
        assertThat(heat.get("4b0b8c2e-0000-4000-8000-000000000000")).isEmpty();
        assertThat(heat.get(DELETED_ID)).as("DELETE_COMPLETE counts as gone").isEmpty();
    }

    @Test
    void listOfIdsMakesExactlyOneRequestAndReturnsOnlyThoseStacks()
    {
        List<Stack> stacks = heat.list(List.of(K8S_ID, MESOS_ID, DELETED_ID, "4b0b8c2e-0000-4000-8000-000000000000"));

        assertThat(stacks).extracting(Stack::id).containsExactlyInAnyOrder(K8S_ID, MESOS_ID);
        assertThat(fake.heatRequests()).extracting(Request::toString).containsExactly("GET " + STACKS);
        Stack k8s = stacks.stream().filter(s -> s.id().equals(K8S_ID)).findFirst().orElseThrow();
        assertThat(k8s.name()).isEqualTo(K8S_NAME);
        assertThat(k8s.status()).isEqualTo("CREATE_COMPLETE");
        assertThat(k8s.createdAt()).isEqualTo(Instant.parse("2024-05-14T09:12:03Z"));
    }

    @Test
    void listOfNoIdsAsksNothing()
    {
        assertThat(heat.list(List.of())).isEmpty();
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void listLeavesOutDeletedStacks()
    {
        assertThat(heat.list()).extracting(Stack::id).containsExactly(K8S_ID, SWARM_ID, MESOS_ID);
    }

    @Test
    void updatePutsTheWholeTemplateFilesAndParametersToTheCanonicalPath()
    {
        heat.list(List.of(K8S_ID)); // learns the stack's name
        fake.clearRequests();
        StackRequest request = new StackRequest(K8S_NAME, TEMPLATE, FILES,
                Map.of("number_of_minions", "3", "ssh_key_name", "testkey"), null, 60);

        Stack stack = heat.update(K8S_ID, request);

        assertThat(stack.status()).isEqualTo("UPDATE_IN_PROGRESS");
        List<Request> requests = fake.heatRequests();
        assertThat(requests).extracting(Request::toString).containsExactly(
                "PUT " + STACKS + "/" + K8S_NAME + "/" + K8S_ID,
                "GET " + STACKS + "/" + K8S_NAME + "/" + K8S_ID);
        JsonNode body = requests.get(0).json();
        assertThat(body.path("template").asText()).isEqualTo(TEMPLATE);
        assertThat(body.path("files").path("kubeminion.yaml").asText()).isEqualTo(FILES.get("kubeminion.yaml"));
        assertThat(body.path("parameters").path("number_of_minions").asText()).isEqualTo("3");
        assertThat(body.path("timeout_mins").asInt()).isEqualTo(60);
    }

    @Test
    void updateOfAStackNotSeenYetLooksItUpFirst()
    {
        heat.update(K8S_ID, new StackRequest(K8S_NAME, TEMPLATE, FILES, Map.of(), null, 0));

        assertThat(fake.heatRequests()).extracting(Request::method).containsExactly("GET", "GET", "PUT", "GET");
    }

    @Test
    void deleteSendsDeleteToTheCanonicalPath()
    {
        heat.delete(SWARM_ID);

        assertThat(fake.heatRequests()).extracting(Request::toString).endsWith(
                "DELETE " + STACKS + "/swarmbay-21aa/" + SWARM_ID);
        assertThat(heat.get(SWARM_ID).orElseThrow().status()).isEqualTo("DELETE_IN_PROGRESS");
    }

    @Test
    void resourcesAreMappedWithTheirNestedStacks()
    {
        List<StackResource> resources = heat.resources(K8S_ID);

        assertThat(resources).extracting(StackResource::name)
                .containsExactly("kube_minions", "kube_masters", "fixed_network", "api_pool_floating");
        StackResource masters = resources.get(1);
        assertThat(masters.type()).isEqualTo("OS::Heat::ResourceGroup");
        assertThat(masters.status()).isEqualTo("CREATE_COMPLETE");
        assertThat(masters.statusReason()).isEqualTo("state changed");
        assertThat(masters.physicalId()).isEqualTo("9c1e3a5b-7d9f-4b2d-8e0a-2c4e6a8b0d13");
        assertThat(masters.nestedStackId()).isEqualTo("9c1e3a5b-7d9f-4b2d-8e0a-2c4e6a8b0d13");
        assertThat(masters.requiredBy()).containsExactly("kube_minions");
        assertThat(masters.updatedAt()).isEqualTo(Instant.parse("2024-05-14T09:14:31Z"));
        StackResource network = resources.get(2);
        assertThat(network.nestedStackId()).isNull();
        assertThat(network.requiredBy()).containsExactly("fixed_subnet", "kube_masters", "kube_minions");
        assertThat(resources.get(3).physicalId()).isEmpty();
        assertThat(resources.get(3).status()).isEqualTo("INIT_COMPLETE");
    }

    @Test
    void eventsAreMappedOldestFirstWithNestedStacksIncluded()
    {
        List<StackEvent> events = heat.events(K8S_ID);

        assertThat(events).extracting(StackEvent::resourceName)
                .containsExactly("k8sbay-7f3c", "fixed_network", "fixed_network", "0", "k8sbay-7f3c");
        assertThat(events).extracting(StackEvent::status)
                .containsExactly("CREATE_IN_PROGRESS", "CREATE_IN_PROGRESS", "CREATE_COMPLETE", "CREATE_IN_PROGRESS", "CREATE_COMPLETE");
        StackEvent last = events.get(4);
        assertThat(last.id()).isEqualTo("3d4e5f6a-7b8c-4d9e-9f0a-2b3c4d5e6f7a");
        assertThat(last.physicalId()).isEqualTo(K8S_ID);
        assertThat(last.statusReason()).isEqualTo("Stack CREATE completed successfully");
        assertThat(last.time()).isEqualTo(Instant.parse("2024-05-14T09:16:52Z"));
        assertThat(events.get(1).physicalId()).isEmpty();
        Request request = fake.heatRequests().get(fake.heatRequests().size() - 1);
        assertThat(request.path()).isEqualTo(STACKS + "/" + K8S_NAME + "/" + K8S_ID + "/events");
        assertThat(request.query()).containsEntry("nested_depth", "5").containsEntry("sort_dir", "asc");
    }

    @Test
    void eventsFromAHeatThatListsNewestFirstAreTurnedAround() throws Exception
    {
        fake.respond("GET", ".*/events", 200, FakeHeat.newestFirst(fake.resource("heat/events-k8sbay.json", Map.of())));

        // three events share a second: Heat's order, not the sort, must decide among them
        assertThat(heat.events(K8S_ID)).extracting(e -> e.resourceName() + " " + e.status()).containsExactly(
                "k8sbay-7f3c CREATE_IN_PROGRESS",
                "fixed_network CREATE_IN_PROGRESS",
                "fixed_network CREATE_COMPLETE",
                "0 CREATE_IN_PROGRESS",
                "k8sbay-7f3c CREATE_COMPLETE");
    }

    @Test
    void operationsOnAMissingStackThrowStackNotFoundException()
    {
        String missing = "4b0b8c2e-0000-4000-8000-000000000000";
        StackRequest request = new StackRequest("x", TEMPLATE, Map.of(), Map.of(), null, 0);
        assertThatThrownBy(() -> heat.update(missing, request)).isInstanceOf(StackNotFoundException.class).hasMessageContaining(missing);
        assertThatThrownBy(() -> heat.delete(missing)).isInstanceOf(StackNotFoundException.class);
        assertThatThrownBy(() -> heat.resources(missing)).isInstanceOf(StackNotFoundException.class);
        assertThatThrownBy(() -> heat.events(missing)).isInstanceOf(StackNotFoundException.class);
        assertThatThrownBy(() -> heat.delete(DELETED_ID)).isInstanceOf(StackNotFoundException.class);
    }

    @Test
    void a404FromAKnownStacksPathIsStackNotFoundException()
    {
        heat.list(); // the names are known: no lookup before the request
        fake.respond("DELETE", ".*/stacks/.*", 404, "heat/error-404-stack.json");
        fake.respond("GET", ".*/events", 404, "heat/error-404-stack.json");
        assertThatThrownBy(() -> heat.delete(K8S_ID)).isInstanceOf(StackNotFoundException.class).hasMessageContaining(K8S_ID);
        assertThatThrownBy(() -> heat.events(MESOS_ID)).isInstanceOf(StackNotFoundException.class);
    }

    @Test
    void a400WithHeatsErrorBodyIsInvalidStackExceptionWithHeatsMessage()
    {
        fake.respond("POST", STACKS, 400, "heat/error-400-missing-parameter.json");
        StackRequest request = new StackRequest("k8sbay-bad", TEMPLATE, FILES, Map.of("number_of_minions", "2"), null, 60);

        assertThatThrownBy(() -> heat.create(request))
                .isInstanceOf(InvalidStackException.class)
                .hasMessage("The Parameter (ssh_key_name) was not provided.");
    }

    @Test
    void a400OnUpdateIsInvalidStackExceptionWithHeatsMessage()
    {
        heat.list();
        fake.respond("PUT", ".*/stacks/.*", 400, "heat/error-400-invalid-template.json");

        assertThatThrownBy(() -> heat.update(K8S_ID, new StackRequest(K8S_NAME, "not: a template", Map.of(), Map.of(), null, 0)))
                .isInstanceOf(InvalidStackException.class)
                .hasMessage("The template version is invalid: Template format version not found.");
    }

    @Test
    void a409IsInvalidStackException()
    {
        assertThatThrownBy(() -> heat.create(new StackRequest(K8S_NAME, TEMPLATE, Map.of(), Map.of(), null, 0)))
                .isInstanceOf(InvalidStackException.class)
                .hasMessage("The Stack (" + K8S_NAME + ") already exists.");

        heat.list();
        fake.respond("PUT", ".*/stacks/.*", 409, "heat/error-409-action-in-progress.json");
        assertThatThrownBy(() -> heat.update(SWARM_ID, new StackRequest("swarmbay-21aa", TEMPLATE, Map.of(), Map.of(), null, 0)))
                .isInstanceOf(InvalidStackException.class)
                .hasMessageContaining("already has an action (CREATE) in progress");
    }

    @Test
    void a409OnDeleteOfAStackBeingDeletedIsNothing()
    {
        heat.delete(K8S_ID);
        fake.respond("DELETE", ".*/stacks/.*", 409, "heat/error-409-action-in-progress.json");

        heat.delete(K8S_ID);
    }

    @Test
    void a500IsACloudExceptionThatNamesHeat()
    {
        fake.respond("GET", STACKS, 500, "heat/error-500.json");
        fake.respond("POST", STACKS, 500, "heat/error-500.json");

        assertThatThrownBy(() -> heat.list())
                .isInstanceOf(CloudException.class)
                .hasMessageStartingWith("Heat answered 500");
        assertThatThrownBy(() -> heat.create(new StackRequest("k8sbay-x", TEMPLATE, Map.of(), Map.of(), null, 0)))
                .isInstanceOf(CloudException.class)
                .isNotInstanceOf(InvalidStackException.class)
                .hasMessageContaining("Heat answered 500")
                .hasMessageContaining("DBConnectionError");
    }

    @Test
    void aConnectionRefusedIsACloudExceptionWithTheCause()
    {
        fake.close(); // the token is kept, Heat is gone

        assertThatThrownBy(() -> heat.get(K8S_ID))
                .isInstanceOf(CloudException.class)
                .hasMessageContaining("Cannot reach Heat")
                .hasRootCauseInstanceOf(java.net.ConnectException.class);
        assertThatThrownBy(() -> heat.create(new StackRequest("k8sbay-x", TEMPLATE, Map.of(), Map.of(), null, 0)))
                .isInstanceOf(CloudException.class)
                .hasMessageContaining("Cannot reach Heat");
    }
}
