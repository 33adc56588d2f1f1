package io.magnum.engine.swarm;

import io.magnum.local.testing.TestPki;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;

import io.magnum.local.coe.docker.DockerHost;
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
import io.magnum.local.tck.LocalDockerEngine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Every container verb of the Swarm driver against the real local Docker engine, through LocalCloud's TLS front
 * ({@link DockerHost}) with certificates of a throw-away bay CA, checked against what Docker itself says (read
 * straight from its socket). tools/docker-up.sh starts the engine and makes the image; nothing is ever pulled.
 * Skips, loudly, only when no engine answers.
 */
@Tag("docker")
class SwarmContainersIT
{
    /** RSA certificates: the Docker engine's TLS, as a bay's. */
    private static final TestPki PKI = TestPki.rsa();


    /** Made by tools/docker-up.sh from busybox-static. */
    static final String IMAGE = LocalDockerEngine.IMAGE;
    private static final String SOCKET = LocalDockerEngine.HOST;
    /** Runs until stopped, and stops at once on SIGTERM (a shell as PID 1 ignores it unless it traps it). */
    private static final String SERVE = "sh -c \"trap 'exit 0' TERM; echo started; echo to-stderr >&2; "
            + "while true; do sleep 1; done\"";

    private static DockerClient truth;
    private static TestPki.Ca ca;

    private final SwarmDriver driver = new SwarmDriver();
    private final List<String> created = new ArrayList<>();
    private DockerHost host;
    private HostedBay bay;
    private CoeConnection connection;
    private ContainerEngine containers;

    @BeforeAll
    static void needsAnEngineAndTheLocalImage()
    {
        LocalDockerEngine.assumeRunningWithImage("SwarmContainersIT");
        truth = DockerClientImpl.getInstance(new DefaultDockerClientConfig.Builder().withDockerHost(SOCKET).build(),
                new ZerodepDockerHttpClient.Builder().dockerHost(URI.create(SOCKET)).build());
        ca = PKI.ca("swarm-bay-ca");
    }

    @AfterAll
    static void closeTruth() throws IOException
    {
        if (truth != null) {
            truth.close();
        }
    }

    @BeforeEach
    void tlsBay()
    {
        host = new DockerHost(SOCKET);
        String stackAddress = driver.outputs(model(false), Map.of("api_address", "10.0.0.5")).apiAddress().orElseThrow();
        assertThat(stackAddress).isEqualTo("https://10.0.0.5:2376");
        bay = new HostedBay(UUID.randomUUID().toString(), "swarm", stackAddress, List.of("10.0.0.6"),
                Optional.of(PKI.server(ca)));
        String address = host.start(bay);
        assertThat(address).startsWith("https://127.0.0.1:");
        connection = driver.connect(model(false), new BayEndpoint(address, List.of("10.0.0.6"), Optional.of(PKI.client(ca))));
        containers = connection.containers().orElseThrow();
    }

    @AfterEach
    void cleanUp()
    {
        connection.close();
        host.close();
        for (String id : created) {
            try {
                truth.removeContainerCmd(id).withForce(true).exec();
            }
            catch (NotFoundException gone) {
                // removed by the test or by the host's stop
            }
        }
    }

