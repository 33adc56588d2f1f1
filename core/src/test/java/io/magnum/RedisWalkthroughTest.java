package io.magnum;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.magnum.core.MagnumView;
import io.magnum.local.LocalCloud;
import io.magnum.model.Bay;
import io.magnum.model.BaySpec;
import io.magnum.model.CoeService;
import io.magnum.model.Pod;
import io.magnum.model.ReplicationController;
import io.magnum.spi.BayEndpoint;
import io.magnum.spi.CoeDriver;
import io.magnum.spi.DriverKey;
import io.magnum.spi.coe.CoeConnection;
import io.magnum.spi.coe.CoeException;
import io.magnum.spi.coe.ObjectKind;

import static io.magnum.Fixtures.seedSpec;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The seed's section 4.2 through the facade: the replicated redis example on a Kubernetes bay, over mutual TLS with
 * the bay's certificates to the bay's Kubernetes API (LocalCloud's, on 127.0.0.1).
 */
class RedisWalkthroughTest
{
    private static final Duration WAIT = Duration.ofSeconds(120);

    private LocalCloud cloud;
    private Magnum magnum;

    @BeforeEach
    void k8sbay()
    {
        cloud = LocalCloud.create();
        magnum = Magnum.builder().cloud(cloud).heartbeatInterval(Duration.ofHours(1)).syncInterval(Duration.ofMillis(50))
                .build();
        magnum.bayModels().create(seedSpec().build());
        Bay bay = magnum.bays().create(BaySpec.of("k8sbay", "k8sbaymodel", 1)).await(WAIT);
        assertThat(bay.apiAddress()).startsWith("https://127.0.0.1:");
    }

    @AfterEach
    void close()
    {
        magnum.close();
        cloud.close();
    }

    static String manifest(String file)
    {
        try (InputStream in = RedisWalkthroughTest.class.getResourceAsStream("/redis/" + file)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** What the seed's sed does to the controllers. */
    static String twoReplicas(String manifest)
    {
        return manifest.replaceAll("(replicas: )1\\b", "$12");
    }

    @Test
    void theReplicatedRedisExample()
    {
        Pod master = magnum.pods().create("k8sbay", manifest("redis-master.yaml"));
        assertThat(master.name()).isEqualTo("redis-master");
        assertThat(master.labels()).containsEntry("name", "redis");
        assertThat(master.images()).as("one per container, as Magnum lists them").containsExactly("kubernetes/redis:v2", "kubernetes/redis:v2");
        CoeService sentinel = magnum.services().create("k8sbay", manifest("redis-sentinel-service.yaml"));
        assertThat(sentinel.name()).isEqualTo("redis-sentinel");
        assertThat(sentinel.ports()).extracting(p -> p.port()).containsExactly(26379);
        assertThat(sentinel.ip()).isPresent();
        ReplicationController redis = magnum.replicationControllers().create("k8sbay",
                twoReplicas(manifest("redis-controller.yaml")));
        ReplicationController sentinels = magnum.replicationControllers().create("k8sbay",
                twoReplicas(manifest("redis-sentinel-controller.yaml")));
        assertThat(redis.replicas()).isEqualTo(2);
        assertThat(sentinels.replicas()).isEqualTo(2);

        // the controllers' pods: redis adopted redis-master (its selector, name=redis, matches it) and made one more;
        // the sentinels made two (redis-master matches their selector too, but it already has a controller)
        assertThat(magnum.pods().list("k8sbay")).extracting(Pod::name).hasSize(4).contains("redis-master")
                .filteredOn(name -> name.matches("redis-sentinel-[a-z0-9]{5}")).hasSize(2);
        assertThat(magnum.pods().list("k8sbay")).allSatisfy(pod -> {
            assertThat(pod.status()).contains("Running");
            assertThat(pod.host()).isPresent();
        });
        assertThat(magnum.services().list("k8sbay")).extracting(CoeService::name).contains("redis-sentinel");
        assertThat(magnum.replicationControllers().list("k8sbay")).extracting(ReplicationController::name)
                .containsExactlyInAnyOrder("redis", "redis-sentinel");
        Pod shown = magnum.pods().get("k8sbay", "redis-master");
        assertThat(shown.uuid()).isEqualTo(master.uuid());
        assertThat(shown.status()).contains("Running");
        assertThat(shown.host()).as("scheduled on the bay's node")
                .hasValueSatisfying(h -> assertThat(magnum.bays().get("k8sbay").nodeAddresses()).contains(h));
        assertThat(magnum.replicationControllers().scale("k8sbay", "redis", 3).replicas()).isEqualTo(3);
        assertThat(magnum.pods().list("k8sbay")).extracting(Pod::name).hasSize(5)
                .filteredOn(name -> name.matches("redis-[a-z0-9]{5}")).hasSize(2);

        // the redis controller replaces the deleted master with a pod of its own template
        magnum.pods().delete("k8sbay", "redis-master");
        assertThat(magnum.pods().find("k8sbay", "redis-master")).isEmpty();
        assertThat(magnum.pods().list("k8sbay")).extracting(Pod::name).hasSize(5)
                .filteredOn(name -> name.matches("redis-[a-z0-9]{5}")).hasSize(3);

        // deleting the controllers deletes their pods
        magnum.replicationControllers().delete("k8sbay", "redis");
        magnum.replicationControllers().delete("k8sbay", "redis-sentinel");
        assertThat(magnum.pods().list("k8sbay")).isEmpty();
    }

    @Test
    void wrongManifestsAreTypedErrors()
    {
        assertThatThrownBy(() -> magnum.pods().create("k8sbay", manifest("redis-sentinel-service.yaml")))
                .isInstanceOfSatisfying(InvalidInputException.class,
                        e -> assertThat(e.violations()).extracting(v -> v.field()).containsExactly("manifest"))
                .hasMessageContaining("Service");
        assertThatThrownBy(() -> magnum.pods().create("k8sbay", "kind: Pod\nmetadata: [unclosed"))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> magnum.pods().create("k8sbay", "{\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"x\"}}"))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("kind");
        assertThatThrownBy(() -> magnum.pods().create("k8sbay",
                manifest("redis-master.yaml").replace("apiVersion: v1", "apiVersion: v1beta3")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("v1beta3");
    }

    @Test
    void aClientCertificateOfAnotherBaysCaIsATypedTlsError()
    {
        magnum.bays().create(BaySpec.of("otherbay", "k8sbaymodel", 1)).await(WAIT);
        Bay k8sbay = magnum.bays().get("k8sbay");
        var runtime = ((MagnumView) magnum).runtime();
        var own = runtime.certificates().tlsMaterial(k8sbay.uuid());
        var other = runtime.certificates().tlsMaterial(magnum.bays().get("otherbay").uuid());
        CoeDriver driver = runtime.drivers().find(new DriverKey("kubernetes", "vm", "fedora-atomic")).orElseThrow();
        BayEndpoint wrong = new BayEndpoint(k8sbay.apiAddress(), k8sbay.nodeAddresses(), java.util.Optional.of(
                new BayEndpoint.Tls(own.caPem(), other.certificatePem(), other.privateKeyPem())));
        try (CoeConnection connection = driver.connect(io.magnum.core.baymodel.BayModelValidator.view(
                magnum.bayModels().get("k8sbaymodel")), wrong)) {
            assertThatThrownBy(() -> connection.manifests().orElseThrow().list(ObjectKind.POD))
                    .isInstanceOfSatisfying(CoeException.class,
                            e -> assertThat(e.reason()).isEqualTo(CoeException.Reason.TLS));
            // through the facade's boundary it is a typed COE_TLS failure
            assertThatThrownBy(() -> runtime.guard().call("list pods",
                    () -> connection.manifests().orElseThrow().list(ObjectKind.POD)))
                    .isInstanceOfSatisfying(CoeFailedException.class,
                            e -> assertThat(e.code()).isEqualTo(ErrorCode.COE_TLS));
        }
        // and the bay's own certificates still work
        assertThat(magnum.pods().list("k8sbay")).isEmpty();
    }

    @Test
    void afterARotationTheBayIsReachedWithItsNewCa()
    {
        magnum.pods().create("k8sbay", manifest("redis-master.yaml"));
        String before = magnum.bays().get("k8sbay").apiAddress();
        magnum.certificates().rotate("k8sbay");
        Bay after = magnum.bays().get("k8sbay");
        assertThat(after.apiAddress()).as("a new endpoint, serving the new CA's certificate").isNotEqualTo(before);
        assertThat(magnum.pods().list("k8sbay")).as("a fresh local API: LocalCloud's objects live with the endpoint")
                .isEmpty();
    }

    /** The seed's NOTE: scaling down removes the nodes with no pods first, as Kubernetes itself reports them. */
    @Test
    void scalingDownRemovesTheNodeWithoutPods()
    {
        magnum.bays().update("k8sbay", io.magnum.model.PatchOperation.parse("replace", "node_count=2")).await(WAIT);
        Bay two = magnum.bays().get("k8sbay");
        assertThat(two.nodeAddresses()).hasSize(2);
        // pods go to the nodes in turn: the first lands on node 0 and is deleted, the second keeps node 1 busy, so
        // removing the highest-numbered node (Heat's default) would be the wrong choice
        Pod first = magnum.pods().create("k8sbay", manifest("redis-master.yaml").replace("name: redis-master",
                "name: redis-master-0"));
        Pod pod = magnum.pods().create("k8sbay", manifest("redis-master.yaml"));
        String busy = pod.host().orElseThrow();
        assertThat(busy).isNotEqualTo(first.host().orElseThrow()).isEqualTo(two.nodeAddresses().get(1));
        magnum.pods().delete("k8sbay", first.name());
        Bay one = magnum.bays().update("k8sbay", io.magnum.model.PatchOperation.parse("replace", "node_count=1"))
                .await(WAIT);
        assertThat(one.nodeAddresses()).as("the node running redis-master stays").containsExactly(busy);
        assertThat(magnum.pods().get("k8sbay", "redis-master").host()).contains(busy);
    }
}
