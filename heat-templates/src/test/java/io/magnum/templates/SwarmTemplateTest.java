package io.magnum.templates;

import static io.magnum.templates.TemplateTestSupport.HEAT_PARAMS_WRITTEN;
import static io.magnum.templates.TemplateTestSupport.QUOTED_PLACEHOLDER;
import static io.magnum.templates.TemplateTestSupport.assertAppearsOnce;
import static io.magnum.templates.TemplateTestSupport.assertBashFragments;
import static io.magnum.templates.TemplateTestSupport.assertBrokenCopiesReported;
import static io.magnum.templates.TemplateTestSupport.assertDefault;
import static io.magnum.templates.TemplateTestSupport.assertDescribed;
import static io.magnum.templates.TemplateTestSupport.assertHidden;
import static io.magnum.templates.TemplateTestSupport.assertMagnumParameterConventions;
import static io.magnum.templates.TemplateTestSupport.assertPlaceholdersAppearAndNoneHidesAnother;
import static io.magnum.templates.TemplateTestSupport.assertUsesAllItsParameters;
import static io.magnum.templates.TemplateTestSupport.constraints;
import static io.magnum.templates.TemplateTestSupport.fileReplacements;
import static io.magnum.templates.TemplateTestSupport.firstOfEachType;
import static io.magnum.templates.TemplateTestSupport.list;
import static io.magnum.templates.TemplateTestSupport.map;
import static io.magnum.templates.TemplateTestSupport.names;
import static io.magnum.templates.TemplateTestSupport.partConfigs;
import static io.magnum.templates.TemplateTestSupport.presentFragments;
import static io.magnum.templates.TemplateTestSupport.properties;
import static io.magnum.templates.TemplateTestSupport.referencedFiles;
import static io.magnum.templates.TemplateTestSupport.replacedNames;
import static io.magnum.templates.TemplateTestSupport.rulePorts;
import static io.magnum.templates.TemplateTestSupport.run;
import static io.magnum.templates.TemplateTestSupport.section;
import static io.magnum.templates.TemplateTestSupport.softwareConfigs;
import static io.magnum.templates.TemplateTestSupport.strReplace;
import static io.magnum.templates.TemplateTestSupport.type;
import static io.magnum.templates.TemplateTestSupport.typeCounts;
import static io.magnum.templates.TemplateTestSupport.unusedParameters;
import static io.magnum.templates.TemplateTestSupport.value;
import static io.magnum.templates.TemplateTestSupport.variablesRead;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Swarm (Fedora Atomic) bay templates: swarmcluster.yaml, swarmmaster.yaml, swarmnode.yaml, fragments/. */
class SwarmTemplateTest {

    private static final String DIR = "io/magnum/templates/swarm";
    private static final String MAIN = "swarmcluster.yaml";
    private static final String MASTER = "swarmmaster.yaml";
    private static final String NODE = "swarmnode.yaml";

    /** The parameters Magnum's fedora-atomic Swarm definition passes (or may pass). */
    private static final List<String> MAGNUM_PARAMETERS = List.of(
            "ssh_key_name", "external_network", "discovery_url", "user_token", "bay_uuid", "magnum_url",
            "server_image", "master_flavor", "node_flavor", "dns_nameserver", "http_proxy", "https_proxy",
            "no_proxy", "number_of_masters", "number_of_nodes", "fixed_network_cidr", "tls_disabled",
            "network_driver", "flannel_network_cidr", "flannel_network_subnetlen", "flannel_use_vxlan",
            "flannel_backend", "docker_volume_size", "loadbalancing_protocol", "swarm_port", "swarm_version",
            "wait_condition_timeout", "nodes_to_remove", "trustee_domain_id", "trustee_user_id", "trustee_username",
            "trustee_password", "trust_id", "auth_url");

    /** What a stack must pass: Magnum always has these, and none has a sensible default. */
    private static final Set<String> REQUIRED = Set.of(
            "ssh_key_name", "external_network", "discovery_url", "user_token", "bay_uuid", "magnum_url", "auth_url");

