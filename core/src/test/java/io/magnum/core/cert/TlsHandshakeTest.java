package io.magnum.core.cert;

import io.magnum.core.store.Database;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.net.InetAddress;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Clock;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static io.magnum.core.cert.CertTesting.certificate;
import static io.magnum.core.cert.CertTesting.csr;
import static io.magnum.core.cert.CertTesting.pem;
import static io.magnum.core.cert.CertTesting.privateKey;
import static io.magnum.core.cert.CertTesting.rsa;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What a driver does with {@link TlsMaterial}: mutual TLS, with JDK's own PKIX checks (extended key usage,
 * subject alternative names), to a "COE" whose server certificate a node got through {@code ca-sign}.
 */
class TlsHandshakeTest
{
    private static final char[] PASSWORD = "changeit".toCharArray();

    private final String bay = UUID.randomUUID().toString();
    private final ExecutorService executor = Executors.newSingleThreadExecutor();
    private Database database;
    private CertificateService certificates;

    @BeforeEach
    void open()
    {
        database = CertTesting.openDatabase();
        certificates = new CertificateService(database, KeyCipher.forDatabase(null, null), Clock.systemUTC());
        certificates.createForBay(bay, "k8s-bay", "p", "u");
    }

    @AfterEach
    void close()
    {
        executor.shutdownNow();
        if (database != null) {
            database.close();
        }
    }

    @Test
    void conductorAndNodeCompleteAMutualTlsHandshake()
            throws Exception
    {
        Node node = node();
        TlsMaterial tls = certificates.tlsMaterial(bay);

        try (SSLServerSocket server = serverSocket(node)) {
            Future<String> clientSeen = executor.submit(() -> {
                try (SSLSocket accepted = (SSLSocket) server.accept()) {
                    accepted.startHandshake();
                    int read = accepted.getInputStream().read();
                    accepted.getOutputStream().write(read + 1);
                    return accepted.getSession().getPeerPrincipal().getName();
                }
            });
            try (SSLSocket client = clientSocket(tls.caPem(), tls.certificatePem(), tls.privateKeyPem(), server)) {
                client.getOutputStream().write(41);
                assertThat(client.getInputStream().read()).isEqualTo(42);
            }
            assertThat(clientSeen.get(30, TimeUnit.SECONDS)).isEqualTo("CN=Magnum-Conductor");
        }
    }

    @Test
    void afterRotationTheOldNodeCertificateIsNotTrusted()
            throws Exception
    {
        Node oldNode = node();
        certificates.rotate(bay);
        TlsMaterial tls = certificates.tlsMaterial(bay);

        try (SSLServerSocket server = serverSocket(oldNode)) {
            executor.submit(() -> {
                try (SSLSocket accepted = (SSLSocket) server.accept()) {
                    accepted.startHandshake();
                }
                return null;
            });
            assertThatThrownBy(() -> {
                try (SSLSocket client = clientSocket(tls.caPem(), tls.certificatePem(), tls.privateKeyPem(), server)) {
                    client.startHandshake();
                }
            }).isInstanceOf(SSLException.class).hasStackTraceContaining("PKIX");
        }
    }

    /** A node's server key pair and the certificate it got through ca-sign, for 127.0.0.1. */
    private record Node(KeyPair keys, String certificatePem, String caPem)
    {
    }

    private Node node()
            throws Exception
    {
        KeyPair keys = rsa(2048);
        GeneralNames names = new GeneralNames(new GeneralName[] {
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"), new GeneralName(GeneralName.dNSName, "localhost")});
        String certificate = certificates.sign(bay, pem(csr("CN=kube-apiserver", keys,
                new Extension(Extension.subjectAlternativeName, false, names.getEncoded()))));
        return new Node(keys, certificate, certificates.caPem(bay));
    }

    private static SSLServerSocket serverSocket(Node node)
            throws Exception
    {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(null, null);
        keyStore.setKeyEntry("node", node.keys().getPrivate(), PASSWORD,
                new Certificate[] {certificate(node.certificatePem())});
        SSLContext context = context(keyStore, node.caPem());
        SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getLoopbackAddress());
        server.setNeedClientAuth(true);
        server.setSoTimeout(30_000);
        return server;
    }

    private static SSLSocket clientSocket(String caPem, String certificatePem, String privateKeyPem,
            SSLServerSocket server)
            throws Exception
    {
        KeyStore keyStore = KeyStore.getInstance("PKCS12");
        keyStore.load(null, null);
        keyStore.setKeyEntry("conductor", privateKey(privateKeyPem, "RSA"), PASSWORD,
                new Certificate[] {certificate(certificatePem)});
        SSLSocket socket = (SSLSocket) context(keyStore, caPem).getSocketFactory()
                .createSocket(InetAddress.getLoopbackAddress(), server.getLocalPort());
        socket.setSoTimeout(30_000);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS");   // the node certificate must name 127.0.0.1
        socket.setSSLParameters(parameters);
        return socket;
    }

    private static SSLContext context(KeyStore keyStore, String caPem)
            throws Exception
    {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore, PASSWORD);
        KeyStore trustStore = KeyStore.getInstance("PKCS12");
        trustStore.load(null, null);
        trustStore.setCertificateEntry("bay-ca", certificate(caPem));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trustStore);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }
}
