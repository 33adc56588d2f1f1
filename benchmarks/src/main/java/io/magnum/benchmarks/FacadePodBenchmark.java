package io.magnum.benchmarks;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.magnum.Magnum;
import io.magnum.core.MagnumView;
import io.magnum.core.cert.TlsMaterial;
import io.magnum.local.LocalCloud;
import io.magnum.model.Bay;
import io.magnum.model.BayModelSpec;
import io.magnum.model.BaySpec;
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

import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

import static java.nio.charset.StandardCharsets.US_ASCII;

/**
 * {@code pod-create} through the whole facade ({@code magnum.pods().create(bay, yaml)}: input checks, the bay and its
 * policy read from H2, the cached driver connection, the driver's manifest checks, the POST over mutual TLS, the
 * mapping) on one Kubernetes bay of LocalCloud, against the same pod created with a fabric8 client straight at the
 * same endpoint with the same client certificate. The ratio of the two is the facade's overhead per call. Each
 * measured iteration gets a new bay, so both start from an empty store.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
public class FacadePodBenchmark
{
    private LocalCloud cloud;
    private Magnum magnum;
    private String bay;
    private int bays;
    private KubernetesClient fabric8;
    private long n;

    @Setup(Level.Trial)
    public void setUp()
    {
        cloud = LocalCloud.create();
        magnum = Magnum.builder().cloud(cloud).heartbeatInterval(Duration.ofHours(1))
                .syncInterval(Duration.ofMillis(20)).build();
        magnum.bayModels().create(BayModelSpec.builder().name("k8sbaymodel").coe("kubernetes")
                .imageId("fedora-21-atomic-5").keypairId("testkey").externalNetworkId("public")
                .dnsNameserver("8.8.8.8").flavorId("m1.small").networkDriver("flannel").build());
    }

    @Setup(Level.Iteration)
    public void newBay()
    {
        bay = "k8sbay" + bays++;
        Bay created = magnum.bays().create(BaySpec.of(bay, "k8sbaymodel", 1)).await(Duration.ofMinutes(2));
        // the facade's first call opens the bay's connection and starts its API server: outside the measured time
        magnum.pods().list(bay);
        TlsMaterial tls = ((MagnumView) magnum).runtime().certificates().tlsMaterial(created.uuid());
        String address = magnum.bays().get(bay).apiAddress();
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl(address).withNamespace("default")
                .withCaCertData(base64(tls.caPem())).withClientCertData(base64(tls.certificatePem()))
                .withClientKeyData(base64(tls.privateKeyPem())).withClientKeyAlgo("RSA")
                .withRequestRetryBackoffLimit(0).build();
        fabric8 = new KubernetesClientBuilder().withConfig(config).build();
        fabric8.pods().inNamespace("default").list();
    }

    @TearDown(Level.Iteration)
    public void deleteBay()
    {
        fabric8.close();
        magnum.bays().delete(bay).await(Duration.ofMinutes(2));
    }

    @TearDown(Level.Trial)
    public void tearDown()
    {
        magnum.close();
        cloud.close();
    }

    /** {@code magnum pod-create --manifest pod.yaml --bay k8sbayN}, through the facade. */
    @Benchmark
    public io.magnum.model.Pod facadeYaml()
    {
        return magnum.pods().create(bay, """
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
                """.formatted(n++));
    }

    /** The same pod, made with fabric8 directly against the same endpoint. */
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
