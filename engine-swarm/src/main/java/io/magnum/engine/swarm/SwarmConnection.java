package io.magnum.engine.swarm;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Info;
import com.github.dockerjava.api.model.LocalNodeState;
import com.github.dockerjava.api.model.SwarmInfo;
import com.github.dockerjava.api.model.SwarmNode;
import com.github.dockerjava.api.model.SwarmNodeState;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.zerodep.ZerodepDockerHttpClient;

import io.magnum.spi.BayEndpoint;
import io.magnum.spi.coe.BayHealth;
import io.magnum.spi.coe.CoeConnection;
import io.magnum.spi.coe.CoeException;
import io.magnum.spi.coe.ContainerEngine;

import static java.util.Objects.requireNonNull;

/**
 * A Swarm bay's Docker API through docker-java and its zerodep transport (Apache HttpClient 5 shaded inside, so
 * it clashes with nothing on the user's class path). Two clients share the TLS context: one for the container
 * verbs (60 s per read, docker-py's default that Magnum used) and one for health checks (5 s), so a hung engine
 * cannot hold a health check for long. Nothing touches the network until the first call.
 */
final class SwarmConnection implements CoeConnection
{
    private static final Logger log = LoggerFactory.getLogger(SwarmConnection.class);

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);
    static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(5);

    private final String apiAddress;
    private final DockerClient docker;
    private final DockerClient health;
    private final DockerContainers containers;
    private final DockerErrors errors;

    SwarmConnection(BayEndpoint endpoint)
    {
        requireNonNull(endpoint, "endpoint is null");
        this.apiAddress = endpoint.apiAddress();
        URI host = dockerHost(endpoint);
        boolean tls = useTls(endpoint);
        PemSslConfig ssl = tls ? new PemSslConfig(endpoint.tls().orElseThrow()) : null;
        this.docker = client(host, ssl, CALL_TIMEOUT);
        this.health = client(host, ssl, HEALTH_TIMEOUT);
        this.errors = new DockerErrors(Optional.ofNullable(ssl).map(s -> new TlsProbe(host, s.getSSLContext())));
        this.containers = new DockerContainers(docker, errors, apiAddress, CALL_TIMEOUT);
        log.debug("Docker API of {} at {} ({})", apiAddress, host, tls ? "mutual TLS" : "no TLS");
    }

    /**
     * {@code https://h:p} and {@code tcp://h:p} become docker-java's {@code tcp://h:p}; {@code unix:///path} is
     * kept (an engine on this machine).
     */
    static URI dockerHost(BayEndpoint endpoint)
    {
        String address = endpoint.apiAddress().strip();
        URI uri;
        try {
            uri = new URI(address);
        }
        catch (URISyntaxException e) {
            throw new CoeException(CoeException.Reason.INVALID, "api_address", "the bay's api_address is not a URI: "
                    + address, e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        switch (scheme) {
            case "https", "tcp", "http" -> {
                if (uri.getHost() == null) {
                    throw CoeException.invalid("api_address", "the bay's api_address has no host: " + address);
                }
                int port = uri.getPort() > 0 ? uri.getPort() : 2376;
                return URI.create("tcp://" + (uri.getHost().contains(":") && !uri.getHost().startsWith("[")
                        ? "[" + uri.getHost() + "]" : uri.getHost()) + ":" + port);
            }
            case "unix" -> {
                return uri;
            }
            default -> throw CoeException.invalid("api_address",
                    "the bay's api_address must be https://, tcp:// or unix://, not " + address);
        }
    }

    /**
     * TLS when the baymodel has it (the endpoint carries material); {@code https://} without material is refused
     * rather than silently sent in the clear.
     */
    static boolean useTls(BayEndpoint endpoint)
    {
        boolean https = endpoint.apiAddress().strip().toLowerCase(Locale.ROOT).startsWith("https:");
        if (https && endpoint.tls().isEmpty()) {
            throw new CoeException(CoeException.Reason.TLS, "the bay's api_address " + endpoint.apiAddress()
                    + " is https but no TLS material was given");
        }
        return endpoint.tls().isPresent() && !endpoint.apiAddress().strip().startsWith("unix:");
    }

    private static DockerClient client(URI host, PemSslConfig ssl, Duration responseTimeout)
    {
        // a bare builder reads neither the environment nor ~/.docker: only what the bay says counts; TLS lives in
        // the transport (the config's own TLS would read certificate files)
        DockerClientConfig config = new DefaultDockerClientConfig.Builder()
                .withDockerHost(host.toString())
                .withDockerTlsVerify(false)
                .build();
        DockerHttpClient http = new ZerodepDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(ssl)
                .maxConnections(32)
                .connectionTimeout(CONNECT_TIMEOUT)
                .responseTimeout(responseTimeout)
                .build();
        return DockerClientImpl.getInstance(config, http);
    }

    @Override
    public Optional<ContainerEngine> containers()
    {
        return Optional.of(containers);
    }

    /**
     * Pings the engine and reads its info; in swarm mode, on a manager, every node must be ready. A node is named
     * by its address when Docker gives one.
     */
    @Override
    public BayHealth health()
    {
        try {
            health.pingCmd().exec();
            Info info = health.infoCmd().exec();
            SwarmInfo swarm = info.getSwarm();
            if (swarm != null && swarm.getLocalNodeState() == LocalNodeState.ACTIVE
                    && Boolean.TRUE.equals(swarm.getControlAvailable())) {
                List<SwarmNode> nodes = health.listSwarmNodesCmd().exec();
                Map<String, String> states = new LinkedHashMap<>();
                int ready = 0;
                for (SwarmNode node : nodes) {
                    SwarmNodeState state = node.getStatus() == null ? null : node.getStatus().getState();
                    String name = node.getStatus() != null && node.getStatus().getAddress() != null
                            ? node.getStatus().getAddress()
                            : node.getDescription() != null ? node.getDescription().getHostname() : node.getId();
                    states.merge(name, state == null ? "unknown" : state.name().toLowerCase(Locale.ROOT),
                            (a, b) -> a + "," + b);
                    if (state == SwarmNodeState.READY) {
                        ready++;
                    }
                }
                boolean healthy = !nodes.isEmpty() && ready == nodes.size();
                return new BayHealth(healthy ? BayHealth.Status.HEALTHY : BayHealth.Status.UNHEALTHY,
                        "swarm: " + ready + " of " + nodes.size() + " nodes ready (Docker " + info.getServerVersion() + ")",
                        states);
            }
            String name = info.getName() == null ? apiAddress : info.getName();
            return new BayHealth(BayHealth.Status.HEALTHY, "Docker " + info.getServerVersion() + " answers"
                    + (swarm == null || swarm.getLocalNodeState() == null ? ""
                    : " (swarm " + swarm.getLocalNodeState().name().toLowerCase(Locale.ROOT) + ")"),
                    Map.of(name, "ready"));
        }
        catch (RuntimeException e) {
            CoeException coe = errors.of(e, "health check");
            return new BayHealth(BayHealth.Status.UNHEALTHY, coe.reason() + ": " + coe.getMessage(), Map.of());
        }
    }

    @Override
    public void close()
    {
        for (DockerClient client : new DockerClient[] {docker, health}) {
            try {
                client.close();
            }
            catch (IOException | RuntimeException e) {
                log.debug("Closing the Docker client of {} failed: {}", apiAddress, e.toString());
            }
        }
    }
}