    /** Accepted because Magnum passes them to every bay, but nothing on a swarm server needs them. */
    private static final Set<String> ACCEPTED_UNUSED = Set.of(
            "trustee_domain_id", "trustee_user_id", "trustee_username", "trustee_password", "trust_id", "auth_url");

    /** Variables a boot script may read that come from systemd, flannel or bash, not from heat-params. */
    private static final Set<String> RUNTIME_VARIABLES = Set.of(
            "FLANNEL_SUBNET", "FLANNEL_MTU", "FLANNEL_ETCD", "FLANNEL_ETCD_KEY", "FLANNEL_ETCD_ENDPOINTS",
            "FLANNEL_ETCD_PREFIX", "OPTIONS", "DOCKER_STORAGE_OPTIONS", "DOCKER_NETWORK_OPTIONS", "INSECURE_REGISTRY");

    @Test
    void templatesPassTheStaticChecks() {
        assertThat(TemplateChecks.check(DIR, MAIN)).isEmpty();
    }

    @Test
    void declaresMagnumsParametersAndRequiresOnlyWhatHasNoSensibleDefault() {
        assertThat(TemplateChecks.parameters(DIR, MAIN)).containsExactlyInAnyOrderElementsOf(MAGNUM_PARAMETERS);
        assertThat(TemplateChecks.requiredParameters(DIR, MAIN)).containsExactlyInAnyOrderElementsOf(REQUIRED);
    }

    @Test
    void parameterDefaultsTypesAndConstraintsFollowMagnum() {
        Map<String, Object> params = section(DIR, MAIN, "parameters");
        assertMagnumParameterConventions(params, "node_flavor", "number_of_nodes");
        assertDefault(params, "server_image", "fedora-atomic");
        assertDefault(params, "tls_disabled", false);
        assertDefault(params, "network_driver", "docker");
        assertDefault(params, "flannel_network_cidr", "10.100.0.0/16");
        assertDefault(params, "flannel_network_subnetlen", "24");
        assertDefault(params, "flannel_use_vxlan", "false");
        assertDefault(params, "flannel_backend", "udp");
        assertDefault(params, "docker_volume_size", 0);
        assertDefault(params, "loadbalancing_protocol", "TCP");
        assertDefault(params, "swarm_port", 2376);
        assertDefault(params, "swarm_version", "1.0.0");
        assertDefault(params, "nodes_to_remove", List.of());

        assertThat(type(params, "tls_disabled")).isEqualTo("boolean");
        assertThat(type(params, "docker_volume_size")).isEqualTo("number");
        assertThat(type(params, "number_of_masters")).isEqualTo("number");
        assertThat(type(params, "number_of_nodes")).isEqualTo("number");
        assertThat(type(params, "swarm_port")).isEqualTo("number");
        assertThat(type(params, "nodes_to_remove")).isEqualTo("comma_delimited_list");
        assertHidden(params, List.of("user_token"));

        assertThat(constraints(params, "network_driver"))
                .contains(Map.of("allowed_values", List.of("docker", "flannel")));
        assertThat(constraints(params, "loadbalancing_protocol"))
                .contains(Map.of("allowed_values", List.of("TCP", "HTTP")));
        assertThat(constraints(params, "flannel_use_vxlan"))
                .contains(Map.of("allowed_values", List.of("true", "false")));
        assertDescribed(params, MAGNUM_PARAMETERS);
    }

