package io.magnum.local.coe.kubernetes;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.magnum.local.coe.LocalCoeHost;
import io.magnum.local.coe.LocalCoeUnavailableException;
import io.magnum.spi.cloud.CoeHosting.HostedBay;
import io.magnum.spi.tls.PemTls;

import static java.util.Objects.requireNonNull;

/**
 * LocalCloud's Kubernetes API for each Kubernetes bay: fabric8's mock server in CRUD mode on 127.0.0.1, which
 * stores and serves pods, services, replication controllers and nodes as a kube-apiserver does (create, get, list,
 * replace, JSON merge patch, delete), in memory, for as long as the bay lives.
 *
 * <p>With TLS on, clients reach it through a {@link TlsFront} that serves the bay's server certificate and demands a
 * client certificate signed by the bay's CA, and no other; the mock server itself listens in the clear on another
 * loopback port, started when the first client passes the handshake (an idle TLS bay holds one socket and one
 * thread). With TLS off (the baymodel's {@code tls_disabled}) the mock server is the endpoint, over plain HTTP.
 *
 * <p>Each bay's nodes are registered as {@code Ready} nodes named by their addresses; new pods are scheduled on them
 * in turn and reported {@code Running}, new services get a cluster IP, and replication controllers make and delete
 * their pods (see {@link LocalKubernetesDispatcher}).
 * Thread-safe; {@link #stop(String)} frees the bay's ports and threads.
 */
public final class KubernetesHost implements LocalCoeHost
{
    private static final Logger log = LoggerFactory.getLogger(KubernetesHost.class);
    /** The mock web server keeps every request it served; it is emptied this often. */
    private static final long TRIM_EVERY = 1024;

    private final Map<String, Endpoint> endpoints = new ConcurrentHashMap<>();
    /** Held so the level set on it stays: JUL keeps loggers weakly. */
    private java.util.logging.Logger mockServerLog;

    /** A host with no bay; found by {@link java.util.ServiceLoader}. Starts nothing. */
    public KubernetesHost()
    {
    }

    @Override
    public String coe()
    {
        return "kubernetes";
    }

    @Override
    public String start(HostedBay bay)
    {
        requireNonNull(bay, "bay is null");
        quietMockServerLog();
        ApiServer server = new ApiServer(bay.bayUuid(), bay.nodeAddresses());
        TlsFront front = null;
        int port;
        try {
            if (bay.serverTls().isPresent()) {
                // the mock server starts on the first client that passes the handshake
                front = new TlsFront(PemTls.serverContext(bay.serverTls().get()), server::address);
                port = front.port();
            }
            else {
                port = server.address().getPort();
            }
        }
        catch (IOException | RuntimeException e) {
            server.close();
            throw new LocalCoeUnavailableException("cannot start a local Kubernetes API for bay " + bay.bayUuid()
                    + ": " + e.getMessage());
        }
        String address = (front == null ? "http" : "https") + "://127.0.0.1:" + port;
        Endpoint endpoint = new Endpoint(server, front, address);
        Endpoint previous = endpoints.put(bay.bayUuid(), endpoint);
        if (previous != null) {
            previous.close();
        }
        String stackScheme = scheme(bay.stackApiAddress());
        if (stackScheme != null && !stackScheme.equals(endpoint.scheme())) {
            log.warn("Bay {}: its stack's api_address {} is {}, but the local Kubernetes API serves {}",
                    bay.bayUuid(), bay.stackApiAddress(), stackScheme, endpoint.scheme());
        }
        log.info("Bay {}: local Kubernetes API at {} ({} nodes{})", bay.bayUuid(), address,
                bay.nodeAddresses().size(), front == null ? ", TLS off" : ", client certificates of the bay's CA");
        return address;
    }

    /** The bay was scaled: its nodes are registered anew, so pods land on the new ones and removals see them. */
    @Override
    public void nodesChanged(String bayUuid, java.util.List<String> nodeAddresses)
    {
        Endpoint endpoint = endpoints.get(bayUuid);
        if (endpoint != null) {
            endpoint.server().nodesChanged(nodeAddresses);
        }
    }

    @Override
    public void stop(String bayUuid)
    {
        Endpoint endpoint = endpoints.remove(bayUuid);
        if (endpoint != null) {
            endpoint.close();
            log.info("Bay {}: local Kubernetes API at {} stopped", bayUuid, endpoint.address());
        }
    }

    @Override
    public void close()
    {
        for (String bayUuid : Map.copyOf(endpoints).keySet()) {
            stop(bayUuid);
        }
    }

    /** The mock web server logs every request at INFO through java.util.logging; keep it to warnings. */
    private synchronized void quietMockServerLog()
    {
        if (mockServerLog == null) {
            mockServerLog = java.util.logging.Logger.getLogger(MockWebServer.class.getName());
            if (mockServerLog.getLevel() == null) {
                mockServerLog.setLevel(Level.WARNING);
            }
        }
    }

    private static String scheme(String address)
    {
        try {
            return URI.create(address).getScheme();
        }
        catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * One bay's mock server, started on first use: a TLS bay that nobody calls costs a listening socket and one
     * thread, not a Vert.x instance (four threads, about 0.1 s to start).
     */
    private static final class ApiServer
    {
        private final String bayUuid;
        private java.util.List<String> nodes;
        private LocalKubernetesDispatcher dispatcher;
        private KubernetesMockServer server;
        private InetSocketAddress address;
        private boolean closed;

        ApiServer(String bayUuid, java.util.List<String> nodes)
        {
            this.bayUuid = bayUuid;
            this.nodes = nodes;
        }

        synchronized InetSocketAddress address()
        {
            if (closed) {
                throw new IllegalStateException("the Kubernetes API of bay " + bayUuid + " is stopped");
            }
            if (server == null) {
                MockWebServer web = new MockWebServer();
                AtomicLong requests = new AtomicLong();
                LocalKubernetesDispatcher dispatcher = new LocalKubernetesDispatcher(nodes, () -> {
                    if (requests.incrementAndGet() % TRIM_EVERY == 0) {
                        web.reset();
                    }
                });
                dispatcher.registerNodes();
                this.dispatcher = dispatcher;
                KubernetesMockServer started = new KubernetesMockServer(new Context(), web, new HashMap<>(),
                        dispatcher, false);
                try {
                    started.init(InetAddress.getLoopbackAddress(), 0);
                }
                catch (RuntimeException e) {
                    started.destroy();
                    throw e;
                }
                server = started;
                address = new InetSocketAddress(InetAddress.getLoopbackAddress(), started.getPort());
                log.debug("Bay {}: mock Kubernetes API server on {}", bayUuid, address);
            }
            return address;
        }

        synchronized void nodesChanged(java.util.List<String> now)
        {
            nodes = java.util.List.copyOf(now);
            if (dispatcher != null) {
                dispatcher.nodesChanged(nodes);
            }
        }

        synchronized void close()
        {
            closed = true;
            if (server != null) {
                server.destroy();
                server = null;
            }
        }
    }

    private record Endpoint(ApiServer server, TlsFront front, String address)
    {
        String scheme()
        {
            return front == null ? "http" : "https";
        }

        void close()
        {
            try {
                if (front != null) {
                    front.close();
                }
            }
            finally {
                server.close();
            }
        }
    }
}
