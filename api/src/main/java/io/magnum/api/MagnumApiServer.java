package io.magnum.api;

import com.sun.net.httpserver.HttpServer;
import io.magnum.Magnum;
import io.magnum.RequestContext;
import io.magnum.api.internal.ApiException;
import io.magnum.api.internal.ApiHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static java.util.Objects.requireNonNull;

/**
 * Magnum's v1 REST API over a {@link Magnum}, so Magnum's own clients ({@code magnum} of python-magnumclient,
 * openstack4j's {@code os.containerInfra()}) work against magnum4j: baymodels and cluster templates, bays and
 * clusters, certificates, services and stats, in Magnum's JSON shapes, status codes and error bodies. It runs on the
 * JDK's HTTP server with a bounded pool of request threads; it owns neither the facade nor the authenticator.
 *
 * <pre>{@code
 * try (Magnum magnum = Magnum.builder().cloud(LocalCloud.create()).build();
 *      MagnumApiServer server = MagnumApiServer.builder(magnum).port(9511).start()) {
 *     log.info("serving {}", server.uri());   // http://127.0.0.1:9511
 *     ...
 * }
 * }</pre>
 *
 * Thread-safe. This class turns TCP_NODELAY on for the JDK's HTTP servers of the process (see {@link #NO_DELAY}).
 * {@link #close()} stops accepting connections, lets requests in flight finish (up to the
 * {@link Builder#shutdownGrace(Duration) grace}), and is idempotent; it does not close the facade.
 */
public final class MagnumApiServer implements AutoCloseable
{
    private static final Logger log = LoggerFactory.getLogger(MagnumApiServer.class);

    /**
     * The JDK's HTTP server writes a response's headers and body in two segments; without TCP_NODELAY, Nagle's
     * algorithm holds the body back until the client's delayed ACK of the headers (40 ms on Linux) on every
     * keep-alive request. The JDK reads this property once, when the first JDK HTTP server of the process starts:
     * it is set here unless the application chose otherwise. An application that starts a JDK HTTP server of its
     * own before this class loads should pass {@code -Dsun.net.httpserver.nodelay=true}.
     */
    public static final String NO_DELAY = "sun.net.httpserver.nodelay";

    static {
        if (System.getProperty(NO_DELAY) == null) {
            System.setProperty(NO_DELAY, "true");
        }
    }

    /** Magnum's port. */
    public static final int DEFAULT_PORT = 9511;
    /** The largest request body taken by default: oslo.middleware's {@code max_request_body_size}, 112 KiB. */
    public static final int DEFAULT_MAX_BODY_BYTES = 114_688;

    private final HttpServer server;
    private final ApiHandler handler;
    private final ThreadPoolExecutor executor;
    private final Duration shutdownGrace;
    private final URI uri;
    private final AtomicBoolean closed = new AtomicBoolean();

