package io.magnum.engine.kubernetes;

import io.magnum.spi.BayEndpoint;
import io.magnum.spi.coe.CoeObject;
import io.magnum.spi.coe.Manifest;
import io.magnum.spi.coe.ManifestObjects;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.magnum.spi.coe.ObjectKind.POD;
import static io.magnum.spi.coe.ObjectKind.REPLICATION_CONTROLLER;
import static io.magnum.spi.coe.ObjectKind.SERVICE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The seed's walkthrough (section 4.2) on a Kubernetes bay served by LocalCloud over mutual TLS, with the
 * replicated redis example's own files: the redis-master pod, the redis-sentinel service, the redis and
 * redis-sentinel replication controllers raised to 2 replicas (whose pods LocalCloud's Kubernetes makes), then list
 * and show.
 */
class RedisWalkthroughTest
{
    private final LocalKubernetes local = new LocalKubernetes();

    @AfterEach
    void close()
    {
        local.close();
    }

    @Test
    void runsTheReplicatedRedisExample()
    {
        BayEndpoint endpoint = local.tlsBay();
        assertThat(endpoint.apiAddress()).startsWith("https://127.0.0.1:");
        ManifestObjects k8s = local.connect(LocalKubernetes.TLS_MODEL, endpoint).manifests().orElseThrow();

        // magnum pod-create --manifest ./redis-master.yaml --bay k8sbay
        CoeObject master = k8s.create(POD, Manifest.of(LocalKubernetes.resource("redis-master.yaml")));
        assertThat(master.name()).isEqualTo("redis-master");
        assertThat(master.images()).containsExactly("kubernetes/redis:v2", "kubernetes/redis:v2");
        assertThat(master.labels()).isEqualTo(Map.of("name", "redis", "redis-sentinel", "true", "role", "master"));
        assertThat(master.host()).get().isIn(LocalKubernetes.NODES);
        assertThat(master.status()).contains("Running");

        // magnum coe-service-create --manifest ./redis-sentinel-service.yaml --bay k8sbay
        CoeObject sentinel = k8s.create(SERVICE, Manifest.of(LocalKubernetes.resource("redis-sentinel-service.yaml")));
        assertThat(sentinel.name()).isEqualTo("redis-sentinel");
        assertThat(sentinel.ports()).containsExactly(new CoeObject.ServicePort("k8s-service", "TCP", 26379, "26379"));
        assertThat(sentinel.selector()).isEqualTo(Map.of("redis-sentinel", "true"));
        assertThat(sentinel.ip()).isPresent();

        // the seed raises both controllers to 2 replicas with sed before creating them; here, by patch after
        CoeObject redis = k8s.create(REPLICATION_CONTROLLER,
                Manifest.of(LocalKubernetes.resource("redis-controller.yaml")));
        CoeObject sentinels = k8s.create(REPLICATION_CONTROLLER,
                Manifest.of(LocalKubernetes.resource("redis-sentinel-controller.yaml")));
        assertThat(redis.replicas()).contains(1);
        assertThat(sentinels.replicas()).contains(1);
        assertThat(k8s.patch(REPLICATION_CONTROLLER, "redis", Manifest.of("{\"spec\": {\"replicas\": 2}}"))
                .replicas()).contains(2);
        assertThat(k8s.patch(REPLICATION_CONTROLLER, "redis-sentinel", Manifest.of("spec:\n  replicas: 2\n"))
                .replicas()).contains(2);

        // magnum rc-list / pod-list / coe-service-list
        List<CoeObject> rcs = k8s.list(REPLICATION_CONTROLLER);
        assertThat(rcs).extracting(CoeObject::name).containsExactlyInAnyOrder("redis", "redis-sentinel");
        assertThat(rcs).allSatisfy(rc -> {
            assertThat(rc.replicas()).contains(2);
            assertThat(rc.images()).containsExactly("kubernetes/redis:v2");
        });
        // the controllers' pods: redis adopted redis-master (its selector, name=redis, matches it) and made one more;
        // the sentinels' selector matches redis-master too, but a pod has one controller, so they made two of theirs
        List<CoeObject> pods = k8s.list(POD);
        assertThat(pods).extracting(CoeObject::name).hasSize(4).contains("redis-master")
                .filteredOn(name -> name.matches("redis-[a-z0-9]{5}")).hasSize(1);
        assertThat(pods).filteredOn(pod -> pod.name().matches("redis-sentinel-[a-z0-9]{5}")).hasSize(2)
                .allSatisfy(pod -> {
                    assertThat(pod.labels()).containsEntry("redis-sentinel", "true").containsEntry("role", "sentinel");
                    assertThat(pod.images()).containsExactly("kubernetes/redis:v2");
                });
        assertThat(pods).allSatisfy(pod -> {
            assertThat(pod.host()).get().isIn(LocalKubernetes.NODES);
            assertThat(pod.status()).contains("Running");
        });
        assertThat(k8s.list(SERVICE)).extracting(CoeObject::name).containsExactly("redis-sentinel");

        // magnum rc-show / pod-show / coe-service-show, by name and by uuid
        CoeObject shown = k8s.get(REPLICATION_CONTROLLER, "redis-sentinel").orElseThrow();
        assertThat(shown.uuid()).isEqualTo(sentinels.uuid());
        assertThat(shown.selector()).isEqualTo(Map.of("redis-sentinel", "true"));
        assertThat(shown.labels()).isEmpty();
        assertThat(k8s.get(POD, master.uuid())).get().extracting(CoeObject::name).isEqualTo("redis-master");
        assertThat(k8s.get(SERVICE, "redis-sentinel").orElseThrow().ip()).isEqualTo(sentinel.ip());
        assertThat(k8s.get(REPLICATION_CONTROLLER, "redis").orElseThrow().manifest())
                .contains("\"replicas\":2", "\"kubernetes/redis:v2\"", "\"/redis-master-data\"");

        // magnum rc-delete redis: its pods go with it, the adopted redis-master among them
        assertThat(k8s.delete(REPLICATION_CONTROLLER, "redis")).isTrue();
        assertThat(k8s.list(POD)).extracting(CoeObject::name).hasSize(2)
                .allSatisfy(name -> assertThat(name).startsWith("redis-sentinel-"));
    }
}
