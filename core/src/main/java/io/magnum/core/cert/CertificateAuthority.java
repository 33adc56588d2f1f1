package io.magnum.core.cert;

import io.magnum.ConflictException;
import io.magnum.ErrorCode;
import io.magnum.InvalidInputException;
import io.magnum.MagnumException;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static java.util.Objects.requireNonNull;

/**
 * The X.509 work of a bay's certificate authority, with BouncyCastle and no storage: makes CAs, issues the
 * conductor's client certificate and signs the CSRs nodes and users send ({@code ca-sign}).
 *
 * <p>Only the JDK's own JCA providers are used; BouncyCastle is never registered as a provider, so the
 * application's security configuration is left alone. Thread-safe.
 */
@Singleton
public final class CertificateAuthority
{
    private static final Logger log = LoggerFactory.getLogger(CertificateAuthority.class);

    /** Magnum's {@code [x509] term_of_validity}. */
    public static final Duration TERM_OF_VALIDITY = Duration.ofDays(1825);
    /** Magnum's {@code [x509] rsa_key_size}. */
    public static final int RSA_KEY_SIZE = 2048;
    /** How far notBefore is put in the past, for clocks of nodes that lag behind ours. */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    /** Nodes' CSRs are about a kilobyte; anything much larger is not a CSR. */
    public static final int MAX_CSR_CHARS = 64 * 1024;

    static final String CSR_FIELD = "csr";
    private static final String SIGNATURE_ALGORITHM = "SHA256withRSA";
    private static final int MAX_RSA_BITS = 8192;
    private static final int MAX_SUBJECT_ALT_NAMES = 256;
    /** X.520's ub-common-name. */
    private static final int MAX_COMMON_NAME = 64;
    private static final Set<ASN1ObjectIdentifier> CURVES = Set.of(SECObjectIdentifiers.secp256r1,
            SECObjectIdentifiers.secp384r1);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;

