package io.magnum;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.magnum.local.LocalCloud;
import io.magnum.model.Bay;
import io.magnum.model.BaySpec;
import io.magnum.model.Container;
import io.magnum.model.ContainerSpec;
import io.magnum.model.ListOptions;
import io.magnum.model.Pod;
import io.magnum.model.ReplicationController;
import io.magnum.spi.coe.CoeException;
import io.magnum.spi.coe.ContainerStatus;

import static io.magnum.Fixtures.seedSpec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The facade's side of COE objects, with a COE in memory: gate, policy, records, errors, connection reuse. */
class CoeObjectsFacadeTest
{
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final FakeCoe coe = new FakeCoe();
    private LocalCloud cloud;
    private Magnum magnum;
    private Bay bay;

    @BeforeEach
    void bay()
    {
        cloud = LocalCloud.create();
        magnum = Magnum.builder().cloud(cloud).heartbeatInterval(Duration.ofHours(1)).syncInterval(Duration.ofMillis(20))
                .driver(coe).build();
        Magnum a = magnum.as(Fixtures.PROJECT_A);
        a.bayModels().create(seedSpec().name("fake").coe("fake").imageId("ubuntu-mesos").networkDriver(null).build());
        bay = a.bays().create(BaySpec.of("bay", "fake", 1)).await(WAIT);
    }

    @AfterEach
    void close()
    {
        magnum.close();
        cloud.close();
    }

