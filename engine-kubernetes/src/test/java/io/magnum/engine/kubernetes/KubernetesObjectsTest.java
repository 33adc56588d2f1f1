package io.magnum.engine.kubernetes;

import io.magnum.spi.BayEndpoint;
import io.magnum.spi.coe.CoeException;
import io.magnum.spi.coe.CoeException.Reason;
import io.magnum.spi.coe.CoeObject;
import io.magnum.spi.coe.Manifest;
import io.magnum.spi.coe.ManifestObjects;
import io.magnum.spi.coe.ObjectKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.Map;

import static io.magnum.spi.coe.ObjectKind.POD;
import static io.magnum.spi.coe.ObjectKind.REPLICATION_CONTROLLER;
import static io.magnum.spi.coe.ObjectKind.SERVICE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The driver's manifest objects against LocalCloud's Kubernetes API, over mutual TLS. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KubernetesObjectsTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private final LocalKubernetes local = new LocalKubernetes();
    private ManifestObjects objects;

    @BeforeEach
    void newBay()
    {
        BayEndpoint endpoint = local.tlsBay();
        objects = local.connect(LocalKubernetes.TLS_MODEL, endpoint).manifests().orElseThrow();
    }

    @AfterAll
    void close()
    {
        local.close();
    }

    static String yaml(ObjectKind kind, String name)
    {
        return switch (kind) {
            case POD -> """
                    apiVersion: v1
                    kind: Pod
                    metadata:
                      name: %s
                      labels:
                        app: web
                    spec:
                      containers:
                        - name: web
                          image: nginx:1.9
                        - name: sidecar
                          image: busybox
                    """.formatted(name);
            case SERVICE -> """
                    apiVersion: v1
                    kind: Service
                    metadata:
                      name: %s
                      labels:
                        app: web
                    spec:
                      selector:
                        app: web
                      ports:
                        - port: 80
                          targetPort: 8080
                        - name: admin
                          protocol: UDP
                          port: 9090
                          targetPort: admin
                    """.formatted(name);
            case REPLICATION_CONTROLLER -> """
                    apiVersion: v1
                    kind: ReplicationController
                    metadata:
                      name: %s
                      labels:
                        app: web
                    spec:
                      replicas: 3
                      selector:
                        app: web
                      template:
                        metadata:
                          labels:
                            app: web
                        spec:
                          containers:
                            - name: web
                              image: nginx:1.9
                    """.formatted(name);
        };
    }

    static String json(ObjectKind kind, String name)
    {
        return switch (kind) {
            case POD -> """
                    {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "%s", "labels": {"app": "web"}},
                     "spec": {"containers": [{"name": "web", "image": "nginx:1.9"},
                                             {"name": "sidecar", "image": "busybox"}]}}""".formatted(name);
            case SERVICE -> """
                    {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "%s", "labels": {"app": "web"}},
                     "spec": {"selector": {"app": "web"},
                              "ports": [{"port": 80, "targetPort": 8080},
                                        {"name": "admin", "protocol": "UDP", "port": 9090, "targetPort": "admin"}]}}"""
                    .formatted(name);
            case REPLICATION_CONTROLLER -> """
                    {"apiVersion": "v1", "kind": "ReplicationController",
                     "metadata": {"name": "%s", "labels": {"app": "web"}},
                     "spec": {"replicas": 3, "selector": {"app": "web"},
                              "template": {"metadata": {"labels": {"app": "web"}},
                                           "spec": {"containers": [{"name": "web", "image": "nginx:1.9"}]}}}}"""
                    .formatted(name);
        };
    }

    @ParameterizedTest
    @EnumSource(ObjectKind.class)
    void createsFromYamlAndJsonWithTheSeedsColumns(ObjectKind kind) throws Exception
    {
        CoeObject fromYaml = objects.create(kind, Manifest.of(yaml(kind, "from-yaml")));
        CoeObject fromJson = objects.create(kind, Manifest.of(json(kind, "from-json")));
        for (CoeObject o : new CoeObject[] {fromYaml, fromJson}) {
            assertThat(o.kind()).isEqualTo(kind);
            assertThat(o.uuid()).matches("[0-9a-f-]{36}");
            assertThat(o.labels()).isEqualTo(Map.of("app", "web"));
            JsonNode manifest = JSON.readTree(o.manifest());
            assertThat(manifest.path("kind").asText()).isEqualTo(kind.manifestKind());
            assertThat(manifest.path("metadata").path("uid").asText()).isEqualTo(o.uuid());
            assertThat(manifest.path("metadata").path("namespace").asText()).isEqualTo("default");
            switch (kind) {
                case POD -> {
                    assertThat(o.images()).containsExactly("nginx:1.9", "busybox");
                    assertThat(o.host()).get().isIn(LocalKubernetes.NODES);
                    assertThat(o.status()).contains("Running");
                    assertThat(o.selector()).isEmpty();
                    assertThat(o.replicas()).isEmpty();
                }
                case SERVICE -> {
                    assertThat(o.selector()).isEqualTo(Map.of("app", "web"));
                    assertThat(o.ports()).containsExactly(
                            new CoeObject.ServicePort("k8s-service", "TCP", 80, "8080"),
                            new CoeObject.ServicePort("admin", "UDP", 9090, "admin"));
                    assertThat(o.ip()).get().asString().startsWith("10.254.");
                    assertThat(o.images()).isEmpty();
                }
                case REPLICATION_CONTROLLER -> {
                    assertThat(o.replicas()).contains(3);
                    assertThat(o.selector()).isEqualTo(Map.of("app", "web"));
                    assertThat(o.images()).containsExactly("nginx:1.9");
                    assertThat(o.host()).isEmpty();
                }
            }
        }
        assertThat(fromYaml.name()).isEqualTo("from-yaml");
        assertThat(fromJson.name()).isEqualTo("from-json");
        assertThat(fromYaml.uuid()).isNotEqualTo(fromJson.uuid());
    }

    @ParameterizedTest
    @EnumSource(ObjectKind.class)
    void listsShowsReplacesPatchesAndDeletes(ObjectKind kind)
    {
        CoeObject created = objects.create(kind, Manifest.of(yaml(kind, "one")));
        objects.create(kind, Manifest.of(json(kind, "two")));

        assertThat(objects.list(kind)).extracting(CoeObject::name).containsExactlyInAnyOrder("one", "two");
        assertThat(objects.get(kind, "one")).get().extracting(CoeObject::uuid).isEqualTo(created.uuid());
        assertThat(objects.get(kind, created.uuid())).get().extracting(CoeObject::name).isEqualTo("one");
        assertThat(objects.get(kind, "three")).isEmpty();
        assertThat(objects.get(kind, "Not A Name/..")).isEmpty();

        // replace with a new manifest, in the other format, without a name (it takes the object's)
        String replacement = json(kind, "one").replace("\"name\": \"one\", ", "")
                .replace("\"app\": \"web\"}}", "\"app\": \"web\", \"tier\": \"new\"}}");
        CoeObject replaced = objects.replace(kind, "one", Manifest.of(replacement));
        assertThat(replaced.uuid()).isEqualTo(created.uuid());
        assertThat(replaced.labels()).containsEntry("tier", "new");
        assertThat(objects.get(kind, "one").orElseThrow().labels()).containsEntry("tier", "new");

        // JSON merge patch, in JSON and in YAML
        CoeObject patched = objects.patch(kind, "one", Manifest.of("{\"metadata\": {\"labels\": {\"tier\": null,"
                + " \"patched\": \"json\"}}}"));
        assertThat(patched.labels()).containsEntry("patched", "json").doesNotContainKey("tier");
        patched = objects.patch(kind, "one", Manifest.of("metadata:\n  labels:\n    patched: yaml\n"));
        assertThat(patched.labels()).containsEntry("patched", "yaml").containsEntry("app", "web");
        assertThat(patched.uuid()).isEqualTo(created.uuid());

        assertThat(objects.delete(kind, "one")).isTrue();
        assertThat(objects.delete(kind, "one")).isFalse();
        assertThat(objects.get(kind, "one")).isEmpty();
        assertThat(objects.list(kind)).extracting(CoeObject::name).containsExactly("two");
    }

    @Test
    void scalesAReplicationControllerByPatch()
    {
        objects.create(REPLICATION_CONTROLLER, Manifest.of(yaml(REPLICATION_CONTROLLER, "web")));
        assertThat(objects.patch(REPLICATION_CONTROLLER, "web", Manifest.of("{\"spec\":{\"replicas\":5}}"))
                .replicas()).contains(5);
        assertThat(objects.patch(REPLICATION_CONTROLLER, "web", Manifest.of("spec:\n  replicas: 1\n"))
                .replicas()).contains(1);
        assertThat(objects.get(REPLICATION_CONTROLLER, "web").orElseThrow().replicas()).contains(1);
    }

    @ParameterizedTest
    @EnumSource(ObjectKind.class)
    void aNameTakenIsAConflictAndAMissingObjectNotFound(ObjectKind kind)
    {
        objects.create(kind, Manifest.of(yaml(kind, "taken")));
        assertThatThrownBy(() -> objects.create(kind, Manifest.of(json(kind, "taken"))))
                .isInstanceOfSatisfying(CoeException.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.CONFLICT);
                    assertThat(e.getMessage()).contains("taken");
                });
        assertThatThrownBy(() -> objects.replace(kind, "missing", Manifest.of(yaml(kind, "missing"))))
                .isInstanceOfSatisfying(CoeException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
        assertThatThrownBy(() -> objects.patch(kind, "missing", Manifest.of("{\"metadata\":{\"labels\":{}}}")))
                .isInstanceOfSatisfying(CoeException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
        assertThatThrownBy(() -> objects.patch(kind, "Bad/Name", Manifest.of("{}")))
                .isInstanceOfSatisfying(CoeException.class, e -> assertThat(e.reason()).isEqualTo(Reason.NOT_FOUND));
        assertThat(objects.delete(kind, "missing")).isFalse();
        assertThat(objects.delete(kind, "../nodes/x")).isFalse();
    }

    @Test
    void aStaleResourceVersionIsAConflict()
    {
        CoeObject created = objects.create(POD, Manifest.of(yaml(POD, "versioned")));
        String version = JSON.valueToTree(readTree(created.manifest())).path("metadata").path("resourceVersion")
                .asText();
        objects.patch(POD, "versioned", Manifest.of("{\"metadata\":{\"labels\":{\"bump\":\"1\"}}}"));
        String stale = json(POD, "versioned").replace("\"name\": \"versioned\"",
                "\"name\": \"versioned\", \"resourceVersion\": \"" + version + "\"");
        assertThatThrownBy(() -> objects.replace(POD, "versioned", Manifest.of(stale)))
                .isInstanceOfSatisfying(CoeException.class, e -> assertThat(e.reason()).isEqualTo(Reason.CONFLICT));
    }

    private static JsonNode readTree(String json)
    {
        try {
            return JSON.readTree(json);
        }
        catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
