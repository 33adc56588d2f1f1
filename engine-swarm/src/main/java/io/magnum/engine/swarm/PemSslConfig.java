package io.magnum.engine.swarm;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

import com.github.dockerjava.transport.SSLConfig;

import io.magnum.spi.BayEndpoint;
import io.magnum.spi.coe.CoeException;

/**
 * docker-java's {@link SSLConfig} built from the bay's PEM material in memory: nothing is written to disk, and the
 * JVM's security providers are left alone (docker-java's own {@code CertificateUtils} registers BouncyCastle
 * globally). The client trusts only the bay's CA and presents the certificate magnum4j got signed by it.
 */
final class PemSslConfig implements SSLConfig
{
    private final SSLContext context;

    /**
     * @param tls the bay's CA, client certificate and key (PKCS#8 {@code PRIVATE KEY}, or PKCS#1/SEC1 key pairs)
     * @throws CoeException {@code TLS} when the material cannot be read
     */
    PemSslConfig(BayEndpoint.Tls tls)
    {
        try {
            List<X509Certificate> ca = certificates(tls.caPem(), "CA");
            List<X509Certificate> chain = certificates(tls.certificatePem(), "client certificate");
            PrivateKey key = privateKey(tls.privateKeyPem());

            char[] password = new char[16];
            SecureRandom random = new SecureRandom();
            for (int i = 0; i < password.length; i++) {
                password[i] = (char) ('a' + random.nextInt(26));
            }
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("client", key, password, chain.toArray(new Certificate[0]));
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, password);

            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            for (int i = 0; i < ca.size(); i++) {
                trusted.setCertificateEntry("ca-" + i, ca.get(i));
            }
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trusted);

            context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), random);
        }
        catch (GeneralSecurityException | IOException | RuntimeException e) {
            if (e instanceof CoeException coe) {
                throw coe;
            }
            throw new CoeException(CoeException.Reason.TLS, "the bay's TLS material cannot be used: " + e.getMessage(), e);
        }
    }

    @Override
    public SSLContext getSSLContext()
    {
        return context;
    }

    private static List<X509Certificate> certificates(String pem, String what) throws GeneralSecurityException
    {
        Collection<? extends Certificate> read = CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        if (read.isEmpty()) {
            throw new CoeException(CoeException.Reason.TLS, "the bay's " + what + " PEM holds no certificate");
        }
        return read.stream().map(X509Certificate.class::cast).toList();
    }

    private static PrivateKey privateKey(String pem) throws IOException
    {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            for (Object read = parser.readObject(); read != null; read = parser.readObject()) {
                if (read instanceof PrivateKeyInfo info) {
                    return new JcaPEMKeyConverter().getPrivateKey(info);
                }
                if (read instanceof PEMKeyPair pair) {
                    return new JcaPEMKeyConverter().getPrivateKey(pair.getPrivateKeyInfo());
                }
            }
        }
        throw new CoeException(CoeException.Reason.TLS, "the bay's client key PEM holds no unencrypted private key");
    }
}