    @Test
    void podsGoThroughTheDriverAndCarryTheirBay()
    {
        Magnum a = magnum.as(Fixtures.PROJECT_A);
        Pod pod = a.pods().create("bay", "Pod/redis-master/redis");
        assertThat(pod.bayUuid()).isEqualTo(bay.uuid());
        assertThat(pod.images()).containsExactly("redis");
        assertThat(pod.status()).contains("Running");
        assertThat(a.pods().list(bay.uuid())).extracting(Pod::name).containsExactly("redis-master");
        assertThat(a.pods().get("bay", pod.uuid()).name()).as("by uid").isEqualTo("redis-master");
        assertThat(a.pods().update("bay", "redis-master", "Pod/redis-master/redis:3").images()).containsExactly("redis:3");
        a.pods().delete("bay", pod.uuid());
        assertThat(a.pods().find("bay", "redis-master")).isEmpty();
        assertThatThrownBy(() -> a.pods().get("bay", "redis-master")).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("redis-master");
        assertThatThrownBy(() -> a.pods().delete("bay", "redis-master")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void controllersScaleByPatch()
    {
        Magnum a = magnum.as(Fixtures.PROJECT_A);
        a.replicationControllers().create("bay", "ReplicationController/redis/redis");
        ReplicationController rc = a.replicationControllers().scale("bay", "redis", 2);
        assertThat(rc.replicas()).isEqualTo(2);
        assertThatThrownBy(() -> a.replicationControllers().scale("bay", "redis", -1))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("replicas");
    }

    @Test
    void badInputIsTypedAndNamesTheField(@TempDir Path dir)
    {
        Magnum a = magnum.as(Fixtures.PROJECT_A);
        assertThatThrownBy(() -> a.pods().create("bay", "  ")).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.violations()).extracting(v -> v.field()).containsExactly("manifest"));
        assertThatThrownBy(() -> a.pods().create("bay", (String) null)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> a.pods().create("bay", dir.resolve("nope.yaml")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("nope.yaml");
        assertThatThrownBy(() -> a.pods().create(null, "Pod/x")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("bay");
        assertThatThrownBy(() -> a.pods().create("bay", "Service/x")).isInstanceOfSatisfying(InvalidInputException.class,
                e -> assertThat(e.getMessage()).contains("Service is not Pod"));
        assertThatThrownBy(() -> a.pods().create("bay", "x".repeat(1024 * 1024 + 1)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("larger");
        assertThatThrownBy(() -> a.pods().get("bay", "")).isInstanceOf(InvalidInputException.class);
        assertThat(coe.objects).isEmpty();
    }

    @Test
    void manifestFromAFile(@TempDir Path dir) throws Exception
    {
        Path file = Files.writeString(dir.resolve("redis-master.yaml"), "Pod/redis-master/redis");
        assertThat(magnum.as(Fixtures.PROJECT_A).pods().create("bay", file).name()).isEqualTo("redis-master");
    }

    @Test
    void driverFailuresBecomeTypedErrors()
    {
        Magnum a = magnum.as(Fixtures.PROJECT_A);
        coe.failNext = new CoeException(CoeException.Reason.TLS, "certificate_unknown");
        assertThatThrownBy(() -> a.pods().list("bay")).isInstanceOfSatisfying(CoeFailedException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.COE_TLS));
        coe.failNext = new CoeException(CoeException.Reason.UNREACHABLE, "connection refused");
        assertThatThrownBy(() -> a.pods().list("bay")).isInstanceOfSatisfying(CoeFailedException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.COE_UNREACHABLE));
        coe.failNext = new CoeException(CoeException.Reason.FAILED, "500 from the API");
        assertThatThrownBy(() -> a.pods().list("bay")).isInstanceOfSatisfying(CoeFailedException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.COE_FAILURE));
        coe.failNext = CoeException.unsupported("pods");
        assertThatThrownBy(() -> a.pods().list("bay")).isInstanceOf(NotSupportedException.class);
        a.pods().create("bay", "Pod/p");
        assertThatThrownBy(() -> a.pods().create("bay", "Pod/p")).isInstanceOf(ConflictException.class);
        coe.failNext = new CoeException(CoeException.Reason.NOT_FOUND, "gone");
        assertThatThrownBy(() -> a.pods().list("bay")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void anotherProjectCannotReachTheBay()
    {
        assertThatThrownBy(() -> magnum.as(Fixtures.PROJECT_B).pods().list("bay")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> magnum.as(Fixtures.PROJECT_B).containers()
                .create(ContainerSpec.of("c", bay.uuid(), "busybox"))).isInstanceOf(NotFoundException.class);
        assertThat(magnum.as(Fixtures.ADMIN).pods().list("bay")).isEmpty();
    }

    @Test
    void aBayInProgressRefusesObjectCalls()
    {
        cloud.heat().defaultLatency(Duration.ofSeconds(30));
        Magnum a = magnum.as(Fixtures.PROJECT_A);
        a.bays().create(BaySpec.of("slow", "fake", 1));
        assertThatThrownBy(() -> a.pods().list("slow")).isInstanceOf(ConflictException.class)
                .hasMessageContaining("CREATE_IN_PROGRESS");
    }

    @Test
    void oneConnectionPerBayClosedWhenTheBayGoesAndReopenedAfterRotation()
    {
        Magnum a = magnum.as(Fixtures.PROJECT_A);
        for (int i = 0; i < 20; i++) {
            a.pods().list("bay");
        }
        assertThat(coe.connects).hasValue(1);
        assertThat(coe.endpoints.get(0).apiAddress()).isEqualTo(bay.apiAddress());
        assertThat(coe.endpoints.get(0).tls()).get().satisfies(tls ->
                assertThat(tls.caPem()).isEqualTo(a.certificates().ca("bay").pem()));
        a.certificates().rotate("bay");
        a.pods().list("bay");
        assertThat(coe.connects).hasValue(2);
        assertThat(coe.closes).hasValue(1);
        assertThat(coe.endpoints.get(1).tls().orElseThrow().caPem()).isEqualTo(a.certificates().ca("bay").pem());
        a.bays().delete("bay").await(WAIT);
        assertThat(coe.closes).hasValue(2);
    }

    @Test
    void containersKeepARecordWhoseStatusFollowsTheCoe()
    {
        Magnum a = magnum.as(Fixtures.PROJECT_A);
        Container created = a.containers().create(ContainerSpec.of("test", "bay", "busybox").withCommand("sleep 60")
                .withMemory("512m").withEnvironment(Map.of("A", "1")));
        assertThat(created.status()).isEqualTo(ContainerStatus.STOPPED);
        assertThat(created.coeId()).contains("docker-" + created.uuid());
        assertThat(created.command()).contains("sleep 60");
        assertThat(a.containers().start("test").status()).isEqualTo(ContainerStatus.RUNNING);
        assertThat(a.containers().exec("test", "ls /")).isEqualTo("ran ls /");
        assertThat(a.containers().logs(created.uuid())).startsWith("log of");
        // the COE changed behind our back: show reads it again
        coe.containers.put(created.coeId().get(), io.magnum.spi.coe.ContainerState.of(created.coeId().get(),
                ContainerStatus.PAUSED));
        assertThat(a.containers().get("test").status()).isEqualTo(ContainerStatus.PAUSED);
        assertThat(a.containers().list()).extracting(Container::status).containsExactly(ContainerStatus.PAUSED);
        assertThatThrownBy(() -> a.containers().pause("test")).as("the fake lacks pause")
                .isInstanceOf(NotSupportedException.class);
        assertThat(a.containers().stop("test").status()).isEqualTo(ContainerStatus.STOPPED);
        assertThatThrownBy(() -> a.containers().exec("test", "ls")).isInstanceOf(ConflictException.class);
        // the COE lost it
        coe.containers.clear();
        assertThat(a.containers().get("test").status()).isEqualTo(ContainerStatus.ERROR);
        a.containers().delete("test");
        assertThat(a.containers().find("test")).isEmpty();
        assertThat(a.containers().list()).isEmpty();
    }

    @Test
    void containerInputIsCheckedBeforeAnythingIsStored()
    {
        Magnum a = magnum.as(Fixtures.PROJECT_A);
        assertThatThrownBy(() -> a.containers().create(new ContainerSpec("1bad", null, " ", "", "lots",
                java.util.Collections.singletonMap("A B", null)))).isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.violations()).extracting(v -> v.field())
                                .containsExactlyInAnyOrder("name", "bay_uuid", "image", "command", "memory", "environment"));
        assertThatThrownBy(() -> a.containers().create(null)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> a.containers().create(ContainerSpec.of("c", "bay", "missing")))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.violations()).extracting(v -> v.field()).containsExactly("image"));
        assertThat(a.containers().list()).as("a refused image leaves no record").isEmpty();
        coe.failNext = new CoeException(CoeException.Reason.FAILED, "engine down");
        assertThatThrownBy(() -> a.containers().create(ContainerSpec.of("c", "bay", "busybox")))
                .isInstanceOf(CoeFailedException.class);
        assertThat(a.containers().list()).as("as in Magnum, a failed create stays, in Error")
                .extracting(Container::status).containsExactly(ContainerStatus.ERROR);
        assertThatThrownBy(() -> a.containers().start("c")).isInstanceOf(ConflictException.class)
                .hasMessageContaining("never created");
    }

