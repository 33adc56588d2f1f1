package io.magnum.local.heat;

import io.magnum.local.LocalCloud;
import io.magnum.spi.cloud.InvalidStackException;
import io.magnum.spi.cloud.Stack;
import io.magnum.spi.cloud.StackEvent;
import io.magnum.spi.cloud.StackNotFoundException;
import io.magnum.spi.cloud.StackRequest;
import io.magnum.spi.cloud.StackResource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.magnum.local.heat.Stacks.request;
import static io.magnum.local.heat.Stacks.settle;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Ordering, groups, nested stacks, failures, timeouts, updates and deletes. */
class HotLifecycleTest
{
    private final LocalCloud cloud = LocalCloud.create();

    @AfterEach
    void close()
    {
        cloud.close();
    }

    private static final String NETWORKED = """
            heat_template_version: 2015-10-15
            parameters:
              key: {type: string, default: testkey, constraints: [{custom_constraint: nova.keypair}]}
              image: {type: string, default: fedora-21-atomic-5, constraints: [{custom_constraint: glance.image}]}
              flavor: {type: string, default: m1.small, constraints: [{custom_constraint: nova.flavor}]}
              public: {type: string, default: public, constraints: [{custom_constraint: neutron.network}]}
            resources:
              net: {type: OS::Neutron::Net, properties: {name: private-net}}
              subnet:
                type: OS::Neutron::Subnet
                properties: {network: {get_resource: net}, cidr: 10.0.0.0/24}
              router:
                type: OS::Neutron::Router
                properties: {external_gateway_info: {network: {get_param: public}}}
              router_if:
                type: OS::Neutron::RouterInterface
                properties: {router: {get_resource: router}, subnet: {get_resource: subnet}}
              port:
                type: OS::Neutron::Port
                depends_on: subnet
                properties: {network: {get_resource: net}}
              server:
                type: OS::Nova::Server
                properties:
                  image: {get_param: image}
                  flavor: {get_param: flavor}
                  key_name: {get_param: key}
                  networks: [{port: {get_resource: port}}]
              fip:
                type: OS::Neutron::FloatingIP
                depends_on: router_if
                properties: {floating_network: {get_param: public}, port_id: {get_resource: port}}
            outputs:
              private: {value: {get_attr: [server, networks, private-net, 0]}}
              first: {value: {get_attr: [server, first_address]}}
              public: {value: {get_attr: [fip, floating_ip_address]}}
              fixed: {value: {get_attr: [fip, fixed_ip_address]}}
            """;

    @Test
    void createsInDependencyOrderAndGivesAddresses()
    {
        Stack stack = settle(cloud, cloud.stacks().create(request("net", NETWORKED, Map.of())).id());
        assertThat(stack.status()).as(stack.statusReason()).isEqualTo("CREATE_COMPLETE");
        assertThat(stack.statusReason()).isEqualTo("Stack CREATE completed successfully");
        assertThat(stack.outputs().get("private")).isEqualTo("10.0.0.3");
        assertThat(stack.outputs().get("first")).isEqualTo("10.0.0.3");
        assertThat(stack.outputs().get("fixed")).isEqualTo("10.0.0.3");
        assertThat((String) stack.outputs().get("public")).startsWith("172.24.4.");
        List<StackEvent> events = cloud.stacks().events(stack.id());
        assertThat(completedBefore(events, "subnet", "port")).isTrue();
        assertThat(completedBefore(events, "port", "server")).isTrue();
        assertThat(completedBefore(events, "router_if", "fip")).isTrue();
        assertThat(completedBefore(events, "net", "subnet")).isTrue();
        List<StackResource> resources = cloud.stacks().resources(stack.id());
        assertThat(resources).extracting(StackResource::status).containsOnly("CREATE_COMPLETE");
        assertThat(resources).filteredOn(r -> r.name().equals("port")).singleElement()
                .satisfies(r -> assertThat(r.requiredBy()).containsExactlyInAnyOrder("server", "fip"));
    }

