package io.magnum.core.cert;

import io.magnum.ConflictException;
import io.magnum.InvalidInputException;
import io.magnum.spi.FieldViolation;
import org.bouncycastle.asn1.DERIA5String;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import javax.security.auth.x500.X500Principal;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import static io.magnum.core.cert.CertTesting.certificate;
import static io.magnum.core.cert.CertTesting.csr;
import static io.magnum.core.cert.CertTesting.ec;
import static io.magnum.core.cert.CertTesting.pem;
import static io.magnum.core.cert.CertTesting.privateKey;
import static io.magnum.core.cert.CertTesting.rsa;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

class CertificateAuthorityTest
{
    private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    private static final String BASIC_CONSTRAINTS = "2.5.29.19";
    private static final String KEY_USAGE = "2.5.29.15";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    // key usage bits as X509Certificate#getKeyUsage numbers them
    private static final int DIGITAL_SIGNATURE = 0;
    private static final int KEY_ENCIPHERMENT = 2;
    private static final int KEY_CERT_SIGN = 5;
    private static final int CRL_SIGN = 6;

    private static final KeyPair NODE_KEYS = rsa(2048);
    private static final CertificateAuthority AUTHORITY = new CertificateAuthority(Clock.fixed(NOW, ZoneOffset.UTC));
    private static final CaMaterial CA = AUTHORITY.newCa("k8s-bay");

    @Test
    void caIsAsMagnumMakesIt()
            throws Exception
    {
        X509Certificate ca = certificate(CA.certificatePem());

        assertThat(ca.getSubjectX500Principal().getName()).isEqualTo("CN=k8s-bay");
        assertThat(ca.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
        assertThat(ca.getSigAlgName()).isEqualTo("SHA256withRSA");
        assertThat(((RSAPublicKey) ca.getPublicKey()).getModulus().bitLength()).isEqualTo(2048);
        assertThat(ca.getNotBefore().toInstant()).isEqualTo(NOW.minus(Duration.ofMinutes(5)));
        assertThat(ca.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(1825)));
        assertThat(ca.getBasicConstraints()).isEqualTo(Integer.MAX_VALUE);   // CA:TRUE, no path length
        assertThat(ca.getCriticalExtensionOIDs()).containsExactlyInAnyOrder(BASIC_CONSTRAINTS, KEY_USAGE);
        assertThat(usages(ca)).containsExactlyInAnyOrder(KEY_CERT_SIGN, CRL_SIGN);
        assertThat(ca.getExtensionValue(Extension.subjectKeyIdentifier.getId())).isNotNull();
        ca.verify(ca.getPublicKey());
        assertThat(matches(privateKey(CA.privateKeyPem(), "RSA"), ca)).isTrue();
        assertThat(CA.privateKeyPem()).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(CA.toString()).doesNotContain("PRIVATE");
    }

