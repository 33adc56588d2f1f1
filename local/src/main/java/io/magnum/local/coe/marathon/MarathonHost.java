package io.magnum.local.coe.marathon;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.magnum.local.coe.LocalCoeHost;
import io.magnum.spi.cloud.CoeHosting.HostedBay;

import static java.util.Objects.requireNonNull;

/**
 * LocalCloud's Mesos bays: each gets a stand-in for Marathon's v2 apps API on {@code http://127.0.0.1:<port>},
 * which keeps to Marathon's documented answers for the calls magnum4j makes (create, list, show, scale, restart,
 * delete an app; {@code /v2/info}, {@code /ping}, {@code /v2/deployments}). See {@link MarathonApi} for what it
 * does and does not do.
 *
 * <pre>{@code
 * try (MarathonHost host = new MarathonHost(Duration.ofMillis(50))) {
 *     String marathon = host.start(bay);          // http://127.0.0.1:41234
 * }
 * }</pre>
 *
 * <p>Magnum's Mesos bays have no TLS, so {@link HostedBay#serverTls()} is ignored and the stand-in is plain HTTP.
 * Apps are not run: no process or container is started, a deployment simply completes after a short time and its
 * tasks are reported running on the bay's node addresses. (Running them on the local Docker engine is left out on
 * purpose: the stand-in then needs no Docker and behaves the same on every machine.)
 *
 * <p>Found by {@link java.util.ServiceLoader}; the no-argument constructor does no I/O. Thread-safe.
 */
public final class MarathonHost implements LocalCoeHost
{
    /** The COE served. */
    public static final String COE = "mesos";
    /** How long a deployment takes by default: short, but long enough to be seen. */
    public static final Duration DEFAULT_DEPLOYMENT_TIME = Duration.ofMillis(200);

    private static final Logger log = LoggerFactory.getLogger(MarathonHost.class);

    private final Duration deploymentTime;
    private final Clock clock;
    private final Map<String, MarathonServer> servers = new ConcurrentHashMap<>();

    /** A host whose deployments take {@link #DEFAULT_DEPLOYMENT_TIME}. */
    public MarathonHost()
    {
        this(DEFAULT_DEPLOYMENT_TIME);
    }

    /** @param deploymentTime how long each deployment takes, zero or more */
    public MarathonHost(Duration deploymentTime)
    {
        this(deploymentTime, Clock.systemUTC());
    }

    /**
     * @param deploymentTime how long each deployment takes, zero or more
     * @param clock          the time deployments are measured against
     */
    public MarathonHost(Duration deploymentTime, Clock clock)
    {
        requireNonNull(deploymentTime, "deploymentTime is null");
        if (deploymentTime.isNegative()) {
            throw new IllegalArgumentException("deploymentTime < 0");
        }
        this.deploymentTime = deploymentTime;
        this.clock = requireNonNull(clock, "clock is null");
    }

    @Override
    public String coe()
    {
        return COE;
    }

    @Override
    public String start(HostedBay bay)
    {
        requireNonNull(bay, "bay is null");
        MarathonServer server = servers.computeIfAbsent(bay.bayUuid(), uuid -> {
            try {
                return MarathonServer.start(uuid, host(bay.stackApiAddress()), bay.nodeAddresses(), deploymentTime,
                        clock);
            }
            catch (IOException e) {
                throw new UncheckedIOException("cannot start a Marathon stand-in for bay " + uuid, e);
            }
        });
        log.info("Bay {}: Marathon stand-in at {} (stack api_address {})", bay.bayUuid(), server.address(),
                bay.stackApiAddress());
        return server.address();
    }

    @Override
    public void stop(String bayUuid)
    {
        MarathonServer server = servers.remove(bayUuid);
        if (server != null) {
            server.close();
            log.info("Bay {}: Marathon stand-in on port {} stopped", bayUuid, server.port());
        }
    }

    /** @return the bays served now */
    public List<String> bays()
    {
        return List.copyOf(servers.keySet());
    }

    @Override
    public void close()
    {
        for (String bay : new ArrayList<>(servers.keySet())) {
            stop(bay);
        }
    }

    /** The host part of the stack's address ({@code 172.24.4.3}, or {@code http://172.24.4.3:8080}). */
    private static String host(String address)
    {
        String host = address.replaceFirst("^[a-zA-Z][a-zA-Z0-9+.-]*://", "");
        int slash = host.indexOf('/');
        if (slash >= 0) {
            host = host.substring(0, slash);
        }
        if (host.startsWith("[")) {
            return host.substring(0, host.indexOf(']') + 1);
        }
        int colon = host.indexOf(':');
        return colon >= 0 && colon == host.lastIndexOf(':') ? host.substring(0, colon) : host;
    }
}