    @Test
    void outputsAreMagnumsAndComeFromTheNestedTemplates() {
        assertThat(TemplateChecks.outputs(DIR, MAIN)).containsExactlyInAnyOrder(
                "api_address", "swarm_masters", "swarm_masters_private", "swarm_nodes", "swarm_nodes_private",
                "discovery_url");
        Map<String, Object> outputs = section(DIR, MAIN, "outputs");
        assertDescribed(outputs, outputs.keySet());
        assertThat(value(outputs, "api_address"))
                .isEqualTo(Map.of("get_attr", List.of("api_floating", "floating_ip_address")));
        assertThat(value(outputs, "swarm_masters"))
                .isEqualTo(Map.of("get_attr", List.of("swarm_masters", "swarm_master_external_ip")));
        assertThat(value(outputs, "swarm_masters_private"))
                .isEqualTo(Map.of("get_attr", List.of("swarm_masters", "swarm_master_ip")));
        assertThat(value(outputs, "swarm_nodes"))
                .isEqualTo(Map.of("get_attr", List.of("swarm_nodes", "swarm_node_external_ip")));
        assertThat(value(outputs, "swarm_nodes_private"))
                .isEqualTo(Map.of("get_attr", List.of("swarm_nodes", "swarm_node_ip")));
        assertThat(value(outputs, "discovery_url")).isEqualTo(Map.of("get_param", "discovery_url"));

        assertThat(TemplateChecks.outputs(DIR, MASTER)).containsExactlyInAnyOrder(
                "swarm_master_ip", "swarm_master_external_ip");
        assertThat(TemplateChecks.outputs(DIR, NODE)).containsExactlyInAnyOrder(
                "swarm_node_ip", "swarm_node_external_ip", "OS::stack_id");
    }

    @Test
    void clusterHasTheNetworkSecurityGroupsLoadBalancersAndGroups() {
        Map<String, Object> resources = section(DIR, MAIN, "resources");
        assertThat(typeCounts(resources)).containsEntry("OS::Neutron::Net", 1L)
                .containsEntry("OS::Neutron::Subnet", 1L)
                .containsEntry("OS::Neutron::Router", 1L)
                .containsEntry("OS::Neutron::RouterInterface", 1L)
                .containsEntry("OS::Neutron::SecurityGroup", 3L)
                .containsEntry("OS::Neutron::LBaaS::LoadBalancer", 2L)
                .containsEntry("OS::Neutron::LBaaS::Listener", 2L)
                .containsEntry("OS::Neutron::LBaaS::Pool", 2L)
                .containsEntry("OS::Neutron::LBaaS::HealthMonitor", 2L)
                .containsEntry("OS::Neutron::FloatingIP", 1L)
                .containsEntry("OS::Heat::ResourceGroup", 2L);

        assertThat(properties(resources, "fixed_subnet").get("cidr"))
                .isEqualTo(Map.of("get_param", "fixed_network_cidr"));
        assertThat(properties(resources, "fixed_subnet").get("dns_nameservers"))
                .isEqualTo(List.of(Map.of("get_param", "dns_nameserver")));
        assertThat(map(properties(resources, "extrouter").get("external_gateway_info")).get("network"))
                .isEqualTo(Map.of("get_param", "external_network"));

        // the swarm API: listener on swarm_port with the chosen protocol, public through a floating IP
        Map<String, Object> listener = properties(resources, "api_listener");
        assertThat(listener.get("protocol_port")).isEqualTo(Map.of("get_param", "swarm_port"));
        assertThat(listener.get("protocol")).isEqualTo(Map.of("get_param", "loadbalancing_protocol"));
        assertThat(properties(resources, "api_floating").get("port_id"))
                .isEqualTo(Map.of("get_attr", List.of("api_loadbalancer", "vip_port_id")));
        // etcd: private, no floating IP on its load balancer
        assertThat(properties(resources, "etcd_listener").get("protocol_port")).isEqualTo(2379);
        resources.values().stream().filter(r -> "OS::Neutron::FloatingIP".equals(map(r).get("type")))
                .forEach(r -> assertThat(String.valueOf(map(map(r).get("properties")).get("port_id")))
                        .doesNotContain("etcd"));

        assertThat(rulePorts(resources, "secgroup_base")).contains(22);
        assertThat(rulePorts(resources, "secgroup_swarm_master")).contains(Map.of("get_param", "swarm_port"), 2375);
        assertThat(rulePorts(resources, "secgroup_swarm_node")).contains(2375);

        Map<String, Object> masters = properties(resources, "swarm_masters");
        assertThat(masters.get("count")).isEqualTo(Map.of("get_param", "number_of_masters"));
        assertThat(map(masters.get("resource_def")).get("type")).isEqualTo(MASTER);
        Map<String, Object> nodes = properties(resources, "swarm_nodes");
        assertThat(nodes.get("count")).isEqualTo(Map.of("get_param", "number_of_nodes"));
        assertThat(map(nodes.get("resource_def")).get("type")).isEqualTo(NODE);
        assertThat(nodes.get("removal_policies"))
                .isEqualTo(List.of(Map.of("resource_list", Map.of("get_param", "nodes_to_remove"))));
        assertThat(list(map(resources.get("swarm_nodes")).get("depends_on")))
                .as("nodes boot once the masters' etcd is up").contains("swarm_masters");
        assertThat(map(map(masters.get("resource_def")).get("properties")).get("server_flavor"))
                .isEqualTo(Map.of("get_param", "master_flavor"));
        assertThat(map(map(nodes.get("resource_def")).get("properties")).get("server_flavor"))
                .isEqualTo(Map.of("get_param", "node_flavor"));
    }