    @Test
    void conductorCertificateIsAClientCertificateOfTheCa()
            throws Exception
    {
        X509Certificate ca = certificate(CA.certificatePem());
        IssuedCertificate issued = AUTHORITY.issueClient(CA, "Magnum-Conductor");
        X509Certificate client = certificate(issued.certificatePem());

        client.verify(ca.getPublicKey());
        assertThat(client.getSubjectX500Principal().getName()).isEqualTo("CN=Magnum-Conductor");
        assertThat(client.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
        assertThat(client.getBasicConstraints()).isEqualTo(-1);
        assertThat(usages(client)).containsExactlyInAnyOrder(DIGITAL_SIGNATURE, KEY_ENCIPHERMENT);
        assertThat(client.getExtendedKeyUsage()).containsExactlyInAnyOrder(CLIENT_AUTH, SERVER_AUTH);
        assertThat(client.getCriticalExtensionOIDs()).containsExactlyInAnyOrder(BASIC_CONSTRAINTS, KEY_USAGE);
        assertThat(authorityKeyId(client)).isEqualTo(subjectKeyId(ca));
        assertThat(matches(privateKey(issued.privateKeyPem(), "RSA"), client)).isTrue();
        assertThat(((RSAPublicKey) client.getPublicKey()).getModulus().bitLength()).isEqualTo(2048);
    }

    @Test
    void signedCertificateIsAsSpecified()
            throws Exception
    {
        X509Certificate ca = certificate(CA.certificatePem());
        PKCS10CertificationRequest request = csr("O=nodes,CN=node-1", NODE_KEYS);
        X509Certificate node = certificate(AUTHORITY.sign(CA, pem(request)));

        node.verify(ca.getPublicKey());
        assertThat(node.getSubjectX500Principal()).isEqualTo(new X500Principal(request.getSubject().getEncoded()));
        assertThat(node.getPublicKey()).isEqualTo(NODE_KEYS.getPublic());
        assertThat(node.getBasicConstraints()).isEqualTo(-1);
        assertThat(node.getCriticalExtensionOIDs()).containsExactlyInAnyOrder(BASIC_CONSTRAINTS, KEY_USAGE);
        assertThat(usages(node)).containsExactlyInAnyOrder(DIGITAL_SIGNATURE, KEY_ENCIPHERMENT);
        assertThat(node.getExtendedKeyUsage()).containsExactlyInAnyOrder(CLIENT_AUTH, SERVER_AUTH);
        assertThat(node.getSubjectAlternativeNames()).isNull();
        assertThat(authorityKeyId(node)).isEqualTo(subjectKeyId(ca));
        assertThat(node.getNotBefore().toInstant()).isEqualTo(NOW.minus(Duration.ofMinutes(5)));
        assertThat(node.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(1825)));
        assertThat(node.getSerialNumber().signum()).isPositive();
        assertThat(node.getSerialNumber().bitLength()).isLessThanOrEqualTo(159);
    }

    @Test
    void serialsAreRandom()
    {
        String csr = pem(csr("CN=node-1", NODE_KEYS));
        BigInteger first = certificate(AUTHORITY.sign(CA, csr)).getSerialNumber();
        BigInteger second = certificate(AUTHORITY.sign(CA, csr)).getSerialNumber();
        assertThat(first).isNotEqualTo(second);
        assertThat(first.bitLength()).isGreaterThan(100);
    }

    @Test
    void validityEndsWithTheCa()
    {
        Instant later = NOW.plus(Duration.ofDays(1000));
        CertificateAuthority laterAuthority = new CertificateAuthority(Clock.fixed(later, ZoneOffset.UTC));

        X509Certificate node = certificate(laterAuthority.sign(CA, pem(csr("CN=node-1", NODE_KEYS))));
        assertThat(node.getNotBefore().toInstant()).isEqualTo(later.minus(Duration.ofMinutes(5)));
        assertThat(node.getNotAfter()).isEqualTo(certificate(CA.certificatePem()).getNotAfter());
    }

    @Test
    void expiredCaSignsNothing()
    {
        CertificateAuthority afterExpiry = new CertificateAuthority(
                Clock.fixed(NOW.plus(Duration.ofDays(1826)), ZoneOffset.UTC));
        assertThatThrownBy(() -> afterExpiry.sign(CA, pem(csr("CN=node-1", NODE_KEYS))))
                .isInstanceOf(ConflictException.class).hasMessageContaining("expired");
    }

