package io.magnum.local.tck;

import io.magnum.local.coe.LocalCoeHost;
import io.magnum.spi.cloud.CoeHosting.HostedBay;
import io.magnum.spi.tls.PemTls;

import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The local host of the TCK's test COE, {@code tck-echo}: per bay, a socket on 127.0.0.1 that answers each line
 * with {@code pong}; with the bay's server certificate and only the bay's CA's client certificates when TLS is on.
 */
public final class EchoHost implements LocalCoeHost
{
    private final Map<String, Served> served = new ConcurrentHashMap<>();

    private record Served(ServerSocket socket, Thread thread)
    {
    }

    @Override
    public String coe()
    {
        return EchoDriver.COE;
    }

    @Override
    public String start(HostedBay bay)
    {
        try {
            ServerSocket socket;
            if (bay.serverTls().isPresent()) {
                SSLServerSocket tls = (SSLServerSocket) PemTls.serverContext(bay.serverTls().get())
                        .getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
                tls.setNeedClientAuth(true);
                socket = tls;
            }
            else {
                socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            }
            Thread thread = new Thread(() -> serve(socket), "tck-echo-" + bay.bayUuid().substring(0, 8));
            thread.setDaemon(true);
            thread.start();
            served.put(bay.bayUuid(), new Served(socket, thread));
            String scheme = bay.stackApiAddress().substring(0, bay.stackApiAddress().indexOf("://"));
            return scheme + "://127.0.0.1:" + socket.getLocalPort();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        catch (IllegalArgumentException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void serve(ServerSocket server)
    {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                socket.setSoTimeout(15_000);
                if (socket instanceof SSLSocket tls) {
                    tls.startHandshake();
                }
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                        StandardCharsets.UTF_8));
                if (in.readLine() != null) {
                    OutputStream out = socket.getOutputStream();
                    out.write("pong\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            }
            catch (IOException e) {
                // a refused handshake, or the socket closed by stop(): next
            }
        }
    }

    @Override
    public void stop(String bayUuid)
    {
        Served gone = served.remove(bayUuid);
        if (gone != null) {
            try {
                gone.socket().close();
                gone.thread().join(2000);
            }
            catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void close()
    {
        served.keySet().forEach(this::stop);
    }
}
