package io.magnum.local.coe.docker;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import io.magnum.spi.BayEndpoint;

/**
 * The server side of a bay's mutual TLS, from its PEM material in memory (JDK only): present the server
 * certificate the bay's CA signed, and trust that CA and nothing else for client certificates.
 */
final class ServerTls
{
    private static final Pattern PKCS8 = Pattern.compile(
            "-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

    private ServerTls()
    {
    }

    /**
     * @param tls the bay's CA, and the server certificate and its PKCS#8 ({@code PRIVATE KEY}) RSA or EC key
     * @return a context for an {@link javax.net.ssl.SSLServerSocket}
     * @throws IllegalArgumentException when the material cannot be read
     */
    static SSLContext context(BayEndpoint.Tls tls)
    {
        try {
            CertificateFactory x509 = CertificateFactory.getInstance("X.509");
            Certificate[] chain = read(x509, tls.certificatePem(), "server certificate").toArray(new Certificate[0]);
            Collection<? extends Certificate> ca = read(x509, tls.caPem(), "CA");

            char[] password = new char[16];
            SecureRandom random = new SecureRandom();
            for (int i = 0; i < password.length; i++) {
                password[i] = (char) ('a' + random.nextInt(26));
            }
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("server", privateKey(tls.privateKeyPem()), password, chain);
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, password);

            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            int i = 0;
            for (Certificate c : ca) {
                trusted.setCertificateEntry("bay-ca-" + i++, c);
            }
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trusted);

            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), random);
            return context;
        }
        catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalArgumentException("the bay's server TLS material cannot be used: " + e.getMessage(), e);
        }
    }

    private static Collection<? extends Certificate> read(CertificateFactory x509, String pem, String what)
            throws GeneralSecurityException
    {
        Collection<? extends Certificate> read = x509.generateCertificates(
                new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        if (read.isEmpty()) {
            throw new IllegalArgumentException("the bay's " + what + " PEM holds no certificate");
        }
        return read;
    }

    private static PrivateKey privateKey(String pem) throws GeneralSecurityException
    {
        Matcher m = PKCS8.matcher(pem);
        if (!m.find()) {
            throw new IllegalArgumentException("the bay's server key must be a PKCS#8 PEM (BEGIN PRIVATE KEY)");
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(m.group(1)));
        GeneralSecurityException last = null;
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            }
            catch (GeneralSecurityException e) {
                last = e;
            }
        }
        throw last;
    }
}
