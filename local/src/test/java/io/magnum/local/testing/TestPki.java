package io.magnum.local.testing;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.util.io.pem.PemObject;

import io.magnum.spi.BayEndpoint;

/**
 * Certificates for tests: a bay CA, a server certificate for 127.0.0.1 and localhost, client certificates. Keys
 * are EC P-256 (fast to make) unless asked for RSA 2048 (what magnum4j issues). BouncyCastle builds the
 * certificates; it is never registered as a JCA provider. Shipped in magnum-local's test jar for the engines'
 * tests.
 */
public final class TestPki
{
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * A certificate authority.
     *
     * @param name           its CN
     * @param keys           its key pair
     * @param certificatePem its certificate
     */
    public record Ca(String name, KeyPair keys, String certificatePem)
    {
        @Override
        public String toString()
        {
            return "Ca[" + name + "]";
        }
    }

    private final boolean rsa;

    private TestPki(boolean rsa)
    {
        this.rsa = rsa;
    }

    /** @return certificates with EC P-256 keys */
    public static TestPki ec()
    {
        return new TestPki(false);
    }

    /** @return certificates with RSA 2048 keys, as magnum4j's own CAs make */
    public static TestPki rsa()
    {
        return new TestPki(true);
    }

    /**
     * @param name the CA's CN
     * @return a new self-signed CA
     */
    public Ca ca(String name)
    {
        KeyPair keys = keyPair();
        X500Name subject = new X500Name("CN=" + name);
        try {
            X509v3CertificateBuilder builder = builder(subject, subject, keys);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            return new Ca(name, keys, pem("CERTIFICATE", sign(builder, keys).getEncoded()));
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param ca the issuer
     * @return the material a LocalCloud endpoint serves: the CA, a server certificate for 127.0.0.1 and localhost
     */
    public BayEndpoint.Tls server(Ca ca)
    {
        KeyPair keys = keyPair();
        try {
            X509v3CertificateBuilder builder = builder(new X500Name("CN=" + ca.name()), new X500Name("CN=127.0.0.1"),
                    keys);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                    new GeneralName(GeneralName.dNSName, "localhost")}));
            String certificate = pem("CERTIFICATE", sign(builder, ca.keys()).getEncoded());
            return new BayEndpoint.Tls(ca.certificatePem(), certificate, pem("PRIVATE KEY",
                    keys.getPrivate().getEncoded()));
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param trusted the CA the client trusts for the server's certificate
     * @param issuer  the CA that signs the client certificate
     * @param name    the client's CN
     * @return the material a client presents
     */
    public BayEndpoint.Tls client(Ca trusted, Ca issuer, String name)
    {
        KeyPair keys = keyPair();
        try {
            X509v3CertificateBuilder builder = builder(new X500Name("CN=" + issuer.name()),
                    new X500Name("CN=" + name), keys);
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
            String certificate = pem("CERTIFICATE", sign(builder, issuer.keys()).getEncoded());
            return new BayEndpoint.Tls(trusted.certificatePem(), certificate, pem("PRIVATE KEY",
                    keys.getPrivate().getEncoded()));
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param ca the bay's CA, trusted and issuing
     * @return a client certificate for the conductor
     */
    public BayEndpoint.Tls client(Ca ca)
    {
        return client(ca, ca, "Magnum-Conductor");
    }

    private KeyPair keyPair()
    {
        try {
            if (rsa) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048, RANDOM);
                return generator.generateKeyPair();
            }
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        }
        catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, KeyPair keys)
    {
        Instant now = Instant.now();
        return new JcaX509v3CertificateBuilder(issuer, new BigInteger(64, RANDOM).add(BigInteger.ONE),
                Date.from(now.minus(Duration.ofMinutes(5))), Date.from(now.plus(Duration.ofDays(1))), subject,
                keys.getPublic());
    }

    private static X509CertificateHolder sign(X509v3CertificateBuilder builder, KeyPair issuer)
    {
        String algorithm = issuer.getPrivate().getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        try {
            return builder.build(new JcaContentSignerBuilder(algorithm).build(issuer.getPrivate()));
        }
        catch (OperatorCreationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der)
    {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(new PemObject(type, der));
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }
}
