package io.magnum.templates;

import static io.magnum.templates.TemplateTestSupport.assertAppearsOnce;
import static io.magnum.templates.TemplateTestSupport.assertBrokenCopiesReported;
import static io.magnum.templates.TemplateTestSupport.assertDefault;
import static io.magnum.templates.TemplateTestSupport.assertDescribed;
import static io.magnum.templates.TemplateTestSupport.assertHidden;
import static io.magnum.templates.TemplateTestSupport.assertMagnumParameterConventions;
import static io.magnum.templates.TemplateTestSupport.assertPlaceholdersAppearAndNoneHidesAnother;
import static io.magnum.templates.TemplateTestSupport.assertUsesAllItsParameters;
import static io.magnum.templates.TemplateTestSupport.bashSyntaxErrors;
import static io.magnum.templates.TemplateTestSupport.constraints;
import static io.magnum.templates.TemplateTestSupport.copyTree;
import static io.magnum.templates.TemplateTestSupport.fileReplacements;
import static io.magnum.templates.TemplateTestSupport.firstOfEachType;
import static io.magnum.templates.TemplateTestSupport.map;
import static io.magnum.templates.TemplateTestSupport.names;
import static io.magnum.templates.TemplateTestSupport.partConfigs;
import static io.magnum.templates.TemplateTestSupport.presentFragments;
import static io.magnum.templates.TemplateTestSupport.properties;
import static io.magnum.templates.TemplateTestSupport.referencedFiles;
import static io.magnum.templates.TemplateTestSupport.rulePorts;
import static io.magnum.templates.TemplateTestSupport.section;
import static io.magnum.templates.TemplateTestSupport.softwareConfigs;
import static io.magnum.templates.TemplateTestSupport.type;
import static io.magnum.templates.TemplateTestSupport.typeCounts;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Kubernetes (Fedora Atomic) bay templates: kubecluster.yaml, kubemaster.yaml, kubeminion.yaml, fragments/. */
class KubernetesTemplateTest {

    private static final String DIR = "io/magnum/templates/kubernetes";
    private static final String MAIN = "kubecluster.yaml";
    private static final String MASTER = "kubemaster.yaml";
    private static final String MINION = "kubeminion.yaml";

    /** The parameters Magnum's fedora-atomic Kubernetes definition passes (or may pass). */
    private static final List<String> MAGNUM_PARAMETERS = List.of(
            "ssh_key_name", "external_network", "server_image", "master_flavor", "minion_flavor", "dns_nameserver",
            "number_of_masters", "number_of_minions", "fixed_network_cidr", "portal_network_cidr", "network_driver",
            "flannel_network_cidr", "flannel_network_subnetlen", "flannel_use_vxlan", "flannel_backend",
            "kube_allow_priv", "docker_volume_size", "wait_condition_timeout", "minions_to_remove", "discovery_url",
            "registry_enabled", "registry_port", "loadbalancing_protocol", "tls_disabled", "kubernetes_port",
            "bay_uuid", "magnum_url", "user_token", "username", "tenant_name", "http_proxy", "https_proxy",
            "no_proxy", "trustee_domain_id", "trustee_user_id", "trustee_username", "trustee_password", "trust_id",
            "auth_url");

    private static final Set<String> REQUIRED = Set.of(
            "ssh_key_name", "server_image", "bay_uuid", "magnum_url", "discovery_url", "user_token", "username",
            "tenant_name", "auth_url");

    /** Variables a boot script may read that come from the environment systemd or flannel gives it, not Heat. */
    private static final Set<String> RUNTIME_VARIABLES = Set.of(
            "FLANNEL_SUBNET", "FLANNEL_MTU", "FLANNEL_ETCD", "FLANNEL_ETCD_KEY", "SECONDS");

    @Test
    void templatesPassTheStaticChecks() {
        assertThat(TemplateChecks.check(DIR, MAIN)).isEmpty();
    }

    @Test
    void declaresMagnumsParametersAndRequiresOnlyWhatHasNoSensibleDefault() {
        assertThat(TemplateChecks.parameters(DIR, MAIN)).containsAll(MAGNUM_PARAMETERS);
        assertThat(TemplateChecks.requiredParameters(DIR, MAIN)).containsExactlyInAnyOrderElementsOf(REQUIRED);
    }