    @Test
    void everyVerbAndTheStatusFollowsDocker() throws Exception
    {
        String uuid = UUID.randomUUID().toString();
        ContainerState state = create(new ContainerSpec(uuid, name("verbs"), IMAGE, Optional.of(SERVE),
                Optional.of("64m"), Map.of("GREETING", "hello from magnum")));
        assertThat(state.status()).isEqualTo(ContainerStatus.STOPPED);
        assertFollowsDocker(state, "created");

        InspectContainerResponse docker = truth.inspectContainerCmd(state.id()).exec();
        assertThat(docker.getConfig().getHostName()).isEqualTo(uuid);
        assertThat(docker.getConfig().getLabels()).containsEntry("magnum.uuid", uuid)
                .containsEntry(DockerHost.API_LABEL, "https://127.0.0.1:" + port());
        assertThat(docker.getHostConfig().getMemory()).isEqualTo(64L << 20);
        assertThat(docker.getConfig().getEnv()).contains("GREETING=hello from magnum");
        assertThat(docker.getConfig().getCmd()).containsExactly("sh", "-c",
                "trap 'exit 0' TERM; echo started; echo to-stderr >&2; while true; do sleep 1; done");

        assertFollowsDocker(containers.start(state.id()), "running");
        assertThat(containers.start(state.id()).status()).as("start is idempotent, as docker-py's").isEqualTo(ContainerStatus.RUNNING);

        assertThat(containers.exec(state.id(), "echo hello")).isEqualTo("hello\n");
        assertThat(containers.exec(state.id(), "sh -c 'echo out; echo err >&2'")).contains("out\n").contains("err\n");
        assertThat(containers.exec(state.id(), "sh -c 'echo $GREETING'")).isEqualTo("hello from magnum\n");
        assertThat(containers.exec(state.id(), "hostname")).isEqualTo(uuid + "\n");

        String logs = awaitLogs(state.id(), "to-stderr");
        assertThat(logs).contains("started\n").contains("to-stderr\n");

        assertFollowsDocker(containers.pause(state.id()), "paused");
        assertFollowsDocker(containers.inspect(state.id()), "paused");
        assertFollowsDocker(containers.unpause(state.id()), "running");

        String startedAt = truth.inspectContainerCmd(state.id()).exec().getState().getStartedAt();
        assertFollowsDocker(containers.reboot(state.id()), "running");
        assertThat(truth.inspectContainerCmd(state.id()).exec().getState().getStartedAt()).isNotEqualTo(startedAt);

        assertFollowsDocker(containers.stop(state.id()), "exited");
        assertThat(containers.stop(state.id()).status()).as("stop is idempotent, as docker-py's").isEqualTo(ContainerStatus.STOPPED);

        containers.delete(state.id());
        assertThatThrownBy(() -> truth.inspectContainerCmd(state.id()).exec()).isInstanceOf(NotFoundException.class);
        assertReason(() -> containers.inspect(state.id()), Reason.NOT_FOUND);
        containers.delete(state.id()); // a gone container is fine
    }

    @Test
    void aContainerWithoutCommandRunsTheImagesOwnAndStops() throws Exception
    {
        ContainerState state = create(new ContainerSpec(UUID.randomUUID().toString(), name("default-cmd"), IMAGE,
                Optional.empty(), Optional.empty(), Map.of()));
        assertThat(truth.inspectContainerCmd(state.id()).exec().getConfig().getCmd()).containsExactly("/bin/sh");
        containers.start(state.id());
        // /bin/sh with no terminal ends at once
        for (int i = 0; i < 100 && containers.inspect(state.id()).status() == ContainerStatus.RUNNING; i++) {
            Thread.sleep(50);
        }
        assertFollowsDocker(containers.inspect(state.id()), "exited");
    }

    @Test
    void pausingAStoppedContainerIsAConflict()
    {
        ContainerState state = create(spec("conflict"));
        assertReason(() -> containers.pause(state.id()), Reason.CONFLICT);
        assertReason(() -> containers.unpause(state.id()), Reason.CONFLICT);
        assertReason(() -> containers.exec(state.id(), "echo no"), Reason.CONFLICT);
        assertFollowsDocker(containers.inspect(state.id()), "created");
    }

    @Test
    void aTakenNameIsAConflict()
    {
        ContainerState first = create(spec("taken"));
        String name = truth.inspectContainerCmd(first.id()).exec().getName().substring(1);
        assertReason(() -> create(new ContainerSpec(UUID.randomUUID().toString(), name, IMAGE, Optional.empty(),
                Optional.empty(), Map.of())), Reason.CONFLICT);
    }

    @Test
    void aMissingImageIsInvalidAndNeverPulled()
    {
        String image = "local/no-such-image-" + UUID.randomUUID().toString().substring(0, 8) + ":latest";
        CoeException e = assertReason(() -> create(new ContainerSpec(UUID.randomUUID().toString(), name("no-image"), image,
                Optional.empty(), Optional.empty(), Map.of())), Reason.INVALID);
        assertThat(e.field()).contains("image");
        assertThat(e).hasMessageContaining(image);
        assertThatThrownBy(() -> truth.inspectImageCmd(image).exec()).isInstanceOf(NotFoundException.class);
    }

    @Test
    void aBadMemoryIsInvalid()
    {
        CoeException words = assertReason(() -> create(new ContainerSpec(UUID.randomUUID().toString(), name("mem"), IMAGE,
                Optional.empty(), Optional.of("lots"), Map.of())), Reason.INVALID);
        assertThat(words.field()).contains("memory");
        // well formed, but below what Docker takes
        CoeException tiny = assertReason(() -> create(new ContainerSpec(UUID.randomUUID().toString(), name("mem"), IMAGE,
                Optional.empty(), Optional.of("1k"), Map.of())), Reason.INVALID);
        assertThat(tiny.field()).contains("memory");
    }

