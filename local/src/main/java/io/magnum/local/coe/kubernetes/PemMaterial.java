package io.magnum.local.coe.kubernetes;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import io.magnum.spi.BayEndpoint;

/**
 * Turns a bay's PEM material into the server side of mutual TLS: the server certificate and key as the key
 * material, the bay's CA as the only trusted issuer of client certificates. JDK providers only.
 */
final class PemMaterial
{
    private static final Pattern KEY = Pattern.compile(
            "-----BEGIN (RSA |EC )?PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END (?:RSA |EC )?PRIVATE KEY-----");
    /** Protects the key in an in-memory key store only. */
    private static final char[] STORE_PASSWORD = "in-memory".toCharArray();

    private PemMaterial()
    {
    }

    /**
     * @param tls the CA, the server certificate and its key
     * @return a TLS context that presents the certificate and trusts client certificates the CA signed, and no other
     * @throws IllegalArgumentException when the material cannot be read
     */
    static SSLContext serverContext(BayEndpoint.Tls tls)
    {
        try {
            List<X509Certificate> chain = certificates(tls.certificatePem(), "the server certificate");
            PrivateKey key = privateKey(tls.privateKeyPem());
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("server", key, STORE_PASSWORD, chain.toArray(new Certificate[0]));
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, STORE_PASSWORD);

            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            int i = 0;
            for (X509Certificate ca : certificates(tls.caPem(), "the CA")) {
                trusted.setCertificateEntry("ca-" + i++, ca);
            }
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(
                    TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trusted);

            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers.getKeyManagers(), trustManagers.getTrustManagers(), new SecureRandom());
            return context;
        }
        catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("cannot use the bay's TLS material: " + e.getMessage(), e);
        }
    }

    static List<X509Certificate> certificates(String pem, String what) throws GeneralSecurityException
    {
        List<X509Certificate> certificates = CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII))).stream()
                .map(X509Certificate.class::cast).toList();
        if (certificates.isEmpty()) {
            throw new GeneralSecurityException(what + " holds no PEM certificate");
        }
        return certificates;
    }

    /** A PKCS#8 {@code PRIVATE KEY} (RSA or EC), or a PKCS#1 {@code RSA PRIVATE KEY}. */
    static PrivateKey privateKey(String pem) throws GeneralSecurityException
    {
        Matcher m = KEY.matcher(pem);
        if (!m.find()) {
            throw new GeneralSecurityException("the private key is not a PEM PRIVATE KEY or RSA PRIVATE KEY");
        }
        byte[] der = Base64.getMimeDecoder().decode(m.group(2));
        if ("EC ".equals(m.group(1))) {
            throw new GeneralSecurityException("SEC1 EC PRIVATE KEY is not supported: convert it to PKCS#8");
        }
        if ("RSA ".equals(m.group(1))) {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(pkcs1ToPkcs8(der)));
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : new String[] {"RSA", "EC"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            }
            catch (InvalidKeySpecException e) {
                // try the next
            }
        }
        throw new GeneralSecurityException("the private key is neither RSA nor EC");
    }

    /** Wraps a PKCS#1 RSAPrivateKey in a PKCS#8 PrivateKeyInfo (version 0, rsaEncryption, NULL). */
    private static byte[] pkcs1ToPkcs8(byte[] pkcs1)
    {
        byte[] algorithm = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xf7, 0x0d, 0x01,
                0x01, 0x01, 0x05, 0x00};
        byte[] version = {0x02, 0x01, 0x00};
        byte[] octets = der(0x04, pkcs1);
        byte[] body = new byte[version.length + algorithm.length + octets.length];
        System.arraycopy(version, 0, body, 0, version.length);
        System.arraycopy(algorithm, 0, body, version.length, algorithm.length);
        System.arraycopy(octets, 0, body, version.length + algorithm.length, octets.length);
        return der(0x30, body);
    }

    private static byte[] der(int tag, byte[] content)
    {
        byte[] length;
        if (content.length < 0x80) {
            length = new byte[] {(byte) content.length};
        }
        else {
            byte[] n = BigInteger.valueOf(content.length).toByteArray();
            int skip = n[0] == 0 ? 1 : 0;
            length = new byte[n.length - skip + 1];
            length[0] = (byte) (0x80 | (n.length - skip));
            System.arraycopy(n, skip, length, 1, n.length - skip);
        }
        byte[] out = new byte[1 + length.length + content.length];
        out[0] = (byte) tag;
        System.arraycopy(length, 0, out, 1, length.length);
        System.arraycopy(content, 0, out, 1 + length.length, content.length);
        return out;
    }
}