    @Test
    void everyServerHasPortFloatingIpWaitConditionAndOptionalDockerVolume() {
        for (String template : List.of(MASTER, NODE)) {
            Map<String, Object> loaded = TemplateChecks.load(DIR, template);
            Map<String, Object> resources = map(loaded.get("resources"));
            Map<String, String> byType = firstOfEachType(resources);
            assertThat(byType).as(template).containsKeys("OS::Nova::Server", "OS::Neutron::Port",
                    "OS::Neutron::FloatingIP", "OS::Heat::WaitConditionHandle", "OS::Heat::WaitCondition",
                    "OS::Heat::MultipartMime", "OS::Heat::SoftwareConfig", "OS::Cinder::Volume",
                    "OS::Cinder::VolumeAttachment");

            Map<String, Object> server = properties(resources, byType.get("OS::Nova::Server"));
            assertThat(server.get("user_data_format")).isEqualTo("RAW");
            assertThat(server.get("user_data"))
                    .isEqualTo(Map.of("get_resource", byType.get("OS::Heat::MultipartMime")));
            assertThat(server.get("networks"))
                    .isEqualTo(List.of(Map.of("port", Map.of("get_resource", byType.get("OS::Neutron::Port")))));
            Map<String, Object> port = properties(resources, byType.get("OS::Neutron::Port"));
            assertThat(port.get("network")).isEqualTo(Map.of("get_param", "fixed_network"));
            assertThat((List<?>) port.get("security_groups")).hasSize(2);
            Map<String, Object> floating = properties(resources, byType.get("OS::Neutron::FloatingIP"));
            assertThat(floating.get("floating_network")).isEqualTo(Map.of("get_param", "external_network"));
            assertThat(floating.get("port_id")).isEqualTo(Map.of("get_resource", byType.get("OS::Neutron::Port")));
            Map<String, Object> wait = properties(resources, byType.get("OS::Heat::WaitCondition"));
            assertThat(wait.get("timeout")).isEqualTo(Map.of("get_param", "wait_condition_timeout"));
            assertThat(wait.get("handle"))
                    .isEqualTo(Map.of("get_resource", byType.get("OS::Heat::WaitConditionHandle")));
            assertThat(list(map(resources.get(byType.get("OS::Heat::WaitCondition"))).get("depends_on")))
                    .containsExactly(byType.get("OS::Nova::Server"));

            // the docker volume exists only when docker_volume_size > 0
            Map<String, Object> conditions = map(loaded.get("conditions"));
            assertThat(conditions.get("volume_enabled")).isEqualTo(Map.of("not",
                    Map.of("equals", List.of(Map.of("get_param", "docker_volume_size"), 0))));
            assertThat(map(resources.get(byType.get("OS::Cinder::Volume"))).get("condition"))
                    .isEqualTo("volume_enabled");
            assertThat(map(resources.get(byType.get("OS::Cinder::VolumeAttachment"))).get("condition"))
                    .isEqualTo("volume_enabled");
            Map<String, Object> attach = properties(resources, byType.get("OS::Cinder::VolumeAttachment"));
            assertThat(attach.get("instance_uuid")).isEqualTo(Map.of("get_resource", byType.get("OS::Nova::Server")));

            // every boot script is a part of the user data: the parameters first, the signal last
            List<Object> partConfigs = partConfigs(resources, byType.get("OS::Heat::MultipartMime"));
            assertThat(new TreeSet<>(partConfigs)).as(template).isEqualTo(softwareConfigs(resources));
            assertThat(partConfigs.get(0)).isEqualTo("write_heat_params");
            assertThat(partConfigs.get(partConfigs.size() - 1)).isEqualTo("wc_notify");
            assertThat(partConfigs.indexOf("add_proxy")).as("proxy settings before docker starts")
                    .isLessThan(partConfigs.indexOf("enable_services"));
            assertThat(partConfigs.indexOf("make_cert")).as("certificates before docker's unit")
                    .isLessThan(partConfigs.indexOf("write_docker_service"));
        }

        Map<String, Object> master = section(DIR, MASTER, "resources");
        Map<String, Object> apiMember = properties(master, "api_pool_member");
        assertThat(apiMember.get("pool")).isEqualTo(Map.of("get_param", "api_pool_id"));
        assertThat(apiMember.get("protocol_port")).isEqualTo(Map.of("get_param", "swarm_port"));
        Map<String, Object> etcdMember = properties(master, "etcd_pool_member");
        assertThat(etcdMember.get("pool")).isEqualTo(Map.of("get_param", "etcd_pool_id"));
        assertThat(etcdMember.get("protocol_port")).isEqualTo(2379);
        assertThat(master).as("the master runs etcd and the swarm manager")
                .containsKeys("configure_etcd", "write_swarm_manager_service", "network_config_service");
        Map<String, Object> node = section(DIR, NODE, "resources");
        assertThat(node).as("a node runs the swarm agent").containsKey("write_swarm_agent_service")
                .doesNotContainKeys("configure_etcd", "write_swarm_manager_service");
    }

