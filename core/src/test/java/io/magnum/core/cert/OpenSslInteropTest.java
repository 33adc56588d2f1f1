package io.magnum.core.cert;

import io.magnum.InvalidInputException;
import io.magnum.core.cert.CertTesting.Run;
import io.magnum.core.store.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.UUID;

import static io.magnum.core.cert.CertTesting.openssl;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** The real openssl binary accepts what we issue, and what it requests we sign (or refuse, as invalid input). */
class OpenSslInteropTest
{
    @TempDir
    Path dir;

    private final String bay = UUID.randomUUID().toString();
    private Database database;
    private CertificateService certificates;

    @BeforeEach
    void open()
    {
        database = CertTesting.openDatabase();
        // openssl checks validity against the real time
        certificates = new CertificateService(database, KeyCipher.forDatabase(null, null), Clock.systemUTC());
        certificates.createForBay(bay, "k8s-bay", "project-a", "alice");
    }

    @AfterEach
    void close()
    {
        if (database != null) {
            database.close();
        }
    }

    @Test
    void opensslVerifiesTheConductorCertificateAgainstTheBayCa()
    {
        TlsMaterial tls = certificates.tlsMaterial(bay);
        write("ca.pem", certificates.caPem(bay));
        write("client.pem", tls.certificatePem());
        write("client.key", tls.privateKeyPem());

        assertVerifies("ca.pem", "client.pem");
        assertOk(openssl(dir, "verify", "-purpose", "sslclient", "-CAfile", "ca.pem", "client.pem"));
        // the key is the certificate's
        Run certificateKey = assertOk(openssl(dir, "x509", "-in", "client.pem", "-noout", "-pubkey"));
        Run privateKey = assertOk(openssl(dir, "pkey", "-in", "client.key", "-pubout"));
        assertThat(privateKey.output()).isEqualTo(certificateKey.output());

        Run ca = assertOk(openssl(dir, "x509", "-in", "ca.pem", "-noout", "-text"));
        assertThat(ca.output()).contains("Subject: CN = k8s-bay", "CA:TRUE", "Certificate Sign, CRL Sign",
                "Public-Key: (2048 bit)", "sha256WithRSAEncryption");
    }

    @Test
    void opensslCsrIsSignedAndVerifies()
    {
        assertOk(openssl(dir, "req", "-new", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=node-1",
                "-keyout", "k.pem", "-out", "csr.pem"));
        write("ca.pem", certificates.caPem(bay));
        write("node.pem", certificates.sign(bay, read("csr.pem")));

        assertVerifies("ca.pem", "node.pem");
        assertOk(openssl(dir, "verify", "-purpose", "sslserver", "-CAfile", "ca.pem", "node.pem"));
        assertOk(openssl(dir, "verify", "-purpose", "sslclient", "-CAfile", "ca.pem", "node.pem"));
        Run text = assertOk(openssl(dir, "x509", "-in", "node.pem", "-noout", "-text"));
        assertThat(text.output()).contains("Subject: CN = node-1", "CA:FALSE",
                "Digital Signature, Key Encipherment", "TLS Web Client Authentication, TLS Web Server Authentication",
                "X509v3 Authority Key Identifier");
    }

    @Test
    void opensslCsrWithSubjectAltNamesKeepsThem()
    {
        assertOk(openssl(dir, "req", "-new", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=node-1",
                "-addext", "subjectAltName=DNS:node-1,IP:10.0.0.3,email:root@example.com",
                "-keyout", "k.pem", "-out", "csr.pem"));
        write("ca.pem", certificates.caPem(bay));
        write("node.pem", certificates.sign(bay, read("csr.pem")));

        assertVerifies("ca.pem", "node.pem");
        Run text = assertOk(openssl(dir, "x509", "-in", "node.pem", "-noout", "-text"));
        assertThat(text.output()).contains("X509v3 Subject Alternative Name", "DNS:node-1", "IP Address:10.0.0.3")
                .doesNotContain("root@example.com");
        assertOk(openssl(dir, "verify", "-CAfile", "ca.pem", "-verify_hostname", "node-1", "node.pem"));
        assertOk(openssl(dir, "verify", "-CAfile", "ca.pem", "-verify_ip", "10.0.0.3", "node.pem"));
    }

