package io.magnum.local.heat;

import io.magnum.local.LocalCloud;
import io.magnum.spi.cloud.Stack;
import io.magnum.spi.cloud.StackRequest;
import io.magnum.spi.cloud.StackResource;
import io.magnum.templates.HeatTemplates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.magnum.local.heat.Stacks.settle;
import static org.assertj.core.api.Assertions.assertThat;

/** Every template of heat-templates through create, scale up, scale down and delete on LocalCloud. */
class MagnumTemplatesTest
{
    private final LocalCloud cloud = LocalCloud.create();

    @AfterEach
    void close()
    {
        cloud.close();
    }

    @Test
    void kubernetes()
    {
        Map<String, String> files = HeatTemplates.load("kubernetes");
        Map<String, String> params = common("fedora-21-atomic-5");
        params.put("discovery_url", "https://discovery.etcd.io/abc");
        params.put("user_token", "token");
        params.put("username", "admin");
        params.put("tenant_name", "admin");
        params.put("number_of_minions", "1");
        params.put("docker_volume_size", "5");
        Stack stack = create("k8sbay", files.get("kubecluster.yaml"), files, params);
        assertCounts(stack, "kube_masters", 1, "kube_minions", 1);
        assertThat((String) stack.outputs().get("api_address")).startsWith("172.24.4.");
        assertThat(cloud.stacks().resources(stack.id())).extracting(StackResource::name)
                .contains("kube_masters", "kube_minions", "loadbalancer");

        List<?> minions = (List<?>) stack.outputs().get("kube_minions_private");
        params.put("number_of_minions", "3");
        stack = update(stack, files.get("kubecluster.yaml"), files, params);
        assertCounts(stack, "kube_masters", 1, "kube_minions", 3);
        assertThat(((List<?>) stack.outputs().get("kube_minions_private")).get(0)).as("the first minion stays")
                .isEqualTo(minions.get(0));

        // minions are named by their floating address, as the bay's node_addresses show them
        @SuppressWarnings("unchecked")
        List<Object> three = (List<Object>) stack.outputs().get("kube_minions");
        params.put("number_of_minions", "2");
        params.put("minions_to_remove", String.valueOf(three.get(0)));
        stack = update(stack, files.get("kubecluster.yaml"), files, params);
        assertCounts(stack, "kube_masters", 1, "kube_minions", 2);
        @SuppressWarnings("unchecked")
        List<Object> two = (List<Object>) stack.outputs().get("kube_minions");
        assertThat(two).as("the minion named by address went")
                .doesNotContain(three.get(0)).containsExactly(three.get(1), three.get(2));

        delete(stack);
    }

    @Test
    void kubernetesWithSeveralMastersAndNoVolume()
    {
        Map<String, String> files = HeatTemplates.load("kubernetes");
        Map<String, String> params = common("fedora-21-atomic-5");
        params.put("discovery_url", "https://discovery.etcd.io/abc");
        params.put("user_token", "token");
        params.put("username", "admin");
        params.put("tenant_name", "admin");
        params.put("number_of_masters", "3");
        params.put("number_of_minions", "2");
        params.put("docker_volume_size", "0");
        params.put("tls_disabled", "true");
        Stack stack = create("k8sha", files.get("kubecluster.yaml"), files, params);
        assertCounts(stack, "kube_masters", 3, "kube_minions", 2);
        assertThat(cloud.stacks().events(stack.id())).noneMatch(e -> e.resourceName().equals("docker_volume"));
        delete(stack);
    }

