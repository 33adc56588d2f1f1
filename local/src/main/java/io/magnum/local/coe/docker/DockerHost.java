package io.magnum.local.coe.docker;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.magnum.local.coe.LocalCoeHost;
import io.magnum.local.coe.LocalCoeUnavailableException;
import io.magnum.spi.cloud.CoeHosting.HostedBay;

import static java.util.Objects.requireNonNull;

/**
 * LocalCloud's Swarm bays: each bay's Docker API is a front on 127.0.0.1 (an ephemeral port) that relays to this
 * machine's Docker engine ({@code DOCKER_HOST} when it is {@code unix://} or {@code tcp://}, else
 * {@code unix:///var/run/docker.sock}). With the bay's server TLS material the front serves TLS and demands a
 * client certificate signed by that bay's CA, so the driver's mutual-TLS path runs for real; without it
 * (tls_disabled) it serves plain TCP. The address keeps the stack's scheme: {@code https://127.0.0.1:port} or
 * {@code tcp://127.0.0.1:port}.
 *
 * <pre>{@code
 * try (DockerHost host = new DockerHost()) {            // found by ServiceLoader in LocalCloud
 *     String api = host.start(bay);                      // "https://127.0.0.1:40123"
 *     ...
 *     host.stop(bay.bayUuid());                          // port closed, the bay's containers removed
 * }
 * }</pre>
 *
 * <p>All bays share the one engine, as a Swarm bay's nodes would be shared by its containers. When a bay stops,
 * the containers created through its front are removed, as they would die with the bay's servers: the Swarm
 * driver labels each container {@value #API_LABEL} with the api_address it was created through, and that is how
 * they are found (a container created by another client without the label stays). Thread-safe.
 */
public final class DockerHost implements LocalCoeHost
{
    private static final Logger log = LoggerFactory.getLogger(DockerHost.class);

    /**
     * The label the Swarm driver puts on each container with the bay's api_address (engine-swarm's
     * {@code DockerContainers.API_LABEL}; kept in step by hand, as local cannot depend on engine-swarm).
     */
    public static final String API_LABEL = "magnum.api_address";

    private final DockerEngine engine;
    private final Map<String, Served> fronts = new ConcurrentHashMap<>();

    private record Served(DockerFront front, String address)
    {
    }

    /** Relays to {@code DOCKER_HOST} when it is {@code unix://} or {@code tcp://}, else the default socket. */
    public DockerHost()
    {
        this(DockerEngine.defaultHost());
    }

    /**
     * @param dockerHost the local engine: {@code unix:///path} or plain {@code tcp://host:port}
     * @throws IllegalArgumentException for another form
     */
    public DockerHost(String dockerHost)
    {
        this.engine = new DockerEngine(requireNonNull(dockerHost, "dockerHost is null"));
    }

    @Override
    public String coe()
    {
        return "swarm";
    }

    /** Swarm bays, and the plain single-host {@code docker} COE of the custom driver example. */
    @Override
    public java.util.Set<String> coes()
    {
        return java.util.Set.of("swarm", "docker");
    }

    /**
     * @throws LocalCoeUnavailableException when no Docker engine answers {@code /_ping}
     */
    @Override
    public String start(HostedBay bay)
    {
        requireNonNull(bay, "bay is null");
        Served served = fronts.computeIfAbsent(bay.bayUuid(), uuid -> {
            try {
                engine.ping();
            }
            catch (IOException | RuntimeException e) {
                throw new LocalCoeUnavailableException("no Docker engine answers at " + engine.address() + " ("
                        + e + "); run tools/docker-up.sh");
            }
            try {
                DockerFront front = new DockerFront(uuid, engine, bay.serverTls());
                String address = scheme(bay) + "://127.0.0.1:" + front.port();
                log.info("Bay {}: Docker API at {} ({}) relays to {}", uuid, address,
                        front.tls() ? "TLS, client certificates of the bay's CA only" : "no TLS", engine.address());
                return new Served(front, address);
            }
            catch (IOException e) {
                throw new LocalCoeUnavailableException("cannot listen on 127.0.0.1 for bay " + uuid + ": " + e);
            }
        });
        return served.address();
    }

    /** {@code https} with TLS, else the stack's scheme ({@code tcp}), as the Swarm driver's output mapping. */
    private static String scheme(HostedBay bay)
    {
        String scheme = null;
        try {
            scheme = URI.create(bay.stackApiAddress().strip()).getScheme();
        }
        catch (IllegalArgumentException e) {
            // an address without a scheme: decided below
        }
        if (scheme == null || scheme.isBlank()) {
            return bay.serverTls().isPresent() ? "https" : "tcp";
        }
        return scheme.toLowerCase(Locale.ROOT);
    }

    /** Closes the bay's listener and live connections, then removes the containers created through it. */
    @Override
    public void stop(String bayUuid)
    {
        Served served = fronts.remove(requireNonNull(bayUuid, "bayUuid is null"));
        if (served == null) {
            return;
        }
        served.front().close();
        try {
            List<String> ids = engine.containersLabelled(API_LABEL + "=" + served.address());
            for (String id : ids) {
                engine.removeContainer(id);
            }
            if (!ids.isEmpty()) {
                log.info("Bay {}: removed its {} container(s) from the local Docker engine", bayUuid, ids.size());
            }
        }
        catch (IOException e) {
            log.warn("Bay {}: could not remove its containers from {}: {}", bayUuid, engine.address(), e.toString());
        }
        log.info("Bay {}: Docker API at {} stopped", bayUuid, served.address());
    }

    @Override
    public void close()
    {
        for (String bay : List.copyOf(fronts.keySet())) {
            stop(bay);
        }
    }
}
