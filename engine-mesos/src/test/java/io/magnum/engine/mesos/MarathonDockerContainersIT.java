package io.magnum.engine.mesos;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.magnum.local.coe.docker.DockerEngine;
import io.magnum.local.coe.marathon.MarathonHost;
import io.magnum.local.tck.LocalDockerEngine;
import io.magnum.spi.BayEndpoint;
import io.magnum.spi.BayModelView;
import io.magnum.spi.cloud.CoeHosting.HostedBay;
import io.magnum.spi.coe.CoeConnection;
import io.magnum.spi.coe.ContainerEngine;
import io.magnum.spi.coe.ContainerSpec;
import io.magnum.spi.coe.ContainerState;
import io.magnum.spi.coe.ContainerStatus;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Mesos driver's containers against the Marathon stand-in running them on the real local Docker engine
 * (tools/docker-up.sh starts one, with the image local/busybox:latest): statuses come from real containers, and an image
 * the engine lacks is Marathon's {@code lastTaskFailure}, which the driver maps to {@code ERROR}. Skips, loudly, only
 * when no engine answers.
 */
@Tag("docker")
class MarathonDockerContainersIT
{
    private static final String IMAGE = LocalDockerEngine.IMAGE;
    private static final List<String> SLAVES = List.of("10.0.0.5", "10.0.0.6");
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final BayModelView MODEL = BayModelView.of("mesos", "vm", "ubuntu", "ubuntu-mesos", "docker",
            Optional.empty(), false, Map.of());
    private static DockerEngine docker;

    private final MesosDriver driver = new MesosDriver();
    private MarathonHost host;
    private String bay;
    private CoeConnection connection;
    private ContainerEngine containers;

    @BeforeAll
    static void needsAnEngine()
    {
        docker = LocalDockerEngine.assumeRunning("MarathonDockerContainersIT");
    }

    @BeforeEach
    void start()
    {
        host = new MarathonHost(LocalDockerEngine.HOST);
        bay = UUID.randomUUID().toString();
        String address = host.start(new HostedBay(bay, "mesos", "172.24.4.3", SLAVES, Optional.empty()));
        assertThat(host.runsOnDocker(bay)).isTrue();
        connection = driver.connect(MODEL, new BayEndpoint(address, SLAVES, Optional.empty()));
        containers = connection.containers().orElseThrow();
    }

    @AfterEach
    void stop() throws IOException
    {
        connection.close();
        host.close();
        assertThat(containerIds("magnum.marathon.bay=" + bay)).as("containers left by bay " + bay).isEmpty();
    }

    @Test
    void aContainerIsARealOneThroughStopStartRebootScaleAndDelete() throws IOException
    {
        ContainerState created = containers.create(new ContainerSpec("u-1", "web", IMAGE, Optional.of("sleep 3600"),
                Optional.of("64m"), Map.of("GREETING", "hello")));
        assertThat(created.status()).isNotEqualTo(ContainerStatus.ERROR);
        ContainerState running = await(() -> containers.inspect("/web"), s -> s.status() == ContainerStatus.RUNNING);
        assertThat(running.host()).hasValueSatisfying(h -> assertThat(SLAVES).contains(h));
        List<String> first = containerIds("magnum.marathon.app=/web");
        assertThat(first).hasSize(1);
        JsonNode inspected = docker.call("GET", "/containers/" + first.get(0) + "/json", null).body();
        assertThat(inspected.path("Config").path("Env").toString()).contains("GREETING=hello");
        assertThat(inspected.path("HostConfig").path("Memory").asLong()).isEqualTo(64L * 1024 * 1024);

        assertThat(containers.stop("/web").status()).isEqualTo(ContainerStatus.STOPPED);
        awaitContainers("/web", 0);
        assertThat(containers.start("/web").status()).isIn(ContainerStatus.CREATING, ContainerStatus.RUNNING);
        await(() -> containers.inspect("/web"), s -> s.status() == ContainerStatus.RUNNING);
        List<String> started = awaitContainers("/web", 1);

        assertThat(containers.reboot("/web").status()).isNotEqualTo(ContainerStatus.ERROR);
        await(() -> containerIds("magnum.marathon.app=/web"), ids -> ids.size() == 1 && !ids.equals(started));
        assertThat(containers.inspect("/web").status()).isEqualTo(ContainerStatus.RUNNING);

        containers.scale("/web", 3);
        awaitContainers("/web", 3);
        await(() -> containers.inspect("/web"), s -> s.status() == ContainerStatus.RUNNING);

        containers.delete("/web");
        awaitContainers("/web", 0);
    }

    @Test
    void anImageTheEngineLacksIsErrorWithMarathonsFailure() throws IOException
    {
        String image = "magnum4j/absent-" + UUID.randomUUID().toString().substring(0, 8) + ":1";
        containers.create(new ContainerSpec("u-2", "ghost", image, Optional.of("sleep 3600"), Optional.empty(), Map.of()));
        ContainerState failed = await(() -> containers.inspect("/ghost"), s -> s.status() == ContainerStatus.ERROR);
        assertThat(failed.reason()).hasValueSatisfying(r -> assertThat(r)
                .startsWith("TASK_FAILED: Failed to launch container").contains(image));
        assertThat(containerIds("magnum.marathon.app=/ghost")).isEmpty();
        containers.delete("/ghost");
    }

    // ---- helpers

    private List<String> awaitContainers(String app, int count) throws IOException
    {
        return await(() -> containerIds("magnum.marathon.app=" + app), ids -> ids.size() == count);
    }

    private List<String> containerIds(String label) throws IOException
    {
        String filters = "{\"label\":[\"" + label + "\",\"magnum.marathon.bay=" + bay + "\"]}";
        JsonNode list = docker.call("GET", "/containers/json?all=1&filters="
                + URLEncoder.encode(filters, StandardCharsets.UTF_8), null).body();
        List<String> ids = new ArrayList<>();
        list.forEach(c -> ids.add(c.path("Id").asText()));
        return ids;
    }

    private interface Read<T>
    {
        T read() throws IOException;
    }

    private static <T> T await(Read<T> read, Predicate<T> done) throws IOException
    {
        long deadline = System.nanoTime() + WAIT.toNanos();
        T last = read.read();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not there within " + WAIT + "; last seen: " + last);
            }
            try {
                Thread.sleep(100);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            last = read.read();
        }
        return last;
    }
}
