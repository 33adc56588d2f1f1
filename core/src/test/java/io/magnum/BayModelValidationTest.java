package io.magnum;

import io.magnum.local.LocalCloud;
import io.magnum.model.BayModel;
import io.magnum.model.BayModelSpec;
import io.magnum.spi.FieldViolation;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static io.magnum.Fixtures.seedSpec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Every baymodel rule, broken once and kept once. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BayModelValidationTest
{
    private final AtomicInteger names = new AtomicInteger();
    private LocalCloud cloud;
    private Magnum magnum;

    @BeforeAll
    void start()
    {
        cloud = LocalCloud.create();
        cloud.addImage("plain-image", Map.of());
        magnum = Fixtures.builder().cloud(cloud).build();
    }

    @AfterAll
    void stop()
    {
        magnum.close();
    }

    static Stream<Arguments> brokenRules()
    {
        return Stream.of(
                rule("coe is required", b -> b.coe(null), "coe", "coe is required"),
                rule("coe has a driver", b -> b.coe("nomad"), "coe", "coe 'nomad' is not supported; loaded drivers provide [kubernetes, mesos, swarm]"),
                rule("image_id is required", b -> b.imageId(null), "image_id", "image_id is required"),
                rule("image exists", b -> b.imageId("no-such-image"), "image_id", "image_id 'no-such-image' does not exist in the cloud"),
                rule("image has os_distro", b -> b.imageId("plain-image"), "image_id", "image 'plain-image' has no os_distro property"),
                rule("os_distro has a driver for the coe", b -> b.imageId("coreos"), "image_id", "no driver provides coe kubernetes on server_type vm with os_distro coreos"),
                rule("keypair_id is required", b -> b.keypairId(null), "keypair_id", "keypair_id is required"),
                rule("keypair exists", b -> b.keypairId("nokey"), "keypair_id", "keypair_id 'nokey' does not exist in the cloud"),
                rule("external_network_id is required", b -> b.externalNetworkId(null), "external_network_id", "external_network_id is required"),
                rule("external network exists", b -> b.externalNetworkId("nonet"), "external_network_id", "external_network_id 'nonet' does not exist in the cloud"),
                rule("external network is external", b -> b.externalNetworkId("private"), "external_network_id", "network 'private' is not an external network"),
                rule("flavor exists", b -> b.flavorId("m9.huge"), "flavor_id", "flavor_id 'm9.huge' does not exist in the cloud"),
                rule("master flavor exists", b -> b.masterFlavorId("m9.huge"), "master_flavor_id", "master_flavor_id 'm9.huge' does not exist in the cloud"),
                rule("kubernetes takes flannel only", b -> b.networkDriver("docker"), "network_driver", "network_driver 'docker' is not supported by coe kubernetes; supported: [flannel]"),
                rule("swarm takes docker or flannel", b -> b.coe("swarm").networkDriver("calico"), "network_driver", "network_driver 'calico' is not supported by coe swarm; supported: [docker, flannel]"),
                rule("mesos takes docker only", b -> b.coe("mesos").imageId("ubuntu-mesos").networkDriver("flannel"), "network_driver", "network_driver 'flannel' is not supported by coe mesos; supported: [docker]"),
                rule("server_type is vm or bm", b -> b.serverType("container"), "server_type", "server_type 'container' must be vm or bm"),
                rule("server_type has a driver", b -> b.serverType("bm"), "image_id", "no driver provides coe kubernetes on server_type bm"),
                rule("docker_volume_size is positive", b -> b.dockerVolumeSize(0), "docker_volume_size", "docker_volume_size must be at least 1 (GB), not 0"),
                rule("apiserver_port is at least 1024", b -> b.apiserverPort(1023), "apiserver_port", "apiserver_port must be from 1024 to 65535, not 1023"),
                rule("apiserver_port is at most 65535", b -> b.apiserverPort(65536), "apiserver_port", "apiserver_port must be from 1024 to 65535, not 65536"),
                rule("dns_nameserver is IPv4", b -> b.dnsNameserver("8.8.8"), "dns_nameserver", "dns_nameserver '8.8.8' must be an IPv4 address"),
                rule("name is not empty", b -> b.name(""), "name", "name must be 1 to 255 characters, not 0"),
                rule("name is at most 255", b -> b.name("a".repeat(256)), "name", "name must be 1 to 255 characters, not 256"),
                rule("name starts with a letter", b -> b.name("1k8s"), "name", "must start with a letter"),
                rule("name has no spaces", b -> b.name("k8s model"), "name", "must start with a letter and hold only letters"),
                rule("name is not a uuid", b -> b.name("abcdef01-2345-6789-abcd-ef0123456789"), "name", "must not look like a uuid"),
                rule("strings have no control characters", b -> b.fixedNetwork("net\n1"), "fixed_network", "fixed_network must not contain control characters"),
                rule("http_proxy is at most 255", b -> b.httpProxy("http://" + "p".repeat(250)), "http_proxy", "http_proxy must be 1 to 255 characters"),
                rule("https_proxy is not empty", b -> b.httpsProxy(""), "https_proxy", "https_proxy must be 1 to 255 characters, not 0"),
                rule("no_proxy is at most 255", b -> b.noProxy("x".repeat(300)), "no_proxy", "no_proxy must be 1 to 255 characters"),
                rule("label keys are well-formed", b -> b.labels(Map.of("bad key", "v")), "labels", "label key 'bad key' must be 1 to 255"),
                rule("label values are at most 255", b -> b.labels(Map.of("k", "v".repeat(256))), "labels", "label k must be at most 255 characters"),
                rule("the driver checks its labels", b -> b.labels(Map.of("flannel_network_cidr", "10.0.0.0")), "labels", "label flannel_network_cidr must be an IPv4 CIDR"));
    }

    static Stream<Arguments> keptRules()
    {
        return Stream.of(
                rule("the seed's baymodel", b -> b, null, null),
                rule("swarm with docker", b -> b.coe("swarm").networkDriver("docker"), null, null),
                rule("swarm with flannel", b -> b.coe("swarm").networkDriver("flannel"), null, null),
                rule("mesos with docker", b -> b.coe("mesos").imageId("ubuntu-mesos").networkDriver("docker"), null, null),
                rule("images and networks by id", b -> b.imageId(LocalCloudIds.image("fedora-21-atomic-5"))
                        .externalNetworkId(LocalCloudIds.network("public")).flavorId("2"), null, null),
                rule("explicit server_type vm", b -> b.serverType("vm"), null, null),
                rule("master flavor", b -> b.masterFlavorId("m1.medium"), null, null),
                rule("smallest volume", b -> b.dockerVolumeSize(1), null, null),
                rule("port bounds", b -> b.apiserverPort(1024), null, null),
                rule("port upper bound", b -> b.apiserverPort(65535), null, null),
                rule("name of 255", b -> b.name("a".repeat(255)), null, null),
                rule("name with dots and dashes", b -> b.name("k8s.model_1-a"), null, null),
                rule("no name at all", b -> b.name(null), null, null),
                rule("proxies", b -> b.httpProxy("http://proxy:3128").httpsProxy("http://proxy:3128").noProxy("localhost,10.0.0.0/8"), null, null),
                rule("good labels", b -> b.labels(Map.of("flannel_network_cidr", "10.100.0.0/16", "kube_tag", "v1.0")), null, null),
                rule("fixed network", b -> b.fixedNetwork("private"), null, null),
                rule("flags", b -> b.tlsDisabled(true).registryEnabled(true), null, null));
    }

    private static Arguments rule(String name, UnaryOperator<BayModelSpec.Builder> change, String field, String message)
    {
        return arguments(name, change, field, message);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenRules")
    void brokenRuleIsRefusedNamingTheField(String rule, UnaryOperator<BayModelSpec.Builder> change, String field,
            String message)
    {
        int before = magnum.bayModels().list().size();
        BayModelSpec spec = change.apply(seedSpec().name(uniqueName())).build();
        assertThatThrownBy(() -> magnum.bayModels().create(spec))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).violations())
                        .anySatisfy(v -> {
                            assertThat(v.field()).isEqualTo(field);
                            assertThat(v.message()).contains(message);
                        }));
        assertThat(magnum.bayModels().list()).hasSize(before);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keptRules")
    void keptRuleIsAccepted(String rule, UnaryOperator<BayModelSpec.Builder> change, String field, String message)
    {
        BayModelSpec spec = change.apply(seedSpec().name(uniqueName())).build();
        BayModel model = magnum.bayModels().create(spec);
        assertThat(magnum.bayModels().get(model.uuid())).isEqualTo(model);
    }

    @Test
    void everyBrokenRuleIsReportedAtOnce()
    {
        BayModelSpec spec = BayModelSpec.builder().name("1bad").coe("kubernetes").dockerVolumeSize(-1)
                .apiserverPort(80).build();
        assertThatThrownBy(() -> magnum.bayModels().create(spec))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).violations()).extracting(FieldViolation::field)
                        .containsExactlyInAnyOrder("name", "image_id", "keypair_id", "external_network_id",
                                "docker_volume_size", "apiserver_port"))
                .hasMessageContaining("image_id is required; ")
                .satisfies(e -> assertThat(((MagnumException) e).code().httpStatus()).isEqualTo(400));
    }

    @Test
    void defaultsAreFilledAsMagnumDoes()
    {
        BayModel k8s = magnum.bayModels().create(seedSpec().name(uniqueName()).networkDriver(null)
                .dnsNameserver(null).build());
        assertThat(k8s.networkDriver()).isEqualTo("flannel");
        assertThat(k8s.dnsNameserver()).isEqualTo("8.8.8.8");
        assertThat(k8s.serverType()).isEqualTo("vm");
        assertThat(k8s.clusterDistro()).isEqualTo("fedora-atomic");
        assertThat(k8s.tlsDisabled()).isFalse();
        assertThat(k8s.isPublic()).isFalse();
        assertThat(k8s.registryEnabled()).isFalse();
        assertThat(k8s.labels()).isEmpty();
        assertThat(k8s.updatedAt()).isNull();
        assertThat(k8s.projectId()).isEqualTo("default");
        assertThat(k8s.userId()).isEqualTo("admin");
        BayModel swarm = magnum.bayModels().create(seedSpec().name(uniqueName()).coe("swarm").networkDriver(null).build());
        assertThat(swarm.networkDriver()).isEqualTo("docker");
        BayModel mesos = magnum.bayModels().create(seedSpec().name(uniqueName()).coe("mesos").imageId("ubuntu-mesos")
                .networkDriver(null).build());
        assertThat(mesos.networkDriver()).isEqualTo("docker");
        assertThat(mesos.clusterDistro()).isEqualTo("ubuntu");
    }

    @Test
    void namesAreUniquePerProject()
    {
        String name = uniqueName();
        magnum.as(Fixtures.PROJECT_A).bayModels().create(seedSpec().name(name).build());
        assertThatThrownBy(() -> magnum.as(Fixtures.PROJECT_A).bayModels().create(seedSpec().name(name).build()))
                .isInstanceOf(ConflictException.class)
                .hasMessage("A baymodel named " + name + " already exists in project project-a");
        BayModel other = magnum.as(Fixtures.PROJECT_B).bayModels().create(seedSpec().name(name).build());
        assertThat(other.projectId()).isEqualTo("project-b");
    }

    @Test
    void onlyAnAdminMakesABayModelPublic()
    {
        BayModelSpec spec = seedSpec().name(uniqueName()).isPublic(true).build();
        assertThatThrownBy(() -> magnum.as(Fixtures.PROJECT_A).bayModels().create(spec))
                .isInstanceOf(ForbiddenException.class)
                .hasMessage("Only an admin may create a public baymodel");
        assertThat(magnum.as(Fixtures.ADMIN).bayModels().create(spec).isPublic()).isTrue();
    }

    @Test
    void aNullSpecIsATypedError()
    {
        assertThatThrownBy(() -> magnum.bayModels().create(null)).isInstanceOf(InvalidInputException.class)
                .hasMessage("a baymodel spec is required");
    }

    private String uniqueName()
    {
        return "model" + names.incrementAndGet();
    }

    /** The ids LocalCloud derives from names. */
    static final class LocalCloudIds
    {
        static String image(String name)
        {
            return LocalCloud.create().findImage(name).orElseThrow().id();
        }

        static String network(String name)
        {
            return LocalCloud.create().findNetwork(name).orElseThrow().id();
        }
    }
}
