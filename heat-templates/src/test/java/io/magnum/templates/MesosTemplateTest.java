package io.magnum.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Mesos (Ubuntu) bay templates: mesoscluster.yaml, mesosmaster.yaml, mesosslave.yaml, fragments/. */
class MesosTemplateTest {

    private static final String DIR = "io/magnum/templates/mesos";
    private static final String MAIN = "mesoscluster.yaml";
    private static final String MASTER = "mesosmaster.yaml";
    private static final String SLAVE = "mesosslave.yaml";
    private static final String MASTER_PORT = "mesosmasterport.yaml";

    /** The parameters Magnum's ubuntu Mesos definition passes (or may pass). */
    private static final List<String> MAGNUM_PARAMETERS = List.of(
            "ssh_key_name", "external_network", "server_image", "master_flavor", "slave_flavor", "dns_nameserver",
            "number_of_masters", "number_of_slaves", "fixed_network_cidr", "wait_condition_timeout", "cluster_name",
            "executor_registration_timeout", "http_proxy", "https_proxy", "no_proxy", "trustee_domain_id",
            "trustee_user_id", "trustee_username", "trustee_password", "trust_id", "region_name", "username",
            "password", "tenant_name", "volume_driver", "domain_name", "rexray_preempt", "auth_url",
            "docker_volume_size", "slaves_to_remove");

    /** What a stack must pass: Magnum always has these, and none has a sensible default. */
    private static final Set<String> REQUIRED = Set.of("ssh_key_name", "username", "tenant_name", "auth_url");

    /** Accepted because Magnum passes them to every bay, but nothing on a mesos server needs them. */
    private static final Set<String> ACCEPTED_UNUSED = Set.of(
            "trustee_domain_id", "trustee_user_id", "trustee_username", "trustee_password", "trust_id");

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
        Map<String, Object> params = map(TemplateChecks.load(DIR, MAIN).get("parameters"));
        assertDefault(params, "external_network", "public");
        assertDefault(params, "server_image", "ubuntu-mesos");
        assertDefault(params, "master_flavor", "m1.small");
        assertDefault(params, "slave_flavor", "m1.small");
        assertDefault(params, "dns_nameserver", "8.8.8.8");
        assertDefault(params, "number_of_masters", 1);
        assertDefault(params, "number_of_slaves", 1);
        assertDefault(params, "fixed_network_cidr", "10.0.0.0/24");
        assertDefault(params, "wait_condition_timeout", 6000);
        assertDefault(params, "cluster_name", "my-cluster");
        assertDefault(params, "executor_registration_timeout", "5mins");
        assertDefault(params, "volume_driver", "");
        assertDefault(params, "rexray_preempt", "false");
        assertDefault(params, "docker_volume_size", 0);
        assertDefault(params, "slaves_to_remove", List.of());
        for (String empty : List.of("http_proxy", "https_proxy", "no_proxy", "trustee_domain_id", "trustee_user_id",
                "trustee_username", "trustee_password", "trust_id", "region_name", "domain_name", "password")) {
            assertDefault(params, empty, "");
        }

        assertThat(type(params, "number_of_masters")).isEqualTo("number");
        assertThat(type(params, "number_of_slaves")).isEqualTo("number");
        assertThat(type(params, "docker_volume_size")).isEqualTo("number");
        assertThat(type(params, "slaves_to_remove")).isEqualTo("comma_delimited_list");
        for (String hidden : List.of("password", "trustee_password", "trust_id")) {
            assertThat(map(params.get(hidden)).get("hidden")).as(hidden + " is hidden").isEqualTo(true);
        }

