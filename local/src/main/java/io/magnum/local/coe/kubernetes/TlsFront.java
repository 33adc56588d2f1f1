package io.magnum.local.coe.kubernetes;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static java.util.Objects.requireNonNull;

/**
 * A TLS server on 127.0.0.1 that demands a client certificate signed by one CA and pipes each accepted connection,
 * in the clear, to a backend on the loopback. fabric8's mock web server (7.x, Vert.x) can only serve a self-signed
 * certificate of its own and never asks for client certificates, so LocalCloud's Kubernetes endpoints put this in
 * front of it.
 *
 * <p>Each connection is accepted as a plain socket and TLS is layered on it without auto-close: when the handshake
 * fails (no client certificate, or one from another CA), the JDK sends its fatal alert, and this front then shuts
 * its side down and reads what the client still sends before closing, so the client reads the alert
 * ({@code bad_certificate}, {@code certificate_required}) rather than a reset connection. That matters with TLS
 * 1.3, where the client sends its request before it learns that its certificate was refused.
 *
 * <p>Two daemon threads per open connection and one accepting; {@link #close()} ends all of them.
 */
final class TlsFront implements AutoCloseable
{
    private static final Logger log = LoggerFactory.getLogger(TlsFront.class);
    private static final int HANDSHAKE_TIMEOUT_MILLIS = 10_000;
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final int DRAIN_MILLIS = 1_000;
    private static final int BUFFER = 16 * 1024;

    private final SSLSocketFactory sockets;
    private final Supplier<InetSocketAddress> backend;
    private final ServerSocket server;
    private final ExecutorService workers;
    private final Thread acceptor;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * Starts listening on an ephemeral port of 127.0.0.1.
     *
     * @param context the server's TLS context: its certificate, and the CA it trusts for clients
     * @param backend where to send the decrypted bytes; asked (on a connection's thread) after each successful
     *                handshake, so the backend may start on first use
     * @throws IOException when no port can be had
     */
    TlsFront(SSLContext context, Supplier<InetSocketAddress> backend) throws IOException
    {
        this.sockets = requireNonNull(context, "context is null").getSocketFactory();
        this.backend = requireNonNull(backend, "backend is null");
        this.server = new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
        String name = "magnum-k8s-tls-" + server.getLocalPort();
        AtomicInteger count = new AtomicInteger();
        this.workers = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, name + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.acceptor = new Thread(this::accept, name);
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    /** @return the port clients connect to */
    int port()
    {
        return server.getLocalPort();
    }

    private void accept()
    {
        while (!closed) {
            Socket raw;
            try {
                raw = server.accept();
            }
            catch (IOException e) {
                if (!closed) {
                    log.warn("TLS front on port {} stopped accepting: {}", port(), e.toString());
                }
                return;
            }
            open.add(raw);
            try {
                workers.execute(() -> serve(raw));
            }
            catch (RuntimeException e) {
                // closing: the pool refuses new work
                quietly(raw);
            }
        }
    }

    private void serve(Socket raw)
    {
        SSLSocket tls;
        try {
            raw.setTcpNoDelay(true);
            raw.setSoTimeout(HANDSHAKE_TIMEOUT_MILLIS);
            tls = (SSLSocket) sockets.createSocket(raw, null, false);
            tls.setUseClientMode(false);
            tls.setNeedClientAuth(true);
            tls.startHandshake();
            raw.setSoTimeout(0);
        }
        catch (IOException e) {
            log.debug("TLS front on port {} refused {}: {}", port(), raw.getRemoteSocketAddress(), e.toString());
            refuse(raw);
            return;
        }
        Socket upstream = new Socket();
        open.add(upstream);
        try {
            upstream.setTcpNoDelay(true);
            upstream.connect(backend.get(), CONNECT_TIMEOUT_MILLIS);
            workers.execute(() -> pipe(upstream, tls, raw, upstream));
            pipe(tls, upstream, raw, upstream);
        }
        catch (IOException | RuntimeException e) {
            log.debug("TLS front on port {} lost a connection: {}", port(), e.toString());
            close(tls, raw, upstream);
        }
    }

    /** Copies until either side ends, then closes both. */
    private void pipe(Socket from, Socket to, Socket raw, Socket upstream)
    {
        byte[] buffer = new byte[BUFFER];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                out.write(buffer, 0, n);
                out.flush();
            }
        }
        catch (IOException e) {
            log.trace("TLS front pipe ended: {}", e.toString());
        }
        finally {
            close(from instanceof SSLSocket ? from : to, raw, upstream);
        }
    }

    /** The plain sockets first: closing a TLS socket layered without auto-close may wait for the peer. */
    private void close(Socket tls, Socket raw, Socket upstream)
    {
        quietly(raw);
        quietly(upstream);
        quietly(tls);
    }

    /** After a failed handshake: let the client read the alert, then close without a reset. */
    private void refuse(Socket raw)
    {
        try {
            raw.shutdownOutput();
            raw.setSoTimeout(DRAIN_MILLIS);
            InputStream in = raw.getInputStream();
            byte[] buffer = new byte[BUFFER];
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(DRAIN_MILLIS);
            while (System.nanoTime() < end && in.read(buffer) >= 0) {
                // discard what the client still sends
            }
        }
        catch (IOException e) {
            // the client went first
        }
        finally {
            quietly(raw);
        }
    }

    private void quietly(Socket socket)
    {
        try {
            socket.close();
        }
        catch (IOException e) {
            // nothing to do
        }
        finally {
            open.remove(socket);
        }
    }

    /** Stops accepting, closes every connection and waits briefly for the threads. */
    @Override
    public void close()
    {
        if (closed) {
            return;
        }
        closed = true;
        try {
            server.close();
        }
        catch (IOException e) {
            log.debug("closing the TLS front on port {}: {}", port(), e.toString());
        }
        for (Socket socket : Set.copyOf(open)) {
            quietly(socket);
        }
        workers.shutdownNow();
        try {
            acceptor.join(TimeUnit.SECONDS.toMillis(2));
            if (!workers.awaitTermination(2, TimeUnit.SECONDS)) {
                log.warn("TLS front on port {}: some connections did not end in 2 s", port());
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString()
    {
        return "TlsFront[127.0.0.1:" + port() + "]";
    }
}