    @Test
    void everyReferencedFragmentExistsIsUsedAndIsValidBash() throws Exception {
        Set<String> fragments = referencedFiles(DIR, List.of(MAIN, MASTER, NODE));
        assertThat(fragments).allMatch(f -> f.startsWith("fragments/"));
        assertThat(fragments).containsExactlyInAnyOrder("fragments/write-heat-params.sh",
                "fragments/configure-docker-storage.sh", "fragments/make-cert.sh", "fragments/configure-etcd.sh",
                "fragments/write-network-config.sh", "fragments/network-config-service.sh",
                "fragments/network-service.sh", "fragments/write-docker-service.sh",
                "fragments/write-swarm-manager-service.sh", "fragments/write-swarm-agent-service.sh",
                "fragments/add-proxy.sh", "fragments/enable-services.sh", "fragments/wc-notify.sh");

        assertBashFragments(DIR, fragments);
        assertThat(presentFragments(DIR)).as("every fragment is used").isEqualTo(new TreeSet<>(fragments));
    }

    @Test
    void strReplacePlaceholdersAllMatchAndNoneHidesAnother() {
        for (String template : List.of(MASTER, NODE)) {
            for (Map<String, Object> replace : fileReplacements(TemplateChecks.load(DIR, template))) {
                String file = (String) map(replace.get("template")).get("get_file");
                String text = TemplateChecks.readText(DIR, file);
                Set<String> keys = map(replace.get("params")).keySet();
                assertPlaceholdersAppearAndNoneHidesAnother(template, file, text, keys, false);
                if (file.endsWith("write-heat-params.sh")) {
                    assertThat(names(QUOTED_PLACEHOLDER, text)).as(template + ": every heat-params value has a placeholder")
                            .isEqualTo(new TreeSet<>(keys));
                }
            }
        }
        assertAppearsOnce(DIR, "fragments/wc-notify.sh", "WC_NOTIFY_CURL");
    }