    @Test
    void aGoneContainerIsNotFoundExceptForDelete()
    {
        String id = "magnum4j-it-gone-" + UUID.randomUUID();
        assertReason(() -> containers.inspect(id), Reason.NOT_FOUND);
        assertReason(() -> containers.start(id), Reason.NOT_FOUND);
        assertReason(() -> containers.stop(id), Reason.NOT_FOUND);
        assertReason(() -> containers.logs(id), Reason.NOT_FOUND);
        assertReason(() -> containers.exec(id, "echo"), Reason.NOT_FOUND);
        containers.delete(id);
    }

    @Test
    void healthSeesTheEngineAndItsSwarm()
    {
        BayHealth health = connection.health();
        assertThat(health.status()).as(health.reason()).isEqualTo(BayHealth.Status.HEALTHY);
        assertThat(health.nodes()).isNotEmpty().allSatisfy((node, state) -> assertThat(state).isEqualTo("ready"));
        if ("active".equals(truth.infoCmd().exec().getSwarm().getLocalNodeState().getValue())) {
            assertThat(health.reason()).startsWith("swarm: ");
        }
    }

    @Test
    void aClientCertificateOfAnotherCaIsATlsError()
    {
        BayEndpoint.Tls stranger = PKI.client(PKI.ca("another-bay-ca"));
        BayEndpoint.Tls wrong = new BayEndpoint.Tls(ca.certificatePem(), stranger.certificatePem(), stranger.privateKeyPem());
        try (CoeConnection other = driver.connect(model(false), new BayEndpoint(address(), List.of(), Optional.of(wrong)))) {
            assertReason(() -> other.containers().orElseThrow().inspect("anything"), Reason.TLS);
            assertReason(() -> other.containers().orElseThrow().create(spec("wrong-ca")), Reason.TLS);
            BayHealth health = other.health();
            assertThat(health.status()).isEqualTo(BayHealth.Status.UNHEALTHY);
            assertThat(health.reason()).startsWith("TLS");
        }
    }

    @Test
    void aServerOfAnotherCaIsATlsError()
    {
        BayEndpoint.Tls own = PKI.client(ca);
        BayEndpoint.Tls distrusting = new BayEndpoint.Tls(PKI.ca("not-the-bay-ca").certificatePem(), own.certificatePem(),
                own.privateKeyPem());
        try (CoeConnection other = driver.connect(model(false), new BayEndpoint(address(), List.of(), Optional.of(distrusting)))) {
            assertReason(() -> other.containers().orElseThrow().inspect("anything"), Reason.TLS);
        }
    }

    @Test
    void noClientCertificateIsATlsError() throws Exception
    {
        // the SPI always carries a client certificate; build docker-java's client without one to see the front's refusal
        javax.net.ssl.SSLContext trustOnly = javax.net.ssl.SSLContext.getInstance("TLS");
        javax.net.ssl.TrustManagerFactory trust = javax.net.ssl.TrustManagerFactory.getInstance("PKIX");
        java.security.KeyStore store = java.security.KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("ca", java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(
                new java.io.ByteArrayInputStream(ca.certificatePem().getBytes(java.nio.charset.StandardCharsets.US_ASCII))));
        trust.init(store);
        trustOnly.init(null, trust.getTrustManagers(), null);
        URI tcp = URI.create("tcp://127.0.0.1:" + port());
        try (DockerClient anonymous = DockerClientImpl.getInstance(
                new DefaultDockerClientConfig.Builder().withDockerHost(tcp.toString()).build(),
                new ZerodepDockerHttpClient.Builder().dockerHost(tcp).sslConfig(() -> trustOnly).build())) {
            RuntimeException failure = (RuntimeException) catchThrowable(() -> anonymous.pingCmd().exec());
            assertThat(failure).isNotNull();
            DockerErrors errors = new DockerErrors(Optional.of(new TlsProbe(tcp, trustOnly)));
            assertThat(errors.of(failure, "ping").reason()).as(failure.toString()).isEqualTo(Reason.TLS);
        }
    }