    @Test
    void independentResourcesRunConcurrently()
    {
        cloud.heat().latency("OS::Heat::TestResource", Duration.ofMillis(200));
        String template = """
                heat_template_version: 2015-04-30
                resources:
                  a: {type: OS::Heat::TestResource}
                  b: {type: OS::Heat::TestResource}
                  c: {type: OS::Heat::TestResource}
                  d: {type: OS::Heat::TestResource, properties: {value: {get_attr: [a, output]}}}
                """;
        Stack stack = settle(cloud, cloud.stacks().create(request("par", template, Map.of())).id());
        assertThat(stack.status()).isEqualTo("CREATE_COMPLETE");
        List<StackEvent> events = cloud.stacks().events(stack.id());
        int firstComplete = indexOf(events, "a", "CREATE_COMPLETE");
        assertThat(indexOf(events, "b", "CREATE_IN_PROGRESS")).isLessThan(firstComplete);
        assertThat(indexOf(events, "c", "CREATE_IN_PROGRESS")).isLessThan(firstComplete);
        assertThat(indexOf(events, "d", "CREATE_IN_PROGRESS")).isGreaterThan(firstComplete);
    }

    @Test
    void aFailingResourceFailsTheStackAsHeatSaysIt()
    {
        String template = """
                heat_template_version: 2015-04-30
                resources:
                  good: {type: OS::Heat::TestResource}
                  bad: {type: OS::Heat::TestResource, properties: {fail: true}}
                """;
        Stack stack = settle(cloud, cloud.stacks().create(request("failing", template, Map.of())).id());
        assertThat(stack.status()).isEqualTo("CREATE_FAILED");
        assertThat(stack.statusReason()).isEqualTo("Resource CREATE failed: ValueError: resources.bad: Test Resource failed bad");
    }

    @Test
    void groupsOfNestedStacksScaleAndHonourRemovalPolicies()
    {
        String member = """
                heat_template_version: 2015-04-30
                parameters:
                  index: {type: string}
                  prefix: {type: string, default: node}
                resources:
                  port:
                    type: OS::Neutron::Port
                    properties: {network: private}
                outputs:
                  name: {value: {list_join: ['-', [{get_param: prefix}, {get_param: index}]]}}
                  ip: {value: {get_attr: [port, fixed_ips, 0, ip_address]}}
                  port_ips: {value: [{get_attr: [port, fixed_ips, 0, ip_address]}]}
                """;
        String template = """
                heat_template_version: 2015-04-30
                parameters:
                  count: {type: number, default: 3}
                  to_remove: {type: comma_delimited_list, default: []}
                resources:
                  nodes:
                    type: OS::Heat::ResourceGroup
                    properties:
                      count: {get_param: count}
                      removal_policies: [{resource_list: {get_param: to_remove}}]
                      resource_def:
                        type: member.yaml
                        properties: {index: "%index%"}
                outputs:
                  names: {value: {get_attr: [nodes, name]}}
                  ips: {value: {get_attr: [nodes, ip]}}
                  second: {value: {get_attr: [nodes, resource.1.name]}}
                  ports: {value: {get_attr: [nodes, port_ips, 0]}}
                  refs: {value: {get_attr: [nodes, refs]}}
                """;
        Map<String, String> files = Map.of("member.yaml", member);
        Stack stack = settle(cloud, cloud.stacks().create(request("group", template, files, Map.of())).id());
        assertThat(stack.status()).as(stack.statusReason()).isEqualTo("CREATE_COMPLETE");
        assertThat(stack.outputs().get("names")).isEqualTo(List.of("node-0", "node-1", "node-2"));
        assertThat(stack.outputs().get("second")).isEqualTo("node-1");
        assertThat((List<?>) stack.outputs().get("ips")).hasSize(3).doesNotHaveDuplicates();
        assertThat(stack.outputs().get("ports")).as("a path applies to each member").isEqualTo(stack.outputs().get("ips"));
        List<?> refsBefore = (List<?>) stack.outputs().get("refs");

        stack = update(stack, template, files, Map.of("count", "5"));
        assertThat(stack.outputs().get("names")).isEqualTo(List.of("node-0", "node-1", "node-2", "node-3", "node-4"));
        assertThat(((List<?>) stack.outputs().get("refs")).subList(0, 3)).as("members kept").isEqualTo(refsBefore);

        stack = update(stack, template, files, Map.of("count", "2", "to_remove", "1"));
        assertThat(stack.outputs().get("names")).as("listed first, then highest index").isEqualTo(List.of("node-0", "node-2"));

        stack = update(stack, template, files, Map.of("count", "3", "to_remove", ""));
        // as the real Heat does (seen by openstack-it): a name a removal policy named is never used again; the names
        // removed only to reach the count are
        assertThat(stack.outputs().get("names")).as("only names the removal policies named are not reused")
                .isEqualTo(List.of("node-0", "node-2", "node-3"));

        cloud.stacks().delete(stack.id());
        assertThat(settle(cloud, stack.id())).isNull();
    }

