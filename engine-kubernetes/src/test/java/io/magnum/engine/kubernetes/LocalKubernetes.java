package io.magnum.engine.kubernetes;

import io.magnum.local.coe.kubernetes.KubernetesHost;
import io.magnum.local.testing.TestPki;
import io.magnum.spi.BayEndpoint;
import io.magnum.spi.BayModelView;
import io.magnum.spi.cloud.CoeHosting.HostedBay;
import io.magnum.spi.coe.CoeConnection;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * A test fixture: LocalCloud's Kubernetes host, a bay CA with its server and client certificates, and the driver.
 * Bays started here are stopped by {@link #close()}.
 */
final class LocalKubernetes implements AutoCloseable
{
    static final List<String> NODES = List.of("10.0.0.3", "10.0.0.4", "10.0.0.5");
    static final BayModelView TLS_MODEL = model(false);
    static final BayModelView PLAIN_MODEL = model(true);

    final TestPki pki = TestPki.ec();
    final TestPki.Ca ca = pki.ca("bay-ca");
    final KubernetesHost host = new KubernetesHost();
    final KubernetesDriver driver = new KubernetesDriver();
    private final List<CoeConnection> connections = new ArrayList<>();

    /** A bay served over TLS; its endpoint carries the bay CA and a client certificate it signed. */
    BayEndpoint tlsBay()
    {
        String address = host.start(new HostedBay(UUID.randomUUID().toString(), "kubernetes",
                "https://172.24.4.3:6443", NODES, Optional.of(pki.server(ca))));
        return new BayEndpoint(address, NODES, Optional.of(pki.client(ca)));
    }

    /** A bay of a tls_disabled baymodel, over plain HTTP. */
    BayEndpoint plainBay()
    {
        String address = host.start(new HostedBay(UUID.randomUUID().toString(), "kubernetes",
                "http://172.24.4.3:8080", NODES, Optional.empty()));
        return new BayEndpoint(address, NODES, Optional.empty());
    }

    /** Connects, and closes the connection with the fixture. */
    CoeConnection connect(BayModelView model, BayEndpoint endpoint)
    {
        CoeConnection connection = driver.connect(model, endpoint);
        connections.add(connection);
        return connection;
    }

    static String resource(String name)
    {
        try (InputStream in = LocalKubernetes.class.getResourceAsStream("/kubernetes-redis/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BayModelView model(boolean tlsDisabled)
    {
        return BayModelView.of("kubernetes", "vm", "fedora-atomic", "fedora-21-atomic-5", "flannel",
                Optional.of(5), tlsDisabled, Map.of());
    }

    @Override
    public void close()
    {
        connections.forEach(CoeConnection::close);
        driver.close();
        host.close();
    }
}
