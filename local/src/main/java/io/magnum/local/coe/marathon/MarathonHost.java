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
import io.magnum.local.coe.docker.DockerEngine;
import io.magnum.spi.cloud.CoeHosting.HostedBay;

import static java.util.Objects.requireNonNull;

/**
 * LocalCloud's Mesos bays: each gets a stand-in for Marathon's v2 apps API on {@code http://127.0.0.1:<port>},
 * which keeps to Marathon's documented answers for the calls magnum4j makes (create, list, show, scale, restart,
 * delete an app; {@code /v2/info}, {@code /ping}, {@code /v2/deployments}). See {@link MarathonApi} for what it
 * does and does not do.
 *
 * <pre>{@code
 * try (MarathonHost host = new MarathonHost()) {   // found by ServiceLoader in LocalCloud
 *     String marathon = host.start(bay);          // http://127.0.0.1:41234
 *     ...
 *     host.stop(bay.bayUuid());                   // port closed, the bay's containers removed
 * }
 * }</pre>
 *
 * <p>Two modes, chosen per bay when it starts and logged once at INFO:
 * <ul>
 * <li><b>Docker</b>: when this machine's Docker engine answers ({@code DOCKER_HOST} when it is {@code unix://} or
 * {@code tcp://}, else {@code unix:///var/run/docker.sock}), each instance of an app with a Docker image is a real
 * container on it ({@link DockerTasks}: image, cmd or args, env, mem; labelled {@value DockerTasks#APP_LABEL} and
 * {@value DockerTasks#BAY_LABEL}); tasks, deployments and {@code lastTaskFailure} follow the containers. Scaling,
 * restarts, instances 0 and deletes create and remove containers. An image the engine lacks is never pulled: the
 * app's {@code lastTaskFailure} says so. An app with only a {@code cmd} is still simulated (Mesos would run it on
 * the slave itself, not in a container).</li>
 * <li><b>Simulated</b>: without an engine (or with the {@link #MarathonHost(Duration)} constructors, which tests use
 * to drive deployments with a clock), nothing is run: a deployment completes after {@code deploymentTime} and its
 * tasks are reported running on the bay's node addresses.</li>
 * </ul>
 * Either way a task's {@code host} is one of the bay's node addresses (its slaves, in turn).
 *
 * <p>{@link #stop} and {@link #close()} remove every container the bay's stand-in created, whatever happened; a JVM
 * that exits with bays still up removes them from a shutdown hook (registered while a bay runs on Docker). A bay
 * started again with the same uuid first removes what a process that died left for it.
 *
 * <p>Magnum's Mesos bays have no TLS, so {@link HostedBay#serverTls()} is ignored and the stand-in is plain HTTP.
 *
 * <p>Found by {@link java.util.ServiceLoader}; the constructors do no I/O. Thread-safe.
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
    /** The engine to run apps on when it answers, or null to simulate always. */
    private final DockerEngine docker;
    private final Map<String, MarathonServer> servers = new ConcurrentHashMap<>();
    private final Object hookLock = new Object();
    private Thread shutdownHook;

    /**
     * A host that runs apps on the local Docker engine when it answers ({@code DOCKER_HOST} when it is
     * {@code unix://} or {@code tcp://}, else {@code unix:///var/run/docker.sock}), and simulates them otherwise, with
     * deployments of {@link #DEFAULT_DEPLOYMENT_TIME}.
     */
    public MarathonHost()
    {
        this(DockerEngine.defaultHost());
    }

    /**
     * A host that runs apps on the given Docker engine when it answers when a bay starts, and simulates them
     * otherwise.
     *
     * @param dockerHost {@code unix:///path} or plain {@code tcp://host:port}
     * @throws IllegalArgumentException for another form
     */
    public MarathonHost(String dockerHost)
    {
        this(DEFAULT_DEPLOYMENT_TIME, Clock.systemUTC(),
                new DockerEngine(requireNonNull(dockerHost, "dockerHost is null")));
    }

    /**
     * A host that simulates every task, whether a Docker engine runs or not.
     *
     * @param deploymentTime how long each deployment takes, zero or more
     */
    public MarathonHost(Duration deploymentTime)
    {
        this(deploymentTime, Clock.systemUTC());
    }

    /**
     * A host that simulates every task, whether a Docker engine runs or not.
     *
     * @param deploymentTime how long each deployment takes, zero or more
     * @param clock          the time deployments are measured against
     */
    public MarathonHost(Duration deploymentTime, Clock clock)
    {
        this(deploymentTime, clock, null);
    }

    private MarathonHost(Duration deploymentTime, Clock clock, DockerEngine docker)
    {
        requireNonNull(deploymentTime, "deploymentTime is null");
        if (deploymentTime.isNegative()) {
            throw new IllegalArgumentException("deploymentTime < 0");
        }
        this.deploymentTime = deploymentTime;
        this.clock = requireNonNull(clock, "clock is null");
        this.docker = docker;
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
            DockerEngine engine = engine(uuid);
            MarathonServer started;
            try {
                started = MarathonServer.start(uuid, host(bay.stackApiAddress()), bay.nodeAddresses(), deploymentTime,
                        clock, engine);
            }
            catch (IOException e) {
                throw new UncheckedIOException("cannot start a Marathon stand-in for bay " + uuid, e);
            }
            if (engine != null) {
                log.info("Bay {}: Marathon stand-in at {} (stack api_address {}) runs each app's instances as "
                        + "containers on the local Docker engine {}", uuid, started.address(), bay.stackApiAddress(),
                        engine.address());
                hook();
            }
            else {
                log.info("Bay {}: Marathon stand-in at {} (stack api_address {}) simulates its tasks ({})", uuid,
                        started.address(), bay.stackApiAddress(), docker == null ? "asked to"
                                : "no Docker engine answers at " + docker.address());
            }
            return started;
        });
        return server.address();
    }

    /** The engine when it answers, else null (and why, at DEBUG). */
    private DockerEngine engine(String bayUuid)
    {
        if (docker == null) {
            return null;
        }
        try {
            docker.ping();
            return docker;
        }
        catch (IOException | RuntimeException e) {
            log.debug("Bay {}: no Docker engine answers at {}: {}", bayUuid, docker.address(), e.toString());
            return null;
        }
    }

    /** Registers the hook that closes this host if the JVM exits first. */
    private void hook()
    {
        synchronized (hookLock) {
            if (shutdownHook == null) {
                Thread hook = new Thread(this::close, "magnum-marathon-shutdown");
                try {
                    Runtime.getRuntime().addShutdownHook(hook);
                    shutdownHook = hook;
                }
                catch (IllegalStateException e) {
                    log.debug("the JVM is already shutting down: no hook");
                }
            }
        }
    }

    /**
     * @param bayUuid a bay
     * @return whether it is served and runs its apps on the local Docker engine
     */
    public boolean runsOnDocker(String bayUuid)
    {
        MarathonServer server = servers.get(bayUuid);
        return server != null && server.onDocker();
    }

    @Override
    public void stop(String bayUuid)
    {
        MarathonServer server = servers.remove(bayUuid);
        if (server != null) {
            int port = server.port();
            server.close();
            log.info("Bay {}: Marathon stand-in on port {} stopped", bayUuid, port);
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
        try {
            for (String bay : new ArrayList<>(servers.keySet())) {
                try {
                    stop(bay);
                }
                catch (RuntimeException e) {
                    log.warn("Bay {}: stopping its Marathon stand-in failed", bay, e);
                }
            }
        }
        finally {
            synchronized (hookLock) {
                if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
                    try {
                        Runtime.getRuntime().removeShutdownHook(shutdownHook);
                    }
                    catch (IllegalStateException e) {
                        // the JVM is shutting down: the hook runs anyway
                    }
                }
                shutdownHook = null;
            }
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
