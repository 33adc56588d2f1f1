package io.magnum.local.heat;

import io.magnum.local.LocalCloud;
import io.magnum.spi.cloud.InvalidStackException;
import io.magnum.spi.cloud.Stack;
import io.magnum.spi.cloud.StackEvent;
import io.magnum.spi.cloud.StackRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.magnum.local.heat.Stacks.request;
import static io.magnum.local.heat.Stacks.settle;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Where LocalCloud's Heat was seen to differ from the real Heat (Debian's heat 19, OpenStack Zed, with its default
 * convergence engine) by the openstack-it tier, and now answers as the real one does. Each test says what the real
 * Heat answered.
 */
class RealHeatParityTest
{
    private final LocalCloud cloud = LocalCloud.create();

    @AfterEach
    void close()
    {
        cloud.close();
    }

    /** A group of nodes, each a nested template around a TestResource, as the probe COE of openstack-it has. */
    private static final String GROUP = """
            heat_template_version: 2016-10-14
            parameters:
              count: {type: number, default: 1}
              fail: {type: boolean, default: false}
              wait: {type: number, default: 0}
              remove: {type: comma_delimited_list, default: []}
            resources:
              nodes:
                type: OS::Heat::ResourceGroup
                properties:
                  count: {get_param: count}
                  removal_policies: [{resource_list: {get_param: remove}}]
                  resource_def:
                    type: node.yaml
                    properties: {index: "%index%", fail: {get_param: fail}, wait: {get_param: wait}}
            outputs:
              addresses: {value: {get_attr: [nodes, address]}}
            """;
    private static final Map<String, String> NODE = Map.of("node.yaml", """
            heat_template_version: 2016-10-14
            parameters:
              index: {type: number}
              fail: {type: boolean}
              wait: {type: number}
            resources:
              node:
                type: OS::Heat::TestResource
                properties:
                  value: {str_replace: {template: 10.0.1.I, params: {I: {get_param: index}}}}
                  action_wait_secs: {create: {get_param: wait}, delete: 0}
                  fail: {get_param: fail}
            outputs:
              address: {value: {get_attr: [node, output]}}
              OS::stack_id: {value: {get_attr: [node, output]}}
            """);

    private Stack create(String name, Map<String, String> parameters, int timeoutMinutes)
    {
        return cloud.stacks().create(new StackRequest(name, GROUP, NODE, parameters, null, timeoutMinutes));
    }

    private Stack update(Stack stack, Map<String, String> parameters)
    {
        cloud.stacks().update(stack.id(), new StackRequest(stack.name(), GROUP, NODE, parameters, null, 0));
        return settle(cloud, stack.id());
    }

    private List<String> events(Stack stack)
    {
        return cloud.stacks().events(stack.id()).stream()
                .map(e -> e.resourceName().replace(stack.name(), "<stack>").replaceAll("-[a-z2-7]{12}(?![a-z0-9])", "-<id>")
                        + " " + e.status() + " " + e.statusReason().replace(stack.id(), "<uuid>").replace("\"" + stack.name() + "\"", "\"<stack>\""))
                .toList();
    }

    @Test
    void aStackTemplateThatIsNoTemplateIsNotInValidFormat()
    {
        // real: 400 "Template not in valid format: Error parsing template [root stack] while parsing a flow node..."
        assertThatThrownBy(() -> cloud.stacks().create(request("s", "heat_template_version: 2016-10-14\nresources: [\n", Map.of())))
                .isInstanceOf(InvalidStackException.class)
                .hasMessageStartingWith("Template not in valid format: Error parsing template [root stack] while parsing a flow node");
        assertThatThrownBy(() -> cloud.stacks().create(request("s", "- a list\n", Map.of())))
                .isInstanceOf(InvalidStackException.class)
                .hasMessage("Template not in valid format: The template is not a JSON object or YAML mapping.");
        assertThatThrownBy(() -> cloud.stacks().create(request("s", "resources: {}\n", Map.of())))
                .isInstanceOf(InvalidStackException.class)
                .hasMessage("Template not in valid format: Template format version not found.");
    }