    @Test
    void opensslEcP256CsrIsSignedAndVerifies()
    {
        assertOk(openssl(dir, "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-subj", "/CN=node-ec", "-keyout", "k.pem", "-out", "csr.pem"));
        write("ca.pem", certificates.caPem(bay));
        write("node.pem", certificates.sign(bay, read("csr.pem")));

        assertVerifies("ca.pem", "node.pem");
        Run text = assertOk(openssl(dir, "x509", "-in", "node.pem", "-noout", "-text"));
        assertThat(text.output()).contains("ASN1 OID: prime256v1", "Digital Signature");
    }

    @Test
    void opensslCsrsAskingForTooMuchAreRefused()
    {
        assertRefused("rsa:1024", "/CN=node-1", null, "at least 2048");
        assertRefused("rsa:2048", "/CN=evil", "basicConstraints=critical,CA:TRUE", "CA certificate");
        assertRefused("rsa:2048", "/CN=evil", "keyUsage=critical,keyCertSign", "keyCertSign");
        assertRefused("rsa:2048", "/O=no-cn", null, "common name");
        assertRefused("ed25519", "/CN=node-1", null, "RSA");
    }

    @Test
    void rotationMakesOldCertificatesFailAndNewOnesPass()
    {
        assertOk(openssl(dir, "req", "-new", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=node-1",
                "-keyout", "k.pem", "-out", "csr.pem"));
        write("old-ca.pem", certificates.caPem(bay));
        write("old-node.pem", certificates.sign(bay, read("csr.pem")));
        write("old-client.pem", certificates.tlsMaterial(bay).certificatePem());
        assertVerifies("old-ca.pem", "old-node.pem");

        certificates.rotate(bay);

        write("new-ca.pem", certificates.caPem(bay));
        write("new-node.pem", certificates.sign(bay, read("csr.pem")));
        write("new-client.pem", certificates.tlsMaterial(bay).certificatePem());
        assertThat(read("new-ca.pem")).isNotEqualTo(read("old-ca.pem"));

        assertFails("new-ca.pem", "old-node.pem");
        assertFails("new-ca.pem", "old-client.pem");
        assertFails("old-ca.pem", "new-node.pem");
        assertVerifies("new-ca.pem", "new-node.pem");
        assertVerifies("new-ca.pem", "new-client.pem");
    }

    private void assertRefused(String newKey, String subject, String extension, String reason)
    {
        String name = "refused-" + UUID.randomUUID();
        Run generated = extension == null
                ? openssl(dir, "req", "-new", "-newkey", newKey, "-nodes", "-subj", subject, "-keyout", name + ".key",
                        "-out", name + ".csr")
                : openssl(dir, "req", "-new", "-newkey", newKey, "-nodes", "-subj", subject, "-addext", extension,
                        "-keyout", name + ".key", "-out", name + ".csr");
        assertOk(generated);
        Throwable thrown = catchThrowable(() -> certificates.sign(bay, read(name + ".csr")));
        assertThat(thrown).as(newKey + " " + subject + " " + extension).isExactlyInstanceOf(InvalidInputException.class)
                .hasMessageContaining(reason);
        assertThat(((InvalidInputException) thrown).violations().get(0).field()).isEqualTo("csr");
    }

    private void assertVerifies(String ca, String certificate)
    {
        Run run = openssl(dir, "verify", "-CAfile", ca, certificate);
        assertThat(run.exitCode()).as(run.output()).isZero();
        assertThat(run.output()).contains(certificate + ": OK");
    }

    private void assertFails(String ca, String certificate)
    {
        Run run = openssl(dir, "verify", "-CAfile", ca, certificate);
        assertThat(run.exitCode()).as(run.output()).isNotZero();
        assertThat(run.output()).doesNotContain(certificate + ": OK");
    }

    private static Run assertOk(Run run)
    {
        assertThat(run.exitCode()).as(run.output()).isZero();
        return run;
    }

    private void write(String name, String content)
    {
        try {
            Files.writeString(dir.resolve(name), content, StandardCharsets.US_ASCII);
        }
        catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private String read(String name)
    {
        try {
            return Files.readString(dir.resolve(name), StandardCharsets.US_ASCII);
        }
        catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
