package io.magnum.openstack.it;

import io.magnum.local.LocalCloud;
import io.magnum.openstack.OpenStackCloud;
import io.magnum.spi.cloud.Cloud;
import io.magnum.spi.cloud.CloudException;
import io.magnum.spi.cloud.InvalidStackException;
import io.magnum.spi.cloud.Orchestration;
import io.magnum.spi.cloud.Stack;
import io.magnum.spi.cloud.StackEvent;
import io.magnum.spi.cloud.StackNotFoundException;
import io.magnum.spi.cloud.StackRequest;
import io.magnum.spi.cloud.StackResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.magnum.openstack.it.RealOpenStack.SETTLE;
import static io.magnum.openstack.it.RealOpenStack.settle;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * {@link OpenStackCloud} against the real Keystone and Heat: Keystone v3 password and token authentication and the
 * catalog; Heat stack create (with files and parameters), get, list (all, and many ids in one call), update, delete,
 * events and resources, and the errors Heat returns. The Heat tests run the same assertions on LocalCloud's Heat, so
 * the two are held to one behaviour.
 */
@Tag("integration")
@Tag("openstack")
class OpenStackCloudIT
{
    private static final String PREFIX = RealOpenStack.prefix("cloud");
    private static final Map<String, String> FILES = Resources.files("stack", "member.yaml", "fragments/hello.sh");
    private static final String TEMPLATE = Resources.text("stack/main.yaml");

    private static OpenStackCloud real;
    private static LocalCloud local;
    private static HeatRest rest;

    @BeforeAll
    static void clouds()
    {
        real = RealOpenStack.cloud();
        local = LocalCloud.create();
        rest = HeatRest.login(RealOpenStack.environment());
    }

    @AfterAll
    static void cleanUp()
    {
        if (real != null) {
            for (Stack stack : real.stacks().list()) {
                if (stack.name().startsWith(PREFIX)) {
                    real.stacks().delete(stack.id());
                }
            }
            real.close();
        }
        if (local != null) {
            local.close();
        }
    }

    private static Cloud cloud(String which)
    {
        return which.equals("real") ? real : local;
    }

    private static StackRequest request(String name, Map<String, String> parameters)
    {
        return new StackRequest(name, TEMPLATE, FILES, parameters, null, 10);
    }

    // ---------------------------------------------------------------- Keystone

    @Test
    void passwordAuthenticationScopesToTheProjectAndReadsTheCatalog()
    {
        Map<String, String> env = RealOpenStack.environment();
        assertThat(real.authUrl()).isEqualTo(env.get("OS_AUTH_URL"));
        assertThat(real.describe()).startsWith("openstack " + env.get("OS_AUTH_URL")).contains(env.get("OS_PROJECT_NAME"))
                .doesNotContain(env.get("OS_PASSWORD"));
        assertThat(real.stacks().list()).isNotNull(); // Heat found in the catalog, token accepted
        // this machine's catalog has Keystone and Heat only: what is missing is named, typed, not a hang or an NPE
        assertThatThrownBy(() -> real.findFlavor("m1.small")).isInstanceOf(CloudException.class)
                .hasMessageContaining("has no public compute (Nova) endpoint");
        assertThatThrownBy(() -> real.findImage("fedora-21-atomic-5")).isInstanceOf(CloudException.class)
                .hasMessageContaining("has no public image (Glance) endpoint");
        assertThatThrownBy(() -> real.findNetwork("public")).isInstanceOf(CloudException.class)
                .hasMessageContaining("has no public network (Neutron) endpoint");
    }

    @Test
    void theRegionSelectsTheEndpoints()
    {
        Map<String, String> env = new LinkedHashMap<>(RealOpenStack.environment());
        env.put("OS_REGION_NAME", "RegionOne");
        try (OpenStackCloud inRegion = OpenStackCloud.fromEnvironment(env)) {
            assertThat(inRegion.stacks().list()).isNotNull();
        }
        env.put("OS_REGION_NAME", "Atlantis");
        try (OpenStackCloud elsewhere = OpenStackCloud.fromEnvironment(env)) {
            assertThatThrownBy(() -> elsewhere.stacks().list()).isInstanceOf(CloudException.class)
                    .hasMessageContaining("has no public orchestration (Heat) endpoint in region Atlantis");
        }
    }

