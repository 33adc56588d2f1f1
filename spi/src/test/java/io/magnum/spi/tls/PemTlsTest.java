package io.magnum.spi.tls;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509TrustManager;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

import io.magnum.spi.BayEndpoint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class PemTlsTest
{
    private static final String GARBAGE =
            "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n";

    /** A key pair and its certificate, issued by {@code issuer} (or self-signed). */
    private record Issued(KeyPair keys, String certificatePem, X500Name name)
    {
    }

    @Test
    void readsPkcs8RsaAndEcKeys() throws Exception
    {
        KeyPair rsa = rsa();
        PrivateKey read = PemTls.privateKey(pkcs8(rsa.getPrivate()), "client key");
        assertThat(read).isInstanceOf(RSAPrivateKey.class);
        assertThat(read.getEncoded()).isEqualTo(rsa.getPrivate().getEncoded());

        KeyPair ec = ec();
        read = PemTls.privateKey(pkcs8(ec.getPrivate()), "client key");
        assertThat(read).isInstanceOf(ECPrivateKey.class);
        assertThat(((ECPrivateKey) read).getS()).isEqualTo(((ECPrivateKey) ec.getPrivate()).getS());
    }

    @Test
    void readsPkcs1RsaAndSec1EcKeys() throws Exception
    {
        KeyPair rsa = rsa();
        String pkcs1 = traditional(rsa.getPrivate());
        assertThat(pkcs1).startsWith("-----BEGIN RSA PRIVATE KEY-----");
        PrivateKey read = PemTls.privateKey(pkcs1, "client key");
        assertThat(((RSAPrivateKey) read).getPrivateExponent())
                .isEqualTo(((RSAPrivateKey) rsa.getPrivate()).getPrivateExponent());

        KeyPair ec = ec();
        String sec1 = traditional(ec.getPrivate());
        assertThat(sec1).startsWith("-----BEGIN EC PRIVATE KEY-----");
        // openssl's ecparam -genkey puts the parameters first
        read = PemTls.privateKey("-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n"
                + sec1, "client key");
        assertThat(((ECPrivateKey) read).getS()).isEqualTo(((ECPrivateKey) ec.getPrivate()).getS());
    }

    @Test
    void readsWhatOpensslWrites() throws Exception
    {
        assumeTrue(openssl("version").startsWith("OpenSSL"), "openssl is not installed");
        assertThat(PemTls.privateKey(openssl("genrsa", "-traditional", "2048"), "k")).isInstanceOf(RSAPrivateKey.class);
        assertThat(PemTls.privateKey(openssl("genpkey", "-algorithm", "RSA"), "k")).isInstanceOf(RSAPrivateKey.class);
        assertThat(PemTls.privateKey(openssl("ecparam", "-name", "prime256v1", "-genkey"), "k"))
                .isInstanceOf(ECPrivateKey.class);
        assertThat(PemTls.privateKey(openssl("ecparam", "-name", "secp384r1", "-genkey", "-noout"), "k"))
                .isInstanceOf(ECPrivateKey.class);
        assertThat(PemTls.privateKey(openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"),
                "k")).isInstanceOf(ECPrivateKey.class);
        assertThat(PemTls.privateKey(openssl("genpkey", "-algorithm", "ed25519"), "k").getAlgorithm())
                .isIn("EdDSA", "Ed25519");
    }

    @Test
    void readsAChainInOrderAndTrustsOnlyTheCa() throws Exception
    {
        Issued root = ca("root", null);
        Issued intermediate = ca("intermediate", root);
        Issued leaf = leaf("leaf", intermediate);

        List<X509Certificate> chain = PemTls.certificates(
                "leading text\n" + leaf.certificatePem() + intermediate.certificatePem(), "client certificate");
        assertThat(chain).extracting(c -> c.getSubjectX500Principal().getName())
                .containsExactly("CN=leaf", "CN=intermediate");

        X509TrustManager trust = (X509TrustManager) PemTls.trustManagers(root.certificatePem())[0];
        assertThat(trust.getAcceptedIssuers()).extracting(c -> c.getSubjectX500Principal().getName())
                .containsExactly("CN=root");
    }

    @Test
    void namesThePemThatIsWrong() throws Exception
    {
        Issued ca = ca("bay-ca", null);
        Issued client = leaf("client", ca);
        String key = pkcs8(client.keys().getPrivate());

        assertThatThrownBy(() -> PemTls.clientContext(new BayEndpoint.Tls("garbage", client.certificatePem(), key)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the CA PEM holds no CERTIFICATE");
        assertThatThrownBy(() -> PemTls.clientContext(new BayEndpoint.Tls(ca.certificatePem(), GARBAGE, key)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the client certificate PEM's CERTIFICATE cannot be read");
        assertThatThrownBy(() -> PemTls.serverContext(new BayEndpoint.Tls(ca.certificatePem(),
                client.certificatePem(), client.certificatePem())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the server key PEM holds no unencrypted PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY");
        assertThatThrownBy(() -> PemTls.clientContext(new BayEndpoint.Tls(ca.certificatePem(),
                client.certificatePem(), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the client key PEM's PRIVATE KEY cannot be read");
        assertThatThrownBy(() -> PemTls.privateKey("-----BEGIN RSA PRIVATE KEY-----\nMAA=\n"
                + "-----END RSA PRIVATE KEY-----", "node key"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the node key PEM's RSA PRIVATE KEY cannot be read");
        assertThatThrownBy(() -> PemTls.privateKey("-----BEGIN EC PRIVATE KEY-----\nMAMCAQE=\n"
                + "-----END EC PRIVATE KEY-----", "node key"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("the node key PEM's EC PRIVATE KEY cannot be read");
        // SEC1 without its curve (what BouncyCastle writes for a JDK key) cannot be read by anyone
        String noCurve = pem("EC PRIVATE KEY", PrivateKeyInfo.getInstance(ec().getPrivate().getEncoded())
                .parsePrivateKey().toASN1Primitive().getEncoded());
        assertThatThrownBy(() -> PemTls.privateKey(noCurve, "node key"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("names no curve");
        assertThatThrownBy(() -> PemTls.privateKey("-----BEGIN ENCRYPTED PRIVATE KEY-----\nMAA=\n"
                + "-----END ENCRYPTED PRIVATE KEY-----", "node key"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("the node key PEM holds no");
        assertThatThrownBy(() -> PemTls.trustManagers(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the CA PEM is missing");
    }

    @Test
    void handshakeSucceedsWithTheRightCaAndFailsWithAnother() throws Exception
    {
        Issued ca = ca("bay-ca", null);
        Issued other = ca("other-ca", null);
        Issued server = leaf("server", ca);
        // an EC client with an RSA server, and a PKCS#1 server key
        Issued client = leaf("client", ca);
        SSLContext serverContext = PemTls.serverContext(new BayEndpoint.Tls(ca.certificatePem(),
                server.certificatePem(), traditional(server.keys().getPrivate())));

        BayEndpoint.Tls right = new BayEndpoint.Tls(ca.certificatePem(), client.certificatePem(),
                pkcs8(client.keys().getPrivate()));
        assertThat(handshake(serverContext, PemTls.clientContext(right))).isNull();

        // the client trusts another CA: the server's certificate is refused
        BayEndpoint.Tls wrongCa = new BayEndpoint.Tls(other.certificatePem(), client.certificatePem(),
                pkcs8(client.keys().getPrivate()));
        assertThat(handshake(serverContext, PemTls.clientContext(wrongCa))).isInstanceOf(SSLException.class);

        // the client's certificate comes from another CA: the server refuses it
        Issued stranger = leaf("stranger", other);
        BayEndpoint.Tls foreign = new BayEndpoint.Tls(ca.certificatePem(), stranger.certificatePem(),
                pkcs8(stranger.keys().getPrivate()));
        assertThat(handshake(serverContext, PemTls.clientContext(foreign))).isInstanceOf(IOException.class);
    }

    @Test
    void presentsAChainUpToTheTrustedRoot() throws Exception
    {
        Issued root = ca("root", null);
        Issued intermediate = ca("intermediate", root);
        Issued server = leaf("server", intermediate);
        Issued client = leaf("client", intermediate);
        SSLContext serverContext = PemTls.serverContext(new BayEndpoint.Tls(root.certificatePem(),
                server.certificatePem() + intermediate.certificatePem(), pkcs8(server.keys().getPrivate())));
        SSLContext clientContext = PemTls.clientContext(new BayEndpoint.Tls(root.certificatePem(),
                client.certificatePem() + intermediate.certificatePem(), traditional(client.keys().getPrivate())));
        assertThat(handshake(serverContext, clientContext)).isNull();
    }

    /** @return null when a byte went from server to client over mutual TLS on 127.0.0.1, else the client's error */
    private static Throwable handshake(SSLContext serverContext, SSLContext clientContext) throws Exception
    {
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        try (SSLServerSocket listener = (SSLServerSocket) serverContext.getServerSocketFactory()
                .createServerSocket(0, 1, loopback)) {
            listener.setNeedClientAuth(true);
            CompletableFuture<Void> served = CompletableFuture.runAsync(() -> {
                try (SSLSocket socket = (SSLSocket) listener.accept()) {
                    socket.setSoTimeout(10_000);
                    socket.startHandshake();
                    socket.getOutputStream().write(42);
                    socket.getOutputStream().flush();
                    socket.getInputStream().read();
                }
                catch (IOException e) {
                    // the client sees the failure too
                }
            });
            Throwable failure = catchThrowable(() -> {
                try (SSLSocket socket = (SSLSocket) clientContext.getSocketFactory()
                        .createSocket(loopback, listener.getLocalPort())) {
                    socket.setSoTimeout(10_000);
                    socket.startHandshake();
                    int read = socket.getInputStream().read();
                    if (read != 42) {
                        throw new SSLException("the server sent " + read);
                    }
                }
            });
            served.get(20, TimeUnit.SECONDS);
            return failure;
        }
    }

    /** @return what openssl wrote, or "" when it cannot be run */
    private static String openssl(String... arguments) throws InterruptedException
    {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
            return process.waitFor() == 0 ? out : "";
        }
        catch (IOException e) {
            return "";
        }
    }

    private static KeyPair rsa() throws GeneralSecurityException
    {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return generator.generateKeyPair();
    }

    private static KeyPair ec() throws GeneralSecurityException
    {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    private static Issued ca(String name, Issued issuer) throws Exception
    {
        return issue(name, rsa(), issuer, true);
    }

    /** Servers get RSA keys, everybody else EC. */
    private static Issued leaf(String name, Issued issuer) throws Exception
    {
        return issue(name, name.equals("server") ? rsa() : ec(), issuer, false);
    }

    private static Issued issue(String name, KeyPair keys, Issued issuer, boolean ca)
            throws IOException, GeneralSecurityException, OperatorCreationException
    {
        X500Name subject = new X500Name("CN=" + name);
        Instant now = Instant.now();
        JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(
                issuer == null ? subject : issuer.name(), BigInteger.valueOf(now.toEpochMilli()).shiftLeft(8)
                .add(BigInteger.valueOf(name.hashCode() & 0xff)), Date.from(now.minus(Duration.ofMinutes(5))),
                Date.from(now.plus(Duration.ofDays(1))), subject, keys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        PrivateKey signer = issuer == null ? keys.getPrivate() : issuer.keys().getPrivate();
        String algorithm = signer.getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
        X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder(algorithm).build(signer)));
        return new Issued(keys, pem("CERTIFICATE", certificate.getEncoded()), subject);
    }

    private static String pkcs8(PrivateKey key)
    {
        return pem("PRIVATE KEY", key.getEncoded());
    }

    /** PKCS#1 for RSA, SEC1 with its curve for EC (as {@code openssl genrsa -traditional} and ecparam write). */
    private static String traditional(PrivateKey key) throws IOException
    {
        if (key instanceof ECPrivateKey ec) {
            PrivateKeyInfo info = PrivateKeyInfo.getInstance(ec.getEncoded());
            return pem("EC PRIVATE KEY", new org.bouncycastle.asn1.sec.ECPrivateKey(256, ec.getS(),
                    info.getPrivateKeyAlgorithm().getParameters()).getEncoded());
        }
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(key);
        }
        return out.toString();
    }

    private static String pem(String type, byte[] der)
    {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