    @Test
    void parameterDefaultsTypesAndConstraintsFollowMagnum() {
        Map<String, Object> params = section(DIR, MAIN, "parameters");
        assertMagnumParameterConventions(params, "minion_flavor", "number_of_minions");
        assertDefault(params, "external_network", "public");
        assertDefault(params, "portal_network_cidr", "10.254.0.0/16");
        assertDefault(params, "network_driver", "flannel");
        assertDefault(params, "flannel_network_cidr", "10.100.0.0/16");
        assertDefault(params, "flannel_network_subnetlen", 24);
        assertDefault(params, "flannel_use_vxlan", "false");
        assertDefault(params, "kube_allow_priv", "true");
        assertDefault(params, "minions_to_remove", List.of());
        assertDefault(params, "registry_enabled", false);
        assertDefault(params, "registry_port", 5000);
        assertDefault(params, "loadbalancing_protocol", "TCP");
        assertDefault(params, "tls_disabled", false);
        assertDefault(params, "kubernetes_port", 6443);

        assertThat(type(params, "docker_volume_size")).isEqualTo("number");
        assertThat(type(params, "minions_to_remove")).isEqualTo("comma_delimited_list");
        assertThat(type(params, "registry_enabled")).isEqualTo("boolean");
        assertThat(type(params, "tls_disabled")).isEqualTo("boolean");
        assertHidden(params, List.of("user_token", "password", "registry_password"));

        assertThat(constraints(params, "loadbalancing_protocol"))
                .contains(Map.of("allowed_values", List.of("TCP", "HTTP")));
        assertDescribed(params, MAGNUM_PARAMETERS);
    }

    @Test
    void outputsAreMagnumsAndComeFromTheNestedTemplates() {
        assertThat(TemplateChecks.outputs(DIR, MAIN)).containsExactlyInAnyOrder(
                "api_address", "registry_address", "kube_masters", "kube_masters_private", "kube_minions",
                "kube_minions_private");
        Map<String, Object> outputs = section(DIR, MAIN, "outputs");
        assertDescribed(outputs, outputs.keySet());
        assertThat(value(outputs, "kube_masters"))
                .isEqualTo(Map.of("get_attr", List.of("kube_masters", "kube_master_external_ip")));
        assertThat(value(outputs, "kube_masters_private"))
                .isEqualTo(Map.of("get_attr", List.of("kube_masters", "kube_master_ip")));
        assertThat(value(outputs, "kube_minions"))
                .isEqualTo(Map.of("get_attr", List.of("kube_minions", "kube_minion_external_ip")));
        assertThat(value(outputs, "kube_minions_private"))
                .isEqualTo(Map.of("get_attr", List.of("kube_minions", "kube_minion_ip")));
        assertThat(value(outputs, "api_address"))
                .isEqualTo(Map.of("get_attr", List.of("api_address_floating", "floating_ip_address")));

        assertThat(TemplateChecks.outputs(DIR, MASTER)).contains("kube_master_ip", "kube_master_external_ip");
        assertThat(TemplateChecks.outputs(DIR, MINION)).contains("kube_minion_ip", "kube_minion_external_ip");
    }

