package io.magnum.local.coe.kubernetes;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.ReplicationControllerBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v1.Scale;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.magnum.spi.cloud.CoeHosting.HostedBay;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replication controllers on the local Kubernetes API make, replace, scale, adopt and delete their pods, as
 * Kubernetes' replication manager and garbage collector do; through fabric8's client, as the Kubernetes driver calls.
 */
class ReplicationControllersTest
{
    private static final List<String> NODES = List.of("10.0.0.3", "10.0.0.4");
    private static final String GENERATED = "web-[bcdfghjklmnpqrstvwxz2456789]{5}";

    private final KubernetesHost host = new KubernetesHost();
    private String address;
    private KubernetesClient k8s;

    @BeforeEach
    void bay()
    {
        address = host.start(new HostedBay("rc-bay", "kubernetes", "http://172.24.4.3:8080", NODES,
                Optional.empty()));
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl(address).withNamespace("default")
                .withRequestTimeout(10_000).build();
        k8s = new KubernetesClientBuilder().withConfig(config).build();
    }

    @AfterEach
    void close()
    {
        k8s.close();
        host.close();
    }

    @Test
    void aNewControllerMakesItsReplicasOnTheNodes()
    {
        ReplicationController rc = k8s.replicationControllers().resource(controller("web", 3)).create();
        assertThat(rc.getMetadata().getUid()).isNotEmpty();

        List<Pod> pods = pods("app", "web");
        assertThat(pods).hasSize(3);
        assertThat(pods).allSatisfy(pod -> {
            assertThat(pod.getMetadata().getName()).matches(GENERATED);
            assertThat(pod.getMetadata().getLabels()).isEqualTo(Map.of("app", "web", "tier", "front"));
            assertThat(pod.getMetadata().getAnnotations()).containsEntry("note", "from the template");
            assertThat(pod.getMetadata().getOwnerReferences()).singleElement().satisfies(owner -> {
                assertThat(owner.getKind()).isEqualTo("ReplicationController");
                assertThat(owner.getApiVersion()).isEqualTo("v1");
                assertThat(owner.getName()).isEqualTo("web");
                assertThat(owner.getUid()).isEqualTo(rc.getMetadata().getUid());
                assertThat(owner.getController()).isTrue();
            });
            assertThat(pod.getSpec().getContainers()).extracting(c -> c.getImage()).containsExactly("nginx:1.9");
            assertThat(pod.getSpec().getNodeName()).isIn(NODES);
            assertThat(pod.getStatus().getPhase()).isEqualTo("Running");
            assertThat(pod.getStatus().getPodIP()).startsWith("10.100.");
        });
        assertThat(pods).extracting(pod -> pod.getSpec().getNodeName()).as("scheduled in turn")
                .containsAll(NODES);

        ReplicationController shown = k8s.replicationControllers().withName("web").get();
        assertThat(shown.getStatus().getReplicas()).isEqualTo(3);
        assertThat(shown.getStatus().getReadyReplicas()).isEqualTo(3);
        assertThat(shown.getStatus().getAvailableReplicas()).isEqualTo(3);
        assertThat(shown.getStatus().getFullyLabeledReplicas()).isEqualTo(3);
        assertThat(shown.getStatus().getObservedGeneration()).isEqualTo(shown.getMetadata().getGeneration());
        assertThat(shown.getSpec().getReplicas()).isEqualTo(3);
    }