    @Test
    void withTlsDisabledTheFrontIsPlainAndEveryVerbWorks()
    {
        try (DockerHost plainHost = new DockerHost(SOCKET)) {
            String stackAddress = driver.outputs(model(true), Map.of("api_address", "10.0.0.7")).apiAddress().orElseThrow();
            assertThat(stackAddress).isEqualTo("tcp://10.0.0.7:2376");
            HostedBay plainBay = new HostedBay(UUID.randomUUID().toString(), "swarm", stackAddress, List.of(), Optional.empty());
            String address = plainHost.start(plainBay);
            assertThat(address).startsWith("tcp://127.0.0.1:");
            try (CoeConnection plain = driver.connect(model(true), new BayEndpoint(address, List.of(), Optional.empty()))) {
                ContainerEngine engine = plain.containers().orElseThrow();
                ContainerState state = engine.create(spec("plain"));
                created.add(state.id());
                assertFollowsDocker(engine.start(state.id()), "running");
                assertThat(engine.exec(state.id(), "echo plain")).isEqualTo("plain\n");
                assertThat(awaitLogs(engine, state.id(), "started")).contains("started");
                assertFollowsDocker(engine.stop(state.id()), "exited");
                engine.delete(state.id());
                assertReason(() -> engine.inspect(state.id()), Reason.NOT_FOUND);
                assertThat(plain.health().status()).isEqualTo(BayHealth.Status.HEALTHY);
            }
        }
    }

    @Test
    void stoppingTheBayFreesItsPortAndRemovesItsContainers() throws Exception
    {
        ContainerState running = create(spec("left-behind"));
        containers.start(running.id());
        int port = port();
        host.stop(bay.bayUuid());

        assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close()).isInstanceOf(ConnectException.class);
        assertThatThrownBy(() -> truth.inspectContainerCmd(running.id()).exec()).isInstanceOf(NotFoundException.class);
        assertReason(() -> containers.inspect(running.id()), Reason.UNREACHABLE);
        BayHealth health = connection.health();
        assertThat(health.status()).isEqualTo(BayHealth.Status.UNHEALTHY);
        assertThat(health.reason()).startsWith("UNREACHABLE");
        // the port is free for anyone again
        try (ServerSocket again = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(again.getLocalPort()).isEqualTo(port);
        }
    }

    private ContainerState create(ContainerSpec spec)
    {
        ContainerState state = containers.create(spec);
        created.add(state.id());
        return state;
    }

    private String awaitLogs(String id, String expected) throws InterruptedException
    {
        return awaitLogs(containers, id, expected);
    }

    private static String awaitLogs(ContainerEngine engine, String id, String expected)
    {
        String logs = engine.logs(id);
        for (int i = 0; i < 50 && !logs.contains(expected); i++) {
            try {
                Thread.sleep(100);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            logs = engine.logs(id);
        }
        return logs;
    }

    /** Our status is Magnum's reading of Docker's own state. */
    private static void assertFollowsDocker(ContainerState ours, String dockerStatus)
    {
        InspectContainerResponse.ContainerState docker = truth.inspectContainerCmd(ours.id()).exec().getState();
        assertThat(docker.getStatus()).isEqualTo(dockerStatus);
        ContainerStatus expected = switch (dockerStatus) {
            case "running", "restarting" -> ContainerStatus.RUNNING;
            case "paused" -> ContainerStatus.PAUSED;
            default -> ContainerStatus.STOPPED;
        };
        assertThat(ours.status()).isEqualTo(expected);
    }

    private static CoeException assertReason(Runnable call, Reason reason)
    {
        Throwable thrown = catchThrowable(call::run);
        assertThat(thrown).isInstanceOf(CoeException.class);
        CoeException e = (CoeException) thrown;
        assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
        return e;
    }

    private ContainerSpec spec(String what)
    {
        return new ContainerSpec(UUID.randomUUID().toString(), name(what), IMAGE, Optional.of(SERVE), Optional.empty(), Map.of());
    }

    private static String name(String what)
    {
        return "magnum4j-it-" + what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private String address()
    {
        return host.start(bay);
    }

    private int port()
    {
        return URI.create(address()).getPort();
    }

    private static BayModelView model(boolean tlsDisabled)
    {
        return new BayModelView("swarm", "vm", "fedora-atomic", "fedora-21-atomic-5", "docker", Optional.of(5), tlsDisabled,
                Map.of(), "testkey", "public", Optional.of("m1.small"), Optional.empty(), "8.8.8.8", Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), false);
    }
}
