package io.magnum.engine.mesos;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.magnum.local.coe.marathon.MarathonHost;
import io.magnum.spi.BayEndpoint;
import io.magnum.spi.BayModelView;
import io.magnum.spi.cloud.CoeHosting.HostedBay;
import io.magnum.spi.coe.BayHealth;
import io.magnum.spi.coe.CoeConnection;
import io.magnum.spi.coe.CoeException;
import io.magnum.spi.coe.CoeException.Reason;
import io.magnum.spi.coe.ContainerEngine;
import io.magnum.spi.coe.ContainerSpec;
import io.magnum.spi.coe.ContainerState;
import io.magnum.spi.coe.ContainerStatus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The Mesos driver's containers, over HTTP, against LocalCloud's Marathon stand-in. */
class MarathonContainersTest
{
    private static final String BAY = "0b7b1a4e-6d2f-4f7e-9a51-5f3c1d2e4a10";
    private static final List<String> SLAVES = List.of("10.0.0.5", "10.0.0.6");
    private static final BayModelView MODEL = BayModelView.of("mesos", "vm", "ubuntu", "ubuntu-mesos", "docker",
            Optional.empty(), false, Map.of());

    private final MesosDriver driver = new MesosDriver();
    private final HttpClient http = HttpClient.newHttpClient();
    private MarathonHost host;
    private String address;
    private CoeConnection connection;
    private ContainerEngine containers;

    @BeforeEach
    void start()
    {
        host = new MarathonHost(Duration.ofMillis(100));
        address = host.start(new HostedBay(BAY, "mesos", "172.24.4.3", SLAVES, Optional.empty()));
        connection = driver.connect(MODEL, new BayEndpoint(address, SLAVES, Optional.empty()));
        containers = connection.containers().orElseThrow();
    }

    @AfterEach
    void stop()
    {
        connection.close();
        host.close();
    }

    @Test
    void hasContainersAndNoManifestObjects()
    {
        assertThat(connection.manifests()).isEmpty();
        assertThat(connection.containers()).containsSame(containers);
    }

    @Test
    void createShowScaleStopStartRebootDelete()
    {
        ContainerState created = containers.create(spec("u-1", "Redis_1"));
        assertThat(created.id()).isEqualTo("/redis-1");
        assertThat(created.status()).isEqualTo(ContainerStatus.CREATING);

        ContainerState running = await(() -> containers.inspect("/redis-1"), ContainerStatus.RUNNING);
        assertThat(running.host()).hasValueSatisfying(h -> assertThat(h).isIn(SLAVES));
        assertThat(running.reason()).isEmpty();
        assertThat(containers.inspect("redis-1")).as("with or without the leading slash").isEqualTo(running);
        assertThat(((MarathonConnection) connection).apps().list()).containsOnlyKeys("u-1");

        assertThat(containers.scale("/redis-1", 3).status()).isEqualTo(ContainerStatus.RUNNING);
        awaitIdle("/redis-1");
        assertThat(app("redis-1").path("tasksRunning").asInt()).isEqualTo(3);

        assertThat(containers.stop("/redis-1").status()).isEqualTo(ContainerStatus.STOPPED);
        awaitIdle("/redis-1");
        assertThat(app("redis-1").path("tasksRunning").asInt()).isZero();
        assertThat(containers.stop("/redis-1").status()).as("stopping a stopped app changes nothing").isEqualTo(ContainerStatus.STOPPED);

        assertThat(containers.start("/redis-1").status()).isEqualTo(ContainerStatus.CREATING);
        await(() -> containers.inspect("/redis-1"), ContainerStatus.RUNNING);
        awaitIdle("/redis-1");
        assertThat(app("redis-1").path("instances").asInt()).isEqualTo(1);
        assertThat(containers.start("/redis-1").status()).as("starting a running app changes nothing").isEqualTo(ContainerStatus.RUNNING);

        String tasksBefore = app("redis-1").path("tasks").toString();
        assertThat(containers.reboot("/redis-1").status()).as("old tasks run until new ones do").isEqualTo(ContainerStatus.RUNNING);
        awaitIdle("/redis-1");
        assertThat(app("redis-1").path("tasks").toString()).isNotEqualTo(tasksBefore);

        containers.delete("/redis-1");
        assertReason(() -> containers.inspect("/redis-1"), Reason.NOT_FOUND);
        containers.delete("/redis-1");   // already gone: fine
        assertThat(((MarathonConnection) connection).apps().list()).isEmpty();
    }

