package io.magnum.engine.kubernetes;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.client.vertx.VertxHttpClientFactory;
import io.magnum.spi.BayEndpoint;
import io.magnum.spi.coe.CoeException;
import io.magnum.spi.tls.PemTls;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManager;
import javax.net.ssl.TrustManager;

import static java.util.Objects.requireNonNull;

/**
 * Makes fabric8 clients for bays. One Vert.x instance (daemon event-loop threads) and one serialization (Jackson
 * mappers) serve every client this factory makes, so a client costs a configuration, a key store and an HTTP client
 * object, and no threads or I/O until its first call. Both are made on first use and released by {@link #close()}.
 * Thread-safe.
 */
final class KubernetesClients implements AutoCloseable
{
    private static final Logger log = LoggerFactory.getLogger(KubernetesClients.class);
    /** Magnum keeps every object in this namespace. */
    static final String NAMESPACE = "default";
    static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    static final int REQUEST_TIMEOUT_MILLIS = 15_000;
    /** Vert.x's own DNS resolver is switched off, as fabric8 does for the Vert.x instances it makes itself. */
    private static final String DISABLE_DNS_RESOLVER = "vertx.disableDnsResolver";

    private Shared shared;
    private boolean closed;

    private record Shared(Vertx vertx, VertxHttpClientFactory factory, KubernetesSerialization serialization)
    {
    }

    /**
     * A client for a bay, in namespace {@code default}: mutual TLS with the endpoint's material (trusting its CA
     * alone), or plain HTTP when the endpoint has none. No retries: a failure is reported at once.
     *
     * @param endpoint the bay's API
     * @return the client, to be closed by the caller
     * @throws CoeException {@code INVALID} when the address or the TLS material cannot be used
     */
    KubernetesClient open(BayEndpoint endpoint)
    {
        requireNonNull(endpoint, "endpoint is null");
        URI api = address(endpoint);
        KeyManager[] keyManagers = null;
        TrustManager[] trustManagers = null;
        if (endpoint.tls().isPresent()) {
            // the client certificate and key, and the bay's CA as the only trusted issuer (not the JVM's roots)
            BayEndpoint.Tls tls = endpoint.tls().get();
            try {
                keyManagers = PemTls.keyManagers(tls);
                trustManagers = PemTls.trustManagers(tls.caPem());
            }
            catch (IllegalArgumentException e) {
                throw new CoeException(CoeException.Reason.TLS, "cannot use the bay's TLS material: " + e.getMessage(),
                        e);
            }
        }
        Config config = new ConfigBuilder(Config.empty())
                .withMasterUrl(api.toString())
                .withNamespace(NAMESPACE)
                .withConnectionTimeout(CONNECT_TIMEOUT_MILLIS)
                .withRequestTimeout(REQUEST_TIMEOUT_MILLIS)
                .withRequestRetryBackoffLimit(0)
                .build();
        Shared s = shared();
        KubernetesClientBuilder builder = new KubernetesClientBuilder()
                .withConfig(config)
                .withHttpClientFactory(s.factory())
                .withKubernetesSerialization(s.serialization());
        if (keyManagers != null) {
            KeyManager[] keys = keyManagers;
            TrustManager[] trust = trustManagers;
            builder.withHttpClientBuilderConsumer(b -> b.sslContext(keys, trust));
        }
        return builder.build();
    }

    /** @return the serialization the clients share (Jackson 2 mappers that know the Kubernetes model) */
    KubernetesSerialization serialization()
    {
        return shared().serialization();
    }

    private static URI address(BayEndpoint endpoint)
    {
        URI api;
        try {
            api = URI.create(endpoint.apiAddress());
        }
        catch (IllegalArgumentException e) {
            throw new CoeException(CoeException.Reason.UNREACHABLE, "the bay's api_address "
                    + endpoint.apiAddress() + " is not a URL", e);
        }
        if (!"https".equals(api.getScheme()) && !"http".equals(api.getScheme()) || api.getHost() == null) {
            throw new CoeException(CoeException.Reason.UNREACHABLE, "the bay's api_address "
                    + endpoint.apiAddress() + " is not an http(s) URL");
        }
        if ("https".equals(api.getScheme()) && endpoint.tls().isEmpty()) {
            log.debug("{} is https but the bay has no TLS material: the JVM's default trust applies",
                    endpoint.apiAddress());
        }
        return api;
    }

    private synchronized Shared shared()
    {
        if (closed) {
            throw new CoeException(CoeException.Reason.FAILED, "the Kubernetes driver is closed");
        }
        if (shared == null) {
            Vertx vertx = newVertx();
            shared = new Shared(vertx, new VertxHttpClientFactory(vertx), new KubernetesSerialization());
        }
        return shared;
    }

    private static Vertx newVertx()
    {
        String previous = System.getProperty(DISABLE_DNS_RESOLVER);
        try {
            System.setProperty(DISABLE_DNS_RESOLVER, "true");
            return Vertx.vertx(new VertxOptions()
                    .setUseDaemonThread(true)
                    .setFileSystemOptions(new FileSystemOptions().setFileCachingEnabled(false)
                            .setClassPathResolvingEnabled(false)));
        }
        finally {
            if (previous == null) {
                System.clearProperty(DISABLE_DNS_RESOLVER);
            }
            else {
                System.setProperty(DISABLE_DNS_RESOLVER, previous);
            }
        }
    }

    /** Closes the shared Vert.x; clients made before stop working. Idempotent. */
    @Override
    public void close()
    {
        Shared gone;
        synchronized (this) {
            closed = true;
            gone = shared;
            shared = null;
        }
        if (gone != null) {
            try {
                gone.vertx().close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            catch (Exception e) {
                log.warn("Closing the Kubernetes driver's Vert.x failed: {}", e.toString());
            }
        }
    }
}