    @Test
    void clusterHasTheNetworkSecurityGroupsLoadBalancerAndGroups() {
        Map<String, Object> resources = section(DIR, MAIN, "resources");
        Map<String, Long> types = typeCounts(resources);
        assertThat(types).containsEntry("OS::Neutron::Net", 1L)
                .containsEntry("OS::Neutron::Subnet", 1L)
                .containsEntry("OS::Neutron::Router", 1L)
                .containsEntry("OS::Neutron::RouterInterface", 1L)
                .containsEntry("OS::Neutron::LBaaS::LoadBalancer", 1L)
                .containsEntry("OS::Neutron::LBaaS::Listener", 2L)
                .containsEntry("OS::Neutron::LBaaS::Pool", 2L)
                .containsEntry("OS::Neutron::LBaaS::HealthMonitor", 2L)
                .containsEntry("OS::Neutron::FloatingIP", 1L)
                .containsEntry("OS::Heat::ResourceGroup", 2L);
        assertThat(types.get("OS::Neutron::SecurityGroup")).isGreaterThanOrEqualTo(2L);

        Map<String, Object> subnet = properties(resources, "fixed_subnet");
        assertThat(subnet.get("cidr")).isEqualTo(Map.of("get_param", "fixed_network_cidr"));
        Map<String, Object> router = properties(resources, "extrouter");
        assertThat(map(router.get("external_gateway_info")).get("network"))
                .isEqualTo(Map.of("get_param", "external_network"));
        assertThat(properties(resources, "api_address_floating").get("port_id"))
                .isEqualTo(Map.of("get_attr", List.of("loadbalancer", "vip_port_id")));

        Set<Object> masterPorts = rulePorts(resources, "secgroup_kube_master");
        assertThat(masterPorts).contains(Map.of("get_param", "kubernetes_port"), 2379, 8285, 8472);
        Set<Object> minionPorts = rulePorts(resources, "secgroup_kube_minion");
        assertThat(minionPorts).contains(10250, 8285, 8472, 30000);
        Set<Object> basePorts = rulePorts(resources, "secgroup_base");
        assertThat(basePorts).contains(22);

        Map<String, Object> masters = properties(resources, "kube_masters");
        assertThat(masters.get("count")).isEqualTo(Map.of("get_param", "number_of_masters"));
        assertThat(map(masters.get("resource_def")).get("type")).isEqualTo(MASTER);
        Map<String, Object> minions = properties(resources, "kube_minions");
        assertThat(minions.get("count")).isEqualTo(Map.of("get_param", "number_of_minions"));
        assertThat(map(minions.get("resource_def")).get("type")).isEqualTo(MINION);
        assertThat(minions.get("removal_policies"))
                .isEqualTo(List.of(Map.of("resource_list", Map.of("get_param", "minions_to_remove"))));
    }

    @Test
    void everyNodeIsAServerWithPortFloatingIpWaitConditionAndOptionalDockerVolume() {
        for (String template : List.of(MASTER, MINION)) {
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
            Map<String, Object> port = properties(resources, byType.get("OS::Neutron::Port"));
            assertThat(port.get("network")).isEqualTo(Map.of("get_param", "fixed_network"));
            assertThat((List<?>) port.get("security_groups")).isNotEmpty();
            Map<String, Object> floating = properties(resources, byType.get("OS::Neutron::FloatingIP"));
            assertThat(floating.get("floating_network")).isEqualTo(Map.of("get_param", "external_network"));
            assertThat(floating.get("port_id")).isEqualTo(Map.of("get_resource", byType.get("OS::Neutron::Port")));
            Map<String, Object> wait = properties(resources, byType.get("OS::Heat::WaitCondition"));
            assertThat(wait.get("timeout")).isEqualTo(Map.of("get_param", "wait_condition_timeout"));
            assertThat(wait.get("handle"))
                    .isEqualTo(Map.of("get_resource", byType.get("OS::Heat::WaitConditionHandle")));

            // the docker volume exists only when docker_volume_size > 0
            Map<String, Object> conditions = map(loaded.get("conditions"));
            assertThat(conditions.get("docker_volume_enabled")).isEqualTo(Map.of("not",
                    Map.of("equals", List.of(Map.of("get_param", "docker_volume_size"), 0))));
            assertThat(map(resources.get(byType.get("OS::Cinder::Volume"))).get("condition"))
                    .isEqualTo("docker_volume_enabled");
            assertThat(map(resources.get(byType.get("OS::Cinder::VolumeAttachment"))).get("condition"))
                    .isEqualTo("docker_volume_enabled");

            // every part of the user data is in the multipart message, the wait condition signal last
            List<Object> partConfigs = partConfigs(resources, byType.get("OS::Heat::MultipartMime"));
            assertThat(new TreeSet<>(partConfigs)).as(template).isEqualTo(softwareConfigs(resources));
            assertThat(partConfigs.get(partConfigs.size() - 1)).isEqualTo("wc_notify");
            assertThat(partConfigs.get(0)).isEqualTo("write_heat_params");
        }
        Map<String, Object> masterResources = section(DIR, MASTER, "resources");
        long members = masterResources.values().stream()
                .filter(r -> "OS::Neutron::LBaaS::PoolMember".equals(map(r).get("type"))).count();
        assertThat(members).as("a master joins the API and the etcd pools").isEqualTo(2);
        Map<String, Object> minionOutputs = section(DIR, MINION, "outputs");
        assertThat(minionOutputs).as("minions_to_remove may name a minion by IP").containsKey("OS::stack_id");
    }