    @Test
    void createSendsTheSpecAsAMarathonDockerApp()
    {
        containers.create(new ContainerSpec("u-2", "web", "busybox", Optional.of("sleep 1000"), Optional.of("512m"),
                Map.of("A", "1", "B", "two")));
        JsonNode app = app("web");
        assertThat(app.path("id").asText()).isEqualTo("/web");
        assertThat(app.path("container").path("type").asText()).isEqualTo("DOCKER");
        assertThat(app.path("container").path("docker").path("image").asText()).isEqualTo("busybox");
        assertThat(app.path("cmd").asText()).isEqualTo("sleep 1000");
        assertThat(app.path("mem").asDouble()).isEqualTo(512.0);
        assertThat(app.path("env").path("A").asText()).isEqualTo("1");
        assertThat(app.path("env").path("B").asText()).isEqualTo("two");
        assertThat(app.path("instances").asInt()).isEqualTo(1);
        assertThat(app.path("labels").path("magnum.uuid").asText()).isEqualTo("u-2");

        containers.create(new ContainerSpec("u-3", "plain", "busybox", Optional.empty(), Optional.empty(), Map.of()));
        JsonNode plain = app("plain");
        assertThat(plain.path("cmd").isNull()).as("the image's own command").isTrue();
        assertThat(plain.path("mem").asDouble()).as("Marathon's default").isEqualTo(128.0);
    }

    @Test
    void aDuplicateNameIsAConflict()
    {
        containers.create(spec("u-1", "twice"));
        CoeException e = assertReason(() -> containers.create(spec("u-2", "twice")), Reason.CONFLICT);
        assertThat(e).hasMessageContaining("/twice").hasMessageContaining("already exists");
    }

    @Test
    void aMissingAppIsNotFoundForEveryVerbButDelete()
    {
        for (ThrowingCallable call : List.<ThrowingCallable>of(() -> containers.inspect("/nope"), () -> containers.start("/nope"),
                () -> containers.stop("/nope"), () -> containers.scale("/nope", 2), () -> containers.reboot("/nope"))) {
            CoeException e = assertReason(call, Reason.NOT_FOUND);
            assertThat(e).hasMessage("App '/nope' does not exist");
        }
        containers.delete("/nope");
        assertThat(((MarathonConnection) connection).apps().list()).as("scale did not create it").isEmpty();
        assertReason(() -> containers.inspect("Not An Id"), Reason.NOT_FOUND);
    }

    @Test
    void namesThatCannotBeMarathonIdsAreInvalidBeforeMarathonIsCalled()
    {
        for (String name : List.of("", "a/b", "-web", "web-", "we b", "tasks", "restart", "versions", "caf\u00e9")) {
            CoeException e = assertReason(() -> containers.create(spec("u", name)), Reason.INVALID);
            assertThat(e.field()).as(name).hasValue("name");
        }
        assertThat(containers.create(spec("u", "Web.Front_1")).id()).isEqualTo("/web.front-1");
    }

    @Test
    void otherInputErrorsNameTheirField()
    {
        CoeException memory = assertReason(() -> containers.create(new ContainerSpec("u", "m", "busybox",
                Optional.empty(), Optional.of("lots"), Map.of())), Reason.INVALID);
        assertThat(memory.field()).hasValue("memory");
        CoeException image = assertReason(() -> containers.create(new ContainerSpec("u", "i", " ",
                Optional.empty(), Optional.empty(), Map.of())), Reason.INVALID);
        assertThat(image.field()).hasValue("image");
        containers.create(spec("u", "s"));
        CoeException instances = assertReason(() -> containers.scale("/s", -1), Reason.INVALID);
        assertThat(instances.field()).hasValue("instances");
    }

    @Test
    void marathonsOwnValidationErrorsAreInvalidWithItsMessage()
    {
        MarathonHttp http = new MarathonHttp(URI.create(address), Duration.ofSeconds(2), Duration.ofSeconds(5));
        try {
            var body = http.object();
            body.put("id", "/x");
            body.put("cmd", "sleep 1");
            body.put("instances", -1);
            CoeException e = assertReason(() -> http.call("POST", "/v2/apps", body), Reason.INVALID);
            assertThat(e.field()).hasValue("instances");
            assertThat(e).hasMessageStartingWith("Object is not valid; /instances: ");
        }
        finally {
            http.close();
        }
    }

    @Test
    void marathonHasNoPauseUnpauseExecOrLogs()
    {
        containers.create(spec("u", "web"));
        for (ThrowingCallable call : List.<ThrowingCallable>of(() -> containers.pause("/web"), () -> containers.unpause("/web"),
                () -> containers.exec("/web", "ls"), () -> containers.logs("/web"))) {
            assertReason(call, Reason.UNSUPPORTED);
        }
    }