    @Test
    void aStacksOwnPropertyErrorsAreWordedAsHeatsApiWordsThem()
    {
        // real (Zed): "Property error: : resources.a.properties: : Unknown Property x", and for a get_file whose file
        // is missing "Property error: : resources.script.properties.config: : No content found in the "files"
        // section for get_file path: hello.sh"
        assertThatThrownBy(() -> cloud.stacks().create(request("p", """
                heat_template_version: 2016-10-14
                resources:
                  a: {type: OS::Heat::TestResource, properties: {x: 1}}
                """, Map.of()))).isInstanceOf(InvalidStackException.class)
                .hasMessage("Property error: : resources.a.properties: : Unknown Property x");
        assertThatThrownBy(() -> cloud.stacks().create(request("p", """
                heat_template_version: 2016-10-14
                resources:
                  script: {type: OS::Heat::SoftwareConfig, properties: {config: {get_file: hello.sh}}}
                """, Map.of()))).isInstanceOf(InvalidStackException.class)
                .hasMessage("Property error: : resources.script.properties.config: : No content found in the \"files\""
                        + " section for get_file path: hello.sh");
    }

    @Test
    void hexDigitsAreUpperCase()
    {
        // real: Heat's hexdigits are string.digits + 'ABCDEF'
        Stack stack = settle(cloud, cloud.stacks().create(request("r", """
                heat_template_version: 2016-10-14
                resources:
                  token: {type: OS::Heat::RandomString, properties: {length: 64, sequence: hexdigits}}
                outputs:
                  token: {value: {get_attr: [token, value]}}
                """, Map.of())).id());
        assertThat((String) stack.outputs().get("token")).matches("[0-9A-F]{64}");
    }

    @Test
    void aFailureIsReasonedRelativeToEachStackItPassesThrough()
    {
        // real: node "ValueError: resources.node: ...", member 0 "ValueError: resources[0].resources.node: ...",
        // group "ValueError: resources.nodes.resources[0].resources.node: ..."
        Stack stack = settle(cloud, create("parity-fail", Map.of("fail", "true"), 0).id());
        assertThat(stack.statusReason())
                .isEqualTo("Resource CREATE failed: ValueError: resources.nodes.resources[0].resources.node: Test Resource failed node");
        assertThat(events(stack)).contains(
                "node CREATE_FAILED ValueError: resources.node: Test Resource failed node",
                "<stack>-nodes-<id>-0-<id> CREATE_FAILED Resource CREATE failed: ValueError: resources.node: Test Resource failed node",
                "0 CREATE_FAILED ValueError: resources[0].resources.node: Test Resource failed node",
                "<stack>-nodes-<id> CREATE_FAILED Resource CREATE failed: ValueError: resources[0].resources.node: Test Resource failed node",
                "nodes CREATE_FAILED ValueError: resources.nodes.resources[0].resources.node: Test Resource failed node");
        assertThat(stack.outputs().get("addresses")).as("a failed TestResource has no output").isEqualTo(java.util.Arrays.asList((Object) null));
    }

    @Test
    void aTimeoutIsTimedOutAndCancelsTheNestedStacks()
    {
        // real (convergence): stack "Timed out"; the running resource "CREATE aborted (Task create from ResourceGroup
        // "nodes" Stack "..." [id] Timed out)"; each nested stack in progress "Stack CREATE cancelled"
        cloud.heat().minute(Duration.ofMillis(300));
        Stack stack = settle(cloud, create("parity-timeout", Map.of("wait", "600"), 1).id());
        assertThat(stack.status()).isEqualTo("CREATE_FAILED");
        assertThat(stack.statusReason()).isEqualTo("Timed out");
        assertThat(events(stack)).contains(
                "nodes CREATE_FAILED CREATE aborted (Task create from ResourceGroup \"nodes\" Stack \"<stack>\" [<uuid>] Timed out)",
                "<stack>-nodes-<id> CREATE_FAILED Stack CREATE cancelled",
                "<stack>-nodes-<id>-0-<id> CREATE_FAILED Stack CREATE cancelled",
                "<stack> CREATE_FAILED Timed out");
        assertThat(events(stack)).noneMatch(e -> e.startsWith("node CREATE_FAILED"));
    }