    @Test
    void everyReferencedFragmentExistsAndShellFragmentsAreValidBash() throws Exception {
        Set<String> fragments = referencedFiles(DIR, List.of(MAIN, MASTER, MINION));
        assertThat(fragments).isNotEmpty().allMatch(f -> f.startsWith("fragments/"));
        assertThat(fragments).contains("fragments/write-heat-params-master.yaml",
                "fragments/write-heat-params-minion.yaml", "fragments/configure-etcd.sh",
                "fragments/write-flannel-config.sh", "fragments/configure-flannel.sh",
                "fragments/network-service.sh", "fragments/configure-docker-storage.sh",
                "fragments/configure-kubernetes-master.sh", "fragments/configure-kubernetes-minion.sh",
                "fragments/make-cert-master.sh", "fragments/make-cert-minion.sh",
                "fragments/enable-services-master.sh", "fragments/enable-services-minion.sh",
                "fragments/add-proxy.sh", "fragments/wc-notify.sh");

        for (String fragment : fragments) {
            Path file = TemplateChecks.path(DIR, fragment);
            assertThat(Files.isRegularFile(file)).as(fragment + " exists").isTrue();
            String text = Files.readString(file, StandardCharsets.UTF_8);
            assertThat(text.isBlank()).as(fragment + " is not empty").isFalse();
            if (fragment.endsWith(".sh")) {
                assertThat(text).as(fragment + " starts with a shebang").startsWith("#!");
                assertThat(bashSyntaxErrors(file)).as(fragment + " passes bash -n").isEmpty();
            } else if (fragment.endsWith(".yaml")) {
                assertThat(text).as(fragment + " is cloud-config").startsWith("#cloud-config");
                assertThat(TemplateChecks.parse(text)).as(fragment + " parses").isInstanceOf(Map.class);
            }
        }

        // every fragment in the directory is used
        assertThat(presentFragments(DIR)).isEqualTo(new TreeSet<>(fragments));
    }

    @Test
    void strReplacePlaceholdersAllMatchAndNoneHidesAnother() {
        for (String template : List.of(MASTER, MINION)) {
            for (Map<String, Object> replace : fileReplacements(TemplateChecks.load(DIR, template))) {
                String file = (String) map(replace.get("template")).get("get_file");
                String text = TemplateChecks.readText(DIR, file);
                Set<String> keys = map(replace.get("params")).keySet();
                assertPlaceholdersAppearAndNoneHidesAnother(template, file, text, keys, true);
                if (file.endsWith(".yaml")) {
                    // nothing in the parameter file is left unreplaced
                    Matcher m = Pattern.compile("\\$[A-Z][A-Z0-9_]*").matcher(text.replaceAll("(?m)^#.*$", ""));
                    while (m.find()) {
                        assertThat(keys).as(template + ": " + file + " placeholder " + m.group() + " has a value")
                                .contains(m.group());
                    }
                }
            }
        }
        assertAppearsOnce(DIR, "fragments/wc-notify.sh", "$WAIT_CURL");
    }