    @Test
    void containerNamesMayRepeatButThenNeedTheUuid()
    {
        Magnum a = magnum.as(Fixtures.PROJECT_A);
        Container one = a.containers().create(ContainerSpec.of("twin", "bay", "busybox"));
        a.containers().create(ContainerSpec.of("twin", "bay", "busybox"));
        assertThatThrownBy(() -> a.containers().get("twin")).isInstanceOf(ConflictException.class)
                .hasMessageContaining("uuid");
        assertThat(a.containers().get(one.uuid()).uuid()).isEqualTo(one.uuid());
        assertThat(a.containers().list(ListOptions.builder().limit(1).build()).nextMarker()).isPresent();
        assertThat(magnum.as(Fixtures.PROJECT_B).containers().list()).isEmpty();
        assertThatThrownBy(() -> magnum.as(Fixtures.PROJECT_B).containers().get(one.uuid()))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void deletingTheBayDeletesItsContainers()
    {
        Magnum a = magnum.as(Fixtures.PROJECT_A);
        a.containers().create(ContainerSpec.of("c1", "bay", "busybox"));
        a.containers().create(ContainerSpec.of("c2", "bay", "busybox"));
        a.bays().delete("bay").await(WAIT);
        assertThat(a.containers().list()).isEmpty();
    }

    @Test
    void aDriverWithoutObjectsSaysSo()
    {
        LifecycleTest.TestDriver plain = new LifecycleTest.TestDriver("plain_v1",
                new io.magnum.spi.DriverKey("plain", "vm", "ubuntu"), java.util.Set.of("none"));
        try (LocalCloud other = LocalCloud.create();
             Magnum m = Magnum.builder().cloud(other).heartbeatInterval(Duration.ofHours(1))
                     .syncInterval(Duration.ofMillis(20)).driver(plain).build()) {
            m.bayModels().create(seedSpec().name("plain").coe("plain").imageId("ubuntu-mesos").networkDriver(null).build());
            m.bays().create(BaySpec.of("b", "plain", 1)).await(WAIT);
            assertThatThrownBy(() -> m.pods().list("b")).isInstanceOf(NotSupportedException.class);
            assertThatThrownBy(() -> m.containers().create(ContainerSpec.of("c", "b", "busybox")))
                    .isInstanceOf(NotSupportedException.class);
        }
    }
}
