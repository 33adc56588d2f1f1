package io.magnum.core.cert;

import io.magnum.core.bootstrap.MagnumConfig;
import io.magnum.core.store.Database;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** Shared material of the certificate tests: a fresh in-memory database, PEM and CSR helpers, the openssl binary. */
final class CertTesting
{
    private CertTesting()
    {
    }

    /**
     * A fresh in-memory H2 database with the schema. The config is built by component name, so components the
     * lead adds to {@link MagnumConfig} later (null, false, 1 or empty here) do not break these tests.
     */
    static Database openDatabase()
    {
        try {
            RecordComponent[] components = MagnumConfig.class.getRecordComponents();
            Object[] values = new Object[components.length];
            Class<?>[] types = new Class<?>[components.length];
            for (int i = 0; i < components.length; i++) {
                Class<?> type = components[i].getType();
                types[i] = type;
                if (components[i].getName().equals("jdbcUrl")) {
                    values[i] = "jdbc:h2:mem:cert-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
                }
                else if (type == boolean.class) {
                    values[i] = false;
                }
                else if (type == List.class) {
                    values[i] = List.of();
                }
                else if (type == java.util.Set.class) {
                    values[i] = java.util.Set.of();
                }
                else if (type == Map.class) {
                    values[i] = Map.of();
                }
                else if (type == int.class) {
                    values[i] = 1;
                }
                else if (type == long.class) {
                    values[i] = 1L;
                }
                else if (type.isPrimitive()) {
                    throw new IllegalStateException("no test value for " + components[i]);
                }
            }
            MagnumConfig config = MagnumConfig.class.getDeclaredConstructor(types).newInstance(values);
            return Database.open(config);
        }
        catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    static X509Certificate certificate(String pem)
    {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        }
        catch (Exception e) {
            throw new AssertionError("not a certificate: " + e, e);
        }
    }

    static PrivateKey privateKey(String pem, String algorithm)
    {
        try {
            String base64 = pem.replaceAll("-----(BEGIN|END) PRIVATE KEY-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder()
                    .decode(base64)));
        }
        catch (Exception e) {
            throw new AssertionError("not a PKCS#8 " + algorithm + " key: " + e, e);
        }
    }

    static KeyPair rsa(int bits)
    {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(bits);
            return generator.generateKeyPair();
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyPair ec(String curve)
    {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(curve));
            return generator.generateKeyPair();
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A CSR for {@code subject} signed by {@code signer}'s private key, with optional requested extensions. */
    static PKCS10CertificationRequest csr(String subject, KeyPair keys, KeyPair signer, Extension... extensions)
    {
        try {
            JcaPKCS10CertificationRequestBuilder builder = new JcaPKCS10CertificationRequestBuilder(
                    new X500Name(subject), keys.getPublic());
            if (extensions.length > 0) {
                ExtensionsGenerator generator = new ExtensionsGenerator();
                for (Extension extension : extensions) {
                    generator.addExtension(extension);
                }
                Extensions requested = generator.generate();
                builder.addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, requested);
            }
            String algorithm = signer.getPrivate().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
            return builder.build(new JcaContentSignerBuilder(algorithm).build(signer.getPrivate()));
        }
        catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static PKCS10CertificationRequest csr(String subject, KeyPair keys, Extension... extensions)
    {
        return csr(subject, keys, keys, extensions);
    }

    static String pem(PKCS10CertificationRequest csr)
    {
        try {
            return CertificateAuthority.pem("CERTIFICATE REQUEST", csr.getEncoded());
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The result of running openssl: exit code and merged output. */
    record Run(int exitCode, String output)
    {
    }

    static String openssl()
    {
        for (String candidate : List.of("/usr/bin/openssl", "/usr/local/bin/openssl", "/opt/homebrew/bin/openssl")) {
            if (Files.isExecutable(Path.of(candidate))) {
                return candidate;
            }
        }
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                Path candidate = Path.of(dir, "openssl");
                if (Files.isExecutable(candidate)) {
                    return candidate.toString();
                }
            }
        }
        throw new AssertionError("these tests need the openssl binary; install it (apt-get install openssl)");
    }

    static Run openssl(Path dir, String... arguments)
    {
        List<String> command = new ArrayList<>();
        command.add(openssl());
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("openssl did not finish: " + command);
            }
            return new Run(process.exitValue(), output);
        }
        catch (IOException e) {
            throw new AssertionError("cannot run " + command + ": " + e, e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