    @Test
    void aFailureInsideAGroupNamesItsPath()
    {
        String member = """
                heat_template_version: 2015-04-30
                resources:
                  server:
                    type: OS::Nova::Server
                    properties: {image: fedora-21-atomic-5, flavor: m1.small}
                """;
        String template = """
                heat_template_version: 2015-04-30
                resources:
                  minions:
                    type: OS::Heat::ResourceGroup
                    properties:
                      count: 2
                      resource_def: {type: minion.yaml}
                """;
        cloud.heat().failResource("server", "Went to status ERROR due to \"Message: No valid host was found.\"");
        Stack stack = settle(cloud, cloud.stacks().create(request("nested-fail", template, Map.of("minion.yaml", member), Map.of())).id());
        assertThat(stack.status()).isEqualTo("CREATE_FAILED");
        assertThat(stack.statusReason()).matches("Resource CREATE failed: ResourceInError: resources\\.minions\\.resources\\[[01]\\]"
                + "\\.resources\\.server: Went to status ERROR due to \"Message: No valid host was found\\.\"");
    }

    @Test
    void aHangingResourceRunsIntoTheTimeout()
    {
        cloud.heat().minute(Duration.ofMillis(100)).hangResource("wait");
        String template = """
                heat_template_version: 2015-04-30
                resources:
                  handle: {type: OS::Heat::WaitConditionHandle}
                  wait:
                    type: OS::Heat::WaitCondition
                    properties: {handle: {get_resource: handle}, timeout: 6000}
                """;
        Stack stack = settle(cloud, cloud.stacks().create(new StackRequest("slow", template, Map.of(), Map.of(), null, 1)).id());
        assertThat(stack.status()).isEqualTo("CREATE_FAILED");
        assertThat(stack.statusReason()).isEqualTo("Timed out");
        assertThat(cloud.stacks().resources(stack.id())).filteredOn(r -> r.name().equals("wait")).singleElement()
                .satisfies(r -> assertThat(r.statusReason()).isEqualTo("CREATE aborted (Task create from HeatWaitCondition"
                        + " \"wait\" Stack \"slow\" [" + stack.id() + "] Timed out)"));
    }

    @Test
    void aWaitConditionThatIsNeverSignalledTimesOut()
    {
        cloud.heat().minute(Duration.ofMillis(60)).hangResource("wait");
        String template = """
                heat_template_version: 2015-04-30
                resources:
                  handle: {type: OS::Heat::WaitConditionHandle}
                  wait:
                    type: OS::Heat::WaitCondition
                    properties: {handle: {get_resource: handle}, timeout: 1}
                """;
        Stack stack = settle(cloud, cloud.stacks().create(request("unsignalled", template, Map.of())).id());
        assertThat(stack.statusReason()).isEqualTo("Resource CREATE failed: WaitConditionTimeout: resources.wait: 0 of 1 received");
    }

    @Test
    void updatesKeepWhatDidNotChange()
    {
        String v1 = """
                heat_template_version: 2015-04-30
                parameters:
                  text: {type: string, default: one}
                resources:
                  keep: {type: OS::Heat::RandomString}
                  config: {type: OS::Heat::SoftwareConfig, properties: {config: {get_param: text}}}
                  gone: {type: OS::Heat::None}
                outputs:
                  keep: {value: {get_attr: [keep, value]}}
                  config: {value: {get_attr: [config, config]}}
                """;
        String v2 = v1.replace("  gone: {type: OS::Heat::None}\n", "  fresh: {type: OS::Heat::None}\n");
        Stack created = settle(cloud, cloud.stacks().create(request("upd", v1, Map.of())).id());
        Object kept = created.outputs().get("keep");
        Stack stack = update(created, v2, Map.of(), Map.of("text", "two"));
        assertThat(stack.statusReason()).isEqualTo("Stack UPDATE completed successfully");
        assertThat(stack.outputs().get("keep")).isEqualTo(kept);
        assertThat(stack.outputs().get("config")).isEqualTo("two");
        assertThat(cloud.stacks().resources(stack.id())).extracting(StackResource::name).containsExactly("keep", "config", "fresh");
        assertThat(cloud.stacks().events(stack.id())).anySatisfy(e -> {
            assertThat(e.resourceName()).isEqualTo("gone");
            assertThat(e.status()).isEqualTo("DELETE_COMPLETE");
        });
        assertThat(cloud.stacks().events(stack.id())).noneMatch(e -> e.resourceName().equals("keep") && e.status().startsWith("UPDATE"));
        assertThatThrownBy(() -> cloud.stacks().update(stack.id(), request("upd", v1, Map.of("text", "x", "bogus", "1"))))
                .isInstanceOf(InvalidStackException.class).hasMessage("The Parameter (bogus) was not defined in template.");
        assertThat(cloud.stacks().get(stack.id()).orElseThrow().status()).as("a refused update changes nothing")
                .isEqualTo("UPDATE_COMPLETE");
    }