        assertThat(constraints(params, "ssh_key_name")).contains(Map.of("custom_constraint", "nova.keypair"));
        assertThat(constraints(params, "server_image")).contains(Map.of("custom_constraint", "glance.image"));
        assertThat(constraints(params, "master_flavor")).contains(Map.of("custom_constraint", "nova.flavor"));
        assertThat(constraints(params, "slave_flavor")).contains(Map.of("custom_constraint", "nova.flavor"));
        assertThat(constraints(params, "external_network")).contains(Map.of("custom_constraint", "neutron.network"));
        assertThat(constraints(params, "volume_driver")).contains(Map.of("allowed_values", List.of("", "rexray")));
        assertThat(constraints(params, "rexray_preempt"))
                .contains(Map.of("allowed_values", List.of("true", "false")));
        for (String name : MAGNUM_PARAMETERS) {
            assertThat(map(params.get(name)).get("description")).as(name + " has a description").isNotNull();
        }
    }

    @Test
    void outputsAreMagnumsAndComeFromTheNestedTemplates() {
        assertThat(TemplateChecks.outputs(DIR, MAIN)).containsExactlyInAnyOrder(
                "api_address", "mesos_master", "mesos_master_private", "mesos_slaves", "mesos_slaves_private");
        Map<String, Object> outputs = map(TemplateChecks.load(DIR, MAIN).get("outputs"));
        outputs.forEach((name, output) ->
                assertThat(map(output).get("description")).as(name + " has a description").isNotNull());
        assertThat(value(outputs, "api_address"))
                .isEqualTo(Map.of("get_attr", List.of("api_floating", "floating_ip_address")));
        assertThat(value(outputs, "mesos_master"))
                .isEqualTo(Map.of("get_attr", List.of("mesos_masters", "mesos_master_external_ip")));
        assertThat(value(outputs, "mesos_master_private"))
                .isEqualTo(Map.of("get_attr", List.of("mesos_masters", "mesos_master_ip")));
        assertThat(value(outputs, "mesos_slaves"))
                .isEqualTo(Map.of("get_attr", List.of("mesos_slaves", "mesos_slave_external_ip")));
        assertThat(value(outputs, "mesos_slaves_private"))
                .isEqualTo(Map.of("get_attr", List.of("mesos_slaves", "mesos_slave_ip")));

        assertThat(TemplateChecks.outputs(DIR, MASTER)).contains("mesos_master_ip", "mesos_master_external_ip");
        assertThat(TemplateChecks.outputs(DIR, SLAVE)).containsExactlyInAnyOrder(
                "mesos_slave_ip", "mesos_slave_external_ip", "OS::stack_id");
    }

    @Test
    void clusterHasTheNetworkSecurityGroupsLoadBalancerAndGroups() {
        Map<String, Object> resources = map(TemplateChecks.load(DIR, MAIN).get("resources"));
        Map<String, Long> types = new LinkedHashMap<>();
        resources.values().forEach(r -> types.merge(String.valueOf(map(r).get("type")), 1L, Long::sum));
        assertThat(types).containsEntry("OS::Neutron::Net", 1L)
                .containsEntry("OS::Neutron::Subnet", 1L)
                .containsEntry("OS::Neutron::Router", 1L)
                .containsEntry("OS::Neutron::RouterInterface", 1L)
                .containsEntry("OS::Neutron::SecurityGroup", 3L)
                .containsEntry("OS::Neutron::LBaaS::LoadBalancer", 1L)
                .containsEntry("OS::Neutron::LBaaS::Listener", 2L)
                .containsEntry("OS::Neutron::LBaaS::Pool", 2L)
                .containsEntry("OS::Neutron::LBaaS::HealthMonitor", 2L)
                .containsEntry("OS::Neutron::FloatingIP", 1L)
                .containsEntry("OS::Heat::ResourceGroup", 3L);

        // one load balancer, with a floating IP, in front of Marathon and the Mesos master
        assertThat(properties(resources, "marathon_listener").get("protocol_port")).isEqualTo(8080);
        assertThat(properties(resources, "mesos_listener").get("protocol_port")).isEqualTo(5050);
        assertThat(properties(resources, "api_floating").get("port_id"))
                .isEqualTo(Map.of("get_attr", List.of("api_loadbalancer", "vip_port_id")));
        assertThat(rulePorts(resources, "secgroup_base")).contains(22);
        assertThat(rulePorts(resources, "secgroup_mesos_master")).contains(5050, 8080);
        assertThat(rulePorts(resources, "secgroup_mesos_slave")).contains(5051, 31000);

        // the masters' ports come first, so that every master boots knowing every master's address
        Map<String, Object> ports = properties(resources, "mesos_master_ports");
        assertThat(ports.get("count")).isEqualTo(Map.of("get_param", "number_of_masters"));
        assertThat(map(ports.get("resource_def")).get("type")).isEqualTo(MASTER_PORT);
        assertThat(TemplateChecks.outputs(DIR, MASTER_PORT)).containsExactlyInAnyOrder("port_id", "ip");
        Map<String, Object> portOutputs = map(TemplateChecks.load(DIR, MASTER_PORT).get("outputs"));
        assertThat(value(portOutputs, "ip"))
                .isEqualTo(Map.of("get_attr", List.of("port", "fixed_ips", 0, "ip_address")));
        assertThat(value(portOutputs, "port_id")).isEqualTo(Map.of("get_resource", "port"));
        Map<String, Object> masters = properties(resources, "mesos_masters");
        assertThat(masters.get("count")).isEqualTo(Map.of("get_param", "number_of_masters"));
        Map<String, Object> masterDef = map(masters.get("resource_def"));
        assertThat(masterDef.get("type")).isEqualTo(MASTER);
        Map<String, Object> masterProps = map(masterDef.get("properties"));
        assertThat(masterProps.get("master_index")).isEqualTo("%index%");
        assertThat(masterProps.get("master_port_ids"))
                .isEqualTo(Map.of("list_join",
                        List.of(",", Map.of("get_attr", List.of("mesos_master_ports", "port_id")))));
        Object masterIps = Map.of("list_join", List.of(" ",
                Map.of("get_attr", List.of("mesos_master_ports", "ip"))));
        assertThat(masterProps.get("mesos_masters_ips")).isEqualTo(masterIps);
        assertThat(masterProps.get("number_of_masters")).isEqualTo(Map.of("get_param", "number_of_masters"));

        Map<String, Object> slaves = properties(resources, "mesos_slaves");
        assertThat(slaves.get("count")).isEqualTo(Map.of("get_param", "number_of_slaves"));
        assertThat(map(slaves.get("resource_def")).get("type")).isEqualTo(SLAVE);
        assertThat(slaves.get("removal_policies"))
                .isEqualTo(List.of(Map.of("resource_list", Map.of("get_param", "slaves_to_remove"))));
        assertThat(map(map(slaves.get("resource_def")).get("properties")).get("mesos_masters_ips"))
                .isEqualTo(masterIps);
    }

    @Test
    void everyServerHasPortFloatingIpAndWaitCondition() {
        for (String template : List.of(MASTER, SLAVE)) {
            Map<String, Object> resources = map(TemplateChecks.load(DIR, template).get("resources"));
            Map<String, String> byType = new LinkedHashMap<>();
            resources.forEach((name, r) -> byType.putIfAbsent(String.valueOf(map(r).get("type")), name));
            assertThat(byType).as(template).containsKeys("OS::Nova::Server", "OS::Neutron::FloatingIP",
                    "OS::Heat::WaitConditionHandle", "OS::Heat::WaitCondition", "OS::Heat::MultipartMime",
                    "OS::Heat::SoftwareConfig");

            Map<String, Object> server = properties(resources, byType.get("OS::Nova::Server"));
            assertThat(server.get("user_data_format")).isEqualTo("RAW");
            assertThat(server.get("user_data"))
                    .isEqualTo(Map.of("get_resource", byType.get("OS::Heat::MultipartMime")));
            Map<String, Object> floating = properties(resources, byType.get("OS::Neutron::FloatingIP"));
            assertThat(floating.get("floating_network")).isEqualTo(Map.of("get_param", "external_network"));
            Map<String, Object> wait = properties(resources, byType.get("OS::Heat::WaitCondition"));
            assertThat(wait.get("timeout")).isEqualTo(Map.of("get_param", "wait_condition_timeout"));
            assertThat(wait.get("handle"))
                    .isEqualTo(Map.of("get_resource", byType.get("OS::Heat::WaitConditionHandle")));

            List<?> parts = (List<?>) properties(resources, byType.get("OS::Heat::MultipartMime")).get("parts");
            Set<String> softwareConfigs = new TreeSet<>();
            resources.forEach((name, r) -> {
                if ("OS::Heat::SoftwareConfig".equals(map(r).get("type"))) {
                    softwareConfigs.add(name);
                }
            });
            List<Object> partConfigs = new ArrayList<>();
            parts.forEach(p -> partConfigs.add(map(map(p).get("config")).get("get_resource")));
            assertThat(new TreeSet<>(partConfigs)).as(template).isEqualTo(softwareConfigs);
            assertThat(partConfigs.get(0)).isEqualTo("write_heat_params");
            assertThat(partConfigs.get(partConfigs.size() - 1)).isEqualTo("wc_notify");
            assertThat(partConfigs.indexOf("add_proxy")).as("proxy settings before docker starts")
                    .isLessThan(partConfigs.indexOf("start_services"));
        }

        // a master boots on the port the parent made for it (its index in the group)
        Map<String, Object> master = map(TemplateChecks.load(DIR, MASTER).get("resources"));
        Object myPort = Map.of("str_split", List.of(",", Map.of("get_param", "master_port_ids"),
                Map.of("get_param", "master_index")));
        Object myIp = Map.of("str_split", List.of(" ", Map.of("get_param", "mesos_masters_ips"),
                Map.of("get_param", "master_index")));
        assertThat(properties(master, "mesos_master").get("networks")).isEqualTo(List.of(Map.of("port", myPort)));
        assertThat(properties(master, "mesos_master_floating").get("port_id")).isEqualTo(myPort);
        assertThat(properties(master, "marathon_pool_member").get("address")).isEqualTo(myIp);
        assertThat(properties(master, "marathon_pool_member").get("protocol_port")).isEqualTo(8080);
        assertThat(properties(master, "mesos_pool_member").get("address")).isEqualTo(myIp);
        assertThat(properties(master, "mesos_pool_member").get("protocol_port")).isEqualTo(5050);
        assertThat(value(map(TemplateChecks.load(DIR, MASTER).get("outputs")), "mesos_master_ip")).isEqualTo(myIp);

        // a slave has its own port, and a docker volume only when docker_volume_size > 0
        Map<String, Object> loaded = TemplateChecks.load(DIR, SLAVE);
        Map<String, Object> slave = map(loaded.get("resources"));
        assertThat(properties(slave, "mesos_slave").get("networks"))
                .isEqualTo(List.of(Map.of("port", Map.of("get_resource", "mesos_slave_eth0"))));
        assertThat(properties(slave, "mesos_slave_eth0").get("network"))
                .isEqualTo(Map.of("get_param", "fixed_network"));
        assertThat(map(loaded.get("conditions")).get("volume_enabled")).isEqualTo(Map.of("not",
                Map.of("equals", List.of(Map.of("get_param", "docker_volume_size"), 0))));
        assertThat(map(slave.get("docker_volume")).get("condition")).isEqualTo("volume_enabled");
        assertThat(map(slave.get("docker_volume_attach")).get("condition")).isEqualTo("volume_enabled");
        assertThat(slave).containsKeys("configure_mesos_slave", "volume_service", "configure_docker_storage");
    }

    @Test
    void everyReferencedFragmentExistsIsUsedAndIsValidBash() throws Exception {
        Set<String> fragments = new LinkedHashSet<>();
        for (String template : List.of(MAIN, MASTER, SLAVE, MASTER_PORT)) {
            fragments.addAll(TemplateChecks.referencedFiles(DIR, template));
        }
        assertThat(fragments).containsExactlyInAnyOrder("fragments/write-heat-params-master.sh",
                "fragments/write-heat-params-slave.sh", "fragments/configure-mesos-master.sh",
                "fragments/configure-mesos-slave.sh", "fragments/configure-docker-storage.sh",
                "fragments/volume-service.sh", "fragments/add-proxy.sh", "fragments/start-services.sh",
                "fragments/wc-notify.sh");

        for (String fragment : fragments) {
            Path file = TemplateChecks.path(DIR, fragment);
            String text = Files.readString(file, StandardCharsets.UTF_8);
            assertThat(text).as(fragment + " starts with a bash shebang").startsWith("#!/bin/bash\n");
            assertThat(bashSyntaxErrors(file)).as(fragment + " passes bash -n").isEmpty();
        }

        Set<String> present = new TreeSet<>();
        try (var files = Files.list(TemplateChecks.path(DIR, "fragments"))) {
            files.forEach(f -> present.add("fragments/" + f.getFileName()));
        }
        assertThat(present).as("every fragment is used").isEqualTo(new TreeSet<>(fragments));
    }

    @Test
    void strReplacePlaceholdersAllMatchAndNoneHidesAnother() {
        Map<String, String> writers = Map.of(MASTER, "fragments/write-heat-params-master.sh",
                SLAVE, "fragments/write-heat-params-slave.sh");
        for (String template : List.of(MASTER, SLAVE)) {
            for (Map<String, Object> replace : fileReplacements(TemplateChecks.load(DIR, template))) {
                String file = (String) map(replace.get("template")).get("get_file");
                String text = TemplateChecks.readText(DIR, file);
                Set<String> keys = map(replace.get("params")).keySet();
                for (String key : keys) {
                    assertThat(text).as(template + ": " + key + " appears in " + file).contains(key);
                    for (String other : keys) {
                        assertThat(!other.equals(key) && other.startsWith(key))
                                .as(template + ": placeholder " + key + " is a prefix of " + other).isFalse();
                    }
                }
                if (file.equals(writers.get(template))) {
                    assertThat(names(Pattern.compile("'(\\$[A-Z][A-Z0-9_]*)'"), text))
                            .as(template + ": every heat-params value has a placeholder")
                            .isEqualTo(new TreeSet<>(keys));
                }
            }
        }
        String notify = TemplateChecks.readText(DIR, "fragments/wc-notify.sh");
        assertThat(notify.split("WC_NOTIFY_CURL", -1)).as("the curl_cli placeholder appears once").hasSize(2);
    }

    @Test
    void bootScriptsReadOnlyWhatTheirHeatParamsDefines() {
        Map<String, String> writers = Map.of(MASTER, "fragments/write-heat-params-master.sh",
                SLAVE, "fragments/write-heat-params-slave.sh");
        Pattern read = Pattern.compile("(?<!\\\\)\\$\\{?([A-Z][A-Z0-9_]*)");
        Pattern assigned = Pattern.compile("(?m)(?:^|[\\s;(])(?:local\\s+|export\\s+)?([A-Z][A-Z0-9_]*)=|"
                + "\\bfor\\s+([A-Z][A-Z0-9_]*)\\s+in\\b");
        List<String> problems = new ArrayList<>();
        writers.forEach((template, writer) -> {
            Set<String> available = names(Pattern.compile("(?m)^([A-Z][A-Z0-9_]*)='"),
                    TemplateChecks.readText(DIR, writer));
            Set<String> replaced = new TreeSet<>();
            fileReplacements(TemplateChecks.load(DIR, template)).forEach(r -> map(r.get("params")).keySet()
                    .forEach(k -> replaced.add(k.replace("$", ""))));
            for (String fragment : TemplateChecks.referencedFiles(DIR, template)) {
                if (fragment.equals(writer)) {
                    continue;
                }
                String text = TemplateChecks.readText(DIR, fragment);
                Set<String> used = names(read, text.replaceAll("(?m)^\\s*#.*$", ""));
                used.removeAll(names(assigned, text));
                used.removeAll(available);
                used.removeAll(replaced);
                // shared scripts read the other role's own address with a ${...:-} default
                used.removeAll(Set.of("MESOS_MASTER_IP", "MESOS_SLAVE_IP"));
                if (!used.isEmpty()) {
                    problems.add(template + ": " + fragment + " reads " + used + ", which " + writer
                            + " does not write");
                }
            }
        });
        assertThat(problems).isEmpty();
    }

    @Test
    void everyParameterIsUsed() {
        for (String template : List.of(MASTER, SLAVE, MASTER_PORT)) {
            Set<String> used = new TreeSet<>();
            collectGetParams(TemplateChecks.load(DIR, template), used);
            assertThat(used).as(template + " uses all its parameters")
                    .containsAll(TemplateChecks.parameters(DIR, template));
        }
        Set<String> used = new TreeSet<>();
        collectGetParams(TemplateChecks.load(DIR, MAIN), used);
        Set<String> unused = new TreeSet<>(TemplateChecks.parameters(DIR, MAIN));
        unused.removeAll(used);
        assertThat(unused).isEqualTo(new TreeSet<>(ACCEPTED_UNUSED));
    }

    /**
     * Renders a master's boot scripts as Heat would (write-heat-params-master.sh, configure-mesos-master.sh) and
     * runs them with their paths moved into a temporary directory: ZooKeeper's ensemble and id, the quorum and
     * the zk:// URLs come out right for one, two, three and five masters.
     */
    @Test
    void masterConfigurationFollowsTheNumberOfMasters(@TempDir Path tmp) throws Exception {
        List<String> all = List.of("10.0.0.10", "10.0.0.11", "10.0.0.12", "10.0.0.13", "10.0.0.14");
        Map<Integer, Integer> quorums = Map.of(1, 1, 2, 2, 3, 2, 5, 3);
        for (Map.Entry<Integer, Integer> q : quorums.entrySet()) {
            int count = q.getKey();
            int index = count - 1;
            List<String> ips = all.subList(0, count);
            Map<String, String> values = new LinkedHashMap<>();
            values.put("$MESOS_MASTERS_IPS", String.join(" ", ips));
            values.put("$MESOS_MASTER_IP", ips.get(index));
            values.put("$MASTER_INDEX", String.valueOf(index));
            values.put("$NUMBER_OF_MASTERS", String.valueOf(count));
            values.put("$CLUSTER_NAME", "my-cluster");
            values.put("$HTTP_PROXY", "");
            values.put("$HTTPS_PROXY", "");
            values.put("$NO_PROXY", "");
            assertThat(map(writerReplacement(MASTER).get("params")).keySet()).isEqualTo(values.keySet());

            Path root = tmp.resolve("masters-" + count);
            runInSandbox(root, List.of(
                    strReplace(TemplateChecks.readText(DIR, "fragments/write-heat-params-master.sh"), values),
                    TemplateChecks.readText(DIR, "fragments/configure-mesos-master.sh")));

            String zk = "zk://" + String.join(",", ips.stream().map(ip -> ip + ":2181").toList());
            assertThat(read(root, "etc/mesos-master/quorum")).isEqualTo(String.valueOf(q.getValue()));
            assertThat(read(root, "etc/zookeeper/conf/myid")).isEqualTo(String.valueOf(index + 1));
            assertThat(read(root, "etc/mesos/zk")).isEqualTo(zk + "/mesos");
            assertThat(read(root, "etc/marathon/conf/master")).isEqualTo(zk + "/mesos");
            assertThat(read(root, "etc/marathon/conf/zk")).isEqualTo(zk + "/marathon");
            assertThat(read(root, "etc/mesos-master/ip")).isEqualTo(ips.get(index));
            assertThat(read(root, "etc/mesos-master/cluster")).isEqualTo("my-cluster");
            List<String> servers = read(root, "etc/zookeeper/conf/zoo.cfg").lines()
                    .filter(l -> l.startsWith("server.")).toList();
            List<String> expected = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                expected.add("server." + (i + 1) + "=" + ips.get(i) + ":2888:3888");
            }
            assertThat(servers).isEqualTo(expected);
            assertThat(read(root, "etc/zookeeper/conf/zoo.cfg")).contains("clientPort=2181");
            assertThat(Files.exists(root.resolve("var/lib/magnum/boot-failures"))).isFalse();
        }
    }

    /**
     * Renders a slave's first boot scripts as Heat would and runs them in a temporary directory: the parameters
     * survive quoting (a password with a quote and a dollar), and mesos-slave gets the masters, the
     * containerizers and the executor registration timeout.
     */
    @Test
    void slaveConfigurationKeepsValuesIntactAndPointsAtTheMasters(@TempDir Path tmp) throws Exception {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("$MESOS_MASTERS_IPS", "10.0.0.10 10.0.0.11 10.0.0.12");
        values.put("$MESOS_SLAVE_IP", "10.0.0.20");
        values.put("$EXECUTOR_REGISTRATION_TIMEOUT", "10mins");
        values.put("$HTTP_PROXY", "");
        values.put("$HTTPS_PROXY", "");
        values.put("$NO_PROXY", "");
        values.put("$AUTH_URL", "http://keystone.example:5000/v3");
        values.put("$USERNAME", "demo");
        // what mesosslave.yaml's inner str_replace makes of the password it's $ecret
        values.put("$PASSWORD", "it'\\''s $ecret");
        values.put("$TENANT_NAME", "demo");
        values.put("$DOMAIN_NAME", "Default");
        values.put("$REGION_NAME", "RegionOne");
        values.put("$VOLUME_DRIVER", "");
        values.put("$REXRAY_PREEMPT", "false");
        values.put("$DOCKER_VOLUME_SIZE", "0");
        values.put("$DOCKER_VOLUME_ID", "");
        Map<String, Object> params = map(writerReplacement(SLAVE).get("params"));
        assertThat(params.keySet()).isEqualTo(values.keySet());
        assertThat(params.get("$PASSWORD")).isEqualTo(Map.of("str_replace", Map.of(
                "template", Map.of("get_param", "password"), "params", Map.of("'", "'\\''"))));

        Path root = tmp.resolve("slave");
        runInSandbox(root, List.of(
                strReplace(TemplateChecks.readText(DIR, "fragments/write-heat-params-slave.sh"), values),
                TemplateChecks.readText(DIR, "fragments/configure-docker-storage.sh"),
                TemplateChecks.readText(DIR, "fragments/configure-mesos-slave.sh"),
                TemplateChecks.readText(DIR, "fragments/volume-service.sh")));

        String dump = run(List.of("/bin/bash", "-c", ". \"$1\"; printf '%s|%s|%s' \"$PASSWORD\" \"$AUTH_URL\" "
                + "\"$MESOS_MASTERS_IPS\"", "_", root.resolve("etc/sysconfig/heat-params").toString()));
        assertThat(dump).isEqualTo("0:it's $ecret|http://keystone.example:5000/v3|10.0.0.10 10.0.0.11 10.0.0.12");
        assertThat(read(root, "etc/mesos/zk")).isEqualTo("zk://10.0.0.10:2181,10.0.0.11:2181,10.0.0.12:2181/mesos");
        assertThat(read(root, "etc/mesos-slave/containerizers")).isEqualTo("docker,mesos");
        assertThat(read(root, "etc/mesos-slave/executor_registration_timeout")).isEqualTo("10mins");
        assertThat(read(root, "etc/mesos-slave/ip")).isEqualTo("10.0.0.20");
        assertThat(Files.exists(root.resolve("etc/rexray"))).as("no REX-Ray without volume_driver rexray").isFalse();
        assertThat(Files.exists(root.resolve("var/lib/magnum/boot-failures"))).isFalse();
    }

    /** The checks are only worth something if they fail: break copies of the templates and see each reported. */
    @Test
    void staticChecksReportBrokenCopies(@TempDir Path tmp) throws IOException {
        Map<String, String[]> breakages = new LinkedHashMap<>();
        // name -> {file, text to find, replacement, a problem the checks must then report}
        breakages.put("param", new String[] {SLAVE, "{get_param: slave_flavor}", "{get_param: node_flavor}",
            "undeclared parameter 'node_flavor'"});
        breakages.put("file", new String[] {MASTER, "fragments/configure-mesos-master.sh",
            "fragments/configure-master.sh", "'fragments/configure-master.sh' does not exist"});
        breakages.put("type", new String[] {MAIN, "type: mesosslave.yaml", "type: mesos_slave.yaml",
            "'mesos_slave.yaml' does not exist"});
        breakages.put("nestedoutput", new String[] {MAIN, "[mesos_slaves, mesos_slave_ip]",
            "[mesos_slaves, mesos_slave_address]", "has no output 'mesos_slave_address'"});
        breakages.put("missingproperty", new String[] {MAIN, "          master_index: \"%index%\"\n", "",
            "requires parameter 'master_index'"});
        breakages.put("unguarded", new String[] {SLAVE, "{if: [volume_enabled, {get_resource: docker_volume}, \"\"]}",
            "{get_resource: docker_volume}", "exists only when condition 'volume_enabled' holds"});

        Path source = TemplateChecks.path(DIR, ".");
        for (Map.Entry<String, String[]> b : breakages.entrySet()) {
            Path copy = tmp.resolve(b.getKey());
            copyTree(source, copy);
            String[] how = b.getValue();
            Path file = copy.resolve(how[0]);
            String text = Files.readString(file, StandardCharsets.UTF_8);
            assertThat(text).as(b.getKey() + ": the text to break is there").contains(how[1]);
            Files.writeString(file, text.replace(how[1], how[2]), StandardCharsets.UTF_8);
            assertThat(TemplateChecks.check(copy, MAIN)).as(b.getKey())
                    .anySatisfy(problem -> assertThat(problem).contains(how[3]));
        }
    }

    // ------------------------------------------------------------------ helpers

    /** The str_replace that renders a node's write-heat-params script. */
    private static Map<String, Object> writerReplacement(String template) {
        return fileReplacements(TemplateChecks.load(DIR, template)).stream()
                .filter(r -> String.valueOf(map(r.get("template")).get("get_file")).contains("write-heat-params"))
                .findFirst().orElseThrow();
    }

    /** The absolute paths the boot scripts write under, moved into a sandbox by {@link #runInSandbox}. */
    private static final Pattern SANDBOXED_PATHS = Pattern.compile("(?<![\\w.])/(etc|var/lib|run)/");

    /**
     * Runs boot scripts one after the other as cloud-init would, with the absolute paths they write (/etc,
     * /var/lib, /run) moved under {@code root}; asserts that each exits 0.
     */
    private static void runInSandbox(Path root, List<String> scripts) throws Exception {
        Files.createDirectories(root.resolve("etc"));
        Files.writeString(root.resolve("etc/hosts"), "127.0.0.1 localhost\n127.0.1.1 bay-host\n");
        int n = 0;
        for (String script : scripts) {
            String sandboxed = SANDBOXED_PATHS.matcher(script)
                    .replaceAll(Matcher.quoteReplacement(root.toString()) + "/$1/");
            Path file = root.resolve("part-" + (n++) + ".sh");
            Files.writeString(file, sandboxed, StandardCharsets.UTF_8);
            assertThat(run(List.of("/bin/bash", file.toString()))).as(file.toString()).startsWith("0:");
        }
    }

    private static String read(Path root, String path) throws IOException {
        return Files.readString(root.resolve(path), StandardCharsets.UTF_8).strip();
    }

    /** Heat's str_replace: placeholders longest first; replaced text is not searched again. */
    private static String strReplace(String template, Map<String, String> params) {
        List<String> keys = new ArrayList<>(new TreeSet<>(params.keySet()));
        keys.sort((a, b) -> Integer.compare(b.length(), a.length()));
        return replace(template, keys, params);
    }

    private static String replace(String text, List<String> keys, Map<String, String> params) {
        if (keys.isEmpty()) {
            return text;
        }
        List<String> rest = keys.subList(1, keys.size());
        List<String> done = new ArrayList<>();
        for (String piece : text.split(Pattern.quote(keys.get(0)), -1)) {
            done.add(replace(piece, rest, params));
        }
        return String.join(params.get(keys.get(0)), done);
    }

    /** Runs a command; returns "exit code:" followed by its output (standard error merged in). */
    private static String run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as(command + " finished").isTrue();
        return process.exitValue() + ":" + output;
    }

    private static List<String> bashSyntaxErrors(Path file) throws IOException, InterruptedException {
        String result = run(List.of("/bin/bash", "-n", file.toString()));
        return result.startsWith("0:") ? List.of() : List.of(result);
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static Set<String> names(Pattern pattern, String text) {
        Set<String> names = new TreeSet<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            for (int g = 1; g <= m.groupCount(); g++) {
                if (m.group(g) != null) {
                    names.add(m.group(g));
                }
            }
        }
        return names;
    }

    /** Every str_replace whose template is a get_file. */
    private static List<Map<String, Object>> fileReplacements(Object node) {
        List<Map<String, Object>> found = new ArrayList<>();
        if (node instanceof List<?> list) {
            list.forEach(n -> found.addAll(fileReplacements(n)));
        } else if (node instanceof Map<?, ?> m) {
            if (m.size() == 1 && m.get("str_replace") instanceof Map<?, ?> replace
                    && replace.get("template") instanceof Map<?, ?> t && t.containsKey("get_file")) {
                found.add(map(replace));
            }
            m.values().forEach(v -> found.addAll(fileReplacements(v)));
        }
        return found;
    }

    private static void collectGetParams(Object node, Set<String> into) {
        if (node instanceof List<?> list) {
            list.forEach(n -> collectGetParams(n, into));
        } else if (node instanceof Map<?, ?> m) {
            if (m.size() == 1 && m.containsKey("get_param")) {
                Object arg = m.get("get_param");
                into.add(String.valueOf(arg instanceof List<?> l ? l.get(0) : arg));
            }
            m.forEach((k, v) -> {
                if (!"parameters".equals(k)) {
                    collectGetParams(v, into);
                }
            });
        }
    }

    private static Set<Object> rulePorts(Map<String, Object> resources, String group) {
        Set<Object> ports = new LinkedHashSet<>();
        for (Object rule : (List<?>) properties(resources, group).get("rules")) {
            Object min = map(rule).get("port_range_min");
            if (min != null) {
                ports.add(min);
            }
        }
        return ports;
    }

    private static Map<String, Object> properties(Map<String, Object> resources, String name) {
        assertThat(resources).containsKey(name);
        return map(map(resources.get(name)).get("properties"));
    }

    private static Object value(Map<String, Object> outputs, String name) {
        return map(outputs.get(name)).get("value");
    }

    private static void assertDefault(Map<String, Object> params, String name, Object expected) {
        assertThat(params).containsKey(name);
        assertThat(map(params.get(name)).get("default")).as(name + " default").isEqualTo(expected);
    }

    private static String type(Map<String, Object> params, String name) {
        return String.valueOf(map(params.get(name)).get("type"));
    }

    private static List<Object> constraints(Map<String, Object> params, String name) {
        Object constraints = map(params.get(name)).get("constraints");
        return constraints instanceof List<?> l ? new ArrayList<Object>(l) : List.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object o) {
        assertThat(o).isInstanceOf(Map.class);
        return (Map<String, Object>) o;
    }
}
