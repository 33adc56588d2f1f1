package io.magnum;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.magnum.local.LocalCloud;
import io.magnum.model.Bay;
import io.magnum.model.BayModelSpec;
import io.magnum.model.BaySpec;
import io.magnum.model.Container;
import io.magnum.model.ContainerSpec;
import io.magnum.spi.coe.ContainerStatus;
import io.magnum.local.tck.LocalDockerEngine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The seed's container commands on a Swarm bay, through the facade, against the real Docker engine behind
 * LocalCloud's per-bay TLS front (the bay's CA on both sides).
 */
@Tag("docker")
class SwarmContainersFacadeIT
{
    private static final Duration WAIT = Duration.ofSeconds(120);

    private LocalCloud cloud;
    private Magnum magnum;

    @BeforeAll
    static void engine()
    {
        LocalDockerEngine.assumeRunningWithImage("SwarmContainersFacadeIT");
    }

    @AfterEach
    void close()
    {
        if (magnum != null) {
            magnum.close();
        }
        if (cloud != null) {
            cloud.close();
        }
    }

    private Bay swarmBay(boolean tlsDisabled)
    {
        cloud = LocalCloud.create();
        magnum = Magnum.builder().cloud(cloud).heartbeatInterval(Duration.ofHours(1)).syncInterval(Duration.ofMillis(50))
                .build();
        magnum.bayModels().create(BayModelSpec.builder().name("swarmbaymodel").imageId("fedora-21-atomic-5")
                .keypairId("testkey").externalNetworkId("public").dnsNameserver("8.8.8.8").flavorId("m1.small")
                .networkDriver("docker").coe("swarm").tlsDisabled(tlsDisabled).build());
        return magnum.bays().create(BaySpec.of("swarmbay", "swarmbaymodel", 1)).await(WAIT);
    }

    @Test
    void everyContainerVerbOverTheBaysTls()
    {
        Bay bay = swarmBay(false);
        assertThat(bay.apiAddress()).as("LocalCloud's front for this bay").startsWith("https://127.0.0.1:");
        Container c = magnum.containers().create(ContainerSpec.of("test", "swarmbay", LocalDockerEngine.IMAGE)
                .withCommand("sh -c \"trap 'exit 0' TERM; echo started; while true; do sleep 1; done\"")
                .withMemory("64m").withEnvironment(Map.of("GREETING", "hello")));
        assertThat(c.status()).isEqualTo(ContainerStatus.STOPPED);
        assertThat(magnum.containers().start("test").status()).isEqualTo(ContainerStatus.RUNNING);
        assertThat(magnum.containers().exec("test", "sh -c 'echo $GREETING'")).contains("hello");
        assertThat(magnum.containers().pause("test").status()).isEqualTo(ContainerStatus.PAUSED);
        assertThat(magnum.containers().get("test").status()).isEqualTo(ContainerStatus.PAUSED);
        assertThat(magnum.containers().unpause("test").status()).isEqualTo(ContainerStatus.RUNNING);
        assertThat(magnum.containers().reboot("test").status()).isEqualTo(ContainerStatus.RUNNING);
        assertThat(magnum.containers().logs("test")).contains("started");
        assertThat(magnum.containers().stop("test").status()).isEqualTo(ContainerStatus.STOPPED);
        assertThatThrownBy(() -> magnum.containers().pause("test")).isInstanceOf(ConflictException.class);
        assertThatThrownBy(() -> magnum.containers().create(ContainerSpec.of("nope", "swarmbay", "no/such-image:1")))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.violations()).extracting(v -> v.field()).containsExactly("image"));
        magnum.containers().delete("test");
        assertThat(magnum.containers().list()).isEmpty();
    }

    @Test
    void withTlsDisabledTheBayIsPlainTcp()
    {
        Bay bay = swarmBay(true);
        assertThat(bay.apiAddress()).startsWith("tcp://127.0.0.1:");
        magnum.containers().create(ContainerSpec.of("plain", "swarmbay", LocalDockerEngine.IMAGE).withCommand("echo hi"));
        magnum.containers().start("plain");
        magnum.containers().delete("plain");
    }

    @Test
    void deletingTheBayTakesItsContainersAlong()
    {
        swarmBay(false);
        Container c = magnum.containers().create(ContainerSpec.of("left", "swarmbay", LocalDockerEngine.IMAGE)
                .withCommand("sleep 300"));
        magnum.containers().start("left");
        magnum.bays().delete("swarmbay").await(WAIT);
        assertThat(magnum.containers().find(c.uuid())).isEmpty();
    }

    @Test
    void aKubernetesBayHasNoContainers()
    {
        swarmBay(false);
        assertThatThrownBy(() -> magnum.pods().list("swarmbay")).isInstanceOf(NotSupportedException.class);
    }
}
