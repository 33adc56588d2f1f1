package io.magnum;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.magnum.local.LocalCloud;
import io.magnum.model.Bay;
import io.magnum.model.BayModelSpec;
import io.magnum.model.BaySpec;
import io.magnum.model.Container;
import io.magnum.model.ContainerSpec;
import io.magnum.spi.coe.ContainerStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Containers on a Mesos bay are Marathon apps, over HTTP to LocalCloud's Marathon stand-in for the bay. */
class MesosContainersFacadeTest
{
    private static final Duration WAIT = Duration.ofSeconds(120);

    private LocalCloud cloud;
    private Magnum magnum;

    @BeforeEach
    void mesosBay()
    {
        cloud = LocalCloud.create();
        magnum = Magnum.builder().cloud(cloud).heartbeatInterval(Duration.ofHours(1)).syncInterval(Duration.ofMillis(50))
                .build();
        magnum.bayModels().create(BayModelSpec.builder().name("mesosbaymodel").imageId("ubuntu-mesos")
                .keypairId("testkey").externalNetworkId("public").dnsNameserver("8.8.8.8").flavorId("m1.medium")
                .coe("mesos").build());
        Bay bay = magnum.bays().create(BaySpec.of("mesosbay", "mesosbaymodel", 1)).await(WAIT);
        assertThat(bay.apiAddress()).as("the bay's Marathon stand-in").startsWith("http://127.0.0.1:");
    }

    @AfterEach
    void close()
    {
        magnum.close();
        cloud.close();
    }

    private ContainerStatus settled(String name) throws InterruptedException
    {
        for (int i = 0; i < 400; i++) {
            ContainerStatus status = magnum.containers().get(name).status();
            if (status != ContainerStatus.CREATING) {
                return status;
            }
            Thread.sleep(50);
        }
        throw new AssertionError(name + " stayed CREATING");
    }

    @Test
    void containersAreMarathonApps() throws InterruptedException
    {
        // with a Docker engine on this machine the bay's Marathon runs it for real: an image the engine has
        Container c = magnum.containers().create(ContainerSpec.of("web", "mesosbay", "local/busybox:latest")
                .withMemory("128m").withCommand("sleep 3600"));
        assertThat(c.coeId()).contains("/web");
        assertThat(settled("web")).isEqualTo(ContainerStatus.RUNNING);
        assertThat(magnum.containers().stop("web").status()).isIn(ContainerStatus.STOPPED, ContainerStatus.CREATING);
        assertThat(settled("web")).isEqualTo(ContainerStatus.STOPPED);
        magnum.containers().start("web");
        assertThat(settled("web")).isEqualTo(ContainerStatus.RUNNING);
        assertThatThrownBy(() -> magnum.containers().pause("web")).isInstanceOf(NotSupportedException.class);
        assertThatThrownBy(() -> magnum.containers().exec("web", "ls")).isInstanceOf(NotSupportedException.class);
        assertThatThrownBy(() -> magnum.containers().create(ContainerSpec.of("web", "mesosbay", "nginx")))
                .as("Marathon refuses a second app /web").isInstanceOf(ConflictException.class);
        assertThat(magnum.containers().list()).as("the refused one is kept in Error, as Magnum does")
                .extracting(Container::status).contains(ContainerStatus.ERROR);
        magnum.containers().list().forEach(container -> magnum.containers().delete(container.uuid()));
        assertThat(magnum.containers().list()).isEmpty();
    }
}