    @Test
    void bootScriptsReadOnlyParametersTheirNodeWrites() {
        Map<String, String> heatParams = Map.of(
                MASTER, "fragments/write-heat-params-master.yaml",
                MINION, "fragments/write-heat-params-minion.yaml");
        Pattern written = Pattern.compile("(?m)^\\s+([A-Z][A-Z0-9_]*)=");
        List<String> problems = new ArrayList<>();
        heatParams.forEach((template, paramsFile) -> {
            Set<String> available = names(written, TemplateChecks.readText(DIR, paramsFile));
            for (String fragment : TemplateChecks.referencedFiles(DIR, template)) {
                if (!fragment.endsWith(".sh")) {
                    continue;
                }
                Set<String> used = variablesRead(TemplateChecks.readText(DIR, fragment));
                used.removeAll(available);
                used.removeAll(RUNTIME_VARIABLES);
                used.remove("WAIT_CURL"); // replaced by str_replace with the handle's curl_cli
                if (!used.isEmpty()) {
                    problems.add(template + ": " + fragment + " reads " + used + ", which "
                            + paramsFile + " does not write");
                }
            }
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void everyParameterIsUsed() {
        assertUsesAllItsParameters(DIR, List.of(MAIN, MASTER, MINION));
    }

    /** The checks are only worth something if they fail: break copies of the templates and see each reported. */
    @Test
    void staticChecksReportBrokenCopies(@TempDir Path tmp) throws IOException {
        Map<String, String[]> breakages = new LinkedHashMap<>();
        // name -> {file, text to find, replacement, a problem the checks must then report}
        breakages.put("param", new String[] {MINION, "{get_param: minion_flavor}", "{get_param: minion_flavour}",
            "undeclared parameter 'minion_flavour'"});
        breakages.put("resource", new String[] {MASTER, "{get_resource: kube_master_init}",
            "{get_resource: kube_master_boot}", "unknown resource 'kube_master_boot'"});
        breakages.put("depends", new String[] {MAIN, "      - kube_masters\n", "      - kube_master\n",
            "unknown resource 'kube_master'"});
        breakages.put("file", new String[] {MINION, "fragments/configure-kubernetes-minion.sh",
            "fragments/configure-kubernetes-node.sh", "'fragments/configure-kubernetes-node.sh' does not exist"});
        breakages.put("type", new String[] {MAIN, "type: kubeminion.yaml", "type: kubenode.yaml",
            "'kubenode.yaml' does not exist"});
        breakages.put("version", new String[] {MAIN, "heat_template_version: 2016-10-14",
            "heat_template_version: 2017-02-24", "'2017-02-24' is not one of"});
        breakages.put("section", new String[] {MAIN, "\noutputs:\n", "\nmappings: {}\noutputs:\n",
            "unknown top-level section 'mappings'"});
        breakages.put("function", new String[] {MAIN, "{get_attr: [api_address_floating, floating_ip_address]}\n\n"
            + "  registry_address", "{yaql: {expression: '1', data: {}}}\n\n  registry_address",
            "'yaql' is not a supported function"});
        breakages.put("condition", new String[] {MINION, "condition: docker_volume_enabled\n    properties:\n"
            + "      size", "condition: docker_volume_wanted\n    properties:\n      size",
            "undeclared condition 'docker_volume_wanted'"});
        breakages.put("paramtype", new String[] {MAIN, "type: comma_delimited_list", "type: list",
            "type 'list' is not one of"});
        breakages.put("property", new String[] {MAIN, "          no_proxy: {get_param: no_proxy}\n\noutputs",
            "          no_proxy: {get_param: no_proxy}\n          dns: {get_param: dns_nameserver}\n\noutputs",
            "declares no parameter 'dns'"});
        breakages.put("nestedoutput", new String[] {MAIN, "[kube_minions, kube_minion_ip]",
            "[kube_minions, kube_minion_address]", "has no output 'kube_minion_address'"});
        breakages.put("novalue", new String[] {MINION, "    value: {get_attr: [kube_minion_floating, "
            + "floating_ip_address]}\n", "", "has no value"});
        breakages.put("unguarded", new String[] {MINION, "if:\n                - docker_volume_enabled\n"
            + "                - {get_resource: docker_volume}\n                - \"\"",
            "{get_resource: docker_volume}", "exists only when condition 'docker_volume_enabled' holds"});
        assertBrokenCopiesReported(DIR, MAIN, breakages, tmp);
        Path pristine = tmp.resolve("pristine");
        copyTree(TemplateChecks.path(DIR, "."), pristine);
        assertThat(TemplateChecks.check(pristine, MAIN)).isEmpty();
    }
}