    @Test
    void scalesThroughTheScaleSubresourceAndByPatches()
    {
        k8s.replicationControllers().resource(controller("web", 2)).create();
        List<String> first = names(pods("app", "web"));

        // fabric8's scale(n): GET then PUT of the scale subresource
        ReplicationController scaled = k8s.replicationControllers().withName("web").scale(5);
        assertThat(scaled.getSpec().getReplicas()).isEqualTo(5);
        assertThat(scaled.getStatus().getReplicas()).isEqualTo(5);
        assertThat(pods("app", "web")).hasSize(5);
        Scale scale = k8s.replicationControllers().withName("web").scale();
        assertThat(scale.getSpec().getReplicas()).isEqualTo(5);
        assertThat(scale.getStatus().getReplicas()).isEqualTo(5);
        assertThat(scale.getStatus().getSelector()).isEqualTo("app=web");

        // a merge patch of spec.replicas, as the driver sends: the newest go first
        ReplicationController patched = k8s.replicationControllers().withName("web").patch(
                PatchContext.of(PatchType.JSON_MERGE), "{\"spec\":{\"replicas\":2}}");
        assertThat(patched.getSpec().getReplicas()).isEqualTo(2);
        assertThat(names(pods("app", "web"))).containsExactlyInAnyOrderElementsOf(first);
        ReplicationController shown = k8s.replicationControllers().withName("web").get();
        assertThat(shown.getStatus().getReplicas()).isEqualTo(2);
        assertThat(shown.getStatus().getObservedGeneration()).isEqualTo(shown.getMetadata().getGeneration());

        // a JSON patch (fabric8's edit) and a strategic merge patch
        k8s.replicationControllers().withName("web").edit(rc -> new ReplicationControllerBuilder(rc).editSpec()
                .withReplicas(4).endSpec().build());
        assertThat(pods("app", "web")).hasSize(4);
        k8s.replicationControllers().withName("web").patch(PatchContext.of(PatchType.STRATEGIC_MERGE),
                "{\"spec\":{\"replicas\":1}}");
        assertThat(names(pods("app", "web"))).as("the oldest stays").singleElement().isIn(first);

        // a replace (PUT) without status
        ReplicationController replacement = controller("web", 3);
        replacement.getMetadata().setResourceVersion(null);
        k8s.replicationControllers().resource(replacement).update();
        assertThat(pods("app", "web")).hasSize(3);
        assertThat(k8s.replicationControllers().withName("web").get().getStatus().getReplicas()).isEqualTo(3);

        // down to none
        k8s.replicationControllers().withName("web").scale(0);
        assertThat(pods("app", "web")).isEmpty();
        assertThat(k8s.replicationControllers().withName("web").get().getStatus().getReplicas()).isZero();
    }

