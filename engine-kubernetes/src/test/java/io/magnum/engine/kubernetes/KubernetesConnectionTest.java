package io.magnum.engine.kubernetes;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.magnum.local.testing.TestPki;
import io.magnum.spi.BayEndpoint;
import io.magnum.spi.coe.BayHealth;
import io.magnum.spi.coe.CoeConnection;
import io.magnum.spi.coe.CoeException;
import io.magnum.spi.coe.CoeException.Reason;
import io.magnum.spi.coe.Manifest;
import io.magnum.spi.coe.ManifestObjects;
import io.magnum.spi.coe.ObjectKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.magnum.spi.coe.ObjectKind.POD;
import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** TLS, the plain path, reachability, health and the nodes a scale-down removes. */
class KubernetesConnectionTest
{
    private static final String POD_YAML = """
            apiVersion: v1
            kind: Pod
            metadata:
              name: %s
            spec:
              containers:
                - name: c
                  image: busybox
            """;

    private final LocalKubernetes local = new LocalKubernetes();

    @AfterEach
    void close()
    {
        local.close();
    }

    @Test
    void connectDoesNoNetworkIo()
    {
        try (ServerSocket nobody = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            BayEndpoint endpoint = new BayEndpoint("https://127.0.0.1:" + nobody.getLocalPort(), List.of(),
                    Optional.of(local.pki.client(local.ca)));
            try (CoeConnection connection = local.driver.connect(LocalKubernetes.TLS_MODEL, endpoint)) {
                assertThat(connection.manifests()).isPresent();
                assertThat(connection.containers()).isEmpty();
            }
        }
        catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aClientCertificateOfAnotherCaIsATlsError()
    {
        BayEndpoint good = local.tlsBay();
        TestPki.Ca other = local.pki.ca("another-bay-ca");
        // trusts the bay's CA for the server, but presents a certificate another bay's CA signed
        BayEndpoint intruder = new BayEndpoint(good.apiAddress(), good.nodeAddresses(),
                Optional.of(local.pki.client(local.ca, other, "Magnum-Conductor")));
        ManifestObjects objects = local.connect(LocalKubernetes.TLS_MODEL, intruder).manifests().orElseThrow();
        for (ObjectKind kind : ObjectKind.values()) {
            assertThatThrownBy(() -> objects.list(kind)).isInstanceOfSatisfying(CoeException.class, e -> {
                assertThat(e.reason()).isEqualTo(Reason.TLS);
                assertThat(e.getMessage()).contains("TLS handshake");
            });
        }
        assertThatThrownBy(() -> objects.create(POD, Manifest.of(POD_YAML.formatted("x"))))
                .isInstanceOfSatisfying(CoeException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TLS));
        // the bay's own certificate still works on the same endpoint
        assertThat(local.connect(LocalKubernetes.TLS_MODEL, good).manifests().orElseThrow().list(POD)).isEmpty();
    }

