package io.magnum.local.heat;

import io.magnum.local.LocalCloud;
import io.magnum.spi.cloud.Stack;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.magnum.local.heat.Stacks.request;
import static io.magnum.local.heat.Stacks.resource;
import static io.magnum.local.heat.Stacks.settle;
import static org.assertj.core.api.Assertions.assertThat;

/** HOT written for real Heat, in the style of the public heat-templates examples, runs on LocalCloud. */
class ForeignTemplatesTest
{
    private final LocalCloud cloud = LocalCloud.create();

    @AfterEach
    void close()
    {
        cloud.close();
    }

    @Test
    void serversInANewNetwork()
    {
        Stack stack = createAndSettle("servers", resource("/hot/servers_in_new_net.yaml"), Map.of(), Map.of(
                "key_name", "testkey", "image", "fedora-21-atomic-5", "flavor", "m1.small", "public_net", "public",
                "private_net_name", "app-net", "private_net_cidr", "192.168.10.0/24", "private_net_gateway", "192.168.10.1",
                "private_net_pool_start", "192.168.10.20", "private_net_pool_end", "192.168.10.200"));
        // the two ports are made concurrently: each takes one of the pool's first two addresses
        assertThat(List.of(stack.outputs().get("server1_private_ip"), stack.outputs().get("server2_private_ip")))
                .as("from the allocation pool").containsExactlyInAnyOrder("192.168.10.20", "192.168.10.21");
        assertThat((String) stack.outputs().get("server1_public_ip")).startsWith("172.24.4.");
        deleteAndForget(stack);
    }

    @Test
    void aGroupOfNestedInstances()
    {
        Stack stack = createAndSettle("group", resource("/hot/group_of_instances.yaml"),
                Map.of("instance.yaml", resource("/hot/instance.yaml")), Map.of("count", "4"));
        assertThat(stack.outputs().get("names")).isEqualTo(List.of("instance-0", "instance-1", "instance-2", "instance-3"));
        assertThat((List<?>) stack.outputs().get("addresses")).hasSize(4).doesNotHaveDuplicates();
        assertThat(stack.outputs().get("first_volume")).isNotNull();
        assertThat(stack.outputs().get("all")).isEqualTo("instance-0,instance-1,instance-2,instance-3");
        deleteAndForget(stack);
    }

    @Test
    void softwareConfigWithAWaitCondition()
    {
        Stack stack = createAndSettle("software", resource("/hot/software_config_wait.yaml"), Map.of(), Map.of("greeting", "hi"));
        assertThat((String) stack.outputs().get("user_data")).contains("#cloud-config", "name: deployer",
                "echo \"hi\" > /etc/motd", "curl -i -X POST");
        assertThat(stack.outputs().get("status_code")).isEqualTo(0L);
        assertThat(stack.outputs().get("wait_data")).isEqualTo("{\"1\": null}");
        deleteAndForget(stack);
    }

    private Stack createAndSettle(String name, String template, Map<String, String> files, Map<String, String> params)
    {
        Stack stack = settle(cloud, cloud.stacks().create(request(name, template, files, params)).id());
        assertThat(stack.status()).as(stack.statusReason()).isEqualTo("CREATE_COMPLETE");
        return stack;
    }

    private void deleteAndForget(Stack stack)
    {
        cloud.stacks().delete(stack.id());
        assertThat(settle(cloud, stack.id())).isNull();
    }
}