    @Test
    void theScaleSubresourceOverHttp() throws Exception
    {
        k8s.replicationControllers().resource(controller("web", 1)).create();
        String scale = "/api/v1/namespaces/default/replicationcontrollers/web/scale";
        HttpResponse<String> got = http("GET", scale, null, null);
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(got.body()).contains("\"kind\":\"Scale\"", "\"apiVersion\":\"autoscaling/v1\"");

        assertThat(http("PATCH", scale, "[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":3}]",
                "application/json-patch+json").statusCode()).isEqualTo(200);
        assertThat(pods("app", "web")).hasSize(3);
        assertThat(http("PATCH", scale, "{\"spec\":{\"replicas\":2}}", "application/merge-patch+json")
                .body()).contains("\"replicas\":2");
        assertThat(pods("app", "web")).hasSize(2);

        assertThat(http("PUT", scale, "{\"spec\":{\"replicas\":-1}}", "application/json").statusCode())
                .isEqualTo(422);
        assertThat(http("PUT", scale, "{\"metadata\":{\"resourceVersion\":\"1\"},\"spec\":{\"replicas\":4}}",
                "application/json").statusCode()).as("a stale resourceVersion").isEqualTo(409);
        assertThat(http("GET", "/api/v1/namespaces/default/replicationcontrollers/nope/scale", null, null)
                .statusCode()).isEqualTo(404);
        assertThat(pods("app", "web")).hasSize(2);
    }

    @Test
    void aPodDeletedByHandIsReplaced()
    {
        k8s.replicationControllers().resource(controller("web", 3)).create();
        List<String> before = names(pods("app", "web"));

        k8s.pods().withName(before.get(1)).delete();

        List<String> after = names(pods("app", "web"));
        assertThat(after).hasSize(3).doesNotContain(before.get(1)).contains(before.get(0), before.get(2));
        assertThat(k8s.pods().withName(after.stream().filter(n -> !before.contains(n)).findFirst().orElseThrow())
                .get().getMetadata().getOwnerReferences()).extracting(OwnerReference::getName).containsExactly("web");
    }

    @Test
    void deletingAControllerDeletesItsPods()
    {
        k8s.replicationControllers().resource(controller("web", 2)).create();
        k8s.replicationControllers().resource(controller("db", 2, "app", "db")).create();
        assertThat(k8s.pods().list().getItems()).hasSize(4);

        // fabric8's default: propagationPolicy Background in the delete's body
        assertThat(k8s.replicationControllers().withName("web").delete()).hasSize(1);
        assertThat(k8s.replicationControllers().withName("web").get()).isNull();
        assertThat(pods("app", "web")).isEmpty();
        assertThat(pods("app", "db")).as("another controller's pods stay").hasSize(2);

        k8s.replicationControllers().withName("db").withPropagationPolicy(DeletionPropagation.FOREGROUND).delete();
        assertThat(k8s.pods().list().getItems()).isEmpty();
    }

    @Test
    void aDeleteWithoutOptionsCascadesAndOneAskingForOrphansDoesNot() throws Exception
    {
        k8s.replicationControllers().resource(controller("web", 2)).create();
        assertThat(http("DELETE", "/api/v1/namespaces/default/replicationcontrollers/web").statusCode())
                .isEqualTo(200);
        assertThat(pods("app", "web")).isEmpty();

        k8s.replicationControllers().resource(controller("web", 2)).create();
        assertThat(http("DELETE", "/api/v1/namespaces/default/replicationcontrollers/web?propagationPolicy=Orphan")
                .statusCode()).isEqualTo(200);
        assertThat(pods("app", "web")).hasSize(2);
    }

    @Test
    void theOrphanPolicyKeepsThePodsForTheNextControllerToAdopt()
    {
        k8s.replicationControllers().resource(controller("web", 2)).create();
        List<String> kept = names(pods("app", "web"));

        k8s.replicationControllers().withName("web").withPropagationPolicy(DeletionPropagation.ORPHAN).delete();
        assertThat(k8s.replicationControllers().withName("web").get()).isNull();
        List<Pod> orphans = pods("app", "web");
        assertThat(names(orphans)).containsExactlyInAnyOrderElementsOf(kept);
        assertThat(orphans).allSatisfy(pod -> assertThat(pod.getMetadata().getOwnerReferences()).isEmpty());

        ReplicationController again = k8s.replicationControllers().resource(controller("web-again", 3)).create();
        List<Pod> adopted = pods("app", "web");
        assertThat(adopted).hasSize(3);
        assertThat(names(adopted)).containsAll(kept);
        assertThat(adopted).allSatisfy(pod -> assertThat(pod.getMetadata().getOwnerReferences())
                .extracting(OwnerReference::getUid).containsExactly(again.getMetadata().getUid()));
    }

    @Test
    void aMatchingPodCreatedBeforeTheControllerIsAdopted()
    {
        Pod byHand = k8s.pods().resource(new PodBuilder().withNewMetadata().withName("by-hand")
                .withLabels(Map.of("app", "web", "role", "master")).endMetadata().withNewSpec().addNewContainer()
                .withName("web").withImage("nginx:1.9").endContainer().endSpec().build()).create();
        k8s.pods().resource(new PodBuilder().withNewMetadata().withName("other").withLabels(Map.of("app", "other"))
                .endMetadata().withNewSpec().addNewContainer().withName("x").withImage("busybox").endContainer()
                .endSpec().build()).create();

        ReplicationController rc = k8s.replicationControllers().resource(controller("web", 3)).create();

        List<Pod> pods = pods("app", "web");
        assertThat(pods).hasSize(3);
        assertThat(names(pods)).contains("by-hand");
        assertThat(pods.stream().filter(pod -> pod.getMetadata().getName().matches(GENERATED))).hasSize(2);
        Pod adopted = k8s.pods().withName("by-hand").get();
        assertThat(adopted.getMetadata().getUid()).isEqualTo(byHand.getMetadata().getUid());
        assertThat(adopted.getMetadata().getOwnerReferences()).singleElement()
                .satisfies(owner -> assertThat(owner.getUid()).isEqualTo(rc.getMetadata().getUid()));
        assertThat(k8s.pods().withName("other").get().getMetadata().getOwnerReferences()).isEmpty();

        // scaled down to one, the oldest stays: the adopted pod
        k8s.replicationControllers().withName("web").scale(1);
        assertThat(names(pods("app", "web"))).containsExactly("by-hand");
    }

    @Test
    void aPodOwnedByAnotherControllerIsNotTaken()
    {
        // the redis example: the master pod matches both controllers; the first to see it adopts it
        k8s.pods().resource(new PodBuilder().withNewMetadata().withName("redis-master")
                .withLabels(Map.of("name", "redis", "redis-sentinel", "true", "role", "master")).endMetadata()
                .withNewSpec().addNewContainer().withName("master").withImage("kubernetes/redis:v2").endContainer()
                .endSpec().build()).create();
        k8s.replicationControllers().resource(controller("redis", 2, "name", "redis")).create();
        k8s.replicationControllers().resource(new ReplicationControllerBuilder(controller("redis-sentinel", 2,
                "redis-sentinel", "true")).editSpec().editTemplate().editMetadata().addToLabels("name", "redis-sentinel")
                .endMetadata().endTemplate().endSpec().build()).create();

        assertThat(pods("name", "redis")).hasSize(2).extracting(pod -> pod.getMetadata().getName())
                .contains("redis-master");
        assertThat(pods("name", "redis-sentinel")).hasSize(2);
        assertThat(k8s.pods().list().getItems()).hasSize(4);
        assertThat(k8s.replicationControllers().withName("redis-sentinel").get().getStatus().getReplicas())
                .isEqualTo(2);
    }

    @Test
    void anEmptySelectorIsTheTemplatesLabelsAndARelabelledPodIsReleased()
    {
        ReplicationController bare = controller("web", 2);
        bare.getSpec().setSelector(null);
        k8s.replicationControllers().resource(bare).create();
        List<String> made = names(pods("app", "web"));
        assertThat(made).hasSize(2);

        // relabelled out of the selector: released (and replaced) at the controller's next change
        k8s.pods().withName(made.get(0)).patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"metadata\":{\"labels\":{\"app\":\"debug\"}}}");
        k8s.replicationControllers().withName("web").patch(PatchContext.of(PatchType.JSON_MERGE),
                "{\"metadata\":{\"annotations\":{\"touched\":\"yes\"}}}");
        assertThat(k8s.pods().withName(made.get(0)).get().getMetadata().getOwnerReferences()).isEmpty();
        assertThat(pods("app", "web")).hasSize(2).extracting(pod -> pod.getMetadata().getName())
                .doesNotContain(made.get(0));
    }

    private List<Pod> pods(String label, String value)
    {
        return k8s.pods().withLabel(label, value).list().getItems();
    }

    private static List<String> names(List<? extends HasMetadata> objects)
    {
        return objects.stream().map(o -> o.getMetadata().getName()).toList();
    }

    private static ReplicationController controller(String name, int replicas)
    {
        return controller(name, replicas, "app", "web");
    }

    private static ReplicationController controller(String name, int replicas, String label, String value)
    {
        return new ReplicationControllerBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withReplicas(replicas).withSelector(Map.of(label, value))
                .withNewTemplate().withNewMetadata().withLabels(Map.of(label, value, "tier", "front"))
                .withAnnotations(Map.of("note", "from the template")).endMetadata()
                .withNewSpec().addNewContainer().withName("web").withImage("nginx:1.9").endContainer().endSpec()
                .endTemplate().endSpec().build();
    }

    private HttpResponse<String> http(String method, String path) throws IOException, InterruptedException
    {
        return http(method, path, null, null);
    }

    private HttpResponse<String> http(String method, String path, String body, String contentType)
            throws IOException, InterruptedException
    {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(address + path))
                .timeout(Duration.ofSeconds(10)).method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