    @Test
    void deletesInReverseOrderAndForgetsTheStack()
    {
        Stack stack = settle(cloud, cloud.stacks().create(request("del", NETWORKED, Map.of())).id());
        cloud.heat().defaultLatency(Duration.ofMillis(50));
        cloud.stacks().delete(stack.id());
        cloud.stacks().delete(stack.id());
        assertThat(cloud.stacks().get(stack.id()).orElseThrow().status()).isEqualTo("DELETE_IN_PROGRESS");
        List<StackEvent> seen = List.of();
        while (true) {
            try {
                seen = cloud.stacks().events(stack.id());
            }
            catch (StackNotFoundException gone) {
                break;
            }
        }
        // the server needs the port, the port the subnet: they go in the reverse order
        assertThat(indexOf(seen, "server", "DELETE_COMPLETE")).isLessThan(indexOf(seen, "port", "DELETE_IN_PROGRESS"));
        assertThat(indexOf(seen, "port", "DELETE_COMPLETE")).isLessThan(indexOf(seen, "subnet", "DELETE_IN_PROGRESS"));
        assertThat(cloud.stacks().get(stack.id())).isEmpty();
        assertThat(cloud.stacks().list()).isEmpty();
        assertThatThrownBy(() -> cloud.stacks().delete(stack.id())).isInstanceOf(StackNotFoundException.class)
                .hasMessage("The Stack (" + stack.id() + ") could not be found.");

    }

    @Test
    void aDeleteDuringCreateCancelsIt()
    {
        cloud.heat().latency("OS::Heat::TestResource", Duration.ofMillis(300));
        Stack stack = cloud.stacks().create(request("cancel", """
                heat_template_version: 2015-04-30
                resources:
                  a: {type: OS::Heat::TestResource}
                  b: {type: OS::Heat::TestResource, depends_on: a}
                """, Map.of()));
        cloud.stacks().delete(stack.id());
        assertThat(settle(cloud, stack.id())).isNull();
    }

    @Test
    void listsManyStacksInOneCall()
    {
        Stack a = cloud.stacks().create(request("s1", "heat_template_version: 2015-04-30\n", Map.of()));
        Stack b = cloud.stacks().create(request("s2", "heat_template_version: 2015-04-30\n", Map.of()));
        long before = cloud.heat().calls("list");
        List<Stack> listed = cloud.stacks().list(List.of(a.id(), b.id(), "missing"));
        assertThat(listed).extracting(Stack::name).containsExactlyInAnyOrder("s1", "s2");
        assertThat(listed).as("as Heat lists them: no outputs, no parameters")
                .allSatisfy(s -> assertThat(s.outputs()).isEmpty()).allSatisfy(s -> assertThat(s.parameters()).isEmpty());
        assertThat(cloud.heat().calls("list") - before).isEqualTo(1);
        assertThat(cloud.stacks().get("s1")).isPresent();
        assertThatThrownBy(() -> cloud.stacks().create(request("s1", "heat_template_version: 2015-04-30\n", Map.of())))
                .isInstanceOf(InvalidStackException.class).hasMessage("The Stack (s1) already exists.");
        cloud.heat().failNextCall("get", "connection refused");
        assertThatThrownBy(() -> cloud.stacks().get("s1")).isInstanceOf(io.magnum.spi.cloud.CloudException.class)
                .hasMessage("connection refused");
        assertThat(cloud.stacks().get("s1")).isPresent();
    }

    private Stack update(Stack stack, String template, Map<String, String> files, Map<String, String> params)
    {
        cloud.stacks().update(stack.id(), request(stack.name(), template, files, params));
        Stack updated = settle(cloud, stack.id());
        assertThat(updated.status()).as(updated.statusReason()).isEqualTo("UPDATE_COMPLETE");
        return updated;
    }

    private static boolean completedBefore(List<StackEvent> events, String first, String second)
    {
        return indexOf(events, first, "CREATE_COMPLETE") < indexOf(events, second, "CREATE_IN_PROGRESS");
    }

    private static int indexOf(List<StackEvent> events, String resource, String status)
    {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i).resourceName().equals(resource) && events.get(i).status().equals(status)) {
                return i;
            }
        }
        throw new AssertionError("no " + status + " event for " + resource + " in " + events);
    }
}