    private MagnumApiServer(Builder builder) throws IOException
    {
        TokenAuthenticator authenticator = builder.authenticator != null ? builder.authenticator
                : TokenAuthenticator.acceptAll(builder.magnum.context());
        this.handler = new ApiHandler(builder.magnum, token -> authenticate(authenticator, token),
                builder.maxBodyBytes);
        this.executor = new ThreadPoolExecutor(builder.threads, builder.threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(builder.queue), new RequestThreads(),
                // a full queue slows the accepting thread down rather than dropping connections
                new ThreadPoolExecutor.CallerRunsPolicy());
        this.shutdownGrace = builder.shutdownGrace;
        HttpServer created = HttpServer.create(new InetSocketAddress(builder.host, builder.port), builder.backlog);
        try {
            created.createContext("/", handler);
            created.setExecutor(executor);
            created.start();
        }
        catch (RuntimeException e) {
            created.stop(0);
            executor.shutdownNow();
            throw e;
        }
        this.server = created;
        InetSocketAddress bound = server.getAddress();
        String host = bound.getAddress().getHostAddress();
        this.uri = URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + bound.getPort());
        log.info("Magnum API listening on {} ({} request threads, authentication: {})", uri, builder.threads,
                authenticator);
    }

    private static RequestContext authenticate(TokenAuthenticator authenticator, String token)
    {
        try {
            return requireNonNull(authenticator.authenticate(token), "the authenticator returned no context");
        }
        catch (AuthenticationException e) {
            Map<String, String> headers = new HashMap<>();
            e.challenge().ifPresent(challenge -> headers.put("WWW-Authenticate", challenge));
            throw new ApiException(401, e.getMessage(), headers);
        }
    }

    /**
     * @param magnum the facade the API serves; the server does not close it
     * @return a builder with Magnum's defaults (127.0.0.1:9511, every token accepted as the facade's own context)
     */
    public static Builder builder(Magnum magnum)
    {
        return new Builder(magnum);
    }

    /** @return the port the server listens on (the real one when it was started on port 0) */
    public int port()
    {
        return server.getAddress().getPort();
    }

    /** @return the server's base URI, {@code http://127.0.0.1:9511}; the API is under {@code /v1} */
    public URI uri()
    {
        return uri;
    }

    @Override
    public void close()
    {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        // let the requests in flight finish (the JDK's own stop(delay) waits out the whole delay even when idle)
        long deadline = System.nanoTime() + shutdownGrace.toNanos();
        while (handler.inFlight() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        server.stop(0);
        executor.shutdown();
        try {
            if (!executor.awaitTermination(shutdownGrace.toMillis() + 1000, TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        }
        catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        log.info("Magnum API on {} stopped", uri);
    }

    @Override
    public String toString()
    {
        return "MagnumApiServer[" + uri + "]";
    }

    /** Names the request threads {@code magnum-api-N}; daemons, so a forgotten server cannot keep a JVM alive. */
    private static final class RequestThreads implements ThreadFactory
    {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable runnable)
        {
            Thread thread = new Thread(runnable, "magnum-api-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }

    /** Configures and starts a {@link MagnumApiServer}. Setters validate eagerly. Not thread-safe. */
    public static final class Builder
    {
        private final Magnum magnum;
        private String host = "127.0.0.1";
        private int port = DEFAULT_PORT;
        private TokenAuthenticator authenticator;
        private int maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private int threads = 16;
        private int queue = 1024;
        private int backlog = 128;
        private Duration shutdownGrace = Duration.ofSeconds(2);

        private Builder(Magnum magnum)
        {
            this.magnum = requireNonNull(magnum, "magnum is null");
        }

        /** @param host the address to listen on (default {@code 127.0.0.1}) @return this */
        public Builder host(String host)
        {
            this.host = requireNonNull(host, "host is null");
            return this;
        }

        /** @param port the port (default 9511, Magnum's); 0 picks a free one @return this */
        public Builder port(int port)
        {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0 to 65535, not " + port);
            }
            this.port = port;
            return this;
        }

        /**
         * @param authenticator how tokens are checked (default: {@link TokenAuthenticator#acceptAll} as the facade's
         *                      own context)
         * @return this
         */
        public Builder authenticator(TokenAuthenticator authenticator)
        {
            this.authenticator = requireNonNull(authenticator, "authenticator is null");
            return this;
        }

        /** @param maxBodyBytes the largest request body; larger ones get a 400 (default 112 KiB) @return this */
        public Builder maxBodyBytes(int maxBodyBytes)
        {
            if (maxBodyBytes < 1) {
                throw new IllegalArgumentException("maxBodyBytes < 1");
            }
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        /** @param threads how many requests run at once (default 16) @return this */
        public Builder threads(int threads)
        {
            if (threads < 1) {
                throw new IllegalArgumentException("threads < 1");
            }
            this.threads = threads;
            return this;
        }

        /** @param grace how long {@link #close()} waits for requests in flight (default 2 s) @return this */
        public Builder shutdownGrace(Duration grace)
        {
            requireNonNull(grace, "grace is null");
            if (grace.isNegative()) {
                throw new IllegalArgumentException("shutdownGrace is negative");
            }
            this.shutdownGrace = grace;
            return this;
        }

        /**
         * Binds the port and starts serving.
         *
         * @return the running server; close it when done
         * @throws UncheckedIOException when the address cannot be bound
         */
        public MagnumApiServer start()
        {
            try {
                return new MagnumApiServer(this);
            }
            catch (IOException e) {
                throw new UncheckedIOException("cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
            }
        }
    }
}
