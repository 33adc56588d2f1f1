package io.magnum.local.coe.docker;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.magnum.spi.BayEndpoint;
import io.magnum.spi.tls.PemTls;

import static java.util.Objects.requireNonNull;

/**
 * One bay's Docker API on 127.0.0.1: a byte-for-byte relay of each accepted connection to the local engine, so
 * every Docker call (streams and hijacked exec included) behaves as the engine's own. With TLS the listener
 * presents the bay's server certificate and completes a handshake only with a client certificate the bay's CA
 * signed; the engine is never reached otherwise.
 *
 * <p>Threads come from a small pool of daemon threads owned by the front (one for accepting, two per live
 * connection, at most {@value #MAX_CONNECTIONS} connections; idle threads end after 30 s); {@link #close()} closes
 * the listener and every live connection and stops the pool.
 */
final class DockerFront implements Closeable
{
    private static final Logger log = LoggerFactory.getLogger(DockerFront.class);

    /** Live connections a bay may hold at once; more are refused (closed at once). */
    static final int MAX_CONNECTIONS = 32;
    private static final int HANDSHAKE_TIMEOUT_MS = 10_000;
    private static final int BUFFER = 16 * 1024;

    private final String bayUuid;
    private final DockerEngine engine;
    private final ServerSocket listener;
    private final ThreadPoolExecutor pool;
    private final Set<Closeable> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * Binds 127.0.0.1 on an ephemeral port and starts accepting.
     *
     * @param bayUuid   the bay, for names and logs
     * @param engine    where to relay
     * @param serverTls the bay's CA and server certificate, or empty for plain TCP
     * @throws IOException when the port cannot be bound
     */
    DockerFront(String bayUuid, DockerEngine engine, Optional<BayEndpoint.Tls> serverTls) throws IOException
    {
        this.bayUuid = requireNonNull(bayUuid, "bayUuid is null");
        this.engine = requireNonNull(engine, "engine is null");
        InetAddress loopback = InetAddress.getLoopbackAddress();
        if (serverTls.isPresent()) {
            SSLContext context = PemTls.serverContext(serverTls.get());
            SSLServerSocket tls = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 50, loopback);
            tls.setNeedClientAuth(true);
            listener = tls;
        }
        else {
            listener = new ServerSocket(0, 50, loopback);
        }
        String prefix = "magnum-docker-front-" + bayUuid.substring(0, Math.min(8, bayUuid.length())) + "-";
        AtomicInteger threads = new AtomicInteger();
        pool = new ThreadPoolExecutor(0, 1 + 2 * MAX_CONNECTIONS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), r -> {
            Thread t = new Thread(r, prefix + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.execute(this::accept);
    }

    /** @return the port listened on */
    int port()
    {
        return listener.getLocalPort();
    }

    /** @return true when the listener is TLS */
    boolean tls()
    {
        return listener instanceof SSLServerSocket;
    }

    private void accept()
    {
        while (!closed) {
            Socket client;
            try {
                client = listener.accept();
            }
            catch (IOException e) {
                if (!closed) {
                    log.warn("Bay {}: the Docker front on port {} stopped accepting: {}", bayUuid, port(), e.toString());
                }
                return;
            }
            try {
                pool.execute(() -> serve(client));
            }
            catch (RejectedExecutionException e) {
                log.warn("Bay {}: more than {} connections to the Docker front at once; one refused", bayUuid,
                        MAX_CONNECTIONS);
                closeQuietly(client);
            }
        }
    }

    private void serve(Socket client)
    {
        open.add(client);
        SocketChannel upstream = null;
        boolean relaying = false;
        try {
            if (closed) {
                return;
            }
            if (client instanceof SSLSocket tls) {
                client.setSoTimeout(HANDSHAKE_TIMEOUT_MS);
                tls.startHandshake();
                client.setSoTimeout(0);
            }
            upstream = engine.connect();
            open.add(upstream);
            if (closed) {
                return;
            }
            SocketChannel engineSide = upstream;
            try {
                pool.execute(() -> engineToClient(engineSide, client));
            }
            catch (RejectedExecutionException e) {
                log.warn("Bay {}: the Docker front has no thread left for a connection", bayUuid);
                return;
            }
            relaying = true;
            clientToEngine(client, upstream);
        }
        catch (SSLException e) {
            log.debug("Bay {}: TLS handshake refused on the Docker front: {}", bayUuid, e.toString());
        }
        catch (IOException e) {
            if (!closed) {
                log.debug("Bay {}: a Docker front connection ended: {}", bayUuid, e.toString());
            }
        }
        finally {
            if (!relaying) {
                // the engine-to-client relay closes both once it runs; before that, this thread does
                if (upstream != null) {
                    closeQuietly(upstream);
                }
                closeQuietly(client);
            }
        }
    }

    /** Client to engine; at the client's end of stream, half-closes toward the engine so its answer still flows. */
    private void clientToEngine(Socket client, SocketChannel engineSide) throws IOException
    {
        try {
            InputStream in = client.getInputStream();
            byte[] buffer = new byte[BUFFER];
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                while (chunk.hasRemaining()) {
                    engineSide.write(chunk);
                }
            }
            engineSide.shutdownOutput();
        }
        catch (IOException e) {
            closeQuietly(engineSide);
            closeQuietly(client);
            if (!closed && !client.isClosed()) {
                throw e;
            }
        }
    }

    /** Engine to client; at the engine's end of stream, closes both sides (TLS sockets cannot half-close). */
    private void engineToClient(SocketChannel engineSide, Socket client)
    {
        try {
            OutputStream out = client.getOutputStream();
            ByteBuffer buffer = ByteBuffer.allocate(BUFFER);
            while (engineSide.read(buffer) >= 0) {
                buffer.flip();
                out.write(buffer.array(), 0, buffer.limit());
                out.flush();
                buffer.clear();
            }
        }
        catch (IOException e) {
            log.trace("Bay {}: engine-to-client relay ended: {}", bayUuid, e.toString());
        }
        finally {
            closeQuietly(client);
            closeQuietly(engineSide);
        }
    }

    private void closeQuietly(Closeable c)
    {
        open.remove(c);
        try {
            c.close();
        }
        catch (IOException e) {
            log.trace("Bay {}: closing {} failed: {}", bayUuid, c, e.toString());
        }
    }

    /** Closes the listener and every live connection, and stops the threads. Idempotent. */
    @Override
    public void close()
    {
        if (closed) {
            return;
        }
        closed = true;
        try {
            listener.close();
        }
        catch (IOException e) {
            log.trace("Bay {}: closing the listener failed: {}", bayUuid, e.toString());
        }
        for (Closeable c : Set.copyOf(open)) {
            closeQuietly(c);
        }
        pool.shutdownNow();
        try {
            if (!pool.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("Bay {}: Docker front threads still running 5 s after close", bayUuid);
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
