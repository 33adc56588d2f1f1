package io.magnum.engine.swarm;

import javax.net.ssl.SSLContext;

import com.github.dockerjava.transport.SSLConfig;

import io.magnum.spi.BayEndpoint;
import io.magnum.spi.coe.CoeException;
import io.magnum.spi.tls.PemTls;

/**
 * docker-java's {@link SSLConfig} over the SPI's {@link PemTls}: built from the bay's PEM material in memory, nothing
 * is written to disk, and the JVM's security providers are left alone (docker-java's own {@code CertificateUtils}
 * registers BouncyCastle globally). The client trusts only the bay's CA and presents the certificate magnum4j got
 * signed by it.
 */
final class PemSslConfig implements SSLConfig
{
    private final SSLContext context;

    /**
     * @param tls the bay's CA, client certificate and key (PKCS#8 {@code PRIVATE KEY}, PKCS#1 or SEC1)
     * @throws CoeException {@code TLS} when the material cannot be read
     */
    PemSslConfig(BayEndpoint.Tls tls)
    {
        try {
            context = PemTls.clientContext(tls);
        }
        catch (IllegalArgumentException e) {
            throw new CoeException(CoeException.Reason.TLS, "the bay's TLS material cannot be used: " + e.getMessage(), e);
        }
    }

    @Override
    public SSLContext getSSLContext()
    {
        return context;
    }
}
