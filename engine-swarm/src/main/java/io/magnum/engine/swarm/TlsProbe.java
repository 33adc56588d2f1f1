package io.magnum.engine.swarm;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.Optional;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import static java.util.Objects.requireNonNull;

/**
 * Tells whether the bay's Docker API refuses our client certificate, after a call failed with a bare
 * "broken pipe" or "connection reset". With TLS 1.3 a client finishes its handshake before the server has checked
 * the client certificate; the HTTP client then writes its request at once, and the server's refusal can arrive as
 * a reset instead of the TLS alert. The probe handshakes again and reads before writing anything, so the alert
 * (bad_certificate, certificate_required, unknown_ca...) is what it sees.
 */
final class TlsProbe
{
    private static final int TIMEOUT_MS = 3_000;

    private final URI host;
    private final SSLContext context;

    TlsProbe(URI host, SSLContext context)
    {
        this.host = requireNonNull(host, "host is null");
        this.context = requireNonNull(context, "context is null");
    }

    /**
     * @return the TLS failure when the server turns our certificate away (or we turn its down), empty when a
     *         handshake goes through or the server cannot be reached at all
     */
    Optional<SSLException> refusal()
    {
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(host.getHost(), host.getPort()), TIMEOUT_MS);
            try (SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, host.getHost(),
                    host.getPort(), false)) {
                SSLParameters parameters = tls.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                tls.setSSLParameters(parameters);
                tls.setSoTimeout(TIMEOUT_MS);
                tls.startHandshake();
                // an HTTP server says nothing until asked: a refusal is the only thing that can come now
                tls.getInputStream().read();
                return Optional.empty();
            }
        }
        catch (SSLException e) {
            return Optional.of(e);
        }
        catch (SocketTimeoutException e) {
            return Optional.empty();
        }
        catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