    @Test
    void aServerCertificateOfAnotherCaIsATlsError()
    {
        BayEndpoint good = local.tlsBay();
        TestPki.Ca other = local.pki.ca("another-bay-ca");
        // presents a good client certificate, but trusts another CA for the server
        BayEndpoint misled = new BayEndpoint(good.apiAddress(), good.nodeAddresses(),
                Optional.of(new BayEndpoint.Tls(other.certificatePem(), good.tls().orElseThrow().certificatePem(),
                        good.tls().orElseThrow().privateKeyPem())));
        ManifestObjects objects = local.connect(LocalKubernetes.TLS_MODEL, misled).manifests().orElseThrow();
        assertThatThrownBy(() -> objects.get(POD, "x"))
                .isInstanceOfSatisfying(CoeException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TLS));
    }

    /** Through the SPI a TLS endpoint always carries a client certificate; fabric8 alone shows the server's side. */
    @Test
    void noClientCertificateIsATlsError()
    {
        BayEndpoint good = local.tlsBay();
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl(good.apiAddress()).withNamespace("default")
                .withCaCertData(Base64.getEncoder().encodeToString(local.ca.certificatePem().getBytes(US_ASCII)))
                .withRequestRetryBackoffLimit(0).build();
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
            assertThatThrownBy(() -> client.pods().list()).isInstanceOf(RuntimeException.class)
                    .satisfies(e -> assertThat(Failures.translate((RuntimeException) e, "list pods").reason())
                            .isEqualTo(Reason.TLS));
        }
    }

    @Test
    void aTlsDisabledBayGoesOverPlainHttp()
    {
        BayEndpoint plain = local.plainBay();
        assertThat(plain.apiAddress()).startsWith("http://127.0.0.1:");
        ManifestObjects objects = local.connect(LocalKubernetes.PLAIN_MODEL, plain).manifests().orElseThrow();
        assertThat(objects.create(POD, Manifest.of(POD_YAML.formatted("plain"))).status()).contains("Running");
        assertThat(objects.list(POD)).extracting(o -> o.name()).containsExactly("plain");
        assertThat(objects.delete(POD, "plain")).isTrue();
    }

    @Test
    void anEndpointThatIsGoneIsUnreachableAndUnhealthy()
    {
        BayEndpoint endpoint = local.tlsBay();
        CoeConnection connection = local.connect(LocalKubernetes.TLS_MODEL, endpoint);
        assertThat(connection.manifests().orElseThrow().list(POD)).isEmpty();
        local.host.close();  // stops the bay's endpoint: its port is free again
        assertThatThrownBy(() -> connection.manifests().orElseThrow().list(POD))
                .isInstanceOfSatisfying(CoeException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNREACHABLE));
        BayHealth health = connection.health();
        assertThat(health.status()).isEqualTo(BayHealth.Status.UNHEALTHY);
        assertThat(health.reason()).contains("cannot be reached");
        // and a scale-down then cannot tell: the stack decides
        assertThat(local.driver.removableNodes(LocalKubernetes.TLS_MODEL, endpoint, 1)).isEmpty();
    }

    @Test
    void anAddressThatIsNotAUrlIsRefusedAtConnect()
    {
        assertThatThrownBy(() -> local.driver.connect(LocalKubernetes.TLS_MODEL,
                new BayEndpoint("172.24.4.3", List.of(), Optional.empty())))
                .isInstanceOfSatisfying(CoeException.class, e -> assertThat(e.reason()).isEqualTo(Reason.UNREACHABLE));
        assertThatThrownBy(() -> local.driver.connect(LocalKubernetes.TLS_MODEL,
                new BayEndpoint("https://127.0.0.1:6443", List.of(), Optional.of(new BayEndpoint.Tls("not pem",
                        "not pem", "not pem")))))
                .isInstanceOfSatisfying(CoeException.class, e -> assertThat(e.reason()).isEqualTo(Reason.TLS));
    }

    @Test
    void healthIsEveryNodeReady()
    {
        BayEndpoint endpoint = local.tlsBay();
        BayHealth health = local.connect(LocalKubernetes.TLS_MODEL, endpoint).health();
        assertThat(health.status()).isEqualTo(BayHealth.Status.HEALTHY);
        assertThat(health.nodes()).isEqualTo(Map.of("10.0.0.3", "Ready", "10.0.0.4", "Ready", "10.0.0.5", "Ready"));
        assertThat(health.reason()).contains("3 nodes are Ready");
    }

    @Test
    void removableNodesAreTheEmptyOnesFirst()
    {
        BayEndpoint endpoint = local.tlsBay();
        ManifestObjects objects = local.connect(LocalKubernetes.TLS_MODEL, endpoint).manifests().orElseThrow();
        // LocalCloud schedules pods round-robin: 10.0.0.3 gets a and d, 10.0.0.4 gets b, 10.0.0.5 gets c
        for (String name : List.of("a", "b", "c", "d")) {
            objects.create(POD, Manifest.of(POD_YAML.formatted(name)));
        }
        objects.delete(POD, "c");
        assertThat(local.driver.removableNodes(LocalKubernetes.TLS_MODEL, endpoint, 1)).containsExactly("10.0.0.5");
        assertThat(local.driver.removableNodes(LocalKubernetes.TLS_MODEL, endpoint, 2))
                .containsExactly("10.0.0.5", "10.0.0.4");
        assertThat(local.driver.removableNodes(LocalKubernetes.TLS_MODEL, endpoint, 5))
                .containsExactly("10.0.0.5", "10.0.0.4", "10.0.0.3");
        assertThat(local.driver.removableNodes(LocalKubernetes.TLS_MODEL, endpoint, 0)).isEmpty();
        // only the bay's minions are candidates
        BayEndpoint twoMinions = new BayEndpoint(endpoint.apiAddress(), List.of("10.0.0.3", "10.0.0.4"),
                endpoint.tls());
        assertThat(local.driver.removableNodes(LocalKubernetes.TLS_MODEL, twoMinions, 1)).containsExactly("10.0.0.4");
        assertThat(local.driver.removalParameters(LocalKubernetes.TLS_MODEL, List.of("10.0.0.5", "10.0.0.4")))
                .isEqualTo(Map.of("minions_to_remove", "10.0.0.5,10.0.0.4"));
    }

    @Test
    void closedConnectionsAndDriverRefuseNewWork()
    {
        BayEndpoint endpoint = local.tlsBay();
        CoeConnection connection = local.driver.connect(LocalKubernetes.TLS_MODEL, endpoint);
        connection.close();
        connection.close();  // idempotent
        local.driver.close();
        assertThatThrownBy(() -> local.driver.connect(LocalKubernetes.TLS_MODEL, endpoint))
                .isInstanceOfSatisfying(CoeException.class, e -> assertThat(e.reason()).isEqualTo(Reason.FAILED));
        assertThat(URI.create(endpoint.apiAddress()).getPort()).isPositive();
    }
}