    /** Marathon locks an app while it deploys; a user's verb is the latest word, so the driver forces it. */
    @Test
    void aVerbDuringADeploymentReplacesItAndDeleteWins()
    {
        try (MarathonHost slow = new MarathonHost(Duration.ofMinutes(5))) {
            String url = slow.start(new HostedBay(BAY, "mesos", "172.24.4.3", SLAVES, Optional.empty()));
            try (CoeConnection c = driver.connect(MODEL, new BayEndpoint(url, SLAVES, Optional.empty()))) {
                ContainerEngine engine = c.containers().orElseThrow();
                engine.create(spec("u", "slow"));
                assertThat(engine.inspect("/slow").status()).isEqualTo(ContainerStatus.CREATING);
                assertThat(engine.scale("/slow", 2).status()).isNotEqualTo(ContainerStatus.ERROR);
                assertThat(engine.stop("/slow").status()).isIn(ContainerStatus.STOPPED, ContainerStatus.CREATING);
                assertThat(engine.reboot("/slow").status()).isNotEqualTo(ContainerStatus.ERROR);
                engine.delete("/slow");
                assertReason(() -> engine.inspect("/slow"), Reason.NOT_FOUND);
            }
        }
    }

    @Test
    void healthComesFromPingAndInfo()
    {
        BayHealth health = connection.health();
        assertThat(health.status()).isEqualTo(BayHealth.Status.HEALTHY);
        assertThat(health.reason()).startsWith("Marathon ").contains(" answers, leader 127.0.0.1:");
        assertThat(health.nodes()).containsEntry("leader", address.substring("http://".length()))
                .containsEntry("mesos_master", "zk://172.24.4.3:2181/mesos")
                .containsKey("marathon");
    }

    @Test
    void aStoppedHostIsUnreachableAndUnhealthy() throws IOException
    {
        int port = URI.create(address).getPort();
        host.stop(BAY);
        assertReason(() -> containers.inspect("/web"), Reason.UNREACHABLE);
        assertReason(() -> containers.create(spec("u", "web")), Reason.UNREACHABLE);
        assertReason(() -> containers.delete("/web"), Reason.UNREACHABLE);
        BayHealth health = connection.health();
        assertThat(health.status()).isEqualTo(BayHealth.Status.UNHEALTHY);
        assertThat(health.reason()).contains("cannot be reached");
        try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(again.getLocalPort()).as("stop freed the port").isEqualTo(port);
        }
    }

    @Test
    void anotherServiceOnThePortIsUnhealthy() throws IOException
    {
        // something that answers HTTP but is not Marathon
        var other = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        other.createContext("/", exchange -> {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        other.start();
        try (CoeConnection c = driver.connect(MODEL, new BayEndpoint("127.0.0.1:" + other.getAddress().getPort(),
                SLAVES, Optional.empty()))) {
            assertThat(c.health().status()).isEqualTo(BayHealth.Status.UNHEALTHY);
            CoeException e = assertReason(() -> c.containers().orElseThrow().inspect("/x"), Reason.FAILED);
            assertThat(e).hasMessageContaining("503");
        }
        finally {
            other.stop(0);
        }
    }

    @Test
    void tlsMaterialIsIgnoredBecauseMagnumRunsMarathonOnPlainHttp()
    {
        try (CoeConnection c = driver.connect(MODEL, new BayEndpoint(address, SLAVES,
                Optional.of(new BayEndpoint.Tls("ca", "cert", "key"))))) {
            assertThat(c.health().status()).isEqualTo(BayHealth.Status.HEALTHY);
            assertThat(c.containers().orElseThrow().create(spec("u", "tls")).id()).isEqualTo("/tls");
        }
    }

    // ---- helpers

    private static ContainerSpec spec(String uuid, String name)
    {
        return new ContainerSpec(uuid, name, "busybox", Optional.of("sleep 1000"), Optional.of("64m"), Map.of());
    }

    private static CoeException assertReason(ThrowingCallable call, Reason reason)
    {
        CoeException e = catchThrowableOfType(CoeException.class, call);
        assertThat(e).as("a CoeException").isNotNull();
        assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
        return e;
    }

    private static ContainerState await(Supplier<ContainerState> state, ContainerStatus wanted)
    {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        ContainerState last = state.get();
        while (last.status() != wanted && System.nanoTime() < deadline) {
            sleep();
            last = state.get();
        }
        assertThat(last.status()).as(last.toString()).isEqualTo(wanted);
        return last;
    }

    private void awaitIdle(String id)
    {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (app(id.substring(1)).path("deployments").size() > 0) {
            assertThat(System.nanoTime()).as("deployment of " + id + " ends").isLessThan(deadline);
            sleep();
        }
    }

    private static void sleep()
    {
        try {
            Thread.sleep(20);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The app as Marathon (the stand-in) shows it, read without the driver. */
    private JsonNode app(String id)
    {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create(address + "/v2/apps/" + id + "?embed=app.tasks")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            return new ObjectMapper().readTree(response.body()).path("app");
        }
        catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