    @Test
    void aWrongPasswordIsRefusedWithKeystonesAnswer()
    {
        Map<String, String> env = new LinkedHashMap<>(RealOpenStack.environment());
        env.put("OS_PASSWORD", "not-the-password");
        try (OpenStackCloud wrong = OpenStackCloud.fromEnvironment(env)) {
            assertThatThrownBy(() -> wrong.stacks().list()).isInstanceOf(CloudException.class)
                    .hasMessageContaining("refused user " + env.get("OS_USERNAME")).hasMessageContaining("(401")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain("not-the-password"));
        }
    }

    @Test
    void anExistingTokenWorksAndIsRescopedToTheProject()
    {
        Map<String, String> env = RealOpenStack.environment();
        try (OpenStackCloud byToken = OpenStackCloud.builder().authUrl(env.get("OS_AUTH_URL")).token(rest.token())
                .projectName(env.get("OS_PROJECT_NAME")).projectDomainName(env.get("OS_PROJECT_DOMAIN_NAME")).build()) {
            assertThat(byToken.stacks().list()).isNotNull();
        }
        try (OpenStackCloud badToken = OpenStackCloud.builder().authUrl(env.get("OS_AUTH_URL")).token("gAAAAAnotatoken")
                .projectName(env.get("OS_PROJECT_NAME")).projectDomainName(env.get("OS_PROJECT_DOMAIN_NAME")).build()) {
            assertThatThrownBy(() -> badToken.stacks().list()).isInstanceOf(CloudException.class)
                    .hasMessageContaining("does not recognise the token given to magnum4j (404)")
                    .hasMessageNotContaining("gAAAAAnotatoken");
        }
    }

    // ---------------------------------------------------------------- Heat, on both clouds

    @ParameterizedTest(name = "{0} Heat")
    @ValueSource(strings = {"real", "local"})
    void aStackLivesItsWholeLife(String which)
    {
        Orchestration heat = cloud(which).stacks();
        String name = PREFIX + "-life-" + which;
        Stack created = heat.create(request(name, Map.of("greeting", "world", "count", "2")));
        assertThat(created.name()).isEqualTo(name);
        assertThat(created.status()).isEqualTo("CREATE_IN_PROGRESS");
        assertThat(created.statusReason()).isEqualTo("Stack CREATE started");

        Stack stack = settle(heat, created.id(), SETTLE).orElseThrow();
        assertThat(stack.status()).isEqualTo("CREATE_COMPLETE");
        assertThat(stack.statusReason()).isEqualTo("Stack CREATE completed successfully");
        assertThat(stack.timeoutMinutes()).isEqualTo(10);
        assertThat(stack.outputs()).containsEntry("hello", "hello world")
                .containsEntry("script", FILES.get("fragments/hello.sh"))
                .containsEntry("members", List.of("10.0.0.0", "10.0.0.1"));
        assertThat((String) stack.outputs().get("random")).matches("[a-z]{12}");
        assertThat(stack.parameters()).containsEntry("greeting", "world").containsEntry("count", "2")
                .containsEntry("secret", "******").containsEntry("OS::stack_name", name)
                .containsEntry("OS::stack_id", stack.id()).containsKey("OS::project_id");
        assertThat(heat.get(name)).get().extracting(Stack::id).isEqualTo(stack.id());

        // lists: Heat's have no parameters and no outputs; many ids in one call, missing ones left out
        assertThat(heat.list()).filteredOn(s -> s.id().equals(stack.id())).singleElement()
                .satisfies(s -> {
                    assertThat(s.status()).isEqualTo("CREATE_COMPLETE");
                    assertThat(s.outputs()).isEmpty();
                    assertThat(s.parameters()).isEmpty();
                    assertThat(s.timeoutMinutes()).isZero();
                });
        assertThat(heat.list(List.of(stack.id(), UUID.randomUUID().toString()))).extracting(Stack::id)
                .containsExactly(stack.id());

        List<StackResource> resources = heat.resources(stack.id());
        assertThat(resources).extracting(StackResource::name).containsExactlyInAnyOrder("random", "hello", "script", "group");
        assertThat(resources).allSatisfy(r -> {
            assertThat(r.status()).isEqualTo("CREATE_COMPLETE");
            assertThat(r.statusReason()).isEqualTo("state changed");
            assertThat(r.physicalId()).isNotEmpty();
        });
        StackResource group = resources.stream().filter(r -> r.name().equals("group")).findFirst().orElseThrow();
        assertThat(group.type()).isEqualTo("OS::Heat::ResourceGroup");
        assertThat(group.nestedStackId()).isNotBlank();
        assertThat(resources.stream().filter(r -> r.name().equals("hello")).findFirst().orElseThrow().requiredBy())
                .containsExactly("group");

        // scale the group and change a parameter: the whole template and files are sent again
        Stack updating = heat.update(stack.id(), request(name, Map.of("greeting", "again", "count", "3")));
        assertThat(updating.status()).isEqualTo("UPDATE_IN_PROGRESS");
        Stack updated = settle(heat, stack.id(), SETTLE).orElseThrow();
        assertThat(updated.status()).isEqualTo("UPDATE_COMPLETE");
        assertThat(updated.statusReason()).isEqualTo("Stack UPDATE completed successfully");
        assertThat(updated.outputs()).containsEntry("hello", "hello again")
                .containsEntry("members", List.of("10.0.0.0", "10.0.0.1", "10.0.0.2"))
                .containsEntry("random", stack.outputs().get("random"));

        List<StackEvent> events = heat.events(stack.id());
        assertThat(events.get(0)).satisfies(e -> {
            assertThat(e.resourceName()).isEqualTo(name);
            assertThat(e.status()).isEqualTo("CREATE_IN_PROGRESS");
            assertThat(e.statusReason()).isEqualTo("Stack CREATE started");
        });
        assertThat(events.get(events.size() - 1)).satisfies(e -> {
            assertThat(e.resourceName()).isEqualTo(name);
            assertThat(e.status()).isEqualTo("UPDATE_COMPLETE");
        });
        assertThat(events).extracting(StackEvent::time).isSorted();
        assertThat(events).as("nested stacks' events are there: the group's members")
                .anySatisfy(e -> {
                    assertThat(e.resourceName()).isEqualTo("2");
                    assertThat(e.status()).isEqualTo("CREATE_COMPLETE");
                });

        heat.delete(stack.id());
        // again: while it is being deleted nothing happens; once it is gone (LocalCloud's is quick) it is not found
        assertThat(catchThrowable(() -> heat.delete(stack.id()))).satisfiesAnyOf(
                e -> assertThat(e).isNull(), e -> assertThat(e).isInstanceOf(StackNotFoundException.class));
        assertThat(settle(heat, stack.id(), SETTLE)).isEmpty();
        assertThat(heat.get(name)).isEmpty();
        assertThat(heat.list()).extracting(Stack::id).doesNotContain(stack.id());
        assertThat(heat.list(List.of(stack.id()))).isEmpty();
        assertThatThrownBy(() -> heat.resources(stack.id())).isInstanceOf(StackNotFoundException.class);
        assertThatThrownBy(() -> heat.delete(stack.id())).isInstanceOf(StackNotFoundException.class);
    }

    @ParameterizedTest(name = "{0} Heat")
    @ValueSource(strings = {"real", "local"})
    void aFailingResourceFailsTheStackWithHeatsReason(String which)
    {
        Orchestration heat = cloud(which).stacks();
        String template = "heat_template_version: 2016-10-14\nresources:\n  fine: {type: OS::Heat::None}\n"
                + "  bad:\n    type: OS::Heat::TestResource\n    properties: {fail: true}\n";
        Stack stack = heat.create(new StackRequest(PREFIX + "-fail-" + which, template, Map.of(), Map.of(), null, 0));
        Stack failed = settle(heat, stack.id(), SETTLE).orElseThrow();
        assertThat(failed.status()).isEqualTo("CREATE_FAILED");
        assertThat(failed.statusReason()).isEqualTo("Resource CREATE failed: ValueError: resources.bad: Test Resource failed bad");
        assertThat(heat.resources(stack.id())).filteredOn(r -> r.name().equals("bad")).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo("CREATE_FAILED");
            assertThat(r.statusReason()).isEqualTo("ValueError: resources.bad: Test Resource failed bad");
        });
        assertThat(heat.events(stack.id())).extracting(e -> e.resourceName() + " " + e.status() + " " + e.statusReason())
                .contains("bad CREATE_FAILED ValueError: resources.bad: Test Resource failed bad",
                        stack.name() + " CREATE_FAILED Resource CREATE failed: ValueError: resources.bad: Test Resource failed bad");
        heat.delete(stack.id());
        assertThat(settle(heat, stack.id(), SETTLE)).isEmpty();
    }

    @ParameterizedTest(name = "{0} Heat")
    @ValueSource(strings = {"real", "local"})
    void heatsRefusalsAreTypedAndCarryHeatsMessage(String which)
    {
        Orchestration heat = cloud(which).stacks();
        String name = PREFIX + "-refused-" + which;
        assertThatThrownBy(() -> heat.create(new StackRequest(name,
                "heat_template_version: 2016-10-14\nresources:\n  x: {type: OS::Nope::Thing}\n", Map.of(), Map.of(), null, 0)))
                .isInstanceOf(InvalidStackException.class).hasMessage("The Resource Type (OS::Nope::Thing) could not be found.");
        assertThatThrownBy(() -> heat.create(new StackRequest(name, "heat_template_version: 2016-10-14\nresources: [\n",
                Map.of(), Map.of(), null, 0)))
                .isInstanceOf(InvalidStackException.class).hasMessageStartingWith("Template not in valid format");
        assertThatThrownBy(() -> heat.create(new StackRequest(name, "heat_template_version: 2099-01-01\nresources: {}\n",
                Map.of(), Map.of(), null, 0)))
                .isInstanceOf(InvalidStackException.class)
                .hasMessageStartingWith("The template version is invalid: \"heat_template_version: 2099-01-01\"");
        assertThatThrownBy(() -> heat.create(request(name, Map.of())))
                .isInstanceOf(InvalidStackException.class).hasMessage("The Parameter (greeting) was not provided.");
        assertThatThrownBy(() -> heat.create(request(name, Map.of("greeting", "x", "colour", "blue"))))
                .isInstanceOf(InvalidStackException.class).hasMessage("The Parameter (colour) was not defined in template.");
        assertThatThrownBy(() -> heat.create(request(name, Map.of("greeting", "x", "count", "many"))))
                .isInstanceOf(InvalidStackException.class).hasMessageStartingWith("Parameter 'count' is invalid: ");
        assertThatThrownBy(() -> heat.create(request(name, Map.of("greeting", "x", "count", "9"))))
                .isInstanceOf(InvalidStackException.class).hasMessageStartingWith("Parameter 'count' is invalid: ");
        assertThatThrownBy(() -> heat.create(new StackRequest(name, TEMPLATE, Map.of("member.yaml", FILES.get("member.yaml")),
                Map.of("greeting", "x"), null, 0)))
                .as("a file the template reads is missing")
                .isInstanceOf(InvalidStackException.class).hasMessage("Property error: : resources.script.properties.config: : "
                        + "No content found in the \"files\" section for get_file path: fragments/hello.sh");
        assertThatThrownBy(() -> heat.create(new StackRequest(name,
                "heat_template_version: 2016-10-14\nresources:\n  a: {type: OS::Heat::TestResource, properties: {x: 1}}\n",
                Map.of(), Map.of(), null, 0)))
                .isInstanceOf(InvalidStackException.class).hasMessage("Property error: : resources.a.properties: : Unknown Property x");
        assertThatThrownBy(() -> heat.create(new StackRequest(name,
                "heat_template_version: 2016-10-14\nresources:\n  a: {type: OS::Heat::None, properties: {x: {get_resource: nope}}}\n",
                Map.of(), Map.of(), null, 0)))
                .isInstanceOf(InvalidStackException.class).hasMessageStartingWith("The specified reference \"nope\" (in a");
        assertThatThrownBy(() -> heat.create(request("1" + name, Map.of("greeting", "x"))))
                .isInstanceOf(InvalidStackException.class).hasMessageStartingWith("Invalid stack name 1" + name);
        assertThat(heat.get(name)).as("nothing was made").isEmpty();

        Stack stack = heat.create(request(name, Map.of("greeting", "x", "count", "0")));
        assertThatThrownBy(() -> heat.create(request(name, Map.of("greeting", "x"))))
                .isInstanceOf(InvalidStackException.class).hasMessage("The Stack (" + name + ") already exists.");
        settle(heat, stack.id(), SETTLE);
        assertThatThrownBy(() -> heat.update(stack.id(), request(name, Map.of("greeting", "x", "colour", "blue"))))
                .isInstanceOf(InvalidStackException.class).hasMessage("The Parameter (colour) was not defined in template.");
        assertThat(heat.get(stack.id())).get().extracting(Stack::status).as("a refused update changes nothing")
                .isEqualTo("CREATE_COMPLETE");
        heat.delete(stack.id());
        assertThat(settle(heat, stack.id(), SETTLE)).isEmpty();
    }

    @ParameterizedTest(name = "{0} Heat")
    @ValueSource(strings = {"real", "local"})
    void aStackThatDoesNotExistIsEmptyOrNotFound(String which)
    {
        Orchestration heat = cloud(which).stacks();
        String missing = UUID.randomUUID().toString();
        assertThat(heat.get(missing)).isEmpty();
        assertThat(heat.get(PREFIX + "-never-made")).isEmpty();
        assertThat(heat.list(List.of(missing))).isEmpty();
        assertThatThrownBy(() -> heat.update(missing, request("x", Map.of("greeting", "x"))))
                .isInstanceOf(StackNotFoundException.class).hasMessage("The Stack (" + missing + ") could not be found.");
        assertThatThrownBy(() -> heat.delete(missing)).isInstanceOf(StackNotFoundException.class);
        assertThatThrownBy(() -> heat.resources(missing)).isInstanceOf(StackNotFoundException.class);
        assertThatThrownBy(() -> heat.events(missing)).isInstanceOf(StackNotFoundException.class);
    }
}