    @Inject
    public CertificateAuthority(Clock clock)
    {
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Makes a CA: RSA 2048, SHA256withRSA, valid {@link #TERM_OF_VALIDITY}, {@code CA:TRUE} and
     * {@code keyCertSign, cRLSign}, both critical.
     *
     * @param commonName the subject's CN, 1 to 64 characters
     * @return the CA certificate and its private key
     */
    public CaMaterial newCa(String commonName)
    {
        X500Name subject = subjectWithCommonName(commonName);
        KeyPair keys = rsaKeyPair();
        SubjectPublicKeyInfo publicKey = SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded());
        Instant now = now();
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(subject, serial(), notBefore(now),
                Date.from(now.plus(TERM_OF_VALIDITY)), subject, publicKey);
        JcaX509ExtensionUtils utils = extensionUtils();
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(publicKey));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    utils.createAuthorityKeyIdentifier(publicKey));
        }
        catch (CertIOException e) {
            throw internal("cannot encode the CA's extensions", e);
        }
        X509CertificateHolder certificate = builder.build(signer(keys.getPrivate()));
        return new CaMaterial(pem("CERTIFICATE", encoded(certificate)), pem("PRIVATE KEY",
                keys.getPrivate().getEncoded()));
    }

    /**
     * Issues a client certificate with a new RSA 2048 key pair, as the conductor's {@code CN=Magnum-Conductor}.
     *
     * @param ca         the issuing CA
     * @param commonName the subject's CN, 1 to 64 characters
     * @return the certificate and its private key
     */
    public IssuedCertificate issueClient(CaMaterial ca, String commonName)
    {
        requireNonNull(ca, "ca is null");
        X500Name subject = subjectWithCommonName(commonName);
        KeyPair keys = rsaKeyPair();
        SubjectPublicKeyInfo publicKey = SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded());
        String certificate = issue(ca, subject, publicKey, List.of(), true);
        return new IssuedCertificate(certificate, pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
    }

    /**
     * Issues a server certificate with a new RSA 2048 key pair, for an endpoint that serves a bay's COE API on the
     * given names and addresses (LocalCloud's local endpoints).
     *
     * @param ca         the issuing CA
     * @param commonName the subject's CN, 1 to 64 characters
     * @param dnsNames   DNS subject alternative names
     * @param addresses  IP subject alternative names
     * @return the certificate and its private key
     */
    public IssuedCertificate issueServer(CaMaterial ca, String commonName, List<String> dnsNames,
            List<String> addresses)
    {
        requireNonNull(ca, "ca is null");
        X500Name subject = subjectWithCommonName(commonName);
        KeyPair keys = rsaKeyPair();
        SubjectPublicKeyInfo publicKey = SubjectPublicKeyInfo.getInstance(keys.getPublic().getEncoded());
        List<GeneralName> altNames = new java.util.ArrayList<>();
        dnsNames.forEach(name -> altNames.add(new GeneralName(GeneralName.dNSName, name)));
        addresses.forEach(address -> altNames.add(new GeneralName(GeneralName.iPAddress, address)));
        String certificate = issue(ca, subject, publicKey, altNames, true);
        return new IssuedCertificate(certificate, pem("PRIVATE KEY", keys.getPrivate().getEncoded()));
    }

    /**
     * Signs a certificate signing request ({@code ca-sign}). The request must be a PEM {@code CERTIFICATE REQUEST}
     * (PKCS#10) whose signature verifies, with an RSA key of at least 2048 bits or an EC key on P-256 or P-384, and
     * a subject with a CN; it must not ask for {@code CA:TRUE}, {@code keyCertSign} or {@code cRLSign}.
     *
     * <p>The certificate keeps the requested subject and the requested DNS and IP subject alternative names
     * (other names are dropped), and gets {@code CA:FALSE}, key usage {@code digitalSignature, keyEncipherment}
     * ({@code digitalSignature} alone for EC keys, which cannot encipher), extended key usage {@code clientAuth,
     * serverAuth} (nodes use it as their server certificate too), a random 159-bit serial, notBefore five minutes
     * ago and notAfter {@link #TERM_OF_VALIDITY} from now or the CA's own end, whichever is first.
     *
     * @param ca     the issuing CA
     * @param csrPem the request
     * @return the certificate, PEM
     * @throws InvalidInputException (field {@code csr}) for any malformed, unverifiable or disallowed request
     * @throws ConflictException     if the CA has expired
     */
    public String sign(CaMaterial ca, String csrPem)
    {
        requireNonNull(ca, "ca is null");
        Csr csr = parseCsr(csrPem);
        return issue(ca, csr.subject(), csr.publicKey(), csr.subjectAltNames(),
                csr.publicKey().getAlgorithm().getAlgorithm().equals(PKCSObjectIdentifiers.rsaEncryption));
    }

    /**
     * @param certificatePem a PEM certificate
     * @return the first CN of its subject, if it is readable and has one
     */
    public static Optional<String> commonName(String certificatePem)
    {
        try {
            RDN[] names = new X509CertificateHolder(readPem(certificatePem, "CERTIFICATE")).getSubject()
                    .getRDNs(BCStyle.CN);
            if (names.length == 0 || !(names[0].getFirst().getValue() instanceof ASN1String)) {
                return Optional.empty();
            }
            return Optional.of(((ASN1String) names[0].getFirst().getValue()).getString());
        }
        catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private record Csr(X500Name subject, SubjectPublicKeyInfo publicKey, List<GeneralName> subjectAltNames)
    {
    }

    private static Csr parseCsr(String csrPem)
    {
        if (csrPem == null || csrPem.isBlank()) {
            throw invalidCsr("a certificate signing request (PEM) is required");
        }
        if (csrPem.length() > MAX_CSR_CHARS) {
            throw invalidCsr("the CSR is too large (" + csrPem.length() + " characters, at most " + MAX_CSR_CHARS
                    + ")");
        }
        PemObject pem;
        try (PemReader reader = new PemReader(new StringReader(csrPem))) {
            pem = reader.readPemObject();
        }
        catch (IOException | RuntimeException e) {
            log.debug("Unreadable CSR PEM", e);
            throw invalidCsr("the CSR is not valid PEM");
        }
        if (pem == null) {
            throw invalidCsr("the CSR is not PEM: expected -----BEGIN CERTIFICATE REQUEST-----");
        }
        if (!pem.getType().equals("CERTIFICATE REQUEST") && !pem.getType().equals("NEW CERTIFICATE REQUEST")) {
            throw invalidCsr("expected a PEM CERTIFICATE REQUEST, not " + printable(pem.getType()));
        }
        try {
            return checkCsr(new PKCS10CertificationRequest(pem.getContent()));
        }
        catch (InvalidInputException e) {
            throw e;
        }
        catch (IOException | RuntimeException e) {
            // malformed DER surfaces from BouncyCastle as many exception types; none may escape raw
            log.debug("Malformed CSR", e);
            throw invalidCsr("the CSR is not a well-formed PKCS#10 certificate request");
        }
    }

    private static Csr checkCsr(PKCS10CertificationRequest csr)
            throws IOException
    {
        SubjectPublicKeyInfo publicKey = csr.getSubjectPublicKeyInfo();
        String keyAlgorithm = checkKey(publicKey);
        boolean verified;
        try {
            // converted here: BouncyCastle would ask the JDK for a key factory by OID, which the JDK lacks for EC
            PublicKey key = KeyFactory.getInstance(keyAlgorithm)
                    .generatePublic(new X509EncodedKeySpec(publicKey.getEncoded()));
            verified = csr.isSignatureValid(new JcaContentVerifierProviderBuilder().build(key));
        }
        catch (Exception e) {
            log.debug("CSR signature not verifiable", e);
            throw invalidCsr("the CSR's signature cannot be verified (unsupported or malformed signature)");
        }
        if (!verified) {
            throw invalidCsr("the CSR's signature does not verify");
        }

        X500Name subject = csr.getSubject();
        RDN[] commonNames = subject.getRDNs(BCStyle.CN);
        if (commonNames.length == 0 || commonNames[0].getFirst() == null
                || !(commonNames[0].getFirst().getValue() instanceof ASN1String)
                || IETFUtils.valueToString(commonNames[0].getFirst().getValue()).isBlank()) {
            throw invalidCsr("the CSR's subject must have a common name (CN)");
        }

        List<GeneralName> altNames = new ArrayList<>();
        for (Attribute attribute : csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)) {
            for (ASN1Encodable value : attribute.getAttrValues()) {
                Extensions extensions = Extensions.getInstance(value);
                BasicConstraints constraints = BasicConstraints.fromExtensions(extensions);
                if (constraints != null && constraints.isCA()) {
                    throw invalidCsr("the CSR asks for a CA certificate (basicConstraints CA:TRUE), which is not "
                            + "allowed");
                }
                KeyUsage usage = KeyUsage.fromExtensions(extensions);
                if (usage != null && (usage.hasUsages(KeyUsage.keyCertSign) || usage.hasUsages(KeyUsage.cRLSign))) {
                    throw invalidCsr("the CSR asks for key usage keyCertSign or cRLSign, which is not allowed");
                }
                GeneralNames names = GeneralNames.fromExtensions(extensions, Extension.subjectAlternativeName);
                if (names != null) {
                    for (GeneralName name : names.getNames()) {
                        if (isDnsName(name) || isIpAddress(name)) {
                            altNames.add(name);
                        }
                    }
                }
            }
        }
        if (altNames.size() > MAX_SUBJECT_ALT_NAMES) {
            throw invalidCsr("the CSR asks for " + altNames.size() + " subject alternative names, at most "
                    + MAX_SUBJECT_ALT_NAMES + " are allowed");
        }
        return new Csr(subject, publicKey, List.copyOf(altNames));
    }

    /** @return the key's JCA algorithm name */
    private static String checkKey(SubjectPublicKeyInfo publicKey)
            throws IOException
    {
        ASN1ObjectIdentifier algorithm = publicKey.getAlgorithm().getAlgorithm();
        if (algorithm.equals(PKCSObjectIdentifiers.rsaEncryption)) {
            RSAPublicKey rsa = RSAPublicKey.getInstance(publicKey.parsePublicKey());
            int bits = rsa.getModulus().bitLength();
            if (bits < RSA_KEY_SIZE) {
                throw invalidCsr("the CSR's RSA key has " + bits + " bits; at least " + RSA_KEY_SIZE + " are required");
            }
            if (bits > MAX_RSA_BITS) {
                throw invalidCsr("the CSR's RSA key has " + bits + " bits; at most " + MAX_RSA_BITS + " are allowed");
            }
            BigInteger exponent = rsa.getPublicExponent();
            if (exponent.compareTo(BigInteger.valueOf(3)) < 0 || !exponent.testBit(0) || exponent.bitLength() > 64) {
                throw invalidCsr("the CSR's RSA key has an invalid public exponent");
            }
            return "RSA";
        }
        else if (algorithm.equals(X9ObjectIdentifiers.id_ecPublicKey)) {
            ASN1Encodable curve = publicKey.getAlgorithm().getParameters();
            if (!(curve instanceof ASN1ObjectIdentifier) || !CURVES.contains(curve)) {
                throw invalidCsr("the CSR's EC key must be on the named curve P-256 or P-384");
            }
            return "EC";
        }
        else {
            throw invalidCsr("the CSR's key must be RSA (at least " + RSA_KEY_SIZE
                    + " bits) or EC on P-256 or P-384");
        }
    }

    private static boolean isDnsName(GeneralName name)
    {
        return name.getTagNo() == GeneralName.dNSName && name.getName() instanceof ASN1String;
    }

    private static boolean isIpAddress(GeneralName name)
    {
        if (name.getTagNo() != GeneralName.iPAddress || !(name.getName() instanceof ASN1OctetString)) {
            return false;
        }
        int length = ((ASN1OctetString) name.getName()).getOctets().length;
        return length == 4 || length == 16;
    }

    private String issue(CaMaterial ca, X500Name subject, SubjectPublicKeyInfo publicKey, List<GeneralName> altNames,
            boolean keyEncipherment)
    {
        X509CertificateHolder caCertificate = readCaCertificate(ca.certificatePem());
        PrivateKey caKey = readCaKey(ca.privateKeyPem());
        Instant now = now();
        Instant caEnd = caCertificate.getNotAfter().toInstant();
        if (!caEnd.isAfter(now)) {
            throw new ConflictException("The bay's CA expired at " + caEnd + "; rotate the bay's certificates");
        }
        Instant notAfter = now.plus(TERM_OF_VALIDITY);
        if (caEnd.isBefore(notAfter)) {
            notAfter = caEnd;
        }
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(caCertificate.getSubject(), serial(),
                notBefore(now), Date.from(notAfter), subject, publicKey);
        JcaX509ExtensionUtils utils = extensionUtils();
        SubjectKeyIdentifier caKeyId = SubjectKeyIdentifier.fromExtensions(caCertificate.getExtensions());
        AuthorityKeyIdentifier authorityKeyId = caKeyId != null
                ? new AuthorityKeyIdentifier(caKeyId.getKeyIdentifier())
                : utils.createAuthorityKeyIdentifier(caCertificate.getSubjectPublicKeyInfo());
        int usage = keyEncipherment ? KeyUsage.digitalSignature | KeyUsage.keyEncipherment : KeyUsage.digitalSignature;
        try {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                    new KeyPurposeId[] {KeyPurposeId.id_kp_clientAuth, KeyPurposeId.id_kp_serverAuth}));
            if (!altNames.isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(altNames.toArray(GeneralName[]::new)));
            }
            builder.addExtension(Extension.authorityKeyIdentifier, false, authorityKeyId);
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(publicKey));
        }
        catch (CertIOException e) {
            throw internal("cannot encode the certificate's extensions", e);
        }
        return pem("CERTIFICATE", encoded(builder.build(signer(caKey))));
    }

    private Instant now()
    {
        // X.509 times have whole seconds
        return clock.instant().truncatedTo(ChronoUnit.SECONDS);
    }

    private static Date notBefore(Instant now)
    {
        return Date.from(now.minus(CLOCK_SKEW));
    }

    private static BigInteger serial()
    {
        // positive and at most 159 bits, so its DER form fits RFC 5280's 20 octets
        BigInteger serial;
        do {
            serial = new BigInteger(159, RANDOM);
        }
        while (serial.signum() == 0);
        return serial;
    }

    private static X500Name subjectWithCommonName(String commonName)
    {
        requireNonNull(commonName, "commonName is null");
        if (commonName.isBlank() || commonName.length() > MAX_COMMON_NAME) {
            throw new IllegalArgumentException("a common name must have 1 to " + MAX_COMMON_NAME
                    + " characters: " + commonName);
        }
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
    }

    private static KeyPair rsaKeyPair()
    {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(RSA_KEY_SIZE, RANDOM);
            return generator.generateKeyPair();
        }
        catch (NoSuchAlgorithmException e) {
            throw internal("RSA is not available", e);
        }
    }

    private static ContentSigner signer(PrivateKey key)
    {
        try {
            return new JcaContentSignerBuilder(SIGNATURE_ALGORITHM).build(key);
        }
        catch (OperatorCreationException e) {
            throw internal("cannot sign with " + SIGNATURE_ALGORITHM, e);
        }
    }

    private static JcaX509ExtensionUtils extensionUtils()
    {
        try {
            return new JcaX509ExtensionUtils();
        }
        catch (NoSuchAlgorithmException e) {
            throw internal("SHA-1 (for key identifiers) is not available", e);
        }
    }

    private static X509CertificateHolder readCaCertificate(String pem)
    {
        try {
            return new X509CertificateHolder(readPem(pem, "CERTIFICATE"));
        }
        catch (IOException | RuntimeException e) {
            throw internal("the CA certificate is unreadable", e);
        }
    }

    private static PrivateKey readCaKey(String pem)
    {
        try {
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(readPem(pem, "PRIVATE KEY")));
        }
        catch (IOException | GeneralSecurityException | RuntimeException e) {
            // never put the key, or parts of it, in the message
            throw internal("the CA private key is unreadable", null);
        }
    }

    private static byte[] readPem(String pem, String type)
            throws IOException
    {
        try (PemReader reader = new PemReader(new StringReader(pem))) {
            PemObject object = reader.readPemObject();
            if (object == null || !object.getType().equals(type)) {
                throw new IOException("not a PEM " + type);
            }
            return object.getContent();
        }
    }

    static String pem(String type, byte[] der)
    {
        StringWriter out = new StringWriter();
        try (PemWriter writer = new PemWriter(out)) {
            writer.writeObject(new PemObject(type, der));
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private static byte[] encoded(X509CertificateHolder certificate)
    {
        try {
            return certificate.getEncoded();
        }
        catch (IOException e) {
            throw internal("cannot encode a certificate", e);
        }
    }

    private static String printable(String type)
    {
        String shown = type.length() > 40 ? type.substring(0, 40) + "..." : type;
        return "'" + shown.replaceAll("[^A-Za-z0-9 ._-]", "?") + "'";
    }

    private static InvalidInputException invalidCsr(String reason)
    {
        return InvalidInputException.of(CSR_FIELD, reason);
    }

    private static MagnumException internal(String message, Throwable cause)
    {
        return new MagnumException(ErrorCode.INTERNAL, message, cause);
    }
}