    @Test
    void swarm()
    {
        Map<String, String> files = HeatTemplates.load("swarm");
        Map<String, String> params = common("fedora-21-atomic-5");
        params.put("discovery_url", "https://discovery.etcd.io/abc");
        params.put("user_token", "token");
        params.put("number_of_nodes", "1");
        params.put("docker_volume_size", "5");
        Stack stack = create("swarmbay", files.get("swarmcluster.yaml"), files, params);
        assertCounts(stack, "swarm_masters", 1, "swarm_nodes", 1);
        assertThat(stack.outputs().get("discovery_url")).isEqualTo("https://discovery.etcd.io/abc");

        params.put("number_of_nodes", "3");
        stack = update(stack, files.get("swarmcluster.yaml"), files, params);
        assertCounts(stack, "swarm_masters", 1, "swarm_nodes", 3);

        @SuppressWarnings("unchecked")
        List<Object> three = (List<Object>) stack.outputs().get("swarm_nodes_private");
        params.put("number_of_nodes", "2");
        params.put("nodes_to_remove", String.valueOf(three.get(1)));
        stack = update(stack, files.get("swarmcluster.yaml"), files, params);
        @SuppressWarnings("unchecked")
        List<Object> two = (List<Object>) stack.outputs().get("swarm_nodes_private");
        assertThat(two).containsExactly(three.get(0), three.get(2));
        delete(stack);
    }

    @Test
    void mesos()
    {
        Map<String, String> files = HeatTemplates.load("mesos");
        Map<String, String> params = common("ubuntu-mesos");
        params.remove("bay_uuid");
        params.remove("magnum_url");
        params.put("username", "admin");
        params.put("tenant_name", "admin");
        params.put("number_of_masters", "3");
        params.put("number_of_slaves", "1");
        params.put("cluster_name", "mesosbay");
        Stack stack = create("mesosbay", files.get("mesoscluster.yaml"), files, params);
        assertCounts(stack, "mesos_master", 3, "mesos_slaves", 1);

        params.put("number_of_slaves", "4");
        stack = update(stack, files.get("mesoscluster.yaml"), files, params);
        assertCounts(stack, "mesos_master", 3, "mesos_slaves", 4);

        @SuppressWarnings("unchecked")
        List<Object> four = (List<Object>) stack.outputs().get("mesos_slaves_private");
        params.put("number_of_slaves", "3");
        params.put("slaves_to_remove", String.valueOf(four.get(0)));
        stack = update(stack, files.get("mesoscluster.yaml"), files, params);
        assertCounts(stack, "mesos_master", 3, "mesos_slaves", 3);
        @SuppressWarnings("unchecked")
        List<Object> three = (List<Object>) stack.outputs().get("mesos_slaves_private");
        assertThat(three).containsExactly(four.get(1), four.get(2), four.get(3));
        delete(stack);
    }

    static Map<String, String> common(String image)
    {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("ssh_key_name", "testkey");
        params.put("server_image", image);
        params.put("external_network", "public");
        params.put("bay_uuid", "5d12f6fd-a196-4bf0-ae4c-1f639a523a52");
        params.put("magnum_url", "http://127.0.0.1:9511/v1");
        params.put("auth_url", "http://127.0.0.1:5000/v3");
        return params;
    }

    Stack create(String name, String template, Map<String, String> files, Map<String, String> params)
    {
        Stack stack = settle(cloud, cloud.stacks().create(new StackRequest(name, template, files, params, null, 60)).id());
        assertThat(stack.status()).as(stack.statusReason()).isEqualTo("CREATE_COMPLETE");
        return stack;
    }

    Stack update(Stack stack, String template, Map<String, String> files, Map<String, String> params)
    {
        cloud.stacks().update(stack.id(), new StackRequest(stack.name(), template, files, params, null, 60));
        Stack updated = settle(cloud, stack.id());
        assertThat(updated.status()).as(updated.statusReason()).isEqualTo("UPDATE_COMPLETE");
        return updated;
    }

    void delete(Stack stack)
    {
        cloud.stacks().delete(stack.id());
        assertThat(settle(cloud, stack.id())).isNull();
    }

    static void assertCounts(Stack stack, String masters, int masterCount, String nodes, int nodeCount)
    {
        assertThat((List<?>) stack.outputs().get(masters)).hasSize(masterCount).doesNotContainNull();
        assertThat((List<?>) stack.outputs().get(masters + "_private")).hasSize(masterCount).doesNotContainNull();
        assertThat((List<?>) stack.outputs().get(nodes)).hasSize(nodeCount).doesNotContainNull().doesNotHaveDuplicates();
        assertThat((List<?>) stack.outputs().get(nodes + "_private")).hasSize(nodeCount).doesNotContainNull().doesNotHaveDuplicates();
    }
}
