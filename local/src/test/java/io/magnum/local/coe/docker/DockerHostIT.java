package io.magnum.local.coe.docker;

import io.magnum.local.testing.TestPki;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.magnum.local.LocalCloud;
import io.magnum.local.coe.LocalCoeUnavailableException;
import io.magnum.spi.BayEndpoint;
import io.magnum.spi.cloud.CoeHosting.HostedBay;
import io.magnum.spi.tls.PemTls;
import io.magnum.local.tck.LocalDockerEngine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The Docker front against the real local engine (tools/docker-up.sh starts one): plain and TLS relays, the
 * bay-CA-only client check, and stop. Skips, loudly, only when no engine answers.
 */
@Tag("docker")
class DockerHostIT
{
    /** RSA certificates: the Docker engine's TLS, as a bay's. */
    private static final TestPki PKI = TestPki.rsa();


    private DockerHost host;

    @BeforeAll
    static void needsAnEngine()
    {
        LocalDockerEngine.assumeRunning("DockerHostIT");
    }

    @BeforeEach
    void newHost()
    {
        host = new DockerHost(DockerEngine.DEFAULT_HOST);
    }

    @AfterEach
    void closeHost()
    {
        host.close();
    }

    @Test
    void plainFrontRelaysTheEngine() throws IOException
    {
        String address = host.start(bay("tcp://10.0.0.7:2376", Optional.empty()));
        assertThat(address).startsWith("tcp://127.0.0.1:");
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port(address))) {
            assertThat(get(socket, "/_ping")).startsWith("HTTP/1.0 200").endsWith("OK");
        }
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port(address))) {
            assertThat(get(socket, "/version")).startsWith("HTTP/1.0 200").contains("\"ApiVersion\"");
        }
    }

    @Test
    void tlsFrontTakesOnlyClientCertificatesOfTheBaysCa() throws Exception
    {
        TestPki.Ca ca = PKI.ca("bay-ca");
        String address = host.start(bay("https://10.0.0.8:2376", Optional.of(PKI.server(ca))));
        assertThat(address).startsWith("https://127.0.0.1:");
        int port = port(address);

        try (SSLSocket socket = tls(PemTls.clientContext(PKI.client(ca)), port)) {
            assertThat(get(socket, "/_ping")).startsWith("HTTP/1.0 200").endsWith("OK");
        }

        // a client certificate of another bay's CA (the server is still trusted)
        BayEndpoint.Tls stranger = PKI.client(PKI.ca("other-bay-ca"));
        BayEndpoint.Tls foreign = new BayEndpoint.Tls(ca.certificatePem(), stranger.certificatePem(), stranger.privateKeyPem());
        assertThat(refused(PemTls.clientContext(foreign), port)).isInstanceOf(SSLException.class);

        // no client certificate at all
        SSLContext anonymous = SSLContext.getInstance("TLS");
        anonymous.init(null, trustOnly(ca), null);
        assertThat(refused(anonymous, port)).isInstanceOf(SSLException.class);

        // and the front still serves the right client afterwards
        try (SSLSocket socket = tls(PemTls.clientContext(PKI.client(ca)), port)) {
            assertThat(get(socket, "/_ping")).startsWith("HTTP/1.0 200");
        }
    }

    @Test
    void stopClosesThePortAndStartIsIdempotentUntilThen() throws IOException
    {
        HostedBay bay = bay("tcp://10.0.0.9:2376", Optional.empty());
        String address = host.start(bay);
        assertThat(host.start(bay)).isEqualTo(address);
        Socket open = new Socket(InetAddress.getLoopbackAddress(), port(address));
        open.setSoTimeout(10_000);
        host.stop(bay.bayUuid());
        // a live connection is cut: an end of stream, or a reset when it was still waiting to be accepted
        Throwable cut = catchThrowable(() -> assertThat(open.getInputStream().read()).isEqualTo(-1));
        assertThat(cut).satisfiesAnyOf(t -> assertThat(t).isNull(),
                t -> assertThat(t).isInstanceOf(java.net.SocketException.class).hasMessageContaining("reset"));
        open.close();
        assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port(address)).close())
                .isInstanceOf(ConnectException.class);
        host.stop(bay.bayUuid());
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.isAlive()
                && t.getName().startsWith("magnum-docker-front-" + bay.bayUuid().substring(0, 8)));
    }

    @Test
    void localCloudHostsSwarmBaysOnTheEngine() throws IOException
    {
        try (LocalCloud cloud = LocalCloud.create()) {
            HostedBay bay = bay("tcp://10.0.0.10:2376", Optional.empty());
            String address = cloud.coeHosting().orElseThrow().host(bay);
            assertThat(address).startsWith("tcp://127.0.0.1:");
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port(address))) {
                assertThat(get(socket, "/_ping")).startsWith("HTTP/1.0 200");
            }
            cloud.coeHosting().orElseThrow().release(bay.bayUuid());
            assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port(address)).close())
                    .isInstanceOf(ConnectException.class);
        }
    }

    @Test
    void anEngineThatDoesNotAnswerIsUnavailable()
    {
        assertThatThrownBy(() -> new DockerHost("tcp://127.0.0.1:1").start(bay("tcp://10.0.0.11:2376", Optional.empty())))
                .isInstanceOf(LocalCoeUnavailableException.class);
    }

    private static HostedBay bay(String stackAddress, Optional<BayEndpoint.Tls> tls)
    {
        return new HostedBay(UUID.randomUUID().toString(), "swarm", stackAddress, List.of("10.0.0.3"), tls);
    }

    private static int port(String address)
    {
        return URI.create(address).getPort();
    }

    private static SSLSocket tls(SSLContext context, int port) throws IOException
    {
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), port);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the server certificate must name 127.0.0.1
        socket.setSSLParameters(parameters);
        socket.setSoTimeout(10_000);
        return socket;
    }

    /**
     * @return what a TLS client got when the front turned it away. With TLS 1.3 the client's handshake ends before
     *         the server checks the client certificate, so the refusal (an alert) comes at the first read; writing
     *         first could meet a reset instead, which is why this reads before it writes.
     */
    private static Throwable refused(SSLContext context, int port)
    {
        return catchThrowable(() -> {
            try (SSLSocket socket = tls(context, port)) {
                socket.startHandshake();
                socket.getInputStream().read();
            }
        });
    }

    private static javax.net.ssl.TrustManager[] trustOnly(TestPki.Ca ca)
    {
        return PemTls.trustManagers(ca.certificatePem());
    }

    private static String get(Socket socket, String path) throws IOException
    {
        OutputStream out = socket.getOutputStream();
        out.write(("GET " + path + " HTTP/1.0\r\nHost: docker\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    }
}