    @Test
    void dnsAndIpAltNamesAreCopiedOthersDropped()
            throws Exception
    {
        GeneralNames names = new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.dNSName, "node-1.example"),
                new GeneralName(GeneralName.iPAddress, "10.0.0.3"),
                new GeneralName(GeneralName.iPAddress, "fd00::3"),
                new GeneralName(GeneralName.rfc822Name, "root@example.com"),
                new GeneralName(GeneralName.uniformResourceIdentifier, "spiffe://cluster/ns/default"),
        });
        X509Certificate node = certificate(AUTHORITY.sign(CA, pem(csr("CN=node-1", NODE_KEYS,
                new Extension(Extension.subjectAlternativeName, false, names.getEncoded())))));

        assertThat(node.getSubjectAlternativeNames()).containsExactlyInAnyOrder(
                List.of(GeneralName.dNSName, "node-1.example"),
                List.of(GeneralName.iPAddress, "10.0.0.3"),
                List.of(GeneralName.iPAddress, "fd00:0:0:0:0:0:0:3"));
    }

    @Test
    void ecKeysOnP256AndP384AreSigned()
            throws Exception
    {
        for (String curve : List.of("secp256r1", "secp384r1")) {
            KeyPair keys = ec(curve);
            X509Certificate node = certificate(AUTHORITY.sign(CA, pem(csr("CN=node-ec", keys))));
            node.verify(certificate(CA.certificatePem()).getPublicKey());
            assertThat(node.getPublicKey()).isEqualTo(keys.getPublic());
            // an EC key cannot encipher: digitalSignature alone
            assertThat(usages(node)).containsExactly(DIGITAL_SIGNATURE);
            assertThat(node.getExtendedKeyUsage()).containsExactlyInAnyOrder(CLIENT_AUTH, SERVER_AUTH);
        }
    }

    @Test
    void harmlessRequestedExtensionsAreIgnored()
            throws Exception
    {
        X509Certificate node = certificate(AUTHORITY.sign(CA, pem(csr("CN=node-1", NODE_KEYS,
                new Extension(Extension.basicConstraints, true, new BasicConstraints(false).getEncoded()),
                new Extension(Extension.keyUsage, true,
                        new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation).getEncoded())))));
        assertThat(usages(node)).containsExactlyInAnyOrder(DIGITAL_SIGNATURE, KEY_ENCIPHERMENT);
    }

    static Stream<Arguments> hostileCsrs()
            throws Exception
    {
        String valid = pem(csr("CN=node-1", NODE_KEYS));
        String body = valid.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        byte[] der = Base64.getDecoder().decode(body);
        PKCS10CertificationRequest otherSigner = csr("CN=node-1", NODE_KEYS, rsa(2048));
        byte[] flipped = der.clone();
        flipped[flipped.length - 10] ^= 0x55;   // inside the signature
        String megabyte = "-----BEGIN CERTIFICATE REQUEST-----\n" + "A".repeat(1024 * 1024)
                + "\n-----END CERTIFICATE REQUEST-----\n";
        return Stream.of(
                Arguments.of("null", null, "is required"),
                Arguments.of("blank", "  \n", "is required"),
                Arguments.of("not PEM", "hello, I am a CSR", "not PEM"),
                Arguments.of("bare base64", body, "not PEM"),
                Arguments.of("wrong PEM type", CA.certificatePem(), "expected a PEM CERTIFICATE REQUEST, not 'CERTIFICATE'"),
                Arguments.of("a private key", CA.privateKeyPem(), "not 'PRIVATE KEY'"),
                Arguments.of("unknown PEM type", "-----BEGIN X<script>-----\nAAAA\n-----END X<script>-----\n",
                        "expected a PEM CERTIFICATE REQUEST"),
                Arguments.of("mismatched END", valid.replace("END CERTIFICATE REQUEST", "END CERTIFICATE"),
                        "not valid PEM"),
                Arguments.of("garbage DER", CertificateAuthority.pem("CERTIFICATE REQUEST", "garbage!".getBytes()),
                        "not a well-formed PKCS#10"),
                Arguments.of("truncated DER", CertificateAuthority.pem("CERTIFICATE REQUEST",
                        Arrays.copyOf(der, der.length / 2)), "not a well-formed PKCS#10"),
                Arguments.of("empty DER", CertificateAuthority.pem("CERTIFICATE REQUEST", new byte[0]),
                        "not a well-formed PKCS#10"),
                Arguments.of("a certificate labelled as a CSR", CertificateAuthority.pem("CERTIFICATE REQUEST",
                        certificate(CA.certificatePem()).getEncoded()), "not a well-formed PKCS#10"),
                Arguments.of("bad base64", "-----BEGIN CERTIFICATE REQUEST-----\n!!!!$$$$\n"
                        + "-----END CERTIFICATE REQUEST-----\n", "not valid PEM"),
                Arguments.of("no END line", "-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n", "not valid PEM"),
                Arguments.of("corrupted signature", CertificateAuthority.pem("CERTIFICATE REQUEST", flipped),
                        "signature does not verify"),
                Arguments.of("signed by another key", pem(otherSigner), "signature does not verify"),
                Arguments.of("RSA 1024", pem(csr("CN=node-1", rsa(1024))), "RSA key has 1024 bits; at least 2048"),
                Arguments.of("EC P-521", pem(csr("CN=node-1", ec("secp521r1"))), "P-256 or P-384"),
                Arguments.of("CA:TRUE", pem(csr("CN=evil-ca", NODE_KEYS,
                        new Extension(Extension.basicConstraints, true, new BasicConstraints(true).getEncoded()))),
                        "asks for a CA certificate"),
                Arguments.of("keyCertSign", pem(csr("CN=evil-ca", NODE_KEYS,
                        new Extension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign).getEncoded()))),
                        "keyCertSign"),
                Arguments.of("cRLSign", pem(csr("CN=evil-ca", NODE_KEYS,
                        new Extension(Extension.keyUsage, true, new KeyUsage(KeyUsage.cRLSign).getEncoded()))),
                        "cRLSign"),
                Arguments.of("no CN", pem(csr("O=nodes,OU=no-cn", NODE_KEYS)), "common name (CN)"),
                Arguments.of("empty subject", pem(csr("", NODE_KEYS)), "common name (CN)"),
                Arguments.of("blank CN", pem(csr("CN= ", NODE_KEYS)), "common name (CN)"),
                Arguments.of("malformed SAN", pem(csr("CN=node-1", NODE_KEYS,
                        new Extension(Extension.subjectAlternativeName, false,
                                new DEROctetString(new byte[] {1, 2, 3}).getEncoded()))), "not a well-formed PKCS#10"),
                Arguments.of("too many SANs", pem(csr("CN=node-1", NODE_KEYS,
                        new Extension(Extension.subjectAlternativeName, false, manyNames(300).getEncoded()))),
                        "at most 256"),
                Arguments.of("a megabyte", megabyte, "too large"),
                Arguments.of("a megabyte of anything", "x".repeat(1024 * 1024), "too large"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileCsrs")
    void hostileCsrsAreRefusedAsInvalidInput(String what, String csr, String reason)
    {
        Throwable thrown = catchThrowable(() -> AUTHORITY.sign(CA, csr));

        assertThat(thrown).as(what).isExactlyInstanceOf(InvalidInputException.class);
        List<FieldViolation> violations = ((InvalidInputException) thrown).violations();
        assertThat(violations).hasSize(1);
        assertThat(violations.get(0).field()).isEqualTo("csr");
        assertThat(violations.get(0).message()).as(what).contains(reason);
        assertThat(thrown.getMessage()).hasSizeLessThan(200);   // never echoes the blob
    }

    @Test
    void badCommonNamesForOurOwnCertificatesAreProgrammerErrors()
    {
        assertThatThrownBy(() -> AUTHORITY.newCa("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AUTHORITY.newCa("x".repeat(65))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void commonNameOfACertificate()
    {
        assertThat(CertificateAuthority.commonName(CA.certificatePem())).contains("k8s-bay");
        assertThat(CertificateAuthority.commonName("junk")).isEmpty();
    }

    private static GeneralNames manyNames(int count)
    {
        GeneralName[] names = new GeneralName[count];
        for (int i = 0; i < count; i++) {
            names[i] = new GeneralName(GeneralName.dNSName, new DERIA5String("node-" + i));
        }
        return new GeneralNames(names);
    }

    private static List<Integer> usages(X509Certificate certificate)
    {
        boolean[] bits = certificate.getKeyUsage();
        assertThat(bits).as("key usage").isNotNull();
        return java.util.stream.IntStream.range(0, bits.length).filter(i -> bits[i]).boxed().toList();
    }

    private static byte[] subjectKeyId(X509Certificate certificate)
    {
        byte[] value = certificate.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        return SubjectKeyIdentifier.getInstance(DEROctetString.getInstance(value).getOctets()).getKeyIdentifier();
    }

    private static byte[] authorityKeyId(X509Certificate certificate)
    {
        byte[] value = certificate.getExtensionValue(Extension.authorityKeyIdentifier.getId());
        return AuthorityKeyIdentifier.getInstance(DEROctetString.getInstance(value).getOctets()).getKeyIdentifier();
    }

    static boolean matches(PrivateKey key, X509Certificate certificate)
            throws Exception
    {
        Signature signer = Signature.getInstance("SHA256withRSA");
        signer.initSign(key);
        signer.update(new byte[] {1, 2, 3});
        byte[] signature = signer.sign();
        Signature verifier = Signature.getInstance("SHA256withRSA");
        verifier.initVerify(certificate.getPublicKey());
        verifier.update(new byte[] {1, 2, 3});
        return verifier.verify(signature);
    }
}