    @Test
    void bootScriptsReadOnlyWhatHeatParamsDefines() {
        String paramsScript = TemplateChecks.readText(DIR, "fragments/write-heat-params.sh");
        Set<String> available = names(HEAT_PARAMS_WRITTEN, paramsScript);
        assertThat(available).contains("SWARM_NODE_IP", "TLS_DISABLED_NORMALISED", "SWARM_DISCOVERY",
                "ETCD_DISCOVERY_URL", "NO_PROXY_ALL");
        List<String> problems = new ArrayList<>();
        for (String template : List.of(MASTER, NODE)) {
            Set<String> replaced = replacedNames(DIR, template);
            for (String fragment : TemplateChecks.referencedFiles(DIR, template)) {
                if (fragment.endsWith("write-heat-params.sh")) {
                    continue;
                }
                Set<String> used = variablesRead(TemplateChecks.readText(DIR, fragment));
                used.removeAll(available);
                used.removeAll(replaced);
                used.removeAll(RUNTIME_VARIABLES);
                if (!used.isEmpty()) {
                    problems.add(template + ": " + fragment + " reads " + used + ", which heat-params lacks");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyParameterIsUsed() {
        assertUsesAllItsParameters(DIR, List.of(MASTER, NODE));
        assertThat(unusedParameters(DIR, MAIN)).isEqualTo(new TreeSet<>(ACCEPTED_UNUSED));
    }

    /**
     * Renders write-heat-params.sh as Heat would and runs it with its paths moved into a temporary directory:
     * the file it writes must source cleanly and give the derived values the other scripts rely on.
     */
    @Test
    void heatParamsRenderSourceAndDeriveDiscoveryTlsAndNoProxy(@TempDir Path tmp) throws Exception {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("$NODE_ROLE", "master");
        values.put("$SWARM_NODE_IP", "10.0.0.5");
        values.put("$SWARM_NODE_PUBLIC_IP", "172.24.4.9");
        values.put("$SWARM_API_IP", "10.0.0.3");
        values.put("$API_IP_ADDRESS", "172.24.4.3");
        values.put("$ETCD_SERVER_IP", "10.0.0.4");
        values.put("$DISCOVERY_URL", "https://discovery.etcd.io/0123abcd");
        values.put("$DOCKER_VOLUME_SIZE", "0");
        values.put("$DOCKER_VOLUME_ID", "");
        values.put("$HTTP_PROXY", "http://proxy.example:3128");
        values.put("$HTTPS_PROXY", "");
        values.put("$NO_PROXY", "internal.example");
        values.put("$BAY_UUID", "5d12f6fd-a196-4bf0-ae4c-1f639a523a52");
        values.put("$USER_TOKEN", "gAAAA$token");
        values.put("$MAGNUM_URL", "http://magnum.example:9511/v1");
        values.put("$TLS_DISABLED", "False"); // str_replace renders a boolean as Python's str(): True/False
        values.put("$NETWORK_DRIVER", "flannel");
        values.put("$FLANNEL_NETWORK_CIDR", "10.100.0.0/16");
        values.put("$FLANNEL_NETWORK_SUBNETLEN", "24");
        values.put("$FLANNEL_USE_VXLAN", "false");
        values.put("$FLANNEL_BACKEND", "udp");
        values.put("$SWARM_PORT", "2376");
        values.put("$SWARM_VERSION", "1.0.0");
        for (String template : List.of(MASTER, NODE)) {
            Map<String, Object> writer = fileReplacements(TemplateChecks.load(DIR, template)).stream()
                    .filter(r -> "fragments/write-heat-params.sh".equals(map(r.get("template")).get("get_file")))
                    .findFirst().orElseThrow();
            assertThat(map(writer.get("params")).keySet()).as(template).isEqualTo(values.keySet());
        }

        Map<String, String> etcd = sourceHeatParams(tmp.resolve("etcd"), values);
        assertThat(etcd).containsEntry("SWARM_NODE_IP", "10.0.0.5")
                .containsEntry("USER_TOKEN", "gAAAA$token")
                .containsEntry("TLS_DISABLED_NORMALISED", "false")
                .containsEntry("ETCD_DISCOVERY_URL", "https://discovery.etcd.io/0123abcd")
                .containsEntry("SWARM_DISCOVERY", "etcd://10.0.0.4:2379/swarm")
                .containsEntry("NO_PROXY_ALL", "internal.example,localhost,127.0.0.1,10.0.0.5,10.0.0.3,10.0.0.4,"
                        + "172.24.4.3");

        values.put("$DISCOVERY_URL", "token://9cd0b2f5d2e6a3a4");
        values.put("$TLS_DISABLED", "True");
        values.put("$NO_PROXY", "");
        Map<String, String> token = sourceHeatParams(tmp.resolve("token"), values);
        assertThat(token).containsEntry("TLS_DISABLED_NORMALISED", "true")
                .containsEntry("ETCD_DISCOVERY_URL", "")
                .containsEntry("SWARM_DISCOVERY", "token://9cd0b2f5d2e6a3a4")
                .containsEntry("NO_PROXY_ALL", "localhost,127.0.0.1,10.0.0.5,10.0.0.3,10.0.0.4,172.24.4.3");
    }

    /** The checks are only worth something if they fail: break copies of the templates and see each reported. */
    @Test
    void staticChecksReportBrokenCopies(@TempDir Path tmp) throws IOException {
        Map<String, String[]> breakages = new LinkedHashMap<>();
        // name -> {file, text to find, replacement, a problem the checks must then report}
        breakages.put("param", new String[] {NODE, "{get_param: server_flavor}", "{get_param: node_flavor}",
            "undeclared parameter 'node_flavor'"});
        breakages.put("file", new String[] {MASTER, "fragments/write-swarm-manager-service.sh",
            "fragments/write-swarm-master-service.sh", "'fragments/write-swarm-master-service.sh' does not exist"});
        breakages.put("type", new String[] {MAIN, "type: swarmnode.yaml", "type: swarmagent.yaml",
            "'swarmagent.yaml' does not exist"});
        breakages.put("nestedoutput", new String[] {MAIN, "[swarm_nodes, swarm_node_ip]",
            "[swarm_nodes, swarm_node_address]", "has no output 'swarm_node_address'"});
        breakages.put("property", new String[] {MAIN, "          swarm_port: {get_param: swarm_port}\n"
            + "          swarm_version: {get_param: swarm_version}\n          wait_condition_timeout: "
            + "{get_param: wait_condition_timeout}\n\noutputs", "          swarm_version: {get_param: swarm_version}\n"
            + "          wait_condition_timeout: {get_param: wait_condition_timeout}\n          etcd_port: 2379\n\n"
            + "outputs", "declares no parameter 'etcd_port'"});
        breakages.put("unguarded", new String[] {NODE, "{if: [volume_enabled, {get_resource: docker_volume}, \"\"]}",
            "{get_resource: docker_volume}", "exists only when condition 'volume_enabled' holds"});
        assertBrokenCopiesReported(DIR, MAIN, breakages, tmp);
    }

    // ------------------------------------------------------------------ helpers

    /**
     * Renders write-heat-params.sh with {@code values} (Heat's str_replace: longest placeholder first, a value is
     * never searched again), runs it with /etc/sysconfig and /var/lib/magnum under {@code root}, then sources the
     * file it wrote and returns every variable in it.
     */
    private static Map<String, String> sourceHeatParams(Path root, Map<String, String> values) throws Exception {
        String script = strReplace(TemplateChecks.readText(DIR, "fragments/write-heat-params.sh"), values)
                .replace("/etc/sysconfig", root.resolve("etc/sysconfig").toString())
                .replace("/var/lib/magnum", root.resolve("var/lib/magnum").toString());
        Files.createDirectories(root);
        Path rendered = root.resolve("write-heat-params.sh");
        Files.writeString(rendered, script, StandardCharsets.UTF_8);
        assertThat(run(List.of("/bin/bash", rendered.toString()))).startsWith("0:");

        Path heatParams = root.resolve("etc/sysconfig/heat-params");
        String dump = run(List.of("/bin/bash", "-c", "set -a; . \"$1\"; set +a; env -0", "_", heatParams.toString()));
        assertThat(dump).startsWith("0:");
        Set<String> names = names(Pattern.compile("(?m)^([A-Z][A-Z0-9_]*)="),
                Files.readString(heatParams, StandardCharsets.UTF_8));
        Map<String, String> sourced = new LinkedHashMap<>();
        for (String entry : dump.substring(2).split("\0")) {
            int eq = entry.indexOf('=');
            if (eq > 0 && names.contains(entry.substring(0, eq))) {
                sourced.put(entry.substring(0, eq), entry.substring(eq + 1));
            }
        }
        assertThat(sourced.keySet()).isEqualTo(names);
        return sourced;
    }
}
