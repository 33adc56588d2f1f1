package io.magnum.benchmarks;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.magnum.engine.kubernetes.KubernetesDriver;
import io.magnum.local.coe.kubernetes.KubernetesHost;
import io.magnum.local.testing.TestPki;
import io.magnum.spi.BayEndpoint;
import io.magnum.spi.BayModelView;
import io.magnum.spi.cloud.CoeHosting.HostedBay;
import io.magnum.spi.coe.CoeConnection;
import io.magnum.spi.coe.CoeObject;
import io.magnum.spi.coe.Manifest;
import io.magnum.spi.coe.ManifestObjects;
import io.magnum.spi.coe.ObjectKind;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static java.nio.charset.StandardCharsets.US_ASCII;

/**
 * Pods created per second on one Kubernetes bay served by LocalCloud (fabric8's CRUD mock server behind the
 * client-certificate TLS front), through the Kubernetes driver's {@link ManifestObjects} from a YAML or a JSON
 * manifest, against the same create made directly with a fabric8 client (a typed {@link Pod}, the same mutual TLS)
 * on the same endpoint. Each measured iteration gets a new bay, so every iteration starts with an empty store (the
 * mock server's create scans all it stores); the bay's API server is started and both clients are connected before
 * the iteration begins.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 15, time = 1)
@Measurement(iterations = 5, time = 1)
public class KubernetesPodBenchmark
{
    private static final BayModelView MODEL = BayModelView.of("kubernetes", "vm", "fedora-atomic",
            "fedora-21-atomic-5", "flannel", Optional.of(5), false, Map.of());
    private static final List<String> NODES = List.of("10.0.0.3", "10.0.0.4");

    private TestPki pki;
    private TestPki.Ca ca;
    private BayEndpoint.Tls server;
    private BayEndpoint.Tls client;
    private KubernetesHost host;
    private KubernetesDriver driver;

    private String bay;
    private CoeConnection connection;
    private ManifestObjects pods;
    private KubernetesClient fabric8;
    private long n;

    @Setup(Level.Trial)
    public void setUp()
    {
        pki = TestPki.rsa();
        ca = pki.ca("bench-bay-ca");
        server = pki.server(ca);
        client = pki.client(ca);
        host = new KubernetesHost();
        driver = new KubernetesDriver();
    }

    @Setup(Level.Iteration)
    public void newBay()
    {
        bay = UUID.randomUUID().toString();
        String address = host.start(new HostedBay(bay, "kubernetes", "https://172.24.4.3:6443", NODES,
                Optional.of(server)));
        connection = driver.connect(MODEL, new BayEndpoint(address, NODES, Optional.of(client)));
        pods = connection.manifests().orElseThrow();
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl(address).withNamespace("default")
                .withCaCertData(base64(client.caPem())).withClientCertData(base64(client.certificatePem()))
                .withClientKeyData(base64(client.privateKeyPem())).withClientKeyAlgo("RSA")
                .withRequestRetryBackoffLimit(0).build();
        fabric8 = new KubernetesClientBuilder().withConfig(config).build();
        // outside the measured time: the bay's API server starts, both clients connect and shake hands
        pods.list(ObjectKind.POD);
        fabric8.pods().inNamespace("default").list();
    }

    @TearDown(Level.Iteration)
    public void stopBay()
    {
        fabric8.close();
        connection.close();
        host.stop(bay);
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        driver.close();
        host.close();
    }

    /** {@code pod-create} through the driver, from a YAML manifest (parse, check, convert, POST, map the answer). */
    @Benchmark
    public CoeObject driverYaml()
    {
        return pods.create(ObjectKind.POD, Manifest.of("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: pod-%d
                  labels:
                    app: bench
                spec:
                  containers:
                    - name: web
                      image: nginx:1.9
                """.formatted(n++)));
    }

    /** The same through the driver, from a JSON manifest. */
    @Benchmark
    public CoeObject driverJson()
    {
        return pods.create(ObjectKind.POD, Manifest.of("""
                {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "pod-%d", "labels": {"app": "bench"}},
                 "spec": {"containers": [{"name": "web", "image": "nginx:1.9"}]}}""".formatted(n++)));
    }

    /** The same pod created directly with fabric8 (a typed object, no manifest to read, no mapping). */
    @Benchmark
    public Pod fabric8Direct()
    {
        Pod pod = new PodBuilder().withNewMetadata().withName("pod-" + n++).addToLabels("app", "bench").endMetadata()
                .withNewSpec().addNewContainer().withName("web").withImage("nginx:1.9").endContainer().endSpec()
                .build();
        return fabric8.pods().inNamespace("default").resource(pod).create();
    }

    private static String base64(String pem)
    {
        return Base64.getEncoder().encodeToString(pem.getBytes(US_ASCII));
    }
}
