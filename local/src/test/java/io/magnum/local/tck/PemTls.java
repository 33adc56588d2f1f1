package io.magnum.local.tck;

import io.magnum.spi.BayEndpoint;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/** JSSE contexts from the PEM material of {@link BayEndpoint.Tls}: what a COE client or a local host does with it. */
final class PemTls
{
    private static final char[] PASSWORD = "tck".toCharArray();

    private PemTls()
    {
    }

    /** Presents the certificate and key of {@code tls}, and trusts only its CA. */
    static SSLContext context(BayEndpoint.Tls tls)
            throws GeneralSecurityException
    {
        KeyStore identity = KeyStore.getInstance("PKCS12");
        try {
            identity.load(null, null);
        }
        catch (java.io.IOException e) {
            throw new GeneralSecurityException(e);
        }
        identity.setKeyEntry("identity", key(tls.privateKeyPem()), PASSWORD,
                new Certificate[] {certificate(tls.certificatePem())});
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(identity, PASSWORD);

        KeyStore trusted = KeyStore.getInstance("PKCS12");
        try {
            trusted.load(null, null);
        }
        catch (java.io.IOException e) {
            throw new GeneralSecurityException(e);
        }
        trusted.setCertificateEntry("ca", certificate(tls.caPem()));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);

        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }

    static X509Certificate certificate(String pem)
            throws GeneralSecurityException
    {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    static PrivateKey key(String pem)
            throws GeneralSecurityException
    {
        String body = pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "");
        return KeyFactory.getInstance("RSA")
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(body)));
    }
}
