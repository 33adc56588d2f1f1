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
        Map<String, Object> params = section(DIR, MAIN, "parameters");
        assertMagnumParameterConventions(params, "slave_flavor", "number_of_slaves");
        assertDefault(params, "external_network", "public");
        assertDefault(params, "server_image", "ubuntu-mesos");
        assertDefault(params, "cluster_name", "my-cluster");
        assertDefault(params, "executor_registration_timeout", "5mins");
        assertDefault(params, "volume_driver", "");
        assertDefault(params, "rexray_preempt", "false");
        assertDefault(params, "docker_volume_size", 0);
        assertDefault(params, "slaves_to_remove", List.of());
        for (String empty : List.of("region_name", "domain_name", "password")) {
            assertDefault(params, empty, "");
        }

        assertThat(type(params, "number_of_masters")).isEqualTo("number");
        assertThat(type(params, "number_of_slaves")).isEqualTo("number");
        assertThat(type(params, "docker_volume_size")).isEqualTo("number");
        assertThat(type(params, "slaves_to_remove")).isEqualTo("comma_delimited_list");
        assertHidden(params, List.of("password"));

        assertThat(constraints(params, "volume_driver")).contains(Map.of("allowed_values", List.of("", "rexray")));
        assertThat(constraints(params, "rexray_preempt"))
                .contains(Map.of("allowed_values", List.of("true", "false")));
        assertDescribed(params, MAGNUM_PARAMETERS);
    }

    @Test
    void outputsAreMagnumsAndComeFromTheNestedTemplates() {
        assertThat(TemplateChecks.outputs(DIR, MAIN)).containsExactlyInAnyOrder(
                "api_address", "mesos_master", "mesos_master_private", "mesos_slaves", "mesos_slaves_private");
        Map<String, Object> outputs = section(DIR, MAIN, "outputs");
        assertDescribed(outputs, outputs.keySet());
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
        Map<String, Object> resources = section(DIR, MAIN, "resources");
        assertThat(typeCounts(resources)).containsEntry("OS::Neutron::Net", 1L)
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
        Map<String, Object> portOutputs = section(DIR, MASTER_PORT, "outputs");
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
            Map<String, Object> resources = section(DIR, template, "resources");
            Map<String, String> byType = firstOfEachType(resources);
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

            List<Object> partConfigs = partConfigs(resources, byType.get("OS::Heat::MultipartMime"));
            assertThat(new TreeSet<>(partConfigs)).as(template).isEqualTo(softwareConfigs(resources));
            assertThat(partConfigs.get(0)).isEqualTo("write_heat_params");
            assertThat(partConfigs.get(partConfigs.size() - 1)).isEqualTo("wc_notify");
            assertThat(partConfigs.indexOf("add_proxy")).as("proxy settings before docker starts")
                    .isLessThan(partConfigs.indexOf("start_services"));
        }

        // a master boots on the port the parent made for it (its index in the group)
        Map<String, Object> master = section(DIR, MASTER, "resources");
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
        assertThat(value(section(DIR, MASTER, "outputs"), "mesos_master_ip")).isEqualTo(myIp);

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
        Set<String> fragments = referencedFiles(DIR, List.of(MAIN, MASTER, SLAVE, MASTER_PORT));
        assertThat(fragments).containsExactlyInAnyOrder("fragments/write-heat-params-master.sh",
                "fragments/write-heat-params-slave.sh", "fragments/configure-mesos-master.sh",
                "fragments/configure-mesos-slave.sh", "fragments/configure-docker-storage.sh",
                "fragments/volume-service.sh", "fragments/add-proxy.sh", "fragments/start-services.sh",
                "fragments/wc-notify.sh");

        assertBashFragments(DIR, fragments);
        assertThat(presentFragments(DIR)).as("every fragment is used").isEqualTo(new TreeSet<>(fragments));
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
                assertPlaceholdersAppearAndNoneHidesAnother(template, file, text, keys, false);
                if (file.equals(writers.get(template))) {
                    assertThat(names(QUOTED_PLACEHOLDER, text))
                            .as(template + ": every heat-params value has a placeholder")
                            .isEqualTo(new TreeSet<>(keys));
                }
            }
        }
        assertAppearsOnce(DIR, "fragments/wc-notify.sh", "WC_NOTIFY_CURL");
    }

    @Test
    void bootScriptsReadOnlyWhatTheirHeatParamsDefines() {
        Map<String, String> writers = Map.of(MASTER, "fragments/write-heat-params-master.sh",
                SLAVE, "fragments/write-heat-params-slave.sh");
        List<String> problems = new ArrayList<>();
        writers.forEach((template, writer) -> {
            Set<String> available = names(HEAT_PARAMS_WRITTEN, TemplateChecks.readText(DIR, writer));
            Set<String> replaced = replacedNames(DIR, template);
            for (String fragment : TemplateChecks.referencedFiles(DIR, template)) {
                if (fragment.equals(writer)) {
                    continue;
                }
                Set<String> used = variablesRead(TemplateChecks.readText(DIR, fragment));
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
        assertUsesAllItsParameters(DIR, List.of(MASTER, SLAVE, MASTER_PORT));
        assertThat(unusedParameters(DIR, MAIN)).isEqualTo(new TreeSet<>(ACCEPTED_UNUSED));
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
        assertBrokenCopiesReported(DIR, MAIN, breakages, tmp);
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
}
