package io.magnum.server;

import io.magnum.Magnum;
import io.magnum.api.KeystoneTokenAuthenticator;
import io.magnum.api.MagnumApiServer;
import io.magnum.api.TokenAuthenticator;
import io.magnum.local.LocalCloud;
import io.magnum.openstack.OpenStackCloud;
import io.magnum.spi.cloud.Cloud;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import static java.util.Objects.requireNonNull;

/**
 * The facade and the API server together, as {@code bin/magnum-server} runs them: state in an H2 file under the
 * data directory, bays on LocalCloud or (with {@code OS_AUTH_URL}) on OpenStack, tokens checked by Keystone there.
 * A start resumes the bays a previous run left in progress. {@link #close()} stops the API first, then the facade;
 * it is idempotent.
 *
 * <pre>{@code
 * try (MagnumServer server = MagnumServer.start(ServerOptions.parse(List.of("--port", "9511"), System.getenv()))) {
 *     server.awaitClose();
 * }
 * }</pre>
 */
public final class MagnumServer implements AutoCloseable
{
    private static final Logger log = LoggerFactory.getLogger(MagnumServer.class);

    private final Magnum magnum;
    private final MagnumApiServer api;
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicBoolean closing = new AtomicBoolean();

    private MagnumServer(Magnum magnum, MagnumApiServer api)
    {
        this.magnum = magnum;
        this.api = api;
    }

    /**
     * @param options how to run
     * @return the running server
     */
    public static MagnumServer start(ServerOptions options)
    {
        Cloud cloud = options.openStack() ? OpenStackCloud.fromEnvironment(options.env()) : LocalCloud.create();
        return start(options, cloud, true);
    }

    /**
     * @param options    how to run
     * @param cloud      the cloud bays are built on
     * @param closeCloud whether closing the server closes the cloud
     * @return the running server
     */
    static MagnumServer start(ServerOptions options, Cloud cloud, boolean closeCloud)
    {
        requireNonNull(options, "options is null");
        requireNonNull(cloud, "cloud is null");
        // the bays' nodes are told the API's address before it listens: a port of 0 is chosen here, once, for both
        int port = options.port() == 0 ? freePort(options.host()) : options.port();
        Magnum magnum = Magnum.builder()
                .database(options.dataDir().resolve("magnum"))
                .cloud(cloud)
                .closeCloud(closeCloud)
                .magnumUrl("http://" + options.host() + ":" + port + "/v1")
                .build();
        try {
            TokenAuthenticator authenticator = options.openStack() && !options.noAuth()
                    ? KeystoneTokenAuthenticator.builder(options.env().get("OS_AUTH_URL")).build()
                    : TokenAuthenticator.acceptAll(magnum.context());
            MagnumApiServer api = MagnumApiServer.builder(magnum).host(options.host()).port(port)
                    .authenticator(authenticator).start();
            log.info("magnum-server: state in {}, cloud {}, API on {}/v1", options.dataDir().toAbsolutePath(),
                    options.openStack() ? options.env().get("OS_AUTH_URL") : "LocalCloud", api.uri());
            return new MagnumServer(magnum, api);
        }
        catch (RuntimeException e) {
            magnum.close();
            throw e;
        }
    }

    private static int freePort(String host)
    {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(host))) {
            return socket.getLocalPort();
        }
        catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("no free port on " + host + ": " + e.getMessage(), e);
        }
    }

    /** @return the facade the server runs */
    public Magnum magnum()
    {
        return magnum;
    }

    /** @return the API's base URI, {@code http://127.0.0.1:9511} */
    public URI uri()
    {
        return api.uri();
    }

    /**
     * Blocks until {@link #close()} has run (from a shutdown hook, say).
     *
     * @throws InterruptedException when interrupted while waiting
     */
    public void awaitClose() throws InterruptedException
    {
        closed.await();
    }

    @Override
    public void close()
    {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        try {
            api.close();
        }
        finally {
            try {
                magnum.close();
            }
            finally {
                closed.countDown();
            }
        }
    }
}