    @Test
    void aTestResourceWaitsItsWaitAndFailsAfterIt()
    {
        // real: action_wait_secs.<action>, else wait_secs, for create, update and delete; fail raises after the wait
        String template = """
                heat_template_version: 2016-10-14
                resources:
                  slow:
                    type: OS::Heat::TestResource
                    properties: {fail: true, wait_secs: 1}
                """;
        long start = System.nanoTime();
        Stack stack = settle(cloud, cloud.stacks().create(request("w", template, Map.of())).id());
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(stack.statusReason()).isEqualTo("Resource CREATE failed: ValueError: resources.slow: Test Resource failed slow");
        start = System.nanoTime();
        cloud.stacks().delete(stack.id());
        assertThat(settle(cloud, stack.id())).isNull();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("wait_secs applies to delete too")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(StackRun.testWait(Map.of("wait_secs", 5, "action_wait_secs", Map.of("delete", 0)), "delete")).isZero();
        assertThat(StackRun.testWait(Map.of("wait_secs", 5, "action_wait_secs", Map.of("delete", 0)), "create"))
                .isEqualTo(Duration.ofSeconds(5));
        assertThat(StackRun.testWait(Map.of("wait_secs", -1), "create")).as("for ever").isNull();
    }

    @Test
    void theStacksTimeoutBoundsItsDeleteToo()
    {
        // real: a stack whose delete outlasts its timeout_mins ends DELETE_FAILED "Timed out"
        cloud.heat().minute(Duration.ofMillis(300));
        Stack stack = settle(cloud, cloud.stacks().create(new StackRequest("d", """
                heat_template_version: 2016-10-14
                resources:
                  sticky:
                    type: OS::Heat::TestResource
                    properties: {action_wait_secs: {delete: 600}}
                """, Map.of(), Map.of(), null, 1)).id());
        cloud.stacks().delete(stack.id());
        Stack failed = settle(cloud, stack.id());
        assertThat(failed.status()).isEqualTo("DELETE_FAILED");
        assertThat(failed.statusReason()).isEqualTo("Timed out");
    }

    @Test
    void onlyTheMembersRemovalPoliciesNameAreNeverUsedAgain()
    {
        // real: 3 -> 1 naming "10.0.1.0" removes members 0 and 2; 1 -> 2 then adds member 2 again, not 3
        Stack stack = settle(cloud, create("parity-group", Map.of("count", "3"), 0).id());
        stack = update(stack, Map.of("count", "1", "remove", "10.0.1.0"));
        assertThat(stack.outputs().get("addresses")).isEqualTo(List.of("10.0.1.1"));
        stack = update(stack, Map.of("count", "2"));
        assertThat(stack.outputs().get("addresses")).isEqualTo(List.of("10.0.1.1", "10.0.1.2"));
    }

    @Test
    void anUpdateUpdatesEveryNestedStackAndDeletedOnesTakeTheirEvents()
    {
        // real: on every update, each template resource (a group member) is UPDATE_IN_PROGRESS/COMPLETE and its
        // nested stack "Stack UPDATE started/completed", changed or not; the events of a nested stack that was
        // deleted (a member removed) are no longer listed
        Stack stack = settle(cloud, create("parity-update", Map.of("count", "2"), 0).id());
        stack = update(stack, Map.of("count", "1"));
        List<String> events = events(stack);
        assertThat(events).contains("0 UPDATE_IN_PROGRESS state changed", "0 UPDATE_COMPLETE state changed",
                "<stack>-nodes-<id>-0-<id> UPDATE_IN_PROGRESS Stack UPDATE started",
                "<stack>-nodes-<id>-0-<id> UPDATE_COMPLETE Stack UPDATE completed successfully",
                "1 DELETE_IN_PROGRESS state changed", "1 DELETE_COMPLETE state changed");
        assertThat(events).noneMatch(e -> e.startsWith("<stack>-nodes-<id>-1-<id>"));
        assertThat(events.stream().filter(e -> e.startsWith("node ")).toList()).as("only member 0's node is left")
                .containsExactly("node CREATE_IN_PROGRESS state changed", "node CREATE_COMPLETE state changed");
        assertThat(cloud.stacks().events(stack.id())).extracting(StackEvent::id)
                .isSortedAccordingTo(java.util.Comparator.comparingLong(Long::parseLong));
    }

    @Test
    void theStackListHasNoTimeout()
    {
        // real: Heat's stack list leaves timeout_mins out (as it leaves out parameters and outputs)
        Stack stack = cloud.stacks().create(new StackRequest("l", GROUP, NODE, Map.of(), null, 7));
        assertThat(cloud.stacks().get(stack.id())).get().extracting(Stack::timeoutMinutes).isEqualTo(7);
        assertThat(cloud.stacks().list(List.of(stack.id()))).singleElement().extracting(Stack::timeoutMinutes).isEqualTo(0);
    }
}
