package io.magnum.spi.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

import io.magnum.spi.BayEndpoint;

import static java.util.Objects.requireNonNull;

/**
 * Turns a bay's PEM material into JSSE objects for mutual TLS, with the JDK's providers alone (no BouncyCastle, and
 * no provider is registered). The certificate and key become the key material; the CA becomes the only trusted
 * issuer of the peer's certificate, never the JVM's default roots. Nothing is written to disk.
 *
 * <pre>{@code
 * SSLContext context = PemTls.clientContext(endpoint.tls().orElseThrow());
 * }</pre>
 *
 * <p>Keys may be PKCS#8 {@code PRIVATE KEY} (RSA, EC or EdDSA), PKCS#1 {@code RSA PRIVATE KEY} or SEC1
 * {@code EC PRIVATE KEY}, unencrypted. Every method throws {@link IllegalArgumentException} naming the PEM at fault
 * when the material cannot be used.
 */
public final class PemTls
{
    private static final Pattern CERTIFICATE = Pattern.compile(
            "-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\\s]*)-----END CERTIFICATE-----");
    private static final Pattern KEY = Pattern.compile(
            "-----BEGIN (RSA |EC )?PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END (RSA |EC )?PRIVATE KEY-----");
    /** Protects the key in an in-memory key store only. */
    private static final char[] STORE_PASSWORD = "in-memory".toCharArray();
    /** AlgorithmIdentifier rsaEncryption with NULL parameters. */
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
            (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
    /** OID id-ecPublicKey, 1.2.840.10045.2.1. */
    private static final byte[] EC_PUBLIC_KEY = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};
    private static final byte[] VERSION_0 = {0x02, 0x01, 0x00};

    private PemTls()
    {
    }

    /**
     * A context for the client end of mutual TLS: presents {@code tls}'s certificate and trusts servers
     * whose certificate its CA signed, and no other.
     *
     * @param tls the CA, the client certificate (with any intermediates) and its key
     * @return an initialised {@code TLS} context
     * @throws IllegalArgumentException when a PEM cannot be used, naming it
     */
    public static SSLContext clientContext(BayEndpoint.Tls tls)
    {
        return context(keyManagers(tls, "client certificate", "client key"), trustManagers(tls.caPem()));
    }

    /**
     * A context for the server end of mutual TLS: presents {@code tls}'s certificate and trusts client certificates
     * its CA signed, and no other. The server socket or engine must still demand them
     * ({@code setNeedClientAuth(true)}).
     *
     * @param tls the CA, the server certificate (with any intermediates) and its key
     * @return an initialised {@code TLS} context
     * @throws IllegalArgumentException when a PEM cannot be used, naming it
     */
    public static SSLContext serverContext(BayEndpoint.Tls tls)
    {
        return context(keyManagers(tls, "server certificate", "server key"), trustManagers(tls.caPem()));
    }

    /**
     * Key managers that present {@code tls}'s certificate chain and key (the CA is not read).
     *
     * @param tls the certificate and its key
     * @return the key managers
     * @throws IllegalArgumentException when the certificate or the key cannot be used, naming it
     */
    public static KeyManager[] keyManagers(BayEndpoint.Tls tls)
    {
        return keyManagers(tls, "certificate", "private key");
    }

