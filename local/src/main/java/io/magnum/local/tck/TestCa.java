package io.magnum.local.tck;

import io.magnum.spi.BayEndpoint;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

import static java.util.Objects.requireNonNull;

/**
 * A bay's certificate authority for tests, shaped as magnum4j's own: RSA 2048, SHA256withRSA, a self-signed CA
 * ({@code CA:TRUE}, {@code keyCertSign}), and leaf certificates it signs with {@code clientAuth} and
 * {@code serverAuth}. The server certificate names {@code 127.0.0.1} and {@code localhost}, where LocalCloud serves
 * bays' COE APIs.
 *
 * <pre>{@code
 * TestCa ca = TestCa.create("k8sbay");
 * HostedBay hosted = new HostedBay(uuid, "kubernetes", apiAddress, nodes, Optional.of(ca.serverTls()));
 * BayEndpoint endpoint = new BayEndpoint(address, nodes, Optional.of(ca.clientTls()));
 * }</pre>
 *
 * <p>Thread-safe. Key pairs come from two small pools the JVM shares, one for CAs and one for certificates, so a
 * test class making dozens of bays does not spend its time generating RSA keys; a CA never shares its key with the
 * CAs made just before and after it, nor with a certificate.
 */
public final class TestCa
{
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration VALIDITY = Duration.ofDays(30);
    private static final Duration SKEW = Duration.ofMinutes(5);
    private static final KeyPool CA_KEYS = new KeyPool(8);
    private static final KeyPool LEAF_KEYS = new KeyPool(8);

    private final X509CertificateHolder certificate;
    private final PrivateKey key;
    private final String pem;

    private TestCa(X509CertificateHolder certificate, PrivateKey key)
    {
        this.certificate = certificate;
        this.key = key;
        this.pem = pem("CERTIFICATE", encoded(certificate));
    }

    /**
     * Makes a CA.
     *
     * @param commonName the CA's CN, such as the bay's name
     * @return the CA
     */
    public static TestCa create(String commonName)
    {
        X500Name subject = name(requireNonNull(commonName, "commonName is null"));
        KeyPair keys = CA_KEYS.next();
        SubjectPublicKeyInfo publicKey = SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded());
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(subject, serial(), Date.from(now.minus(SKEW)),
                Date.from(now.plus(VALIDITY)), subject, publicKey);
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(publicKey));
        }
        catch (CertIOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a CA certificate", e);
        }
        return new TestCa(builder.build(signer(keys.getPrivate())), keys.getPrivate());
    }

    /** @return the CA certificate, PEM */
    public String caPem()
    {
        return pem;
    }

    /**
     * A server certificate for this machine ({@code 127.0.0.1}, {@code localhost}) with its key: what a LocalCloud
     * COE host serves a bay with.
     *
     * @return the CA, the server certificate and its key, PEM
     */
    public BayEndpoint.Tls serverTls()
    {
        return issue("127.0.0.1", true);
    }

    /**
     * A client certificate ({@code CN=Magnum-Conductor}, as magnum4j's conductor has) with its key.
     *
     * @return the CA, the client certificate and its key, PEM
     */
    public BayEndpoint.Tls clientTls()
    {
        return issue("Magnum-Conductor", false);
    }

    private BayEndpoint.Tls issue(String commonName, boolean server)
    {
        KeyPair keys = LEAF_KEYS.next();
        SubjectPublicKeyInfo publicKey = SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded());
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(certificate.getSubject(), serial(),
                Date.from(now.minus(SKEW)), Date.from(now.plus(VALIDITY)), name(commonName), publicKey);
        try {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                    new KeyPurposeId[] {KeyPurposeId.id_kp_clientAuth, KeyPurposeId.id_kp_serverAuth}));
            if (server) {
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                        new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                        new GeneralName(GeneralName.dNSName, "localhost")}));
            }
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    utils.createAuthorityKeyIdentifier(certificate.getSubjectPublicKeyInfo()));
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(publicKey));
        }
        catch (CertIOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a certificate", e);
        }
        return new BayEndpoint.Tls(pem, pem("CERTIFICATE", encoded(builder.build(signer(key)))),
                pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
    }

    @Override
    public String toString()
    {
        return "TestCa[" + certificate.getSubject() + "]";
    }

    private static X500Name name(String commonName)
    {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
    }

    private static KeyPair rsa()
    {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048, RANDOM);
            return generator.generateKeyPair();
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is not available", e);
        }
    }

    /** RSA key pairs made on first use, then handed out in turn. */
    private static final class KeyPool
    {
        private final KeyPair[] keys;
        private int next;

        KeyPool(int size)
        {
            this.keys = new KeyPair[size];
        }

        synchronized KeyPair next()
        {
            int slot = next;
            next = (next + 1) % keys.length;
            if (keys[slot] == null) {
                keys[slot] = rsa();
            }
            return keys[slot];
        }
    }

    private static org.bouncycastle.operator.ContentSigner signer(PrivateKey key)
    {
        try {
            return new JcaContentSignerBuilder("SHA256withRSA").build(key);
        }
        catch (OperatorCreationException e) {
            throw new IllegalStateException("cannot sign with SHA256withRSA", e);
        }
    }

    private static BigInteger serial()
    {
        return new BigInteger(159, RANDOM).setBit(0);
    }

    private static byte[] encoded(X509CertificateHolder holder)
    {
        try {
            return holder.getEncoded();
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String pem(String type, byte[] der)
    {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