    /**
     * Trust managers that trust the given CA certificates and nothing else (not the JVM's default roots).
     *
     * @param caPem one or more PEM CA certificates
     * @return the trust managers
     * @throws IllegalArgumentException when the PEM holds no usable certificate
     */
    public static TrustManager[] trustManagers(String caPem)
    {
        List<X509Certificate> cas = certificates(caPem, "CA");
        try {
            KeyStore trusted = emptyStore();
            for (int i = 0; i < cas.size(); i++) {
                trusted.setCertificateEntry("ca-" + i, cas.get(i));
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trusted);
            return factory.getTrustManagers();
        }
        catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("the CA PEM cannot be trusted: " + e.getMessage(), e);
        }
    }

    /**
     * Reads every {@code CERTIFICATE} block of a PEM, in order (a leaf and then its issuers, for a chain).
     *
     * @param pem  the PEM text
     * @param what what the PEM is, for the error message (such as {@code "CA"})
     * @return the certificates, at least one
     * @throws IllegalArgumentException when the PEM holds no certificate or a block is not an X.509 certificate
     */
    public static List<X509Certificate> certificates(String pem, String what)
    {
        requireNonNull(what, "what is null");
        if (pem == null) {
            throw new IllegalArgumentException("the " + what + " PEM is missing");
        }
        List<X509Certificate> certificates = new ArrayList<>();
        Matcher m = CERTIFICATE.matcher(pem);
        while (m.find()) {
            try {
                byte[] der = Base64.getMimeDecoder().decode(m.group(1));
                certificates.add((X509Certificate) CertificateFactory.getInstance("X.509")
                        .generateCertificate(new ByteArrayInputStream(der)));
            }
            catch (CertificateException | IllegalArgumentException e) {
                throw new IllegalArgumentException("the " + what + " PEM's CERTIFICATE cannot be read: "
                        + e.getMessage(), e);
            }
        }
        if (certificates.isEmpty()) {
            throw new IllegalArgumentException("the " + what + " PEM holds no CERTIFICATE");
        }
        return List.copyOf(certificates);
    }

    /**
     * Reads the first unencrypted private key of a PEM: PKCS#8 {@code PRIVATE KEY} (RSA, EC or EdDSA), PKCS#1
     * {@code RSA PRIVATE KEY} or SEC1 {@code EC PRIVATE KEY}.
     *
     * @param pem  the PEM text
     * @param what what the key is, for the error message (such as {@code "client key"})
     * @return the key
     * @throws IllegalArgumentException when the PEM holds no such key or it cannot be read
     */
    public static PrivateKey privateKey(String pem, String what)
    {
        requireNonNull(what, "what is null");
        if (pem == null) {
            throw new IllegalArgumentException("the " + what + " PEM is missing");
        }
        Matcher m = KEY.matcher(pem);
        if (!m.find() || !String.valueOf(m.group(1)).equals(String.valueOf(m.group(3)))) {
            throw new IllegalArgumentException("the " + what + " PEM holds no unencrypted PRIVATE KEY, "
                    + "RSA PRIVATE KEY or EC PRIVATE KEY");
        }
        String kind = (m.group(1) == null ? "" : m.group(1)) + "PRIVATE KEY";
        try {
            return key(m.group(1), Base64.getMimeDecoder().decode(m.group(2)));
        }
        catch (GeneralSecurityException | IllegalArgumentException | IndexOutOfBoundsException e) {
            throw new IllegalArgumentException("the " + what + " PEM's " + kind + " cannot be read: "
                    + e.getMessage(), e);
        }
    }

    private static PrivateKey key(String kind, byte[] der) throws GeneralSecurityException
    {
        if ("RSA ".equals(kind)) {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(
                    der(0x30, VERSION_0, RSA_ALGORITHM, der(0x04, der))));
        }
        if ("EC ".equals(kind)) {
            return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(
                    der(0x30, VERSION_0, der(0x30, EC_PUBLIC_KEY, sec1Curve(der)), der(0x04, der))));
        }
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : new String[] {"RSA", "EC", "EdDSA"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            }
            catch (GeneralSecurityException e) {
                // try the next
            }
        }
        throw new GeneralSecurityException("not an RSA, EC or EdDSA key in PKCS#8");
    }

    private static KeyManager[] keyManagers(BayEndpoint.Tls tls, String what, String whatKey)
    {
        requireNonNull(tls, "tls is null");
        List<X509Certificate> chain = certificates(tls.certificatePem(), what);
        PrivateKey key = privateKey(tls.privateKeyPem(), whatKey);
        try {
            KeyStore keys = emptyStore();
            keys.setKeyEntry("identity", key, STORE_PASSWORD, chain.toArray(new Certificate[0]));
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(keys, STORE_PASSWORD);
            return factory.getKeyManagers();
        }
        catch (GeneralSecurityException | IOException e) {
            throw new IllegalArgumentException("the " + what + " PEM and the " + whatKey
                    + " PEM cannot be used together: " + e.getMessage(), e);
        }
    }

    private static SSLContext context(KeyManager[] keyManagers, TrustManager[] trustManagers)
    {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers, trustManagers, null);
            return context;
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK offers no TLS context: " + e.getMessage(), e);
        }
    }

    private static KeyStore emptyStore() throws GeneralSecurityException, IOException
    {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        return store;
    }

    /** The named curve's OID (tag, length and value) from a SEC1 ECPrivateKey's {@code [0]} parameters. */
    private static byte[] sec1Curve(byte[] sec1) throws GeneralSecurityException
    {
        int[] sequence = header(sec1, 0);
        if (sequence[0] != 0x30) {
            throw new GeneralSecurityException("it is not a DER SEQUENCE");
        }
        int end = sequence[1] + sequence[2];
        for (int at = sequence[1]; at < end; ) {
            int[] field = header(sec1, at);
            if (field[0] == 0xa0) {
                int[] oid = header(sec1, field[1]);
                if (oid[0] == 0x06) {
                    return Arrays.copyOfRange(sec1, field[1], oid[1] + oid[2]);
                }
                break;
            }
            at = field[1] + field[2];
        }
        throw new GeneralSecurityException("it names no curve (SEC1 parameters missing)");
    }

    /** @return the tag, the offset of the content and its length of the DER element at {@code at} */
    private static int[] header(byte[] der, int at)
    {
        int tag = der[at] & 0xff;
        int length = der[at + 1] & 0xff;
        int content = at + 2;
        if (length >= 0x80) {
            int octets = length & 0x7f;
            if (octets < 1 || octets > 3) {
                throw new IndexOutOfBoundsException("unsupported DER length of " + octets + " octets");
            }
            length = 0;
            for (int i = 0; i < octets; i++) {
                length = length << 8 | der[content++] & 0xff;
            }
        }
        if (content + length > der.length) {
            throw new IndexOutOfBoundsException("DER element runs past the end");
        }
        return new int[] {tag, content, length};
    }

    /** @return the DER element of the tag whose content is the parts, in order */
    private static byte[] der(int tag, byte[]... parts)
    {
        int size = 0;
        for (byte[] part : parts) {
            size += part.length;
        }
        byte[] length;
        if (size < 0x80) {
            length = new byte[] {(byte) size};
        }
        else {
            byte[] n = BigInteger.valueOf(size).toByteArray();
            int skip = n[0] == 0 ? 1 : 0;
            length = new byte[n.length - skip + 1];
            length[0] = (byte) (0x80 | (n.length - skip));
            System.arraycopy(n, skip, length, 1, n.length - skip);
        }
        byte[] out = new byte[1 + length.length + size];
        out[0] = (byte) tag;
        System.arraycopy(length, 0, out, 1, length.length);
        int at = 1 + length.length;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }
}
